/**
 * Plain cell values as every CRM3 kernel sees them, whichever host the numbers come from.
 * Excel and HyperFormula adapters convert their own values into these before a kernel runs,
 * and convert results back afterwards.
 */
import { Message } from './i18n';

/** Excel error kinds a CRM3 function may return. Only VALUE and NA show their message in Excel. */
export type ErrorCode = 'VALUE' | 'NA' | 'DIV0' | 'NUM' | 'REF' | 'NAME' | 'NULL';

/** An error result (or an error found in an input), with a bilingual explanation. */
export class CalcError {
  constructor(
    readonly code: ErrorCode,
    readonly message: Message,
  ) {}
}

/** One cell: a number, text, a boolean or blank (`null`). Errors in inputs never reach kernels. */
export type Cell = number | string | boolean | null;
export type Column = readonly Cell[];
/** A rectangular block of cells, row by row. */
export type Grid = readonly (readonly Cell[])[];

/** What a function returns: one value, or a column/block that spills. `null` is blank. */
export type Scalar = Cell | CalcError;
export type Result = Scalar | Scalar[][];

export function isCalcError(v: unknown): v is CalcError {
  return v instanceof CalcError;
}

/** Blank: no value, or text with nothing but spaces. Excel passes blank cells as "". */
export function isBlank(c: Cell | undefined): c is null | undefined | string {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A finite number, or undefined. Numeric text ("1200", " 3.5 ") counts, because CRM exports
 * often store amounts as text; booleans, NaN and ±Infinity do not.
 */
export function toNumber(c: Cell | undefined): number | undefined {
  if (typeof c === 'number') return Number.isFinite(c) ? (Object.is(c, -0) ? 0 : c) : undefined;
  if (typeof c === 'string') {
    const t = c.normalize('NFKC').trim();
    if (!NUMERIC_TEXT.test(t)) return undefined;
    const n = Number(t);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Excel's 1900 date system: serial 1 is 1900-01-01, and 60 is the phantom 1900-02-29. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
export const MAX_EXCEL_SERIAL = 2_958_465; // 9999-12-31
const ISO_DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

/** A date as an Excel serial number (days), or undefined when the cell is not a date. */
export function toDateSerial(c: Cell | undefined): number | undefined {
  if (typeof c === 'number') return Number.isFinite(c) && c >= 1 && c <= MAX_EXCEL_SERIAL ? c : undefined;
  if (typeof c === 'string') {
    const t = c.normalize('NFKC').trim();
    const m = ISO_DATE.exec(t);
    if (m) return serialFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
    const n = toNumber(t);
    return n !== undefined && n >= 1 && n <= MAX_EXCEL_SERIAL ? n : undefined;
  }
  return undefined;
}

/** Serial of a calendar date, or undefined when the date does not exist. */
export function serialFromYmd(y: number, m: number, d: number): number | undefined {
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  const serial = Math.round((ms - EXCEL_EPOCH_MS) / DAY_MS);
  return serial >= 1 && serial <= MAX_EXCEL_SERIAL ? serial : undefined;
}

/** ISO text (YYYY-MM-DD) of a serial date; the time of day is dropped. */
export function isoFromSerial(serial: number): string {
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The key two cells are matched by: case-, space- and width-insensitive text
 * ("ａ００１ " matches "A001"), numbers by value, booleans as TRUE/FALSE. Blank → "".
 */
export function keyOf(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return Object.is(c, -0) ? '0' : String(c);
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  // Fast path (most ids and codes): printable ASCII, single inner spaces, nothing to trim.
  if (SIMPLE_ASCII.test(c)) return c.toUpperCase();
  let k = textKeys.get(c);
  if (k === undefined) {
    k = c.normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase();
    if (textKeys.size > 200_000) textKeys.clear();
    textKeys.set(c, k);
  }
  return k;
}

const SIMPLE_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;
/** Keys of non-ASCII text (zh names, full-width ids) are worth remembering: NFKC is slow. */
const textKeys = new Map<string, string>();

/** Short, safe rendering of a cell for a message. */
export function showCell(c: Cell | undefined): string {
  if (c === null || c === undefined) return '(blank)';
  const s = typeof c === 'string' ? JSON.stringify(c.length > 40 ? c.slice(0, 40) + '…' : c) : String(c);
  return s;
}

/** A cell's value quoted in a zh message: full-width quotes “…” and （空白）, as zh punctuation wants. */
export function showCellZh(c: Cell | undefined): string {
  if (c === null || c === undefined) return '（空白）';
  return typeof c === 'string' ? `“${c.length > 40 ? c.slice(0, 40) + '…' : c}”` : String(c);
}
