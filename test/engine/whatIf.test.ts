/**
 * What-if (DESIGN §8): the engine answers "what if this deal were won / bigger / this contact
 * a mentor" by changing input cells, recalculating and putting everything back. The moves are
 * worked out from the sample's own rows; afterwards the engine must equal its base exactly.
 */
import { Cell, keyOf, toNumber } from '../../src/core/cells';
import { CellChange, EngineValue, IndicatorValue, WorkbookEngine } from '../../src/engine/workbookEngine';
import { generateSample } from '../../src/model/sample';
import { TableData, WorkbookSnapshot } from '../../src/model/snapshot';

const ASOF = 46352;
const PS = 46023;
const PE = 46387;

const column = (t: TableData | undefined, name: string): Cell[] => {
  const j = t!.headers.indexOf(name);
  return t!.rows.map((r) => r[j] ?? null);
};
const valuesOf = (list: IndicatorValue[]) => new Map<string, EngineValue>(list.map((i) => [i.row.id, i.value]));
const close = (a: EngineValue | undefined, b: number) =>
  typeof a === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

let sample: WorkbookSnapshot;
let engine: WorkbookEngine;
let base: IndicatorValue[];
let baseValues: Map<string, EngineValue>;
// The sample's opportunities, read directly.
let status: Cell[];
let amount: number[];
let closeDate: number[];
let oppIds: Cell[];
let probability: EngineValue[];

beforeAll(() => {
  sample = generateSample({ size: 60, seed: 3 });
  engine = WorkbookEngine.build(sample, { asOf: ASOF });
  base = engine.indicators();
  baseValues = valuesOf(base);
  const opp = sample.tables.Opportunities!;
  status = column(opp, 'Status');
  amount = column(opp, 'Amount').map((c) => toNumber(c) ?? 0);
  closeDate = column(opp, 'CloseDate') as number[];
  oppIds = column(opp, 'OppId');
  probability = engine.computedColumn('Opportunities', 'Probability');
});
afterAll(() => engine.destroy());

const inP = (i: number) => closeDate[i] >= PS && closeDate[i] <= PE;
const rows = () => status.map((_, i) => i);
/** Won and closed (Won + Lost + NoDecision, the default NoDecisionIsLoss) in the period: counts and amounts. */
function tally() {
  const closed = rows().filter((i) => ['Won', 'Lost', 'NoDecision'].includes(status[i] as string) && inP(i));
  const won = closed.filter((i) => status[i] === 'Won');
  const sum = (xs: number[]) => xs.reduce((a, i) => a + amount[i], 0);
  return { won: won.length, closed: closed.length, wonAmount: sum(won), closedAmount: sum(closed) };
}
/** An open deal expected to close inside the period (winning it moves this period's win rate). */
const openInPeriod = () => rows().find((i) => status[i] === 'Open' && inP(i))!;

function expectRestored(): void {
  // Exactly the base: same values, same statuses, same per-row results.
  expect(engine.indicators()).toEqual(base);
  expect(engine.computedColumn('Opportunities', 'Probability')).toEqual(probability);
}

test('winning an open deal: win rates, pipeline and velocity move by the hand-computed amounts', () => {
  const i = openInPeriod();
  expect(i).toBeDefined();
  const t = tally();
  const a = amount[i];
  const p = probability[i] as number;
  expect(close(baseValues.get('WIN_RATE_COUNT'), t.won / t.closed)).toBe(true);

  const { base: before, changed } = engine.whatIf([{ table: 'Opportunities', row: i, column: 'Status', value: 'Won' }]);
  expect(before).toEqual(base);
  const after = valuesOf(changed);
  // One more won and one more closed: (W + 1) / (C + 1).
  expect(close(after.get('WIN_RATE_COUNT'), (t.won + 1) / (t.closed + 1))).toBe(true);
  expect(close(after.get('WIN_RATE_VALUE'), (t.wonAmount + a) / (t.closedAmount + a))).toBe(true);
  expect(close(after.get('AVG_WON_DEAL'), (t.wonAmount + a) / (t.won + 1))).toBe(true);
  // It leaves the open pipeline: the amount, and its weighted share (its stage probability).
  expect(close(after.get('OPEN_PIPE'), (baseValues.get('OPEN_PIPE') as number) - a)).toBe(true);
  expect(close(after.get('WEIGHTED_PIPE'), (baseValues.get('WEIGHTED_PIPE') as number) - a * p)).toBe(true);
  // Created dates did not change: new pipeline is the same.
  expect(after.get('NEW_OPP_COUNT')).toBe(baseValues.get('NEW_OPP_COUNT'));
  expect((after.get('WIN_RATE_COUNT') as number) > (baseValues.get('WIN_RATE_COUNT') as number)).toBe(true);
  expectRestored();
});

test('losing it instead (zh status 丢单) lowers the win rate to W / (C + 1)', () => {
  const i = openInPeriod();
  const t = tally();
  const { changed } = engine.whatIf([{ table: 'Opportunities', row: i, column: 'Status', value: '丢单' }]);
  expect(close(valuesOf(changed).get('WIN_RATE_COUNT'), t.won / (t.closed + 1))).toBe(true);
  expectRestored();
});

test('a bigger open deal: OPEN_PIPE and WEIGHTED_PIPE grow by the difference (× its probability)', () => {
  const i = openInPeriod();
  const p = probability[i] as number;
  const { changed } = engine.whatIf([{ table: 'Opportunities', row: i, column: 'Amount', value: amount[i] + 250_000 }]);
  const after = valuesOf(changed);
  expect(close(after.get('OPEN_PIPE'), (baseValues.get('OPEN_PIPE') as number) + 250_000)).toBe(true);
  expect(close(after.get('WEIGHTED_PIPE'), (baseValues.get('WEIGHTED_PIPE') as number) + 250_000 * p)).toBe(true);
  expect(after.get('WIN_RATE_COUNT')).toBe(baseValues.get('WIN_RATE_COUNT'));
  expectRestored();
});

