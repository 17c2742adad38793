/**
 * Group-by cases: SUMBY, COUNTBY, MAXBY, LOOKUPBY, WINRATEBY. Expected values are worked out
 * by hand in the comments. A case whose whole result is an error uses one group, so every
 * host shows one cell (a multi-row error fills the spill range in HyperFormula).
 */
import { ArgSpec, ParityCase, col, err, omit, row, val } from '../../support/parity';

const none: ArgSpec = { kind: 'grid', rows: [] };

// Six opportunities. Keys: row 3 is "a1" and row 5 is full-width "Ａ１", both account A1;
// row 6 has no account and belongs to no group.
const K = col('A1', 'A2', 'a1', 'A3', 'Ａ１', null);
const V = col(100, 50, 30, 20, 5, 7);
const ST = col('Open', 'Won', '进行中', 'Open', 'Lost', 'Open');
// 46023 = 2026-01-01
const D = col(46023, 46100, 46200, 46300, 46400, 46500);
const COMP = col('X', null, 'Y', null, 'Z', 'W');
const G = col('A1', 'A2', 'A4');

const sumby: ParityCase[] = [
  // A1 = rows 1,3,5 = 100+30+5 = 135; A2 = 50; A4 has no rows → 0; row 6 (no key) ignored
  { fn: 'SUMBY', name: 'plain sum per account', args: [K, V, G], expect: [135, 50, 0] },
  // Open (and 进行中): A1 = 100 (row 1) + 30 (row 3, 进行中); row 5 is Lost; A2 is Won → 0
  { fn: 'SUMBY', name: 'open only, zh status in data', args: [K, V, G, ST, val('Open')], expect: [130, 0, 0] },
  { fn: 'SUMBY', name: 'zh criterion 进行中', args: [K, V, G, ST, val('进行中')], expect: [130, 0, 0] },
  // Won or Lost: A1 = row 5 (5); A2 = row 2 (50)
  { fn: 'SUMBY', name: 'list criterion "Won,Lost"', args: [K, V, G, ST, val('Won,Lost')], expect: [5, 50, 0] },
  // values ≥ 30: A1 = 100 + 30; A2 = 50
  { fn: 'SUMBY', name: 'comparison ">=30"', args: [K, V, G, V, val('>=30')], expect: [130, 50, 0] },
  // close date before 46200: rows 1 (A1, 100) and 2 (A2, 50)
  { fn: 'SUMBY', name: 'date comparison "<"&date', args: [K, V, G, D, val('<46200')], expect: [100, 50, 0] },
  // with a competitor: rows 1 (X), 3 (Y), 5 (Z) for A1 = 135; row 2 (A2) has none → 0
  { fn: 'SUMBY', name: '"*" non-blank', args: [K, V, G, COMP, val('*')], expect: [135, 0, 0] },
  // without a competitor: row 2 only → A2 = 50
  { fn: 'SUMBY', name: '"=" blank', args: [K, V, G, COMP, val('=')], expect: [0, 50, 0] },
  // Open and value < 50: row 3 (30) only
  { fn: 'SUMBY', name: 'two filters', args: [K, V, G, ST, val('Open'), V, val('<50')], expect: [30, 0, 0] },
  // " a2 " = A2 (50); "ａ１" = A1 (135); a duplicate group repeats its total
  {
    fn: 'SUMBY',
    name: 'groups with other case, width and spaces',
    args: [K, V, col(' a2 ', 'ａ１', 'A1')],
    expect: [50, 135, 135],
  },
  // 1001 twice (number and text) = 1 + 2; 1002 = 4; 1003 none
  {
    fn: 'SUMBY',
    name: 'numeric keys match by value',
    args: [col(1001, '1001', 1002), col(1, 2, 4), col(1001, 1002, '1003')],
    expect: [3, 4, 0],
  },
  // an error among the groups is that row's result only
  {
    fn: 'SUMBY',
    name: 'error cell in groups stays in its row',
    args: [K, V, col('A1', err('NA'), 'A2')],
    expect: [135, err('NA'), 50],
  },
  // an error in a filter column fails that row (as SUMIFS): A1 keeps rows 1, 3 (Open) → 130
  {
    fn: 'SUMBY',
    name: 'error cell in a filter fails the row',
    args: [K, V, G, col('Open', 'Won', 'Open', 'Open', err('DIV0'), 'Open'), val('Open')],
    expect: [130, 0, 0],
  },
  { fn: 'SUMBY', name: 'blank group gives blank', args: [K, V, col('A1', null, 'A2')], expect: [135, null, 50] },
  { fn: 'SUMBY', name: 'text value in a counted row', args: [col('A1', 'A2'), col(10, 'ten'), val('A2')], expect: err('VALUE') },
  // row 2 belongs to A2, which is not asked for: not read
  {
    fn: 'SUMBY',
    name: 'text value of another group is not read',
    args: [col('A1', 'A2'), col(10, 'ten'), val('A1')],
    expect: 10,
  },
  // row 2 is Lost, filtered out
  {
    fn: 'SUMBY',
    name: 'text value in a filtered-out row',
    args: [col('A1', 'A1'), col(10, 'ten'), val('A1'), col('Open', 'Lost'), val('Open')],
    expect: 10,
  },
  // blank adds 0, numeric text "10" is 10: 0 + 10 + 5
  {
    fn: 'SUMBY',
    name: 'blank and numeric-text values',
    args: [col('A1', 'A1', 'A1'), col(null, '10', 5), val('A1')],
    expect: 15,
  },
  {
    fn: 'SUMBY',
    name: 'keys and values differ in size',
    args: [col('A1', 'A2', 'A1'), col(1, 2), val('A1')],
    expect: err('VALUE'),
  },
  {
    fn: 'SUMBY',
    name: 'filter differs in size',
    args: [col('A1', 'A2', 'A1'), col(1, 2, 3), val('A1'), col('Open', 'Open'), val('Open')],
    expect: err('VALUE'),
  },
  { fn: 'SUMBY', name: 'error cell in values', args: [col('A1', 'A2'), col(1, err('DIV0')), val('A1')], expect: err('DIV0') },
  { fn: 'SUMBY', name: 'comparison with a non-number', args: [K, V, val('A1'), V, val('>=abc')], expect: err('VALUE') },
  // no groups at all: one blank cell
  { fn: 'SUMBY', name: '0-row ranges', args: [none, none, none], expect: null },
  // no rows: every group is 0
  { fn: 'SUMBY', name: 'no rows, two groups', args: [none, none, col('A1', 'A2')], expect: [0, 0] },
  // keys as a row, values as a column: both are vectors of two
  { fn: 'SUMBY', name: 'keys given as a row', args: [row('A1', 'A2'), col(1, 2), col('A2', 'A1')], expect: [2, 1] },
];

