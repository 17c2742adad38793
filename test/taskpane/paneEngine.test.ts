/**
 * The pane's engine through the PaneEngine interface (in-process; the worker runs the same
 * core): whole-workbook and scoped evaluation agree with evaluateWorkbook, what-if leaves the
 * workbook as it was, and the chart data agrees with the indicators computed by formulas.
 */
import { evaluateWorkbook } from '../../src/engine/evaluate';
import { generateSample } from '../../src/model/sample';
import { InProcessEngine } from '../../src/taskpane/engine/inProcessEngine';
import { todaySerial } from '../../src/taskpane/engine/paneEngineCore';

const snapshot = generateSample({ size: 200, seed: 3 });
const asOf = snapshot.settings.AsOfDate as number;
const value = (r: { indicators: { id: string; value: unknown }[] }, id: string) => r.indicators.find((i) => i.id === id)!.value;

describe('InProcessEngine', () => {
  const engine = new InProcessEngine();
  const progress: number[] = [];
  beforeAll(() => engine.load(snapshot, { locale: 'en-US', file: 'sample.xlsx' }, (f) => progress.push(f)));
  afterAll(() => engine.dispose());

  test('load reports progress up to 1, and the evaluation is the CLI path’s', async () => {
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const mine = await engine.evaluate();
    // Without the workings (the dashboard asks explain for the one a user opens).
    const cli = evaluateWorkbook(snapshot, { file: 'sample.xlsx', asOf, locale: 'en-US', explain: false });
    expect(mine).toEqual(cli);
    expect(mine.indicators.some((i) => i.explain)).toBe(false);
    expect(mine.indicators).toHaveLength(40);
  });

  test('a scope evaluates the scoped workbook, like --scope', async () => {
    const [owner] = await engine.scopeValues('owner');
    const scopes = [{ field: 'owner' as const, value: owner }];
    const mine = await engine.evaluate(scopes);
    expect(mine).toEqual(evaluateWorkbook(snapshot, { file: 'sample.xlsx', asOf, locale: 'en-US', scopes, explain: false }));
    expect(value(mine, 'OPEN_PIPE')).not.toEqual(value(await engine.evaluate(), 'OPEN_PIPE'));
  });

  test('scope values of a tier come from the computed tiers', async () => {
    expect((await engine.scopeValues('tier')).sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  test('explain gives the formula, the value and the inputs of an indicator; unknown ids give undefined', async () => {
    const e = await engine.explain('OPEN_PIPE');
    expect(e?.formula).toBe('=CRM3.PIPELINE(Opp_Status,Opp_Amount)');
    expect(e?.value).toBe(value(await engine.evaluate(), 'OPEN_PIPE'));
    expect(e?.inputs.map((i) => i.text)).toEqual(['Opp_Status', 'Opp_Amount']);
    expect(await engine.explain('NOPE')).toBeUndefined();
  });

  test('what-if changes the numbers and then leaves the workbook as it was', async () => {
    const before = await engine.evaluate();
    const amount = snapshot.tables.Opportunities!.headers.indexOf('Status');
    const open = snapshot.tables.Opportunities!.rows.findIndex((r) => r[amount] === 'Open');
    const { base, changed } = await engine.whatIf([{ table: 'Opportunities', row: open, column: 'Status', value: 'Won' }]);
    expect(value({ indicators: base }, 'OPEN_PIPE')).toBe(value(before, 'OPEN_PIPE'));
    expect(value({ indicators: changed }, 'OPEN_PIPE')).toBeLessThan(value(before, 'OPEN_PIPE') as number);
    expect(await engine.evaluate()).toEqual(before);
  });

  test('pipeline by stage adds up to the open pipeline indicator', async () => {
    const charts = await engine.charts();
    const total = charts.pipelineByStage.reduce((a, s) => a + s.amount, 0);
    expect(total).toBeCloseTo(value(await engine.evaluate(), 'OPEN_PIPE') as number, 6);
    expect(charts.pipelineByStage.map((s) => s.stage).slice(0, 2)).toEqual(['Discover', 'Qualify']);
  });

  test('win rate by owner: tallies add up to the workbook win rate; Wilson brackets each rate', async () => {
    const { winRateByOwner } = await engine.charts();
    expect(winRateByOwner.length).toBeGreaterThan(1);
    const won = winRateByOwner.reduce((a, o) => a + o.won, 0);
    const closed = winRateByOwner.reduce((a, o) => a + o.closed, 0);
    // Every sample deal has an owner, so the owners' tallies are the workbook's.
    expect(won / closed).toBeCloseTo(value(await engine.evaluate(), 'WIN_RATE_COUNT') as number, 12);
    for (const o of winRateByOwner) {
      expect(o.rate).toBeCloseTo(o.won / o.closed, 12);
      expect(o.lower).toBeLessThanOrEqual(o.rate);
      expect(o.upper).toBeGreaterThanOrEqual(o.rate);
      expect(o.upper - o.lower).toBeGreaterThan(0);
    }
  });

  test('tier matrix: one point per account with its computed tier, and the thresholds', async () => {
    const { tierMatrix } = await engine.charts();
    const result = await engine.evaluate();
    expect(tierMatrix.points).toHaveLength(result.accounts.length);
    for (const p of tierMatrix.points) {
      const acc = result.accounts.find((a) => a.AccountId === p.account)!;
      expect([p.attractiveness, p.position, p.tier]).toEqual([acc.Attractiveness, acc.Position, acc.Tier]);
    }
    expect([tierMatrix.attractivenessThreshold, tierMatrix.positionThreshold]).toEqual([50, 50]);
  });

  test('tiering: the workbook’s own tiers, other thresholds in the engine’s Config, and the workbook left as it was', async () => {
    const before = await engine.evaluate();
    const base = await engine.tiering();
    expect(base.tiers.tiers).toEqual(before.accounts.map((a) => a.Tier));
    expect(base.accounts.map((a) => a.id)).toEqual(before.accounts.map((a) => a.AccountId));
    const raised = await engine.tiersUnder({ ...base.settings, attractivenessThreshold: 70 });
    // Raising the bar only moves accounts down the attractiveness axis: A → C, B → D.
    raised.tiers.forEach((t, i) => {
      const was = base.tiers.tiers[i];
      expect(t === was || (was === 'A' && t === 'C') || (was === 'B' && t === 'D')).toBe(true);
    });
    expect(raised.counts.A + raised.counts.B).toBeLessThan(base.tiers.counts.A + base.tiers.counts.B);
    expect(await engine.evaluate()).toEqual(before);
  });

  test('grading and the decision chain of an opportunity come from the engine', async () => {
    const result = await engine.evaluate();
    const form = await engine.grading(0);
    expect(form.outcome.grade).toBe(result.opportunities[0].Grade);
    expect(form.outcome.qualScore).toBeCloseTo(result.opportunities[0].QualScore as number, 12);
    const dc = snapshot.tables.DecisionChain!;
    const oppIds = snapshot.tables.Opportunities!.rows.map((r) => r[0]);
    const row = oppIds.findIndex((id) => dc.rows.some((r) => r[dc.headers.indexOf('OppId')] === id));
    const map = await engine.decisionChain(row);
    expect(map.oppId).toBe(oppIds[row]);
    expect(map.members.length).toBe(dc.rows.filter((r) => r[dc.headers.indexOf('OppId')] === oppIds[row]).length);
    expect(await engine.stages()).toEqual(['Discover', 'Qualify', 'Solution', 'Shortlist', 'Negotiate']);
  });

  test('charts follow the scope', async () => {
    const [region] = await engine.scopeValues('region');
    const scoped = await engine.charts([{ field: 'region', value: region }]);
    const whole = await engine.charts();
    expect(scoped.tierMatrix.points.length).toBeLessThan(whole.tierMatrix.points.length);
  });
});

test('a chart the functions cannot compute says why instead of drawing zeros', async () => {
  const bad = generateSample({ size: 60, seed: 4 });
  const opps = bad.tables.Opportunities!;
  const status = opps.headers.indexOf('Status');
  const open = opps.rows.findIndex((r) => r[status] === 'Open');
  opps.rows[open][opps.headers.indexOf('Amount')] = 'lots';
  const engine = new InProcessEngine();
  await engine.load(bad, { locale: 'en-US' });
  const charts = await engine.charts();
  expect(charts.pipelineByStage).toEqual([]);
  expect(charts.problems.pipelineByStage).toMatch(/lots/);
  engine.dispose();
});

test('a workbook without AsOfDate is evaluated as of today', async () => {
  const engine = new InProcessEngine();
  const bare = { ...snapshot, settings: { ...snapshot.settings, AsOfDate: null } };
  await engine.load(bare, { locale: 'zh-CN' });
  const r = await engine.evaluate();
  expect(r.asOf).toBe(new Date().toISOString().slice(0, 10));
  expect(todaySerial(Date.UTC(2026, 10, 26))).toBe(46352);
  engine.dispose();
});

test('calls before a load fail with a message instead of hanging', async () => {
  const engine = new InProcessEngine();
  await expect(engine.evaluate()).rejects.toThrow(/No workbook loaded/);
});
