/**
 * QUALSCORE, SECTIONSCORE and GRADE cases. Expected values are worked out by hand in the
 * comments (Yes 1, No 0, Unknown/blank = unknownScore; % = 100·Σwv/Σw).
 */
import { ParityCase, SpecCell, col, err, grid, omit, row, val } from '../../support/parity';

const Y = 'Yes';
const N = 'No';
const U = 'Unknown';

const twelve = (v: SpecCell): SpecCell[] => new Array<SpecCell>(12).fill(v);

// Sections 1..4 = columns 1-3, 4-6, 7-9, 10-12 (the default).
// R1: s1 Y,Y,N · s2 Y,Y,Y · s3 Y,N,N · s4 Y,U,Y
const R1: SpecCell[] = [Y, Y, N, Y, Y, Y, Y, N, N, Y, U, Y];

/**
 * Two questions per section, answered Yes then No; weights a, 100−a make the section's % = a.
 * This hits the 70/40 boundaries exactly (100·70/100 = 70, no rounding).
 */
function gradeAt(p1: number, p2: number, p3: number, p4: number) {
  return [row(Y, N, Y, N, Y, N, Y, N), col(1, 1, 2, 2, 3, 3, 4, 4), col(p1, 100 - p1, p2, 100 - p2, p3, 100 - p3, p4, 100 - p4)];
}

const qualscore: ParityCase[] = [
  { fn: 'QUALSCORE', name: 'all Yes → 100', args: [row(...twelve(Y))], expect: 100 },
  // 7 Yes of 12, weight 1: 100·7/12 = 58.333…
  { fn: 'QUALSCORE', name: '7 of 12 Yes', args: [row(Y, Y, Y, Y, Y, Y, Y, N, N, N, N, N)], expect: 700 / 12 },
  // unknownScore 0.5: 6 Yes + 3 No + 3 Unknown·0.5 = 7.5 of 12 → 62.5
  { fn: 'QUALSCORE', name: 'unknownScore 0.5', args: [row(Y, Y, Y, Y, Y, Y, N, N, N, U, U, U), omit, val(0.5)], expect: 62.5 },
  // a deal nobody has assessed (every answer blank) has no score, whatever Unknown is worth
  { fn: 'QUALSCORE', name: 'no answer at all → blank', args: [row(...twelve(null)), omit, val(0.5)], expect: null },
  // one written answer: the eleven blanks count as Unknown = 0.5 → (1 + 11·0.5)/12 = 54.1666…
  {
    fn: 'QUALSCORE',
    name: 'blank answers count as Unknown once one is given',
    args: [row(Y, ...twelve(null).slice(1)), omit, val(0.5)],
    expect: (100 * (1 + 11 * 0.5)) / 12,
  },
  // R1 with unknownScore 0: 8 Yes of 12 → 66.666…
  { fn: 'QUALSCORE', name: 'Unknown worth 0 by default', args: [row(...R1)], expect: 800 / 12 },
  // rows: all Yes 100 · all No 0 · 6 Yes 6 No 50
  {
    fn: 'QUALSCORE',
    name: 'block: one score per opportunity',
    args: [grid([twelve(Y), twelve(N), [Y, N, Y, N, Y, N, Y, N, Y, N, Y, N]])],
    expect: [100, 0, 50],
  },
  // weights 2,1,1 with Yes,No,Yes: (2+1)/4 = 75
  { fn: 'QUALSCORE', name: 'weights', args: [row(Y, N, Y), col(2, 1, 1)], expect: 75 },
  // weights "2",1 as numeric text with Yes,No: 2/3 → 66.666…
  { fn: 'QUALSCORE', name: 'numeric-text weight', args: [row(Y, N), col('2', 1)], expect: 200 / 3 },
  // 是,是,否,未知 → 2 of 4 = 50
  { fn: 'QUALSCORE', name: 'zh answers', args: [row('是', '是', '否', '未知')], expect: 50 },
  // 1,0,TRUE,FALSE,?,-,−,y → 1,0,1,0,0,0,0,1 = 3 of 8 → 37.5
  { fn: 'QUALSCORE', name: 'numbers, booleans and symbols', args: [row(1, 0, true, false, '?', '-', '−', 'y')], expect: 37.5 },
  { fn: 'QUALSCORE', name: 'full-width and spaced Yes', args: [row('ＹＥＳ', ' yes ')], expect: 100 },
  { fn: 'QUALSCORE', name: 'single answer cell', args: [val('Yes')], expect: 100 },
  { fn: 'QUALSCORE', name: 'unknown answer text', args: [row(Y, 'maybe', N)], expect: err('VALUE') },
  { fn: 'QUALSCORE', name: 'a number that is not an answer', args: [row(Y, 2)], expect: err('VALUE') },
  // a bad row spoils only its own result
  {
    fn: 'QUALSCORE',
    name: 'bad answer in one row of a block',
    args: [
      grid([
        [Y, Y],
        [Y, 'maybe'],
        [N, N],
      ]),
    ],
    expect: [100, err('VALUE'), 0],
  },
  { fn: 'QUALSCORE', name: 'weights count differs from answers', args: [row(Y, N, Y), col(1, 1)], expect: err('VALUE') },
  { fn: 'QUALSCORE', name: 'negative weight', args: [row(Y, N), col(1, -1)], expect: err('VALUE') },
  { fn: 'QUALSCORE', name: 'text weight', args: [row(Y, N), col(1, 'two')], expect: err('VALUE') },
  { fn: 'QUALSCORE', name: 'blank weight', args: [row(Y, N), col(1, null)], expect: err('VALUE') },
  { fn: 'QUALSCORE', name: 'all weights zero → blank', args: [row(Y, N), col(0, 0)], expect: null },
  { fn: 'QUALSCORE', name: 'unknownScore above 1', args: [row(Y, U), omit, val(1.5)], expect: err('VALUE') },
  { fn: 'QUALSCORE', name: 'unknownScore not a number', args: [row(Y, U), omit, val('half')], expect: err('VALUE') },
  { fn: 'QUALSCORE', name: 'error cell in answers propagates', args: [row(Y, err('DIV0'))], expect: err('DIV0') },
  // an empty range is one blank answer: not assessed → blank
  { fn: 'QUALSCORE', name: 'empty range', args: [grid([])], expect: null },
];

