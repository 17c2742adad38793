/**
 * Activity cases: ACCOUNTOF, LASTACTIVITY, STALE, ACTIVITYCOUNT, KEYINFO.
 * Dates are Excel serials: 46023 = 2026-01-01, 46082 = 2026-03-01, 46113 = 2026-04-01.
 * AsOfDate is 46100 unless a case says otherwise. Expected values are worked out by hand in
 * the comments. Error cases use one key, because a spilled error fills the whole predicted
 * range in HyperFormula.
 */
import { ParityCase, SpecCell, col, err, grid, omit, row, val } from '../../support/parity';

const AS_OF = val(46100);

const accountOf: ParityCase[] = [
  // A9 own account; O1 → A1; O2 → A2; O3 has no account → blank; O7 unknown → blank
  {
    fn: 'ACCOUNTOF',
    name: 'own account, else the opportunity’s',
    args: [col('A9', null, null, null, null), col('O1', 'O1', 'O2', 'O3', 'O7'), col('O1', 'O2', 'O3'), col('A1', 'A2', null)],
    expect: ['A9', 'A1', 'A2', null, null],
  },
  {
    fn: 'ACCOUNTOF',
    name: 'own account wins over the opportunity’s',
    args: [col('A9'), col('O1'), col('O1'), col('A1')],
    expect: 'A9',
  },
  { fn: 'ACCOUNTOF', name: 'neither known → blank', args: [col(null), col(null), col('O1'), col('A1')], expect: null },
  {
    fn: 'ACCOUNTOF',
    name: 'opportunity matched case- and space-insensitively',
    args: [col(null), col('o2 '), col('O1', 'O2'), col('A1', 'A2')],
    expect: 'A2',
  },
  // '2' matches opportunity 2, whose account is 200
  { fn: 'ACCOUNTOF', name: 'numeric ids', args: [col(null), col('2'), col(1, 2), col(100, 200)], expect: 200 },
  {
    fn: 'ACCOUNTOF',
    name: 'duplicate opportunity id: first row wins',
    args: [col(null), col('O1'), col('O1', 'O1'), col('A1', 'A2')],
    expect: 'A1',
  },
  {
    fn: 'ACCOUNTOF',
    name: 'zh ids',
    args: [col(null, '客户甲'), col('商机一', null), col('商机一'), col('客户乙')],
    expect: ['客户乙', '客户甲'],
  },
  {
    fn: 'ACCOUNTOF',
    name: 'spaces-only account counts as blank',
    args: [col('   '), col('O1'), col('O1'), col('A1')],
    expect: 'A1',
  },
  {
    fn: 'ACCOUNTOF',
    name: 'account returned as written',
    args: [col('acme Ltd', null), col(null, 'O1'), col('O1'), col('Beta Co')],
    expect: ['acme Ltd', 'Beta Co'],
  },
  {
    fn: 'ACCOUNTOF',
    name: 'no opportunities',
    args: [col('A1', null), col(null, 'O1'), grid([]), grid([])],
    expect: ['A1', null],
  },
  {
    fn: 'ACCOUNTOF',
    name: 'activity columns differ in size',
    args: [col('A1'), col('O1', 'O2'), col('O1'), col('A1')],
    expect: err('VALUE'),
  },
  {
    fn: 'ACCOUNTOF',
    name: 'opportunity columns differ in size',
    args: [col('A1'), col('O1'), col('O1', 'O2'), col('A1')],
    expect: err('VALUE'),
  },
  {
    fn: 'ACCOUNTOF',
    name: 'error cell in opportunity accounts',
    args: [col(null), col('O1'), col('O1'), col(err('NA'))],
    expect: err('NA'),
  },
];

// Activities: O1 on 46090 (Visit), 46095 (Call), 46120 (高层拜访, after AsOfDate); O2 on 46050
// (ExecutiveMeeting); O3 has no date.
const ACT_KEY = col('O1', 'O1', 'O2', 'O1', 'O3');
const ACT_DATE = col(46090, 46095, 46050, 46120, null);
const ACT_TYPE = col('Visit', 'Call', 'ExecutiveMeeting', '高层拜访', 'Visit');
const KEYS = col('O1', 'O2', 'O3', 'O4');

