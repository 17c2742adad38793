/**
 * How an indicator's value and targets read on the dashboard: ratios as percentages,
 * amounts in the workbook's currency (compact: 1.6亿 / 164M), days and counts as numbers.
 */
import type { IndicatorRow } from '../../../model/snapshot';
import { UiLocale, strings } from '../../strings';

export type Unit = IndicatorRow['unit'];

function currencyFormat(locale: UiLocale, currency: string): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 2 });
  } catch {
    // Not an ISO currency code (a workbook may say "RMB" or "元"): plain compact number.
    return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 2 });
  }
}

export function formatValue(value: number | string | boolean | null, unit: Unit, locale: UiLocale, currency = 'CNY'): string {
  const t = strings[locale];
  if (value === null) return t.blank;
  if (typeof value !== 'number') return String(value);
  switch (unit) {
    case 'ratio':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'amount':
      return currencyFormat(locale, currency).format(value);
    case 'days':
      return t.days(new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value));
    case 'count':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
    default:
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  }
}

/** "Target ≥ 40 % · red < 25 %" (or ≤ / > when lower is better); undefined without thresholds. */
export function formatTarget(row: IndicatorRow, locale: UiLocale, currency = 'CNY'): string | undefined {
  const t = strings[locale];
  const up = row.direction === 'HigherIsBetter';
  const parts: string[] = [];
  if (row.green !== null) parts.push(`${t.target} ${up ? '≥' : '≤'} ${formatValue(row.green, row.unit, locale, currency)}`);
  if (row.red !== null) parts.push(`${t.redAt} ${up ? '<' : '>'} ${formatValue(row.red, row.unit, locale, currency)}`);
  return parts.length ? parts.join(' · ') : undefined;
}
