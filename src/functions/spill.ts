/**
 * One value per row → the column a spilled result is made of. An empty list still fills
 * the one cell every host predicts for it (a blank), so sizes always agree.
 */
import { Column, Grid, Scalar } from '../core/cells';
import { knownColumn } from './args';
import { markErrorFree } from './invoke';

/**
 * A kernel's column as a function's result. Rows are shared per distinct value (columnRows): the
 * result goes through HyperFormula as it is (crm3Plugin's toHf) and on to the next CRM3 call, so
 * 50,000 new one-cell arrays would be garbage to collect (issue #15). A column of plain values
 * (numbers, texts, booleans: what a host gives back unchanged) is also the result's flat column,
 * so a CRM3 call reading the result gets the kernel's own array without flattening it again, nor
 * scanning it for errors.
 */
export function spill(values: readonly Scalar[]): Scalar[][] {
  if (!values.length) return [[null]];
  const rows = columnRows(values);
  if (plainColumn(values)) {
    knownColumn(rows as Grid, values as Column);
    markErrorFree(rows);
  }
  return rows;
}

/** Every value a finite number (not −0), a text or a boolean. */
function plainColumn(values: readonly Scalar[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = typeof v;
    if (t === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0)) return false;
    } else if (t !== 'string' && t !== 'boolean') return false;
  }
  return true;
}

/**
 * A column as one-cell rows, the row of each distinct value made once and shared: a
 * 50,000-row Status column holds a handful of rows instead of 50,000 (issue #15: one-cell row
 * arrays were 40 % of the engine's heap). For the rows that are kept (the engine's columns,
 * HyperFormula's spills); a short-lived result need not pay the lookups. Rows made here are
 * never changed in place; -0 and objects (errors) get rows of their own.
 */
export function columnRows<T>(values: readonly T[]): T[][];
export function columnRows<T, U>(values: readonly T[], convert: (v: T) => U): U[][];
export function columnRows<T, U>(values: readonly T[], convert?: (v: T) => U): (T | U)[][] {
  const shared = new Map<unknown, (T | U)[]>();
  const out = new Array<(T | U)[]>(values.length);
  // The last shared row: runs of one value (sorted or grouped columns) skip the lookup.
  let last: (T | U)[] | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = convert ? convert(values[i]) : values[i];
    if ((typeof v === 'object' && v !== null) || Object.is(v, -0)) {
      out[i] = [v];
      continue;
    }
    if (last === undefined || !Object.is(last[0], v)) {
      last = shared.get(v);
      if (!last) shared.set(v, (last = [v]));
    }
    out[i] = last;
  }
  return out;
}
