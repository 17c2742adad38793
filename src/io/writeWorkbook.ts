/**
 * WorkbookSnapshot → .xlsx, written directly (xlsxWrite: 50,000 opportunities in seconds,
 * where ExcelJS took minutes and gigabytes). Each table becomes an Excel table on its own sheet
 * (sheet and headers in the locale's language, table named by its canonical English name),
 * the Config sheet holds the settings block and the methodology tables, and every column
 * and setting gets the workbook-level defined name that CRM3 formulas use (DESIGN.md §3).
 *
 * Output is byte-stable: fixed document dates and fixed zip entry times, so rebuilding a
 * sample or template changes nothing unless its content changed.
 */
import { Cell } from '../core/cells';
import { Locale } from '../core/i18n';
import { CONFIG_TABLES, ConfigTableName, SETTINGS, SettingSpec } from '../model/config';
import {
  CONFIG_TABLE_TITLE_ROW,
  DATA_TABLE_ORIGIN,
  SETTINGS_BLOCK,
  configSheetName,
  configTableOrigins,
  settingRow,
  tableSheetName,
} from '../model/layout';
import { ColumnType, TABLES, TableName, TableSpec, tableSpec } from '../model/schema';
import { TableData, WorkbookSnapshot, a1 } from '../model/snapshot';
import { PRODUCT } from '../version';
import { CellStyle, MAX_TEXT, SheetWriter, XlsxWriter } from './xlsxWrite';
import { dosDateTime } from './zipWriter';

export interface WriteOptions {
  locale: Locale;
  /** Created/modified date of the document and its zip entries (default 2026-01-01 UTC). */
  timestamp?: Date;
}

export const FIXED_TIMESTAMP = new Date(Date.UTC(2026, 0, 1));

/** A workbook-level defined name and what it refers to (e.g. Opp_Status → Opportunities!$F$2:$F$301). */
export interface DefinedName {
  name: string;
  ref: string;
}

const DATE_FORMAT = 'yyyy-mm-dd';
const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  date: DATE_FORMAT,
  amount: '#,##0',
  count: '0',
};
/** Computed number columns with a format of their own. */
const COLUMN_FORMATS: Record<string, string> = {
  Score: '0.0',
  Attractiveness: '0.0',
  Position: '0.0',
  QualScore: '0.0',
  Probability: '0%',
};
const CONFIG_FORMATS: Record<string, string> = { Probability: '0%' };

/** Text a spreadsheet could take for a formula when it is edited or exported (OWASP CSV injection). */
const FORMULA_LIKE = /^[=+\-@\t\r]/;
const MAX_WIDTH_SAMPLE = 1000;

const DATA_STYLE = 'TableStyleMedium2';
const CONFIG_STYLE = 'TableStyleLight9';

/** Defined names are letters, digits, _ and . starting with a letter or _, and must not look like a cell. */
function isValidName(name: string): boolean {
  return (
    name.length <= 255 && /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name) && !/^[RrCc]$/.test(name)
  );
}

/** A sheet name as it appears in a reference: quoted unless it is a plain identifier. */
export function sheetRef(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}[0-9]+$/.test(sheet)
    ? sheet
    : `'${sheet.replace(/'/g, "''")}'`;
}

function absolute(row: number, col: number): string {
  return a1(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
}

function columnRef(sheet: string, col: number, firstRow: number, rows: number): string {
  const last = firstRow + Math.max(rows, 1) - 1;
  return `${sheetRef(sheet)}!${absolute(firstRow, col)}:${absolute(last, col)}`;
}

/** The header a canonical column shows in the locale (criteria and question ids stay ids). */
function headerLabel(spec: { columns: readonly { name: string; zh: string }[] }, header: string, locale: Locale): string {
  if (locale !== 'zh-CN') return header;
  return spec.columns.find((c) => c.name === header)?.zh ?? header;
}

/** Table column names must be non-blank and unique (case-insensitively). */
function uniqueHeaders(labels: string[]): string[] {
  const seen = new Set<string>();
  return labels.map((label, i) => {
    const base = label.trim() === '' ? `Column${i + 1}` : label.replace(/[\r\n]+/g, ' ');
    let candidate = base;
    for (let k = 2; seen.has(candidate.toUpperCase()); k++) candidate = `${base} ${k}`;
    seen.add(candidate.toUpperCase());
    return candidate;
  });
}

/** A cell value as written (never a formula); non-finite numbers become blank. */
function excelValue(c: Cell | undefined): Cell {
  if (c === null || c === undefined) return null;
  if (typeof c === 'number') return Number.isFinite(c) ? (Object.is(c, -0) ? 0 : c) : null;
  if (typeof c === 'string') return c.length > MAX_TEXT ? c.slice(0, MAX_TEXT) : c;
  return c;
}

/** Display width of a value in Excel's character units (CJK counts double). */
function displayWidth(v: Cell, format: string | undefined): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') {
    if (format === DATE_FORMAT) return 10;
    if (format === '#,##0') return Math.round(v).toLocaleString('en-US').length;
    return String(Math.round(v * 100) / 100).length;
  }
  const s = String(v);
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function widthOf(header: string, values: readonly (Cell | undefined)[], format: string | undefined): number {
  let w = displayWidth(header, undefined) + 3; // room for the filter button
  const n = Math.min(values.length, MAX_WIDTH_SAMPLE);
  for (let i = 0; i < n; i++) w = Math.max(w, displayWidth(excelValue(values[i]), format) + 2);
  return Math.min(50, Math.max(8, w));
}

