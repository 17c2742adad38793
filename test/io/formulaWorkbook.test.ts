/**
 * The formula-workbook evaluator on a workbook saved the way Excel saves one: stored forms
 * of CRM3 calls, dynamic arrays, shared formulas, sheet-level names, tables, structured
 * references; and bad input answered with a reason, never an exception.
 */
import ExcelJS from 'exceljs';
import { evaluateFormulaWorkbook, listFormulaCells } from '../../src/io/formulaWorkbook';
import { relativeForm, shiftFormula, tokenize } from '../../src/engine/formulaText';
import { callsCrm3, toEngineFormula, unsupportedPart } from '../../src/engine/formulaLanguage';
import { resolveName, structuredRange } from '../../src/io/nameReferences';
import type { TableInfo } from '../../src/io/formulaPackage';
import { excelSavedWorkbook } from './excelSavedWorkbook';
import { oleFile, writeZip } from './zipCraft';

async function evaluated() {
  const r = await evaluateFormulaWorkbook(excelSavedWorkbook(), 'saved.xlsx');
  if (!r.ok) throw new Error(r.reason.message.en);
  const at = (where: string) => r.cells.find((c) => `${c.sheet}!${c.cell}` === where);
  return { ...r, at };
}

describe('formula text', () => {
  test('tokens join back to the formula', () => {
    for (const f of [
      `SUM('My sheet'!A1:B2,Opp_Amount)&"a""b"`,
      'Accounts[[#This Row],[Score]]*2',
      '[1]!_xldudf_CRM3_SCORE(H5:N5,Criteria_Weight)',
      'IF(A1>=1.5E+3,#N/A,$B$2:C$9)',
      'SUM(A:A,3:3)',
    ]) {
      expect(
        tokenize(f)
          .map((t) => t.text)
          .join(''),
      ).toBe(f);
    }
  });

  test.each([
    ['_xldudf_CRM3_SCORE(H5:N5,Criteria_Weight)', 'CRM3.SCORE(H5:N5,Criteria_Weight)'],
    ['[1]!_xldudf_CRM3_SCORE(A1)+[2]!_xldudf_crm3_tier(B1)', 'CRM3.SCORE(A1)+CRM3.TIER(B1)'],
    ['_xlfn.IFS(A1>1,"x",TRUE,"y")&_xlfn._xlws.SORT(B1:B3)', 'IFS(A1>1,"x",TRUE,"y")&SORT(B1:B3)'],
    ['"_xldudf_CRM3_SCORE(" & A1', '"_xldudf_CRM3_SCORE(" & A1'],
  ])('engine form of %s', (stored, engine) => {
    expect(toEngineFormula(stored)).toBe(engine);
  });

  test('CRM3 calls are recognised in both stored forms, not inside text', () => {
    expect(callsCrm3('_xldudf_CRM3_WINRATE(Opp_Status)')).toBe(true);
    expect(callsCrm3('IFERROR(CRM3.WINRATE(Opp_Status),0)')).toBe(true);
    expect(callsCrm3('[1]!_xldudf_CRM3_WINRATE(Opp_Status)')).toBe(true);
    expect(callsCrm3('"CRM3.WINRATE(x)"&SUM(A1)')).toBe(false);
    expect(callsCrm3('MYCRM3.WINRATE(x)')).toBe(false);
  });

  test('shifting a formula moves relative references only', () => {
    expect(shiftFormula('A1*$B$1+B$2+$C3+SUM(D1:D2)', 2, 1)).toBe('B3*$B$1+C$2+$C5+SUM(E3:E4)');
    expect(shiftFormula('"A1"&Opp_A1&LOG10(A1)', 1, 0)).toBe('"A1"&Opp_A1&LOG10(A2)');
    expect(shiftFormula('A1', -1, 0)).toBe('#REF!');
  });

  test('relative copies share one relative form', () => {
    expect(relativeForm('SUMIFS(Opp_Amount,Opp_AccountId,A5)', 5, 3)).toBe(
      relativeForm('SUMIFS(Opp_Amount,Opp_AccountId,A9)', 9, 3),
    );
    expect(relativeForm('A5', 5, 3)).not.toBe(relativeForm('A5', 6, 3));
  });

  test('unsupported parts', () => {
    expect(unsupportedPart('SUM(Deals[Amount])')).toBe('structured');
    expect(unsupportedPart('[@Amount]*2')).toBe('structured');
    expect(unsupportedPart('[2]Sheet1!A1')).toBe('external');
    expect(unsupportedPart("'[2]My sheet'!A1")).toBe('external');
    expect(unsupportedPart('SUM(A1#)')).toBe('spill');
    expect(unsupportedPart('_xlfn.ANCHORARRAY(A1)')).toBe('spill');
    expect(unsupportedPart('[1]!_xldudf_CRM3_WINRATE(Opp_Status)')).toBeUndefined();
    expect(unsupportedPart('"[x]"&A1')).toBeUndefined();
  });
});

