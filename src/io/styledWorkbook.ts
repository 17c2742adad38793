/**
 * A styled workbook — cells with fonts, fills, borders and formats, formulas (dynamic arrays
 * included), Excel tables with calculated columns, merged cells, data validation, conditional
 * formats, protection, print setup, defined names and the add-in's task-pane part — and the
 * one writer that stores it the way Excel does (the 2007 baseline of Excel's own files; facts
 * and sources in docs/excel-checklist.md). Templates are built on it; every byte is ours:
 * validations never overlap, conditional-format priorities are unique per sheet, the
 * workbook has its bookViews, every part has its content type.
 *
 * Formulas are given in stored form (engine/formulaLanguage.ts `toStoredFormula`).
 */
import { Cell } from '../core/cells';
import { quoteSheet } from '../engine/formulaLanguage';
import { columnLetters } from '../model/snapshot';
import { escapeXml } from './xlsxWrite';
import { ZipPart, writeZip } from './zipWriter';

// The Office theme (table styles and the default font take their colours from it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const THEME: string = require('exceljs/lib/xlsx/xml/theme1.js');

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** Excel ends the declaration with CR LF. */
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

/** Element text as Excel writes it: `&`, `<`, `>` escaped, quotes kept (`<formula1>"A,B"</formula1>`). */
const text = (s: string) => escapeXml(s).replace(/&quot;/g, '"');
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

// ------------------------------------------------------------------ the model

export interface Color {
  argb: string;
}
export interface FontStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: Color;
}
export interface FillStyle {
  type: 'pattern';
  pattern: 'solid';
  fgColor: Color;
}
export interface BorderSide {
  style: 'thin' | 'medium';
  color?: Color;
}
export interface BorderStyle {
  top?: BorderSide;
  left?: BorderSide;
  bottom?: BorderSide;
  right?: BorderSide;
}
export interface AlignmentStyle {
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrapText?: boolean;
}

export interface DataValidation {
  type: 'list' | 'whole' | 'decimal' | 'custom';
  operator?: 'between' | 'greaterThanOrEqual';
  allowBlank?: boolean;
  /** Stored form: a quoted list `"A,B"`, a name, a number, or a formula. */
  formulae: (string | number)[];
  showInputMessage?: boolean;
  promptTitle?: string;
  prompt?: string;
  showErrorMessage?: boolean;
  errorStyle?: 'stop' | 'warning' | 'information';
  errorTitle?: string;
  error?: string;
}

export interface ConditionalRule {
  type: 'expression';
  /** Stored form, relative to the top-left cell of the range. */
  formulae: string[];
  style: { fill?: { bgColor: Color; type?: 'pattern'; pattern?: 'solid' }; font?: FontStyle };
}

/** A formula as stored, and whether the cell is a dynamic array (`cm="1"`, `t="array"`). */
export interface CellFormula {
  text: string;
  dynamic: boolean;
}

export class CellModel {
  value: Cell = null;
  formula?: CellFormula;
  numFmt?: string;
  font?: FontStyle;
  fill?: FillStyle;
  border?: BorderStyle;
  alignment?: AlignmentStyle;
  protection?: { locked: boolean };
  dataValidation?: DataValidation;
}

export interface ColumnModel {
  width?: number;
  numFmt?: string;
  alignment?: AlignmentStyle;
}

export interface TableColumnModel {
  name: string;
  /** The column's formula as stored (`Table[[#This Row],[Col]]` form): an Excel calculated column. */
  calculated?: CellFormula;
}

export interface TableModel {
  name: string;
  /** 1-based header row and first column. */
  top: number;
  left: number;
  /** Data rows (at least 1). */
  rows: number;
  columns: TableColumnModel[];
  style: string;
}

export interface PageSetup {
  paperSize?: number;
  orientation?: 'portrait' | 'landscape';
  fitToPage?: boolean;
  fitToWidth?: number;
  fitToHeight?: number;
  scale?: number;
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Rows repeated on every printed page: `1:3`. */
  printTitlesRow?: string;
  /** `A1:I19`. */
  printArea?: string;
}

