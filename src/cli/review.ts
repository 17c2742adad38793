/**
 * `crm3 review <file.xlsx> [--due] [--as-of D] [--json] [--lang zh-CN]` (issue 16): the open
 * deals for the bi-weekly deal review, each with its red flags and strengths; with --due only
 * those due (never reviewed, last review ReviewIntervalDays or more ago, or next review come).
 * Exit codes: 0 listed, 1 listed but the data has errors, 2 the file could not be read.
 */
import { isoFromSerial } from '../core/cells';
import { formatValue } from '../core/format';
import { Locale, Message, bi, pick } from '../core/i18n';
import { RED_FLAG_NAMES, STRENGTH_NAMES, dealReviews } from '../engine/dealReview';
import { evaluateWorkbook, hasDataErrors } from '../engine/evaluate';
import { readInputFile } from '../io/readInput';
import { parseIsoDate, today } from './dates';
import { displayWidth, pad } from './format';
import type { Io } from './main';
import { UsageError } from './flags';

const USAGE: Message = bi(
  `Usage: crm3 review <file.xlsx> [--due] [--as-of YYYY-MM-DD] [--json] [--lang zh-CN]

Lists the open deals for the deal review with their red flags and strengths. --due lists only
the deals due: never reviewed, last reviewed ReviewIntervalDays (Config, default 14) or more
days ago, or whose next review (Reviews log) has come.
Exit codes: 0 listed, 1 listed but the data has errors, 2 the file could not be read.
`,
  `用法：crm3 review <文件.xlsx> [--due] [--as-of YYYY-MM-DD] [--json] [--lang zh-CN]

列出需要进行商机评审的进行中商机，以及各自的风险信号和优势。--due 只列出到期的商机：
从未评审、距上次评审已达 ReviewIntervalDays 天（配置，默认 14 天），或评审记录中的下次评审日期已到。
退出码：0 已列出；1 已列出但数据有错误；2 文件无法读取。
`,
);

const TEXT = {
  heading: (file: string, asOf: string, due: boolean, n: number) =>
    bi(
      `Deal review — ${file} — as of ${asOf}: ${n} ${due ? 'open deals due for review' : 'open deals'}`,
      `商机评审 — ${file} — 基准日 ${asOf}：${n} 个${due ? '到期需评审的' : ''}进行中商机`,
    ),
  never: bi('never reviewed', '从未评审'),
  last: (d: string) => bi(`last reviewed ${d}`, `上次评审 ${d}`),
  flags: bi('Red flags', '风险信号'),
  strengths: bi('Strengths', '优势'),
  none: bi('none', '无'),
};

export async function runReview(argv: readonly string[], io: Io, locale: Locale): Promise<number> {
  let file = '';
  let dueOnly = false;
  let json = false;
  let asOf: number | undefined;
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--help' || a === '-h') {
        io.out(pick(USAGE, locale));
        return 0;
      } else if (a === '--due') dueOnly = true;
      else if (a === '--json') json = true;
      else if (a === '--lang') i++;
      else if (a === '--as-of') {
        const v = argv[++i] ?? '';
        asOf = parseIsoDate(v);
        if (asOf === undefined)
          throw new UsageError(
            bi(`--as-of must be a date YYYY-MM-DD, got "${v}"`, `--as-of 必须是 YYYY-MM-DD 格式的日期，实际为“${v}”`),
          );
      } else if (a.startsWith('--')) throw new UsageError(bi(`unknown option ${a}`, `未知选项 ${a}`));
      else if (!file) file = a;
      else throw new UsageError(bi(`unexpected argument "${a}"`, `无法识别的参数“${a}”`));
    }
    if (!file) throw new UsageError(bi('name the workbook (.xlsx) to review', '请指定要评审的工作簿（.xlsx）'));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`crm3 review: ${pick(e.message, locale)}\n${pick(USAGE, locale)}`);
    return 2;
  }
  const read = await readInputFile(file);
  if (!read.ok) {
    io.err(`crm3 review: ${pick(read.reason.message, locale)}\n`);
    return 2;
  }
  const workbook = read.snapshot;
  const date = asOf ?? (typeof workbook.settings.AsOfDate === 'number' ? workbook.settings.AsOfDate : today());
  const evaluation = evaluateWorkbook(workbook, { file, asOf: date, locale });
  const rows = dealReviews(workbook, evaluation, date).filter((r) => !dueOnly || r.due);
  if (json) {
    io.out(JSON.stringify({ file, asOf: isoFromSerial(date), due: dueOnly, deals: rows }, null, 2) + '\n');
    return hasDataErrors(evaluation) ? 1 : 0;
  }
  const lines = [pick(TEXT.heading(file, isoFromSerial(date), dueOnly, rows.length), locale)];
  const idWidth = Math.max(6, ...rows.map((r) => displayWidth(r.oppId)));
  for (const r of rows) {
    const amount = formatValue(r.amount, 'amount', locale, { style: 'compact', currency: evaluation.currency ?? undefined });
    const when = r.lastReview ? pick(TEXT.last(r.lastReview), locale) : pick(TEXT.never, locale);
    lines.push(
      '',
      `${pad(r.oppId, idWidth)}  ${r.oppName ?? ''} — ${r.owner ?? ''} — ${r.stage ?? ''} — ${amount} — ${r.grade ?? ''} — ${when}`,
    );
    const list = (names: Message[]) =>
      names.length ? names.map((m) => pick(m, locale)).join(locale === 'zh-CN' ? '；' : '; ') : pick(TEXT.none, locale);
    const sep = locale === 'zh-CN' ? '：' : ': ';
    lines.push(`${' '.repeat(idWidth + 2)}${pick(TEXT.flags, locale)}${sep}${list(r.flags.map((f) => RED_FLAG_NAMES[f]))}`);
    lines.push(
      `${' '.repeat(idWidth + 2)}${pick(TEXT.strengths, locale)}${sep}${list(r.strengths.map((s) => STRENGTH_NAMES[s]))}`,
    );
  }
  io.out(lines.join('\n') + '\n');
  return hasDataErrors(evaluation) ? 1 : 0;
}
