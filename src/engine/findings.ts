/**
 * Findings (issue #17): the rules that turn an evaluation into what the recommendations report
 * says. Every Red or Amber indicator gets one finding that states its numbers (the value, the
 * target and the red line, as evaluated) and where they come from (the rows it is computed
 * over, the kernel's working when the result carries it), and names the owners and accounts
 * whose own value of the indicator is worst, each evaluated as a scope (DESIGN.md §4). The
 * consultant's Recommendations (Config) add what to do. One home: the report, the kit and
 * the pane's download all read findings from here.
 */
import { Cell, isBlank, keyOf } from '../core/cells';
import { RagStatus, valueLabel } from '../core/enumerations';
import { formatValue } from '../core/format';
import { Locale, Message, bi, joinList, pick } from '../core/i18n';
import { BUILT_IN_INDICATORS } from '../model/indicators';
import { Recommendation, recommendationFor, recommendationsOf } from '../model/recommendations';
import { IndicatorRow, WorkbookSnapshot } from '../model/snapshot';
import { EvaluateOptions, EvaluationResult, IndicatorResult, evaluateBy } from './evaluate';
import { ScopeField } from './scope';

/** One owner or account behind a finding: its own value of the indicator, as that scope evaluates. */
export interface Contributor {
  field: ScopeField;
  /** The scope's value (owner name, AccountId). */
  value: string;
  /** How it is shown: the owner, or "Account name (A001)". */
  label: string;
  indicatorValue: number;
  status: 'Red' | 'Amber';
}

export interface Finding {
  id: string;
  goal: string;
  name: string;
  status: 'Red' | 'Amber';
  /** The evaluated value, exactly as the evaluation has it. */
  value: number;
  unit: string;
  direction: IndicatorRow['direction'];
  green: number | null;
  red: number | null;
  /** "Win rate (count) is 31.2%, below the target of 40.0% (red below 25.0%)." */
  statement: string;
  /** Where the numbers come from: the rows it is computed over, and the working when known. */
  source: string;
  /** The worst owners and accounts (at most three each), worst first. */
  contributors: Contributor[];
  /** What was not named and why (too many accounts, no owners), in words; '' when all were. */
  contributorsNote: string;
  recommendation?: string;
}

export interface FindingsOptions extends EvaluateOptions {
  /** Accounts are evaluated one by one up to this many (each is one engine build). */
  maxAccounts?: number;
}

const TOP = 3;
const DEFAULT_MAX_ACCOUNTS = 100;
const CATALOG = new Map(BUILT_IN_INDICATORS.map((r) => [r.id, r]));

/** The row that defines an indicator: the workbook's own Indicators row, else the catalog's. */
export function indicatorRowOf(snapshot: WorkbookSnapshot, id: string): IndicatorRow | undefined {
  return snapshot.indicators?.find((r) => keyOf(r.id) === keyOf(id)) ?? CATALOG.get(id);
}

const isFlagged = (r: IndicatorResult): r is IndicatorResult & { value: number; status: 'Red' | 'Amber' } =>
  (r.status === 'Red' || r.status === 'Amber') && typeof r.value === 'number';

/** "… is 31.2%, below the target of 40.0% (red below 25.0%)." in the report's language. */
function statementOf(r: IndicatorResult & { value: number }, row: IndicatorRow, locale: Locale): string {
  const v = (x: number) => formatValue(x, row.unit, locale);
  const up = row.direction === 'HigherIsBetter';
  const status = valueLabel(RagStatus, r.status, locale);
  const target =
    row.green === null
      ? bi('', '')
      : up
        ? bi(`, below the target of ${v(row.green)}`, `，低于目标值 ${v(row.green)}`)
        : bi(`, above the target of ${v(row.green)}`, `，高于目标值 ${v(row.green)}`);
  const redLine =
    row.red === null
      ? bi('', '')
      : up
        ? bi(` (red below ${v(row.red)})`, `（低于 ${v(row.red)} 为红灯）`)
        : bi(` (red above ${v(row.red)})`, `（高于 ${v(row.red)} 为红灯）`);
  return pick(
    bi(
      `${r.name} is ${v(r.value)}${target.en}${redLine.en}: ${status}.`,
      `${r.name}为 ${v(r.value)}${target.zh}${redLine.zh}，状态：${status}。`,
    ),
    locale,
  );
}

/**
 * The kernel's working, when the evaluation carries it (issue #19 adds `explain` to the
 * results): its parts as "label value" in the report's language. Read loosely, so a result
 * without it (or an older shape) just has no parts.
 */
export function workingParts(r: IndicatorResult, locale: Locale): string[] {
  const explain = (r as { explain?: unknown }).explain as
    { parts?: { label?: Message | string; value?: unknown; unit?: string }[] } | undefined;
  if (!explain || !Array.isArray(explain.parts)) return [];
  return explain.parts.flatMap((p) => {
    const label = typeof p.label === 'string' ? p.label : p.label ? pick(p.label, locale) : '';
    if (!label || typeof p.value !== 'number') return [];
    return [`${label} ${formatValue(p.value, p.unit ?? 'number', locale)}`];
  });
}

function sourceOf(r: IndicatorResult, row: IndicatorRow, locale: Locale): string {
  const over = row.eligible ? pick(row.eligible, locale) : undefined;
  const parts = workingParts(r, locale);
  const sentences: string[] = [];
  if (over) sentences.push(pick(bi(`Computed over ${over}.`, `计算范围：${over}。`), locale));
  if (parts.length) sentences.push(pick(bi(`Working: ${parts.join('; ')}.`, `计算过程：${parts.join('；')}。`), locale));
  sentences.push(pick(bi(`The formula is in the appendix (${row.id}).`, `公式见附录（${row.id}）。`), locale));
  return sentences.join(locale === 'zh-CN' ? '' : ' ');
}

