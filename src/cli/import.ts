/**
 * `crm3 import <export.xlsx|export.csv> --out workbook.xlsx [--template ID] [--lang zh-CN]
 *  [--config crm3.xlsx] [--date-order dmy|mdy] [--as-of YYYY-MM-DD]`
 * Reads a CRM export (Salesforce, HubSpot, Dynamics, Zoho, Pipedrive, 纷享销客, 销售易, …),
 * writes a CRM3 workbook (a template filled with it) and prints the mapping report.
 * `--config` reads the StageMap, the remembered column choices (ImportMap), stages and
 * questions of an earlier CRM3 workbook. Exit codes: 0 written, 1 written but the data has
 * errors (listed), or no table recognised (nothing written), 2 not read or not written.
 */
import { Locale, Message, localeOf, pick } from '../core/i18n';
import { evaluateWorkbook } from '../engine/evaluate';
import { ReadOptions, readWorkbookBuffer } from '../io/readWorkbook';
import { readInputFile } from '../io/readInput';
import { refuseInputs, writeOutput } from '../io/safeOutput';
import { DateOrder } from '../model/exportValues';
import { workbookFromImport } from '../model/importedWorkbook';
import { WorkbookSnapshot, currencyOf } from '../model/snapshot';
import { buildTemplate } from '../templates/build';
import { TEMPLATES, TemplateId } from '../templates/catalog';
import { formatImportReport } from './importReport';
import { parseIsoDate, today } from './dates';
import { Budget, defaultBudget, parseBudgetOption } from './budget';
import type { Io } from './main';
import { UsageError, flagValue } from './flags';

const DEFAULT_TEMPLATE: TemplateId = 'value-indicators';

const USAGE: Message = {
  en: `Usage: crm3 import <export.xlsx|export.csv> --out <workbook.xlsx> [--template ID] [--lang zh-CN]
                   [--config <crm3.xlsx>] [--date-order dmy|mdy] [--as-of YYYY-MM-DD]
                   [--max-rows N] [--max-file-mb N]

Reads a CRM export (an opportunity report or deals export of Salesforce, HubSpot, Dynamics 365,
Zoho, Pipedrive, 纷享销客, 销售易 and others; .xlsx, or CSV in UTF-8, UTF-16 or GB18030) and
writes a CRM3 workbook: the template (default ${DEFAULT_TEMPLATE}: ${TEMPLATES.map((t) => t.id).join(', ')})
filled with it. Prints which column became which, what was derived, what is missing and which
indicators that leaves without data. --config takes the stage map and column choices of an
earlier CRM3 workbook. --max-rows (default 1,048,576) and --max-file-mb (default 50) raise the
reading limits. The export is not modified.
Exit codes: 0 written; 1 written with data errors, or no table recognised; 2 not read or not written.
`,
  zh: `用法：crm3 import <导出文件.xlsx|导出文件.csv> --out <工作簿.xlsx> [--template 模板] [--lang zh-CN]
                   [--config <crm3.xlsx>] [--date-order dmy|mdy] [--as-of YYYY-MM-DD]
                   [--max-rows N] [--max-file-mb N]

读取 CRM 导出文件（Salesforce、HubSpot、Dynamics 365、Zoho、Pipedrive、纷享销客、销售易等的商机报表或导出；
.xlsx，或 UTF-8、UTF-16、GB18030 编码的 CSV），生成 CRM3 工作簿：即填入数据的模板（默认 ${DEFAULT_TEMPLATE}；
可选：${TEMPLATES.map((t) => t.id).join('、')}）。同时列出各列的对应关系、推导内容、缺少的数据，以及因此无数据的指标。
--config 沿用以前某个 CRM3 工作簿的阶段映射和列对应关系。--max-rows（默认 1,048,576）和 --max-file-mb（默认 50）
可调高读取上限。导出文件不会被修改。
退出码：0 已生成；1 已生成但数据有错误，或未识别出任何表；2 无法读取或无法写入。
`,
};

interface ImportArgs {
  input?: string;
  out?: string;
  template: TemplateId;
  locale: Locale;
  config?: string;
  dateOrder?: DateOrder;
  asOf?: number;
  help: boolean;
  /** The reading limits (--max-rows, --max-file-mb) the reader's messages name. */
  budget: Budget;
}

