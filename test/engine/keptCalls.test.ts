/**
 * Nested CRM3 calls whose names did not change are reused, not evaluated again
 * (engine/keptCalls.ts, issue #15). Whether a call ran is seen in the explanations' record: a
 * reused call's record is the very object of its last evaluation. What the engine answers must
 * not depend on it: after random edits and under other settings the indicators equal a fresh
 * build of the edited workbook (which has nothing to reuse), every kept nested value equals
 * evaluating its text again, and explanations with the record equal those without.
 */
import fc from 'fast-check';
import { SimpleRangeValue } from 'hyperformula';
import { Cell } from '../../src/core/cells';
import { formulaWorking } from '../../src/engine/indicatorWorking';
import { CellChange, ConfigChange, WorkbookEngine } from '../../src/engine/workbookEngine';
import { TableName } from '../../src/model/schema';
import { caseSnapshot, withChanges } from '../support/engineResults';
import { hfOf, keptAgainstCalculated } from '../support/nestedRecords';

const ASOF = 46352;
const snapshot = caseSnapshot({ name: 'messy', size: 150, seed: 9, locale: 'en-US', messy: true });

const indicator = (engine: WorkbookEngine, id: string) => engine.indicators().find((i) => i.row.id === id)!.row;
/** The record of argument `i` of an indicator's outer call (a nested call's record and kept value). */
const slot = (engine: WorkbookEngine, id: string, i: number) => engine.indicatorCalls(indicator(engine, id))?.args[i];

describe('nested calls reused when nothing they read changed', () => {
  let engine: WorkbookEngine;
  beforeAll(() => {
    engine = WorkbookEngine.build(snapshot, { asOf: ASOF });
  });
  afterAll(() => engine.destroy());

  test('a Status edit reuses the nested calls that do not read Status, and evaluates again those that do', () => {
    const mentor = slot(engine, 'MENTOR_RATE', 0); // COUNTBY(Dc_OppId,Opp_OppId,Dc_Support,"Mentor")
    const lateStage = engine.indicatorCalls(indicator(engine, 'LATE_STAGE_SHARE'))?.args[0]?.call?.args[3]; // LOOKUPBY(Opp_Stage,Stages_…)
    const coverageFilter = slot(engine, 'COVERAGE_DEPTH', 1); // LOOKUPBY(Dc_OppId,Opp_OppId,Opp_Status)
    const keyInfo = slot(engine, 'KEY_INFO_COMPLETE', 0); // KEYINFO(…,Opp_Answers): the answers block as the store's block
    // ENUMSCORE(Dc_Coverage,"Coverage") under a MEAN none of whose arguments is a name (HyperFormula evaluates them).
    const coverageScores = slot(engine, 'COVERAGE_DEPTH', 0);
    expect(mentor?.kept && lateStage?.kept && coverageFilter?.kept && coverageScores?.kept).toBeTruthy();
    const i = engine.inputColumn('Opportunities', 'Status').findIndex((s) => s === 'Open');
    engine.apply([{ table: 'Opportunities', row: i, column: 'Status', value: 'Lost' }]);
    expect(slot(engine, 'MENTOR_RATE', 0)).toBe(mentor);
    expect(engine.indicatorCalls(indicator(engine, 'LATE_STAGE_SHARE'))?.args[0]?.call?.args[3]).toBe(lateStage);
    expect(slot(engine, 'COVERAGE_DEPTH', 1)).not.toBe(coverageFilter);
    // Evaluated again, its column is the same object changed in place (crm3Plugin's steadyColumnValue).
    expect(slot(engine, 'COVERAGE_DEPTH', 1)?.kept?.value).toBe(coverageFilter?.kept?.value);
    expect(slot(engine, 'KEY_INFO_COMPLETE', 0)).toBe(keyInfo);
    expect(slot(engine, 'COVERAGE_DEPTH', 0)).toBe(coverageScores);
    engine.apply([{ table: 'Opportunities', row: i, column: 'Status', value: 'Open' }]);
    // A coverage edit reaches the ENUMSCORE.
    const k = engine.inputColumn('DecisionChain', 'Coverage').findIndex((c) => c !== null);
    const coverage = engine.inputColumn('DecisionChain', 'Coverage')[k] as Cell;
    engine.apply([{ table: 'DecisionChain', row: k, column: 'Coverage', value: null }]);
    expect(slot(engine, 'COVERAGE_DEPTH', 0)).not.toBe(coverageScores);
    engine.apply([{ table: 'DecisionChain', row: k, column: 'Coverage', value: coverage }]);
    // A decision-chain edit reaches the COUNTBY; a Config change (a setting, a stage's order) reaches what reads it.
    const j = engine.inputColumn('DecisionChain', 'Support').findIndex((s) => s !== 'Mentor');
    const support = engine.inputColumn('DecisionChain', 'Support')[j] as Cell;
    engine.apply([{ table: 'DecisionChain', row: j, column: 'Support', value: 'Mentor' }]);
    expect(slot(engine, 'MENTOR_RATE', 0)).not.toBe(mentor);
    engine.apply([{ table: 'DecisionChain', row: j, column: 'Support', value: support }]);
    const stale = slot(engine, 'STALE_RATE', 0);
    engine.withConfig([{ setting: 'StaleDays', value: 3 }], (e) => expect(slot(e, 'STALE_RATE', 0)).not.toBe(stale));
    const stages = engine.configTable('Stages');
    const order = stages.headers.indexOf('Order');
    const before = engine.indicatorCalls(indicator(engine, 'LATE_STAGE_SHARE'))?.args[0]?.call?.args[3];
    engine.withConfig([{ table: 'Stages', row: 0, column: 'Order', value: Number(stages.rows[0][order]) + 7 }], (e) => {
      const now = e.indicatorCalls(indicator(e, 'LATE_STAGE_SHARE'))?.args[0]?.call?.args[3];
      expect(now).not.toBe(before);
      // Its cells (a column result's rows are made when read).
      const cells = (slot: typeof now) => JSON.stringify((slot?.kept?.value as SimpleRangeValue | undefined)?.data);
      expect(cells(now)).not.toBe(cells(before));
    });
  });
});

