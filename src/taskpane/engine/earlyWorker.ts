/**
 * Web mode's engine worker, started by the page's first script (engineStart.ts, in index.html's
 * <head>) before the page's entry and its chunks are fetched, so that fetching and compiling the
 * worker's 1.2 MB script overlaps the page's own (issue #15, web mode's first indicator). The
 * entry takes it over once (WorkerEngine); a worker of another name, or one whose script failed
 * to load, is ended and the entry starts its own, as it would without the early start.
 */
import { WorkerFactory, startEngineWorker } from './startWorker';

interface EarlyWorker {
  worker: Worker;
  name: string;
  failed: boolean;
  /** What the worker posted before the entry took it over (its sample's results, when it is quick). */
  received: unknown[];
}

/** The worker the first script started, with what it posted before the entry took it over. */
export interface TakenWorker {
  worker: Worker;
  received: unknown[];
}

/** Where the first script leaves the worker for the entry (two bundles share no module state). */
const SLOT = '__crm3EarlyEngineWorker';
type Slot = { [SLOT]?: EarlyWorker };

export function startEarlyWorker(name: string, start: WorkerFactory = startEngineWorker): void {
  const early: EarlyWorker = { worker: start(name), name, failed: false, received: [] };
  // The entry sets its own handlers later; a failure or a message before then must not be lost
  // (a worker's messages are dispatched as they come, to whatever listens then).
  early.worker.addEventListener?.('error', () => (early.failed = true));
  early.worker.onmessage = (e: MessageEvent) => void early.received.push(e.data);
  (globalThis as Slot)[SLOT] = early;
}

/** The worker the first script started under this name, once; undefined if none (or not usable). */
export function takeEarlyWorker(name: string): TakenWorker | undefined {
  const slot = globalThis as Slot;
  const early = slot[SLOT];
  delete slot[SLOT];
  if (!early) return undefined;
  if (early.name === name && !early.failed) return { worker: early.worker, received: early.received };
  early.worker.terminate();
  return undefined;
}