const countby: ParityCase[] = [
  // A1 = rows 1,3,5; A2 = row 2; A4 none
  { fn: 'COUNTBY', name: 'rows per account', args: [K, G], expect: [3, 1, 0] },
  // Open/进行中: A1 rows 1, 3
  { fn: 'COUNTBY', name: 'open only', args: [K, G, ST, val('Open')], expect: [2, 0, 0] },
  { fn: 'COUNTBY', name: 'zh criterion 进行中', args: [K, G, ST, val('进行中')], expect: [2, 0, 0] },
  // Won/Lost: A1 row 5, A2 row 2
  { fn: 'COUNTBY', name: 'list criterion', args: [K, G, ST, val('Won,Lost')], expect: [1, 1, 0] },
  // value ≥ 30: A1 rows 1, 3; A2 row 2
  { fn: 'COUNTBY', name: 'comparison ">=30"', args: [K, G, V, val('>=30')], expect: [2, 1, 0] },
  // date < 46200: rows 1 (A1) and 2 (A2)
  { fn: 'COUNTBY', name: 'date comparison', args: [K, G, D, val('<46200')], expect: [1, 1, 0] },
  { fn: 'COUNTBY', name: '"*" non-blank', args: [K, G, COMP, val('*')], expect: [3, 0, 0] },
  { fn: 'COUNTBY', name: '"=" blank', args: [K, G, COMP, val('=')], expect: [0, 1, 0] },
  // Open and a competitor: rows 1 (X) and 3 (Y), both A1
  { fn: 'COUNTBY', name: 'two filters', args: [K, G, ST, val('Open'), COMP, val('*')], expect: [2, 0, 0] },
  { fn: 'COUNTBY', name: 'groups with other case, width and spaces', args: [K, col(' a2 ', 'ａ１', 'A1')], expect: [1, 3, 3] },
  { fn: 'COUNTBY', name: 'numeric keys by value', args: [col(1001, '1001', 1002), col(1001, 1002, 1003)], expect: [2, 1, 0] },
  { fn: 'COUNTBY', name: 'error cell in groups stays in its row', args: [K, col(err('DIV0'), 'A2')], expect: [err('DIV0'), 1] },
  { fn: 'COUNTBY', name: 'blank group gives blank', args: [K, col('A1', null, 'A2')], expect: [3, null, 1] },
  // an unknown status does not match "Open", and is not an error in a criterion
  {
    fn: 'COUNTBY',
    name: 'unknown value in a filter column',
    args: [col('A1', 'A1'), val('A1'), col('Open', 'Maybe'), val('Open')],
    expect: 1,
  },
  {
    fn: 'COUNTBY',
    name: 'filter differs in size',
    args: [col('A1', 'A2', 'A1'), val('A1'), col('Open', 'Open'), val('Open')],
    expect: err('VALUE'),
  },
  { fn: 'COUNTBY', name: 'error cell in keys', args: [col('A1', err('NA')), val('A1')], expect: err('NA') },
  { fn: 'COUNTBY', name: '0-row ranges', args: [none, none], expect: null },
  { fn: 'COUNTBY', name: 'no rows, two groups', args: [none, col('A1', 'A2')], expect: [0, 0] },
];

