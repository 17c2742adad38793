/**
 * The workbook writer: written files re-read with ExcelJS have the sheets, Excel tables,
 * localized headers, defined names and formats promised by DESIGN.md §3; formula-like
 * text stays text; and the output is byte-stable.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { Cell } from '../../src/core/cells';
import { CONFIG_TABLES, SETTINGS } from '../../src/model/config';
import { generateSample } from '../../src/model/sample';
import { TABLES as ALL_TABLES, TableName, isQuietTable, tableSpec } from '../../src/model/schema';

// The sample holds every table but the history ones (they come with the first snapshot) and the review log.
const TABLES = ALL_TABLES.filter((t) => !isQuietTable(t.name));
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { FIXED_TIMESTAMP, definedNames, writeWorkbook as writeBytes, writeWorkbookFile } from '../../src/io/writeWorkbook';

/** The writer's bytes as a Buffer (Node's methods for the checks below). */
const writeWorkbook = async (...args: Parameters<typeof writeBytes>) => Buffer.from(await writeBytes(...args));
import { readZip, zipTexts } from '../support/unzip';

const enSnapshot = generateSample({ locale: 'en-US', size: 300, seed: 1 });
const zhSnapshot = generateSample({ locale: 'zh-CN', size: 300, seed: 1 });

let enBuffer: Buffer;
let zhBuffer: Buffer;
let en: ExcelJS.Workbook;
let zh: ExcelJS.Workbook;

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  enBuffer = await writeWorkbook(enSnapshot, { locale: 'en-US' });
  zhBuffer = await writeWorkbook(zhSnapshot, { locale: 'zh-CN' });
  en = await load(enBuffer);
  zh = await load(zhBuffer);
});

function names(wb: ExcelJS.Workbook): Map<string, string> {
  return new Map(wb.definedNames.model.map((n) => [n.name, n.ranges.join(',')]));
}

/** Defined names as written in workbook.xml, read without ExcelJS. */
function rawNames(buffer: Buffer): Map<string, string> {
  const xml = zipTexts(buffer).get('xl/workbook.xml')!;
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<definedName name="([^"]+)"[^>]*>([^<]*)<\/definedName>/g))
    out.set(m[1], m[2].replace(/&apos;/g, "'"));
  return out;
}

function tableOf(ws: ExcelJS.Worksheet, name: string): { ref: string; columns: string[] } {
  const t = ws.getTable(name) as unknown as { table: { tableRef: string; ref: string; columns: { name: string }[] } };
  return { ref: t.table.tableRef ?? t.table.ref, columns: t.table.columns.map((c) => c.name) };
}

/** A small snapshot with one table, for edge cases. */
function tiny(rows: Cell[][], headers = ['AccountId', 'AccountName', 'Industry']): WorkbookSnapshot {
  return {
    tables: { Accounts: { sheet: 'Accounts', origin: { row: 1, col: 1 }, headers, rows } },
    config: {},
    settings: { AsOfDate: 46352 },
    problems: [],
  };
}