/** What a protected sheet still allows (Excel's dialog: each true = allowed). */
export interface SheetProtection {
  formatCells?: boolean;
  formatColumns?: boolean;
  formatRows?: boolean;
  insertRows?: boolean;
  sort?: boolean;
  autoFilter?: boolean;
}

export class SheetModel {
  private readonly cells = new Map<string, CellModel>();
  private readonly columns = new Map<number, ColumnModel>();
  private readonly rowHeights = new Map<number, { height?: number }>();
  readonly merges: string[] = [];
  readonly conditionalFormats: { ref: string; rules: ConditionalRule[] }[] = [];
  readonly tables: TableModel[] = [];
  pageSetup: PageSetup = {};
  /** Rows frozen at the top (0: none). */
  frozenRows = 0;
  tabColor?: string;
  footer?: string;
  protection?: SheetProtection;

  constructor(readonly name: string) {}

  /** A cell by A1 address or by 1-based row and column; created on first use. */
  getCell(a: string | number, b?: number): CellModel {
    const key = typeof a === 'number' ? `${columnLetters(b!)}${a}` : a.toUpperCase();
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = new CellModel()));
    return c;
  }

  getColumn(col: number): ColumnModel {
    let c = this.columns.get(col);
    if (!c) this.columns.set(col, (c = {}));
    return c;
  }

  getRow(row: number): { height?: number } {
    let r = this.rowHeights.get(row);
    if (!r) this.rowHeights.set(row, (r = {}));
    return r;
  }

  mergeCells(range: string): void {
    this.merges.push(range.toUpperCase());
  }

  addConditionalFormatting(cf: { ref: string; rules: ConditionalRule[] }): void {
    this.conditionalFormats.push(cf);
  }

  addTable(table: TableModel): void {
    this.tables.push(table);
  }

  /** Every cell, with its row and column (1-based). */
  entries(): { row: number; col: number; address: string; cell: CellModel }[] {
    return [...this.cells].map(([address, cell]) => {
      const m = /^([A-Z]+)(\d+)$/.exec(address)!;
      const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      return { row: Number(m[2]), col, address, cell };
    });
  }

  columnEntries(): [number, ColumnModel][] {
    return [...this.columns].sort((a, b) => a[0] - b[0]);
  }

  rowEntries(): [number, { height?: number }][] {
    return [...this.rowHeights];
  }
}

/** The add-in a workbook asks Excel for (webextension part; docs: automatically open a task pane). */
export interface AddinReference {
  /** Manifest GUID (sideloaded, centralized) or Marketplace asset id. */
  id: string;
  /** Manifest version, 4 parts. */
  version: string;
  store: string;
  storeType: string;
  /** Open the pane when the file opens (property Office.AutoShowTaskpaneWithDocument). */
  autoOpen: boolean;
}

export interface DefinedNameModel {
  name: string;
  /** Stored form, no `=`. */
  ref: string;
  /** Index of the sheet a sheet-level name belongs to. */
  localSheetId?: number;
  hidden?: boolean;
}

export interface WorkbookModel {
  sheets: SheetModel[];
  names: DefinedNameModel[];
  creator: string;
  when: Date;
  addin?: AddinReference;
}

// ------------------------------------------------------------------ styles

interface XfKey {
  numFmtId: number;
  fontId: number;
  fillId: number;
  borderId: number;
  alignment?: AlignmentStyle;
  locked?: boolean;
}

const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '@': 49,
};

function colorXml(tag: string, c: Color | undefined): string {
  return c ? `<${tag} rgb="${escapeXml(c.argb)}"/>` : '';
}

