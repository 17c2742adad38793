/**
 * Group-by kernels: one result per entry of a list of groups (per account, per owner, per
 * stage) from a single pass over the rows. They replace a per-row COUNTIFS/SUMIFS, which
 * scans the whole table once per group (rows × groups); here a Map from group key to slot
 * makes it rows + groups.
 *
 * Keys match with keyOf: case-, space- and width-insensitive text, numbers by value.
 * Rows with a blank key belong to no group; a blank group gives a blank result.
 * Only rows that count towards a listed group are read beyond their key, so bad data in
 * another account's rows does not break this account's number.
 */
import { CalcError, Cell, Column, Scalar, isBlank, showCell, toDateSerial, toNumber } from '../core/cells';
import { checkSameLength, numberAt } from './columns';
import { KeyJoin, keyJoin } from './keyViews';
import { DealRules, checkDealRules, closedDealAt } from './dealOutcome';
import { matchKey } from '../core/enumerations';
import { ExactSum, exactRatio } from './exact';
import { msg } from './messages';
import { WinTally } from './winrate';

/** keyOf's fast form lives with the key views; kept importable from here. */
export { groupKeyOf } from './keyViews';

/** Raw cells remembered by lookupBy's slow path; beyond this many distinct spellings, keys are just recomputed. */
const RAW_CACHE_LIMIT = 100_000;

export interface GroupedRows {
  /** Each row's group key, e.g. Opp_AccountId. */
  keys: Column;
  /** The groups to report on, one result each, e.g. Acc_AccountId. */
  groups: Column;
  /** Only rows where this is true (or 1) count (filters computed by the caller, e.g. criteria includeRows). */
  include?: readonly boolean[] | Uint8Array;
}

interface GroupIndex {
  /** Slot of each entry of groups (the id of its key), −1 for a blank entry. */
  slotOfEntry: Int32Array;
  slots: number;
  /** Slot of each row of keys (−1: blank, or not a listed group). */
  join: KeyJoin;
}

/** Entries naming the same group (duplicates, "a001" vs "A001") share one slot: their key's id. */
function indexGroups(keys: Column, groups: Column): GroupIndex {
  const join = keyJoin(keys, groups);
  return { slotOfEntry: join.to.ids, slots: join.to.keys.length, join };
}

/**
 * Calls visit(row, slot) for every included row whose key is a listed group; stops at the
 * first error visit returns.
 */
function eachGroupedRow(
  input: GroupedRows,
  index: GroupIndex,
  visit: (row: number, slot: number) => CalcError | void,
): CalcError | undefined {
  const { keys, include } = input;
  const rowIds = index.join.from.ids;
  const slotOfId = index.join.toIdOf;
  for (let i = 0; i < keys.length; i++) {
    if (include && !include[i]) continue;
    const id = rowIds[i];
    const slot = id < 0 ? -1 : slotOfId[id];
    if (slot < 0) continue;
    const bad = visit(i, slot);
    if (bad) return bad;
  }
  return undefined;
}

/** Spreads per-slot results back over the group entries (blank entry → blank). */
function perEntry<T, R>(index: GroupIndex, perSlot: ArrayLike<T>, shown: (t: T) => R): (R | null)[] {
  const out = new Array<R | null>(index.slotOfEntry.length);
  for (let g = 0; g < out.length; g++) {
    const s = index.slotOfEntry[g];
    out[g] = s < 0 ? null : shown(perSlot[s]);
  }
  return out;
}

/** One exact running sum per group slot (totals compared with targets stay exact, issue #18). */
function exactSums(slots: number): ExactSum[] {
  return Array.from({ length: slots }, () => new ExactSum());
}

function checkInclude(keys: Column, include: GroupedRows['include']): CalcError | undefined {
  return include && include.length !== keys.length
    ? new CalcError('VALUE', msg.sizeMismatch('keys', 'filter', keys.length, include.length))
    : undefined;
}

/** Σ values per group (0 when a group has no rows). Blank values add 0; other non-numbers are errors. */
export function sumBy(input: GroupedRows & { values: Column }): (number | null)[] | CalcError {
  const bad =
    checkSameLength([
      ['keys', input.keys],
      ['values', input.values],
    ]) ?? checkInclude(input.keys, input.include);
  if (bad) return bad;
  const index = indexGroups(input.keys, input.groups);
  const totals = exactSums(index.slots);
  const err = eachGroupedRow(input, index, (i, slot) => {
    const v = numberAt(input.values, i, 'values');
    if (v instanceof CalcError) return v;
    if (v !== undefined) totals[slot].add(v);
  });
  return err ?? perEntry(index, totals, (t) => t.value);
}

/** Number of rows per group. */
export function countBy(input: GroupedRows): (number | null)[] | CalcError {
  const bad = checkInclude(input.keys, input.include);
  if (bad) return bad;
  const index = indexGroups(input.keys, input.groups);
  const counts = new Float64Array(index.slots);
  eachGroupedRow(input, index, (_i, slot) => {
    counts[slot]++;
  });
  // The typed counts as they are: Array.from(counts) went through the iterator, an object per slot (issue #15).
  return perEntry(index, counts, (c) => c);
}

/** A number, or a date (as its serial: ISO text dates from CSV exports count too). */
function numberOrDateAt(col: Column, i: number, name: string): number | undefined | CalcError {
  const c = col[i];
  if (isBlank(c)) return undefined;
  const n = toNumber(c) ?? toDateSerial(c);
  return n !== undefined
    ? n
    : new CalcError(
        'VALUE',
        msg.custom(
          `${name}, row ${i + 1}: ${showCell(c)} is not a number or date`,
          `${name} 第 ${i + 1} 行：${showCell(c)} 不是数字或日期`,
        ),
      );
}