describe('sheets and tables', () => {
  test('one sheet per table in the locale, then Config', () => {
    expect(en.worksheets.map((w) => w.name)).toEqual([...TABLES.map((t) => t.name), 'Config']);
    expect(zh.worksheets.map((w) => w.name)).toEqual([...TABLES.map((t) => t.zh), '配置']);
  });

  test.each(TABLES.map((t) => [t.name] as const))(
    '%s is an Excel table named by its English name, headers in the locale',
    (name) => {
      const spec = tableSpec(name);
      const snap = enSnapshot.tables[name]!;
      const width = snap.headers.length;
      const last = ExcelJSCol(width);
      const enTable = tableOf(en.getWorksheet(name)!, name);
      expect(enTable.ref).toBe(`A1:${last}${snap.rows.length + 1}`);
      expect(enTable.columns).toEqual(snap.headers);
      const zhTable = tableOf(zh.getWorksheet(spec.zh)!, name);
      const zhHeaders = snap.headers.map((h) => spec.columns.find((c) => c.name === h)?.zh ?? h);
      expect(zhTable.columns).toEqual(zhHeaders);
      expect(zh.getWorksheet(spec.zh)!.getRow(1).values).toEqual([undefined, ...zhHeaders]);
    },
  );

  test('cells hold the snapshot values (blanks stay blank)', () => {
    for (const name of ['Opportunities', 'DecisionChain', 'Targets'] as TableName[]) {
      const ws = zh.getWorksheet(tableSpec(name).zh)!;
      const rows = zhSnapshot.tables[name]!.rows;
      const differ: string[] = [];
      rows.forEach((r, i) =>
        r.forEach((v, j) => {
          const got = plain(ws.getCell(i + 2, j + 1).value);
          if (got !== v) differ.push(`${name} ${i + 2},${j + 1}: ${String(got)} vs ${String(v)}`);
        }),
      );
      expect(differ).toEqual([]);
    }
  });

  test('dates, amounts and probabilities have number formats; header rows are frozen', () => {
    const ws = en.getWorksheet('Opportunities')!;
    const h = enSnapshot.tables.Opportunities!.headers;
    const fmt = (column: string) => ws.getCell(2, h.indexOf(column) + 1).numFmt;
    expect(fmt('CreatedDate')).toBe('yyyy-mm-dd');
    expect(fmt('CloseDate')).toBe('yyyy-mm-dd');
    expect(fmt('Amount')).toBe('#,##0');
    expect(en.getWorksheet('Accounts')!.getCell('F2').numFmt).toBe('#,##0');
    expect(en.getWorksheet('Activities')!.getCell('B2').numFmt).toBe('yyyy-mm-dd');
    // The column carries the format too, so rows typed below the table get it.
    expect(ws.getColumn(h.indexOf('Amount') + 1).numFmt).toBe('#,##0');
    for (const w of en.worksheets) {
      expect(w.views[0]).toMatchObject({ state: 'frozen', ySplit: w.name === 'Config' ? 2 : 1 });
    }
    for (let c = 1; c <= h.length; c++) {
      // ExcelJS leaves out widths equal to its default (9), and reads them back as undefined.
      const width = ws.getColumn(c).width ?? 9;
      expect(width).toBeGreaterThanOrEqual(8);
      expect(width).toBeLessThanOrEqual(50);
    }
    expect(ws.getColumn(h.indexOf('ValueProposition') + 1).width).toBeGreaterThan(25);
  });

  test('Config holds the settings block and the methodology tables', () => {
    const ws = en.getWorksheet('Config')!;
    expect([ws.getCell('A2').value, ws.getCell('B2').value, ws.getCell('C2').value]).toEqual(['Name', 'Value', 'Description']);
    SETTINGS.forEach((s, i) => expect(ws.getCell(3 + i, 1).value).toBe(s.name));
    expect(plain(ws.getCell('B3').value)).toBe(46352);
    expect(ws.getCell('B3').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell(3 + SETTINGS.findIndex((s) => s.name === 'NoDecisionIsLoss'), 2).value).toBe(true);
    expect(ws.getCell(3 + SETTINGS.findIndex((s) => s.name === 'Currency'), 2).value).toBe('CNY');
    expect(tableOf(ws, 'Stages')).toEqual({ ref: 'E2:H7', columns: ['Stage', 'Order', 'Probability', 'StandardDays'] });
    for (const t of CONFIG_TABLES) expect(tableOf(ws, t.name).columns).toEqual(t.columns.map((c) => c.name));
    expect(ws.getCell('E3').value).toBe('Discover');
    expect(ws.getCell('G3').numFmt).toBe('0%');
    const zws = zh.getWorksheet('配置')!;
    expect(tableOf(zws, 'Stages').columns).toEqual(['阶段', '顺序', '赢单概率', '标准天数']);
    expect(zws.getCell('E3').value).toBe('发现');
    expect(zws.getCell('B2').value).toBe('值');
  });
});

