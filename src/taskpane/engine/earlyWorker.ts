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
}

/** Where the first script leaves the worker for the entry (two bundles share no module state). */
const SLOT = '__crm3EarlyEngineWorker';
type Slot = { [SLOT]?: EarlyWorker };

export function startEarlyWorker(name: string, start: WorkerFactory = startEngineWorker): void {
  const early: EarlyWorker = { worker: start(name), name, failed: false };
  // The entry sets its own handlers later; a failure before then must not be lost.
  early.worker.addEventListener?.('error', () => (early.failed = true));
  (globalThis as Slot)[SLOT] = early;
}

/** The worker the first script started under this name, once; undefined if none (or not usable). */
export function takeEarlyWorker(name: string): Worker | undefined {
  const slot = globalThis as Slot;
  const early = slot[SLOT];
  delete slot[SLOT];
  if (!early) return undefined;
  if (early.name === name && !early.failed) return early.worker;
  early.worker.terminate();
  return undefined;
}