/** Formula-like text keeps the Text number format ('@'), so editing the cell cannot turn it into a formula either. */
function isFormulaLike(v: Cell): boolean {
  return typeof v === 'string' && FORMULA_LIKE.test(v);
}

interface PlacedTable {
  sheet: string;
  name: string;
  headerRow: number;
  firstCol: number;
  canonical: string[];
  rows: number;
}

/** Widths, header row, data rows (one string per row) and the Excel table over them. */
function addTable(
  ws: SheetWriter,
  book: XlsxWriter,
  name: string,
  origin: { row: number; col: number },
  labels: string[],
  formats: (string | undefined)[],
  data: TableData['rows'],
  style: string,
): number {
  const width = labels.length;
  const columnStyles = formats.map((f) => book.style(f ? { numFmt: f } : undefined));
  const textStyles = formats.map(() => book.style({ numFmt: '@' }));
  labels.forEach((label, j) => {
    ws.column(
      origin.col + j,
      widthOf(
        label,
        data.map((r) => r[j]),
        formats[j],
      ),
      formats[j] ? { numFmt: formats[j] } : undefined,
    );
  });
  ws.putRow(
    origin.row,
    origin.col,
    origin.col + width - 1,
    labels.map((label, j) => ws.cellXml(origin.row, origin.col + j, label, 0)).join(''),
  );
  // One flat string per row (join, not +=): a row built by += is a rope holding every piece.
  const cells: string[] = [];
  for (let i = 0; i < data.length; i++) {
    const row = origin.row + 1 + i;
    const r = data[i];
    cells.length = 0;
    for (let j = 0; j < width; j++) {
      const v = excelValue(r[j]);
      if (v !== null) cells.push(ws.cellXml(row, origin.col + j, v, isFormulaLike(v) ? textStyles[j] : columnStyles[j]));
    }
    ws.putRow(row, origin.col, origin.col + width - 1, cells.join(''));
  }
  // An Excel table needs at least one data row.
  ws.addTable({ name, headerRow: origin.row, firstCol: origin.col, columns: labels, rows: Math.max(data.length, 1), style });
  return data.length;
}

function dataFormat(spec: TableSpec, header: string): string | undefined {
  if (COLUMN_FORMATS[header]) return COLUMN_FORMATS[header];
  const type = spec.columns.find((c) => c.name === header)?.type;
  return type ? NUMBER_FORMATS[type] : undefined;
}

function settingFormat(s: SettingSpec): string | undefined {
  return s.type === 'date' ? DATE_FORMAT : undefined;
}

/** The defined names a snapshot gets when written: one per table column and one per setting. */
export function definedNames(snapshot: WorkbookSnapshot, locale: Locale): DefinedName[] {
  return layoutOf(snapshot, locale).names;
}

function layoutOf(
  snapshot: WorkbookSnapshot,
  locale: Locale,
): { tables: PlacedTable[]; configTables: PlacedTable[]; names: DefinedName[] } {
  const names: DefinedName[] = [];
  const taken = new Set<string>();
  const define = (name: string, ref: string) => {
    if (!isValidName(name) || taken.has(name.toUpperCase())) return;
    taken.add(name.toUpperCase());
    names.push({ name, ref });
  };
  const tables: PlacedTable[] = [];
  for (const spec of TABLES) {
    const t = snapshot.tables[spec.name];
    if (!t) continue;
    const placed: PlacedTable = {
      sheet: tableSheetName(spec.name, locale),
      name: spec.name,
      headerRow: DATA_TABLE_ORIGIN.row,
      firstCol: DATA_TABLE_ORIGIN.col,
      canonical: t.headers,
      rows: t.rows.length,
    };
    tables.push(placed);
    t.headers.forEach((h, j) =>
      define(`${spec.prefix}_${h}`, columnRef(placed.sheet, placed.firstCol + j, placed.headerRow + 1, placed.rows)),
    );
  }
  const config = configSheetName(locale);
  const configTables: PlacedTable[] = [];
  for (const [name, origin] of configTableOrigins()) {
    const t = snapshot.config[name];
    if (!t) continue;
    const placed: PlacedTable = {
      sheet: config,
      name,
      headerRow: origin.row,
      firstCol: origin.col,
      canonical: t.headers,
      rows: t.rows.length,
    };
    configTables.push(placed);
    t.headers.forEach((h, j) => define(`${name}_${h}`, columnRef(config, origin.col + j, origin.row + 1, placed.rows)));
  }
  for (const s of SETTINGS) define(s.name, `${sheetRef(config)}!${absolute(settingRow(s.name), SETTINGS_BLOCK.valueCol)}`);
  return { tables, configTables, names };
}

