/**
 * The `crm3` command line (DESIGN.md §9). Returns the exit code instead of exiting, so
 * tests can call it in-process.
 */
import { PRODUCT, VERSION } from '../version';
import { Locale, bi, localeOf, pick } from '../core/i18n';
import { helpText } from './help';
import { runSample } from './sample';
import { runEvaluate } from './evaluate';
import { runClientCopy } from './clientCopy';
import { runTemplates } from './templates';
import { runImport } from './import';
import { runExplain } from './explain';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export function systemLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale || '';
  return localeOf(lang);
}

export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  const langFlag = argv.indexOf('--lang');
  const locale: Locale = langFlag >= 0 ? localeOf(argv[langFlag + 1]) : systemLocale();
  const [command] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(helpText(locale));
    return 0;
  }
  if (command === '--version' || command === '-v') {
    io.out(`${PRODUCT} ${VERSION}\n`);
    return 0;
  }
  if (command === 'sample') return runSample(argv.slice(1), io);
  if (command === 'evaluate') return runEvaluate(argv.slice(1), io, locale, io === stdio && !!process.stderr.isTTY);
  if (command === 'client-copy') return runClientCopy(argv.slice(1), io, locale);
  if (command === 'templates') return runTemplates(argv.slice(1), io, locale);
  if (command === 'import') return runImport(argv.slice(1), io, locale);
  if (command === 'explain') return runExplain(argv.slice(1), io, locale);
  io.err(
    pick(
      bi(
        `crm3: unknown command "${command}". Run crm3 --help for usage.\n`,
        `crm3：未知命令“${command}”。运行 crm3 --help 查看用法。\n`,
      ),
      locale,
    ),
  );
  return 2;
}
