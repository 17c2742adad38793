/**
 * WorkerEngine's cancel: a worker busy with a long load answers nothing else, so cancel ends
 * it, fails the calls it had (with CANCELLED), and starts a new worker for what comes next.
 */
import { CANCELLED } from '../../src/taskpane/paneEngine';
import { WorkerEngine } from '../../src/taskpane/engine/workerEngine';

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
