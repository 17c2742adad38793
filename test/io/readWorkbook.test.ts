import * as fs from 'fs';
import ExcelJS from 'exceljs';
import { ReadResult, readWorkbookBuffer, readWorkbookFile } from '../../src/io/readWorkbook';
import { gridValueOf, serialFromDate } from './excelJsGrid';
import { headerKey, HeaderIndex, mapHeaders } from '../../src/io/headers';
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { oleFile, repack, sha256, tempDir, tinyXlsx, writeZip, xlsxBytes } from './zipCraft';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
/** Excel serials of a few dates (1900 system). */
const S = { d2026_03_05: 46086, d2026_11_26: 46352, d2026_01_01: 46023, d2026_12_31: 46387 };

function snapshotOf(r: ReadResult): WorkbookSnapshot {
  if (!r.ok) throw new Error(`expected ok, got ${r.reason.code}: ${r.reason.message.en}`);
  return r.snapshot;
}

const col = (s: WorkbookSnapshot, table: keyof WorkbookSnapshot['tables'], name: string) => {
  const t = s.tables[table]!;
  const j = t.headers.indexOf(name);
  if (j < 0) throw new Error(`${table} has no ${name}: ${t.headers.join(', ')}`);
  return t.rows.map((r) => r[j]);
};

/** The template layout: every table an Excel table on its own sheet, Config with tables and named cells. */
async function templateWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const acc = wb.addWorksheet('Accounts');
  acc.addTable({
    name: 'Accounts',
    ref: 'A1',
    columns: ['AccountId', 'AccountName', 'Industry', 'Revenue12m', 'C_Potential', 'C_Growth', 'Score', 'Tier'].map((name) => ({
      name,
    })),
    rows: [
      [
        'A001',
        'Acme',
        'Tech',
        1200,
        4,
        5,
        { formula: 'CRM3.SCORE(E2:F2)', result: 88 },
        { formula: 'CRM3.TIER(G2)', result: 'A' },
      ],
      [
        'A002',
        'Beta',
        'Retail',
        300,
        2,
        3,
        { formula: 'CRM3.SCORE(E3:F3)', result: { error: '#N/A' } },
        { formula: 'CRM3.TIER(G3)', result: { error: '#N/A' } },
      ],
    ],
  });
  const opp = wb.addWorksheet('Opportunities');
  opp.addTable({
    name: 'Opportunities',
    ref: 'A1',
    totalsRow: true,
    columns: [
      { name: 'OppId', totalsRowLabel: 'Total' },
      { name: 'AccountId', totalsRowFunction: 'none' },
      { name: 'Stage', totalsRowFunction: 'none' },
      { name: 'Status', totalsRowFunction: 'none' },
      { name: 'Amount', totalsRowFunction: 'sum' },
      { name: 'CreatedDate', totalsRowFunction: 'none' },
      { name: 'CloseDate', totalsRowFunction: 'none' },
      { name: 'Q_Project', totalsRowFunction: 'none' },
    ],
    rows: [
      ['O001', 'A001', 'Qualify', 'Open', 50000, utc(2026, 1, 1), utc(2026, 12, 31), 'Yes'],
      ['O002', 'A002', 'Negotiate', 'Won', 20000, utc(2026, 3, 5), utc(2026, 11, 26), true],
    ],
  });
  const cfg = wb.addWorksheet('Config');
  cfg.getCell('A1').value = 'AsOfDate';
  cfg.getCell('B1').value = utc(2026, 11, 26);
  cfg.getCell('A2').value = 'TierMethod';
  cfg.getCell('B2').value = 'Score';
  cfg.getCell('A3').value = 'Currency';
  cfg.getCell('B3').value = 'EUR';
  wb.definedNames.add('Config!$B$1', 'AsOfDate');
  wb.definedNames.add('Config!$B$2', 'TierMethod');
  cfg.addTable({
    name: 'Stages',
    ref: 'D1',
    columns: ['Stage', 'Order', 'Probability', 'StandardDays'].map((name) => ({ name })),
    rows: [
      ['Qualify', 1, 0.2, 30],
      ['Negotiate', 2, 0.8, 30],
    ],
  });
  cfg.addTable({
    name: 'Criteria',
    ref: 'D6',
    columns: ['CriterionId', 'Name', 'Weight', 'Axis', 'Min', 'Max'].map((name) => ({ name })),
    rows: [
      ['C_Potential', 'Potential', 60, 'A', 1, 5],
      ['C_Growth', 'Growth', 40, 'P', 1, 5],
    ],
  });
  const ind = wb.addWorksheet('Indicators');
  ind.addTable({
    name: 'Indicators',
    ref: 'A1',
    columns: ['Id', 'Goal', 'Name', 'Name_zh', 'Value', 'Unit', 'Direction', 'Green', 'Red', 'Status'].map((name) => ({ name })),
    rows: [
      [
        'WIN_RATE_COUNT',
        'WIN',
        'Win rate (count)',
        '赢率（数量）',
        { formula: 'CRM3.WINRATE(Opp_Status)', result: 0.5 },
        'ratio',
        'HigherIsBetter',
        0.4,
        0.25,
        { formula: 'CRM3.RAG(E2,H2,I2)', result: 'Green' },
      ],
      [
        'OVERDUE_RATE',
        'BEH',
        'Overdue rate',
        '逾期率',
        { formula: '_xlfn.IFERROR(1,0)', result: 1 },
        '%',
        '越低越好',
        '10%',
        '30%',
        null,
      ],
      ['OPEN_PIPE', 'PIPE', 'Open pipeline', null, 123, '金额', null, null, null, null],
      ['NO_FORMULA', 'PIPE', 'Nothing here', null, null, null, null, null, null, null],
    ],
  });
  return xlsxBytes(wb);
}

