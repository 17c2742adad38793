/**
 * Values as CRM exports write them: amounts with their currency inside (`$1,234,567`,
 * `USD 12,000.00`, `¥12,000`, `12.000,00 €`, `1.2万`) or in an Excel number format
 * (`"$"#,##0.00`, `[$¥-804]#,##0`), currency columns (`USD`, `US Dollar`, `人民币`), and dates
 * written day-first or month-first (`15/02/2026`, `2/15/2026 10:30 AM`), whose order is decided
 * per column from the data.
 */
import { Cell, serialFromYmd } from '../core/cells';

// ------------------------------------------------------------------ currencies

/** Symbols and words that name a currency, longest first so "US$" wins over "$". */
const SYMBOLS: readonly [string, string][] = [
  ['US$', 'USD'],
  ['HK$', 'HKD'],
  ['NT$', 'TWD'],
  ['CA$', 'CAD'],
  ['AU$', 'AUD'],
  ['CN¥', 'CNY'],
  ['JP¥', 'JPY'],
  ['RMB', 'CNY'],
  ['人民币', 'CNY'],
  ['A$', 'AUD'],
  ['C$', 'CAD'],
  ['S$', 'SGD'],
  ['R$', 'BRL'],
  ['$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  // ¥ alone is the yuan for this product's users (a Japanese file says 円 or [$¥-411]).
  ['¥', 'CNY'],
  ['元', 'CNY'],
  ['円', 'JPY'],
  ['₩', 'KRW'],
  ['₹', 'INR'],
  ['₽', 'RUB'],
  ['CHF', 'CHF'],
];

/** ISO codes accepted around an amount (a three-letter word that is not one is not a currency). */
const ISO = new Set(
  'USD EUR GBP CNY JPY HKD TWD SGD AUD CAD CHF KRW INR BRL RUB MXN SEK NOK DKK NZD ZAR THB MYR IDR PHP VND AED SAR'.split(' '),
);

/** Currency names as CRMs spell them in currency columns (Dynamics writes the name). */
const NAMES: Record<string, string> = {
  'US DOLLAR': 'USD',
  'U.S. DOLLAR': 'USD',
  DOLLAR: 'USD',
  EURO: 'EUR',
  'BRITISH POUND': 'GBP',
  'POUND STERLING': 'GBP',
  'CHINESE YUAN': 'CNY',
  'YUAN RENMINBI': 'CNY',
  RENMINBI: 'CNY',
  YUAN: 'CNY',
  'JAPANESE YEN': 'JPY',
  YEN: 'JPY',
  'HONG KONG DOLLAR': 'HKD',
  'SINGAPORE DOLLAR': 'SGD',
  'AUSTRALIAN DOLLAR': 'AUD',
  'CANADIAN DOLLAR': 'CAD',
  美元: 'USD',
  欧元: 'EUR',
  英镑: 'GBP',
  日元: 'JPY',
  港币: 'HKD',
  港元: 'HKD',
};

/** The ISO code a currency cell names ("USD", "US Dollar", "人民币", "¥"), or undefined. */
export function currencyCode(c: Cell | undefined): string | undefined {
  if (typeof c !== 'string') return undefined;
  const t = c.normalize('NFKC').trim().toUpperCase().replace(/\s+/g, ' ');
  if (!t) return undefined;
  if (ISO.has(t)) return t;
  if (NAMES[t]) return NAMES[t];
  const sym = SYMBOLS.find(([s]) => s.toUpperCase() === t);
  return sym?.[1];
}

// Excel locale ids of a few [$¥-xxx]-style formats whose symbol is ambiguous alone.
const LCID_CURRENCY: Record<string, Record<string, string>> = {
  '¥': { '411': 'JPY', '804': 'CNY', '4': 'CNY' },
  $: { '409': 'USD', '1009': 'CAD', C09: 'AUD', '1409': 'NZD', '1004': 'SGD', C04: 'HKD', '404': 'TWD' },
};

/**
 * The currency an Excel number format shows: `"$"#,##0.00` → USD, `[$¥-804]#,##0` → CNY,
 * `#,##0.00 [$EUR]` → EUR, `¥#,##0` → CNY. Undefined for formats without one (and for the
 * built-in currency formats, whose symbol is the reader's own system currency).
 */
export function currencyOfFormat(format: string | undefined): string | undefined {
  if (!format) return undefined;
  const bracket = /\[\$([^\]-]*)(?:-([0-9A-Fa-f]+))?\]/.exec(format);
  if (bracket && bracket[1]) {
    const sym = bracket[1].normalize('NFKC').trim();
    const byLcid = bracket[2] ? LCID_CURRENCY[sym]?.[bracket[2].toUpperCase().replace(/^0+/, '')] : undefined;
    return byLcid ?? currencyCode(sym);
  }
  // Literal text: quoted strings and bare symbols outside [..] sections (colours, conditions).
  const plain = format.replace(/\[[^\]]*\]/g, '');
  const quoted = [...plain.matchAll(/"([^"]*)"/g)].map((m) => m[1].trim());
  for (const q of quoted) {
    const code = currencyCode(q) ?? amountCurrencyOf(q);
    if (code) return code;
  }
  const bare = plain.replace(/"[^"]*"/g, '').normalize('NFKC');
  const sym = SYMBOLS.find(([s]) => s.length === 1 && bare.includes(s));
  return sym?.[1];
}

/** The currency written around an amount ("USD 12,000" → USD), or undefined. */
function amountCurrencyOf(text: string): string | undefined {
  return parseAmount(text)?.currency;
}

// ------------------------------------------------------------------ amounts

export interface ParsedAmount {
  value: number;
  /** ISO code of a currency written with the amount. */
  currency?: string;
}

