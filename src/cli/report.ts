/**
 * `crm3 report <workbook.xlsx> --out report.docx [--lang zh-CN] [--scope owner=Li ...]
 *  [--client NAME] [--consultant NAME] [--as-of YYYY-MM-DD]`: the recommendations report
 * (高阶建议报告, issue #17) as a Word document, through the one output path (io/safeOutput).
 * Exit codes as evaluate: 0 written, 1 written but the data has errors (or a scope no account
 * has: nothing written), 2 not written (unreadable input, refused output, bad usage).
 */
import * as path from 'path';
import { Locale, Message, bi, joinList, localeOf, pick } from '../core/i18n';
import { EvaluationResult, hasDataErrors, scopesProblem } from '../engine/evaluate';
import { FIELD_WORDS, SCOPE_FIELDS, Scope, parseScope } from '../engine/scope';
import { readInputFile } from '../io/readInput';
import { buildRecommendationsReport } from '../io/report/reportDocx';
import { recommendationsReportData } from '../engine/reportData';
import { refuseInputs, writeOutput } from '../io/safeOutput';
import { WorkbookSnapshot } from '../model/snapshot';
import { parseIsoDate, today } from './dates';
import type { Io } from './main';
import { rasterisePicture } from './pictures';
import { UsageError, flagValue } from './flags';

export interface ReportArgs {
  input: string;
  out: string;
  locale: Locale;
  scopes: Scope[];
  client?: string;
  consultant?: string;
  asOf?: number;
  help: boolean;
}

const USAGE: Message = bi(
  `Usage: crm3 report <workbook.xlsx> --out <report.docx> [--lang zh-CN] [--scope owner=Li ...]
                   [--client "Name"] [--consultant "Name"] [--as-of YYYY-MM-DD]

Writes the recommendations report as a Word document: cover, executive summary with all
indicators, a chapter per value goal with findings and the Config's Recommendations,
portfolio and tier matrix, win characteristics, pipeline by stage, Tier A accounts and an
appendix defining every indicator. The input is not modified.
Exit codes: 0 written, 1 written but the data has errors, 2 not written.
`,
  `用法：crm3 report <工作簿.xlsx> --out <报告.docx> [--lang zh-CN] [--scope owner=李伟 ...]
                   [--client "客户名称"] [--consultant "顾问姓名"] [--as-of YYYY-MM-DD]

生成 Word 格式的高阶建议报告：封面、执行摘要及全部指标、每项价值目标一章（发现的问题与配置中的改进建议）、
客户组合与分级矩阵、赢单特征、各阶段商机、A 类客户以及指标定义附录。输入文件不会被修改。
退出码：0 已生成；1 已生成但数据有错误；2 未生成。
`,
);

export function parseReportArgs(argv: readonly string[], locale: Locale, outExtension = '.docx'): ReportArgs {
  const args: ReportArgs = { input: '', out: '', locale, scopes: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--out':
        args.out = flagValue(argv, i++, a);
        break;
      case '--lang':
        args.locale = localeOf(flagValue(argv, i++, a));
        break;
      case '--client':
        args.client = flagValue(argv, i++, a).trim();
        break;
      case '--consultant':
        args.consultant = flagValue(argv, i++, a).trim();
        break;
      case '--as-of': {
        const v = flagValue(argv, i++, a);
        const serial = parseIsoDate(v);
        if (serial === undefined)
          throw new UsageError(
            bi(`--as-of must be a date YYYY-MM-DD, got "${v}"`, `--as-of 必须是 YYYY-MM-DD 格式的日期，实际为“${v}”`),
          );
        args.asOf = serial;
        break;
      }
      case '--scope': {
        const v = flagValue(argv, i++, a);
        const s = parseScope(v);
        if (!s)
          throw new UsageError(
            bi(
              `--scope must look like owner=Li (fields: ${SCOPE_FIELDS.join(', ')}), got "${v}"`,
              `--scope 的格式应为 owner=李伟（字段：${SCOPE_FIELDS.join('、')}），实际为“${v}”`,
            ),
          );
        args.scopes.push(s);
        break;
      }
      default:
        if (a.startsWith('--')) throw new UsageError(bi(`unknown option ${a}`, `未知选项 ${a}`));
        if (args.input) throw new UsageError(bi(`unexpected argument "${a}"`, `无法识别的参数“${a}”`));
        args.input = a;
    }
  }
  if (args.help) return args;
  if (!args.input) throw new UsageError(bi('name the workbook (.xlsx) to report on', '请指定要生成报告的工作簿（.xlsx）'));
  if (!args.out) throw new UsageError(bi(`--out is required`, `必须用 --out 指定输出`));
  if (outExtension && !args.out.toLowerCase().endsWith(outExtension))
    throw new UsageError(
      bi(`--out must name a ${outExtension} file, got "${args.out}"`, `--out 必须是 ${outExtension} 文件，实际为“${args.out}”`),
    );
  return args;
}

