/**
 * The engine's record of nested CRM3 calls (engine/nestedCalls.ts) next to what evaluating each
 * call's text again gives: what explanations read must be what calculating gives.
 */
import { outerCall } from '../../src/engine/explain';
import { exportAsCalculated } from '../../src/engine/hfInternals';
import type { RecordedCall } from '../../src/engine/nestedCalls';
import { EngineValue, WorkbookEngine } from '../../src/engine/workbookEngine';

/** The nested CRM3 calls an explanation evaluates, read from the formula's text alone: [argument text, record there]. */
export function nestedArguments(
  formula: string,
  recorded: RecordedCall | undefined,
): [string, RecordedCall | undefined, unknown][] {
  const call = outerCall(formula);
  if (!call) return [];
  if (call.id === 'RATIO' || call.id === 'COVERAGE')
    return call.args.flatMap((text, i) => (outerCall(text) ? nestedArguments(text, recorded?.args[i]?.call) : []));
  return call.args.flatMap((text, i) =>
    outerCall(text)
      ? [[text, recorded?.args[i]?.call, recorded?.args[i]?.kept] as [string, RecordedCall | undefined, unknown]]
      : [],
  );
}

/** Every kept nested value of every indicator, as calculateArray gives it, next to calculateArray of its text. */
export function keptAgainstCalculated(engine: WorkbookEngine, hf: unknown): { kept: number; pairs: [unknown, unknown][] } {
  const pairs: [unknown, unknown][] = [];
  let kept = 0;
  for (const { row } of engine.indicators()) {
    for (const [text, call, value] of nestedArguments(row.formula, engine.indicatorCalls(row))) {
      expect(call?.name.toUpperCase()).toBe(`CRM3.${outerCall(text)!.id}`);
      if (!value) continue;
      kept++;
      const exported = exportAsCalculated(hf as never, (value as { value: unknown }).value)!.value;
      const recorded = Array.isArray(exported) ? exported.map((r: unknown[]) => r.map(plain)) : [[plain(exported)]];
      // calculateArray already gives engine values (an error as { error, message }).
      pairs.push([recorded, engine.calculateArray(`=${text}`)]);
    }
  }
  return { kept, pairs };
}

/** A value as the engine reports it (`toEngineValue`: blank text is blank, an error its value and message). */
export function plain(v: unknown): EngineValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'object') return { error: (v as { value: string }).value, message: (v as { message: string }).message };
  return v as EngineValue;
}

export const hfOf = (engine: WorkbookEngine) => (engine as unknown as { hf: unknown }).hf;
