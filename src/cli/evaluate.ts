/**
 * `crm3 evaluate <file.xlsx|folder> [--as-of YYYY-MM-DD] [--json|--table] [--out report.xlsx]
 *  [--scope owner=Li ...] [--by owner|region|industry|tier|account] [--lang zh-CN]`
 * Exit codes: 0 evaluated, 1 evaluated with data errors, 2 could not be read (DESIGN.md §9).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { Locale, Message, bi, localeOf, pick } from '../core/i18n';
import { EvaluationResult, evaluateBy, evaluateWorkbook, hasDataErrors, scopesProblem } from '../engine/evaluate';
import { findSnapshot, whatMoved, withDeltas } from '../engine/history';
import { SCOPE_FIELDS, Scope, ScopeField, fieldNamed, parseScope } from '../engine/scope';
import { readInputFile } from '../io/readInput';
import { writeReport } from '../io/writeReport';
import { refuseInputs, writeOutput } from '../io/safeOutput';
import { formatTable } from './format';
import { parseIsoDate, today } from './dates';
import type { Io } from './main';

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
}

class UsageError {
  constructor(readonly message: Message) {}
}

const usage = (en: string, zh: string) => new UsageError({ en, zh });

function parseArgs(argv: readonly string[], locale: Locale): EvaluateArgs {
  const args: EvaluateArgs = { target: '', format: 'table', scopes: [], locale };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw usage(`${flag} needs a value`, `${flag} 需要一个值`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--json':
        args.format = 'json';
        break;
      case '--table':
        args.format = 'table';
        break;
      case '--as-of': {
        const v = value(i++, a);
        const serial = parseIsoDate(v);
        if (serial === undefined)
          throw usage(`--as-of must be a date YYYY-MM-DD, got "${v}"`, `--as-of 必须是 YYYY-MM-DD 格式的日期，实际为 "${v}"`);
        args.asOf = serial;
        break;
      }
      case '--out':
        args.out = value(i++, a);
        if (!args.out.toLowerCase().endsWith('.xlsx')) throw usage('--out must name an .xlsx file', '--out 必须是 .xlsx 文件');
        break;
      case '--scope': {
        const v = value(i++, a);
        const s = parseScope(v);
        if (!s)
          throw usage(
            `--scope must look like owner=Li (fields: ${SCOPE_FIELDS.join(', ')}), got "${v}"`,
            `--scope 的格式应为 owner=李伟（字段：${SCOPE_FIELDS.join('、')}），实际为 "${v}"`,
          );
        args.scopes.push(s);
        break;
      }
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

interface FileOutcome {
  file: string;
  results: EvaluationResult[];
  failure?: string;
  /** A scope the workbook cannot answer (exit 1): the file was read, but there is nothing to show. */
  scopeError?: string;
}

async function evaluateFile(file: string, args: EvaluateArgs): Promise<FileOutcome> {
  const read = await readInputFile(file);
  if (!read.ok) return { file, results: [], failure: pick(read.reason.message, args.locale) };
  const snapshot = read.snapshot;
  const asOf = args.asOf ?? (typeof snapshot.settings.AsOfDate === 'number' ? snapshot.settings.AsOfDate : today());
  const options = { file, asOf, locale: args.locale, scopes: args.scopes };
  const wrong = scopesProblem(snapshot, args.scopes, args.by, options);
  if (wrong) return { file, results: [], scopeError: pick(wrong, args.locale) };
  const results = args.by ? evaluateBy(snapshot, args.by, options) : [evaluateWorkbook(snapshot, options)];
  if (args.since) {
    const since = findSnapshot(snapshot, args.since);
    if ('problem' in since) return { file, results: [], scopeError: pick(since.problem, args.locale) };
    return {
      file,
      results: results.map((r) => ({ ...withDeltas(r, snapshot, since, args.locale), moved: whatMoved(snapshot, r, since) })),
    };
  }
  return { file, results };
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

  const outcomes: FileOutcome[] = [];
  for (let k = 0; k < files.length; k++) {
    outcomes.push(await evaluateFile(files[k], args));
    if (folder && isTty) progress(io, k + 1, files.length, files[k]);
  }

  for (const o of outcomes) if (o.failure) io.err(`crm3 evaluate: ${o.file}: ${o.failure}\n`);
  for (const o of outcomes) if (o.scopeError) io.err(`crm3 evaluate: ${o.file}: ${o.scopeError}\n`);
  const results = outcomes.flatMap((o) => o.results);
  if (args.format === 'json') {
    const single = !folder && !args.by && results.length === 1;
    if (results.length) io.out(JSON.stringify(single ? results[0] : results, null, 2) + '\n');
  } else {
    for (const r of results) io.out(formatTable(r, args.locale) + (results.length > 1 ? '\n' : ''));
  }
  if (args.out && results.length) {
    const written = await writeOutput(args.out, await writeReport(results, args.locale), { inputs: files });
    if (!written.ok) {
      io.err(`crm3 evaluate: ${pick(written.reason.message, args.locale)}\n`);
      return 2;
    }
    if (args.format === 'table') io.out(pick(bi(`Report written to ${args.out}\n`, `报告已写入 ${args.out}\n`), args.locale));
  }
  if (outcomes.some((o) => o.failure)) return 2;
  return results.some(hasDataErrors) || outcomes.some((o) => o.scopeError) ? 1 : 0;
}
