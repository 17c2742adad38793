/**
 * The HyperFormula internals the engine relies on, in one place (issue #15). HyperFormula is
 * pinned to an exact version in package.json; each touchpoint checks the shape it expects and
 * leaves HyperFormula alone when it differs, and test/engine/hfInternals.test.ts has a test
 * per touchpoint.
 *
 * 1. Quiet evaluation (`skipChangeLists`). HyperFormula records every cell a recalculation changes and exports the list for its
 * `valuesUpdated` event — for a spilled column, one entry per cell, merged and concatenated
 * array by array. The engine listens to no events and reads values on demand, so that list is
 * pure cost: at 20,000 opportunities about a fifth of the build (profile in docs/performance.md).
 * This turns it off for one HyperFormula instance: values are computed exactly as before;
 * only the change list that nobody reads is no longer built.
 */
import { ArraySize, FunctionPlugin, HyperFormula, SimpleRangeValue } from 'hyperformula';

interface EvaluatorInternals {
  partialRun(vertices: unknown[]): unknown;
  recomputeVertex(vertex: unknown, changes: ChangeSink): boolean;
  processVertexOnCycle(vertex: unknown, changes: ChangeSink): void;
  dependencyGraph: {
    graph: {
      getTopSortedWithSccSubgraphFrom(
        vertices: unknown[],
        operating: (v: unknown) => boolean,
        onCycle: (v: unknown) => void,
      ): unknown;
    };
  };
}
type ChangeSink = { addChange(): void };

const SINK: ChangeSink = { addChange: () => undefined };

export function skipChangeLists(hf: HyperFormula): boolean {
  const evaluator = (hf as unknown as { evaluator: EvaluatorInternals }).evaluator;
  if (typeof evaluator?.partialRun !== 'function' || typeof evaluator.recomputeVertex !== 'function') return false; // another version: leave it
  evaluator.partialRun = function (this: EvaluatorInternals, vertices: unknown[]) {
    this.dependencyGraph.graph.getTopSortedWithSccSubgraphFrom(
      vertices,
      (v) => this.recomputeVertex(v, SINK),
      (v) => this.processVertexOnCycle(v, SINK),
    );
    // An empty change list, in the shape HyperFormula merges (ContentChanges.addAll reads .changes).
    return { changes: new Map() };
  };
  return true;
}

/**
 * 2. Spill bookkeeping without address lists (`cheapSpillMapping`). For every spilled
 * result (each fed column, each computed column) HyperFormula checks that the spill area is
 * free and maps every cell of it to the array's vertex, both times through
 * `AbsoluteCellRange.addresses()`, which first builds an array of one address object per
 * cell. At 50,000 opportunities that is about 3 million objects per build, and again for
 * every spill a what-if recomputes (profile in docs/performance.md: 2.1 s self time in
 * `addresses` plus the garbage collector). These replacements walk the same cells in the
 * same order with one reused address: the mapping reads `sheet`, `row` and `col` and keeps
 * nothing. Whenever a cell is occupied by anything but the array itself, or the vertex is
 * not the shape expected, HyperFormula's own code runs, so the outcome is the same.
 */
interface CellAddress {
  sheet: number;
  row: number;
  col: number;
}
interface SpillRange {
  start: CellAddress;
  effectiveEndRow(graph: unknown): number;
  effectiveEndColumn(graph: unknown): number;
}
interface ArrayVertexLike {
  getRangeOrUndef(): SpillRange | undefined;
  cellAddress?: CellAddress;
  array?: unknown;
}
interface SpillGraphInternals {
  addressMapping: { getCell(address: CellAddress): unknown; setCell(address: CellAddress, vertex: unknown): void };
  isThereSpaceForArray(vertex: ArrayVertexLike): boolean;
  setAddressMappingForArrayVertex(vertex: ArrayVertexLike, address: CellAddress): void;
  setArray(range: SpillRange, vertex: unknown): void;
}

/** Calls `visit` on every cell of `range` (rows, then columns, as `addresses()` lists them) until it returns false. */
function everyCell(range: SpillRange, graph: unknown, visit: (at: CellAddress) => boolean): boolean {
  const endRow = range.effectiveEndRow(graph);
  const endCol = range.effectiveEndColumn(graph);
  const at: CellAddress = { sheet: range.start.sheet, row: 0, col: 0 };
  for (let row = range.start.row; row <= endRow; row++) {
    for (let col = range.start.col; col <= endCol; col++) {
      at.row = row;
      at.col = col;
      if (!visit(at)) return false;
    }
  }
  return true;
}

