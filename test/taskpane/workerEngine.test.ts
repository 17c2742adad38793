/**
 * WorkerEngine's cancel: a worker busy with a long load answers nothing else, so cancel ends
 * it, fails the calls it had (with CANCELLED), and starts a new worker for what comes next.
 */
import { CANCELLED } from '../../src/taskpane/paneEngine';
import { WorkerEngine } from '../../src/taskpane/engine/workerEngine';
import { sampleOfWorkerName } from '../../src/taskpane/engine/messages';
import { startEarlyWorker, takeEarlyWorker } from '../../src/taskpane/engine/earlyWorker';
import { SAMPLE_FILE, sampleWorkbook } from '../../src/taskpane/webMode/sample';
import type { EvaluationResult } from '../../src/engine/evaluate';
import type { LoadOptions } from '../../src/taskpane/paneEngine';

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
  /** What web mode's worker posts unasked once it has built its sample (engine.worker.ts). */
  push(data: unknown): void {
    this.onmessage?.({ data });
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

describe('the worker web mode’s first script started (earlyWorker.ts)', () => {
  class EarlyFake extends FakeWorker {
    private readonly listeners: (() => void)[] = [];
    addEventListener(type: string, listener: () => void): void {
      if (type === 'error') this.listeners.push(listener);
    }
    fail(): void {
      for (const l of this.listeners) l();
    }
  }
  const early = (name: string) => {
    const w = new EarlyFake();
    startEarlyWorker(name, () => w as unknown as Worker);
    return w;
  };

  test('is taken over by the engine of the same name, once, instead of starting another', async () => {
    const w = early('crm3-engine:sample:en-US');
    const started: string[] = [];
    const engine = new WorkerEngine((name) => (started.push(name), new FakeWorker() as unknown as Worker), {
      preloadSample: 'en-US',
      early: takeEarlyWorker,
    });
    expect(started).toEqual([]);
    const pending = engine.stages().catch((e: Error) => e.message);
    expect(w.received.map((m) => m.method)).toEqual(['stages']);
    expect(w.onmessage).not.toBeNull();
    // Taken once: nothing left for a second engine.
    expect(takeEarlyWorker('crm3-engine:sample:en-US')).toBeUndefined();
    engine.dispose();
    await expect(pending).resolves.toBe('engine disposed');
  });

  test('one of another name, or whose script failed, is ended and the engine starts its own', () => {
    const otherName = () => early('crm3-engine:sample:zh-CN');
    const failed = () => {
      const w = early('crm3-engine:sample:en-US');
      w.fail();
      return w;
    };
    for (const setUp of [otherName, failed]) {
      const w = setUp();
      const started: string[] = [];
      const engine = new WorkerEngine((name) => (started.push(name), new FakeWorker() as unknown as Worker), {
        preloadSample: 'en-US',
        early: takeEarlyWorker,
      });
      expect(w.terminated).toBe(true);
      expect(started).toEqual(['crm3-engine:sample:en-US']);
      engine.dispose();
    }
  });

  test('without a first script, the engine starts its worker as before', () => {
    const started: string[] = [];
    new WorkerEngine((name) => (started.push(name), new FakeWorker() as unknown as Worker), {
      preloadSample: 'zh-CN',
      early: takeEarlyWorker,
    });
    expect(started).toEqual(['crm3-engine:sample:zh-CN']);
  });
});

describe('web mode’s first load of the sample (WorkerEngine.holdsSample)', () => {
  const setUp = () => {
    const w = new FakeWorker();
    const engine = new WorkerEngine(() => w as unknown as Worker, { preloadSample: 'en-US' });
    const sample = sampleWorkbook('en-US');
    engine.holdsSample('en-US', sample);
    return { w, engine, sample };
  };
  const options = { locale: 'en-US' as const, file: SAMPLE_FILE['en-US'] };
  // The fake worker never answers: the calls fail when the engine is disposed.
  const unanswered = (call: Promise<void>) => void call.catch(() => undefined);

  test('a first load equal to the sample goes by the sample’s name; the next load sends its workbook', () => {
    const { w, engine, sample } = setUp();
    unanswered(engine.load(structuredClone(sample), options));
    unanswered(engine.load(structuredClone(sample), options));
    expect(w.received.map((m) => [m.method, (m as unknown as { args: unknown[] }).args[0] === 'en-US'])).toEqual([
      ['loadSample', true],
      ['load', false],
    ]);
    expect((w.received[0] as unknown as { args: unknown[] }).args).toEqual(['en-US', options]);
    engine.dispose();
  });

  test('a workbook that differs, or another language, is sent whole', () => {
    const changed = setUp();
    const workbook = structuredClone(changed.sample);
    workbook.settings = { ...workbook.settings, AsOfDate: 46000 };
    unanswered(changed.engine.load(workbook, options));
    const other = setUp();
    unanswered(other.engine.load(structuredClone(other.sample), { ...options, locale: 'zh-CN' }));
    expect([changed.w, other.w].map((w) => w.received.map((m) => m.method))).toEqual([['load'], ['load']]);
    changed.engine.dispose();
    other.engine.dispose();
  });
});

describe('the sample’s results the worker sends unasked (SamplePreloaded)', () => {
  const options: LoadOptions = { locale: 'en-US', file: SAMPLE_FILE['en-US'] };
  // Not real results: the engine passes on whatever the worker sent, and this says which it was.
  const results = { marker: 'sent unasked' } as unknown as EvaluationResult;
  const pushed = (o = options) => ({ kind: 'sample-preloaded', locale: 'en-US', options: o, results });
  const setUp = (early?: FakeWorker) => {
    const w = early ?? new FakeWorker();
    const engine = new WorkerEngine(() => w as unknown as Worker, {
      preloadSample: 'en-US',
      ...(early ? { early: takeEarlyWorker } : {}),
    });
    const sample = sampleWorkbook('en-US');
    engine.holdsSample('en-US', sample);
    return { w, engine, sample };
  };
  const methods = (w: FakeWorker) => w.received.map((m) => m.method);

  test('the first load of the sample is done when they come, and the first evaluation returns them', async () => {
    const { w, engine, sample } = setUp();
    const progress: number[] = [];
    const load = engine.load(structuredClone(sample), options, (f) => progress.push(f));
    w.push(pushed());
    await load;
    await expect(engine.evaluate()).resolves.toBe(results);
    // The worker is still told, in order, and keeps its engine; its late answer changes nothing.
    expect(methods(w)).toEqual(['loadSample']);
    w.onmessage?.({ data: { id: w.received[0].id, kind: 'progress', fraction: 1 } });
    w.answer(w.received[0].id, undefined);
    expect(progress).toEqual([]);
    // Once: the next evaluation, and a scoped one, ask the worker.
    const again = engine.evaluate();
    const scoped = engine.evaluate([{ field: 'Owner', value: 'Ann' }] as never);
    expect(methods(w)).toEqual(['loadSample', 'evaluate', 'evaluate']);
    w.answer(w.received[1].id, 'asked');
    await expect(again).resolves.toBe('asked');
    engine.dispose();
    await expect(scoped).rejects.toThrow('engine disposed');
  });

  test('results built with other options are not shown: the load waits for the worker, which builds again', async () => {
    const { w, engine, sample } = setUp();
    let done = false;
    const load = engine.load(structuredClone(sample), options).then(() => (done = true));
    w.push(pushed({ ...options, file: 'other.xlsx' }));
    await Promise.resolve();
    expect(done).toBe(false);
    w.answer(w.received[0].id, undefined);
    await load;
    const evaluated = engine.evaluate();
    expect(methods(w)).toEqual(['loadSample', 'evaluate']);
    engine.dispose();
    await expect(evaluated).rejects.toThrow('engine disposed');
  });

  test('a workbook other than the sample is loaded and evaluated by the worker, whatever it sent', async () => {
    const { w, engine, sample } = setUp();
    w.push(pushed());
    const changed = structuredClone(sample);
    changed.settings = { ...changed.settings, AsOfDate: 46000 };
    const load = engine.load(changed, options);
    w.answer(w.received[0].id, undefined);
    await load;
    const evaluated = engine.evaluate();
    expect(methods(w)).toEqual(['load', 'evaluate']);
    engine.dispose();
    await expect(evaluated).rejects.toThrow('engine disposed');
  });

  test('a load begun before they come (another language) is not answered with them', async () => {
    const { w, engine, sample } = setUp();
    let firstDone = false;
    const first = engine.load(structuredClone(sample), options).then(() => (firstDone = true));
    const second = engine.load(structuredClone(sample), { ...options, locale: 'zh-CN' });
    w.push(pushed());
    await Promise.resolve();
    // The first load now waits for the worker's own answer, like any load.
    expect(firstDone).toBe(false);
    expect(methods(w)).toEqual(['loadSample', 'load']);
    w.answer(w.received[0].id, undefined);
    await first;
    w.answer(w.received[1].id, undefined);
    await second;
    const evaluated = engine.evaluate();
    expect(methods(w)).toEqual(['loadSample', 'load', 'evaluate']);
    engine.dispose();
    await expect(evaluated).rejects.toThrow('engine disposed');
  });

  test('sent before the entry took the first script’s worker over, they are not lost', async () => {
    const w = new FakeWorker();
    startEarlyWorker('crm3-engine:sample:en-US', () => w as unknown as Worker);
    w.push(pushed());
    const { engine, sample } = setUp(w);
    await engine.load(structuredClone(sample), options);
    await expect(engine.evaluate()).resolves.toBe(results);
    engine.dispose();
  });
});
