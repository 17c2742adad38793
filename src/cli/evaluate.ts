/**
 * `crm3 evaluate <file.xlsx|folder> [--as-of YYYY-MM-DD] [--json|--table] [--out report.xlsx]
 *  [--scope owner=Li ...] [--by owner|region|industry|tier|account] [--lang zh-CN]
 *  [--max-seconds N] [--max-memory MB] [--max-rows N] [--max-file-mb N]`
 * Exit codes: 0 evaluated, 1 evaluated with data errors, 2 could not be read (DESIGN.md §9).
 *
 * Each file runs in a worker thread with a time and a memory budget (fileRunner.ts); its
 * results are printed as soon as they are computed (a folder file by file, --by value by
 * value), and a file that fails never stops the others.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { Locale, Message, bi, localeOf, pick } from '../core/i18n';
import type { EvaluationResult } from '../engine/evaluate';
import { SCOPE_FIELDS, Scope, ScopeField, fieldNamed } from '../engine/scope';
import { writeReport } from '../io/writeReport';
import { refuseInputs, writeOutput } from '../io/safeOutput';
import { readFileBytes } from '../io/zipGuard';
import { Budget, budgetFailure, defaultBudget, parseBudgetOption } from './budget';
import { EvaluateJob, JobMessage } from './evaluateJob';
import { WorkerRunner } from './fileRunner';
import { formatTable } from './format';
import type { Io } from './main';
import type { TerminalSafeUtf8 } from './terminalText';
import { UsageError, asOfFlag, flagValue, scopeFlag, usage } from './flags';

interface EvaluateArgs {
  target: string;
  asOf?: number;
  format: 'json' | 'table';
  out?: string;
  scopes: Scope[];
  by?: ScopeField;
  /** `--since <label|date>`: Δ against that snapshot. */
  since?: string;
  locale: Locale;
  budget: Budget;
}

function parseArgs(argv: readonly string[], locale: Locale): EvaluateArgs {
  const args: EvaluateArgs = { target: '', format: 'table', scopes: [], locale, budget: defaultBudget() };
  const value = (i: number, flag: string): string => flagValue(argv, i, flag);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--json':
        args.format = 'json';
        break;
      case '--table':
        args.format = 'table';
        break;
      case '--as-of':
        args.asOf = asOfFlag(value(i++, a));
        break;
      case '--out':
        args.out = value(i++, a);
        if (!args.out.toLowerCase().endsWith('.xlsx')) throw usage('--out must name an .xlsx file', '--out 必须是 .xlsx 文件');
        break;
      case '--scope':
        args.scopes.push(scopeFlag(value(i++, a)));
        break;
      case '--by': {
        const v = value(i++, a);
        const f = fieldNamed(v);
        if (!f)
          throw usage(
            `--by must be one of ${SCOPE_FIELDS.join(', ')}, got "${v}"`,
            `--by 必须是 ${SCOPE_FIELDS.join('、')} 之一，实际为 "${v}"`,
          );
        args.by = f;
        break;
      }
      case '--lang':
        args.locale = localeOf(value(i++, a));
        break;
      case '--since':
        args.since = value(i++, a);
        break;
      case '--max-seconds':
      case '--max-memory':
      case '--max-rows':
      case '--max-file-mb': {
        const problem = parseBudgetOption(args.budget, a, value(i++, a));
        if (problem) throw new UsageError(problem);
        break;
      }
      default:
        if (a.startsWith('--')) throw usage(`unknown option ${a} (see crm3 --help)`, `未知选项 ${a}（见 crm3 --help）`);
        if (args.target)
          throw usage(
            `give one file or folder, not "${args.target}" and "${a}"`,
            `只能给出一个文件或文件夹，而不是 "${args.target}" 和 "${a}"`,
          );
        args.target = a;
    }
  }
  if (!args.target) throw usage('name the workbook (.xlsx) or folder to evaluate', '请指定要计算的工作簿（.xlsx）或文件夹');
  if (args.since && (args.by || args.scopes.length))
    throw usage(
      '--since compares the whole workbook with a snapshot; it cannot be combined with --scope or --by',
      '--since 将整个工作簿与快照比较，不能与 --scope 或 --by 同时使用',
    );
  return args;
}

/** Files of a folder to evaluate: .xlsx and CSV exports, not Excel's lock files, sorted. */
async function workbooksIn(folder: string): Promise<string[]> {
  const names = await fs.readdir(folder);
  return names
    .filter((n) => /\.(xlsx|csv)$/i.test(n) && !n.startsWith('~$'))
    .sort()
    .map((n) => path.join(folder, n));
}

