/**
 * ABCD tiering (大客户ABCD四类划分, DESIGN §4). Matrix method: Attractiveness against our
 * Position, each split at its threshold. Score method: the composite score in bands.
 */
import { CalcError, Column, isBlank } from '../core/cells';
import { checkSameLength, numbers } from './columns';
import { Tier, lookupEnum } from '../core/enumerations';
import { Message } from '../core/i18n';
import { msg } from './messages';

export type TierCode = 'A' | 'B' | 'C' | 'D';
export type TierMethodCode = 'Matrix' | 'Score';

export interface TierRules {
  method: TierMethodCode;
  attractivenessThreshold: number;
  positionThreshold: number;
  bandA: number;
  bandB: number;
  bandC: number;
}

export const DEFAULT_TIER_RULES: TierRules = {
  method: 'Matrix',
  attractivenessThreshold: 50,
  positionThreshold: 50,
  bandA: 75,
  bandB: 60,
  bandC: 45,
};

/** Default visit interval per tier, in days (Config Tiers.VisitIntervalDays). */
export const DEFAULT_VISIT_INTERVAL_DAYS: Readonly<Record<TierCode, number>> = { A: 30, B: 60, C: 90, D: 180 };

/** More Tier A accounts than this is more than a KAM team can invest in (DESIGN §4). */
export const TIER_A_LIMIT = 35;

/** Bands must fall: A ≥ B ≥ C, or a score could be in two bands. */
export function checkTierRules(r: TierRules): CalcError | undefined {
  if (r.bandA >= r.bandB && r.bandB >= r.bandC) return undefined;
  return new CalcError(
    'VALUE',
    msg.custom(
      `score bands must satisfy bandA ≥ bandB ≥ bandC, got ${r.bandA}, ${r.bandB}, ${r.bandC}`,
      `分数段须满足 bandA ≥ bandB ≥ bandC，实际为 ${r.bandA}、${r.bandB}、${r.bandC}`,
    ),
  );
}

/** Matrix tier: A invest · B develop · C maintain · D opportunistic. Missing axis → no tier. */
export function matrixTier(attractiveness: number | undefined, position: number | undefined, r: TierRules): TierCode | null {
  if (attractiveness === undefined || position === undefined) return null;
  const attractive = attractiveness >= r.attractivenessThreshold;
  const strong = position >= r.positionThreshold;
  return attractive ? (strong ? 'A' : 'B') : strong ? 'C' : 'D';
}

/** Score tier: A ≥ bandA, B ≥ bandB, C ≥ bandC, else D. Missing score → no tier. */
export function scoreTier(score: number | undefined, r: TierRules): TierCode | null {
  if (score === undefined) return null;
  return score >= r.bandA ? 'A' : score >= r.bandB ? 'B' : score >= r.bandC ? 'C' : 'D';
}

export interface TierInput {
  attractiveness: Column;
  position: Column;
  /** Composite scores; required by the Score method. */
  score?: Column;
  rules?: Partial<TierRules>;
}

/** One tier per account (null: no tier). Only the columns the method uses are read. */
export function tierAccounts(input: TierInput): (TierCode | null)[] | CalcError {
  const r: TierRules = { ...DEFAULT_TIER_RULES, ...input.rules };
  const mismatch = checkSameLength([
    ['attractiveness', input.attractiveness],
    ['position', input.position],
    ['score', input.score],
  ]);
  if (mismatch) return mismatch;
  const n = input.attractiveness.length;
  if (r.method === 'Score') {
    const bad = checkTierRules(r);
    if (bad) return bad;
    if (!input.score)
      return new CalcError(
        'VALUE',
        msg.custom(
          'the Score method needs score: give the composite scores (e.g. Acc_Score)',
          '计分法需要 score：请给出综合得分列（如 Acc_Score）',
        ),
      );
    const s = numbers(input.score, 'score');
    if (s instanceof CalcError) return s;
    return s.map((v) => scoreTier(v, r));
  }
  const a = numbers(input.attractiveness, 'attractiveness');
  if (a instanceof CalcError) return a;
  const p = numbers(input.position, 'position');
  if (p instanceof CalcError) return p;
  const out = new Array<TierCode | null>(n);
  for (let i = 0; i < n; i++) out[i] = matrixTier(a[i], p[i], r);
  return out;
}

export interface TierCounts {
  A: number;
  B: number;
  C: number;
  D: number;
  /** Blank cells: accounts without a tier. */
  untiered: number;
  /** Text that is not a tier (reported as a data problem by the caller). */
  unknown: number;
}

/** How many accounts are in each tier (aliases and case folded). */
export function tierCounts(tiers: Column): TierCounts {
  const counts: TierCounts = { A: 0, B: 0, C: 0, D: 0, untiered: 0, unknown: 0 };
  for (const c of tiers) {
    if (isBlank(c)) {
      counts.untiered++;
      continue;
    }
    const t = lookupEnum(Tier, c);
    if (t) counts[t.code as TierCode]++;
    else counts.unknown++;
  }
  return counts;
}

/**
 * The warning DESIGN §4 asks for: more than `limit` Tier A accounts spreads the KAM team
 * too thin. Undefined when the count is within the limit.
 */
export function tooManyTierA(count: number, limit: number = TIER_A_LIMIT): Message | undefined {
  if (!(count > limit)) return undefined;
  return msg.custom(
    `${count} accounts are Tier A (more than ${limit}): too many to invest in properly; raise the thresholds or review the scores`,
    `A 类客户有 ${count} 家（超过 ${limit} 家）：数量过多，难以集中投入资源；请提高阈值或复核评分`,
  );
}