const isArrayVertex = (v: unknown): v is ArrayVertexLike =>
  !!v && typeof (v as ArrayVertexLike).getRangeOrUndef === 'function' && 'array' in (v as object);

let spillPatched: boolean | undefined;
const GRAPH = 'dependencyGraph';

/**
 * Installs the replacements on HyperFormula's DependencyGraph class, once per process, so that
 * they also serve the spills made while an instance is built (`buildFromSheets`). They keep
 * no state and give the same outcome as the methods they replace, so every instance (the
 * engine's, the formula-workbook evaluator's) may share them. Returns whether they are in place,
 * or set to be put in place by the next HyperFormula instance built (below).
 *
 * The class is not exported: it is reached through the first instance built after this call.
 * HyperFormula gives every function plugin it creates the instance's dependency graph
 * (`FunctionPlugin`'s constructor assigns `this.dependencyGraph`), and it creates the plugins
 * before it adds any cell, so a one-time setter on FunctionPlugin's prototype sees the graph
 * before the first spill and installs the replacements on its class. (This used to build a
 * throwaway empty instance instead: 95–200 ms in web mode's worker, issue #15.)
 */
export function cheapSpillMapping(): boolean {
  if (spillPatched !== undefined) return spillPatched;
  const proto = FunctionPlugin.prototype as unknown as object;
  if (Object.prototype.hasOwnProperty.call(proto, GRAPH)) return (spillPatched = false);
  Object.defineProperty(proto, GRAPH, {
    configurable: true,
    get: () => undefined,
    set(this: object, graph: unknown) {
      // Once: from now on the assignment makes the plugin's own property, as without the setter.
      delete (proto as Record<string, unknown>)[GRAPH];
      Object.defineProperty(this, GRAPH, { value: graph, writable: true, enumerable: true, configurable: true });
      const graphClass = graph && typeof graph === 'object' ? (Object.getPrototypeOf(graph) as SpillGraphInternals | null) : null;
      spillPatched = !!graphClass && patchSpillMapping(graphClass);
    },
  });
  spillPatched = true;
  return spillPatched;
}

function patchSpillMapping(graph: SpillGraphInternals): boolean {
  const original = { space: graph.isThereSpaceForArray, map: graph.setAddressMappingForArrayVertex };
  if (typeof original.space !== 'function' || typeof original.map !== 'function' || typeof graph.setArray !== 'function')
    return false;
  graph.isThereSpaceForArray = function cheapIsThereSpaceForArray(this: SpillGraphInternals, vertex: ArrayVertexLike) {
    const range = typeof vertex?.getRangeOrUndef === 'function' ? vertex.getRangeOrUndef() : undefined;
    if (!range || typeof range.effectiveEndRow !== 'function') return original.space.call(this, vertex);
    const free = everyCell(range, this, (at) => {
      const under = this.addressMapping.getCell(at);
      return under === undefined || under === vertex;
    });
    // Something else is there (an empty cell's vertex, a value): HyperFormula decides.
    return free || original.space.call(this, vertex);
  };
  graph.setAddressMappingForArrayVertex = function cheapSetAddressMappingForArrayVertex(
    this: SpillGraphInternals,
    vertex: ArrayVertexLike,
    address: CellAddress,
  ) {
    const own = isArrayVertex(vertex) ? vertex.cellAddress : undefined;
    if (!own || own.sheet !== address.sheet || own.row !== address.row || own.col !== address.col)
      return original.map.call(this, vertex, address);
    const range = vertex.getRangeOrUndef();
    if (!range || typeof range.effectiveEndRow !== 'function') return original.map.call(this, vertex, address);
    this.addressMapping.setCell(address, vertex);
    this.setArray(range, vertex);
    if (!this.isThereSpaceForArray(vertex)) return;
    everyCell(range, this, (at) => {
      this.addressMapping.setCell(at, vertex);
      return true;
    });
  };
  return true;
}

/**
 * 3. What a defined name points at (`nameTarget`), read while a CRM3 function evaluates: the
 * cell or range of the name's own formula, relative to the formula being evaluated, and the
 * vertex of its first cell (the engine's fed columns and handles are formulas there, its
 * computed columns spilled arrays), and for a block of columns the call atop each column. HyperFormula hands a function its arguments already
 * evaluated; this lets the engine give a CRM3 function its column straight from its store
 * instead (engine/columnStore.ts). Undefined when the name or the shape is not the one expected.
 */
