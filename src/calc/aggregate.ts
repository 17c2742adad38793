/**
 * Filtered aggregates behind most value indicators (OPEN_PIPE, NEW_OPP_COUNT,
 * QUAL_SCORE_AVG, GRADE_A_SHARE, …): sums, counts, means and shares over the rows that pass
 * alias-aware filters (criteria.ts), plus a ratio that is blank on a zero denominator
 * (DESIGN §6). The caller turns filters into an `include` mask with rowMask.
 */
import { CalcError, Cell, Column, isBlank, showCell, toNumber } from '../core/cells';
import { notANumber } from './columns';
import { NumberView, answerView, columnVersions, numberView, rowsChangedSinceAll } from './columnViews';
import { FilterPair, RowFilter, compileCriterion, criterionKey } from './criteria';
import { ExactSum, exactRatio } from './exact';
import { KeptByColumn } from './keptState';
import { msg } from './messages';
import type { RowTrace } from './working';

function checkMask(name: string, col: Column, include: RowFilter | undefined): CalcError | undefined {
  return include && include.length !== col.length
    ? new CalcError('VALUE', msg.sizeMismatch(name, 'filter', col.length, include.length))
    : undefined;
}

/**
 * The filters a kernel's `include` mask was made from (includeRows of these pairs): given with
 * the mask, the kernel keeps its per-row state with the columns and, after a what-if changed
 * rows in place, patches it by those rows instead of reading every row again (issue #15).
 * Undefined when a criterion has no key (a long list): nothing is kept.
 */
export interface KeptFilters {
  columns: Column[];
  key: string;
}
export function keptFilters(pairs: readonly FilterPair[]): KeptFilters | undefined {
  const used = pairs.filter((p) => p.column);
  const keys = used.map((p) => criterionKey(p.criterion));
  if (keys.some((k) => k === undefined)) return undefined;
  return { columns: used.map((p) => p.column!), key: keys.join('\u0001') };
}

const sameFilters = (a: KeptFilters, b: KeptFilters) =>
  a.key === b.key && a.columns.length === b.columns.length && a.columns.every((c, k) => c === b.columns[k]);

interface KeptTally {
  filters: KeptFilters;
  versions: number[];
  /** 1 where the row is included and holds a number, which is `v[i]`. */
  counted: Uint8Array;
  v: Float64Array;
  sum: ExactSum;
  count: number;
}
/** Kept per values column. */
const keptTallies = new KeptByColumn<KeptTally>(16);

/**
 * Σ (exact, read as decimals: a mean or sum compared with a threshold lands on it when it is
 * exactly it, issue #18) and count of the numbers among included rows; blank cells are
 * skipped, text is an error. With `filters` (what `include` was made from) the tally is kept
 * and patched (KeptFilters).
 */
function tally(
  values: Column,
  include: RowFilter | undefined,
  trace?: RowTrace,
  filters?: KeptFilters,
): { sum: ExactSum; count: number } | CalcError {
  const bad = checkMask('values', values, include);
  if (bad) return bad;
  const numbers = numberView(values);
  const xs = numbers.values;
  const keeping = filters && !trace ? filters : undefined;
  const columns = keeping ? [values, ...keeping.columns] : [];
  if (keeping) {
    const kept = keptTallies.find(values, (t) => sameFilters(t.filters, keeping));
    if (kept) {
      if (patchTally(kept, columns, include, numbers)) return kept;
      keptTallies.forget(values, kept);
    }
  }
  const n = xs.length;
  const counted = keeping ? new Uint8Array(n) : undefined;
  const v = keeping ? new Float64Array(n) : undefined;
  const sum = new ExactSum();
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (include && !include[i]) continue;
    const x = xs[i];
    if (x !== x) {
      if (numbers.bad[i]) return notANumber(values, i, 'values');
      trace?.(i, 'blank');
      continue;
    }
    trace?.(i, 'counted', x);
    sum.add(x);
    count++;
    if (counted) {
      counted[i] = 1;
      v![i] = x;
    }
  }
  if (keeping)
    keptTallies.keep(values, { filters: keeping, versions: columnVersions(columns), counted: counted!, v: v!, sum, count });
  return { sum, count };
}

/** The kept tally patched by the rows changed since; false when it cannot be (a bad row, changes no longer known). */
function patchTally(t: KeptTally, columns: Column[], include: RowFilter | undefined, numbers: NumberView): boolean {
  const changed = rowsChangedSinceAll(columns, t.versions);
  if (changed === undefined) return false;
  const xs = numbers.values;
  for (const i of changed) {
    if (t.counted[i]) {
      t.counted[i] = 0;
      t.count--;
      t.sum.add(-t.v[i]);
    }
    if (include && !include[i]) continue;
    const x = xs[i];
    if (x !== x) {
      if (numbers.bad[i]) return false; // the first bad row in order is for a pass over every row to find
      continue;
    }
    t.counted[i] = 1;
    t.v[i] = x;
    t.count++;
    t.sum.add(x);
  }
  t.versions = columnVersions(columns);
  return true;
}

