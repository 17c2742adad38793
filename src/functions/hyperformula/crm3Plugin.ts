/**
 * HyperFormula adapter: a FunctionPlugin generated from the catalog. Every argument is taken
 * as ANY (a value or a range) and handed to the shared invoker, so results match Excel's.
 */
import { ArraySize, CellError, EmptyValue, FunctionArgumentType, FunctionPlugin, SimpleRangeValue } from 'hyperformula';
import type { HyperFormula } from 'hyperformula';
import type { ImplementedFunctions } from 'hyperformula';
import { CalcError, Cell, Scalar } from '../../core/cells';
import { Locale, pick } from '../../core/i18n';
import { catalog } from '../catalog';
import { FunctionDeclaration, FunctionResult, NAMESPACE } from '../declaration';
import { columnRows } from '../columnRows';
import { Dimensions, InputArg, InputCell, invokeHeld, invokeRows, markErrorFree, resultSize } from '../invoke';
import { ColumnResult } from '../spill';
import { HeldColumn } from '../args';
import { reportRowsChanged, reportsChanges } from '../../calc/columnViews';

const HF_ERROR: Record<CalcError['code'], string> = {
  VALUE: 'VALUE',
  NA: 'NA',
  DIV0: 'DIV_BY_ZERO',
  NUM: 'NUM',
  REF: 'REF',
  NAME: 'NAME',
  NULL: 'ERROR',
};

const FROM_HF: Record<string, CalcError['code']> = {
  VALUE: 'VALUE',
  NA: 'NA',
  DIV_BY_ZERO: 'DIV0',
  NUM: 'NUM',
  REF: 'REF',
  NAME: 'NAME',
  ERROR: 'NULL',
  CYCLE: 'REF',
  SPILL: 'REF',
  LIC: 'NAME',
};

/**
 * Language of the error messages this plugin gives in one HyperFormula instance, kept per
 * instance (keyed by its dependency graph, which the plugin sees too): two engines in one
 * process (the pane's in English, a client copy in Chinese) never change each other's language.
 */
const localeOf = new WeakMap<object, Locale>();
export function setPluginLocale(hf: HyperFormula, locale: Locale): void {
  const graph = (hf as unknown as { dependencyGraph?: object }).dependencyGraph;
  if (graph) localeOf.set(graph, locale);
}
function pluginLocale(plugin: FunctionPlugin): Locale {
  const graph = (plugin as unknown as { dependencyGraph?: object }).dependencyGraph;
  return (graph && localeOf.get(graph)) || 'en-US';
}

/** A HyperFormula value as a kernel input (blank → null, errors → CalcError, dates → serials). */
export function fromHfScalar(v: unknown): InputCell {
  if (v === EmptyValue || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof CellError) return new CalcError(FROM_HF[v.type] ?? 'VALUE', { en: v.message ?? '', zh: v.message ?? '' });
  if (typeof v === 'object' && typeof (v as { val?: unknown }).val === 'number') return (v as { val: number }).val; // dates, currency, percent
  return null;
}

/** Every cell a number, text or boolean: fromHfScalar gives each back as it is. */
function plainRow(row: readonly unknown[]): boolean {
  for (let k = 0; k < row.length; k++) {
    const t = typeof row[k];
    if (t !== 'number' && t !== 'string' && t !== 'boolean') return false;
  }
  return true;
}

function fromHfArg(v: unknown): InputArg {
  if (v === undefined) return undefined;
  if (v instanceof SimpleRangeValue) {
    // A CRM3 call's column result: its held column, no rows read (toHf, heldRange).
    const held = heldRanges.get(v);
    if (held) return held.column;
    // Another range (a block result, a spill, cells): a result's rows are shared per distinct
    // value (toHf, columnRows): converted once each, the argument shares them too (no new
    // one-cell array per row to collect).
    // A row of plain numbers, texts and booleans reads as itself, and a grid of such rows is
    // handed on as HyperFormula made it (a fresh array for each evaluation, never changed
    // afterwards): no copy of 50,000 rows to collect (issue #15).
    const data = v.data as unknown[][];
    let out: InputCell[][] | undefined;
    let converted: Map<unknown[], InputCell[]> | undefined;
    for (let i = 0; i < data.length; i++) {
      const row = data[i];
      let r: InputCell[] | undefined = plainRow(row) ? (row as InputCell[]) : undefined;
      if (r === undefined) {
        converted ??= new Map();
        r = converted.get(row);
        if (r === undefined) converted.set(row, (r = row.map(fromHfScalar)));
        out ??= data.slice(0, i) as InputCell[][];
      }
      if (out !== undefined) out.push(r);
    }
    if (out !== undefined) return out;
    // Plain rows hold no error: the invoker need not scan them for one.
    markErrorFree(data as InputCell[][]);
    return data as InputCell[][];
  }
  return fromHfScalar(v);
}

