/**
 * Reading typed values out of plain columns, row by row, with messages that name the
 * argument and the row. Kernels use these so every function reports bad cells the same way.
 */
import { CalcError, Cell, Column, showCell, toDateSerial, toNumber } from '../core/cells';
import { Enumeration, allowedList } from '../core/enumerations';
import { msg } from './messages';
import { BAD, BLANK_CODE, DATES, NUMBERS, UNKNOWN_CODE, codeAtRow, parsedAt } from './columnViews';

/** Number at row i (0-based); blank → undefined; anything else not numeric → error. */
export function numberAt(col: Column, i: number, name: string): number | undefined | CalcError {
  const c = col[i];
  // Numbers are cheap to read; text (amounts exported as text) is parsed once per cell (columnViews).
  const n = typeof c === 'number' ? (toNumber(c) ?? BAD) : parsedAt(col, NUMBERS, i);
  return n === BAD ? notANumber(col, i, name) : n;
}

/** Date serial at row i; blank → undefined; not a date → error. */
export function dateAt(col: Column, i: number, name: string): number | undefined | CalcError {
  const c = col[i];
  if (c === null || c === undefined) return undefined;
  const d = typeof c === 'number' ? (toDateSerial(c) ?? BAD) : parsedAt(col, DATES, i);
  return d === BAD ? notADate(col, i, name) : d;
}

/** Canonical enumeration code at row i; blank → undefined; unknown → error listing the allowed values. */
export function codeAt(col: Column, i: number, e: Enumeration, name: string): string | undefined | CalcError {
  const c = col[i];
  if (c === null || c === undefined) return undefined;
  const k = codeAtRow(col, e, i);
  if (k === BLANK_CODE) return undefined;
  return k !== UNKNOWN_CODE ? e.values[k].code : unknownCode(col, i, e, name);
}

// The messages of bad rows: kernels over typed views (columnViews.ts) find the row, these say what is wrong.

/** Row i's cell of `name` is not a number. */
export function notANumber(col: Column, i: number, name: string): CalcError {
  return new CalcError('VALUE', msg.cellNotANumber(name, i + 1, showCell(col[i])));
}

/** Row i's cell of `name` is not a date. */
export function notADate(col: Column, i: number, name: string): CalcError {
  return new CalcError('VALUE', msg.cellNotADate(name, i + 1, showCell(col[i])));
}

/** Row i's cell of `name` is not a value of `e`; the message lists the allowed values. */
export function unknownCode(col: Column, i: number, e: Enumeration, name: string): CalcError {
  return new CalcError('VALUE', msg.unknownValue(name, i + 1, showCell(col[i]), allowedList(e)));
}

/** Reads a whole column of numbers (blank → undefined); first bad cell → error. */
export function numbers(col: Column, name: string): (number | undefined)[] | CalcError {
  const out = new Array<number | undefined>(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = numberAt(col, i, name);
    if (v instanceof CalcError) return v;
    out[i] = v;
  }
  return out;
}

/** Error when any two named columns have different lengths (absent columns are skipped). */
export function checkSameLength(cols: readonly [string, Column | undefined][]): CalcError | undefined {
  let first: [string, Column] | undefined;
  for (const [name, col] of cols) {
    if (!col) continue;
    if (!first) first = [name, col];
    else if (col.length !== first[1].length)
      return new CalcError('VALUE', msg.sizeMismatch(first[0], name, first[1].length, col.length));
  }
  return undefined;
}

/**
 * A period [start, end] as bounds for loops over typed dates: a missing bound is open. A date d
 * lies in the period when `d >= lo && d <= hi` (false for a blank date, NaN).
 */
export function periodBounds(start: number | undefined, end: number | undefined): { lo: number; hi: number } {
  return { lo: start ?? -Infinity, hi: end ?? Infinity };
}

export type { Cell };
