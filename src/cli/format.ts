/**
 * The `--table` view: indicators grouped by goal, aligned in a terminal (CJK characters
 * count as two columns), values formatted by unit, in en or zh.
 */
import { RagStatus, valueLabel } from '../core/enumerations';
import { formatValue } from '../core/format';
import { Locale, MessageTable, bi, joinList, pick, pickAll } from '../core/i18n';
import { forTerminal } from './terminalText';
import { EvaluationResult, IndicatorResult } from '../engine/evaluate';
import { MOVE_NAMES } from '../engine/history';
import { GOALS } from '../model/indicators';

/** Terminal width of a string: East Asian wide characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

export function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/**
 * What to add when indicators have no data: one line per absent input with the indicators it
 * would bring to life, largest first (empty when every indicator has its inputs).
 */
/** The table's words, en and zh side by side. */
const TEXT = {
  noDataCount: (noData: number, total: number, fix: boolean) =>
    bi(
      `No data: ${noData} of ${total} indicators have no data.${fix ? ' To measure them:' : ''}`,
      `无数据：${total} 项指标中有 ${noData} 项缺少数据。${fix ? '要计算它们，请：' : ''}`,
    ),
  toAdd: (add: string, missing: string, ids: string[], n: number) =>
    bi(
      `  · ${add} (${missing}; ${n} ${n === 1 ? 'indicator' : 'indicators'}: ${joinList(ids, 'en-US')})`,
      `  · ${add}（${missing}；影响 ${n} 项：${joinList(ids, 'zh-CN')}）`,
    ),
  heading: (file: string, asOf: string, scope: string | undefined) =>
    bi(
      `CRM3 value indicators — ${file} — as of ${asOf}${scope ? ` — scope ${scope}` : ''}`,
      `CRM3 价值指标 — ${file} — 基准日 ${asOf}${scope ? ` — 范围 ${scope}` : ''}`,
    ),
  noData: bi('No data', '无数据'),
  moved: (date: string, n: number) => bi(`What moved since ${date}: ${n} deals`, `自 ${date} 以来的变化：${n} 个商机`),
  since: (date: string, label: string) =>
    bi(`Δ since the snapshot of ${date}${label ? ` (${label})` : ''}`, `Δ：与 ${date} 的快照${label ? `（${label}）` : ''}相比`),
  other: bi('Other', '其他'),
  problems: (errors: number, warnings: number) =>
    bi(`Problems: ${errors} errors, ${warnings} warnings`, `问题：${errors} 个错误，${warnings} 个警告`),
  severity: { error: bi('error', '错误'), warning: bi('warning', '警告') },
  more: (n: number) => bi(`  … ${n} more (see --json or --out)`, `  …… 另有 ${n} 个（用 --json 或 --out 查看全部）`),
} satisfies MessageTable;

export function missingSummary(result: EvaluationResult, locale: Locale): string[] {
  const t = pickAll(TEXT, locale);
  const noData = result.indicators.filter((i) => i.status === 'NoData').length;
  if (noData === 0) return [];
  const total = result.indicators.length;
  const lines = ['', t.noDataCount(noData, total, result.missing.length > 0)];
  for (const m of result.missing) {
    const ids = m.indicators.length > 6 ? [...m.indicators.slice(0, 6), '…'] : m.indicators;
    lines.push(t.toAdd(m.add, m.missing, ids, m.indicators.length));
  }
  return lines;
}

/** Every text of a result shown, never obeyed by the terminal (rows of accounts and opportunities are not printed here). */
function shownOnTerminal<T>(v: T): T {
  if (typeof v === 'string') return forTerminal(v) as T;
  if (Array.isArray(v)) return v.map(shownOnTerminal) as T;
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'accounts' || k === 'opportunities' ? [] : shownOnTerminal(x);
  return out as T;
}

export function formatTable(workbookResult: EvaluationResult, locale: Locale): string {
  const result = shownOnTerminal(workbookResult);
  const t = pickAll(TEXT, locale);
  const lines: string[] = [];
  const scope = result.scope?.map((s) => `${s.field}=${s.value}`).join(', ');
  lines.push(t.heading(result.file, result.asOf, scope));
  const compared = result.indicators.find((i) => i.delta)?.delta;
  if (compared) lines.push(t.since(compared.since, compared.label ?? ''));
  const nameWidth = Math.max(...result.indicators.map((i) => displayWidth(i.name)), 10);
  const idWidth = Math.max(...result.indicators.map((i) => i.id.length), 8);
  const values = result.indicators.map((i) => formatValue(i.value, i.unit, locale));
  const valueWidth = Math.max(...values.map(displayWidth), 6);
  // With --since: Δ after the value, an arrow and the change ("▲ +2.5 pp"), "—" when not comparable.
  const withDelta = result.indicators.some((i) => i.delta);
  const deltaText = (ind: IndicatorResult) =>
    !ind.delta || ind.delta.trend === null
      ? '—'
      : `${ind.delta.trend === 'up' ? '▲' : ind.delta.trend === 'down' ? '▼' : '='} ${ind.delta.shown || '0'}`;
  const deltaWidth = withDelta ? Math.max(...result.indicators.map((i) => displayWidth(deltaText(i))), 4) : 0;
  const indicatorLine = (ind: IndicatorResult, value: string) => {
    const status = ind.status === 'NoData' ? t.noData : ind.status ? valueLabel(RagStatus, ind.status, locale) : '';
    // A No data row says why right there; the summary below says what to add.
    const why = ind.status === 'NoData' && ind.reason ? `  ${ind.reason.replace(/^[^:：]*[:：]\s*/, '')}` : '';
    const delta = withDelta ? `  ${pad(deltaText(ind), deltaWidth, true)}` : '';
    return `  ${pad(ind.id, idWidth)}  ${pad(ind.name, nameWidth)}  ${pad(value, valueWidth, true)}${delta}  ${status}${why}`.trimEnd();
  };
  for (const goal of GOALS) {
    const rows = result.indicators.map((ind, k) => ({ ind, value: values[k] })).filter((r) => r.ind.goal === goal.id);
    if (rows.length === 0) continue;
    lines.push('', `${goal.id}  ${pick(goal, locale)}`);
    for (const { ind, value } of rows) lines.push(indicatorLine(ind, value));
  }
  const others = result.indicators.filter((i) => !GOALS.some((g) => g.id === i.goal));
  if (others.length) {
    lines.push('', t.other);
    for (const ind of others) lines.push(indicatorLine(ind, formatValue(ind.value, ind.unit, locale)));
  }
  lines.push(...missingSummary(result, locale));
  if (result.moved && compared) {
    lines.push('', t.moved(compared.since, result.moved.length));
    for (const m of result.moved)
      lines.push(
        `  ${m.oppId}  ${m.oppName ?? ''}  ${m.moves.map((x) => pick(MOVE_NAMES[x], locale)).join(locale === 'zh-CN' ? '、' : ', ')}`.trimEnd(),
      );
  }
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  lines.push('', t.problems(errors, warnings));
  for (const p of result.problems.slice(0, 10))
    lines.push(`  ${t.severity[p.severity]}  ${p.sheet}${p.cell ? '!' + p.cell : ''}  ${p.message}`);
  if (result.problems.length > 10) lines.push(t.more(result.problems.length - 10));
  return lines.join('\n') + '\n';
}
