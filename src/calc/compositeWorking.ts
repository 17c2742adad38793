/**
 * Workings of formulas that combine other kernels' values (RATIO, COVERAGE): each operand is
 * another kernel's working (its rows and parts come along, keyed under the operand) or a
 * number written in the formula. The value comes from the same kernels as the cell's.
 */
import { Message, bi } from '../core/i18n';
import { ratio } from './aggregate';
import { exactDifference } from './exact';
import { pipelineCoverage } from './pipeline';
import { Working, WorkingFilter, WorkingLeftOut, WorkingPart, WorkingUnit, exactValue, partOf, valuePart } from './working';

/** An operand: another kernel's working, or a number (a constant such as the 1 of 1 / win rate). */
export type Operand = Working | number | null;

const DEFAULT_LABEL: Record<string, Message> = {
  numerator: bi('numerator', '分子'),
  denominator: bi('denominator', '分母'),
  pipeline: bi('pipeline', '商机金额'),
  target: bi('target', '目标'),
  won: bi('won', '已赢单'),
};

/** The operand's own number as a part under `key`, its parts kept below it (`key:part`). */
function operandParts(key: string, op: Operand): { head: WorkingPart; rest: WorkingPart[]; leftOut: WorkingLeftOut[] } {
  const label = DEFAULT_LABEL[key] ?? bi(key, key);
  // A number written in the formula (the 1 of 1 / win rate) reads as itself.
  if (op === null || typeof op === 'number') return { head: valuePart(key, label, op ?? 0, 'count'), rest: [], leftOut: [] };
  const rename = (k: string | undefined) => (k === undefined ? key : `${key}:${k}`);
  const total = op.arithmetic === 'total' ? partOf(op, 'total') : undefined;
  // A count or sum stands as the part itself, with its rows; a ratio or mean is a number with its parts below.
  const head: WorkingPart = total ? { ...total, key } : valuePart(key, label, op.value ?? 0, op.unit);
  const rest = op.parts.filter((p) => p !== total).map((p) => ({ ...p, key: rename(p.key), of: rename(p.of) }));
  const leftOut = op.leftOut.map((l) => ({ ...l, key: `${key}:${l.key}` }));
  return { head, rest, leftOut };
}

/** The operands' filters, keyed under their operand; one the other operand says too is said once. */
function mergeFilters(keys: readonly string[], ops: readonly Operand[]): WorkingFilter[] {
  const seen = new Set<string>();
  const out: WorkingFilter[] = [];
  ops.forEach((op, k) => {
    if (!op || typeof op !== 'object') return;
    for (const f of op.filters)
      if (!seen.has(f.text.en)) {
        seen.add(f.text.en);
        out.push({ key: `${keys[k]}:${f.key}`, text: f.text });
      }
  });
  return out;
}

const valueOf = (op: Operand): number | null => (op === null || typeof op === 'number' ? op : op.value);

/** RATIO(numerator, denominator): the two operands' numbers, blank on a zero denominator. */
export function ratioWorking(numerator: Operand, denominator: Operand, unit: WorkingUnit = 'ratio'): Working {
  const n = operandParts('numerator', numerator);
  const d = operandParts('denominator', denominator);
  const v = ratio(valueOf(numerator), valueOf(denominator));
  return {
    arithmetic: 'ratio',
    value: typeof v === 'number' ? v : null,
    unit,
    parts: [n.head, d.head, ...n.rest, ...d.rest],
    filters: mergeFilters(['numerator', 'denominator'], [numerator, denominator]),
    leftOut: [...n.leftOut, ...d.leftOut],
  };
}

/** COVERAGE(pipeline, target, won): pipeline ÷ (target − won), blank when nothing is left to win. */
export function coverageWorking(pipeline: Operand, target: Operand, won: Operand): Working {
  const p = operandParts('pipeline', pipeline);
  const t = operandParts('target', target);
  const w = operandParts('won', won);
  const pv = valueOf(pipeline);
  const tv = valueOf(target);
  const gap = valuePart('gap', bi('left to win (target − won)', '剩余目标（目标 − 已赢单）'), 0, 'amount');
  if (tv !== null) Object.assign(gap, exactValue(exactDifference(tv, valueOf(won) ?? 0)));
  return {
    arithmetic: 'coverage',
    value: pipelineCoverage(pv ?? undefined, tv ?? undefined, valueOf(won) ?? 0),
    unit: 'number',
    parts: [p.head, t.head, w.head, gap, ...p.rest, ...t.rest, ...w.rest],
    filters: mergeFilters(['pipeline', 'target', 'won'], [pipeline, target, won]),
    leftOut: [...p.leftOut, ...t.leftOut, ...w.leftOut],
  };
}
