/**
 * Honest indicators (DESIGN §9, §10): an indicator whose inputs are absent is No data with the
 * reason, never a 0, a Red or a Green. The cases one by one, then a property over the
 * sample: taking away any table or column (or emptying a column) leaves every indicator either
 * exactly as it was or No data, never a different number or colour.
 */
import fc from 'fast-check';
import { EvaluationResult, IndicatorResult, evaluateWorkbook } from '../../src/engine/evaluate';
import { needsOf } from '../../src/engine/noData';
import { BUILT_IN_INDICATORS } from '../../src/model/indicators';
import { generateSample } from '../../src/model/sample';
import { TABLES, TableName } from '../../src/model/schema';
import { WorkbookSnapshot } from '../../src/model/snapshot';

const ASOF = 46352;
const options = { file: 'sample.xlsx', asOf: ASOF, locale: 'en-US' as const };

let sample: WorkbookSnapshot;
let whole: EvaluationResult;
beforeAll(() => {
  sample = generateSample({ size: 40, seed: 3 });
  whole = evaluateWorkbook(sample, options);
});

const byId = (r: EvaluationResult) => new Map(r.indicators.map((i) => [i.id, i]));

function withoutTable(s: WorkbookSnapshot, table: TableName): WorkbookSnapshot {
  const tables = { ...s.tables };
  delete tables[table];
  return { ...s, tables };
}

function withoutColumn(s: WorkbookSnapshot, table: TableName, column: string, blankOnly = false): WorkbookSnapshot {
  const t = s.tables[table]!;
  const j = t.headers.indexOf(column);
  const keep = (row: unknown[]) => row.filter((_, k) => k !== j);
  const changed = blankOnly
    ? { ...t, rows: t.rows.map((r) => r.map((c, k) => (k === j ? null : c))) }
    : { ...t, headers: keep(t.headers) as string[], rows: t.rows.map((r) => keep(r) as typeof r) };
  return { ...s, tables: { ...s.tables, [table]: changed } };
}

function expectNoData(r: EvaluationResult, id: string, reason: RegExp): void {
  const i = byId(r).get(id)!;
  expect({ id, value: i.value, status: i.status }).toEqual({ id, value: null, status: 'NoData' });
  expect(i.reason).toMatch(reason);
}

describe('what an indicator needs is read off its formula', () => {
  const needs = (id: string) =>
    needsOf(BUILT_IN_INDICATORS.find((i) => i.id === id)!.formula)
      .map((n) => `${n.table}.${n.column}`)
      .sort();

  test('STALE_RATE reads opportunities and their activities', () => {
    expect(needs('STALE_RATE')).toEqual(['Activities.Date', 'Activities.OppId', 'Opportunities.OppId', 'Opportunities.Status']);
  });

  test('GRADE_A_SHARE reads Grade, a computed column: its inputs are the answers (and Status)', () => {
    expect(needs('GRADE_A_SHARE')).toEqual(['Opportunities.#answers', 'Opportunities.Status']);
  });

  test('KEYACC_PIPE_SHARE reads tiers, so the criterion scores', () => {
    expect(needs('KEYACC_PIPE_SHARE')).toEqual([
      'Accounts.#criteria',
      'Accounts.AccountId',
      'Opportunities.AccountId',
      'Opportunities.Amount',
      'Opportunities.Status',
    ]);
  });

  test('settings and Config tables are not data inputs (defaults stand in for them)', () => {
    expect(needsOf('=CRM3.SHARE(Opp_CloseDate,"<"&AsOfDate,Opp_Status,"Open")').map((n) => n.column)).toEqual([
      'CloseDate',
      'Status',
    ]);
  });
});

