/**
 * A template workbook under construction: sheets, Excel tables, formula and input cells,
 * defined names, protection and print setup, written the same way for every template.
 * It remembers every formula cell (for the template lint) and finishes the file
 * byte-stably (fixed timestamps, dynamic-array metadata for spilled report formulas).
 */
import { EXCEL_FORMAT } from '../core/format';
import ExcelJS from 'exceljs';
import { Cell } from '../core/cells';
import { Locale, Message } from '../core/i18n';
import { DefinedName, FIXED_TIMESTAMP, sheetRef, stampZipEntries } from '../io/writeWorkbook';
import { a1 } from '../model/snapshot';
import { PRODUCT } from '../version';
import { CalculatedColumns, withCalculatedColumns } from './calculatedColumns';
import { withDynamicArrays } from './dynamicArrays';
import { toStoredFormula as storedFormula, toTypedFormula } from '../engine/formulaLanguage';

const readableFormula = (stored: string) => toTypedFormula(stored).slice(1);

/** One formula cell of a built template, in readable form (CRM3.X, no leading '='). */
export interface TemplateFormula {
  sheet: string;
  cell: string;
  formula: string;
  /** Table name when the cell is inside an Excel table's data body. */
  inTable?: string;
}

/** Number formats of template cells: the project's one table of them. */
export const FORMAT = EXCEL_FORMAT;

export const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } };
const TITLE_FONT: Partial<ExcelJS.Font> = { bold: true, size: 14, color: { argb: 'FF1F4E78' } };

/**
 * Blank rows of an empty template table. Excel needs one; two keep every column name a
 * real range: HyperFormula hands a 1×1 range to a CRM3 function as a single value, and a
 * blank single value reads as an omitted argument ("a period needs closeDate"), so the
 * empty template would show #VALUE! in the engine where Excel shows no data.
 */
export const EMPTY_TABLE_ROWS = 2;

/** Rows a table body has for this many data rows. */
export function bodyRows(dataRows: number): number {
  return dataRows > 0 ? dataRows : EMPTY_TABLE_ROWS;
}

/** A column of a template table: input (unlocked) or computed by a per-row formula (locked). */
export interface TemplateColumn {
  /** Canonical name (the defined name is <Prefix>_<key>). */
  key: string;
  label: string;
  format?: string;
  /** Per-row formula for computed columns, given the row number (A1 references into the row itself). */
  formula?: (row: number) => string;
  validation?: ExcelJS.DataValidation;
  /** Minimum width in characters. */
  width?: number;
}

export interface PlacedColumn {
  key: string;
  /** The table holding the column and its header as stored (for structured references). */
  table?: string;
  label?: string;
  col: number;
  firstRow: number;
  lastRow: number;
}