function toHfScalar(s: Scalar, locale: Locale): unknown {
  if (s instanceof CalcError) return new CellError(HF_ERROR[s.code] as never, pick(s.message, locale));
  return s === null ? '' : s;
}

function toHf(result: FunctionResult, size: Dimensions, locale: Locale): unknown {
  if (result instanceof ColumnResult && size.cols === 1 && size.rows === result.values.length) return heldRange(result, locale);
  const r = result instanceof ColumnResult ? result.rows() : result;
  if (!Array.isArray(r)) {
    if (size.rows === 1 && size.cols === 1) return toHfScalar(r, locale);
    // An array formula must fill its predicted size: a scalar (an error) fills every cell.
    return SimpleRangeValue.onlyValues(
      Array.from({ length: size.rows }, () => Array.from({ length: size.cols }, () => toHfScalar(r, locale) as never)),
    );
  }
  // The predicted size is a promise: a row list whose height was not typed is cut or padded to it.
  const fitted = r.length === size.rows && r.every((row) => row.length === size.cols) ? r : fit(r, size);
  if (size.cols === 1) return SimpleRangeValue.onlyValues(columnRows(fitted, (row) => toHfScalar(row[0], locale)) as never);
  return SimpleRangeValue.onlyValues(fitted.map((row) => row.map((c) => toHfScalar(c, locale) as never)));
}

/**
 * A CRM3 call's column result and the column a CRM3 call reading it gets (what fromHfScalar gives
 * for each of its cells: blank as '', an error as HyperFormula's error turned back), per range
 * value toHf made (heldRange); `plain`: the column holds only numbers, texts and booleans.
 */
const heldRanges = new WeakMap<object, { column: HeldColumn; plain: boolean }>();

/**
 * Makes a range value of one column whose rows are made only when HyperFormula reads its cells
 * (the engine registers one: engine/hfInternals.ts `lazyColumnRange`); without one, the rows are
 * made at once.
 */
export type ColumnRangeMaker = (height: number, rows: () => unknown[][]) => SimpleRangeValue;
const rowsAtOnce: ColumnRangeMaker = (_height, rows) => SimpleRangeValue.onlyValues(rows() as never);
let columnRange = rowsAtOnce;
export function setColumnRangeMaker(make: ColumnRangeMaker | undefined): void {
  columnRange = make ?? rowsAtOnce;
}

/**
 * A column result as HyperFormula's value (issue #15): a range whose rows (shared per distinct
 * value, blank as '', errors as HyperFormula's) are made only if HyperFormula reads its cells (a
 * spill, a built-in function over it); a CRM3 call reading it gets the held column (fromHfArg):
 * the kernel's own array when it is plain, else its cells as they read back.
 */
export function heldRange(r: ColumnResult, locale: Locale): SimpleRangeValue {
  const column = new HeldColumn(r.plain ? r.values : r.values.map((v) => asSpilled(v, locale)));
  const plain = r.plain || !column.values.some((v) => v instanceof CalcError);
  if (plain) markErrorFree(column);
  const range = columnRange(
    column.length,
    r.plain ? () => column.rows() : () => columnRows(r.values, (v) => toHfScalar(v, locale)),
  );
  heldRanges.set(range, { column, plain });
  return range;
}

/** The column a CRM3 call reads from a column result HyperFormula holds (toHf), or undefined. */
export function heldColumnOf(value: unknown): HeldColumn | undefined {
  return value !== null && typeof value === 'object' ? heldRanges.get(value)?.column : undefined;
}

