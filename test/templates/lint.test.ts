/**
 * The template formula lint (DESIGN.md §7): one planted violation per rule must be found,
 * clean formulas in the same places must pass, and every built template must be clean.
 */
import { LintFormula, ROW_SCAN_LIMIT, lintTemplateFormulas } from '../../src/templates/lint';
import { TEMPLATE_CASES, built, formulasOf } from './builtTemplates';

const rulesOf = (formulas: LintFormula[]) => lintTemplateFormulas(formulas).map((f) => f.rule);

describe('planted violations are found', () => {
  test.each([
    ['=TODAY()-Opp_CreatedDate', 'TODAY'],
    ['=IF(NOW()>AsOfDate,1,0)', 'NOW'],
    ['=RAND()', 'RAND'],
    ['=RANDBETWEEN(1,6)', 'RANDBETWEEN'],
    ['=_xlfn.RANDARRAY(3)', 'RANDARRAY'],
    ['=SUM(OFFSET(A1,0,0,3,1))', 'OFFSET'],
    ['=SUM(INDIRECT("A1:A3"))', 'INDIRECT'],
    ['=CELL("filename")', 'CELL'],
    ['=info("osversion")', 'INFO'],
  ])('volatile %s', (formula, fn) => {
    const found = lintTemplateFormulas([{ sheet: 'Report', cell: 'B2', formula }]);
    expect(found.map((f) => f.rule)).toEqual(['volatile']);
    expect(found[0].message.en).toContain(fn.toUpperCase());
    expect(found[0].message.zh).toContain('基准日');
    expect(found[0].where).toBe('Report!B2');
  });

  test.each(['=SUM(Accounts[Score])', '=[@Revenue12m]*2', '=Opportunities[[#This Row],[Amount]]', '=COUNTA(Tbl[#Data])'])(
    'structured reference %s',
    (formula) => {
      expect(rulesOf([{ sheet: 'Report', cell: 'C3', formula }])).toEqual(['structured-reference']);
    },
  );

  test.each([
    ['=SUM(Opportunities!F2:F301)', 'Opportunities!F2:F301'],
    ["='My sheet'!B2", "'My sheet'!B2"],
    ["=SUM('商机'!$F$2:$F$301)", "'商机'!$F$2:$F$301"],
    ['=COUNT(Accounts!A:A)', 'Accounts!A:A'],
  ])('A1 reference into another sheet %s', (formula, ref) => {
    const found = lintTemplateFormulas([{ sheet: 'Report', cell: 'A1', formula }]);
    expect(found.map((f) => f.rule)).toEqual(['cross-sheet-reference']);
    expect(found[0].message.en).toContain(ref);
    expect(found[0].message.zh).toContain('定义名称');
  });

  // A calculated column: the same formula in every row of a table column.
  const column = (formula: (row: number) => string, rows = 2): LintFormula[] =>
    Array.from({ length: rows }, (_, i) => ({
      sheet: 'Accounts',
      cell: `R${5 + i}`,
      formula: formula(5 + i),
      inTable: 'Accounts',
    }));

  test('a calculated column in a table that reads a data-table column', () => {
    const found = lintTemplateFormulas(column((r) => `=COUNTIFS(Opp_AccountId,A${r},Opp_Status,"Open")`));
    expect(found.map((f) => `${f.rule} ${f.where}`)).toEqual([
      'table-scan Accounts!R5',
      'table-scan Accounts!R5',
      'table-scan Accounts!R6',
      'table-scan Accounts!R6',
    ]);
    expect(found[0].message.en).toContain('Opp_AccountId');
    expect(found[1].message.en).toContain('Opp_Status');
    expect(found[0].message.zh).toContain('逐行');
  });

  test('a calculated column in a table over a whole column or a multi-row range', () => {
    expect(rulesOf(column(() => '=SUM(F:F)'))).toEqual(['table-scan', 'table-scan']);
    expect(rulesOf(column((r) => `=F${r}/SUM($F$2:$F$301)`))).toEqual(['table-scan', 'table-scan']);
  });

  test('a list with one aggregate per row (the Indicators table) is not a per-row scan', () => {
    const indicators: LintFormula[] = [
      { sheet: 'Indicators', cell: 'F2', formula: '=CRM3.WINRATE(Opp_Status)', inTable: 'Indicators' },
      { sheet: 'Indicators', cell: 'F3', formula: '=CRM3.PIPELINE(Opp_Amount,Opp_Status)', inTable: 'Indicators' },
    ];
    expect(lintTemplateFormulas(indicators)).toEqual([]);
  });

  test(`the same formula copied down more than ${ROW_SCAN_LIMIT} rows outside a table, reading a data column`, () => {
    const copies: LintFormula[] = [];
    for (let r = 5; r < 5 + ROW_SCAN_LIMIT + 1; r++) {
      copies.push({ sheet: 'Tier summary', cell: `C${r}`, formula: `=SUMIFS(Opp_Amount,Opp_AccountId,A${r})` });
    }
    const found = lintTemplateFormulas(copies);
    expect(found.map((f) => f.rule)).toEqual(['row-scan']);
    expect(found[0].where).toBe("'Tier summary'!C5");
    expect(found[0].message.en).toContain(`C5:C${5 + ROW_SCAN_LIMIT} (${ROW_SCAN_LIMIT + 1} rows)`);
  });
});