describe('defined names', () => {
  test('every column of every table and every setting has a name', () => {
    const n = names(en);
    for (const t of TABLES) for (const h of enSnapshot.tables[t.name]!.headers) expect(n.has(`${t.prefix}_${h}`)).toBe(true);
    for (const t of CONFIG_TABLES) for (const c of t.columns) expect(n.has(`${t.name}_${c.name}`)).toBe(true);
    for (const s of SETTINGS) expect(n.has(s.name)).toBe(true);
    expect(n.size).toBe(definedNames(enSnapshot, 'en-US').length);
  });

  test('names point at the data rows of their column', () => {
    const n = rawNames(enBuffer);
    expect(n.get('Opp_Status')).toBe('Opportunities!$F$2:$F$301');
    expect(n.get('Opp_AccountId')).toBe('Opportunities!$B$2:$B$301');
    expect(n.get('Acc_C_Potential')).toBe('Accounts!$I$2:$I$31');
    expect(n.get('Opp_Q_Lifetime')).toBe('Opportunities!$AB$2:$AB$301');
    expect(n.get('Act_EventId')).toBe(`Activities!$G$2:$G$${enSnapshot.tables.Activities!.rows.length + 1}`);
    expect(n.get('Stages_Stage')).toBe('Config!$E$3:$E$7');
    expect(n.get('Criteria_Weight')).toBe('Config!$Q$3:$Q$9');
    expect(n.get('AsOfDate')).toBe('Config!$B$3');
    expect(n.get('PeriodEnd')).toBe('Config!$B$5');
    expect(n.get('TemplateVersion')).toBe(`Config!$B$${3 + SETTINGS.length - 1}`);
  });

  test('zh sheet names are quoted in references', () => {
    const n = rawNames(zhBuffer);
    expect(n.get('Opp_Status')).toBe("'商机'!$F$2:$F$301");
    expect(n.get('AsOfDate')).toBe("'配置'!$B$3");
    expect(names(zh).get('Stages_Stage')).toBe("'配置'!$E$3:$E$7");
  });

  test('each name refers to the header it is named after', () => {
    for (const [wb, snap] of [
      [en, enSnapshot],
      [zh, zhSnapshot],
    ] as const) {
      const all = names(wb);
      for (const t of TABLES) {
        const sheet = wb.worksheets.find((w) => w.name === snap.tables[t.name]!.sheet)!;
        snap.tables[t.name]!.headers.forEach((h, j) => {
          const ref = all.get(`${t.prefix}_${h}`)!;
          expect(ref.endsWith(`!$${ExcelJSCol(j + 1)}$2:$${ExcelJSCol(j + 1)}$${snap.tables[t.name]!.rows.length + 1}`)).toBe(
            true,
          );
          expect(sheet.getCell(1, j + 1).value).toBe(
            wb === en ? h : (tableSpec(t.name).columns.find((c) => c.name === h)?.zh ?? h),
          );
        });
      }
    }
  });

  test('an empty table keeps one blank row so the table and its names stay valid', async () => {
    const buffer = await writeWorkbook(tiny([]), { locale: 'en-US' });
    const wb = await load(buffer);
    expect(tableOf(wb.getWorksheet('Accounts')!, 'Accounts').ref).toBe('A1:C2');
    expect(rawNames(buffer).get('Acc_AccountId')).toBe('Accounts!$A$2:$A$2');
  });
});