function fit(r: Scalar[][], size: Dimensions): Scalar[][] {
  return Array.from({ length: size.rows }, (_, i) => Array.from({ length: size.cols }, (_, k) => r[i]?.[k] ?? null));
}

type Ast = { args: unknown[] };
type PluginThis = FunctionPlugin & {
  runFunction: (args: unknown[], state: unknown, metadata: unknown, fn: (...a: unknown[]) => unknown) => unknown;
  metadata(name: string): unknown;
  arraySizeForAst(ast: unknown, state: unknown): ArraySize;
  evaluateAst(ast: never, state: never): unknown;
};

/**
 * HyperFormula's size predictor does not look through defined names, and every CRM3 formula
 * uses names (Opp_Status, …): read the name's own formula (a range) and size that.
 */
function nameSize(plugin: PluginThis, ast: { expressionName: string }, state: unknown): Dimensions {
  // A column the engine hands over directly (a handle cell stands for all its rows): its own size.
  const direct = namedColumnShortcut?.(plugin, ast, state);
  if (direct instanceof HeldColumn) return { rows: direct.length, cols: 1 };
  if (Array.isArray(direct)) return { rows: direct.length, cols: direct.length ? direct[0].length : 0 };
  const graph = (plugin as unknown as { dependencyGraph: NameGraph }).dependencyGraph;
  const sheet = (state as { formulaAddress?: { sheet: number } }).formulaAddress?.sheet ?? 0;
  const named = graph.namedExpressions.nearestNamedExpression(ast.expressionName, sheet);
  const vertex = named ? graph.getCell(named.address) : undefined;
  if (vertex && typeof vertex.getFormula === 'function') {
    const s = plugin.arraySizeForAst(vertex.getFormula(graph.lazilyTransformingAstService), state);
    return { rows: s.height, cols: s.width };
  }
  return { rows: 1, cols: 1 };
}

interface NameGraph {
  namedExpressions: { nearestNamedExpression(name: string, sheet: number): { address: unknown } | undefined };
  getCell(address: unknown): { getFormula?: (service: unknown) => unknown } | undefined;
  lazilyTransformingAstService: unknown;
}

function sizeFor(this: PluginThis, decl: FunctionDeclaration, ast: Ast, state: unknown): Dimensions {
  return resultSize(
    decl.result.shape,
    decl.params.map((p) => p.name),
    (i) => {
      const argAst = ast.args[i] as { type?: string } | undefined;
      if (!argAst || argAst.type === 'EMPTY') return undefined;
      if (argAst.type === 'NAMED_EXPRESSION') return nameSize(this, argAst as unknown as { expressionName: string }, state);
      const s = this.arraySizeForAst(argAst, state);
      return { rows: s.height, cols: s.width };
    },
    (i) => {
      const argAst = ast.args[i] as { type?: string; value?: unknown } | undefined;
      return argAst?.type === 'NUMBER' && typeof argAst.value === 'number' ? argAst.value : undefined;
    },
  );
}

/**
 * A faster way to read a named column than materialising its range cell by cell: the
 * engine registers one for the columns it feeds from its own store (engine/columnStore.ts).
 * Given the plugin and a NAMED_EXPRESSION node, it returns the column or undefined.
 */
export type NamedColumnShortcut = (
  plugin: FunctionPlugin,
  ast: { expressionName: string },
  state: unknown,
) => InputArg | undefined;
let namedColumnShortcut: NamedColumnShortcut | undefined;
export function setNamedColumnShortcut(fn: NamedColumnShortcut | undefined): void {
  namedColumnShortcut = fn;
}

/**
 * Sees each CRM3 call while HyperFormula evaluates it: `enter` when the call starts (its node
 * and the interpreter's state), `argument` with each argument's value as HyperFormula
 * evaluated it, `leave` when the call is done (also when it throws). The engine records the
 * values of nested calls with it, so an explanation reuses them (engine/nestedCalls.ts).
 * Like the column shortcut, the observer itself holds no state: it finds the instance's own
 * record from the plugin it is given.
 */
