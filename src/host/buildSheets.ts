/**
 * Building a template's sheets cell by cell with office-js, for Excel versions without
 * ExcelApi 1.13 (no insertWorksheetsFromBase64): values and formulas (custom functions as
 * =CRM3.X so Excel binds them, renamed names and sheets put in), number formats, bold
 * headers, widths, merges, Excel tables, data validation, frozen panes and protection.
 * One sync per sheet keeps each request small.
 */
import { a1 } from '../model/snapshot';
import { Renames, rewriteFormula, toTypedFormula } from '../engine/formulaLanguage';
import { InsertPlan } from './insertPlan';
import { TemplateModel, TemplateSheet, TemplateTable, TemplateValidation } from './templateModel';

/** Excel's column width unit (characters of the default font) in points. */
const POINTS_PER_CHARACTER = 5.7;

type CellInput = string | number | boolean;

/** Text that Excel would take for a formula is entered as text. */
function asInput(v: string | number | boolean): CellInput {
  return typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v;
}

/** Runs of consecutive cells in one row: [row, firstCol, inputs]. */
function rowRuns(sheet: TemplateSheet, renames: Renames): [number, number, CellInput[]][] {
  const runs: [number, number, CellInput[]][] = [];
  let last: [number, number, CellInput[]] | undefined;
  for (const c of sheet.cells) {
    const input: CellInput =
      c.formula !== undefined ? rewriteFormula(toTypedFormula(c.formula), renames) : asInput(c.value ?? '');
    if (last && last[0] === c.row && last[1] + last[2].length === c.col) last[2].push(input);
    else {
      last = [c.row, c.col, [input]];
      runs.push(last);
    }
  }
  return runs;
}

/** Cells grouped into column runs (A2:A300) so a format is set once per run. */
function columnRuns(addresses: Iterable<string>): string[] {
  const byCol = new Map<string, number[]>();
  for (const addr of addresses) {
    const m = /^([A-Z]+)(\d+)$/.exec(addr);
    if (!m) continue;
    (byCol.get(m[1]) ?? byCol.set(m[1], []).get(m[1])!).push(Number(m[2]));
  }
  const out: string[] = [];
  for (const [col, rows] of byCol) {
    rows.sort((a, b) => a - b);
    let start = rows[0];
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
      const end = rows[i - 1];
      out.push(start === end ? `${col}${start}` : `${col}${start}:${col}${end}`);
      start = rows[i];
    }
  }
  return out;
}

/** Number of rows of a one-column run ("A2:A40" → 39). */
function runLength(range: string): number {
  const m = /^[A-Z]+(\d+)(?::[A-Z]+(\d+))?$/.exec(range);
  return m ? Number(m[2] ?? m[1]) - Number(m[1]) + 1 : 1;
}

function validationRule(v: TemplateValidation, renames: Renames): Excel.DataValidationRule | undefined {
  const source = (f: string | undefined) => {
    if (f === undefined) return undefined;
    const t = f.trim();
    if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    return rewriteFormula(toTypedFormula(t), renames);
  };
  if (v.type === 'custom') return { custom: { formula: String(source(v.formulae[0])) } };
  if (v.type === 'list') {
    const f = (v.formulae[0] ?? '').trim();
    const list = /^"(.*)"$/.exec(f);
    return { list: { inCellDropDown: true, source: list ? list[1] : String(source(f)) } };
  }
  const basic: Excel.BasicDataValidation = {
    formula1: source(v.formulae[0]) ?? '',
    ...(v.formulae[1] !== undefined ? { formula2: source(v.formulae[1]) } : {}),
    operator: (v.operator ?? 'between') as Excel.DataValidationOperator,
  };
  if (v.type === 'whole') return { wholeNumber: basic };
  if (v.type === 'decimal') return { decimal: basic };
  if (v.type === 'textLength') return { textLength: basic };
  if (v.type === 'date') return { date: basic as unknown as Excel.DateTimeDataValidation };
  return undefined;
}

/**
 * The template's calculated columns, one range write per column over the table's data body:
 * Excel makes a column whose whole body is written with one formula (relative copies) a
 * calculated column, so rows a planner adds get Score, Tier, … as in the built file. Only
 * columns whose every body row has its formula in the template; the others keep their cells.
 */
