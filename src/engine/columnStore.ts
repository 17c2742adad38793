/**
 * Feeding table columns to HyperFormula as one array-valued call per column instead of
 * cell by cell: `=CRM3DATA("w1","Opp_Status")` spills the column held here. Measured in
 * DESIGN.md §8: about 2.6× faster to build and a third of the memory. Internal: not part of
 * the CRM3 catalog, never written into a user's workbook.
 */
import { ArraySize, CellError, ErrorType, FunctionArgumentType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';
import type { ImplementedFunctions } from 'hyperformula';
import { Cell } from '../core/cells';
import { fromHfScalar } from '../functions/hyperformula/crm3Plugin';
import type { NamedColumnShortcut } from '../functions/hyperformula/crm3Plugin';
import { InputCell, markErrorFree, unmarkErrorFree } from '../functions/invoke';
import { HeldColumn, knownColumn } from '../functions/args';
import { CalcError } from '../core/cells';
import { columnOfCall } from '../functions/hyperformula/crm3Plugin';
import { NameTarget, formulaVertexOf, nameTarget } from './hfInternals';
import { columnRows } from '../functions/columnRows';
import { reportRowsChanged, reportsChanges } from '../calc/columnViews';
import { bumpGridVersion } from './gridVersions';
import { ComputedRows } from './computedRows';

export const DATA_FUNCTION = 'CRM3DATA';
/**
 * `=CRM3COLUMN("w1","Opp_Status")`: one cell that stands for a whole fed column. A name points
 * at it instead of at n spilled cells when every formula reads the column through a CRM3
 * function (storeShortcut hands the function the store's column). Its value is a new error
 * each time it is computed, so a what-if that changes the column re-runs what reads it, and a
 * formula that read the cell as a value would show an error, never a wrong number.
 */
export const HANDLE_FUNCTION = 'CRM3COLUMN';
/**
 * `=CRM3COMPUTED("w1","computed:Opp_Probability",CRM3.PROBABILITY(Opp_Status,…))`: one cell that
 * runs a computed column's CRM3 call and writes its result into the store's column of that key
 * (changed in place: the same array from one recalculation to the next, so the typed views of
 * calc/columnViews.ts re-read only the rows that changed), instead of spilling it into n cells.
 * The column's name points at this cell and CRM3 functions read the store's column
 * (storeShortcut). Its value, like CRM3COLUMN's, is an error: a new one when the column
 * changed, so what reads it re-runs; the same one when the call gave the same column again,
 * so nothing downstream re-runs for nothing.
 */
export const COMPUTED_FUNCTION = 'CRM3COMPUTED';

/** Changed rows remembered per column (changedRowsSince); past this a computed column is run whole. */
const LOG_LIMIT = 4096;

const live = new Map<string, ColumnStore>();

let nextStore = 1;

/** A set of columns one engine reads; `release()` when the engine is destroyed. */
export class ColumnStore {
  readonly id = `w${nextStore++}`;
  private readonly columns = new Map<string, Cell[]>();

  constructor() {
    live.set(this.id, this);
  }

  set(key: string, values: Cell[]): void {
    // Every in-place change of a store column goes through `changed`, which tells its views the rows.
    reportsChanges(values);
    this.bump(key);
    this.columns.set(key, values);
    this.grids.delete(key);
    this.held.delete(key);
    this.errorRows.delete(key);
  }

  /**
   * Writes a computed column's cells into its column in place (a new column when the length
   * differs); says whether any row changed. Errors are compared by code and message, so an
   * error the kernel gives again leaves its row as it was.
   */
  write(key: string, cells: readonly InputCell[]): boolean {
    const values = this.columns.get(key) as InputCell[] | undefined;
    if (!values || values.length !== cells.length) {
      this.set(key, cells.slice() as Cell[]);
      this.errorRows.set(
        key,
        cells.reduce<number>((k, c) => (c instanceof CalcError ? k + 1 : k), 0),
      );
      return true;
    }
    return this.patch(key, values, undefined, cells);
  }

  /**
   * Writes the cells of rows `at` (in that order) of a computed column, the others left as they
   * are (computedRows.ts: a what-if re-ran the column for the rows its edit changed); says
   * whether any changed. The column must exist with those rows.
   */
  writeRows(key: string, at: readonly number[], cells: readonly InputCell[]): boolean {
    const values = this.columns.get(key) as InputCell[] | undefined;
    return values !== undefined && this.patch(key, values, at, cells);
  }

  /** Puts cells[k] into row at[k] (row k without `at`) where it differs; logs the rows that changed. */
  private patch(key: string, values: InputCell[], at: readonly number[] | undefined, cells: readonly InputCell[]): boolean {
    const rows: number[] = [];
    let errors = this.errorRows.get(key) ?? 0;
    for (let k = 0; k < cells.length; k++) {
      const i = at ? at[k] : k;
      const c = cells[k];
      const old = values[i];
      if (c === old || sameError(c, old)) continue;
      if (old instanceof CalcError) errors--;
      if (c instanceof CalcError) errors++;
      values[i] = c;
      rows.push(i);
    }
    if (rows.length === 0) return false;
    this.errorRows.set(key, errors);
    // Also during a recalculation (calc/columnViews.ts holdColumns): its views re-read these rows.
    this.changed(key, rows);
    return true;
  }

  /** Rows holding a CalcError, per column written by `write` (fed columns hold none). */
  private readonly errorRows = new Map<string, number>();

  /**
   * Call after changing a column's values in place (what-if). Its grid gets the changed rows in
   * place too (the same object, a new version: gridVersion), unless HyperFormula holds it as a
   * spill's cells (columnData); then the next grid is a copy of the last with the changed rows
   * replaced. Issue #15: a new 50,000-row grid per edited column outlived the young generation
   * and was a quarter of what a what-if left for the old one to collect.
   */
  changed(key: string, rows?: readonly number[]): void {
    this.bump(key, rows);
    const old = this.grids.get(key);
    const values = this.columns.get(key);
    if (values) reportRowsChanged(values, rows);
    const held = this.held.get(key);
    if (held) {
      // The same object, a new version (gridVersion), as the grid below.
      held.changed(rows);
      if (this.errorRows.get(key)) unmarkErrorFree(held);
      else markErrorFree(held);
      bumpGridVersion(held);
    }
    if (!old || !values || !rows || old.length !== values.length) {
      this.grids.delete(key);
      return;
    }
    const g = this.spilled.has(old) ? old.slice() : old;
    for (const i of rows) g[i] = [values[i]];
    if (g !== old) this.keep(key, g, values);
    else if (this.errorRows.get(key)) unmarkErrorFree(g);
    else markErrorFree(g);
    bumpGridVersion(g);
  }

  /** Grids handed to HyperFormula as a spill's cells (columnData): never changed in place. */
  private readonly spilled = new WeakSet<Cell[][]>();

  /** The column as a one-column grid, made once per version and shared by every call. */
  grid(key: string): Cell[][] | undefined {
    let g = this.grids.get(key);
    if (!g) {
      const values = this.columns.get(key);
      if (!values) return undefined;
      g = values.length ? columnRows(values) : [[null]];
      this.keep(key, g, values);
    }
    return g;
  }

  /**
   * The column as a CRM3 function's argument (storeShortcut): a held column, its `values` the
   * store's own array, made once and changed in place with it (a new version on each change:
   * gridVersion), so kept calls compare it by identity and version as a grid. No rows are made
   * unless a function reads it as a block (issue #15: the rows of every column a formula read
   * were ~0.5 s of the build at 50,000). An empty column is its grid (`[[null]]`).
   */
  column(key: string): HeldColumn | Cell[][] | undefined {
    let held = this.held.get(key);
    if (held) return held;
    const values = this.columns.get(key);
    if (!values) return undefined;
    if (!values.length) return this.grid(key);
    this.held.set(key, (held = new HeldColumn(values)));
    this.gridKeys.set(held, key);
    if (!this.errorRows.get(key)) markErrorFree(held);
    return held;
  }
  private readonly held = new Map<string, HeldColumn>();

  /** grid(key), for HyperFormula to hold as a spill's cells: a change makes a new one (changed). */
  spilledGrid(key: string): Cell[][] | undefined {
    const g = this.grid(key);
    if (g) this.spilled.add(g);
    return g;
  }

  /** The key of the column a grid or held column of this store stands for (grid, column), if it is one. */
  keyOfGrid(grid: object): string | undefined {
    const key = this.gridKeys.get(grid);
    return key !== undefined && (this.grids.get(key) === grid || this.held.get(key) === grid) ? key : undefined;
  }
  private readonly gridKeys = new WeakMap<object, string>();

  private keep(key: string, g: Cell[][], values: Cell[]): void {
    this.gridKeys.set(g, key);
    if (!this.errorRows.get(key)) markErrorFree(g);
    // A kernel reading the grid as a column gets the store's own array: the same object from one
    // what-if to the next (changed in place), so its typed views (calc/columnViews.ts) are
    // kept and only the changed rows are parsed again.
    if (values.length) knownColumn(g, values);
    this.grids.set(key, g);
  }

  private readonly grids = new Map<string, Cell[][]>();

  /** Bumped whenever a column is set or changed: what a block made from it was made from. */
  private readonly versions = new Map<string, number>();
  private bump(key: string, rows?: readonly number[]): void {
    const version = (this.versions.get(key) ?? 0) + 1;
    this.versions.set(key, version);
    // The rows each version changed, while known (a new column, or too many changes, starts again).
    const log = this.logs.get(key);
    if (!rows || !log || log.rows.length + rows.length > LOG_LIMIT) this.logs.set(key, { from: version, rows: [], ends: [] });
    else {
      for (const i of rows) log.rows.push(i);
      log.ends.push(log.rows.length);
    }
  }
  /** Per column: the rows changed by each version after `from`, version from+k+1 ending at ends[k]. */
  private readonly logs = new Map<string, { from: number; rows: number[]; ends: number[] }>();

  /** The column's version (bumped by set and changed). */
  version(key: string): number {
    return this.versions.get(key) ?? 0;
  }

  /** The rows changed after `version` (possibly repeated); undefined when no longer known. */
  changedRowsSince(key: string, version: number): readonly number[] | undefined {
    const log = this.logs.get(key);
    if (!log || version < log.from || version > this.version(key)) return undefined;
    return log.rows.slice(version === log.from ? 0 : log.ends[version - log.from - 1]);
  }

  /** Blocks of columns (Opp_Answers, Acc_Criteria) made once per version of their columns. */
  private readonly blocks = new Map<string, { versions: number[]; block: Cell[][] }>();

  /**
   * Columns `keys` side by side, one row per data row, each cell as the block's spilled cells
   * give it to a function (blank as ''): the same object until one of the columns changes.
   * Undefined when a column is missing or not `rows` long.
   */
  block(keys: readonly string[], rows: number): Cell[][] | undefined {
    const columns = keys.map((k) => this.columns.get(k));
    if (columns.some((c) => !c || c.length !== rows)) return undefined;
    const id = keys.join('\u0000');
    const versions = keys.map((k) => this.versions.get(k) ?? 0);
    const kept = this.blocks.get(id);
    if (kept && kept.versions.every((v, i) => v === versions[i])) return kept.block;
    const block = new Array<Cell[]>(rows);
    for (let i = 0; i < rows; i++) block[i] = columns.map((c) => (c![i] === null ? '' : c![i]));
    markErrorFree(block);
    this.blocks.set(id, { versions, block });
    return block;
  }

  get(key: string): Cell[] | undefined {
    return this.columns.get(key);
  }

  /** The formula of the one cell that stands for column `key` (HANDLE_FUNCTION). */
  handleFormula(key: string): string {
    return `=${HANDLE_FUNCTION}("${this.id}","${encodeURIComponent(key)}")`;
  }

  /** The formula of the one cell that computes column `key` with `call` (a CRM3 call, without `=`) into the store. */
  computedFormula(key: string, call: string): string {
    return `=${COMPUTED_FUNCTION}("${this.id}","${encodeURIComponent(key)}",${call})`;
  }

  /** The formula that spills column `key` (at least one row, so names stay valid). */
  formula(key: string): string {
    // The key is the workbook's own column name, any text: encoded, so no quote or backslash reaches the formula.
    return `=${DATA_FUNCTION}("${this.id}","${encodeURIComponent(key)}")`;
  }

  release(): void {
    live.delete(this.id);
  }
}

type Ast = { args: { type?: string; value?: unknown }[] };

const sameError = (a: InputCell | undefined, b: InputCell | undefined): boolean =>
  a instanceof CalcError &&
  b instanceof CalcError &&
  a.code === b.code &&
  a.message.en === b.message.en &&
  a.message.zh === b.message.zh;

function storeOf(ast: Ast): { store?: ColumnStore; key?: string } {
  const [store, key] = ast.args.map((a) => (a && a.type === 'STRING' ? String(a.value) : undefined));
  return store && key ? { store: live.get(store), key: decodeURIComponent(key) } : {};
}

function lookup(ast: Ast): Cell[] | undefined {
  const { store, key } = storeOf(ast);
  return store && key !== undefined ? store.get(key) : undefined;
}

export class ColumnDataPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    [DATA_FUNCTION]: {
      method: 'columnData',
      sizeOfResultArrayMethod: 'columnDataSize',
      parameters: [{ argumentType: FunctionArgumentType.STRING }, { argumentType: FunctionArgumentType.STRING }],
      vectorizationForbidden: true,
    },
    [HANDLE_FUNCTION]: {
      method: 'columnHandle',
      parameters: [{ argumentType: FunctionArgumentType.STRING }, { argumentType: FunctionArgumentType.STRING }],
    },
    [COMPUTED_FUNCTION]: {
      method: 'computedColumn',
      parameters: [
        { argumentType: FunctionArgumentType.STRING },
        { argumentType: FunctionArgumentType.STRING },
        { argumentType: FunctionArgumentType.ANY },
      ],
      // One cell: HyperFormula must not spread it over the rows its CRM3 call would spill.
      vectorizationForbidden: true,
    },
  };

  /**
   * The value of each computed column's handle cell (by store and key) in this plugin's
   * HyperFormula instance: the same object while the column does not change.
   */
  private readonly computedValues = new Map<string, CellError>();

  computedColumn(ast: Ast, state: unknown): CellError {
    const { store, key } = storeOf(ast);
    if (!store || key === undefined) return new CellError(ErrorType.REF, 'not a computed column of the engine');
    // A per-row call re-run for the rows a what-if changed (computedRows.ts), else whole.
    const patched = this.computedRows.patch(this, store, key, ast.args[2], state);
    const changed = patched !== undefined ? patched === 'changed' : this.writeWhole(store, key, ast, state);
    if (changed === undefined) return new CellError(ErrorType.REF, 'not a computed column of the engine');
    const last = this.computedValues.get(`${store.id}:${key}`);
    if (!changed && last) return last;
    const value = new CellError(
      ErrorType.REF,
      'a computed column of the engine, read through CRM3 functions',
      formulaVertexOf(state) as never,
    );
    this.computedValues.set(`${store.id}:${key}`, value);
    return value;
  }

  /** Runs a computed column's call over every row and writes it; whether a row changed (undefined: not a column call). */
  private writeWhole(store: ColumnStore, key: string, ast: Ast, state: unknown): boolean | undefined {
    const cells = columnOfCall(this, ast.args[2], state);
    if (cells === undefined) return undefined;
    // HyperFormula refused the call (cannot happen for the engine's own formulas): every row reads its answer.
    const column = Array.isArray(cells)
      ? cells
      : new Array<InputCell>(store.get(key)?.length ?? 1).fill(fromHfScalar(cells.refused));
    const changed = store.write(key, column);
    this.computedRows.note(this, store, key, ast.args[2], state);
    return changed;
  }

  private readonly computedRows = new ComputedRows(storeShortcut);

  columnHandle(): CellError {
    return new CellError(ErrorType.REF, 'a column of the engine, read through CRM3 functions');
  }

  columnData(ast: Ast): SimpleRangeValue {
    const { store, key } = storeOf(ast);
    const values = (store && key !== undefined ? store.get(key) : undefined) ?? [];
    // A column without blanks is spilled as the very grid the CRM3 functions read (storeShortcut):
    // one copy of the rows in memory instead of two. Blanks are '' to HyperFormula, null to the kernels.
    if (store && key !== undefined && values.length && !values.includes(null))
      return SimpleRangeValue.onlyValues(store.spilledGrid(key) as never);
    const rows = values.length ? columnRows(values, (v) => (v === null ? '' : v)) : [['']];
    return SimpleRangeValue.onlyValues(rows as never);
  }

  columnDataSize(ast: Ast): ArraySize {
    return new ArraySize(1, Math.max(1, lookup(ast)?.length ?? 1));
  }
}

