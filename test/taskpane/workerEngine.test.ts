/**
 * WorkerEngine's cancel: a worker busy with a long load answers nothing else, so cancel ends
 * it, fails the calls it had (with CANCELLED), and starts a new worker for what comes next.
 */
import { CANCELLED } from '../../src/taskpane/paneEngine';
import { WorkerEngine } from '../../src/taskpane/engine/workerEngine';
import { sampleOfWorkerName } from '../../src/taskpane/engine/messages';

class FakeWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string }) => void) | null = null;
  readonly received: { id: number; method: string }[] = [];
  terminated = false;
  postMessage(message: { id: number; method: string }): void {
    this.received.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(id: number, value: unknown): void {
    this.onmessage?.({ data: { id, kind: 'done', value } });
  }
}

test('cancel fails the running calls, ends the worker and starts a new one', async () => {
  const workers: FakeWorker[] = [];
  const engine = new WorkerEngine(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
  const load = engine.stages();
  const next = engine.stages();
  engine.cancel();
  await expect(load).rejects.toThrow(CANCELLED);
  await expect(next).rejects.toThrow(CANCELLED);
  expect(workers.map((w) => w.terminated)).toEqual([true, false]);
  // A late answer of the old worker is nobody's; the new worker serves the next call.
  workers[0].answer(1, ['late']);
  const after = engine.stages();
  expect(workers[1].received.map((m) => m.method)).toEqual(['stages']);
  workers[1].answer(workers[1].received[0].id, ['Discover']);
  await expect(after).resolves.toEqual(['Discover']);
  engine.dispose();
  expect(workers[1].terminated).toBe(true);
});

test('web mode’s worker is named after the sample it builds at once; one started again after cancel is not', () => {
  const names: string[] = [];
  const engine = new WorkerEngine(
    (name) => {
      names.push(name);
      return new FakeWorker() as unknown as Worker;
    },
    { preloadSample: 'zh-CN' },
  );
  engine.cancel();
  new WorkerEngine((name) => {
    names.push(name);
    return new FakeWorker() as unknown as Worker;
  });
  expect(names).toEqual(['crm3-engine:sample:zh-CN', 'crm3-engine', 'crm3-engine']);
  // The worker reads the same names back (engine.worker.ts).
  expect(names.map(sampleOfWorkerName)).toEqual(['zh-CN', undefined, undefined]);
  expect(sampleOfWorkerName('crm3-engine:sample:fr-FR')).toBeUndefined();
  expect(sampleOfWorkerName(undefined)).toBeUndefined();
});
