/**
 * History cases: ASOF, CHANGEDSINCE, SLIPS, STAGEENTERED. A small history of three snapshots
 * (serials 46100, 46114, 46128): O1 at all three, O2 at the first and the last (Removed then),
 * O3 only at the last. Expected values are worked out by hand in the comments. Error cases use
 * one key, because a spilled error fills the whole predicted range in HyperFormula.
 */
import { ParityCase, col, err, val } from '../../support/parity';

const D = col(46100, 46100, 46114, 46128, 46128, 46128);
const K = col('O1', 'O2', 'O1', 'O1', 'o2', 'O3');
const STAGE = col('Qualify', 'Solution', 'Solution', 'Solution', 'Qualify', 'Discover');
const CLOSE = col(46200, 46300, 46230, 46260, 46300, 46400);
const STATUS = col('Open', 'Open', 'Open', 'Open', 'Removed', 'Open');
const GRADE = col('C', 'B', 'B', 'A', 'B', 'D');

const asOf: ParityCase[] = [
  // before any snapshot: nothing known
  { fn: 'ASOF', name: 'before the first snapshot', args: [col('O1', 'O2'), D, K, STAGE, val(46099)], expect: [null, null] },
  // day 46100: O1 Qualify, O2 Solution, O3 unknown
  {
    fn: 'ASOF',
    name: 'at the first snapshot',
    args: [col('O1', 'O2', 'O3'), D, K, STAGE, val(46100)],
    expect: ['Qualify', 'Solution', null],
  },
  // between snapshots: the latest on or before (O1 → 46114 Solution)
  { fn: 'ASOF', name: 'between snapshots', args: [col('O1', 'O2'), D, K, GRADE, val(46120)], expect: ['B', 'B'] },
  // last: O1 A, O2 B (row o2 matched without case), O3 D
  {
    fn: 'ASOF',
    name: 'keys match without case',
    args: [col('O1', 'O2', 'o3'), D, K, GRADE, val(46128)],
    expect: ['A', 'B', 'D'],
  },
  // with the status column: O2 was Removed at 46128 → blank
  {
    fn: 'ASOF',
    name: 'a Removed row gives blank',
    args: [col('O1', 'O2'), D, K, GRADE, val(46128), STATUS],
    expect: ['A', null],
  },
  { fn: 'ASOF', name: 'numbers come back as numbers', args: [col('O1'), D, K, CLOSE, val(46114)], expect: 46230 },
  { fn: 'ASOF', name: 'blank and unknown keys', args: [col(null, 'O9'), D, K, STAGE, val(46200)], expect: [null, null] },
  { fn: 'ASOF', name: 'date as text', args: [col('O1'), D, K, STAGE, val('2026-04-01')], expect: 'Qualify' },
  {
    fn: 'ASOF',
    name: 'history columns differ in size',
    args: [col('O1'), D, col('O1'), STAGE, val(46128)],
    expect: err('VALUE'),
  },
  { fn: 'ASOF', name: 'asOfDate not a date', args: [col('O1'), D, K, STAGE, val('soon')], expect: err('VALUE') },
  {
    fn: 'ASOF',
    name: 'zh ids and values',
    args: [col('商机一'), col(46100), col('商机一'), col('方案交流'), val(46100)],
    expect: '方案交流',
  },
];

const changed: ParityCase[] = [
  // since 46114: O1 Solution → Solution (FALSE), O2 Solution → Shortlist (TRUE), O3 unknown then (blank)
  {
    fn: 'CHANGEDSINCE',
    name: 'changed, same, unknown',
    args: [col('O1', 'O2', 'O3'), col('Solution', 'Shortlist', 'Discover'), D, K, STAGE, val(46114)],
    expect: [false, true, null],
  },
  {
    fn: 'CHANGEDSINCE',
    name: 'before any snapshot: unknown',
    args: [col('O1'), col('Qualify'), D, K, STAGE, val(46000)],
    expect: null,
  },
  // O1's close date at 46128 is 46260; today 46260 → same
  {
    fn: 'CHANGEDSINCE',
    name: 'numbers compare exactly',
    args: [col('O1', 'O2'), col(46260, 46301), D, K, CLOSE, val(46128)],
    expect: [false, true],
  },
  {
    fn: 'CHANGEDSINCE',
    name: 'text is compared as written',
    args: [col('O1'), col('solution'), D, K, STAGE, val(46128)],
    expect: true,
  },
  {
    fn: 'CHANGEDSINCE',
    name: 'a blank now against a value then',
    args: [col('O1'), col(null), D, K, GRADE, val(46128)],
    expect: true,
  },
  { fn: 'CHANGEDSINCE', name: 'blank key gives blank', args: [col(null), col('X'), D, K, GRADE, val(46128)], expect: null },
  {
    fn: 'CHANGEDSINCE',
    name: 'keys and current differ in size',
    args: [col('O1'), col('A', 'B'), D, K, GRADE, val(46128)],
    expect: err('VALUE'),
  },
  {
    fn: 'CHANGEDSINCE',
    name: 'history columns differ in size',
    args: [col('O1'), col('A'), D, K, col('A'), val(46128)],
    expect: err('VALUE'),
  },
  {
    fn: 'CHANGEDSINCE',
    name: 'sinceDate not a date',
    args: [col('O1'), col('A'), D, K, GRADE, val('last week')],
    expect: err('VALUE'),
  },
  {
    fn: 'CHANGEDSINCE',
    name: 'grade at the first snapshot',
    args: [col('O1', 'O2'), col('C', 'A'), D, K, GRADE, val(46100)],
    expect: [false, true],
  },
];

