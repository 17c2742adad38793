/**
 * The numbers behind the dashboard's charts, from the workbook's computed columns and the
 * CRM3 catalog's functions run on the workbook's columns (no new math here): the tier
 * matrix, the open pipeline per stage and the win rate per owner with its Wilson interval.
 */
import { Cell, isBlank, keyOf, toNumber } from '../core/cells';
import { EngineValue, WorkbookEngine } from './workbookEngine';

export interface TierPoint {
  account: string;
  name: string;
  attractiveness: number;
  position: number;
  tier: string;
}

export interface StagePipeline {
  stage: string;
  amount: number;
}

export interface OwnerWinRate {
  owner: string;
  won: number;
  closed: number;
  rate: number;
  lower: number;
  upper: number;
}

export interface DashboardCharts {
  tierMatrix: { points: TierPoint[]; attractivenessThreshold: number; positionThreshold: number };
  pipelineByStage: StagePipeline[];
  winRateByOwner: OwnerWinRate[];
  /** Why a chart has no data although the workbook has rows for it (the function's message). */
  problems: { pipelineByStage?: string; winRateByOwner?: string };
}

const plain = (v: EngineValue | undefined): Cell => (v === undefined || (v !== null && typeof v === 'object') ? null : v);
const errorOf = (v: EngineValue | EngineValue[][]): string | undefined => {
  const x = Array.isArray(v) ? v.flat().find((c) => c !== null && typeof c === 'object') : v;
  return x !== null && typeof x === 'object' ? x.message || x.error : undefined;
};
/** A spilled column result as numbers (blank, text and errors as null). */
const numbers = (v: EngineValue | EngineValue[][]): (number | null)[] =>
  (Array.isArray(v) ? v.map((r) => r[0]) : [v]).map((x) => (typeof x === 'number' ? x : null));
const asColumn = (values: readonly Cell[]): Cell[][] => values.map((v) => [v]);

/** Distinct non-blank values in first-seen order, compared as the functions compare keys. */
function distinct(values: readonly Cell[], into: string[] = []): string[] {
  const seen = new Set(into.map((x) => keyOf(x)));
  for (const v of values) {
    if (isBlank(v) || seen.has(keyOf(v))) continue;
    seen.add(keyOf(v));
    into.push(String(v).trim());
  }
  return into;
}

function tierMatrix(engine: WorkbookEngine): DashboardCharts['tierMatrix'] {
  const ids = engine.inputColumn('Accounts', 'AccountId').map(plain);
  const names = engine.inputColumn('Accounts', 'AccountName').map(plain);
  const attractiveness = engine.computedColumn('Accounts', 'Attractiveness').map(plain);
  const position = engine.computedColumn('Accounts', 'Position').map(plain);
  const tiers = engine.computedColumn('Accounts', 'Tier').map(plain);
  const points: TierPoint[] = [];
  ids.forEach((id, i) => {
    const a = toNumber(attractiveness[i]);
    const p = toNumber(position[i]);
    if (a === undefined || p === undefined) return;
    points.push({
      account: String(id ?? ''),
      name: String(names[i] ?? ''),
      attractiveness: a,
      position: p,
      tier: String(tiers[i] ?? ''),
    });
  });
  const setting = (name: string) => toNumber(plain(engine.calculate(`=${name}`))) ?? 0;
  return { points, attractivenessThreshold: setting('AttractivenessThreshold'), positionThreshold: setting('PositionThreshold') };
}

/** The stages of Config (the workbook's, else the defaults) in their Order, as the engine holds them. */
export function configuredStages(engine: WorkbookEngine): string[] {
  const t = engine.configTable('Stages');
  const s = t.headers.indexOf('Stage');
  const o = t.headers.indexOf('Order');
  const rows = t.rows.filter((r) => !isBlank(r[s]));
  const ordered = rows
    .map((r, i) => ({ name: r[s], order: toNumber(r[o]) ?? Number.MAX_SAFE_INTEGER, i }))
    .sort((x, y) => x.order - y.order || x.i - y.i);
  return distinct(ordered.map((r) => r.name));
}

/** Open pipeline per stage: Config's stages in order, then any other stage the deals carry (CRM3.SUMBY). */
function pipelineByStage(engine: WorkbookEngine): { data: StagePipeline[]; problem?: string } {
  const stages = distinct(engine.inputColumn('Opportunities', 'Stage').map(plain), configuredStages(engine));
  const sums = engine.call('SUMBY', [
    { name: 'Opp_Stage' },
    { name: 'Opp_Amount' },
    asColumn(stages),
    { name: 'Opp_Status' },
    'Open',
  ]);
  const problem = errorOf(sums);
  if (problem) return { data: [], problem };
  const amounts = numbers(sums);
  return { data: stages.map((stage, i) => ({ stage, amount: amounts[i] ?? 0 })) };
}

/** Win rate per opportunity owner over the evaluation period (CRM3.WINRATEBY), with a 95 % Wilson interval (CRM3.WILSON). */
function winRateByOwner(engine: WorkbookEngine): { data: OwnerWinRate[]; problem?: string } {
  const owners = distinct(engine.inputColumn('Opportunities', 'Owner').map(plain));
  if (owners.length === 0) return { data: [] };
  const period = [{ name: 'Opp_CloseDate' }, { name: 'PeriodStart' }, { name: 'PeriodEnd' }];
  const rates = engine.call('WINRATEBY', [
    { name: 'Opp_Owner' },
    { name: 'Opp_Status' },
    asColumn(owners),
    undefined,
    ...period,
    { name: 'NoDecisionIsLoss' },
  ]);
  // The deals a rate counts: won, and closed (no-decision ones too unless Config leaves them out).
  const closedWhich = engine.calculate('=NoDecisionIsLoss') === false ? 'Won,Lost' : 'Closed';
  const count = (which: string, owner: string) =>
    engine.call('DEALCOUNT', [{ name: 'Opp_Status' }, which, ...period, { name: 'Opp_Owner' }, [[owner]]]);
  const wonCalls = owners.map((o) => count('Won', o));
  const closedCalls = owners.map((o) => count(closedWhich, o));
  const problem = [rates, ...wonCalls, ...closedCalls].map(errorOf).find((m) => m !== undefined);
  if (problem) return { data: [], problem };
  const won = wonCalls.map((v) => numbers(v)[0] ?? 0);
  const closed = closedCalls.map((v) => numbers(v)[0] ?? 0);
  const bound = (which: 'lower' | 'upper') => numbers(engine.call('WILSON', [asColumn(won), asColumn(closed), which, 0.95]));
  const [lower, upper] = [bound('lower'), bound('upper')];
  const rate = numbers(rates);
  return {
    data: owners.flatMap((owner, i) => {
      const r = rate[i];
      if (closed[i] <= 0 || r === null || lower[i] === null || upper[i] === null) return [];
      return [{ owner, won: won[i], closed: closed[i], rate: r, lower: lower[i]!, upper: upper[i]! }];
    }),
  };
}

export function dashboardCharts(engine: WorkbookEngine): DashboardCharts {
  const pipeline = pipelineByStage(engine);
  const win = winRateByOwner(engine);
  const problems: DashboardCharts['problems'] = {};
  if (pipeline.problem) problems.pipelineByStage = pipeline.problem;
  if (win.problem) problems.winRateByOwner = win.problem;
  return { tierMatrix: tierMatrix(engine), pipelineByStage: pipeline.data, winRateByOwner: win.data, problems };
}