const lastActivity: ParityCase[] = [
  // O1: 46095 (46120 is after AsOfDate); O2: 46050; O3 no date; O4 no activity
  {
    fn: 'LASTACTIVITY',
    name: 'latest on or before AsOfDate',
    args: [KEYS, ACT_KEY, ACT_DATE, AS_OF],
    expect: [46095, 46050, null, null],
  },
  // O1's executive meeting is after AsOfDate → blank; O2's on 46050
  {
    fn: 'LASTACTIVITY',
    name: 'executive meetings only',
    args: [KEYS, ACT_KEY, ACT_DATE, AS_OF, ACT_TYPE, val('ExecutiveMeeting')],
    expect: [null, 46050, null, null],
  },
  // 高层拜访 is the same type: same result
  {
    fn: 'LASTACTIVITY',
    name: 'type in zh (高层拜访)',
    args: [KEYS, ACT_KEY, ACT_DATE, AS_OF, ACT_TYPE, val('高层拜访')],
    expect: [null, 46050, null, null],
  },
  // Visit 46090 or Call 46095 → 46095 for O1
  {
    fn: 'LASTACTIVITY',
    name: 'type list',
    args: [KEYS, ACT_KEY, ACT_DATE, AS_OF, ACT_TYPE, val('Visit,Call')],
    expect: [46095, null, null, null],
  },
  {
    fn: 'LASTACTIVITY',
    name: 'visits only (拜访)',
    args: [KEYS, ACT_KEY, ACT_DATE, AS_OF, ACT_TYPE, val('拜访')],
    expect: [46090, null, null, null],
  },
  // AsOfDate 2026-05-01 = 46143: O1's 46120 now counts
  {
    fn: 'LASTACTIVITY',
    name: 'AsOfDate as ISO text',
    args: [KEYS, ACT_KEY, ACT_DATE, val('2026-05-01')],
    expect: [46120, 46050, null, null],
  },
  {
    fn: 'LASTACTIVITY',
    name: 'activity on AsOfDate counts',
    args: [col('O1'), col('O1', 'O1'), col(46100, 46101), AS_OF],
    expect: 46100,
  },
  // 2026-03-01 = 46082
  {
    fn: 'LASTACTIVITY',
    name: 'activity date as ISO text',
    args: [col('O1'), col('O1'), col('2026-03-01'), AS_OF],
    expect: 46082,
  },
  // a company's own type is matched as written
  {
    fn: 'LASTACTIVITY',
    name: 'custom activity type',
    args: [col('O1'), col('O1', 'O1'), col(46080, 46090), AS_OF, col('WeChat', 'Visit'), val('wechat')],
    expect: 46080,
  },
  {
    fn: 'LASTACTIVITY',
    name: 'blank key is blank',
    args: [col(null, 'O1'), col('O1'), col(46090), AS_OF],
    expect: [null, 46090],
  },
  { fn: 'LASTACTIVITY', name: 'no activities', args: [col('O1', 'O2'), grid([]), grid([]), AS_OF], expect: [null, null] },
  {
    fn: 'LASTACTIVITY',
    name: 'text date in a row',
    args: [col('O1'), col('O1', 'O1'), col(46090, 'soon'), AS_OF],
    expect: err('VALUE'),
  },
  {
    fn: 'LASTACTIVITY',
    name: 'type without activity types',
    args: [col('O1'), col('O1'), col(46090), AS_OF, omit, val('Visit')],
    expect: err('VALUE'),
  },
  {
    fn: 'LASTACTIVITY',
    name: 'activity columns differ in size',
    args: [col('O1'), col('O1', 'O2'), col(46090), AS_OF],
    expect: err('VALUE'),
  },
  {
    fn: 'LASTACTIVITY',
    name: 'types of another size',
    args: [col('O1'), col('O1'), col(46090), AS_OF, col('Visit', 'Call'), val('Visit')],
    expect: err('VALUE'),
  },
  {
    fn: 'LASTACTIVITY',
    name: 'AsOfDate not a date',
    args: [col('O1'), col('O1'), col(46090), val('today')],
    expect: err('VALUE'),
  },
  { fn: 'LASTACTIVITY', name: 'error cell in dates', args: [col('O1'), col('O1'), col(err('DIV0')), AS_OF], expect: err('DIV0') },
];

