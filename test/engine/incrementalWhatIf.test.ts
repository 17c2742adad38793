/**
 * Incremental what-if (apply marks only the changed columns' feeders dirty; HyperFormula then
 * recomputes their dependants) must give exactly what a fresh build gives on the changed
 * snapshot — a property over random single and multiple cell changes, values drawn from the
 * workbook's own columns (valid enumerations, dates, amounts) and from arbitrary cells.
 */
import fc from 'fast-check';
import { Cell } from '../../src/core/cells';
import { CellChange, WorkbookEngine } from '../../src/engine/workbookEngine';
import { generateSample } from '../../src/model/sample';
import { TableName } from '../../src/model/schema';
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { withChanges } from '../support/engineResults';

const ASOF = 46352;
const sample = generateSample({ size: 40, seed: 11 });

/** Columns a planner edits (all of them feed some indicator or computed column). */
const EDITABLE: [TableName, string][] = [
  ['Opportunities', 'Status'],
  ['Opportunities', 'Amount'],
  ['Opportunities', 'CloseDate'],
  ['Opportunities', 'Stage'],
  ['Opportunities', 'Competitor'],
  ['Opportunities', 'Q_Funds'],
  ['Accounts', 'C_Potential'],
  ['Accounts', 'Revenue12m'],
  ['DecisionChain', 'Support'],
  ['DecisionChain', 'BuyingRole'],
  ['Activities', 'Date'],
  ['Activities', 'EventId'],
];

const columnOf = (s: WorkbookSnapshot, table: TableName, column: string): Cell[] => {
  const t = s.tables[table]!;
  const j = t.headers.indexOf(column);
  return t.rows.map((r) => r[j] ?? null);
};

const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -5, max: 50_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.constantFrom('Won', 'Lost', 'Open', 'NoDecision', '赢单', 'Mentor', 'Enemy', 'Yes', 'No', '', 'not a value', '=1+1'),
  fc.boolean(),
);

const change: fc.Arbitrary<CellChange> = fc
  .tuple(fc.constantFrom(...EDITABLE), fc.nat(), fc.nat(), fc.boolean(), anyCell)
  .map(([[table, column], r, k, fromColumn, other]) => {
    const values = columnOf(sample, table, column);
    return { table, column, row: r % values.length, value: fromColumn ? values[k % values.length] : other };
  });

function results(engine: WorkbookEngine) {
  return {
    indicators: engine.indicators(),
    accounts: ['Score', 'Attractiveness', 'Position', 'Tier', 'Strategy'].map((c) => engine.computedColumn('Accounts', c)),
    opportunities: ['QualScore', 'Grade', 'Probability', 'StageCheck'].map((c) => engine.computedColumn('Opportunities', c)),
  };
}

let engine: WorkbookEngine;
let base: ReturnType<typeof results>;
beforeAll(() => {
  engine = WorkbookEngine.build(sample, { asOf: ASOF });
  base = results(engine);
});
afterAll(() => engine.destroy());

test('apply() then indicators() equals a fresh build of the changed snapshot; undoing restores the base', () => {
  fc.assert(
    fc.property(fc.array(change, { minLength: 1, maxLength: 3 }), (changes) => {
      const previous = changes.map((c) => ({ ...c, value: engine.inputColumn(c.table, c.column)[c.row] as Cell }));
      engine.apply(changes);
      const fresh = WorkbookEngine.build(withChanges(sample, changes), { asOf: ASOF });
      try {
        expect(results(engine)).toEqual(results(fresh));
      } finally {
        fresh.destroy();
        engine.apply(previous.reverse());
      }
      expect(results(engine)).toEqual(base);
    }),
    { numRuns: 25, seed: 20261126 },
  );
});

test('a change to a column no formula reads (AccountName) changes nothing and costs no recalculation', () => {
  const before = results(engine);
  engine.apply([{ table: 'Accounts', row: 0, column: 'AccountName', value: 'Renamed Ltd' }]);
  expect(engine.inputColumn('Accounts', 'AccountName')[0]).toBe('Renamed Ltd');
  expect(results(engine)).toEqual(before);
  engine.apply([{ table: 'Accounts', row: 0, column: 'AccountName', value: columnOf(sample, 'Accounts', 'AccountName')[0] }]);
});
