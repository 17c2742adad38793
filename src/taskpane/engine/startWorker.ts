/**
 * Starts the engine worker. Its own module, so that web mode's first script (engineStart.ts,
 * index.html's <head>) and the page's entry (through WorkerEngine) start the same worker bundle.
 */

/** The engine worker (a function, so tests can hand in their own); `name` is the worker's name. */
export type WorkerFactory = (name: string) => Worker;

// webpack 5 bundles the worker from this exact `new Worker(new URL(…, import.meta.url))` form; the
// chunk's name comes from the comment, so the worker's own name can say more.
export const startEngineWorker: WorkerFactory = (name) =>
  // @ts-expect-error -- tsconfig's module is CommonJS for jest; webpack compiles this file as ESM.
  new Worker(/* webpackChunkName: "crm3-engine" */ new URL('./engine.worker.ts', import.meta.url), { name });