test('won and bigger at once: both changes count together', () => {
  const i = openInPeriod();
  const t = tally();
  const a = amount[i] + 1_000_000;
  const changes: CellChange[] = [
    { table: 'Opportunities', row: i, column: 'Status', value: 'Won' },
    { table: 'Opportunities', row: i, column: 'Amount', value: a },
  ];
  const after = valuesOf(engine.whatIf(changes).changed);
  expect(close(after.get('WIN_RATE_VALUE'), (t.wonAmount + a) / (t.closedAmount + a))).toBe(true);
  expect(close(after.get('OPEN_PIPE'), (baseValues.get('OPEN_PIPE') as number) - amount[i])).toBe(true);
  expectRestored();
});

test("a contact's support turns to Mentor: MENTOR_RATE gains one open deal, KEYPLAYER_SUPPORT one backer", () => {
  const dc = sample.tables.DecisionChain!;
  const dcOpp = column(dc, 'OppId');
  const support = column(dc, 'Support');
  const role = column(dc, 'BuyingRole');
  const political = column(dc, 'PoliticalStatus');
  const statusOf = new Map(oppIds.map((id, i) => [keyOf(id), status[i]]));
  const isOpen = (k: number) => statusOf.get(keyOf(dcOpp[k])) === 'Open';
  const hasMentor = new Set(dcOpp.filter((_, k) => support[k] === 'Mentor').map(keyOf));
  const isKey = (k: number) =>
    ['InnerCircle', 'PoliticalStructure'].includes(political[k] as string) ||
    ['Approver', 'DecisionMaker'].includes(role[k] as string);
  // A key player on an open deal that has no mentor yet, who does not back us today.
  const k = dcOpp.findIndex(
    (id, k2) => isOpen(k2) && !hasMentor.has(keyOf(id)) && isKey(k2) && !['Mentor', 'Supporter'].includes(support[k2] as string),
  );
  expect(k).toBeGreaterThanOrEqual(0);

  const openCount = status.filter((s) => s === 'Open').length;
  const keyRows = dcOpp.map((_, k2) => k2).filter((k2) => isOpen(k2) && isKey(k2));
  const backing = keyRows.filter((k2) => ['Mentor', 'Supporter'].includes(support[k2] as string)).length;
  expect(close(baseValues.get('MENTOR_RATE'), hasMentorOpen() / openCount)).toBe(true);
  expect(close(baseValues.get('KEYPLAYER_SUPPORT'), backing / keyRows.length)).toBe(true);

  const after = valuesOf(engine.whatIf([{ table: 'DecisionChain', row: k, column: 'Support', value: 'Mentor' }]).changed);
  expect(close(after.get('MENTOR_RATE'), (hasMentorOpen() + 1) / openCount)).toBe(true);
  expect(close(after.get('KEYPLAYER_SUPPORT'), (backing + 1) / keyRows.length)).toBe(true);
  expectRestored();

  function hasMentorOpen(): number {
    return oppIds.filter((id, i) => status[i] === 'Open' && hasMentor.has(keyOf(id))).length;
  }
});

test('text that looks like a formula is data: a competitor named "=1+1" counts as a competitor, then goes away', () => {
  const opp = sample.tables.Opportunities!;
  const competitor = column(opp, 'Competitor');
  const i = rows().find((r) => status[r] === 'Won' && inP(r) && competitor[r] === null)!;
  expect(i).toBeDefined();
  const { changed } = engine.whatIf([{ table: 'Opportunities', row: i, column: 'Competitor', value: '=1+1' }]);
  const closedWithCompetitor = rows().filter(
    (r) => ['Won', 'Lost', 'NoDecision'].includes(status[r] as string) && inP(r) && competitor[r] !== null,
  );
  const wonWithCompetitor = closedWithCompetitor.filter((r) => status[r] === 'Won').length;
  expect(close(valuesOf(changed).get('COMP_WIN_RATE'), (wonWithCompetitor + 1) / (closedWithCompetitor.length + 1))).toBe(true);
  expectRestored();
});

test('a change the engine cannot make throws and leaves the workbook as it was', () => {
  const i = openInPeriod();
  const good: CellChange = { table: 'Opportunities', row: i, column: 'Status', value: 'Won' };
  expect(() => engine.whatIf([good, { table: 'Opportunities', row: i, column: 'NoSuchColumn', value: 1 }])).toThrow(
    /no input column/,
  );
  expect(() => engine.whatIf([good, { table: 'Opportunities', row: 10_000, column: 'Status', value: 'Won' }])).toThrow(/no row/);
  expect(engine.inputColumn('Opportunities', 'Status')[i]).toBe('Open');
  expectRestored();
});

test('whatIf on and on: twenty rounds later the engine still equals its base', () => {
  const open = rows().filter((r) => status[r] === 'Open');
  for (let n = 0; n < 20; n++) {
    const r = open[n % open.length];
    engine.whatIf([
      { table: 'Opportunities', row: r, column: n % 2 ? 'Status' : 'Amount', value: n % 2 ? 'Won' : n * 1000 },
      { table: 'Opportunities', row: r, column: 'CloseDate', value: PE },
    ]);
  }
  expectRestored();
  expect(engine.inputColumn('Opportunities', 'Status')).toEqual(status);
});
