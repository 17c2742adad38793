/**
 * A per-row computed column (PROBABILITY, STAGECHECK) is re-run for the rows a what-if changed
 * and written into the store's column (engine/computedRows.ts, issue #15). Property: after any
 * sequence of edits kept one after the other (the row arguments, the columns read whole, bad
 * cells), and under other Config values, the computed columns equal a fresh build's.
 */
import fc from 'fast-check';
import { Cell } from '../../src/core/cells';
import { CellChange, ConfigChange, WorkbookEngine } from '../../src/engine/workbookEngine';
import { generateSample } from '../../src/model/sample';
import { TableName } from '../../src/model/schema';
import { withChanges } from '../support/engineResults';

const ASOF = 46352;
const sample = generateSample({ size: 60, seed: 5 });

const EDITABLE: [TableName, string][] = [
  ['Opportunities', 'Status'],
  ['Opportunities', 'Status'],
  ['Opportunities', 'Stage'],
  ['Opportunities', 'OppId'],
  ['Activities', 'OppId'],
  ['Activities', 'EventId'],
];
const columnOf = (table: TableName, column: string): Cell[] => {
  const t = sample.tables[table]!;
  const j = t.headers.indexOf(column);
  return t.rows.map((r) => r[j] ?? null);
};
const change: fc.Arbitrary<CellChange> = fc
  .tuple(
    fc.constantFrom(...EDITABLE),
    fc.nat(),
    fc.nat(),
    fc.boolean(),
    fc.constantFrom<Cell>(null, 'Won', 'Open', '进行中', 'Lost', 'Solution', '谈判', 'nowhere', 'E_BUDGET', 7),
  )
  .map(([[table, column], r, k, fromColumn, other]) => {
    const values = columnOf(table, column);
    return { table, column, row: r % values.length, value: fromColumn ? values[k % values.length] : other };
  });
const config = fc.constantFrom<ConfigChange[]>(
  [],
  [{ table: 'Stages', row: 2, column: 'Probability', value: 0.55 }],
  [{ table: 'Stages', row: 1, column: 'Order', value: 9 }],
);

const computed = (e: WorkbookEngine) => ({
  probability: e.computedColumn('Opportunities', 'Probability'),
  stageCheck: e.computedColumn('Opportunities', 'StageCheck'),
});

test('edits kept one after another, other Config values: the per-row computed columns equal a fresh build', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
      config,
      (steps, settings) => {
        const engine = WorkbookEngine.build(sample, { asOf: ASOF });
        try {
          let snapshot = sample;
          for (const changes of steps) {
            engine.apply(changes);
            snapshot = withChanges(snapshot, changes);
            const fresh = WorkbookEngine.build(snapshot, { asOf: ASOF });
            try {
              expect(computed(engine)).toEqual(computed(fresh));
              engine.withConfig(settings, (e) => expect(computed(e)).toEqual(fresh.withConfig(settings, computed)));
            } finally {
              fresh.destroy();
            }
          }
        } finally {
          engine.destroy();
        }
      },
    ),
    { numRuns: 12, seed: 20261206 },
  );
});