export interface NameTarget {
  /** Rows × columns the name spans. */
  rows: number;
  cols: number;
  /** The first cell's formula when it is a function call: its name and its text arguments. */
  call?: { name: string; texts: string[] };
  /** A name of several columns: the call in the first cell of each (undefined where there is none). */
  columnCalls?: ({ name: string; texts: string[] } | undefined)[];
  /** The first cell's spilled result (HyperFormula's ArrayValue), when it holds one. */
  spill?: { array?: unknown[][] };
}

interface NameGraph {
  namedExpressions: { nearestNamedExpression(name: string, sheet: number): { address: unknown } | undefined };
  getCell(address: unknown): { getFormula?: (service: unknown) => unknown; array?: unknown } | undefined;
  lazilyTransformingAstService: unknown;
}
type Where = { toSimpleCellAddress(base: unknown): CellAddress };
type NameAst = { type?: string; reference?: Where; start?: Where; end?: Where };
type CallAst = { type?: string; procedureName?: string; args?: { type?: string; value?: unknown }[] };

export function nameTarget(plugin: object, name: string, state: unknown): NameTarget | undefined {
  const graph = (plugin as { dependencyGraph?: NameGraph }).dependencyGraph;
  const base = (state as { formulaAddress?: CellAddress } | undefined)?.formulaAddress;
  if (!graph || !base || typeof graph.namedExpressions?.nearestNamedExpression !== 'function') return undefined;
  const named = graph.namedExpressions.nearestNamedExpression(name, base.sheet);
  const nameVertex = named ? graph.getCell(named.address) : undefined;
  if (typeof nameVertex?.getFormula !== 'function') return undefined;
  const ast = nameVertex.getFormula(graph.lazilyTransformingAstService) as NameAst | undefined;
  let start: CellAddress;
  let end: CellAddress;
  if (ast?.type === 'CELL_REFERENCE' && ast.reference) start = end = ast.reference.toSimpleCellAddress(base);
  else if (ast?.type === 'CELL_RANGE' && ast.start && ast.end) {
    start = ast.start.toSimpleCellAddress(base);
    end = ast.end.toSimpleCellAddress(base);
  } else return undefined;
  const target: NameTarget = { rows: end.row - start.row + 1, cols: end.col - start.col + 1 };
  const callAt = (at: CellAddress): NameTarget['call'] => {
    const v = graph.getCell(at);
    const formula =
      typeof v?.getFormula === 'function' ? (v.getFormula(graph.lazilyTransformingAstService) as CallAst) : undefined;
    if (formula?.type !== 'FUNCTION_CALL' || typeof formula.procedureName !== 'string') return undefined;
    return {
      name: formula.procedureName,
      texts: (formula.args ?? []).map((a) => (a && a.type === 'STRING' ? String(a.value) : '')),
    };
  };
  const vertex = graph.getCell(start);
  const call = callAt(start);
  if (call) target.call = call;
  if (target.cols > 1) {
    target.columnCalls = [];
    for (let col = start.col; col <= end.col; col++) target.columnCalls.push(callAt({ sheet: start.sheet, row: start.row, col }));
  }
  const spill = (vertex as { array?: { array?: unknown[][] } } | undefined)?.array;
  if (spill && typeof spill === 'object') target.spill = spill;
  return target;
}

/**
 * 4. A value as `calculateFormula` returns it (`exportAsCalculated`): HyperFormula's
 * exporter turns an internal value (a SimpleRangeValue, a CellError, a number that carries a
 * format) into what its public API hands out, exactly as `calculateFormula` does for the
 * value its evaluation produced. The engine uses it on a nested CRM3 call's value recorded
 * during the build (engine/nestedCalls.ts), so an explanation reads the same value a
 * `calculateFormula` of that call would give, without evaluating the call again (an error's
 * `address`, the cell it arose in, is the formula's cell here and none there; the engine reads
 * an error's value and message only). Undefined when the exporter is not the shape expected
 * (the caller then calculates).
 */
type Exporter = { exportScalarOrRange(value: unknown): unknown };

