/**
 * What the pane's views ask of the engine. The engine runs off the main thread (a Web
 * Worker in the browser) behind this interface, so no view freezes the pane on a large
 * workbook; tests can run the same interface in-process.
 */
import { Locale } from '../core/i18n';
import type { EvaluationResult, IndicatorResult } from '../engine/evaluate';
import type { DashboardCharts } from '../engine/charts';
import type { IndicatorExplain } from '../engine/indicatorWorking';
import type { DecisionChainMap } from '../engine/decisionChain';
import type { DealMovement, SnapshotInfo, SnapshotPlan } from '../engine/history';
import type { DealReviewRow } from '../engine/dealReview';
import type { ReportData } from '../engine/reportData';
import type { AnswerCode, GradingForm } from '../engine/grading';
import type { Scope, ScopeField } from '../engine/scope';
import type { PortfolioAccount, PortfolioTiers, TierSettings } from '../engine/tiering';
import type { CellChange } from '../engine/workbookEngine';
import type { WorkbookSnapshot } from '../model/snapshot';

export type { DashboardCharts } from '../engine/charts';

/** The tiering assistant's starting point: the workbook's rules and weights, its accounts and their tiers. */
export interface TieringBase {
  settings: TierSettings;
  accounts: PortfolioAccount[];
  tiers: PortfolioTiers;
}

/** The message of a call that `cancel` stopped. */
export const CANCELLED = 'cancelled';

export interface LoadOptions {
  locale: Locale;
  /** Evaluation date as an Excel serial; default the workbook's AsOfDate, else today. */
  asOf?: number;
  file?: string;
}

/** One input of an indicator's formula, as the explain panel shows it. */
export interface ExplainedInput {
  /** The argument or operand as written (`Opp_Status`, `PeriodStart`, `"Open"`). */
  text: string;
  /** Its value: a number/text for a scalar, or a summary such as "300 rows" for a column. */
  value: string;
}

export interface Explanation {
  id: string;
  formula: string;
  value: IndicatorResult['value'];
  inputs: ExplainedInput[];
  /** The kernel's working with the rows behind each part (issue #19); absent when the indicator has none. */
  working?: IndicatorExplain;
}

export interface PaneEngine {
  /** Loads a snapshot; `onProgress` gets 0..1 while a large workbook builds. */
  load(snapshot: WorkbookSnapshot, options: LoadOptions, onProgress?: (fraction: number) => void): Promise<void>;
  /** The results without each indicator's working (the dashboard asks `explain` for the one opened). */
  evaluate(scopes?: readonly Scope[]): Promise<EvaluationResult>;
  explain(indicatorId: string, scopes?: readonly Scope[]): Promise<Explanation | undefined>;
  /** Indicators after the changes next to the base; the loaded workbook is left as it was. */
  whatIf(
    changes: readonly CellChange[],
    scopes?: readonly Scope[],
  ): Promise<{ base: IndicatorResult[]; changed: IndicatorResult[] }>;
  scopeValues(field: ScopeField): Promise<string[]>;
  /** The dashboard charts' data (tier matrix, pipeline by stage, win rate by owner) for a scope. */
  charts(scopes?: readonly Scope[]): Promise<DashboardCharts>;
  /** The tiering assistant's base: rules, weights, accounts and tiers as the workbook holds them. */
  tiering(): Promise<TieringBase>;
  /**
   * Every account's tier under other thresholds or weights: they go into the engine's copy of
   * Config and the workbook's own formulas recompute (the workbook is left as it was).
   */
  tiersUnder(settings: TierSettings): Promise<PortfolioTiers>;
  /** The grading form of an opportunity (Opportunities row): questions, saved answers, and the results for `answers`. */
  grading(row: number, answers?: Readonly<Record<string, AnswerCode>>): Promise<GradingForm>;
  /** The decision chain of an opportunity (Opportunities row): org chart, gaps, coverage and support. */
  decisionChain(row: number): Promise<DecisionChainMap>;
  /** The stages of Config in their order (the defaults when the workbook has none). */
  stages(): Promise<string[]>;
  /** The snapshots of the workbook's History, oldest first (none: no history yet). */
  snapshots(): Promise<SnapshotInfo[]>;
  /** The whole workbook's indicators with Δ against the snapshot on or before `sinceDate`, and What moved since. */
  compare(sinceDate: number): Promise<{ since: SnapshotInfo | null; indicators: IndicatorResult[]; moved: DealMovement[] }>;
  /**
   * Save snapshot's rows: what `crm3 snapshot` appends for the loaded workbook at its evaluation
   * date (engine/history.ts planSnapshot; the same date twice: nothing). The host writes them.
   */
  planSnapshot(label: string | null): Promise<SnapshotPlan>;
  /** The open deals due for review (Reviews log and Config ReviewIntervalDays, as `crm3 review --due`). */
  reviewsDue(): Promise<{ asOf: string; intervalDays: number; deals: DealReviewRow[] }>;
  /** What the recommendations report shows for the whole workbook (the data of `crm3 report`). */
  reportData(): Promise<ReportData>;
  /**
   * Stops the work under way (a load, a file read, a long computation): its calls fail, and
   * the engine holds no workbook until the next load. The worker is ended and started afresh.
   */
  cancel(): void;
  dispose(): void;
}
