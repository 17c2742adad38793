/**
 * `crm3 templates build [--out dir]`: writes the four CRM3 templates in en-US and zh-CN
 * (templates/<id>.<locale>.xlsx). The same code always gives the same bytes.
 */
import * as path from 'path';
import { Locale, Message, bi, pick } from '../core/i18n';
import { buildAllTemplates } from '../templates/build';
import { OutputError } from '../io/safeOutput';
import type { Io } from './main';

const USAGE: Message = {
  en: `Usage: crm3 templates build [--out folder]

Builds the four CRM3 templates (portfolio-tiering, account-plan, opportunity-grading,
value-indicators) in en-US and zh-CN: 8 .xlsx files named <id>.<locale>.xlsx.
  --out   folder to write them to (default: templates in the current folder)
`,
  zh: `用法：crm3 templates build [--out 文件夹]

生成四个 CRM3 模板（portfolio-tiering、account-plan、opportunity-grading、value-indicators）
的英文版和中文版：共 8 个 .xlsx 文件，文件名为 <编号>.<语言>.xlsx。
  --out   输出文件夹（默认为当前文件夹下的 templates）
`,
};

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function runTemplates(argv: readonly string[], io: Io, locale: Locale): Promise<number> {
  const args = argv.filter((a, i) => a !== '--lang' && argv[i - 1] !== '--lang');
  if (args.includes('--help') || args.includes('-h')) {
    io.out(pick(USAGE, locale));
    return 0;
  }
  const [sub, ...rest] = args;
  if (sub !== 'build') {
    io.err(
      pick(
        bi(
          `crm3 templates: ${sub ? `unknown subcommand "${sub}"` : 'missing subcommand'}.\n\n`,
          `crm3 templates：${sub ? `未知子命令“${sub}”` : '缺少子命令'}。\n\n`,
        ),
        locale,
      ) + pick(USAGE, locale),
    );
    return 2;
  }
  let out = 'templates';
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--out' && rest[i + 1] !== undefined && !rest[i + 1].startsWith('--')) out = rest[++i];
    else {
      io.err(
        pick(
          bi(
            `crm3 templates build: unexpected argument "${rest[i]}".\n\n`,
            `crm3 templates build：无法识别的参数“${rest[i]}”。\n\n`,
          ),
          locale,
        ) + pick(USAGE, locale),
      );
      return 2;
    }
  }
  try {
    const files = await buildAllTemplates(path.resolve(out));
    for (const f of files) io.out(`${path.relative(process.cwd(), f) || f}\n`);
    return 0;
  } catch (e) {
    if (e instanceof OutputError) {
      io.err(`crm3 templates build: ${pick(e.reason.message, locale)}\n`);
      return 2;
    }
    io.err(
      pick(
        bi(
          `crm3 templates build: could not write to ${out} (${describe(e)}). Check that the folder exists and is writable.\n`,
          `crm3 templates build：无法写入 ${out}（${describe(e)}）。请检查文件夹是否存在且可写。\n`,
        ),
        locale,
      ),
    );
    return 2;
  }
}
