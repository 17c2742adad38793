/**
 * Finding the CRM3 tables in a workbook's sheets (DESIGN.md §3): an Excel table (ListObject)
 * named like the table, else a sheet named like it with a header row; the Config sheet's
 * tables (Excel tables, or blocks headed by the table's name) and settings (defined names,
 * or Name | Value rows); and the Indicators sheet. Works on plain sheet grids, so it knows
 * nothing of ExcelJS.
 */
import { Cell, isBlank, isoFromSerial, toNumber } from '../core/cells';
import { Direction, lookupEnum } from '../core/enumerations';
import { CONFIG_TABLES, ConfigTableName, SETTINGS, SettingName } from '../model/config';
import { ProblemList, moreLike, place } from '../model/problems';
import { ImportInfo, ImportedColumn, ImportedTable } from '../model/importInfo';
import { ColumnSpec, SHEET_ZH, TABLES, TableName, exportColumns } from '../model/schema';
import { IndicatorRow, TableData, WorkbookSnapshot, a1 } from '../model/snapshot';
import { rowCount, tableOfColumns } from '../model/tableColumns';
import { columnValues, columnsOf } from '../model/workbookColumns';
import { ColumnChoice, ExportExtent, NOT_USED, exportIndex, findExportTables } from './exportTables';
import { HeaderIndex, headerKey, mapHeaders } from './headers';

/** A cell as the grid gives it: a plain value, or a flag for what could not become one. */
export type GridValue = Cell | { flag: 'error'; code: string } | { flag: 'uncalculated' };

export interface ListObjectInfo {
  name: string;
  /** 1-based, inclusive; `top` is the header row. */
  top: number;
  left: number;
  bottom: number;
  right: number;
  totalsRow: boolean;
  columnNames: readonly string[];
}

/** One worksheet, read-only. */
export interface SheetGrid {
  readonly name: string;
  /** Last row number that may hold something. */
  readonly lastRow: number;
  value(row: number, col: number): GridValue;
  /** Formula text (no leading '='), when the cell holds a formula. */
  formula(row: number, col: number): string | undefined;
  /** Non-blank cells of a row, by ascending column. */
  entries(row: number): [number, GridValue][];
  /** The same cells handed one by one, without a pair each (a big table's reader uses it where a grid has it). */
  eachEntry?(row: number, visit: (col: number, value: GridValue) => void): void;
  /**
   * Rows `from` to `from + count - 1`, columns left to right, as one array per column for a
   * table to keep, when the grid holds them so (a table's cells scanned straight into columns);
   * else undefined. The grid answers its cells as before afterwards.
   */
  takeColumns?(from: number, count: number, left: number, right: number): TakenColumns | undefined;
  readonly listObjects: readonly ListObjectInfo[];
  /** The currency a number cell's format shows ("$"#,##0 → USD), when the grid knows formats. */
  currency?(row: number, col: number): string | undefined;
}

/** A table's columns as a grid hands them over: flagged cells are blanks in them, and listed in row order. */
export interface TakenColumns {
  columns: Cell[][];
  /** Data row i (0-based), column j, and the flag the cell holds. */
  flagged: readonly { i: number; j: number; value: Exclude<GridValue, Cell> }[];
}

/** A workbook-level (or sheet-level) defined name, as written in workbook.xml. */
export interface DefinedName {
  name: string;
  /** The name's formula text, e.g. Config!$B$2, 46000, "CNY", TODAY(). */
  text: string;
  /** For a sheet-scoped name: the sheet. */
  sheet?: string;
}

export class TooManyRowsError extends Error {
  constructor(
    readonly sheet: string,
    readonly table: string,
    readonly rows: number,
    readonly limit: number,
  ) {
    super(`${sheet}: ${table} has ${rows} rows (limit ${limit})`);
  }
}

export interface FindOptions {
  maxRows: number;
  /**
   * Column choices for an export's headers, before the aliases (the pane's mapping view);
   * default: the ImportMap of `importConfig` (or of the file's own Config).
   */
  columnChoices?: readonly ColumnChoice[];
  /** Config of the CRM3 workbook an export is read for (its criteria, questions, ImportMap). */
  importConfig?: WorkbookSnapshot['config'];
}

export type FoundTables = Omit<WorkbookSnapshot, 'problems'> & { problems: ProblemList };

const isFlag = (v: GridValue): v is Exclude<GridValue, Cell> => v !== null && typeof v === 'object';

/** Header text of a cell (numbers and booleans as Excel shows them). */
function headerText(v: GridValue): string {
  if (v === null || isFlag(v)) return '';
  return typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v).trim();
}

