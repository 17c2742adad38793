/**
 * Filtered aggregates behind most value indicators (OPEN_PIPE, NEW_OPP_COUNT,
 * QUAL_SCORE_AVG, GRADE_A_SHARE, …): sums, counts, means and shares over the rows that pass
 * alias-aware filters (criteria.ts), plus a ratio that is blank on a zero denominator
 * (DESIGN §6). The caller turns filters into an `include` mask with rowMask.
 */
import { CalcError, Cell, Column, isBlank, showCell, toNumber } from '../core/cells';
import { notANumber } from './columns';
import { answerView, numberView } from './columnViews';
import { RowFilter, compileCriterion, criterionKey } from './criteria';
import { ExactSum, exactRatio } from './exact';
import { msg } from './messages';
import type { RowTrace } from './working';

function checkMask(name: string, col: Column, include: RowFilter | undefined): CalcError | undefined {
  return include && include.length !== col.length
    ? new CalcError('VALUE', msg.sizeMismatch(name, 'filter', col.length, include.length))
    : undefined;
}

/**
 * Σ (exact, read as decimals: a mean or sum compared with a threshold lands on it when it is
 * exactly it, issue #18) and count of the numbers among included rows; blank cells are
 * skipped, text is an error.
 */
function tally(values: Column, include: RowFilter | undefined, trace?: RowTrace): { sum: ExactSum; count: number } | CalcError {
  const bad = checkMask('values', values, include);
  if (bad) return bad;
  const numbers = numberView(values);
  const xs = numbers.values;
  const sum = new ExactSum();
  let count = 0;
  for (let i = 0; i < xs.length; i++) {
    if (include && !include[i]) continue;
    const v = xs[i];
    if (v !== v) {
      if (numbers.bad[i]) return notANumber(values, i, 'values');
      trace?.(i, 'blank');
      continue;
    }
    trace?.(i, 'counted', v);
    sum.add(v);
    count++;
  }
  return { sum, count };
}

/** Σ of the numbers among included rows (0 when there are none); `trace` files rows as counted or blank. */
export function sumWhere(values: Column, include?: RowFilter, trace?: RowTrace): number | CalcError {
  const t = tally(values, include, trace);
  return t instanceof CalcError ? t : t.sum.value;
}

/** Mean of the numbers among included rows; blank when there are none. */
export function meanWhere(values: Column, include?: RowFilter, trace?: RowTrace): number | null | CalcError {
  const t = tally(values, include, trace);
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

/**
 * Among included rows, the fraction whose `column` cell meets `criterion`; blank when no
 * row is included (a share of nothing is not 0%).
 */
export function shareWhere(
  column: Column,
  criterion: Cell | Column | undefined,
  include?: RowFilter,
  criterionName = 'criterion',
  trace?: RowTrace,
): number | null | CalcError {
  const bad = checkMask('column', column, include);
  if (bad) return bad;
  const matches = compileCriterion(criterion, criterionName);
  if (matches instanceof CalcError) return matches;
  // The criterion's answer per cell, kept with the column as rowMask keeps a filter's.
  const answers = answerView(column, criterionKey(criterion), matches).answers;
  let hits = 0;
  let rows = 0;
  for (let i = 0; i < answers.length; i++) {
    if (include && !include[i]) continue;
    rows++;
    if (answers[i]) {
      hits++;
      trace?.(i, 'hit');
    } else trace?.(i, 'miss');
  }
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
