import { ExcelHost } from '../../src/host/excelHost';
import { InsertTemplateRequest } from '../../src/host/workbookHost';
import { WorkbookState, installExcel } from './fakeExcel';
import { TEMPLATE_CHARTS, installOffice, templateBase64 } from './officeSetup';

let base64: string;
beforeAll(async () => {
  base64 = await templateBase64();
});

function userWorkbook(): WorkbookState {
  const st = installExcel();
  st.put('Sheet1', 'A1', [
    ['My notes', 42],
    ['=SUM(B1)', null],
  ]);
  return st;
}

function insert(host: ExcelHost, progress: [number, number, string][] = []) {
  const request: InsertTemplateRequest = {
    id: 'portfolio-tiering',
    locale: 'en-US',
    base64,
    onProgress: (d, t, label) => progress.push([d, t, label.en]),
  };
  return host.insertTemplate(request);
}

const formula = (st: WorkbookState, sheet: string, cell: string) => st.cell(sheet, cell)?.f;
const nameFormula = (st: WorkbookState, name: string) => st.names.find((n) => n.name === name)?.formula;

describe.each([
  ['ExcelApi 1.13 (insertWorksheetsFromBase64)', true],
  ['no ExcelApi 1.13 (sheets built in code)', false],
])('insertTemplate with %s', (_, api113) => {
  beforeEach(() => installOffice({ api113 }));

  test('a clean insertion adds the sheets, tables, names, formulas and chart in one Excel.run', async () => {
    const st = userWorkbook();
    const progress: [number, number, string][] = [];
    const r = await insert(new ExcelHost({ charts: () => TEMPLATE_CHARTS }), progress);
    expect(r).toEqual({ ok: true, sheets: ['How to use', 'Accounts', 'Config'], firstSheet: 'How to use', renamed: [] });
    expect(st.runs).toBe(1);
    expect(st.sheets.map((s) => s.name)).toEqual(['Sheet1', 'How to use', 'Accounts', 'Config']);
    expect(st.tables.map((t) => `${t.sheet.name}/${t.name}@${t.top},${t.left}:${t.bottom},${t.right}`)).toEqual([
      'Accounts/Accounts@1,1:3,4',
      'Config/Criteria@2,5:4,6',
    ]);
    // Every name the file defines exists and points at the inserted cells (not #REF!).
    expect(nameFormula(st, 'Acc_AccountId')).toBe('=Accounts!$A$2:$A$3');
    expect(nameFormula(st, 'AsOfDate')).toBe('=Config!$B$3');
    expect(nameFormula(st, 'Criteria_Weight')).toBe('=Config!$F$3:$F$4');
    // Custom functions in the form Excel binds.
    expect(formula(st, 'Accounts', 'D2')).toBe('=CRM3.SCORE(C2:C2,Criteria_Weight)');
    expect(formula(st, 'Accounts', 'F1')).toBe('=COUNTA(Acc_AccountId)');
    expect(st.cell('Accounts', 'B3')?.v).toBe('Globex');
    expect(st.cell('Config', 'B3')?.v).toBe(46352);
    expect(st.sheets[2].charts).toEqual([
      { name: 'Chart 1', type: 'XYScatter', source: 'C1:D3', title: 'Attractiveness × position', anchor: 'H2' },
    ]);
    expect(st.active).toBe('How to use');
    // Protected as the template protects it, after the chart was drawn on it.
    expect(st.sheets.map((s) => s.protected)).toEqual([false, false, true, false]);
    // The user's sheet is as it was.
    expect(st.cell('Sheet1', 'B1')?.v).toBe(42);
    expect(formula(st, 'Sheet1', 'A2')).toBe('=SUM(B1)');
    // Progress: every step in order, ending at total.
    expect(progress.map((p) => p[0])).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(progress.every((p) => p[1] === 6)).toBe(true);
    expect(progress[progress.length - 1][2]).toBe('Done');
  });

  test("collisions: the user's sheet, table and names are untouched; ours are suffixed and the formulas follow", async () => {
    const st = userWorkbook();
    st.put('Accounts', 'A1', [['AccountId'], ['MINE-1']]);
    st.addTable('Accounts', 'Accounts', 'A1:A2');
    st.names.push({ name: 'AsOfDate', formula: '=Sheet1!$B$1' }, { name: 'Criteria_Weight', formula: '=0.5' });
    const before = st.inventory();

    const r = await insert(new ExcelHost({ charts: () => TEMPLATE_CHARTS }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sheets).toEqual(['How to use', 'Accounts (2)', 'Config']);
    expect(r.renamed).toEqual([
      { kind: 'sheet', from: 'Accounts', to: 'Accounts (2)' },
      { kind: 'table', from: 'Accounts', to: 'Accounts_2' },
      { kind: 'name', from: 'AsOfDate', to: 'AsOfDate_2' },
      { kind: 'name', from: 'Criteria_Weight', to: 'Criteria_Weight_2' },
    ]);
    // Theirs, as before.
    expect(st.cell('Accounts', 'A2')?.v).toBe('MINE-1');
    expect(st.tables.find((t) => t.name === 'Accounts')?.sheet.name).toBe('Accounts');
    expect(nameFormula(st, 'AsOfDate')).toBe('=Sheet1!$B$1');
    expect(nameFormula(st, 'Criteria_Weight')).toBe('=0.5');
    for (const s of before.sheets) expect(st.sheets.map((x) => x.name)).toContain(s);
    // Ours, renamed, and everything that pointed at the old names follows.
    expect(st.tables.find((t) => t.name === 'Accounts_2')?.sheet.name).toBe('Accounts (2)');
    expect(nameFormula(st, 'AsOfDate_2')).toBe('=Config!$B$3');
    expect(nameFormula(st, 'Criteria_Weight_2')).toBe('=Config!$F$3:$F$4');
    expect(nameFormula(st, 'Acc_AccountId')).toBe("='Accounts (2)'!$A$2:$A$3");
    expect(formula(st, 'Accounts (2)', 'D2')).toBe('=CRM3.SCORE(C2:C2,Criteria_Weight_2)');
    // Token-aware: the name inside the string stays as typed.
    expect(formula(st, 'Accounts (2)', 'F2')).toBe('=IF(AsOfDate_2>0,"AsOfDate ok","")');
    expect(st.sheet('Accounts (2)')!.charts).toHaveLength(1);
    expect(st.sheet('Accounts')!.charts).toHaveLength(0);
  });

  test.each(['charts.add', 'names.add'] as const)('when %s fails, everything added is rolled back', async (point) => {
    const st = userWorkbook();
    st.names.push({ name: 'AsOfDate', formula: '=Sheet1!$B$1' });
    if (point === 'names.add') st.insertedNames = 'none';
    const before = st.inventory();
    const cellsBefore = [...st.sheet('Sheet1')!.cells.entries()];
    st.failOn.add(point);
    const r = await insert(new ExcelHost({ charts: () => TEMPLATE_CHARTS }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message.en).toMatch(point === 'charts.add' ? /Drawing the charts/ : /Adding tables and names/);
    expect(r.message.en).toMatch(/as it was/);
    expect(r.message.zh).toMatch(point === 'charts.add' ? /绘制图表/ : /添加表格和名称/);
    expect(st.inventory()).toEqual(before);
    expect([...st.sheet('Sheet1')!.cells.entries()]).toEqual(cellsBefore);
    expect(st.runs).toBe(1);
  });

  test('a template file that is not a workbook fails before Excel is touched', async () => {
    const st = userWorkbook();
    const before = st.inventory();
    const r = await new ExcelHost().insertTemplate({ id: 'account-plan', locale: 'zh-CN', base64: 'bm90IGEgd29ya2Jvb2s=' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.zh).toMatch(/模板/);
    expect(st.runs).toBe(0);
    expect(st.inventory()).toEqual(before);
  });
});

describe('insertWorksheetsFromBase64 and names', () => {
  beforeEach(() => installOffice({ api113: true }));

  test('names Excel did not bring are added', async () => {
    const st = userWorkbook();
    st.insertedNames = 'none';
    expect((await insert(new ExcelHost({ charts: () => [] }))).ok).toBe(true);
    expect(nameFormula(st, 'Acc_AccountId')).toBe('=Accounts!$A$2:$A$3');
    expect(nameFormula(st, 'Criteria_Weight')).toBe('=Config!$F$3:$F$4');
  });

  test("a user's name the insertion overwrote gets its formula back", async () => {
    const st = userWorkbook();
    st.insertedNames = 'overwrite';
    st.names.push({ name: 'AsOfDate', formula: '=Sheet1!$B$1' });
    const r = await insert(new ExcelHost({ charts: () => [] }));
    expect(r.ok).toBe(true);
    expect(nameFormula(st, 'AsOfDate')).toBe('=Sheet1!$B$1');
    expect(nameFormula(st, 'AsOfDate_2')).toBe('=Config!$B$3');
  });

  test("a failure after Excel overwrote a user's name: the rollback gives the name back too", async () => {
    const st = userWorkbook();
    st.insertedNames = 'overwrite';
    st.names.push({ name: 'AsOfDate', formula: '=Sheet1!$B$1' });
    const before = st.inventory();
    st.failOn.add('charts.add');
    const r = await insert(new ExcelHost({ charts: () => TEMPLATE_CHARTS }));
    expect(r.ok).toBe(false);
    expect(st.inventory()).toEqual(before);
  });

  test('when the sheet insertion itself fails, nothing is left behind', async () => {
    const st = userWorkbook();
    const before = st.inventory();
    st.failOn.add('insertWorksheetsFromBase64');
    const r = await insert(new ExcelHost({ charts: () => [] }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.en).toMatch(/Adding the sheets/);
    expect(st.inventory()).toEqual(before);
  });
});
