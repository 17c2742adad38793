/**
 * A template file read into what office-js needs to rebuild it (Excel without ExcelApi
 * 1.13, and the collision check of every insertion): sheets with their cells, formulas,
 * number formats, widths, merges, validation and protection, the Excel tables, and the
 * workbook's defined names. ExcelJS is imported lazily: the pane only pays for it when a
 * template is inserted. Names come from workbook.xml directly (ExcelJS drops constants).
 */
import type ExcelJS from 'exceljs';
import { Cell } from '../core/cells';
import { DefinedName } from '../io/sheetTables';
import { XlsxParts, readWorkbookPart } from '../io/xlsxPackage';
import { ZipEntry, inspectXlsx, limitsWith } from '../io/zipGuard';
import { ZipPart, writeZip } from '../io/zipWriter';
import { a1 } from '../model/snapshot';

export interface TemplateCell {
  row: number;
  col: number;
  value: Cell;
  /** Formula as stored in the file (no '='), when the cell has one. */
  formula?: string;
}

export interface TemplateTable {
  name: string;
  /** 1-based bounds, header row included. */
  top: number;
  left: number;
  bottom: number;
  right: number;
  style?: string;
  totalsRow: boolean;
  /** Excel calculated columns: absolute column (1-based) → formula as stored (no '='), relative to the first data row. */
  calculatedColumns?: { col: number; formula: string }[];
}

export interface TemplateValidation {
  /** A1 range on the sheet. */
  range: string;
  type: 'list' | 'whole' | 'decimal' | 'date' | 'textLength';
  operator?: string;
  formulae: string[];
  allowBlank: boolean;
}

export interface TemplateSheet {
  name: string;
  lastRow: number;
  lastCol: number;
  /** Rows of cells, top to bottom (only non-empty cells). */
  cells: TemplateCell[];
  /** Number format per cell, A1 → format (only formats other than General). */
  numberFormats: Map<string, string>;
  /** Cells typed in by the user on a protected sheet. */
  unlocked: string[];
  bold: string[];
  columnWidths: { col: number; width: number }[];
  merges: string[];
  frozen?: { rows: number; cols: number };
  tables: TemplateTable[];
  validations: TemplateValidation[];
  /** How the sheet is protected (no password), or undefined when it is not. */
  protection?: Excel.WorksheetProtectionOptions;
}

export interface TemplateModel {
  sheets: TemplateSheet[];
  /** Workbook-level names (formula text without '='). */
  names: DefinedName[];
}

function plainValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Math.round(((v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000) * 1e8) / 1e8;
  const o = v as unknown as Record<string, unknown>;
  if ('richText' in o && Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('text' in o) return String(o.text ?? '');
  if ('result' in o) return plainValue(o.result as ExcelJS.CellValue);
  return null;
}

function bounds(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return undefined;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(m[2]), left: col(m[1]), bottom: Number(m[4] ?? m[2]), right: col(m[3] ?? m[1]) };
}

interface TableModel {
  name?: string;
  displayName?: string;
  tableRef?: string;
  ref?: string;
  totalsRow?: boolean;
  style?: { theme?: string };
  columns?: unknown[];
  rows?: unknown[];
}

function readTables(ws: ExcelJS.Worksheet): TemplateTable[] {
  const out: TemplateTable[] = [];
  for (const t of ws.getTables() as unknown as { table?: TableModel }[]) {
    const m = t.table;
    if (!m) continue;
    let b = bounds(m.tableRef ?? m.ref ?? '');
    if (!b) continue;
    // A table made in code knows only its top-left; its size is its columns × rows.
    if (b.top === b.bottom && b.left === b.right && m.columns?.length) {
      b = {
        ...b,
        right: b.left + m.columns.length - 1,
        bottom: b.top + Math.max(1, m.rows?.length ?? 1) + (m.totalsRow ? 1 : 0),
      };
    }
    out.push({ name: m.displayName || m.name || '', ...b, style: m.style?.theme, totalsRow: m.totalsRow === true });
  }
  return out;
}

