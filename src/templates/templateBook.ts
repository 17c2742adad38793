/**
 * A template workbook under construction: sheets, Excel tables with calculated columns,
 * formula and input cells, defined names, protection and print setup, written the same way
 * for every template by the project's own writer (io/styledWorkbook.ts). Formulas are given
 * typed (`CRM3.SCORE(`, `[@Score]`, `Sheet!$T$5#`) and stored through the formula language.
 * It remembers every formula cell (for the template lint); output is byte-stable.
 */
import { EXCEL_FORMAT } from '../core/format';
import { Cell } from '../core/cells';
import { Locale, Message } from '../core/i18n';
import { needsDynamicArray, quoteSheet, toStoredFormula, toTypedFormula } from '../engine/formulaLanguage';
import {
  AddinReference,
  AlignmentStyle,
  BorderStyle,
  CellModel,
  DataValidation,
  DefinedNameModel,
  FillStyle,
  FontStyle,
  SheetModel,
  writeStyledWorkbook,
} from '../io/styledWorkbook';
import { FIXED_TIMESTAMP } from '../io/writeWorkbook';
import { a1 } from '../model/snapshot';
import { PRODUCT } from '../version';

export type { DataValidation, SheetModel };

const readableFormula = (stored: string) => toTypedFormula(stored).slice(1);

/** A name as the template defines it (typed reference, stored when the file is written). */
interface TemplateName {
  name: string;
  ref: string;
}

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

export const INPUT_FILL: FillStyle = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const HEADER_FILL: FillStyle = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } };
const TITLE_FONT: FontStyle = { bold: true, size: 14, color: { argb: 'FF1F4E78' } };

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

/** Fill of computed (calculated) columns: they read as "not for typing" next to the input columns. */
const COMPUTED_FILL: FillStyle = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };

