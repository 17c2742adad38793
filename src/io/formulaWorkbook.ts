/**
 * Any .xlsx as it is, computed by HyperFormula with the CRM3 functions: every sheet, value,
 * formula and defined name (workbook- and sheet-level). Used to check that templates
 * compute without errors, to compare a template's formulas with the engine, and to value
 * the cells a client copy must fill. Never throws; the input is only read.
 */
import { HyperFormula } from 'hyperformula';
import type { ConfigParams, RawCellContent } from 'hyperformula';
import { Locale, Message } from '../core/i18n';
import { buildCrm3Plugin, crm3Translations, setPluginLocale } from '../functions/hyperformula/crm3Plugin';
import { NAMESPACE } from '../functions/declaration';
import type { ReadFailure } from './readFailure';
import type { ZipLimits } from './zipGuard';
import { cellAddress, shiftFormula, tokenize } from '../engine/formulaText';
import { toEngineFormula, unsupportedPart } from '../engine/formulaLanguage';
import { columnLetters } from '../model/snapshot';
import { ResolvedName, resolveName } from './nameReferences';
import { StoredCell, StoredValue, TableInfo, XlsxPackage, openXlsxPackage } from './formulaPackage';
import { parseRange } from './xlsxSheet';
import { EngineValue, toEngineValue } from '../engine/workbookEngine';

export interface FormulaCellValue {
  sheet: string;
  /** A1 address on the sheet. */
  cell: string;
  /** The formula as the file stores it (shared formulas expanded to this cell), without `=`. */
  formula: string;
  value: EngineValue;
  /** The value the file holds for the cell, when it holds one. */
  cached?: EngineValue;
  /** The Excel table whose data body holds the cell. */
  inTable?: string;
  /** For a formula that spills: the block it fills (anchor included), as rows of values. */
  spill?: EngineValue[][];
}

export interface FormulaProblem {
  sheet: string;
  cell: string;
  formula: string;
  kind: 'error' | 'unsupported';
  message: Message;
}

export type FormulaWorkbookResult =
  { ok: true; cells: FormulaCellValue[]; errors: FormulaProblem[]; tables: TableInfo[] } | { ok: false; reason: ReadFailure };

export interface FormulaWorkbookOptions extends Partial<ZipLimits> {
  /** Language of the CRM3 functions' error messages. */
  locale?: Locale;
  /** HyperFormula licence key; `gpl-v3` unless you own a commercial key. */
  licenseKey?: string;
}

/** A formula cell of a sheet, shared formulas expanded, with the table that holds it. */
export interface SheetFormula {
  sheet: string;
  row: number;
  col: number;
  /** As stored, without `=`. */
  formula: string;
  type: 'normal' | 'array' | 'dataTable';
  /** For array formulas: the range they fill. */
  ref?: string;
  cached: StoredValue;
  hasValue: boolean;
  inTable?: string;
  /** As HyperFormula reads it (structured references resolved), once known. */
  engine?: string;
}

export interface SheetContent {
  name: string;
  /** Cells that hold plain values (not formulas, not spilled from an array formula). */
  values: StoredCell[];
  formulas: SheetFormula[];
  tables: TableInfo[];
  rows: number;
  cols: number;
}

let pluginRegistered = false;
function ensurePlugin(): void {
  if (pluginRegistered || HyperFormula.getFunctionPlugin(`${NAMESPACE}.SCORE`)) return;
  HyperFormula.registerFunctionPlugin(buildCrm3Plugin(), crm3Translations());
  pluginRegistered = true;
}

function fromStored(v: StoredValue): EngineValue {
  if (v !== null && typeof v === 'object') return { error: v.error, message: '' };
  return v === '' ? null : v;
}

/** Content HyperFormula takes for a plain value: text stays text even when it looks like a number or formula. */
function rawValue(v: StoredValue): RawCellContent {
  if (v === null) return null;
  if (typeof v === 'object') return v.error;
  if (typeof v === 'string') return `'${v}`;
  return v;
}

