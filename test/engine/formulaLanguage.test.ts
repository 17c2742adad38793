/**
 * The formula language (src/engine/formulaLanguage.ts): typed ↔ stored ↔ engine forms.
 * Expected stored forms are Excel's own (docs/excel-checklist.md cites the files): table10 /
 * table34 for `[#This Row]`, dynamic_array02 for `_xlfn.UNIQUE`, Excel's ANCHORARRAY storage of `#`.
 */
import {
  callsCrm3,
  namesIn,
  namesReadAsCells,
  needsDynamicArray,
  quoteSheet,
  renameMap,
  rewriteFormula,
  toEngineFormula,
  toStoredFormula,
  toTypedFormula,
  unsupportedPart,
} from '../../src/engine/formulaLanguage';

describe('typed → stored', () => {
  test.each([
    // CRM3 calls as Office add-in functions; never inside strings
    [
      '=IF(A2="","",CRM3.SCORE(H2:N2,Criteria_Weight)+CRM3.RAG(B1,"CRM3.X(",1,2))',
      'IF(A2="","",_xldudf_CRM3_SCORE(H2:N2,Criteria_Weight)+_xldudf_CRM3_RAG(B1,"CRM3.X(",1,2))',
    ],
    // future functions get their prefixes (FILTER and SORT two), old functions none
    ['=UNIQUE(A1)', '_xlfn.UNIQUE(A1)'],
    ['=SORT(FILTER(A1:A9,B1:B9>0))+SUM(1)', '_xlfn._xlws.SORT(_xlfn._xlws.FILTER(A1:A9,B1:B9>0))+SUM(1)'],
    ['=IFS(A1>1,1,TRUE,2)&TEXTJOIN(",",TRUE,A1:A3)', '_xlfn.IFS(A1>1,1,TRUE,2)&_xlfn.TEXTJOIN(",",TRUE,A1:A3)'],
    ['=_xlfn.UNIQUE(A1)', '_xlfn.UNIQUE(A1)'],
    // the spill operator
    ["='Account plan'!$T$5#", "_xlfn.ANCHORARRAY('Account plan'!$T$5)"],
    ['=SUM(A1#)', 'SUM(_xlfn.ANCHORARRAY(A1))'],
    // this-row references in Excel's stored form
    ['=Table1[@[Column1]:[Column3]]', 'Table1[[#This Row],[Column1]:[Column3]]'],
    ['=SUM(Table1[@Column3])', 'SUM(Table1[[#This Row],[Column3]])'],
    // an inner @ is SINGLE, a leading one is nothing
    ['=SUM(@A1:A5)', 'SUM(_xlfn.SINGLE(A1:A5))'],
    ['=@A1:A5', 'A1:A5'],
  ])('%s → %s', (typed, stored) => expect(toStoredFormula(typed)).toBe(stored));

  test('a bare [@Col] takes the table it is in', () => {
    expect(toStoredFormula('=[@Score]*2+[@[Total $]]', { table: 'Accounts' })).toBe(
      'Accounts[[#This Row],[Score]]*2+Accounts[[#This Row],[Total $]]',
    );
    expect(toStoredFormula('=SUM([Amount])', { table: 'Opportunities' })).toBe('SUM(Opportunities[Amount])');
  });
});