/** Worst first: the lowest values when higher is better, the highest when lower is. */
function worst(
  byScope: readonly { value: string; label: string; result: IndicatorResult | undefined }[],
  field: ScopeField,
  row: IndicatorRow,
): Contributor[] {
  const flagged = byScope.flatMap((s) =>
    s.result && isFlagged(s.result)
      ? [{ field, value: s.value, label: s.label, indicatorValue: s.result.value, status: s.result.status }]
      : [],
  );
  const sign = row.direction === 'HigherIsBetter' ? 1 : -1;
  return flagged.sort((a, b) => sign * (a.indicatorValue - b.indicatorValue)).slice(0, TOP);
}

function accountLabels(snapshot: WorkbookSnapshot, locale: Locale): Map<string, string> {
  const t = snapshot.tables.Accounts;
  const out = new Map<string, string>();
  if (!t) return out;
  const idAt = t.headers.indexOf('AccountId');
  const name = t.headers.indexOf('AccountName');
  for (const r of t.rows) {
    const key: Cell = idAt < 0 ? null : r[idAt];
    if (isBlank(key)) continue;
    const n = name < 0 || isBlank(r[name]) ? '' : String(r[name]).trim();
    const id = String(key).trim();
    out.set(keyOf(key), !n ? id : locale === 'zh-CN' ? `${n}（${id}）` : `${n} (${id})`);
  }
  return out;
}

const NOTES = {
  tooManyAccounts: (n: number, max: number) =>
    bi(
      `Accounts are not named: the workbook has ${n} accounts, more than the ${max} evaluated one by one; the owners are.`,
      `未列出客户：工作簿共有 ${n} 个客户，超过逐一计算的上限 ${max} 个；已列出负责人。`,
    ),
};

/**
 * The findings of an evaluation: one per Red or Amber indicator, in the evaluation's order.
 * `result` is the evaluation of `snapshot` with `options` (its scopes included).
 */
export function findingsOf(snapshot: WorkbookSnapshot, result: EvaluationResult, options: FindingsOptions): Finding[] {
  const { locale } = options;
  const flagged = result.indicators.filter(isFlagged);
  if (flagged.length === 0) return [];
  const recommendations: Recommendation[] = recommendationsOf(snapshot.config.Recommendations);
  const hasColumn = (name: string) => !!snapshot.tables.Accounts?.headers.includes(name);

  const scoped = (field: ScopeField) => evaluateBy(snapshot, field, options);
  const byOwner = hasColumn('Owner') ? scoped('owner') : [];
  const accountCount = snapshot.tables.Accounts?.rows.length ?? 0;
  const maxAccounts = options.maxAccounts ?? DEFAULT_MAX_ACCOUNTS;
  const alreadyOneAccount = options.scopes?.some((s) => s.field === 'account');
  const byAccount = !alreadyOneAccount && accountCount <= maxAccounts ? scoped('account') : [];
  const labels = accountLabels(snapshot, locale);
  const note =
    !alreadyOneAccount && accountCount > maxAccounts ? pick(NOTES.tooManyAccounts(accountCount, maxAccounts), locale) : '';
  const scopeValue = (r: EvaluationResult) => r.scope?.[r.scope.length - 1]?.value ?? '';

  return flagged.map((r) => {
    const row = indicatorRowOf(snapshot, r.id) ?? {
      id: r.id,
      goal: r.goal,
      name: { en: r.name, zh: r.name },
      formula: '',
      unit: r.unit as IndicatorRow['unit'],
      direction: 'HigherIsBetter' as const,
      green: null,
      red: null,
    };
    const own = (results: EvaluationResult[]) =>
      results.map((x) => ({
        value: scopeValue(x),
        label: labels.get(keyOf(scopeValue(x))) ?? scopeValue(x),
        result: x.indicators.find((i) => i.id === r.id),
      }));
    const owners = worst(
      own(byOwner).map((o) => ({ ...o, label: o.value })),
      'owner',
      row,
    );
    const accounts = worst(own(byAccount), 'account', row);
    const rec = recommendationFor(recommendations, r.id, r.status);
    return {
      id: r.id,
      goal: r.goal,
      name: r.name,
      status: r.status,
      value: r.value,
      unit: r.unit,
      direction: row.direction,
      green: row.green,
      red: row.red,
      statement: statementOf(r, row, locale),
      source: sourceOf(r, row, locale),
      contributors: [...owners, ...accounts],
      contributorsNote: note,
      ...(rec ? { recommendation: pick(rec.text, locale) } : {}),
    };
  });
}

/** "Owners: Li (12.0%), Wang (18.5%)" lines of a finding's contributors, in the report's language. */
export function contributorLines(f: Finding, locale: Locale): string[] {
  const lines: string[] = [];
  const words: Record<'owner' | 'account', Message> = {
    owner: bi('Weakest owners', '表现最弱的负责人'),
    account: bi('Weakest accounts', '表现最弱的客户'),
  };
  for (const field of ['owner', 'account'] as const) {
    const mine = f.contributors.filter((c) => c.field === field);
    if (!mine.length) continue;
    const items = mine.map(
      (c) =>
        `${c.label}${locale === 'zh-CN' ? '（' : ' ('}${formatValue(c.indicatorValue, f.unit, locale)}${locale === 'zh-CN' ? '）' : ')'}`,
    );
    lines.push(`${pick(words[field], locale)}${locale === 'zh-CN' ? '：' : ': '}${joinList(items, locale)}`);
  }
  return lines;
}
