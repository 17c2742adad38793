/**
 * The HyperFormula-backed workbook engine: loads a snapshot, defines the column names,
 * computes the per-row columns with one spilled CRM3 call each, evaluates the indicator
 * formulas, and answers what-if questions without touching the source.
 */
import { HyperFormula, SimpleRangeValue } from 'hyperformula';
import type { ConfigParams, SimpleCellAddress } from 'hyperformula';
import { CalcError, Cell, ErrorCode, Result } from '../core/cells';
import { Locale, Message, pick } from '../core/i18n';
import { declarationOf } from '../functions/catalog';
import {
  buildCrm3Plugin,
  crm3Translations,
  heldColumnOf,
  setColumnRangeMaker,
  setNamedColumnShortcut,
  setNestedCallCache,
  setPluginLocale,
  spilledAsHf,
} from '../functions/hyperformula/crm3Plugin';
import { InputArg, InputCell, errorText, invoke, invokeWorking, markErrorFree } from '../functions/invoke';
import { HeldColumn } from '../functions/args';
import type { Working } from '../calc/working';
import { holdColumns } from '../calc/columnViews';
import { ConfigTableName, SETTINGS, SettingName } from '../model/config';
import { BUILT_IN_INDICATORS } from '../model/indicators';
import { TABLES, TableName, tableSpec } from '../model/schema';
import { IndicatorRow, WorkbookSnapshot } from '../model/snapshot';
import { namesIn, namesReadAsCells } from './formulaLanguage';
import {
  CALC_SHEET,
  CONFIG_SHEET,
  ColumnHandle,
  EngineLayout,
  INDICATORS_SHEET,
  MIN_DATA_ROWS,
  columnRange,
  layoutWorkbook,
  sanitize,
} from './sheets';
import { ColumnDataPlugin, ColumnStore, columnDataTranslations, storeShortcut } from './columnStore';
import { cellExporter, cheapSpillMapping, exportAsCalculated, lazyColumnRange, skipChangeLists } from './hfInternals';
import { RecordedArgument, RecordedCall, recordNestedCalls, recordedCalls } from './nestedCalls';
import { nestedCallCache } from './keptCalls';

export interface EngineOptions {
  /** Evaluation date (Excel serial); overrides the workbook's AsOfDate. */
  asOf: number;
  locale?: Locale;
  /** HyperFormula licence key; `gpl-v3` unless you own a commercial key. */
  licenseKey?: string;
  /**
   * Called once the snapshot's tables are in the engine's own columns: `build` reads the
   * snapshot no more after it (a caller done with the snapshot can let its rows go then).
   * Giving it says the caller does let them go: the columns a table holds
   * (model/tableColumns.ts) are then handed to the engine instead of copied.
   */
  laidOut?: () => void;
}

/** Excel's own limit on a formula's length: a longer one is refused before the engine parses it. */
const MAX_FORMULA_LENGTH = 8192;

const INDICATOR_FAILURE = {
  tooLong: (n: number): Message => ({
    en: `the formula is ${n} characters long, more than Excel's limit of ${MAX_FORMULA_LENGTH}; split it into smaller indicators`,
    zh: `公式长度为 ${n} 个字符，超过 Excel 的上限 ${MAX_FORMULA_LENGTH}；请拆分为几个较小的指标`,
  }),
  engine: (e: unknown): Message => {
    const why = e instanceof Error ? e.message : String(e);
    if (/call stack/i.test(why))
      return {
        en: 'the formula is nested or chained too deeply for the engine to evaluate; split it into smaller indicators',
        zh: '公式嵌套或连接的层数过多，引擎无法计算；请拆分为几个较小的指标',
      };
    if (/string length|allocation|memory/i.test(why))
      return {
        en: 'the formula builds a value too large for the engine to hold (for example a very long REPT text); make it smaller',
        zh: '公式生成的值过大，引擎无法容纳（例如很长的 REPT 文本）；请缩小',
      };
    return { en: `the engine could not evaluate the formula (${why})`, zh: `引擎无法计算该公式（${why}）` };
  },
};

