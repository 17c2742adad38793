/**
 * PROBABILITY, STAGECHECK and OVERRUN cases. Defaults (DESIGN §4): Discover 10% 30d,
 * Qualify 20% 30d, Solution 40% 45d, Shortlist 60% 30d, Negotiate 80% 30d. Essential
 * events: Discover E_NEED, E_CONTACT · Qualify E_BUDGET, E_OWNER · Solution E_REQS,
 * E_CRITERIA · Shortlist E_POC, E_APPROVER · Negotiate E_QUOTE, E_EXEC.
 */
import { ParityCase, col, err, grid, omit, val } from '../../support/parity';

const probability: ParityCase[] = [
  // Open Discover 0.1 · Open Solution 0.4 · Won 1 · Lost 0 · NoDecision 0 · blank status blank
  {
    fn: 'PROBABILITY',
    name: 'default stages and closed statuses',
    args: [
      col('Open', 'Open', 'Won', 'Lost', 'NoDecision', null),
      col('Discover', 'Solution', 'Negotiate', 'Qualify', null, 'Solution'),
    ],
    expect: [0.1, 0.4, 1, 0, 0, null],
  },
  {
    fn: 'PROBABILITY',
    name: 'zh statuses and stages',
    args: [col('进行中', '进行中', '进行中', '进行中', '赢单'), col('立项', '方案交流', '入围', '谈判', '发现')],
    expect: [0.2, 0.4, 0.6, 0.8, 1],
  },
  {
    fn: 'PROBABILITY',
    name: 'case, width and spaces in stage names',
    args: [col('open', 'OPEN'), col('ｓｈｏｒｔｌｉｓｔ', ' negotiate ')],
    expect: [0.6, 0.8],
  },
  {
    fn: 'PROBABILITY',
    name: 'custom stages as fractions',
    args: [col('Open', 'Open'), col('Lead', 'deal'), col('Lead', 'Deal'), col(0.25, 0.75)],
    expect: [0.25, 0.75],
  },
  // 25 → 25 %, "75%" → 0.75
  {
    fn: 'PROBABILITY',
    name: 'custom stages as percents',
    args: [col('Open', 'Open'), col('Lead', 'Deal'), col('Lead', 'Deal'), col(25, '75%')],
    expect: [0.25, 0.75],
  },
  // 1 is 100 % (a fraction), 100 is 100 % (a percent)
  {
    fn: 'PROBABILITY',
    name: '1 and 100 are both certain',
    args: [col('Open', 'Open'), col('A', 'B'), col('A', 'B'), col(1, 100)],
    expect: [1, 1],
  },
  // zh config names; the deal says "Qualify": 立项 is Qualify's zh name → 30 %
  {
    fn: 'PROBABILITY',
    name: 'zh config names match English stages',
    args: [col('Open'), col('Qualify'), col('发现', '立项'), col(15, 30)],
    expect: 0.3,
  },
  { fn: 'PROBABILITY', name: 'single values', args: [val('Open'), val('谈判')], expect: 0.8 },
  {
    fn: 'PROBABILITY',
    name: 'unknown stage of an open deal',
    args: [col('Open', 'Open'), col('Solution', 'Closing')],
    expect: [0.4, err('VALUE')],
  },
  { fn: 'PROBABILITY', name: 'blank stage of an open deal', args: [col('Open'), col(null)], expect: err('VALUE') },
  {
    fn: 'PROBABILITY',
    name: 'stage of a won deal is not read',
    args: [col('Won', 'Lost'), col('Whatever', 'Closed Lost')],
    expect: [1, 0],
  },
  {
    fn: 'PROBABILITY',
    name: 'unknown status in one row',
    args: [col('Open', 'Maybe'), col('Discover', 'Discover')],
    expect: [0.1, err('VALUE')],
  },
  {
    fn: 'PROBABILITY',
    name: 'status and stage differ in size',
    args: [col('Open'), col('Discover', 'Qualify')],
    expect: err('VALUE'),
  },
  {
    fn: 'PROBABILITY',
    name: 'stage names without probabilities',
    args: [col('Open'), col('Lead'), col('Lead')],
    expect: err('VALUE'),
  },
  {
    fn: 'PROBABILITY',
    name: 'probabilities without stage names',
    args: [col('Open'), col('Discover'), omit, col(0.1, 0.2, 0.4, 0.6, 0.8)],
    expect: err('VALUE'),
  },
  {
    fn: 'PROBABILITY',
    name: 'probability above 100',
    args: [col('Open'), col('Lead'), col('Lead'), col(120)],
    expect: err('VALUE'),
  },
  {
    fn: 'PROBABILITY',
    name: 'text probability',
    args: [col('Open'), col('Lead'), col('Lead'), col('high')],
    expect: err('VALUE'),
  },
  {
    fn: 'PROBABILITY',
    name: 'stage listed twice',
    args: [col('Open'), col('Lead'), col('Lead', 'lead'), col(0.1, 0.2)],
    expect: err('VALUE'),
  },
  { fn: 'PROBABILITY', name: 'error cell in stage propagates', args: [col('Open'), col(err('DIV0'))], expect: err('DIV0') },
  { fn: 'PROBABILITY', name: 'empty ranges → blank', args: [grid([]), grid([])], expect: null },
];