/** HyperFormula's computed spill (ArrayValue): a fresh object each time the formula is recomputed. */
type SpillValues = { array?: unknown[][] };

/** Spilled computed columns converted once per recomputation (keyed by HyperFormula's own result object). */
const spillGrids = new WeakMap<object, InputCell[][] | undefined>();

function spillGrid(spill: SpillValues): InputCell[][] | undefined {
  if (spillGrids.has(spill)) return spillGrids.get(spill);
  const rows = spill.array!;
  let grid: InputCell[][] | undefined;
  if (rows.every((r) => r.length === 1)) {
    grid = columnRows(rows, (r) => fromHfScalar(r[0]));
    if (!grid.some((r) => r[0] instanceof CalcError)) markErrorFree(grid);
  }
  spillGrids.set(spill, grid);
  return grid;
}

/**
 * Reads a name like Opp_Status straight from the store when it points at one fed column: its
 * handle cell (=CRM3COLUMN(...)) or its spilled cells (=CRM3DATA(...)); and a computed column
 * like Opp_QualScore straight from the spilled result of its one CRM3 call: same values,
 * without HyperFormula copying the range cell by cell. Anything else (Config tables,
 * consultants' own names) returns undefined.
 */
export const storeShortcut: NamedColumnShortcut = (plugin, ast, state) => {
  const target = nameTarget(plugin, ast.expressionName, state);
  if (target && target.cols > 1) return blockOf(target);
  if (!target?.call || target.cols !== 1) return undefined;
  const { name, texts } = target.call;
  if (name.startsWith('CRM3.')) {
    // A computed column: HyperFormula evaluates it before this formula (the name is a dependency).
    const spill = target.spill;
    if (!spill || !Array.isArray(spill.array) || spill.array.length !== target.rows) return undefined;
    return spillGrid(spill);
  }
  if (name !== DATA_FUNCTION && name !== HANDLE_FUNCTION && name !== COMPUTED_FUNCTION) return undefined;
  const store = live.get(texts[0]);
  const key = decodeURIComponent(texts[1] ?? '');
  const values = store?.get(key);
  if (!store || !values) return undefined;
  // A handle (one cell) stands for the whole column; spilled cells must span exactly the column.
  if (name !== DATA_FUNCTION) return target.rows === 1 ? store.column(key) : undefined;
  return Math.max(1, values.length) === target.rows ? store.column(key) : undefined;
};

