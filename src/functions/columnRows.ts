/**
 * A column as one-cell rows (the one-column grid a host gives a function for a range), the row
 * of each distinct value made once and shared: a 50,000-row Status column holds a handful of
 * rows instead of 50,000 (issue #15: one-cell row arrays were 40 % of the engine's heap). For
 * the rows that are kept (the engine's columns, HyperFormula's spills, a held column's rows when
 * a function asks for them: functions/args.ts); a short-lived result need not pay the lookups.
 * Rows made here are never changed in place; -0 and objects (errors) get rows of their own.
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
