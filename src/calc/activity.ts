/**
 * Activity measures (掌握项目行为): which account an activity belongs to, the latest
 * activity per account or opportunity, staleness, activity counts in a window, and how
 * complete an opportunity's key information is. Each is one pass over the activities into
 * a tally per key id (the join of the activities' keys to the keys asked for, calc/keyViews),
 * then one pass over the keys: O(activities + keys).
 */
import { CalcError, Cell, Column, Grid, isBlank, keyOf, showCell, toNumber } from '../core/cells';
import { checkSameLength, dateAt, notADate, numberAt } from './columns';
import { answerView, dateView, firstBadRow } from './columnViews';
import { KeyJoin, keyJoin } from './keyViews';
import { ActivityType, Answer, lookupEnum } from '../core/enumerations';
import { differenceAtLeast } from './exact';
import { msg } from './messages';

export interface AccountOfInput {
  actAccountIds: Column;
  actOppIds: Column;
  oppIds: Column;
  oppAccountIds: Column;
}

/**
 * The account of each activity: its own AccountId, or, when blank, its opportunity's
 * account (DESIGN §3). An unknown opportunity gives blank: the validator reports orphans.
 */
export function accountOfActivities(input: AccountOfInput): Cell[] | CalcError {
  const { actAccountIds, actOppIds, oppIds, oppAccountIds } = input;
  const mismatch =
    checkSameLength([
      ['actAccountIds', actAccountIds],
      ['actOppIds', actOppIds],
    ]) ??
    checkSameLength([
      ['oppIds', oppIds],
      ['oppAccountIds', oppAccountIds],
    ]);
  if (mismatch) return mismatch;
  // The first opportunity row of each activity's opportunity, as MATCH would find it.
  const join = keyJoin(actOppIds, oppIds);
  const firstRow = join.to.firstRows();
  const out = new Array<Cell>(actAccountIds.length);
  for (let i = 0; i < out.length; i++) {
    const own = actAccountIds[i];
    if (!isBlank(own)) {
      out[i] = own;
      continue;
    }
    const opp = join.toIdOfRow(i);
    const row = opp < 0 ? -1 : firstRow[opp];
    out[i] = row < 0 || isBlank(oppAccountIds[row]) ? null : oppAccountIds[row];
  }
  return out;
}

/**
 * The activity types a `type` argument names: a list ("Visit,ExecutiveMeeting",
 * "拜访，高层拜访"). Known types match all their aliases; any other text matches itself,
 * because companies log their own activity types too.
 */
