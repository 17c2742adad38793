/**
 * Composite account scoring (综合计分法, DESIGN §4): each criterion score is normalised to
 * [0, 1] on its Min–Max scale, and the account's score is the weighted mean × 100 over the
 * criteria the row actually has a number for. Attractiveness and Position are the same
 * formula over the criteria of one axis.
 */
import { CalcError, Cell, Column, Grid, isBlank, showCell, toNumber } from '../core/cells';
import { Axis, allowedList, lookupEnum } from '../core/enumerations';
import { Message } from '../core/i18n';
import { ExactMean } from './exact';
import { msg } from './messages';

export type AxisCode = 'Attractiveness' | 'Position';

export interface CriterionDefinition {
  id: string;
  name: Message;
  weight: number;
  axis: AxisCode;
  min: number;
  max: number;
}

/** Default criteria (DESIGN §4), in the column order of the Accounts template. */
export const DEFAULT_CRITERION_MIN = 1;
export const DEFAULT_CRITERION_MAX = 5;
const criterion = (id: string, en: string, zh: string, weight: number, axis: AxisCode): CriterionDefinition => ({
  id,
  name: { en, zh },
  weight,
  axis,
  min: DEFAULT_CRITERION_MIN,
  max: DEFAULT_CRITERION_MAX,
});
export const DEFAULT_CRITERIA: readonly CriterionDefinition[] = [
  criterion('C_Potential', 'Purchase potential', '采购潜力', 25, 'Attractiveness'),
  criterion('C_Growth', 'Growth', '成长性', 15, 'Attractiveness'),
  criterion('C_FinancialHealth', 'Financial health', '财务状况', 10, 'Attractiveness'),
  criterion('C_Influence', 'Industry influence', '行业影响力', 10, 'Attractiveness'),
  criterion('C_StrategicFit', 'Strategic fit', '战略匹配度', 15, 'Position'),
  criterion('C_Relationship', 'Relationship', '客户关系', 15, 'Position'),
  criterion('C_ShareOfWallet', 'Share of wallet', '钱包份额', 10, 'Position'),
];

/** The letter Config's Criteria table writes for an axis (A = Attractiveness, P = Position). */
export const axisLetter = (axis: AxisCode): 'A' | 'P' => (axis === 'Attractiveness' ? 'A' : 'P');

/** Weight and scale of each criterion column, in column order. */
export interface CriteriaScale {
  weights: readonly number[];
  mins: readonly number[];
  maxs: readonly number[];
}

/** Column count of a block (the widest row, so a ragged block never loses cells). */
export function criteriaCount(scores: Grid): number {
  let w = 0;
  for (const r of scores) if (r.length > w) w = r.length;
  return w;
}

/**
 * Default weights: the seven default criteria when the block has exactly seven columns
 * (the template's layout), otherwise equal weights.
 */
export function defaultWeights(count: number): number[] {
  return count === DEFAULT_CRITERIA.length ? DEFAULT_CRITERIA.map((c) => c.weight) : new Array<number>(count).fill(1);
}

function countMismatch(name: string, entries: number, count: number): CalcError {
  return new CalcError(
    'VALUE',
    msg.custom(
      `${name} has ${entries} entries but scores has ${count} criterion columns: give one per criterion, in the same order (scores: one row per account, criteria across)`,
      `${name} 有 ${entries} 项，而 scores 有 ${count} 列评分项：请按相同顺序为每个评分项给出一项（scores 每行一个客户，评分项横向排列）`,
    ),
  );
}

function configEntries(
  col: Column | undefined,
  count: number,
  name: string,
  fallback: number,
  allowBroadcast: boolean,
): number[] | CalcError {
  if (!col) return new Array<number>(count).fill(fallback);
  if (allowBroadcast && col.length === 1 && count !== 1) {
    const one = configEntries(col, 1, name, fallback, false);
    return one instanceof CalcError ? one : new Array<number>(count).fill(one[0]);
  }
  if (col.length !== count) return countMismatch(name, col.length, count);
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const c = col[i];
    if (isBlank(c)) {
      out[i] = fallback;
      continue;
    }
    const n = toNumber(c);
    if (n === undefined) return new CalcError('VALUE', msg.cellNotANumber(name, i + 1, showCell(c)));
    out[i] = n;
  }
  return out;
}

/**
 * Checks and completes the criteria configuration. Weights: one per criterion, ≥ 0, not
 * blank. Mins/maxs: one per criterion or one for all; blank entries use the 1–5 scale.
 */
export function criteriaScale(count: number, weights?: Column, mins?: Column, maxs?: Column): CriteriaScale | CalcError {
  let w: number[];
  if (weights) {
    if (weights.length !== count) return countMismatch('weights', weights.length, count);
    w = new Array<number>(count);
    for (let i = 0; i < count; i++) {
      const c = weights[i];
      const n = toNumber(c);
      if (n === undefined)
        return new CalcError(
          'VALUE',
          isBlank(c)
            ? msg.custom(
                `weights, entry ${i + 1}: blank; give every criterion a weight (0 leaves it out)`,
                `weights 第 ${i + 1} 项为空：请为每个评分项填写权重（填 0 表示不计）`,
              )
            : msg.cellNotANumber('weights', i + 1, showCell(c)),
        );
      if (n < 0)
        return new CalcError(
          'VALUE',
          msg.custom(
            `weights, entry ${i + 1}: ${n} is negative; weights must be 0 or more`,
            `weights 第 ${i + 1} 项：${n} 为负数，权重不能小于 0`,
          ),
        );
      w[i] = n;
    }
  } else {
    w = defaultWeights(count);
  }
  const lo = configEntries(mins, count, 'mins', DEFAULT_CRITERION_MIN, true);
  if (lo instanceof CalcError) return lo;
  const hi = configEntries(maxs, count, 'maxs', DEFAULT_CRITERION_MAX, true);
  if (hi instanceof CalcError) return hi;
  for (let i = 0; i < count; i++) {
    if (!(hi[i] > lo[i]))
      return new CalcError(
        'VALUE',
        msg.custom(
          `criterion ${i + 1}: max (${hi[i]}) must be greater than min (${lo[i]})`,
          `第 ${i + 1} 个评分项：最高分（${hi[i]}）必须大于最低分（${lo[i]}）`,
        ),
      );
  }
  return { weights: w, mins: lo, maxs: hi };
}

