/**
 * Web mode's engine worker builds the sample while the page loads React (issue #15, web
 * mode's first indicator): the page's first load of the same workbook keeps that engine, and
 * anything else (another workbook, one cell changed, other options) builds as before. The
 * results are always those of a fresh load.
 */
import { WorkbookEngine } from '../../src/engine/workbookEngine';
import { MemoryHost } from '../../src/host/memoryHost';
import type { WorkbookSnapshot } from '../../src/model/snapshot';
import { PaneEngineCore } from '../../src/taskpane/engine/paneEngineCore';
import type { LoadOptions } from '../../src/taskpane/paneEngine';
import { sameData } from '../../src/taskpane/engine/sameData';
import { SAMPLE_FILE, sampleWorkbook } from '../../src/taskpane/webMode/sample';
import { sampleHost } from '../../src/taskpane/webMode/webHost';

afterEach(() => jest.restoreAllMocks());

/** What the page sends: the sample host's workbook as read (a structured clone of it). */
async function pageSnapshot(locale: 'en-US' | 'zh-CN'): Promise<WorkbookSnapshot> {
  const read = await sampleHost(locale).readSnapshot();
  if (!read.ok) throw new Error('sample host unreadable');
  return read.snapshot;
}

function freshResult(snapshot: WorkbookSnapshot, options: LoadOptions) {
  const core = new PaneEngineCore();
  core.load(structuredClone(snapshot), options);
  const result = core.evaluate();
  core.dispose();
  return result;
}

