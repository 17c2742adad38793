/**
 * Issue #19: the drill-down lists exactly the rows a filter selects. The expected rows come
 * from filters written here over the snapshot's own cells (no kernel, no engine): won deals
 * closed in the period, stale open deals, open deals with a mentor, actions due and done.
 * Also: a scope's rows point at their own row of the workbook (sheet and cell).
 */
import { Cell, keyOf } from '../../src/core/cells';
import { Locale } from '../../src/core/i18n';
import { withCatalogWords } from '../../src/engine/evaluate';
import { IndicatorExplain, explainIndicator } from '../../src/engine/indicatorWorking';
import { applyScopes } from '../../src/engine/scope';
import { WorkbookEngine } from '../../src/engine/workbookEngine';
import { generateSample } from '../../src/model/sample';
import { TableData, WorkbookSnapshot, a1 } from '../../src/model/snapshot';

const ASOF = 46352; // 2026-11-26
const PERIOD = { start: 46023, end: 46387 }; // 2026-01-01 … 2026-12-31
const STALE_DAYS = 30;

const col = (t: TableData, name: string): Cell[] => t.rows.map((r) => r[t.headers.indexOf(name)] ?? null);
const is = (c: Cell, ...words: string[]) => words.some((w) => keyOf(c) === keyOf(w));

function explain(engine: WorkbookEngine, id: string, workbook: WorkbookSnapshot, locale: Locale = 'en-US'): IndicatorExplain {
  const found = engine.indicators().find((i) => i.row.id === id)!;
  const e = explainIndicator(engine, withCatalogWords(found.row), found.value, { locale, rows: true, workbook });
  if (!e) throw new Error(`${id} has no working`);
  return e;
}

const idsOf = (e: IndicatorExplain, key: string): string[] => {
  const p = e.parts.find((x) => x.key === key) ?? e.leftOut.find((x) => x.key === key);
  return (p?.rows ?? []).map((r) => r.id).sort();
};

describe('drill-down rows are the rows an independent filter selects', () => {
  const snapshot = generateSample({ locale: 'en-US', size: 300, seed: 11 });
  const opp = snapshot.tables.Opportunities!;
  const oppIds = col(opp, 'OppId').map(String);
  const status = col(opp, 'Status');
  const close = col(opp, 'CloseDate') as (number | null)[];
  const open = oppIds.filter((_, i) => is(status[i], 'Open'));
  let engine: WorkbookEngine;
  beforeAll(() => {
    engine = WorkbookEngine.build(snapshot, { asOf: ASOF, locale: 'en-US' });
  });
  afterAll(() => engine.destroy());

  test('win rate: won and closed deals of the period, open ones left out', () => {
    const inPeriod = (i: number) => close[i] !== null && close[i]! >= PERIOD.start && close[i]! <= PERIOD.end;
    const won = oppIds.filter((_, i) => is(status[i], 'Won') && inPeriod(i));
    const closed = oppIds.filter((_, i) => is(status[i], 'Won', 'Lost', 'NoDecision') && inPeriod(i));
    const e = explain(engine, 'WIN_RATE_COUNT', snapshot);
    expect(won.length).toBeGreaterThan(5);
    expect(idsOf(e, 'numerator')).toEqual(won.sort());
    expect(idsOf(e, 'denominator')).toEqual(closed.sort());
    expect(idsOf(e, 'open')).toEqual([...open].sort());
    // Each row names its deal and where it is.
    const first = e.parts[0].rows![0];
    const i = oppIds.indexOf(first.id);
    expect(first.name).toBe(String(col(opp, 'OppName')[i]));
    expect([first.sheet, first.cell]).toEqual([opp.sheet, a1(opp.origin.row + 1 + i, opp.origin.col)]);
  });

  test('stale opportunities: open, with no activity in the last StaleDays', () => {
    const act = snapshot.tables.Activities!;
    const actOpp = col(act, 'OppId');
    const actDate = col(act, 'Date') as (number | null)[];
    const recent = new Set(
      actOpp
        .filter((o, k) => o !== null && actDate[k] !== null && actDate[k]! <= ASOF && ASOF - actDate[k]! < STALE_DAYS)
        .map((o) => keyOf(o)),
    );
    const stale = open.filter((id) => !recent.has(keyOf(id)));
    const e = explain(engine, 'STALE_RATE', snapshot);
    expect(stale.length).toBeGreaterThan(0);
    expect(idsOf(e, 'numerator')).toEqual(stale.sort());
    expect(idsOf(e, 'denominator')).toEqual([...open].sort());
  });

  test('mentor rate: open opportunities with a Mentor on their chain', () => {
    const dc = snapshot.tables.DecisionChain!;
    const withMentor = new Set(
      col(dc, 'OppId')
        .filter((_, k) => is(col(dc, 'Support')[k], 'Mentor'))
        .map((o) => keyOf(o)),
    );
    const e = explain(engine, 'MENTOR_RATE', snapshot);
    expect(idsOf(e, 'numerator')).toEqual(open.filter((id) => withMentor.has(keyOf(id))).sort());
    expect(idsOf(e, 'miss')).toEqual(open.filter((id) => !withMentor.has(keyOf(id))).sort());
  });

  test('plan actions: due by the as-of date, on time, late, overdue, and the rows left out', () => {
    const axn = snapshot.tables.Actions!;
    const due = col(axn, 'DueDate') as (number | null)[];
    const doneOn = col(axn, 'DoneDate') as (number | null)[];
    const done = col(axn, 'Done');
    const all = due.map((_, k) => k);
    const dueRows = all.filter((k) => due[k] !== null && due[k]! <= ASOF);
    const doneBy = (k: number) => doneOn[k] !== null && doneOn[k]! <= ASOF;
    const onTime = dueRows.filter((k) => doneBy(k) && doneOn[k]! <= due[k]!);
    const late = dueRows.filter((k) => doneBy(k) && doneOn[k]! > due[k]!);
    const undated = dueRows.filter((k) => doneOn[k] === null && is(done[k], 'Yes', '1', 'TRUE', '是'));
    const overdue = dueRows.filter((k) => !doneBy(k) && !undated.includes(k) && due[k]! < ASOF);
    const e = explain(engine, 'PLAN_ACTION_DONE', snapshot);
    const rowsOf = (key: string) => (e.parts.find((p) => p.key === key)!.rows ?? []).map((r) => r.row);
    expect(rowsOf('numerator')).toEqual(onTime);
    expect(rowsOf('late')).toEqual(late);
    expect(rowsOf('overdue')).toEqual(overdue);
    expect(rowsOf('denominator')).toEqual([...onTime, ...late, ...overdue].sort((a, b) => a - b));
    // The sample has every kind, so the picture a planner sees is not all green.
    expect([onTime.length, late.length, overdue.length].every((n) => n > 0)).toBe(true);
    const leftOut = (key: string) => (e.leftOut.find((l) => l.key === key)?.rows ?? []).map((r) => r.row);
    expect(leftOut('notDue')).toEqual(all.filter((k) => due[k] !== null && due[k]! > ASOF));
    expect(leftOut('doneUndated')).toEqual(undated);
  });
});