describe('what the engine answers does not depend on reuse', () => {
  const EDITABLE: [TableName, string][] = [
    ['Opportunities', 'Status'],
    ['Opportunities', 'Stage'],
    ['Opportunities', 'OppId'],
    ['Opportunities', 'AccountId'],
    ['Accounts', 'C_Potential'],
    ['DecisionChain', 'Support'],
    ['DecisionChain', 'OppId'],
    ['DecisionChain', 'Coverage'],
    ['Activities', 'Date'],
    ['Activities', 'OppId'],
    ['Contacts', 'RelationshipLevel'],
  ];
  const columnOf = (table: TableName, column: string): Cell[] => {
    const t = snapshot.tables[table]!;
    const j = t.headers.indexOf(column);
    return t.rows.map((r) => r[j] ?? null);
  };
  const change: fc.Arbitrary<CellChange> = fc
    .tuple(fc.constantFrom(...EDITABLE), fc.nat(), fc.nat(), fc.boolean(), fc.constantFrom<Cell>(null, 'Won', 'Mentor', 5, 'x'))
    .map(([[table, column], r, k, fromColumn, other]) => {
      const values = columnOf(table, column);
      return { table, column, row: r % values.length, value: fromColumn ? values[k % values.length] : other };
    });
  const config: fc.Arbitrary<ConfigChange[]> = fc.constantFrom<ConfigChange[]>(
    [],
    [{ setting: 'StaleDays', value: 4 }],
    [{ setting: 'ActivityWindowDays', value: 9 }],
    [{ table: 'Stages', row: 1, column: 'Order', value: 9 }],
    [{ table: 'Tiers', row: 0, column: 'VisitIntervalDays', value: 2 }],
  );
  const shown = (e: WorkbookEngine) => e.indicators().map((i) => ({ id: i.row.id, value: i.value, status: i.status }));

  let engine: WorkbookEngine;
  let base: ReturnType<typeof shown>;
  beforeAll(() => {
    engine = WorkbookEngine.build(snapshot, { asOf: ASOF });
    base = shown(engine);
  });
  afterAll(() => engine.destroy());

  test('random edits, other settings: a fresh build gives the same; kept values are what calculating gives', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 3 }), config, (changes, settings) => {
        const previous = changes.map((c) => ({ ...c, value: engine.inputColumn(c.table, c.column)[c.row] as Cell }));
        engine.apply(changes);
        const fresh = WorkbookEngine.build(withChanges(snapshot, changes), { asOf: ASOF });
        try {
          engine.withConfig(settings, (e) => {
            expect(shown(e)).toEqual(fresh.withConfig(settings, shown));
            for (const [kept, calculated] of keptAgainstCalculated(e, hfOf(e)).pairs) expect(kept).toEqual(calculated);
          });
          for (const { row } of engine.indicators().filter((_, k) => k % 5 === 0))
            expect(formulaWorking(engine, row.formula, engine.indicatorCalls(row))).toEqual(formulaWorking(engine, row.formula));
        } finally {
          fresh.destroy();
          engine.apply([...previous].reverse());
        }
        expect(shown(engine)).toEqual(base);
      }),
      { numRuns: 20, seed: 20261206 },
    );
  });
});
