/**
 * The review functions of the account plan's "since last review" box: SNAPSHOTDATE (which
 * snapshot) and WHATMOVED (the deals of one key that moved since it, in words). Expected values
 * are worked out by hand in the comments; ISO dates of serials: 46100 = 2026-03-19,
 * 46114 = 2026-04-02, 46128 = 2026-04-16, 46200 = 2026-06-27, 46230 = 2026-07-27.
 */
import { ParityCase, col, err, lit, omit, val } from '../../support/parity';

// History: 46100 labelled "Kick-off" (two rows), 46114 unlabelled, 46128 labelled "Q1 review" (two rows).
const HD = col(46100, 46100, 46114, 46128, 46128);
const HL = col('Kick-off', 'Kick-off', null, 'Q1 review', 'Q1 review');

const snapshotDate: ParityCase[] = [
  // no choice: the latest on or before asOf (46120 → 46114)
  { fn: 'SNAPSHOTDATE', name: 'latest on or before the as-of date', args: [HD, HL, val(46120)], expect: 46114 },
  { fn: 'SNAPSHOTDATE', name: 'a snapshot on the as-of date itself', args: [HD, HL, val(46128)], expect: 46128 },
  { fn: 'SNAPSHOTDATE', name: 'none before the as-of date: blank', args: [HD, HL, val(46099)], expect: null },
  // a label picks its snapshot even after the as-of date, matched without case
  { fn: 'SNAPSHOTDATE', name: 'by label, without case', args: [HD, HL, val(46100), val('q1 REVIEW')], expect: 46128 },
  { fn: 'SNAPSHOTDATE', name: 'by the first label', args: [HD, HL, val(46200), val('Kick-off')], expect: 46100 },
  // a date: the latest on or before it (46127 → 46114)
  { fn: 'SNAPSHOTDATE', name: 'by date', args: [HD, HL, val(46200), val(46127)], expect: 46114 },
  { fn: 'SNAPSHOTDATE', name: 'by date as ISO text', args: [HD, HL, val(46200), val('2026-04-15')], expect: 46114 },
  { fn: 'SNAPSHOTDATE', name: 'an unknown label: blank', args: [HD, HL, val(46200), val('Q2 review')], expect: null },
  { fn: 'SNAPSHOTDATE', name: 'a date before every snapshot: blank', args: [HD, HL, val(46200), val(46000)], expect: null },
  { fn: 'SNAPSHOTDATE', name: 'an empty history: blank', args: [col(null, null), col(null, null), val(46200)], expect: null },
  {
    fn: 'SNAPSHOTDATE',
    name: 'zh label',
    args: [col(46300, 46314), col('四季度评审', null), val(46400), val('四季度评审')],
    expect: 46300,
  },
  { fn: 'SNAPSHOTDATE', name: 'dates and labels differ in size', args: [HD, col('a'), val(46200)], expect: err('VALUE') },
  { fn: 'SNAPSHOTDATE', name: 'asOfDate not a date', args: [HD, HL, val('soon')], expect: err('VALUE') },
];

// Deals now. O1..O4 of account A except O3 (B); O4 has no name; O5 was won before the snapshot.
const KEYS = col('A', 'A', 'B', 'A', 'A');
const IDS = col('O1', 'O2', 'O3', 'O4', 'O5');
const NAMES = col('Alpha', 'Beta', 'Gamma', null, 'Echo');
const STAGES = col('Qualify', 'Solution', 'Discover', 'Qualify', 'Proposal');
const STATUSES = col('Open', 'Open', 'Lost', 'Open', 'Won');
const AMOUNTS = col(100, 250, 50, 60, 90);
const CLOSES = col(46230, 46300, 46150, 46250, 46090);
const GRADES = col('B', 'A', 'C', 'C', 'A');
// Mentor now: O1 only (O4's mentor has gone).
const DC_OPP = col('O1', 'O4', 'O2');
const DC_SUPPORT = col('Mentor', 'Supporter', 'Neutral');
// History: at 46100 O1..O5 (O5 already Won); at 46114 O2 grew to 250.
const H_DATES = col(46100, 46100, 46100, 46100, 46100, 46114);
const H_IDS = col('O1', 'O2', 'O3', 'O4', 'O5', 'O2');
const H_STAGES = col('Qualify', 'Solution', 'Qualify', 'Proposal', 'Proposal', 'Solution');
const H_STATUSES = col('Open', 'Open', 'Open', 'Open', 'Won', 'Open');
const H_AMOUNTS = col(100, 200, 50, 80, 90, 250);
const H_CLOSES = col(46200, 46300, 46150, 46250, 46090, 46300);
const H_GRADES = col('B', 'A', 'C', 'B', 'A', 'A');
const H_MENTORS = col(true, false, false, true, true, false);
const STAGE_NAMES = col('Discover', 'Qualify', 'Solution', 'Proposal');
const STAGE_ORDERS = col(1, 2, 3, 4);