function inside(t: { top: number; left: number; bottom: number; right: number }, row: number, col: number): boolean {
  return row >= t.top && row <= t.bottom && col >= t.left && col <= t.right;
}

/** The table whose data body (headers and totals excluded) holds the cell. */
export function tableAt(tables: readonly TableInfo[], row: number, col: number): string | undefined {
  return tables.find((t) => inside({ ...t, top: t.top + t.headerRows, bottom: t.bottom - t.totalsRows }, row, col))?.name;
}

/** A worksheet's cells: shared formulas expanded, cells covered by array formulas left to them. */
export async function readSheet(pkg: XlsxPackage, index: number): Promise<SheetContent> {
  const sheet = pkg.sheets[index];
  const cells = await pkg.cells(sheet);
  const tables = await pkg.tables(sheet);
  const masters = new Map<string, StoredCell>();
  for (const c of cells)
    if (c.formula?.type === 'shared' && c.formula.text && c.formula.si !== undefined) masters.set(c.formula.si, c);
  const arrays = cells
    .filter((c) => c.formula?.type === 'array' && c.formula.ref)
    .map((c) => ({ anchor: c, range: parseRange(c.formula!.ref!) }))
    .filter((a) => a.range);
  const covered = (c: StoredCell) => arrays.some((a) => a.anchor !== c && inside(a.range!, c.row, c.col));

  const values: StoredCell[] = [];
  const formulas: SheetFormula[] = [];
  let rows = 0;
  let cols = 0;
  for (const c of cells) {
    rows = Math.max(rows, c.row);
    cols = Math.max(cols, c.col);
    if (!c.formula) {
      if (!covered(c) && c.value !== null) values.push(c);
      continue;
    }
    let text = c.formula.text;
    if (c.formula.type === 'shared') {
      const master = c.formula.si !== undefined ? masters.get(c.formula.si) : undefined;
      if (!master) {
        if (c.value !== null) values.push(c);
        continue;
      }
      text = master === c ? text : shiftFormula(master.formula!.text, c.row - master.row, c.col - master.col);
    }
    if (!text.trim()) {
      if (c.value !== null) values.push(c);
      continue;
    }
    const inTable = tableAt(tables, c.row, c.col);
    formulas.push({
      sheet: sheet.name,
      row: c.row,
      col: c.col,
      formula: text,
      type: c.formula.type === 'shared' ? 'normal' : c.formula.type,
      ...(c.formula.type === 'array' && c.formula.ref ? { ref: c.formula.ref } : {}),
      cached: c.value,
      hasValue: c.hasValue,
      ...(inTable ? { inTable } : {}),
    });
  }
  for (const t of tables) {
    rows = Math.max(rows, t.bottom);
    cols = Math.max(cols, t.right);
  }
  return { name: sheet.name, values, formulas, tables, rows, cols };
}

/** Every worksheet of the package (chart sheets have no cells and are left out). */
export async function readSheets(pkg: XlsxPackage): Promise<SheetContent[]> {
  const out: SheetContent[] = [];
  for (let i = 0; i < pkg.sheets.length; i++) if (pkg.sheets[i].part) out.push(await readSheet(pkg, i));
  return out;
}

const UNSUPPORTED: Record<'structured' | 'external' | 'spill' | 'dataTable', Message> = {
  structured: {
    en: 'uses an Excel table structured reference (Table[Column]), which the CRM3 engine cannot compute; use the defined names (Acc_Score, …) instead',
    zh: '使用了 Excel 表的结构化引用（表[列]），CRM3 引擎无法计算；请改用定义名称（如 Acc_Score）',
  },
  external: {
    en: 'refers to another workbook, which the CRM3 engine cannot open; copy the values into this workbook',
    zh: '引用了其他工作簿，CRM3 引擎无法打开；请把所需数值复制到本工作簿',
  },
  spill: {
    en: 'uses a spill reference (A1#), which the CRM3 engine does not support; refer to the defined name of the column instead',
    zh: '使用了溢出引用（A1#），CRM3 引擎不支持；请改为引用该列的定义名称',
  },
  dataTable: {
    en: 'is a what-if data table (Data > What-If Analysis > Data Table), which the CRM3 engine does not compute',
    zh: '是模拟运算表（数据 > 模拟分析 > 模拟运算表），CRM3 引擎不计算',
  },
};

