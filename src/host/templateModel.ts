/**
 * A template file read into what office-js needs to rebuild it (Excel without ExcelApi
 * 1.13, and the collision check of every insertion): sheets with their cells, formulas,
 * number formats, widths, merges, validation and protection, the Excel tables with their
 * calculated columns, and the workbook's defined names. Read with the project's own package
 * reader (io/formulaPackage.ts): no spreadsheet library in the pane.
 */
import { Cell } from '../core/cells';
import { attributes, openXlsxPackage, StoredValue, XlsxPackage } from '../io/formulaPackage';
import { DefinedName } from '../io/sheetTables';
import { decodeXmlText } from '../io/xmlScan';
import { parseRange } from '../io/xlsxSheet';
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
  type: 'list' | 'whole' | 'decimal' | 'date' | 'textLength' | 'custom';
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

const BUILT_IN_FORMATS: Record<number, string> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  14: 'm/d/yyyy',
  49: '@',
};

interface CellFormat {
  numFmt?: string;
  bold: boolean;
  locked: boolean;
}

/** styles.xml's cell formats (s="…"): number format, bold font, locked. */
function cellFormats(xml: string): CellFormat[] {
  const codes = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)\/?>/g)) {
    const a = attributes(m[1]);
    codes.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const fontsXml = /<(?:\w+:)?fonts\b[^>]*>([\s\S]*?)<\/(?:\w+:)?fonts>/.exec(xml)?.[1] ?? '';
  const bold = [...fontsXml.matchAll(/<(?:\w+:)?font\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?font>)/g)].map((m) =>
    /<(?:\w+:)?b(?:\s+val="(?:1|true)")?\s*\/>/.test(m[1] ?? ''),
  );
  const xfsXml = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfsXml.matchAll(/<(?:\w+:)?xf\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?xf>)/g)].map((m) => {
    const a = attributes(m[1]);
    const id = Number(a.numFmtId ?? 0);
    const protection = /<(?:\w+:)?protection\b([^>]*)\/?>/.exec(m[2] ?? '');
    const locked = protection ? attributes(protection[1]).locked !== '0' : true;
    return {
      numFmt: id ? (codes.get(id) ?? BUILT_IN_FORMATS[id]) : undefined,
      bold: bold[Number(a.fontId ?? 0)] ?? false,
      locked,
    };
  });
}

function plainValue(v: StoredValue): Cell {
  if (v === null || typeof v === 'object') return null;
  return v;
}

/** `<sheetProtection>` (each attribute: 1 = protected, ECMA defaults) as office-js protection options. */
function protectionOf(xml: string): Excel.WorksheetProtectionOptions | undefined {
  const m = /<(?:\w+:)?sheetProtection\b([^>]*)\/?>/.exec(xml);
  if (!m) return undefined;
  const a = attributes(m[1]);
  if (a.sheet !== '1' && a.sheet !== 'true') return undefined;
  // Attributes that default to protected (1) allow the action only when written as 0.
  const allowed = (k: string) => a[k] === '0' || a[k] === 'false';
  return {
    allowFormatCells: allowed('formatCells'),
    allowFormatColumns: allowed('formatColumns'),
    allowFormatRows: allowed('formatRows'),
    allowInsertColumns: allowed('insertColumns'),
    allowInsertRows: allowed('insertRows'),
    allowInsertHyperlinks: allowed('insertHyperlinks'),
    allowDeleteColumns: allowed('deleteColumns'),
    allowDeleteRows: allowed('deleteRows'),
    allowSort: allowed('sort'),
    allowAutoFilter: allowed('autoFilter'),
    allowPivotTables: allowed('pivotTables'),
    allowEditObjects: a.objects !== '1',
    allowEditScenarios: a.scenarios !== '1',
    selectionMode: a.selectLockedCells === '1' ? (a.selectUnlockedCells === '1' ? 'None' : 'Unlocked') : 'Normal',
  };
}

function validationsOf(xml: string): TemplateValidation[] {
  const out: TemplateValidation[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?dataValidation\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?dataValidation>/g)) {
    const a = attributes(m[1]);
    const type = (a.type ?? 'none') as TemplateValidation['type'];
    if (!['list', 'whole', 'decimal', 'date', 'textLength', 'custom'].includes(type)) continue;
    const formulae = [...m[2].matchAll(/<(?:\w+:)?formula\d>([\s\S]*?)<\/(?:\w+:)?formula\d>/g)].map((f) => decodeXmlText(f[1]));
    out.push({ range: a.sqref ?? '', type, operator: a.operator, formulae, allowBlank: a.allowBlank === '1' });
  }
  return out;
}

/** A table part's style and calculated columns (column offset → stored formula). */
function tableExtras(xml: string): { style?: string; calculated: { offset: number; formula: string }[] } {
  const calculated: { offset: number; formula: string }[] = [];
  let offset = 0;
  for (const m of xml.matchAll(/<(?:\w+:)?tableColumn\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?tableColumn>)/g)) {
    const f = /<(?:\w+:)?calculatedColumnFormula\b[^>]*>([\s\S]*?)<\/(?:\w+:)?calculatedColumnFormula>/.exec(m[1] ?? '')?.[1];
    if (f) calculated.push({ offset, formula: decodeXmlText(f).replace(/^=/, '') });
    offset++;
  }
  const style = /<(?:\w+:)?tableStyleInfo\b([^>]*)\/?>/.exec(xml);
  return { style: style ? attributes(style[1]).name : undefined, calculated };
}