/** The scopes in the report's words: "owner = Li Wei; tier = A". */
export function scopeWords(scopes: readonly Scope[], locale: Locale): string {
  return joinList(
    scopes.map((s) => `${pick(FIELD_WORDS[s.field], locale)} = ${s.value}`),
    locale,
  );
}

export interface MadeReport {
  bytes: Uint8Array;
  evaluation: EvaluationResult;
  findings: number;
}

/** The report of a workbook read already (the kit calls this too). */
export async function makeReport(
  snapshot: WorkbookSnapshot,
  file: string,
  args: Pick<ReportArgs, 'locale' | 'scopes' | 'client' | 'consultant' | 'asOf'>,
  date: Date = new Date(),
): Promise<MadeReport> {
  const asOf = args.asOf ?? (typeof snapshot.settings.AsOfDate === 'number' ? snapshot.settings.AsOfDate : today());
  const data = recommendationsReportData(snapshot, { file, asOf, locale: args.locale, scopes: args.scopes });
  const bytes = await buildRecommendationsReport(data, {
    locale: args.locale,
    client: args.client,
    consultant: args.consultant,
    date: date.toISOString().slice(0, 10),
    scope: args.scopes.length ? scopeWords(args.scopes, args.locale) : undefined,
    source: path.basename(file),
    rasterise: rasterisePicture,
  });
  return { bytes, evaluation: data.evaluation, findings: data.findings.length };
}

export { UsageError as ReportUsageError, USAGE as REPORT_USAGE };

export async function runReport(argv: readonly string[], io: Io, locale: Locale): Promise<number> {
  let args: ReportArgs;
  try {
    args = parseReportArgs(argv, locale);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`crm3 report: ${pick(e.message, locale)}\n${pick(USAGE, locale)}`);
    return 2;
  }
  const L = args.locale;
  if (args.help) {
    io.out(pick(USAGE, L));
    return 0;
  }
  const refused = await refuseInputs(args.out, { inputs: [args.input] });
  if (refused) {
    io.err(`crm3 report: ${pick(refused.message, L)}\n`);
    return 2;
  }
  const read = await readInputFile(args.input);
  if (!read.ok) {
    io.err(`crm3 report: ${args.input}: ${pick(read.reason.message, L)}\n`);
    return 2;
  }
  const asOf = args.asOf ?? (typeof read.snapshot.settings.AsOfDate === 'number' ? read.snapshot.settings.AsOfDate : today());
  const wrong = scopesProblem(read.snapshot, args.scopes, undefined, { file: args.input, asOf, locale: L });
  if (wrong) {
    io.err(`crm3 report: ${args.input}: ${pick(wrong, L)}\n`);
    return 1;
  }
  const made = await makeReport(read.snapshot, args.input, { ...args, asOf });
  const written = await writeOutput(args.out, made.bytes, { inputs: [args.input] });
  if (!written.ok) {
    io.err(`crm3 report: ${pick(written.reason.message, L)}\n`);
    return 2;
  }
  const kb = Math.max(1, Math.round(made.bytes.length / 1024));
  io.out(
    pick(
      bi(
        `Report written to ${args.out} (${kb} KB, ${made.findings} findings).\n`,
        `报告已写入 ${args.out}（${kb} KB，${made.findings} 项发现）。\n`,
      ),
      L,
    ),
  );
  return hasDataErrors(made.evaluation) ? 1 : 0;
}