function writeCalculatedColumns(ws: Excel.Worksheet, sheet: TemplateSheet, table: TemplateTable, renames: Renames): void {
  const firstRow = table.top + 1;
  const lastRow = table.bottom - (table.totalsRow ? 1 : 0);
  if (lastRow < firstRow) return;
  for (const { col } of table.calculatedColumns ?? []) {
    const body = sheet.cells.filter((c) => c.col === col && c.row >= firstRow && c.row <= lastRow && c.formula !== undefined);
    if (body.length !== lastRow - firstRow + 1) continue;
    body.sort((a, b) => a.row - b.row);
    ws.getRange(`${a1(firstRow, col)}:${a1(lastRow, col)}`).formulas = body.map((c) => [
      rewriteFormula(toTypedFormula(c.formula!), renames),
    ]);
  }
}

/** Fills an empty worksheet with a template sheet's content; the caller syncs. */
function fillSheet(ws: Excel.Worksheet, sheet: TemplateSheet, plan: InsertPlan): void {
  const renames = plan.renames;
  for (const w of sheet.columnWidths) {
    const letters = a1(1, w.col).replace(/\d+$/, '');
    ws.getRange(`${letters}:${letters}`).format.columnWidth = w.width * POINTS_PER_CHARACTER;
  }
  for (const [row, col, inputs] of rowRuns(sheet, renames)) {
    ws.getRange(`${a1(row, col)}:${a1(row, col + inputs.length - 1)}`).formulas = [inputs];
  }
  const byFormat = new Map<string, string[]>();
  for (const [addr, fmt] of sheet.numberFormats) (byFormat.get(fmt) ?? byFormat.set(fmt, []).get(fmt)!).push(addr);
  for (const [fmt, addrs] of byFormat) {
    for (const range of columnRuns(addrs))
      ws.getRange(range).numberFormat = Array.from({ length: runLength(range) }, () => [fmt]);
  }
  for (const range of columnRuns(sheet.bold)) ws.getRange(range).format.font.bold = true;
  for (const m of sheet.merges) ws.getRange(m).merge(false);
  for (const t of sheet.tables) {
    const table = ws.tables.add(`${a1(t.top, t.left)}:${a1(t.bottom, t.right)}`, true);
    table.name = plan.tables.get(t.name) ?? t.name;
    if (t.style) table.style = t.style;
    if (t.totalsRow) table.showTotals = true;
    writeCalculatedColumns(ws, sheet, t, renames);
  }
  for (const v of sheet.validations) {
    const rule = validationRule(v, renames);
    if (!rule) continue;
    for (const part of v.range.split(/\s+/).filter(Boolean)) {
      const range = ws.getRange(part);
      range.dataValidation.ignoreBlanks = v.allowBlank;
      range.dataValidation.rule = rule;
    }
  }
  const frozen = sheet.frozen;
  if (frozen?.rows && frozen.cols) ws.freezePanes.freezeAt(`A1:${a1(frozen.rows, frozen.cols)}`);
  else if (frozen?.rows) ws.freezePanes.freezeRows(frozen.rows);
  else if (frozen?.cols) ws.freezePanes.freezeColumns(frozen.cols);
  for (const range of columnRuns(sheet.unlocked)) ws.getRange(range).format.protection.locked = false;
  // Protection comes last (protectSheets), once charts are drawn and formulas linked.
}

/** Protects the inserted sheets the way the template protects them (no password). */
export async function protectSheets(ctx: Excel.RequestContext, model: TemplateModel, plan: InsertPlan): Promise<void> {
  let any = false;
  model.sheets.forEach((s, i) => {
    if (!s.protection) return;
    ctx.workbook.worksheets.getItem(plan.sheets[i].to).protection.protect(s.protection);
    any = true;
  });
  if (any) await ctx.sync();
}

/** Adds every template sheet (named as planned) and fills it, one sync per sheet. */
export async function buildSheets(
  ctx: Excel.RequestContext,
  model: TemplateModel,
  plan: InsertPlan,
  onSheet?: (sheet: string) => void,
): Promise<void> {
  for (let i = 0; i < model.sheets.length; i++) {
    const to = plan.sheets[i].to;
    const ws = ctx.workbook.worksheets.add(to);
    fillSheet(ws, model.sheets[i], plan);
    await ctx.sync();
    onSheet?.(to);
  }
}