/** A zh workbook as a consultant might type it: zh sheet names and headers, a title row, Config blocks. */
async function zhWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const acc = wb.addWorksheet('客户');
  acc.addRow(['客户清单（2026）']);
  acc.addRow([]);
  acc.addRow(['客户编号', '客户名称', '行业', '区域', '近12个月收入', '潜力']);
  acc.addRow(['A001', '华东电力', '能源', '华东', 1200, 4]);
  acc.addRow(['A002', '西部制造', '制造', '西部', 300, 2]);
  const opp = wb.addWorksheet('商机');
  opp.addRow(['商机编号', '客户编号', '商机名称', '阶段', '状态', '金额', '创建日期', '结单日期']);
  opp.addRow(['O001', 'A001', '扩容项目', '立项', '进行中', '1,200,000', '2026/3/5', '2026年11月26日']);
  opp.addRow(['O002', 'A002', '改造项目', '谈判', '赢单', 500000, utc(2026, 1, 1), '2026-12-31 18:00']);
  const cfg = wb.addWorksheet('配置');
  cfg.addRow(['基准日', '2026-11-26']);
  cfg.addRow(['分级方法', '计分法']);
  cfg.addRow([]);
  cfg.addRow(['阶段']);
  cfg.addRow(['阶段', '顺序', '赢单概率', '标准天数']);
  cfg.addRow(['立项', 1, 0.2, 30]);
  cfg.addRow(['谈判', 2, 0.8, 30]);
  cfg.addRow([]);
  cfg.addRow(['评分标准']);
  cfg.addRow(['标准编号', '名称', '权重', '维度', '最小值', '最大值']);
  cfg.addRow(['C_Potential', '潜力', 100, '吸引力', 1, 5]);
  cfg.addRow([]);
  cfg.addRow(['币种', 'CNY']);
  cfg.getCell('F20').value = 45;
  wb.definedNames.add("'配置'!$F$20", 'StaleDays');
  return xlsxBytes(wb);
}

