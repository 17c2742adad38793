/**
 * Evaluating a workbook end to end for the CLI and the pane: engine → indicators with RAG
 * status, account tiers, opportunity grades and problems, in the shape of DESIGN.md §9.
 */
import { Cell, isoFromSerial } from '../core/cells';
import { Locale, Message, pick } from '../core/i18n';
import { BUILT_IN_INDICATORS } from '../model/indicators';
import { TableName } from '../model/schema';
import { IndicatorRow, Problem, WorkbookSnapshot, currencyOf, rowCell } from '../model/snapshot';
import { validateSnapshot } from '../model/validate';
import { holdColumns } from '../calc/columnViews';
import { COMPUTED_COLUMNS } from './sheets';
import { Absence, InputPresence, MissingInput, absentReason, missingInputs, noRowsReason } from './noData';
import { Scope, ScopeField, applyScopes, scopePartitions, scopeProblem } from './scope';
import { EngineValue, IndicatorValue, WorkbookEngine } from './workbookEngine';
import { type DealMovement, type IndicatorDelta, withHistoryColumns } from './history';
import { IndicatorExplain, explainIndicator } from './indicatorWorking';

export type { MissingInput } from './noData';

export interface IndicatorResult {
  id: string;
  goal: string;
  name: string;
  value: number | string | boolean | null;
  unit: string;
  /** 'Green' | 'Amber' | 'Red'; 'NoData' (value null, with a reason); null: watched, no thresholds. */
  status: string | null;
  /** Why there is no data (localized), with status NoData. */
  reason?: string;
  /** Δ against a snapshot (`evaluate --since`): previous value, change, trend, series, words. */
  delta?: IndicatorDelta;
  /**
   * How the value is computed (issue #19): the sentence, the parts with their counts, the
   * filters and the rows left out, from the kernel's own tally. Rows are not listed here
   * (ask `explainIndicator` with `rows`). Absent when the formula's kernel has no working.
   */
  explain?: IndicatorExplain;
}

export interface ProblemResult {
  severity: 'error' | 'warning';
  sheet: string;
  cell: string;
  message: string;
}

export interface EvaluationResult {
  file: string;
  asOf: string;
  /**
   * The currency of the amounts: Config's Currency, else the one currency the amount cells
   * show (their number format or text); null when neither says (never a default).
   */
  currency: string | null;
  scope?: { field: ScopeField; value: string }[];
  indicators: IndicatorResult[];
  /** The absent inputs behind the No data indicators, largest first, with what to add. */
  missing: MissingInput[];
  accounts: Record<string, Cell>[];
  opportunities: Record<string, Cell>[];
  problems: ProblemResult[];
  /** With `--since`: the deals that moved since the snapshot (engine/history.ts whatMoved). */
  moved?: DealMovement[];
}

export interface EvaluateOptions {
  file: string;
  asOf: number;
  locale: Locale;
  scopes?: readonly Scope[];
  licenseKey?: string;
  /** Attach each indicator's working (`explain`); default true. */
  explain?: boolean;
  /**
   * The caller hands its snapshot over and reads nothing of it afterwards (the CLI's job): its
   * tables' rows are dropped once the engine is built. The engine keeps its own columns of the
   * same values, and the rows alive beside it and the results made the end of an evaluation the
   * peak of its memory (issue #15). Whole-workbook evaluations only (`evaluateWorkbook`).
   */
  handOver?: boolean;
}

const ACCOUNT_FIELDS = ['Score', 'Attractiveness', 'Position', 'Tier'] as const;
const OPPORTUNITY_FIELDS = ['QualScore', 'Grade', 'Probability', 'StageCheck'] as const;
/** At most this many per-row problems of one computed column; then a summary line. */
const MAX_ROW_PROBLEMS = 20;

const plain = (v: EngineValue): number | string | boolean | null => (v !== null && typeof v === 'object' ? null : v);

