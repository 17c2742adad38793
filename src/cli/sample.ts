/**
 * `crm3 sample [--locale zh-CN] [--size N] [--seed S] [--out file.xlsx] [--as-of YYYY-MM-DD]`:
 * writes a deterministic sample workbook (src/model/sample.ts) to an .xlsx file.
 */
import * as path from 'path';
import { isoFromSerial, serialFromYmd } from '../core/cells';
import { Locale, Message, localeOf, pick, plural } from '../core/i18n';
import { MAX_SAMPLE_AS_OF, MAX_SAMPLE_SIZE, MIN_SAMPLE_AS_OF, SAMPLE_DEFAULTS, generateSample } from '../model/sample';
import { writeWorkbook } from '../io/writeWorkbook';
import { writeOutput } from '../io/safeOutput';
import { maxFileMbFor } from '../io/readFailure';
import { DEFAULT_ZIP_LIMITS } from '../io/zipGuard';
import type { Io } from './main';

interface SampleArgs {
  locale: Locale;
  size: number;
  seed: number;
  asOf: number;
  out?: string;
  help: boolean;
}

const USAGE: Message = {
  en: `Usage: crm3 sample [--locale en-US|zh-CN] [--size N] [--seed S] [--out file.xlsx] [--as-of YYYY-MM-DD]

Writes a realistic sample CRM3 workbook (accounts, opportunities, contacts, decision
chains, activities, targets, actions and Config). The same options always give the same file.
  --locale   language of sheets, headers and values (default en-US)
  --size     number of opportunities, 1–${MAX_SAMPLE_SIZE} (default ${SAMPLE_DEFAULTS.size}); accounts = max(30, size/10)
  --seed     random seed, an integer (default ${SAMPLE_DEFAULTS.seed})
  --as-of    AsOfDate of the sample (default ${isoFromSerial(SAMPLE_DEFAULTS.asOf)})
  --out      output file (default crm3-sample.<locale>.xlsx in the current folder)
`,
  zh: `用法：crm3 sample [--locale en-US|zh-CN] [--size N] [--seed S] [--out 文件.xlsx] [--as-of YYYY-MM-DD]

生成一个真实感的 CRM3 示例工作簿（客户、商机、联系人、决策链、活动、目标、行动计划及配置）。
相同的参数总是生成相同的文件。
  --locale   工作表、表头和取值的语言（默认 en-US）
  --size     商机数量，1–${MAX_SAMPLE_SIZE}（默认 ${SAMPLE_DEFAULTS.size}）；客户数 = max(30, size/10)
  --seed     随机种子，整数（默认 ${SAMPLE_DEFAULTS.seed}）
  --as-of    示例的基准日（默认 ${isoFromSerial(SAMPLE_DEFAULTS.asOf)}）
  --out      输出文件（默认为当前文件夹下的 crm3-sample.<locale>.xlsx）
`,
};

class UsageError extends Error {
  constructor(readonly text: Message) {
    super(text.en);
  }
}

function parseLocale(v: string): Locale | undefined {
  const k = v.trim().toLowerCase().replace('_', '-');
  if (k === 'en' || k === 'en-us') return 'en-US';
  if (k === 'zh' || k === 'zh-cn' || k === 'zh-hans' || k === 'zh-hans-cn') return 'zh-CN';
  return undefined;
}

