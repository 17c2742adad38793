/**
 * How the engine lays a snapshot out for HyperFormula: one sheet per table (header row,
 * then data), a Config sheet (settings and methodology tables), a Calc sheet with one
 * spilled CRM3 call per computed column, and an Indicators sheet. Every column gets its
 * workbook name `<Prefix>_<Column>`, exactly as in the templates, so the same formulas work.
 */
import { Cell, isBlank, keyOf, toDateSerial } from '../core/cells';
import { TierMethod, canonical } from '../core/enumerations';
import { CONFIG_TABLES, ConfigTableName, SETTINGS, SettingName } from '../model/config';
import { calendarYearOf, defaultConfigTables } from '../model/defaults';
import { TABLES, TableName, TableSpec, tableSpec } from '../model/schema';
import { COMPUTED_COLUMN_DEFINITIONS, spilledFormula } from '../model/computedColumns';
import { IndicatorRow, TableData, WorkbookSnapshot, columnLetters } from '../model/snapshot';
import { criteriaOf, questionsOf } from '../model/workbookColumns';
import { Locale } from '../core/i18n';
import { ColumnStore } from './columnStore';
import { namesIn, namesReadAsCells, renameMap, rewriteFormula } from './formulaLanguage';
import { heldColumns, rowCount } from '../model/tableColumns';

export type SheetCells = (Cell | string)[][];

export interface NameDefinition {
  name: string;
  expression: string;
}

/** Where a computed column lives, and the spilled formula that fills it. */
export interface ComputedColumn {
  table: 'Accounts' | 'Opportunities';
  column: string;
  formula: string;
}

/** A Config table as the engine placed it on its Config sheet. */
export interface ConfigTableLayout {
  /** 0-based column of the Config sheet that holds the table's first column (its header is in row 0). */
  col: number;
  /** Canonical columns, in config.ts order. */
  headers: string[];
  /** The non-blank rows, as placed (row r is on sheet row r + 1). */
  rows: Cell[][];
  /** Each placed row's 0-based row in the workbook's own table; undefined when the defaults stand in for it. */
  workbookRows?: number[];
}

export interface EngineLayout {
  /** Sheets built in one go (data and Config). */
  sheets: Record<string, SheetCells>;
  names: NameDefinition[];
  /** Set after the names exist (HyperFormula sizes spilled results through names only then). */
  calc: SheetCells;
  indicatorsSheet: SheetCells;
  computed: ComputedColumn[];
  indicators: IndicatorRow[];
  /** Data rows per table (0 when the table is absent). */
  rowCounts: Record<TableName, number>;
  /** Sheet column (0-based) of each canonical column that HyperFormula holds, per table. */
  columnIndex: Record<TableName, Map<string, number>>;
  /** Fed columns whose name points at one handle cell (by engine name, lower case); the others are spilled. */
  handles: Map<string, ColumnHandle>;
  /** Blocks (Opp_Answers, Acc_Criteria) whose name is the row of their columns' handle cells (by name, lower case); the others span their spilled columns. */
  blocks: Map<string, BlockHandle>;
  /** Computed columns held in the store behind one handle cell on the Calc sheet (by name, lower case); the others are spilled. */
  computedHandles: Map<string, ComputedHandle>;
  settings: Record<SettingName, Cell>;
  /** Where each Config table sits on the Config sheet (settings are in column B, row = SETTINGS index + 1). */
  configTables: Record<ConfigTableName, ConfigTableLayout>;
  maxRows: number;
}

export const CALC_SHEET = 'Calc';
export const CONFIG_SHEET = 'Config';
export const INDICATORS_SHEET = 'Indicators';
/** Fewest rows a data table's (and a computed column's) names span; the extra rows are blank. */
export const MIN_DATA_ROWS = 2;

/** `=Sheet!$C$2:$C$11` for column `col` (0-based) holding `n` rows from row 2. */
/** A fed column held as one handle cell (row 2 of its sheet column) that stands for all its rows. */
export interface ColumnHandle {
  /** The engine's name for it. */
  name: string;
  table: TableName;
  column: string;
  /** The store's key (the workbook's name). */
  key: string;
  /** Sheet column (0-based). */
  col: number;
  /** Rows its name stands for. */
  span: number;
}