describe('safety', () => {
  const hostile = [
    '=HYPERLINK("http://evil.example","click")',
    '+1+1',
    '-2-2',
    '@SUM(A1)',
    "=cmd|' /C calc'!A0",
    '\tTab',
    '=1+1',
  ];

  test('formula-like text is written as text, never as a formula', async () => {
    const snap = tiny(hostile.map((h, i) => [`A${i}`, h, h]));
    const buffer = await writeWorkbook(snap, { locale: 'en-US' });
    const wb = await load(buffer);
    const ws = wb.getWorksheet('Accounts')!;
    hostile.forEach((h, i) => {
      const cell = ws.getCell(i + 2, 2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(h);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@'); // stays text even when the cell is edited in Excel
    });
    expect(ws.getCell('A2').numFmt).not.toBe('@');
    const sheetXml = zipTexts(buffer).get('xl/worksheets/sheet1.xml')!;
    expect(sheetXml).not.toContain('<f>');
  });

  test('the sample text that starts with + or - stays text', () => {
    const ws = en.getWorksheet('Opportunities')!;
    const j = enSnapshot.tables.Opportunities!.headers.indexOf('ValueProposition');
    const i = enSnapshot.tables.Opportunities!.rows.findIndex((r) => typeof r[j] === 'string' && /^[+-]/.test(r[j] as string));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(ws.getCell(i + 2, j + 1).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(i + 2, j + 1).numFmt).toBe('@');
  });

  test('non-finite numbers are written blank; overlong text is cut to what Excel holds', async () => {
    const wb = await load(
      await writeWorkbook(
        tiny([
          ['A1', 'x'.repeat(40_000), NaN as unknown as Cell],
          ['A2', 'ok', Infinity as unknown as Cell],
        ]),
        { locale: 'en-US' },
      ),
    );
    const ws = wb.getWorksheet('Accounts')!;
    expect((ws.getCell('B2').value as string).length).toBe(32_767);
    expect(ws.getCell('C2').value).toBeNull();
    expect(ws.getCell('C3').value).toBeNull();
  });

  test('duplicate or blank headers still give a valid table', async () => {
    const wb = await load(await writeWorkbook(tiny([['A1', 'x', 'y']], ['AccountId', 'Note', 'note']), { locale: 'en-US' }));
    expect(tableOf(wb.getWorksheet('Accounts')!, 'Accounts').columns).toEqual(['AccountId', 'Note', 'note 2']);
  });
});

describe('determinism', () => {
  test('document dates are fixed', () => {
    expect(en.created.toISOString()).toBe(FIXED_TIMESTAMP.toISOString());
    expect(en.modified.toISOString()).toBe(FIXED_TIMESTAMP.toISOString());
    expect(zipTexts(enBuffer).get('docProps/core.xml')).toContain('2026-01-01T00:00:00Z');
  });

  test('two writes at different times are byte-identical, zip entry times included', async () => {
    const snap = generateSample({ locale: 'zh-CN', size: 40, seed: 9 });
    jest.useFakeTimers({
      now: Date.UTC(2030, 4, 6, 7, 8, 9),
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    let first: Buffer;
    try {
      first = await writeWorkbook(snap, { locale: 'zh-CN' });
      jest.setSystemTime(Date.UTC(2031, 10, 12, 13, 14, 15));
      const second = await writeWorkbook(snap, { locale: 'zh-CN' });
      const a = readZip(first);
      const b = readZip(second);
      expect(b.map((e) => e.name)).toEqual(a.map((e) => e.name));
      a.forEach((e, i) => expect(b[i].data.equals(e.data)).toBe(true));
      expect(second.equals(first)).toBe(true);
    } finally {
      jest.useRealTimers();
    }
    const dosDate = ((2026 - 1980) << 9) | (1 << 5) | 1;
    for (const e of readZip(first)) expect([e.dosDate, e.dosTime]).toEqual([dosDate, 0]);
  });

  test('writeWorkbookFile writes the sample again with identical xml parts and bytes', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'crm3-write-'));
    try {
      const file = path.join(dir, 'out.xlsx');
      await writeWorkbookFile(enSnapshot, file, { locale: 'en-US' });
      const bytes = await fs.readFile(file);
      const again = zipTexts(bytes);
      const first = zipTexts(enBuffer);
      expect([...again.keys()]).toEqual([...first.keys()]);
      expect([...first].filter(([k, v]) => again.get(k) !== v).map(([k]) => k)).toEqual([]);
      expect(bytes.equals(enBuffer)).toBe(true);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

/** ExcelJS reads date-formatted numbers as Dates: back to Excel serials, blanks to null. */
function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Math.round((v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
  return v as Cell;
}

/** Column letters of a 1-based column number. */
function ExcelJSCol(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
