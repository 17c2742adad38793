/**
 * "How is this computed?" (issue #19): the working a kernel shows beside its value. The
 * kernels that the value indicators end in (SHARE, MEAN, WINRATE, DEALSUM, PIPELINE, …) tally
 * their rows once; asked for their working, the same tally also files every row under the
 * part it counts towards (won, lost, …) or the reason it was left out (blank close date,
 * outside the period, …). The value is then the parts' arithmetic, so a manager can redo it:
 * "66 deals won ÷ 124 deals closed = 53.2 %", and drill down to the 66 deals.
 *
 * This file is the one definition of that shape; the engine attaches it to each indicator
 * (`IndicatorResult.explain`), the CLI prints it, the pane and reports show it.
 */
import { Locale, Message, bi, joinList, pick } from '../core/i18n';
import { formatValue } from '../core/format';
import { ExactSum } from './exact';

/** How a part's number reads (core/format units). */
export type WorkingUnit = 'count' | 'amount' | 'days' | 'number' | 'ratio';

/**
 * How the value follows from the parts, by their keys:
 * - ratio: numerator ÷ denominator (blank when the denominator is 0);
 * - total: the part `total` itself (a count or a sum);
 * - coverage: pipeline ÷ (target − won), blank when that gap is ≤ 0;
 * - velocity: open × (wonAmount ÷ won) × (won ÷ closed) ÷ cycleDays.
 * Every division is exact over the decimals the parts show (calc/exact.ts), rounded once,
 * except velocity's, which multiplies doubles as SALES_VELOCITY always has.
 */
export type WorkingArithmetic = 'ratio' | 'total' | 'coverage' | 'velocity';

/** One number of the working: what it counts or sums, its value and the rows behind it. */
export interface WorkingPart {
  /** Stable key: numerator, denominator, total, or a detail such as won, lost, noDecision. */
  key: string;
  label: Message;
  /** The nearest double to the part's exact value. */
  value: number;
  /** The exact decimal when `value` rounds it (a sum of many decimals), e.g. "1041.6666666666668333". */
  exact?: string;
  /** Rows counted in this part. */
  count: number;
  unit: WorkingUnit;
  /** The part a detail breaks down (won and lost break down "closed"). */
  of?: string;
  /** The table whose rows these are (set by the engine: Opportunities, Accounts, …). */
  table?: string;
  /** The rows (0-based data rows of `table`); the engine drops them unless asked. */
  rows: number[];
}

/** Rows a filter or a missing value kept out of every part. */
export interface WorkingLeftOut {
  key: string;
  reason: Message;
  count: number;
  table?: string;
  rows: number[];
}

/** A filter applied, in words ("closed between 2026-01-01 and 2026-12-31"), keyed (period, filter1, …). */
export interface WorkingFilter {
  key: string;
  text: Message;
}

export interface Working {
  arithmetic: WorkingArithmetic;
  value: number | null;
  unit: WorkingUnit;
  parts: WorkingPart[];
  filters: WorkingFilter[];
  leftOut: WorkingLeftOut[];
}

/**
 * What a kernel says about each row it reads while tallying: the part (or left-out key) it
 * goes to, and the amount it adds (the terms of a difference, or an amount and its
 * probability as a product, kept exact).
 */
export type RowTrace = (row: number, key: string, amount?: number | readonly number[], factor?: number) => void;

/** Rows of a part: their indexes (ascending) when listed, and how many there are. */
export interface RowSet {
  rows: number[];
  count: number;
}

/** Whether ledgers made now list their rows (`countingRows` turns it off for a while). */
let listing = true;

/**
 * Runs `read` with ledgers that count their rows without listing them (issue #15): an
 * explanation that shows no drill-down needs each part's count, not its 50,000 row numbers,
 * which were a fifth of the explanations' time and most of their garbage. Parts' `rows` are
 * then empty; `count` is as listed. Synchronous, and restored however `read` ends.
 */
export function countingRows<T>(read: () => T): T {
  const before = listing;
  listing = false;
  try {
    return read();
  } finally {
    listing = before;
  }
}

/** Whether ledgers made now list their rows (a working filing rows itself asks this too). */
export function listingRows(): boolean {
  return listing;
}

