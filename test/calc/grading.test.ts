/**
 * Grading by four questions (四问): hand-computed DESIGN §4 examples and fast-check properties.
 */
import fc from 'fast-check';
import { CalcError, Cell, Scalar } from '../../src/core/cells';
import {
  DEFAULT_QUESTIONS,
  DEFAULT_SECTIONS,
  Grade,
  SECTION_TITLES,
  answerValue,
  gradeFromSections,
  grades,
  qualScores,
  sectionScores,
} from '../../src/calc/grading';

const RUNS = { numRuns: 200 };
const Y = 'Yes';
const N = 'No';
const U = 'Unknown';

function one(r: Scalar[] | CalcError): Scalar {
  if (r instanceof CalcError) return r;
  expect(r).toHaveLength(1);
  return r[0];
}

describe('defaults (DESIGN §4)', () => {
  test('twelve questions, three per section, weight 1', () => {
    expect(DEFAULT_QUESTIONS.map((q) => q.id)).toEqual([
      'Q_Project',
      'Q_Funds',
      'Q_CompellingEvent',
      'Q_Criteria',
      'Q_Fit',
      'Q_UniqueValue',
      'Q_Mentor',
      'Q_Access',
      'Q_Relationships',
      'Q_Risk',
      'Q_Size',
      'Q_Lifetime',
    ]);
    expect(DEFAULT_SECTIONS).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
    expect(DEFAULT_QUESTIONS.every((q) => q.weight === 1 && q.text.en !== '' && q.text.zh !== '')).toBe(true);
    expect(Object.keys(SECTION_TITLES)).toEqual(['1', '2', '3', '4']);
  });
});

describe('answer values', () => {
  test.each<[Cell, number | undefined]>([
    ['Yes', 1],
    ['是', 1],
    [1, 1],
    [true, 1],
    ['TRUE', 1],
    ['y', 1],
    ['No', 0],
    ['否', 0],
    ['−', 0],
    ['-', 0],
    [0, 0],
    [false, 0],
    ['Unknown', 0.5],
    ['未知', 0.5],
    ['?', 0.5],
    [null, 0.5],
    ['  ', 0.5],
    ['maybe', undefined],
    [2, undefined],
    [0.5, undefined],
  ])('%p → %p (unknownScore 0.5)', (c, v) => {
    expect(answerValue(c, 0.5)).toBe(v);
  });
});

describe('gradeFromSections: every branch of the rule', () => {
  test.each<[number, number, number, number, Grade, string]>([
    [100, 100, 100, 100, 'A', 'all strong'],
    [70, 70, 70, 70, 'A', 'all exactly 70'],
    [69.9, 70, 70, 70, 'B', 'three strong, none weak'],
    [70, 70, 70, 40, 'B', 'three at 70, one exactly 40'],
    [40, 70, 70, 70, 'B', 'section 1 exactly 40, others strong'],
    [100, 100, 100, 39.9, 'C', 'three strong but one weak, section 1 fine'],
    [39.9, 100, 100, 100, 'D', 'three strong but section 1 weak'],
    [0, 0, 0, 0, 'D', 'nothing'],
    [100, 100, 69, 69, 'C', 'two strong'],
    [40, 0, 0, 0, 'C', 'section 1 exactly 40, rest nothing'],
    [39, 100, 0, 0, 'D', 'section 1 weak'],
    [69.99999999999999, 70, 70, 70, 'B', 'one ulp below 70 is below 70: sections are exact, no tolerance'],
  ])('%p %p %p %p → %s (%s)', (s1, s2, s3, s4, g) => {
    expect(gradeFromSections(s1, s2, s3, s4)).toBe(g);
  });
});