export function exportAsCalculated(hf: HyperFormula, value: unknown): { value: unknown } | undefined {
  const exporter = (hf as unknown as { _exporter?: Exporter })._exporter;
  if (!exporter || typeof exporter.exportScalarOrRange !== 'function') return undefined;
  // calculateFormula's evaluation turns a top-level blank into 0 under this option.
  const nullToZero = (hf.getConfig() as { evaluateNullToZero?: boolean }).evaluateNullToZero;
  return nullToZero && typeof value === 'symbol' // HyperFormula's EmptyValue
    ? undefined
    : { value: exporter.exportScalarOrRange(value) };
}

/**
 * 4b. One cell of a range as HyperFormula exports it (`cellExporter`): what `exportAsCalculated`
 * gives for each cell of a range value (and `getCellValue` for a spilled cell), one cell at a
 * time. Without smart rounding (the engine's configuration: full precision) the exporter gives
 * a number, text or boolean back as it is (`getRawValue` of a plain value), so those are not
 * handed to it: an explanation's column of 50,000 recorded values is read without a call per
 * cell and without the exported copy of its rows (issue #15). Any other cell (an error, a blank,
 * a date or currency number object) goes to the exporter. Undefined when the exporter is not
 * the shape expected (the caller then exports the whole value).
 */
export function cellExporter(hf: HyperFormula): ((cell: unknown) => unknown) | undefined {
  const exporter = (hf as unknown as { _exporter?: { exportValue?: (v: unknown) => unknown } })._exporter;
  const exportValue = exporter?.exportValue;
  if (!exporter || typeof exportValue !== 'function') return undefined;
  // Asked once per column, not per value (getConfig copies the whole configuration).
  if ((hf.getConfig() as { smartRounding?: boolean }).smartRounding !== false) return (cell) => exportValue.call(exporter, cell);
  return (cell) => {
    const t = typeof cell;
    return t === 'number' || t === 'string' || t === 'boolean' ? cell : exportValue.call(exporter, cell);
  };
}

/**
 * 5. One HyperFormula instance as a plugin function sees it (`instanceKey`): its dependency
 * graph, the same object for the instance (`hf.dependencyGraph`) and for every plugin
 * function it runs (`this.dependencyGraph`). Per-instance state of the plugin (its message
 * language, the engine's record of nested calls) is keyed by it, never held module-wide.
 */
export function instanceKey(hfOrPlugin: object): object | undefined {
  const graph = (hfOrPlugin as { dependencyGraph?: unknown }).dependencyGraph;
  return graph !== null && typeof graph === 'object' ? graph : undefined;
}

/**
 * 6. Formula syntax trees (`callNode`, `placeFree`). HyperFormula hands a plugin function its
 * call's node (`FUNCTION_CALL`: `procedureName`, `args`), and evaluating an argument hands the
 * nested call's function that argument's very node. `placeFree` says whether a node's value
 * depends only on the workbook's names and on literals, not on the cell it is evaluated in:
 * CRM3 calls, names, numbers, texts, blanks, operators and parentheses, nothing else (no cell
 * reference, which is relative to the formula's cell; no other function, which might be
 * volatile, as TODAY or RAND). Such a node evaluated in an indicator's cell gives what
 * `calculateFormula` gives for its text.
 */
export interface CallNode {
  procedureName: string;
  args: unknown[];
}
type AnyNode = {
  type?: string;
  procedureName?: string;
  args?: unknown[];
  left?: unknown;
  right?: unknown;
  value?: unknown;
  expression?: unknown;
};

export function callNode(node: unknown): CallNode | undefined {
  const n = node as AnyNode | null | undefined;
  return n?.type === 'FUNCTION_CALL' && typeof n.procedureName === 'string' && Array.isArray(n.args)
    ? (n as CallNode)
    : undefined;
}

const LEAVES = new Set(['NUMBER', 'STRING', 'EMPTY', 'NAMED_EXPRESSION']);
const UNARY = new Set(['MINUS_UNARY_OP', 'PLUS_UNARY_OP', 'PERCENT_OP']);
const BINARY = new Set([
  'CONCATENATE_OP',
  'EQUALS_OP',
  'NOT_EQUAL_OP',
  'GREATER_THAN_OP',
  'LESS_THAN_OP',
  'GREATER_THAN_OR_EQUAL_OP',
  'LESS_THAN_OR_EQUAL_OP',
  'PLUS_OP',
  'MINUS_OP',
  'TIMES_OP',
  'DIV_OP',
  'POWER_OP',
]);
const placeFreeMemo = new WeakMap<object, boolean>();

