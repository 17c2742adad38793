/**
 * What the recommendations report (高阶建议报告, issue #17) shows, gathered in one pass: the
 * evaluation and its findings, the portfolio per tier, the tier matrix, the pipeline by stage,
 * the win characteristics, the loss reasons and the Tier A accounts with their plan status.
 * Numbers come from the evaluation and from CRM3 functions run on the workbook's names; the
 * report writer (io/report) only lays them out. The CLI and the pane's worker both call this.
 */
import { Cell, isBlank, isoFromSerial, toNumber } from '../core/cells';
import { BUILT_IN_INDICATORS } from '../model/indicators';
import { IndicatorRow, WorkbookSnapshot } from '../model/snapshot';
import { DashboardCharts, StagePipeline, dashboardCharts } from './charts';
import { EvaluateOptions, EvaluationResult, evaluateWorkbook } from './evaluate';
import { Finding, findingsOf } from './findings';
import { snapshotsOf, withDeltas } from './history';
import { applyScopes } from './scope';
import {
  GroupWinRate,
  LossReasonCount,
  WIN_CHARACTERISTICS,
  WinCharacteristic,
  asColumn,
  lossReasons,
  numbers,
  winRateByCharacteristic,
} from './winCharacteristics';
import { EngineValue, WorkbookEngine } from './workbookEngine';

export const TIERS = ['A', 'B', 'C', 'D'] as const;

export interface TierPortfolio {
  tier: (typeof TIERS)[number];
  accounts: number;
  revenue: number;
  wallet: number;
  whitespace: number;
}

export interface StageRow extends StagePipeline {
  deals: number;
  weighted: number;
}

export interface KeyAccountRow {
  id: string;
  name: string;
  owner: string;
  score: number | null;
  revenue: number | null;
  wallet: number | null;
  openPipeline: number;
  actions: number;
  actionsDone: number;
  actionsOverdue: number;
}

export interface ReportData {
  evaluation: EvaluationResult;
  /** The rows that define the indicators (the workbook's own, else the catalog), in evaluation order. */
  indicatorRows: IndicatorRow[];
  findings: Finding[];
  portfolio: TierPortfolio[];
  /** Accounts without a tier (a criterion score missing). */
  untiered: number;
  tierMatrix: DashboardCharts['tierMatrix'];
  pipelineByStage: StageRow[];
  winRates: Record<WinCharacteristic, GroupWinRate[]>;
  lossReasons: LossReasonCount[];
  tierAAccounts: KeyAccountRow[];
  /** The evaluation period as the engine holds it (ISO dates); null when it is not a date. */
  period: { start: string; end: string } | null;
  /**
   * The snapshot the summary's Δ compares with: the latest on or before the evaluation date,
   * when the workbook has history and the report is of the whole workbook (a snapshot holds
   * whole-workbook values). Each indicator's `delta` (engine/history.ts withDeltas, as
   * `evaluate --since`) is then set on `evaluation`.
   */
  since?: { date: string; label: string | null };
}

const plain = (v: EngineValue | undefined): Cell => (v === undefined || (v !== null && typeof v === 'object') ? null : v);
const num = (v: EngineValue | EngineValue[][]): number => numbers(v)[0] ?? 0;

function portfolioOf(engine: WorkbookEngine): { portfolio: TierPortfolio[]; untiered: number } {
  const groups = asColumn([...TIERS]);
  const tierKeys = asColumn(engine.computedColumn('Accounts', 'Tier').map(plain));
  const count = numbers(engine.call('COUNTBY', [tierKeys, groups]));
  const revenue = numbers(engine.call('SUMBY', [tierKeys, { name: 'Acc_Revenue12m' }, groups]));
  const wallet = numbers(engine.call('SUMBY', [tierKeys, { name: 'Acc_WalletEstimate' }, groups]));
  const portfolio = TIERS.map((tier, i) => ({
    tier,
    accounts: count[i] ?? 0,
    revenue: revenue[i] ?? 0,
    wallet: wallet[i] ?? 0,
    whitespace: num(engine.call('WHITESPACE', [{ name: 'Acc_WalletEstimate' }, { name: 'Acc_Revenue12m' }, tierKeys, tier])),
  }));
  const all = engine.inputColumn('Accounts', 'AccountId').filter((v) => !isBlank(plain(v))).length;
  return { portfolio, untiered: all - portfolio.reduce((a, t) => a + t.accounts, 0) };
}

function stagesOf(engine: WorkbookEngine, charts: DashboardCharts): StageRow[] {
  const stages = charts.pipelineByStage.map((s) => s.stage);
  const groups = asColumn(stages);
  const deals = numbers(engine.call('COUNTBY', [{ name: 'Opp_Stage' }, groups, { name: 'Opp_Status' }, 'Open']));
  const weighted = stages.map((stage) =>
    num(
      engine.call('PIPELINE', [
        { name: 'Opp_Status' },
        { name: 'Opp_Amount' },
        { name: 'Opp_Probability' },
        undefined,
        undefined,
        undefined,
        { name: 'Opp_Stage' },
        stage,
      ]),
    ),
  );
  return charts.pipelineByStage.map((s, i) => ({ ...s, deals: deals[i] ?? 0, weighted: weighted[i] }));
}

