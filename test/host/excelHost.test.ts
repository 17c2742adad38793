import { ExcelHost } from '../../src/host/excelHost';
import { CELLS_PER_SYNC } from '../../src/host/excelRead';
import { Locale } from '../../src/core/i18n';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { settingRow } from '../../src/model/layout';
import { generateSample } from '../../src/model/sample';
import { WorkbookSnapshot, a1 } from '../../src/model/snapshot';
import { WorkbookState, installExcel } from './fakeExcel';
import { installOffice } from './officeSetup';

const sample = generateSample({ size: 60, seed: 3 });

/** The sample as an .xlsx, opened in the fake Excel, and as the file reader reads it. */
const files = new Map<Locale, Promise<{ bytes: Uint8Array; expected: WorkbookSnapshot }>>();
async function opened(locale: Locale): Promise<{ st: WorkbookState; expected: WorkbookSnapshot }> {
  if (!files.has(locale))
    files.set(
      locale,
      (async () => {
        const bytes = new Uint8Array(await writeWorkbook(sample, { locale }));
        const read = await readWorkbookBuffer(bytes, 'book.xlsx');
        if (!read.ok) throw new Error(read.reason.message.en);
        return { bytes, expected: read.snapshot };
      })(),
    );
  const { bytes, expected } = await files.get(locale)!;
  const st = installExcel();
  await st.loadXlsx(bytes);
  return { st, expected: structuredClone(expected) };
}

async function read(host: ExcelHost): Promise<WorkbookSnapshot> {
  const r = await host.readSnapshot();
  if (!r.ok) throw new Error(r.message.en);
  return r.snapshot;
}

/** The column letter under a header text in row 1 of a sheet of the fake. */
function columnOf(st: WorkbookState, sheet: string, header: string, row = 1): string {
  const s = st.sheet(sheet)!;
  for (let c = 1; c < 100; c++) if (s.get(row, c)?.v === header) return a1(row, c).replace(/\d+$/, '');
  throw new Error(`${sheet} has no ${header}`);
}

beforeEach(() => installOffice());