const sectionscore: ParityCase[] = [
  // R1 s1: Y,Y,N → 2/3
  { fn: 'SECTIONSCORE', name: 'section 1', args: [row(...R1), val(1)], expect: 200 / 3 },
  // R1 s2: Y,Y,Y
  { fn: 'SECTIONSCORE', name: 'section 2', args: [row(...R1), val(2)], expect: 100 },
  // R1 s3: Y,N,N → 1/3
  { fn: 'SECTIONSCORE', name: 'section 3', args: [row(...R1), val(3)], expect: 100 / 3 },
  // R1 s4: Y,U,Y with Unknown 0.5 → 2.5/3 = 83.333…
  {
    fn: 'SECTIONSCORE',
    name: 'section 4 with unknownScore 0.5',
    args: [row(...R1), val(4), omit, omit, val(0.5)],
    expect: 250 / 3,
  },
  { fn: 'SECTIONSCORE', name: 'section given as text', args: [row(...R1), val('2')], expect: 100 },
  // rows: s1 of all Yes 100, of all No 0, of R1 66.7
  {
    fn: 'SECTIONSCORE',
    name: 'block: one result per opportunity',
    args: [grid([twelve(Y), twelve(N), R1]), val(1)],
    expect: [100, 0, 200 / 3],
  },
  // 4 questions, sections 1,1,2,2: s1 = Y,N → 50; s2 = Y,Y → 100
  { fn: 'SECTIONSCORE', name: 'custom sections (section 1)', args: [row(Y, N, Y, Y), val(1), col(1, 1, 2, 2)], expect: 50 },
  { fn: 'SECTIONSCORE', name: 'custom sections (section 2)', args: [row(Y, N, Y, Y), val(2), col(1, 1, 2, 2)], expect: 100 },
  // weights 3,1,0 over Y,N,Y in section 1: 3/4 → 75
  { fn: 'SECTIONSCORE', name: 'weighted section', args: [row(Y, N, Y), val(1), col(1, 1, 1), col(3, 1, 0)], expect: 75 },
  {
    fn: 'SECTIONSCORE',
    name: 'zh answers',
    args: [row('是', '否', '是', '是', '是', '是', '否', '否', '否', '未知', '未知', '是'), val(1)],
    expect: 200 / 3,
  },
  {
    fn: 'SECTIONSCORE',
    name: 'section without questions → #N/A',
    args: [row(Y, N, Y, Y), val(3), col(1, 1, 2, 2)],
    expect: err('NA'),
  },
  { fn: 'SECTIONSCORE', name: 'zero-weight section → blank', args: [row(Y, N), val(2), col(1, 2), col(1, 0)], expect: null },
  { fn: 'SECTIONSCORE', name: 'section 5', args: [row(...R1), val(5)], expect: err('VALUE') },
  { fn: 'SECTIONSCORE', name: 'section 1.5', args: [row(...R1), val(1.5)], expect: err('VALUE') },
  { fn: 'SECTIONSCORE', name: '4 answers without sections', args: [row(Y, N, Y, Y), val(1)], expect: err('VALUE') },
  { fn: 'SECTIONSCORE', name: 'sections count differs', args: [row(Y, N, Y, Y), val(1), col(1, 1, 2)], expect: err('VALUE') },
  { fn: 'SECTIONSCORE', name: 'section label not 1–4', args: [row(Y, N), val(1), col(1, 'x')], expect: err('VALUE') },
  { fn: 'SECTIONSCORE', name: 'unknown answer', args: [row(...R1.slice(0, 11), 'perhaps'), val(1)], expect: err('VALUE') },
  { fn: 'SECTIONSCORE', name: 'error in sections propagates', args: [row(Y, N), val(1), col(1, err('NA'))], expect: err('NA') },
];