function fontXml(f: FontStyle | undefined): string {
  const color = f?.color ? colorXml('color', f.color) : '<color theme="1"/>';
  return `<font>${f?.bold ? '<b/>' : ''}${f?.italic ? '<i/>' : ''}<sz val="${f?.size ?? 11}"/>${color}<name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;
}

function fillXml(f: FillStyle | undefined): string {
  if (!f) return '<fill><patternFill patternType="none"/></fill>';
  return `<fill><patternFill patternType="solid">${colorXml('fgColor', f.fgColor)}<bgColor indexed="64"/></patternFill></fill>`;
}

function borderXml(b: BorderStyle | undefined): string {
  const side = (tag: string, s: BorderSide | undefined) =>
    s ? `<${tag} style="${s.style}">${s.color ? colorXml('color', s.color) : '<color indexed="64"/>'}</${tag}>` : `<${tag}/>`;
  return `<border>${side('left', b?.left)}${side('right', b?.right)}${side('top', b?.top)}${side('bottom', b?.bottom)}<diagonal/></border>`;
}

function alignmentXml(a: AlignmentStyle): string {
  const v = a.vertical === 'middle' ? 'center' : a.vertical;
  return `<alignment${a.horizontal ? ` horizontal="${a.horizontal}"` : ''}${v ? ` vertical="${v}"` : ''}${a.wrapText ? ' wrapText="1"' : ''}/>`;
}

/** Each distinct font, fill, border, format and cell format once (styles.xml), plus the dxfs of conditional formats. */
class Styles {
  private readonly fonts = [fontXml(undefined)];
  private readonly fills = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly borders = [borderXml(undefined)];
  private readonly formats = new Map<string, number>();
  private readonly xfs: XfKey[] = [{ numFmtId: 0, fontId: 0, fillId: 0, borderId: 0 }];
  private readonly xfIndex = new Map<string, number>([[JSON.stringify(this.xfs[0]), 0]]);
  readonly dxfs: string[] = [];

  private id(list: string[], xml: string): number {
    const i = list.indexOf(xml);
    return i >= 0 ? i : list.push(xml) - 1;
  }

  private formatId(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.formats.get(code);
    if (id === undefined) this.formats.set(code, (id = 164 + this.formats.size));
    return id;
  }

  /** The cell format index (s="…") of a cell's style; 0 for none. */
  index(s: Pick<CellModel, 'numFmt' | 'font' | 'fill' | 'border' | 'alignment' | 'protection'>): number {
    const key: XfKey = {
      numFmtId: s.numFmt ? this.formatId(s.numFmt) : 0,
      fontId: s.font ? this.id(this.fonts, fontXml(s.font)) : 0,
      fillId: s.fill ? this.id(this.fills, fillXml(s.fill)) : 0,
      borderId: s.border ? this.id(this.borders, borderXml(s.border)) : 0,
      ...(s.alignment && Object.keys(s.alignment).length ? { alignment: s.alignment } : {}),
      ...(s.protection && !s.protection.locked ? { locked: false } : {}),
    };
    const k = JSON.stringify(key);
    let i = this.xfIndex.get(k);
    if (i === undefined) {
      i = this.xfs.push(key) - 1;
      this.xfIndex.set(k, i);
    }
    return i;
  }

  dxf(style: ConditionalRule['style']): number {
    const font = style.font
      ? `<font>${style.font.bold ? '<b/>' : ''}${style.font.italic ? '<i/>' : ''}${colorXml('color', style.font.color)}</font>`
      : '';
    const fill = style.fill ? `<fill><patternFill>${colorXml('bgColor', style.fill.bgColor)}</patternFill></fill>` : '';
    return this.id(this.dxfs, `<dxf>${font}${fill}</dxf>`);
  }

  xml(): string {
    const numFmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    const xfs = this.xfs.map((x) => {
      const attrs =
        `numFmtId="${x.numFmtId}" fontId="${x.fontId}" fillId="${x.fillId}" borderId="${x.borderId}" xfId="0"` +
        (x.numFmtId ? ' applyNumberFormat="1"' : '') +
        (x.fontId ? ' applyFont="1"' : '') +
        (x.fillId ? ' applyFill="1"' : '') +
        (x.borderId ? ' applyBorder="1"' : '') +
        (x.alignment ? ' applyAlignment="1"' : '') +
        (x.locked === false ? ' applyProtection="1"' : '');
      const body = (x.alignment ? alignmentXml(x.alignment) : '') + (x.locked === false ? '<protection locked="0"/>' : '');
      return body ? `<xf ${attrs}>${body}</xf>` : `<xf ${attrs}/>`;
    });
    return (
      `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      `<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      `<borders count="${this.borders.length}">${this.borders.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      `<dxfs count="${this.dxfs.length}">${this.dxfs.join('')}</dxfs>` +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;

  of(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.push(s) - 1;
      this.index.set(s, i);
    }
    return i;
  }

  get size(): number {
    return this.list.length;
  }

  xml(): string {
    const items = this.list.map((s) => `<si><t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${escapeXml(s)}</t></si>`);
    return `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">${items.join('')}</sst>`;
  }
}