describe('an Excel-saved workbook', () => {
  test('CRM3 calls in every stored form are computed, not taken from the cache', async () => {
    const r = await evaluated();
    for (const where of ['Report!A1', 'Report!A2', 'Report!A3']) expect(r.at(where)?.value).toBeCloseTo(2 / 3, 15);
    expect(r.at('Report!A1')?.cached).toBe(0.5);
    expect(r.at('Report!A3')).not.toHaveProperty('cached');
  });

  test('names: workbook-level ranges and a sheet-level constant', async () => {
    expect((await evaluated()).at('Report!B1')?.value).toBe(130);
  });

  test('a dynamic array spills; its spilled cells are not typed-in values', async () => {
    const r = await evaluated();
    expect(r.at('Report!C1')?.spill).toEqual([[1], [2], [3]]);
    expect(r.at('Report!D1')?.value).toBe(6);
  });

  test('a shared formula is expanded to every cell of its range', async () => {
    const r = await evaluated();
    expect(['E1', 'E2', 'E3'].map((c) => r.at(`Report!${c}`)?.formula)).toEqual(['C1*10', 'C2*10', 'C3*10']);
    expect(['E1', 'E2', 'E3'].map((c) => r.at(`Report!${c}`)?.value)).toEqual([10, 20, 30]);
  });

  test('structured references are resolved from the table parts, [#This Row] as the row’s own cell', async () => {
    const r = await evaluated();
    expect(r.at('Report!F1')?.value).toBe(65);
    expect(r.at('Report!G1')?.value).toBe(66);
    expect(r.at('Data sheet!C5')?.value).toBe(10);
  });

  test('a structured reference to a column the table lacks is reported as unsupported', async () => {
    const r = await evaluated();
    expect(r.at('Report!J1')).toBeUndefined();
    const problem = r.errors.find((e) => e.cell === 'J1');
    expect(problem).toMatchObject({ sheet: 'Report', kind: 'unsupported', formula: 'SUM(Deals[Nope])' });
    expect(problem!.message.en).toContain('structured reference');
    expect(problem!.message.zh).toContain('结构化引用');
  });

  test('text that looks like a number stays text', async () => {
    expect((await evaluated()).at('Report!H2')?.value).toBe(true);
  });

  test('an error value is listed with a bilingual message', async () => {
    const r = await evaluated();
    expect(r.at('Report!I1')?.value).toMatchObject({ error: '#NAME?' });
    const problem = r.errors.find((e) => e.cell === 'I1')!;
    expect(problem.kind).toBe('error');
    expect(problem.message.en).toMatch(/^evaluates to #NAME\?/);
    expect(problem.message.zh).toMatch(/^计算结果为 #NAME\?/);
  });

  test('table cells know their table; header and outside cells do not', async () => {
    const r = await evaluated();
    expect(r.at('Data sheet!C2')?.inTable).toBe('Deals');
    expect(r.at('Report!A1')?.inTable).toBeUndefined();
    expect(r.tables).toEqual([
      expect.objectContaining({ name: 'Deals', sheet: 'Data sheet', top: 1, left: 1, bottom: 5, right: 3, headerRows: 1 }),
    ]);
    const listed = await listFormulaCells(excelSavedWorkbook(), 'saved.xlsx');
    expect(listed.ok && listed.formulas.filter((f) => f.inTable).map((f) => f.cell)).toEqual(['C2', 'C3', 'C4', 'C5']);
  });
});

describe('ExcelJS-written workbooks', () => {
  test('values, dates, a formula without a cached value, a Chinese sheet name', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('商机');
    ws.addRow(['状态', '金额', '日期']);
    ws.addRow(['Won', 100, new Date(Date.UTC(2026, 0, 31))]);
    ws.addRow(['Lost', 50, new Date(Date.UTC(2026, 1, 1))]);
    ws.getCell('E1').value = { formula: "SUM('商机'!B2:B3)+C2-C3" } as ExcelJS.CellFormulaValue;
    const r = await evaluateFormulaWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), 'zh.xlsx');
    expect(r.ok).toBe(true);
    // 150 + serial(2026-01-31) − serial(2026-02-01) = 150 − 1
    if (r.ok) expect(r.cells).toEqual([expect.objectContaining({ sheet: '商机', cell: 'E1', value: 149 })]);
  });
});

