/**
 * The four CRM3 templates as built from code: sheets, tables, names, validation,
 * protection, locked formula cells, TemplateId/Version, dynamic-array storage, formula
 * conventions of DESIGN §7, byte-stable rebuilds, the shipped files, the reader round trip
 * and the `crm3 templates build` command. (T2's tests evaluate every formula on the sample.)
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Locale } from '../../src/core/i18n';
import { main } from '../../src/cli/main';
import { evaluateWorkbook } from '../../src/engine/evaluate';
import { evaluateFormulaWorkbook } from '../../src/io/formulaWorkbook';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { CONFIG_TABLES, SETTINGS } from '../../src/model/config';
import { BUILT_IN_INDICATORS } from '../../src/model/indicators';
import { configSheetName, tableSheetName } from '../../src/model/layout';
import { generateSample } from '../../src/model/sample';
import { TABLES, TableName } from '../../src/model/schema';
import { TEMPLATES, TEMPLATE_VERSION, TemplateId } from '../../src/templates/catalog';
import { buildTemplate, buildTemplateWithFormulas, templateFileName, TemplateFormula } from '../../src/templates/build';
import { markDynamicCells } from '../../src/templates/dynamicArrays';
import { EMPTY_TABLE_ROWS } from '../../src/templates/templateBook';
import { toStoredFormula as storedFormula } from '../../src/engine/formulaLanguage';

const LOCALES: Locale[] = ['en-US', 'zh-CN'];
const CASES = TEMPLATES.flatMap((t) => LOCALES.map((locale) => [t.id, locale] as [TemplateId, Locale]));
const DATA_PREFIX = new RegExp(`\\b(?:${TABLES.map((t) => t.prefix).join('|')})_[A-Za-z0-9]+`);
const VOLATILE = /\b(?:TODAY|NOW|OFFSET|INDIRECT|RAND|RANDBETWEEN|RANDARRAY|CELL|INFO)\s*\(/i;

interface Built {
  buffer: Buffer;
  formulas: TemplateFormula[];
  wb: ExcelJS.Workbook;
  zip: JSZip;
}

/** ExcelJS 4 fails on <calculatedColumnFormula> (as the host does, the test drops it before reading the file with ExcelJS). */
async function loadWithExcelJS(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const zip = await JSZip.loadAsync(buffer);
  for (const p of Object.keys(zip.files).filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n))) {
    const xml = await zip.file(p)!.async('string');
    zip.file(p, xml.replace(/<calculatedColumnFormula>[^<]*<\/calculatedColumnFormula>/g, ''));
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await zip.generateAsync({ type: 'nodebuffer' })) as never);
  return wb;
}

const built = new Map<string, Built>();
async function template(id: TemplateId, locale: Locale): Promise<Built> {
  const key = `${id}|${locale}`;
  if (!built.has(key)) {
    const { buffer, formulas } = await buildTemplateWithFormulas(id, locale);
    const wb = await loadWithExcelJS(buffer);
    built.set(key, { buffer, formulas, wb, zip: await JSZip.loadAsync(buffer) });
  }
  return built.get(key)!;
}

/** Tables a template holds on which sheet (data tables per catalog sheets, Config tables on Config). */
function tablesOf(wb: ExcelJS.Workbook): Map<string, { sheet: string; ref: string; columns: string[] }> {
  const out = new Map<string, { sheet: string; ref: string; columns: string[] }>();
  wb.eachSheet((ws) => {
    for (const t of ws.getTables() as unknown as { table: ExcelJS.TableProperties & { tableRef?: string } }[]) {
      const model = t.table;
      out.set(model.name, {
        sheet: ws.name,
        ref: (model as { tableRef?: string }).tableRef ?? String(model.ref),
        columns: model.columns.map((c) => c.name),
      });
    }
  });
  return out;
}

