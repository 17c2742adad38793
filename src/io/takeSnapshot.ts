/**
 * Taking a snapshot of a workbook's bytes (issue 16): read, evaluate at the date, plan what
 * the History tables gain (engine/history.ts) and append it to the package
 * (historyPackage.ts). The CLI's `crm3 snapshot` uses it; the pane's Save snapshot plans the
 * same rows in its engine (planSnapshot) and has its host write them.
 * Never throws; the input bytes are only read.
 */
import { Locale, Message } from '../core/i18n';
import { EvaluationResult, evaluateWorkbook } from '../engine/evaluate';
import { HistoryRowsToAppend, planSnapshot } from '../engine/history';
import { appendHistoryRows } from './historyPackage';
import { workbookLocale } from '../model/layout';
import { readWorkbookBuffer } from './readWorkbook';

export type SnapshotOutcome =
  | { kind: 'written'; bytes: Uint8Array; date: number; rows: HistoryRowsToAppend; evaluation: EvaluationResult }
  /** A snapshot of this date is already there: the workbook stays as it is. */
  | { kind: 'same-date'; date: number; evaluation: EvaluationResult }
  | { kind: 'failed'; message: Message };

export interface SnapshotOptions {
  /** The snapshot's date (Excel serial); default Config's AsOfDate, else `today`. */
  asOf?: number;
  today: number;
  label: string | null;
  /** Language of messages and of the evaluation's names. */
  locale: Locale;
  when: Date;
}

export async function takeSnapshot(bytes: Uint8Array, name: string, options: SnapshotOptions): Promise<SnapshotOutcome> {
  const read = await readWorkbookBuffer(bytes, name);
  if (!read.ok) return { kind: 'failed', message: read.reason.message };
  const workbook = read.snapshot;
  const asOf = options.asOf ?? (typeof workbook.settings.AsOfDate === 'number' ? workbook.settings.AsOfDate : options.today);
  const evaluation = evaluateWorkbook(workbook, { file: name, asOf, locale: options.locale });
  const plan = planSnapshot(workbook, evaluation, asOf, options.label);
  if (plan.kind === 'refused') return { kind: 'failed', message: plan.message };
  if (plan.kind === 'same-date') return { kind: 'same-date', date: asOf, evaluation };
  const appended = await appendHistoryRows(bytes, name, plan.rows, { locale: workbookLocale(workbook), when: options.when });
  if (!appended.ok) return { kind: 'failed', message: appended.message };
  return { kind: 'written', bytes: appended.bytes, date: asOf, rows: plan.rows, evaluation };
}