const slips: ParityCase[] = [
  // O1: 46200 → 46230 → 46260: two slips; O2: 46300 → 46300: none; O3 one row: none
  { fn: 'SLIPS', name: 'slips between snapshots', args: [col('O1', 'O2', 'O3'), D, K, CLOSE], expect: [2, 0, 0] },
  // with today: O1 46270 > 46260 → 3; O2 46290 earlier → 0; O3 blank today → 0
  {
    fn: 'SLIPS',
    name: 'today after the last snapshot',
    args: [col('O1', 'O2', 'O3'), D, K, CLOSE, col(46270, 46290, null)],
    expect: [3, 0, 0],
  },
  { fn: 'SLIPS', name: 'a deal never recorded is blank', args: [col('O9', 'O1'), D, K, CLOSE], expect: [null, 2] },
  {
    fn: 'SLIPS',
    name: 'pulled in is not a slip',
    args: [col('X'), col(1, 2, 3), col('X', 'X', 'X'), col(50, 40, 45)],
    expect: 1,
  },
  {
    fn: 'SLIPS',
    name: 'rows out of date order are read in date order',
    args: [col('X'), col(3, 1, 2), col('X', 'X', 'X'), col(30, 10, 20)],
    expect: 2,
  },
  {
    fn: 'SLIPS',
    name: 'blank close dates are skipped',
    args: [col('X'), col(1, 2, 3), col('X', 'X', 'X'), col(10, null, 20)],
    expect: 1,
  },
  { fn: 'SLIPS', name: 'blank key', args: [col(null), D, K, CLOSE], expect: null },
  { fn: 'SLIPS', name: 'history columns differ in size', args: [col('O1'), D, K, col(1)], expect: err('VALUE') },
  { fn: 'SLIPS', name: 'keys and current differ in size', args: [col('O1'), D, K, CLOSE, col(1, 2)], expect: err('VALUE') },
  {
    fn: 'SLIPS',
    name: 'date text in the history',
    args: [col('X'), col('2026-01-01', '2026-02-01'), col('X', 'X'), col('2026-03-01', '2026-04-01')],
    expect: 1,
  },
];

const entered: ParityCase[] = [
  // O1: Qualify 46100, Solution 46114, Solution 46128 → entered Solution 46114
  // O2: Solution 46100, Qualify 46128 → Qualify 46128; O3 recorded Discover but today Shortlist → blank
  {
    fn: 'STAGEENTERED',
    name: 'first snapshot of the latest run',
    args: [col('O1', 'O2', 'O3'), col('Solution', 'Qualify', 'Shortlist'), D, K, STAGE],
    expect: [46114, 46128, null],
  },
  {
    fn: 'STAGEENTERED',
    name: 'held since the first snapshot',
    args: [col('X'), col('A'), col(1, 2), col('X', 'X'), col('A', 'A')],
    expect: 1,
  },
  {
    fn: 'STAGEENTERED',
    name: 'back and forth restarts',
    args: [col('X'), col('A'), col(1, 2, 3, 4), col('X', 'X', 'X', 'X'), col('A', 'A', 'B', 'A')],
    expect: 4,
  },
  {
    fn: 'STAGEENTERED',
    name: 'stage matched without case',
    args: [col('X'), col('solution'), col(1), col('X'), col('Solution')],
    expect: 1,
  },
  { fn: 'STAGEENTERED', name: 'never recorded', args: [col('O9'), col('A'), D, K, STAGE], expect: null },
  { fn: 'STAGEENTERED', name: 'blank stage today', args: [col('O1'), col(null), D, K, STAGE], expect: null },
  {
    fn: 'STAGEENTERED',
    name: 'blank recorded stages are skipped',
    args: [col('X'), col('A'), col(1, 2, 3), col('X', 'X', 'X'), col('A', null, 'A')],
    expect: 1,
  },
  {
    fn: 'STAGEENTERED',
    name: 'keys and current differ in size',
    args: [col('O1'), col('A', 'B'), D, K, STAGE],
    expect: err('VALUE'),
  },
  {
    fn: 'STAGEENTERED',
    name: 'history columns differ in size',
    args: [col('O1'), col('A'), D, K, col('A')],
    expect: err('VALUE'),
  },
  {
    fn: 'STAGEENTERED',
    name: 'zh stages',
    args: [col('商机一'), col('入围'), col(5, 9), col('商机一', '商机一'), col('方案交流', '入围')],
    expect: 9,
  },
];

export const cases: ParityCase[] = [...asOf, ...changed, ...slips, ...entered];
