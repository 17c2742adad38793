/**
 * `crm3 explain <file.xlsx> <INDICATOR_ID> [--scope owner=Li ...] [--as-of YYYY-MM-DD] [--json] [--lang zh-CN]`
 * How one indicator is computed (issue #19): the sentence, the parts with their counts, the
 * filters, the rows left out and why, the rows behind each part (id and name), the formula.
 * Nothing is computed here: the engine's working is printed as it is.
 * Exit codes: 0 explained, 1 the workbook has no such indicator or the scope is wrong, 2 unreadable.
 */
import { Locale, Message, bi, localeOf, pick } from '../core/i18n';
import { formatValue } from '../core/format';
import { RagStatus, valueLabel } from '../core/enumerations';
import { ExplainedIndicator, explainWorkbookIndicator, scopesProblem } from '../engine/evaluate';
import type { DrillRow, IndicatorExplain } from '../engine/indicatorWorking';
import type { Scope } from '../engine/scope';
import { readInputFile } from '../io/readInput';
import { BUILT_IN_INDICATORS } from '../model/indicators';
import { today } from './dates';
import type { Io } from './main';
import { UsageError, asOfFlag, flagValue, scopeFlag, usage } from './flags';

interface ExplainArgs {
  file: string;
  id: string;
  asOf?: number;
  json: boolean;
  scopes: Scope[];
  locale: Locale;
}

function parseArgs(argv: readonly string[], locale: Locale): ExplainArgs {
  const args: ExplainArgs = { file: '', id: '', json: false, scopes: [], locale };
  const value = (i: number, flag: string): string => flagValue(argv, i, flag);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--lang') args.locale = localeOf(value(i++, a));
    else if (a === '--as-of') args.asOf = asOfFlag(value(i++, a));
    else if (a === '--scope') args.scopes.push(scopeFlag(value(i++, a)));
    else if (a.startsWith('--')) throw usage(`unknown option ${a} (see crm3 --help)`, `未知选项 ${a}（见 crm3 --help）`);
    else if (!args.file) args.file = a;
    else if (!args.id) args.id = a;
    else throw usage(`unexpected "${a}": give one file and one indicator id`, `多余的参数“${a}”：请只给出一个文件和一个指标编号`);
  }
  if (!args.file || !args.id)
    throw usage(
      'name the workbook and the indicator, e.g. crm3 explain book.xlsx WIN_RATE_COUNT',
      '请指定工作簿和指标，例如 crm3 explain book.xlsx WIN_RATE_COUNT',
    );
  return args;
}

/** At most this many rows of a part are listed in the text output (--json lists every row). */
const ROWS_SHOWN = 20;

const T = {
  parts: bi('Parts', '组成部分'),
  count: bi('rows', '行数'),
  filters: bi('Filters', '筛选条件'),
  leftOut: bi('Left out', '未计入'),
  rows: bi('Rows behind each part', '各部分对应的行'),
  formula: bi('Formula', '公式'),
  noWorking: bi(
    'This indicator has no breakdown: its formula does not end in a CRM3 function that reports its working.',
    '该指标没有分项说明：其公式不是以能给出计算过程的 CRM3 函数结束。',
  ),
  more: (n: number) => bi(`… and ${n} more (--json lists them all)`, `…… 另有 ${n} 行（--json 会全部列出）`),
};

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length - [...s].filter((c) => c > '\u2e80').length));

/** A section heading with the language's colon. */
const heading = (m: Message, locale: Locale) => `${pick(m, locale)}${locale === 'zh-CN' ? '：' : ':'}`;

function rowsText(rows: readonly DrillRow[], locale: Locale): string[] {
  const shown = rows
    .slice(0, ROWS_SHOWN)
    .map((r) => `      ${r.id}${r.name ? `  ${r.name}` : ''}${r.cell ? `  (${r.sheet}!${r.cell})` : ''}`);
  if (rows.length > ROWS_SHOWN) shown.push(`      ${pick(T.more(rows.length - ROWS_SHOWN), locale)}`);
  return shown;
}

