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
import { CalcError, Cell, Column, Scalar, isBlank, keyOf, showCell, toDateSerial, toNumber } from '../core/cells';
import { checkSameLength, numberAt } from './columns';
import { DealRules, checkDealRules, closedDealAt } from './dealOutcome';
import { matchKey } from '../core/enumerations';
import { ExactSum, exactRatio } from './exact';
import { msg } from './messages';
import { WinTally } from './winrate';

export interface GroupedRows {
  /** Each row's group key, e.g. Opp_AccountId. */
  keys: Column;
  /** The groups to report on, one result each, e.g. Acc_AccountId. */
  groups: Column;
  /** Only rows where this is true count (filters computed by the caller). */
  include?: readonly boolean[];
}

/** Printable ASCII without spaces is already in keyOf's form but for case: skip NFKC (5× faster). */
const PLAIN_ASCII = /^[\x21-\x7e]+$/;

/** keyOf(c), fast for the common ids ("A001", "O-2031"). Same result as keyOf for every cell. */
export function groupKeyOf(c: Cell | undefined): string {
  return typeof c === 'string' && PLAIN_ASCII.test(c) ? c.toUpperCase() : keyOf(c);
}

interface GroupIndex {
  /** Distinct group key → its slot. */
  slotOf: Map<string, number>;
  /** Slot of each entry of groups, −1 for a blank entry. */
  slotOfEntry: Int32Array;
  slots: number;
}

/** Entries naming the same group (duplicates, "a001" vs "A001") share one slot. */
function indexGroups(groups: Column): GroupIndex {
  const slotOf = new Map<string, number>();
  const slotOfEntry = new Int32Array(groups.length);
  for (let g = 0; g < groups.length; g++) {
    const c = groups[g];
    if (isBlank(c)) {
      slotOfEntry[g] = -1;
      continue;
    }
    const k = groupKeyOf(c);
    let s = slotOf.get(k);
    if (s === undefined) slotOf.set(k, (s = slotOf.size));
    slotOfEntry[g] = s;
  }
  return { slotOf, slotOfEntry, slots: slotOf.size };
}

/** Raw cells remembered by slotOfKeys; beyond this many distinct spellings, keys are just recomputed. */
const RAW_CACHE_LIMIT = 100_000;

/**
 * Slot of every row's key (−1: blank, or not a listed group). Ids repeat across rows, so the
 * slot of each raw spelling is remembered: one Map lookup per row instead of normalising.
 */
function slotOfKeys(keys: Column, index: GroupIndex): (i: number) => number {
  const seen = new Map<Cell, number>();
  return (i) => {
    const c = keys[i];
    let slot = seen.get(c);
    if (slot === undefined) {
      slot = isBlank(c) ? -1 : (index.slotOf.get(groupKeyOf(c)) ?? -1);
      if (seen.size < RAW_CACHE_LIMIT) seen.set(c, slot);
    }
    return slot;
  };
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
  const slotAt = slotOfKeys(keys, index);
  for (let i = 0; i < keys.length; i++) {
    if (include && !include[i]) continue;
    const slot = slotAt(i);
    if (slot < 0) continue;
    const bad = visit(i, slot);
    if (bad) return bad;
  }
  return undefined;
}

/** Spreads per-slot results back over the group entries (blank entry → blank). */
function perEntry<T, R>(index: GroupIndex, perSlot: readonly T[], shown: (t: T) => R): (R | null)[] {
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

function checkInclude(keys: Column, include: readonly boolean[] | undefined): CalcError | undefined {
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
  const index = indexGroups(input.groups);
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
  const index = indexGroups(input.groups);
  const counts = new Float64Array(index.slots);
  eachGroupedRow(input, index, (_i, slot) => {
    counts[slot]++;
  });
  return perEntry(index, Array.from(counts), (c) => c);
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
  const index = indexGroups(input.groups);
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
  const exact = new Map<string, number>();
  const folded = new Map<string, number>();
  const seen = new Set<Cell>(); // raw spellings already indexed: later rows cannot be first
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (seen.has(k) || isBlank(k)) continue;
    if (seen.size < RAW_CACHE_LIMIT) seen.add(k);
    const ek = groupKeyOf(k);
    if (!exact.has(ek)) exact.set(ek, i);
    const fk = matchKey(k);
    if (!folded.has(fk)) folded.set(fk, i);
  }
  // Opportunities repeat their account: answer each raw spelling once.
  const answers = new Map<Cell, Scalar>();
  const answer = (c: Cell): Scalar => {
    const row = exact.get(groupKeyOf(c)) ?? folded.get(matchKey(c));
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
  return lookupKeys.map((c): Scalar => {
    if (isBlank(c)) return null;
    let a = answers.get(c);
    if (a === undefined) {
      a = answer(c);
      if (answers.size < RAW_CACHE_LIMIT) answers.set(c, a);
    }
    return a;
  });
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
  const index = indexGroups(input.groups);
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
