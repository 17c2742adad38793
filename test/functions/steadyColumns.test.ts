/**
 * A nested call's column result is the same object from one evaluation to the next, changed in
 * place (crm3Plugin's steadyColumnValue, issue #15). Property: over any sequence of results, what
 * a CRM3 call reads from the steady value (its held column, the typed views of that column, even
 * inside one hold of the columns) and what HyperFormula reads from it (its cells) is always the
 * latest result; and the object stays the same exactly when both results are one column of the
 * same height without an error.
 */
import fc from 'fast-check';
import { CellError, SimpleRangeValue } from 'hyperformula';
import { CalcError, Cell, Scalar } from '../../src/core/cells';
import { holdColumns, numberView } from '../../src/calc/columnViews';
import { heldColumnOf, heldRange, steadyColumnValue } from '../../src/functions/hyperformula/crm3Plugin';
import { ColumnResult } from '../../src/functions/spill';
import { describeEachColumnRangeMaker } from '../support/columnRangeMakers';

const plainCell = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom<Cell>('Open', '7', 2.5, true, false));
/** One result: a column of cells (null: a blank; an error makes it unsteady), or a two-column block. */
const result = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(2, 3, 5), fc.array(plainCell, { minLength: 5, maxLength: 5 })) },
  { weight: 1, arbitrary: fc.tuple(fc.constant(-1), fc.array(plainCell, { minLength: 5, maxLength: 5 })) },
  { weight: 1, arbitrary: fc.tuple(fc.constant(-2), fc.array(plainCell, { minLength: 5, maxLength: 5 })) },
  { weight: 1, arbitrary: fc.tuple(fc.constant(-3), fc.array(plainCell, { minLength: 5, maxLength: 5 })) },
);

const NA = new CalcError('NA', { en: 'no', zh: 'no' });

/** The value HyperFormula has for a result, the cells it shows, and what a CRM3 call reads (or undefined: a block). */
function valueOf([height, cells]: [number, Cell[]]): { value: SimpleRangeValue; cells: unknown[][]; read?: unknown[] } {
  if (height === -2) {
    const rows = [cells.slice(0, 2), cells.slice(2, 4)];
    return { value: SimpleRangeValue.onlyValues(rows as never), cells: rows };
  }
  const column: Scalar[] =
    height === -1 ? [cells[0], NA, cells[1]] : height === -3 ? [cells[0], null, cells[1]] : cells.slice(0, height);
  const plain = height > 0;
  const value = heldRange(new ColumnResult(column, plain), 'en-US');
  // Written out: a blank reads back as '' (a spilled blank), an error as HyperFormula's error.
  const shown = column.map((c) => [c === null ? '' : c instanceof CalcError ? 'error' : c]);
  return { value, cells: shown, read: shown.map((r) => r[0]) };
}

const cellsOf = (v: SimpleRangeValue) => v.data.map((r) => r.map((c) => (c instanceof CellError ? 'error' : c)));
const readOf = (v: unknown) => heldColumnOf(v)?.values.map((c) => (c instanceof CalcError ? 'error' : c));

describeEachColumnRangeMaker(() => {
  test('what is read from a steady value is always the latest result; the object stays while the shape does', () => {
    fc.assert(
      fc.property(
        fc.array(result, { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { maxLength: 12 }),
        (results, looks) => {
          holdColumns(() => {
            let previous: unknown;
            let previousSteady = false;
            results.forEach((r, k) => {
              const { value, cells, read } = valueOf(r);
              const own = read?.slice();
              const steady = steadyColumnValue(previous, value) as SimpleRangeValue;
              // HyperFormula reads its cells only sometimes (a spill): rows made earlier must follow.
              if (looks[k]) expect(cellsOf(steady)).toEqual(cells);
              const steadyShape = read !== undefined && !read.includes('error');
              if (steadyShape) {
                expect(readOf(steady)).toEqual(read);
                expect(cellsOf(steady)).toEqual(cells);
                // The typed view of the column, asked for inside the same hold as before: the latest numbers.
                const flat = heldColumnOf(steady)!.values as Cell[];
                expect(Array.from(numberView(flat).values)).toEqual(Array.from(numberView(read as Cell[]).values));
                const same = previousSteady && (heldColumnOf(previous)?.length ?? -1) === read.length;
                if (same) expect(steady).toBe(previous);
                // Its own column: the value HyperFormula gave is never changed later.
                else expect(heldColumnOf(steady)!.values).not.toBe(heldColumnOf(value)!.values);
                expect(readOf(value)).toEqual(own);
              } else expect(steady).toBe(value);
              previous = steady;
              previousSteady = steadyShape;
            });
          });
        },
      ),
    );
  });
});