describe('ExcelHost.readSnapshot', () => {
  test.each(['en-US', 'zh-CN'] as const)('gives the same snapshot as the file reader (%s headers and sheets)', async (locale) => {
    const { st, expected } = await opened(locale);
    st.put('Notes', 'A1', [
      ['Anything', 'the user keeps'],
      [1, 2],
    ]);
    const snapshot = await read(new ExcelHost());
    expect(snapshot).toEqual(expected);
    expect(st.runs).toBe(1);
    // Only CRM3 sheets are loaded.
    expect(st.valuesRead.has('Notes')).toBe(false);
  });

  test('finds a CRM3 table on any sheet by its name, and reads errors as problems', async () => {
    const st = installExcel();
    st.put('Data', 'B2', [
      ['Opportunity ID', 'Account ID', '阶段', 'Status', 'Amount', 'Created', 'Close Date'],
      ['O1', 'A1', 'Discover', 'Open', 100, 46000, 46100],
      ['O2', 'A1', 'Qualify', '赢单', 250, 46010, 46120],
    ]);
    st.sheet('Data')!.set(4, 6, { v: '#N/A', error: '#N/A' });
    st.addTable('Data', 'tblOpportunities', 'B2:H4');
    const s = await read(new ExcelHost());
    const t = s.tables.Opportunities!;
    expect(t.sheet).toBe('Data');
    expect(t.origin).toEqual({ row: 2, col: 2 });
    expect(t.headers.slice(0, 7)).toEqual(['OppId', 'AccountId', 'Stage', 'Status', 'Amount', 'CreatedDate', 'CloseDate']);
    // The #N/A in F4 (O2's Amount) reads as blank, with a problem.
    expect(t.rows.map((r) => r[4])).toEqual([100, null]);
    expect(t.rows[1][3]).toBe('赢单');
    const problem = s.problems.find((p) => p.cell === 'F4');
    expect(problem?.message.en).toMatch(/#N\/A/);
  });

  test('a setting named on a sheet that is not a CRM3 sheet is read through its name', async () => {
    const st = installExcel();
    st.put('Opportunities', 'A1', [
      ['OppId', 'Amount'],
      ['O1', 5],
    ]);
    st.put('My settings', 'A1', [['As of'], [46400]]);
    st.put('My settings', 'C1', [['not loaded'], ['x']]);
    st.names.push({ name: 'AsOfDate', formula: "='My settings'!$A$2" }, { name: 'Currency', formula: '="EUR"' });
    const s = await read(new ExcelHost());
    expect(s.settings.AsOfDate).toBe(46400);
    expect(s.settings.Currency).toBe('EUR');
    expect(s.settingCells?.AsOfDate).toEqual({ sheet: 'My settings', cell: 'A2' });
  });

  test('a large table is read in chunks that stay within the per-sync budget', async () => {
    const st = installExcel();
    const rows: (string | number)[][] = [['OppId', 'AccountId', 'Stage', 'Status', 'Amount', 'CreatedDate', 'CloseDate']];
    for (let i = 0; i < 12_000; i++) rows.push([`O${i}`, 'A1', 'Discover', 'Open', i, 46000, 46100]);
    st.put('Opportunities', 'A1', rows);
    const s = await read(new ExcelHost());
    expect(s.tables.Opportunities!.rows).toHaveLength(12_000);
    expect(s.tables.Opportunities!.rows[11_999][4]).toBe(11_999);
    // 12,001 × 7 cells at CELLS_PER_SYNC per sync, plus the two syncs that list and measure.
    expect(st.syncs).toBe(2 + Math.ceil((12_001 * 7) / (Math.floor(CELLS_PER_SYNC / 7) * 7)));
  });
});

describe('ExcelHost.write', () => {
  test('writes table cells, Config cells and settings where the headers and names say', async () => {
    const { st } = await opened('en-US');
    const host = new ExcelHost();
    await read(host);
    const r = await host.write({
      cells: [{ table: 'Opportunities', row: 2, column: 'Amount', value: 777 }],
      config: [{ table: 'Criteria', row: 1, column: 'Weight', value: 33 }],
      settings: [{ setting: 'StaleDays', value: 14 }],
    });
    expect(r).toEqual({ ok: true });
    expect(st.cell('Opportunities', `${columnOf(st, 'Opportunities', 'Amount')}4`)?.v).toBe(777);
    expect(st.cell('Config', `${columnOf(st, 'Config', 'Weight', 2)}4`)?.v).toBe(33);
    expect(st.cell('Config', `B${settingRow('StaleDays')}`)?.v).toBe(14);
    // And the host reads back what it wrote.
    const s = await read(host);
    expect(s.settings.StaleDays).toBe(14);
    expect(s.tables.Opportunities!.rows[2][s.tables.Opportunities!.headers.indexOf('Amount')]).toBe(777);
  });

  test('a setting whose name holds a constant gets a new constant', async () => {
    const st = installExcel();
    st.put('Opportunities', 'A1', [
      ['OppId', 'Amount'],
      ['O1', 5],
    ]);
    st.names.push({ name: 'Currency', formula: '="CNY"' }, { name: 'NoDecisionIsLoss', formula: '=TRUE' });
    const host = new ExcelHost();
    const r = await host.write({
      settings: [
        { setting: 'Currency', value: 'E"UR' },
        { setting: 'NoDecisionIsLoss', value: false },
      ],
    });
    expect(r).toEqual({ ok: true });
    expect(st.names.map((n) => n.formula)).toEqual(['="E""UR"', '=FALSE']);
    const s = await read(host);
    expect([s.settings.Currency, s.settings.NoDecisionIsLoss]).toEqual(['E"UR', false]);
  });

  test('zh headers: a column is found by its zh header', async () => {
    const { st } = await opened('zh-CN');
    const host = new ExcelHost();
    const r = await host.write({ cells: [{ table: 'Opportunities', row: 0, column: 'Competitor', value: '=HYPERLINK("x")' }] });
    expect(r.ok).toBe(true);
    const cell = st.cell('商机', `${columnOf(st, '商机', '竞争对手')}2`);
    // Formula-like text stays text.
    expect(cell).toEqual({ v: '=HYPERLINK("x")' });
  });

  test.each([
    ['an unknown column', { cells: [{ table: 'Opportunities', row: 0, column: 'Nope', value: 1 }] }],
    ['a row past the end', { cells: [{ table: 'Opportunities', row: 60, column: 'Amount', value: 1 }] }],
    ['a computed column', { cells: [{ table: 'Opportunities', row: 0, column: 'Grade', value: 'A' }] }],
    ['an unknown setting', { settings: [{ setting: 'Nope', value: 1 }] }],
  ])('all or nothing: with %s, nothing is written', async (_, bad) => {
    const { st } = await opened('en-US');
    const host = new ExcelHost();
    await read(host);
    const before = JSON.stringify(st.sheets.map((s) => [...s.cells.entries()]));
    const r = await host.write({
      cells: [{ table: 'Opportunities', row: 0, column: 'Amount', value: 5 }, ...((bad as { cells?: never[] }).cells ?? [])],
      settings: [{ setting: 'StaleDays', value: 9 }, ...((bad as { settings?: never[] }).settings ?? [])],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.zh).toMatch(/未写入/);
    expect(JSON.stringify(st.sheets.map((s) => [...s.cells.entries()]))).toBe(before);
  });

  test('a header that moved since the read stops the write', async () => {
    const { st } = await opened('en-US');
    const host = new ExcelHost();
    await read(host);
    const col = columnOf(st, 'Opportunities', 'Amount');
    st.put('Opportunities', `${col}1`, [['Budget']]);
    const before = st.cell('Opportunities', `${col}2`)?.v;
    const r = await host.write({ cells: [{ table: 'Opportunities', row: 0, column: 'Amount', value: 1 }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.en).toMatch(/Refresh/);
    expect(st.cell('Opportunities', `${col}2`)?.v).toBe(before);
  });

  test('when Excel refuses the write, the message says so and the cells keep their values', async () => {
    const { st } = await opened('en-US');
    const host = new ExcelHost();
    await read(host);
    st.failOn.add('range.write');
    const col = columnOf(st, 'Opportunities', 'Amount');
    const before = st.cell('Opportunities', `${col}2`)?.v;
    const r = await host.write({ cells: [{ table: 'Opportunities', row: 0, column: 'Amount', value: 1 }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.en).toMatch(/did not accept/);
    expect(st.cell('Opportunities', `${col}2`)?.v).toBe(before);
  });
});

describe('ExcelHost.onChanged', () => {
  afterEach(() => jest.useRealTimers());

  test.each([
    ['ExcelApi 1.9: one handler for the workbook', 17, 1],
    ['ExcelApi 1.7: one handler per sheet', 8, 2],
  ])('%s; debounced, and unsubscribe removes the Excel handlers', async (_, maxMinor, handlers) => {
    installOffice({ maxMinor });
    const st = installExcel();
    st.put('Sheet1', 'A1', [[1]]);
    st.put('Sheet2', 'A1', [[1]]);
    jest.useFakeTimers();
    const host = new ExcelHost();
    let calls = 0;
    const off = host.onChanged(() => calls++);
    await jest.advanceTimersByTimeAsync(0);
    expect(st.changeHandlers).toHaveLength(handlers);
    for (let i = 0; i < 4; i++) {
      await st.changeHandlers[i % handlers]();
      await jest.advanceTimersByTimeAsync(150);
    }
    expect(calls).toBe(0);
    await jest.advanceTimersByTimeAsync(150);
    expect(calls).toBe(1);
    await st.changeHandlers[0]();
    off();
    await jest.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1);
    expect(st.changeHandlers).toHaveLength(0);
  });
});

describe('ExcelHost.goTo, fileBytes, displayLocale', () => {
  test('goTo activates the sheet and selects the cell; a missing sheet is a clear failure', async () => {
    const st = installExcel();
    st.put('商机', 'A1', [[1]]);
    st.put('Other', 'A1', [[1]]);
    const host = new ExcelHost();
    expect(await host.goTo('商机', 'F12')).toEqual({ ok: true });
    expect([st.active, st.selected]).toEqual(['商机', '商机!F12']);
    const missing = await host.goTo('Gone', 'A1');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message.zh).toMatch(/Gone/);
    expect((await host.goTo('商机', 'not a cell')).ok).toBe(false);
  });

  test('fileBytes joins the slices, names the file after the document and closes it', async () => {
    const counters = installOffice({ file: [new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4, 5])] });
    const r = await new ExcelHost().fileBytes();
    expect(r).toEqual({ ok: true, bytes: new Uint8Array([1, 2, 3, 4, 5]), name: 'Key accounts.xlsx' });
    expect(counters.closed).toBe(1);
    installOffice({ file: new Error('busy') });
    const bad = await new ExcelHost().fileBytes();
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message.en).toMatch(/busy/);
  });

  test.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en-GB', 'en-US'],
    ['de-DE', 'en-US'],
  ])('displayLocale: Office %s → %s', (language, locale) => {
    installOffice({ displayLanguage: language });
    expect(new ExcelHost().displayLocale()).toBe(locale);
  });
});
