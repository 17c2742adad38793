/**
 * The account plan's "Since last review" box (issue 16 §5), filled and evaluated as a file: the
 * sample is snapshot at D1, some deals of the plan's account are changed (a close date moved, a
 * stage moved back and every answer turned No, a mentor lost, a deal won, an amount cut) and its
 * revenue raised, and the plan is evaluated at D2. The box must show the snapshot, the account
 * then → now with Δ, and exactly those deals with what moved in words, all worked out here by
 * hand from the changes (dates as ISO text by this test's own arithmetic). Without a snapshot it
 * says so and shows no number. Then the real flow: `crm3 snapshot` appends to the template's own
 * (empty) History tables and the box compares with it.
 */
import { Cell, isBlank } from '../../src/core/cells';
import { Locale } from '../../src/core/i18n';
import { evaluateWorkbook } from '../../src/engine/evaluate';
import { planSnapshot, whatMoved, movesInWords } from '../../src/engine/history';
import { FormulaCellValue, evaluateFormulaWorkbook } from '../../src/io/formulaWorkbook';
import { takeSnapshot } from '../../src/io/takeSnapshot';
import { generateSample } from '../../src/model/sample';
import { HISTORY_TABLES, tableSpec } from '../../src/model/schema';
import { TableData, WorkbookSnapshot } from '../../src/model/snapshot';
import { tableSheetName } from '../../src/model/layout';
import { buildTemplate } from '../../src/templates/build';

const D1 = 46352; // the sample's AsOfDate, 2026-11-26
const D2 = D1 + 14;
const col = (t: TableData, name: string) => t.headers.indexOf(name);
/** ISO date of an Excel serial, by this test's own arithmetic (serial 25569 = 1970-01-01). */
const iso = (serial: number) => new Date((serial - 25569) * 86_400_000).toISOString().slice(0, 10);

const WORDS = {
  'en-US': {
    label: 'Q4 review',
    slipped: (a: string, b: string) => `slipped ${a} → ${b}`,
    won: 'won',
    shrank: 'shrank −40,000',
    mentor: 'lost its mentor',
    stageAndGrade: (s0: string, s1: string, g0: string) => `moved back a stage ${s0} → ${s1}; dropped a grade ${g0} → D`,
    unchanged: 'unchanged',
    pp: (x: number) => `${x.toFixed(1)} pp`,
    noSnapshot: 'No snapshot yet — take one with Save snapshot or `crm3 snapshot`',
    nothing: 'No deal of this account moved since the snapshot.',
    no: 'No',
    supporter: 'Supporter',
    mentorValue: 'Mentor',
    won2: 'Won',
  },
  'zh-CN': {
    label: '四季度评审',
    slipped: (a: string, b: string) => `推迟结单 ${a} → ${b}`,
    won: '赢单',
    shrank: '金额减少 −40,000',
    mentor: '失去内线教练',
    stageAndGrade: (s0: string, s1: string, g0: string) => `阶段后退 ${s0} → ${s1}；等级下降 ${g0} → D`,
    unchanged: '不变',
    pp: (x: number) => `${x.toFixed(1)} 个百分点`,
    noSnapshot: '还没有快照——请用任务窗格的“保存快照”或 `crm3 snapshot` 保存一次',
    nothing: '自该快照以来，该客户的商机没有变化。',
    no: '否',
    supporter: '支持者',
    mentorValue: '内线教练',
    won2: '赢单',
  },
} as const;

async function evaluate(bytes: Uint8Array, locale: Locale): Promise<FormulaCellValue[]> {
  const r = await evaluateFormulaWorkbook(bytes, 'plan.xlsx', { locale });
  if (!r.ok) throw new Error(r.reason.message.en);
  return r.cells;
}