// ------------------------------------------------------------------ ranges

/** Cells (row, col) as the fewest simple rectangles a sqref lists: column runs merged across columns. */
export function cellsToSqref(cells: readonly { row: number; col: number }[]): string {
  const byCol = new Map<number, number[]>();
  for (const c of cells) (byCol.get(c.col) ?? byCol.set(c.col, []).get(c.col)!).push(c.row);
  const runs: { col: number; top: number; bottom: number }[] = [];
  for (const [col, rows] of [...byCol].sort((a, b) => a[0] - b[0])) {
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    let top = sorted[0];
    for (let i = 1; i <= sorted.length; i++) {
      if (i < sorted.length && sorted[i] === sorted[i - 1] + 1) continue;
      runs.push({ col, top, bottom: sorted[i - 1] });
      top = sorted[i];
    }
  }
  // Neighbouring columns with the same run become one rectangle.
  const rects: { left: number; right: number; top: number; bottom: number }[] = [];
  for (const r of runs) {
    const prev = rects.find((x) => x.right === r.col - 1 && x.top === r.top && x.bottom === r.bottom);
    if (prev) prev.right = r.col;
    else rects.push({ left: r.col, right: r.col, top: r.top, bottom: r.bottom });
  }
  return rects
    .map((r) => {
      const a = `${columnLetters(r.left)}${r.top}`;
      const b = `${columnLetters(r.right)}${r.bottom}`;
      return a === b ? a : `${a}:${b}`;
    })
    .join(' ');
}

// ------------------------------------------------------------------ worksheet XML

function validationXml(v: DataValidation, sqref: string): string {
  const attrs =
    ` type="${v.type}"` +
    (v.errorStyle && v.errorStyle !== 'stop' ? ` errorStyle="${v.errorStyle}"` : '') +
    (v.operator && v.operator !== 'between' ? ` operator="${v.operator}"` : '') +
    (v.allowBlank ? ' allowBlank="1"' : '') +
    (v.showInputMessage ? ' showInputMessage="1"' : '') +
    (v.showErrorMessage ? ' showErrorMessage="1"' : '') +
    (v.errorTitle ? ` errorTitle="${escapeXml(v.errorTitle)}"` : '') +
    (v.error ? ` error="${escapeXml(v.error)}"` : '') +
    (v.promptTitle ? ` promptTitle="${escapeXml(v.promptTitle)}"` : '') +
    (v.prompt ? ` prompt="${escapeXml(v.prompt)}"` : '') +
    ` sqref="${sqref}"`;
  const formulas = v.formulae.map((f, i) => `<formula${i + 1}>${text(String(f))}</formula${i + 1}>`).join('');
  return `<dataValidation${attrs}>${formulas}</dataValidation>`;
}

function protectionXml(p: SheetProtection): string {
  // Each attribute says the action is protected; "0" allows it (ECMA-376 CT_SheetProtection, REF protect08).
  const allow = (on: boolean | undefined, attr: string) => (on ? ` ${attr}="0"` : '');
  return (
    '<sheetProtection sheet="1" objects="1" scenarios="1"' +
    allow(p.formatCells, 'formatCells') +
    allow(p.formatColumns, 'formatColumns') +
    allow(p.formatRows, 'formatRows') +
    allow(p.insertRows, 'insertRows') +
    allow(p.sort, 'sort') +
    allow(p.autoFilter, 'autoFilter') +
    '/>'
  );
}

