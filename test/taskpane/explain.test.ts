/**
 * "How is this computed" on the 300-opportunity sample: the formula splits into its
 * arguments token by token, and the numbers that went in match a hand count over the
 * sample's rows (an independent filter of the snapshot, not the engine).
 */
import * as path from 'path';
import { Cell, keyOf } from '../../src/core/cells';
import { explainFormula, formulaParts, splitTopLevel } from '../../src/engine/explain';
import { WorkbookEngine } from '../../src/engine/workbookEngine';
import { readWorkbookFile } from '../../src/io/readWorkbook';
import { generateSample } from '../../src/model/sample';
import { BUILT_IN_INDICATORS } from '../../src/model/indicators';
import { WorkbookSnapshot } from '../../src/model/snapshot';

/** How a planner writes a whole number with digit groups (76,200,000), by hand-rolled grouping. */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const formulaOf = (id: string) => BUILT_IN_INDICATORS.find((i) => i.id === id)!.formula;

function column(snapshot: WorkbookSnapshot, table: 'Opportunities' | 'Targets', name: string): Cell[] {
  const t = snapshot.tables[table]!;
  const j = t.headers.indexOf(name);
  return t.rows.map((r) => r[j]);
}

describe('formulaParts', () => {
  test('splits the outer call at top-level commas only', () => {
    expect(formulaParts('=CRM3.SHARE(Opp_Close,"<"&AsOfDate,Opp_Status,"Open,Won")')).toEqual([
      'Opp_Close',
      '"<"&AsOfDate',
      'Opp_Status',
      '"Open,Won"',
    ]);
    expect(formulaParts('=CRM3.RATIO(CRM3.SUMWHERE(A_x,B_y,"a,(b"),CRM3.SUMWHERE(A_x))')).toEqual([
      'CRM3.SUMWHERE(A_x,B_y,"a,(b")',
      'CRM3.SUMWHERE(A_x)',
    ]);
  });
  test('keeps blank arguments and doubled quotes', () => {
    expect(formulaParts('=F(a,,"say ""hi"", ok",b)')).toEqual(['a', '', '"say ""hi"", ok"', 'b']);
    expect(splitTopLevel('x,(y,z),"p,q"', ',')).toEqual(['x', '(y,z)', '"p,q"']);
  });
  test('an outer operator splits into its operands; a lone value is one part', () => {
    expect(formulaParts('=1-CRM3.SHARE(a,"x")')).toEqual(['1', 'CRM3.SHARE(a,"x")']);
    expect(formulaParts('=(A_b+2)*-3')).toEqual(['(A_b+2)', '-3']);
    expect(formulaParts('=Opp_Amount')).toEqual(['Opp_Amount']);
    expect(formulaParts('=F()')).toEqual([]);
  });
});