/** Collects the rows a kernel files under each key (or only counts them: `countingRows`), with their exact sums. */
export class RowLedger {
  private readonly listing = listing;
  private readonly rowsOf = new Map<string, number[]>();
  /** Rows per key when only counted (one counter object per key, bumped in place). */
  private readonly countOf = new Map<string, { n: number }>();
  private readonly sums = new Map<string, ExactSum>();
  /** The key traced last and its rows: a kernel files runs of rows under one key (issue #15: one lookup per run, not per row). */
  private lastKey: string | undefined;
  private lastRows: number[] = [];
  private lastCount = { n: 0 };
  private lastSum: ExactSum | undefined;
  readonly trace: RowTrace = (row, key, amount, factor) => {
    if (key !== this.lastKey) {
      if (this.listing) {
        let rows = this.rowsOf.get(key);
        if (!rows) this.rowsOf.set(key, (rows = []));
        this.lastRows = rows;
      } else {
        let c = this.countOf.get(key);
        if (!c) this.countOf.set(key, (c = { n: 0 }));
        this.lastCount = c;
      }
      this.lastKey = key;
      this.lastSum = this.sums.get(key);
    }
    if (this.listing) this.lastRows.push(row);
    else this.lastCount.n++;
    if (amount !== undefined) {
      let s = this.lastSum;
      if (!s) this.sums.set(key, (s = this.lastSum = new ExactSum()));
      if (typeof amount !== 'number') for (const a of amount) s.add(a);
      else if (factor !== undefined) s.addProduct(amount, factor);
      else s.add(amount);
    }
  };

  /** The rows filed under the keys, ascending when there are several keys. A new array (no spread: a part may hold 200,000 rows). */
  private listed(keys: readonly string[]): number[] {
    if (!this.listing) return [];
    if (keys.length === 1) return (this.rowsOf.get(keys[0]) ?? []).slice();
    let out: number[] = [];
    for (const k of keys) out = out.concat(this.rowsOf.get(k) ?? []);
    return out.sort((a, b) => a - b);
  }

  /** The rows filed under the keys (none listed when the ledger only counts) and their count. */
  rows(...keys: string[]): RowSet {
    return { rows: this.listed(keys), count: this.count(...keys) };
  }

  count(...keys: string[]): number {
    let n = 0;
    for (const k of keys) n += this.listing ? (this.rowsOf.get(k)?.length ?? 0) : (this.countOf.get(k)?.n ?? 0);
    return n;
  }

  sum(...keys: string[]): ExactSum {
    const s = new ExactSum();
    for (const k of keys) {
      const one = this.sums.get(k);
      if (one) s.addSum(one);
    }
    return s;
  }

  keys(): string[] {
    return [...(this.listing ? this.rowsOf : this.countOf).keys()];
  }
}

/** The exact decimal text of m / 10^scale ("-12.5"). */
export function decimalText(m: bigint, scale: number): string {
  const negative = m < 0n;
  let digits = (negative ? -m : m).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, '');
  }
  return negative ? `-${digits}` : digits;
}

/** A part's value from an exact sum: the double, and the exact decimal when the double rounds it. */
export function exactValue(sum: ExactSum): { value: number; exact?: string } {
  const value = sum.value;
  const d = sum.bigDecimal();
  const exact = decimalText(d.m, d.scale);
  return Number(exact) === value && String(value) === exact ? { value } : { value, exact };
}

/** A part counting rows: its value is the number of rows. */
export function countPart(key: string, label: Message, set: RowSet, of?: string): WorkingPart {
  return { key, label, value: set.count, count: set.count, unit: 'count', rows: set.rows, ...(of ? { of } : {}) };
}

/** A part summing an amount over rows. */
export function sumPart(key: string, label: Message, sum: ExactSum, set: RowSet, unit: WorkingUnit, of?: string): WorkingPart {
  return { key, label, ...exactValue(sum), count: set.count, unit, rows: set.rows, ...(of ? { of } : {}) };
}

/** A part holding one number (a constant, another kernel's value). */
export function valuePart(key: string, label: Message, value: number, unit: WorkingUnit): WorkingPart {
  return { key, label, value, count: 0, unit, rows: [] };
}