export interface CallObserver {
  enter(plugin: FunctionPlugin, ast: unknown, state: unknown): object | undefined;
  argument(frame: object, index: number, value: unknown): void;
  leave(frame: object): void;
}
let callObserver: CallObserver | undefined;
export function setCallObserver(observer: CallObserver | undefined): void {
  callObserver = observer;
}

/**
 * Nested CRM3 calls reused instead of evaluated again when nothing they read changed: the engine
 * registers one (engine/keptCalls.ts), keeping its state per HyperFormula instance. `reuse`
 * gives the argument a nested call gave last time (undefined: evaluate it); `keep` is shown
 * each nested call evaluated, with its value as HyperFormula had it and as the argument.
 */
export interface NestedCallCache {
  /**
   * The value to hand on for a nested call HyperFormula just evaluated: a column result of a call
   * the cache keeps is the same object as last time, changed in place (steadyColumnValue).
   */
  steady(plugin: FunctionPlugin, node: unknown, value: unknown): unknown;
  reuse(
    plugin: FunctionPlugin,
    node: unknown,
    state: unknown,
    frame: object | undefined,
    index: number,
  ): { arg: InputArg; value: unknown } | undefined;
  keep(
    plugin: FunctionPlugin,
    node: unknown,
    state: unknown,
    frame: object | undefined,
    index: number,
    value: unknown,
    arg: InputArg,
  ): void;
}
let nestedCallCache: NestedCallCache | undefined;
export function setNestedCallCache(cache: NestedCallCache | undefined): void {
  nestedCallCache = cache;
}

/** Arguments read directly when a shortcut serves at least one of them; otherwise undefined. */
function argumentsWithShortcut(plugin: PluginThis, ast: Ast, state: unknown, frame?: object): InputArg[] | undefined {
  if (!namedColumnShortcut) return undefined;
  const nodes = ast.args as { type?: string; expressionName?: string }[];
  const fast = nodes.map((n) =>
    n?.type === 'NAMED_EXPRESSION' ? namedColumnShortcut!(plugin, n as { expressionName: string }, state) : undefined,
  );
  if (!fast.some((v) => v !== undefined)) return undefined;
  const values = nodes.map((n, i) => {
    if (fast[i] !== undefined) return fast[i];
    if (!n || n.type === 'EMPTY') return undefined;
    const reused = n.type === 'FUNCTION_CALL' ? nestedCallCache?.reuse(plugin, n, state, frame, i) : undefined;
    if (reused) return reused.arg;
    let value: unknown = plugin.evaluateAst(n as never, state as never);
    if (n.type === 'FUNCTION_CALL' && nestedCallCache) value = nestedCallCache.steady(plugin, n, value);
    if (frame) callObserver?.argument(frame, i, value);
    const arg = fromHfArg(value);
    if (n.type === 'FUNCTION_CALL') nestedCallCache?.keep(plugin, n, state, frame, i, value, arg);
    return arg;
  });
  while (values.length && values[values.length - 1] === undefined) values.pop();
  return values;
}

/** HyperFormula's registration of one CRM3 function (also what runFunction reads for it), made once per declaration. */
function metadataOf(decl: FunctionDeclaration): CallMetadata {
  let m = metadata.get(decl);
  if (!m) metadata.set(decl, (m = newMetadata(decl)));
  return m;
}
type CallMetadata = ReturnType<typeof newMetadata>;
const metadata = new WeakMap<FunctionDeclaration, CallMetadata>();
function newMetadata(decl: FunctionDeclaration) {
  return {
    method: `crm3_${decl.id}`,
    parameters: decl.params.map((p) => ({ argumentType: FunctionArgumentType.ANY, optionalArg: !!p.optional })),
    vectorizationForbidden: true,
    ...(decl.result.shape.kind === 'scalar' ? {} : { sizeOfResultArrayMethod: `crm3_${decl.id}_size` }),
  };
}

/** What one CRM3 call gave: the kernel's result, or HyperFormula's own answer when it refused the call (wrong count of arguments). */
type CallOutcome = { result: FunctionResult } | { refused: unknown };

/**
 * Runs one CRM3 call node as every CRM3 call runs: arguments through the engine's shortcut when
 * it serves one (else evaluated by HyperFormula), the kernel through `invoke`. `this` is any
 * plugin of the instance (its interpreter evaluates the arguments).
 */
