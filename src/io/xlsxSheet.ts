/**
 * One worksheet part (sheetData, mergeCells, tableParts) parsed into a SheetGrid, the plain
 * grid that findTables reads. Rows are stored compactly: per row, the columns and values of
 * its non-blank cells; text from the shared-string table is shared, not copied.
 *
 * Cell values follow what Excel saved: shared, inline and formula strings as text (blank
 * text reads as blank), numbers (in a date style: the Excel serial, 1904 dates moved to the
 * 1900 system), booleans, errors as error flags, and a formula without a saved result as
 * "uncalculated". Cells covered by a merge, other than its top-left, read as blank.
 */
import { Cell } from '../core/cells';
import { shiftFormula } from '../engine/formulaText';
import { GridValue, ListObjectInfo, SheetGrid } from './sheetTables';
import { decodeXstring, detached } from './xlsxPackage';
import { XmlScanner } from './xmlScan';

/** Days from 1900-01-00 to 1904-01-01 in Excel's counting. */
const DAYS_1904 = 1462;
const DAY_MS = 86_400_000;
/** Serial of 1970-01-01 (Excel 1900 system). */
const UNIX_EPOCH_SERIAL = 25_569;

interface Row {
  cols: number[];
  vals: GridValue[];
}

/** Formula text saved in a cell: its own, or a share of another cell's (t="shared"). */
type FormulaText = string | { si: number };

export interface SheetContext {
  sharedStrings: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
  /** Per style index, the currency its number format shows (amounts keep it: Config may not say). */
  currencyStyles?: readonly (string | undefined)[];
}

/** A1 → 1-based column and row; 0s when the reference is not a cell. */
function parseCellRef(ref: string): { row: number; col: number } {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower-case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  let row = 0;
  for (; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return { row: 0, col: 0 };
    row = row * 10 + d;
  }
  return { row, col };
}

/** "B2:D40" (or "$B$2:$D$40", or one cell) → 1-based bounds. */
export function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const [a, b] = ref.replace(/\$/g, '').trim().split(':');
  const p = parseCellRef(a ?? '');
  const q = b === undefined ? p : parseCellRef(b);
  if (!p.row || !p.col || !q.row || !q.col) return undefined;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

const textCell = (s: string): Cell => (s.trim() === '' ? null : s);

/** A date-styled number: the serial to millisecond precision (as a Date would hold it), in the 1900 system. */
function dateSerial(n: number, date1904: boolean): number {
  const ms = Math.round((n - UNIX_EPOCH_SERIAL + (date1904 ? DAYS_1904 : 0)) * DAY_MS);
  const serial = (ms + UNIX_EPOCH_SERIAL * DAY_MS) / DAY_MS;
  return Math.round(serial * DAY_MS) / DAY_MS;
}

/** An ISO 8601 date (t="d", strict Open XML) as an Excel serial. */
function isoSerial(text: string): GridValue {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !/T/.test(text) ? text : `${text}Z`);
  return Number.isFinite(ms) ? ms / DAY_MS + UNIX_EPOCH_SERIAL : { flag: 'error', code: '#VALUE!' };
}

/** The value of a cell from its type (t), style (s) and saved text: <v>, or <is> for inline strings. */
function cellValue(t: string | undefined, style: number, v: string | undefined, ctx: SheetContext): GridValue {
  if (v === undefined) return null;
  switch (t) {
    case 's': {
      const s = ctx.sharedStrings[Number(v)];
      return s === undefined ? null : textCell(s);
    }
    case 'str':
    case 'inlineStr':
      return textCell(v);
    case 'b':
      return v.trim() === '' ? null : parseInt(v, 10) !== 0;
    case 'e':
      return { flag: 'error', code: v.trim() };
    case 'd':
      return isoSerial(v.trim());
    default: {
      if (v.trim() === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n)) return { flag: 'error', code: '#NUM!' };
      return ctx.dateStyles[style] ? dateSerial(n, ctx.date1904) : n;
    }
  }
}

/** A cell whose saved value is an integer: a shared-string index, or a number. */
function integerValue(t: string | undefined, style: number, n: number, ctx: SheetContext): GridValue {
  if (t === 's') {
    const s = ctx.sharedStrings[n];
    return s === undefined ? null : textCell(s);
  }
  if (t === undefined || t === 'n') return ctx.dateStyles[style] && ctx.date1904 ? n + DAYS_1904 : n;
  return cellValue(t, style, String(n), ctx);
}

class XlsxGrid implements SheetGrid {
  listObjects: ListObjectInfo[] = [];

  constructor(
    readonly name: string,
    readonly lastRow: number,
    private readonly rows: (Row | undefined)[],
    private readonly formulas: Map<number, FormulaText>,
    private readonly sharedFormulas: Map<number, { text: string; row: number; col: number }>,
    private readonly currencies: Map<number, string>,
  ) {}

  currency(row: number, col: number): string | undefined {
    return this.currencies.get(row * 16_384 + col);
  }

  value(row: number, col: number): GridValue {
    const r = this.rows[row];
    if (!r) return null;
    const i = r.cols.indexOf(col);
    return i < 0 ? null : r.vals[i];
  }

  formula(row: number, col: number): string | undefined {
    const f = this.formulas.get(row * 16_384 + col);
    if (f === undefined || typeof f === 'string') return f || undefined;
    const master = this.sharedFormulas.get(f.si);
    return master ? shiftFormula(master.text, row - master.row, col - master.col) || undefined : undefined;
  }

  entries(row: number): [number, GridValue][] {
    const r = this.rows[row];
    if (!r) return [];
    const out: [number, GridValue][] = new Array(r.cols.length);
    for (let i = 0; i < r.cols.length; i++) out[i] = [r.cols[i], r.vals[i]];
    return out;
  }
}