/** The box's cells, found by what their formulas read (not by address). */
function box(cells: FormulaCellValue[]) {
  const sheet = cells.find((c) => c.formula.includes('COUNT(Hist_Date)'))!.sheet;
  const at = (addr: string) => cells.find((c) => c.sheet === sheet && c.cell === addr);
  const rowOf = (text: string) => {
    const c = cells.find((x) => x.sheet === sheet && x.formula.includes(text));
    if (!c) throw new Error(`no formula with ${text}`);
    return Number(/\d+$/.exec(c.cell)![0]);
  };
  const measure = (history: string) => {
    const r = rowOf(history);
    return { then: at(`C${r}`)?.value, now: at(`D${r}`)?.value, delta: at(`E${r}`)?.value };
  };
  const moved = cells.find((c) => c.formula.includes('WHATMOVED('))!;
  return {
    snapshot: cells.find((c) => c.formula.includes('COUNT(Hist_Date)'))!.value,
    score: measure('AccH_Score'),
    tier: measure('AccH_Tier'),
    revenue: measure('AccH_Revenue12m'),
    share: measure('AccH_ShareOfWallet'),
    moved: moved.spill!,
    nothing: cells.find((c) => c.formula.includes('B' + moved.cell.slice(1) + '<>""'))?.value,
  };
}

const errorCells = (cells: FormulaCellValue[]) =>
  cells.filter(
    (c) =>
      (c.value !== null && typeof c.value === 'object') ||
      c.spill?.some((r) => r.some((v) => v !== null && typeof v === 'object')),
  );

describe.each(['en-US', 'zh-CN'] as const)('since last review, %s', (locale) => {
  const w = WORDS[locale];
  const sample = generateSample({ locale });
  const acc = sample.tables.Accounts!;
  const account = String(acc.rows[0][col(acc, 'AccountId')]);
  const wallet = acc.rows[0][col(acc, 'WalletEstimate')] as number;
  const revenue = acc.rows[0][col(acc, 'Revenue12m')] as number;
  let cells: FormulaCellValue[];
  let gradeThen: string;
  const o = sample.tables.Opportunities!;
  const row = (id: string) => o.rows.find((r) => r[col(o, 'OppId')] === id)!;
  const name = (id: string) => String(row(id)[col(o, 'OppName')]);
  const closeThen = row('O106')[col(o, 'CloseDate')] as number;
  const stageThen = String(row('O282')[col(o, 'Stage')]);
  const stageNow = String(row('O111')[col(o, 'Stage')]); // O111 is at the first stage after Discover (Qualify)
  let after: WorkbookSnapshot;

  beforeAll(async () => {
    // The deals this test changes are the sample's open deals of account A001 (checked here).
    expect(account).toBe('A001');
    for (const id of ['O106', 'O111', 'O177', 'O194', 'O282']) {
      expect(row(id)[col(o, 'AccountId')]).toBe('A001');
      expect(row(id)[col(o, 'Status')]).toBe(locale === 'zh-CN' ? '进行中' : 'Open');
    }
    // Snapshot at D1, its rows added to the workbook's History tables as Save snapshot adds them.
    const evaluation = evaluateWorkbook(sample, { file: 's.xlsx', asOf: D1, locale });
    const plan = planSnapshot(sample, evaluation, D1, w.label);
    if (plan.kind !== 'append') throw new Error(plan.kind);
    gradeThen = String(evaluation.opportunities.find((x) => x.OppId === 'O282')!.Grade);
    expect(gradeThen).not.toBe('D');
    const withHistory: WorkbookSnapshot = structuredClone(sample);
    for (const t of HISTORY_TABLES)
      withHistory.tables[t] = {
        sheet: tableSheetName(t, locale),
        origin: { row: 1, col: 1 },
        headers: tableSpec(t).columns.map((c) => c.name),
        rows: plan.rows[t],
      };
    // The changes, between D1 and D2.
    after = structuredClone(withHistory);
    const ao = after.tables.Opportunities!;
    const r = (id: string) => ao.rows.find((x) => x[col(ao, 'OppId')] === id)!;
    r('O106')[col(ao, 'CloseDate')] = closeThen + 30;
    r('O282')[col(ao, 'Stage')] = stageNow;
    for (const h of ao.headers) if (/^Q_/.test(h)) r('O282')[col(ao, h)] = w.no;
    r('O111')[col(ao, 'Status')] = w.won2;
    r('O177')[col(ao, 'Amount')] = (r('O177')[col(ao, 'Amount')] as number) - 40_000;
    const dc = after.tables.DecisionChain!;
    for (const x of dc.rows)
      if (x[col(dc, 'OppId')] === 'O194' && x[col(dc, 'Support')] === w.mentorValue) x[col(dc, 'Support')] = w.supporter;
    after.tables.Accounts!.rows[0][col(acc, 'Revenue12m')] = revenue + 500_000;
    after.settings = { ...after.settings, AsOfDate: D2 };
    cells = await evaluate(await buildTemplate('account-plan', locale, { data: after }), locale);
  }, 240_000);

  test('evaluates with zero error cells', () => {
    expect(errorCells(cells).map((c) => `${c.sheet}!${c.cell}`)).toEqual([]);
  });

  test('the snapshot compared with: the latest on or before the as-of date, date · label', () => {
    expect(box(cells).snapshot).toBe(`2026-11-26 · ${w.label}`);
  });

  test('the account then → now with Δ, by hand', () => {
    const b = box(cells);
    expect(b.revenue).toEqual({ then: revenue, now: revenue + 500_000, delta: 500_000 });
    expect(b.share.then).toBeCloseTo(revenue / wallet, 12);
    expect(b.share.now).toBeCloseTo((revenue + 500_000) / wallet, 12);
    expect(b.share.delta).toBeCloseTo((500_000 / wallet) * 100, 9); // percentage points
    // No criterion changed: the score and the tier are what they were.
    expect(typeof b.score.then).toBe('number');
    expect(b.score.now).toBe(b.score.then);
    expect(b.score.delta).toBe(0);
    expect(b.tier.then).toBe(b.tier.now);
    expect(b.tier.delta).toBe(w.unchanged);
  });

  test('exactly the changed deals, in table order, with what moved in words', () => {
    const listed = box(cells).moved.filter((x) => !isBlank(x[0] as Cell));
    expect(listed).toEqual([
      [name('O106'), w.slipped(iso(closeThen), iso(closeThen + 30))],
      [name('O111'), w.won],
      [name('O177'), w.shrank],
      [name('O194'), w.mentor],
      [name('O282'), w.stageAndGrade(stageThen, stageNow, gradeThen)],
    ]);
    expect(box(cells).moved).toHaveLength(8);
    expect(box(cells).nothing).toBeNull();
  });

  test('the same deals and words as the dashboard’s What moved, for that account', () => {
    const moved = whatMoved(after, evaluateWorkbook(after, { file: 's.xlsx', asOf: D2, locale }), { date: D1, label: w.label });
    const listed = box(cells).moved.filter((x) => !isBlank(x[0] as Cell));
    expect(listed).toEqual(moved.filter((m) => m.accountId === account).map((m) => [m.oppName, movesInWords(m, locale)]));
  });
});

