/**
 * The pane's engine in a Web Worker: HyperFormula builds and evaluates here, so the pane
 * stays responsive on a large workbook. Requests run one at a time, in the order sent.
 */
/// <reference lib="webworker" />
import type { Locale } from '../../core/i18n';
import type { WorkbookSnapshot } from '../../model/snapshot';
import type { LoadOptions } from '../paneEngine';
import {
  type EngineReply,
  type EngineRequest,
  type ExportReadOptions,
  type SamplePreloaded,
  sampleOfWorkerName,
} from './messages';
import { PaneEngineCore } from './paneEngineCore';
import { mark } from '../timing';

mark('worker-ready');

const core = new PaneEngineCore();
const scope = self as unknown as DedicatedWorkerGlobalScope;
const reply = (r: EngineReply) => scope.postMessage(r);

/** Reading a file waits for ExcelJS; engine calls still run one at a time, in order. */
async function readWorkbook(id: number, bytes: ArrayBuffer, name: string, options: ExportReadOptions = {}) {
  try {
    const { readWorkbookBuffer } = await import(/* webpackChunkName: "read-xlsx" */ '../../io/readWorkbook');
    reply({ id, kind: 'done', value: await readWorkbookBuffer(bytes, name, options) });
  } catch (e) {
    reply({ id, kind: 'failed', error: e instanceof Error ? e.message : String(e) });
  }
}

/** The client copy (CRM3 formulas replaced by values) computes with HyperFormula: here, not on the UI thread. */
async function clientCopy(id: number, bytes: Uint8Array, name: string, locale: Locale) {
  try {
    const { makeClientCopy } = await import(/* webpackChunkName: "client-copy" */ '../../io/clientCopy');
    const copy = await makeClientCopy(bytes, name, { locale, when: new Date() });
    scope.postMessage({ id, kind: 'done', value: copy } satisfies EngineReply, copy.ok ? [copy.bytes.buffer] : []);
  } catch (e) {
    reply({ id, kind: 'failed', error: e instanceof Error ? e.message : String(e) });
  }
}

scope.onmessage = (event: MessageEvent<EngineRequest>) => {
  const { id, method, args } = event.data;
  if (method === 'readWorkbook')
    return void readWorkbook(id, args[0] as ArrayBuffer, args[1] as string, args[2] as ExportReadOptions | undefined);
  if (method === 'clientCopy') return void clientCopy(id, args[0] as Uint8Array, args[1] as string, args[2] as Locale);
  try {
    let value: unknown;
    if (method === 'load' || method === 'loadSample') {
      const onProgress = (fraction: number) => reply({ id, kind: 'progress', fraction });
      mark('load-start');
      const [workbook, options] = args as [WorkbookSnapshot | Locale, LoadOptions];
      // 'loadSample': the page's workbook is web mode's sample, sent by its name (WorkerEngine.load).
      if (method === 'load') core.load(workbook as WorkbookSnapshot, options, onProgress);
      else core.loadSample(workbook as Locale, options, onProgress);
      mark('load-done');
    } else {
      value = (core[method] as (...a: unknown[]) => unknown).apply(core, args);
    }
    reply({ id, kind: 'done', value });
    if (method === 'evaluate') mark('evaluated');
  } catch (e) {
    reply({ id, kind: 'failed', error: e instanceof Error ? e.message : String(e) });
  }
};

// Web mode names the worker after the sample it opens on (workerEngine.ts): build it now, before
// any message, so the engine is ready when the page has loaded React, and send the page its
// results unasked: the page's messages reach this worker only after this script has run and the
// page's thread has handed them over, and the page shows these as soon as its first load is this
// sample (WorkerEngine.load). A failure here is the page's load's to report (it builds again and
// says why).
const locale = sampleOfWorkerName(scope.name);
if (locale) {
  mark('preload-start');
  try {
    scope.postMessage(core.preloadSample(locale) satisfies SamplePreloaded);
  } catch {
    core.dispose();
  }
  mark('preload-done');
}
