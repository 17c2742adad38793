/**
 * One value per row → the column a spilled result is made of. An empty list still fills
 * the one cell every host predicts for it (a blank), so sizes always agree.
 */
import { Column, Grid, Scalar } from '../core/cells';
import { knownColumn } from './args';
import { markErrorFree } from './invoke';
import { columnRows } from './columnRows';

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