const maxby: ParityCase[] = [
  // A1 dates 46023, 46200, 46400 → 46400; A2 46100; A4 none → blank
  { fn: 'MAXBY', name: 'latest date per account', args: [K, D, G], expect: [46400, 46100, null] },
  // Open: A1 rows 1, 3 → 46200; A2 (Won) → blank
  { fn: 'MAXBY', name: 'open only', args: [K, D, G, ST, val('Open')], expect: [46200, null, null] },
  { fn: 'MAXBY', name: 'zh criterion 进行中', args: [K, D, G, ST, val('进行中')], expect: [46200, null, null] },
  // up to an as-of date 46300: A1 46023, 46200 → 46200; A2 46100
  { fn: 'MAXBY', name: 'dates up to "<="&AsOfDate', args: [K, D, G, D, val('<=46300')], expect: [46200, 46100, null] },
  // Won/Lost: A1 row 5 (46400); A2 row 2 (46100)
  { fn: 'MAXBY', name: 'list criterion', args: [K, D, G, ST, val('Won,Lost')], expect: [46400, 46100, null] },
  // amounts: A1 max(100, 30, 5) = 100; A2 50
  { fn: 'MAXBY', name: 'largest amount', args: [K, V, G], expect: [100, 50, null] },
  { fn: 'MAXBY', name: 'negative numbers', args: [col('A1', 'A1'), col(-5, -2), val('A1')], expect: -2 },
  // "2026-01-01" is serial 46023, larger than 46000
  { fn: 'MAXBY', name: 'ISO text date', args: [col('A1', 'A1'), col('2026-01-01', 46000), val('A1')], expect: 46023 },
  { fn: 'MAXBY', name: 'numeric text', args: [col('A1', 'A1'), col('7', 3), val('A1')], expect: 7 },
  // A1: blank skipped, 3; A2: only a blank → blank
  {
    fn: 'MAXBY',
    name: 'blank values are skipped',
    args: [col('A1', 'A1', 'A2'), col(null, 3, null), col('A1', 'A2')],
    expect: [3, null],
  },
  { fn: 'MAXBY', name: 'groups with other case and width', args: [K, D, col('ａ１', ' a2 ')], expect: [46400, 46100] },
  { fn: 'MAXBY', name: 'error cell in groups stays in its row', args: [K, D, col('A1', err('NA'))], expect: [46400, err('NA')] },
  { fn: 'MAXBY', name: 'blank group gives blank', args: [K, D, col('A1', null)], expect: [46400, null] },
  { fn: 'MAXBY', name: 'text value in a counted row', args: [col('A1'), col('soon'), val('A1')], expect: err('VALUE') },
  { fn: 'MAXBY', name: 'keys and values differ in size', args: [col('A1', 'A1'), col(1), val('A1')], expect: err('VALUE') },
  { fn: 'MAXBY', name: 'error cell in values', args: [col('A1', 'A1'), col(1, err('DIV0')), val('A1')], expect: err('DIV0') },
  {
    fn: 'MAXBY',
    name: 'filter differs in size',
    args: [col('A1', 'A1'), col(1, 2), val('A1'), col('Open'), val('Open')],
    expect: err('VALUE'),
  },
  { fn: 'MAXBY', name: '0-row ranges', args: [none, none, none], expect: null },
];