/** Σ of the numbers among included rows (0 when there are none); `trace` files rows as counted or blank. */
export function sumWhere(values: Column, include?: RowFilter, trace?: RowTrace, filters?: KeptFilters): number | CalcError {
  const t = tally(values, include, trace, filters);
  return t instanceof CalcError ? t : t.sum.value;
}

/** Mean of the numbers among included rows; blank when there are none. */
export function meanWhere(
  values: Column,
  include?: RowFilter,
  trace?: RowTrace,
  filters?: KeptFilters,
): number | null | CalcError {
  const t = tally(values, include, trace, filters);
  if (t instanceof CalcError) return t;
  return meanOf(t.sum, t.count);
}

/** Σ ÷ count, exact; blank when there is nothing to average. */
export function meanOf(sum: ExactSum, count: number): number | null {
  return count > 0 ? exactRatio(sum, count) : null;
}

/** Number of included rows. */
export function countWhere(include: RowFilter): number {
  let n = 0;
  for (const ok of include) if (ok) n++;
  return n;
}

interface KeptShare {
  criterion: string;
  filters: KeptFilters;
  versions: number[];
  /** 1 where the row is included; `hit`: 1 where it is included and meets the criterion. */
  included: Uint8Array;
  hit: Uint8Array;
  rows: number;
  hits: number;
}
/** Kept per share column. */
const keptShares = new KeptByColumn<KeptShare>(16);

/**
 * Among included rows, the fraction whose `column` cell meets `criterion`; blank when no
 * row is included (a share of nothing is not 0%). With `filters` (what `include` was made
 * from) the counts are kept and patched (KeptFilters).
 */
export function shareWhere(
  column: Column,
  criterion: Cell | Column | undefined,
  include?: RowFilter,
  criterionName = 'criterion',
  trace?: RowTrace,
  filters?: KeptFilters,
): number | null | CalcError {
  const bad = checkMask('column', column, include);
  if (bad) return bad;
  const matches = compileCriterion(criterion, criterionName);
  if (matches instanceof CalcError) return matches;
  // The criterion's answer per cell, kept with the column as rowMask keeps a filter's.
  const key = criterionKey(criterion);
  const answers = answerView(column, key, matches).answers;
  const keeping = filters && !trace && key !== undefined ? filters : undefined;
  const columns = keeping ? [column, ...keeping.columns] : [];
  if (keeping) {
    const kept = keptShares.find(column, (t) => t.criterion === key && sameFilters(t.filters, keeping));
    const changed = kept && rowsChangedSinceAll(columns, kept.versions);
    if (kept && changed) {
      for (const i of changed) {
        kept.rows -= kept.included[i];
        kept.hits -= kept.hit[i];
        const inc = include && !include[i] ? 0 : 1;
        kept.included[i] = inc;
        kept.hit[i] = inc & answers[i];
        kept.rows += inc;
        kept.hits += kept.hit[i];
      }
      kept.versions = columnVersions(columns);
      return kept.rows > 0 ? kept.hits / kept.rows : null;
    }
    if (kept) keptShares.forget(column, kept);
  }
  const n = answers.length;
  const included = keeping ? new Uint8Array(n) : undefined;
  const hit = keeping ? new Uint8Array(n) : undefined;
  let hits = 0;
  let rows = 0;
  for (let i = 0; i < n; i++) {
    if (include && !include[i]) continue;
    rows++;
    if (included) included[i] = 1;
    if (answers[i]) {
      hits++;
      if (hit) hit[i] = 1;
      trace?.(i, 'hit');
    } else trace?.(i, 'miss');
  }
  if (keeping)
    keptShares.keep(column, {
      criterion: key!,
      filters: keeping,
      versions: columnVersions(columns),
      included: included!,
      hit: hit!,
      rows,
      hits,
    });
  return rows > 0 ? hits / rows : null; // counts: one division of exact integers
}

function ratioOperand(c: Cell | undefined, name: string): number | undefined | CalcError {
  if (isBlank(c)) return undefined;
  const n = toNumber(c);
  return n === undefined ? new CalcError('VALUE', msg.notANumber(name, showCell(c))) : n;
}

/** numerator ÷ denominator; blank when either is blank or the denominator is 0 (DESIGN §6). */
export function ratio(numerator: Cell | undefined, denominator: Cell | undefined): number | null | CalcError {
  const n = ratioOperand(numerator, 'numerator');
  if (n instanceof CalcError) return n;
  const d = ratioOperand(denominator, 'denominator');
  if (d instanceof CalcError) return d;
  if (n === undefined || d === undefined || d === 0) return null;
  return exactRatio(n, d);
}