function parseArgs(argv: readonly string[], locale: Locale): ImportArgs {
  const args: ImportArgs = { template: DEFAULT_TEMPLATE, locale, help: false, budget: defaultBudget() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--out': {
        const v = flagValue(argv, i++, a);
        if (!/\.xlsx$/i.test(v))
          throw new UsageError({ en: `--out must name an .xlsx file, got "${v}"`, zh: `--out 必须是 .xlsx 文件，实际为 "${v}"` });
        args.out = v;
        break;
      }
      case '--template': {
        const v = flagValue(argv, i++, a);
        const t = TEMPLATES.find((x) => x.id === v);
        if (!t)
          throw new UsageError({
            en: `--template must be one of ${TEMPLATES.map((x) => x.id).join(', ')}, got "${v}"`,
            zh: `--template 必须是 ${TEMPLATES.map((x) => x.id).join('、')} 之一，实际为 "${v}"`,
          });
        args.template = t.id;
        break;
      }
      case '--lang':
        args.locale = localeOf(flagValue(argv, i++, a));
        break;
      case '--config':
        args.config = flagValue(argv, i++, a);
        break;
      case '--date-order': {
        const v = flagValue(argv, i++, a).toLowerCase();
        if (v !== 'dmy' && v !== 'mdy')
          throw new UsageError({
            en: `--date-order must be dmy or mdy, got "${v}"`,
            zh: `--date-order 必须是 dmy 或 mdy，实际为 "${v}"`,
          });
        args.dateOrder = v;
        break;
      }
      case '--max-rows':
      case '--max-file-mb': {
        const problem = parseBudgetOption(args.budget, a, flagValue(argv, i++, a));
        if (problem) throw new UsageError(problem);
        break;
      }
      case '--as-of': {
        const v = flagValue(argv, i++, a);
        const serial = parseIsoDate(v);
        if (serial === undefined)
          throw new UsageError({
            en: `--as-of must be a date YYYY-MM-DD, got "${v}"`,
            zh: `--as-of 必须是 YYYY-MM-DD 格式的日期，实际为 "${v}"`,
          });
        args.asOf = serial;
        break;
      }
      default:
        if (a.startsWith('--')) throw new UsageError({ en: `unknown option ${a}`, zh: `未知选项 ${a}` });
        if (args.input !== undefined) throw new UsageError({ en: `unexpected argument "${a}"`, zh: `无法识别的参数 "${a}"` });
        args.input = a;
    }
  }
  if (args.help) return args;
  if (!args.input) throw new UsageError({ en: 'give the CRM export to import', zh: '请指定要导入的 CRM 导出文件' });
  if (!args.out) throw new UsageError({ en: '--out <workbook.xlsx> is required', zh: '必须用 --out <工作簿.xlsx> 指定输出文件' });
  return args;
}

/** The first cells of each sheet, to say what was there when nothing was recognised. */
function nothingRecognised(input: string, s: WorkbookSnapshot, zh: boolean): string {
  void s;
  return zh
    ? `crm3 import：${input} 中没有可识别的商机或客户表：没有一行表头包含至少 3 个已知列名（例如 Opportunity Name、Stage、Amount、Close Date，或 商机名称、阶段、金额、预计成交日期）。各 CRM 的列名见 docs/workbook-format.md；也可在任务窗格中打开该文件，逐列指定对应关系。\n`
    : `crm3 import: no opportunity or account table recognised in ${input}: no header row names at least 3 known columns (such as Opportunity Name, Stage, Amount, Close Date, or 商机名称, 阶段, 金额, 预计成交日期). docs/workbook-format.md lists the headers of each CRM; or open the file in the task pane and choose each column's meaning.\n`;
}

export async function runImport(argv: readonly string[], io: Io, locale: Locale): Promise<number> {
  let args: ImportArgs;
  try {
    args = parseArgs(argv, locale);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`crm3 import: ${pick(e.message, locale)}\n\n${pick(USAGE, locale)}`);
    return 2;
  }
  if (args.help) {
    io.out(pick(USAGE, args.locale));
    return 0;
  }
  const zh = args.locale === 'zh-CN';
  const input = args.input!;
  const out = args.out!;
  const inputs = [input, ...(args.config ? [args.config] : [])];
  const refused = await refuseInputs(out, { inputs });
  if (refused) {
    io.err(`crm3 import: ${pick(refused.message, args.locale)}\n`);
    return 2;
  }

  const limits = { maxRows: args.budget.maxRows, maxFileBytes: args.budget.maxFileMb * 1024 * 1024 };
  const options: ReadOptions = { dateOrder: args.dateOrder, ...limits };
  if (args.config) {
    const cfg = await readInputFile(args.config, limits);
    if (!cfg.ok) {
      io.err(`crm3 import: --config ${args.config}: ${pick(cfg.reason.message, args.locale)}\n`);
      return 2;
    }
    options.importConfig = cfg.snapshot.config;
  }
  const read = await readInputFile(input, options);
  if (!read.ok) {
    io.err(`crm3 import: ${pick(read.reason.message, args.locale)}\n`);
    return 2;
  }
  const exported = read.snapshot;
  if (!exported.tables.Opportunities && !exported.tables.Accounts) {
    io.err(nothingRecognised(input, exported, zh));
    return 1;
  }

  const asOf = args.asOf ?? (typeof exported.settings.AsOfDate === 'number' ? exported.settings.AsOfDate : today());
  const data = workbookFromImport(exported, { asOf, locale: args.locale });
  const bytes = await buildTemplate(args.template, args.locale, { data });
  // The file is read back before it is written: what is written is what a user will open.
  const back = await readWorkbookBuffer(bytes, out);
  if (!back.ok) {
    io.err(
      `crm3 import: ${zh ? '生成的工作簿无法读回，未写入：' : 'the workbook made could not be read back, so it was not written: '}${pick(back.reason.message, args.locale)}\n`,
    );
    return 2;
  }
  const written = await writeOutput(out, bytes, { inputs });
  if (!written.ok) {
    io.err(`crm3 import: ${pick(written.reason.message, args.locale)}\n`);
    return 2;
  }
  const result = evaluateWorkbook(back.snapshot, { file: out, asOf, locale: args.locale });
  const currency = currencyOf(exported) ?? '';
  const currencyFrom =
    typeof exported.settings.Currency === 'string' && exported.settings.Currency.trim()
      ? 'config'
      : (exported.amountCurrencies?.length ?? 0) > 1
        ? 'mixed'
        : currency
          ? 'format'
          : 'none';
  io.out(
    formatImportReport({
      input,
      out,
      template: args.template,
      locale: args.locale,
      read: exported,
      result,
      currency,
      currencyFrom,
    }),
  );
  return result.problems.some((p) => p.severity === 'error') ? 1 : 0;
}
