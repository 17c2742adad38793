/**
 * WorkbookSnapshot → .xlsx (ExcelJS). Each table becomes an Excel table on its own sheet
 * (sheet and headers in the locale's language, table named by its canonical English name),
 * the Config sheet holds the settings block and the methodology tables, and every column
 * and setting gets the workbook-level defined name that CRM3 formulas use (DESIGN.md §3).
 *
 * Output is byte-stable: fixed document dates and fixed zip entry times, so rebuilding a
 * sample or template changes nothing unless its content changed.
 */
import { promises as fs } from 'fs';
import ExcelJS from 'exceljs';
import { Cell } from '../calc/cells';
import { Locale } from '../calc/messages';
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

/** Longest text Excel keeps in a cell. */
const MAX_TEXT = 32_767;
/** Text a spreadsheet could take for a formula when it is edited or exported (OWASP CSV injection). */
const FORMULA_LIKE = /^[=+\-@\t\r]/;
const MAX_WIDTH_SAMPLE = 1000;

const DATA_STYLE: ExcelJS.TableStyleProperties = { theme: 'TableStyleMedium2', showRowStripes: true };
const CONFIG_STYLE: ExcelJS.TableStyleProperties = { theme: 'TableStyleLight9', showRowStripes: true };

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

/** A cell value ExcelJS writes as a plain value (never a formula); non-finite numbers become blank. */
function excelValue(c: Cell | undefined): ExcelJS.CellValue {
  if (c === null || c === undefined) return null;
  if (typeof c === 'number') return Number.isFinite(c) ? (Object.is(c, -0) ? 0 : c) : null;
  if (typeof c === 'string') return c.length > MAX_TEXT ? c.slice(0, MAX_TEXT) : c;
  return c;
}

