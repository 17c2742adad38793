/**
 * Which indicators a what-if moved (core/format shows the values and changes). Presentation
 * only: the values come from the engine (the indicator formulas), nothing is recomputed here.
 */
import type { IndicatorResult } from '../../../engine/evaluate';
import type { IndicatorRow } from '../../../model/snapshot';

export interface IndicatorMove {
  id: string;
  name: string;
  unit: string;
  before: IndicatorResult['value'];
  after: IndicatorResult['value'];
  beforeStatus: string | null;
  afterStatus: string | null;
  /** +1 up, −1 down, 0 when one side is blank or not a number. */
  sign: -1 | 0 | 1;
  /** +1 better, −1 worse, 0 unknown (no direction on the Indicators sheet). */
  verdict: -1 | 0 | 1;
}

/** Equal up to float noise: 1e-12 relative, so 0.1+0.2 against 0.3 is no move. */
function same(a: IndicatorResult['value'], b: IndicatorResult['value']): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

export function indicatorMoves(
  base: readonly IndicatorResult[],
  changed: readonly IndicatorResult[],
  rows: readonly IndicatorRow[] = [],
): IndicatorMove[] {
  const after = new Map(changed.map((c) => [c.id, c]));
  const out: IndicatorMove[] = [];
  for (const b of base) {
    const c = after.get(b.id);
    if (!c || (same(b.value, c.value) && b.status === c.status)) continue;
    const sign =
      typeof b.value === 'number' && typeof c.value === 'number' ? (c.value > b.value ? 1 : c.value < b.value ? -1 : 0) : 0;
    const direction = rows.find((r) => r.id === b.id)?.direction;
    const verdict = sign === 0 || !direction ? 0 : direction === 'HigherIsBetter' ? sign : (-sign as -1 | 1);
    out.push({
      id: b.id,
      name: b.name,
      unit: b.unit,
      before: b.value,
      after: c.value,
      beforeStatus: b.status,
      afterStatus: c.status,
      sign,
      verdict,
    });
  }
  return out;
}