function runCall(plugin: PluginThis, decl: FunctionDeclaration, ast: Ast, state: unknown): CallOutcome {
  const observer = callObserver;
  const frame = observer?.enter(plugin, ast, state);
  try {
    const direct = ast.args.length <= decl.params.length ? argumentsWithShortcut(plugin, ast, state, frame) : undefined;
    if (direct) return { result: invokeHeld(decl, direct) };
    let result: FunctionResult | undefined;
    // HyperFormula evaluates the arguments (through the plugin's evaluateAst: its nested CRM3
    // calls are reused or kept there, see evaluateArgument).
    const args: ArgumentFrame | undefined = nestedCallCache ? { ast, frame, reused: new Set(), evaluated: new Map() } : undefined;
    if (args) framesOf(plugin).push(args);
    let answer: unknown;
    try {
      answer = plugin.runFunction(ast.args, state, metadataOf(decl), (...vals: unknown[]) => {
        if (frame) vals.forEach((v, i) => args?.reused.has(i) || observer!.argument(frame, i, v));
        const values = vals.map(fromHfArg);
        if (args)
          for (const [i, value] of args.evaluated) nestedCallCache?.keep(plugin, ast.args[i], state, frame, i, value, values[i]);
        while (values.length && values[values.length - 1] === undefined) values.pop();
        result = invokeHeld(decl, values);
        return RAN;
      });
    } finally {
      if (args) framesOf(plugin).pop();
    }
    return answer === RAN ? { result: result! } : { refused: answer };
  } finally {
    if (frame) observer!.leave(frame);
  }
}
const RAN = Symbol('ran');

/**
 * A CRM3 call whose arguments HyperFormula evaluates itself (none of them a name the engine
 * serves, e.g. `MEAN(ENUMSCORE(Dc_Coverage,…),LOOKUPBY(…),"Open")`): which of its nested calls
 * were reused, and the value of each one evaluated (kept once the call runs).
 */
interface ArgumentFrame {
  ast: Ast;
  frame: object | undefined;
  reused: Set<number>;
  evaluated: Map<number, unknown>;
}
const argumentFrames = new WeakMap<object, ArgumentFrame[]>();
function framesOf(plugin: object): ArgumentFrame[] {
  let frames = argumentFrames.get(plugin);
  if (!frames) argumentFrames.set(plugin, (frames = []));
  return frames;
}

/**
 * The value of an argument HyperFormula evaluates for a CRM3 call (hfInternals: runFunction
 * evaluates each argument through the plugin's own evaluateAst): a nested CRM3 call of the
 * innermost such call is reused when nothing it reads changed (issue #15: a Status what-if
 * re-ran ENUMSCORE(Dc_Coverage,…) under MEAN, which reads no status), else evaluated and
 * noted for keeping; anything else is evaluated as always.
 */
function evaluateArgument(plugin: FunctionPlugin, node: unknown, state: unknown, evaluate: () => unknown): unknown {
  const frames = argumentFrames.get(plugin);
  const top = frames?.[frames.length - 1];
  if (!top || (node as { type?: string } | undefined)?.type !== 'FUNCTION_CALL') return evaluate();
  const i = top.ast.args.indexOf(node);
  if (i < 0) return evaluate();
  const reused = nestedCallCache?.reuse(plugin, node, state, top.frame, i);
  if (reused) {
    top.reused.add(i);
    return reused.value;
  }
  const value = nestedCallCache ? nestedCallCache.steady(plugin, node, evaluate()) : evaluate();
  top.evaluated.set(i, value);
  return value;
}

/** The held column of each steady column value (steadyColumnValue): changed in place. */
const steadyColumns = new WeakMap<object, HeldColumn>();