/** The Indicators sheet's rows, the failed indicators' formulas left out. */
function indicatorRows(layout: EngineLayout, failed: ReadonlyMap<number, string>): EngineLayout['indicatorsSheet'] {
  return layout.indicatorsSheet.map((row, r) => (r > 0 && failed.has(r - 1) ? [row[0], null, null] : row));
}

/** A cell's value as the outside world sees it: blank is null, errors carry their message. */
export type EngineValue = number | string | boolean | null | { error: string; message: string };

export interface IndicatorValue {
  row: IndicatorRow;
  value: EngineValue;
  status: EngineValue;
}

export interface CellChange {
  table: TableName;
  /** 0-based data row. */
  row: number;
  column: string;
  value: Cell;
}

/**
 * A change to the engine's copy of Config: one setting, or one cell of a Config table (`row`
 * is the table's row as the engine holds it, see `configTable`). The workbook is never touched.
 */
export type ConfigChange =
  { setting: SettingName; value: Cell } | { table: ConfigTableName; row: number; column: string; value: Cell };

/** A Config table as the engine evaluates it: the workbook's own, or the defaults when it has none. */
export interface EngineConfigTable {
  headers: string[];
  rows: Cell[][];
  /** Each row's 0-based row in the workbook's table; undefined when the defaults stand in. */
  workbookRows?: number[];
}

/** An argument of `call`: a workbook name (`{ name: 'Opp_Status' }`), or a value or block given as it is. */
export type CallArgument = { name: string } | Cell | readonly (readonly Cell[])[] | undefined;

const ERROR_CODES: readonly ErrorCode[] = ['VALUE', 'NA', 'DIV0', 'NUM', 'REF', 'NAME', 'NULL'];

/** Each error's text (#N/A) → its code (the first code of a text wins), not searched per error cell of a column. */
const CODE_OF_ERROR_TEXT = new Map(
  ERROR_CODES.map((c) => [errorText(new CalcError(c, { en: '', zh: '' })), c] as const).reverse(),
);

/** An engine value as a function argument (an error value becomes the error it shows). */
function toInput(v: EngineValue): InputCell {
  if (v === null || typeof v !== 'object') return v;
  const code = CODE_OF_ERROR_TEXT.get(v.error) ?? 'VALUE';
  return new CalcError(code, { en: v.message, zh: v.message });
}

/** The part of HyperFormula's dependency graph incremental what-if uses (marking a vertex dirty). */
interface DirtyGraph {
  getCell(address: SimpleCellAddress): object | undefined;
  graph: { markNodeAsDirty(vertex: object): void };
}
type SpillGraph = Pick<DirtyGraph, 'getCell'>;

let pluginRegistered = false;
function ensurePlugin(): void {
  if (pluginRegistered) return;
  HyperFormula.registerFunctionPlugin(buildCrm3Plugin(), crm3Translations());
  HyperFormula.registerFunctionPlugin(ColumnDataPlugin, columnDataTranslations);
  setNamedColumnShortcut(storeShortcut);
  setNestedCallCache(nestedCallCache(storeShortcut));
  // A CRM3 call's column result becomes cells only if HyperFormula reads it as cells.
  setColumnRangeMaker(lazyColumnRange());
  cheapSpillMapping();
  pluginRegistered = true;
}

/** `calculateFormula`'s answer as a grid, each cell as `as` makes it (an array result whole). */
function exportedGrid<T>(v: unknown, as: (cell: unknown) => T): T[][] {
  return Array.isArray(v) ? v.map((row: unknown[]) => row.map((cell) => as(cell))) : [[as(v)]];
}

/** `calculateFormula`'s answer with every cell of an array result as the engine reports it. */
const asArray = (v: unknown): EngineValue[][] => exportedGrid(v, toEngineValue);

/** An exported cell as a function argument reads it. */
const exportedInput = (cell: unknown): InputCell => toInput(toEngineValue(cell));

/**
 * The same with each cell as a function argument reads it, in one pass (no grid of engine
 * values between). A column comes as `heldColumn` makes it.
 */
