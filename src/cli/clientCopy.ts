/**
 * `crm3 client-copy <in.xlsx> --out <out.xlsx> [--lang zh-CN]`: writes a copy of a workbook
 * for clients without the add-in, CRM3 formulas replaced by their values and a note sheet
 * added (src/io/clientCopy.ts). The input file is never modified.
 * Exit codes: 0 written, 1 written but some cells could not be valued, 2 not written.
 */
import * as path from 'path';
import { Locale, Message, pick } from '../core/i18n';
import { makeClientCopy } from '../io/clientCopy';
import { inspectXlsxFile } from '../io/zipGuard';
import { refuseInputs, writeOutput } from '../io/safeOutput';
import { Budget, defaultBudget, parseBudgetOption } from './budget';
import type { Io } from './main';
import { UsageError } from './flags';

const USAGE: Message = {
  en: `Usage: crm3 client-copy <in.xlsx> --out <out.xlsx> [--lang zh-CN] [--max-file-mb N]

Writes a copy of the workbook for clients who do not have the CRM3 add-in: every cell
whose formula calls a CRM3 function holds its value instead, other formulas stay, and a
note sheet (in the --lang language) says what was done and when. The input is not modified.
--max-file-mb N reads workbooks larger than the default limit of 50 MB.
Exit codes: 0 written, 1 written but some cells could not be valued (listed), 2 not written.
`,
  zh: `用法：crm3 client-copy <输入.xlsx> --out <输出.xlsx> [--lang zh-CN] [--max-file-mb N]

为未安装 CRM3 加载项的客户生成工作簿副本：凡调用 CRM3 函数的单元格都改为其计算结果，
其他公式保持不变，并添加一张说明工作表（语言由 --lang 指定），写明处理内容与时间。输入文件不会被修改。
--max-file-mb N 可读取超过默认上限 50 MB 的工作簿。
退出码：0 已生成；1 已生成但部分单元格无法取得数值（会列出）；2 未生成。
`,
};

interface ClientCopyArgs {
  input?: string;
  out?: string;
  help: boolean;
  /** Only the file size applies here (the limit the reader's messages name). */
  budget: Budget;
}

function parseArgs(argv: readonly string[]): ClientCopyArgs {
  const args: ClientCopyArgs = { help: false, budget: defaultBudget() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--out' || a === '--lang' || a === '--max-file-mb') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError({ en: `${a} needs a value`, zh: `${a} 需要一个值` });
      if (a === '--max-file-mb') {
        const problem = parseBudgetOption(args.budget, a, v);
        if (problem) throw new UsageError(problem);
      } else if (a === '--out') {
        if (!/\.xlsx$/i.test(v))
          throw new UsageError({ en: `--out must name an .xlsx file, got "${v}"`, zh: `--out 必须是 .xlsx 文件，实际为 "${v}"` });
        args.out = v;
      }
    } else if (a.startsWith('--')) throw new UsageError({ en: `unknown option ${a}`, zh: `未知选项 ${a}` });
    else if (args.input === undefined) args.input = a;
    else throw new UsageError({ en: `unexpected argument "${a}"`, zh: `无法识别的参数 "${a}"` });
  }
  if (!args.help && !args.input) throw new UsageError({ en: 'give the workbook to copy', zh: '请指定要复制的工作簿' });
  if (!args.help && !args.out)
    throw new UsageError({ en: '--out <out.xlsx> is required', zh: '必须用 --out <输出.xlsx> 指定输出文件' });
  return args;
}

export async function runClientCopy(
  argv: readonly string[],
  io: Io,
  locale: Locale,
  now: () => Date = () => new Date(),
): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`crm3 client-copy: ${pick(e.message, locale)}\n${pick(USAGE, locale)}`);
    return 2;
  }
  if (args.help) {
    io.out(pick(USAGE, locale));
    return 0;
  }
  const input = path.resolve(args.input!);
  const out = path.resolve(args.out!);
  const refused = await refuseInputs(args.out!, { inputs: [args.input!] });
  if (refused) {
    io.err(`crm3 client-copy: ${pick(refused.message, locale)}\n`);
    return 2;
  }
  const read = await inspectXlsxFile(input, { maxFileBytes: args.budget.maxFileMb * 1024 * 1024 });
  if (!read.ok) {
    io.err(`crm3 client-copy: ${pick(read.reason.message, locale)}\n`);
    return 2;
  }
  const result = await makeClientCopy(read.bytes, path.basename(input), { locale, when: now() });
  if (!result.ok) {
    io.err(`crm3 client-copy: ${pick(result.reason.message, locale)}\n`);
    return 2;
  }
  const written = await writeOutput(args.out!, result.bytes, { inputs: [args.input!] });
  if (!written.ok) {
    io.err(`crm3 client-copy: ${pick(written.reason.message, locale)}\n`);
    return 2;
  }
  const shown = path.relative(process.cwd(), out) || out;
  io.out(
    pick(
      {
        en: `Wrote ${shown}: ${result.replaced} CRM3 formula cells replaced by their values (${result.uncached.length} computed by the engine, the file held no saved value); note sheet "${result.noteSheet}".\n`,
        zh: `已生成 ${shown}：${result.replaced} 个 CRM3 公式单元格已替换为数值（其中 ${result.uncached.length} 个由引擎计算，文件中没有保存的数值）；说明工作表“${result.noteSheet}”。\n`,
      },
      locale,
    ),
  );
  for (const u of result.unvalued) {
    io.err(
      pick(
        {
          en: `Could not value ${u.where} (=${u.formula}): ${u.message.en}; left blank.\n`,
          zh: `无法取得 ${u.where}（=${u.formula}）的数值：${u.message.zh}；已留空。\n`,
        },
        locale,
      ),
    );
  }
  return result.unvalued.length ? 1 : 0;
}