/** "tblAccounts", "Table_Accounts" and "Accounts" all name the Accounts table. */
function tableNameKey(name: string): string {
  return headerKey(name).replace(/^(tbl|table)(?=.)/, '');
}

function namesTable(name: string, en: string, zh: string): boolean {
  const k = tableNameKey(name);
  return k === headerKey(en) || k === headerKey(zh);
}

/** Where a table's cells are: header row, columns, and the last row that may hold data. */
interface Extent {
  grid: SheetGrid;
  headerRow: number;
  left: number;
  right: number;
  bottom: number;
  listObject?: ListObjectInfo;
  /** Rows read as blank (subtotal lines inside an export's data). */
  blankRows?: ReadonlySet<number>;
}

const Z = {
  duplicateHeader: (sheet: string, cell: string, name: string, firstCell: string) => ({
    en: `${place(sheet, cell)}: column ${name} appears twice; the first one (${firstCell}) is used and this one is ignored. Delete or rename one of them.`,
    zh: `${place(sheet, cell)}：列 ${name} 出现了两次；只使用第一个（${firstCell}），忽略此列。请删除或重命名其中一列。`,
  }),
  errorValue: (sheet: string, cell: string, column: { en: string; zh: string }, code: string) => ({
    en: `${place(sheet, cell)}: ${column.en} holds the error ${code}; it is read as blank. Fix the formula or type the value.`,
    zh: `${place(sheet, cell)}：${column.zh} 中是错误值 ${code}，按空白处理。请修正公式或直接填写数值。`,
  }),
  uncalculated: (sheet: string, cell: string, column: { en: string; zh: string }) => ({
    en: `${place(sheet, cell)}: ${column.en} holds a formula whose result was never calculated (the file was saved by a program that does not calculate); it is read as blank. Open the file in Excel and save it, or type the value.`,
    zh: `${place(sheet, cell)}：${column.zh} 中的公式从未计算过结果（文件由不计算公式的程序保存），按空白处理。请在 Excel 中打开并保存该文件，或直接填写数值。`,
  }),
  twoCandidates: (what: string, used: string, ignored: string) => ({
    en: `Two places hold table ${what}: ${used} is used and ${ignored} is ignored. Rename or delete the one you do not want.`,
    zh: `有两处都是表 ${what}：使用 ${used}，忽略 ${ignored}。请重命名或删除不需要的那一处。`,
  }),
  badName: (name: string, text: string) => ({
    en: `The defined name ${name} (= ${text}) does not point at a cell this reader can use; the default is used instead. In Name Manager (Formulas > Name Manager), point ${name} at a single cell that holds the value.`,
    zh: `定义名称 ${name}（= ${text}）没有指向可读取的单元格，改用默认值。请在“公式 > 名称管理器”中将 ${name} 指向存放该值的单个单元格。`,
  }),
  settingUnvalued: (sheet: string, cell: string, setting: string, v: Exclude<GridValue, Cell>, fallback: Cell) => {
    const dflt =
      fallback === null
        ? { en: 'its default (from the evaluation date, or none)', zh: '默认值（按计算日期推算，或为空）' }
        : { en: `the default ${String(fallback)}`, zh: `默认值 ${String(fallback)}` };
    return v.flag === 'error'
      ? {
          en: `${place(sheet, cell)}: setting ${setting} holds the error ${v.code}, so ${dflt.en} is used instead. Fix the formula or type the value.`,
          zh: `${place(sheet, cell)}：设置项 ${setting} 是错误值 ${v.code}，因此改用${dflt.zh}。请修正公式或直接填写数值。`,
        }
      : {
          en: `${place(sheet, cell)}: setting ${setting} holds a formula whose result was never calculated (the file was saved by a program that does not calculate), so ${dflt.en} is used instead. Open the file in Excel and save it, or type the value.`,
          zh: `${place(sheet, cell)}：设置项 ${setting} 的公式从未计算过结果（文件由不计算公式的程序保存），因此改用${dflt.zh}。请在 Excel 中打开并保存该文件，或直接填写数值。`,
        };
  },
  indicatorNoFormula: (sheet: string, cell: string, id: string) => ({
    en: `${place(sheet, cell)}: indicator ${id} has no Value formula, so it is skipped. Enter a formula such as =CRM3.WINRATE(Opp_Status).`,
    zh: `${place(sheet, cell)}：指标 ${id} 没有数值公式，已跳过。请填写公式，例如 =CRM3.WINRATE(Opp_Status)。`,
  }),
  indicatorNoId: (sheet: string, cell: string) => ({
    en: `${place(sheet, cell)}: this indicator row has a formula but no Id, so it is skipped. Give it a unique Id such as MY_INDICATOR.`,
    zh: `${place(sheet, cell)}：该指标行有公式但没有编号，已跳过。请填写唯一编号，例如 MY_INDICATOR。`,
  }),
};