describe('readWorkbookBuffer: the template layout', () => {
  let s: WorkbookSnapshot;
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await templateWorkbook();
    s = snapshotOf(await readWorkbookBuffer(bytes, 'template.xlsx'));
  });

  test('finds every table, with its sheet and origin', () => {
    expect(Object.keys(s.tables).sort()).toEqual(['Accounts', 'Opportunities']);
    expect(s.tables.Accounts!.sheet).toBe('Accounts');
    expect(s.tables.Accounts!.origin).toEqual({ row: 1, col: 1 });
    expect(Object.keys(s.config).sort()).toEqual(['Criteria', 'Stages']);
    expect(s.config.Criteria!.origin).toEqual({ row: 6, col: 4 });
  });

  test('keeps the data rows and leaves out the totals row', () => {
    expect(col(s, 'Opportunities', 'OppId')).toEqual(['O001', 'O002']);
    expect(col(s, 'Opportunities', 'Amount')).toEqual([50000, 20000]);
  });

  test('dates become Excel serials; booleans and text stay', () => {
    expect(col(s, 'Opportunities', 'CreatedDate')).toEqual([S.d2026_01_01, S.d2026_03_05]);
    expect(col(s, 'Opportunities', 'CloseDate')).toEqual([S.d2026_12_31, S.d2026_11_26]);
    expect(col(s, 'Opportunities', 'Q_Project')).toEqual(['Yes', true]);
  });

  test('formula cells give their cached results; errors in computed columns are not problems', () => {
    expect(col(s, 'Accounts', 'Score')).toEqual([88, null]);
    expect(col(s, 'Accounts', 'Tier')).toEqual(['A', null]);
    expect(s.problems.filter((p) => p.sheet === 'Accounts')).toEqual([]);
  });

  test('settings from defined names, with the cell they live in', () => {
    expect(s.settings.AsOfDate).toBe(S.d2026_11_26);
    expect(s.settings.TierMethod).toBe('Score');
    expect(s.settingCells?.AsOfDate).toEqual({ sheet: 'Config', cell: 'B1' });
    // Not a defined name, but a Name | Value row outside the Config tables.
    expect(s.settings.Currency).toBe('EUR');
    expect(s.settingCells?.Currency).toEqual({ sheet: 'Config', cell: 'B3' });
  });

  test('indicator rows: formulas as typed, units, directions and thresholds', () => {
    const ind = s.indicators!;
    expect(ind.map((i) => i.id)).toEqual(['WIN_RATE_COUNT', 'OVERDUE_RATE', 'OPEN_PIPE']);
    expect(ind[0]).toEqual({
      id: 'WIN_RATE_COUNT',
      goal: 'WIN',
      name: { en: 'Win rate (count)', zh: '赢率（数量）' },
      formula: '=CRM3.WINRATE(Opp_Status)',
      unit: 'ratio',
      direction: 'HigherIsBetter',
      green: 0.4,
      red: 0.25,
    });
    expect(ind[1]).toMatchObject({ formula: '=IFERROR(1,0)', unit: 'ratio', direction: 'LowerIsBetter', green: 0.1, red: 0.3 });
    expect(ind[2]).toMatchObject({
      formula: '=123',
      unit: 'amount',
      name: { en: 'Open pipeline', zh: 'Open pipeline' },
      green: null,
    });
    expect(s.problems.length).toBe(1);
    const skipped = s.problems.find((p) => p.sheet === 'Indicators');
    expect(skipped).toMatchObject({ severity: 'warning', cell: 'E5' });
    expect(skipped!.message.en).toMatch(/NO_FORMULA has no Value formula/);
  });

  test('the buffer is not modified, and an ArrayBuffer works too', async () => {
    const before = Buffer.from(bytes).toString('base64');
    const again = snapshotOf(await readWorkbookBuffer(bytes.slice().buffer as ArrayBuffer, 'template.xlsx'));
    expect(again.tables.Accounts!.rows.length).toBe(2);
    expect(Buffer.from(bytes).toString('base64')).toBe(before);
  });
});