function readValidations(ws: ExcelJS.Worksheet): TemplateValidation[] {
  const model = (ws as unknown as { dataValidations?: { model?: Record<string, Record<string, unknown>> } }).dataValidations
    ?.model;
  const out: TemplateValidation[] = [];
  for (const [range, rule] of Object.entries(model ?? {})) {
    const type = rule.type as TemplateValidation['type'];
    if (!['list', 'whole', 'decimal', 'date', 'textLength'].includes(type)) continue;
    out.push({
      range: range.replace(/^range:/, ''),
      type,
      operator: typeof rule.operator === 'string' ? rule.operator : undefined,
      formulae: ((rule.formulae as unknown[]) ?? []).map((f) => (f instanceof Date ? String(plainValue(f)) : String(f))),
      allowBlank: rule.allowBlank !== false,
    });
  }
  return out;
}

/** ExcelJS's reading of <sheetProtection> (true = allowed) as office-js protection options. */
function protectionOf(ws: ExcelJS.Worksheet): Excel.WorksheetProtectionOptions | undefined {
  const p = (ws as unknown as { sheetProtection?: Record<string, boolean | undefined> | null }).sheetProtection;
  if (!p?.sheet) return undefined;
  return {
    allowFormatCells: p.formatCells === true,
    allowFormatColumns: p.formatColumns === true,
    allowFormatRows: p.formatRows === true,
    allowInsertColumns: p.insertColumns === true,
    allowInsertRows: p.insertRows === true,
    allowInsertHyperlinks: p.insertHyperlinks === true,
    allowDeleteColumns: p.deleteColumns === true,
    allowDeleteRows: p.deleteRows === true,
    allowSort: p.sort === true,
    allowAutoFilter: p.autoFilter === true,
    allowPivotTables: p.pivotTables === true,
    allowEditObjects: p.objects !== false,
    allowEditScenarios: p.scenarios !== false,
    selectionMode: p.selectLockedCells === false ? (p.selectUnlockedCells === false ? 'None' : 'Unlocked') : 'Normal',
  };
}

function readSheet(ws: ExcelJS.Worksheet): TemplateSheet {
  const sheet: TemplateSheet = {
    name: ws.name,
    lastRow: ws.rowCount,
    lastCol: ws.columnCount,
    cells: [],
    numberFormats: new Map(),
    unlocked: [],
    bold: [],
    columnWidths: [],
    merges: [],
    tables: readTables(ws),
    validations: readValidations(ws),
    protection: protectionOf(ws),
  };
  // Array formulas spill in Excel: their cached neighbours must stay empty, or the spill is blocked.
  const spilled = new Set<string>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const address = a1(r, c);
      if (cell.type === 9 /* Merge */) return;
      const v = cell.value as unknown as Record<string, unknown> | null;
      if (v && typeof v === 'object' && v.shareType === 'array' && typeof v.ref === 'string') {
        const b = bounds(v.ref);
        if (b)
          for (let rr = b.top; rr <= b.bottom; rr++)
            for (let cc = b.left; cc <= b.right; cc++) if (rr !== r || cc !== c) spilled.add(a1(rr, cc));
      }
      if (spilled.has(address)) return;
      const formula = cell.type === 6 /* Formula */ ? cell.formula : undefined;
      const value = plainValue(cell.value);
      if (formula) sheet.cells.push({ row: r, col: c, value: null, formula });
      else if (value !== null && value !== '') sheet.cells.push({ row: r, col: c, value });
      if (cell.numFmt && cell.numFmt !== 'General') sheet.numberFormats.set(address, cell.numFmt);
      if (cell.protection?.locked === false) sheet.unlocked.push(address);
      if (cell.font?.bold) sheet.bold.push(address);
    });
  });
  ws.columns?.forEach((col, i) => {
    if (col?.width) sheet.columnWidths.push({ col: i + 1, width: col.width });
  });
  const merges = (ws as unknown as { _merges?: Record<string, { range?: string; shortRange?: string }> })._merges ?? {};
  for (const m of Object.values(merges)) {
    const ref = m.range ?? m.shortRange;
    if (ref) sheet.merges.push(ref);
  }
  const view = ws.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
  if (view?.state === 'frozen') sheet.frozen = { rows: view.ySplit ?? 0, cols: view.xSplit ?? 0 };
  return sheet;
}