function asInputGrid(v: unknown): InputCell[][] | HeldColumn {
  if (!Array.isArray(v) || v.length < 2 || !v.every((row) => Array.isArray(row) && row.length === 1))
    return exportedGrid(v, exportedInput);
  const column = new Array<InputCell>(v.length);
  for (let i = 0; i < v.length; i++) column[i] = exportedInput((v[i] as unknown[])[0]);
  return heldColumn(column);
}

/**
 * A column of argument values as a function reads it, as the store hands its own: a held
 * column (no row per value unless a function reads it as a block) and, without errors, marked
 * error-free. An explanation's argument of 50,000 rows was 50,000 one-cell rows that lived as
 * long as its kernel ran: at 50,000 opportunities the explanations' collections promoted
 * ~140 MB; then their rows, shared per value, were still made (issue #15).
 */
function heldColumn(column: InputCell[]): HeldColumn {
  const held = new HeldColumn(column);
  if (!column.some((c) => c instanceof CalcError)) markErrorFree(held);
  return held;
}

/** A HyperFormula cell value as the engine reports it (errors keep their code and message). */
export function toEngineValue(v: unknown): EngineValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  const e = v as { value?: string; message?: string };
  return { error: e.value ?? '#VALUE!', message: e.message ?? '' };
}

export class WorkbookEngine {
  private constructor(
    private readonly hf: HyperFormula,
    readonly layout: EngineLayout,
    private readonly sheetIds: Record<string, number>,
    private readonly store: ColumnStore,
    /** Language of the messages the engine's values carry. */
    readonly locale: Locale,
    /** Indicators (by position) the engine could not take, with why. */
    private readonly failed: ReadonlyMap<number, string> = new Map(),
  ) {}

  static build(snapshot: WorkbookSnapshot, options: EngineOptions): WorkbookEngine {
    ensurePlugin();
    const locale = options.locale ?? 'en-US';
    const indicators = snapshot.indicators?.length ? snapshot.indicators : BUILT_IN_INDICATORS;
    const store = new ColumnStore();
    // A caller that lets the snapshot go once laid out hands its columns over (no copies).
    const layout = layoutWorkbook(snapshot, { asOf: options.asOf, locale, indicators, store, takeColumns: !!options.laidOut });
    options.laidOut?.();

    const config: Partial<ConfigParams> = {
      licenseKey: options.licenseKey ?? 'gpl-v3',
      maxRows: Math.max(layout.maxRows, 1000),
      maxColumns: 2000,
      // Full precision: the pane and Excel must agree to the last digit.
      smartRounding: false,
      useColumnIndex: false,
    };
    // An indicator formula is the user's: one that HyperFormula cannot take (too long, nested
    // too deep for its stack, a text too long to hold) must fail alone, with a message, while
    // every other indicator still evaluates (issue #12).
    const failed = new Map<number, string>();
    layout.indicatorsSheet.forEach((row, r) => {
      const formula = row[1];
      if (r > 0 && typeof formula === 'string' && formula.length > MAX_FORMULA_LENGTH)
        failed.set(r - 1, pick(INDICATOR_FAILURE.tooLong(formula.length), locale));
    });
    for (let oneByOne = false; ; oneByOne = true) {
      const hf = HyperFormula.buildFromSheets(
        layout.sheets,
        config,
        layout.names.map((n) => ({ name: n.name, expression: n.expression })),
      );
      skipChangeLists(hf);

      setPluginLocale(hf, locale);
      // Explanations reuse what the indicators' nested CRM3 calls gave (Value column of the Indicators sheet).
      const indicatorsSheet = hf.getSheetId(INDICATORS_SHEET);
      recordNestedCalls(hf, (at) => at.sheet === indicatorsSheet && at.col === 1);
      const sheetIds: Record<string, number> = {};
      for (const name of hf.getSheetNames()) sheetIds[name] = hf.getSheetId(name)!;
      let current = -1;
      try {
        // Formulas go in after the names exist: HyperFormula sizes spilled results through names only then.
        if (!oneByOne) {
          hf.batch(() => {
            hf.setCellContents({ sheet: sheetIds[CALC_SHEET], row: 0, col: 0 }, layout.calc as never);
            hf.setCellContents({ sheet: sheetIds[INDICATORS_SHEET], row: 0, col: 0 }, indicatorRows(layout, failed) as never);
          });
        } else {
          hf.setCellContents({ sheet: sheetIds[CALC_SHEET], row: 0, col: 0 }, layout.calc as never);
          const rows = indicatorRows(layout, failed);
          hf.setCellContents({ sheet: sheetIds[INDICATORS_SHEET], row: 0, col: 0 }, [rows[0]] as never);
          for (current = 0; current < layout.indicators.length; current++) {
            if (failed.has(current)) continue;
            hf.setCellContents({ sheet: sheetIds[INDICATORS_SHEET], row: current + 1, col: 0 }, [rows[current + 1]] as never);
          }
        }
        return new WorkbookEngine(hf, layout, sheetIds, store, locale, failed);
      } catch (e) {
        // HyperFormula's state after a throw is unknown: start again, without the formula that threw.
        hf.destroy();
        if (!oneByOne) continue;
        if (current < 0 || current >= layout.indicators.length) {
          store.release();
          throw e;
        }
        failed.set(current, pick(INDICATOR_FAILURE.engine(e), locale));
      }
    }
  }

