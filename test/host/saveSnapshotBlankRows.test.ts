/**
 * Save snapshot in Excel into tables that end in blank rows (a template's tables are written
 * with two empty rows; a planner may clear rows at the end). The rows fill the blank rows first,
 * as Excel fills a table and as `crm3 snapshot` does in a file: no gap under the header, blank
 * rows below the new ones stay in the table, and a refused write empties the filled rows again.
 */
import { Cell } from '../../src/core/cells';
import { Status, canonical } from '../../src/core/enumerations';
import { Locale } from '../../src/core/i18n';
import type { HistoryRowsToAppend } from '../../src/engine/history';
import { ExcelHost } from '../../src/host/excelHost';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { takeSnapshot } from '../../src/io/takeSnapshot';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { InProcessEngine } from '../../src/taskpane/engine/inProcessEngine';
import { buildTemplate } from '../../src/templates/build';
import { TableState, WorkbookState, installExcel } from './fakeExcel';
import { installOffice } from './officeSetup';

const DAY1 = 46300;
const DAY2 = 46314;

async function readBytes(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  const r = await readWorkbookBuffer(bytes, 'w.xlsx');
  if (!r.ok) throw new Error(r.reason.message.en);
  return r.snapshot;
}

async function plan(w: WorkbookSnapshot, asOf: number): Promise<HistoryRowsToAppend> {
  const engine = new InProcessEngine();
  await engine.load(w, { locale: 'en-US', asOf });
  const p = await engine.planSnapshot('Q1 review');
  engine.dispose();
  if (p.kind !== 'append') throw new Error(p.kind);
  return p.rows;
}

async function excelRead(host: ExcelHost): Promise<WorkbookSnapshot> {
  const r = await host.readSnapshot();
  if (!r.ok) throw new Error(r.message.en);
  return r.snapshot;
}

const tableOf = (st: WorkbookState, name: string): TableState => {
  const t = st.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
};

/** The table's data rows as the fake Excel holds them (blank cells as null). */
function rowsOf(t: TableState): Cell[][] {
  const out: Cell[][] = [];
  for (let r = t.top + 1; r <= t.bottom; r++) {
    const row: Cell[] = [];
    for (let c = t.left; c <= t.right; c++) row.push((t.sheet.get(r, c)?.v as Cell | undefined) ?? null);
    out.push(row);
  }
  return out;
}

const blank = (row: Cell[]) => row.every((v) => v === null || v === '');

beforeEach(() => installOffice());

describe('Save snapshot in Excel into tables ending in blank rows', () => {
  test.each(['en-US', 'zh-CN'] as const)(
    'a template’s History (%s): rows start under the header, as crm3 snapshot writes the file',
    async (locale: Locale) => {
      const bytes = await buildTemplate('account-plan', locale);
      const st = installExcel();
      await st.loadXlsx(bytes);
      const history = tableOf(st, 'History');
      // The template's table: a header and two blank rows.
      expect(history.bottom - history.top).toBe(2);
      expect(rowsOf(history).every(blank)).toBe(true);
      const top = history.top;

      const host = new ExcelHost();
      const rows = await plan(await excelRead(host), DAY1);
      const n = rows.History.length;
      expect(n).toBeGreaterThan(2);
      expect((await host.appendHistory(rows)).ok).toBe(true);

      // n rows right under the header: the two blank rows were filled, not skipped.
      expect(history.top).toBe(top);
      expect(history.bottom).toBe(top + n);
      const got = rowsOf(history);
      expect(got.some(blank)).toBe(false);
      expect(got.map((r) => r[0])).toEqual(rows.History.map((r) => r[0]));
      expect(got.map((r) => r[2])).toEqual(rows.History.map((r) => r[2]));

      // The file path on the same bytes gives the same table.
      const cli = await takeSnapshot(bytes, 'w.xlsx', {
        asOf: DAY1,
        today: DAY1,
        label: 'Q1 review',
        locale: 'en-US',
        when: new Date(0),
      });
      if (cli.kind !== 'written') throw new Error(cli.kind);
      const file = (await readBytes(cli.bytes)).tables.History!;
      const excel = (await excelRead(host)).tables.History!;
      expect(excel.headers).toEqual(file.headers);
      expect(excel.rows).toEqual(file.rows);
    },
  );

  test('more blank rows than new rows: the new row goes right after the old ones, the rest stay blank', async () => {
    const bytes = new Uint8Array(await writeWorkbook(generateSample({ size: 40, seed: 5 }), { locale: 'en-US' }));
    const st = installExcel();
    await st.loadXlsx(bytes);
    const host = new ExcelHost();
    expect((await host.appendHistory(await plan(await excelRead(host), DAY1))).ok).toBe(true);
    const opp = tableOf(st, 'OppHistory');
    const filledTo = opp.bottom;
    opp.bottom += 3; // three blank rows at the table's end (cleared by a planner)

    // One deal grows: the second snapshot has one OppHistory row.
    const w = await excelRead(host);
    const o = w.tables.Opportunities!;
    const open = o.rows.findIndex((r) => canonical(Status, r[o.headers.indexOf('Status')]) === 'Open');
    const amount = o.headers.indexOf('Amount');
    const write = await host.write({
      cells: [{ table: 'Opportunities', row: open, column: 'Amount', value: (o.rows[open][amount] as number) + 10_000 }],
    });
    expect(write.ok).toBe(true);
    const rows2 = await plan(await excelRead(host), DAY2);
    expect(rows2.OppHistory).toHaveLength(1);
    expect((await host.appendHistory(rows2)).ok).toBe(true);

    expect(opp.bottom).toBe(filledTo + 3); // the table did not grow
    const got = rowsOf(opp);
    const first = filledTo - opp.top; // index of the first formerly blank row
    expect(got[first][1]).toBe(o.rows[open][o.headers.indexOf('OppId')]);
    expect(got.slice(first + 1).every(blank)).toBe(true);
    expect(got.slice(0, first + 1).some(blank)).toBe(false);
  });

  test('a refused write empties the filled blank rows again', async () => {
    const bytes = await buildTemplate('account-plan', 'en-US');
    const st = installExcel();
    await st.loadXlsx(bytes);
    const history = tableOf(st, 'History');
    const bottom = history.bottom;
    const host = new ExcelHost();
    const rows = await plan(await excelRead(host), DAY1);
    const before = st.inventory();
    st.failOn.add('rows.add'); // the blank rows are written, then growing the table fails
    const r = await host.appendHistory(rows);
    expect(r.ok).toBe(false);
    expect(st.inventory()).toEqual(before);
    expect(history.bottom).toBe(bottom);
    expect(rowsOf(history).every(blank)).toBe(true);
  });
});
