/**
 * Our stored XML, feature by feature, against files saved by Excel itself
 * (test/fixtures/excel-reference, rust_xlsxwriter's reference files, MIT). Each test builds
 * the same feature with the project's writer and compares the normalized XML Excel wrote.
 * Normalized: row `spans` hints, and a formula cell's cached value (Excel's `<v>0</v>`, our
 * empty text result computed on open) are left out; everything else must match.
 */
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { toStoredFormula } from '../../src/engine/formulaLanguage';
import { DataValidation, SheetModel, WorkbookModel, writeStyledWorkbook } from '../../src/io/styledWorkbook';
import { TemplateBook } from '../../src/templates/templateBook';

const REF = path.join(__dirname, '../fixtures/excel-reference');

async function part(bytes: Buffer | Uint8Array, name: string): Promise<string> {
  const f = (await JSZip.loadAsync(bytes)).file(name);
  if (!f) throw new Error(`no ${name}`);
  return f.async('string');
}
const ref = (file: string, name: string) => part(fs.readFileSync(path.join(REF, file)), name);

/** A formula cell without its cached result (and the type of that result). */
const formulaCell = (xml: string, cell: string) => {
  const m = new RegExp(`<c r="${cell}"[^>]*>(?:(?!</c>).)*</c>`).exec(xml)?.[0] ?? '';
  return m.replace(/ t="(?:str|n)"/, '').replace(/<v>[^<]*<\/v>/, '');
};
const element = (xml: string, re: RegExp) => re.exec(xml)?.[0];

function book(sheets: SheetModel[], extra: Partial<WorkbookModel> = {}): Promise<Buffer> {
  return writeStyledWorkbook({ sheets, names: [], creator: 'test', when: new Date(Date.UTC(2026, 0, 1)), ...extra });
}

test('dynamic arrays (dynamic_array01/02): cm="1", t="array" ref = the cell, XLDAPR metadata, its type and relationship', async () => {
  const ws = new SheetModel('Sheet1');
  for (const [cell, typed] of [
    ['A1', '=AVERAGE(TIMEVALUE(B1:B2))'],
    ['B1', '=UNIQUE(A1)'],
  ]) {
    const text = toStoredFormula(typed);
    ws.getCell(cell).formula = { text, dynamic: true };
  }
  const ours = await book([ws]);
  expect(formulaCell(await part(ours, 'xl/worksheets/sheet1.xml'), 'A1')).toBe(
    formulaCell(await ref('dynamic_array01.xlsx', 'xl/worksheets/sheet1.xml'), 'A1'),
  );
  expect(formulaCell(await part(ours, 'xl/worksheets/sheet1.xml'), 'B1')).toBe(
    formulaCell(await ref('dynamic_array02.xlsx', 'xl/worksheets/sheet1.xml'), 'B1'),
  );
  expect((await part(ours, 'xl/metadata.xml')).replace(/\r?\n/g, '')).toBe(
    (await ref('dynamic_array01.xlsx', 'xl/metadata.xml')).replace(/\r?\n/g, ''),
  );
  const typeRe = /<Override PartName="\/xl\/metadata.xml"[^>]*\/>/;
  expect(element(await part(ours, '[Content_Types].xml'), typeRe)).toBe(
    element(await ref('dynamic_array01.xlsx', '[Content_Types].xml'), typeRe),
  );
  const relRe = /Type="[^"]*sheetMetadata" Target="metadata.xml"/;
  expect(element(await part(ours, 'xl/_rels/workbook.xml.rels'), relRe)).toBe(
    element(await ref('dynamic_array01.xlsx', 'xl/_rels/workbook.xml.rels'), relRe),
  );
});