/** Workbook-level names as the file stores them (ExcelJS drops names that are not plain ranges). */
async function definedNameMap(zip: JSZip): Promise<Map<string, string>> {
  const xml = await zip.file('xl/workbook.xml')!.async('string');
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<definedName ([^>]*)>([^<]*)<\/definedName>/g)) {
    if (/localSheetId=/.test(m[1])) continue;
    const name = /name="([^"]*)"/.exec(m[1])![1];
    out.set(
      name,
      m[2]
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    );
  }
  return out;
}

describe('storedFormula', () => {
  test('markDynamicCells adds cm="1" to array formulas only, once', () => {
    const xml =
      '<c r="B5" s="3" t="str"><f t="array" ref="B5">X()</f><v></v></c><c r="C5"><f>Y()</f></c><c r="D5" cm="1"><f t="array" ref="D5">Z()</f></c>';
    const { xml: out, count } = markDynamicCells(xml);
    expect(count).toBe(2);
    expect(out).toContain('<c r="B5" s="3" t="str" cm="1"><f t="array"');
    expect(out).toContain('<c r="C5"><f>Y()</f>');
    expect(out.match(/cm="1"/g)).toHaveLength(2);
  });
});

describe.each(CASES)('%s (%s)', (id, locale) => {
  const info = TEMPLATES.find((t) => t.id === id)!;
  const zh = locale === 'zh-CN';

  test('has the catalog sheets in order, a How-to-use sheet first', async () => {
    const { wb } = await template(id, locale);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...(zh ? info.sheets.zh : info.sheets.en)]);
    expect(wb.worksheets[0].name).toBe(zh ? '使用说明' : 'How to use');
  });

  test('holds every Config table and the data tables of its sheets, empty, on the right sheets', async () => {
    const { wb } = await template(id, locale);
    const tables = tablesOf(wb);
    for (const t of CONFIG_TABLES) expect(tables.get(t.name)?.sheet).toBe(configSheetName(locale));
    const sheets = new Set(zh ? info.sheets.zh : info.sheets.en);
    for (const spec of TABLES) {
      const sheet = tableSheetName(spec.name, locale);
      if (!sheets.has(sheet)) continue;
      const t = tables.get(spec.name);
      expect(t?.sheet).toBe(sheet);
      // Header row 1, EMPTY_TABLE_ROWS blank data rows.
      expect(t!.ref).toMatch(new RegExp(`^A1:[A-Z]+${1 + EMPTY_TABLE_ROWS}$`));
      if (zh) expect(t!.columns[0]).toBe(spec.columns[0].zh);
      else expect(t!.columns[0]).toBe(spec.columns[0].name);
    }
  });

  test('defines every column and setting name; TemplateId and TemplateVersion are set', async () => {
    const { wb, zip } = await template(id, locale);
    const names = await definedNameMap(zip);
    const tables = tablesOf(wb);
    for (const spec of TABLES) {
      const table = tables.get(spec.name);
      if (!table) continue;
      for (const c of spec.columns) expect(names.has(`${spec.prefix}_${c.name}`)).toBe(true);
      // Names grow with the table: a structured reference to the column by its header as the table stores it (zh in zh).
      const first = spec.columns[0];
      expect(names.get(`${spec.prefix}_${first.name}`)).toBe(`${spec.name}[${zh ? first.zh : first.name}]`);
      expect(table.columns[0]).toBe(zh ? first.zh : first.name);
      for (const c of spec.columns.filter((x) => x.name !== 'StageCheck')) {
        const ref = names.get(`${spec.prefix}_${c.name}`)!;
        const m = /^(\w+)\[\[?(.*?)\]?\]$/.exec(ref);
        expect(m?.[1]).toBe(spec.name);
        expect(table.columns).toContain(m![2].replace(/'(.)/g, '$1'));
      }
    }
    for (const t of CONFIG_TABLES) for (const c of t.columns) expect(names.has(`${t.name}_${c.name}`)).toBe(true);
    for (const s of SETTINGS) expect(names.get(s.name)).toMatch(/^'?[^!]+'?!\$B\$\d+$/);
    const config = wb.getWorksheet(configSheetName(locale))!;
    // Columns spilled beside a table size themselves with the data: a spill reference to the anchor.
    if (tables.has('Opportunities')) expect(names.get('Opp_StageCheck')).toMatch(/!\$[A-Z]+\$2#$/);
    expect(names.get('Stages_Stage')).toBe(`Stages[${zh ? '阶段' : 'Stage'}]`);
    const at = (name: string) => config.getCell(names.get(name)!.split('!')[1].replace(/\$/g, '')).value;
    expect(at('TemplateId')).toBe(id);
    expect(at('TemplateVersion')).toBe(TEMPLATE_VERSION);
    expect(at('TierMethod')).toBe(zh ? '矩阵法' : 'Matrix');
  });

  test('formulas follow §7: no volatile functions, no structured or cross-sheet references, no per-row whole-table scans', async () => {
    const { formulas } = await template(id, locale);
    expect(formulas.length).toBeGreaterThan(10);
    for (const f of formulas) {
      expect(f.formula).not.toMatch(VOLATILE);
      expect(f.formula.replace(/"[^"]*"/g, '')).not.toMatch(/[[\]!]/);
      // A computed column of a data table uses its own row and small Config names only;
      // the Indicators table is 40 different scalar indicators, not one formula per data row.
      if (f.inTable && f.inTable !== 'Indicators') expect(f.formula.replace(/"[^"]*"/g, '')).not.toMatch(DATA_PREFIX);
    }
  });

  test('the file stores CRM3 calls as _xldudf_CRM3_…, spilled formulas as dynamic arrays, and lists every formula cell', async () => {
    const { zip, formulas } = await template(id, locale);
    const sheetFiles = Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
    let cells = 0;
    let arrays = 0;
    for (const p of sheetFiles) {
      const xml = await zip.file(p)!.async('string');
      expect(xml).not.toMatch(/CRM3\./);
      cells += (xml.match(/<f[ >]/g) ?? []).length;
      const arrayCells = xml.match(/<c [^>]*><f t="array"/g) ?? [];
      arrays += arrayCells.length;
      for (const c of arrayCells) expect(c).toContain('cm="1"');
    }
    expect(cells).toBe(formulas.length);
    expect(arrays).toBeGreaterThan(0);
    expect(await zip.file('xl/metadata.xml')!.async('string')).toContain('XLDAPR');
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('sheetMetadata+xml');
    expect(await zip.file('xl/_rels/workbook.xml.rels')!.async('string')).toContain('relationships/sheetMetadata');
  });

  test('by default, per-row computed columns are Excel calculated columns: the table part holds the first data row’s formula', async () => {
    const { buffer, formulas } = await template(id, locale);
    const zip = await JSZip.loadAsync(buffer);
    // The evaluator and the reader still read the file (table parts with child elements) as without them.
    const evaluated = await evaluateFormulaWorkbook(buffer, 'x.xlsx');
    const plain = await evaluateFormulaWorkbook(await buildTemplate(id, locale, { calculatedColumns: false }), 'x.xlsx');
    expect(evaluated.ok && evaluated.errors).toEqual(plain.ok && plain.errors);
    expect((await readWorkbookBuffer(buffer, 'x.xlsx')).ok).toBe(true);
    const tableParts = Object.keys(zip.files).filter((p) => /^xl\/tables\/table\d+\.xml$/.test(p));
    let marked = 0;
    for (const p of tableParts) {
      const xml = await zip.file(p)!.async('string');
      const table = /<table\b[^>]*\sname="([^"]*)"/.exec(xml)![1];
      const ref = /<table\b[^>]*\sref="([A-Z]+)(\d+):/.exec(xml)!;
      const firstDataRow = Number(ref[2]) + 1;
      const inTable = formulas.filter((f) => f.inTable === table && Number(/\d+$/.exec(f.cell)![0]) === firstDataRow);
      for (const m of xml.matchAll(/<calculatedColumnFormula>([^<]*)<\/calculatedColumnFormula>/g)) {
        marked++;
        const stored = m[1]
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>');
        expect(inTable.map((f) => storedFormula(f.formula))).toContain(stored);
      }
      // Every computed column of the table (Indicators' 40 different scalars excepted) is marked.
      if (table !== 'Indicators') expect((xml.match(/<calculatedColumnFormula>/g) ?? []).length).toBe(inTable.length);
    }
    const hasComputedTable = formulas.some((f) => f.inTable && f.inTable !== 'Indicators');
    expect(marked > 0).toBe(hasComputedTable);
  });

  test('formula cells are locked on protected sheets; table inputs are unlocked; protection has no password', async () => {
    const { wb, formulas } = await template(id, locale);
    const sheetsWithFormulas = new Set(formulas.map((f) => f.sheet));
    for (const name of sheetsWithFormulas) {
      const ws = wb.getWorksheet(name)!;
      const protection = (ws as unknown as { sheetProtection: unknown }).sheetProtection as {
        sheet?: boolean;
        hashValue?: string;
        sort?: boolean;
      } | null;
      expect(protection?.sheet).toBe(true);
      expect(protection?.hashValue).toBeUndefined();
    }
    for (const f of formulas) expect(wb.getWorksheet(f.sheet)!.getCell(f.cell).protection?.locked).not.toBe(false);
    const formulaCells = new Set(formulas.map((f) => `${f.sheet}!${f.cell}`));
    for (const spec of TABLES) {
      const ws = wb.getWorksheet(tableSheetName(spec.name, locale));
      if (!ws || !sheetsWithFormulas.has(ws.name)) continue;
      ws.getRow(2).eachCell({ includeEmpty: true }, (cell) => {
        if (
          !formulaCells.has(`${ws.name}!${cell.address}`) &&
          Number(cell.col) <= (tablesOf(wb).get(spec.name)?.columns.length ?? 0)
        )
          expect(cell.protection?.locked).toBe(false);
      });
    }
  });

  test('enumerations have drop-downs in the template language', async () => {
    const { wb } = await template(id, locale);
    const list = (sheet: string, cell: string) => wb.getWorksheet(sheet)?.getCell(cell).dataValidation;
    const tables = tablesOf(wb);
    if (tables.has('Opportunities')) {
      const sheet = tableSheetName('Opportunities', locale);
      const headers = tables.get('Opportunities')!.columns;
      const col = (name: string) => String.fromCharCode(65 + headers.indexOf(name));
      expect(list(sheet, `${col(zh ? '状态' : 'Status')}2`)?.formulae).toEqual([
        zh ? '"进行中,赢单,丢单,无决策"' : '"Open,Won,Lost,NoDecision"',
      ]);
      expect(list(sheet, `${col('Q_Project')}2`)?.formulae).toEqual([zh ? '"是,未知,否"' : '"Yes,Unknown,No"']);
      expect(list(sheet, `${col(zh ? '阶段' : 'Stage')}2`)?.formulae).toEqual(['Stages_Stage']);
    }
    if (tables.has('Accounts')) {
      const headers = tables.get('Accounts')!.columns;
      const v = list(tableSheetName('Accounts', locale), `${String.fromCharCode(65 + headers.indexOf('C_Potential'))}2`);
      expect(v).toMatchObject({ type: 'decimal', operator: 'between', formulae: [1, 5] });
      expect(v?.prompt).toMatch(zh ? /1（低）到 5（高）/ : /1 \(low\) to 5 \(high\)/);
    }
    if (tables.has('DecisionChain')) {
      const headers = tables.get('DecisionChain')!.columns;
      const v = list(
        tableSheetName('DecisionChain', locale),
        `${String.fromCharCode(65 + headers.indexOf(zh ? '支持度' : 'Support'))}2`,
      );
      expect(v?.formulae).toEqual([
        zh ? '"内线教练,支持者,中立,不支持,反对者"' : '"Mentor,Supporter,Neutral,NonSupporter,Enemy"',
      ]);
    }
  });

  test('the reader reads the template back into a snapshot without problems, Config and settings included', async () => {
    const { buffer } = await template(id, locale);
    const r = await readWorkbookBuffer(buffer, templateFileName(id, locale));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.snapshot.problems).toEqual([]);
    expect(r.snapshot.settings.TemplateId).toBe(id);
    expect(Object.keys(r.snapshot.config).sort()).toEqual(CONFIG_TABLES.map((t) => t.name).sort());
    if (id === 'value-indicators') {
      expect(r.snapshot.indicators?.map((i) => i.id)).toEqual(expect.arrayContaining(BUILT_IN_INDICATORS.map((i) => i.id)));
      for (const ind of r.snapshot.indicators!) {
        const builtIn = BUILT_IN_INDICATORS.find((b) => b.id === ind.id)!;
        expect(ind.formula).toBe(builtIn.formula);
        expect(ind.name).toEqual(builtIn.name);
        expect([ind.unit, ind.direction, ind.green, ind.red]).toEqual([
          builtIn.unit,
          builtIn.direction,
          builtIn.green,
          builtIn.red,
        ]);
      }
    }
  });
});