  private value(address: SimpleCellAddress): EngineValue {
    return toEngineValue(this.hf.getCellValue(address));
  }

  indicators(): IndicatorValue[] {
    const sheet = this.sheetIds[INDICATORS_SHEET];
    return this.layout.indicators.map((row, i) => {
      const failure = this.failed.get(i);
      if (failure !== undefined) return { row, value: { error: '#ERROR!', message: failure }, status: null };
      return { row, value: this.value({ sheet, row: i + 1, col: 1 }), status: this.value({ sheet, row: i + 1, col: 2 }) };
    });
  }

  /** One computed column (Score, Tier, Grade, …) as values, one per data row. */
  computedColumn(table: 'Accounts' | 'Opportunities', column: string): EngineValue[] {
    const j = this.layout.computed.findIndex((c) => c.table === table && c.column === column);
    const n = this.layout.rowCounts[table];
    if (j < 0) return new Array(n).fill(null);
    const held = this.heldComputed(`${table === 'Accounts' ? 'Acc' : 'Opp'}_${column}`);
    if (held) return held;
    const sheet = this.sheetIds[CALC_SHEET];
    const fast = this.spilledColumn({ sheet, row: 1, col: j }, n);
    if (fast) return fast;
    const out: EngineValue[] = [];
    for (let i = 0; i < n; i++) out.push(this.value({ sheet, row: i + 1, col: j }));
    return out;
  }

  /**
   * A spilled column read in one go from its formula's result, exported exactly as
   * getCellValue exports each cell (at 50,000 rows, cell-by-cell reads cost seconds);
   * undefined when the cell holds no computed spill of that height.
   */
  private spilledColumn(address: SimpleCellAddress, n: number): EngineValue[] | undefined {
    const internals = this.hf as unknown as { dependencyGraph: SpillGraph; _exporter?: { exportValue(v: unknown): unknown } };
    const exporter = internals._exporter;
    const spill = (internals.dependencyGraph.getCell(address) as { array?: { array?: unknown[][] } } | undefined)?.array;
    if (!exporter || typeof exporter.exportValue !== 'function' || !Array.isArray(spill?.array) || spill.array.length !== n)
      return undefined;
    const rows = spill.array;
    const out = new Array<EngineValue>(n);
    for (let i = 0; i < n; i++) out[i] = toEngineValue(exporter.exportValue(rows[i][0]));
    return out;
  }