function cellXml(ref: string, s: number, c: CellModel, strings: SharedStrings): string {
  const style = s ? ` s="${s}"` : '';
  if (c.formula) {
    const f = text(c.formula.text);
    // No result yet (Excel computes on open, calcPr fullCalcOnLoad): an empty text value, as readers expect one.
    return c.formula.dynamic
      ? `<c r="${ref}"${style} t="str" cm="1"><f t="array" ref="${ref}">${f}</f><v></v></c>`
      : `<c r="${ref}"${style} t="str"><f>${f}</f><v></v></c>`;
  }
  const v = c.value;
  if (v === null || v === undefined || v === '') return s ? `<c r="${ref}"${style}/>` : '';
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${style}><v>${v}</v></c>` : `<c r="${ref}"${style}/>`;
  if (typeof v === 'boolean') return `<c r="${ref}"${style} t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${style} t="s"><v>${strings.of(v)}</v></c>`;
}

function sheetXml(
  ws: SheetModel,
  index: number,
  styles: Styles,
  strings: SharedStrings,
  tableRelIds: string[],
): { xml: string; dynamic: boolean } {
  const columns = new Map(ws.columnEntries());
  const entries = ws.entries();
  const rows = new Map<number, { col: number; xml: string }[]>();
  let maxRow = 1;
  let maxCol = 1;
  let dynamic = false;
  const validations = new Map<string, { rule: DataValidation; cells: { row: number; col: number }[] }>();
  for (const e of entries) {
    const colStyle = columns.get(e.col);
    const c = e.cell;
    const s = styles.index({
      numFmt: c.numFmt ?? colStyle?.numFmt,
      font: c.font,
      fill: c.fill,
      border: c.border,
      alignment: c.alignment ?? colStyle?.alignment,
      protection: c.protection,
    });
    const xml = cellXml(e.address, s, c, strings);
    if (c.formula?.dynamic) dynamic = true;
    if (xml) (rows.get(e.row) ?? rows.set(e.row, []).get(e.row)!).push({ col: e.col, xml });
    maxRow = Math.max(maxRow, e.row);
    maxCol = Math.max(maxCol, e.col);
    if (c.dataValidation) {
      // One rule per cell (the last one set): rules never overlap.
      const k = JSON.stringify(c.dataValidation);
      (validations.get(k) ?? validations.set(k, { rule: c.dataValidation, cells: [] }).get(k)!).cells.push(e);
    }
  }
  for (const t of ws.tables) {
    maxRow = Math.max(maxRow, t.top + t.rows);
    maxCol = Math.max(maxCol, t.left + t.columns.length - 1);
  }
  const out: string[] = [`${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`];
  const pr =
    (ws.tabColor ? `<tabColor rgb="${ws.tabColor}"/>` : '') + (ws.pageSetup.fitToPage ? '<pageSetUpPr fitToPage="1"/>' : '');
  if (pr) out.push(`<sheetPr>${pr}</sheetPr>`);
  out.push(`<dimension ref="A1:${columnLetters(maxCol)}${maxRow}"/>`);
  const selected = index === 0 ? ' tabSelected="1"' : '';
  if (ws.frozenRows > 0) {
    const top = `A${ws.frozenRows + 1}`;
    out.push(
      `<sheetViews><sheetView${selected} workbookViewId="0"><pane ySplit="${ws.frozenRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`,
    );
  } else out.push(`<sheetViews><sheetView${selected} workbookViewId="0"/></sheetViews>`);
  out.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (columns.size) {
    out.push('<cols>');
    for (const [col, c] of columns) {
      const s = c.numFmt || c.alignment ? styles.index({ numFmt: c.numFmt, alignment: c.alignment }) : 0;
      out.push(
        `<col min="${col}" max="${col}" width="${c.width ?? 9.140625}"${s ? ` style="${s}"` : ''}${c.width !== undefined ? ' customWidth="1"' : ''}/>`,
      );
    }
    out.push('</cols>');
  }
  out.push('<sheetData>');
  const heights = new Map(ws.rowEntries());
  for (const r of [...new Set([...rows.keys(), ...[...heights].filter(([, h]) => h.height).map(([r]) => r)])].sort(
    (a, b) => a - b,
  )) {
    const h = heights.get(r)?.height;
    const cells = (rows.get(r) ?? []).sort((a, b) => a.col - b.col);
    out.push(`<row r="${r}"${h ? ` ht="${h}" customHeight="1"` : ''}>${cells.map((c) => c.xml).join('')}</row>`);
  }
  out.push('</sheetData>');
  if (ws.protection) out.push(protectionXml(ws.protection));
  if (ws.merges.length)
    out.push(`<mergeCells count="${ws.merges.length}">${ws.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
  let priority = 0;
  for (const cf of ws.conditionalFormats) {
    // Priorities are unique across the sheet, 1 first (as Excel writes them).
    const rules = cf.rules
      .map(
        (r) =>
          `<cfRule type="expression" dxfId="${styles.dxf(r.style)}" priority="${++priority}">${r.formulae.map((f) => `<formula>${text(f)}</formula>`).join('')}</cfRule>`,
      )
      .join('');
    out.push(`<conditionalFormatting sqref="${cf.ref}">${rules}</conditionalFormatting>`);
  }
  if (validations.size) {
    const list = [...validations.values()].map((v) => validationXml(v.rule, cellsToSqref(v.cells)));
    out.push(`<dataValidations count="${list.length}">${list.join('')}</dataValidations>`);
  }
  const m = ws.pageSetup.margins ?? { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
  out.push(
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`,
  );
  const p = ws.pageSetup;
  const setup =
    (p.paperSize ? ` paperSize="${p.paperSize}"` : '') +
    (p.scale ? ` scale="${p.scale}"` : '') +
    (p.fitToPage && p.fitToWidth !== undefined ? ` fitToWidth="${p.fitToWidth}"` : '') +
    (p.fitToPage && p.fitToHeight !== undefined ? ` fitToHeight="${p.fitToHeight}"` : '') +
    (p.orientation ? ` orientation="${p.orientation}"` : '');
  if (setup) out.push(`<pageSetup${setup}/>`);
  if (ws.footer) out.push(`<headerFooter><oddFooter>${escapeXml(ws.footer)}</oddFooter></headerFooter>`);
  if (tableRelIds.length)
    out.push(
      `<tableParts count="${tableRelIds.length}">${tableRelIds.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`,
    );
  out.push('</worksheet>');
  return { xml: out.join(''), dynamic };
}