function errorMessage(value: { error: string; message: string }): Message {
  const why = value.message.replace(/[.。]\s*$/, '');
  return {
    en: `evaluates to ${value.error}${why ? ` (${why})` : ''}. Check the formula's arguments and the names it uses.`,
    zh: `计算结果为 ${value.error}${why ? `（${why}）` : ''}。请检查公式的参数及其使用的名称。`,
  };
}

/** A spilled block from its anchor: right along the anchor's row, down its column, while cells belong to the array. */
function spillOf(hf: HyperFormula, sheet: number, row: number, col: number): EngineValue[][] | undefined {
  const at = (r: number, c: number) => ({ sheet, row: r, col: c });
  if (!hf.isCellPartOfArray(at(row, col))) return undefined;
  const part = (r: number, c: number) => hf.isCellPartOfArray(at(r, c)) && !hf.doesCellHaveFormula(at(r, c));
  let width = 1;
  while (part(row, col + width)) width++;
  let height = 1;
  while (part(row + height, col)) height++;
  const out: EngineValue[][] = [];
  for (let r = 0; r < height; r++) {
    const line: EngineValue[] = [];
    for (let c = 0; c < width; c++) line.push(toEngineValue(hf.getCellValue(at(row + r, col + c))));
    out.push(line);
  }
  return out;
}

type SpillName = { name: string; scope?: number; resolved: ResolvedName; sheet?: string };

/**
 * Loads the formula cells, defining the names over spilled results (`'Plan'!$T$5#`) as the
 * ranges their anchors fill. HyperFormula sizes a spilled result when the formula is
 * loaded, from the names it reads, so a name must exist before any formula reads it: anchors
 * go first (round by round when an anchor reads another spill name), then everything else.
 */
function loadFormulas(hf: HyperFormula, sheets: SheetContent[], supported: SheetFormula[][], spilled: SpillName[]): void {
  const sheetId = (n: string) => hf.getSheetId(n)!;
  const loaded = new Set<SheetFormula>();
  const load = (s: SheetContent, f: SheetFormula) => {
    hf.setCellContents({ sheet: sheetId(s.name), row: f.row - 1, col: f.col - 1 }, `=${f.engine ?? toEngineFormula(f.formula)}`);
    loaded.add(f);
  };
  const anchorOf = (n: SpillName, at: ResolvedName['spills'][number]) => {
    const i = sheets.findIndex((s) => s.name === (at.sheet ?? n.sheet));
    const f = i < 0 ? undefined : supported[i].find((x) => x.row === at.row && x.col === at.col);
    return f ? { s: sheets[i], f } : undefined;
  };
  let pending = [...spilled];
  while (pending.length) {
    const waiting = new Set(pending.map((n) => n.name.toUpperCase()));
    const reads = (f: SheetFormula) => tokenize(f.formula).some((t) => t.kind === 'name' && waiting.has(t.text.toUpperCase()));
    const ready = pending.filter((n) => n.resolved.spills.every((at) => !anchorOf(n, at) || !reads(anchorOf(n, at)!.f)));
    if (!ready.length) break;
    hf.suspendEvaluation();
    for (const n of ready)
      for (const at of n.resolved.spills) {
        const a = anchorOf(n, at);
        if (a && !loaded.has(a.f)) load(a.s, a.f);
      }
    hf.resumeEvaluation();
    for (const n of ready) {
      const tokens = [...n.resolved.tokens];
      for (const at of n.resolved.spills) {
        const id = hf.getSheetId(at.sheet ?? n.sheet ?? '');
        const block = id === undefined ? undefined : spillOf(hf, id, at.row - 1, at.col - 1);
        const h = block?.length ?? 1;
        const w = block?.[0]?.length ?? 1;
        tokens[at.token] = `${tokens[at.token]}:$${columnLetters(at.col + w - 1)}$${at.row + h - 1}`;
      }
      const expression = `=${tokens.join('')}`;
      if (hf.isItPossibleToAddNamedExpression(n.name, expression, n.scope)) hf.addNamedExpression(n.name, expression, n.scope);
    }
    pending = pending.filter((n) => !ready.includes(n));
  }
  hf.suspendEvaluation();
  sheets.forEach((s, i) => {
    for (const f of supported[i]) if (!loaded.has(f)) load(s, f);
  });
  hf.resumeEvaluation();
}

