/**
 * The `--table` view: indicators grouped by goal, aligned in a terminal (CJK characters
 * count as two columns), values formatted by unit, in en or zh.
 */
import { RagStatus, valueLabel } from '../core/enumerations';
import { formatValue } from '../core/format';
import { Locale } from '../core/i18n';
import { forTerminal } from './terminalText';
import { EvaluationResult, IndicatorResult } from '../engine/evaluate';
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
export function missingSummary(result: EvaluationResult, locale: Locale): string[] {
  const zh = locale === 'zh-CN';
  const noData = result.indicators.filter((i) => i.status === 'NoData').length;
  if (noData === 0) return [];
  const total = result.indicators.length;
  const lines = [
    '',
    zh
      ? `无数据：${total} 项指标中有 ${noData} 项缺少数据。${result.missing.length ? '要计算它们，请：' : ''}`
      : `No data: ${noData} of ${total} indicators have no data.${result.missing.length ? ' To measure them:' : ''}`,
  ];
  for (const m of result.missing) {
    const ids = m.indicators.length > 6 ? [...m.indicators.slice(0, 6), '…'] : m.indicators;
    lines.push(
      zh
        ? `  · ${m.add}（${m.missing}；影响 ${m.indicators.length} 项：${ids.join('、')}）`
        : `  · ${m.add} (${m.missing}; ${m.indicators.length} ${m.indicators.length === 1 ? 'indicator' : 'indicators'}: ${ids.join(', ')})`,
    );
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
  const zh = locale === 'zh-CN';
  const lines: string[] = [];
  const scope = result.scope?.map((s) => `${s.field}=${s.value}`).join(', ');
  lines.push(
    zh
      ? `CRM3 价值指标 — ${result.file} — 基准日 ${result.asOf}${scope ? ` — 范围 ${scope}` : ''}`
      : `CRM3 value indicators — ${result.file} — as of ${result.asOf}${scope ? ` — scope ${scope}` : ''}`,
  );
  const nameWidth = Math.max(...result.indicators.map((i) => displayWidth(i.name)), 10);
  const idWidth = Math.max(...result.indicators.map((i) => i.id.length), 8);
  const values = result.indicators.map((i) => formatValue(i.value, i.unit, locale));
  const valueWidth = Math.max(...values.map(displayWidth), 6);
  const indicatorLine = (ind: IndicatorResult, value: string) => {
    const status =
      ind.status === 'NoData' ? (zh ? '无数据' : 'No data') : ind.status ? valueLabel(RagStatus, ind.status, locale) : '';
    // A No data row says why right there; the summary below says what to add.
    const why = ind.status === 'NoData' && ind.reason ? `  ${ind.reason.replace(/^[^:：]*[:：]\s*/, '')}` : '';
    return `  ${pad(ind.id, idWidth)}  ${pad(ind.name, nameWidth)}  ${pad(value, valueWidth, true)}  ${status}${why}`.trimEnd();
  };
  for (const goal of GOALS) {
    const rows = result.indicators.map((ind, k) => ({ ind, value: values[k] })).filter((r) => r.ind.goal === goal.id);
    if (rows.length === 0) continue;
    lines.push('', `${goal.id}  ${zh ? goal.zh : goal.en}`);
    for (const { ind, value } of rows) lines.push(indicatorLine(ind, value));
  }
  const others = result.indicators.filter((i) => !GOALS.some((g) => g.id === i.goal));
  if (others.length) {
    lines.push('', zh ? '其他' : 'Other');
    for (const ind of others) lines.push(indicatorLine(ind, formatValue(ind.value, ind.unit, locale)));
  }
  lines.push(...missingSummary(result, locale));
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.length - errors;
  lines.push('', zh ? `问题：${errors} 个错误，${warnings} 个警告` : `Problems: ${errors} errors, ${warnings} warnings`);
  for (const p of result.problems.slice(0, 10))
    lines.push(
      `  ${p.severity === 'error' ? (zh ? '错误' : 'error') : zh ? '警告' : 'warning'}  ${p.sheet}${p.cell ? '!' + p.cell : ''}  ${p.message}`,
    );
  if (result.problems.length > 10)
    lines.push(
      zh
        ? `  …… 另有 ${result.problems.length - 10} 个（用 --json 或 --out 查看全部）`
        : `  … ${result.problems.length - 10} more (see --json or --out)`,
    );
  return lines.join('\n') + '\n';
}