/** A block of columns whose name is the row of their handle cells (EngineLayout.blocks). */
export interface BlockHandle {
  name: string;
  table: TableName;
  /** Sheet column (0-based) of its first column, and how many columns it has. */
  col: number;
  width: number;
  /** Rows its name stands for once spilled. */
  span: number;
}

/**
 * A computed column held in the store (issue #15): its Calc cell (row 2 of column `col`) runs its
 * CRM3 call into the store's column `key` (COMPUTED_FUNCTION), and its name points at that cell.
 */
export interface ComputedHandle {
  name: string;
  table: ComputedColumn['table'];
  column: string;
  /** The store's key of the column. */
  key: string;
  /** Column of the Calc sheet (0-based). */
  col: number;
  /** Rows its name stands for (the table's). */
  span: number;
}

/** The store's key of a computed column held there (apart from the fed columns, which keep the workbook's names). */
export function computedKey(name: string): string {
  return `computed:${name}`;
}

/** The handle cell of sheet column `col` as a name's formula. */
export function cellRef(sheet: string, col: number): string {
  return `='${sheet}'!$${columnLetters(col + 1)}$2`;
}

export function columnRange(sheet: string, col: number, n: number, firstRow = 2, width = 1): string {
  const rows = Math.max(1, n);
  return `='${sheet}'!$${columnLetters(col + 1)}$${firstRow}:$${columnLetters(col + width)}$${firstRow + rows - 1}`;
}

/** Canonical columns of a table in this workbook: fixed inputs, then its criteria/question columns. */
function inputColumns(spec: TableSpec, criteriaIds: string[], questionIds: string[]): string[] {
  const fixed = spec.columns.filter((c) => !c.computed).map((c) => c.name);
  if (spec.dynamic === 'criteria') return [...fixed, ...criteriaIds];
  if (spec.dynamic === 'questions') return [...fixed, ...questionIds];
  return fixed;
}

/**
 * A table's columns as plain arrays, aligned with `columns` (absent columns are blank).
 * `take`: the snapshot is let go once laid out (`EngineOptions.laidOut`), so columns it holds
 * are taken as they are instead of copied.
 */
function tableColumnsData(t: TableData | undefined, columns: string[], take: boolean): Cell[][] {
  const n = t ? rowCount(t) : 0;
  // A table read from a file holds its cells by column (model/tableColumns.ts): each is copied whole, or taken.
  const held = t && heldColumns(t);
  if (held)
    return columns.map((c) => {
      const j = t.headers.indexOf(c);
      return j < 0 ? new Array<Cell>(n).fill(null) : take ? held[j] : held[j].slice();
    });
  const from: number[] = [];
  const to: Cell[][] = [];
  const out = columns.map((c) => {
    const j = t ? t.headers.indexOf(c) : -1;
    if (j < 0) return new Array<Cell>(n).fill(null);
    const column = new Array<Cell>(n);
    from.push(j);
    to.push(column);
    return column;
  });
  // Row by row: each row's cells are read together (column by column, every row was
  // fetched again for each column: a tenth of a second per hundred thousand rows).
  const width = from.length;
  for (let i = 0; i < n; i++) {
    const row = t!.rows[i];
    for (let x = 0; x < width; x++) to[x][i] = row[from[x]] ?? null;
  }
  return out;
}

/** Text that HyperFormula would parse as a formula stays text (data is never code). */
export function sanitize(c: Cell): Cell {
  if (typeof c === 'string' && c.startsWith('=')) return `'${c}`;
  return c;
}

/** A name HyperFormula accepts (its NamedExpressions.isNameValid): letters of its set, digits, _ and ., not a cell reference. */
const HF_NAME = /^[A-Za-z\u00C0-\u02AF_][A-Za-z\u00C0-\u02AF0-9_.]*$/;
const A1_LIKE = /^\$?[A-Za-z]+\$?[0-9]+$/;
const R1C1_LIKE = /^[rR][0-9]*[cC][0-9]*$/;

export function isEngineName(name: string): boolean {
  return HF_NAME.test(name) && !A1_LIKE.test(name) && !R1C1_LIKE.test(name);
}