/**
 * Loads the workbook into HyperFormula and reports every formula cell's value. Formulas the
 * engine cannot compute (structured or external references, spill references, data tables)
 * keep their cached value for the cells that depend on them and are listed as unsupported.
 */
export async function evaluateFormulaWorkbook(
  bytes: Uint8Array | ArrayBuffer,
  name: string,
  options: FormulaWorkbookOptions = {},
): Promise<FormulaWorkbookResult> {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const opened = await openXlsxPackage(view, name, options);
  if (!opened.ok) return opened;
  try {
    return evaluateSheets(opened.pkg, await readSheets(opened.pkg), options);
  } catch (e) {
    return { ok: false, reason: notComputed(name, e) };
  }
}

function notComputed(name: string, e: unknown): ReadFailure {
  const m = (e instanceof Error ? e.message : String(e)).slice(0, 200);
  return {
    code: 'corrupt',
    message: {
      en: `${name} could not be computed (${m}). Open it in Excel, check its formulas and save it again.`,
      zh: `${name} 无法计算（${m}）。请在 Excel 中打开，检查其中的公式后重新保存。`,
    },
  };
}

function evaluateSheets(pkg: XlsxPackage, sheets: SheetContent[], options: FormulaWorkbookOptions): FormulaWorkbookResult {
  ensurePlugin();
  const errors: FormulaProblem[] = [];
  const grids: Record<string, RawCellContent[][]> = {};
  const supported: SheetFormula[][] = [];
  let maxRows = 1000;
  let maxCols = 100;
  const allTables = sheets.flatMap((s) => s.tables);
  for (const s of sheets) {
    const grid: RawCellContent[][] = [];
    const put = (row: number, col: number, v: RawCellContent) => {
      (grid[row - 1] ??= [])[col - 1] = v;
    };
    for (const c of s.values) put(c.row, c.col, rawValue(c.value));
    const ok: SheetFormula[] = [];
    for (const f of s.formulas) {
      // Calculated columns hold `Table[[#This Row],[Col]]`: the row's own cells to HyperFormula.
      f.engine = toEngineFormula(f.formula, { tables: allTables, sheet: s.name, row: f.row });
      const why = f.type === 'dataTable' ? 'dataTable' : unsupportedPart(f.engine);
      if (why) {
        errors.push({
          sheet: s.name,
          cell: cellAddress(f.row, f.col),
          formula: f.formula,
          kind: 'unsupported',
          message: UNSUPPORTED[why],
        });
        put(f.row, f.col, rawValue(f.cached));
      } else ok.push(f);
    }
    supported.push(ok);
    // HyperFormula wants every row an array; holes become blank cells.
    for (let r = 0; r < grid.length; r++) grid[r] = Array.from(grid[r] ?? [], (v) => v ?? null);
    grids[s.name] = grid;
    maxRows = Math.max(maxRows, s.rows + 1);
    maxCols = Math.max(maxCols, s.cols + 1);
  }
  if (Object.keys(grids).length === 0) grids.Sheet1 = [];

  const config: Partial<ConfigParams> = {
    licenseKey: options.licenseKey ?? 'gpl-v3',
    maxRows: Math.max(maxRows, 1048576),
    maxColumns: Math.min(Math.max(maxCols, 100), 16384),
    // Full precision, as the engine: the client copy and parity checks compare exact values.
    smartRounding: false,
    useColumnIndex: false,
    // Not evaluateNullToZero: it would also turn a name over one empty cell (an empty
    // template's one-row table) into 0, which CRM3 functions rightly reject as a status.
    // One-shot evaluation: no undo history.
    undoLimit: 0,
  };
  const hf = HyperFormula.buildFromSheets(grids, config);
  setPluginLocale(hf, options.locale ?? 'en-US');
  try {
    const sheetId = (n: string) => hf.getSheetId(n)!;
    // Names before formulas: HyperFormula sizes spilled CRM3 results through the names only once they exist.
    // suspend/resume rather than batch(): inside a batch every edit re-collects the batch's
    // undo data (HyperFormula 3.5), which makes loading thousands of formulas quadratic.
    hf.suspendEvaluation();
    const tables = sheets.flatMap((s) => s.tables);
    const spilled: SpillName[] = [];
    for (const n of pkg.names) {
      if (/^_xl(?:nm|fn|pm)\./i.test(n.name) || n.name.startsWith('_xldudf')) continue;
      const scope = n.sheet !== undefined ? hf.getSheetId(n.sheet) : undefined;
      if (n.sheet !== undefined && scope === undefined) continue;
      // Structured references (Accounts[AccountId]) become the table's data body; spills wait for their anchor.
      const resolved = resolveName(toEngineFormula(n.text), tables);
      if (!resolved) continue;
      if (resolved.spills.length) {
        spilled.push({ name: n.name, scope, resolved, sheet: n.sheet });
        continue;
      }
      const expression = `=${resolved.text}`;
      if (hf.isItPossibleToAddNamedExpression(n.name, expression, scope)) hf.addNamedExpression(n.name, expression, scope);
    }
    hf.resumeEvaluation();
    loadFormulas(hf, sheets, supported, spilled);

    const cells: FormulaCellValue[] = [];
    sheets.forEach((s, i) => {
      const id = sheetId(s.name);
      for (const f of supported[i]) {
        const value = toEngineValue(hf.getCellValue({ sheet: id, row: f.row - 1, col: f.col - 1 }));
        const spill = spillOf(hf, id, f.row - 1, f.col - 1);
        const cell = cellAddress(f.row, f.col);
        cells.push({
          sheet: s.name,
          cell,
          formula: f.formula,
          value,
          ...(f.hasValue ? { cached: fromStored(f.cached) } : {}),
          ...(f.inTable ? { inTable: f.inTable } : {}),
          ...(spill ? { spill } : {}),
        });
        if (value !== null && typeof value === 'object') {
          errors.push({ sheet: s.name, cell, formula: f.formula, kind: 'error', message: errorMessage(value) });
        }
      }
    });
    return { ok: true, cells, errors, tables: sheets.flatMap((s) => s.tables) };
  } finally {
    hf.destroy();
  }
}

/** The formula cells of a workbook as stored (shared formulas expanded), each with the table that holds it. */
export async function listFormulaCells(
  bytes: Uint8Array | ArrayBuffer,
  name: string,
  limits: Partial<ZipLimits> = {},
): Promise<
  | { ok: true; formulas: { sheet: string; cell: string; formula: string; inTable?: string }[] }
  | { ok: false; reason: ReadFailure }
> {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const opened = await openXlsxPackage(view, name, limits);
  if (!opened.ok) return opened;
  let sheets: SheetContent[];
  try {
    sheets = await readSheets(opened.pkg);
  } catch (e) {
    return { ok: false, reason: notComputed(name, e) };
  }
  return {
    ok: true,
    formulas: sheets.flatMap((s) =>
      s.formulas.map((f) => ({
        sheet: s.name,
        cell: cellAddress(f.row, f.col),
        formula: f.formula,
        ...(f.inTable ? { inTable: f.inTable } : {}),
      })),
    ),
  };
}
