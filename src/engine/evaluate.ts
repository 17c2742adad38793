/**
 * Evaluating a workbook end to end for the CLI and the pane: engine → indicators with RAG
 * status, account tiers, opportunity grades and problems, in the shape of DESIGN.md §9.
 */
import { Cell, isoFromSerial } from '../core/cells';
import { Locale, Message, pick } from '../core/i18n';
import { TableName } from '../model/schema';
import { Problem, WorkbookSnapshot, a1 } from '../model/snapshot';
import { validateSnapshot } from '../model/validate';
import { Scope, ScopeField, applyScopes, scopeValues } from './scope';
import { EngineValue, WorkbookEngine } from './workbookEngine';

export interface IndicatorResult {
  id: string;
  goal: string;
  name: string;
  value: number | string | boolean | null;
  unit: string;
  status: string | null;
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
  scope?: { field: ScopeField; value: string }[];
  indicators: IndicatorResult[];
  accounts: Record<string, Cell>[];
  opportunities: Record<string, Cell>[];
  problems: ProblemResult[];
}

export interface EvaluateOptions {
  file: string;
  asOf: number;
  locale: Locale;
  scopes?: readonly Scope[];
  licenseKey?: string;
}

const ACCOUNT_FIELDS = ['Score', 'Attractiveness', 'Position', 'Tier'] as const;
const OPPORTUNITY_FIELDS = ['QualScore', 'Grade', 'Probability', 'StageCheck'] as const;
/** At most this many per-row problems of one computed column; then a summary line. */
const MAX_ROW_PROBLEMS = 20;

const plain = (v: EngineValue): number | string | boolean | null => (v !== null && typeof v === 'object' ? null : v);

function engineProblems(engine: WorkbookEngine, snapshot: WorkbookSnapshot): Problem[] {
  const problems: Problem[] = [];
  for (const ind of engine.indicators()) {
    if (ind.value !== null && typeof ind.value === 'object') {
      problems.push({
        severity: 'warning',
        sheet: 'Indicators',
        cell: '',
        message: {
          en: `${ind.row.id}: ${ind.value.error} ${ind.value.message}`.trim(),
          zh: `${ind.row.id}：${ind.value.error} ${ind.value.message}`.trim(),
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
      const values = engine.computedColumn(table, field);
      let count = 0;
      values.forEach((v, i) => {
        if (v === null || typeof v !== 'object') return;
        count++;
        if (count > MAX_ROW_PROBLEMS) return;
        problems.push({
          severity: 'warning',
          sheet: source?.sheet ?? table,
          cell: source ? a1(source.origin.row + 1 + i, source.origin.col) : '',
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

function resultOf(
  engine: WorkbookEngine,
  snapshot: WorkbookSnapshot,
  options: EvaluateOptions,
  problems: Problem[],
): EvaluationResult {
  const { locale } = options;
  const indicators = engine.indicators().map((i): IndicatorResult => ({
    id: i.row.id,
    goal: i.row.goal,
    name: locale === 'zh-CN' ? i.row.name.zh : i.row.name.en,
    value: plain(i.value),
    unit: i.row.unit,
    status: typeof i.status === 'string' ? i.status : null,
  }));
  const table = <F extends string>(name: 'Accounts' | 'Opportunities', key: string, fields: readonly F[]) => {
    const ids = engine.inputColumn(name, key);
    const columns = fields.map((f) => engine.computedColumn(name, f));
    return ids.map((id, i) => {
      const row: Record<string, Cell> = { [key]: plain(id) };
      fields.forEach((f, k) => (row[f] = plain(columns[k][i])));
      return row;
    });
  };
  return {
    file: options.file,
    asOf: isoFromSerial(options.asOf),
    ...(options.scopes?.length ? { scope: options.scopes.map((s) => ({ field: s.field, value: s.value })) } : {}),
    indicators,
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
}

/** Evaluates one workbook (optionally one scope). */
export function evaluateWorkbook(
  snapshot: WorkbookSnapshot,
  options: EvaluateOptions,
  context?: WorkbookContext,
): EvaluationResult {
  const scopes = options.scopes ?? [];
  const problems = context?.problems ?? dataProblems(snapshot);
  const tiers = context?.tiers ?? (scopes.some((s) => s.field === 'tier') ? wholeWorkbookTiers(snapshot, options) : undefined);
  const scoped = applyScopes(snapshot, scopes, tiers);
  const engine = WorkbookEngine.build(scoped, { asOf: options.asOf, locale: options.locale, licenseKey: options.licenseKey });
  try {
    return resultOf(engine, scoped, options, [...problems, ...engineProblems(engine, scoped)]);
  } finally {
    engine.destroy();
  }
}

/** One result per value of a field (the KAM team's own KPIs, DESIGN.md §4 Scopes). */
export function evaluateBy(snapshot: WorkbookSnapshot, field: ScopeField, options: EvaluateOptions): EvaluationResult[] {
  const problems = dataProblems(snapshot);
  const tiers =
    field === 'tier' || options.scopes?.some((s) => s.field === 'tier') ? wholeWorkbookTiers(snapshot, options) : undefined;
  return scopeValues(snapshot, field, tiers).map((value) =>
    evaluateWorkbook(snapshot, { ...options, scopes: [...(options.scopes ?? []), { field, value }] }, { problems, tiers }),
  );
}

export function hasDataErrors(result: EvaluationResult): boolean {
  return result.problems.some((p) => p.severity === 'error');
}