test('calculated columns (table34, table10, table35): the table part and every cell hold Table[[#This Row],[Col]]', async () => {
  const ws = new SheetModel('Sheet1');
  const typed = '=[@Column3]';
  const text = toStoredFormula(typed, { table: 'Table1' });
  ws.addTable({
    name: 'Table1',
    top: 2,
    left: 3,
    rows: 4,
    style: 'TableStyleMedium9',
    columns: [
      { name: 'Column1' },
      { name: 'Column2' },
      { name: 'Column3' },
      { name: 'Column4', calculated: { text, dynamic: false } },
    ],
  });
  ['Column1', 'Column2', 'Column3', 'Column4'].forEach((c, j) => (ws.getCell(2, 3 + j).value = c));
  ['Apples', 'Pears', 'Bananas', 'Oranges'].forEach((v, i) => (ws.getCell(3 + i, 3).value = v));
  [1234, 1256, 2234, 1324].forEach((v, i) => (ws.getCell(3 + i, 4).value = v));
  for (let r = 3; r <= 6; r++) {
    ws.getCell(r, 5).value = 0;
    ws.getCell(r, 6).formula = { text, dynamic: false };
    ws.getCell(r, 6).numFmt = '0.0000';
  }
  const ours = await book([ws]);
  // The table part, less the column's differential format id (Excel writes the format twice).
  expect(await part(ours, 'xl/tables/table1.xml')).toBe(
    (await ref('table34.xlsx', 'xl/tables/table1.xml')).replace(/ dataDxfId="\d+"/, ''),
  );
  const sheet = await part(ours, 'xl/worksheets/sheet1.xml');
  const refSheet = await ref('table34.xlsx', 'xl/worksheets/sheet1.xml');
  for (const c of ['F3', 'F4', 'F5', 'F6'])
    expect(formulaCell(sheet, c).replace(/ s="\d+"/, '')).toBe(formulaCell(refSheet, c).replace(/ s="\d+"/, ''));
  // Typed forms of table10 and table35 are stored as Excel stored them.
  const calc = async (file: string) => /<calculatedColumnFormula>([^<]*)</.exec(await ref(file, 'xl/tables/table1.xml'))![1];
  expect(toStoredFormula('=SUM(Table1[@[Column1]:[Column3]])')).toBe(await calc('table10.xlsx'));
  expect(toStoredFormula('=BASE(0,2)', { table: 'Table1' })).toBe(await calc('table35.xlsx'));
});

test('defined names (defined_name01/02): stored text, quoting, sheet-level ids and Excel’s order', async () => {
  const sheets = ['Sheet1', 'Sheet2', 'Sheet 3'].map((n) => new SheetModel(n));
  const names = [
    { name: 'Bar', ref: 'Sheet2!$A$1', localSheetId: 1 },
    { name: '_xlnm.Print_Area', ref: 'Sheet1!$A$1:$E$6', localSheetId: 0 },
    { name: 'Baz', ref: '0.98' },
    { name: 'Abc', ref: 'Sheet1!$A$1' },
    { name: 'Bar', ref: "'Sheet 3'!$A$1", localSheetId: 2 },
    { name: '_Fog', ref: 'Sheet1!$A$1' },
    { name: 'aaa', ref: 'Sheet2!$A$1', localSheetId: 1 },
    { name: '_xlnm._FilterDatabase', ref: 'Sheet1!$F$1:$G$1', localSheetId: 0, hidden: true },
    { name: 'Bar', ref: 'Sheet1!$A$1', localSheetId: 0 },
    { name: '_Egg', ref: 'Sheet1!$A$1' },
  ];
  const namesRe = /<definedNames>.*<\/definedNames>/;
  expect(element(await part(await book(sheets, { names }), 'xl/workbook.xml'), namesRe)).toBe(
    element(await ref('defined_name01.xlsx', 'xl/workbook.xml'), namesRe),
  );
  const typed = "='sheet One'!$G$1:$H$10";
  const one = await book([new SheetModel('sheet One')], { names: [{ name: 'Sales', ref: toStoredFormula(typed) }] });
  expect(element(await part(one, 'xl/workbook.xml'), namesRe)).toBe(
    element(await ref('defined_name02.xlsx', 'xl/workbook.xml'), namesRe),
  );
});

