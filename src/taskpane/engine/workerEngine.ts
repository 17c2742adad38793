/** PaneEngine talking to the engine worker by message; each call resolves when its reply comes. */
import type { AnswerCode } from '../../engine/grading';
import type { Scope, ScopeField } from '../../engine/scope';
import type { TierSettings } from '../../engine/tiering';
import type { EvaluationResult } from '../../engine/evaluate';
import type { CellChange } from '../../engine/workbookEngine';
import type { WorkbookSnapshot } from '../../model/snapshot';
import { CANCELLED, LoadOptions, PaneEngine } from '../paneEngine';
import type { Locale } from '../../core/i18n';
import type { ClientCopyResult } from '../../io/clientCopy';
import type { ReadResult } from '../../io/readWorkbook';
import {
  type EngineMethod,
  type EngineReturn,
  type ExportReadOptions,
  type SamplePreloaded,
  type WorkerMessage,
  type WorkerMethod,
  WORKER_NAME,
  sampleWorkerName,
} from './messages';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (fraction: number) => void;
}

import type { TakenWorker } from './earlyWorker';
import { sameData, sameLoadOptions } from './sameData';
import { WorkerFactory, startEngineWorker } from './startWorker';

export type { WorkerFactory } from './startWorker';

export class WorkerEngine implements PaneEngine {
  private worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 1;

  /**
   * `preloadSample`: web mode, which opens on the sample in this language. The worker builds it
   * the moment its script has run, while the page loads React, without waiting for a message
   * (Chromium hands a new worker the messages sent before its script ran only once the page's
   * thread is free again); the page's first `load` of the sample then finds it built
   * (PaneEngineCore.preload). A worker started again after `cancel` does not.
   *
   * `early`: the worker of that name the page's first script already started (earlyWorker.ts),
   * taken over instead of starting one (with what it posted before); undefined when there is none.
   */
  constructor(
    private readonly start: WorkerFactory = startEngineWorker,
    options: { preloadSample?: Locale; early?: (name: string) => TakenWorker | undefined } = {},
  ) {
    const name = options.preloadSample ? sampleWorkerName(options.preloadSample) : WORKER_NAME;
    if (options.preloadSample) this.preloaded = new Promise((resolve) => (this.samplePreloaded = resolve));
    const early = options.early?.(name);
    this.worker = this.started(name, early?.worker);
    for (const message of early?.received ?? []) this.receive(message as WorkerMessage);
  }

  /** The results the worker sends unasked once it has built the sample ahead (web mode); never settles otherwise. */
  private preloaded?: Promise<SamplePreloaded>;
  private samplePreloaded?: (message: SamplePreloaded) => void;
  /** The whole workbook's results for the next `evaluate`, when the first load kept the sample built ahead. */
  private firstResults?: EvaluationResult;
  /** Loads asked for so far: a load that ends after a later one began leaves no results behind. */
  private loads = 0;

  private started(name = WORKER_NAME, early?: Worker): Worker {
    const worker = early ?? this.start(name);
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.receive(e.data);
    worker.onerror = (e) => this.failAll(e.message || 'engine worker failed');
    return worker;
  }

  /** A worker busy with a long load answers nothing else: end it, fail its calls, and start a new one. */
  cancel(): void {
    this.worker.terminate();
    this.failAll(CANCELLED);
    this.preloaded = undefined;
    this.firstResults = undefined;
    this.worker = this.started();
  }

  private receive(reply: WorkerMessage): void {
    if (reply.kind === 'sample-preloaded') return this.samplePreloaded?.(reply);
    const p = this.pending.get(reply.id);
    if (!p) return;
    if (reply.kind === 'progress') return p.onProgress?.(reply.fraction);
    this.pending.delete(reply.id);
    if (reply.kind === 'done') p.resolve(reply.value);
    else p.reject(new Error(reply.error));
  }