const stale: ParityCase[] = [
  // 46100−46070 = 30 ≥ 30 → TRUE; 29 → FALSE; blank → TRUE; 0 → FALSE; future (−20) → FALSE
  {
    fn: 'STALE',
    name: 'one interval for all',
    args: [col(46070, 46071, null, 46100, 46120), AS_OF, val(30)],
    expect: [true, false, true, false, false],
  },
  // 30 ≥ 30 TRUE; 30 < 31 FALSE; no interval → blank; blank date → TRUE
  {
    fn: 'STALE',
    name: 'interval per row',
    args: [col(46070, 46070, 46070, null), AS_OF, col(30, 31, null, 60)],
    expect: [true, false, null, true],
  },
  { fn: 'STALE', name: 'zero days: stale unless in the future', args: [col(46100, 46101), AS_OF, val(0)], expect: [true, false] },
  // 46082 is 18 days before 46100: 18 ≥ 18 TRUE, 18 < 18.5 FALSE
  { fn: 'STALE', name: 'fractional interval', args: [col(46082, 46082), AS_OF, col(18, 18.5)], expect: [true, false] },
  // 2026-04-11 = 46123; 46123 − 46093 = 30 → TRUE
  { fn: 'STALE', name: 'AsOfDate as ISO text', args: [col(46093), val('2026-04-11'), val(30)], expect: true },
  // 2026-03-01 = 46082: 18 days < 30 → FALSE
  { fn: 'STALE', name: 'last date as ISO text', args: [col('2026-03-01'), AS_OF, val(30)], expect: false },
  { fn: 'STALE', name: 'days as numeric text', args: [col(46070), AS_OF, val('30')], expect: true },
  { fn: 'STALE', name: 'no activity at all → stale', args: [col(null, null), AS_OF, val(30)], expect: [true, true] },
  { fn: 'STALE', name: 'text last date', args: [col('soon'), AS_OF, val(30)], expect: err('VALUE') },
  { fn: 'STALE', name: 'negative days', args: [col(46070), AS_OF, val(-1)], expect: err('VALUE') },
  { fn: 'STALE', name: 'days not a number', args: [col(46070), AS_OF, val('thirty')], expect: err('VALUE') },
  { fn: 'STALE', name: 'days blank', args: [col(46070), AS_OF, val(null)], expect: err('VALUE') },
  { fn: 'STALE', name: 'days column of another size', args: [col(46070), AS_OF, col(30, 60)], expect: err('VALUE') },
  { fn: 'STALE', name: 'AsOfDate not a date', args: [col(46070), val('now'), val(30)], expect: err('VALUE') },
  { fn: 'STALE', name: 'error cell in last dates', args: [col(err('NA')), AS_OF, val(30)], expect: err('NA') },
];

// Activities: O1 on 46090 Visit, 46070 Call, 46120 高层拜访 (future), 46071 Visit; O2 on 46050
// ExecutiveMeeting; O3 without date.
const C_KEY = col('O1', 'O1', 'O2', 'O1', 'O3', 'O1');
const C_DATE = col(46090, 46070, 46050, 46120, null, 46071);
const C_TYPE = col('Visit', 'Call', 'ExecutiveMeeting', '高层拜访', 'Visit', 'Visit');