// Activities: O1 proves E_NEED, E_CONTACT, E_BUDGET, E_REQS; O2 proves E_NEED, E_CONTACT;
// O3 proves every Discover…Qualify essential; O4 proves all ten essentials (some several in one cell).
const ACT_OPP = ['O1', 'O1', 'O1', 'O1', 'O2', 'O2', 'O3', 'O3', 'O4', 'O4', 'O4', 'O4', 'O4', 'o4 '];
const ACT_EVT = [
  'E_NEED',
  'E_CONTACT',
  'E_BUDGET',
  'E_REQS',
  'E_NEED',
  'E_CONTACT',
  'E_NEED, E_CONTACT',
  'e_budget，E_OWNER',
  'E_NEED,E_CONTACT',
  'E_BUDGET;E_OWNER',
  'E_REQS',
  'E_CRITERIA',
  'E_POC, E_APPROVER',
  'E_QUOTE; E_EXEC',
];
const acts = [col(...ACT_OPP), col(...ACT_EVT)];

const stagecheck: ParityCase[] = [
  // DESIGN §4: Shortlist needs E_NEED E_CONTACT E_BUDGET E_OWNER E_REQS E_CRITERIA E_POC E_APPROVER; O1 lacks four
  {
    fn: 'STAGECHECK',
    name: 'open Shortlist deal missing four events',
    args: [col('O1'), col('Shortlist'), col('Open'), ...acts],
    expect: 'Missing: E_OWNER, E_CRITERIA, E_POC, E_APPROVER',
  },
  {
    fn: 'STAGECHECK',
    name: 'Discover deal with both essentials',
    args: [col('O2'), col('Discover'), col('Open'), ...acts],
    expect: 'OK',
  },
  // O2 at Qualify: Discover's are proven, Qualify's are not
  {
    fn: 'STAGECHECK',
    name: 'Qualify deal missing its own stage events',
    args: [col('O2'), col('Qualify'), col('Open'), ...acts],
    expect: 'Missing: E_BUDGET, E_OWNER',
  },
  // O3 at Qualify: all four essentials proven (E_TIMELINE is not essential)
  {
    fn: 'STAGECHECK',
    name: 'non-essential events are not required',
    args: [col('O3'), col('Qualify'), col('Open'), ...acts],
    expect: 'OK',
  },
  {
    fn: 'STAGECHECK',
    name: 'Negotiate deal with every essential (lists, case, spaces)',
    args: [col('O4'), col('Negotiate'), col('Open'), ...acts],
    expect: 'OK',
  },
  {
    fn: 'STAGECHECK',
    name: 'deal without activities',
    args: [col('O9'), col('Discover'), col('Open'), ...acts],
    expect: 'Missing: E_NEED, E_CONTACT',
  },
  // closed deals are OK whatever is proven; blank status is blank
  {
    fn: 'STAGECHECK',
    name: 'closed deals are OK, blank status is blank',
    args: [
      col('O9', 'O9', 'O9', 'O9'),
      col('Negotiate', 'Nowhere', null, 'Discover'),
      col('Won', 'Lost', 'NoDecision', null),
      ...acts,
    ],
    expect: ['OK', 'OK', 'OK', null],
  },
  // 进行中 at 立项 (Qualify) with only E_NEED proven
  {
    fn: 'STAGECHECK',
    name: 'zh status and stage',
    args: [col('Ｏ５'), col('立项'), col('进行中'), col('O5'), col('E_NEED')],
    expect: 'Missing: E_CONTACT, E_BUDGET, E_OWNER',
  },
  // custom: Lead(1) X1*, Deal(2) X2*, X3 (not essential); at Deal with only X3 proven
  {
    fn: 'STAGECHECK',
    name: 'custom stages and events',
    args: [
      col('P1'),
      col('Deal'),
      col('Open'),
      col('P1'),
      col('X3'),
      col('Lead', 'Deal'),
      col(1, 2),
      col('Lead', 'Deal', 'Deal'),
      col('X1', 'X2', 'X3'),
      col(true, '*', false),
    ],
    expect: 'Missing: X1, X2',
  },
  // orders decide the sequence, not the list: Deal is 2, Lead is 1 → X1 before X2
  {
    fn: 'STAGECHECK',
    name: 'stage order, not list order',
    args: [
      col('P1'),
      col('Deal'),
      col('Open'),
      col('P9'),
      col('X1'),
      col('Deal', 'Lead'),
      col(2, 1),
      col('Deal', 'Lead'),
      col('X2', 'X1'),
      col('是', 'Yes'),
    ],
    expect: 'Missing: X1, X2',
  },
  // without eventEssential every listed event is essential
  {
    fn: 'STAGECHECK',
    name: 'events without essential flags are essential',
    args: [
      col('P1'),
      col('Lead'),
      col('Open'),
      col('P1'),
      col('X9'),
      col('Lead', 'Deal'),
      omit,
      col('Lead', 'Deal'),
      col('X1', 'X2'),
    ],
    expect: 'Missing: X1',
  },
  // a stage whose events are all non-essential asks nothing
  {
    fn: 'STAGECHECK',
    name: 'stage without essential events',
    args: [col('P1'), col('Lead'), col('Open'), col('P1'), col('X9'), col('Lead'), omit, col('Lead'), col('X1'), col(false)],
    expect: 'OK',
  },
  {
    fn: 'STAGECHECK',
    name: 'unknown stage of an open deal',
    args: [col('O1', 'O2'), col('Closing', 'Discover'), col('Open', 'Open'), ...acts],
    expect: [err('VALUE'), 'OK'],
  },
  { fn: 'STAGECHECK', name: 'unknown status', args: [col('O2'), col('Discover'), col('Pending'), ...acts], expect: err('VALUE') },
  {
    fn: 'STAGECHECK',
    name: 'opportunity columns differ in size',
    args: [col('O1'), col('Discover'), col('Open', 'Open'), ...acts],
    expect: err('VALUE'),
  },
  {
    fn: 'STAGECHECK',
    name: 'activity columns differ in size',
    args: [col('O1'), col('Discover'), col('Open'), col('O1', 'O1'), col('E_NEED')],
    expect: err('VALUE'),
  },
  {
    fn: 'STAGECHECK',
    name: 'event of an unknown stage',
    args: [
      col('P1'),
      col('Lead'),
      col('Open'),
      ...acts,
      col('Lead'),
      omit,
      col('Lead', 'Later'),
      col('X1', 'X2'),
      col(true, true),
    ],
    expect: err('VALUE'),
  },
  {
    fn: 'STAGECHECK',
    name: 'event ids without event stages',
    args: [col('P1'), col('Lead'), col('Open'), ...acts, col('Lead'), omit, omit, col('X1')],
    expect: err('VALUE'),
  },
  {
    fn: 'STAGECHECK',
    name: 'essential flag not a flag',
    args: [col('P1'), col('Lead'), col('Open'), ...acts, col('Lead'), omit, col('Lead'), col('X1'), col('maybe')],
    expect: err('VALUE'),
  },
  {
    fn: 'STAGECHECK',
    name: 'empty activity ranges',
    args: [col('O1'), col('Discover'), col('Open'), grid([]), grid([])],
    expect: 'Missing: E_NEED, E_CONTACT',
  },
  {
    fn: 'STAGECHECK',
    name: 'error cell in activities propagates',
    args: [col('O1'), col('Discover'), col('Open'), col('O1'), col(err('NA'))],
    expect: err('NA'),
  },
];