const moved = (key: ParityCase['args'][number], maxRows: number, since: ParityCase['args'][number], language = omit) => [
  KEYS,
  key,
  lit(maxRows),
  IDS,
  NAMES,
  STAGES,
  STATUSES,
  AMOUNTS,
  CLOSES,
  GRADES,
  DC_OPP,
  DC_SUPPORT,
  H_DATES,
  H_IDS,
  H_STAGES,
  H_STATUSES,
  H_AMOUNTS,
  H_CLOSES,
  H_GRADES,
  H_MENTORS,
  since,
  STAGE_NAMES,
  STAGE_ORDERS,
  language,
];

const ALPHA = ['Alpha', 'slipped 2026-06-27 → 2026-07-27'];
// O4: Proposal (4) → Qualify (2), B → C, mentor TRUE → none, 80 → 60
const O4 = ['O4', 'moved back a stage Proposal → Qualify; dropped a grade B → C; lost its mentor; shrank −20'];

const whatMoved: ParityCase[] = [
  // since 46100: O1 slipped, O2 grew 200 → 250, O4 four moves; O3 is B's; O5 was decided then
  {
    fn: 'WHATMOVED',
    name: 'an account’s deals since the first snapshot',
    args: moved(val('A'), 4, val(46100)),
    expect: [ALPHA, ['Beta', 'grew +50'], O4, [null, null]],
  },
  // since 46114: O2's row of 46114 says 250, as now; O1 and O4 still compare with 46100
  {
    fn: 'WHATMOVED',
    name: 'since a later snapshot: the latest row of each deal on or before it',
    args: moved(val('A'), 3, val(46114)),
    expect: [ALPHA, O4, [null, null]],
  },
  {
    fn: 'WHATMOVED',
    name: 'another key: lost',
    args: moved(val('b'), 2, val(46100)),
    expect: [
      ['Gamma', 'lost'],
      [null, null],
    ],
  },
  {
    fn: 'WHATMOVED',
    name: 'zh words',
    args: moved(val('A'), 2, val(46114), val('zh-CN')),
    expect: [
      ['Alpha', '推迟结单 2026-06-27 → 2026-07-27'],
      ['O4', '阶段后退 Proposal → Qualify；等级下降 B → C；失去内线教练；金额减少 −20'],
    ],
  },
  // three moved, two rows: one shown, the last row says 2 more
  {
    fn: 'WHATMOVED',
    name: 'overflow: last row reads … +N',
    args: moved(val('A'), 2, val(46100)),
    expect: [ALPHA, ['… +2', null]],
  },
  {
    fn: 'WHATMOVED',
    name: 'blank sinceDate: a blank block',
    args: moved(val('A'), 2, val(null)),
    expect: [
      [null, null],
      [null, null],
    ],
  },
  {
    fn: 'WHATMOVED',
    name: 'blank key: a blank block',
    args: moved(val(null), 2, val(46100)),
    expect: [
      [null, null],
      [null, null],
    ],
  },
  {
    fn: 'WHATMOVED',
    name: 'before any snapshot: nothing is known to have moved',
    args: moved(val('A'), 2, val(46000)),
    expect: [
      [null, null],
      [null, null],
    ],
  },
  {
    fn: 'WHATMOVED',
    name: 'zh statuses and support',
    args: [
      col('甲'),
      val('甲'),
      lit(1),
      col('商机一'),
      col('扩容项目'),
      col('Qualify'),
      col('赢单'),
      col(10),
      col(46200),
      col('A'),
      col('商机一'),
      col('内线教练'),
      col(46100),
      col('商机一'),
      col('Qualify'),
      col('进行中'),
      col(10),
      col(46200),
      col('A'),
      col(true),
      val(46100),
      STAGE_NAMES,
      STAGE_ORDERS,
      val('zh'),
    ],
    expect: [['扩容项目', '赢单']],
  },
  { fn: 'WHATMOVED', name: 'maxRows 0 is refused', args: moved(val('A'), 0, val(46100)), expect: err('VALUE') },
  {
    fn: 'WHATMOVED',
    name: 'sinceDate not a date',
    args: moved(val('A'), 1, val('last review')),
    expect: err('VALUE'),
  },
  {
    fn: 'WHATMOVED',
    name: 'history columns differ in size',
    args: moved(val('A'), 1, val(46100)).map((a, i) => (i === 14 ? col('Qualify') : a)),
    expect: err('VALUE'),
  },
  {
    fn: 'WHATMOVED',
    name: 'deal columns differ in size',
    args: moved(val('A'), 1, val(46100)).map((a, i) => (i === 5 ? col('Qualify') : a)),
    expect: err('VALUE'),
  },
];

export const cases: ParityCase[] = [...snapshotDate, ...whatMoved];
