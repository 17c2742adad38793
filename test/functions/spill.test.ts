/**
 * A kernel's column result (spill) is held as the kernel's array, without a row per value
 * (issue #15); `invoke` gives hosts that want cells (Excel, the engine's `call`) its grid, and
 * `invokeHeld` the cleaned column with whether it is plain.
 */
import fc from 'fast-check';
import { CalcError, Scalar } from '../../src/core/cells';
import { ColumnResult, spill } from '../../src/functions/spill';
import { declare } from '../../src/functions/declaration';
import { invoke, invokeHeld } from '../../src/functions/invoke';

const plainValue = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
  fc.string(),
  fc.boolean(),
);
const NA = new CalcError('NA', { en: 'x', zh: 'x' });
const other = fc.constantFrom<Scalar>(null, Number.NaN, -0, Infinity, NA);

/** A declaration that returns the given column as its kernel's result. */
const returning = (values: Scalar[]) =>
  declare({
    id: 'T',
    family: 'aggregate',
    description: { en: '', zh: '' },
    example: '',
    exampleResult: { en: '', zh: '' },
    params: [],
    result: { shape: { kind: 'scalar' }, type: 'any' },
    errors: [],
    evaluate: () => spill(values),
  });

/** What a host shows for a value the kernel gave (invoke's cleaning), written out here. */
const shown = (v: Scalar): Scalar =>
  typeof v === 'number' && !Number.isFinite(v) ? 'error' : Object.is(v, -0) ? 0 : v instanceof CalcError ? 'error' : v;

test('a column is held as the kernel made it, without rows', () => {
  const values: Scalar[] = ['Open', 1, true];
  const r = spill(values);
  expect(r).toBeInstanceOf(ColumnResult);
  expect((r as ColumnResult).values).toBe(values);
  expect((r as ColumnResult).rows()).toEqual([['Open'], [1], [true]]);
});

test('invoke gives its rows, invokeHeld the cleaned column and whether it is plain', () => {
  fc.assert(
    fc.property(fc.array(plainValue, { minLength: 2, maxLength: 40 }), fc.option(other), fc.nat(), (values, odd, at) => {
      const column: Scalar[] = [...values];
      if (odd !== null) column.splice(at % (values.length + 1), 0, odd);
      const decl = returning(column);
      const rows = invoke(decl, []) as Scalar[][];
      expect(rows.map((r) => shown(r[0]))).toEqual(column.map(shown));
      expect(rows.every((r) => r.length === 1)).toBe(true);
      const held = invokeHeld(decl, []) as ColumnResult;
      expect(held).toBeInstanceOf(ColumnResult);
      expect(held.values).toEqual(rows.map((r) => r[0]));
      // Plain: only finite numbers (−0 is shown as 0), texts and booleans.
      expect(held.plain).toBe(odd === null || Object.is(odd, -0));
      // Nothing to clean: the kernel's own array.
      if (odd === null) expect(held.values).toBe(column);
    }),
  );
});

test('one value is a value; an empty column still fills one blank cell', () => {
  expect(invokeHeld(returning(['Won']), [])).toBe('Won');
  expect(invokeHeld(returning([-0]), [])).toBe(0);
  expect(spill([])).toEqual([[null]]);
  expect(invoke(returning([]), [])).toBe(null);
});