function tableXml(t: TableModel, id: number): string {
  const ref = `${columnLetters(t.left)}${t.top}:${columnLetters(t.left + t.columns.length - 1)}${t.top + Math.max(1, t.rows)}`;
  const columns = t.columns
    .map((c, i) => {
      const open = `<tableColumn id="${i + 1}" name="${escapeXml(c.name)}"`;
      if (!c.calculated) return `${open}/>`;
      const array = c.calculated.dynamic ? ' array="1"' : '';
      return `${open}><calculatedColumnFormula${array}>${text(c.calculated.text)}</calculatedColumnFormula></tableColumn>`;
    })
    .join('');
  return (
    `${XML_HEAD}<table xmlns="${NS_MAIN}" id="${id}" name="${escapeXml(t.name)}" displayName="${escapeXml(t.name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${t.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${escapeXml(t.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

// ------------------------------------------------------------------ the add-in parts

const WEBEXTENSION_CT = 'application/vnd.ms-office.webextension+xml';
const TASKPANES_CT = 'application/vnd.ms-office.webextensiontaskpanes+xml';
const WEBEXTENSION_REL = 'http://schemas.microsoft.com/office/2011/relationships/webextension';
const TASKPANES_REL = 'http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes';

/** A stable GUID for the add-in's instance in a file (any GUID will do; stable keeps builds byte-identical). */
function instanceGuid(seed: string): string {
  let h = 0x811c9dc5;
  const hex: string[] = [];
  for (let k = 0; k < 4; k++) {
    for (const ch of `${seed}#${k}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(h.toString(16).padStart(8, '0').toUpperCase());
  }
  const s = hex.join('');
  return `{${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}}`;
}

