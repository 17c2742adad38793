/**
 * `crm3 templates build [--out dir] [--addin id=…,version=…,store=…,storeType=…]`: writes the
 * four CRM3 templates in en-US and zh-CN (templates/<id>.<locale>.xlsx) through the one
 * output path. The same code always gives the same bytes. `--addin` names the add-in each
 * file asks Excel for when it opens (default: the sideloaded manifest).
 */
import * as path from 'path';
import { Locale, Message, bi, pick } from '../core/i18n';
import { OutputError, writeOutput } from '../io/safeOutput';
import type { AddinReference } from '../io/styledWorkbook';
import { BuildOptions, SIDELOADED_ADDIN, TEMPLATE_LOCALES, buildTemplate, templateFileName } from '../templates/build';
import { TEMPLATES } from '../templates/catalog';
import type { Io } from './main';

/**
 * Writes the 10 shipped templates (5 templates × 2 locales) into outDir; returns their paths.
 * Throws with the reason when one cannot be written (those already written stay, each complete).
 */
export async function buildAllTemplates(outDir: string, options: Pick<BuildOptions, 'addin'> = {}): Promise<string[]> {
  const written: string[] = [];
  for (const info of TEMPLATES) {
    for (const locale of TEMPLATE_LOCALES) {
      const file = path.join(outDir, templateFileName(info.id, locale));
      const result = await writeOutput(file, await buildTemplate(info.id, locale, options));
      if (!result.ok) throw new OutputError(result.reason);
      written.push(file);
    }
  }
  return written;
}

/** Store types of the add-in reference (MS-OWEXML ST_OsfStoreType, and WOPICatalog of the docs). */
const STORE_TYPES = ['OMEX', 'SPCatalog', 'SPApp', 'Exchange', 'FileSystem', 'Registry', 'EXCatalog', 'WOPICatalog'];

/** `id=…,version=…,store=…,storeType=…[,autoOpen=false]` → the reference, or the problem in words. */
export function parseAddin(text: string): { ok: true; addin: AddinReference } | { ok: false; message: Message } {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) return { ok: false, message: { en: `"${part}" is not key=value`, zh: `“${part}”不是“键=值”的形式` } };
    fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const known = ['id', 'version', 'store', 'storeType', 'autoOpen'];
  const unknown = [...fields.keys()].filter((k) => !known.includes(k));
  if (unknown.length)
    return {
      ok: false,
      message: {
        en: `unknown key ${unknown.join(', ')} (use ${known.join(', ')})`,
        zh: `未知的键 ${unknown.join('、')}（可用：${known.join('、')}）`,
      },
    };
  const id = fields.get('id') ?? '';
  const version = fields.get('version') ?? '';
  const store = fields.get('store') ?? '';
  const storeType = STORE_TYPES.find((t) => t.toLowerCase() === (fields.get('storeType') ?? '').toLowerCase());
  if (!id || !store) return { ok: false, message: { en: 'id and store are required', zh: '必须提供 id 和 store' } };
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(version))
    return {
      ok: false,
      message: {
        en: `version must have four parts (1.0.0.0), got "${version}"`,
        zh: `version 必须是四段版本号（如 1.0.0.0），实际为“${version}”`,
      },
    };
  if (!storeType)
    return {
      ok: false,
      message: {
        en: `storeType must be one of ${STORE_TYPES.join(', ')}`,
        zh: `storeType 必须是以下之一：${STORE_TYPES.join('、')}`,
      },
    };
  const auto = fields.get('autoOpen');
  return {
    ok: true,
    addin: { id, version, store, storeType, autoOpen: auto === undefined ? true : !/^(false|0|no)$/i.test(auto) },
  };
}

const USAGE: Message = {
  en: `Usage: crm3 templates build [--out folder] [--addin id=…,version=…,store=…,storeType=…]

Builds the four CRM3 templates (portfolio-tiering, account-plan, opportunity-grading,
value-indicators) in en-US and zh-CN: 8 .xlsx files named <id>.<locale>.xlsx.
  --out     folder to write them to (default: templates in the current folder)
  --addin   the add-in each file asks Excel to open: your deployment's manifest id, version,
            store and storeType (e.g. id=<manifest GUID>,version=1.0.0.0,store=EXCatalog,storeType=EXCatalog
            for centralized deployment). Default: the sideloaded manifest (store=developer,storeType=Registry).
            Add autoOpen=false to offer the add-in without opening its pane.
`,
  zh: `用法：crm3 templates build [--out 文件夹] [--addin id=…,version=…,store=…,storeType=…]

生成四个 CRM3 模板（portfolio-tiering、account-plan、opportunity-grading、value-indicators）
的英文版和中文版：共 8 个 .xlsx 文件，文件名为 <编号>.<语言>.xlsx。
  --out     输出文件夹（默认为当前文件夹下的 templates）
  --addin   文件打开时请 Excel 加载的加载项：部署所用清单的 id、version、store 和 storeType
            （集中部署示例：id=<清单 GUID>,version=1.0.0.0,store=EXCatalog,storeType=EXCatalog）。
            默认为旁加载的清单（store=developer,storeType=Registry）。加 autoOpen=false 则只提供加载项、不自动打开窗格。
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
  let addin: AddinReference = SIDELOADED_ADDIN;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--out' && rest[i + 1] !== undefined && !rest[i + 1].startsWith('--')) out = rest[++i];
    else if (rest[i] === '--addin' && rest[i + 1] !== undefined && !rest[i + 1].startsWith('--')) {
      const parsed = parseAddin(rest[++i]);
      if (!parsed.ok) {
        io.err(`crm3 templates build --addin: ${pick(parsed.message, locale)}\n\n${pick(USAGE, locale)}`);
        return 2;
      }
      addin = parsed.addin;
    } else {
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
    const files = await buildAllTemplates(path.resolve(out), { addin });
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