const ACC = col('A1', 'A2', 'A3');
const TIER = col('A', 'B', null);
const STAGES = col('Discover', 'Qualify', 'Solution', 'Shortlist', 'Negotiate');
const ORDER = col(1, 2, 3, 4, 5);

const lookupby: ParityCase[] = [
  {
    fn: 'LOOKUPBY',
    name: "tier of each opportunity's account",
    args: [col('A2', 'A1', 'A2'), ACC, TIER],
    expect: ['B', 'A', 'B'],
  },
  // A3's tier is blank → blank
  {
    fn: 'LOOKUPBY',
    name: 'keys with other case, width and spaces',
    args: [col('ａ２', ' a1 ', 'a3'), ACC, TIER],
    expect: ['B', 'A', null],
  },
  { fn: 'LOOKUPBY', name: 'missing key is #N/A in its cell', args: [col('A1', 'A9'), ACC, TIER], expect: ['A', err('NA')] },
  { fn: 'LOOKUPBY', name: 'ifMissing text', args: [col('A1', 'A9'), ACC, TIER, val('-')], expect: ['A', '-'] },
  { fn: 'LOOKUPBY', name: 'ifMissing 0', args: [col('A1', 'A9'), ACC, TIER, val(0)], expect: ['A', 0] },
  // one bad opportunity row does not blank the whole column
  {
    fn: 'LOOKUPBY',
    name: 'error cell in lookupKeys stays in its row',
    args: [col('A1', err('DIV0'), 'A2'), ACC, TIER],
    expect: ['A', err('DIV0'), 'B'],
  },
  { fn: 'LOOKUPBY', name: 'blank lookup key gives blank', args: [col('A1', null, 'A2'), ACC, TIER], expect: ['A', null, 'B'] },
  // duplicates: the first row (1) wins
  { fn: 'LOOKUPBY', name: 'first matching row wins', args: [col('A1', 'A1'), col('A1', 'A1'), col(1, 2)], expect: [1, 1] },
  // 发现 = Discover (1), Shortlist (4), 方案交流 = Solution (3)
  {
    fn: 'LOOKUPBY',
    name: 'zh stage names find default stages',
    args: [col('发现', 'Shortlist', '方案交流'), STAGES, ORDER],
    expect: [1, 4, 3],
  },
  // a zh stage table looked up with English names: Negotiate = 谈判 (5), qualify = 立项 (2)
  {
    fn: 'LOOKUPBY',
    name: 'English names find a zh stage table',
    args: [col('Negotiate', 'qualify'), col('发现', '立项', '方案交流', '入围', '谈判'), ORDER],
    expect: [5, 2],
  },
  // "H" and "High" are both present: each finds itself exactly (row 2, row 1)
  {
    fn: 'LOOKUPBY',
    name: 'exact match beats alias folding',
    args: [col('H', 'High'), col('High', 'H'), col(1, 2)],
    expect: [2, 1],
  },
  // 进行中 is an alias of Open (row 2)
  { fn: 'LOOKUPBY', name: 'status alias', args: [val('进行中'), col('Won', 'Open'), col(1, 2)], expect: 2 },
  {
    fn: 'LOOKUPBY',
    name: 'numbers match by value',
    args: [col(1001, '1002'), col('1001', 1002), col('x', 'y')],
    expect: ['x', 'y'],
  },
  { fn: 'LOOKUPBY', name: 'numeric values come back as numbers', args: [val('A2'), ACC, col(10, 20, 30)], expect: 20 },
  { fn: 'LOOKUPBY', name: 'keys and values differ in size', args: [val('A1'), ACC, col('A', 'B')], expect: err('VALUE') },
  { fn: 'LOOKUPBY', name: 'error cell in values', args: [val('A1'), ACC, col('A', err('DIV0'), 'C')], expect: err('DIV0') },
  { fn: 'LOOKUPBY', name: '0-row lookup keys', args: [none, ACC, TIER], expect: null },
  { fn: 'LOOKUPBY', name: '0-row keys: nothing found', args: [val('A1'), none, none], expect: err('NA') },
];

// Seven deals: row 7 ("a1") is account A1 too.
const WK = col('A1', 'A1', 'A1', 'A2', 'A2', 'A3', 'a1');
const WS = col('Won', 'Lost', 'NoDecision', 'Won', 'Open', 'Open', 'Won');
const WA = col(100, 50, 30, 20, 70, 10, 40);
const WD = col(46023, 46100, 46200, 46300, 46400, 46500, 46600);
const WG = col('A1', 'A2', 'A3', 'A4');

