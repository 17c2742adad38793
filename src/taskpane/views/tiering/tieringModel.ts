/**
 * What the tiering assistant computes, all through the kernels (scoring and tiering of
 * src/calc), exactly as the Accounts sheet's Score/Attractiveness/Position/Tier formulas do:
 * the settings as the workbook holds them, and the portfolio's tiers under any settings.
 */
import { CalcError, Cell, Column, isBlank, toNumber } from '../../../core/cells';
import { TierMethod, canonical } from '../../../core/enumerations';
import { Locale } from '../../../core/i18n';
import { axisScoreAccounts, scoreAccounts } from '../../../calc/scoring';
import { DEFAULT_TIER_RULES, TierCode, TierMethodCode, TierRules, tierAccounts } from '../../../calc/tiering';
import type { WorkbookWrite } from '../../../host/workbookHost';
import { WorkbookSnapshot } from '../../../model/snapshot';
import { columnValues } from '../../../model/workbookColumns';
import { configTable } from '../grading/gradingModel';

export interface CriterionSetting {
  id: string;
  name: string;
  axis: Cell;
  weight: number;
  /** 0-based row in the Config Criteria table, when the workbook has one. */
  configRow?: number;
}

export interface TierSettings extends TierRules {
  criteria: CriterionSetting[];
}

export interface PortfolioAccount {
  row: number;
  id: string;
  name: string;
}

export interface PortfolioTiers {
  tiers: (TierCode | null)[];
  /** A configuration the kernels reject (bad weights, no criterion on an axis…). */
  error?: CalcError;
}

const num = (c: Cell | undefined, fallback: number) => toNumber(c) ?? fallback;

/** The tier rules and criterion weights the workbook holds now. */
export function readTierSettings(snapshot: WorkbookSnapshot, locale: Locale): TierSettings {
  const s = snapshot.settings;
  const criteria = configTable(snapshot, 'Criteria', locale);
  const fromWorkbook = snapshot.config.Criteria !== undefined;
  const ids = columnValues(criteria, 'CriterionId') ?? [];
  const names = columnValues(criteria, 'Name') ?? [];
  const weights = columnValues(criteria, 'Weight') ?? [];
  const axes = columnValues(criteria, 'Axis') ?? [];
  const list: CriterionSetting[] = [];
  ids.forEach((id, i) => {
    if (isBlank(id)) return;
    list.push({
      id: String(id).trim(),
      name: isBlank(names[i]) ? String(id).trim() : String(names[i]),
      axis: axes[i] ?? null,
      weight: num(weights[i], 0),
      configRow: fromWorkbook ? i : undefined,
    });
  });
  return {
    method: (canonical(TierMethod, s.TierMethod ?? null) as TierMethodCode | undefined) ?? DEFAULT_TIER_RULES.method,
    attractivenessThreshold: num(s.AttractivenessThreshold, DEFAULT_TIER_RULES.attractivenessThreshold),
    positionThreshold: num(s.PositionThreshold, DEFAULT_TIER_RULES.positionThreshold),
    bandA: num(s.ScoreBandA, DEFAULT_TIER_RULES.bandA),
    bandB: num(s.ScoreBandB, DEFAULT_TIER_RULES.bandB),
    bandC: num(s.ScoreBandC, DEFAULT_TIER_RULES.bandC),
    criteria: list,
  };
}

export function portfolioAccounts(snapshot: WorkbookSnapshot): PortfolioAccount[] {
  const t = snapshot.tables.Accounts;
  const ids = columnValues(t, 'AccountId') ?? [];
  const names = columnValues(t, 'AccountName') ?? [];
  return ids.map((id, row) => ({
    row,
    id: isBlank(id) ? '' : String(id),
    name: isBlank(names[row]) ? (isBlank(id) ? '' : String(id)) : String(names[row]),
  }));
}

/** A per-row #N/A (nothing scored) is a blank for the tier: that account has no tier. */
const cells = (v: (number | CalcError)[]): Column => v.map((x) => (x instanceof CalcError ? null : x));

/** Tier of every account under `settings`: Score, Attractiveness and Position from the criteria, then the tier rule. */
export function tierPortfolio(snapshot: WorkbookSnapshot, settings: TierSettings, locale: Locale): PortfolioTiers {
  const t = snapshot.tables.Accounts;
  const n = t?.rows.length ?? 0;
  const none: PortfolioTiers = { tiers: new Array<TierCode | null>(n).fill(null) };
  if (!t || n === 0) return none;
  const criteriaTable = configTable(snapshot, 'Criteria', locale);
  const columns = settings.criteria.map((c) => t.headers.indexOf(c.id));
  const scores = t.rows.map((r) => columns.map((j) => (j < 0 ? null : (r[j] ?? null))));
  const scale = {
    scores,
    weights: settings.criteria.map((c) => c.weight),
    mins: settings.criteria.map((c) => minMax(criteriaTable, c.id, 'Min')),
    maxs: settings.criteria.map((c) => minMax(criteriaTable, c.id, 'Max')),
  };
  const axes = settings.criteria.map((c) => c.axis);
  const score = scoreAccounts(scale);
  const attractiveness = axisScoreAccounts({ ...scale, axes, axis: 'Attractiveness' });
  const position = axisScoreAccounts({ ...scale, axes, axis: 'Position' });
  for (const v of [score, attractiveness, position]) if (v instanceof CalcError) return { ...none, error: v };
  const tiers = tierAccounts({
    attractiveness: cells(attractiveness as (number | CalcError)[]),
    position: cells(position as (number | CalcError)[]),
    score: cells(score as (number | CalcError)[]),
    rules: settings,
  });
  return tiers instanceof CalcError ? { ...none, error: tiers } : { tiers };
}

function minMax(criteria: ReturnType<typeof configTable>, id: string, column: 'Min' | 'Max'): Cell {
  const ids = columnValues(criteria, 'CriterionId') ?? [];
  const values = columnValues(criteria, column) ?? [];
  const i = ids.findIndex((c) => !isBlank(c) && String(c).trim() === id);
  return i < 0 ? null : (values[i] ?? null);
}

/** The host write that stores `settings` in the workbook (only what differs from `base`). */
export function settingsWrite(base: TierSettings, settings: TierSettings): WorkbookWrite {
  const names = [
    ['AttractivenessThreshold', 'attractivenessThreshold'],
    ['PositionThreshold', 'positionThreshold'],
    ['ScoreBandA', 'bandA'],
    ['ScoreBandB', 'bandB'],
    ['ScoreBandC', 'bandC'],
  ] as const;
  return {
    settings: names.filter(([, k]) => base[k] !== settings[k]).map(([setting, k]) => ({ setting, value: settings[k] })),
    config: settings.criteria
      .filter((c, i) => c.configRow !== undefined && c.weight !== base.criteria[i]?.weight)
      .map((c) => ({ table: 'Criteria' as const, row: c.configRow!, column: 'Weight', value: c.weight })),
  };
}
