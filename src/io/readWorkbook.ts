/**
 * Reading a CRM3 workbook (.xlsx) into a WorkbookSnapshot. The package is inspected first
 * (zipGuard: size, encryption, macros, corruption, zip bombs); only a package that passes
 * is handed to ExcelJS. Never throws: a file that cannot be read gives a ReadFailure whose
 * message says why, and everything odd inside a readable file becomes a Problem. The input
 * is only ever read, never written.
 */
import ExcelJS from 'exceljs';
import { Cell } from '../calc/cells';
import { WorkbookSnapshot } from '../model/snapshot';
import { normalizeSnapshot } from '../model/normalize';
import { ReadFailure, failures } from './readFailure';
import { DefinedName, GridValue, ListObjectInfo, SheetGrid, TooManyRowsError, findTables } from './sheetTables';
import { ZipEntry, ZipLimits, inflateEntry, inspectXlsx, inspectXlsxFile } from './zipGuard';

export type { ReadFailure, ReadFailureCode } from './readFailure';

export interface ReadOptions extends Partial<ZipLimits> {
  /** Most data rows accepted in one table. Default 1,048,576 (Excel's sheet size). */
  maxRows?: number;
}

export type ReadResult = { ok: true; snapshot: WorkbookSnapshot } | { ok: false; reason: ReadFailure };

export const DEFAULT_MAX_ROWS = 1_048_576;

/** Reads the .xlsx at `path`. Never throws; the file is opened read-only. */
export async function readWorkbookFile(path: string, options: ReadOptions = {}): Promise<ReadResult> {
  try {
    const check = await inspectXlsxFile(path, options);
    if (!check.ok) return check;
    return await parse(check.bytes, check.entries, path, options);
  } catch (e) {
    return { ok: false, reason: failures.corrupt(path, describe(e)) };
  }
}

/** Reads an .xlsx held in memory; `name` is used in messages. Never throws; `bytes` is not modified. */
export async function readWorkbookBuffer(
  bytes: Uint8Array | ArrayBuffer,
  name: string,
  options: ReadOptions = {},
): Promise<ReadResult> {
  try {
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const check = await inspectXlsx(view, name, options);
    if (!check.ok) return check;
    return await parse(view, check.entries, name, options);
  } catch (e) {
    return { ok: false, reason: failures.corrupt(name, describe(e)) };
  }
}

function describe(e: unknown) {
  const m = e instanceof Error ? e.message : String(e);
  return failures.why.notSpreadsheet(m.length > 200 ? m.slice(0, 200) + '…' : m);
}

async function parse(bytes: Uint8Array, entries: ZipEntry[], name: string, options: ReadOptions): Promise<ReadResult> {
  const definedNames = await readDefinedNames(bytes, entries);
  const wb = new ExcelJS.Workbook();
  skipExcelJsDefinedNames(wb);
  try {
    // A copy: ExcelJS (JSZip) must never hold, let alone touch, the caller's buffer.
    await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  } catch (e) {
    return { ok: false, reason: failures.corrupt(name, describe(e)) };
  }
  const grids = wb.worksheets.map((ws) => new ExcelJsGrid(ws));
  try {
    const found = findTables(grids, definedNames, { maxRows: options.maxRows ?? DEFAULT_MAX_ROWS });
    const snapshot: WorkbookSnapshot = { ...found, problems: found.problems.done() };
    if (!snapshot.indicators) delete snapshot.indicators;
    return { ok: true, snapshot: normalizeSnapshot(snapshot) };
  } catch (e) {
    if (e instanceof TooManyRowsError) return { ok: false, reason: failures.tooManyRows(e.sheet, e.table, e.rows, e.limit) };
    throw e;
  }
}

// ---------------------------------------------------------------- defined names

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : (XML_ENTITIES[e] ?? m),
  );
}

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? unescapeXml(m[2] ?? m[3]) : undefined;
}

/**
 * Defined names straight from xl/workbook.xml, constants and formulas included (ExcelJS
 * keeps only plain ranges).
 */
async function readDefinedNames(bytes: Uint8Array, entries: ZipEntry[]): Promise<DefinedName[]> {
  const entry = entries.find((e) => e.name.replace(/^\//, '') === 'xl/workbook.xml');
  if (!entry) return [];
  let xml: string;
  try {
    xml = new TextDecoder('utf-8').decode(await inflateEntry(bytes, entry, 32 * 1024 * 1024));
  } catch {
    return [];
  }
  const sheets = [...xml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)].map((m) => attribute(m[1], 'name') ?? '');
  const out: DefinedName[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g)) {
    const nm = attribute(m[1], 'name');
    if (!nm || nm.startsWith('_xlnm.')) continue;
    const local = attribute(m[1], 'localSheetId');
    out.push({ name: nm, text: unescapeXml(m[2]), ...(local !== undefined ? { sheet: sheets[Number(local)] ?? '' } : {}) });
  }
  return out;
}