/**
 * Parses a worksheet part. `name` is the sheet's name in the workbook. Returns the grid
 * and the relationship ids of its table parts.
 */
export function parseWorksheet(name: string, xml: string, ctx: SheetContext): { grid: XlsxGrid; tableIds: string[] } {
  const rows: (Row | undefined)[] = [];
  const formulas = new Map<number, FormulaText>();
  const sharedFormulas = new Map<number, { text: string; row: number; col: number }>();
  const currencies = new Map<number, string>();
  const merges: string[] = [];
  const tableIds: string[] = [];
  let lastRow = 0;
  let rowNo = 0;
  let colNo = 0;
  let row: Row | undefined;

  const s = new XmlScanner(xml);
  while (s.next()) {
    const tag = s.name;
    if (tag === 'c' && s.kind !== 'close') {
      s.cellAttrs();
      const t = s.cellType || undefined;
      const style = s.cellStyle;
      if (s.cellCol) {
        colNo = s.cellCol;
        if (s.cellRow !== rowNo) {
          // A cell outside its <row> (malformed but readable): follow the reference.
          rowNo = s.cellRow;
          row = rows[rowNo] ??= { cols: [], vals: [] };
          lastRow = Math.max(lastRow, rowNo);
        }
      } else colNo++;
      if (!row || !colNo) {
        if (s.kind === 'open') s.skipElement();
        continue;
      }
      let v: string | undefined;
      let n: number | undefined;
      let f: FormulaText | undefined;
      let hasFormula = false;
      if (s.kind === 'open') {
        while (s.next() && !s.closes('c')) {
          if (s.closes()) continue;
          if (s.name === 'v') {
            // Numbers and shared-string indexes are usually integers: read without a string.
            n = t === 'b' || t === 'e' || t === 'str' ? undefined : s.integerText();
            v = n === undefined ? s.text() : undefined;
          } else if (s.name === 'is') v = decodeXstring(inlineText(s));
          else if (s.name === 'f') {
            hasFormula = true;
            const shared = s.attr('t') === 'shared';
            const si = Number(s.attr('si'));
            const hasRef = s.attr('ref') !== undefined;
            const text = s.text();
            if (shared && Number.isFinite(si)) {
              if (hasRef || text) sharedFormulas.set(si, { text: detached(text), row: rowNo, col: colNo });
              f = hasRef || text ? detached(text) : { si };
            } else f = detached(text);
          } else if (s.kind === 'open') s.skipElement();
        }
      }
      if (hasFormula) formulas.set(rowNo * 16_384 + colNo, f ?? '');
      let value: GridValue;
      if (n !== undefined) value = integerValue(t, style, n, ctx);
      else if (hasFormula && (v === undefined || (v === '' && t !== 'str'))) value = { flag: 'uncalculated' };
      else value = cellValue(t, style, t === 'str' || t === 'inlineStr' ? v && detached(decodeXstring(v)) : v, ctx);
      if (value === null) continue;
      if (typeof value === 'number' && ctx.currencyStyles?.[style])
        currencies.set(rowNo * 16_384 + colNo, ctx.currencyStyles[style]!);
      const at = row.cols.length;
      if (at === 0 || row.cols[at - 1] < colNo) {
        row.cols.push(colNo);
        row.vals.push(value);
      } else setUnordered(row, colNo, value);
    } else if (tag === 'row') {
      if (s.kind === 'close') continue;
      const r = Number(s.attr('r'));
      rowNo = Number.isInteger(r) && r > 0 ? r : rowNo + 1;
      colNo = 0;
      lastRow = Math.max(lastRow, rowNo);
      row = rows[rowNo] ??= { cols: [], vals: [] };
      if (s.kind === 'empty') row = undefined;
    } else if (tag === 'mergeCell' && s.kind !== 'close') {
      merges.push(s.attr('ref') ?? '');
    } else if (tag === 'tablePart' && s.kind !== 'close') {
      const id = s.attr('id');
      if (id) tableIds.push(id);
    }
  }

  for (const m of merges) blankMerged(rows, m, lastRow);
  for (let r = 1; r <= lastRow; r++) if (rows[r] && rows[r]!.cols.length === 0) rows[r] = undefined;
  return { grid: new XlsxGrid(name, lastRow, rows, formulas, sharedFormulas, currencies), tableIds };
}

/** Text of an inline string (<is>): its <t>, or its rich-text runs joined; phonetic guides left out. */
function inlineText(s: XmlScanner): string {
  let out = '';
  while (s.next() && !(s.kind === 'close' && s.name === 'is')) {
    if (s.kind !== 'open') continue;
    if (s.name === 't') out += s.text();
    else if (s.name === 'rPh') s.skipElement();
  }
  return out;
}

/** Cells written out of column order (Excel never does): insert in order, the later one wins. */
function setUnordered(row: Row, col: number, value: GridValue): void {
  let i = 0;
  while (i < row.cols.length && row.cols[i] < col) i++;
  if (row.cols[i] === col) row.vals[i] = value;
  else {
    row.cols.splice(i, 0, col);
    row.vals.splice(i, 0, value);
  }
}

/** Every cell of a merged range except its top-left reads as blank. */
function blankMerged(rows: (Row | undefined)[], ref: string, lastRow: number): void {
  const range = parseRange(ref);
  if (!range) return;
  for (let r = range.top; r <= Math.min(range.bottom, lastRow); r++) {
    const row = rows[r];
    if (!row) continue;
    for (let i = row.cols.length - 1; i >= 0; i--) {
      const c = row.cols[i];
      if (c >= range.left && c <= range.right && (r !== range.top || c !== range.left)) {
        row.cols.splice(i, 1);
        row.vals.splice(i, 1);
      }
    }
  }
}

export type { XlsxGrid };