describe('QUALSCORE / SECTIONSCORE / GRADE kernels', () => {
  test('QUALSCORE with unknownScore 0.5', () => {
    // 5 Yes, 4 No, 3 Unknown (2 written, 1 blank): (5 + 1.5)/12 = 0.541666… → 54.1666…
    const row: Cell[] = [Y, N, U, Y, N, Y, '?', N, Y, null, N, Y];
    expect(one(qualScores({ answers: [row], unknownScore: 0.5 }))).toBeCloseTo(650 / 12, 12);
    // same answers, Unknown worth 0: 5/12
    expect(one(qualScores({ answers: [row] }))).toBeCloseTo(500 / 12, 12);
  });

  test('weights: 100·Σwv/Σw', () => {
    // Yes(w3) No(w1) Unknown·0.5(w2) → (3 + 0 + 1)/6 → 66.666…
    expect(one(qualScores({ answers: [[Y, N, U]], weights: [3, 1, 2], unknownScore: 0.5 }))).toBeCloseTo(400 / 6, 12);
  });

  test('section scores of one opportunity', () => {
    // s1 Y,N,N = 33.3 · s2 Y,Y,Y = 100 · s3 U,U,Y (0.5) = 2/3 · s4 N,N,N = 0
    const answers = [[Y, N, N, Y, Y, Y, U, U, Y, N, N, N]];
    const at = (s: number) => one(sectionScores({ answers, unknownScore: 0.5 }, s));
    expect(at(1)).toBeCloseTo(100 / 3, 12);
    expect(at(2)).toBe(100);
    expect(at(3)).toBeCloseTo(200 / 3, 12);
    expect(at(4)).toBe(0);
  });

  test('grades of a block, one per opportunity', () => {
    const answers = [
      [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y], // 100 ×4 → A
      [Y, Y, N, Y, Y, Y, Y, Y, Y, Y, Y, Y], // 66.7,100,100,100 → B
      [Y, Y, Y, Y, Y, Y, Y, Y, Y, N, N, N], // 100,100,100,0 → C
      [Y, N, N, Y, Y, Y, Y, Y, Y, Y, Y, Y], // 33.3,… → D
      [Y, Y, N, Y, Y, N, Y, N, N, Y, Y, Y], // 66.7,66.7,33.3,100 → C
    ];
    expect(grades({ answers })).toEqual(['A', 'B', 'C', 'D', 'C']);
  });

  test('bad answer: error naming row and column, other rows unaffected', () => {
    const r = qualScores({
      answers: [
        [Y, Y],
        [Y, 'maybe'],
      ],
    }) as Scalar[];
    expect(r[0]).toBe(100);
    expect(r[1]).toBeInstanceOf(CalcError);
    expect((r[1] as CalcError).message.en).toContain('row 2, column 2');
    expect((r[1] as CalcError).message.zh).toContain('第 2 行第 2 列');
  });

  test('setup problems stop the whole call', () => {
    expect(qualScores({ answers: [[Y, N]], weights: [1] })).toBeInstanceOf(CalcError);
    expect(qualScores({ answers: [[Y]], unknownScore: -0.1 })).toBeInstanceOf(CalcError);
    expect(sectionScores({ answers: [[Y, N]] }, 1)).toBeInstanceOf(CalcError); // 2 columns, no sections
    const na = sectionScores({ answers: [[Y, N]], sections: [1, 1] }, 2) as CalcError;
    expect(na.code).toBe('NA');
    expect((grades({ answers: [[Y, N, Y]], sections: [1, 2, 3] }) as CalcError).code).toBe('NA');
  });
});

// ---------------------------------------------------------------------------------------
// Properties

const answerCell = fc.constantFrom<Cell>(Y, N, U, '是', '否', '未知', '?', 1, 0, true, false, null, '');
const valueOf = (c: Cell, u: number): number =>
  c === Y || c === '是' || c === 1 || c === true ? 1 : c === N || c === '否' || c === 0 || c === false ? 0 : u;
const unknownScore = fc.integer({ min: 0, max: 100 }).map((k) => k / 100);
const weight = fc.integer({ min: 0, max: 10 });
/** An opportunity block over the default 12 questions. */
const block = fc.array(fc.array(answerCell, { minLength: 12, maxLength: 12 }), { minLength: 1, maxLength: 6 });

/** Section % computed here the long way, as a planner would on paper. */
function paperSections(row: Cell[], weights: number[], u: number): (number | null)[] {
  return [1, 2, 3, 4].map((s) => {
    const idx = DEFAULT_SECTIONS.map((sec, j) => (sec === s ? j : -1)).filter((j) => j >= 0);
    const w = idx.reduce((a, j) => a + weights[j], 0);
    return w === 0 ? null : (100 * idx.reduce((a, j) => a + weights[j] * valueOf(row[j], u), 0)) / w;
  });
}

