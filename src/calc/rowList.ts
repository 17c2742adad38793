/**
 * Row lists (CRM3.LISTBY): the rows of a table whose key matches one key (the deals of one
 * account, the people on one deal), optionally sorted, cut to a block of known height.
 *
 * Templates print these blocks, so the height is fixed by the caller (maxRows) and an
 * overflowing list says so in its last row ("… +3") instead of silently dropping rows.
 * One pass over the keys plus a sort of the matching rows only.
 */
import { CalcError, Cell, Column, isBlank } from '../core/cells';
import { groupKeyOf } from './keyViews';
import { msg } from './messages';

/** Largest block a row list may fill (a printed page holds a few dozen rows). */
export const MAX_LIST_ROWS = 10_000;

export interface RowListQuery {
  /** Each row's key, e.g. DC_OppId. */
  keys: Column;
  /** The key to list, e.g. the chosen opportunity id. Blank lists nothing. */
  key: Cell | undefined;
  /** Only rows where this is true are listed (filters computed by the caller). */
  include?: readonly boolean[];
  /** Sort the listed rows by this column (same length as keys); unsorted: table order. */
  sortBy?: Column;
  descending?: boolean;
  /** Height of the block, 1..MAX_LIST_ROWS. */
  maxRows: number;
}

export interface RowList {
  /** Table rows (0-based) to show, in order; at most maxRows, or maxRows − 1 when `more` > 0. */
  rows: number[];
  /** Matching rows not shown (the block's last row then reports them). */
  more: number;
}

/** Sort classes: numbers (and dates) first, then text, then TRUE/FALSE; blanks always last. */
function sortClass(c: Cell): number {
  if (typeof c === 'number') return 0;
  if (typeof c === 'string') return isBlank(c) ? 3 : 1;
  if (typeof c === 'boolean') return 2;
  return 3;
}

function compareCells(a: Cell, b: Cell): number {
  const ca = sortClass(a);
  const cb = sortClass(b);
  if (ca !== cb) return ca - cb;
  if (ca === 0) return (a as number) - (b as number);
  if (ca === 1) {
    const x = String(a).normalize('NFKC').toLowerCase();
    const y = String(b).normalize('NFKC').toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ca === 2) return Number(a) - Number(b);
  return 0;
}

export function checkMaxRows(maxRows: number, name: string): CalcError | undefined {
  if (Number.isInteger(maxRows) && maxRows >= 1 && maxRows <= MAX_LIST_ROWS) return undefined;
  return new CalcError(
    'VALUE',
    msg.custom(
      `${name} must be a whole number from 1 to ${MAX_LIST_ROWS} (the height of the block), got ${maxRows}`,
      `${name} 必须是 1 到 ${MAX_LIST_ROWS} 之间的整数（列表区域的行数），实际为 ${maxRows}`,
    ),
  );
}

/** The rows of `keys` equal to `key` (keyOf: case-, space- and width-insensitive, numbers by value). */
export function listRows(q: RowListQuery): RowList | CalcError {
  const bad = checkMaxRows(q.maxRows, 'maxRows');
  if (bad) return bad;
  const n = q.keys.length;
  if (q.sortBy && q.sortBy.length !== n) return new CalcError('VALUE', msg.sizeMismatch('keys', 'sortBy', n, q.sortBy.length));
  if (q.include && q.include.length !== n) return new CalcError('VALUE', msg.sizeMismatch('keys', 'filter', n, q.include.length));
  if (isBlank(q.key)) return { rows: [], more: 0 };
  const wanted = groupKeyOf(q.key);
  const matching: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = q.keys[i];
    if (isBlank(k) || (q.include && !q.include[i])) continue;
    if (groupKeyOf(k) === wanted) matching.push(i);
  }
  const sortBy = q.sortBy;
  if (sortBy) {
    const sign = q.descending ? -1 : 1;
    matching.sort((i, j) => {
      const a = sortBy[i] ?? null;
      const b = sortBy[j] ?? null;
      // Blanks stay last in both directions; ties keep table order.
      const blankA = sortClass(a) === 3;
      const blankB = sortClass(b) === 3;
      if (blankA !== blankB) return blankA ? 1 : -1;
      return sign * compareCells(a, b) || i - j;
    });
  }
  if (matching.length <= q.maxRows) return { rows: matching, more: 0 };
  const shown = q.maxRows - 1;
  return { rows: matching.slice(0, shown), more: matching.length - shown };
}

/** The text of the block's last row when rows did not fit: no words, so it reads in every language. */
export function moreRowsNote(more: number): string {
  return `… +${more}`;
}

/**
 * The block a row list spills: the listed rows, then "… +N" when rows did not fit, then blank
 * rows down to maxRows, each `width` cells wide (LISTBY and WHATMOVED print the same way).
 */
export function listBlock<T>(rows: readonly T[][], more: number, width: number, maxRows: number): (T | string | null)[][] {
  const block: (T | string | null)[][] = rows.map((r) => [...r]);
  const blank = () => Array.from({ length: width }, () => null);
  if (more > 0) block.push([moreRowsNote(more), ...blank().slice(1)]);
  while (block.length < maxRows) block.push(blank());
  return block;
}