function addinParts(a: AddinReference): { parts: ZipPart[]; overrides: [string, string][]; rel: string } {
  const reference = `<we:reference id="${escapeXml(a.id)}" version="${escapeXml(a.version)}" store="${escapeXml(a.store)}" storeType="${escapeXml(a.storeType)}"/>`;
  const properties = a.autoOpen
    ? '<we:properties><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/></we:properties>'
    : '<we:properties/>';
  const webextension =
    `${XML_HEAD}<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="${instanceGuid(a.id)}">` +
    `${reference}<we:alternateReferences/>${properties}<we:bindings/>` +
    `<we:snapshot xmlns:r="${NS_REL}"/></we:webextension>`;
  const taskpanes =
    `${XML_HEAD}<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">` +
    `<wetp:taskpane dockstate="right" visibility="${a.autoOpen ? 1 : 0}" width="350" row="1">` +
    `<wetp:webextensionref xmlns:r="${NS_REL}" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>`;
  return {
    parts: [
      { name: 'xl/webextensions/taskpanes.xml', data: taskpanes },
      {
        name: 'xl/webextensions/_rels/taskpanes.xml.rels',
        data: `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${WEBEXTENSION_REL}" Target="webextension1.xml"/></Relationships>`,
      },
      { name: 'xl/webextensions/webextension1.xml', data: webextension },
    ],
    overrides: [
      ['/xl/webextensions/taskpanes.xml', TASKPANES_CT],
      ['/xl/webextensions/webextension1.xml', WEBEXTENSION_CT],
    ],
    // Package level (_rels/.rels), as Excel stores it.
    rel: `<Relationship Id="rId4" Type="${TASKPANES_REL}" Target="xl/webextensions/taskpanes.xml"/>`,
  };
}

// ------------------------------------------------------------------ dynamic-array metadata (REF dynamic_array01)

const METADATA_XML =
  `${XML_HEAD}<metadata xmlns="${NS_MAIN}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">` +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>' +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>';

// ------------------------------------------------------------------ the package

/** Excel's order of defined names: case-insensitive by name with `_xlnm.` ignored, then by sheet (REF defined_name01). */
function sortNames(names: readonly DefinedNameModel[], sheets: readonly SheetModel[]): DefinedNameModel[] {
  const key = (n: DefinedNameModel) => n.name.replace(/^_xlnm\./i, '').toLowerCase();
  const sheet = (n: DefinedNameModel) => (n.localSheetId === undefined ? '' : sheets[n.localSheetId].name.toLowerCase());
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...names].sort((a, b) => cmp(key(a), key(b)) || cmp(sheet(a), sheet(b)));
}

/** Names that refer to ranges, as docProps/app.xml lists them (`Sheet!Name` for sheet-level ones). */
function namedRanges(names: readonly DefinedNameModel[], sheets: readonly SheetModel[]): string[] {
  return names
    .filter((n) => !n.hidden && !/^-?[\d.]+$/.test(n.ref) && !/^".*"$/.test(n.ref))
    .map((n) => {
      const bare = n.name.replace(/^_xlnm\./, '');
      return n.localSheetId === undefined ? bare : `${quoteSheet(sheets[n.localSheetId].name)}!${bare}`;
    });
}

