/**
 * Each file of a run in a worker thread with a time and a memory budget (issue #12). A
 * workbook that would take longer than `maxSeconds` without reporting, or whose heap would
 * pass `maxMemoryMb`, stops its worker — never the command: the file gets a clear failure
 * naming the limit and the option that raises it, and the next file runs in a fresh worker.
 * A worker is reused from file to file while all is well (starting one costs about a second).
 */
import * as path from 'path';
import { setFlagsFromString } from 'v8';
import { Worker } from 'worker_threads';

export interface WorkerBudget {
  /** Longest a job may go without sending a message (each result restarts the clock), in seconds. */
  maxSeconds: number;
  /** Largest JavaScript heap of the worker, in MB (V8's old generation). */
  maxMemoryMb: number;
}

export type RunEnd = { ok: true } | { ok: false; reason: 'time' | 'memory' | 'crash'; detail: string };

/**
 * Loads the worker's module: the compiled .js as it is (bin/crm3.js runs dist-cli/), a .ts
 * source through tsx (a development dependency: tests run the sources).
 */
const BOOTSTRAP = `
const { workerData } = require('worker_threads');
if (workerData.entry.endsWith('.ts')) require('tsx/cjs/api').register();
require(workerData.entry);
`;

/** How long an idle worker waits for the next command in this process (tests run many) before it stops. */
const IDLE_MS = 3000;

/**
 * How far V8 lets the heap grow past what the last full collection kept before it collects
 * again: 50 % instead of its default of up to 300 % for fast-allocating programs. An evaluation
 * keeps about 260 MB alive at 50,000 opportunities but makes gigabytes of short-lived rows and
 * masks on the way; with the default, the heap grew to 1.05 GB of mostly garbage before one full
 * collection (peak RSS 1.3 GB), with this to about 0.6 GB for the same CPU time
 * (docs/performance.md, issue #15). Process-wide, so set before the first worker starts.
 */
const HEAP_GROWING_PERCENT = 50;
let heapGrowthSet = false;
function limitHeapGrowth(): void {
  if (heapGrowthSet) return;
  heapGrowthSet = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

export class WorkerRunner<Job, Message extends { kind: string }> {
  private worker: Worker | undefined;
  private idle: NodeJS.Timeout | undefined;
  private static readonly shared = new Map<string, WorkerRunner<unknown, { kind: string }>>();

  /** `entry`: the worker's module; it answers each job with messages and finally `{ kind: 'done' }`. */
  constructor(
    private readonly entry: string,
    private budget: WorkerBudget,
  ) {}

  /**
   * A runner for `entry` with this memory limit, shared by the commands of this process: its
   * worker (and the modules it loaded) serves the next command too, until it has been idle a while.
   */
  static for<Job, Message extends { kind: string }>(entry: string, budget: WorkerBudget): WorkerRunner<Job, Message> {
    const key = `${path.resolve(entry)}|${budget.maxMemoryMb}`;
    let runner = WorkerRunner.shared.get(key) as WorkerRunner<Job, Message> | undefined;
    if (!runner) {
      runner = new WorkerRunner<Job, Message>(entry, budget);
      WorkerRunner.shared.set(key, runner as unknown as WorkerRunner<unknown, { kind: string }>);
    }
    runner.budget = { ...budget };
    return runner;
  }

  private start(): Worker {
    limitHeapGrowth();
    return new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { entry: path.resolve(this.entry) },
      resourceLimits: { maxOldGenerationSizeMb: this.budget.maxMemoryMb },
      stdout: false,
      stderr: false,
    });
  }

  /** Starts the worker now if there is none, so that it starts while the caller prepares the job. */
  warm(): void {
    clearTimeout(this.idle);
    this.worker ??= this.start();
  }

  /**
   * Runs one job; `onMessage` gets each message but the final `done`. Never rejects. The
   * buffers in `transfer` are handed to the worker with the job, not copied.
   */
  run(job: Job, onMessage: (m: Message) => void, transfer: ArrayBuffer[] = []): Promise<RunEnd> {
    clearTimeout(this.idle);
    const worker = (this.worker ??= this.start());
    worker.ref();
    return new Promise<RunEnd>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (end: RunEnd, keep: boolean) => {
        clearTimeout(timer);
        worker.off('message', message);
        worker.off('error', error);
        worker.off('exit', exit);
        if (!keep) {
          if (this.worker === worker) this.worker = undefined;
          void worker.terminate();
        }
        resolve(end);
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(
          () => finish({ ok: false, reason: 'time', detail: `no answer within ${this.budget.maxSeconds} s` }, false),
          this.budget.maxSeconds * 1000,
        );
      };
      const message = (m: Message) => {
        if (m.kind === 'done') return finish({ ok: true }, true);
        arm();
        onMessage(m);
      };
      const error = (e: Error & { code?: string }) =>
        finish(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { ok: false, reason: 'memory', detail: e.message }
            : { ok: false, reason: 'crash', detail: e.message },
          false,
        );
      const exit = (code: number) =>
        finish({ ok: false, reason: 'crash', detail: `the worker stopped (exit code ${code})` }, false);
      worker.on('message', message);
      worker.on('error', error);
      worker.on('exit', exit);
      arm();
      worker.postMessage(job, transfer);
    });
  }

  /** The command is done: the worker no longer holds the process open, and stops when idle a while. */
  release(): void {
    const w = this.worker;
    if (!w) return;
    w.unref();
    clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.close(), IDLE_MS);
    this.idle.unref();
  }

  /** Stops the worker now. */
  async close(): Promise<void> {
    clearTimeout(this.idle);
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