/**
 * Reads a table's cells into TableData. Every data row is kept, except blank rows at the
 * bottom; cells holding errors or never-calculated formulas become blank, with a problem
 * unless the column is computed (Score, Tier, … are the workbook's own formulas).
 */
function readExtent(
  ext: Extent,
  label: string,
  index: HeaderIndex,
  computed: ReadonlySet<string>,
  zhOf: (name: string) => string,
  opts: FindOptions,
  problems: ProblemList,
): TableData {
  const { grid, headerRow, left, right } = ext;
  const written: string[] = [];
  for (let c = left; c <= right; c++) {
    const t = headerText(grid.value(headerRow, c));
    written.push(t || (ext.listObject?.columnNames[c - left] ?? ''));
  }
  const { headers, duplicates } = mapHeaders(written, index);
  for (const d of duplicates) {
    problems.push({
      severity: 'warning',
      sheet: grid.name,
      cell: a1(headerRow, left + d.repeat),
      message: Z.duplicateHeader(grid.name, a1(headerRow, left + d.repeat), d.name, a1(headerRow, left + d.first)),
    });
  }

  let bottom = ext.bottom;
  const inRange = (row: number) => grid.entries(row).some(([c]) => c >= left && c <= right);
  while (bottom > headerRow && !inRange(bottom)) bottom--;
  const count = bottom - headerRow;
  if (count > opts.maxRows) throw new TooManyRowsError(grid.name, label, count, opts.maxRows);

  // Column by column, no array per row (issue #15, model/tableColumns.ts): normalize, validate
  // and the engine's layout read the columns as they are; rows are made only if asked for.
  const width = right - left + 1;
  const columns: Cell[][] = new Array(width);
  // Held by column (issue #15), unless rows are read as blank (an export's subtotal lines: the row walk below skips them).
  const taken = ext.blankRows?.size ? undefined : grid.takeColumns?.(headerRow + 1, count, left, right);
  if (!taken) for (let j = 0; j < width; j++) columns[j] = new Array<Cell>(count).fill(null);
  let r = headerRow;
  let i = 0;
  const take = (c: number, v: GridValue) => {
    if (c < left || c > right) return;
    const j = c - left;
    if (!isFlag(v)) {
      columns[j][i] = v;
      return;
    }
    flagged(c, j, v);
  };
  const flagged = (c: number, j: number, v: Exclude<GridValue, Cell>) => {
    if (computed.has(headers[j])) return;
    const cell = a1(r, c);
    const column = { en: headers[j] || a1(headerRow, c), zh: zhOf(headers[j]) || a1(headerRow, c) };
    if (v.flag === 'error') {
      problems.add(
        `${grid.name}|${c}|error`,
        { severity: 'warning', sheet: grid.name, cell, message: Z.errorValue(grid.name, cell, column, v.code) },
        moreLike(column, { en: 'error value', zh: '错误值' }),
      );
    } else {
      problems.add(
        `${grid.name}|${c}|uncalculated`,
        { severity: 'warning', sheet: grid.name, cell, message: Z.uncalculated(grid.name, cell, column) },
        moreLike(column, { en: 'formula never calculated', zh: '公式未计算' }),
      );
    }
  };
  if (taken) {
    // The table's columns as the grid holds them (no copy); its flagged cells, in the order
    // the row-by-row walk below meets them.
    for (const f of taken.flagged) {
      i = f.i;
      r = headerRow + 1 + i;
      flagged(left + f.j, f.j, f.value);
    }
    for (let j = 0; j < width; j++) columns[j] = taken.columns[j];
  } else
    for (i = 0; i < count; i++) {
      r = headerRow + 1 + i;
      if (ext.blankRows?.has(r)) continue;
      // Cell by cell without a [column, value] pair each (issue #15), where the grid can.
      if (grid.eachEntry) grid.eachEntry(r, take);
      else for (const [c, v] of grid.entries(r)) take(c, v);
    }
  return tableOfColumns({ sheet: grid.name, origin: { row: headerRow, col: left }, headers }, columns, count);
}

function extentOfListObject(grid: SheetGrid, lo: ListObjectInfo): Extent {
  return {
    grid,
    headerRow: lo.top,
    left: lo.left,
    right: lo.right,
    bottom: lo.totalsRow ? lo.bottom - 1 : lo.bottom,
    listObject: lo,
  };
}

