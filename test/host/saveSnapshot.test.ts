/**
 * The pane's Save snapshot (issue 16): the engine plans the rows (planSnapshot, the code of
 * `crm3 snapshot`) and the host writes them: office-js in Excel (the fake Excel), the file's
 * bytes and the in-memory tables in web mode. What lands in the History tables must be what
 * `crm3 snapshot` (takeSnapshot) writes into a file for the same workbook and date.
 */
import { Cell } from '../../src/core/cells';
import { Status, canonical } from '../../src/core/enumerations';
import { Locale } from '../../src/core/i18n';
import { ExcelHost } from '../../src/host/excelHost';
import { MemoryHost } from '../../src/host/memoryHost';
import type { HistoryRowsToAppend } from '../../src/engine/history';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { takeSnapshot } from '../../src/io/takeSnapshot';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import { HISTORY_TABLES } from '../../src/model/schema';
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { InProcessEngine } from '../../src/taskpane/engine/inProcessEngine';
import { installExcel } from './fakeExcel';
import { installOffice } from './officeSetup';

const DAY1 = 46300;
const DAY2 = 46314;

async function sampleBytes(locale: Locale): Promise<Uint8Array> {
  return new Uint8Array(await writeWorkbook(generateSample({ size: 40, seed: 5, locale }), { locale }));
}

async function readBytes(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  const r = await readWorkbookBuffer(bytes, 'w.xlsx');
  if (!r.ok) throw new Error(r.reason.message.en);
  return r.snapshot;
}

/** The history tables' rows, each as {column: value} (column order of the table does not matter). */
function historyOf(w: WorkbookSnapshot): Record<string, Record<string, Cell>[]> {
  const out: Record<string, Record<string, Cell>[]> = {};
  for (const t of HISTORY_TABLES) {
    const table = w.tables[t];
    out[t] = (table?.rows ?? []).map((r) => Object.fromEntries(table!.headers.map((h, j) => [h, r[j] ?? null])));
  }
  return out;
}

async function plan(w: WorkbookSnapshot, asOf: number, label: string | null): Promise<HistoryRowsToAppend | 'same-date'> {
  const engine = new InProcessEngine();
  await engine.load(w, { locale: 'en-US', asOf });
  const p = await engine.planSnapshot(label);
  engine.dispose();
  if (p.kind === 'refused') throw new Error(p.message.en);
  return p.kind === 'same-date' ? 'same-date' : p.rows;
}

/** What `crm3 snapshot` writes for the bytes at the date. */
async function cliSnapshot(bytes: Uint8Array, asOf: number, label: string | null): Promise<Uint8Array> {
  const taken = await takeSnapshot(bytes, 'w.xlsx', { asOf, today: asOf, label, locale: 'en-US', when: new Date(0) });
  if (taken.kind !== 'written') throw new Error(taken.kind);
  return taken.bytes;
}

beforeEach(() => installOffice());