test('protection with unlocked cells (protect01/02/08): the sheet element and the unlocked cell format', async () => {
  const ws = new SheetModel('Sheet1');
  ws.getCell('A1').value = 1;
  ws.getCell('A2').value = 2;
  ws.getCell('A2').protection = { locked: false };
  ws.protection = {};
  const ours = await book([ws]);
  const protRe = /<sheetProtection[^>]*\/>/;
  expect(element(await part(ours, 'xl/worksheets/sheet1.xml'), protRe)).toBe(
    element(await ref('protect02.xlsx', 'xl/worksheets/sheet1.xml'), protRe),
  );
  const unlocked = /<xf [^>]*applyProtection="1"><protection locked="0"\/><\/xf>/;
  expect(element(await part(ours, 'xl/styles.xml'), unlocked)).toBe(
    element(await ref('protect01.xlsx', 'xl/styles.xml'), unlocked),
  );
  // What "allowed" means (protect08): the attribute written as "0".
  const allowAll = new SheetModel('Sheet1');
  allowAll.protection = {
    formatCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: true,
    sort: true,
    autoFilter: true,
  };
  const ourAttrs = element(await part(await book([allowAll]), 'xl/worksheets/sheet1.xml'), protRe)!;
  const refAttrs = element(await ref('protect08.xlsx', 'xl/worksheets/sheet1.xml'), protRe)!;
  for (const a of ['formatCells', 'formatColumns', 'formatRows', 'insertRows', 'sort', 'autoFilter']) {
    expect(ourAttrs).toContain(` ${a}="0"`);
    expect(refAttrs).toContain(` ${a}="0"`);
  }
});

test('validation lists (data_validation01): the same dataValidations element', async () => {
  const ws = new SheetModel('Sheet1');
  const rule: DataValidation = {
    type: 'list',
    allowBlank: true,
    showInputMessage: true,
    showErrorMessage: true,
    formulae: ['"Foo,Bar,Baz"'],
  };
  ws.getCell('C2').dataValidation = rule;
  const re = /<dataValidations.*<\/dataValidations>/;
  expect(element(await part(await book([ws]), 'xl/worksheets/sheet1.xml'), re)).toBe(
    element(await ref('data_validation01.xlsx', 'xl/worksheets/sheet1.xml'), re),
  );
});

test('print areas (print_area01): a sheet-level _xlnm.Print_Area name', async () => {
  const b = new TemplateBook('en-US');
  const ws = b.sheet('Sheet1', 0, { protect: false });
  ws.getCell('A1').value = 'Foo';
  b.printArea(ws, 'A1');
  const re = /<definedNames>.*<\/definedNames>/;
  expect(element(await part(await b.finish(), 'xl/workbook.xml'), re)).toBe(
    element(await ref('print_area01.xlsx', 'xl/workbook.xml'), re),
  );
});

test('the workbook part (bootstrap01): file version, bookViews and calcPr of the 2007 baseline', async () => {
  const ours = await part(await book([new SheetModel('Sheet1')]), 'xl/workbook.xml');
  const refWb = await ref('bootstrap01.xlsx', 'xl/workbook.xml');
  expect(element(ours, /<fileVersion[^>]*\/>/)).toBe(element(refWb, /<fileVersion[^>]*\/>/));
  // One workbook view with the same attributes (the window's size and place are the saving user's).
  const view = (xml: string) =>
    [...(element(xml, /<bookViews><workbookView[^>]*\/><\/bookViews>/) ?? '').matchAll(/ (\w+)=/g)].map((m) => m[1]);
  expect(view(ours)).toEqual(view(refWb));
  expect(element(ours, /<calcPr[^>]*\/>/)).toBe('<calcPr calcId="124519" fullCalcOnLoad="1"/>');
});
