/**
 * One value per row → the column a spilled result is made of. An empty list still fills
 * the one cell every host predicts for it (a blank), so sizes always agree.
 */
import { Scalar } from '../core/cells';

export function spill(values: readonly Scalar[]): Scalar[][] {
  return values.length ? columnRows(values) : [[null]];
}

/**
 * A column as one-cell rows, the row of each distinct value made once and shared: a
 * 50,000-row Status column holds a handful of rows instead of 50,000 (issue #15: one-cell row
 * arrays were 40 % of the engine's heap). Rows made here are never changed in place; -0 and
 * objects (errors) get rows of their own.
 */
export function columnRows<T>(values: readonly T[]): T[][];
export function columnRows<T, U>(values: readonly T[], convert: (v: T) => U): U[][];
export function columnRows<T, U>(values: readonly T[], convert?: (v: T) => U): (T | U)[][] {
  const shared = new Map<unknown, (T | U)[]>();
  const out = new Array<(T | U)[]>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = convert ? convert(values[i]) : values[i];
    if ((typeof v === 'object' && v !== null) || Object.is(v, -0)) {
      out[i] = [v];
      continue;
    }
    let row = shared.get(v);
    if (!row) shared.set(v, (row = [v]));
    out[i] = row;
  }
  return out;
}
