/**
 * Nested CRM3 calls whose inputs did not change are not run again (issue #15). A what-if on
 * Opp_Status re-runs every indicator that reads Opp_Status, and with each its nested calls:
 * `CRM3.COUNTBY(Dc_OppId,Opp_OppId,Dc_Support,"Mentor")` inside MENTOR_RATE, the activity
 * counts, the tiers LOOKUPBY gives PIPELINE, … none of which reads Opp_Status. Each was a whole
 * column computed again, handed through HyperFormula and converted back, with new arrays (and
 * new typed views) every time.
 *
 * This keeps, per HyperFormula instance and per call node, the argument a nested call gave its
 * caller with what it was computed from: every name in the call (its own and its nested
 * calls'), as the engine's shortcut serves it (the store's column: a new object whenever the
 * column changes) or, for the others (settings, Config tables), as HyperFormula evaluates it
 * (kept only when small and plain: numbers, texts, booleans, blanks, errors). A call is reused
 * only when every name gives the same again. Only calls whose value cannot depend on the cell
 * they are in (`placeFree`: names, literals, operators and CRM3 calls; no cell reference, no
 * other function such as TODAY) are kept.
 *
 * The explanations' record of nested calls (engine/nestedCalls.ts) is given the kept value
 * and the kept call's own record, so it is the same whether a call ran or was reused.
 */
import type { FunctionPlugin } from 'hyperformula';
import { CellError } from 'hyperformula';
import { InputArg } from '../functions/invoke';
import { NamedColumnShortcut, NestedCallCache, steadyColumnValue } from '../functions/hyperformula/crm3Plugin';
import { callNode, instanceKey, placeFree } from './hfInternals';
import { gridVersion } from './gridVersions';
import { recordedArgument, restoreArgument } from './nestedCalls';

/** Settings and Config tables are small; a larger range read by HyperFormula is not compared (its call is not kept). */
const MAX_COMPARED_CELLS = 4096;

interface Kept {
  /** What each name of the call gave, in `namesOf` order. */
  inputs: unknown[];
  /** The call's value as HyperFormula had it (for the explanations' record). */
  value: unknown;
  /** The call's value as its caller's argument. */
  arg: InputArg;
  /** The explanations' record of the call (undefined when none was kept). */
  record: unknown;
}

type Node = {
  type?: string;
  expressionName?: string;
  args?: unknown[];
  left?: unknown;
  right?: unknown;
  value?: unknown;
  expression?: unknown;
};

/** The NAMED_EXPRESSION nodes of a call, in a fixed order (syntax trees are never changed: kept per node). */
const namesMemo = new WeakMap<object, Node[]>();
export function namesOf(node: object): Node[] {
  let names = namesMemo.get(node);
  if (names) return names;
  names = [];
  const walk = (n: unknown): void => {
    if (n === null || typeof n !== 'object') return;
    const x = n as Node;
    if (x.type === 'NAMED_EXPRESSION') {
      names!.push(x);
      return;
    }
    for (const child of [x.left, x.right, x.value, x.expression, ...(Array.isArray(x.args) ? x.args : [])]) walk(child);
  };
  walk(node);
  namesMemo.set(node, names);
  return names;
}

/** What a name gives the call now: the shortcut's column (by identity), or a comparable copy of HyperFormula's value; undefined: not comparable. */
function inputOf(plugin: FunctionPlugin, name: Node, state: unknown, shortcut: NamedColumnShortcut): unknown {
  const direct = shortcut(plugin, name as { expressionName: string }, state);
  // A store's grid is changed in place by a what-if: its identity and its version.
  if (direct !== undefined)
    return typeof direct === 'object' && direct !== null ? new StoreInput(direct, gridVersion(direct)) : direct;
  const v = (plugin as unknown as { evaluateAst(n: unknown, s: unknown): unknown }).evaluateAst(name, state);
  if (v !== null && typeof v === 'object' && !(v instanceof CellError)) {
    // A range (SimpleRangeValue): its size first, so a large one is never read cell by cell here.
    const range = v as { width?: () => number; height?: () => number; data?: unknown[][] };
    if (typeof range.width !== 'function' || typeof range.height !== 'function') return undefined;
    if (range.width() * range.height() > MAX_COMPARED_CELLS) return undefined;
    const data = range.data;
    if (!Array.isArray(data)) return undefined;
    const flat: unknown[] = [data.length];
    for (const row of data) {
      flat.push(row.length);
      for (const c of row) {
        if (!plain(c)) return undefined;
        flat.push(c instanceof CellError ? errorKey(c) : c);
      }
    }
    return new Plain(flat);
  }
  return plain(v) ? (v instanceof CellError ? new Plain([errorKey(v)]) : v) : undefined;
}