describe('readWorkbookBuffer: a zh workbook typed by hand', () => {
  let s: WorkbookSnapshot;
  beforeAll(async () => {
    s = snapshotOf(await readWorkbookBuffer(await zhWorkbook(), '客户计划.xlsx'));
  });

  test('zh sheet names and headers map to the canonical tables and columns; the title row is skipped', () => {
    const acc = s.tables.Accounts!;
    expect(acc.sheet).toBe('客户');
    expect(acc.origin).toEqual({ row: 3, col: 1 });
    expect(acc.headers).toEqual(['AccountId', 'AccountName', 'Industry', 'Region', 'Revenue12m', 'C_Potential']);
    expect(s.tables.Opportunities!.headers).toEqual([
      'OppId',
      'AccountId',
      'OppName',
      'Stage',
      'Status',
      'Amount',
      'CreatedDate',
      'CloseDate',
    ]);
  });

  test('text dates and numbers are converted silently', () => {
    expect(col(s, 'Opportunities', 'CreatedDate')).toEqual([S.d2026_03_05, S.d2026_01_01]);
    expect(col(s, 'Opportunities', 'CloseDate')).toEqual([S.d2026_11_26, S.d2026_12_31 + 0.75]);
    expect(col(s, 'Opportunities', 'Amount')).toEqual([1200000, 500000]);
    expect(s.problems).toEqual([]);
  });

  test('Config blocks headed by zh table names, and zh Name | Value settings', () => {
    expect(s.config.Stages!.headers).toEqual(['Stage', 'Order', 'Probability', 'StandardDays']);
    expect(s.config.Stages!.rows).toEqual([
      ['立项', 1, 0.2, 30],
      ['谈判', 2, 0.8, 30],
    ]);
    expect(s.config.Stages!.origin).toEqual({ row: 5, col: 1 });
    expect(s.config.Criteria!.rows).toEqual([['C_Potential', '潜力', 100, '吸引力', 1, 5]]);
    expect(s.settings).toEqual({ AsOfDate: S.d2026_11_26, TierMethod: '计分法', Currency: 'CNY', StaleDays: 45 });
    expect(s.settingCells?.AsOfDate).toEqual({ sheet: '配置', cell: 'B1' });
    expect(s.settingCells?.StaleDays).toEqual({ sheet: '配置', cell: 'F20' });
  });
});

describe('readWorkbookBuffer: cells and rows', () => {
  let s: WorkbookSnapshot;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('opportunities');
    ws.addRow([
      'ｏｐｐ ｉｄ',
      'account_id',
      'STAGE',
      'status',
      'Deal Size',
      'Created',
      'CLOSE DATE',
      'Competitor',
      'Custom Field',
      'Status',
    ]);
    ws.addRow([
      'O1',
      'A1',
      'Discover',
      'Open',
      10,
      utc(1900, 3, 1),
      new Date(Date.UTC(2026, 2, 5, 12)),
      { richText: [{ text: 'Big' }, { text: 'Co' }] },
      'x',
      'dup',
    ]);
    ws.addRow([]);
    ws.addRow([
      'O3',
      'A1',
      'Discover',
      'Open',
      { formula: 'A1*2' },
      null,
      null,
      { text: 'Rival Inc', hyperlink: 'https://rival.example' },
      true,
      null,
    ]);
    ws.addRow(['O4', 'A1', 'Discover', 'Open', { formula: '1/0', result: { error: '#DIV/0!' } }, null, null, '   ', null, null]);
    ws.getCell('H6').value = null;
    ws.getRow(7).getCell(1).style = { font: { bold: true } }; // formatted but blank: not a data row
    ws.getRow(8).getCell(2).style = { font: { bold: true } };
    s = snapshotOf(await readWorkbookBuffer(await xlsxBytes(wb), 'cells.xlsx'));
  });

  test('headers match case-, space-, underscore- and width-insensitively; unknown headers are kept as written', () => {
    expect(s.tables.Opportunities!.headers).toEqual([
      'OppId',
      'AccountId',
      'Stage',
      'Status',
      'Amount',
      'CreatedDate',
      'CloseDate',
      'Competitor',
      'Custom Field',
      'Status',
    ]);
  });

  test('a repeated column is reported, and the first one counts', () => {
    const dup = s.problems.find((p) => p.cell === 'J1');
    expect(dup?.severity).toBe('warning');
    expect(dup?.message.en).toMatch(/column Status appears twice; the first one \(D1\) is used/);
  });

  test('blank rows inside the table are kept; trailing blank (even formatted) rows are not', () => {
    expect(col(s, 'Opportunities', 'OppId')).toEqual(['O1', null, 'O3', 'O4']);
    expect(s.tables.Opportunities!.rows[1].every((c) => c === null)).toBe(true);
  });

  test('dates (incl. 1900-03-01 = 61 and a time of day), rich text, hyperlinks, booleans, blanks', () => {
    expect(col(s, 'Opportunities', 'CreatedDate')[0]).toBe(61);
    expect(col(s, 'Opportunities', 'CloseDate')[0]).toBe(S.d2026_03_05 + 0.5);
    expect(col(s, 'Opportunities', 'Competitor')).toEqual(['BigCo', null, 'Rival Inc', null]);
    expect(col(s, 'Opportunities', 'Custom Field')).toEqual(['x', null, true, null]);
  });

  test('an error value and a never-calculated formula become blank, each with a warning at its cell', () => {
    expect(col(s, 'Opportunities', 'Amount')).toEqual([10, null, null, null]);
    const e = s.problems.find((p) => p.cell === 'E5')!;
    expect(e.severity).toBe('warning');
    expect(e.message.en).toMatch(/opportunities!E5: Amount holds the error #DIV\/0!/);
    expect(e.message.zh).toMatch(/金额.*#DIV\/0!/);
    const u = s.problems.find((p) => p.cell === 'E4')!;
    expect(u.message.en).toMatch(/never calculated/);
  });
});