  /**
   * A computed column held in the store (`layout.computedHandles`, by its name in any case),
   * each cell exported exactly as HyperFormula exports the cell of its spill (`spilledColumn`);
   * undefined when the column is spilled.
   */
  private heldComputed(name: string): EngineValue[] | undefined;
  /** The same, each value as `as` gives it (one pass where the caller wants another form). */
  private heldComputed<T>(name: string, as: (v: EngineValue) => T): T[] | undefined;
  private heldComputed(name: string, as?: (v: EngineValue) => unknown): unknown[] | undefined {
    const handle = this.layout.computedHandles.get(name.trim().toLowerCase());
    const values = handle && this.store.get(handle.key);
    const exportCell = values && cellExporter(this.hf);
    if (!values || !exportCell) return undefined;
    const out = new Array<unknown>(values.length);
    for (let i = 0; i < values.length; i++) {
      const value = toEngineValue(exportCell(spilledAsHf(values[i], this.locale)));
      out[i] = as ? as(value) : value;
    }
    return out;
  }

  /** An input column as the engine holds it (what-if changes included). */
  inputColumn(table: TableName, column: string): EngineValue[] {
    const values = this.store.get(`${tableSpec(table).prefix}_${column}`);
    return values ? values.map((v) => (v === '' ? null : v)) : new Array(this.layout.rowCounts[table]).fill(null);
  }

  /** Evaluates any formula against the workbook's names (used by the pane's "explain"). */
  calculate(formula: string): EngineValue {
    this.feedColumnsOf(formula);
    const v = this.hf.calculateFormula(formula, this.sheetIds[INDICATORS_SHEET]);
    return Array.isArray(v) ? toEngineValue(v[0]?.[0]) : toEngineValue(v);
  }

  /** Like `calculate`, with every cell of an array result (a name of a column gives the whole column). */
  calculateArray(formula: string): EngineValue[][] {
    this.feedColumnsOf(formula);
    return asArray(this.hf.calculateFormula(formula, this.sheetIds[INDICATORS_SHEET]));
  }

  /** `calculateArray` with each cell as a function argument (`argument`). */
  private calculatedInputs(formula: string): InputCell[][] | HeldColumn {
    this.feedColumnsOf(formula);
    return asInputGrid(this.hf.calculateFormula(formula, this.sheetIds[INDICATORS_SHEET]));
  }

  /**
   * The CRM3 calls of an indicator's formula as HyperFormula last evaluated them, with the
   * values of its nested calls (engine/nestedCalls.ts); undefined when the engine holds no
   * such record, or holds the formula under other words than `row.formula` (names translated).
   */
  indicatorCalls(row: IndicatorRow): RecordedCall | undefined {
    let i = this.layout.indicators.indexOf(row);
    if (i < 0) {
      const same = this.layout.indicators.flatMap((r, k) => (r.id === row.id && r.formula === row.formula ? [k] : []));
      if (same.length !== 1) return undefined;
      i = same[0];
    }
    if (this.failed.has(i) || this.layout.indicatorsSheet[i + 1]?.[1] !== row.formula) return undefined;
    return recordedCalls(this.hf, { sheet: this.sheetIds[INDICATORS_SHEET], row: i + 1, col: 1 });
  }

  /** A nested call's value as `calculateArray` would give it, from the record of the build; undefined when there is none. */
  private recordedArray(expression: string, recorded: RecordedArgument | undefined): InputCell[][] | HeldColumn | undefined {
    if (!recorded?.kept) return undefined;
    // Columns fed just now for this expression change the workbook under the record: calculate instead.
    if (this.feedColumnsOf(`=${expression}`)) return undefined;
    const column = this.exportedColumn(recorded.kept.value);
    if (column) return column;
    const exported = exportAsCalculated(this.hf, recorded.kept.value);
    return exported && asInputGrid(exported.value);
  }

  /**
   * A column value of HyperFormula's (a nested call's result) as `asInputGrid` gives it once
   * exported, cell by cell (hfInternals' cellExporter), without the exported copy of its rows;
   * undefined when it is not a range of one column and at least two rows.
   */
  private exportedColumn(value: unknown): HeldColumn | undefined {
    if (!(value instanceof SimpleRangeValue) || value.width() !== 1 || value.height() < 2) return undefined;
    const exportCell = cellExporter(this.hf);
    if (!exportCell) return undefined;
    const held = heldColumnOf(value);
    if (held) return this.exportedHeld(held, exportCell) ?? this.exportedRows(value, exportCell);
    return this.exportedRows(value, exportCell);
  }