function engineProblems(engine: WorkbookEngine, snapshot: WorkbookSnapshot, noInputs: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  for (const ind of engine.indicators()) {
    if (ind.value !== null && typeof ind.value === 'object') {
      // HyperFormula's parser explains itself in grammar tokens: say what it means instead.
      const unreadable = /^Parsing error/i.test(ind.value.message);
      const why: Message = unreadable
        ? {
            en: 'the formula cannot be read (a syntax error: check its brackets, commas and quotes)',
            zh: '公式无法解析（语法错误：请检查括号、逗号和引号）',
          }
        : { en: ind.value.message, zh: ind.value.message };
      problems.push({
        severity: 'warning',
        sheet: 'Indicators',
        cell: '',
        message: {
          en: `${ind.row.id}: ${ind.value.error} ${why.en}`.trim(),
          zh: `${ind.row.id}：${ind.value.error} ${why.zh}`.trim(),
        },
      });
    }
  }
  const perRow: [TableName & ('Accounts' | 'Opportunities'), readonly string[]][] = [
    ['Accounts', ACCOUNT_FIELDS],
    ['Opportunities', OPPORTUNITY_FIELDS],
  ];
  for (const [table, fields] of perRow) {
    const source = snapshot.tables[table];
    for (const field of fields) {
      if (noInputs.has(`${table}.${field}`)) continue;
      const values = engine.computedColumn(table, field);
      let count = 0;
      values.forEach((v, i) => {
        if (v === null || typeof v !== 'object') return;
        count++;
        if (count > MAX_ROW_PROBLEMS) return;
        problems.push({
          severity: 'warning',
          sheet: source?.sheet ?? table,
          cell: source ? rowCell(source, i) : '',
          message: { en: `${field}: ${v.error} ${v.message}`.trim(), zh: `${field}：${v.error} ${v.message}`.trim() },
        });
      });
      if (count > MAX_ROW_PROBLEMS) {
        const more: Message = {
          en: `${field}: ${count - MAX_ROW_PROBLEMS} more rows with errors`,
          zh: `${field}：另有 ${count - MAX_ROW_PROBLEMS} 行出错`,
        };
        problems.push({ severity: 'warning', sheet: source?.sheet ?? table, cell: '', message: more });
      }
    }
  }
  return problems;
}

const RAG = new Set(['Green', 'Amber', 'Red']);
const squash = (f: string) => f.replace(/\s+/g, '').toUpperCase();
const CATALOG = new Map(BUILT_IN_INDICATORS.map((r) => [r.id, r]));

/** The catalog's words ("computed over", the working's) for a workbook's own row that is the catalog's indicator. */
export function withCatalogWords(row: IndicatorRow): IndicatorRow {
  if (row.eligible && row.words) return row;
  const known = CATALOG.get(row.id);
  if (!known || squash(known.formula) !== squash(row.formula)) return row;
  return { ...row, eligible: row.eligible ?? known.eligible, words: row.words ?? known.words };
}

/**
 * Which inputs of each indicator the workbook lacks, checked on the whole workbook as read
 * (a scope that happens to hold no activities is not "no Activities table").
 */
export function indicatorAbsences(snapshot: WorkbookSnapshot, rows: readonly IndicatorRow[]): Map<string, Absence[]> {
  const presence = new InputPresence(snapshot);
  return new Map(rows.map((r) => [r.id, presence.absencesOf(r.formula)]));
}

/**
 * One indicator as results show it: No data (value null, with the reason) when its inputs
 * are absent or there is nothing to compute over; else its value and traffic light.
 */
export function indicatorResult(
  i: IndicatorValue,
  absences: readonly Absence[] | undefined,
  locale: Locale,
  engine?: WorkbookEngine,
): IndicatorResult {
  const row = withCatalogWords(i.row);
  const base = { id: row.id, goal: row.goal, name: pick(row.name, locale), unit: row.unit };
  if (absences?.length) return { ...base, value: null, status: 'NoData', reason: absentReason(absences, locale) };
  const value = plain(i.value);
  const failed = i.value !== null && typeof i.value === 'object';
  const explained = engine && !failed ? explainIndicator(engine, row, i.value, { locale }) : undefined;
  const explain = explained ? { explain: explained } : {};
  if (value === null && !failed) return { ...base, value: null, status: 'NoData', reason: noRowsReason(row, locale), ...explain };
  const status = typeof i.status === 'string' && RAG.has(i.status) ? i.status : null;
  return { ...base, value, status, ...explain };
}

/** Computed columns whose own inputs are absent: their per-row #N/A are not problems, just no data. */
function computedWithoutInputs(presence: InputPresence): Set<string> {
  const out = new Set<string>();
  for (const c of COMPUTED_COLUMNS) if (presence.absencesOf(c.formula).length) out.add(`${c.table}.${c.column}`);
  return out;
}

