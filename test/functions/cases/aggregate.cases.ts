/**
 * Aggregate cases: SUM, COUNT, MEAN, SHARE, RATIO. Expected values are worked out by hand
 * in the comments.
 */
import { ArgSpec, ParityCase, col, err, val } from '../../support/parity';

const none: ArgSpec = { kind: 'grid', rows: [] };

// Six opportunities (46023 = 2026-01-01).
const AMT = col(100, 50, 30, 20, 70, 10);
const ST = col('Open', 'Won', '进行中', 'Lost', 'Open', 'NoDecision');
const GRADE = col('A', 'B', 'A', 'C', null, 'B');
const CLOSE = col(46023, 46100, 46200, 46300, 46400, 46500);

const sum: ParityCase[] = [
  // 100+50+30+20+70+10
  { fn: 'SUMWHERE', name: 'no filter', args: [AMT], expect: 280 },
  // Open rows 1, 3 (进行中), 5: 100+30+70
  { fn: 'SUMWHERE', name: 'open, zh status in data', args: [AMT, ST, val('Open')], expect: 200 },
  { fn: 'SUMWHERE', name: 'zh criterion 进行中', args: [AMT, ST, val('进行中')], expect: 200 },
  // Won 50 + Lost 20
  { fn: 'SUMWHERE', name: 'list criterion "Won,Lost"', args: [AMT, ST, val('Won,Lost')], expect: 70 },
  // not Open: Won 50, Lost 20, NoDecision 10
  { fn: 'SUMWHERE', name: '"<>Open"', args: [AMT, ST, val('<>Open')], expect: 80 },
  // 100, 50, 70
  { fn: 'SUMWHERE', name: 'comparison ">=50"', args: [AMT, AMT, val('>=50')], expect: 220 },
  // close before 46200: 100 + 50
  { fn: 'SUMWHERE', name: 'date comparison "<"&date', args: [AMT, CLOSE, val('<46200')], expect: 150 },
  // graded: all but row 5 (70): 280 − 70
  { fn: 'SUMWHERE', name: '"*" non-blank', args: [AMT, GRADE, val('*')], expect: 210 },
  { fn: 'SUMWHERE', name: '"=" blank', args: [AMT, GRADE, val('=')], expect: 70 },
  // Open, grade A, closing from 46100: row 3 only (row 1 closes 46023)
  { fn: 'SUMWHERE', name: 'three filters', args: [AMT, ST, val('Open'), GRADE, val('A'), CLOSE, val('>=46100')], expect: 30 },
  { fn: 'SUMWHERE', name: 'no row passes → 0', args: [AMT, ST, val('Nothing')], expect: 0 },
  // blank skipped; "5" is 5: 5 + 2.5
  { fn: 'SUMWHERE', name: 'blank and numeric-text values', args: [col(null, '5', 2.5)], expect: 7.5 },
  { fn: 'SUMWHERE', name: 'text in a counted row', args: [col(10, 'ten')], expect: err('VALUE') },
  { fn: 'SUMWHERE', name: 'text in a filtered-out row', args: [col(10, 'ten'), col('Open', 'Lost'), val('Open')], expect: 10 },
  {
    fn: 'SUMWHERE',
    name: 'filter differs in size',
    args: [col(1, 2, 3), col('Open', 'Open'), val('Open')],
    expect: err('VALUE'),
  },
  { fn: 'SUMWHERE', name: 'error cell in values', args: [col(1, err('DIV0'))], expect: err('DIV0') },
  // an error cell in a filter column fails that row's filter, as in SUMIFS: row 1 only
  {
    fn: 'SUMWHERE',
    name: 'error cell in a filter fails the row',
    args: [col(1, 2), col('Open', err('NA')), val('Open')],
    expect: 1,
  },
  { fn: 'SUMWHERE', name: 'comparison with a non-number', args: [AMT, AMT, val('>=abc')], expect: err('VALUE') },
  { fn: 'SUMWHERE', name: '0-row range', args: [none], expect: 0 },
];