/**
 * Engine-safe names for the workbook's columns. A column keeps its workbook name
 * (`Acc_C_Potential`) when HyperFormula can take it; an id in another script, with spaces,
 * or used twice (`Acc_潜力`, `Acc_My crit`, a second `C_X`) gets an internal one
 * (`Acc_Criterion3`). Ids are data: whatever the user typed, the engine gets a name it takes.
 * HyperFormula compares names without case, so this does too.
 */
export class EngineNames {
  private readonly used = new Set<string>();
  /** Workbook name (as a formula would write it) → engine name, for the names that had to change. */
  readonly renamed = new Map<string, string>();

  /** Reserves a fixed name (settings, Config columns, computed columns). */
  reserve(name: string): string {
    this.used.add(name.toLowerCase());
    return name;
  }

  /** The engine name of `prefix_column`; `fallback` is the internal stem (`Acc_Criterion3`). */
  column(prefix: string, column: string, fallback: string): string {
    const wanted = `${prefix}_${column}`;
    if (isEngineName(wanted) && !this.used.has(wanted.toLowerCase())) return this.reserve(wanted);
    let name = fallback;
    for (let k = 2; this.used.has(name.toLowerCase()); k++) name = `${fallback}_${k}`;
    if (!this.renamed.has(wanted)) this.renamed.set(wanted, name);
    return this.reserve(name);
  }

  /** A formula with the renamed workbook names replaced by their engine names (the formula language's rewrite). */
  translate(formula: string): string {
    if (this.renamed.size === 0) return formula;
    return rewriteFormula(formula, { names: renameMap(this.renamed) });
  }
}

/** Settings with defaults: AsOfDate given or today, the period = its calendar year. */
export function resolveSettings(snapshot: WorkbookSnapshot, asOf: number): Record<SettingName, Cell> {
  const out = {} as Record<SettingName, Cell>;
  for (const s of SETTINGS) {
    const given = snapshot.settings[s.name];
    out[s.name] = isBlank(given ?? null) ? (s.fallback ?? null) : (given ?? null);
    if (s.type === 'date' && out[s.name] !== null) out[s.name] = toDateSerial(out[s.name]) ?? null;
    if (s.type === 'bool' && typeof out[s.name] === 'string')
      out[s.name] = ['TRUE', 'YES', '是', '1'].includes(keyOf(out[s.name]));
  }
  out.AsOfDate = asOf;
  const year = calendarYearOf(asOf);
  if (out.PeriodStart === null) out.PeriodStart = year.start;
  if (out.PeriodEnd === null) out.PeriodEnd = year.end;
  out.TierMethod = canonical(TierMethod, out.TierMethod) ?? 'Matrix';
  return out;
}

/** The per-row computed columns, in dependency order (Tier reads Score, Attractiveness, Position), spilled. */
export const COMPUTED_COLUMNS: readonly ComputedColumn[] = COMPUTED_COLUMN_DEFINITIONS.map((d) => ({
  table: d.table,
  column: d.column,
  formula: spilledFormula(d, tableSpec(d.table).prefix),
}));