describe('readWorkbookBuffer: finding tables', () => {
  test('an Excel table named in zh (or tblX) anywhere wins over sheet names', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['nothing here']);
    const ws = wb.addWorksheet('Data');
    ws.addTable({ name: '客户', ref: 'C5', columns: [{ name: 'Account ID' }, { name: 'Name' }], rows: [['A1', 'Acme']] });
    ws.addTable({
      name: 'tblContacts',
      ref: 'C10',
      columns: [{ name: 'ContactId' }, { name: 'AccountId' }, { name: 'Name' }],
      rows: [['C1', 'A1', 'Li']],
    });
    const s = snapshotOf(await readWorkbookBuffer(await xlsxBytes(wb), 'x.xlsx'));
    expect(s.tables.Accounts).toMatchObject({
      sheet: 'Data',
      origin: { row: 5, col: 3 },
      headers: ['AccountId', 'AccountName'],
      rows: [['A1', 'Acme']],
    });
    expect(s.tables.Contacts).toMatchObject({ origin: { row: 10, col: 3 }, rows: [['C1', 'A1', 'Li']] });
  });

  test('a sheet named like a table with an unnamed Excel table inside: that table is used', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Accounts');
    ws.getCell('A1').value = 'My accounts';
    ws.addTable({
      name: 'Table1',
      ref: 'B3',
      totalsRow: true,
      columns: [
        { name: 'AccountId', totalsRowLabel: 'n' },
        { name: 'AccountName', totalsRowFunction: 'count' },
      ],
      rows: [
        ['A1', 'Acme'],
        ['A2', 'Beta'],
      ],
    });
    const s = snapshotOf(await readWorkbookBuffer(await xlsxBytes(wb), 'x.xlsx'));
    expect(s.tables.Accounts!.rows).toEqual([
      ['A1', 'Acme'],
      ['A2', 'Beta'],
    ]);
  });

  test('two sheets for one table: the first is used, with a warning', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Accounts').addRows([
      ['AccountId', 'AccountName'],
      ['A1', 'Acme'],
    ]);
    wb.addWorksheet('客户').addRows([
      ['客户编号', '客户名称'],
      ['B1', 'Other'],
    ]);
    const s = snapshotOf(await readWorkbookBuffer(await xlsxBytes(wb), 'x.xlsx'));
    expect(s.tables.Accounts!.sheet).toBe('Accounts');
    expect(s.problems.some((p) => /Two places hold table Accounts/.test(p.message.en))).toBe(true);
  });

  test('a workbook without any CRM3 table reads as empty tables (the validator reports them)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['hello']);
    const s = snapshotOf(await readWorkbookBuffer(await xlsxBytes(wb), 'x.xlsx'));
    expect(s.tables).toEqual({});
    expect(s.config).toEqual({});
    expect(s.indicators).toBeUndefined();
  });

  test('defined names over whole columns do not blow up; constant names are settings', async () => {
    const base = await tinyXlsx();
    const names =
      '<definedNames>' +
      ['Acc_AccountId', 'Acc_AccountName', 'Opp_Status', 'Opp_Amount', 'Opp_CloseDate']
        .map((n) => `<definedName name="${n}">Accounts!$A$2:$A$1048576</definedName>`)
        .join('') +
      '<definedName name="AsOfDate">46352</definedName><definedName name="TierMethod">"Score"</definedName><definedName name="NoDecisionIsLoss">FALSE</definedName>' +
      '<definedName name="PeriodStart">TODAY()</definedName><definedName name="PeriodEnd">#REF!</definedName>' +
      '<definedName name="_xlnm.Print_Area" localSheetId="0">Accounts!$A$1:$B$2</definedName></definedNames>';
    const bytes = await repack(base, (name, text) =>
      name === 'xl/workbook.xml'
        ? text()
            .replace(/<definedNames>[\s\S]*?<\/definedNames>|<definedNames\/>/, '')
            .replace('</sheets>', `</sheets>${names}`)
        : null,
    );
    const started = Date.now();
    const s = snapshotOf(await readWorkbookBuffer(bytes, 'names.xlsx'));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(s.tables.Accounts!.rows).toEqual([['A001', 'Acme']]);
    expect(s.settings).toEqual({ AsOfDate: S.d2026_11_26, TierMethod: 'Score', NoDecisionIsLoss: false });
    expect(s.problems.find((p) => /PeriodEnd/.test(p.message.en))?.message.en).toMatch(/does not point at a cell/);
  });

  test('a table over maxRows: too-many-rows, naming sheet, table and limit', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Accounts').addRows([
      ['AccountId', 'AccountName'],
      ['A1', 'x'],
      ['A2', 'y'],
      ['A3', 'z'],
    ]);
    const bytes = await xlsxBytes(wb);
    expect((await readWorkbookBuffer(bytes, 'x.xlsx', { maxRows: 3 })).ok).toBe(true);
    const r = await readWorkbookBuffer(bytes, 'x.xlsx', { maxRows: 2 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.code).toBe('too-many-rows');
      expect(r.reason.message.en).toMatch(/Sheet Accounts: table Accounts has 3 data rows; the limit is 2/);
    }
  });
});