describe('rebuilds and shipped files', () => {
  test('building twice gives identical bytes', async () => {
    for (const [id, locale] of CASES) {
      const again = await buildTemplate(id, locale);
      expect(again.equals((await template(id, locale)).buffer)).toBe(true);
    }
  });

  test('templates/<id>.<locale>.xlsx are the current builds (run crm3 templates build after changing a template)', async () => {
    for (const [id, locale] of CASES) {
      const shipped = await fs.readFile(path.join(__dirname, '../../templates', templateFileName(id, locale)));
      expect(shipped.equals((await template(id, locale)).buffer)).toBe(true);
    }
  });

  test('catalog chart sources sit on the report blocks the builders write', async () => {
    for (const [id, locale] of CASES) {
      const { wb } = await template(id, locale);
      for (const chart of TEMPLATES.find((t) => t.id === id)!.charts) {
        const ws = wb.getWorksheet(locale === 'zh-CN' ? chart.sheet.zh : chart.sheet.en)!;
        const [from, to] = chart.source.split(':');
        const row = Number(/\d+$/.exec(from)![0]);
        const cols = [from, to].map((a) => Number(ws.getCell(a).col));
        // Headers are labels; the first data row is computed (a spilled report formula) in at least one column.
        const formulas: boolean[] = [];
        for (let c = cols[0]; c <= cols[1]; c++) {
          expect(typeof ws.getCell(row, c).value).toBe('string');
          formulas.push(ws.getCell(row + 1, c).formula !== undefined);
        }
        expect(formulas.slice(1).every(Boolean)).toBe(true);
      }
    }
  });
});