/** Language of the messages: --lang, else --locale, else the environment. */
function messageLocale(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Locale {
  for (const flag of ['--lang', '--locale']) {
    for (let i = 0; i < argv.length; i++) {
      const [name, inline] = argv[i].split(/=(.*)/s, 2);
      if (name !== flag) continue;
      const v = inline ?? argv[i + 1];
      const locale = v === undefined ? undefined : parseLocale(v);
      if (locale) return locale;
    }
  }
  const lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return localeOf(lang);
}

function parseArgs(argv: readonly string[]): SampleArgs {
  const args: SampleArgs = {
    locale: SAMPLE_DEFAULTS.locale,
    size: SAMPLE_DEFAULTS.size,
    seed: SAMPLE_DEFAULTS.seed,
    asOf: SAMPLE_DEFAULTS.asOf,
    help: false,
  };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      args.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      throw new UsageError({ en: `unexpected argument "${arg}"`, zh: `无法识别的参数 "${arg}"` });
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    const known = ['--locale', '--size', '--seed', '--out', '--as-of', '--lang'];
    if (!known.includes(flag)) {
      throw new UsageError({ en: `unknown option ${flag}`, zh: `未知选项 ${flag}` });
    }
    if (seen.has(flag)) throw new UsageError({ en: `${flag} given more than once`, zh: `${flag} 重复指定` });
    seen.add(flag);
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError({ en: `${flag} needs a value`, zh: `${flag} 需要一个值` });
    }
    switch (flag) {
      case '--locale': {
        const locale = parseLocale(value);
        if (!locale)
          throw new UsageError({
            en: `--locale must be en-US or zh-CN, got "${value}"`,
            zh: `--locale 必须是 en-US 或 zh-CN，实际为 "${value}"`,
          });
        args.locale = locale;
        break;
      }
      case '--lang':
        if (!parseLocale(value))
          throw new UsageError({
            en: `--lang must be en-US or zh-CN, got "${value}"`,
            zh: `--lang 必须是 en-US 或 zh-CN，实际为 "${value}"`,
          });
        break;
      case '--size': {
        const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
        if (!Number.isSafeInteger(n) || n < 1 || n > MAX_SAMPLE_SIZE) {
          throw new UsageError({
            en: `--size must be a whole number from 1 to ${MAX_SAMPLE_SIZE}, got "${value}"`,
            zh: `--size 必须是 1 到 ${MAX_SAMPLE_SIZE} 之间的整数，实际为 "${value}"`,
          });
        }
        args.size = n;
        break;
      }
      case '--seed': {
        const n = /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
        if (!Number.isSafeInteger(n))
          throw new UsageError({ en: `--seed must be an integer, got "${value}"`, zh: `--seed 必须是整数，实际为 "${value}"` });
        args.seed = n;
        break;
      }
      case '--as-of': {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
        const serial = m ? serialFromYmd(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
        if (serial === undefined || serial < MIN_SAMPLE_AS_OF || serial > MAX_SAMPLE_AS_OF) {
          throw new UsageError({
            en: `--as-of must be a date YYYY-MM-DD (1903–9998), got "${value}"`,
            zh: `--as-of 必须是 YYYY-MM-DD 格式的日期（1903–9998 年），实际为 "${value}"`,
          });
        }
        args.asOf = serial;
        break;
      }
      case '--out':
        if (!/\.xlsx$/i.test(value))
          throw new UsageError({
            en: `--out must name an .xlsx file, got "${value}"`,
            zh: `--out 必须是 .xlsx 文件，实际为 "${value}"`,
          });
        args.out = value;
        break;
    }
  }
  return args;
}

/**
 * A sample larger than the other commands read by default (--size up to 200,000 makes about
 * 91 MB): the flag they need, said right away rather than as their refusal.
 */
export function largeSampleNote(bytes: number, limit: number = DEFAULT_ZIP_LIMITS.maxFileBytes): Message | undefined {
  if (bytes <= limit) return undefined;
  const size = Math.round(bytes / (1024 * 1024));
  const cap = Math.round(limit / (1024 * 1024));
  const flag = `--max-file-mb ${maxFileMbFor(bytes)}`;
  return {
    en: `The file is ${size} MB, more than the ${cap} MB the other crm3 commands read by default: give them ${flag} (e.g. crm3 evaluate <file> ${flag}).\n`,
    zh: `该文件为 ${size} MB，超过其他 crm3 命令默认读取的上限 ${cap} MB：请为它们加上 ${flag}（如 crm3 evaluate <文件> ${flag}）。\n`,
  };
}

export async function runSample(argv: readonly string[], io: Io, cwd: string = process.cwd()): Promise<number> {
  const lang = messageLocale(argv);
  let args: SampleArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`crm3 sample: ${pick(e.text, lang)}\n${pick(USAGE, lang)}`);
    return 2;
  }
  if (args.help) {
    io.out(pick(USAGE, lang));
    return 0;
  }
  const out = path.resolve(cwd, args.out ?? `crm3-sample.${args.locale}.xlsx`);
  const snapshot = generateSample({ locale: args.locale, size: args.size, seed: args.seed, asOf: args.asOf });
  const bytes = await writeWorkbook(snapshot, { locale: args.locale });
  const written = await writeOutput(out, bytes);
  if (!written.ok) {
    io.err(`crm3 sample: ${pick(written.reason.message, lang)}\n`);
    return 1;
  }
  const n = (name: keyof typeof snapshot.tables) => snapshot.tables[name]?.rows.length ?? 0;
  const shown = path.relative(cwd, out) || out;
  io.out(
    pick(
      {
        en:
          `Wrote ${shown}: ${plural(n('Accounts'), 'account')}, ${plural(n('Opportunities'), 'opportunity', 'opportunities')}, ${plural(n('Contacts'), 'contact')}, ` +
          `${plural(n('DecisionChain'), 'decision-chain row')}, ${plural(n('Activities'), 'activity', 'activities')}, ${plural(n('Targets'), 'target')}, ${plural(n('Actions'), 'action')} ` +
          `(as of ${isoFromSerial(args.asOf)}, seed ${args.seed}).\n`,
        zh:
          `已生成 ${shown}：${n('Accounts')} 个客户、${n('Opportunities')} 个商机、${n('Contacts')} 个联系人、` +
          `${n('DecisionChain')} 条决策链记录、${n('Activities')} 条活动、${n('Targets')} 条目标、${n('Actions')} 条行动计划` +
          `（基准日 ${isoFromSerial(args.asOf)}，随机种子 ${args.seed}）。\n`,
      },
      lang,
    ),
  );
  const note = largeSampleNote(bytes.byteLength);
  if (note) io.out(pick(note, lang));
  return 0;
}