describe("the issue's cases", () => {
  test('no Activities table: STALE_RATE and ACT_PER_OPP are No data (were 100 % and 0, Red)', () => {
    const r = evaluateWorkbook(withoutTable(sample, 'Activities'), options);
    expectNoData(r, 'STALE_RATE', /^No data: no Activities table\.$/);
    expectNoData(r, 'ACT_PER_OPP', /no Activities table/);
    expectNoData(r, 'STAGE_EVIDENCE_RATE', /no Activities table/);
    // …and the summary says what to add, once.
    const line = r.missing.find((m) => m.missing === 'no Activities table')!;
    expect(line.add).toMatch(/^add the Activities table .* with the columns Date, AccountId, OppId, Type, EventId$/);
    expect(line.indicators).toEqual(expect.arrayContaining(['STALE_RATE', 'ACT_PER_OPP', 'EXEC_ACCESS', 'VISIT_SLA']));
  });

  test('no NextStepDate: NEXT_STEP_RATE is No data (was 0 %, Red)', () => {
    expectNoData(
      evaluateWorkbook(withoutColumn(sample, 'Opportunities', 'NextStepDate'), options),
      'NEXT_STEP_RATE',
      /Opportunities has no NextStepDate column/,
    );
    expectNoData(
      evaluateWorkbook(withoutColumn(sample, 'Opportunities', 'NextStepDate', true), options),
      'NEXT_STEP_RATE',
      /column NextStepDate of Opportunities is empty/,
    );
  });

  test('no DecisionChain: MENTOR_RATE is No data (was 0 %, Red)', () => {
    expectNoData(evaluateWorkbook(withoutTable(sample, 'DecisionChain'), options), 'MENTOR_RATE', /no DecisionChain table/);
  });

  test('no question columns: QUAL_SCORE_AVG No data, and every grade blank (not D)', () => {
    let s = sample;
    for (const q of sample.tables.Opportunities!.headers.filter((h) => h.startsWith('Q_')))
      s = withoutColumn(s, 'Opportunities', q);
    const r = evaluateWorkbook(s, options);
    expectNoData(r, 'QUAL_SCORE_AVG', /grading-question columns Q_Project/);
    expectNoData(r, 'GRADE_A_SHARE', /grading-question columns/);
    expect(new Set(r.opportunities.map((o) => o.Grade))).toEqual(new Set([null]));
    expect(new Set(r.opportunities.map((o) => o.QualScore))).toEqual(new Set([null]));
    // Nobody answered anything in the columns that are there: the same, with another reason.
    let blank = sample;
    for (const q of sample.tables.Opportunities!.headers.filter((h) => h.startsWith('Q_')))
      blank = withoutColumn(blank, 'Opportunities', q, true);
    const b = evaluateWorkbook(blank, options);
    expectNoData(b, 'QUAL_SCORE_AVG', /no opportunity has answers to the grading questions/);
    expect(new Set(b.opportunities.map((o) => o.Grade))).toEqual(new Set([null]));
  });

  test('no CloseDatePushes: CLOSE_SLIP_RATE is No data (was 0 %, a false Green)', () => {
    expectNoData(
      evaluateWorkbook(withoutColumn(sample, 'Opportunities', 'CloseDatePushes'), options),
      'CLOSE_SLIP_RATE',
      /no CloseDatePushes column/,
    );
  });

  test('open pipeline, new opportunities and whitespace without their inputs are No data, not 0', () => {
    const noAmount = evaluateWorkbook(withoutColumn(sample, 'Opportunities', 'Amount'), options);
    expectNoData(noAmount, 'OPEN_PIPE', /no Amount column/);
    expectNoData(noAmount, 'NEW_PIPE_VALUE', /no Amount column/);
    expectNoData(
      evaluateWorkbook(withoutColumn(sample, 'Opportunities', 'CreatedDate'), options),
      'NEW_OPP_COUNT',
      /CreatedDate/,
    );
    expectNoData(evaluateWorkbook(withoutColumn(sample, 'Accounts', 'WalletEstimate'), options), 'WHITESPACE', /WalletEstimate/);
    const noOpps = evaluateWorkbook(withoutTable(sample, 'Opportunities'), options);
    for (const id of ['OPEN_PIPE', 'NEW_OPP_COUNT', 'WIN_RATE_COUNT']) expectNoData(noOpps, id, /no Opportunities table/);
  });

  test('the zh reason and summary are zh, with full-width punctuation', () => {
    const r = evaluateWorkbook(withoutTable(sample, 'Activities'), { ...options, locale: 'zh-CN' });
    expect(byId(r).get('STALE_RATE')!.reason).toBe('无数据：没有“活动”表。');
    expect(r.missing[0].add).toMatch(/^添加“活动”表/);
    expect(r.missing[0].add).not.toMatch(/[,;:]/);
  });

  test('with every input there, nothing is No data but the ratios with nothing to compute over', () => {
    const noData = whole.indicators.filter((i) => i.status === 'NoData');
    expect(whole.missing).toEqual([]);
    for (const i of noData) expect(i.reason).toMatch(/^No data: there are no /);
  });
});

