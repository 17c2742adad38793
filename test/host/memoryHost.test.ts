import { base64FromBytes } from '../../src/host/base64';
import { MemoryHost } from '../../src/host/memoryHost';
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { generateSample } from '../../src/model/sample';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { writeWorkbook } from '../../src/io/writeWorkbook';

const sample = generateSample({ size: 40, seed: 7 });
const host = (s: WorkbookSnapshot = sample) => new MemoryHost(s, { fileName: 'plan.xlsx', locale: 'en-US' });
const col = (s: WorkbookSnapshot, table: 'Opportunities' | 'Accounts', name: string) => s.tables[table]!.headers.indexOf(name);

async function snapshotOf(h: MemoryHost): Promise<WorkbookSnapshot> {
  const r = await h.readSnapshot();
  if (!r.ok) throw new Error(r.message.en);
  return r.snapshot;
}

describe('MemoryHost', () => {
  test('readSnapshot hands out copies: changing one changes neither the host nor the next read', async () => {
    const h = host();
    const a = await snapshotOf(h);
    a.tables.Opportunities!.rows[0][0] = 'CHANGED';
    const b = await snapshotOf(h);
    expect(b.tables.Opportunities!.rows[0][0]).toBe(sample.tables.Opportunities!.rows[0][0]);
    expect(b).toEqual(sample);
  });

  test('write changes table cells, config cells and settings together', async () => {
    const h = host();
    const r = await h.write({
      cells: [{ table: 'Opportunities', row: 2, column: 'Amount', value: 12345 }],
      config: [{ table: 'Criteria', row: 0, column: 'Weight', value: 40 }],
      settings: [{ setting: 'AsOfDate', value: 46400 }],
    });
    expect(r.ok).toBe(true);
    const s = await snapshotOf(h);
    expect(s.tables.Opportunities!.rows[2][col(s, 'Opportunities', 'Amount')]).toBe(12345);
    expect(s.config.Criteria!.rows[0][s.config.Criteria!.headers.indexOf('Weight')]).toBe(40);
    expect(s.settings.AsOfDate).toBe(46400);
  });

  test('columns may be named by an alias (zh header or English alias)', async () => {
    const h = host();
    expect((await h.write({ cells: [{ table: 'Opportunities', row: 0, column: '金额', value: 7 }] })).ok).toBe(true);
    expect((await h.write({ cells: [{ table: 'Opportunities', row: 1, column: 'Deal Size', value: 8 }] })).ok).toBe(true);
    const s = await snapshotOf(h);
    const j = col(s, 'Opportunities', 'Amount');
    expect([s.tables.Opportunities!.rows[0][j], s.tables.Opportunities!.rows[1][j]]).toEqual([7, 8]);
  });

  test.each([
    ['an unknown column', { table: 'Opportunities', row: 0, column: 'NoSuchColumn', value: 1 }, /NoSuchColumn/],
    ['a row past the end', { table: 'Opportunities', row: 40, column: 'Amount', value: 1 }, /row 41/],
    ['a negative row', { table: 'Opportunities', row: -1, column: 'Amount', value: 1 }, /row 0/],
    ['a computed column', { table: 'Accounts', row: 0, column: 'Tier', value: 'A' }, /computed/],
    ['a non-finite number', { table: 'Opportunities', row: 0, column: 'Amount', value: Infinity }, /finite/],
    ['an unknown table', { table: 'Leads', row: 0, column: 'Amount', value: 1 }, /Leads/],
  ])('a write with %s fails with a bilingual message and changes nothing', async (_, bad, pattern) => {
    const h = host();
    let calls = 0;
    h.onChanged(() => calls++);
    const r = await h.write({
      cells: [{ table: 'Opportunities', row: 0, column: 'Amount', value: 999 }, bad as never],
      settings: [{ setting: 'StaleDays', value: 10 }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message.en).toMatch(pattern);
    expect(r.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(await snapshotOf(h)).toEqual(sample);
    await new Promise((res) => setTimeout(res, 350));
    expect(calls).toBe(0);
  });

  test('an unknown setting fails, nothing written', async () => {
    const h = host();
    const r = await h.write({ settings: [{ setting: 'Foo' as never, value: 1 }] });
    expect(r.ok).toBe(false);
    expect(await snapshotOf(h)).toEqual(sample);
  });

  describe('onChanged', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    test('a burst of writes calls the handler once, 300 ms after the last; unsubscribe stops it', async () => {
      const h = host();
      const seen: number[] = [];
      const off = h.onChanged(() => seen.push(Date.now()));
      for (let i = 0; i < 5; i++) {
        await h.write({ cells: [{ table: 'Opportunities', row: i, column: 'Amount', value: i }] });
        jest.advanceTimersByTime(100);
      }
      expect(seen).toHaveLength(0);
      jest.advanceTimersByTime(199);
      expect(seen).toHaveLength(0);
      jest.advanceTimersByTime(1);
      expect(seen).toHaveLength(1);
      off();
      await h.write({ cells: [{ table: 'Opportunities', row: 0, column: 'Amount', value: 1 }] });
      jest.advanceTimersByTime(1000);
      expect(seen).toHaveLength(1);
    });

    test('unsubscribing cancels a pending call', async () => {
      const h = host();
      let calls = 0;
      const off = h.onChanged(() => calls++);
      await h.write({ settings: [{ setting: 'StaleDays', value: 12 }] });
      off();
      jest.advanceTimersByTime(1000);
      expect(calls).toBe(0);
    });
  });

  test('fileBytes → readWorkbookBuffer gives back the written values', async () => {
    const h = host();
    await h.write({
      cells: [
        { table: 'Opportunities', row: 3, column: 'Amount', value: 424242 },
        { table: 'Opportunities', row: 4, column: 'Competitor', value: '=cmd|calc' },
        { table: 'Accounts', row: 1, column: 'Region', value: '华东' },
      ],
      settings: [{ setting: 'Currency', value: 'EUR' }],
    });
    const file = await h.fileBytes();
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(file.name).toBe('plan.xlsx');
    const back = await readWorkbookBuffer(file.bytes, file.name);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    const s = back.snapshot;
    expect(s.tables.Opportunities!.rows[3][col(s, 'Opportunities', 'Amount')]).toBe(424242);
    expect(s.tables.Opportunities!.rows[4][col(s, 'Opportunities', 'Competitor')]).toBe('=cmd|calc');
    expect(s.tables.Accounts!.rows[1][col(s, 'Accounts', 'Region')]).toBe('华东');
    expect(s.settings.Currency).toBe('EUR');
    // Everything else as it was.
    expect(s.tables.Opportunities!.rows.length).toBe(sample.tables.Opportunities!.rows.length);
  });

  test('fromBytes reads a file, and says why it cannot read a broken one', async () => {
    const bytes = await writeWorkbook(sample, { locale: 'zh-CN' });
    const ok = await MemoryHost.fromBytes(bytes, '计划.xlsx', 'zh-CN');
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.host.displayLocale()).toBe('zh-CN');
      expect((await snapshotOf(ok.host)).tables.Opportunities!.rows).toEqual(sample.tables.Opportunities!.rows);
    }
    const bad = await MemoryHost.fromBytes(new TextEncoder().encode('not a workbook'), 'x.xlsx', 'en-US');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  test('insertTemplate adds the tables the workbook lacks and keeps (skips) the ones it has', async () => {
    const mine: WorkbookSnapshot = structuredClone(sample);
    delete mine.tables.Contacts;
    delete mine.tables.DecisionChain;
    delete mine.config.Benchmarks;
    const mineOpps = structuredClone(mine.tables.Opportunities);
    const template = generateSample({ size: 5, seed: 99 });
    const base64 = base64FromBytes(new Uint8Array(await writeWorkbook(template, { locale: 'en-US' })));
    const h = host(mine);
    let changed = 0;
    jest.useFakeTimers();
    try {
      h.onChanged(() => changed++);
      const progress: number[] = [];
      const r = await h.insertTemplate({ id: 'value-indicators', locale: 'en-US', base64, onProgress: (d) => progress.push(d) });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.sheets).toEqual(expect.arrayContaining(['Contacts', 'DecisionChain', 'Config']));
      expect(r.sheets.indexOf('Contacts')).toBeLessThan(r.sheets.indexOf('DecisionChain'));
      expect(r.firstSheet).toBe(r.sheets[0]);
      expect(r.skipped).toEqual(
        expect.arrayContaining([
          { kind: 'table', name: 'Opportunities' },
          { kind: 'table', name: 'Accounts' },
        ]),
      );
      expect(progress).toEqual([0, 1, 2]);
      const s = await snapshotOf(h);
      expect(s.tables.Contacts!.rows).toEqual(template.tables.Contacts!.rows);
      expect(s.config.Benchmarks!.rows).toEqual(template.config.Benchmarks!.rows);
      expect(s.tables.Opportunities).toEqual(mineOpps);
      jest.advanceTimersByTime(300);
      expect(changed).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });

  test('insertTemplate with a broken file fails and leaves the workbook as it was', async () => {
    const h = host();
    const r = await h.insertTemplate({ id: 'account-plan', locale: 'zh-CN', base64: base64FromBytes(new Uint8Array([1, 2, 3])) });
    expect(r.ok).toBe(false);
    expect(await snapshotOf(h)).toEqual(sample);
  });

  test('goTo records the target; a bad address is refused', async () => {
    const h = host();
    expect((await h.goTo('Opportunities', 'f12')).ok).toBe(true);
    expect(h.lastGoTo).toEqual({ sheet: 'Opportunities', cell: 'F12' });
    const bad = await h.goTo('Opportunities', 'twelve');
    expect(bad.ok).toBe(false);
    expect(h.lastGoTo).toEqual({ sheet: 'Opportunities', cell: 'F12' });
  });
});
