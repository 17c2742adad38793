/**
 * One worksheet part (sheetData, mergeCells, tableParts) parsed into a SheetGrid, the plain
 * grid that findTables reads. Rows are stored compactly: per row, the columns and values of
 * its non-blank cells; text from the shared-string table is shared, not copied.
 *
 * Cell values follow what Excel saved: shared, inline and formula strings as text (blank
 * text reads as blank), numbers (in a date style: the Excel serial, 1904 dates moved to the
 * 1900 system), booleans, errors as error flags, and a formula without a saved result as
 * "uncalculated". Cells covered by a merge, other than its top-left, read as blank.
 *
 * Work is bounded by what the part holds, never by the numbers it claims (issue #12): a
 * coordinate outside Excel's grid is left out with a problem, cells written out of column
 * order are sorted once at the end (O(n log n)), and merges are resolved by mergedCells.
 */
import { Cell } from '../core/cells';
import { shiftFormula } from '../engine/formulaText';
import { ProblemList } from '../model/problems';
import { Problem, a1 } from '../model/snapshot';
import { Area, blankMergedCells } from './mergedCells';
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, SHEET_PROBLEMS, onSheet } from './sheetLimits';
import { GridValue, ListObjectInfo, SheetGrid, TakenColumns } from './sheetTables';
import { decodeXstring, detached } from './xlsxPackage';
import { XmlPiece, XmlScanner } from './xmlScan';

/** Days from 1900-01-00 to 1904-01-01 in Excel's counting. */
const DAYS_1904 = 1462;
const DAY_MS = 86_400_000;
/** Serial of 1970-01-01 (Excel 1900 system). */
const UNIX_EPOCH_SERIAL = 25_569;

/** One row's cells, as merged areas are blanked on them (mergedCells). */
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