function explainText(e: ExplainedIndicator, locale: Locale): string {
  const { indicator: ind, working: w } = e;
  const value = formatValue(ind.value, ind.unit, locale);
  const rag = ind.status ? valueLabel(RagStatus, ind.status, locale) : '';
  const status = rag ? (locale === 'zh-CN' ? `（${rag}）` : ` (${rag})`) : '';
  const lines = [`${ind.name} [${ind.id}] = ${value}${status}`];
  if (ind.reason) lines.push(ind.reason);
  if (!w) {
    lines.push('', pick(T.noWorking, locale));
    return lines.join('\n') + '\n';
  }
  lines.push('', w.sentence, '', heading(T.parts, locale));
  const width = Math.max(...w.parts.map((p) => [...p.label].length + (p.of ? 2 : 0))) + 2;
  for (const p of w.parts)
    lines.push(`  ${pad(`${p.of ? '  ' : ''}${p.label}`, width)}${p.shown.padStart(16)}   ${pick(T.count, locale)} ${p.count}`);
  if (w.filters.length) {
    lines.push('', heading(T.filters, locale));
    for (const f of w.filters) lines.push(`  - ${f}`);
  }
  if (w.leftOut.length) {
    lines.push('', heading(T.leftOut, locale));
    for (const l of w.leftOut) lines.push(`  - ${l.reason}${locale === 'zh-CN' ? '：' : ': '}${l.count}`);
  }
  lines.push('', heading(T.rows, locale));
  for (const p of w.parts)
    if (p.rows?.length) {
      lines.push(`  ${p.label} (${p.count})`);
      lines.push(...rowsText(p.rows, locale));
    }
  for (const l of w.leftOut)
    if (l.rows?.length) {
      lines.push(`  ${l.reason} (${l.count})`);
      lines.push(...rowsText(l.rows, locale));
    }
  lines.push('', heading(T.formula, locale), `  ${w.formula}`);
  return lines.join('\n') + '\n';
}

/** The JSON of `crm3 explain`: the indicator as `evaluate --json` has it, its working with every row. */
function explainJson(file: string, e: ExplainedIndicator): object {
  const { explain: _small, ...indicator } = e.indicator;
  return { file, indicator, explain: (e.working ?? null) as IndicatorExplain | null };
}

export async function runExplain(argv: readonly string[], io: Io, locale: Locale): Promise<number> {
  let args: ExplainArgs;
  try {
    args = parseArgs(argv, locale);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`crm3 explain: ${pick(e.message, locale)}\n`);
    return 2;
  }
  const read = await readInputFile(args.file);
  if (!read.ok) {
    io.err(`crm3 explain: ${args.file}: ${pick(read.reason.message, args.locale)}\n`);
    return 2;
  }
  const snapshot = read.snapshot;
  const asOf = args.asOf ?? (typeof snapshot.settings.AsOfDate === 'number' ? snapshot.settings.AsOfDate : today());
  const options = { file: args.file, asOf, locale: args.locale, scopes: args.scopes };
  const wrong = scopesProblem(snapshot, args.scopes, undefined, options);
  if (wrong) {
    io.err(`crm3 explain: ${args.file}: ${pick(wrong, args.locale)}\n`);
    return 1;
  }
  const explained = explainWorkbookIndicator(snapshot, args.id, options);
  if (!explained) {
    const ids = (snapshot.indicators?.length ? snapshot.indicators : BUILT_IN_INDICATORS).map((r) => r.id);
    io.err(
      `crm3 explain: ${pick(
        bi(
          `the workbook has no indicator ${args.id}; its indicators are: ${ids.join(', ')}`,
          `工作簿中没有指标 ${args.id}；现有指标：${ids.join('、')}`,
        ),
        args.locale,
      )}\n`,
    );
    return 1;
  }
  io.out(args.json ? JSON.stringify(explainJson(args.file, explained), null, 2) + '\n' : explainText(explained, args.locale));
  return 0;
}