const activityCount: ParityCase[] = [
  // window (46070, 46100]: O1 46090, 46071 → 2 (46070 on the open edge, 46120 future); O2 0
  { fn: 'ACTIVITYCOUNT', name: '30-day window', args: [KEYS, C_KEY, C_DATE, AS_OF, val(30)], expect: [2, 0, 0, 0] },
  // window (46040, 46100]: O1 46090, 46070, 46071 → 3; O2 46050 → 1
  { fn: 'ACTIVITYCOUNT', name: '60-day window', args: [KEYS, C_KEY, C_DATE, AS_OF, val(60)], expect: [3, 1, 0, 0] },
  // visits in (46040, 46100]: O1 46090, 46071 → 2
  {
    fn: 'ACTIVITYCOUNT',
    name: 'visits only',
    args: [KEYS, C_KEY, C_DATE, AS_OF, val(60), C_TYPE, val('Visit')],
    expect: [2, 0, 0, 0],
  },
  // executive meetings in (46010, 46100]: O2 46050 → 1; O1's is after AsOfDate
  {
    fn: 'ACTIVITYCOUNT',
    name: 'executive meetings (高层拜访)',
    args: [KEYS, C_KEY, C_DATE, AS_OF, val(90), C_TYPE, val('高层拜访')],
    expect: [0, 1, 0, 0],
  },
  // Visit or Call in (46040, 46100]: O1 3
  {
    fn: 'ACTIVITYCOUNT',
    name: 'type list in zh',
    args: [KEYS, C_KEY, C_DATE, AS_OF, val(60), C_TYPE, val('拜访，电话')],
    expect: [3, 0, 0, 0],
  },
  { fn: 'ACTIVITYCOUNT', name: 'zero-day window is empty', args: [KEYS, C_KEY, C_DATE, AS_OF, val(0)], expect: [0, 0, 0, 0] },
  // window (46099, 46100] holds 46100 only
  {
    fn: 'ACTIVITYCOUNT',
    name: 'activity on AsOfDate counts',
    args: [col('O1'), col('O1', 'O1'), col(46100, 46099), AS_OF, val(1)],
    expect: 1,
  },
  { fn: 'ACTIVITYCOUNT', name: 'blank key is blank', args: [col('O1', null), C_KEY, C_DATE, AS_OF, val(30)], expect: [2, null] },
  { fn: 'ACTIVITYCOUNT', name: 'keys given as a row', args: [row('O2', 'O1'), C_KEY, C_DATE, AS_OF, val(60)], expect: [1, 3] },
  { fn: 'ACTIVITYCOUNT', name: 'no activities', args: [col('O1', 'O2'), grid([]), grid([]), AS_OF, val(30)], expect: [0, 0] },
  // 2026-03-01 = 46082 is in (46070, 46100]
  {
    fn: 'ACTIVITYCOUNT',
    name: 'activity date as ISO text',
    args: [col('O1'), col('O1'), col('2026-03-01'), AS_OF, val(30)],
    expect: 1,
  },
  { fn: 'ACTIVITYCOUNT', name: 'negative days', args: [col('O1'), col('O1'), col(46090), AS_OF, val(-30)], expect: err('VALUE') },
  {
    fn: 'ACTIVITYCOUNT',
    name: 'days not a number',
    args: [col('O1'), col('O1'), col(46090), AS_OF, val('month')],
    expect: err('VALUE'),
  },
  {
    fn: 'ACTIVITYCOUNT',
    name: 'text date in a row',
    args: [col('O1'), col('O1', 'O1'), col(46090, 'n/a'), AS_OF, val(30)],
    expect: err('VALUE'),
  },
  {
    fn: 'ACTIVITYCOUNT',
    name: 'activity columns differ in size',
    args: [col('O1'), col('O1'), col(46090, 46091), AS_OF, val(30)],
    expect: err('VALUE'),
  },
  {
    fn: 'ACTIVITYCOUNT',
    name: 'type without activity types',
    args: [col('O1'), col('O1'), col(46090), AS_OF, val(30), omit, val('Visit')],
    expect: err('VALUE'),
  },
  {
    fn: 'ACTIVITYCOUNT',
    name: 'error cell in keys',
    args: [col('O1'), col(err('NA')), col(46090), AS_OF, val(30)],
    expect: err('NA'),
  },
];