/**
 * ExcelJS expands every defined name into one object per cell it covers: a CRM3 workbook's
 * column names over whole columns would cost millions of objects. We read the names
 * ourselves (above), so ExcelJS is given none. Private API of exceljs 4.x; if it changes,
 * loading still works, only without this saving.
 */
function skipExcelJsDefinedNames(wb: ExcelJS.Workbook): void {
  const xlsx = wb.xlsx as unknown as { parseWorkbook?: (stream: unknown) => Promise<{ definedNames?: unknown[] }> };
  const original = xlsx.parseWorkbook;
  if (typeof original !== 'function') return;
  xlsx.parseWorkbook = async function (this: unknown, stream: unknown) {
    const model = await original.call(this, stream);
    if (model && Array.isArray(model.definedNames)) model.definedNames = [];
    return model;
  };
}

// ---------------------------------------------------------------- ExcelJS cells → plain cells

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A JS Date (ExcelJS's reading of a date-formatted cell) as an Excel 1900-system serial:
 * days since 1899-12-30 UTC, which also absorbs Excel's phantom 1900-02-29 the same way
 * ExcelJS did when it made the Date. 1904-system workbooks come out in the 1900 system.
 */
export function serialFromDate(d: Date): number | null {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return null;
  const serial = (ms - EXCEL_EPOCH_MS) / DAY_MS;
  // Whole days stay whole; times keep millisecond precision without binary noise.
  return Math.round(serial * DAY_MS) / DAY_MS;
}

function plainText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && Array.isArray((v as { richText?: unknown[] }).richText)) {
    return (v as { richText: { text?: string }[] }).richText.map((r) => r.text ?? '').join('');
  }
  return v === null || v === undefined ? '' : String(v);
}

function fromString(s: string): Cell {
  return s.trim() === '' ? null : s;
}

/** One ExcelJS value as a plain cell (or a flag for errors and never-calculated formulas). */
export function gridValueOf(v: unknown): GridValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { flag: 'error', code: '#NUM!' };
  if (typeof v === 'string') return fromString(v);
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return serialFromDate(v);
  if (typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if ('error' in o) return { flag: 'error', code: String(o.error) };
  if ('formula' in o || 'sharedFormula' in o) {
    if (!('result' in o) || o.result === undefined) return { flag: 'uncalculated' };
    const r = gridValueOf(o.result);
    return r;
  }
  if ('richText' in o) return fromString(plainText(o));
  if ('hyperlink' in o || 'text' in o) return fromString(plainText(o.text));
  return null;
}

interface ExcelJsTable {
  table?: {
    name?: string;
    displayName?: string;
    tableRef?: string;
    ref?: string;
    totalsRow?: boolean;
    columns?: { name?: string }[];
  };
}

function decodeRange(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return undefined;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const r1 = Number(m[2]);
  const c1 = col(m[1]);
  const r2 = m[4] ? Number(m[4]) : r1;
  const c2 = m[3] ? col(m[3]) : c1;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

const MERGE = ExcelJS.ValueType.Merge;

class ExcelJsGrid implements SheetGrid {
  readonly name: string;
  readonly lastRow: number;
  readonly listObjects: ListObjectInfo[];

  constructor(private readonly ws: ExcelJS.Worksheet) {
    this.name = ws.name;
    this.lastRow = ws.rowCount;
    this.listObjects = [];
    for (const t of ws.getTables() as unknown as ExcelJsTable[]) {
      const model = t.table;
      const range = model && decodeRange(model.tableRef ?? model.ref ?? '');
      if (!model || !range) continue;
      this.listObjects.push({
        name: model.displayName || model.name || '',
        ...range,
        // ExcelJS reads headerRowCount only when written; Excel omits it for the usual
        // one header row, so every table is taken to have one.
        totalsRow: model.totalsRow === true,
        columnNames: (model.columns ?? []).map((c) => c.name ?? ''),
      });
    }
  }

  private cell(row: number, col: number): ExcelJS.Cell | undefined {
    return this.ws.findRow(row)?.findCell(col);
  }

  value(row: number, col: number): GridValue {
    const c = this.cell(row, col);
    return !c || c.type === MERGE ? null : gridValueOf(c.value);
  }

  formula(row: number, col: number): string | undefined {
    const c = this.cell(row, col);
    if (!c || c.type !== ExcelJS.ValueType.Formula) return undefined;
    return c.formula || undefined;
  }

  entries(row: number): [number, GridValue][] {
    const r = this.ws.findRow(row);
    if (!r) return [];
    const out: [number, GridValue][] = [];
    r.eachCell((c, col) => {
      if (c.type === MERGE) return;
      const v = gridValueOf(c.value);
      if (v !== null) out.push([col, v]);
    });
    return out;
  }
}

export type { SheetGrid } from './sheetTables';
