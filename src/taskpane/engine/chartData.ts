/**
 * The numbers behind the dashboard's charts, computed with the calc kernels on the columns
 * the engine holds (no new math here): the tier matrix, the open pipeline per stage and
 * the win rate per owner with its Wilson interval.
 */
import { CalcError, Cell, keyOf, toNumber } from '../../core/cells';
import { winRateBy, winTallyBy } from '../../calc/groupBy';
import { openPipeline } from '../../calc/pipeline';
import { DEFAULT_STAGES } from '../../calc/stages';
import { wilsonInterval, zForConfidence } from '../../calc/statistics';
import type { EngineValue, WorkbookEngine } from '../../engine/workbookEngine';
import { stageLabel } from '../../model/defaults';
import type { WorkbookSnapshot } from '../../model/snapshot';
import type { Locale } from '../../core/i18n';

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
}

const plain = (v: EngineValue): Cell => (v !== null && typeof v === 'object' ? null : v);
const setting = (engine: WorkbookEngine, name: string): Cell => plain(engine.calculate(`=${name}`));

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
  return {
    points,
    attractivenessThreshold: toNumber(setting(engine, 'AttractivenessThreshold')) ?? 50,
    positionThreshold: toNumber(setting(engine, 'PositionThreshold')) ?? 50,
  };
}

/** Stages in the workbook's order (Config), then any other stage the deals carry. */
function stageNames(snapshot: WorkbookSnapshot, dealStages: readonly Cell[], locale: Locale): string[] {
  const config = snapshot.config.Stages;
  const s = config?.headers.indexOf('Stage') ?? -1;
  const o = config?.headers.indexOf('Order') ?? -1;
  const listed =
    config && s >= 0
      ? config.rows
          .filter((r) => r[s] !== null && r[s] !== '')
          .sort((x, y) => (toNumber(x[o]) ?? 0) - (toNumber(y[o]) ?? 0))
          .map((r) => String(r[s]))
      : DEFAULT_STAGES.map((d) => stageLabel(d.stage, locale));
  const seen = new Set(listed.map((x) => keyOf(x)));
  for (const d of dealStages) {
    if (d === null || d === '' || seen.has(keyOf(d))) continue;
    seen.add(keyOf(d));
    listed.push(String(d));
  }
  return listed;
}

function pipelineByStage(engine: WorkbookEngine, snapshot: WorkbookSnapshot, locale: Locale): StagePipeline[] {
  const status = engine.inputColumn('Opportunities', 'Status').map(plain);
  const amount = engine.inputColumn('Opportunities', 'Amount').map(plain);
  const stage = engine.inputColumn('Opportunities', 'Stage').map(plain);
  const keys = stage.map((x) => keyOf(x));
  return stageNames(snapshot, stage, locale).map((name) => {
    const k = keyOf(name);
    const sum = openPipeline({ status, amount, include: keys.map((x) => x === k) });
    return { stage: name, amount: sum instanceof CalcError ? 0 : sum };
  });
}

/** Win rate per opportunity owner over the evaluation period, with a 95 % Wilson interval. */
function winRateByOwner(engine: WorkbookEngine): OwnerWinRate[] {
  const owners = engine.inputColumn('Opportunities', 'Owner').map(plain);
  const groups: string[] = [];
  const seen = new Set<string>();
  for (const o of owners) {
    if (o === null || o === '' || seen.has(keyOf(o))) continue;
    seen.add(keyOf(o));
    groups.push(String(o));
  }
  const noDecision = setting(engine, 'NoDecisionIsLoss');
  const rules = {
    keys: owners,
    groups,
    status: engine.inputColumn('Opportunities', 'Status').map(plain),
    closeDate: engine.inputColumn('Opportunities', 'CloseDate').map(plain),
    periodStart: toNumber(setting(engine, 'PeriodStart')),
    periodEnd: toNumber(setting(engine, 'PeriodEnd')),
    noDecisionIsLoss: noDecision === false || keyOf(noDecision) === 'FALSE' ? false : true,
  };
  const tallies = winTallyBy(rules);
  const rates = winRateBy(rules);
  if (tallies instanceof CalcError || rates instanceof CalcError) return [];
  const z = zForConfidence(0.95);
  return groups.flatMap((owner, i) => {
    const { won, closed } = tallies[i];
    const rate = rates[i];
    if (closed <= 0 || rate === null) return [];
    const w = wilsonInterval(won, closed, z);
    return [{ owner, won, closed, rate, lower: w.lower, upper: w.upper }];
  });
}

export function dashboardCharts(engine: WorkbookEngine, snapshot: WorkbookSnapshot, locale: Locale): DashboardCharts {
  return {
    tierMatrix: tierMatrix(engine),
    pipelineByStage: pipelineByStage(engine, snapshot, locale),
    winRateByOwner: winRateByOwner(engine),
  };
}