describe('sameData', () => {
  test('equal data in equal shapes', () => {
    expect(sameData({ a: [1, 'x', null, { b: NaN }] }, { a: [1, 'x', null, { b: NaN }] })).toBe(true);
    expect(sameData(structuredClone({ t: [[1, 2], [3]] }), { t: [[1, 2], [3]] })).toBe(true);
    expect(sameData(new Date(5), new Date(5))).toBe(true);
  });
  test('any difference, of value, key, length or kind', () => {
    expect(sameData({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData({ a: 1, c: 2 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData([0], [-0])).toBe(false);
    expect(sameData({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData(new Map(), new Map())).toBe(false); // not plain data: the caller builds again
    expect(sameData(new Date(5), 5)).toBe(false);
  });
});

describe('PaneEngineCore.preload', () => {
  test('the page’s load of the same sample keeps the engine built ahead, with the fresh results', async () => {
    const options = { locale: 'en-US' as const, file: SAMPLE_FILE['en-US'] };
    const fresh = freshResult(await pageSnapshot('en-US'), options);
    const build = jest.spyOn(WorkbookEngine, 'build');
    const core = new PaneEngineCore();
    core.preload(sampleWorkbook('en-US'), options);
    expect(build).toHaveBeenCalledTimes(1);
    const progress: number[] = [];
    core.load(await pageSnapshot('en-US'), { ...options }, (f) => progress.push(f));
    expect(build).toHaveBeenCalledTimes(1);
    expect(progress).toEqual([1]);
    expect(core.evaluate()).toEqual(fresh);
    // Once only: a later load builds again.
    core.load(await pageSnapshot('en-US'), options);
    expect(build).toHaveBeenCalledTimes(2);
    core.dispose();
  });

  test('the results computed ahead serve the first evaluation after the kept load, and only that one', async () => {
    const options = { locale: 'en-US' as const, file: SAMPLE_FILE['en-US'] };
    const fresh = freshResult(await pageSnapshot('en-US'), options);
    const core = new PaneEngineCore();
    core.preload(sampleWorkbook('en-US'), options);
    const read = jest.spyOn(WorkbookEngine.prototype, 'indicators');
    core.load(await pageSnapshot('en-US'), options);
    expect(core.evaluate()).toEqual(fresh);
    expect(read).not.toHaveBeenCalled(); // computed during preload
    expect(core.evaluate()).toEqual(fresh);
    expect(read).toHaveBeenCalled();
    core.dispose();

    // Not for a scope or with the workings, nor after a what-if: those are computed when asked.
    for (const ask of [
      (c: PaneEngineCore) => c.evaluate(undefined, true),
      (c: PaneEngineCore) => c.evaluate([{ field: 'owner', value: 'nobody' }]),
      (c: PaneEngineCore) => (c.whatIf([]), c.evaluate()),
    ]) {
      const other = new PaneEngineCore();
      other.preload(sampleWorkbook('en-US'), options);
      other.load(await pageSnapshot('en-US'), options);
      read.mockClear();
      ask(other);
      expect(read).toHaveBeenCalled();
      other.dispose();
    }
  });

  test('the sample sent by its name keeps the engine built ahead when the options are equal, else loads the sample afresh', async () => {
    const options = { locale: 'zh-CN' as const, file: SAMPLE_FILE['zh-CN'] };
    const fresh = freshResult(await pageSnapshot('zh-CN'), options);
    const build = jest.spyOn(WorkbookEngine, 'build');
    const core = new PaneEngineCore();
    // What the worker sends the page unasked (WorkerEngine.load shows it): the same results.
    const sent = core.preloadSample('zh-CN');
    expect(sent).toEqual({ kind: 'sample-preloaded', locale: 'zh-CN', options, results: fresh });
    expect(build).toHaveBeenCalledTimes(1);
    const progress: number[] = [];
    core.loadSample('zh-CN', { ...options }, (f) => progress.push(f));
    expect(build).toHaveBeenCalledTimes(1);
    expect(progress).toEqual([1]);
    expect(core.evaluate()).toEqual(fresh);
    // Once only; and another language, file or date, or no preload, loads the sample anew.
    core.loadSample('zh-CN', options);
    expect(build).toHaveBeenCalledTimes(2);
    expect(core.evaluate()).toEqual(fresh);
    for (const [preloaded, asked, other] of [
      ['en-US', 'zh-CN', options],
      ['zh-CN', 'zh-CN', { ...options, file: 'other.xlsx' }],
      ['zh-CN', 'zh-CN', { ...options, asOf: 46000 }],
      [undefined, 'zh-CN', options],
    ] as const) {
      const c = new PaneEngineCore();
      if (preloaded) c.preloadSample(preloaded);
      build.mockClear();
      c.loadSample(asked, other);
      expect(build).toHaveBeenCalledTimes(1);
      expect(c.evaluate()).toEqual(freshResult(await pageSnapshot(asked), other));
      c.dispose();
    }
    core.dispose();
  });

  test('a workbook with one cell changed is built anew, and its results are its own', async () => {
    const options = { locale: 'en-US' as const, file: SAMPLE_FILE['en-US'] };
    const changed = await pageSnapshot('en-US');
    const opp = changed.tables.Opportunities!;
    const amount = opp.headers.indexOf('Amount');
    expect(amount).toBeGreaterThanOrEqual(0);
    opp.rows[0][amount] = (Number(opp.rows[0][amount]) || 0) + 1_000_000;
    const fresh = freshResult(changed, options);
    const core = new PaneEngineCore();
    core.preload(sampleWorkbook('en-US'), options);
    const build = jest.spyOn(WorkbookEngine, 'build');
    core.load(changed, options);
    expect(build).toHaveBeenCalledTimes(1);
    expect(core.evaluate()).toEqual(fresh);
    expect(core.evaluate()).not.toEqual(freshResult(await pageSnapshot('en-US'), options));
    core.dispose();
  });

  test('other options (language, file name, evaluation date) build anew', async () => {
    const snapshot = await pageSnapshot('en-US');
    for (const other of [
      { locale: 'zh-CN' as const, file: SAMPLE_FILE['en-US'] },
      { locale: 'en-US' as const, file: 'other.xlsx' },
      { locale: 'en-US' as const, file: SAMPLE_FILE['en-US'], asOf: 46000 },
    ]) {
      const core = new PaneEngineCore();
      core.preload(sampleWorkbook('en-US'), { locale: 'en-US', file: SAMPLE_FILE['en-US'] });
      const build = jest.spyOn(WorkbookEngine, 'build');
      core.load(structuredClone(snapshot), other);
      expect(build).toHaveBeenCalledTimes(1);
      build.mockRestore();
      core.dispose();
    }
  });

  test('the sample the worker builds is the one the page holds, in both languages', async () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      expect(sameData(sampleWorkbook(locale), await pageSnapshot(locale))).toBe(true);
      const host = new MemoryHost(sampleWorkbook(locale), { fileName: SAMPLE_FILE[locale], locale });
      const read = await host.readSnapshot();
      expect(read.ok && sameData(read.snapshot, sampleWorkbook(locale))).toBe(true);
    }
    expect(sameData(sampleWorkbook('en-US'), sampleWorkbook('zh-CN'))).toBe(false);
  });
});