/**
 * A nested call's column result as the same object from one evaluation to the next (issue #15).
 * Given the value the same call gave last time (`previous`) and the one it gives now, returns
 * `previous` with the rows that differ replaced in place (its held column, and the rows made of
 * it so far), when both are one column of plain values (numbers, texts, booleans: what a CRM3
 * call reads as they are) of the same height; else `value`, made steady (its own copy of the
 * column, so nothing else holds what is changed later).
 *
 * Why: a what-if re-runs the nested calls that read the changed column (the LOOKUPBY of statuses
 * under MEAN, KEYINFO, COUNTBY, OVERRUN), and their values are kept until the next run (the
 * kept calls, the explanations' record). Each run's new n-row column, the typed views and the
 * kept tallies made for that new column all outlived a young-generation collection and were the
 * old-generation garbage the what-if's peak memory was made of. With the same column changed in
 * place, the views re-read only the changed rows and the tallies over it are patched
 * (calc/columnViews.ts logs the rows), as for the store's columns. Only for calls whose value
 * does not depend on the cell they are in (the cache decides), so every place that holds the old
 * value would be given the same new one.
 */
export function steadyColumnValue(previous: unknown, value: unknown): unknown {
  const held = value instanceof SimpleRangeValue ? heldRanges.get(value) : undefined;
  if (!held?.plain) return value;
  const values = held.column.values;
  const kept = previous instanceof SimpleRangeValue ? steadyColumns.get(previous) : undefined;
  if (kept !== undefined && kept.length === values.length) {
    const own = kept.values as Cell[];
    const changed: number[] = [];
    for (let i = 0; i < values.length; i++) {
      if (Object.is(own[i], values[i])) continue;
      own[i] = values[i] as Cell;
      changed.push(i);
    }
    if (changed.length) {
      kept.changed(changed);
      // Also during the recalculation: the column's views re-read these rows (calc/columnViews.ts).
      reportRowsChanged(own, changed);
    }
    return previous;
  }
  const own = values.slice() as Cell[];
  const column = new HeldColumn(own);
  markErrorFree(column);
  reportsChanges(own);
  const steady = columnRange(own.length, () => column.rows());
  heldRanges.set(steady, { column, plain: true });
  steadyColumns.set(steady, column);
  return steady;
}

/**
 * A CRM3 call whose result is one column (a computed column's), run from another plugin
 * function of the same instance (the engine's computed-column handle, engine/columnStore.ts):
 * the cells a CRM3 function reading its spilled result would get (blank as '', errors as
 * their HyperFormula error turned back into a CalcError in the instance's language: exactly
 * toHf then fromHfScalar), as an array no one else changes, without making the spill. HyperFormula's own answer
 * (an error) when it refused the call; undefined when `ast` is not a CRM3 call of a column
 * result (a `column` or `rows` shape).
 */
export function columnOfCall(
  plugin: FunctionPlugin,
  ast: unknown,
  state: unknown,
): InputCell[] | { refused: unknown } | undefined {
  const node = ast as Ast;
  const decl = declarationOfCall(ast);
  if (!decl || (decl.result.shape.kind !== 'column' && decl.result.shape.kind !== 'rows')) return undefined;
  const self = plugin as PluginThis;
  const size = sizeFor.call(self, decl, node, state);
  if (size.cols !== 1) return undefined;
  const outcome = runCall(self, decl, node, state);
  if ('refused' in outcome) return outcome;
  const locale = pluginLocale(plugin);
  const result = outcome.result;
  if (result instanceof ColumnResult && result.values.length === size.rows)
    // The kernel's own array when plain (the store copies what it keeps, ColumnStore.write).
    return result.plain ? (result.values as InputCell[]) : result.values.map((v) => asSpilled(v, locale));
  const r = result instanceof ColumnResult ? result.rows() : result;
  const out = new Array<InputCell>(size.rows);
  // As toHf fills the predicted size: a scalar (an error) in every row, a list cut or padded.
  if (!Array.isArray(r)) {
    const v = asSpilled(r, locale);
    for (let i = 0; i < size.rows; i++) out[i] = v;
  } else {
    for (let i = 0; i < size.rows; i++) out[i] = asSpilled(r[i]?.[0] ?? null, locale);
  }
  return out;
}

/**
 * Rows `rows` of what columnOfCall gives, for a per-row CRM3 call (its declaration's `rowwise`)
 * whose arguments the engine's shortcut serves: the cells of those rows only, in that order.
 * Undefined when that cannot be (not such a call, an argument with an error, a whole-result
 * error): then run columnOfCall.
 */
