import { rewriteFormula } from '../../src/engine/formulaLanguage';
import { planInsertion } from '../../src/host/insertPlan';
import { TemplateModel } from '../../src/host/templateModel';

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