function resultOf(
  engine: WorkbookEngine,
  snapshot: WorkbookSnapshot,
  options: EvaluateOptions,
  problems: Problem[],
  absent: Map<string, Absence[]>,
  noInputs: ReadonlySet<string>,
): EvaluationResult {
  const { locale } = options;
  const values = engine.indicators();
  // The explanations change no column (a column an explanation feeds or spills is written by
  // the store, which tells the views): each column is compared with its typed views once for
  // all 40 explanations, not at every kernel call that reads it (calc/columnViews.ts).
  const indicators = holdColumns(() =>
    values.map((i) => indicatorResult(i, absent.get(i.row.id), locale, options.explain === false ? undefined : engine)),
  );
  const missing = missingInputs(
    values.map((i) => ({ row: i.row, absences: absent.get(i.row.id) ?? [] })).filter((x) => x.absences.length),
    locale,
  );
  const table = <F extends string>(name: 'Accounts' | 'Opportunities', key: string, fields: readonly F[]) => {
    const ids = engine.inputColumn(name, key);
    // A column whose inputs are absent (no criterion scores, no answers) is blank, not #N/A or a grade D.
    const columns = fields.map((f) =>
      noInputs.has(`${name}.${f}`) ? new Array<EngineValue>(ids.length).fill(null) : engine.computedColumn(name, f),
    );
    return ids.map((id, i) => {
      const row: Record<string, Cell> = { [key]: plain(id) };
      fields.forEach((f, k) => (row[f] = plain(columns[k][i])));
      return row;
    });
  };
  return {
    file: options.file,
    asOf: isoFromSerial(options.asOf),
    currency: currencyOf(snapshot),
    ...(options.scopes?.length ? { scope: options.scopes.map((s) => ({ field: s.field, value: s.value })) } : {}),
    indicators,
    missing,
    accounts: table('Accounts', 'AccountId', ACCOUNT_FIELDS),
    opportunities: table('Opportunities', 'OppId', OPPORTUNITY_FIELDS),
    problems: problems.map((p) => ({ severity: p.severity, sheet: p.sheet, cell: p.cell, message: pick(p.message, locale) })),
  };
}

/** Problems of the data itself (reader's and validator's), computed once per workbook. */
export function dataProblems(snapshot: WorkbookSnapshot): Problem[] {
  return [...snapshot.problems, ...validateSnapshot(snapshot)];
}

/** Tiers of every account of the whole workbook (tier scopes need them before filtering). */
function wholeWorkbookTiers(snapshot: WorkbookSnapshot, options: EvaluateOptions): Cell[] {
  const engine = WorkbookEngine.build(snapshot, { asOf: options.asOf, locale: options.locale, licenseKey: options.licenseKey });
  try {
    return engine.computedColumn('Accounts', 'Tier').map(plain) as Cell[];
  } finally {
    engine.destroy();
  }
}

/** What several evaluations of one workbook share. */
interface WorkbookContext {
  problems: Problem[];
  tiers?: Cell[];
  /** Absent inputs per indicator id and computed columns without inputs, of the whole workbook. */
  absent?: Map<string, Absence[]>;
  noInputs?: Set<string>;
}

/**
 * A workbook made ready to be evaluated more than once (the pane keeps one per load): its
 * history columns derived, its data problems and the absent inputs found once, on the whole
 * workbook. `snapshot` is what engines are built on.
 */
export interface PreparedWorkbook {
  snapshot: WorkbookSnapshot;
  problems: Problem[];
  absent: Map<string, Absence[]>;
  noInputs: Set<string>;
}

export function prepareWorkbook(given: WorkbookSnapshot): PreparedWorkbook {
  const snapshot = withHistoryColumns(given);
  return { snapshot, problems: dataProblems(snapshot), ...inputsOf(snapshot) };
}

/**
 * The results of an engine the caller already built on `scoped` (the prepared snapshot, or it
 * cut to `options.scopes`) and keeps: the pane evaluates the engine it loaded instead of
 * building the workbook a second time. The same results as `evaluateWorkbook`.
 */
export function evaluateBuilt(
  engine: WorkbookEngine,
  scoped: WorkbookSnapshot,
  prepared: PreparedWorkbook,
  options: EvaluateOptions,
): EvaluationResult {
  const { problems, absent, noInputs } = prepared;
  return resultOf(engine, scoped, options, [...problems, ...engineProblems(engine, scoped, noInputs)], absent, noInputs);
}

/** Evaluates one workbook (optionally one scope). */
export function evaluateWorkbook(given: WorkbookSnapshot, options: EvaluateOptions, context?: WorkbookContext): EvaluationResult {
  const snapshot = withHistoryColumns(given);
  const scopes = options.scopes ?? [];
  const problems = context?.problems ?? dataProblems(snapshot);
  const tiers = context?.tiers ?? (scopes.some((s) => s.field === 'tier') ? wholeWorkbookTiers(snapshot, options) : undefined);
  const inputs =
    context?.absent && context.noInputs ? { absent: context.absent, noInputs: context.noInputs } : inputsOf(snapshot);
  const handedOver = options.handOver ? [given, snapshot] : [];
  return evaluateScoped(applyScopes(snapshot, scopes, tiers), options, problems, inputs, handedOver);
}

/** Drops the rows of every table of snapshots nothing reads any more (`EvaluateOptions.handOver`). */
function dropRows(snapshots: readonly WorkbookSnapshot[]): void {
  for (const s of snapshots) for (const t of Object.values(s.tables)) if (t) t.rows = [];
}