describe('properties', () => {
  test('QualScore lies in [0, 100] (blank only when every weight is 0)', () => {
    fc.assert(
      fc.property(block, fc.array(weight, { minLength: 12, maxLength: 12 }), unknownScore, (answers, weights, u) => {
        const r = qualScores({ answers, weights, unknownScore: u }) as Scalar[];
        const allZero = weights.every((w) => w === 0);
        for (const q of r) {
          if (allZero) expect(q).toBeNull();
          else {
            expect(typeof q).toBe('number');
            expect(q as number).toBeGreaterThanOrEqual(0);
            expect(q as number).toBeLessThanOrEqual(100 + 1e-9);
          }
        }
      }),
      RUNS,
    );
  });

  test('QualScore is the section scores weighted by their total weights', () => {
    fc.assert(
      fc.property(
        block,
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 12, maxLength: 12 }),
        unknownScore,
        (answers, weights, u) => {
          const q = qualScores({ answers, weights, unknownScore: u }) as number[];
          answers.forEach((row, r) => {
            const secs = paperSections(row, weights, u) as number[];
            const W = [1, 2, 3, 4].map((s) => weights.filter((_, j) => DEFAULT_SECTIONS[j] === s).reduce((a, b) => a + b, 0));
            const expected = secs.reduce((a, s, k) => a + s * W[k], 0) / W.reduce((a, b) => a + b, 0);
            expect(q[r]).toBeCloseTo(expected, 9);
          });
        },
      ),
      RUNS,
    );
  });

  test('grade is A–D and follows the section rule', () => {
    fc.assert(
      fc.property(block, unknownScore, (answers, u) => {
        const g = grades({ answers, unknownScore: u }) as Scalar[];
        answers.forEach((row, r) => {
          const [s1, s2, s3, s4] = paperSections(row, new Array(12).fill(1), u) as number[];
          const secs = [s1, s2, s3, s4];
          const strong = secs.filter((s) => s >= 70 - 1e-9).length;
          const weak = secs.filter((s) => s < 40 - 1e-9).length;
          expect(['A', 'B', 'C', 'D']).toContain(g[r]);
          if (g[r] === 'A') expect(strong).toBe(4);
          if (g[r] === 'B') expect(strong === 3 && weak === 0).toBe(true);
          if (g[r] === 'D') expect(strong === 4 || (strong >= 3 && weak === 0) || s1 >= 40 - 1e-9).toBe(false);
          if (g[r] === 'C') expect(strong < 3 || weak > 0).toBe(true);
          if (g[r] === 'C') expect(s1).toBeGreaterThanOrEqual(40 - 1e-9);
        });
      }),
      RUNS,
    );
  });

  test('gradeFromSections on arbitrary percentages agrees with the rule', () => {
    const pct = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(pct, pct, pct, pct, (a, b, c, d) => {
        const g = gradeFromSections(a, b, c, d);
        const s = [a, b, c, d];
        const strong = s.filter((x) => x >= 70).length;
        const noneWeak = s.every((x) => x >= 40);
        const want = strong === 4 ? 'A' : strong >= 3 && noneWeak ? 'B' : a < 40 ? 'D' : 'C';
        expect(g).toBe(want);
      }),
      RUNS,
    );
  });

  test('turning a No into a Yes never lowers QualScore or the grade', () => {
    const rank: Record<string, number> = { A: 4, B: 3, C: 2, D: 1 };
    fc.assert(
      fc.property(
        fc.array(answerCell, { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 0, max: 11 }),
        unknownScore,
        (row, j, u) => {
          const before = row.map((c, k) => (k === j ? N : c));
          const after = row.map((c, k) => (k === j ? Y : c));
          const [q0, q1] = [before, after].map((a) => one(qualScores({ answers: [a], unknownScore: u })) as number);
          expect(q1).toBeGreaterThanOrEqual(q0);
          const [g0, g1] = [before, after].map((a) => one(grades({ answers: [a], unknownScore: u })) as string);
          expect(rank[g1]).toBeGreaterThanOrEqual(rank[g0]);
        },
      ),
      RUNS,
    );
  });

  test('a block gives the same results as its rows one by one', () => {
    fc.assert(
      fc.property(block, unknownScore, (answers, u) => {
        const all = grades({ answers, unknownScore: u }) as Scalar[];
        answers.forEach((row, r) => expect(one(grades({ answers: [row], unknownScore: u }))).toBe(all[r]));
      }),
      { numRuns: 100 },
    );
  });
});