/** A range's or an error's cells, compared by content. */
class Plain {
  constructor(readonly cells: unknown[]) {}
}
const errorKey = (e: CellError) => `#${e.type}\u0000${e.message ?? ''}`;
const plain = (c: unknown): boolean =>
  c === null || c === undefined || typeof c !== 'object' ? typeof c !== 'function' : c instanceof CellError;

/** A column the engine's shortcut served: the same grid at the same version. */
class StoreInput {
  constructor(
    readonly grid: object,
    readonly version: number,
  ) {}
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof StoreInput) return b instanceof StoreInput && a.grid === b.grid && a.version === b.version;
  if (!(a instanceof Plain) || !(b instanceof Plain) || a.cells.length !== b.cells.length) return false;
  for (let i = 0; i < a.cells.length; i++) if (!Object.is(a.cells[i], b.cells[i])) return false;
  return true;
}

/**
 * What each name of `node` (namesOf order) gives now, compared with `sameInput`; undefined when
 * one is not comparable (a large range HyperFormula evaluates, a value that is not plain).
 */
export function inputsOf(
  plugin: FunctionPlugin,
  node: object,
  state: unknown,
  shortcut: NamedColumnShortcut,
): unknown[] | undefined {
  const inputs: unknown[] = [];
  for (const name of namesOf(node as Node)) {
    const input = inputOf(plugin, name, state, shortcut);
    if (input === undefined) return undefined;
    inputs.push(input);
  }
  return inputs;
}

/** Whether two inputs (inputsOf) are the same: a store's grid at the same version, or the same values. */
export const sameInput = (a: unknown, b: unknown): boolean => same(a, b);

/** The store's grid an input stands for (inputsOf), whatever its version; undefined for other inputs. */
export const storeGridOf = (input: unknown): object | undefined => (input instanceof StoreInput ? input.grid : undefined);

/** Per instance (its dependency graph), per call node. */
const keptByInstance = new WeakMap<object, WeakMap<object, Kept>>();

function keptOf(plugin: FunctionPlugin): WeakMap<object, Kept> | undefined {
  const graph = instanceKey(plugin);
  if (!graph) return undefined;
  let kept = keptByInstance.get(graph);
  if (!kept) keptByInstance.set(graph, (kept = new WeakMap()));
  return kept;
}

/** A CRM3 call whose value cannot depend on its cell (placeFree holds only of CRM3 calls among calls). */
const keepable = (node: unknown): boolean => callNode(node) !== undefined && placeFree(node);

/** Per instance, per call node: the last value a keepable nested call gave (steadyColumnValue changes it in place). */
const lastValues = new WeakMap<object, WeakMap<object, unknown>>();

/** The cache the CRM3 plugin asks before evaluating a nested call (see crm3Plugin's argumentsWithShortcut). */
export function nestedCallCache(shortcut: NamedColumnShortcut): NestedCallCache {
  return {
    steady(plugin, node, value) {
      const graph = keepable(node) ? instanceKey(plugin) : undefined;
      if (!graph) return value;
      let last = lastValues.get(graph);
      if (!last) lastValues.set(graph, (last = new WeakMap()));
      const steady = steadyColumnValue(last.get(node as object), value);
      last.set(node as object, steady);
      return steady;
    },
    reuse(plugin, node, state, frame, index) {
      if (!keepable(node)) return undefined;
      const kept = keptOf(plugin)?.get(node as object);
      if (!kept) return undefined;
      const names = namesOf(node as Node);
      for (let i = 0; i < names.length; i++)
        if (!same(inputOf(plugin, names[i], state, shortcut), kept.inputs[i])) return undefined;
      if (frame && !restoreArgument(frame, index, kept.record)) return undefined;
      return { arg: kept.arg, value: kept.value };
    },
    keep(plugin, node, state, frame, index, value, arg) {
      if (!keepable(node)) return;
      const kept = keptOf(plugin);
      if (!kept) return;
      const inputs = inputsOf(plugin, node as object, state, shortcut);
      if (!inputs) {
        kept.delete(node as object);
        return;
      }
      kept.set(node as object, { inputs, value, arg, record: frame ? recordedArgument(frame, index) : undefined });
    },
  };
}