export function activityTypeFilter(type: Cell | undefined): Set<string> | undefined {
  if (isBlank(type)) return undefined;
  const names = String(type)
    .split(/[,，|;；、]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return names.length ? new Set(names.map(typeKey)) : undefined;
}

function typeKey(c: Cell | undefined): string {
  return lookupEnum(ActivityType, c)?.code ?? keyOf(c);
}

export interface ActivityInput {
  actKeys: Column;
  actDates: Column;
  asOfDate: number;
  /** With `types`: only activities of those types count. */
  actTypes?: Column;
  types?: Set<string>;
}

/**
 * Visits the activities that pass the type filter and have a date on or before asOfDate,
 * with the id of their key in `keys`' key view (activities of keys not listed are skipped);
 * `start` first gets the number of those ids, to size its tallies.
 * Every date is checked (a text date anywhere is an error, so results do not silently
 * depend on which rows happen to be filtered out).
 */
function eachActivity(
  keys: Column,
  input: ActivityInput,
  visit: (keyId: number, date: number) => void,
  start: (keyIds: number) => void,
): KeyJoin | CalcError {
  const { actKeys, actDates, actTypes, types, asOfDate } = input;
  const mismatch = checkSameLength([
    ['actKeys', actKeys],
    ['actDates', actDates],
    ['actTypes', actTypes],
  ]);
  if (mismatch) return mismatch;
  if (types && !actTypes)
    return new CalcError(
      'VALUE',
      msg.custom(
        'type needs actTypes: give the activity type column (e.g. Act_Type)',
        '按类型筛选需要 actTypes：请给出活动类型列（如 Act_Type）',
      ),
    );
  // Each activity's key as the id of the same key among `keys` (the join, kept between calls).
  const join = keyJoin(actKeys, keys);
  const actIds = join.from.ids;
  const keyIdOf = join.toIdOf;
  start(join.to.keys.length);
  const dates = dateView(actDates);
  const bad = firstBadRow(dates);
  if (bad >= 0) return notADate(actDates, bad, 'actDates');
  const typeOf = new Map<Cell, string>(); // a type column repeats a few texts: normalise each once
  for (let i = 0; i < actIds.length; i++) {
    const d = dates.values[i];
    const actId = actIds[i];
    if (!(d <= asOfDate) || actId < 0) continue; // NaN: no date
    if (types) {
      const c = actTypes![i];
      let t = typeOf.get(c);
      if (t === undefined) typeOf.set(c, (t = typeKey(c)));
      if (!types.has(t)) continue;
    }
    const keyId = keyIdOf[actId];
    if (keyId >= 0) visit(keyId, d);
  }
  return join;
}

/** Per key: the latest activity date on or before asOfDate; none → blank. */
export function lastActivity(keys: Column, input: ActivityInput): (number | null)[] | CalcError {
  let latest = new Float64Array(0);
  const join = eachActivity(
    keys,
    input,
    (k, d) => {
      if (!(d <= latest[k])) latest[k] = d; // NaN (no date yet) compares false
    },
    (n) => (latest = new Float64Array(n).fill(NaN)),
  );
  if (join instanceof CalcError) return join;
  const ids = join.to.ids;
  const out = new Array<number | null>(keys.length);
  for (let i = 0; i < out.length; i++) {
    const d = ids[i] < 0 ? NaN : latest[ids[i]];
    out[i] = Number.isNaN(d) ? null : d;
  }
  return out;
}

/** Per key: the number of activities dated in (asOfDate − days, asOfDate]. */
export function activityCount(keys: Column, input: ActivityInput & { days: number }): (number | null)[] | CalcError {
  const bad = checkDays(input.days, 'days');
  if (bad) return bad;
  let counts = new Float64Array(0);
  const join = eachActivity(
    keys,
    input,
    (k, d) => {
      // d > asOfDate − days, decided exactly: asOfDate − d < days.
      if (!differenceAtLeast(input.asOfDate, d, input.days)) counts[k]++;
    },
    (n) => (counts = new Float64Array(n)),
  );
  if (join instanceof CalcError) return join;
  const ids = join.to.ids;
  const out = new Array<number | null>(keys.length);
  for (let i = 0; i < out.length; i++) out[i] = ids[i] < 0 ? null : counts[ids[i]];
  return out;
}

/** A window or interval must be a number of days ≥ 0 (NaN fails too). */
function checkDays(days: number, name: string, row?: number): CalcError | undefined {
  if (days >= 0 && days !== Infinity) return undefined;
  const where = row === undefined ? name : `${name}, row ${row}`;
  const whereZh = row === undefined ? name : `${name} 第 ${row} 行`;
  return new CalcError(
    'VALUE',
    msg.custom(
      `${where}: ${days} is not a usable number of days; give a number ≥ 0 (e.g. StaleDays)`,
      `${whereZh}：${days} 不是有效的天数，请给出不小于 0 的数（如 StaleDays）`,
    ),
  );
}

export interface StaleInput {
  lastDates: Column;
  asOfDate: number;
  /** One interval for every row (length 1), or one per row (e.g. the tier's VisitIntervalDays). */
  days: Column;
}

/**
 * Per row: TRUE when there is no activity in (asOfDate − days, asOfDate], i.e. no last
 * date, or asOfDate − last ≥ days. A blank per-row interval gives blank (an untiered account).
 */
export function staleFlags(input: StaleInput): (boolean | null)[] | CalcError {
  const { lastDates, asOfDate, days } = input;
  const single = days.length === 1;
  if (!single && days.length !== lastDates.length)
    return new CalcError('VALUE', msg.sizeMismatch('lastDates', 'days', lastDates.length, days.length));
  let shared: number | undefined;
  if (single) {
    const d = toNumber(days[0]);
    if (d === undefined)
      return new CalcError('VALUE', isBlank(days[0]) ? msg.missingArgument('days') : msg.notANumber('days', showCell(days[0])));
    const bad = checkDays(d, 'days');
    if (bad) return bad;
    shared = d;
  }
  const out = new Array<boolean | null>(lastDates.length);
  for (let i = 0; i < lastDates.length; i++) {
    const last = dateAt(lastDates, i, 'lastDates');
    if (last instanceof CalcError) return last;
    let interval = shared;
    if (interval === undefined) {
      const d = numberAt(days, i, 'days');
      if (d instanceof CalcError) return d;
      if (d !== undefined) {
        const bad = checkDays(d, 'days', i + 1);
        if (bad) return bad;
      }
      interval = d;
    }
    out[i] = interval === undefined ? null : last === undefined || differenceAtLeast(asOfDate, last, interval);
  }
  return out;
}

export interface KeyInfoInput {
  amount: Column;
  closeDate: Column;
  owner: Column;
  competitor: Column;
  nextStepDate: Column;
  stageEntered: Column;
  /** Question columns, one row per opportunity. */
  answers?: Grid;
}

/** The key of the "filled" view of a field column (criterion views are keyed `criterion…`: no clash). */
const FILLED = 'keyinfo\u0000filled';
const isFilled = (c: Cell | undefined): boolean => !isBlank(c);

/**
 * Questions answered Yes or No per row of an answers block, or the error of its first bad
 * answer in reading order. Kept per block: the engine hands every call the same block until one
 * of its columns changes (engine/columnStore.ts), and blocks are never changed in place.
 */
const answeredBlocks = new WeakMap<Grid, Float64Array | CalcError>();
function answeredPerRow(answers: Grid, questions: number): Float64Array | CalcError {
  const kept = answeredBlocks.get(answers);
  if (kept !== undefined) return kept;
  const n = answers.length;
  const out = new Float64Array(n);
  let result: Float64Array | CalcError = out;
  const yesOrNoOf = new Map<Cell, boolean>(); // answer texts repeat: read each once (false: Unknown)
  rows: for (let i = 0; i < n; i++) {
    const row = answers[i] ?? [];
    for (let q = 0; q < questions; q++) {
      const c = row[q];
      let yesOrNo = yesOrNoOf.get(c);
      if (yesOrNo === undefined) {
        if (isBlank(c)) continue;
        const a = lookupEnum(Answer, c);
        if (!a) {
          result = new CalcError(
            'VALUE',
            msg.unknownValue(`answers (column ${q + 1})`, i + 1, showCell(c), 'Yes/是, No/否, Unknown/未知'),
          );
          break rows;
        }
        yesOrNoOf.set(c, (yesOrNo = a.code !== 'Unknown'));
      }
      if (yesOrNo) out[i]++;
    }
  }
  answeredBlocks.set(answers, result);
  return result;
}

/**
 * Per opportunity: (filled among the six key fields + questions answered Yes or No) /
 * (6 + number of questions). Unknown and blank answers are not answered.
 */
export function keyInfoCompleteness(input: KeyInfoInput): number[] | CalcError {
  const fields: [string, Column][] = [
    ['amount', input.amount],
    ['closeDate', input.closeDate],
    ['owner', input.owner],
    ['competitor', input.competitor],
    ['nextStepDate', input.nextStepDate],
    ['stageEntered', input.stageEntered],
  ];
  const mismatch = checkSameLength(fields);
  if (mismatch) return mismatch;
  const n = input.amount.length;
  const answers = input.answers ?? [];
  if (input.answers && answers.length !== n)
    return new CalcError('VALUE', msg.sizeMismatch('amount', 'answers', n, answers.length));
  const questions = answers.length ? answers[0].length : 0;
  // The answered questions of every row first (the first bad answer, in reading order, is the
  // one reported; the fields cannot be wrong), then the filled fields column by column.
  const answered = questions > 0 ? answeredPerRow(answers, questions) : undefined;
  if (answered instanceof CalcError) return answered;
  const filled = answered ? answered.slice() : new Float64Array(n);
  // Each field's filled rows as a typed view (calc/columnViews.ts): kept with the column and
  // patched in place on a what-if, so a recalculation adds n bytes per field.
  for (const [, col] of fields) {
    const yes = answerView(col, FILLED, isFilled).answers;
    for (let i = 0; i < n; i++) filled[i] += yes[i];
  }
  const out = new Array<number>(n);
  const total = fields.length + questions;
  for (let i = 0; i < n; i++) out[i] = filled[i] / total;
  return out;
}