async function readSheet(pkg: XlsxPackage, index: number, formats: CellFormat[]): Promise<TemplateSheet> {
  const info = pkg.sheets[index];
  const xml = (info.part && (await pkg.text(info.part))) || '';
  const cells = await pkg.cells(info);
  const sheet: TemplateSheet = {
    name: info.name,
    lastRow: 0,
    lastCol: 0,
    cells: [],
    numberFormats: new Map(),
    unlocked: [],
    bold: [],
    columnWidths: [],
    merges: [],
    tables: [],
    validations: validationsOf(xml),
    protection: protectionOf(xml),
  };
  // Array formulas spill in Excel: their cached neighbours must stay empty, or the spill is blocked.
  const spilled = new Set<string>();
  for (const c of cells) {
    const ref = c.formula?.type === 'array' && c.formula.ref ? parseRange(c.formula.ref) : undefined;
    if (ref)
      for (let r = ref.top; r <= ref.bottom; r++)
        for (let k = ref.left; k <= ref.right; k++) if (r !== c.row || k !== c.col) spilled.add(a1(r, k));
  }
  for (const c of cells) {
    const address = a1(c.row, c.col);
    sheet.lastRow = Math.max(sheet.lastRow, c.row);
    sheet.lastCol = Math.max(sheet.lastCol, c.col);
    if (spilled.has(address)) continue;
    const format = c.style !== undefined ? formats[Number(c.style)] : undefined;
    if (c.formula?.text) sheet.cells.push({ row: c.row, col: c.col, value: null, formula: c.formula.text });
    else {
      const value = plainValue(c.value);
      if (value !== null && value !== '') sheet.cells.push({ row: c.row, col: c.col, value });
    }
    if (format?.numFmt && format.numFmt !== 'General') sheet.numberFormats.set(address, format.numFmt);
    if (format && !format.locked) sheet.unlocked.push(address);
    if (format?.bold) sheet.bold.push(address);
  }
  for (const m of xml.matchAll(/<(?:\w+:)?col\b([^>]*)\/?>/g)) {
    const a = attributes(m[1]);
    if (!a.width) continue;
    for (let k = Number(a.min); k <= Number(a.max) && k - Number(a.min) < 100; k++)
      sheet.columnWidths.push({ col: k, width: Number(a.width) });
  }
  for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b([^>]*)\/?>/g)) {
    const ref = attributes(m[1]).ref;
    if (ref) sheet.merges.push(ref);
  }
  const pane = /<(?:\w+:)?pane\b([^>]*)\/?>/.exec(xml);
  if (pane && attributes(pane[1]).state === 'frozen')
    sheet.frozen = { rows: Number(attributes(pane[1]).ySplit ?? 0), cols: Number(attributes(pane[1]).xSplit ?? 0) };
  // Tables, with their style and calculated columns from the table parts.
  const tables = await pkg.tables(info);
  const relsPart = info.part ? info.part.replace(/([^/]+)$/, '_rels/$1.rels') : '';
  const rels = (await pkg.text(relsPart)) ?? '';
  const partXml: string[] = [];
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const a = attributes(m[1]);
    if (!/\/table$/.test(a.Type ?? '')) continue;
    const target = (a.Target ?? '').startsWith('/') ? a.Target!.slice(1) : `xl/tables/${(a.Target ?? '').split('/').pop()}`;
    partXml.push((await pkg.text(target)) ?? '');
  }
  for (const t of tables) {
    const xmlOf = partXml.find((x) => new RegExp(`displayName="${t.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(x)) ?? '';
    const extras = tableExtras(xmlOf);
    sheet.tables.push({
      name: t.name,
      top: t.top,
      left: t.left,
      bottom: t.bottom,
      right: t.right,
      ...(extras.style ? { style: extras.style } : {}),
      totalsRow: t.totalsRows > 0,
      ...(extras.calculated.length
        ? {
            calculatedColumns: extras.calculated
              .filter((c) => t.left + c.offset <= t.right)
              .map((c) => ({ col: t.left + c.offset, formula: c.formula })),
          }
        : {}),
    });
    sheet.lastRow = Math.max(sheet.lastRow, t.bottom);
    sheet.lastCol = Math.max(sheet.lastCol, t.right);
  }
  return sheet;
}

/** Reads a template's bytes. Throws with a short reason when the file is not a readable .xlsx. */
export async function readTemplateModel(bytes: Uint8Array): Promise<TemplateModel> {
  const opened = await openXlsxPackage(bytes, 'template.xlsx');
  if (!opened.ok) throw new Error(opened.reason.message.en);
  const pkg = opened.pkg;
  const stylesXml = (await pkg.text('xl/styles.xml')) ?? '';
  const formats = cellFormats(stylesXml);
  const sheets: TemplateSheet[] = [];
  for (let i = 0; i < pkg.sheets.length; i++) if (pkg.sheets[i].part) sheets.push(await readSheet(pkg, i, formats));
  const names: DefinedName[] = pkg.names.filter((n) => n.sheet === undefined).map((n) => ({ name: n.name, text: n.text }));
  return { sheets, names };
}