/** Largest value per group (dates are serials, so this is also "latest date"); none → blank. */
export function maxBy(input: GroupedRows & { values: Column }): (number | null)[] | CalcError {
  const bad =
    checkSameLength([
      ['keys', input.keys],
      ['values', input.values],
    ]) ?? checkInclude(input.keys, input.include);
  if (bad) return bad;
  const index = indexGroups(input.keys, input.groups);
  const best = new Array<number | null>(index.slots).fill(null);
  const err = eachGroupedRow(input, index, (i, slot) => {
    const v = numberOrDateAt(input.values, i, 'values');
    if (v instanceof CalcError) return v;
    if (v !== undefined && (best[slot] === null || v > best[slot]!)) best[slot] = v;
  });
  return err ?? perEntry(index, best, (b) => b);
}

export interface LookupInput {
  /** What to look up, one result each, e.g. Opp_AccountId or Opp_Stage. */
  lookupKeys: Column;
  /** Where to find it, e.g. Acc_AccountId or Stages_Stage. */
  keys: Column;
  /** What to return from the matching row, e.g. Acc_Tier or Stages_Order. */
  values: Column;
  /** Shown when a key is not found; undefined → #N/A naming the key. */
  ifMissing?: Cell;
}

/**
 * For each lookup key, the value of the first row whose key matches. An exact keyOf match
 * wins; otherwise enumeration aliases are folded (matchKey), so "发现" finds the default
 * stage "Discover" and "进行中" finds "Open". Exact first keeps ids that happen to look like
 * an alias ("H" vs "High") apart when both are present.
 */
export function lookupBy(input: LookupInput): Scalar[] | CalcError {
  const { lookupKeys, keys, values, ifMissing } = input;
  const bad = checkSameLength([
    ['keys', keys],
    ['values', values],
  ]);
  if (bad) return bad;
  // Exact keyOf matches: the first row of each key of `keys`, kept between calls (key views).
  const join = keyJoin(lookupKeys, keys);
  const firstRow = join.to.firstRows();
  const lookupIds = join.from.ids;
  const toIdOf = join.toIdOf;
  // Alias-folded matches, needed only for a key without an exact match (rare): built on first need.
  let folded: Map<string, number> | undefined;
  const foldedRow = (c: Cell): number | undefined => {
    if (!folded) {
      folded = new Map();
      const seen = new Set<Cell>(); // raw spellings already indexed: later rows cannot be first
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        if (seen.has(k) || isBlank(k)) continue;
        if (seen.size < RAW_CACHE_LIMIT) seen.add(k);
        const fk = matchKey(k);
        if (!folded.has(fk)) folded.set(fk, i);
      }
    }
    return folded.get(matchKey(c));
  };
  // Keys without an exact match: answer each raw spelling once.
  let answers: Map<Cell, Scalar> | undefined;
  const answer = (c: Cell): Scalar => {
    const row = foldedRow(c);
    if (row !== undefined) {
      const v = values[row];
      return isBlank(v) ? null : v;
    }
    if (ifMissing !== undefined) return ifMissing;
    return new CalcError(
      'NA',
      msg.custom(`lookupKeys: ${showCell(c)} is not among keys`, `lookupKeys：在 keys 中找不到 ${showCell(c)}`),
    );
  };
  const out = new Array<Scalar>(lookupKeys.length);
  for (let i = 0; i < out.length; i++) {
    const id = lookupIds[i];
    if (id < 0) {
      out[i] = null;
      continue;
    }
    const to = toIdOf[id];
    const row = to < 0 ? -1 : firstRow[to];
    if (row >= 0) {
      const v = values[row];
      out[i] = isBlank(v) ? null : v;
      continue;
    }
    const c = lookupKeys[i];
    answers ??= new Map();
    let a = answers.get(c);
    if (a === undefined) {
      a = answer(c);
      if (answers.size < RAW_CACHE_LIMIT) answers.set(c, a);
    }
    out[i] = a;
  }
  return out;
}

export type WinTallyByInput = GroupedRows & DealRules;

/**
 * Won and closed totals per group (counts, or amounts when `amount` is given), with the
 * same per-row rules as WINRATE. Templates derive win rates and Wilson intervals from these.
 */
export function winTallyBy(input: WinTallyByInput): WinTally[] | CalcError {
  const bad =
    checkSameLength([
      ['keys', input.keys],
      ['status', input.status],
      ['amount', input.amount],
      ['closeDate', input.closeDate],
    ]) ??
    checkInclude(input.keys, input.include) ??
    checkDealRules(input);
  if (bad) return bad;
  const index = indexGroups(input.keys, input.groups);
  const won = exactSums(index.slots);
  const closed = exactSums(index.slots);
  const err = eachGroupedRow(input, index, (i, slot) => {
    const deal = closedDealAt(input, i);
    if (deal instanceof CalcError) return deal;
    if (!deal) return;
    closed[slot].add(deal.weight);
    if (deal.won) won[slot].add(deal.weight);
  });
  if (err) return err;
  return Array.from(index.slotOfEntry, (s) => (s < 0 ? { won: 0, closed: 0 } : { won: won[s].value, closed: closed[s].value }));
}

/** Win rate per group in [0, 1]; blank when the group closed nothing. */
export function winRateBy(input: WinTallyByInput): (number | null)[] | CalcError {
  const tallies = winTallyBy(input);
  if (tallies instanceof CalcError) return tallies;
  return tallies.map((t) => (t.closed > 0 ? exactRatio(t.won, t.closed) : null));
}