const MULTIPLIERS: Record<string, number> = { 万: 1e4, 万元: 1e4, 亿: 1e8, 亿元: 1e8, 千: 1e3, 千元: 1e3 };

/**
 * A number as people format it: `1,234,567.89`, `1.234.567,89`, `1 234 567,89`, `12.000,00`;
 * a lone separator followed by exactly three digits is a thousands separator when the other
 * one does not appear ("1,234" → 1234, "1.234" → 1.234 stays the decimal reading).
 */
function parseFormattedNumber(t: string): number | undefined {
  let s = t.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[+-]?[\d.,]+$/.test(s) || !/\d/.test(s)) return undefined;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    s = s.split(group).join('');
    if (decimal === ',') s = s.replace(',', '.');
  } else if (lastComma >= 0) {
    const groups = s.split(',');
    s = groups.length > 2 || /^\d{3}$/.test(groups[groups.length - 1]) ? groups.join('') : groups.join('.');
  } else if (lastDot >= 0 && s.split('.').length > 2) {
    s = s.split('.').join('');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * An amount written as text with its currency, separators and units: `$1,234,567`,
 * `USD 12,000.00`, `¥12,000`, `12.000,00 €`, `(1,200.00)`, `1.2万`, `30万元`. Undefined when
 * the text is not an amount.
 */
export function parseAmount(text: string): ParsedAmount | undefined {
  let t = text.normalize('NFKC').trim();
  if (!t) return undefined;
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  let currency: string | undefined;
  const takeCurrency = (fromStart: boolean): boolean => {
    const upper = t.toUpperCase();
    for (const [sym, code] of SYMBOLS) {
      const s = sym.toUpperCase();
      if (fromStart ? upper.startsWith(s) : upper.endsWith(s)) {
        currency ??= code;
        t = (fromStart ? t.slice(sym.length) : t.slice(0, t.length - sym.length)).trim();
        return true;
      }
    }
    const m = fromStart ? /^([A-Za-z]{3})(?![A-Za-z])/.exec(t) : /(?<![A-Za-z])([A-Za-z]{3})$/.exec(t);
    if (m && ISO.has(m[1].toUpperCase())) {
      currency ??= m[1].toUpperCase();
      t = (fromStart ? t.slice(3) : t.slice(0, -3)).trim();
      return true;
    }
    return false;
  };
  if (t.startsWith('-') || t.startsWith('+')) {
    negative = t.startsWith('-') !== negative;
    t = t.slice(1).trim();
  }
  takeCurrency(true);
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1).trim();
  }
  let multiplier = 1;
  for (const [unit, m] of Object.entries(MULTIPLIERS).sort((a, b) => b[0].length - a[0].length)) {
    if (t.endsWith(unit)) {
      multiplier = m;
      t = t.slice(0, -unit.length).trim();
      if (unit.endsWith('元')) currency ??= 'CNY';
      break;
    }
  }
  takeCurrency(false);
  const n = parseFormattedNumber(t);
  if (n === undefined) return undefined;
  // 1.2万 is 12000, not 12000.000000000002.
  const value = multiplier === 1 ? n : Number((n * multiplier).toPrecision(15));
  return { value: negative ? -value : value, ...(currency ? { currency } : {}) };
}

// ------------------------------------------------------------------ dates

export type DateOrder = 'dmy' | 'mdy';

const DAY_MONTH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

/** Day, month and year of a day-first or month-first date text in the given order, or undefined. */
function partsOf(text: string): [number, number, number] | undefined {
  const m = DAY_MONTH.exec(text.normalize('NFKC').trim());
  if (!m) return undefined;
  const y = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  return [Number(m[1]), Number(m[2]), y];
}

/** Whether a text looks like a day-first or month-first date (05/03/2026, 2/15/2026 10:30 AM). */
export const isDayMonthText = (text: string): boolean => partsOf(text) !== undefined;

/** The Excel serial of a day-first or month-first date text read in `order`; the time is dropped. */
export function parseDayMonthDate(text: string, order: DateOrder): number | undefined {
  const p = partsOf(text);
  if (!p) return undefined;
  const [a, b, y] = p;
  return order === 'dmy' ? serialFromYmd(y, b, a) : serialFromYmd(y, a, b);
}

export interface DateOrderFinding {
  /** The order the column's texts are read in; undefined when no text needs one. */
  order?: DateOrder;
  /** Every text fits both orders (all parts ≤ 12): the order is a default, not a finding. */
  ambiguous: boolean;
  /** Some texts are only day-first and others only month-first: the column is not readable as one. */
  conflicting: boolean;
  /** An example that decided the order (or shows the ambiguity). */
  example?: string;
}

/**
 * Decides one column's order from its texts: a first part over 12 proves day-first, a second
 * part over 12 proves month-first; with neither, `fallback` (month-first, as Salesforce, HubSpot
 * and Zoho write in en-US) is used and the finding says it was a guess.
 */
export function detectDateOrder(values: readonly Cell[], fallback: DateOrder = 'mdy'): DateOrderFinding {
  let dmy: string | undefined;
  let mdy: string | undefined;
  let any: string | undefined;
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const p = partsOf(v);
    if (!p) continue;
    any ??= v.trim();
    if (p[0] > 12 && p[1] <= 12) dmy ??= v.trim();
    if (p[1] > 12 && p[0] <= 12) mdy ??= v.trim();
  }
  if (!any) return { ambiguous: false, conflicting: false };
  if (dmy && mdy) return { ambiguous: false, conflicting: true, example: `${dmy} / ${mdy}` };
  if (dmy) return { order: 'dmy', ambiguous: false, conflicting: false, example: dmy };
  if (mdy) return { order: 'mdy', ambiguous: false, conflicting: false, example: mdy };
  return { order: fallback, ambiguous: true, conflicting: false, example: any };
}
