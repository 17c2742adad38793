/**
 * One value per row → the column a spilled result is made of. An empty list still fills
 * the one cell every host predicts for it (a blank), so sizes always agree.
 */
import { Scalar } from '../core/cells';

export function spill(values: readonly Scalar[]): Scalar[][] {
  return values.length ? values.map((v) => [v]) : [[null]];
}
