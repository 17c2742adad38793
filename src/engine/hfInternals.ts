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
import { HyperFormula } from 'hyperformula';

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

/**
 * Installs the replacements on HyperFormula's DependencyGraph class, once per process, so that
 * they also serve the spills made while an instance is built (`buildFromSheets`). They keep
 * no state and give the same outcome as the methods they replace, so every instance (the
 * engine's, the formula-workbook evaluator's) may share them. Returns whether they are in place.
 */
export function cheapSpillMapping(): boolean {
  if (spillPatched !== undefined) return spillPatched;
  const probe = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3' });
  const graph = Object.getPrototypeOf((probe as unknown as { dependencyGraph?: object }).dependencyGraph ?? {}) as
    SpillGraphInternals | undefined;
  probe.destroy();
  spillPatched = !!graph && patchSpillMapping(graph);
  return spillPatched;
}

function patchSpillMapping(graph: SpillGraphInternals): boolean {
  const original = { space: graph.isThereSpaceForArray, map: graph.setAddressMappingForArrayVertex };
  if (typeof original.space !== 'function' || typeof original.map !== 'function' || typeof graph.setArray !== 'function')
    return false;
  graph.isThereSpaceForArray = function (this: SpillGraphInternals, vertex: ArrayVertexLike) {
    const range = typeof vertex?.getRangeOrUndef === 'function' ? vertex.getRangeOrUndef() : undefined;
    if (!range || typeof range.effectiveEndRow !== 'function') return original.space.call(this, vertex);
    const free = everyCell(range, this, (at) => {
      const under = this.addressMapping.getCell(at);
      return under === undefined || under === vertex;
    });
    // Something else is there (an empty cell's vertex, a value): HyperFormula decides.
    return free || original.space.call(this, vertex);
  };
  graph.setAddressMappingForArrayVertex = function (this: SpillGraphInternals, vertex: ArrayVertexLike, address: CellAddress) {
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