export function rowsOfCall(
  plugin: FunctionPlugin,
  ast: unknown,
  state: unknown,
  rows: readonly number[],
): InputCell[] | undefined {
  const decl = rowwiseDeclaration(ast);
  const node = ast as Ast;
  if (!decl || node.args.length > decl.params.length) return undefined;
  const self = plugin as PluginThis;
  const observer = callObserver;
  const frame = observer?.enter(plugin, ast, state);
  try {
    const direct = argumentsWithShortcut(self, node, state, frame);
    const cells = direct ? invokeRows(decl, direct, rows) : undefined;
    if (!cells) return undefined;
    const locale = pluginLocale(plugin);
    return cells.map((c) => asSpilled(c, locale));
  } finally {
    if (frame) observer!.leave(frame);
  }
}

/** The declaration of a CRM3 call node when it is a per-row function (`rowwise`). */
export function rowwiseDeclaration(ast: unknown): FunctionDeclaration | undefined {
  const decl = declarationOfCall(ast);
  return decl?.rowwise && decl.result.shape.kind === 'column' ? decl : undefined;
}

/** The declaration of a syntax tree node when it is a call of a CRM3 function. */
function declarationOfCall(ast: unknown): FunctionDeclaration | undefined {
  const node = ast as { type?: string; procedureName?: string; args?: unknown[] };
  if (node?.type !== 'FUNCTION_CALL' || !Array.isArray(node.args) || typeof node.procedureName !== 'string') return undefined;
  return byName.get(node.procedureName.toUpperCase());
}

/** A kernel's cell as a CRM3 function reads it back from a spilled result (fromHfScalar of toHfScalar). */
function asSpilled(s: Scalar, locale: Locale): InputCell {
  if (s === null) return '';
  if (s instanceof CalcError) return fromHfScalar(toHfScalar(s, locale));
  return s;
}

/** A cell of a computed column (as asSpilled gave it) as HyperFormula would hold it in the spill. */
export function spilledAsHf(c: InputCell, locale: Locale): unknown {
  return toHfScalar(c as Scalar, locale);
}

type EvaluateAstArgs = Parameters<FunctionPlugin['evaluateAst']>;

const byName = new Map(catalog.map((d) => [`${NAMESPACE}.${d.id}`.toUpperCase(), d]));

/** Builds the plugin class for a list of declarations (the whole catalog by default). */
export function buildCrm3Plugin(decls: readonly FunctionDeclaration[] = catalog) {
  class Crm3Plugin extends FunctionPlugin {
    static override implementedFunctions: ImplementedFunctions = {};
    override evaluateAst(ast: EvaluateAstArgs[0], state: EvaluateAstArgs[1]): ReturnType<FunctionPlugin['evaluateAst']> {
      return evaluateArgument(this, ast, state, () => super.evaluateAst(ast, state)) as ReturnType<FunctionPlugin['evaluateAst']>;
    }
  }
  const proto = Crm3Plugin.prototype as unknown as Record<string, unknown>;
  for (const decl of decls) {
    const name = `${NAMESPACE}.${decl.id}`;
    const registration = metadataOf(decl);
    Crm3Plugin.implementedFunctions[name] = registration;
    proto[registration.method] = function (this: PluginThis, ast: Ast, state: unknown) {
      const size = sizeFor.call(this, decl, ast, state);
      const outcome = runCall(this, decl, ast, state);
      return 'refused' in outcome ? outcome.refused : toHf(outcome.result, size, pluginLocale(this));
    };
    if (decl.result.shape.kind !== 'scalar') {
      proto[`crm3_${decl.id}_size`] = function (this: PluginThis, ast: Ast, state: unknown) {
        const s = sizeFor.call(this, decl, ast, state);
        return new ArraySize(s.cols, s.rows);
      };
    }
  }
  return Crm3Plugin;
}

/** Function-name translations HyperFormula needs for each registered language. */
export function crm3Translations(decls: readonly FunctionDeclaration[] = catalog) {
  const names: Record<string, string> = {};
  for (const d of decls) names[`${NAMESPACE}.${d.id}`] = `${NAMESPACE}.${d.id}`;
  return { enGB: names, enUS: names };
}