/**
 * The header row of a plain sheet: the first of its first 30 non-empty rows with at least
 * two known headers (so a title above the table is skipped), else the first non-empty row.
 */
function sheetExtent(grid: SheetGrid, index: HeaderIndex): Extent | undefined {
  let first: number | undefined;
  let chosen: number | undefined;
  for (let r = 1, seen = 0; r <= grid.lastRow && seen < 30; r++) {
    const cells = grid.entries(r).filter(([, v]) => headerText(v) !== '');
    if (!cells.length) continue;
    seen++;
    first ??= r;
    if (cells.filter(([, v]) => index.match(headerText(v)) !== undefined).length >= 2) {
      chosen = r;
      break;
    }
  }
  const headerRow = chosen ?? first;
  if (headerRow === undefined) return undefined;
  const cols = grid
    .entries(headerRow)
    .filter(([, v]) => headerText(v) !== '')
    .map(([c]) => c);
  return { grid, headerRow, left: cols[0], right: cols[cols.length - 1], bottom: grid.lastRow };
}

function listObjectMatches(lo: ListObjectInfo, grid: SheetGrid, index: HeaderIndex): number {
  let n = 0;
  for (let c = lo.left; c <= lo.right; c++)
    if (index.match(headerText(grid.value(lo.top, c)) || (lo.columnNames[c - lo.left] ?? '')) !== undefined) n++;
  return n;
}

/**
 * Where a schema table (or the Indicators sheet) is: an Excel table named like it anywhere;
 * else the first sheet named like it (inside it, its best-matching Excel table if it has
 * one, else its header row).
 */