/** Display width of a value in Excel's character units (CJK counts double). */
export function textWidth(v: unknown): number {
  if (v === null || v === undefined) return 0;
  const s = typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v);
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Characters that make Excel wrap a column name in a second pair of brackets (Table[[Total $]]). */
const OUTER_BRACKETS = /[\s,:.[\]#'"{}$^&*+=\-<>/]/;

function needsOuterBrackets(column: string): boolean {
  return OUTER_BRACKETS.test(column);
}

/** A column name inside a structured reference: Excel escapes [ ] # ' with a leading '. */
export function tableColumnRef(column: string): string {
  return column.replace(/[[\]#']/g, "'$&");
}

function absolute(row: number, col: number): string {
  return a1(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
}

/** A list validation of fixed values (localized), shown as a drop-down with a hint. */
export function listValidation(values: readonly string[], prompt?: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'warning',
    ...(prompt ? { showInputMessage: true, prompt } : {}),
  };
}

/** A list validation reading its values from a defined name (e.g. Stages_Stage). */
export function nameListValidation(name: string, prompt?: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [name],
    showErrorMessage: true,
    errorStyle: 'warning',
    ...(prompt ? { showInputMessage: true, prompt } : {}),
  };
}

export class TemplateBook {
  readonly wb = new ExcelJS.Workbook();
  readonly formulas: TemplateFormula[] = [];
  readonly names: DefinedName[] = [];
  private readonly taken = new Set<string>();
  /** Per-row computed columns of each table, marked as Excel calculated columns when finished. */
  private readonly calculated: CalculatedColumns = new Map();
  /** Sheets that get protected when the book is finished. */
  private readonly protectedSheets = new Set<ExcelJS.Worksheet>();

  constructor(
    readonly locale: Locale,
    private readonly options: { calculatedColumns?: boolean } = {},
  ) {
    this.wb.creator = PRODUCT;
    this.wb.lastModifiedBy = PRODUCT;
    this.wb.created = FIXED_TIMESTAMP;
    this.wb.modified = FIXED_TIMESTAMP;
    this.wb.calcProperties.fullCalcOnLoad = true;
  }

  get zh(): boolean {
    return this.locale === 'zh-CN';
  }

  t(m: Message): string {
    return this.zh ? m.zh : m.en;
  }

  /** A new sheet with frozen header rows, landscape fit-to-width printing and gridlines. */
  sheet(name: string, frozenRows = 1, options: { protect?: boolean; tab?: string } = {}): ExcelJS.Worksheet {
    const ws = this.wb.addWorksheet(name, {
      views: frozenRows > 0 ? [{ state: 'frozen', ySplit: frozenRows }] : [{}],
      properties: options.tab ? { tabColor: { argb: options.tab } } : undefined,
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
        ...(frozenRows > 0 ? { printTitlesRow: `1:${frozenRows}` } : {}),
      },
      headerFooter: { oddFooter: `&L${name}&R&P / &N` },
    });
    if (options.protect !== false) this.protectedSheets.add(ws);
    return ws;
  }

  /** The printed range of a sheet (ExcelJS adds the column '$' itself, the row '$' must come with it). */
  printArea(ws: ExcelJS.Worksheet, range: string): void {
    ws.pageSetup.printArea = range.replace(/([A-Z]+)(\d+)/g, '$1$$$2');
  }

  /** Defines a workbook-level name once (first definition wins, as in writeWorkbook). */
  define(name: string, ref: string): void {
    if (this.taken.has(name.toUpperCase())) return;
    this.taken.add(name.toUpperCase());
    this.names.push({ name, ref });
  }

  /** Defines a name over a column range of a sheet. */
  defineColumn(name: string, ws: ExcelJS.Worksheet, col: number, firstRow: number, lastRow: number): void {
    this.define(name, `${sheetRef(ws.name)}!${absolute(firstRow, col)}:${absolute(lastRow, col)}`);
  }

  /**
   * Defines a name over a table column as a structured reference (`Accounts[AccountId]`), so
   * it grows with the table when a planner adds rows or pastes an export (DESIGN §3).
   * `to` makes it a column range (`Accounts[[C1]:[C7]]`, the criteria block).
   */
  defineTableColumn(name: string, column: PlacedColumn, to?: PlacedColumn): void {
    if (!column.table || column.label === undefined) throw new Error(`${column.key} is not a table column`);
    const first = tableColumnRef(column.label);
    const ref = to ? `[${first}]:[${tableColumnRef(to.label ?? '')}]` : needsOuterBrackets(column.label) ? `[${first}]` : first;
    this.define(name, `${column.table}[${ref}]`);
  }

  /** Defines a name over the cells an anchor's formula spills into (`Sheet!$T$5#`): it sizes itself with the data. */
  defineSpill(name: string, ws: ExcelJS.Worksheet, cell: string): void {
    const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
    this.define(name, `${sheetRef(ws.name)}!$${m[1]}$${m[2]}#`);
  }

  defineCell(name: string, ws: ExcelJS.Worksheet, cell: string): void {
    const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
    this.define(name, `${sheetRef(ws.name)}!$${m[1]}$${m[2]}`);
  }

  /** A formula cell (locked). `spill` stores it as a dynamic array anchored at the cell. */
  formula(
    ws: ExcelJS.Worksheet,
    cell: string,
    readable: string,
    options: { format?: string; spill?: boolean; inTable?: string } = {},
  ) {
    const c = ws.getCell(cell);
    const formula = storedFormula(readable);
    c.value = options.spill
      ? ({ formula, result: '', shareType: 'array', ref: cell } as unknown as ExcelJS.CellFormulaValue)
      : ({ formula, result: '' } as ExcelJS.CellFormulaValue);
    if (options.format) c.numFmt = options.format;
    c.protection = { locked: true };
    this.formulas.push({
      sheet: ws.name,
      cell,
      formula: readableFormula(formula),
      ...(options.inTable ? { inTable: options.inTable } : {}),
    });
    return c;
  }

  /** An input cell: unlocked, input fill, optional format and validation. */
  input(
    ws: ExcelJS.Worksheet,
    cell: string,
    value: Cell,
    options: { format?: string; validation?: ExcelJS.DataValidation } = {},
  ) {
    const c = ws.getCell(cell);
    c.value = value as ExcelJS.CellValue;
    c.protection = { locked: false };
    c.fill = INPUT_FILL;
    c.border = thinBorder;
    if (options.format) c.numFmt = options.format;
    if (options.validation) c.dataValidation = options.validation;
    return c;
  }

  /** A static label. */
  label(ws: ExcelJS.Worksheet, cell: string, text: string, style: 'title' | 'heading' | 'header' | 'note' | 'plain' = 'plain') {
    const c = ws.getCell(cell);
    c.value = text;
    if (style === 'title') c.font = TITLE_FONT;
    if (style === 'heading') c.font = { bold: true, size: 12, color: { argb: 'FF1F4E78' } };
    if (style === 'header') {
      c.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      c.fill = HEADER_FILL;
      c.alignment = { vertical: 'middle', wrapText: true };
    }
    if (style === 'note') c.font = { italic: true, color: { argb: 'FF595959' } };
    return c;
  }

  /**
   * An Excel table of template columns at `origin` (header row), filled with `rows`
   * (EMPTY_TABLE_ROWS blank rows when empty). Input columns are unlocked; computed
   * columns get their per-row formula. Returns where each column's data is.
   */
  table(
    ws: ExcelJS.Worksheet,
    name: string,
    origin: { row: number; col: number },
    columns: readonly TemplateColumn[],
    rows: readonly (readonly Cell[])[],
    style: ExcelJS.TableStyleProperties = { theme: 'TableStyleMedium2', showRowStripes: true },
  ): PlacedColumn[] {
    const n = bodyRows(rows.length);
    const firstRow = origin.row + 1;
    const values: ExcelJS.CellValue[][] = [];
    for (let i = 0; i < n; i++) {
      const src = rows[i] ?? [];
      values.push(
        columns.map((col, j) => {
          if (col.formula) return { formula: storedFormula(col.formula(firstRow + i)), result: '' } as ExcelJS.CellFormulaValue;
          const v = src[j];
          return v === undefined ? null : (v as ExcelJS.CellValue);
        }),
      );
    }
    ws.addTable({
      name,
      ref: a1(origin.row, origin.col),
      headerRow: true,
      totalsRow: false,
      style,
      columns: columns.map((c) => ({ name: c.label, filterButton: true })),
      rows: values,
    });
    const calculated = new Map<string, string>();
    for (const col of columns) if (col.formula) calculated.set(col.label, storedFormula(col.formula(firstRow)));
    if (calculated.size) this.calculated.set(name, calculated);
    columns.forEach((col, j) => {
      const colNo = origin.col + j;
      let width = Math.max(col.width ?? 0, textWidth(col.label) + 3, 8);
      for (let i = 0; i < Math.min(n, 500); i++) width = Math.max(width, textWidth(rows[i]?.[j]) + 2);
      if (col.format === FORMAT.amount) width = Math.max(width, 12);
      if (col.format === FORMAT.date) width = Math.max(width, 11);
      ws.getColumn(colNo).width = Math.min(width, 40);
      // Header styled on the cells too: LibreOffice (and PDFs made with it) ignores Excel table styles.
      const header = ws.getCell(origin.row, colNo);
      header.alignment = { wrapText: false, vertical: 'middle' };
      header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      header.fill = HEADER_FILL;
      for (let i = 0; i < n; i++) {
        const r = firstRow + i;
        const cell = ws.getCell(r, colNo);
        if (col.format) cell.numFmt = col.format;
        if (col.formula) {
          cell.protection = { locked: true };
          this.formulas.push({
            sheet: ws.name,
            cell: a1(r, colNo),
            formula: readableFormula(storedFormula(col.formula(r))),
            inTable: name,
          });
        } else {
          cell.protection = { locked: false };
          if (col.validation) cell.dataValidation = col.validation;
          // Text that looks like a formula stays text (CSV-injection rule of writeWorkbook).
          const v = rows[i]?.[j];
          if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) cell.numFmt = '@';
        }
      }
    });
    return columns.map((c, j) => ({
      key: c.key,
      table: name,
      label: c.label,
      col: origin.col + j,
      firstRow,
      lastRow: firstRow + n - 1,
    }));
  }

  /** The finished .xlsx: names, protection, dynamic arrays, fixed timestamps. */
  async finish(): Promise<Buffer> {
    for (const ws of this.protectedSheets) {
      await ws.protect('', {
        selectLockedCells: true,
        selectUnlockedCells: true,
        formatCells: true,
        formatColumns: true,
        formatRows: true,
        sort: true,
        autoFilter: true,
      });
    }
    const model = this.names.map((n) => ({ name: n.name, ranges: [n.ref] }));
    Object.defineProperty(this.wb.definedNames, 'model', { get: () => model, configurable: true });
    const written = Buffer.from(await this.wb.xlsx.writeBuffer());
    const dynamic = await withDynamicArrays(written);
    const marked = this.options.calculatedColumns ? await withCalculatedColumns(dynamic, this.calculated) : dynamic;
    return stampZipEntries(marked, FIXED_TIMESTAMP);
  }
}

export const thinBorder: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};