/**
 * A block of fed columns (Opp_Answers) of one store: every column spilled by CRM3DATA, each exactly
 * the block's height; or the row of the columns' cells atop them (sheets.ts' block handles: each a
 * handle cell, or a spill's first cell once a formula read that column as cells), the block then
 * as tall as its columns.
 */
function blockOf(target: NameTarget): Cell[][] | undefined {
  const calls = target.columnCalls;
  const row = target.rows === 1;
  const fed = (c: NameTarget['call']) => c?.name === DATA_FUNCTION || (row && c?.name === HANDLE_FUNCTION);
  if (!calls?.length || calls.some((c) => !fed(c) || c!.texts[0] !== calls[0]!.texts[0])) return undefined;
  const store = live.get(calls[0]!.texts[0]);
  const keys = calls.map((c) => decodeURIComponent(c!.texts[1] ?? ''));
  const rows = row ? store?.get(keys[0])?.length : target.rows;
  return rows ? store?.block(keys, rows) : undefined;
}

const ownNames = { [DATA_FUNCTION]: DATA_FUNCTION, [HANDLE_FUNCTION]: HANDLE_FUNCTION, [COMPUTED_FUNCTION]: COMPUTED_FUNCTION };
export const columnDataTranslations = { enGB: ownNames, enUS: ownNames };