describe('stored → typed', () => {
  test.each([
    ['_xldudf_CRM3_WINRATE(Opp_Status)', '=CRM3.WINRATE(Opp_Status)'],
    ['_xlfn.IFS(A1>1,"_xldudf_CRM3_X(",TRUE,1)', '=IFS(A1>1,"_xldudf_CRM3_X(",TRUE,1)'],
    ['=_xlfn._xlws.SORT(Acc_Score)', '=SORT(Acc_Score)'],
    [
      'SUM(_xldudf_CRM3_SUMBY(Opp_AccountId,Opp_Amount,Acc_AccountId))',
      '=SUM(CRM3.SUMBY(Opp_AccountId,Opp_Amount,Acc_AccountId))',
    ],
    ["_xlfn.ANCHORARRAY('Account plan'!$T$5)", "='Account plan'!$T$5#"],
    ['COUNTA(_xlfn.ANCHORARRAY(C1))', '=COUNTA(C1#)'],
    ['SUM(_xlfn.SINGLE(A1:A5))', '=SUM(@A1:A5)'],
    ['Table1[[#This Row],[Column1]:[Column3]]', '=Table1[@[Column1]:[Column3]]'],
    ['Accounts[[#This Row],[Score]]*2+Accounts[[#This Row],[Total $]]', '=Accounts[@Score]*2+Accounts[@[Total $]]'],
    ['_xlfn.LET(_xlpm.x,A1*10,_xlpm.x+1)', '=LET(x,A1*10,x+1)'],
  ])('%s → %s', (stored, typed) => expect(toTypedFormula(stored)).toBe(typed));

  test('typed → stored → typed gives the typed formula back', () => {
    for (const f of [
      '=CRM3.TIER(Acc_Attractiveness,Acc_Position,Acc_Score,TierMethod)',
      "='Win analysis'!$T$6#",
      '=IF([@OppId]="","",CRM3.QUALSCORE([@[Q_NEED]:[Q_VALUE]],Questions_Weight))',
      '=SORT(UNIQUE(Acc_Tier))',
    ])
      expect(toTypedFormula(toStoredFormula(f, { table: 'T' }))).toBe(f.replace(/\[@/g, 'T[@').replace(/T\[@\[Q/, 'T[@[Q'));
  });
});

describe('stored → engine', () => {
  const accounts = {
    name: 'Accounts',
    sheet: 'Accounts',
    top: 1,
    left: 1,
    bottom: 4,
    right: 4,
    headerRows: 1,
    totalsRows: 0,
    columns: ['AccountId', 'C1', 'C2', 'Score'],
  };

  test('prefixes dropped, CRM3 in typed form, the [1]! quirk removed', () => {
    expect(toEngineFormula('_xlfn.IFS([1]!_xldudf_CRM3_SCORE(A1)>1,1)')).toBe('IFS(CRM3.SCORE(A1)>1,1)');
    expect(toEngineFormula('SUM(_xlfn.SINGLE(A1:A3))')).toBe('SUM((A1:A3))');
  });

  test('this-row references become the row’s own cells; table columns become ranges', () => {
    const ctx = { tables: [accounts], sheet: 'Accounts', row: 3 };
    expect(toEngineFormula('_xldudf_CRM3_SCORE(Accounts[[#This Row],[C1]:[C2]],W)', ctx)).toBe('CRM3.SCORE($B3:$C3,W)');
    expect(toEngineFormula('Accounts[[#This Row],[Score]]*2', ctx)).toBe('$D3*2');
    expect(toEngineFormula('SUM(Accounts[Score])', { tables: [accounts], sheet: 'Other', row: 9 })).toBe(
      "SUM('Accounts'!$D$2:$D$4)",
    );
    // an unknown column stays a structured reference: the evaluator reports it as unsupported
    expect(unsupportedPart(toEngineFormula('Accounts[[#This Row],[Nope]]', ctx))).toBe('structured');
  });

  test('unsupported parts', () => {
    expect(unsupportedPart('SUM(_xlfn.ANCHORARRAY(A1))')).toBe('spill');
    expect(unsupportedPart('SUM(A1#)')).toBe('spill');
    expect(unsupportedPart('[1]Sheet1!A1')).toBe('external');
    expect(unsupportedPart('SUM(A1:A3)')).toBeUndefined();
  });
});

describe('what a formula uses', () => {
  test('callsCrm3 in both forms, not in strings', () => {
    expect(callsCrm3('=CRM3.SCORE(A1)')).toBe(true);
    expect(callsCrm3('_xldudf_CRM3_SCORE(A1)')).toBe(true);
    expect(callsCrm3('="CRM3.SCORE("&A1')).toBe(false);
  });

  test('namesIn: defined names only (no functions, cells, strings, table names, TRUE)', () => {
    expect([...namesIn('=CRM3.WINRATE(Opp_Status,"Acc_X",TRUE)+B5+Accounts[Score]+SUM(AsOfDate)')].sort()).toEqual([
      'AsOfDate',
      'Opp_Status',
    ]);
  });

  test('namesReadAsCells: names read other than as a whole argument of a CRM3 function', () => {
    const cells = (f: string) => [...namesReadAsCells(f)].sort();
    expect(cells('=CRM3.WINRATE(Opp_Status, ,Opp_CloseDate,PeriodStart)')).toEqual([]);
    expect(cells('=CRM3.SHARE(CRM3.TIER(Acc_Score),"A")/COUNTA(Acc_AccountId)')).toEqual(['Acc_AccountId']);
    expect(cells('=CRM3.SUMWHERE(Opp_Amount*2,Opp_Status,"Won")')).toEqual(['Opp_Amount']);
    expect(cells('=CRM3.SUMWHERE(-Opp_Amount)')).toEqual(['Opp_Amount']);
    expect(cells('=Opp_Amount')).toEqual(['Opp_Amount']);
    expect(cells('=SUM(Opp_Amount)+CRM3.MEAN(Opp_Amount)')).toEqual(['Opp_Amount']);
    expect(cells('=IF(TRUE,CRM3.MEAN(Opp_Amount),Opp_Status)')).toEqual(['Opp_Status']);
    expect(cells('=_xldudf_CRM3_MEAN(Opp_Amount)+"Opp_Status"&Accounts[Score]')).toEqual([]);
  });

  test('needsDynamicArray: calls that may return arrays (matrix CRM3 functions, FILTER, spills)', () => {
    expect(needsDynamicArray('_xldudf_CRM3_SCORE(A1:C1,W)')).toBe(true); // one score per row of its block
    expect(needsDynamicArray('CRM3.WINRATE(Opp_Status)')).toBe(false); // declared scalar
    expect(needsDynamicArray('_xlfn.UNIQUE(A1:A9)')).toBe(true);
    expect(needsDynamicArray('SUM(_xlfn.ANCHORARRAY(A1))')).toBe(true);
    expect(needsDynamicArray('SUM(A1:A9)')).toBe(false);
  });
});

describe('rewriteFormula', () => {
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
    ["='Other sheet'!A1", "='Other sheet'!A1"],
    ['_xlfn.ANCHORARRAY(Accounts!$T$5)', "_xlfn.ANCHORARRAY('Accounts (2)'!$T$5)"],
  ])('%s → %s', (from, to) => expect(rewriteFormula(from, renames)).toBe(to));

  test('no renames: the text comes back unchanged', () => {
    expect(rewriteFormula('=SUM(A1:A3)', {})).toBe('=SUM(A1:A3)');
  });

  test('quoteSheet quotes what a formula must quote', () => {
    expect(quoteSheet('Accounts')).toBe('Accounts');
    expect(quoteSheet("Tier's (2)")).toBe("'Tier''s (2)'");
    expect(quoteSheet('A1')).toBe("'A1'");
    expect(quoteSheet('S1')).toBe("'S1'");
  });
});