export function layoutWorkbook(
  snapshot: WorkbookSnapshot,
  options: {
    asOf: number;
    locale: Locale;
    indicators: readonly IndicatorRow[];
    store: ColumnStore;
    /** The caller lets the snapshot's tables go once laid out: their held columns are taken, not copied. */
    takeColumns?: boolean;
  },
): EngineLayout {
  const criteriaIds = criteriaOf(snapshot.config).map((c) => c.id);
  const questionIds = questionsOf(snapshot.config).map((q) => q.id);
  const sheets: Record<string, SheetCells> = {};
  const names: NameDefinition[] = [];
  const rowCounts = {} as Record<TableName, number>;
  const columnIndex = {} as Record<TableName, Map<string, number>>;
  let maxRows = 10;

  // Every name the engine defines itself first, then the columns (whose ids come from the data).
  const engineNames = new EngineNames();
  for (const s of SETTINGS) engineNames.reserve(s.name);
  for (const t of CONFIG_TABLES) for (const c of t.columns) engineNames.reserve(`${t.name}_${c.name}`);
  for (const c of COMPUTED_COLUMNS) engineNames.reserve(`${c.table === 'Accounts' ? 'Acc' : 'Opp'}_${c.column}`);
  engineNames.reserve('Acc_Criteria');
  engineNames.reserve('Opp_Answers');
  const tableNames = TABLES.map((spec) => {
    const columns = inputColumns(spec, criteriaIds, questionIds);
    const fixed = spec.columns.filter((c) => !c.computed).length;
    const stem = spec.dynamic === 'criteria' ? 'Criterion' : spec.dynamic === 'questions' ? 'Question' : 'Column';
    return columns.map((c, j) =>
      engineNames.column(spec.prefix, c, `${spec.prefix}_${stem}${j < fixed ? j + 1 : j - fixed + 1}`),
    );
  });
  // Indicator formulas may name columns by their workbook names: they get the engine's.
  const engineFormulas = options.indicators.map((ind) => engineNames.translate(ind.formula));

  // Only the columns some formula reads go into HyperFormula (DESIGN.md §8); all stay in the store.
  const formulas = [...COMPUTED_COLUMNS.map((c) => c.formula), ...engineFormulas];
  const referenced = new Set<string>();
  for (const f of formulas) for (const n of namesIn(f)) referenced.add(n.toLowerCase());
  // Names some formula reads as cells (not as a whole argument of a CRM3 function) are spilled.
  const asCells = new Set<string>();
  for (const f of formulas) for (const n of namesReadAsCells(f)) asCells.add(n.toLowerCase());
  const store = options.store;
  const handles = new Map<string, ColumnHandle>();
  const blocks = new Map<string, BlockHandle>();

  TABLES.forEach((spec, t) => {
    const columns = inputColumns(spec, criteriaIds, questionIds);
    const data = snapshot.tables[spec.name];
    const values = tableColumnsData(data, columns, options.takeColumns === true);
    const n = data ? rowCount(data) : 0;
    rowCounts[spec.name] = n;
    maxRows = Math.max(maxRows, n + 2);
    // Names span at least two rows: HyperFormula hands a one-cell range to a function as a plain
    // value, and a blank one then reads as an omitted argument (a lost filter, "a period needs closeDate").
    const span = Math.max(n, MIN_DATA_ROWS);
    const fixed = spec.columns.filter((c) => !c.computed).length;
    const blockSize = spec.dynamic === 'criteria' ? criteriaIds.length : spec.dynamic === 'questions' ? questionIds.length : 0;
    const blockName = spec.dynamic === 'criteria' ? 'Acc_Criteria' : 'Opp_Answers';
    const blockUsed = blockSize > 0 && referenced.has(blockName.toLowerCase());
    // A block that only CRM3 functions read, of columns none read as cells: its columns are handle
    // cells and its name the row of them (storeShortcut hands the functions the store's block).
    // Over n spilled rows, HyperFormula tied each of its cells to the name, one by one: at 50,000
    // opportunities 600,000 addresses for Opp_Answers, ~0.3 s of the build (issue #15).
    const blockNames = tableNames[t].slice(fixed);
    const blockHandles = blockUsed && span === n && ![blockName, ...blockNames].some((name) => asCells.has(name.toLowerCase()));
    const header: string[] = [];
    const feed: string[] = [];
    const index = new Map<string, number>();
    let blockStart = -1;
    columns.forEach((c, j) => {
      // The store keeps the workbook's own name; HyperFormula gets the engine-safe one.
      const key = `${spec.prefix}_${c}`;
      const name = tableNames[t][j];
      store.set(key, values[j]);
      const inBlock = j >= fixed;
      if (!referenced.has(name.toLowerCase()) && !(inBlock && blockUsed)) return;
      if (!index.has(c)) index.set(c, header.length);
      if (inBlock && blockStart < 0) blockStart = header.length;
      // One handle cell instead of n spilled cells when CRM3 functions alone read the column (issue
      // #15). A table of fewer rows than the names span is spilled: its names read blanks below.
      const handle = span === n && !(inBlock && blockUsed && !blockHandles) && !asCells.has(name.toLowerCase());
      if (handle) handles.set(name.toLowerCase(), { name, table: spec.name, column: c, key, col: header.length, span });
      names.push({ name, expression: handle ? cellRef(spec.name, header.length) : columnRange(spec.name, header.length, span) });
      header.push(c);
      feed.push(handle ? store.handleFormula(key) : store.formula(key));
    });
    columnIndex[spec.name] = index;
    if (blockUsed) {
      names.push({ name: blockName, expression: columnRange(spec.name, blockStart, blockHandles ? 1 : span, 2, blockSize) });
      if (blockHandles)
        blocks.set(blockName.toLowerCase(), { name: blockName, table: spec.name, col: blockStart, width: blockSize, span });
    }
    sheets[spec.name] = [header, feed];
  });

  // Config: settings in A:B, then each methodology table with its own columns.
  const settings = resolveSettings(snapshot, options.asOf);
  const config: SheetCells = [['Setting', 'Value']];
  SETTINGS.forEach((s, i) => {
    config.push([s.name, settings[s.name]]);
    names.push({ name: s.name, expression: `='${CONFIG_SHEET}'!$B$${i + 2}` });
  });
  const defaults = defaultConfigTables(options.locale);
  const configTables = {} as Record<ConfigTableName, ConfigTableLayout>;
  let col = 3;
  for (const t of CONFIG_TABLES) {
    const given = snapshot.config[t.name as ConfigTableName];
    const own = !!given && given.rows.some((r) => r.some((c) => !isBlank(c)));
    const table = own ? given! : defaults[t.name as ConfigTableName];
    const headers = t.columns.map((c) => c.name);
    const at = headers.map((h) => table.headers.indexOf(h));
    const kept = table.rows.flatMap((r, i) => (r.some((c) => !isBlank(c)) ? [i] : []));
    const rows = kept.map((i) => headers.map((_, k) => (at[k] < 0 ? null : sanitize(table.rows[i][at[k]] ?? null))));
    while (config.length < rows.length + 1) config.push([]);
    headers.forEach((h, k) => {
      config[0][col + k] = h;
      rows.forEach((r, i) => {
        config[i + 1][col + k] = r[k];
      });
      names.push({ name: `${t.name}_${h}`, expression: columnRange(CONFIG_SHEET, col + k, rows.length) });
    });
    configTables[t.name] = { col, headers, rows, workbookRows: own ? kept : undefined };
    col += headers.length + 1;
  }
  sheets[CONFIG_SHEET] = config;

  // Computed columns: names first (they point at the Calc sheet), formulas set afterwards.
  // A computed column that only CRM3 functions read is one cell writing into the store (as fed
  // columns' handles); one read as cells, or of a table shorter than the names span, is spilled.
  const computed = [...COMPUTED_COLUMNS];
  const computedHandles = new Map<string, ComputedHandle>();
  const calc: SheetCells = [computed.map((c) => `${c.table}.${c.column}`), []];
  computed.forEach((c, j) => {
    const prefix = c.table === 'Accounts' ? 'Acc' : 'Opp';
    const name = `${prefix}_${c.column}`;
    const n = rowCounts[c.table];
    const span = Math.max(n, MIN_DATA_ROWS);
    const handle = span === n && !asCells.has(name.toLowerCase());
    if (handle) {
      const key = computedKey(name);
      // Sized before it is computed (HyperFormula predicts spills through names at parse time).
      store.set(key, new Array<Cell>(n).fill(''));
      computedHandles.set(name.toLowerCase(), { name, table: c.table, column: c.column, key, col: j, span });
      calc[1].push(store.computedFormula(key, c.formula.replace(/^=/, '')));
    } else calc[1].push(c.formula);
    names.push({ name, expression: handle ? cellRef(CALC_SHEET, j) : columnRange(CALC_SHEET, j, span) });
  });
  sheets[CALC_SHEET] = [calc[0]];

  const indicators = [...options.indicators];
  const indicatorsSheet: SheetCells = [['Id', 'Value', 'Status']];
  indicators.forEach((ind, i) => {
    const r = i + 2;
    const status = ind.green !== null && ind.red !== null ? `=CRM3.RAG(B${r},"${ind.direction}",${ind.green},${ind.red})` : null;
    indicatorsSheet.push([sanitize(ind.id), engineFormulas[i], status]);
  });
  sheets[INDICATORS_SHEET] = [indicatorsSheet[0]];

  return {
    sheets,
    names,
    calc,
    indicatorsSheet,
    computed,
    indicators,
    rowCounts,
    columnIndex,
    handles,
    blocks,
    computedHandles,
    settings,
    configTables,
    maxRows,
  };
}
