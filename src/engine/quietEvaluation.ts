/**
 * HyperFormula records every cell a recalculation changes and exports the list for its
 * `valuesUpdated` event — for a spilled column, one entry per cell, merged and concatenated
 * array by array. The engine listens to no events and reads values on demand, so that list is
 * pure cost: at 20,000 opportunities about a fifth of the build (profile in docs/performance.md).
 * This turns it off for one HyperFormula instance: values are computed exactly as before;
 * only the change list that nobody reads is no longer built.
 */
import type { HyperFormula } from 'hyperformula';

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

export function skipChangeLists(hf: HyperFormula): void {
  const evaluator = (hf as unknown as { evaluator: EvaluatorInternals }).evaluator;
  if (typeof evaluator?.partialRun !== 'function' || typeof evaluator.recomputeVertex !== 'function') return; // another version: leave it
  evaluator.partialRun = function (this: EvaluatorInternals, vertices: unknown[]) {
    this.dependencyGraph.graph.getTopSortedWithSccSubgraphFrom(
      vertices,
      (v) => this.recomputeVertex(v, SINK),
      (v) => this.processVertexOnCycle(v, SINK),
    );
    // An empty change list, in the shape HyperFormula merges (ContentChanges.addAll reads .changes).
    return { changes: new Map() };
  };
}
