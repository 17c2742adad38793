/**
 * SCORE, AXISSCORE and TIER cases. Expected values are worked out by hand in the comments.
 * Default criteria (DESIGN §4): weights 25,15,10,10 (A) · 15,15,10 (P), Σ = 100, scale 1–5,
 * so n = (s − 1) / 4.
 * A whole-result error (#VALUE! for bad config or sizes) is checked with a one-row argument
 * driving the result size: HyperFormula fills a predicted n-row spill with n copies of it.
 */
import { ParityCase, col, err, grid, omit, row, val } from '../../support/parity';

// One account: scores 5,4,3,4,3,2,4 → n = 1, .75, .5, .75, .5, .25, .75
// weighted: 25·1 + 15·.75 + 10·.5 + 10·.75 = 25 + 11.25 + 5 + 7.5 = 48.75 (A, Σw 60)
//           15·.5 + 15·.25 + 10·.75 = 7.5 + 3.75 + 7.5 = 18.75 (P, Σw 40)
// SCORE = 100·(48.75 + 18.75)/100 = 67.5; A = 100·48.75/60 = 81.25; P = 100·18.75/40 = 46.875
const ACCOUNT = [5, 4, 3, 4, 3, 2, 4];
const WEIGHTS = [25, 15, 10, 10, 15, 15, 10];
const AXES = ['A', 'A', 'A', 'A', 'P', 'P', 'P'];

// Issue #18: weights 20/10/20/25/10/10/5, criterion 3 on 0–10, the rest on 1–5; scores 3,2,10,4,4,4,4.
// n = .5, .25, 1, .75, .75, .75, .75 → Σwn = 10 + 2.5 + 20 + 18.75 + 7.5 + 7.5 + 3.75 = 70 of Σw 100 → exactly 70.
const EXACT_SCORES = [3, 2, 10, 4, 4, 4, 4];
const EXACT_WEIGHTS = col(20, 10, 20, 25, 10, 10, 5);
const EXACT_MINS = col(1, 1, 0, 1, 1, 1, 1);
const EXACT_MAXS = col(5, 5, 10, 5, 5, 5, 5);