const CALCULATED = /<calculatedColumnFormula\b[^>]*>([\s\S]*?)<\/calculatedColumnFormula>|<calculatedColumnFormula\b[^>]*\/>/g;

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** One table part's calculated columns by table name: column offset in the table → formula. */
function calculatedOf(xml: string): { table: string; columns: { offset: number; formula: string }[] } | undefined {
  const table = /<table\b[^>]*\sdisplayName="([^"]*)"/.exec(xml)?.[1] ?? /<table\b[^>]*\sname="([^"]*)"/.exec(xml)?.[1];
  if (table === undefined) return undefined;
  const columns: { offset: number; formula: string }[] = [];
  let offset = 0;
  for (const m of xml.matchAll(/<tableColumn\b[^>]*?(?:\/>|>([\s\S]*?)<\/tableColumn>)/g)) {
    const f = /<calculatedColumnFormula\b[^>]*>([\s\S]*?)<\/calculatedColumnFormula>/.exec(m[1] ?? '')?.[1];
    if (f) columns.push({ offset, formula: unescapeXml(f).replace(/^=/, '') });
    offset++;
  }
  return { table: unescapeXml(table), columns };
}

/**
 * ExcelJS 4 crashes on a table column holding a <calculatedColumnFormula> ("Cannot set
 * properties of undefined (setting 'filterButton')"). Every cell keeps its own formula, so
 * the host loses nothing by dropping the element: its formulas are read here, then removed.
 */
async function withoutCalculatedColumns(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  parts: XlsxParts,
): Promise<{ bytes: Uint8Array; calculated: Map<string, { offset: number; formula: string }[]> }> {
  const calculated = new Map<string, { offset: number; formula: string }[]>();
  const changed = new Map<string, string>();
  for (const e of entries) {
    if (!/^\/?xl\/tables\/[^/]+\.xml$/i.test(e.name)) continue;
    const xml = (await parts.text(e.name)) ?? '';
    if (!xml.includes('calculatedColumnFormula')) continue;
    const found = calculatedOf(xml);
    if (found?.columns.length) calculated.set(found.table.toUpperCase(), found.columns);
    changed.set(e.name, xml.replace(CALCULATED, ''));
  }
  if (!changed.size) return { bytes, calculated };
  const zipParts: ZipPart[] = entries.map((e) =>
    changed.has(e.name) ? { name: e.name, data: changed.get(e.name)! } : { name: e.name, entry: e, source: bytes },
  );
  return { bytes: await writeZip(zipParts, new Date(Date.UTC(2020, 0, 1))), calculated };
}

/** Reads a template's bytes. Throws with a short reason when the file is not a readable .xlsx. */
export async function readTemplateModel(bytes: Uint8Array): Promise<TemplateModel> {
  const check = await inspectXlsx(bytes, 'template.xlsx');
  if (!check.ok) throw new Error(check.reason.message.en);
  const parts = new XlsxParts(bytes, check.entries, 'template.xlsx', false, limitsWith({}).maxUncompressedBytes);
  const names = (await readWorkbookPart(parts)).definedNames.filter((n) => n.sheet === undefined);
  const { default: ExcelJSLib } = await import('exceljs');
  const loadable = await withoutCalculatedColumns(bytes, check.entries, parts);
  const wb = new ExcelJSLib.Workbook();
  await wb.xlsx.load(loadable.bytes.slice().buffer as ArrayBuffer);
  const sheets = wb.worksheets.map(readSheet);
  for (const t of sheets.flatMap((s) => s.tables)) {
    const columns = (loadable.calculated.get(t.name.toUpperCase()) ?? []).filter((c) => t.left + c.offset <= t.right);
    if (columns.length) t.calculatedColumns = columns.map((c) => ({ col: t.left + c.offset, formula: c.formula }));
  }
  return { sheets, names };
}