describe('filled with the sample', () => {
  const sample = generateSample({ locale: 'en-US' });

  test('data round-trips: the tables read back hold the sample rows', async () => {
    const buffer = await buildTemplate('value-indicators', 'en-US', { data: sample });
    const r = await readWorkbookBuffer(buffer, 'vi.xlsx');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.snapshot.problems).toEqual([]);
    for (const name of Object.keys(sample.tables) as TableName[]) {
      const want = sample.tables[name]!;
      const got = r.snapshot.tables[name]!;
      expect(got.rows.length).toBe(want.rows.length);
      // Input columns equal the sample's (computed columns are the template's formulas).
      const inputs = want.headers.filter(
        (h) => !TABLES.find((t) => t.name === name)!.columns.find((c) => c.name === h)?.computed,
      );
      for (const h of inputs) {
        const a = got.headers.indexOf(h);
        const b = want.headers.indexOf(h);
        expect(got.rows.map((row) => row[a])).toEqual(want.rows.map((row) => row[b]));
      }
    }
  });

  test('the Indicators sheet computes what the engine computes from the read-back workbook', async () => {
    const buffer = await buildTemplate('value-indicators', 'en-US', { data: sample });
    const cells = await evaluateFormulaWorkbook(buffer, 'vi.xlsx');
    expect(cells.ok).toBe(true);
    if (!cells.ok) return;
    const read = await readWorkbookBuffer(buffer, 'vi.xlsx');
    if (!read.ok) throw new Error('unreadable');
    const engine = evaluateWorkbook(read.snapshot, {
      file: 'vi.xlsx',
      asOf: sample.settings.AsOfDate as number,
      locale: 'en-US',
    });
    const valueOf = new Map(
      cells.cells.filter((c) => c.sheet === 'Indicators' && /^F\d+$/.test(c.cell)).map((c) => [c.cell, c.value]),
    );
    BUILT_IN_INDICATORS.forEach((ind, i) => {
      const fromEngine = engine.indicators.find((x) => x.id === ind.id)!.value;
      expect(typeof fromEngine === 'number' || fromEngine === null).toBe(true);
      const inFile = valueOf.get(`F${2 + i}`);
      if (fromEngine === null) expect(inFile === null || inFile === '').toBe(true);
      else expect(inFile).toBeCloseTo(fromEngine as number, 9);
    });
  });

  test('win analysis by owner counts closed and won deals as a hand count over the sample does', async () => {
    const buffer = await buildTemplate('opportunity-grading', 'en-US', { data: sample });
    const r = await evaluateFormulaWorkbook(buffer, 'og.xlsx');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const at = (cell: string) => r.cells.find((c) => c.sheet === 'Win analysis' && c.cell === cell);
    // Locate the owner block: the first group cell below the "Owner" header in column B.
    const ws = await loadWithExcelJS(buffer);
    const sheet = ws.getWorksheet('Win analysis')!;
    let header = 0;
    sheet.getColumn(2).eachCell((c, row) => {
      if (!header && c.value === 'Owner') header = row;
    });
    const opp = sample.tables.Opportunities!;
    const [iOwner, iStatus] = ['Owner', 'Status'].map((h) => opp.headers.indexOf(h));
    const owner = String(sheet.getCell(`B${header + 1}`).value);
    const mine = opp.rows.filter((row) => row[iOwner] === owner);
    const closed = mine.filter((row) => ['Won', 'Lost', 'NoDecision'].includes(String(row[iStatus]))).length;
    const won = mine.filter((row) => row[iStatus] === 'Won').length;
    expect(closed).toBeGreaterThan(0);
    expect(at(`C${header + 1}`)?.value).toBe(closed);
    expect(at(`D${header + 1}`)?.value).toBe(won);
    expect(at(`E${header + 1}`)?.value).toBeCloseTo(won / closed, 12);
    expect(r.errors).toEqual([]);
  });
});

describe('crm3 templates build', () => {
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) }, out, err };
  }

  test('writes the 8 files into --out, identical to buildTemplate', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'crm3-templates-'));
    try {
      const c = capture();
      expect(await main(['templates', 'build', '--out', dir], c.io)).toBe(0);
      const files = (await fs.readdir(dir)).sort();
      expect(files).toEqual(CASES.map(([id, locale]) => templateFileName(id, locale)).sort());
      expect(c.out.join('').trim().split('\n')).toHaveLength(8);
      const one = await fs.readFile(path.join(dir, templateFileName('account-plan', 'zh-CN')));
      expect(one.equals((await template('account-plan', 'zh-CN')).buffer)).toBe(true);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  test.each([
    [['templates'], /missing subcommand/],
    [['templates', 'make'], /unknown subcommand "make"/],
    [['templates', 'build', '--out'], /unexpected argument "--out"/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const c = capture();
    expect(await main([...argv, '--lang', 'en-US'], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(message);
  });

  test('usage errors in zh-CN', async () => {
    const c = capture();
    expect(await main(['templates', 'make', '--lang', 'zh-CN'], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/未知子命令“make”/);
  });
});