export const cases: ParityCase[] = [
  // ---- SCORE ----
  {
    fn: 'SCORE',
    name: 'a score exactly on a band is exactly that number (issue #18: 70, not 69.99999999999999)',
    args: [row(...EXACT_SCORES), EXACT_WEIGHTS, EXACT_MINS, EXACT_MAXS],
    expect: 70,
    exact: true,
  },
  // Same weights and scales, one row per band:
  //   4,1,5,3,3,5,3 → n = .75, 0, .5, .5, .5, 1, .5 → 15 + 0 + 10 + 12.5 + 5 + 10 + 2.5 = 55
  //   2,1,5,3,3,3,3 → n = .25, 0, .5, .5, .5, .5, .5 → 5 + 0 + 10 + 12.5 + 5 + 5 + 2.5 = 40
  {
    fn: 'SCORE',
    name: 'scores exactly on the bands 70, 55 and 40 are exactly those numbers (issue #18)',
    args: [grid([EXACT_SCORES, [4, 1, 5, 3, 3, 5, 3], [2, 1, 5, 3, 3, 3, 3]]), EXACT_WEIGHTS, EXACT_MINS, EXACT_MAXS],
    expect: [70, 55, 40],
    exact: true,
  },
  { fn: 'SCORE', name: 'one account, default weights (§4 example)', args: [row(...ACCOUNT)], expect: 67.5 },
  {
    fn: 'SCORE',
    name: 'one account, Criteria_Weight given',
    args: [row(...ACCOUNT), col(...WEIGHTS), col(1, 1, 1, 1, 1, 1, 1), col(5, 5, 5, 5, 5, 5, 5)],
    expect: 67.5,
  },
  { fn: 'SCORE', name: 'all top scores → 100', args: [row(5, 5, 5, 5, 5, 5, 5)], expect: 100 },
  { fn: 'SCORE', name: 'all bottom scores → 0', args: [row(1, 1, 1, 1, 1, 1, 1)], expect: 0 },
  // criteria 1 (w25, n=1) and 3 (w10, n=.5) only: 100·(25 + 5)/(25 + 10) = 100·30/35 = 600/7
  {
    fn: 'SCORE',
    name: 'blank criteria are left out of both sums',
    args: [row(5, null, 3, null, null, null, null)],
    expect: 600 / 7,
  },
  // "n/a" and TRUE left out: criteria 2..7 → 15·.75 + 10·.5 + 10·.75 + 15·.5 + 15·.25 + 10·.75 = 42.5 over Σw 75 → 56.666…
  { fn: 'SCORE', name: 'non-numeric criteria are left out', args: [row('n/a', 4, 3, 4, 3, 2, 4)], expect: (100 * 42.5) / 75 },
  { fn: 'SCORE', name: 'numeric text scores count', args: [row('5', '4', '3', '4', '3', '2', '4')], expect: 67.5 },
  // 7 clamps to 5 (n=1), 0 clamps to 1 (n=0), the rest n=0: 100·25/100 = 25
  { fn: 'SCORE', name: 'scores outside the scale are clamped', args: [row(7, 0, 1, 1, 1, 1, 1)], expect: 25 },
  // rows: all 5 → 100; nothing scored → #N/A; all 3 (n=.5) → 50
  {
    fn: 'SCORE',
    name: 'block of accounts → one score per row',
    args: [
      grid([
        [5, 5, 5, 5, 5, 5, 5],
        [null, null, null, null, null, null, null],
        [3, 3, 3, 3, 3, 3, 3],
      ]),
    ],
    expect: [100, err('NA'), 50],
  },
  // 3 columns → equal weights: n = 1, .75, .25 → 100·2/3
  { fn: 'SCORE', name: 'not seven columns → equal weights', args: [row(5, 4, 2)], expect: 200 / 3 },
  // weights 1,1,2: n = 1, 0, .5 → (1 + 0 + 1)/4 = .5
  { fn: 'SCORE', name: 'custom weights', args: [row(5, 1, 3), col(1, 1, 2)], expect: 50 },
  // 0–10 scale: n = 1, .5; weights 3,1 → (3 + .5)/4 = .875
  { fn: 'SCORE', name: 'custom min and max per criterion', args: [row(10, 5), col(3, 1), col(0, 0), col(10, 10)], expect: 87.5 },
  { fn: 'SCORE', name: 'one min and max for all criteria', args: [row(10, 5), col(3, 1), val(0), val(10)], expect: 87.5 },
  // blank min/max entries use 1 and 5: n = (3 − 1)/4 = .5, (5 − 0)/10 = .5 → 50
  {
    fn: 'SCORE',
    name: 'blank min/max entries use the 1–5 scale',
    args: [row(3, 5), omit, col(null, 0), col(null, 10)],
    expect: 50,
  },
  // scored: criterion 1 (w0, n=1), criterion 2 (w1, n=0) → 0/1 = 0
  { fn: 'SCORE', name: 'zero weight criterion counts for nothing', args: [row(5, 1), col(0, 1)], expect: 0 },
  { fn: 'SCORE', name: 'scored criteria all weight 0 → #N/A', args: [row(5, null), col(0, 1)], expect: err('NA') },
  { fn: 'SCORE', name: 'nothing scored → #N/A', args: [row(null, 'x', null)], expect: err('NA') },
  { fn: 'SCORE', name: 'single blank cell → #N/A', args: [val(null)], expect: err('NA') },
  { fn: 'SCORE', name: 'empty range → #N/A', args: [grid([])], expect: err('NA') },
  { fn: 'SCORE', name: 'weight count differs from criteria', args: [row(5, 4, 3), col(1, 2)], expect: err('VALUE') },
  { fn: 'SCORE', name: 'one score cell but seven weights', args: [val(5), col(...WEIGHTS)], expect: err('VALUE') },
  { fn: 'SCORE', name: 'negative weight', args: [row(5, 4), col(1, -1)], expect: err('VALUE') },
  { fn: 'SCORE', name: 'text weight', args: [row(5, 4), col(1, '二十')], expect: err('VALUE') },
  { fn: 'SCORE', name: 'blank weight entry', args: [row(5, 4), col(1, null)], expect: err('VALUE') },
  { fn: 'SCORE', name: 'max not above min', args: [row(3, 3), omit, col(1, 5), col(5, 5)], expect: err('VALUE') },
  { fn: 'SCORE', name: 'min/max count differs from criteria', args: [row(3, 3, 3), omit, col(1, 1)], expect: err('VALUE') },
  { fn: 'SCORE', name: 'error cell in scores propagates', args: [row(5, err('DIV0'), 3)], expect: err('DIV0') },

  // ---- AXISSCORE ----
  {
    fn: 'AXISSCORE',
    name: 'attractiveness (§4 example)',
    args: [row(...ACCOUNT), col(...AXES), val('A'), col(...WEIGHTS)],
    expect: 81.25,
  },
  {
    fn: 'AXISSCORE',
    name: 'position (§4 example)',
    args: [row(...ACCOUNT), col(...AXES), val('P'), col(...WEIGHTS)],
    expect: 46.875,
  },
  {
    fn: 'AXISSCORE',
    name: 'seven columns use the default weights',
    args: [row(...ACCOUNT), col(...AXES), val('P')],
    expect: 46.875,
  },
  {
    fn: 'AXISSCORE',
    name: 'zh axis names',
    args: [
      row(...ACCOUNT),
      col('吸引力', '吸引力', '吸引力', '吸引力', '竞争地位', '竞争地位', '竞争地位'),
      val('地位'),
      col(...WEIGHTS),
    ],
    expect: 46.875,
  },
  {
    fn: 'AXISSCORE',
    name: 'long names, any case',
    args: [
      row(...ACCOUNT),
      col('Attractiveness', 'attractiveness', 'ATTRACTIVENESS', 'A', 'Position', 'p', 'position'),
      val('attractiveness'),
      col(...WEIGHTS),
    ],
    expect: 81.25,
  },
  // criteria 1 and 3 on A (criterion 2 has no axis), weights 1: n = 1, .5 → 75
  {
    fn: 'AXISSCORE',
    name: 'criterion with blank axis is on neither axis',
    args: [row(5, 1, 3), col('A', null, 'A'), val('A')],
    expect: 75,
  },
  // rows: [5,1] → A n=1 → 100; [1,5] → A n=0 → 0; [blank,3] → no A criterion scored → #N/A
  {
    fn: 'AXISSCORE',
    name: 'block of accounts',
    args: [
      grid([
        [5, 1],
        [1, 5],
        [null, 3],
      ]),
      col('A', 'P'),
      val('A'),
    ],
    expect: [100, 0, err('NA')],
  },
  // A criteria 1 (w0, n=1) and 2 (w2, n=.5) → (0 + 1)/2 = .5
  {
    fn: 'AXISSCORE',
    name: 'custom weights with a zero',
    args: [row(5, 3, 5), col('A', 'A', 'P'), val('A'), col(0, 2, 1)],
    expect: 50,
  },
  { fn: 'AXISSCORE', name: 'no criterion on the axis → #N/A', args: [row(5, 3), col('A', 'A'), val('P')], expect: err('NA') },
  { fn: 'AXISSCORE', name: 'axis criteria not scored → #N/A', args: [row(5, null), col('A', 'P'), val('P')], expect: err('NA') },
  { fn: 'AXISSCORE', name: 'unknown axis in axes', args: [row(5, 3), col('A', 'X'), val('A')], expect: err('VALUE') },
  { fn: 'AXISSCORE', name: 'unknown axis argument', args: [row(5, 3), col('A', 'P'), val('Z')], expect: err('VALUE') },
  {
    fn: 'AXISSCORE',
    name: 'axes count differs from criteria',
    args: [row(5, 3, 4), col('A', 'P'), val('A')],
    expect: err('VALUE'),
  },
  {
    fn: 'AXISSCORE',
    name: 'weight count differs from criteria',
    args: [row(5, 3), col('A', 'P'), val('A'), col(1, 2, 3)],
    expect: err('VALUE'),
  },
  { fn: 'AXISSCORE', name: 'error cell in axes propagates', args: [row(5, 3), col('A', err('NA')), val('A')], expect: err('NA') },

  // ---- TIER ----
  // 81.25 ≥ 50, 46.875 < 50 → B
  { fn: 'TIER', name: 'one account, matrix (§4 example)', args: [val(81.25), val(46.875)], expect: 'B' },
  // (80,60) A · (80,40) B · (20,60) C · (20,40) D · (50,50) at both thresholds A · (blank,70) no tier
  {
    fn: 'TIER',
    name: 'matrix quadrants, thresholds inclusive, missing axis blank',
    args: [col(80, 80, 20, 20, 50, null), col(60, 40, 60, 40, 50, 70)],
    expect: ['A', 'B', 'C', 'D', 'A', null],
  },
  // T_A 60, T_P 40: (55,45) → att low, pos strong → C; (65,35) → att high, pos weak → B
  { fn: 'TIER', name: 'custom thresholds', args: [col(55, 65), col(45, 35), omit, omit, val(60), val(40)], expect: ['C', 'B'] },
  // bands 75/60/45: 80 A · 75 A · 60 B · 59.9 C · 44 D
  {
    fn: 'TIER',
    name: 'score method, default bands',
    args: [col(null, null, null, null, null), col(null, null, null, null, null), col(80, 75, 60, 59.9, 44), val('Score')],
    expect: ['A', 'A', 'B', 'C', 'D'],
  },
  // bands 90/70/50: 95 A · 70 B · 50 C · 49 D
  {
    fn: 'TIER',
    name: 'score method in zh (计分法), custom bands',
    args: [col(1, 1, 1, 1), col(1, 1, 1, 1), col(95, 70, 50, 49), val('计分法'), omit, omit, val(90), val(70), val(50)],
    expect: ['A', 'B', 'C', 'D'],
  },
  {
    fn: 'TIER',
    name: 'score method, missing score → blank',
    args: [col(null, null), col(null, null), col(80, null), val('Score')],
    expect: ['A', null],
  },
  // Issue #18: A ≥ bandA, B ≥ bandB, C ≥ bandC, so scores exactly on the bands take the higher tier.
  {
    fn: 'TIER',
    name: 'score method: scores exactly on the bands 70/55/40 → A, B, C (issue #18)',
    args: [col(null, null, null), col(null, null, null), col(70, 55, 40), val('Score'), omit, omit, val(70), val(55), val(40)],
    expect: ['A', 'B', 'C'],
  },
  { fn: 'TIER', name: 'score method ignores the axis values', args: [val('x'), val('y'), val(76), val('Score')], expect: 'A' },
  { fn: 'TIER', name: 'matrix in zh (矩阵法)', args: [col(90, 10), col(90, 10), omit, val('矩阵法')], expect: ['A', 'D'] },
  { fn: 'TIER', name: 'numeric text axis values', args: [val('80'), val('60')], expect: 'A' },
  { fn: 'TIER', name: 'score method without score', args: [val(80), val(60), omit, val('Score')], expect: err('VALUE') },
  {
    fn: 'TIER',
    name: 'bands not falling',
    args: [val(80), val(60), val(70), val('Score'), omit, omit, val(50), val(60), val(40)],
    expect: err('VALUE'),
  },
  { fn: 'TIER', name: 'unknown method', args: [val(80), val(60), omit, val('Fancy')], expect: err('VALUE') },
  { fn: 'TIER', name: 'mismatched sizes', args: [col(80), col(60, 20)], expect: err('VALUE') },
  { fn: 'TIER', name: 'text attractiveness', args: [val('high'), val(60)], expect: err('VALUE') },
  { fn: 'TIER', name: 'text threshold', args: [val(80), val(60), omit, omit, val('fifty')], expect: err('VALUE') },
  { fn: 'TIER', name: 'error cell propagates', args: [val(80), val(err('NA'))], expect: err('NA') },
  { fn: 'TIER', name: 'both blank → blank', args: [val(null), val(null)], expect: null },
];
