/**
 * What the tiering assistant asks the engine (ABCD, DESIGN §4): the tier rules and the
 * criterion weights as the workbook holds them, and every account's tier under other rules
 * or weights. Other settings go into the engine's copy of Config, and the workbook's own
 * Score, Attractiveness, Position and Tier formulas recompute; nothing is re-implemented here.
 */
import { Cell, isBlank, toNumber } from '../core/cells';
import { Axis, TierMethod, canonical, lookupEnum } from '../core/enumerations';
import { Message } from '../core/i18n';
import { TierCode, TierCounts, TierMethodCode, tierCounts, tooManyTierA } from '../calc/tiering';
import { SettingName } from '../model/config';
import { ConfigChange, EngineValue, WorkbookEngine } from './workbookEngine';

export type { TierCode, TierCounts, TierMethodCode };

export interface CriterionSetting {
  id: string;
  name: string;
  /** 'Attractiveness' or 'Position'; null when the Axis cell is neither. */
  axis: 'Attractiveness' | 'Position' | null;
  weight: number;
  /** Row of the Criteria table as the engine holds it (what a ConfigChange names). */
  row: number;
  /** Row in the workbook's own Criteria table; undefined when the defaults stand in (weights cannot be written). */
  workbookRow?: number;
}

/** The numbers a planner can move, with the criteria and their weights. */
export interface TierSettings {
  method: TierMethodCode;
  attractivenessThreshold: number;
  positionThreshold: number;
  bandA: number;
  bandB: number;
  bandC: number;
  criteria: CriterionSetting[];
}

export interface PortfolioAccount {
  /** 0-based row of the Accounts table. */
  row: number;
  id: string;
  name: string;
}

export interface PortfolioTiers {
  /** Each account's tier, by Accounts row; null: no tier (nothing scored, or an error on that row). */
  tiers: (TierCode | null)[];
  counts: TierCounts;
  /** Too many Tier A accounts to invest in (the methodology's warning). */
  tooManyA?: Message;
  /** Why no account has a tier: the formulas reject these settings (e.g. a negative weight). */
  error?: string;
}

/** The setting behind each number of TierSettings. */
const SETTING_OF: readonly [SettingName, 'attractivenessThreshold' | 'positionThreshold' | 'bandA' | 'bandB' | 'bandC'][] = [
  ['AttractivenessThreshold', 'attractivenessThreshold'],
  ['PositionThreshold', 'positionThreshold'],
  ['ScoreBandA', 'bandA'],
  ['ScoreBandB', 'bandB'],
  ['ScoreBandC', 'bandC'],
];

const plain = (v: EngineValue | undefined): Cell => (v === undefined || (v !== null && typeof v === 'object') ? null : v);
const text = (c: Cell | undefined): string => (isBlank(c) ? '' : String(c).trim());

/** The rules and weights the engine evaluates now (the workbook's, with Config's defaults filled in). */
export function tierSettings(engine: WorkbookEngine): TierSettings {
  const number = (name: SettingName) => toNumber(plain(engine.calculate(`=${name}`))) ?? 0;
  const criteria = engine.configTable('Criteria');
  const at = (column: string) => criteria.headers.indexOf(column);
  const list: CriterionSetting[] = [];
  criteria.rows.forEach((r, row) => {
    const id = text(r[at('CriterionId')]);
    if (!id) return;
    const axis = lookupEnum(Axis, r[at('Axis')])?.code;
    list.push({
      id,
      name: text(r[at('Name')]) || id,
      axis: axis === 'Attractiveness' || axis === 'Position' ? axis : null,
      weight: toNumber(r[at('Weight')]) ?? 0,
      row,
      workbookRow: criteria.workbookRows?.[row],
    });
  });
  const settings = {
    method: canonical(TierMethod, plain(engine.calculate('=TierMethod'))) === 'Score' ? 'Score' : 'Matrix',
    criteria: list,
  } as TierSettings;
  for (const [name, key] of SETTING_OF) settings[key] = number(name);
  return settings;
}

/** The engine's Config changes that turn `base` into `settings`. */
export function configChanges(base: TierSettings, settings: TierSettings): ConfigChange[] {
  const changes: ConfigChange[] = base.method === settings.method ? [] : [{ setting: 'TierMethod', value: settings.method }];
  changes.push(
    ...SETTING_OF.filter(([, key]) => base[key] !== settings[key]).map(([setting, key]) => ({
      setting,
      value: settings[key],
    })),
  );
  for (const c of settings.criteria) {
    const was = base.criteria.find((b) => b.row === c.row);
    if (was && was.weight !== c.weight) changes.push({ table: 'Criteria', row: c.row, column: 'Weight', value: c.weight });
  }
  return changes;
}

export function portfolioAccounts(engine: WorkbookEngine): PortfolioAccount[] {
  const names = engine.inputColumn('Accounts', 'AccountName');
  return engine.inputColumn('Accounts', 'AccountId').map((id, row) => {
    const key = text(plain(id));
    return { row, id: key, name: text(plain(names[row])) || key };
  });
}

/** The first error message of a computed column whose every row is that error (the formula itself failed). */
function wholeColumnError(values: readonly EngineValue[]): string | undefined {
  if (values.length === 0) return undefined;
  const first = values[0];
  if (first === null || typeof first !== 'object') return undefined;
  return values.every((v) => v !== null && typeof v === 'object') ? first.message || first.error : undefined;
}

/** Every account's tier under `settings` (the workbook's own when omitted), by the workbook's formulas. */
export function portfolioTiers(engine: WorkbookEngine, settings?: TierSettings): PortfolioTiers {
  const changes = settings ? configChanges(tierSettings(engine), settings) : [];
  return engine.withConfig(changes, (e) => {
    const tiers = e.computedColumn('Accounts', 'Tier').map((v) => {
      const t = plain(v);
      return t === 'A' || t === 'B' || t === 'C' || t === 'D' ? t : null;
    });
    const method = (settings ?? tierSettings(e)).method;
    const inputs = method === 'Score' ? ['Score'] : ['Attractiveness', 'Position'];
    const error = inputs.map((c) => wholeColumnError(e.computedColumn('Accounts', c))).find((m) => m !== undefined);
    const counts = tierCounts(tiers);
    return { tiers, counts, tooManyA: tooManyTierA(counts.A), ...(error ? { error } : {}) };
  });
}