describe('Save snapshot in Excel (office-js)', () => {
  test.each(['en-US', 'zh-CN'] as const)(
    'creates the history tables (%s), then grows them, as crm3 snapshot does in a file',
    async (locale) => {
      const bytes = await sampleBytes(locale);
      const st = installExcel();
      await st.loadXlsx(bytes);
      const host = new ExcelHost();
      const read = async () => {
        const r = await host.readSnapshot();
        if (!r.ok) throw new Error(r.message.en);
        return r.snapshot;
      };

      const rows1 = await plan(await read(), DAY1, 'Q1 review');
      if (rows1 === 'same-date') throw new Error('same-date');
      const r1 = await host.appendHistory(rows1);
      expect(r1).toEqual({
        ok: true,
        sheets: locale === 'zh-CN' ? ['历史快照', '商机历史', '客户历史'] : ['Snapshots', 'OppHistory', 'AccountHistory'],
      });
      // Tables named as the file writer names them, with names over their columns.
      expect(st.tables.filter((t) => HISTORY_TABLES.includes(t.name as never)).map((t) => t.name)).toEqual([
        'History',
        'OppHistory',
        'AccountHistory',
      ]);
      expect(st.names.find((n) => n.name === 'Hist_Date')?.formula).toBe(
        locale === 'zh-CN' ? '=History[快照日期]' : '=History[Date]',
      );
      const cli1 = await cliSnapshot(bytes, DAY1, 'Q1 review');
      expect(historyOf(await read())).toEqual(historyOf(await readBytes(cli1)));

      // A second snapshot two weeks on, one deal grown: the existing tables grow by rows.add.
      const w = await read();
      const o = w.tables.Opportunities!;
      const open = o.rows.findIndex((r) => canonical(Status, r[o.headers.indexOf('Status')]) === 'Open');
      const amountCol = o.headers.indexOf('Amount');
      const grown = (o.rows[open][amountCol] as number) + 10_000;
      const write = await host.write({ cells: [{ table: 'Opportunities', row: open, column: 'Amount', value: grown }] });
      expect(write.ok).toBe(true);
      const rows2 = await plan(await read(), DAY2, null);
      if (rows2 === 'same-date') throw new Error('same-date');
      // Only the grown deal changed between the two dates' states.
      expect(rows2.OppHistory.map((r) => r[1])).toEqual([o.rows[open][o.headers.indexOf('OppId')]]);
      expect((await host.appendHistory(rows2)).ok).toBe(true);
      const tablesAfter = st.tables.filter((t) => HISTORY_TABLES.includes(t.name as never));
      expect(tablesAfter.map((t) => t.bottom - t.top)).toEqual([
        rows1.History.length + rows2.History.length,
        rows1.OppHistory.length + 1,
        rows1.AccountHistory.length + rows2.AccountHistory.length,
      ]);

      // The CLI on the same edited workbook at DAY2 gives the same history.
      const editedBytes = await (async () => {
        const e = await readBytes(cli1);
        e.tables.Opportunities!.rows[open][amountCol] = grown;
        return new Uint8Array(await writeWorkbook(e, { locale }));
      })();
      const cli2 = await cliSnapshot(editedBytes, DAY2, null);
      expect(historyOf(await read())).toEqual(historyOf(await readBytes(cli2)));

      // The same date again: nothing to write.
      expect(await plan(await read(), DAY2, 'again')).toBe('same-date');
    },
  );

  test('a refused write leaves the workbook as it was (added rows and sheets are taken out)', async () => {
    const bytes = await sampleBytes('en-US');
    const st = installExcel();
    await st.loadXlsx(bytes);
    const host = new ExcelHost();
    const first = await host.readSnapshot();
    if (!first.ok) throw new Error('read');
    const rows1 = await plan(first.snapshot, DAY1, null);
    if (rows1 === 'same-date') throw new Error('same-date');
    expect((await host.appendHistory(rows1)).ok).toBe(true);
    const before = st.inventory();
    const sizes = st.tables.map((t) => t.bottom);
    const again = await host.readSnapshot();
    if (!again.ok) throw new Error('read');
    const rows2 = await plan(again.snapshot, DAY2, null);
    if (rows2 === 'same-date') throw new Error('same-date');
    st.failOn.add('rows.add');
    const r = await host.appendHistory(rows2);
    expect(r.ok).toBe(false);
    expect(st.inventory()).toEqual(before);
    expect(st.tables.map((t) => t.bottom)).toEqual(sizes);
  });

  test('a history sheet without a table is refused with a message, nothing written', async () => {
    const bytes = await sampleBytes('en-US');
    const st = installExcel();
    await st.loadXlsx(bytes);
    st.put('History', 'A1', [['my notes']]);
    const host = new ExcelHost();
    const first = await host.readSnapshot();
    if (!first.ok) throw new Error('read');
    const rows1 = await plan(first.snapshot, DAY1, null);
    if (rows1 === 'same-date') throw new Error('same-date');
    const before = st.inventory();
    const r = await host.appendHistory(rows1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.en).toMatch(/sheet History holds no Excel table/);
    expect(st.inventory()).toEqual(before);
  });
});

describe('Save snapshot in web mode (MemoryHost)', () => {
  test('an opened file: the rows go into its bytes (as crm3 snapshot writes them) and into the tables read next', async () => {
    const bytes = await sampleBytes('zh-CN');
    const host = new MemoryHost(await readBytes(bytes), { fileName: 'w.xlsx', locale: 'zh-CN', fileBytes: bytes });
    const read = await host.readSnapshot();
    if (!read.ok) throw new Error('read');
    const rows = await plan(read.snapshot, DAY1, 'Q1');
    if (rows === 'same-date') throw new Error('same-date');
    const r = await host.appendHistory(rows);
    expect(r).toEqual({ ok: true, sheets: ['历史快照', '商机历史', '客户历史'] });
    const cli = historyOf(await readBytes(await cliSnapshot(bytes, DAY1, 'Q1')));
    const file = await host.fileBytes();
    if (!file.ok) throw new Error('bytes');
    expect(historyOf(await readBytes(file.bytes))).toEqual(cli);
    const after = await host.readSnapshot();
    if (!after.ok) throw new Error('read');
    expect(historyOf(after.snapshot)).toEqual(cli);
    expect(await plan(after.snapshot, DAY1, null)).toBe('same-date');
  });

  test('the bundled sample (no file): the tables are made in memory and the download writes them', async () => {
    const host = new MemoryHost(generateSample({ size: 40, seed: 5 }), { fileName: 's.xlsx', locale: 'en-US' });
    const read = await host.readSnapshot();
    if (!read.ok) throw new Error('read');
    const rows = await plan(read.snapshot, DAY1, null);
    if (rows === 'same-date') throw new Error('same-date');
    expect((await host.appendHistory(rows)).ok).toBe(true);
    const file = await host.fileBytes();
    if (!file.ok) throw new Error('bytes');
    const back = historyOf(await readBytes(file.bytes));
    expect(back.History.length).toBe(rows.History.length);
    expect(back.OppHistory.map((r) => r.OppId)).toEqual(rows.OppHistory.map((r) => r[1]));
    expect(back.AccountHistory.length).toBe(rows.AccountHistory.length);
  });
});
