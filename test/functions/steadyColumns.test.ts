/**
 * A nested call's column result is the same object from one evaluation to the next, changed in
 * place (crm3Plugin's steadyColumnValue, issue #15). Property: over any sequence of results, what
 * a CRM3 call reads from the steady value (its rows, its flat column, the typed views of that
 * column, even inside one hold of the columns) is always the latest result; and the object stays
 * the same exactly when both results are one plain column of the same height.
 */
import fc from 'fast-check';
import { CellError, SimpleRangeValue } from 'hyperformula';
import { Cell, Grid } from '../../src/core/cells';
import { holdColumns, numberView } from '../../src/calc/columnViews';
import { flatten } from '../../src/functions/args';
import { steadyColumnValue } from '../../src/functions/hyperformula/crm3Plugin';

const plainCell = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom<Cell>('', 'Open', '7', 2.5, true, false));
/** One result: a column of cells (a CellError makes it not plain), or a two-column block. */
const result = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(1, 3, 5), fc.array(plainCell, { minLength: 5, maxLength: 5 })) },
  { weight: 1, arbitrary: fc.tuple(fc.constant(-1), fc.array(plainCell, { minLength: 5, maxLength: 5 })) },
  { weight: 1, arbitrary: fc.tuple(fc.constant(-2), fc.array(plainCell, { minLength: 5, maxLength: 5 })) },
);

function valueOf([height, cells]: [number, Cell[]]): { value: SimpleRangeValue; cells: unknown[][] } {
  if (height === -2) {
    const rows = [cells.slice(0, 2), cells.slice(2, 4)];
    return { value: SimpleRangeValue.onlyValues(rows as never), cells: rows };
  }
  const rows: unknown[][] =
    height === -1 ? [[cells[0]], [new CellError('NA' as never)], [cells[1]]] : cells.slice(0, height).map((c) => [c]);
  return { value: SimpleRangeValue.onlyValues(rows.map((r) => r.slice()) as never), cells: rows };
}

const plainColumn = (rows: unknown[][]) =>
  rows.every((r) => r.length === 1 && ['number', 'string', 'boolean'].includes(typeof r[0]));

test('what is read from a steady value is always the latest result; the object stays while the shape does', () => {
  fc.assert(
    fc.property(fc.array(result, { minLength: 1, maxLength: 12 }), (results) => {
      holdColumns(() => {
        let previous: unknown;
        for (const r of results) {
          const { value, cells } = valueOf(r);
          const steady = steadyColumnValue(previous, value) as SimpleRangeValue;
          expect(steady.data).toEqual(cells);
          if (plainColumn(cells)) {
            const flat = flatten(steady.data as Grid, 'values');
            expect(flat).toEqual(cells.map((c) => c[0]));
            // The typed view of the column, asked for inside the same hold as before: the latest numbers.
            const fresh = cells.map((c) => c[0] as Cell);
            expect(Array.from(numberView(flat).values)).toEqual(Array.from(numberView(fresh).values));
            const before = previous instanceof SimpleRangeValue ? previous.data : undefined;
            const same = before !== undefined && plainColumn(before) && before.length === cells.length;
            if (same) expect(steady).toBe(previous);
            // Its own rows: the value HyperFormula gave is never changed later.
            else expect(steady.data).not.toBe(value.data);
          } else expect(steady).toBe(value);
          previous = steady;
        }
      });
    }),
  );
});
