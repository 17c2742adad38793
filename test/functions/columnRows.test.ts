import fc from 'fast-check';
import { CalcError } from '../../src/core/cells';
import { columnRows } from '../../src/functions/columnRows';
import { ColumnResult, spill } from '../../src/functions/spill';

describe('columnRows: a column as one-cell rows, one shared row per distinct value', () => {
  it('holds every value in its row, in order, and shares the row of equal values', () => {
    const cell = fc.oneof(
      fc.constantFrom('Won', 'Lost', 'Open', '', null, 0, -0, NaN, true),
      fc.integer({ min: -3, max: 3 }),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 200 }), (values) => {
        const rows = columnRows(values);
        expect(rows.length).toBe(values.length);
        rows.forEach((row, i) => {
          expect(row.length).toBe(1);
          expect(Object.is(row[0], values[i])).toBe(true);
        });
        // Equal values (not -0) share one row; different values never do.
        for (let i = 0; i < values.length; i++)
          for (let k = i + 1; k < values.length; k++) {
            const same = Object.is(values[i], values[k]) && !Object.is(values[i], -0);
            expect(rows[i] === rows[k]).toBe(same);
          }
      }),
    );
  });

  it('converts each value first, and gives every error object a row of its own', () => {
    const e1 = new CalcError('NA', { en: 'a', zh: 'a' });
    const e2 = new CalcError('NA', { en: 'a', zh: 'a' });
    const rows = columnRows([null, 'x', null, e1, e2], (v) => (v === null ? '' : v));
    expect(rows.map((r) => r[0])).toEqual(['', 'x', '', e1, e2]);
    expect(rows[0]).toBe(rows[2]);
    expect(rows[3]).not.toBe(rows[4]);
    expect(rows[3][0]).toBe(e1);
  });

  it('spill keeps its one blank cell for an empty list', () => {
    expect(spill([])).toEqual([[null]]);
    expect((spill(['A', 'B', 'A']) as ColumnResult).rows()).toEqual([['A'], ['B'], ['A']]);
  });
});
