/**
 * How a value reads, by its unit, everywhere it is shown: the pane (compact: 1.6亿, 164M),
 * the CLI table and reports (fixed digits that line up), and Excel number formats for the
 * files we write. One home, so "42.0%" means the same in every place.
 */
import { Locale, Message, bi, pick } from './i18n';

export type Unit = 'ratio' | 'amount' | 'days' | 'count' | 'number';

export interface FormatOptions {
  /** compact: the pane's short forms; fixed: the unit's digits, for tables that line up. */
  style?: 'compact' | 'fixed';
  /** ISO code (CNY, USD) or a symbol/word the workbook uses; none: the amount alone. */
  currency?: string | null;
  /** Fraction digits, overriding the unit's own. */
  digits?: number;
  /** Add the unit's word to days ("12.5 days", "12.5 天"). */
  withUnit?: boolean;
}

/** Shown for a blank value: never 0, which would be a claim. */
export const BLANK_SHOWN = '—';

/** Fraction digits a unit is shown with: ratios as % with one, amounts and counts whole, days one, other numbers two. */
export function unitDigits(unit: string): number {
  return unit === 'amount' || unit === 'count' ? 0 : unit === 'number' ? 2 : 1;
}

const DAYS: Message = bi('days', '天');

/**
 * One Intl.NumberFormat per locale and options: making one takes about half a millisecond
 * (the pane's 40 indicator cards made ~150 on every render: 90 ms of web mode's first paint,
 * issue #15), and a made one never changes. The same text as `toLocaleString` with those
 * options, by the standard's definition of it. Bounded: a workbook names few currencies.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let made = numberFormats.get(key);
  if (!made) {
    made = new Intl.NumberFormat(locale, options);
    if (numberFormats.size >= 256) numberFormats.clear();
    numberFormats.set(key, made);
  }
  return made;
}

function fixed(x: number, digits: number, locale: Locale): string {
  return numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

function compactAmount(v: number, locale: Locale, currency: string | null | undefined): string {
  if (currency) {
    try {
      // No forced decimals: ¥2286万, not ¥2286.00万.
      return numberFormat(locale, {
        style: 'currency',
        currency,
        notation: 'compact',
        minimumFractionDigits: 0,
        maximumFractionDigits: 2,
      }).format(v);
    } catch {
      // Not an ISO code (a workbook may say "RMB" or "元"): the number, then the word.
      const n = numberFormat(locale, { notation: 'compact', maximumFractionDigits: 2 }).format(v);
      return `${n} ${currency}`;
    }
  }
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 2 }).format(v);
}

/** A value as text by its unit; blank (null or '') is "—". Text and booleans are shown as they are. */
export function formatValue(
  value: number | string | boolean | null | undefined,
  unit: string,
  locale: Locale,
  options: FormatOptions = {},
): string {
  if (value === null || value === undefined || value === '') return BLANK_SHOWN;
  if (typeof value !== 'number') return String(value);
  const style = options.style ?? 'fixed';
  if (style === 'compact') {
    switch (unit) {
      case 'ratio':
        return numberFormat(locale, { style: 'percent', maximumFractionDigits: options.digits ?? 1 }).format(value);
      case 'amount':
        return compactAmount(value, locale, options.currency);
      case 'count':
        return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
      case 'days': {
        const n = numberFormat(locale, { maximumFractionDigits: options.digits ?? 1 }).format(value);
        return options.withUnit === false ? n : `${n} ${pick(DAYS, locale)}`;
      }
      default:
        return numberFormat(locale, { maximumFractionDigits: options.digits ?? 2 }).format(value);
    }
  }
  const digits = options.digits ?? unitDigits(unit);
  if (unit === 'ratio') return `${fixed(value * 100, digits, locale)}%`;
  const n = fixed(value, digits, locale);
  if (unit === 'days' && options.withUnit) return `${n} ${pick(DAYS, locale)}`;
  return n;
}

/** The quantity a unit is read in: ratios in percent, everything else as it is. */
export const shownQuantity = (v: number, unit: string): number => (unit === 'ratio' ? v * 100 : v);

const PERCENT_POINTS: Message = bi('pp', '个百分点');

/**
 * A change between two values in the unit's words: "+2.5 pp" for ratios, "−3.0 days",
 * "+1,200" (a real minus sign); '' when either side is not a number.
 */
export function formatDelta(
  before: number | string | boolean | null | undefined,
  after: number | string | boolean | null | undefined,
  unit: string,
  locale: Locale,
  digits = unitDigits(unit),
): string {
  if (typeof before !== 'number' || typeof after !== 'number') return '';
  const d = shownQuantity(after, unit) - shownQuantity(before, unit);
  const abs = fixed(Math.abs(d), digits, locale);
  const sign = abs === fixed(0, digits, locale) ? '' : d > 0 ? '+' : d < 0 ? '−' : '';
  if (unit === 'ratio') return `${sign}${abs} ${pick(PERCENT_POINTS, locale)}`;
  if (unit === 'days') return `${sign}${abs} ${pick(DAYS, locale)}`;
  return `${sign}${abs}`;
}

/**
 * Digits that make a small move visible: more than the unit's usual ones when "1.5% → 1.5%"
 * or a change of "+0.00" would hide it (at most three more).
 */
export function digitsToShowMove(before: unknown, after: unknown, unit: string, locale: Locale): number {
  const base = unitDigits(unit);
  if (typeof before !== 'number' || typeof after !== 'number') return base;
  const b = shownQuantity(before, unit);
  const a = shownQuantity(after, unit);
  const zero = (d: number) => fixed(0, d, locale);
  for (let d = base; d < base + 3; d++)
    if (fixed(b, d, locale) !== fixed(a, d, locale) && fixed(Math.abs(a - b), d, locale) !== zero(d)) return d;
  return base + 3;
}

/** Excel number formats of the files we write, by unit (and for dates and scores). */
export const EXCEL_FORMAT = {
  amount: '#,##0',
  ratio: '0.0%',
  percent: '0%',
  date: 'yyyy-mm-dd',
  score: '0.0',
  count: '0',
  days: '0.0',
  number: '0.00',
} as const;

/** The Excel number format of an indicator's unit. */
export function excelFormatOf(unit: string): string {
  return (EXCEL_FORMAT as Record<string, string>)[unit] ?? EXCEL_FORMAT.number;
}

/**
 * "Target ≥ 40.0% · red < 25.0%" (≤ / > when lower is better); undefined without thresholds.
 */
export function formatTarget(
  row: { unit: string; direction: string; green: number | null; red: number | null },
  locale: Locale,
  options: FormatOptions = {},
): string | undefined {
  const up = row.direction === 'HigherIsBetter';
  const parts: string[] = [];
  const v = (x: number) => formatValue(x, row.unit, locale, options);
  if (row.green !== null) parts.push(`${pick(bi('Target', '目标'), locale)} ${up ? '≥' : '≤'} ${v(row.green)}`);
  if (row.red !== null) parts.push(`${pick(bi('red', '红灯'), locale)} ${up ? '<' : '>'} ${v(row.red)}`);
  return parts.length ? parts.join(' · ') : undefined;
}