// AsOfDate 46100 = 2026-03-19 (46023 = 2026-01-01, +77 days).
const AS_OF = 46100;

const overrun: ParityCase[] = [
  // Solution 50 d > 45 → TRUE · Discover 20 d ≤ 30 → FALSE · Won → blank · no date → blank
  {
    fn: 'OVERRUN',
    name: 'default standard days',
    args: [
      col('Open', 'Open', 'Won', 'Open'),
      col('Solution', 'Discover', 'Solution', 'Qualify'),
      col(46050, 46080, 46000, null),
      val(AS_OF),
    ],
    expect: [true, false, null, null],
  },
  // Qualify 30 d: exactly 30 is not over; 31 is
  {
    fn: 'OVERRUN',
    name: 'boundary: exactly the standard days',
    args: [col('Open', 'Open'), col('Qualify', 'Qualify'), col(46070, 46069), val(AS_OF)],
    expect: [false, true],
  },
  { fn: 'OVERRUN', name: 'zh status and stage', args: [col('进行中'), col('方案交流'), col(46050), val(AS_OF)], expect: true },
  // Lead 10 d: 15 d → TRUE; Deal 100 d: 50 d → FALSE
  {
    fn: 'OVERRUN',
    name: 'custom standard days',
    args: [col('Open', 'Open'), col('Lead', 'Deal'), col(46085, 46050), val(AS_OF), col('Lead', 'Deal'), col(10, 100)],
    expect: [true, false],
  },
  // 2026-02-01 = 46054 → 46 d in Solution (45) → TRUE
  {
    fn: 'OVERRUN',
    name: 'ISO text dates',
    args: [col('Open'), col('Solution'), col('2026-02-01'), val('2026-03-19')],
    expect: true,
  },
  {
    fn: 'OVERRUN',
    name: 'entered after the as-of date',
    args: [col('Open'), col('Discover'), col(46200), val(AS_OF)],
    expect: false,
  },
  {
    fn: 'OVERRUN',
    name: 'closed deals and blank status are blank',
    args: [col('Lost', 'NoDecision', null), col('Discover', 'Discover', 'Discover'), col(40000, 40000, 40000), val(AS_OF)],
    expect: [null, null, null],
  },
  {
    fn: 'OVERRUN',
    name: 'stage-entered not a date',
    args: [col('Open', 'Open'), col('Discover', 'Discover'), col('soon', 46090), val(AS_OF)],
    expect: [err('VALUE'), false],
  },
  // unknown stage matters only when there is a date to compare
  {
    fn: 'OVERRUN',
    name: 'unknown stage of an open deal',
    args: [col('Open', 'Open'), col('Closing', 'Closing'), col(46000, null), val(AS_OF)],
    expect: [err('VALUE'), null],
  },
  {
    fn: 'OVERRUN',
    name: 'unknown status',
    args: [col('Stalled'), col('Discover'), col(46000), val(AS_OF)],
    expect: err('VALUE'),
  },
  {
    fn: 'OVERRUN',
    name: 'columns differ in size',
    args: [col('Open'), col('Discover', 'Discover'), col(46000), val(AS_OF)],
    expect: err('VALUE'),
  },
  {
    fn: 'OVERRUN',
    name: 'as-of date not a date',
    args: [col('Open'), col('Discover'), col(46000), val('today')],
    expect: err('VALUE'),
  },
  {
    fn: 'OVERRUN',
    name: 'standard days without stage names',
    args: [col('Open'), col('Discover'), col(46000), val(AS_OF), omit, col(30, 30, 45, 30, 30)],
    expect: err('VALUE'),
  },
  {
    fn: 'OVERRUN',
    name: 'negative standard days',
    args: [col('Open'), col('Lead'), col(46000), val(AS_OF), col('Lead'), col(-1)],
    expect: err('VALUE'),
  },
  { fn: 'OVERRUN', name: 'single values', args: [val('Open'), val('Negotiate'), val(46000), val(AS_OF)], expect: true },
  {
    fn: 'OVERRUN',
    name: 'error cell in dates propagates',
    args: [col('Open'), col('Discover'), col(err('DIV0')), val(AS_OF)],
    expect: err('DIV0'),
  },
  { fn: 'OVERRUN', name: 'empty ranges → blank', args: [grid([]), grid([]), grid([]), val(AS_OF)], expect: null },
];

export const cases: ParityCase[] = [...probability, ...stagecheck, ...overrun];