describe('readWorkbookFile: files that cannot be read', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  let good: Uint8Array;
  beforeAll(async () => {
    good = await tinyXlsx();
  });

  /** Reads a file that must be refused; the file must be byte-identical afterwards. */
  async function refusedFile(name: string, bytes: Uint8Array, options = {}) {
    const p = tmp.file(name, bytes);
    const before = sha256(p);
    const mtime = fs.statSync(p).mtimeMs;
    const r = await readWorkbookFile(p, options);
    expect(sha256(p)).toBe(before);
    expect(fs.statSync(p).mtimeMs).toBe(mtime);
    if (r.ok) throw new Error(`${name}: expected a refusal`);
    expect(r.reason.message.en).toContain(name);
    expect(r.reason.message.zh).toContain(name);
    return r.reason;
  }

  test('a good file reads', async () => {
    const s = snapshotOf(await readWorkbookFile(tmp.file('good.xlsx', good)));
    expect(s.tables.Accounts!.rows).toEqual([['A001', 'Acme']]);
  });

  test('a missing path: not-found', async () => {
    const r = await readWorkbookFile(tmp.file('missing.xlsx'));
    expect(!r.ok && r.reason.code).toBe('not-found');
    expect(!r.ok && r.reason.message.en).toMatch(/File not found/);
    expect(!r.ok && r.reason.message.zh).toMatch(/找不到文件/);
  });

  test('random bytes: not-xlsx', async () => {
    const r = await refusedFile(
      'random.xlsx',
      new Uint8Array(2048).map((_, i) => (i * 131 + 7) % 256),
    );
    expect(r.code).toBe('not-xlsx');
    expect(r.message.en).toMatch(/not an Excel \.xlsx workbook/);
  });

  test('a truncated zip: corrupt', async () => {
    const r = await refusedFile('truncated.xlsx', good.subarray(0, good.length >> 1));
    expect(r.code).toBe('corrupt');
    expect(r.message.en).toMatch(/damaged.*cut off/);
  });

  test('an encrypted workbook (OLE header): encrypted', async () => {
    const r = await refusedFile('secret.xlsx', oleFile(['EncryptionInfo', 'EncryptedPackage']));
    expect(r.code).toBe('encrypted');
    expect(r.message.en).toMatch(/password-protected/);
  });

  test('a legacy .xls: not-xlsx, saying so', async () => {
    const r = await refusedFile('old.xls', oleFile(['Workbook']));
    expect(r.code).toBe('not-xlsx');
    expect(r.message.en).toMatch(/Excel 97-2003 workbook \(\.xls\)/);
  });

  test('an xlsx with xl/vbaProject.bin: macro-enabled, save as .xlsx', async () => {
    const r = await refusedFile(
      'macro.xlsm',
      await repack(good, () => null, [{ name: 'xl/vbaProject.bin', data: new Uint8Array(64) }]),
    );
    expect(r.code).toBe('macro-enabled');
    expect(r.message.en).toMatch(/Save As > Excel Workbook \(\*\.xlsx\)/);
  });

  test('a central directory claiming a huge size: zip-bomb', async () => {
    const z = writeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
    ]);
    const b = Buffer.from(z.bytes);
    b.writeUInt32LE(0xfffffff0, z.records[1].central + 24);
    const r = await refusedFile('bomb.xlsx', new Uint8Array(b));
    expect(r.code).toBe('zip-bomb');
    expect(r.message.en).toMatch(/zip bomb/);
  });

  test('a file over a small configured size limit: too-large', async () => {
    const r = await refusedFile('big.xlsx', good, { maxFileBytes: 2048 });
    expect(r.code).toBe('too-large');
    expect(r.message.en).toMatch(/limit is/);
  });

  test('a valid zip whose workbook XML is garbage: corrupt, never a throw', async () => {
    const bad = await repack(good, (name) =>
      name === 'xl/workbook.xml'
        ? '<<<not xml'
        : name === 'xl/worksheets/sheet1.xml'
          ? '<worksheet><sheetData><row r="x"><c r="??" t="zzz"><v>'
          : null,
    );
    const r = await readWorkbookFile(tmp.file('garbage.xlsx', bad));
    // ExcelJS may or may not notice; either way no exception escapes and a refusal is explained.
    if (!r.ok) {
      expect(r.reason.code).toBe('corrupt');
      expect(r.reason.message.en).toMatch(/not a valid spreadsheet/);
    }
  });
});