const count: ParityCase[] = [
  // rows 1, 3, 5
  { fn: 'COUNTWHERE', name: 'open, zh status in data', args: [ST, val('Open')], expect: 3 },
  { fn: 'COUNTWHERE', name: 'zh criterion 进行中', args: [ST, val('进行中')], expect: 3 },
  { fn: 'COUNTWHERE', name: 'list criterion', args: [ST, val('Won,Lost')], expect: 2 },
  // 100, 50, 70
  { fn: 'COUNTWHERE', name: 'comparison ">=50"', args: [AMT, val('>=50')], expect: 3 },
  { fn: 'COUNTWHERE', name: 'number criterion', args: [AMT, val(50)], expect: 1 },
  { fn: 'COUNTWHERE', name: 'date comparison', args: [CLOSE, val('<46200')], expect: 2 },
  // 2026-03-01 = 46082: 46100 … 46500 → 5
  { fn: 'COUNTWHERE', name: 'comparison with an ISO date', args: [CLOSE, val('>=2026-03-01')], expect: 5 },
  { fn: 'COUNTWHERE', name: '"*" non-blank', args: [GRADE, val('*')], expect: 5 },
  { fn: 'COUNTWHERE', name: '"=" blank', args: [GRADE, val('=')], expect: 1 },
  // a blank criterion cell means non-blank
  { fn: 'COUNTWHERE', name: 'blank criterion cell', args: [GRADE, val(null)], expect: 5 },
  // Open, grade A or B, amount < 100: row 3 (进行中, A, 30); row 1 is 100
  { fn: 'COUNTWHERE', name: 'three filters', args: [ST, val('Open'), GRADE, val('A,B'), AMT, val('<100')], expect: 1 },
  { fn: 'COUNTWHERE', name: 'unknown values simply do not match', args: [col('Open', 'Maybe'), val('Open')], expect: 1 },
  {
    fn: 'COUNTWHERE',
    name: 'filters differ in size',
    args: [col('Open', 'Open', 'Won'), val('Open'), col(1, 2), val('>0')],
    expect: err('VALUE'),
  },
  // as COUNTIFS: the error row does not match
  { fn: 'COUNTWHERE', name: 'error cell in a filter fails the row', args: [col('Open', err('DIV0')), val('Open')], expect: 1 },
  { fn: 'COUNTWHERE', name: '0-row range', args: [none, val('*')], expect: 0 },
];

const mean: ParityCase[] = [
  { fn: 'MEAN', name: 'no filter', args: [AMT], expect: 280 / 6 },
  // (100 + 30 + 70) / 3
  { fn: 'MEAN', name: 'open, zh status in data', args: [AMT, ST, val('Open')], expect: 200 / 3 },
  { fn: 'MEAN', name: 'zh criterion 进行中', args: [AMT, ST, val('进行中')], expect: 200 / 3 },
  // (50 + 20) / 2
  { fn: 'MEAN', name: 'list criterion', args: [AMT, ST, val('Won,Lost')], expect: 35 },
  // grade A: (100 + 30) / 2
  { fn: 'MEAN', name: 'grade A', args: [AMT, GRADE, val('A')], expect: 65 },
  // Open, graded, closing by 46200: rows 1 and 3 → (100 + 30) / 2
  { fn: 'MEAN', name: 'three filters', args: [AMT, ST, val('Open'), GRADE, val('*'), CLOSE, val('<=46200')], expect: 65 },
  // (10 + 20) / 2: the blank is not a zero
  { fn: 'MEAN', name: 'blank cells are left out', args: [col(10, null, 20)], expect: 15 },
  { fn: 'MEAN', name: 'numeric text', args: [col('10', 20)], expect: 15 },
  { fn: 'MEAN', name: 'no row passes → blank', args: [AMT, ST, val('Nothing')], expect: null },
  { fn: 'MEAN', name: 'only blanks → blank', args: [col(null, null)], expect: null },
  { fn: 'MEAN', name: 'text in a counted row', args: [col(10, 'ten')], expect: err('VALUE') },
  { fn: 'MEAN', name: 'text in a filtered-out row', args: [col(10, 'ten'), col('Open', 'Lost'), val('Open')], expect: 10 },
  { fn: 'MEAN', name: 'filter differs in size', args: [col(1, 2, 3), col('Open', 'Open'), val('Open')], expect: err('VALUE') },
  { fn: 'MEAN', name: 'error cell in values', args: [col(1, err('DIV0'))], expect: err('DIV0') },
  { fn: 'MEAN', name: '0-row range', args: [none], expect: null },
];

