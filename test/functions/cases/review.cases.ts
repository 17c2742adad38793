/**
 * Deal-review cases: DEALFLAGS. Expected flags are worked out by hand from the rules of
 * calc/dealReview.ts (see the comments per deal).
 */
import { ArgSpec, ParityCase, col, err, val } from '../../support/parity';

const RULES = col(
  'noMentor',
  'approverNotMet',
  'slippedTwice',
  'missingEssential',
  'stale',
  'competitorNoValue',
  'mentor',
  'approverMet',
  'evidenceComplete',
  'compellingEvent',
  'valueStated',
);
// Three deals: O1 and O3 open, O2 won.
const IDS = col('O1', 'O2', 'O3');
const STATUS = col('Open', 'Won', 'Open');
const PUSHES = col(2, 0, 1);
const CHECK = col('OK', 'OK', 'Missing: E_BUDGET');
const COMPETITOR = col('X', null, 'Y');
const VALUE = col(null, 'v', 'Fast rollout');
const EVENT = col('Deadline', null, null);
// Activities: O1 on 46000 and 46090, O3 on 46100. asOf 46100.
const ACT_OPP = col('O1', 'O3', 'O1');
const ACT_DATE = col(46000, 46100, 46090);
// Chain: O1 has a Mentor Approver never contacted and a User; O3 an Approver met in depth, a Supporter.
const DC_OPP = col('O1', 'O1', 'O3');
const DC_ROLE = col('Approver', 'User', 'Approver');
const DC_SUPPORT = col('Mentor', 'Neutral', 'Supporter');
const DC_COVERAGE = col('NoContact', 'Brief', 'InDepth');

const flags = (rules: ArgSpec, opp: ArgSpec, staleDays = 14, dcOpp: ArgSpec = DC_OPP): ArgSpec[] => [
  rules,
  opp,
  IDS,
  STATUS,
  PUSHES,
  CHECK,
  COMPETITOR,
  VALUE,
  EVENT,
  ACT_OPP,
  ACT_DATE,
  val(46100),
  val(staleDays),
  dcOpp,
  DC_ROLE,
  DC_SUPPORT,
  DC_COVERAGE,
];

export const cases: ParityCase[] = [
  // O1: mentor on chain (no noMentor, strength mentor); the Approver has NoContact → approverNotMet;
  // 2 pushes → slippedTwice; StageCheck OK → evidenceComplete; last activity 46090, 10 days < 14 → not
  // stale; competitor X without a value proposition → competitorNoValue; compelling event stated.
  {
    fn: 'DEALFLAGS',
    name: 'every rule for a deal with a mentor, approver not met',
    args: flags(RULES, val('O1')),
    expect: [false, true, true, false, false, true, true, false, true, true, false],
  },
  // O3: no Mentor (Supporter only) → noMentor; Approver InDepth → approverMet; 1 push; Missing → missingEssential;
  // activity today; competitor Y with a value → no competitorNoValue, valueStated; no compelling event.
  {
    fn: 'DEALFLAGS',
    name: 'every rule for a deal without a mentor, stage evidence missing',
    args: flags(RULES, val('O3')),
    expect: [true, false, false, true, false, false, false, true, false, false, true],
  },
  {
    fn: 'DEALFLAGS',
    name: 'a won deal has no flags (blank)',
    args: flags(col('noMentor', 'mentor'), val('O2')),
    expect: [null, null],
  },
  {
    fn: 'DEALFLAGS',
    name: 'an unknown deal gives blanks',
    args: flags(col('noMentor', 'mentor'), val('O9')),
    expect: [null, null],
  },
  { fn: 'DEALFLAGS', name: 'a blank deal gives blanks', args: flags(col('noMentor', 'mentor'), val(null)), expect: [null, null] },
  // StaleDays 5: window (46095, 46100] holds no O1 activity (latest 46090) → stale
  { fn: 'DEALFLAGS', name: 'stale with a shorter window', args: flags(col('stale'), val('O1'), 5), expect: true },
  // 10 days since the last activity, window 10: (46090, 46100] excludes 46090 → stale
  { fn: 'DEALFLAGS', name: 'stale at exactly StaleDays', args: flags(col('stale'), val('O1'), 10), expect: true },
  { fn: 'DEALFLAGS', name: 'not stale one day inside the window', args: flags(col('stale'), val('O1'), 11), expect: false },
  {
    fn: 'DEALFLAGS',
    name: 'rules by zh name',
    args: flags(col('没有内线教练', '已接触批准者'), val('O3')),
    expect: [true, true],
  },
  { fn: 'DEALFLAGS', name: 'rules by en name', args: flags(col('no mentor', 'approver met'), val('O1')), expect: [false, false] },
  {
    fn: 'DEALFLAGS',
    name: 'a blank rule row stays blank',
    args: flags(col('noMentor', null, 'mentor'), val('O1')),
    expect: [false, null, true],
  },
  { fn: 'DEALFLAGS', name: 'deal id without case or spaces', args: flags(col('mentor'), val(' o1 ')), expect: true },
  { fn: 'DEALFLAGS', name: 'unknown rule is refused', args: flags(col('tooExpensive'), val('O1')), expect: err('VALUE') },
  {
    fn: 'DEALFLAGS',
    name: 'decision-chain columns of different sizes',
    args: flags(col('mentor'), val('O1'), 14, col('O1', 'O1')),
    expect: err('VALUE'),
  },
];