/** The workbook as an .xlsx file, byte-stable for the same model. */
export async function writeStyledWorkbook(book: WorkbookModel): Promise<Buffer> {
  const styles = new Styles();
  const strings = new SharedStrings();
  const parts: ZipPart[] = [];
  const overrides: [string, string][] = [];
  const sheetRels: string[] = [];
  const sheetParts: ZipPart[] = [];
  let tableId = 0;
  let anyDynamic = false;
  book.sheets.forEach((ws, i) => {
    const path = `xl/worksheets/sheet${i + 1}.xml`;
    const relIds = ws.tables.map((_, k) => `rId${k + 1}`);
    const { xml, dynamic } = sheetXml(ws, i, styles, strings, relIds);
    anyDynamic ||= dynamic;
    sheetParts.push({ name: path, data: xml });
    overrides.push([`/${path}`, `${CT}.worksheet+xml`]);
    sheetRels.push(`<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
    if (ws.tables.length) {
      const rels = ws.tables.map((t, k) => {
        tableId++;
        const tablePath = `xl/tables/table${tableId}.xml`;
        sheetParts.push({ name: tablePath, data: tableXml(t, tableId) });
        overrides.push([`/${tablePath}`, `${CT}.table+xml`]);
        return `<Relationship Id="rId${k + 1}" Type="${NS_REL}/table" Target="../tables/table${tableId}.xml"/>`;
      });
      sheetParts.push({
        name: `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
        data: `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${rels.join('')}</Relationships>`,
      });
    }
  });
  const n = book.sheets.length;
  const names = sortNames(book.names, book.sheets);
  const sheetsXml = book.sheets
    .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  const namesXml = names
    .map(
      (d) =>
        `<definedName name="${escapeXml(d.name)}"${d.localSheetId !== undefined ? ` localSheetId="${d.localSheetId}"` : ''}${d.hidden ? ' hidden="1"' : ''}>${text(d.ref)}</definedName>`,
    )
    .join('');
  const workbook =
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<fileVersion appName="xl" lastEdited="4" lowestEdited="4" rupBuild="4505"/><workbookPr defaultThemeVersion="124226"/>' +
    '<bookViews><workbookView xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/></bookViews>' +
    `<sheets>${sheetsXml}</sheets>${namesXml ? `<definedNames>${namesXml}</definedNames>` : ''}<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>`;
  let nextRel = n + 1;
  const workbookRels: string[] = [...sheetRels];
  workbookRels.push(`<Relationship Id="rId${nextRel++}" Type="${NS_REL}/theme" Target="theme/theme1.xml"/>`);
  workbookRels.push(`<Relationship Id="rId${nextRel++}" Type="${NS_REL}/styles" Target="styles.xml"/>`);
  const hasStrings = strings.size > 0;
  if (hasStrings)
    workbookRels.push(`<Relationship Id="rId${nextRel++}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (anyDynamic) {
    workbookRels.push(`<Relationship Id="rId${nextRel++}" Type="${NS_REL}/sheetMetadata" Target="metadata.xml"/>`);
    overrides.push(['/xl/metadata.xml', `${CT}.sheetMetadata+xml`]);
  }
  const addin = book.addin ? addinParts(book.addin) : undefined;
  if (addin) overrides.push(...addin.overrides);

  const stamp = book.when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const creator = escapeXml(book.creator);
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${creator}</dc:creator><cp:lastModifiedBy>${creator}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`;
  const ranges = namedRanges(names, book.sheets);
  const pairs =
    `<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant>` +
    (ranges.length
      ? `<vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>${ranges.length}</vt:i4></vt:variant>`
      : '');
  const titles = [...book.sheets.map((s) => s.name), ...ranges];
  const app =
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    `<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
    `<HeadingPairs><vt:vector size="${ranges.length ? 4 : 2}" baseType="variant">${pairs}</vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${titles.length}" baseType="lpstr">${titles.map((t) => `<vt:lpstr>${escapeXml(t)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
    `<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>`;
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
    overrides.map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`).join('') +
    `<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
    (hasStrings ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>` : '') +
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
    `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
  const rootRels =
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
    `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
    (addin?.rel ?? '') +
    '</Relationships>';
  parts.push(
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rootRels },
    { name: 'docProps/app.xml', data: app },
    { name: 'docProps/core.xml', data: core },
    { name: 'xl/workbook.xml', data: workbook },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${workbookRels.join('')}</Relationships>`,
    },
    { name: 'xl/styles.xml', data: styles.xml() },
    { name: 'xl/theme/theme1.xml', data: THEME },
    ...(hasStrings ? [{ name: 'xl/sharedStrings.xml', data: strings.xml() }] : []),
    ...(anyDynamic ? [{ name: 'xl/metadata.xml', data: METADATA_XML }] : []),
    ...sheetParts,
    ...(addin?.parts ?? []),
  );
  const zip = await writeZip(parts, book.when);
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
