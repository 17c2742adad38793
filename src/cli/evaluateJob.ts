/**
 * One file of `crm3 evaluate`, as the worker thread runs it (fileRunner.ts): read the
 * workbook within the limits, check the memory its tables will need, evaluate it (each --by
 * value as soon as it is done) and report every result and failure as a message. Never
 * throws: a fault of the engine is a failure of this file, and the next file goes on.
 */
import { Locale, Message } from '../core/i18n';
import { EvaluationResult, evaluateBy, evaluateWorkbook, hasDataErrors, scopesProblem } from '../engine/evaluate';
import { findSnapshot, whatMoved, withDeltas } from '../engine/history';
import { evaluationBytes, memoryRefusal, tableCells } from '../engine/memoryBudget';
import { Scope, ScopeField } from '../engine/scope';
import { readInputBuffer, readInputFile } from '../io/readInput';
import { rowCount } from '../model/tableColumns';
import { today } from './dates';
import { TerminalSafeUtf8, terminalSafeUtf8 } from './terminalText';

export interface EvaluateJob {
  file: string;
  /**
   * The file's bytes, read by the command's thread while the worker started (the worker's
   * start and the reading of a 23 MB file then take the same 0.1–0.2 s, not one after the
   * other); without them the worker reads the file, and says why it cannot.
   */
  bytes?: Uint8Array;
  /** --as-of (Excel serial); else the workbook's AsOfDate, else today. */
  asOf?: number;
  scopes: Scope[];
  by?: ScopeField;
  /** `--since <label|date>`: Δ and What moved against that snapshot (whole workbook only). */
  since?: string;
  locale: Locale;
  maxRows: number;
  maxFileBytes: number;
  maxMemoryBytes: number;
  /**
   * The command prints each result as JSON and keeps nothing else of it (`--json` without
   * `--out`): the worker sends the JSON's bytes instead of the result. A result of 50,000
   * opportunities is otherwise serialized field by field and built again on the command's
   * thread (about 0.3 s of CPU in all), and its 8 MB text sent as a string is copied four
   * times on the way to stdout (docs/performance.md).
   */
  asJson?: boolean;
}

export type JobMessage =
  /** `dataErrors`: the result has data errors (exit 1), judged here so the command's thread needs no engine code. */
  | { kind: 'result'; result: EvaluationResult; dataErrors: boolean }
  /** The same, as `JSON.stringify(result, null, 2)` made terminal-safe, in UTF-8, when the job asked for it (`asJson`). */
  | { kind: 'resultJson'; json: TerminalSafeUtf8; dataErrors: boolean }
  /** The file could not be read or evaluated (exit 2). */
  | { kind: 'failure'; message: Message }
  /** The file was read, but a scope or --by field asked for is not in it (exit 1). */
  | { kind: 'scopeError'; message: Message }
  | { kind: 'done' };

export async function runEvaluateJob(job: EvaluateJob, post: (m: JobMessage) => void): Promise<void> {
  try {
    const limits = { maxRows: job.maxRows, maxFileBytes: job.maxFileBytes, maxMemoryBytes: job.maxMemoryBytes };
    const read = job.bytes ? await readInputBuffer(job.bytes, job.file, limits) : await readInputFile(job.file, limits);
    if (!read.ok) {
      post({ kind: 'failure', message: read.reason.message });
      return;
    }
    const snapshot = read.snapshot;
    const cells = tableCells(snapshot).toLocaleString('en-US');
    const opps = (snapshot.tables.Opportunities ? rowCount(snapshot.tables.Opportunities) : 0).toLocaleString('en-US');
    const refusal = memoryRefusal(job.file, 'evaluate', evaluationBytes(snapshot), job.maxMemoryBytes, {
      en: `${cells} table cells, ${opps} opportunities`,
      zh: `表格共 ${cells} 个单元格、${opps} 个商机`,
    });
    if (refusal) {
      post({ kind: 'failure', message: refusal });
      return;
    }
    const asOf = job.asOf ?? (typeof snapshot.settings.AsOfDate === 'number' ? snapshot.settings.AsOfDate : today());
    const options = { file: job.file, asOf, locale: job.locale, scopes: job.scopes };
    const wrong = scopesProblem(snapshot, job.scopes, job.by, options);
    if (wrong) {
      post({ kind: 'scopeError', message: wrong });
      return;
    }
    const postResult = (result: EvaluationResult) =>
      post(
        job.asJson
          ? { kind: 'resultJson', json: terminalSafeUtf8(JSON.stringify(result, null, 2)), dataErrors: hasDataErrors(result) }
          : { kind: 'result', result, dataErrors: hasDataErrors(result) },
      );
    if (job.by) evaluateBy(snapshot, job.by, options, postResult);
    else if (job.since) {
      const since = findSnapshot(snapshot, job.since);
      if ('problem' in since) {
        post({ kind: 'scopeError', message: since.problem });
        return;
      }
      const result = evaluateWorkbook(snapshot, options);
      postResult({ ...withDeltas(result, snapshot, since, job.locale), moved: whatMoved(snapshot, result, since) });
    } else postResult(evaluateWorkbook(snapshot, { ...options, handOver: true }));
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).slice(0, 300);
    post({
      kind: 'failure',
      message: {
        en: `${job.file} could not be evaluated: the CRM3 engine failed (${why}). This is a fault in CRM3: please report it with the file.`,
        zh: `无法计算 ${job.file}：CRM3 引擎出错（${why}）。这是 CRM3 的缺陷：请连同该文件一起报告。`,
      },
    });
  } finally {
    post({ kind: 'done' });
  }
}