describe('property: taking an input away never leaves a number or a colour behind', () => {
  type Removal =
    | { kind: 'table'; table: TableName }
    | { kind: 'column'; table: TableName; column: string }
    | { kind: 'blank'; table: TableName; column: string };

  const removals = (s: WorkbookSnapshot): Removal[] =>
    TABLES.flatMap((spec) => {
      const t = s.tables[spec.name];
      if (!t) return [];
      const cols = t.headers.filter((h) => spec.columns.find((c) => c.name === h && c.computed) === undefined);
      // One blank answer or criterion column is data, not absence: blank answers count as Unknown
      // and blank criteria are left out of the score (DESIGN §4); the whole block empty is absence.
      const fixed = cols.filter((h) => spec.columns.some((c) => c.name === h));
      return [
        { kind: 'table' as const, table: spec.name },
        ...cols.map((column) => ({ kind: 'column' as const, table: spec.name, column })),
        ...fixed.map((column) => ({ kind: 'blank' as const, table: spec.name, column })),
      ];
    });

  const apply = (s: WorkbookSnapshot, r: Removal) =>
    r.kind === 'table' ? withoutTable(s, r.table) : withoutColumn(s, r.table, r.column, r.kind === 'blank');

  const same = (a: IndicatorResult, b: IndicatorResult) => {
    if (typeof a.value === 'number' && typeof b.value === 'number')
      return Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(a.value)) && a.status === b.status;
    return a.value === b.value && a.status === b.status;
  };

  test('each indicator is either unchanged or No data with a reason', () => {
    const all = removals(sample);
    const before = byId(whole);
    fc.assert(
      fc.property(fc.constantFrom(...all), (removal) => {
        const after = evaluateWorkbook(apply(sample, removal), options);
        for (const i of after.indicators) {
          const was = before.get(i.id)!;
          if (i.status === 'NoData') {
            expect(i.value).toBeNull();
            expect(i.reason).toMatch(/^No data: /);
            continue;
          }
          if (!same(was, i))
            throw new Error(
              `${JSON.stringify(removal)}: ${i.id} went from ${was.value} ${was.status} to ${i.value} ${i.status}, not No data`,
            );
        }
      }),
      { numRuns: 80, seed: 14 },
    );
  });
});

// Issue 16: on time is judged by DoneDate; a workbook without it cannot say, and says so.
describe('actions done on time (PLAN_ACTION_DONE)', () => {
  test('an old workbook without a DoneDate column: No data with the reason; the problems say how to fix it', () => {
    const old = withoutColumn(sample, 'Actions', 'DoneDate');
    const r = evaluateWorkbook(old, options);
    expectNoData(r, 'PLAN_ACTION_DONE', /Actions has no DoneDate column/);
    expect(r.problems.some((p) => /Add a DoneDate column/.test(p.message))).toBe(true);
    const zh = evaluateWorkbook(old, { ...options, locale: 'zh-CN' });
    expect(byId(zh).get('PLAN_ACTION_DONE')!.reason).toContain('完成日期');
    expect(zh.problems.some((p) => p.message.includes('请添加“完成日期”列'))).toBe(true);
  });

  test('DoneDate there but empty (only Done = Yes/No filled): No data, never a 0 or a colour', () => {
    expectNoData(evaluateWorkbook(withoutColumn(sample, 'Actions', 'DoneDate', true), options), 'PLAN_ACTION_DONE', /DoneDate/);
  });

  test('a workbook that keeps DoneDate but no Done column lacks nothing: the same value', () => {
    const kept = byId(evaluateWorkbook(withoutColumn(sample, 'Actions', 'Done'), options)).get('PLAN_ACTION_DONE')!;
    const before = byId(whole).get('PLAN_ACTION_DONE')!;
    expect(before.value).not.toBeNull();
    expect(kept.value).toBe(before.value);
  });
});
