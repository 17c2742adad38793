/**
 * The numbers behind the dashboard's charts, from the workbook's computed columns and the
 * CRM3 catalog's functions run on the workbook's columns (no new math here): the tier
 * matrix, the open pipeline per stage and the win rate per owner with its Wilson interval.
 */
import { Cell, isBlank, toNumber } from '../core/cells';
import { asColumn, distinctKeys, errorOf, numbers, winRatesBy } from './winCharacteristics';
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

const distinct = distinctKeys;

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

/** Win rate per opportunity owner over the evaluation period, with a 95 % Wilson interval (winCharacteristics.ts). */
function winRateByOwner(engine: WorkbookEngine): { data: OwnerWinRate[]; problem?: string } {
  const owners = distinct(engine.inputColumn('Opportunities', 'Owner').map(plain));
  const { data, problem } = winRatesBy(engine, { name: 'Opp_Owner' }, owners);
  return { data: data.map(({ group, ...rest }) => ({ owner: group, ...rest })), ...(problem ? { problem } : {}) };
}

export function dashboardCharts(engine: WorkbookEngine): DashboardCharts {
  const pipeline = pipelineByStage(engine);
  const win = winRateByOwner(engine);
  const problems: DashboardCharts['problems'] = {};
  if (pipeline.problem) problems.pipelineByStage = pipeline.problem;
  if (win.problem) problems.winRateByOwner = win.problem;
  return { tierMatrix: tierMatrix(engine), pipelineByStage: pipeline.data, winRateByOwner: win.data, problems };
}
