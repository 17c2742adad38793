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
import { EMPTY_TABLE_ROWS } from '../../src/templates/templateBook';
import { MANIFEST_ID, MANIFEST_VERSION } from '../../src/version';
import { needsDynamicArray, toStoredFormula as storedFormula } from '../../src/engine/formulaLanguage';

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
    zip.file(p, xml.replace(/<calculatedColumnFormula[^>]*>[^<]*<\/calculatedColumnFormula>/g, ''));
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
    // (stored as Excel stores `Sheet!$X$2#`: _xlfn.ANCHORARRAY(Sheet!$X$2)).
    if (tables.has('Opportunities')) expect(names.get('Opp_StageCheck')).toMatch(/^_xlfn\.ANCHORARRAY\(.+!\$[A-Z]+\$2\)$/);
    for (const ref of names.values()) expect(ref).not.toMatch(/#$|\$\d+#/);
    expect(names.get('Stages_Stage')).toBe(`Stages[${zh ? '阶段' : 'Stage'}]`);
    const at = (name: string) => config.getCell(names.get(name)!.split('!')[1].replace(/\$/g, '')).value;
    expect(at('TemplateId')).toBe(id);
    expect(at('TemplateVersion')).toBe(TEMPLATE_VERSION);
    expect(at('TierMethod')).toBe(zh ? '矩阵法' : 'Matrix');
  });

  test('formulas follow §7: no volatile functions, no cross-sheet or table-column references, no per-row whole-table scans', async () => {
    const { formulas } = await template(id, locale);
    expect(formulas.length).toBeGreaterThan(10);
    for (const f of formulas) {
      expect(f.formula).not.toMatch(VOLATILE);
      // Only a calculated column refers to its own row, as Table[@[Col]] (typed form).
      const own = f.inTable ? new RegExp(`${f.inTable}\\[@(?:\\[[^\\]]*\\](?::\\[[^\\]]*\\])?|[^\\[\\]]+)\\]`, 'g') : undefined;
      const rest = f.formula.replace(/"[^"]*"/g, '').replace(own ?? /$^/, '');
      expect(rest).not.toMatch(/[[\]!]/);
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

  test('per-row computed columns are Excel calculated columns, stored as Excel does (REF table10: the same structured formula in the table part and every row)', async () => {
    const { zip, formulas } = await template(id, locale);
    const tableParts = Object.keys(zip.files).filter((p) => /^xl\/tables\/table\d+\.xml$/.test(p));
    let marked = 0;
    for (const p of tableParts) {
      const xml = await zip.file(p)!.async('string');
      const table = /<table\b[^>]*\sname="([^"]*)"/.exec(xml)![1];
      for (const m of xml.matchAll(/<calculatedColumnFormula( array="1")?>([^<]*)<\/calculatedColumnFormula>/g)) {
        marked++;
        const stored = m[2]
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>');
        // Excel's form: Table[[#This Row],[Col]] (never [@Col], never row-relative A1).
        expect(stored).toContain(`${table}[[#This Row],`);
        expect(stored).not.toMatch(/\[@|(?<![A-Za-z_$])\$?[A-Z]{1,3}\$?\d+(?![\w(])/);
        // Every body cell of the column holds that very formula; array="1" exactly when the cells are dynamic arrays.
        const cells = formulas.filter((f) => f.inTable === table && storedFormula(f.formula) === stored);
        expect(cells.length).toBeGreaterThanOrEqual(EMPTY_TABLE_ROWS);
        expect(m[1] !== undefined).toBe(needsDynamicArray(stored));
      }
    }
    expect(marked > 0).toBe(formulas.some((f) => f.inTable && f.inTable !== 'Indicators'));
  });

  test('protection (finding 3): sheets holding tables are open; report sheets are protected without a password; computed table cells refuse typing', async () => {
    const { wb, zip, formulas } = await template(id, locale);
    const tables = tablesOf(wb);
    const tableSheets = new Set([...tables.values()].map((t) => t.sheet));
    for (const ws of wb.worksheets) {
      const protection = (ws as unknown as { sheetProtection: { sheet?: boolean; hashValue?: string } | null }).sheetProtection;
      if (tableSheets.has(ws.name)) expect(protection?.sheet ?? false).toBe(false);
      else if (formulas.some((f) => f.sheet === ws.name)) {
        expect(protection?.sheet).toBe(true);
        expect(protection?.hashValue).toBeUndefined();
      }
    }
    // On protected sheets formula cells stay locked and inputs are unlocked.
    for (const f of formulas.filter((x) => !tableSheets.has(x.sheet)))
      expect(wb.getWorksheet(f.sheet)!.getCell(f.cell).protection?.locked).not.toBe(false);
    // A computed table cell carries a stop validation: it must keep its formula (ISFORMULA, stored with its prefix).
    for (const f of formulas.filter((x) => x.inTable && x.inTable !== 'Indicators' && tableSheets.has(x.sheet))) {
      const v = wb.getWorksheet(f.sheet)!.getCell(f.cell).dataValidation;
      expect(v).toMatchObject({ type: 'custom', showErrorMessage: true });
      expect(String(v?.formulae?.[0])).toMatch(/^_xlfn\.ISFORMULA\(\$?[A-Z]+\$?\d+\)$/);
    }
    void zip;
  });

  test('opening the file asks Excel for the add-in (finding 6): webextension parts as Excel stores them, sideloaded by default', async () => {
    const { zip } = await template(id, locale);
    const we = await zip.file('xl/webextensions/webextension1.xml')!.async('string');
    expect(we).toContain(
      `<we:reference id="${MANIFEST_ID}" version="${MANIFEST_VERSION}" store="developer" storeType="Registry"/>`,
    );
    expect(we).toContain('<we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>');
    // Package level (_rels/.rels), as Excel's own files hold it; not in workbook.xml.rels.
    expect(await zip.file('_rels/.rels')!.async('string')).toContain(
      'Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"',
    );
    expect(await zip.file('xl/_rels/workbook.xml.rels')!.async('string')).not.toContain('webextension');
    expect(await zip.file('xl/webextensions/_rels/taskpanes.xml.rels')!.async('string')).toContain('Target="webextension1.xml"');
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('application/vnd.ms-office.webextensiontaskpanes+xml');
    expect(types).toContain('application/vnd.ms-office.webextension+xml');
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

  test('writes the 10 files into --out, identical to buildTemplate', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'crm3-templates-'));
    try {
      const c = capture();
      expect(await main(['templates', 'build', '--out', dir], c.io)).toBe(0);
      const files = (await fs.readdir(dir)).sort();
      expect(files).toEqual(CASES.map(([id, locale]) => templateFileName(id, locale)).sort());
      expect(c.out.join('').trim().split('\n')).toHaveLength(CASES.length);
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

  test('--addin names the deployment’s add-in in every file; a bad --addin is a usage error', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'crm3-templates-'));
    try {
      const id = '11111111-2222-3333-4444-555555555555';
      const c = capture();
      expect(
        await main(
          ['templates', 'build', '--out', dir, '--addin', `id=${id},version=1.2.0.0,store=EXCatalog,storeType=EXCatalog`],
          c.io,
        ),
      ).toBe(0);
      const zip = await JSZip.loadAsync(await fs.readFile(path.join(dir, templateFileName('value-indicators', 'en-US'))));
      expect(await zip.file('xl/webextensions/webextension1.xml')!.async('string')).toContain(
        `<we:reference id="${id}" version="1.2.0.0" store="EXCatalog" storeType="EXCatalog"/>`,
      );
      const bad = capture();
      expect(
        await main(
          ['templates', 'build', '--out', dir, '--addin', 'id=x,version=1.0,store=s,storeType=Registry', '--lang', 'en-US'],
          bad.io,
        ),
      ).toBe(2);
      expect(bad.err.join('')).toMatch(/four parts/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  test('usage errors in zh-CN', async () => {
    const c = capture();
    expect(await main(['templates', 'make', '--lang', 'zh-CN'], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/未知子命令“make”/);
  });
});
