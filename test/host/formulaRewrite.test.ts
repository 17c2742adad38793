import { quoteSheet, renameMap, rewriteFormula, toExcelFormula } from '../../src/host/formulaRewrite';
import { planInsertion } from '../../src/host/insertPlan';
import { TemplateModel } from '../../src/host/templateModel';

const renames = {
  names: renameMap([
    ['Acc_AccountId', 'Acc_AccountId_2'],
    ['AsOfDate', 'AsOfDate_2'],
  ]),
  tables: renameMap([['Accounts', 'Accounts_2']]),
  sheets: renameMap([
    ['Accounts', 'Accounts (2)'],
    ['配置', '配置 (2)'],
  ]),
};

describe('rewriteFormula', () => {
  test.each([
    ['=COUNTA(Acc_AccountId)', '=COUNTA(Acc_AccountId_2)'],
    ['=acc_accountid', '=Acc_AccountId_2'],
    // whole tokens only
    ['=COUNTA(Acc_AccountIdX)+Acc_AccountId2', '=COUNTA(Acc_AccountIdX)+Acc_AccountId2'],
    // never inside strings, quotes escaped
    ['=IF(A1="Acc_AccountId ""AsOfDate""",AsOfDate,0)', '=IF(A1="Acc_AccountId ""AsOfDate""",AsOfDate_2,0)'],
    // sheets before '!', quoted when needed; tables before '['; functions untouched
    ['=Accounts!$A$2+SUM(Accounts[Revenue12m])', "='Accounts (2)'!$A$2+SUM(Accounts_2[Revenue12m])"],
    ["='配置'!B3+配置!B4", "='配置 (2)'!B3+'配置 (2)'!B4"],
    ['=Accounts[[#This Row],[Acc_AccountId]]', '=Accounts_2[[#This Row],[Acc_AccountId]]'],
    ['=CRM3.SCORE(H5:N5,Criteria_Weight)', '=CRM3.SCORE(H5:N5,Criteria_Weight)'],
    ['=AsOfDate(1)', '=AsOfDate(1)'],
    ["='Other sheet'!A1", "='Other sheet'!A1"],
  ])('%s → %s', (from, to) => {
    expect(rewriteFormula(from, renames)).toBe(to);
  });

  test('no renames: the text comes back unchanged', () => {
    expect(rewriteFormula('=SUM(A1:A3)', {})).toBe('=SUM(A1:A3)');
  });
});

describe('toExcelFormula', () => {
  test.each([
    ['_xldudf_CRM3_WINRATE(Opp_Status)', '=CRM3.WINRATE(Opp_Status)'],
    ['_xlfn.IFS(A1>1,"_xldudf_CRM3_X(",TRUE,1)', '=IFS(A1>1,"_xldudf_CRM3_X(",TRUE,1)'],
    ['=_xlfn._xlws.SORT(Acc_Score)', '=SORT(Acc_Score)'],
    [
      'SUM(_xldudf_CRM3_SUMBY(Opp_AccountId,Opp_Amount,Acc_AccountId))',
      '=SUM(CRM3.SUMBY(Opp_AccountId,Opp_Amount,Acc_AccountId))',
    ],
  ])('%s → %s', (from, to) => expect(toExcelFormula(from)).toBe(to));

  test('quoteSheet quotes what a formula must quote', () => {
    expect(quoteSheet('Accounts')).toBe('Accounts');
    expect(quoteSheet("Tier's (2)")).toBe("'Tier''s (2)'");
    expect(quoteSheet('A1')).toBe("'A1'");
  });
});

describe('planInsertion', () => {
  const sheet = (name: string, tables: string[] = []) => ({
    name,
    lastRow: 1,
    lastCol: 1,
    cells: [],
    numberFormats: new Map(),
    unlocked: [],
    bold: [],
    columnWidths: [],
    merges: [],
    tables: tables.map((t) => ({ name: t, top: 1, left: 1, bottom: 2, right: 2, totalsRow: false })),
    validations: [],
    protected: false,
  });
  const model: TemplateModel = {
    sheets: [sheet('Accounts', ['Accounts']), sheet('Config', ['Criteria'])],
    names: [
      { name: 'Acc_AccountId', text: 'Accounts!$A$2:$A$3' },
      { name: 'Accounts_2', text: '1' },
      { name: 'AsOfDate', text: 'Config!$B$3' },
    ],
  };

  test('a clean workbook: nothing renamed', () => {
    const p = planInsertion(model, { sheets: [{ id: '1', name: 'Sheet1' }], tables: [], names: [] });
    expect(p.renamed).toEqual([]);
    expect(p.sheets.map((s) => s.to)).toEqual(['Accounts', 'Config']);
  });

  test('collisions get the first free suffix, tables and names share one namespace', () => {
    const p = planInsertion(model, {
      sheets: [
        { id: '1', name: 'accounts' },
        { id: '2', name: 'Accounts (2)' },
      ],
      tables: [{ name: 'Accounts', sheet: 'accounts' }],
      names: [
        { name: 'AsOfDate', formula: '=Sheet1!$A$1' },
        { name: 'criteria', formula: '=1' },
      ],
    });
    expect(p.renamed).toEqual([
      { kind: 'sheet', from: 'Accounts', to: 'Accounts (3)' },
      // Accounts_2 is the template's own name, so the table takes _3
      { kind: 'table', from: 'Accounts', to: 'Accounts_3' },
      { kind: 'table', from: 'Criteria', to: 'Criteria_2' },
      { kind: 'name', from: 'AsOfDate', to: 'AsOfDate_2' },
    ]);
    expect(rewriteFormula('=AsOfDate+SUM(Accounts[x])+Accounts!A1', p.renames)).toBe(
      "=AsOfDate_2+SUM(Accounts_3[x])+'Accounts (3)'!A1",
    );
  });

  test('a long sheet name is cut to fit 31 characters with its suffix', () => {
    const long = 'A'.repeat(31);
    const p = planInsertion({ sheets: [sheet(long)], names: [] }, { sheets: [{ id: '1', name: long }], tables: [], names: [] });
    expect(p.sheets[0].to).toBe('A'.repeat(27) + ' (2)');
  });
});