describe('bad input', () => {
  test.each([
    ['empty', new Uint8Array(0), 'not-xlsx'],
    ['text', new TextEncoder().encode('Status,Amount\nWon,10\n'), 'not-xlsx'],
    ['legacy .xls', oleFile(['Workbook']), 'not-xlsx'],
    ['truncated', excelSavedWorkbook().slice(0, 300), 'corrupt'],
    ['a zip that is no workbook', writeZip([{ name: 'hello.txt', data: 'hi' }]).bytes, 'not-xlsx'],
  ])('%s: a reason, no exception', async (_label, bytes, code) => {
    const r = await evaluateFormulaWorkbook(bytes, 'bad.xlsx');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.code).toBe(code);
      expect(r.reason.message.en).toContain('bad.xlsx');
      expect(r.reason.message.zh).toContain('bad.xlsx');
    }
  });

  test('damaged sheet XML still gives an answer', async () => {
    const bytes = writeZip([
      ...(await import('./excelSavedWorkbook')).EXCEL_SAVED_PARTS.filter((p) => p.name !== 'xl/worksheets/sheet2.xml'),
      { name: 'xl/worksheets/sheet2.xml', data: '<worksheet><sheetData><row r="1"><c r="A1"><f>SUM(1,2)</f><v>3' },
    ]).bytes;
    const r = await evaluateFormulaWorkbook(bytes, 'damaged.xlsx');
    expect(r.ok).toBe(true);
  });

  test('the input bytes are not modified', async () => {
    const bytes = excelSavedWorkbook();
    const before = Buffer.from(bytes).toString('base64');
    await evaluateFormulaWorkbook(bytes, 'saved.xlsx');
    expect(Buffer.from(bytes).toString('base64')).toBe(before);
  });
});

describe('defined names over tables and spills (how templates define their column names)', () => {
  // Accounts on sheet 客户: header row 4, data rows 5–9, columns C..F, one totals row (10).
  const accounts: TableInfo = {
    name: 'Accounts',
    sheet: '客户',
    top: 4,
    left: 3,
    bottom: 10,
    right: 6,
    headerRows: 1,
    totalsRows: 1,
    columns: ['客户编号', 'Total $', "a[1]#'x", 'Score'],
  };

  test('a structured reference is the column’s data body, whatever the header’s language or special characters', () => {
    expect(structuredRange(accounts, '[客户编号]')).toBe("'客户'!$C$5:$C$9");
    expect(structuredRange(accounts, '[[Total $]]')).toBe("'客户'!$D$5:$D$9");
    expect(structuredRange(accounts, "[[a'[1']'#''x]]")).toBe("'客户'!$E$5:$E$9");
    expect(structuredRange(accounts, '[score]')).toBe("'客户'!$F$5:$F$9");
    expect(structuredRange(accounts, '[[#Data],[Score]]')).toBe("'客户'!$F$5:$F$9");
    expect(structuredRange(accounts, '[[客户编号]:[Total $]]')).toBe("'客户'!$C$5:$D$9");
    expect(structuredRange(accounts, '[[#All],[Score]]')).toBe("'客户'!$F$4:$F$10");
    expect(structuredRange(accounts, '[#Headers]')).toBe("'客户'!$C$4:$F$4");
    expect(structuredRange(accounts, '[]')).toBe("'客户'!$C$5:$F$9");
    // No row context in a workbook-level name; unknown columns are not guessed.
    expect(structuredRange(accounts, '[[#This Row],[Score]]')).toBeUndefined();
    expect(structuredRange(accounts, '[Tier]')).toBeUndefined();
  });

  test('the range follows the table part: a table grown by 100 rows grows the name', () => {
    const grown = { ...accounts, bottom: accounts.bottom + 100 };
    expect(resolveName('Accounts[Score]', [grown])?.text).toBe("'客户'!$F$5:$F$109");
  });

  test('names with unknown tables are left undefined; spill references wait for their anchor', () => {
    expect(resolveName('Deals[Amount]', [accounts])).toBeUndefined();
    const spill = resolveName("'Win analysis'!$T$6#", [accounts])!;
    expect(spill.spills).toEqual([{ sheet: 'Win analysis', row: 6, col: 20, token: 1 }]);
    expect(resolveName('SUM(Accounts[Score])', [accounts])?.text).toBe("SUM('客户'!$F$5:$F$9)");
  });
});
