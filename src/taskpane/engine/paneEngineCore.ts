/**
 * The pane's engine work, synchronous and in one place: the Web Worker runs it off the main
 * thread, and jest runs it in-process through the same PaneEngine interface.
 */
import { Cell, isoFromSerial } from '../../core/cells';
import { Locale } from '../../core/i18n';
import {
  EvaluationResult,
  IndicatorResult,
  PreparedWorkbook,
  evaluateBuilt,
  indicatorResult,
  prepareWorkbook,
  withCatalogWords,
} from '../../engine/evaluate';
import { explainIndicator } from '../../engine/indicatorWorking';
import { explainFormula } from '../../engine/explain';
import { Scope, ScopeField, applyScopes, scopeValues } from '../../engine/scope';
import { CellChange, EngineValue, IndicatorValue, WorkbookEngine } from '../../engine/workbookEngine';
import { DashboardCharts, configuredStages, dashboardCharts } from '../../engine/charts';
import { DecisionChainMap, decisionChainMap } from '../../engine/decisionChain';
import { AnswerCode, GradingForm, gradingForm } from '../../engine/grading';
import { PortfolioTiers, TierSettings, portfolioAccounts, portfolioTiers, tierSettings } from '../../engine/tiering';
import { WorkbookSnapshot } from '../../model/snapshot';
import { DealMovement, SnapshotInfo, SnapshotPlan, planSnapshot, snapshotsOf, whatMoved, withDeltas } from '../../engine/history';
import { DealReviewRow, dealReviews, reviewSetting } from '../../engine/dealReview';
import { ReportData, recommendationsReportData } from '../../engine/reportData';
import type { Explanation, LoadOptions, TieringBase } from '../paneEngine';
import { sameData, sameLoadOptions } from './sameData';
import type { SamplePreloaded } from './messages';
import { SAMPLE_FILE, sampleWorkbook } from '../webMode/sample';
import { mark } from '../timing';

const plain = (v: EngineValue): Cell => (v !== null && typeof v === 'object' ? null : v);

/** Today as an Excel serial (days since 1899-12-30, UTC). */
export function todaySerial(now = Date.now()): number {
  return Math.floor(now / 86_400_000) + 25_569;
}

interface Loaded {
  /** The workbook as the engines hold it (history columns derived, as `crm3 evaluate` does). */
  snapshot: WorkbookSnapshot;
  /** Its problems and absent inputs per indicator (the what-if keeps No data honest too), found once. */
  prepared: PreparedWorkbook;
  locale: Locale;
  asOf: number;
  file: string;
  tiers: Cell[];
  whole: WorkbookEngine;
}

const scopeKey = (scopes: readonly Scope[] | undefined) => JSON.stringify(scopes ?? []);

export class PaneEngineCore {
  private loaded?: Loaded;
  /** The engine of the last scope asked for (the dashboard asks the same scope repeatedly), with its workbook. */
  private scoped?: { key: string; engine: WorkbookEngine; snapshot: WorkbookSnapshot };
  /** The workbook `preload` built, as it was given, and how: the next `load` of the same keeps its engine. */
  private ahead?: { snapshot: WorkbookSnapshot; options: LoadOptions; results: EvaluationResult; sample?: Locale };
  /** The whole workbook's results `preload` computed, for the first `evaluate` after the load that kept its engine. */
  private aheadResults?: EvaluationResult;

  /**
   * Loads a workbook before the page asks for it: web mode's sample, built in the worker while
   * the page loads React (issue #15, web mode's first indicator). The page's own `load` of an
   * equal workbook with equal options then keeps this engine; any other load builds as usual.
   */
  preload(snapshot: WorkbookSnapshot, options: LoadOptions): EvaluationResult {
    const given = structuredClone(snapshot);
    this.load(snapshot, options);
    // The page asks for these results right after its load (useWorkbook): computed now, while the
    // page is still loading React, they are ready when it asks.
    const results = this.evaluate();
    this.ahead = { snapshot: given, options, results };
    return results;
  }

  /**
   * Web mode's built-in sample in this language (`webMode/sample.ts`), built ahead as `preload`
   * does. Returns what the worker sends the page at once (messages.ts `SamplePreloaded`).
   */
  preloadSample(locale: Locale): SamplePreloaded {
    const sample = sampleWorkbook(locale);
    mark('sample-made');
    const options = { locale, file: SAMPLE_FILE[locale] };
    const results = this.preload(sample, options);
    if (this.ahead) this.ahead.sample = locale;
    return { kind: 'sample-preloaded', locale, options, results };
  }