function writeConfigSheet(book: XlsxWriter, snapshot: WorkbookSnapshot, locale: Locale, placed: PlacedTable[]): void {
  const zh = locale === 'zh-CN';
  const ws = book.addSheet(configSheetName(locale), SETTINGS_BLOCK.headerRow);
  const title: CellStyle = { bold: true, size: 13 };
  const bold: CellStyle = { bold: true };
  const inputFill = 'FFFFF2CC';

  // Settings: Name | Value | Description; each value cell is the defined name of the setting.
  ws.set(SETTINGS_BLOCK.titleRow, SETTINGS_BLOCK.nameCol, zh ? '设置' : 'Settings', title);
  const heads = zh ? ['名称', '值', '说明'] : ['Name', 'Value', 'Description'];
  [SETTINGS_BLOCK.nameCol, SETTINGS_BLOCK.valueCol, SETTINGS_BLOCK.descriptionCol].forEach((col, i) =>
    ws.set(SETTINGS_BLOCK.headerRow, col, heads[i], bold),
  );
  for (const s of SETTINGS) {
    const row = settingRow(s.name);
    const value = excelValue(s.name in snapshot.settings ? snapshot.settings[s.name] : (s.fallback ?? null));
    ws.set(row, SETTINGS_BLOCK.nameCol, s.name);
    const format = settingFormat(s);
    const numFmt = isFormulaLike(value) ? '@' : format && typeof value === 'number' ? format : undefined;
    ws.set(row, SETTINGS_BLOCK.valueCol, value, { fill: inputFill, numFmt });
    const description = zh ? `${s.zh}：${s.description.zh}` : s.description.en;
    ws.set(row, SETTINGS_BLOCK.descriptionCol, description);
  }
  ws.column(SETTINGS_BLOCK.nameCol, 26);
  ws.column(SETTINGS_BLOCK.valueCol, 14);
  ws.column(SETTINGS_BLOCK.descriptionCol, zh ? 44 : 56);

  for (const p of placed) {
    const spec = CONFIG_TABLES.find((t) => t.name === p.name)!;
    const t = snapshot.config[p.name as ConfigTableName]!;
    ws.set(CONFIG_TABLE_TITLE_ROW, p.firstCol, zh ? spec.zh : spec.name, title);
    const labels = uniqueHeaders(t.headers.map((h) => headerLabel(spec, h, locale)));
    addTable(
      ws,
      book,
      p.name,
      { row: p.headerRow, col: p.firstCol },
      labels,
      t.headers.map((h) => CONFIG_FORMATS[h]),
      t.rows,
      CONFIG_STYLE,
    );
  }
}

/** Set every zip entry's DOS date and time (local header and central directory) to one instant. */
export function stampZipEntries(zip: Buffer, when: Date): Buffer {
  const out = Buffer.from(zip);
  const { date: dosDate, time: dosTime } = dosDateTime(when);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 65_557); i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return out;
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let k = 0; k < entries && p + 46 <= out.length && out.readUInt32LE(p) === 0x02014b50; k++) {
    out.writeUInt16LE(dosTime, p + 12);
    out.writeUInt16LE(dosDate, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (local + 30 <= out.length && out.readUInt32LE(local) === 0x04034b50) {
      out.writeUInt16LE(dosTime, local + 10);
      out.writeUInt16LE(dosDate, local + 12);
    }
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

/** The snapshot as an .xlsx file in memory (a Buffer in Node). */
export async function writeWorkbook(snapshot: WorkbookSnapshot, options: WriteOptions): Promise<Uint8Array> {
  const locale = options.locale;
  const when = options.timestamp ?? FIXED_TIMESTAMP;
  const book = new XlsxWriter();
  const layout = layoutOf(snapshot, locale);
  for (const p of layout.tables) {
    const spec = tableSpec(p.name as TableName);
    const t = snapshot.tables[spec.name]!;
    const ws = book.addSheet(p.sheet, DATA_TABLE_ORIGIN.row, true);
    addTable(
      ws,
      book,
      spec.name,
      { row: p.headerRow, col: p.firstCol },
      uniqueHeaders(t.headers.map((h) => headerLabel(spec, h, locale))),
      t.headers.map((h) => dataFormat(spec, h)),
      t.rows,
      DATA_STYLE,
    );
  }
  writeConfigSheet(book, snapshot, locale, layout.configTables);
  return book.build({ creator: PRODUCT, when, definedNames: layout.names });
}

/** Write the snapshot to an .xlsx file, through the one output path (safeOutput: atomic, never onto an input). */
export async function writeWorkbookFile(
  snapshot: WorkbookSnapshot,
  path: string,
  options: WriteOptions & { inputs?: readonly string[] },
): Promise<void> {
  // Loaded on demand: the pane bundles this module, and safeOutput is Node only.
  const { writeOutput, OutputError } = await import(/* webpackIgnore: true */ './safeOutput');
  const written = await writeOutput(path, await writeWorkbook(snapshot, options), { inputs: options.inputs });
  if (!written.ok) throw new OutputError(written.reason);
}