const winrateby: ParityCase[] = [
  // A1: Won, Lost, ND, Won → 2/4; A2: Won (Open skipped) → 1/1; A3 only open → blank; A4 none → blank
  { fn: 'WINRATEBY', name: 'count-based per account', args: [WK, WS, WG], expect: [0.5, 1, null, null] },
  // ND left out: A1 2/3
  {
    fn: 'WINRATEBY',
    name: 'no-decision left out',
    args: [WK, WS, WG, omit, omit, omit, omit, val(false)],
    expect: [2 / 3, 1, null, null],
  },
  // A1 won 100+40 = 140 / closed 100+50+30+40 = 220; A2 20/20
  { fn: 'WINRATEBY', name: 'value-based', args: [WK, WS, WG, WA], expect: [140 / 220, 1, null, null] },
  // [46050, 46350]: A1 Lost (46100), ND (46200) → 0/2; A2 Won (46300) → 1
  { fn: 'WINRATEBY', name: 'period', args: [WK, WS, WG, omit, WD, val(46050), val(46350)], expect: [0, 1, null, null] },
  // from 46150: A1 ND (46200), Won (46600) → 1/2; A2 Won (46300) → 1
  { fn: 'WINRATEBY', name: 'open-ended period', args: [WK, WS, WG, omit, WD, val(46150)], expect: [0.5, 1, null, null] },
  // 2026-01-01..2026-04-30 = 46023..46142: A1 Won (46023), Lost (46100) → 1/2; A2 Won at 46300 is outside
  {
    fn: 'WINRATEBY',
    name: 'period as ISO text',
    args: [WK, WS, WG, omit, WD, val('2026-01-01'), val('2026-04-30')],
    expect: [0.5, null, null, null],
  },
  // A1: 赢单, 丢单 → 1/2; A2: 无决策 → 0/1
  {
    fn: 'WINRATEBY',
    name: 'zh statuses',
    args: [col('A1', 'A1', 'A2'), col('赢单', '丢单', '无决策'), col('A1', 'A2')],
    expect: [0.5, 0],
  },
  { fn: 'WINRATEBY', name: 'groups with other case and width', args: [WK, WS, col('ａ１', ' a2 ')], expect: [0.5, 1] },
  {
    fn: 'WINRATEBY',
    name: 'error cell in groups stays in its row',
    args: [WK, WS, col(err('NA'), 'A2')],
    expect: [err('NA'), 1],
  },
  { fn: 'WINRATEBY', name: 'blank group gives blank', args: [WK, WS, col('A1', null)], expect: [0.5, null] },
  {
    fn: 'WINRATEBY',
    name: 'unknown status in a counted row',
    args: [col('A1', 'A1'), col('Won', 'Maybe'), val('A1')],
    expect: err('VALUE'),
  },
  // row 1 belongs to A1, not asked for
  {
    fn: 'WINRATEBY',
    name: 'unknown status of another group is not read',
    args: [col('A1', 'A2'), col('Maybe', 'Won'), val('A2')],
    expect: 1,
  },
  {
    fn: 'WINRATEBY',
    name: 'negative amount',
    args: [col('A1', 'A1'), col('Won', 'Lost'), val('A1'), col(10, -5)],
    expect: err('VALUE'),
  },
  {
    fn: 'WINRATEBY',
    name: 'text amount',
    args: [col('A1', 'A1'), col('Won', 'Lost'), val('A1'), col(10, 'ten')],
    expect: err('VALUE'),
  },
  {
    fn: 'WINRATEBY',
    name: 'keys and status differ in size',
    args: [col('A1', 'A1', 'A1'), col('Won', 'Lost'), val('A1')],
    expect: err('VALUE'),
  },
  {
    fn: 'WINRATEBY',
    name: 'period without close dates',
    args: [col('A1'), col('Won'), val('A1'), omit, omit, val(46000)],
    expect: err('VALUE'),
  },
  {
    fn: 'WINRATEBY',
    name: 'error cell in status',
    args: [col('A1', 'A1'), col('Won', err('DIV0')), val('A1')],
    expect: err('DIV0'),
  },
  { fn: 'WINRATEBY', name: '0-row ranges', args: [none, none, none], expect: null },
];

export const cases: ParityCase[] = [...sumby, ...countby, ...maxby, ...lookupby, ...winrateby];