describe('unit helpers', () => {
  test('serialFromDate: days since 1899-12-30 UTC', () => {
    expect(serialFromDate(utc(1899, 12, 31))).toBe(1);
    expect(serialFromDate(utc(1900, 3, 1))).toBe(61);
    expect(serialFromDate(utc(2026, 3, 5))).toBe(S.d2026_03_05);
    expect(serialFromDate(new Date(NaN))).toBeNull();
  });

  test('gridValueOf: every ExcelJS value shape', () => {
    expect(gridValueOf(undefined)).toBeNull();
    expect(gridValueOf('')).toBeNull();
    expect(gridValueOf(' x ')).toBe(' x ');
    expect(gridValueOf(3)).toBe(3);
    expect(gridValueOf(false)).toBe(false);
    expect(gridValueOf({ richText: [{ text: 'a' }, { text: 'b' }] })).toBe('ab');
    expect(gridValueOf({ text: { richText: [{ text: 'link' }] }, hyperlink: 'x' })).toBe('link');
    expect(gridValueOf({ error: '#REF!' })).toEqual({ flag: 'error', code: '#REF!' });
    expect(gridValueOf({ formula: 'A1', result: utc(2026, 3, 5) })).toBe(S.d2026_03_05);
    expect(gridValueOf({ sharedFormula: 'A1', result: 'ok' })).toBe('ok');
    expect(gridValueOf({ formula: 'A1' })).toEqual({ flag: 'uncalculated' });
  });

  test('headers: NFKC, case, spaces, underscores, required markers', () => {
    expect(headerKey('ＡｃｃｏｕｎｔＩＤ')).toBe('accountid');
    expect(headerKey(' Close_Date* ')).toBe('closedate');
    const ix = new HeaderIndex([{ name: 'CloseDate', zh: '结单日期', aliases: ['Close Date'] }]);
    expect(ix.match('close date')).toBe('CloseDate');
    expect(ix.match('结单日期')).toBe('CloseDate');
    expect(ix.match('Closed')).toBeUndefined();
    expect(mapHeaders(['结单日期', 'Notes', 'close_date'], ix)).toEqual({
      headers: ['CloseDate', 'Notes', 'close_date'],
      duplicates: [{ name: 'CloseDate', first: 0, repeat: 2 }],
    });
  });
});