/** Display width of a value in Excel's character units (CJK counts double). */
function displayWidth(v: ExcelJS.CellValue, format: string | undefined): number {
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

function widthOf(header: string, values: ExcelJS.CellValue[], format: string | undefined): number {
  let w = displayWidth(header, undefined) + 3; // room for the filter button
  const n = Math.min(values.length, MAX_WIDTH_SAMPLE);
  for (let i = 0; i < n; i++) w = Math.max(w, displayWidth(values[i], format) + 2);
  return Math.min(50, Math.max(8, w));
}

/** Keep formula-like text as text: Text number format, so editing the cell cannot turn it into a formula either. */
function neutraliseFormulaText(ws: ExcelJS.Worksheet, row: number, col: number, v: ExcelJS.CellValue): void {
  if (typeof v === 'string' && FORMULA_LIKE.test(v)) ws.getCell(row, col).numFmt = '@';
}

interface PlacedTable {
  sheet: string;
  name: string;
  headerRow: number;
  firstCol: number;
  canonical: string[];
  rows: number;
}

function addTable(
  ws: ExcelJS.Worksheet,
  name: string,
  origin: { row: number; col: number },
  labels: string[],
  formats: (string | undefined)[],
  data: TableData['rows'],
  style: ExcelJS.TableStyleProperties,
): number {
  const width = labels.length;
  const rows = data.map((r) => Array.from({ length: width }, (_, j) => excelValue(r[j])));
  // An Excel table needs at least one data row.
  if (rows.length === 0) rows.push(Array<ExcelJS.CellValue>(width).fill(null));
  labels.forEach((label, j) => {
    const column = ws.getColumn(origin.col + j);
    column.width = widthOf(
      label,
      rows.map((r) => r[j]),
      formats[j],
    );
    if (formats[j]) column.numFmt = formats[j]!;
  });
  ws.addTable({
    name,
    ref: a1(origin.row, origin.col),
    headerRow: true,
    totalsRow: false,
    style,
    columns: labels.map((label) => ({ name: label, filterButton: true })),
    rows,
  });
  rows.forEach((r, i) => r.forEach((v, j) => neutraliseFormulaText(ws, origin.row + 1 + i, origin.col + j, v)));
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

function writeConfigSheet(wb: ExcelJS.Workbook, snapshot: WorkbookSnapshot, locale: Locale, placed: PlacedTable[]): void {
  const zh = locale === 'zh-CN';
  const ws = wb.addWorksheet(configSheetName(locale), { views: [{ state: 'frozen', ySplit: SETTINGS_BLOCK.headerRow }] });
  const bold = { bold: true };
  const inputFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };

  // Settings: Name | Value | Description; each value cell is the defined name of the setting.
  ws.getCell(SETTINGS_BLOCK.titleRow, SETTINGS_BLOCK.nameCol).value = zh ? '设置' : 'Settings';
  ws.getCell(SETTINGS_BLOCK.titleRow, SETTINGS_BLOCK.nameCol).font = { bold: true, size: 13 };
  const heads = zh ? ['名称', '值', '说明'] : ['Name', 'Value', 'Description'];
  [SETTINGS_BLOCK.nameCol, SETTINGS_BLOCK.valueCol, SETTINGS_BLOCK.descriptionCol].forEach((col, i) => {
    const cell = ws.getCell(SETTINGS_BLOCK.headerRow, col);
    cell.value = heads[i];
    cell.font = bold;
  });
  for (const s of SETTINGS) {
    const row = settingRow(s.name);
    const value = excelValue(s.name in snapshot.settings ? snapshot.settings[s.name] : (s.fallback ?? null));
    ws.getCell(row, SETTINGS_BLOCK.nameCol).value = s.name;
    const cell = ws.getCell(row, SETTINGS_BLOCK.valueCol);
    cell.value = value;
    cell.fill = inputFill;
    const format = settingFormat(s);
    if (format && typeof value === 'number') cell.numFmt = format;
    neutraliseFormulaText(ws, row, SETTINGS_BLOCK.valueCol, value);
    const description = zh ? `${s.zh}：${s.description.zh}` : s.description.en;
    ws.getCell(row, SETTINGS_BLOCK.descriptionCol).value = description;
  }
  ws.getColumn(SETTINGS_BLOCK.nameCol).width = 26;
  ws.getColumn(SETTINGS_BLOCK.valueCol).width = 14;
  ws.getColumn(SETTINGS_BLOCK.descriptionCol).width = zh ? 44 : 56;

  for (const p of placed) {
    const spec = CONFIG_TABLES.find((t) => t.name === p.name)!;
    const t = snapshot.config[p.name as ConfigTableName]!;
    const title = ws.getCell(CONFIG_TABLE_TITLE_ROW, p.firstCol);
    title.value = zh ? spec.zh : spec.name;
    title.font = { bold: true, size: 13 };
    const labels = uniqueHeaders(t.headers.map((h) => headerLabel(spec, h, locale)));
    addTable(
      ws,
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
  const year = Math.min(2107, Math.max(1980, when.getUTCFullYear()));
  const dosDate = ((year - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate();
  const dosTime = (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | Math.floor(when.getUTCSeconds() / 2);
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

/** The snapshot as an .xlsx file in memory. */
export async function writeWorkbook(snapshot: WorkbookSnapshot, options: WriteOptions): Promise<Buffer> {
  const locale = options.locale;
  const when = options.timestamp ?? FIXED_TIMESTAMP;
  const wb = new ExcelJS.Workbook();
  wb.creator = PRODUCT;
  wb.lastModifiedBy = PRODUCT;
  wb.created = when;
  wb.modified = when;

  const layout = layoutOf(snapshot, locale);
  for (const p of layout.tables) {
    const spec = tableSpec(p.name as TableName);
    const t = snapshot.tables[spec.name]!;
    const ws = wb.addWorksheet(p.sheet, { views: [{ state: 'frozen', ySplit: DATA_TABLE_ORIGIN.row }] });
    addTable(
      ws,
      spec.name,
      { row: p.headerRow, col: p.firstCol },
      uniqueHeaders(t.headers.map((h) => headerLabel(spec, h, locale))),
      t.headers.map((h) => dataFormat(spec, h)),
      t.rows,
      DATA_STYLE,
    );
  }
  writeConfigSheet(wb, snapshot, locale, layout.configTables);

  // ExcelJS keeps defined names cell by cell (a range of 50,000 rows is 50,000 objects);
  // hand it the finished ranges instead, which is what it serialises anyway.
  const model = layout.names.map((n) => ({ name: n.name, ranges: [n.ref] }));
  Object.defineProperty(wb.definedNames, 'model', { get: () => model, configurable: true });

  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return stampZipEntries(buffer, when);
}

/** Write the snapshot to an .xlsx file. */
export async function writeWorkbookFile(snapshot: WorkbookSnapshot, path: string, options: WriteOptions): Promise<void> {
  await fs.writeFile(path, await writeWorkbook(snapshot, options));
}