test("a scope's rows point at their own rows of the workbook", () => {
  const snapshot = generateSample({ locale: 'zh-CN', size: 200, seed: 12 });
  const acc = snapshot.tables.Accounts!;
  const owner = String(col(acc, 'Owner')[0]);
  const scoped = applyScopes(snapshot, [{ field: 'owner', value: owner }]);
  const engine = WorkbookEngine.build(scoped, { asOf: ASOF, locale: 'zh-CN' });
  try {
    const e = explain(engine, 'OVERDUE_RATE', snapshot, 'zh-CN');
    const opp = snapshot.tables.Opportunities!;
    const ids = col(opp, 'OppId').map(String);
    const rows = e.parts.find((p) => p.key === 'denominator')!.rows!;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(ids.length);
    for (const r of rows) {
      const i = ids.indexOf(r.id);
      expect(r.cell).toBe(a1(opp.origin.row + 1 + i, opp.origin.col));
    }
  } finally {
    engine.destroy();
  }
});

describe('an explanation without a drill-down counts its rows instead of listing them (issue #15)', () => {
  const snapshot = generateSample({ locale: 'en-US', size: 400, seed: 5 });
  let engine: WorkbookEngine;
  beforeAll(() => {
    engine = WorkbookEngine.build(snapshot, { asOf: ASOF, locale: 'en-US' });
  });
  afterAll(() => engine.destroy());

  test('every indicator: the same working, each count the number of rows the drill-down lists', () => {
    let explained = 0;
    for (const found of engine.indicators()) {
      const row = withCatalogWords(found.row);
      const listed = explainIndicator(engine, row, found.value, { locale: 'en-US', rows: true, workbook: snapshot });
      const counted = explainIndicator(engine, row, found.value, { locale: 'en-US' });
      expect(counted === undefined).toBe(listed === undefined);
      if (!listed || !counted) continue;
      explained++;
      // Without rows, the rest is the same; each part's count is how many rows the listed one names.
      const noRows = <T extends { rows?: unknown }>(x: T) => {
        const { rows, ...rest } = x;
        void rows;
        return rest;
      };
      expect(counted).toEqual({ ...listed, parts: listed.parts.map(noRows), leftOut: listed.leftOut.map(noRows) });
      for (const p of [...listed.parts, ...listed.leftOut]) if (p.rows) expect(p.count).toBe(p.rows.length);
    }
    expect(explained).toBeGreaterThan(20);
  });
});
