/** A consultant's own indicator of one formula, watched (no thresholds): for engine tests that add formulas. */
import { IndicatorRow } from '../../src/model/snapshot';

export const ownIndicator = (id: string, formula: string): IndicatorRow => ({
  id,
  goal: 'G',
  name: { en: id, zh: id },
  formula,
  unit: 'number',
  direction: 'HigherIsBetter',
  green: null,
  red: null,
});