/** A column of a template table: an input, or computed by a per-row formula (an Excel calculated column). */
export interface TemplateColumn {
  /** Canonical name (the defined name is <Prefix>_<key>). */
  key: string;
  label: string;
  format?: string;
  /** Per-row formula, typed, over the row's own cells as structured references (`[@[Score]]`, `[@[C1]:[C7]]`). */
  formula?: string;
  validation?: DataValidation;
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

/** The row's own cell of a column, typed: `[@[Score]]`. */
export function thisRow(label: string): string {
  return `[@[${tableColumnRef(label)}]]`;
}

/** The row's own cells from one column to another, typed: `[@[C1]:[C7]]`. */
export function thisRowBlock(first: string, last: string): string {
  return first === last ? thisRow(first) : `[@[${tableColumnRef(first)}]:[${tableColumnRef(last)}]]`;
}

function absolute(row: number, col: number): string {
  return a1(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
}

/** A list validation of fixed values (localized), shown as a drop-down with a hint. */
export function listValidation(values: readonly string[], prompt?: string): DataValidation {
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
export function nameListValidation(name: string, prompt?: string): DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [name],
    showErrorMessage: true,
    errorStyle: 'warning',
    ...(prompt ? { showInputMessage: true, prompt } : {}),
  };
}

/** What a template sheet is for: its print setup, frozen rows and whether it is protected. */
export interface SheetOptions {
  /**
   * Protect the sheet (no password), formula cells locked, inputs unlocked. Ignored on a
   * sheet holding an Excel table: Excel refuses to sort a range with locked cells on a
   * protected sheet and a table there cannot grow, so table sheets stay open (their
   * computed columns are guarded by calculated columns and a validation instead).
   */
  protect?: boolean;
  tab?: string;
}

/** The stop a computed cell puts up when someone types over it (a custom validation: the cell must keep a formula). */
function computedGuard(topLeft: string, zh: boolean): DataValidation {
  return {
    type: 'custom',
    allowBlank: false,
    formulae: [`_xlfn.ISFORMULA(${topLeft})`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: zh ? '自动计算列' : 'Computed column',
    error: zh
      ? '此列由 CRM3 公式自动计算，请在白色的输入列中填写数据。如确需改写，请先删除此列的数据验证。'
      : 'This column is computed by a CRM3 formula. Type in the input columns instead. To overwrite it anyway, remove its data validation first.',
  };
}

export class TemplateBook {
  readonly sheets: SheetModel[] = [];
  readonly formulas: TemplateFormula[] = [];
  readonly names: TemplateName[] = [];
  private readonly taken = new Set<string>();
  /** Sheets that get protected when the book is finished. */
  private readonly protectedSheets = new Set<SheetModel>();

  constructor(
    readonly locale: Locale,
    private readonly options: { addin?: AddinReference } = {},
  ) {}

  get zh(): boolean {
    return this.locale === 'zh-CN';
  }

  t(m: Message): string {
    return this.zh ? m.zh : m.en;
  }

  /** A new sheet with frozen header rows, landscape fit-to-width printing (A4) and a page footer. */
  sheet(name: string, frozenRows = 1, options: SheetOptions = {}): SheetModel {
    const ws = new SheetModel(name);
    ws.frozenRows = frozenRows;
    if (options.tab) ws.tabColor = options.tab;
    ws.pageSetup = {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      ...(frozenRows > 0 ? { printTitlesRow: `1:${frozenRows}` } : {}),
    };
    ws.footer = `&L${name}&R&P / &N`;
    this.sheets.push(ws);
    if (options.protect !== false) this.protectedSheets.add(ws);
    return ws;
  }

  /** The printed range of a sheet (`A1:I19`). */
  printArea(ws: SheetModel, range: string): void {
    ws.pageSetup.printArea = range;
  }

  /** Defines a workbook-level name once (first definition wins), typed (`Sheet!$T$5#` allowed). */
  define(name: string, ref: string): void {
    if (this.taken.has(name.toUpperCase())) return;
    this.taken.add(name.toUpperCase());
    this.names.push({ name, ref });
  }

  /** Defines a name over a column range of a sheet. */
  defineColumn(name: string, ws: SheetModel, col: number, firstRow: number, lastRow: number): void {
    this.define(name, `${quoteSheet(ws.name)}!${absolute(firstRow, col)}:${absolute(lastRow, col)}`);
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

  /** Defines a name over the cells an anchor's formula spills into (typed `Sheet!$T$5#`): it sizes itself with the data. */
  defineSpill(name: string, ws: SheetModel, cell: string): void {
    const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
    this.define(name, `${quoteSheet(ws.name)}!$${m[1]}$${m[2]}#`);
  }

  defineCell(name: string, ws: SheetModel, cell: string): void {
    const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
    this.define(name, `${quoteSheet(ws.name)}!$${m[1]}$${m[2]}`);
  }

  /**
   * A formula cell (locked), typed. It is stored as a dynamic array when it spills or calls
   * a function that may return an array (so Excel shows no `@` in front of the call).
   */
  formula(ws: SheetModel, cell: string, typed: string, options: { format?: string; spill?: boolean; inTable?: string } = {}) {
    const c = ws.getCell(cell);
    const text = toStoredFormula(typed);
    c.formula = { text, dynamic: options.spill === true || needsDynamicArray(text) };
    if (options.format) c.numFmt = options.format;
    c.protection = { locked: true };
    this.formulas.push({
      sheet: ws.name,
      cell,
      formula: readableFormula(text),
      ...(options.inTable ? { inTable: options.inTable } : {}),
    });
    return c;
  }

  /** An input cell: unlocked, input fill, optional format and validation. */
  input(ws: SheetModel, cell: string, value: Cell, options: { format?: string; validation?: DataValidation } = {}): CellModel {
    const c = ws.getCell(cell);
    c.value = value;
    c.protection = { locked: false };
    c.fill = INPUT_FILL;
    c.border = thinBorder;
    if (options.format) c.numFmt = options.format;
    if (options.validation) c.dataValidation = options.validation;
    return c;
  }

  /** The book's language of an en/zh pair written side by side (`book.say('Total', '合计')`). */
  say(en: string, zh: string): string {
    return this.zh ? zh : en;
  }

  /**
   * A row of header cells from `firstCol` rightwards, one per [en, zh] pair: each heading's two
   * languages sit together, so a heading added or moved cannot pair with the wrong translation.
   */
  headerRow(ws: SheetModel, row: number, firstCol: number, heads: readonly (readonly [en: string, zh: string])[]): void {
    heads.forEach(([en, zh], i) => this.label(ws, a1(row, firstCol + i), this.say(en, zh), 'header'));
  }

  /** A static label. */
  label(
    ws: SheetModel,
    cell: string,
    text: string,
    style: 'title' | 'heading' | 'header' | 'note' | 'plain' = 'plain',
  ): CellModel {
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
   * (EMPTY_TABLE_ROWS blank rows when empty). Columns with a formula are calculated columns:
   * the formula in the table part and in every row (Excel's form, REF table10), so rows added
   * in Excel get it too. Returns where each column's data is.
   */
  table(
    ws: SheetModel,
    name: string,
    origin: { row: number; col: number },
    columns: readonly TemplateColumn[],
    rows: readonly (readonly Cell[])[],
    style = 'TableStyleMedium2',
  ): PlacedColumn[] {
    const n = bodyRows(rows.length);
    const firstRow = origin.row + 1;
    const stored = columns.map((col) => (col.formula ? toStoredFormula(col.formula, { table: name }) : undefined));
    ws.addTable({
      name,
      top: origin.row,
      left: origin.col,
      rows: n,
      style,
      columns: columns.map((c, j) => ({
        name: c.label,
        ...(stored[j] ? { calculated: { text: stored[j]!, dynamic: needsDynamicArray(stored[j]!) } } : {}),
      })),
    });
    columns.forEach((col, j) => {
      const colNo = origin.col + j;
      let width = Math.max(col.width ?? 0, textWidth(col.label) + 3, 8);
      for (let i = 0; i < Math.min(n, 500); i++) width = Math.max(width, textWidth(rows[i]?.[j]) + 2);
      if (col.format === FORMAT.amount) width = Math.max(width, 12);
      if (col.format === FORMAT.date) width = Math.max(width, 11);
      ws.getColumn(colNo).width = Math.min(width, 40);
      // Header styled on the cells too: LibreOffice (and PDFs made with it) ignores Excel table styles.
      const header = ws.getCell(origin.row, colNo);
      header.value = col.label;
      header.alignment = { vertical: 'middle' };
      header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      header.fill = HEADER_FILL;
      const guard = stored[j] ? computedGuard(a1(firstRow, colNo), this.zh) : undefined;
      for (let i = 0; i < n; i++) {
        const r = firstRow + i;
        const cell = ws.getCell(r, colNo);
        if (col.format) cell.numFmt = col.format;
        if (stored[j]) {
          cell.formula = { text: stored[j]!, dynamic: needsDynamicArray(stored[j]!) };
          cell.fill = COMPUTED_FILL;
          cell.dataValidation = guard;
          this.formulas.push({ sheet: ws.name, cell: a1(r, colNo), formula: readableFormula(stored[j]!), inTable: name });
        } else {
          const v = rows[i]?.[j];
          cell.value = v === undefined ? null : v;
          cell.protection = { locked: false };
          if (col.validation) cell.dataValidation = col.validation;
          // Text that looks like a formula stays text (CSV-injection rule of writeWorkbook).
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

  /** The finished .xlsx: names (stored form), print areas and titles, protection, the add-in part. */
  async finish(): Promise<Buffer> {
    const names: DefinedNameModel[] = this.names.map((n) => ({ name: n.name, ref: toStoredFormula(n.ref) }));
    this.sheets.forEach((ws, i) => {
      const sheet = quoteSheet(ws.name);
      if (ws.pageSetup.printArea)
        names.push({
          name: '_xlnm.Print_Area',
          localSheetId: i,
          ref: `${sheet}!${ws.pageSetup.printArea.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`,
        });
      if (ws.pageSetup.printTitlesRow)
        names.push({
          name: '_xlnm.Print_Titles',
          localSheetId: i,
          ref: `${sheet}!${ws.pageSetup.printTitlesRow.replace(/(\d+)/g, '$$$1')}`,
        });
      if (this.protectedSheets.has(ws) && ws.tables.length === 0)
        ws.protection = { formatCells: true, formatColumns: true, formatRows: true };
    });
    return writeStyledWorkbook({
      sheets: this.sheets,
      names,
      creator: PRODUCT,
      when: FIXED_TIMESTAMP,
      ...(this.options.addin ? { addin: this.options.addin } : {}),
    });
  }
}

export const thinBorder: BorderStyle = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

export type { AlignmentStyle };