// Three opportunities: all six fields; amount missing and three more; nothing.
const K_AMT = col(100, null, null);
const K_CLOSE = col(46100, 46100, null);
const K_OWNER = col('Li', 'Wang', null);
const K_COMP = col('Acme', null, null);
const K_NEXT = col(46110, null, null);
const K_STAGE = col(46000, null, null);
const K_FIELDS = [K_AMT, K_CLOSE, K_OWNER, K_COMP, K_NEXT, K_STAGE];
/** One opportunity with all six fields (amount and owner can be changed). */
const single = (amount: SpecCell = 100, owner: SpecCell = 'Li') => [
  col(amount),
  col(46100),
  col(owner),
  col('Acme'),
  col(46110),
  col(46000),
];

const keyInfo: ParityCase[] = [
  // 6/6, 2/6, 0/6
  { fn: 'KEYINFO', name: 'fields only', args: K_FIELDS, expect: [1, 2 / 6, 0] },
  // answers: (Yes, No, Unknown) → 2; (是, blank, 否) → 2; (?, blank, blank) → 0
  // → (6+2)/9, (2+2)/9, 0/9
  {
    fn: 'KEYINFO',
    name: 'fields and answers (zh and ?)',
    args: [
      ...K_FIELDS,
      grid([
        ['Yes', 'No', 'Unknown'],
        ['是', null, '否'],
        ['?', null, null],
      ]),
    ],
    expect: [8 / 9, 4 / 9, 0],
  },
  // TRUE, 0, 1 are all answered: (6+3)/9
  { fn: 'KEYINFO', name: 'booleans and 1/0 are answers', args: [...single(), row(true, 0, 1)], expect: 1 },
  // 未知 is not an answer: (6+1)/8
  { fn: 'KEYINFO', name: '未知 does not count', args: [...single(), row('未知', '是')], expect: 7 / 8 },
  // amount 0 is filled: 1/6
  {
    fn: 'KEYINFO',
    name: 'zero amount is filled',
    args: [col(0), col(null), col(null), col(null), col(null), col(null)],
    expect: 1 / 6,
  },
  // owner of spaces is blank: 5/6
  { fn: 'KEYINFO', name: 'spaces-only owner is blank', args: single(100, '   '), expect: 5 / 6 },
  // one question column: (6+1)/7, (6+0)/7
  {
    fn: 'KEYINFO',
    name: 'one question column',
    args: [
      col(1, 2),
      col(46100, 46100),
      col('Li', 'Li'),
      col('X', 'Y'),
      col(46110, 46110),
      col(46000, 46000),
      col('Yes', 'Unknown'),
    ],
    expect: [1, 6 / 7],
  },
  // four questions: (6+2)/10, (6+4)/10
  {
    fn: 'KEYINFO',
    name: 'four questions',
    args: [
      col(1, 2),
      col(46100, 46100),
      col('Li', 'Li'),
      col('X', 'Y'),
      col(46110, 46110),
      col(46000, 46000),
      grid([
        ['Yes', 'No', 'Unknown', null],
        ['Y', 'N', '是', '否'],
      ]),
    ],
    expect: [0.8, 1],
  },
  // blank answers add to the denominator only: 6/8, 2/8
  {
    fn: 'KEYINFO',
    name: 'unanswered questions',
    args: [
      col(1, null),
      col(46100, 46100),
      col('Li', 'Wang'),
      col('X', null),
      col(46110, null),
      col(46000, null),
      grid([
        [null, null],
        [null, null],
      ]),
    ],
    expect: [0.75, 0.25],
  },
  { fn: 'KEYINFO', name: 'unknown answer', args: [...single(), row('Maybe')], expect: err('VALUE') },
  {
    fn: 'KEYINFO',
    name: 'answers with another number of rows',
    args: [...single(), grid([['Yes'], ['No']])],
    expect: err('VALUE'),
  },
  {
    fn: 'KEYINFO',
    name: 'columns differ in size',
    args: [col(1), col(46100, 46101), col('Li'), col('X'), col(46110), col(46000)],
    expect: err('VALUE'),
  },
  {
    fn: 'KEYINFO',
    name: 'error cell in competitor',
    args: [col(1), col(46100), col('Li'), col(err('DIV0')), col(46110), col(46000)],
    expect: err('DIV0'),
  },
];

export const cases: ParityCase[] = [...accountOf, ...lastActivity, ...stale, ...activityCount, ...keyInfo];
