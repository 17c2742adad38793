/**
 * A kernel's column result (spill) shares one row per distinct value, and a column of plain
 * values is known as the result's flat column: a CRM3 call reading the result gets the kernel's
 * own array (issue #15). Anything a host would change on the way (blank, error, −0, NaN) is
 * flattened from the rows as before.
 */
import fc from 'fast-check';
import { CalcError, Grid, Scalar } from '../../src/core/cells';
import { flatten } from '../../src/functions/args';
import { spill } from '../../src/functions/spill';

const plain = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
  fc.string(),
  fc.boolean(),
);
const other = fc.constantFrom<Scalar>(null, Number.NaN, -0, Infinity, new CalcError('NA', { en: 'x', zh: 'x' }));

test('a plain column is its own flat column; rows are shared per distinct value', () => {
  fc.assert(
    fc.property(fc.array(plain, { minLength: 1, maxLength: 60 }), (values) => {
      const rows = spill(values);
      expect(rows.map((r) => r[0])).toEqual(values);
      expect(flatten(rows as Grid, 'values')).toBe(values);
      const distinct = new Set(rows);
      expect(distinct.size).toBe(new Set(values).size);
    }),
  );
});

test('a column with a blank, an error, −0 or NaN is flattened from its rows', () => {
  fc.assert(
    fc.property(fc.array(plain, { maxLength: 30 }), other, fc.nat(), (values, odd, at) => {
      const column: Scalar[] = [...values];
      column.splice(at % (values.length + 1), 0, odd);
      const rows = spill(column);
      const flat = flatten(rows as Grid, 'values');
      expect(flat).not.toBe(column);
      expect(flat.map((c) => (Object.is(c, -0) ? 'minus zero' : c))).toEqual(
        column.map((c) => (Object.is(c, -0) ? 'minus zero' : c)),
      );
    }),
  );
});

test('an empty column still fills one blank cell', () => {
  expect(spill([])).toEqual([[null]]);
});
