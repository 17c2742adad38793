/**
 * A computed column re-run for the rows a what-if changed (issue #15). PROBABILITY and
 * STAGECHECK are per row: row i depends only on row i of some arguments (status, stage, the
 * opportunity id: the declaration's `rowwise.rowArguments`) and on the others whole (the
 * activities, the Stages table). A Status edit re-ran both over every opportunity, made three
 * n-row arrays per column and compared every row with the store's; now, when the whole
 * arguments are what they were at the last run and the row arguments are the same store
 * columns, only the rows those columns changed since are run and written.
 *
 * The plan of the last run (per store and column): what each name of the call gave (keptCalls'
 * inputsOf: a store column as its grid and version, a small Config range by its values) and, for
 * the names that are row arguments, the store column's key and version then.
 */
import type { FunctionPlugin } from 'hyperformula';
import type { NamedColumnShortcut } from '../functions/hyperformula/crm3Plugin';
import { rowsOfCall, rowwiseDeclaration } from '../functions/hyperformula/crm3Plugin';
import type { InputCell } from '../functions/invoke';
import type { ColumnStore } from './columnStore';
import { inputsOf, namesOf, sameInput, storeGridOf } from './keptCalls';

interface Plan {
  call: object;
  inputs: unknown[];
  /** Per name: the store key of a row argument's column, with its version at the run; undefined for the others. */
  rowColumns: ({ key: string; version: number } | undefined)[];
}

/** Past this share of the rows, the column is run whole (one pass is then cheaper than picking rows). */
const MOST_ROWS = 1 / 8;

export class ComputedRows {
  private readonly plans = new Map<string, Plan>();

  constructor(private readonly shortcut: NamedColumnShortcut) {}

  /**
   * Runs `call` for the rows its row arguments changed since the last run and writes them into
   * the store's column `key`: 'changed' or 'same' (no row differs); undefined when it cannot be
   * (no plan, another call, a whole argument changed, changes no longer known): run it whole,
   * then `note`.
   */
  patch(plugin: FunctionPlugin, store: ColumnStore, key: string, call: unknown, state: unknown): 'changed' | 'same' | undefined {
    const plan = this.plans.get(`${store.id}:${key}`);
    if (!plan || plan.call !== call) return undefined;
    const inputs = inputsOf(plugin, call as object, state, this.shortcut);
    if (!inputs || inputs.length !== plan.inputs.length) return undefined;
    const rows = new Set<number>();
    for (let k = 0; k < inputs.length; k++) {
      const column = plan.rowColumns[k];
      if (column === undefined) {
        if (!sameInput(inputs[k], plan.inputs[k])) return undefined;
        continue;
      }
      const grid = storeGridOf(inputs[k]);
      if (grid === undefined || grid !== storeGridOf(plan.inputs[k])) return undefined;
      const since = store.changedRowsSince(column.key, column.version);
      if (since === undefined) return undefined;
      for (const i of since) rows.add(i);
    }
    const n = store.get(key)?.length ?? 0;
    if (rows.size > n * MOST_ROWS) return undefined;
    let changed = false;
    if (rows.size > 0) {
      const at = [...rows].sort((a, b) => a - b);
      const cells: InputCell[] | undefined = rowsOfCall(plugin, call, state, at);
      if (!cells) return undefined;
      changed = store.writeRows(key, at, cells);
    }
    this.plans.set(`${store.id}:${key}`, this.planOf(plugin, store, call, state, inputs) ?? plan);
    return changed ? 'changed' : 'same';
  }

  /** Notes what a whole run of `call` into column `key` read (nothing when it is not a per-row call). */
  note(plugin: FunctionPlugin, store: ColumnStore, key: string, call: unknown, state: unknown): void {
    const plan = rowwiseDeclaration(call) ? this.planOf(plugin, store, call, state) : undefined;
    if (plan) this.plans.set(`${store.id}:${key}`, plan);
    else this.plans.delete(`${store.id}:${key}`);
  }

  private planOf(plugin: FunctionPlugin, store: ColumnStore, call: unknown, state: unknown, given?: unknown[]): Plan | undefined {
    const decl = rowwiseDeclaration(call);
    if (!decl) return undefined;
    const node = call as { args: unknown[] };
    const inputs = given ?? inputsOf(plugin, call as object, state, this.shortcut);
    if (!inputs) return undefined;
    const rowNodes = new Set(decl.rowwise!.rowArguments.map((name) => node.args[decl.params.findIndex((p) => p.name === name)]));
    const rowColumns: Plan['rowColumns'] = [];
    const names = namesOf(call as object);
    for (let k = 0; k < names.length; k++) {
      if (!rowNodes.has(names[k])) {
        rowColumns.push(undefined);
        continue;
      }
      // A row argument must be one of the store's columns (a handle: its key stays with its grid).
      const grid = storeGridOf(inputs[k]);
      const column = grid ? store.keyOfGrid(grid) : undefined;
      if (column === undefined) return undefined;
      rowColumns.push({ key: column, version: store.version(column) });
    }
    return { call: call as object, inputs, rowColumns };
  }
}