function tierAAccountsOf(engine: WorkbookEngine, asOf: number): KeyAccountRow[] {
  const col = (name: string) => engine.inputColumn('Accounts', name).map(plain);
  const ids = col('AccountId');
  const tiers = engine.computedColumn('Accounts', 'Tier').map(plain);
  const scores = engine.computedColumn('Accounts', 'Score').map(plain);
  const names = col('AccountName');
  const owners = col('Owner');
  const revenue = col('Revenue12m');
  const wallet = col('WalletEstimate');
  const rows = ids.flatMap((id, i) => (tiers[i] === 'A' && !isBlank(id) ? [i] : []));
  if (rows.length === 0) return [];
  const groups = asColumn(rows.map((i) => ids[i]));
  const pipeline = numbers(
    engine.call('SUMBY', [{ name: 'Opp_AccountId' }, { name: 'Opp_Amount' }, groups, { name: 'Opp_Status' }, 'Open']),
  );
  const hasActions = engine.inputColumn('Actions', 'AccountId').length > 0;
  const actions = hasActions ? numbers(engine.call('COUNTBY', [{ name: 'Axn_AccountId' }, groups])) : [];
  const done = hasActions
    ? numbers(engine.call('COUNTBY', [{ name: 'Axn_AccountId' }, groups, { name: 'Axn_Done' }, 'Yes']))
    : [];
  const overdue = hasActions
    ? numbers(
        engine.call('COUNTBY', [
          { name: 'Axn_AccountId' },
          groups,
          { name: 'Axn_Done' },
          '<>Yes',
          { name: 'Axn_DueDate' },
          `<${asOf}`,
        ]),
      )
    : [];
  const text = (c: Cell) => (isBlank(c) ? '' : String(c).trim());
  return rows.map((i, k) => ({
    id: text(ids[i]),
    name: text(names[i]),
    owner: text(owners[i]),
    score: toNumber(scores[i]) ?? null,
    revenue: toNumber(revenue[i]) ?? null,
    wallet: toNumber(wallet[i]) ?? null,
    openPipeline: pipeline[k] ?? 0,
    actions: actions[k] ?? 0,
    actionsDone: done[k] ?? 0,
    actionsOverdue: overdue[k] ?? 0,
  }));
}

/** Everything the recommendations report shows, for a workbook (and the options' scopes). */
export function recommendationsReportData(
  snapshot: WorkbookSnapshot,
  options: EvaluateOptions & {
    maxAccounts?: number;
    evaluation?: EvaluationResult;
    /** The whole workbook's engine when the caller has one built (the pane): used, not rebuilt, and left to the caller. */
    engine?: WorkbookEngine;
  },
): ReportData {
  const evaluated = options.evaluation ?? evaluateWorkbook(snapshot, options);
  const scopes = options.scopes ?? [];
  // Δ since the latest snapshot, found and computed as `evaluate --since` does.
  const latest = scopes.length
    ? undefined
    : snapshotsOf(snapshot)
        .filter((x) => x.date <= options.asOf)
        .pop();
  const evaluation = latest ? withDeltas(evaluated, snapshot, latest, options.locale) : evaluated;
  const findings = findingsOf(snapshot, evaluation, options);
  const own = snapshot.indicators?.length ? snapshot.indicators : BUILT_IN_INDICATORS;
  const indicatorRows = evaluation.indicators.map((r) => own.find((x) => x.id === r.id)!).filter(Boolean);
  // Tier scopes need the whole workbook's tiers; the evaluation already checked the scopes.
  let tiers: Cell[] | undefined;
  if (scopes.some((s) => s.field === 'tier')) {
    const whole = WorkbookEngine.build(snapshot, { asOf: options.asOf, locale: options.locale, licenseKey: options.licenseKey });
    try {
      tiers = whole.computedColumn('Accounts', 'Tier').map(plain);
    } finally {
      whole.destroy();
    }
  }
  const given = scopes.length ? undefined : options.engine;
  const engine =
    given ??
    WorkbookEngine.build(applyScopes(snapshot, scopes, tiers), {
      asOf: options.asOf,
      locale: options.locale,
      licenseKey: options.licenseKey,
    });
  try {
    const charts = dashboardCharts(engine);
    const winRates = {} as Record<WinCharacteristic, GroupWinRate[]>;
    for (const by of WIN_CHARACTERISTICS) winRates[by] = winRateByCharacteristic(engine, by).data;
    const { portfolio, untiered } = portfolioOf(engine);
    const start = toNumber(plain(engine.calculate('=PeriodStart')));
    const end = toNumber(plain(engine.calculate('=PeriodEnd')));
    return {
      evaluation,
      indicatorRows,
      findings,
      portfolio,
      untiered,
      tierMatrix: charts.tierMatrix,
      pipelineByStage: stagesOf(engine, charts),
      winRates,
      lossReasons: lossReasons(engine),
      tierAAccounts: tierAAccountsOf(engine, options.asOf),
      period: start !== undefined && end !== undefined ? { start: isoFromSerial(start), end: isoFromSerial(end) } : null,
      ...(latest ? { since: { date: isoFromSerial(latest.date), label: latest.label } } : {}),
    };
  } finally {
    if (!given) engine.destroy();
  }
}
