/**
 * Which indicators a what-if moved, and how to show a value and its change. Presentation
 * only: the values come from the engine (the indicator formulas), nothing is recomputed here.
 */
import { Locale } from '../../../calc/messages';
import type { IndicatorResult } from '../../../engine/evaluate';
import type { IndicatorRow } from '../../../model/snapshot';
import { whatIfStrings } from './whatIfStrings';

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

/** Fraction digits a unit is shown with: ratios as % with one, amounts and counts whole, the rest one. */
function unitDigits(unit: string): number {
  return unit === 'amount' || unit === 'count' ? 0 : 1;
}

const fixed = (x: number, digits: number, locale: Locale) =>
  x.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The shown quantity: ratios in percent. */
const shown = (v: number, unit: string) => (unit === 'ratio' ? v * 100 : v);

/**
 * Digits that make a small move visible: more than the unit's usual ones when "1.5% → 1.5%"
 * or a change of "+0.00" would hide it (at most three more).
 */
export function moveDigits(m: IndicatorMove, locale: Locale): number {
  const base = unitDigits(m.unit);
  if (typeof m.before !== 'number' || typeof m.after !== 'number') return base;
  const before = shown(m.before, m.unit);
  const after = shown(m.after, m.unit);
  const zero = (d: number) => fixed(0, d, locale);
  for (let d = base; d < base + 3; d++)
    if (fixed(before, d, locale) !== fixed(after, d, locale) && fixed(Math.abs(after - before), d, locale) !== zero(d)) return d;
  return base + 3;
}

export function formatValue(v: IndicatorResult['value'], unit: string, locale: Locale, digits = unitDigits(unit)): string {
  if (v === null || v === '') return '—';
  if (typeof v !== 'number') return String(v);
  return unit === 'ratio' ? `${fixed(shown(v, unit), digits, locale)}%` : fixed(v, digits, locale);
}

export function formatDelta(m: IndicatorMove, locale: Locale, digits = unitDigits(m.unit)): string {
  if (typeof m.before !== 'number' || typeof m.after !== 'number') return '';
  const t = whatIfStrings[locale];
  const d = shown(m.after, m.unit) - shown(m.before, m.unit);
  const sign = d > 0 ? '+' : d < 0 ? '−' : '';
  const abs = fixed(Math.abs(d), digits, locale);
  if (m.unit === 'ratio') return `${sign}${abs} ${t.pp}`;
  if (m.unit === 'days') return `${sign}${abs} ${t.days}`;
  return `${sign}${abs}`;
}