  /**
   * Loads web mode's built-in sample in this language: the page found its workbook equal to the
   * sample as generated (WorkerEngine.load) and sends the sample's name instead of the workbook,
   * which spares copying and comparing it here. The engine `preloadSample` built is kept when the
   * options are equal; otherwise the sample is generated here and loaded like any workbook.
   */
  loadSample(locale: Locale, options: LoadOptions, onProgress?: (fraction: number) => void): void {
    const ahead = this.ahead;
    if (ahead?.sample === locale && this.loaded && sameLoadOptions(ahead.options, options)) {
      this.ahead = undefined;
      this.aheadResults = ahead.results;
      onProgress?.(1);
      return;
    }
    this.load(sampleWorkbook(locale), options, onProgress);
  }

  load(snapshot: WorkbookSnapshot, options: LoadOptions, onProgress?: (fraction: number) => void): void {
    const ahead = this.ahead;
    this.ahead = undefined;
    this.aheadResults = undefined;
    if (ahead && this.loaded && sameLoadOptions(ahead.options, options) && sameData(ahead.snapshot, snapshot)) {
      this.aheadResults = ahead.results;
      onProgress?.(1);
      return;
    }
    this.dispose();
    onProgress?.(0.05);
    const asOf = options.asOf ?? (typeof snapshot.settings.AsOfDate === 'number' ? snapshot.settings.AsOfDate : todaySerial());
    const prepared = prepareWorkbook(snapshot);
    mark('prepared');
    onProgress?.(0.3);
    const whole = WorkbookEngine.build(prepared.snapshot, { asOf, locale: options.locale });
    mark('built');
    onProgress?.(0.8);
    const tiers = whole.computedColumn('Accounts', 'Tier').map(plain);
    this.loaded = { snapshot: prepared.snapshot, prepared, locale: options.locale, asOf, file: options.file ?? '', tiers, whole };
    onProgress?.(1);
  }

  private get current(): Loaded {
    if (!this.loaded) throw new Error('No workbook loaded');
    return this.loaded;
  }

  /** The engine of the whole workbook or of these scopes, and the workbook it was built on. */
  private builtFor(scopes: readonly Scope[] | undefined): { engine: WorkbookEngine; snapshot: WorkbookSnapshot } {
    const l = this.current;
    if (!scopes?.length) return { engine: l.whole, snapshot: l.snapshot };
    const key = scopeKey(scopes);
    if (this.scoped?.key === key) return this.scoped;
    this.scoped?.engine.destroy();
    this.scoped = undefined;
    const snapshot = applyScopes(l.snapshot, scopes, l.tiers);
    this.scoped = { key, engine: WorkbookEngine.build(snapshot, { asOf: l.asOf, locale: l.locale }), snapshot };
    return this.scoped;
  }

  private engineFor(scopes: readonly Scope[] | undefined): WorkbookEngine {
    return this.builtFor(scopes).engine;
  }

  /**
   * The results `crm3 evaluate` gives, from the engine already built for the load (or the
   * scope). Without each indicator's working (`explain`) unless asked: the dashboard shows
   * values and asks `explain` for the one a user opens, and the workings of all 40 took as
   * long as the rest of the evaluation (issue #15, web mode's first indicator).
   */
  evaluate(scopes?: readonly Scope[], withWorkings = false): EvaluationResult {
    const ahead = this.aheadResults;
    this.aheadResults = undefined;
    if (ahead && !scopes?.length && !withWorkings) return ahead;
    const l = this.current;
    const { engine, snapshot } = this.builtFor(scopes);
    const options = { file: l.file, asOf: l.asOf, locale: l.locale, scopes, explain: withWorkings };
    return evaluateBuilt(engine, snapshot, l.prepared, options);
  }

  explain(indicatorId: string, scopes?: readonly Scope[]): Explanation | undefined {
    const engine = this.engineFor(scopes);
    const found = engine.indicators().find((i) => i.row.id === indicatorId);
    if (!found) return undefined;
    const v = found.value;
    const l = this.current;
    // The kernel's working with its rows (issue #19); none when the indicator's inputs are absent.
    const working = l.prepared.absent.get(found.row.id)?.length
      ? undefined
      : explainIndicator(engine, withCatalogWords(found.row), v, { locale: l.locale, rows: true, workbook: l.snapshot });
    return {
      id: indicatorId,
      formula: found.row.formula,
      value: v !== null && typeof v === 'object' ? null : v,
      inputs: explainFormula(engine, found.row.formula, l.locale),
      ...(working ? { working } : {}),
    };
  }

