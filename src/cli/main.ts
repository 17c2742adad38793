/**
 * The `crm3` command line (DESIGN.md §9). Returns the exit code instead of exiting, so
 * tests can call it in-process.
 */
import { PRODUCT, VERSION } from '../version';
import { Locale, bi, localeOf, pick } from '../core/i18n';
import { helpText } from './help';
import { TerminalSafeUtf8, terminalSafe } from './terminalText';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /**
   * Output already terminal-safe (terminalSafeUtf8), written as it is: no string is made of
   * it. Without it, a writer gives `out` its text.
   */
  outBytes?: (b: TerminalSafeUtf8) => void;
}

const stdio: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  outBytes: (b) => process.stdout.write(b),
};

/** Output that cannot drive the terminal, whatever workbook text it carries (terminalText.ts). */
function terminalIo(io: Io): Io {
  return {
    out: (s) => io.out(terminalSafe(s)),
    err: (s) => io.err(terminalSafe(s)),
    // Already terminal-safe (terminalSafeUtf8): passed on as they are.
    outBytes: io.outBytes,
  };
}

/** A subcommand; `isTty` says whether stderr is the user's terminal (the progress bar). */
type Command = (argv: readonly string[], io: Io, locale: Locale, isTty: boolean) => Promise<number>;

/**
 * The subcommands, each loaded only when it runs: `crm3 --help` then loads neither the engine
 * nor the xlsx code (in the compiled CLI each subcommand imported here is its own bundle, see
 * bin/build-cli.js).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  sample: async () => {
    const { runSample } = await import('./sample');
    return (argv, io) => runSample(argv, io);
  },
  evaluate: async () => (await import('./evaluate')).runEvaluate,
  'client-copy': async () => {
    const { runClientCopy } = await import('./clientCopy');
    return (argv, io, locale) => runClientCopy(argv, io, locale);
  },
  templates: async () => (await import('./templates')).runTemplates,
  import: async () => (await import('./import')).runImport,
  snapshot: async () => {
    const { runSnapshot } = await import('./snapshot');
    return (argv, io, locale) => runSnapshot(argv, io, locale);
  },
  review: async () => (await import('./review')).runReview,
  report: async () => (await import('./report')).runReport,
  kit: async () => {
    const { runKit } = await import('./kit');
    return (argv, io, locale) => runKit(argv, io, locale);
  },
  explain: async () => (await import('./explain')).runExplain,
};

export function systemLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale || '';
  return localeOf(lang);
}

export async function main(argv: readonly string[], rawIo: Io = stdio): Promise<number> {
  const io = terminalIo(rawIo);
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
  const load = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (load) return (await load())(argv.slice(1), io, locale, rawIo === stdio && !!process.stderr.isTTY);
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