describe.each(['en-US', 'zh-CN'] as const)('since last review without history, %s', (locale) => {
  test.each([false, true])(
    'filled %s: the honest message, no number, no error',
    async (filled) => {
      const cells = await evaluate(
        await buildTemplate('account-plan', locale, filled ? { data: generateSample({ locale }) } : {}),
        locale,
      );
      expect(errorCells(cells)).toEqual([]);
      const b = box(cells);
      expect(b.snapshot).toBe(WORDS[locale].noSnapshot);
      for (const m of [b.score, b.tier, b.revenue, b.share]) {
        expect(isBlank(m.then as Cell)).toBe(true);
        expect(isBlank(m.delta as Cell)).toBe(true);
      }
      expect(b.moved.flat().every((v) => isBlank(v as Cell))).toBe(true);
      expect(isBlank(b.nothing as Cell)).toBe(true);
    },
    120_000,
  );
});

describe('crm3 snapshot into the template’s own History tables', () => {
  test.each(['en-US', 'zh-CN'] as const)(
    '%s: the box compares with it, nothing moved',
    async (locale) => {
      const plan = await buildTemplate('account-plan', locale, { data: generateSample({ locale }) });
      const r = await takeSnapshot(plan, 'plan.xlsx', {
        asOf: D1,
        today: D1,
        label: WORDS[locale].label,
        locale,
        when: new Date(0),
      });
      if (r.kind !== 'written') throw new Error(r.kind === 'failed' ? r.message.en : r.kind);
      expect(r.rows.OppHistory.length).toBeGreaterThan(0);
      const cells = await evaluate(r.bytes, locale);
      expect(errorCells(cells)).toEqual([]);
      const b = box(cells);
      expect(b.snapshot).toBe(`2026-11-26 · ${WORDS[locale].label}`);
      expect(b.revenue.delta).toBe(0);
      expect(b.tier.delta).toBe(WORDS[locale].unchanged);
      expect(b.moved.flat().every((v) => isBlank(v as Cell))).toBe(true);
      expect(b.nothing).toBe(WORDS[locale].nothing);
    },
    240_000,
  );
});