describe('clean formulas pass', () => {
  const clean: LintFormula[] = [
    // In-table computed columns: the row's own cells and Config names.
    ...[5, 6, 7].flatMap((r) => [
      {
        sheet: 'Accounts',
        cell: `N${r}`,
        formula: `=CRM3.SCORE(H${r}:M${r},Criteria_Weight,Criteria_Min,Criteria_Max)`,
        inTable: 'Accounts',
      },
      {
        sheet: 'Accounts',
        cell: `O${r}`,
        formula: `=_xldudf_CRM3_TIER(N${r},ScoreBandA,ScoreBandB,ScoreBandC)`,
        inTable: 'Accounts',
      },
      { sheet: '商机', cell: `T${r}`, formula: `=IF(S${r}="","",S${r}*Stages_Probability)`, inTable: '商机' },
      { sheet: 'Opportunities', cell: `U${r}`, formula: `=AsOfDate-K${r}>StaleDays`, inTable: 'Opportunities' },
    ]),
    // Spilled report formulas: one call per column over names.
    { sheet: 'Tier summary', cell: 'B5', formula: '=CRM3.SUMBY(Opp_AccountId,Opp_Amount,Acc_AccountId,Opp_Status,"Open")' },
    { sheet: 'Indicators', cell: 'D5', formula: '=CRM3.WINRATE(Opp_Status,Opp_CloseDate,PeriodStart,PeriodEnd)' },
    // Same-sheet A1 references and text that merely looks like a violation.
    { sheet: 'Report', cell: 'C3', formula: '=SUM(C4:C20)&" TODAY() Accounts[Score] Sheet1!A1"' },
    { sheet: 'Report', cell: 'C4', formula: "=Report!B4*2+'Report'!B5" },
    { sheet: 'Report', cell: 'C5', formula: '=LOG10(B5)+Tier1Count' },
  ];
  test('no findings', () => {
    expect(lintTemplateFormulas(clean)).toEqual([]);
  });

  test(`${ROW_SCAN_LIMIT} copies, or many copies over Config names only, are not a scan`, () => {
    const few: LintFormula[] = [];
    const configOnly: LintFormula[] = [];
    for (let r = 5; r < 5 + ROW_SCAN_LIMIT; r++)
      few.push({ sheet: 'R', cell: `C${r}`, formula: `=SUMIFS(Opp_Amount,Opp_AccountId,A${r})` });
    for (let r = 5; r < 305; r++) configOnly.push({ sheet: 'R', cell: `C${r}`, formula: `=B${r}*Stages_Probability` });
    expect(lintTemplateFormulas([...few, ...configOnly])).toEqual([]);
  });

  test('copies with absolute references differ from relative ones', () => {
    // Different formulas that happen to sit in one column are not copies of one formula.
    const mixed: LintFormula[] = [];
    for (let r = 5; r < 40; r++) mixed.push({ sheet: 'R', cell: `C${r}`, formula: `=INDEX(Opp_Amount,${r - 4})` });
    expect(lintTemplateFormulas(mixed)).toEqual([]);
  });
});

describe('built templates are lint-clean', () => {
  // Formulas are read back from the built file (shared formulas expanded, tables from the
  // file's table parts), so the lint sees what Excel will see.
  test.each(TEMPLATE_CASES)(
    '$id $locale, empty and filled with the sample',
    async ({ id, locale }) => {
      for (const filled of [false, true]) {
        const formulas = await formulasOf(await built(id, locale, filled), `${id}.${locale}.xlsx`);
        expect(formulas.length).toBeGreaterThan(0);
        const findings = lintTemplateFormulas(formulas).map((f) => `${f.rule} ${f.where} =${f.formula}: ${f.message.en}`);
        expect(findings).toEqual([]);
      }
    },
    120_000,
  );
});
