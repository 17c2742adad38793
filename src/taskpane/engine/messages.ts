/** The messages between the pane and its engine worker: one request, one reply (progress in between). */
import type { Locale } from '../../core/i18n';
import type { EvaluationResult } from '../../engine/evaluate';
import type { ReadOptions } from '../../io/readWorkbook';
import type { LoadOptions } from '../paneEngine';
import type { PaneEngineCore } from './paneEngineCore';

/** How an export is read: the column choices confirmed in the mapping view, the remembered Config (ImportMap). */
export type ExportReadOptions = Pick<ReadOptions, 'columnChoices' | 'importConfig'>;

export type EngineMethod =
  | 'load'
  | 'loadSample'
  | 'evaluate'
  | 'explain'
  | 'whatIf'
  | 'scopeValues'
  | 'charts'
  | 'tiering'
  | 'tiersUnder'
  | 'grading'
  | 'decisionChain'
  | 'stages'
  | 'snapshots'
  | 'compare'
  | 'planSnapshot'
  | 'reviewsDue'
  | 'reportData';
/** Work beside the engine: reading an .xlsx the user opened (ExcelJS), so a big file does not freeze the pane. */
export type WorkerMethod = EngineMethod | 'readWorkbook' | 'clientCopy';

export interface EngineRequest {
  id: number;
  method: WorkerMethod;
  args: unknown[];
}

export type EngineReply =
  | { id: number; kind: 'progress'; fraction: number }
  | { id: number; kind: 'done'; value: unknown }
  | { id: number; kind: 'failed'; error: string };

/**
 * Sent once by web mode's worker, unasked, the moment it has built the sample ahead
 * (PaneEngineCore.preloadSample): the whole workbook's results and the options they were built
 * with. The page's first load of that sample with equal options shows them at once
 * (WorkerEngine.load), without waiting for its own messages to be delivered and answered.
 */
export interface SamplePreloaded {
  kind: 'sample-preloaded';
  locale: Locale;
  options: LoadOptions;
  results: EvaluationResult;
}

/** Everything the worker posts to the page. */
export type WorkerMessage = EngineReply | SamplePreloaded;

/** What each method returns, so the client's calls are typed. */
export type EngineReturn<M extends EngineMethod> = ReturnType<PaneEngineCore[M]>;

/** The engine worker's name; web mode's says which sample the worker builds as soon as its script has run. */
export const WORKER_NAME = 'crm3-engine';
export const sampleWorkerName = (locale: Locale) => `${WORKER_NAME}:sample:${locale}`;

/** The sample a worker of this name builds at once, if any. */
export function sampleOfWorkerName(name: string | undefined): Locale | undefined {
  const m = /^crm3-engine:sample:(en-US|zh-CN)$/.exec(name ?? '');
  return m ? (m[1] as Locale) : undefined;
}