function locate(
  grids: readonly SheetGrid[],
  en: string,
  zh: string,
  index: HeaderIndex,
  problems: ProblemList,
): Extent | undefined {
  const los = grids.flatMap((g) => g.listObjects.filter((lo) => namesTable(lo.name, en, zh)).map((lo) => ({ g, lo })));
  const sheets = grids.filter((g) => namesTable(g.name, en, zh));
  if (los.length) {
    const used = los[0];
    for (const other of [
      ...los.slice(1).map((x) => `${x.lo.name} (${x.g.name})`),
      ...sheets.filter((g) => g !== used.g).map((g) => `sheet ${g.name}`),
    ]) {
      problems.push({
        severity: 'warning',
        sheet: used.g.name,
        cell: '',
        message: Z.twoCandidates(en, `${used.lo.name} (${used.g.name})`, other),
      });
    }
    return extentOfListObject(used.g, used.lo);
  }
  if (!sheets.length) return undefined;
  const grid = sheets[0];
  for (const other of sheets.slice(1))
    problems.push({
      severity: 'warning',
      sheet: grid.name,
      cell: '',
      message: Z.twoCandidates(en, `sheet ${grid.name}`, `sheet ${other.name}`),
    });
  const inSheet = grid.listObjects
    .map((lo) => ({ lo, n: listObjectMatches(lo, grid, index) }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n);
  return inSheet.length ? extentOfListObject(grid, inSheet[0].lo) : sheetExtent(grid, index);
}

// ---------------------------------------------------------------- Config

const configIndex = new HeaderIndex(CONFIG_TABLES.map((t) => ({ name: t.name, zh: t.zh })));
const settingIndex = new HeaderIndex(SETTINGS.map((s) => ({ name: s.name, zh: s.zh })));

interface Region {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** A title row: one non-blank cell, naming a Config table. */
function blockTitle(grid: SheetGrid, row: number): { name: ConfigTableName; col: number } | undefined {
  const cells = grid.entries(row).filter(([, v]) => headerText(v) !== '');
  if (cells.length !== 1) return undefined;
  const name = configIndex.match(tableNameKey(headerText(cells[0][1])));
  return name ? { name: name as ConfigTableName, col: cells[0][0] } : undefined;
}

/** Config tables written as blocks: a title cell, the header row below it, rows until a blank row. */
function configBlocks(grid: SheetGrid): Map<ConfigTableName, Extent & { title: number }> {
  const out = new Map<ConfigTableName, Extent & { title: number }>();
  const last = Math.min(grid.lastRow, 10_000);
  for (let r = 1; r <= last; r++) {
    const title = blockTitle(grid, r);
    if (!title || out.has(title.name)) continue;
    let headerRow = r + 1;
    while (
      headerRow <= Math.min(last, r + 3) &&
      !grid.entries(headerRow).some(([c, v]) => c >= title.col && headerText(v) !== '')
    )
      headerRow++;
    if (headerRow > Math.min(last, r + 3)) continue;
    let right = title.col;
    while (headerText(grid.value(headerRow, right + 1)) !== '') right++;
    let bottom = headerRow;
    while (
      bottom + 1 <= grid.lastRow &&
      !blockTitle(grid, bottom + 1) &&
      grid.entries(bottom + 1).some(([c, v]) => c >= title.col && c <= right && v !== null)
    )
      bottom++;
    out.set(title.name, { grid, headerRow, left: title.col, right, bottom, title: r });
    r = bottom;
  }
  return out;
}

function parseNameReference(text: string): { sheet: string; row: number; col: number } | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^!'"]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?[A-Za-z]{1,3}\$?\d+)?$/.exec(text.trim());
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  let col = 0;
  for (const ch of m[3].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { sheet, row: Number(m[4]), col };
}

/** A constant a defined name may hold: 46000, "CNY", TRUE. */
function parseNameConstant(text: string): { value: Cell } | undefined {
  const t = text.trim();
  if (/^"(?:[^"]|"")*"$/.test(t)) return { value: t.slice(1, -1).replace(/""/g, '"') };
  if (/^(TRUE|FALSE)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE' };
  const n = toNumber(t);
  return n !== undefined ? { value: n } : undefined;
}

function readSettings(
  grids: readonly SheetGrid[],
  names: readonly DefinedName[],
  configGrid: SheetGrid | undefined,
  occupied: readonly Region[],
  problems: ProblemList,
): Pick<WorkbookSnapshot, 'settings' | 'settingCells'> {
  const settings: WorkbookSnapshot['settings'] = {};
  const settingCells: NonNullable<WorkbookSnapshot['settingCells']> = {};
  const byName = new Map(grids.map((g) => [g.name.toLowerCase(), g]));
  /** A setting's cell: an error or a never-calculated formula is no value, and is reported (the default then applies). */
  const valueOf = (v: GridValue, setting: SettingName, sheet: string, cell: string): Cell => {
    if (!isFlag(v)) return v;
    const spec = SETTINGS.find((x) => x.name === setting);
    problems.push({
      severity: 'warning',
      sheet,
      cell,
      message: Z.settingUnvalued(sheet, cell, setting, v, spec?.fallback ?? null),
    });
    return null;
  };

  // Workbook-level names first; a sheet-level name only when there is no workbook-level one.
  const ordered = [...names.filter((n) => n.sheet === undefined), ...names.filter((n) => n.sheet !== undefined)];
  for (const dn of ordered) {
    const setting = settingIndex.match(dn.name) as SettingName | undefined;
    if (!setting || setting in settings) continue;
    const text = dn.text.replace(/^=/, '').trim();
    const ref = parseNameReference(text);
    const grid = ref && byName.get(ref.sheet.toLowerCase());
    if (ref && grid) {
      settings[setting] = valueOf(grid.value(ref.row, ref.col), setting, grid.name, a1(ref.row, ref.col));
      settingCells[setting] = { sheet: grid.name, cell: a1(ref.row, ref.col) };
      continue;
    }
    const constant = parseNameConstant(text);
    if (constant) {
      settings[setting] = constant.value;
      continue;
    }
    // =TODAY() (or NOW()) is the documented way to say "today": leave it to the evaluator's default.
    if (/^(TODAY|NOW)\(\)$/i.test(text)) continue;
    problems.push({ severity: 'warning', sheet: configGrid?.name ?? '', cell: '', message: Z.badName(dn.name, text) });
  }

  // Name | Value rows on the Config sheet, outside its tables.
  if (configGrid) {
    const inTable = (r: number, c: number) => occupied.some((o) => r >= o.top && r <= o.bottom && c >= o.left && c <= o.right);
    const last = Math.min(configGrid.lastRow, 10_000);
    for (let r = 1; r <= last; r++) {
      for (const [c, v] of configGrid.entries(r)) {
        if (inTable(r, c) || typeof v !== 'string') continue;
        const setting = settingIndex.match(v) as SettingName | undefined;
        if (!setting || setting in settings) continue;
        settings[setting] = valueOf(configGrid.value(r, c + 1), setting, configGrid.name, a1(r, c + 1));
        settingCells[setting] = { sheet: configGrid.name, cell: a1(r, c + 1) };
        break;
      }
    }
  }
  return { settings, settingCells };
}

// ---------------------------------------------------------------- Indicators

const INDICATOR_COLUMNS = new HeaderIndex([
  { name: 'Id', zh: '编号', aliases: ['Indicator Id', '指标编号', 'Code', '代码'] },
  { name: 'Goal', zh: '目标', aliases: ['Value Goal', '价值目标'] },
  { name: 'Name', zh: '名称', aliases: ['Name_en', 'Indicator', '指标', '指标名称', 'English Name', '英文名称'] },
  { name: 'Name_zh', zh: '中文名称', aliases: ['NameZh', 'Name (zh)', '名称(中文)', '指标名称(中文)'] },
  { name: 'Value', zh: '数值', aliases: ['Formula', '公式', '值', '指标值'] },
  { name: 'Unit', zh: '单位' },
  { name: 'Direction', zh: '方向', aliases: ['Better', '趋势'] },
  { name: 'Green', zh: '绿灯', aliases: ['绿', 'Green Threshold', '绿灯阈值', '目标值'] },
  { name: 'Red', zh: '红灯', aliases: ['红', 'Red Threshold', '红灯阈值', '警戒值'] },
  { name: 'Status', zh: '状态', aliases: ['RAG', '灯号'] },
]);

const UNITS: Record<string, IndicatorRow['unit']> = {};
for (const [unit, words] of Object.entries({
  ratio: ['ratio', '%', 'percent', 'percentage', 'rate', '比率', '比例', '百分比', '率'],
  amount: ['amount', 'currency', 'money', 'value', '金额', '元', '万元', 'cny', 'rmb', 'usd', 'eur', '¥', '$'],
  days: ['days', 'day', 'd', '天', '天数', '日'],
  count: ['count', 'number of', '#', 'n', '个数', '数量', '个', '次', '件'],
  number: ['number', 'score', '分', '分数', '数值'],
} as Record<IndicatorRow['unit'], string[]>)) {
  for (const w of words) UNITS[headerKey(w)] = unit as IndicatorRow['unit'];
}

/** Excel writes newer functions with storage prefixes (_xlfn.IFS); formulas are kept as typed. */
function cleanFormula(f: string): string {
  // Office add-in functions are stored as _xldudf_CRM3_WINRATE(…); the typed form is CRM3.WINRATE(…).
  return f
    .replace(/_xlfn\.|_xlws\.|_xludf\./gi, '')
    .replace(/\b_xldudf_CRM3_([A-Za-z0-9]+)\(/gi, (_m, id: string) => `CRM3.${id.toUpperCase()}(`);
}

function threshold(c: Cell): number | null {
  if (typeof c === 'string') {
    const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*[%％]\s*$/.exec(c.normalize('NFKC'));
    if (m) return Number(m[1]) / 100;
  }
  return toNumber(c) ?? null;
}

function literalFormula(v: Cell): string {
  if (typeof v === 'number') return `=${v}`;
  if (typeof v === 'boolean') return v ? '=TRUE' : '=FALSE';
  const s = String(v);
  return s.startsWith('=') ? s : `="${s.replace(/"/g, '""')}"`;
}

function readIndicators(ext: Extent, opts: FindOptions, problems: ProblemList): IndicatorRow[] {
  // Value and Status hold formulas the engine computes: a file saved without their results is fine.
  const data = readExtent(ext, 'Indicators', INDICATOR_COLUMNS, new Set(['Value', 'Status']), (n) => n, opts, problems);
  const col = (name: string) => data.headers.indexOf(name);
  const [iId, iGoal, iName, iZh, iValue, iUnit, iDir, iGreen, iRed] = [
    'Id',
    'Goal',
    'Name',
    'Name_zh',
    'Value',
    'Unit',
    'Direction',
    'Green',
    'Red',
  ].map(col);
  const at = (row: Cell[], j: number): Cell => (j >= 0 ? row[j] : null);
  const out: IndicatorRow[] = [];
  data.rows.forEach((row, i) => {
    const r = ext.headerRow + 1 + i;
    const id = isBlank(at(row, iId)) ? '' : String(at(row, iId)).trim();
    let formula: string | undefined;
    if (iValue >= 0) {
      const f = ext.grid.formula(r, ext.left + iValue);
      if (f !== undefined) formula = `=${cleanFormula(f)}`;
      else if (!isBlank(row[iValue])) formula = literalFormula(row[iValue]);
    }
    if (!id && !formula) return;
    if (!id) {
      problems.push({
        severity: 'warning',
        sheet: ext.grid.name,
        cell: a1(r, ext.left),
        message: Z.indicatorNoId(ext.grid.name, a1(r, ext.left)),
      });
      return;
    }
    if (!formula) {
      const cell = a1(r, ext.left + Math.max(iValue, 0));
      problems.push({ severity: 'warning', sheet: ext.grid.name, cell, message: Z.indicatorNoFormula(ext.grid.name, cell, id) });
      return;
    }
    const en = isBlank(at(row, iName)) ? id : String(at(row, iName)).trim();
    const zh = isBlank(at(row, iZh)) ? en : String(at(row, iZh)).trim();
    const unitText = isBlank(at(row, iUnit)) ? '' : headerKey(String(at(row, iUnit)));
    const direction = lookupEnum(Direction, at(row, iDir))?.code === 'LowerIsBetter' ? 'LowerIsBetter' : 'HigherIsBetter';
    out.push({
      id,
      goal: isBlank(at(row, iGoal)) ? '' : String(at(row, iGoal)).trim(),
      name: { en, zh },
      formula,
      unit: UNITS[unitText] ?? 'number',
      direction,
      green: threshold(at(row, iGreen)),
      red: threshold(at(row, iRed)),
    });
  });
  return out;
}

// ---------------------------------------------------------------- the workbook

/**
 * Finds every CRM3 table, the Config tables and settings, and the indicator rows. Throws
 * TooManyRowsError when a table is over the row limit.
 */
export function findTables(grids: readonly SheetGrid[], names: readonly DefinedName[], opts: FindOptions): FoundTables {
  const problems = new ProblemList();
  const configGrid = grids.find((g) => namesTable(g.name, 'Config', SHEET_ZH.Config));
  const blocks = configGrid ? configBlocks(configGrid) : new Map<ConfigTableName, Extent & { title: number }>();
  const occupied: Region[] = [];

  const config: WorkbookSnapshot['config'] = {};
  for (const spec of CONFIG_TABLES) {
    const index = new HeaderIndex(spec.columns);
    const zhOf = (n: string) => spec.columns.find((c) => c.name === n)?.zh ?? n;
    const lo = grids.flatMap((g) =>
      g.listObjects.filter((l) => namesTable(l.name, spec.name, spec.zh)).map((l) => ({ g, l })),
    )[0];
    const block = blocks.get(spec.name);
    const ext = lo ? extentOfListObject(lo.g, lo.l) : block;
    if (!ext) continue;
    const data = readExtent(ext, spec.name, index, new Set(), zhOf, opts, problems);
    config[spec.name] = data;
    if (ext.grid === configGrid) {
      occupied.push({
        top: block && !lo ? block.title : ext.headerRow,
        bottom: ext.headerRow + rowCount(data) + (lo?.l.totalsRow ? 1 : 0),
        left: ext.left,
        right: ext.right,
      });
    }
  }

  const tables: WorkbookSnapshot['tables'] = {};
  const currencies = new Map<string, number>();
  const read = (spec: (typeof TABLES)[number], ext: Extent, index: HeaderIndex, columns: readonly ColumnSpec[]) => {
    const computed = new Set(columns.filter((c) => c.computed).map((c) => c.name));
    const zhOf = (n: string) => columns.find((c) => c.name === n)?.zh ?? n;
    const data = readExtent(ext, spec.name, index, computed, zhOf, opts, problems);
    tables[spec.name as TableName] = data;
    countCurrencies(ext, data, columns, currencies);
    return data;
  };
  const used = new Set<SheetGrid>();
  for (const spec of TABLES) {
    const columns = columnsOf(spec, config);
    const index = new HeaderIndex(columns);
    const ext = locate(grids, spec.name, spec.zh, index, problems);
    if (!ext) continue;
    used.add(ext.grid);
    read(spec, ext, index, columns);
  }

  // Not a CRM3 workbook: no Accounts table, and no Opportunities table with its ids (a CRM's
  // export on a sheet that happens to be called 商机 or Opportunities is still an export).
  let imported: ImportInfo | undefined;
  const crm3 = tables.Accounts || (tables.Opportunities && tables.Opportunities.headers.includes('OppId'));
  if (!crm3) {
    for (const t of Object.keys(tables) as TableName[]) delete tables[t];
    used.clear();
    currencies.clear();
  }
  if (!crm3) {
    const importConfig = opts.importConfig ?? config;
    const choices = opts.columnChoices ?? choicesOf(importConfig);
    const columnsFor = (t: TableName) =>
      columnsOf(
        TABLES.find((x) => x.name === t)!,
        importConfig,
      );
    const indexes = new Map(TABLES.map((t) => [t.name, exportIndex(t.name, columnsFor(t.name), choices)]));
    const others = grids.filter(
      (g) => !used.has(g) && g !== configGrid && !namesTable(g.name, 'Indicators', SHEET_ZH.Indicators),
    );
    const found = findExportTables(
      others,
      TABLES.map((t) => t.name).filter((t) => !tables[t]),
      (t) => indexes.get(t)!,
    );
    if (found.size) imported = { tables: [], derived: [], stages: [] };
    for (const spec of TABLES) {
      const x = found.get(spec.name);
      if (!x) continue;
      const columns = [...columnsFor(spec.name), ...exportColumns(spec.name)];
      const index = indexes.get(spec.name)!;
      const data = read(spec, { ...x, listObject: undefined }, index, columns);
      imported!.tables.push(importedTable(spec.name, x, data, index, choices));
    }
  }

  const { settings, settingCells } = readSettings(grids, names, configGrid, occupied, problems);

  const indicatorsExt = locate(grids, 'Indicators', SHEET_ZH.Indicators, INDICATOR_COLUMNS, problems);
  const indicators = indicatorsExt ? readIndicators(indicatorsExt, opts, problems) : undefined;

  return {
    tables,
    config,
    settings,
    settingCells,
    indicators,
    problems,
    ...(currencies.size ? { amountCurrencies: [...currencies.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c) } : {}),
    ...(imported ? { imported } : {}),
  };
}

/** Counts the currencies the number formats of a table's amount cells show. */
function countCurrencies(ext: Extent, data: TableData, columns: readonly ColumnSpec[], into: Map<string, number>): void {
  const currency = ext.grid.currency?.bind(ext.grid);
  if (!currency) return;
  data.headers.forEach((h, j) => {
    if (columns.find((c) => c.name === h)?.type !== 'amount') return;
    for (let i = 0, n = rowCount(data); i < n; i++) {
      const code = currency(data.origin.row + 1 + i, data.origin.col + j);
      if (code) into.set(code, (into.get(code) ?? 0) + 1);
    }
  });
}

/** The column choices remembered in a Config's ImportMap table. */
export function choicesOf(config: WorkbookSnapshot['config']): ColumnChoice[] {
  const t = config.ImportMap;
  const source = columnValues(t, 'SourceColumn') ?? [];
  const table = columnValues(t, 'Table') ?? [];
  const column = columnValues(t, 'Column') ?? [];
  const out: ColumnChoice[] = [];
  source.forEach((s, i) => {
    if (isBlank(s)) return;
    const name = TABLES.find(
      (x) => headerKey(x.name) === headerKey(String(table[i] ?? '')) || x.zh === String(table[i] ?? '').trim(),
    );
    out.push({
      source: String(s).trim(),
      table: name?.name ?? 'Opportunities',
      column: isBlank(column[i]) ? '' : String(column[i]).trim(),
    });
  });
  return out;
}

/** Date columns of every table (export-only ones too): their serials are shown as dates. */
const DATE_COLUMNS = new Set(
  TABLES.flatMap((t) => [...t.columns, ...exportColumns(t.name)])
    .filter((c) => c.type === 'date')
    .map((c) => c.name),
);

/** The first value under an export's header, as text: a mapping is easier to check beside a real value. */
function sampleOf(x: ExportExtent, col: number, column: string | undefined): string | undefined {
  for (let r = x.headerRow + 1; r <= x.bottom; r++) {
    if (x.blankRows.has(r)) continue;
    const v = x.grid.value(r, col);
    if (v === null || isFlag(v) || (typeof v === 'string' && !v.trim())) continue;
    if (typeof v === 'number' && column && DATE_COLUMNS.has(column) && v > 0 && v < 2958466) return isoFromSerial(v);
    const text = typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v).trim();
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  }
  return undefined;
}

/** How an export table's columns were read, for the mapping report. */
function importedTable(
  table: TableName,
  x: ExportExtent,
  data: TableData,
  index: HeaderIndex,
  choices: readonly ColumnChoice[],
): ImportedTable {
  const chosen = new Set(choices.filter((c) => c.table === table).map((c) => headerKey(c.source)));
  const seen = new Set<string>();
  const columns: ImportedColumn[] = [];
  for (let c = x.left; c <= x.right; c++) {
    const source = headerText(x.grid.value(x.headerRow, c));
    if (!source) continue;
    const m = index.match(source);
    const by = chosen.has(headerKey(source)) ? ('map' as const) : ('alias' as const);
    const sample = sampleOf(x, c, m);
    const shown = sample !== undefined ? { sample } : {};
    if (m === undefined || m.startsWith(NOT_USED)) {
      columns.push({ source, ...(m !== undefined ? { by } : {}), ...shown });
      continue;
    }
    columns.push({ source, column: m, by, ...(seen.has(m) ? { duplicate: true } : {}), ...shown });
    seen.add(m);
  }
  return { table, sheet: data.sheet, headerRow: x.headerRow, rows: rowCount(data), columns, skipped: x.skipped };
}
