/**
 * One value per row → the column a spilled result is made of. An empty list still fills
 * the one cell every host predicts for it (a blank), so sizes always agree.
 */
import { Scalar } from '../core/cells';

/**
 * A kernel's column as a function's result, held as the kernel's array (issue #15): no row per
 * value is made here. `invoke` cleans it (`plain` then says whether every value is a finite
 * number, a text or a boolean, what a host gives back unchanged); the Excel adapter and `invoke`'s
 * callers get its rows (`invoke` gives a grid); the HyperFormula adapter hands it on as a held
 * column and makes its rows only when HyperFormula reads them as cells (crm3Plugin's toHf). At
 * 50,000 opportunities the rows of every column result, made, converted and copied again, were
 * ~0.4 s of `crm3 evaluate`.
 *
 * `values` is a new array the result owns (a kernel's fresh output), never changed afterwards
 * by the function that made it.
 */
export class ColumnResult {
  constructor(
    readonly values: readonly Scalar[],
    /** Set by invoke's cleaning: every value a finite number (not −0), a text or a boolean. */
    readonly plain = false,
  ) {}

  /** The result as a one-column grid (one new row per value). */
  rows(): Scalar[][] {
    const v = this.values;
    const out = new Array<Scalar[]>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = [v[i]];
    return out;
  }
}

/** A kernel's column as a function's result; an empty column is one blank. */
export function spill(values: readonly Scalar[]): ColumnResult | Scalar[][] {
  if (!values.length) return [[null]];
  return new ColumnResult(values);
}