describe('explainFormula on the sample', () => {
  const snapshot = generateSample({});
  const asOf = snapshot.settings.AsOfDate as number;
  const periodStart = snapshot.settings.PeriodStart as number;
  const periodEnd = snapshot.settings.PeriodEnd as number;
  let engine: WorkbookEngine;
  beforeAll(() => (engine = WorkbookEngine.build(snapshot, { asOf })));
  afterAll(() => engine.destroy());

  // Hand count: Won deals whose CloseDate lies in [PeriodStart, PeriodEnd], their number and amount.
  const status = column(snapshot, 'Opportunities', 'Status');
  const amount = column(snapshot, 'Opportunities', 'Amount');
  const close = column(snapshot, 'Opportunities', 'CloseDate');
  const wonInPeriod = status
    .map((s, i) => i)
    .filter((i) => keyOf(status[i]) === 'WON' && (close[i] as number) >= periodStart && (close[i] as number) <= periodEnd);
  const wonSum = wonInPeriod.reduce((a, i) => a + (amount[i] as number), 0);

  test('AVG_WON_DEAL: won amount and won count of the period', () => {
    const parts = explainFormula(engine, formulaOf('AVG_WON_DEAL'), 'en-US');
    expect(parts.map((p) => p.value)).toEqual([grouped(wonSum), grouped(wonInPeriod.length)]);
    expect(wonInPeriod.length).toBeGreaterThan(10);
  });

  test('TARGET_ATTAIN: won amount and the targets that overlap the period', () => {
    // Targets of the sample are whole quarters inside the calendar year: all of them count in full.
    const tStart = column(snapshot, 'Targets', 'StartDate') as number[];
    const tEnd = column(snapshot, 'Targets', 'EndDate') as number[];
    const tAmount = column(snapshot, 'Targets', 'Amount') as number[];
    expect(tStart.every((d, i) => d >= periodStart && tEnd[i] <= periodEnd)).toBe(true);
    const target = tAmount.reduce((a, b) => a + b, 0);
    const parts = explainFormula(engine, formulaOf('TARGET_ATTAIN'), 'zh-CN');
    expect(parts.map((p) => p.value)).toEqual([grouped(wonSum), grouped(target)]);
  });

  test('WIN_RATE_COUNT: columns show their rows, settings their value, a blank argument says so', () => {
    const parts = explainFormula(engine, formulaOf('WIN_RATE_COUNT'), 'en-US');
    const n = snapshot.tables.Opportunities!.rows.length;
    expect(parts).toEqual([
      { text: 'Opp_Status', value: `${n} rows` },
      { text: '(blank)', value: '(blank)' },
      { text: 'Opp_CloseDate', value: `${n} rows` },
      { text: 'PeriodStart', value: expect.stringMatching(new RegExp(`^\\d{4}-01-01 \\(${periodStart}\\)$`)) },
      { text: 'PeriodEnd', value: expect.stringMatching(new RegExp(`^\\d{4}-12-31 \\(${periodEnd}\\)$`)) },
      { text: 'NoDecisionIsLoss', value: 'TRUE' },
    ]);
  });

  test('a nested call returning a column shows its rows; text joined with a setting shows the text', () => {
    const parts = explainFormula(engine, formulaOf('OVERDUE_RATE'), 'zh-CN');
    expect(parts[0].value).toBe(`${snapshot.tables.Opportunities!.rows.length} 行`);
    expect(parts[1]).toEqual({ text: '"<"&AsOfDate', value: `<${asOf}` });
    const mentor = explainFormula(engine, formulaOf('MENTOR_RATE'), 'en-US');
    expect(mentor[0].value).toBe(`${snapshot.tables.Opportunities!.rows.length} rows`);
  });

  test('the shipped sample file has the same won deals (the pane explains the file a user opens)', async () => {
    const read = await readWorkbookFile(path.join(__dirname, '..', '..', 'templates', 'samples', 'crm3-sample.en-US.xlsx'));
    if (!read.ok) throw new Error(read.reason.message.en);
    const fs = column(read.snapshot, 'Opportunities', 'Status');
    const fa = column(read.snapshot, 'Opportunities', 'Amount');
    const fc = column(read.snapshot, 'Opportunities', 'CloseDate');
    const won = fs
      .map((_, i) => i)
      .filter((i) => keyOf(fs[i]) === 'WON' && (fc[i] as number) >= periodStart && (fc[i] as number) <= periodEnd);
    expect([won.length, won.reduce((a, i) => a + (fa[i] as number), 0)]).toEqual([wonInPeriod.length, wonSum]);
  });

  test('every built-in indicator explains without throwing, one part per argument', () => {
    for (const ind of BUILT_IN_INDICATORS) {
      const parts = explainFormula(engine, ind.formula, 'en-US');
      expect(parts.length).toBe(formulaParts(ind.formula).length);
      for (const p of parts) expect(p.value).not.toMatch(/^#/);
    }
  });

  test('a formula the engine cannot parse gives an error value, not a throw', () => {
    const parts = explainFormula(engine, '=CRM3.RATIO(1,(2', 'en-US');
    expect(parts.length).toBeGreaterThan(0);
  });
});