function progress(io: Io, done: number, total: number, name: string): void {
  const width = 24;
  const filled = Math.round((done / total) * width);
  io.err(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${path.basename(name).slice(0, 40).padEnd(40)}`,
  );
  if (done === total) io.err('\n');
}

/** The worker module beside this one: compiled .js in dist-cli/ (bin/build-cli.js), .ts in tests. */
const WORKER = path.join(__dirname, `evaluateWorker${path.extname(__filename)}`);

/** Prints results as they come: a JSON array (or one object), or tables one after another. */
class ResultPrinter {
  private printed = 0;

  constructor(
    private readonly io: Io,
    private readonly format: 'json' | 'table',
    private readonly locale: Locale,
    /** One file, no --by: a single JSON object, printed when it is known to be the only one. */
    private readonly single: boolean,
  ) {}

  add(r: EvaluationResult): void {
    if (this.format === 'table') {
      this.io.out((this.printed ? '\n' : '') + formatTable(r, this.locale));
      this.printed++;
    } else this.addJsonText(JSON.stringify(r, null, 2));
  }

  /** A result already as JSON, terminal-safe in UTF-8 (the worker's `resultJson`): a single one is written as it is. */
  addJson(json: TerminalSafeUtf8): void {
    if (this.single && this.io.outBytes) {
      this.io.outBytes(json);
      this.io.out('\n');
      this.printed++;
    } else this.addJsonText(new TextDecoder().decode(json));
  }

  private addJsonText(json: string): void {
    if (this.single) this.io.out(json + '\n');
    else this.io.out((this.printed ? ',\n' : '[\n') + json.replace(/^/gm, '  '));
    this.printed++;
  }

  end(): void {
    if (this.format === 'json' && !this.single && this.printed) this.io.out('\n]\n');
  }
}

export async function runEvaluate(argv: readonly string[], io: Io, locale: Locale, isTty = false): Promise<number> {
  let args: EvaluateArgs;
  try {
    args = parseArgs(argv, locale);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`crm3 evaluate: ${pick(e.message, locale)}\n`);
    return 2;
  }
  let files = [args.target];
  let folder = false;
  try {
    if ((await fs.stat(args.target)).isDirectory()) {
      folder = true;
      files = await workbooksIn(args.target);
      if (files.length === 0) {
        io.err(
          pick(
            bi(`crm3 evaluate: no .xlsx files in ${args.target}\n`, `crm3 evaluate：文件夹 ${args.target} 中没有 .xlsx 文件\n`),
            args.locale,
          ),
        );
        return 2;
      }
    }
  } catch {
    // Not found: the reader says so with the file's name.
  }

  // A wrong --out is refused before any work is done (and checked again when written).
  if (args.out) {
    const refused = await refuseInputs(args.out, { inputs: files });
    if (refused) {
      io.err(`crm3 evaluate: ${pick(refused.message, args.locale)}\n`);
      return 2;
    }
  }

  const printer = new ResultPrinter(io, args.format, args.locale, !folder && !args.by);
  const results: EvaluationResult[] = [];
  let failed = false;
  let dataErrors = false;
  let scopeErrors = false;
  const runner = WorkerRunner.for<EvaluateJob, JobMessage>(WORKER, {
    maxSeconds: args.budget.maxSeconds,
    maxMemoryMb: args.budget.maxMemoryMb,
  });
  try {
    for (let k = 0; k < files.length; k++) {
      const file = files[k];
      // The worker starts while this thread reads the file (the same limits as the worker's read).
      runner.warm();
      const maxFileBytes = args.budget.maxFileMb * 1024 * 1024;
      const read = await readFileBytes(file, { maxFileBytes });
      const job: EvaluateJob = {
        file,
        ...(read.ok ? { bytes: read.bytes } : {}),
        asOf: args.asOf,
        scopes: args.scopes,
        by: args.by,
        since: args.since,
        locale: args.locale,
        maxRows: args.budget.maxRows,
        maxFileBytes,
        maxMemoryBytes: args.budget.maxMemoryMb * 1024 * 1024,
        asJson: args.format === 'json' && !args.out,
      };
      const fail = (message: Message) => {
        failed = true;
        io.err(`${folder && isTty ? '\r' : ''}crm3 evaluate: ${file}: ${pick(message, args.locale)}\n`);
      };
      const onMessage = (m: JobMessage) => {
        if (m.kind === 'failure') return fail(m.message);
        if (m.kind === 'scopeError') {
          // The file was read, but the scope asked for is not in it (exit 1): nothing to show.
          scopeErrors = true;
          return io.err(`${folder && isTty ? '\r' : ''}crm3 evaluate: ${file}: ${pick(m.message, args.locale)}\n`);
        }
        if (m.kind === 'resultJson') {
          dataErrors ||= m.dataErrors;
          return printer.addJson(m.json);
        }
        if (m.kind !== 'result') return;
        dataErrors ||= m.dataErrors;
        if (args.out) results.push(m.result);
        printer.add(m.result);
      };
      // The file's bytes go to the worker with the job, not copied.
      const end = await runner.run(job, onMessage, read.ok ? [read.bytes.buffer as ArrayBuffer] : []);
      if (!end.ok) fail(budgetFailure(file, end.reason, end.detail, args.budget));
      if (folder && isTty) progress(io, k + 1, files.length, file);
    }
  } finally {
    runner.release();
  }
  printer.end();

  if (args.out && results.length) {
    const written = await writeOutput(args.out, await writeReport(results, args.locale), { inputs: files });
    if (!written.ok) {
      io.err(`crm3 evaluate: ${pick(written.reason.message, args.locale)}\n`);
      return 2;
    }
    if (args.format === 'table') io.out(pick(bi(`Report written to ${args.out}\n`, `报告已写入 ${args.out}\n`), args.locale));
  }
  if (failed) return 2;
  return dataErrors || scopeErrors ? 1 : 0;
}