const share: ParityCase[] = [
  // GRADE_A_SHARE: open rows 1 (A), 3 (A), 5 (blank) → 2/3
  { fn: 'SHARE', name: 'grade A among open', args: [GRADE, val('A'), ST, val('Open')], expect: 2 / 3 },
  { fn: 'SHARE', name: 'zh filter 进行中', args: [GRADE, val('A'), ST, val('进行中')], expect: 2 / 3 },
  // all six rows: A at rows 1, 3
  { fn: 'SHARE', name: 'no filter', args: [GRADE, val('A')], expect: 1 / 3 },
  // A or B: rows 1, 2, 3, 6
  { fn: 'SHARE', name: 'list criterion', args: [GRADE, val('A,B')], expect: 4 / 6 },
  // B, C, B (blank is not "<>A")
  { fn: 'SHARE', name: '"<>A"', args: [GRADE, val('<>A')], expect: 0.5 },
  // OVERDUE_RATE, as of 46300: open rows close 46023 (yes), 46200 (yes), 46400 (no)
  { fn: 'SHARE', name: 'overdue "<"&AsOfDate among open', args: [CLOSE, val('<46300'), ST, val('Open')], expect: 2 / 3 },
  // open rows with no grade: row 5
  { fn: 'SHARE', name: '"=" blank', args: [GRADE, val('='), ST, val('Open')], expect: 1 / 3 },
  { fn: 'SHARE', name: '"*" non-blank', args: [GRADE, val('*')], expect: 5 / 6 },
  // 100, 50, 70 of six
  { fn: 'SHARE', name: 'comparison ">=50"', args: [AMT, val('>=50')], expect: 0.5 },
  // 进行中 matches Open rows 1, 3, 5
  { fn: 'SHARE', name: 'zh criterion on status', args: [ST, val('进行中')], expect: 0.5 },
  { fn: 'SHARE', name: 'no row passes the filters → blank', args: [GRADE, val('A'), ST, val('Nothing')], expect: null },
  { fn: 'SHARE', name: 'filter differs in size', args: [GRADE, val('A'), col('Open'), val('Open')], expect: err('VALUE') },
  { fn: 'SHARE', name: 'error cell in column', args: [col('A', err('NA')), val('A')], expect: err('NA') },
  { fn: 'SHARE', name: 'comparison with a non-number', args: [CLOSE, val('<soon')], expect: err('VALUE') },
  { fn: 'SHARE', name: 'a single cell', args: [val('A'), val('A')], expect: 1 },
  // (0-row ranges are tested on the kernel in test/calc/aggregate.test.ts: a host's
  // 0-row stand-in is one blank cell, which does count as a row here)
];

const ratio: ParityCase[] = [
  { fn: 'RATIO', name: 'plain ratio', args: [val(3), val(4)], expect: 0.75 },
  { fn: 'RATIO', name: 'zero denominator → blank', args: [val(3), val(0)], expect: null },
  { fn: 'RATIO', name: 'blank numerator → blank', args: [val(null), val(4)], expect: null },
  { fn: 'RATIO', name: 'blank denominator → blank', args: [val(3), val(null)], expect: null },
  { fn: 'RATIO', name: 'both blank → blank', args: [val(null), val(null)], expect: null },
  { fn: 'RATIO', name: 'zero numerator', args: [val(0), val(5)], expect: 0 },
  { fn: 'RATIO', name: 'negative', args: [val(-3), val(4)], expect: -0.75 },
  { fn: 'RATIO', name: 'numeric text', args: [val('6'), val(3)], expect: 2 },
  { fn: 'RATIO', name: 'one-cell ranges', args: [col(6), col(3)], expect: 2 },
  { fn: 'RATIO', name: 'text numerator', args: [val('many'), val(3)], expect: err('VALUE') },
  { fn: 'RATIO', name: 'text denominator', args: [val(3), val('few')], expect: err('VALUE') },
  { fn: 'RATIO', name: 'boolean is not a number', args: [val(true), val(3)], expect: err('VALUE') },
  { fn: 'RATIO', name: 'range of two cells', args: [col(1, 2), val(2)], expect: err('VALUE') },
  { fn: 'RATIO', name: 'error cell', args: [val(err('DIV0')), val(2)], expect: err('DIV0') },
];

export const cases: ParityCase[] = [...sum, ...count, ...mean, ...share, ...ratio];
