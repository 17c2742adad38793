/**
 * What each indicator's nested CRM3 calls gave, the last time HyperFormula evaluated the
 * indicator (issue #15). An explanation runs the indicator's kernel again on its arguments;
 * an argument that is itself a CRM3 call (the filter COUNTBY builds for SHARE, the tiers
 * LOOKUPBY gives PIPELINE) would otherwise be evaluated a second time through
 * `calculateFormula`, at 50,000 opportunities seconds of joins over decision-chain and activity
 * rows. The plugin shows the engine every CRM3 call while it runs (`CallObserver`); this keeps,
 * per watched cell, the tree of its CRM3 calls and the value of each nested call whose value
 * does not depend on the cell it is in (`placeFree`). Each evaluation of a cell's formula
 * replaces that cell's tree whole, so a tree is never older than the cell's value: what-if and
 * Config changes recompute the indicators that depend on them, and with them their trees.
 */
import type { FunctionPlugin, HyperFormula } from 'hyperformula';
import { CallObserver, setCallObserver } from '../functions/hyperformula/crm3Plugin';
import { callNode, instanceKey, placeFree } from './hfInternals';

/** One CRM3 call of a formula as it was last evaluated. */
export interface RecordedCall {
  /** HyperFormula's name of the function (`CRM3.SHARE`). */
  name: string;
  /** How many arguments the call was written with. */
  arity: number;
  /** By argument position: the nested CRM3 call there (its own record) and, when kept, its value (HyperFormula's). */
  args: (RecordedArgument | undefined)[];
}
export interface RecordedArgument {
  call?: RecordedCall;
  /** Present when the value was kept: `{ value }` (the value may itself be undefined). */
  kept?: { value: unknown };
}

interface Frame {
  recorder: Recorder;
  node: { args: unknown[] };
  /** Undefined: a call inside a cell not watched, or under something other than a CRM3 call. */
  record?: RecordedCall;
}

/** Cells whose CRM3 calls are kept: one HyperFormula instance's. */
class Recorder {
  private readonly stack: Frame[] = [];
  private readonly trees = new Map<string, RecordedCall>();

  constructor(private readonly watched: (address: Address) => boolean) {}

  enter(node: { procedureName: string; args: unknown[] }, address: Address | undefined): Frame {
    const parent = this.stack[this.stack.length - 1];
    const record: RecordedCall = { name: node.procedureName, arity: node.args.length, args: [] };
    let kept = false;
    if (!parent) {
      // The outermost CRM3 call of a formula: a fresh tree replaces the cell's last one.
      if (address && this.watched(address)) {
        this.trees.set(key(address), record);
        kept = true;
      }
    } else if (parent.record) {
      const at = parent.node.args.indexOf(node);
      if (at >= 0) {
        parent.record.args[at] = { ...parent.record.args[at], call: record };
        kept = true;
      }
    }
    const frame: Frame = { recorder: this, node, ...(kept ? { record } : {}) };
    this.stack.push(frame);
    return frame;
  }

  argument(frame: Frame, index: number, value: unknown): void {
    const slot = frame.record?.args[index];
    // Only a nested CRM3 call's value, and only one that is the same wherever it is evaluated.
    if (!frame.record || !slot?.call || !placeFree(frame.node.args[index])) return;
    frame.record.args[index] = { ...slot, kept: { value } };
  }

  leave(frame: Frame): void {
    const at = this.stack.lastIndexOf(frame);
    if (at >= 0) this.stack.length = at;
  }

  tree(address: Address): RecordedCall | undefined {
    return this.trees.get(key(address));
  }
}

interface Address {
  sheet: number;
  row: number;
  col: number;
}
const key = (a: Address) => `${a.sheet}:${a.row}:${a.col}`;

const recorders = new WeakMap<object, Recorder>();

/** The plugin's observer: stateless, it finds the instance's recorder from the plugin (none: nothing is kept). */
const observer: CallObserver = {
  enter(plugin: FunctionPlugin, ast: unknown, state: unknown) {
    const graph = instanceKey(plugin);
    const recorder = graph && recorders.get(graph);
    const node = callNode(ast);
    if (!recorder || !node) return undefined;
    return recorder.enter(node, (state as { formulaAddress?: Address } | undefined)?.formulaAddress);
  },
  argument(frame: object, index: number, value: unknown) {
    (frame as Frame).recorder.argument(frame as Frame, index, value);
  },
  leave(frame: object) {
    (frame as Frame).recorder.leave(frame as Frame);
  },
};

/** Keeps, for the cells `watched` accepts, the CRM3 calls of their formulas each time they are evaluated. */
export function recordNestedCalls(hf: HyperFormula, watched: (address: Address) => boolean): void {
  const graph = instanceKey(hf);
  if (!graph) return;
  recorders.set(graph, new Recorder(watched));
  setCallObserver(observer);
}

/** The CRM3 calls of the formula in `address` as last evaluated; undefined when none were kept. */
export function recordedCalls(hf: HyperFormula, address: Address): RecordedCall | undefined {
  const graph = instanceKey(hf);
  return graph ? recorders.get(graph)?.tree(address) : undefined;
}

/**
 * The record of argument `index` of the call `frame` was made for (a frame the observer gave),
 * as it stands after the argument was evaluated: its nested call's record and kept value.
 * Undefined when the call is not recorded. For engine/keptCalls.ts, which reuses nested calls.
 */
export function recordedArgument(frame: object, index: number): RecordedArgument | undefined {
  return (frame as Frame).record?.args[index];
}

/**
 * Puts back the record of a nested call that was reused instead of evaluated (what
 * `recordedArgument` gave when it was evaluated), so the explanations see the same record
 * either way. False when the call is recorded and there is no record to put back (the
 * caller then evaluates the nested call).
 */
export function restoreArgument(frame: object, index: number, slot: unknown): boolean {
  const record = (frame as Frame).record;
  if (!record) return true;
  if (!slot) return false;
  record.args[index] = slot as RecordedArgument;
  return true;
}