export function leftOut(key: string, reason: Message, set: RowSet): WorkingLeftOut {
  return { key, reason, count: set.count, rows: set.rows };
}

/** Left-out entries for the keys that have rows, in the order given. */
export function leftOutOf(ledger: RowLedger, reasons: readonly (readonly [string, Message])[]): WorkingLeftOut[] {
  return reasons.filter(([k]) => ledger.count(k) > 0).map(([k, reason]) => leftOut(k, reason, ledger.rows(k)));
}

export function partOf(w: Working, key: string): WorkingPart | undefined {
  return w.parts.find((p) => p.key === key);
}

// ----------------------------------------------------------------------------- words

/**
 * An indicator's own words for the parts and left-out rows its kernel reports (by key),
 * e.g. MENTOR_RATE's numerator "open opportunities with a mentor on the chain".
 */
export interface WorkingWords {
  parts?: Readonly<Record<string, Message>>;
  leftOut?: Readonly<Record<string, Message>>;
  /** Replaces the kernel's words for a filter, by key; null leaves the filter unsaid. */
  filters?: Readonly<Record<string, Message | null>>;
}

/** The working with an indicator's words in place of the kernel's generic ones. */
export function withWords(w: Working, words: WorkingWords | undefined): Working {
  if (!words) return w;
  return {
    ...w,
    parts: w.parts.map((p) => (words.parts?.[p.key] ? { ...p, label: words.parts[p.key] } : p)),
    leftOut: w.leftOut.map((l) => (words.leftOut?.[l.key] ? { ...l, reason: words.leftOut[l.key] } : l)),
    filters: w.filters.flatMap((f) => {
      const said = words.filters?.[f.key];
      return said === null ? [] : [said ? { ...f, text: said } : f];
    }),
  };
}

// -------------------------------------------------------------------------- sentence

const show = (v: number, unit: WorkingUnit, locale: Locale) => formatValue(v, unit, locale, { style: 'fixed' });

const DIVIDED = ' ÷ ';

/** A part as "66 deals won" (zh: "赢单 66"); a constant without words is its number. */
function partWords(p: WorkingPart, locale: Locale): string {
  const label = pick(p.label, locale);
  const n = show(p.value, p.unit, locale);
  if (!label) return n;
  return locale === 'zh-CN' ? `${label} ${n}` : `${n} ${label}`;
}

/** A detail inside brackets: "won 66", "赢单 66". */
function detailWords(p: WorkingPart, locale: Locale): string {
  return `${pick(p.label, locale)} ${show(p.value, p.unit, locale)}`;
}

/**
 * The working in one sentence: "66 deals won ÷ 124 deals closed (won 66, lost 44, no
 * decision 14) = 53.2 %; closed between 2026-01-01 and 2026-12-31".
 */
export function workingSentence(w: Working, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const details = (of: string) => {
    const list = w.parts.filter((p) => p.of === of && p.count > 0).map((p) => detailWords(p, locale));
    return list.length ? (zh ? `（${joinList(list, locale)}）` : ` (${joinList(list, locale)})`) : '';
  };
  const main = (key: string) => {
    const p = partOf(w, key);
    return p ? `${partWords(p, locale)}${details(key)}` : '';
  };
  let body: string;
  switch (w.arithmetic) {
    case 'ratio':
      body = `${main('numerator')}${DIVIDED}${main('denominator')}`;
      break;
    case 'total':
      body = main('total');
      break;
    case 'coverage':
      body = zh
        ? `${main('pipeline')}${DIVIDED}（${main('target')} − ${main('won')}）`
        : `${main('pipeline')}${DIVIDED}(${main('target')} − ${main('won')})`;
      break;
    case 'velocity':
      body = `${main('open')} × ${main('averageWon')} × ${main('winRate')}${DIVIDED}${main('cycleDays')}`;
      break;
  }
  const value =
    w.value === null ? pick(bi('no value (the denominator is 0)', '无值（分母为 0）'), locale) : show(w.value, w.unit, locale);
  const filters = w.filters.map((f) => pick(f.text, locale));
  const tail = filters.length ? (zh ? `；${filters.join('；')}` : `; ${filters.join('; ')}`) : '';
  return w.arithmetic === 'total' ? `${body}${tail}` : `${body} = ${value}${tail}`;
}