const grade: ParityCase[] = [
  { fn: 'GRADE', name: 'all Yes → A', args: [row(...twelve(Y))], expect: 'A' },
  { fn: 'GRADE', name: 'all No → D', args: [row(...twelve(N))], expect: 'D' },
  // not assessed: no grade (a D would say "there is no opportunity", which nobody has judged)
  { fn: 'GRADE', name: 'no answer at all → blank', args: [row(...twelve(null))], expect: null },
  // sections 70,70,70,70: all ≥ 70 → A (boundary)
  { fn: 'GRADE', name: 'all sections exactly 70 → A', args: gradeAt(70, 70, 70, 70), expect: 'A' },
  // 100,100,100,69: three ≥ 70, none < 40 → B
  { fn: 'GRADE', name: 'one section 69 → B', args: gradeAt(100, 100, 100, 69), expect: 'B' },
  // 70,70,70,40: three ≥ 70, 40 is not below 40 → B (boundary)
  { fn: 'GRADE', name: 'three at 70, one at 40 → B', args: gradeAt(70, 70, 70, 40), expect: 'B' },
  // 100,100,100,39: one below 40 → not B; section 1 is 100 → C
  { fn: 'GRADE', name: 'three strong, one at 39 → C', args: gradeAt(100, 100, 100, 39), expect: 'C' },
  // 39,100,100,100: section 1 below 40 → not B; → D
  { fn: 'GRADE', name: 'section 1 at 39 → D', args: gradeAt(39, 100, 100, 100), expect: 'D' },
  // 40,100,100,100: three ≥ 70 and none below 40 → B
  { fn: 'GRADE', name: 'section 1 at 40, others strong → B', args: gradeAt(40, 100, 100, 100), expect: 'B' },
  // 100,100,69,69: only two ≥ 70, section 1 ≥ 40 → C
  { fn: 'GRADE', name: 'two strong sections → C', args: gradeAt(100, 100, 69, 69), expect: 'C' },
  // 40,0,0,0: nothing strong, section 1 = 40 not below 40 → C
  { fn: 'GRADE', name: 'section 1 at 40, others 0 → C', args: gradeAt(40, 0, 0, 0), expect: 'C' },
  // 30,100,100,100 → D (weak section 1 beats strong others)
  { fn: 'GRADE', name: 'weak section 1 → D', args: gradeAt(30, 100, 100, 100), expect: 'D' },
  // rows: all Yes A · s4 = 0 with s1 100 → C · s1 66.7, rest 100 → B · all No D
  {
    fn: 'GRADE',
    name: 'block: one grade per opportunity',
    args: [grid([twelve(Y), [Y, Y, Y, Y, Y, Y, Y, Y, Y, N, N, N], [Y, Y, N, Y, Y, Y, Y, Y, Y, Y, Y, Y], twelve(N)])],
    expect: ['A', 'C', 'B', 'D'],
  },
  // every answer Unknown at 0.7 → each section 70 → A
  { fn: 'GRADE', name: 'all Unknown at 0.7 → A', args: [row(...twelve(U)), omit, omit, val(0.7)], expect: 'A' },
  // one question per section, all Unknown at 0.4: every section 40 → nothing strong, s1 = 40 → C
  {
    fn: 'GRADE',
    name: 'one question per section at 0.4 → C',
    args: [row(U, U, U, U), col(1, 2, 3, 4), omit, val(0.4)],
    expect: 'C',
  },
  { fn: 'GRADE', name: 'zh answers', args: [row(...twelve('是'))], expect: 'A' },
  { fn: 'GRADE', name: 'a section has no question → #N/A', args: [row(Y, Y, Y), col(1, 2, 3)], expect: err('NA') },
  { fn: 'GRADE', name: 'zero-weight section → blank', args: [row(Y, Y, Y, Y), col(1, 2, 3, 4), col(1, 1, 1, 0)], expect: null },
  { fn: 'GRADE', name: '4 answers without sections', args: [row(Y, Y, Y, Y)], expect: err('VALUE') },
  { fn: 'GRADE', name: 'unknown answer', args: [row(...twelve(Y).slice(0, 11), 'sure')], expect: err('VALUE') },
  {
    fn: 'GRADE',
    name: 'error in weights propagates',
    args: [row(Y, Y, Y, Y), col(1, 2, 3, 4), col(1, err('DIV0'), 1, 1)],
    expect: err('DIV0'),
  },
];

export const cases: ParityCase[] = [...qualscore, ...sectionscore, ...grade];