  /**
   * A CRM3 call's column result HyperFormula holds (crm3Plugin's heldRange) read from its held
   * column, without making its rows: each cell exported as HyperFormula would export the cell
   * it shows (the same held column when no cell changes on the way: no blank); undefined when it
   * holds an error (then its rows are exported).
   */
  private exportedHeld(held: HeldColumn, exportCell: (cell: unknown) => unknown): HeldColumn | undefined {
    const values = held.values;
    let out: InputCell[] | undefined;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v instanceof CalcError) return undefined;
      const input = exportedInput(exportCell(v));
      if (!Object.is(input, v)) (out ??= values.slice())[i] = input;
    }
    return out ? heldColumn(out) : held;
  }

  private exportedRows(value: SimpleRangeValue, exportCell: (cell: unknown) => unknown): HeldColumn {
    const rows = value.data;
    const column = new Array<InputCell>(rows.length);
    for (let i = 0; i < rows.length; i++) column[i] = exportedInput(exportCell(rows[i][0]));
    return heldColumn(column);
  }

  /**
   * Runs one CRM3 function of the catalog on the workbook's names and on values given as
   * they are: the declaration reads and checks the arguments exactly as in a formula, but no
   * formula text is built, so text from the workbook (an owner, a stage) is never parsed.
   */
  call(functionId: string, args: readonly CallArgument[]): EngineValue | EngineValue[][] {
    const decl = declarationOf(functionId);
    if (!decl) throw new Error(`CRM3.${functionId} is not in the catalog`);
    const inputs: InputArg[] = args.map((a) =>
      a === null || typeof a !== 'object' || Array.isArray(a) ? (a as InputArg) : this.argument((a as { name: string }).name),
    );
    return this.fromResult(invoke(decl, inputs));
  }

  /**
   * A function argument as the workbook gives it: a fed column straight from the store, else
   * the expression evaluated (a name, a nested call, "Open", PeriodStart); one cell is a value.
   */
  argument(expression: string, recorded?: RecordedArgument): InputArg {
    if (this.store.get(expression)) return this.store.column(expression);
    // A computed column held in the store: what calculating its name gives, without spilling it.
    const held = this.heldComputed(expression, toInput);
    if (held) return held.length ? heldColumn(held) : [];
    const grid = this.recordedArray(expression, recorded) ?? this.calculatedInputs(`=${expression}`);
    return !(grid instanceof HeldColumn) && grid.length === 1 && grid[0].length === 1 ? grid[0][0] : grid;
  }

  /** The parameter names of a catalog function, in order. */
  parameterNames(functionId: string): string[] {
    return declarationOf(functionId)?.params.map((p) => p.name) ?? [];
  }

  /**
   * The working of one catalog function on argument expressions (see `argument`); undefined
   * when it has none. `recorded`: the arguments' values as the build computed them, by position
   * (`indicatorCalls`), read instead of evaluating those arguments again.
   */
  working(
    functionId: string,
    argumentTexts: readonly string[],
    recorded?: readonly (RecordedArgument | undefined)[],
  ): Working | CalcError | undefined {
    const decl = declarationOf(functionId);
    if (!decl?.explain) return undefined;
    return invokeWorking(
      decl,
      argumentTexts.map((t, i) => (t.trim() === '' ? undefined : this.argument(t, recorded?.[i]))),
    );
  }

  private fromResult(r: Result): EngineValue | EngineValue[][] {
    const one = (s: CalcError | Cell): EngineValue =>
      s instanceof CalcError ? { error: errorText(s), message: pick(s.message, this.locale) } : s;
    return Array.isArray(r) ? r.map((row) => row.map(one)) : one(r);
  }

  /** A Config table as the engine evaluates it (the defaults when the workbook has none). */
  configTable(name: ConfigTableName): EngineConfigTable {
    const t = this.layout.configTables[name];
    return { headers: [...t.headers], rows: t.rows.map((r) => [...r]), workbookRows: t.workbookRows && [...t.workbookRows] };
  }

  /**
   * Reads the workbook under other settings or Config values: the changes go into the engine's
   * copy of Config, every formula that depends on them is recomputed (computed columns,
   * indicators), `read` runs, and the copy is put back as it was, even when `read` throws.
   */
  withConfig<T>(changes: readonly ConfigChange[], read: (engine: WorkbookEngine) => T): T {
    const sheet = this.sheetIds[CONFIG_SHEET];
    // Check every change before making any: a bad one must not leave the others half-applied.
    const addresses = changes.map((c) => {
      if ('setting' in c) {
        const i = SETTINGS.findIndex((s) => s.name === c.setting);
        if (i < 0) throw new Error(`Config has no setting ${c.setting}`);
        return { sheet, row: i + 1, col: 1 };
      }
      const t = this.layout.configTables[c.table];
      const k = t?.headers.indexOf(c.column) ?? -1;
      if (k < 0) throw new Error(`Config table ${c.table} has no column ${c.column}`);
      if (!Number.isInteger(c.row) || c.row < 0 || c.row >= t.rows.length)
        throw new Error(`Config table ${c.table} has no row ${c.row + 1}`);
      return { sheet, row: c.row + 1, col: t.col + k };
    });
    if (changes.length === 0) return read(this);
    const previous = addresses.map((a) => this.hf.getCellSerialized(a));
    this.hf.batch(() => addresses.forEach((a, i) => this.hf.setCellContents(a, [[sanitize(changes[i].value) as never]])));
    try {
      return read(this);
    } finally {
      // Backwards, so a cell changed twice ends as it was before the first change.
      this.hf.batch(() => {
        for (let i = addresses.length - 1; i >= 0; i--) this.hf.setCellContents(addresses[i], [[previous[i] as never]]);
      });
    }
  }

  /**
   * The engine loads only the columns its formulas read (DESIGN.md §8); a formula typed
   * later (the pane's explain and what-if) gets the columns it names fed on demand. Says
   * whether the formula named anything the engine did not hold as it needs it.
   */
  private feedColumnsOf(formula: string): boolean {
    const wanted = [...namesIn(formula)].filter((n) => !this.hf.getNamedExpression(n));
    const read = [...namesReadAsCells(formula)];
    const asCells = read.filter((n) => this.layout.handles.has(n.toLowerCase()));
    const computedAsCells = read.filter((n) => this.layout.computedHandles.has(n.toLowerCase()));
    const blocksAsCells = read.filter((n) => this.layout.blocks.has(n.toLowerCase()));
    if (wanted.length === 0 && asCells.length === 0 && computedAsCells.length === 0 && blocksAsCells.length === 0) return false;
    this.hf.batch(() => {
      // A block whose name is the row of its columns' handles, read as cells: its columns spilled, its name over them.
      for (const n of blocksAsCells) {
        const block = this.layout.blocks.get(n.toLowerCase())!;
        this.layout.blocks.delete(n.toLowerCase());
        for (const handle of [...this.layout.handles.values()])
          if (handle.table === block.table && handle.col >= block.col && handle.col < block.col + block.width)
            this.spillHandle(handle);
        this.hf.changeNamedExpression(block.name, columnRange(block.table, block.col, block.span, 2, block.width));
      }
      // A computed column held in the store that this formula reads as cells: spilled from then on.
      for (const n of computedAsCells) {
        const handle = this.layout.computedHandles.get(n.toLowerCase())!;
        this.layout.computedHandles.delete(n.toLowerCase());
        const address = { sheet: this.sheetIds[CALC_SHEET], row: 1, col: handle.col };
        this.hf.setCellContents(address, [[this.layout.computed[handle.col].formula]]);
        this.hf.changeNamedExpression(handle.name, columnRange(CALC_SHEET, handle.col, handle.span));
      }
      // A column held as one handle cell that this formula reads as cells: spilled from then on.
      for (const n of asCells) {
        const handle = this.layout.handles.get(n.toLowerCase());
        if (handle) this.spillHandle(handle);
      }
      for (const name of wanted) {
        const spec = TABLES.find((t) => name.startsWith(`${t.prefix}_`));
        if (!spec || !this.store.get(name)) continue;
        const column = name.slice(spec.prefix.length + 1);
        const index = this.layout.columnIndex[spec.name];
        const col = index.size;
        const sheet = this.sheetIds[spec.name];
        this.hf.setCellContents({ sheet, row: 0, col }, [[column], [this.store.formula(name)]]);
        index.set(column, col);
        this.hf.addNamedExpression(name, columnRange(spec.name, col, Math.max(this.layout.rowCounts[spec.name], MIN_DATA_ROWS)));
      }
    });
    return true;
  }

  /** A fed column held as one handle cell, spilled from now on (its name over the spill). */
  private spillHandle(handle: ColumnHandle): void {
    this.layout.handles.delete(handle.name.toLowerCase());
    const address = { sheet: this.sheetIds[handle.table], row: 1, col: handle.col };
    this.hf.setCellContents(address, [[this.store.formula(handle.key)]]);
    this.hf.changeNamedExpression(handle.name, columnRange(handle.table, handle.col, handle.span));
  }

  /**
   * Applies changes to input cells, incrementally: the store is changed in place and each
   * changed column's feeding call is marked dirty, so HyperFormula re-runs that call and then
   * exactly the formulas that depend on it (transitively: computed columns, indicators), and
   * nothing else. No formula is re-parsed and no spill is rebuilt from scratch.
   */
  apply(changes: readonly CellChange[]): void {
    const touched = new Set<string>();
    // Check every change before making any: a bad one must not leave the others half-applied.
    for (const c of changes) {
      const values = this.store.get(`${tableSpec(c.table).prefix}_${c.column}`);
      if (!values) throw new Error(`${c.table} has no input column ${c.column}`);
      if (c.row < 0 || c.row >= values.length) throw new Error(`${c.table} has no row ${c.row + 1}`);
    }
    const rowsOf = new Map<string, number[]>();
    for (const c of changes) {
      const key = `${tableSpec(c.table).prefix}_${c.column}`;
      this.store.get(key)![c.row] = c.value;
      let rows = rowsOf.get(key);
      if (!rows) rowsOf.set(key, (rows = []));
      rows.push(c.row);
      if (this.layout.columnIndex[c.table].has(c.column)) touched.add(`${c.table}\u0000${c.column}`);
    }
    for (const [key, rows] of rowsOf) this.store.changed(key, rows);
    const graph = this.hf.dependencyGraph as unknown as DirtyGraph;
    // The columns changed above; none changes while HyperFormula recalculates (see holdColumns).
    holdColumns(() =>
      this.hf.batch(() => {
        for (const t of touched) {
          const [table, column] = t.split('\u0000') as [TableName, string];
          const address = { sheet: this.sheetIds[table], row: 1, col: this.layout.columnIndex[table].get(column)! };
          const feeder = graph.getCell(address);
          if (feeder) {
            graph.graph.markNodeAsDirty(feeder);
            continue;
          }
          // Not a formula vertex (cannot happen for a fed column): set the same formula again.
          this.hf.setCellContents(address, [[null]]);
          const key = `${tableSpec(table).prefix}_${column}`;
          const held = [...this.layout.handles.values()].some((h) => h.key === key);
          this.hf.setCellContents(address, [[held ? this.store.handleFormula(key) : this.store.formula(key)]]);
        }
      }),
    );
  }

  /**
   * What-if: indicators after the changes, next to the base, then the workbook is put back
   * exactly as it was. Nothing outside the engine is touched.
   */
  whatIf(changes: readonly CellChange[]): { base: IndicatorValue[]; changed: IndicatorValue[] } {
    const base = this.indicators();
    const previous = changes.map((c) => {
      const values = this.store.get(`${tableSpec(c.table).prefix}_${c.column}`);
      return { ...c, value: values && c.row >= 0 && c.row < values.length ? values[c.row] : null };
    });
    this.apply(changes);
    const changed = this.indicators();
    this.apply(previous.reverse());
    return { base, changed };
  }

  destroy(): void {
    this.hf.destroy();
    this.store.release();
  }
}