/**
 * Score of one row over the criteria where `use[i]` is true (all when omitted).
 * Blank and non-numeric cells are left out of both sums. `rowNumber` (1-based) names the row
 * in messages when the block has several.
 *
 * Computed exactly (src/calc/exact.ts): 100 · Σ wᵢ(sᵢ − Minᵢ)/(Maxᵢ − Minᵢ) ÷ Σ wᵢ as one
 * fraction over the decimals the cells show, divided once; so a score that is exactly a tier
 * band (70 with bands 70/55/40) is that band's number and tiers as ≥ it (issue #18).
 */
export function scoreRow(
  row: readonly Cell[],
  scale: CriteriaScale,
  use?: readonly boolean[],
  rowNumber?: number,
): number | CalcError {
  const mean = new ExactMean();
  let scored = 0;
  for (let i = 0; i < scale.weights.length; i++) {
    if (use && !use[i]) continue;
    const s = toNumber(row[i]);
    if (s === undefined) continue;
    scored++;
    const min = scale.mins[i];
    const max = scale.maxs[i];
    mean.add(scale.weights[i], s < min ? min : s > max ? max : s, min, max);
  }
  const en = rowNumber === undefined ? '' : ` in row ${rowNumber}`;
  const zh = rowNumber === undefined ? '' : `第 ${rowNumber} 行`;
  if (scored === 0) return new CalcError('NA', msg.custom(`no criterion scored${en}`, `${zh}尚未给任何评分项打分`));
  if (mean.totalWeight.sign === 0)
    return new CalcError('NA', msg.custom(`the criteria scored${en} all have weight 0`, `${zh}已打分的评分项权重均为 0`));
  return mean.percent();
}

export interface ScoreInput {
  /** One row per account, one column per criterion. */
  scores: Grid;
  weights?: Column;
  mins?: Column;
  maxs?: Column;
}

/** One composite score per row (0–100), or a per-row #N/A when the row has nothing scored. */
export function scoreAccounts(input: ScoreInput): (number | CalcError)[] | CalcError {
  return scoreOver(input, undefined);
}

export interface AxisScoreInput extends ScoreInput {
  /** Axis of each criterion (Criteria_Axis); blank: the criterion is on neither axis. */
  axes: Column;
  axis: AxisCode;
}

/** Reads the axis column into a mask of the criteria on `axis`. */
export function axisMask(axes: Column, count: number, axis: AxisCode): boolean[] | CalcError {
  if (axes.length !== count)
    return new CalcError(
      'VALUE',
      msg.custom(
        `axes has ${axes.length} entries but scores has ${count} criterion columns: give one axis per criterion (e.g. Criteria_Axis)`,
        `axes 有 ${axes.length} 项，而 scores 有 ${count} 列评分项：请为每个评分项给出所属维度（如 Criteria_Axis）`,
      ),
    );
  const mask = new Array<boolean>(count);
  for (let i = 0; i < count; i++) {
    const c = axes[i];
    if (isBlank(c)) {
      mask[i] = false;
      continue;
    }
    const v = lookupEnum(Axis, c);
    if (!v)
      return new CalcError(
        'VALUE',
        msg.unknownValue('axes', i + 1, showCell(c), { en: allowedList(Axis), zh: allowedList(Axis, 'zh-CN') }),
      );
    mask[i] = v.code === axis;
  }
  return mask;
}

/** Attractiveness or Position (0–100) of each row: the composite score over that axis's criteria. */
export function axisScoreAccounts(input: AxisScoreInput): (number | CalcError)[] | CalcError {
  const count = criteriaCount(input.scores);
  const mask = axisMask(input.axes, count, input.axis);
  if (mask instanceof CalcError) return mask;
  if (!mask.includes(true)) {
    const zh = input.axis === 'Position' ? '竞争地位' : '吸引力';
    return new CalcError(
      'NA',
      msg.custom(
        `no criterion belongs to axis ${input.axis}; check the axes column (e.g. Criteria_Axis)`,
        `没有属于“${zh}”维度的评分项，请检查 axes 列（如 Criteria_Axis）`,
      ),
    );
  }
  return scoreOver(input, mask);
}

function scoreOver(input: ScoreInput, use: readonly boolean[] | undefined): (number | CalcError)[] | CalcError {
  const { scores } = input;
  const count = criteriaCount(scores);
  const scale = criteriaScale(count, input.weights, input.mins, input.maxs);
  if (scale instanceof CalcError) return scale;
  if (scores.length === 0) return [scoreRow([], scale, use)]; // an empty range is one unscored row
  const out = new Array<number | CalcError>(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = scoreRow(scores[i], scale, use, scores.length > 1 ? i + 1 : undefined);
  return out;
}