  private failAll(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  private send<T>(
    method: WorkerMethod,
    args: unknown[],
    onProgress?: (f: number) => void,
    transfer: Transferable[] = [],
  ): Promise<T> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.worker.postMessage({ id, method, args }, transfer);
    });
  }

  private call<M extends EngineMethod>(method: M, args: unknown[], onProgress?: (f: number) => void): Promise<EngineReturn<M>> {
    return this.send<EngineReturn<M>>(method, args, onProgress);
  }

  /** Reads an .xlsx in the worker (the bytes move there); never throws for a bad file: the result says why. */
  readWorkbook(bytes: ArrayBuffer, name: string, options: ExportReadOptions = {}): Promise<ReadResult> {
    return this.send<ReadResult>('readWorkbook', [bytes, name, options], undefined, [bytes]);
  }

  /**
   * Web mode's built-in sample in this language, as the page generated it (webMode/sample.ts):
   * a first load of a workbook equal to it (compared here, on the page's thread, while the worker
   * is still building) sends the sample's name instead of the workbook, and the worker loads its
   * own copy of the sample, keeping the engine it built ahead (PaneEngineCore.loadSample). That
   * spares the worker copying the workbook in and comparing it, on the way to the first results.
   */
  holdsSample(locale: Locale, snapshot: WorkbookSnapshot): void {
    this.sample = { locale, snapshot };
  }
  private sample?: { locale: Locale; snapshot: WorkbookSnapshot };

  /**
   * The first load of the sample also takes the results the worker sent unasked when it built
   * the sample ahead with equal options (messages.ts `SamplePreloaded`): the load is done when
   * they come, and the next `evaluate` of the whole workbook returns them, without waiting for
   * the worker to be handed this load and to answer it and the evaluation, two round trips
   * between two busy threads (issue #15). The worker still gets the load, in order, and keeps
   * the engine it built, so every later call finds the same workbook loaded.
   */
  async load(snapshot: WorkbookSnapshot, options: LoadOptions, onProgress?: (fraction: number) => void) {
    const sample = this.sample;
    this.sample = undefined;
    this.firstResults = undefined;
    const load = ++this.loads;
    if (!sample || sample.locale !== options.locale || !sameData(snapshot, sample.snapshot))
      return void (await this.call('load', [snapshot, options], onProgress));
    let taken = false;
    const loaded = this.call('loadSample', [sample.locale, options], (f) => taken || onProgress?.(f));
    const first = await Promise.race([loaded.then(() => undefined), this.preloaded ?? loaded.then(() => undefined)]);
    // A later load (another language, say) sent meanwhile: these results are no longer the workbook's.
    if (first && load === this.loads && first.locale === sample.locale && sameLoadOptions(first.options, options)) {
      taken = true;
      this.firstResults = first.results;
      // The worker keeps the engine these results came from: its answer adds nothing, and a failure
      // could only be of a worker already gone, which every later call reports.
      void loaded.catch(() => undefined);
      return;
    }
    await loaded;
  }
  /** The workbook for clients without the add-in: CRM3 formulas replaced by their values (computed in the worker). */
  clientCopy(bytes: Uint8Array, name: string, locale: Locale): Promise<ClientCopyResult> {
    const own = bytes.slice();
    return this.send<ClientCopyResult>('clientCopy', [own, name, locale], undefined, [own.buffer]);
  }

  evaluate(scopes?: readonly Scope[]) {
    const first = this.firstResults;
    this.firstResults = undefined;
    if (first && !scopes?.length) return Promise.resolve(first);
    return this.call('evaluate', [scopes]);
  }
  explain(indicatorId: string, scopes?: readonly Scope[]) {
    return this.call('explain', [indicatorId, scopes]);
  }
  whatIf(changes: readonly CellChange[], scopes?: readonly Scope[]) {
    return this.call('whatIf', [changes, scopes]);
  }
  scopeValues(field: ScopeField) {
    return this.call('scopeValues', [field]);
  }
  charts(scopes?: readonly Scope[]) {
    return this.call('charts', [scopes]);
  }
  tiering() {
    return this.call('tiering', []);
  }
  tiersUnder(settings: TierSettings) {
    return this.call('tiersUnder', [settings]);
  }
  grading(row: number, answers?: Readonly<Record<string, AnswerCode>>) {
    return this.call('grading', [row, answers]);
  }
  decisionChain(row: number) {
    return this.call('decisionChain', [row]);
  }
  stages() {
    return this.call('stages', []);
  }
  snapshots() {
    return this.call('snapshots', []);
  }
  compare(sinceDate: number) {
    return this.call('compare', [sinceDate]);
  }
  planSnapshot(label: string | null) {
    return this.call('planSnapshot', [label]);
  }
  reviewsDue() {
    return this.call('reviewsDue', []);
  }
  reportData() {
    return this.call('reportData', []);
  }
  dispose() {
    this.firstResults = undefined;
    this.failAll('engine disposed');
    this.worker.terminate();
  }
}