export function placeFree(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  const known = placeFreeMemo.get(node);
  if (known !== undefined) return known;
  const n = node as AnyNode;
  let free: boolean;
  if (LEAVES.has(n.type ?? '')) free = true;
  else if (UNARY.has(n.type ?? '')) free = placeFree(n.value);
  else if (BINARY.has(n.type ?? '')) free = placeFree(n.left) && placeFree(n.right);
  else if (n.type === 'PARENTHESES') free = placeFree(n.expression);
  else {
    const call = callNode(n);
    free = !!call && /^CRM3\./i.test(call.procedureName) && call.args.every(placeFree);
  }
  placeFreeMemo.set(node, free);
  return free;
}

/**
 * 7. The formula cell being evaluated (`formulaVertexOf`): HyperFormula's interpreter state
 * carries the vertex of the formula it evaluates (`formulaVertex`), and an error a formula
 * returns is tied to that vertex (`CellError.root`, where the error arose) by a copy made
 * when the error has no root yet. The engine's computed-column handle returns an error made
 * with that root already, so HyperFormula keeps the very object, and returning it again (the
 * column did not change) tells HyperFormula the cell did not change: what reads the column
 * is not recalculated. Undefined when the state is not the shape expected (the handle then
 * returns a new error each time: everything that reads it re-runs, as before).
 */
export function formulaVertexOf(state: unknown): object | undefined {
  const vertex = (state as { formulaVertex?: unknown } | null | undefined)?.formulaVertex;
  return vertex !== null && typeof vertex === 'object' && typeof (vertex as { getAddress?: unknown }).getAddress === 'function'
    ? vertex
    : undefined;
}

/*
 * 8. A plugin function's arguments go through the plugin's own `evaluateAst`: HyperFormula's
 * `runFunction` evaluates each argument node with `this.evaluateAst` (FunctionPlugin's
 * evaluateArguments). The CRM3 plugin overrides it (functions/hyperformula/crm3Plugin.ts,
 * `evaluateArgument`) so a nested CRM3 call whose inputs did not change is reused there too
 * (engine/keptCalls.ts), also under a call none of whose arguments is a name the engine serves.
 * A version that evaluated arguments otherwise would only stop that reuse: values are the same.
 * Tested in test/engine/hfInternals.test.ts.
 */

/**
 * 9. A range value whose cells are made when first read (`lazyColumnRange`): a CRM3 call's column
 * result goes to HyperFormula as a SimpleRangeValue of one column, and most are read only by the
 * CRM3 call they are nested in, which takes the held column instead (crm3Plugin's heldRange).
 * HyperFormula reads a range value's cells through `data`, `rawData()` and the iterators, each of
 * which first calls its private `ensureThatComputed` (the way a range of cells is read lazily);
 * the subclass makes its rows there (`rows()`, once), and its size is given up front, as an
 * ad-hoc value (no address). Undefined when SimpleRangeValue is not the shape expected (the
 * plugin then makes the rows at once).
 */
type RangeInternals = { _data?: unknown[][]; size: unknown; ensureThatComputed?: unknown };

const lazyRangeClass: (new (height: number, rows: () => unknown[][]) => SimpleRangeValue) | undefined = (() => {
  const proto = SimpleRangeValue.prototype as unknown as RangeInternals;
  if (typeof proto.ensureThatComputed !== 'function') return undefined;
  const Base = SimpleRangeValue as unknown as new (data: unknown[][] | undefined) => object;
  class LazyColumnRange extends Base {
    constructor(
      height: number,
      private readonly makeRows: () => unknown[][],
    ) {
      super([[null]]);
      const self = this as unknown as RangeInternals;
      self.size = new ArraySize(1, height);
      self._data = undefined;
    }

    ensureThatComputed(): void {
      const self = this as unknown as RangeInternals;
      if (self._data === undefined) self._data = this.makeRows();
    }
  }
  const probe = new LazyColumnRange(2, () => [[1], [2]]) as unknown as SimpleRangeValue;
  // The shape expected: the size as given, the rows made on the first read.
  if (probe.height() !== 2 || probe.width() !== 1 || probe.data?.[1]?.[0] !== 2) return undefined;
  return LazyColumnRange as unknown as new (height: number, rows: () => unknown[][]) => SimpleRangeValue;
})();

export function lazyColumnRange(): ((height: number, rows: () => unknown[][]) => SimpleRangeValue) | undefined {
  const Lazy = lazyRangeClass;
  return Lazy && ((height, rows) => new Lazy(height, rows));
}