/** Evaluates a snapshot already cut to its scopes (`options.scopes` only labels the result). */
function evaluateScoped(
  scoped: WorkbookSnapshot,
  options: EvaluateOptions,
  problems: Problem[],
  { absent, noInputs }: { absent: Map<string, Absence[]>; noInputs: Set<string> },
  handedOver: readonly WorkbookSnapshot[] = [],
): EvaluationResult {
  // The results read the engine's columns and the tables' sheet and origin, never their rows.
  const laidOut = handedOver.length ? () => dropRows([scoped, ...handedOver]) : undefined;
  const engine = WorkbookEngine.build(scoped, {
    asOf: options.asOf,
    locale: options.locale,
    licenseKey: options.licenseKey,
    laidOut,
  });
  try {
    return evaluateBuilt(engine, scoped, { snapshot: scoped, problems, absent, noInputs }, options);
  } finally {
    engine.destroy();
  }
}

/** One indicator with its working and the rows behind every part (`crm3 explain`, issue #19). */
export interface ExplainedIndicator {
  indicator: IndicatorResult;
  /** The working with its drill-down rows; absent when the indicator has none (inputs absent, a formula without a kernel working). */
  working?: IndicatorExplain;
}

/** Explains one indicator of a workbook (optionally one scope); undefined when the workbook has no such indicator. */
export function explainWorkbookIndicator(
  snapshot: WorkbookSnapshot,
  indicatorId: string,
  options: EvaluateOptions,
): ExplainedIndicator | undefined {
  const { absent } = inputsOf(snapshot);
  const scopes = options.scopes ?? [];
  const tiers = scopes.some((s) => s.field === 'tier') ? wholeWorkbookTiers(snapshot, options) : undefined;
  const engine = WorkbookEngine.build(applyScopes(snapshot, scopes, tiers), {
    asOf: options.asOf,
    locale: options.locale,
    licenseKey: options.licenseKey,
  });
  try {
    const found = engine.indicators().find((i) => i.row.id.toUpperCase() === indicatorId.toUpperCase());
    if (!found) return undefined;
    const absences = absent.get(found.row.id);
    const indicator = indicatorResult(found, absences, options.locale, engine);
    if (absences?.length || !indicator.explain) return { indicator };
    const working = explainIndicator(engine, withCatalogWords(found.row), found.value, {
      locale: options.locale,
      rows: true,
      workbook: snapshot,
    });
    return { indicator, ...(working ? { working } : {}) };
  } finally {
    engine.destroy();
  }
}

/** The whole workbook's absent inputs: per indicator, and the computed columns that have none. */
function inputsOf(snapshot: WorkbookSnapshot): { absent: Map<string, Absence[]>; noInputs: Set<string> } {
  const rows = snapshot.indicators?.length ? snapshot.indicators : BUILT_IN_INDICATORS;
  return { absent: indicatorAbsences(snapshot, rows), noInputs: computedWithoutInputs(new InputPresence(snapshot)) };
}

/**
 * One result per value of a field (the KAM team's own KPIs, DESIGN.md §4 Scopes), among the
 * accounts the given scopes keep. The workbook is cut once for all values (scopePartitions),
 * and each result goes to `onResult` as soon as it is computed, so a run over 50,000 accounts
 * shows its first results at once.
 */
export function evaluateBy(
  given: WorkbookSnapshot,
  field: ScopeField,
  options: EvaluateOptions,
  onResult?: (result: EvaluationResult) => void,
): EvaluationResult[] {
  const snapshot = withHistoryColumns(given);
  const problems = dataProblems(snapshot);
  const tiers =
    field === 'tier' || options.scopes?.some((s) => s.field === 'tier') ? wholeWorkbookTiers(snapshot, options) : undefined;
  const inputs = inputsOf(snapshot);
  const results: EvaluationResult[] = [];
  for (const part of scopePartitions(snapshot, field, options.scopes ?? [], tiers)) {
    const scopes = [...(options.scopes ?? []), { field, value: part.value }];
    const result = evaluateScoped(part.snapshot, { ...options, scopes }, problems, inputs);
    if (onResult) onResult(result);
    else results.push(result);
  }
  return results;
}

/**
 * Why the scopes (and the --by field) asked for cannot be evaluated on this workbook: a
 * column it lacks, or a value no account has (with the values there are). Undefined when fine.
 */
export function scopesProblem(
  snapshot: WorkbookSnapshot,
  scopes: readonly Scope[],
  by: ScopeField | undefined,
  options: EvaluateOptions,
): Message | undefined {
  const needTiers = by === 'tier' || scopes.some((s) => s.field === 'tier');
  const tiers = needTiers ? wholeWorkbookTiers(snapshot, options) : undefined;
  for (const s of scopes) {
    const p = scopeProblem(snapshot, s.field, s.value, tiers);
    if (p) return p;
  }
  return by ? scopeProblem(snapshot, by, undefined, tiers) : undefined;
}

export function hasDataErrors(result: EvaluationResult): boolean {
  return result.problems.some((p) => p.severity === 'error');
}