/** A shared-string index the table does not hold: read as blank, and reported. */
class MissingSharedString {
  constructor(readonly index: number) {}
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

/**
 * "B2:D40" (or "$B$2:$D$40", or one cell) → 1-based bounds; undefined when it is not a range
 * of cells on Excel's sheet (A1:XFD1048576).
 */
export function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const [a, b] = ref.replace(/\$/g, '').trim().split(':');
  const p = parseCellRef(a ?? '');
  const q = b === undefined ? p : parseCellRef(b);
  if (!onSheet(p.row, p.col) || !onSheet(q.row, q.col)) return undefined;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

const textCell = (s: string): Cell => (s.trim() === '' ? null : s);

/** A sheet's context with each shared string as the cell it reads as (`sharedCellsOf`). */
interface ReadContext extends SheetContext {
  sharedCells: readonly Cell[];
}

const sharedCells = new WeakMap<readonly string[], readonly Cell[]>();

/**
 * Each shared string as a cell (blank text reads as blank), made once per table of strings:
 * not trimmed again at each of the million cells that use one (a twentieth of the read).
 */
function sharedCellsOf(strings: readonly string[]): readonly Cell[] {
  let cells = sharedCells.get(strings);
  if (!cells) sharedCells.set(strings, (cells = strings.map(textCell)));
  return cells;
}

/** The cell shared string `index` reads as. Throws MissingSharedString when the table has no such string. */
function sharedCell(ctx: ReadContext, index: number): Cell {
  if (ctx.sharedStrings[index] === undefined) throw new MissingSharedString(index);
  return ctx.sharedCells[index];
}

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
function cellValue(t: string | undefined, style: number, v: string | undefined, ctx: ReadContext): GridValue {
  if (v === undefined) return null;
  switch (t) {
    case 's':
      return sharedCell(ctx, Number(v));
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
function integerValue(t: string | undefined, style: number, n: number, ctx: ReadContext): GridValue {
  if (t === 's') return sharedCell(ctx, n);
  if (t === undefined || t === 'n') return ctx.dateStyles[style] && ctx.date1904 ? n + DAYS_1904 : n;
  return cellValue(t, style, String(n), ctx);
}

/**
 * A sheet's non-blank cells, row after row, in flat arrays (issue #15: the grids of a
 * 50,000-opportunity workbook took three times the memory of its tables when each row held
 * two arrays of its own). `rowNos` lists the rows that hold cells, ascending; the k-th one's
 * cells are `cols`/`vals` from `start[k]` to `start[k + 1]`, by ascending column.
 */
interface PackedRows {
  rowNos: Int32Array;
  start: Int32Array;
  cols: Int32Array;
  vals: GridValue[];
}

/**
 * The cells of a part as they are scanned, in file order, in flat arrays (no object per row:
 * at 200,000 activities those were the reader's largest allocation), then packed row by row.
 */
class CellList {
  private rowOf: Int32Array;
  private colOf: Int32Array;
  private vals: GridValue[];
  private n = 0;
  /** Whether every cell came after the one before it (row, then column): the packed order is then the file's. */
  private ordered = true;

  /**
   * `expected`: how many cells the part likely holds (`expectedCells`), so that the arrays are
   * made once at their size instead of growing by copies (at 50,000 opportunities, growing a
   * sheet's arrays of a million cells was a twentieth of the read, and garbage).
   */
  constructor(expected = 1024) {
    const size = Math.max(16, expected);
    this.rowOf = new Int32Array(size);
    this.colOf = new Int32Array(size);
    this.vals = new Array<GridValue>(size);
  }

  push(row: number, col: number, value: GridValue): void {
    const n = this.n;
    if (n === this.rowOf.length) {
      const rows = new Int32Array(n * 2);
      rows.set(this.rowOf);
      this.rowOf = rows;
      const cols = new Int32Array(n * 2);
      cols.set(this.colOf);
      this.colOf = cols;
      this.vals.length = n * 2;
    }
    if (n > 0 && (row < this.rowOf[n - 1] || (row === this.rowOf[n - 1] && col <= this.colOf[n - 1]))) this.ordered = false;
    this.rowOf[n] = row;
    this.colOf[n] = col;
    this.vals[n] = value;
    this.n = n + 1;
  }

  /**
   * The cells packed by row, then column. Cells written out of order are sorted once; of two
   * cells at one place, the later one in the file wins. Merged areas blank every cell they
   * cover but their top-left one (`overlapping`: ranges dropped for overlapping another).
   */
  pack(merges: readonly Area[], lastCol: number): { packed: PackedRows; overlapping: number } {
    let order: number[] | undefined;
    if (!this.ordered) {
      order = Array.from({ length: this.n }, (_, i) => i);
      // Stable: equal places keep file order, so the last of them is the later cell.
      order.sort((a, b) => this.rowOf[a] - this.rowOf[b] || this.colOf[a] - this.colOf[b] || a - b);
      order = order.filter((i, k) => {
        const next = order![k + 1];
        return next === undefined || this.rowOf[next] !== this.rowOf[i] || this.colOf[next] !== this.colOf[i];
      });
    }
    // The values' array holds exactly the cells from here on (packCells keeps it when in order).
    this.vals.length = this.n;
    const packed = packCells(this.rowOf, this.colOf, this.vals, order ?? this.n);
    if (merges.length === 0) return { packed, overlapping: 0 };
    // Merged cells (rare on a data sheet): blanked on rows as mergedCells works on them, then packed again.
    const rows: Row[] = [];
    const present = Array.from(packed.rowNos);
    present.forEach((r, k) => {
      const from = packed.start[k];
      const to = packed.start[k + 1];
      rows[r] = { cols: Array.from(packed.cols.subarray(from, to)), vals: packed.vals.slice(from, to) };
    });
    const outcome = blankMergedCells(rows, present, lastCol, merges);
    const rowOf: number[] = [];
    const colOf: number[] = [];
    const vals: GridValue[] = [];
    for (const r of present)
      rows[r].cols.forEach((c, i) => {
        rowOf.push(r);
        colOf.push(c);
        vals.push(rows[r].vals[i]);
      });
    return {
      packed: packCells(Int32Array.from(rowOf), Int32Array.from(colOf), vals, vals.length),
      overlapping: outcome.overlapping,
    };
  }
}

/** Cells in row, then column order (the first `order` of them, or those `order` lists) packed by row. */
function packCells(
  rowOf: Int32Array,
  colOf: Int32Array,
  values: readonly GridValue[],
  order: number | readonly number[],
): PackedRows {
  const total = typeof order === 'number' ? order : order.length;
  const at = (k: number) => (typeof order === 'number' ? k : order[k]);
  let count = 0;
  for (let k = 0; k < total; k++) if (k === 0 || rowOf[at(k)] !== rowOf[at(k - 1)]) count++;
  const rowNos = new Int32Array(count);
  const start = new Int32Array(count + 1);
  // Cells already in order (the usual file) keep their values' array: no second copy of it.
  const inPlace = typeof order === 'number' && values.length === total;
  const cols = inPlace ? colOf.slice(0, total) : new Int32Array(total);
  const vals = inPlace ? (values as GridValue[]) : new Array<GridValue>(total);
  let slot = -1;
  for (let k = 0; k < total; k++) {
    const i = at(k);
    if (k === 0 || rowOf[i] !== rowOf[at(k - 1)]) {
      rowNos[++slot] = rowOf[i];
      start[slot] = k;
    }
    if (inPlace) continue;
    cols[k] = colOf[i];
    vals[k] = values[i];
  }
  start[count] = total;
  return { rowNos, start, cols, vals };
}

/**
 * A table's data cells (rows top + 1 to bottom, columns left to right), held by column as the
 * sheet is scanned (issue #15): the cells of a big table go straight into the arrays its
 * columns are, not through the cell list and its packing. Any cell in the area lands here,
 * and only here; blank cells are null.
 *
 * The first table read from the area takes these arrays as its columns, without a copy
 * (`take`: at 50,000 opportunities the copies were 4.8 million cells). The block still answers
 * its cells as they were read (the flagged cells the table holds as blanks are kept aside), so
 * findTables may read the grid again (an export's mapping report, a workbook read again as a
 * CRM export), and a second table of the area gets copies. Only until the tables are cleaned
 * in place (normalize, after findTables): readWorkbook lets the grids go with the snapshot.
 */
class ColumnBlock {
  readonly columns: (GridValue[] | undefined)[];
  readonly rows: number;
  /** Where flagged cells were put (row * width + column; a place may be listed twice or since overwritten). */
  private readonly flagPlaces: number[] = [];
  /** Once the arrays are a table's: the flagged cells it holds as blanks, by place. */
  private taken?: Map<number, GridValue>;

  constructor(
    readonly top: number,
    readonly bottom: number,
    readonly left: number,
    readonly right: number,
  ) {
    this.rows = bottom - top;
    this.columns = new Array<GridValue[] | undefined>(right - left + 1);
  }

  holds(row: number, col: number): boolean {
    return row > this.top && row <= this.bottom && col >= this.left && col <= this.right;
  }

  /** A column's array, made when its first cell comes (a column never written costs nothing). */
  put(row: number, col: number, value: GridValue): void {
    const j = col - this.left;
    const i = row - this.top - 1;
    const column = (this.columns[j] ??= new Array<GridValue>(this.rows).fill(null));
    column[i] = value;
    if (value !== null && typeof value === 'object') this.flagPlaces.push(i * this.columns.length + j);
  }

  /** The cell at data row i (0-based) and column j, as read from the part. */
  at(i: number, j: number): GridValue {
    if (this.taken?.size) {
      const flag = this.taken.get(i * this.columns.length + j);
      if (flag !== undefined) return flag;
    }
    return this.columns[j]?.[i] ?? null;
  }

  get(row: number, col: number): GridValue {
    return this.at(row - this.top - 1, col - this.left);
  }

  /** Every cell, row after row (for merges, which blank cells on rows: rare on a table's sheet). */
  each(visit: (row: number, col: number, value: GridValue) => void): void {
    for (let i = 0; i < this.rows; i++)
      for (let j = 0; j < this.columns.length; j++) {
        const v = this.at(i, j);
        if (v !== null) visit(this.top + 1 + i, this.left + j, v);
      }
  }

  /**
   * The first `count` data rows as a table's columns (`SheetGrid.takeColumns`): the block's own
   * arrays the first time (cut to `count`: the rows below are blank), copies after; flagged
   * cells are blanks in them and listed apart, in row order.
   */
  take(count: number): TakenColumns {
    const width = this.columns.length;
    const first = this.taken === undefined;
    const taken = (this.taken ??= new Map());
    const columns: GridValue[][] = new Array(width);
    for (let j = 0; j < width; j++) {
      const own = (this.columns[j] ??= new Array<GridValue>(this.rows).fill(null));
      if (first) {
        if (own.length > count) own.length = count;
        columns[j] = own;
      } else {
        // A later table may read more rows than the first kept: those rows are blank.
        const copy = own.slice(0, count);
        for (let i = copy.length; i < count; i++) copy.push(null);
        columns[j] = copy;
      }
    }
    // Places in row order, each once, still flagged (a later cell at a place wins).
    const places = [...new Set(this.flagPlaces)].sort((a, b) => a - b);
    const flagged: { i: number; j: number; value: Exclude<GridValue, Cell> }[] = [];
    for (const place of places) {
      const j = place % width;
      const i = (place - j) / width;
      if (i >= count) continue;
      const value = first ? columns[j][i] : taken.get(place);
      if (value === null || typeof value !== 'object') continue;
      if (first) taken.set(place, value);
      columns[j][i] = null;
      flagged.push({ i, j, value });
    }
    return { columns: columns as Cell[][], flagged };
  }
}

/**
 * The table area worth holding by column: on the sheet, at least one data row, and no larger
 * than the part could fill (an area is a claim, like a dimension: a hostile one must not make
 * the reader allocate more than the part's length allows).
 */
function blockFor(area: Area | undefined, partLength: number): ColumnBlock | undefined {
  if (!area || area.bottom <= area.top) return undefined;
  const cells = (area.bottom - area.top) * (area.right - area.left + 1);
  return cells <= Math.floor(partLength / SMALLEST_CELL) + 1
    ? new ColumnBlock(area.top, area.bottom, area.left, area.right)
    : undefined;
}

class XlsxGrid implements SheetGrid {
  listObjects: ListObjectInfo[] = [];
  /** The slot found last: tables are read row after row, so the next row is usually the next slot. */
  private lastSlot = 0;

  constructor(
    readonly name: string,
    readonly lastRow: number,
    private readonly rows: PackedRows,
    private readonly formulas: Map<number, FormulaText>,
    private readonly sharedFormulas: Map<number, { text: string; row: number; col: number }>,
    private readonly currencies: Map<number, string>,
    /** A table's cells held by column (none of them is in `rows`). */
    private readonly block?: ColumnBlock,
  ) {}

  currency(row: number, col: number): string | undefined {
    return this.currencies.get(row * EXCEL_MAX_COLUMNS + col);
  }

  /** Index of `row` in `rowNos`, or -1 when the row holds no cell. */
  private slot(row: number): number {
    const { rowNos } = this.rows;
    const guess = this.lastSlot;
    if (rowNos[guess] === row) return guess;
    if (rowNos[guess + 1] === row) return (this.lastSlot = guess + 1);
    let lo = 0;
    let hi = rowNos.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = rowNos[mid];
      if (r === row) return (this.lastSlot = mid);
      if (r < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  value(row: number, col: number): GridValue {
    if (this.block?.holds(row, col)) return this.block.get(row, col);
    const k = this.slot(row);
    if (k < 0) return null;
    const { start, cols, vals } = this.rows;
    // Columns ascend: binary search (a row may hold 16,384 cells).
    let lo = start[k];
    let hi = start[k + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = cols[mid];
      if (c === col) return vals[mid];
      if (c < col) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  formula(row: number, col: number): string | undefined {
    const f = this.formulas.get(row * EXCEL_MAX_COLUMNS + col);
    if (f === undefined || typeof f === 'string') return f || undefined;
    const master = this.sharedFormulas.get(f.si);
    return master ? shiftFormula(master.text, row - master.row, col - master.col) || undefined : undefined;
  }

  eachEntry(row: number, visit: (col: number, value: GridValue) => void): void {
    const k = this.slot(row);
    const { start, cols, vals } = this.rows;
    let i = k < 0 ? 0 : start[k];
    const end = k < 0 ? 0 : start[k + 1];
    const block = this.block;
    if (block && row > block.top && row <= block.bottom) {
      // The row's cells left of the block, the block's, then those right of it: by ascending column.
      for (; i < end && cols[i] < block.left; i++) visit(cols[i], vals[i]);
      const at = row - block.top - 1;
      for (let j = 0; j < block.columns.length; j++) {
        const v = block.at(at, j);
        if (v !== null) visit(block.left + j, v);
      }
    }
    for (; i < end; i++) visit(cols[i], vals[i]);
  }

  entries(row: number): [number, GridValue][] {
    const out: [number, GridValue][] = [];
    this.eachEntry(row, (c, v) => out.push([c, v]));
    return out;
  }

  takeColumns(from: number, count: number, left: number, right: number): TakenColumns | undefined {
    const block = this.block;
    if (!block || from !== block.top + 1 || count > block.rows || left !== block.left || right !== block.right) return undefined;
    return block.take(count);
  }
}

export interface ParsedSheet {
  grid: XlsxGrid;
  /** Relationship ids of the sheet's table parts. */
  tableIds: string[];
  /** What the part holds that does not fit Excel's sheet or is damaged (cells left out, XML faults). */
  problems: Problem[];
}

/**
 * Parses a worksheet part. `name` is the sheet's name in the workbook, `part` its path (for
 * messages). Never throws on the part's content.
 */
export function parseWorksheet(
  name: string,
  xml: string | Uint8Array,
  sheet: SheetContext,
  part = '',
  /** The area of the sheet's table, when known before its cells (readGrids): its cells are held by column. */
  table?: Area,
): ParsedSheet {
  const scan = new WorksheetScan(name, sheet, part, table, xml.length, xml);
  scan.scan(xml);
  return scan.done();
}

/**
 * A worksheet part scanned whole (parseWorksheet) or piece by piece as it inflates
 * (readGrids, XlsxParts.pieces): each piece ends after a row's close tag, and starts with the
 * elements the piece before left open. A piece where the XML is faulty gives up (`scan`
 * returns undefined): the part is then read again whole, so a damaged part gets the same
 * verdict and the same problems however it was read. A piece cut where no row's close tag
 * is (inside a comment, CDATA, an instruction or a quoted value: none holds one in a
 * well-formed part) always ends faulty, as its last construct is left unended.
 */
export class WorksheetScan {
  private readonly ctx: ReadContext;
  private block: ColumnBlock | undefined;
  private readonly cells: CellList;
  private readonly formulas = new Map<number, FormulaText>();
  private readonly sharedFormulas = new Map<number, { text: string; row: number; col: number }>();
  private readonly currencies = new Map<number, string>();
  private readonly merges: Area[] = [];
  private readonly tableIds: string[] = [];
  private readonly problems = new ProblemList(5);
  private mergesOff = 0;
  private mergeOffRef = '';
  private lastRow = 0;
  private lastCol = 0;
  private rowNo = 0;
  private colNo = 0;
  /** Whether the scan is inside a row whose cells are kept (not an empty or off-grid one). */
  private inRow = false;
  private malformed: XmlScanner['malformed'];

  /** `length`: the part's length (declared, when read piece by piece); `head`: its start, for the dimension. */
  constructor(
    private readonly name: string,
    sheet: SheetContext,
    private readonly part: string,
    table: Area | undefined,
    length: number,
    head: string | Uint8Array,
  ) {
    this.ctx = { ...sheet, sharedCells: sharedCellsOf(sheet.sharedStrings) };
    this.block = blockFor(table, length);
    this.cells = new CellList(expectedCells(head, length) - (this.block ? this.block.rows * this.block.columns.length : 0));
  }

  /**
   * Scans the part, or one piece of it (XmlScanner's `piece`). Returns the elements open at its
   * end, or undefined when a piece is faulty: the part is then to be read whole.
   */
  scan(xml: string | Uint8Array, piece?: XmlPiece): readonly string[] | undefined {
    const { name, ctx, formulas, sharedFormulas, currencies, merges, tableIds, problems, cells } = this;
    const block = this.block;
    let { lastRow, lastCol, rowNo, colNo, inRow } = this;
    const offGrid = (ref: string) =>
      problems.add('grid', { severity: 'error', sheet: name, cell: '', message: SHEET_PROBLEMS.beyondGrid(name, ref) }, (n) =>
        SHEET_PROBLEMS.moreBeyondGrid(name, n),
      );

    const s = new XmlScanner(xml, piece);
    for (;;) {
      // The usual cell in one step (its attributes read, and its body when plain), else the next tag.
      const cellTag = s.cellTag();
      if (!cellTag && !s.next()) break;
      const tag = s.name;
      if (cellTag || (tag === 'c' && s.kind !== 'close')) {
        if (!cellTag) s.cellAttrs();
        const t = s.cellType || undefined;
        const style = s.cellStyle;
        let cellRow = rowNo;
        if (s.cellCol) {
          colNo = s.cellCol;
          cellRow = s.cellRow;
        } else colNo++;
        if (!onSheet(cellRow, colNo)) {
          // Off Excel's grid: left out, with a problem (a cell in a row already reported is not repeated).
          if (inRow || (s.cellCol && cellRow !== rowNo)) offGrid(refText(cellRow, colNo));
          if (s.kind === 'open') s.skipElement();
          continue;
        }
        if (cellRow !== rowNo) {
          // A cell outside its <row> (malformed but readable): follow the reference.
          rowNo = cellRow;
          inRow = true;
          lastRow = Math.max(lastRow, rowNo);
        }
        if (!inRow) {
          if (s.kind === 'open') s.skipElement();
          continue;
        }
        let v: string | undefined;
        let n: number | undefined;
        let f: FormulaText | undefined;
        let hasFormula = false;
        if ((cellTag && s.kind === 'close') || s.plainCellBody()) {
          // The usual <v>…</v> alone, read as the loop below reads it.
          n = t === 'b' || t === 'e' || t === 'str' ? undefined : s.integerIn(s.valueStart, s.valueEnd);
          v = n === undefined ? s.raw(s.valueStart, s.valueEnd) : undefined;
        } else if (s.kind === 'open') {
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
        if (hasFormula) formulas.set(rowNo * EXCEL_MAX_COLUMNS + colNo, f ?? '');
        let value: GridValue;
        try {
          if (n !== undefined) value = integerValue(t, style, n, ctx);
          else if (hasFormula && (v === undefined || (v === '' && t !== 'str'))) value = { flag: 'uncalculated' };
          else value = cellValue(t, style, t === 'str' || t === 'inlineStr' ? v && detached(decodeXstring(v)) : v, ctx);
        } catch (e) {
          if (!(e instanceof MissingSharedString)) throw e;
          const cell = a1(rowNo, colNo);
          problems.add(
            'sst',
            {
              severity: 'error',
              sheet: name,
              cell,
              message: SHEET_PROBLEMS.missingSharedString(name, cell, e.index, ctx.sharedStrings.length),
            },
            (k) => SHEET_PROBLEMS.moreMissingSharedStrings(name, k),
          );
          value = null;
        }
        if (value === null) continue;
        if (typeof value === 'number' && ctx.currencyStyles?.[style])
          currencies.set(rowNo * EXCEL_MAX_COLUMNS + colNo, ctx.currencyStyles[style]!);
        if (block?.holds(rowNo, colNo)) block.put(rowNo, colNo, value);
        else cells.push(rowNo, colNo, value);
        lastRow = Math.max(lastRow, rowNo);
        lastCol = Math.max(lastCol, colNo);
      } else if (tag === 'row') {
        if (s.kind === 'close') continue;
        // r="7" read from its digits; anything else as written.
        const digits = s.digitsAttr('r');
        const written = digits === undefined ? s.attr('r') : undefined;
        const r = digits ?? Number(written);
        rowNo = (digits !== undefined || written !== undefined) && Number.isInteger(r) && r > 0 ? r : rowNo + 1;
        colNo = 0;
        if (rowNo > EXCEL_MAX_ROWS) {
          // Cells inside it are left out (and reported) one by one; the next row without r continues from here.
          inRow = false;
          if (s.kind === 'empty') continue;
          offGrid(`row ${s.attr('r') ?? rowNo}`);
          continue;
        }
        lastRow = Math.max(lastRow, rowNo);
        inRow = s.kind !== 'empty';
      } else if (tag === 'mergeCell' && s.kind !== 'close') {
        const ref = s.attr('ref') ?? '';
        const range = parseRange(ref);
        if (range) merges.push(range);
        else if (ref.trim()) {
          this.mergesOff++;
          this.mergeOffRef ||= ref;
        }
      } else if (tag === 'tablePart' && s.kind !== 'close') {
        const id = s.attr('id');
        if (id) tableIds.push(id);
      }
    }

    this.lastRow = lastRow;
    this.lastCol = lastCol;
    this.rowNo = rowNo;
    this.colNo = colNo;
    this.inRow = inRow;
    if (piece && s.malformed) return undefined;
    this.malformed = s.malformed;
    return s.openElements;
  }

  /** The sheet, once every piece is scanned. */
  done(): ParsedSheet {
    const { name, cells, merges, problems, mergesOff, mergeOffRef, lastCol } = this;
    let block = this.block;
    if (this.malformed)
      problems.push({
        severity: 'error',
        sheet: name,
        cell: '',
        message: SHEET_PROBLEMS.malformed(name, this.part || name, this.malformed.at, this.malformed.what),
      });
    if (block && merges.length) {
      // Merges blank cells on rows (mergedCells): the block's cells join the list (sorted with it).
      block.each((r, c, v) => cells.push(r, c, v));
      block = undefined;
    }
    const { packed, overlapping } = cells.pack(merges, lastCol);
    if (overlapping)
      problems.push({
        severity: 'warning',
        sheet: name,
        cell: '',
        message: SHEET_PROBLEMS.overlappingMerges(name, overlapping),
      });
    if (mergesOff)
      problems.push({
        severity: 'warning',
        sheet: name,
        cell: '',
        message: SHEET_PROBLEMS.mergeBeyondGrid(name, mergesOff, mergeOffRef),
      });
    return {
      grid: new XlsxGrid(name, this.lastRow, packed, this.formulas, this.sharedFormulas, this.currencies, block),
      tableIds: this.tableIds,
      problems: problems.done(),
    };
  }
}

/** The fewest characters a cell with a value takes in a part (`<c><v>1</v></c>`). */
const SMALLEST_CELL = 15;

/** A part's head as text, for the dimension. */
const HEAD = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * How many cells a worksheet part likely holds: the area of the `<dimension>` Excel writes
 * at its head, never more than the part's length allows (a dimension is a claim, not a fact:
 * a damaged or hostile one must not make the reader allocate more than the part could fill).
 * Without a dimension, a small start (the list grows). The part as text, or its UTF-8 bytes
 * (their length is then the bound: a size to allocate, never a value read).
 */
export function expectedCells(xml: string | Uint8Array, length = xml.length): number {
  const start = typeof xml === 'string' ? xml.slice(0, 2048) : HEAD.decode(xml.subarray(0, 2048));
  const head = /<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*["']([^"']*)["']/.exec(start);
  const range = head ? parseRange(head[1]) : undefined;
  if (!range) return 1024;
  const area = (range.bottom - range.top + 1) * (range.right - range.left + 1);
  return Math.min(area, Math.floor(length / SMALLEST_CELL) + 1);
}

/** How a message names a cell off the sheet: A1 style while that stays short, else the numbers. */
function refText(row: number, col: number): string {
  return Number.isSafeInteger(row) && Number.isSafeInteger(col) && col <= 1_000_000 && row > 0 && col > 0
    ? a1(row, col)
    : `row ${row}, column ${col}`;
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

export type { XlsxGrid };