  whatIf(changes: readonly CellChange[], scopes?: readonly Scope[]): { base: IndicatorResult[]; changed: IndicatorResult[] } {
    this.aheadResults = undefined;
    const { base, changed } = this.engineFor(scopes).whatIf(changes);
    return { base: base.map((i) => this.indicatorResult(i)), changed: changed.map((i) => this.indicatorResult(i)) };
  }

  private indicatorResult(i: IndicatorValue): IndicatorResult {
    const l = this.current;
    return indicatorResult(i, l.prepared.absent.get(i.row.id), l.locale);
  }

  scopeValues(field: ScopeField): string[] {
    const l = this.current;
    return scopeValues(l.snapshot, field, l.tiers);
  }

  charts(scopes?: readonly Scope[]): DashboardCharts {
    return dashboardCharts(this.engineFor(scopes));
  }

  tiering(): TieringBase {
    const engine = this.current.whole;
    return { settings: tierSettings(engine), accounts: portfolioAccounts(engine), tiers: portfolioTiers(engine) };
  }

  tiersUnder(settings: TierSettings): PortfolioTiers {
    return portfolioTiers(this.current.whole, settings);
  }

  grading(row: number, answers?: Readonly<Record<string, AnswerCode>>): GradingForm {
    return gradingForm(this.current.whole, row, answers);
  }

  decisionChain(row: number): DecisionChainMap {
    return decisionChainMap(this.current.whole, row);
  }

  stages(): string[] {
    return configuredStages(this.current.whole);
  }

  /** The snapshots the workbook's History holds, oldest first. */
  snapshots(): SnapshotInfo[] {
    return snapshotsOf(this.current.snapshot);
  }

  /**
   * The whole workbook's indicators with Δ against the latest snapshot on or before `sinceDate`,
   * and the deals that moved since then (none when there is no such snapshot).
   */
  compare(sinceDate: number): { since: SnapshotInfo | null; indicators: IndicatorResult[]; moved: DealMovement[] } {
    const l = this.current;
    const result = this.evaluate();
    const since = snapshotsOf(l.snapshot)
      .filter((x) => x.date <= sinceDate)
      .pop();
    if (!since) return { since: null, indicators: result.indicators, moved: [] };
    return {
      since,
      indicators: withDeltas(result, l.snapshot, since, l.locale).indicators,
      moved: whatMoved(l.snapshot, result, since),
    };
  }

  /**
   * What Save snapshot appends (the rows `crm3 snapshot` would append): the workbook evaluated
   * at its evaluation date, planned by engine/history.ts. The host writes the rows.
   */
  planSnapshot(label: string | null): SnapshotPlan {
    const l = this.current;
    return planSnapshot(l.snapshot, this.evaluate(), l.asOf, label);
  }

  /**
   * Everything the recommendations report shows for the whole workbook (the data `crm3 report`
   * lays out; the pane draws the pictures and builds the document on its own thread).
   */
  reportData(): ReportData {
    const l = this.current;
    return recommendationsReportData(l.snapshot, {
      file: l.file,
      asOf: l.asOf,
      locale: l.locale,
      // The report's findings show each indicator's working.
      evaluation: this.evaluate(undefined, true),
      engine: l.whole,
    });
  }

  /** The open deals due for review at the evaluation date (the rule of `crm3 review --due`). */
  reviewsDue(): { asOf: string; intervalDays: number; deals: DealReviewRow[] } {
    const l = this.current;
    return {
      asOf: isoFromSerial(l.asOf),
      intervalDays: reviewSetting(l.snapshot, 'ReviewIntervalDays'),
      deals: dealReviews(l.snapshot, this.evaluate(), l.asOf).filter((r) => r.due),
    };
  }

  dispose(): void {
    this.ahead = undefined;
    this.aheadResults = undefined;
    this.scoped?.engine.destroy();
    this.scoped = undefined;
    this.loaded?.whole.destroy();
    this.loaded = undefined;
  }
}
