/**
 * A held column (functions/args.ts HeldColumn: a column handed to a function without a row
 * array per value) reads exactly as the one-column grid of its values: every catalog function
 * gives the same result and the same working either way, also when the column holds errors
 * (then it is read as its grid, by each argument's error rule), blanks or one row.
 */
import fc from 'fast-check';
import { CalcError } from '../../src/core/cells';
import { Grid } from '../../src/core/cells';
import { catalog } from '../../src/functions/catalog';
import { HeldColumn, flatten } from '../../src/functions/args';
import { InputArg, InputCell, gridDimensions, invoke, invokeWorking, markErrorFree } from '../../src/functions/invoke';

const cell: fc.Arbitrary<InputCell> = fc.oneof(
  fc.constantFrom<InputCell>(null, '', 0, 1, 2.5, -3, 46352, 46400, true, false),
  fc.constantFrom<InputCell>('Open', 'Won', 'Lost', '赢单', 'A', 'B', 'Yes', 'Mentor', 'Discover', 'a1', 'a2', '>=2', '*'),
  fc.integer({ min: -5, max: 10 }),
  fc.constantFrom<InputCell>(new CalcError('DIV0', { en: 'e', zh: 'e' }), new CalcError('NA', { en: 'n', zh: 'n' })),
);

/** An argument as a host gives it: omitted, one value, or one column of 1–8 rows (sometimes with no error at all). */
const argument: fc.Arbitrary<InputArg> = fc.oneof(
  fc.constant(undefined),
  cell,
  fc.array(cell, { minLength: 1, maxLength: 8 }).map((c) => c.map((v) => [v])),
  fc
    .array(cell, { minLength: 1, maxLength: 8 })
    .map((c) => c.map((v) => [v instanceof CalcError ? null : v]))
    .map((g) => (markErrorFree(g), g)),
);

/** The same arguments with every one-column grid held (error-free ones marked as the store marks them). */
function held(args: readonly InputArg[], errorFree: ReadonlySet<unknown>): InputArg[] {
  return args.map((a) => {
    if (!Array.isArray(a)) return a;
    const column = new HeldColumn((a as InputCell[][]).map((r) => r[0]));
    if (errorFree.has(a)) markErrorFree(column);
    return column;
  });
}

describe.each(catalog.map((d) => [d.id, d] as const))('%s reads a held column as its grid', (_id, decl) => {
  test('same result and working', () => {
    fc.assert(
      fc.property(fc.array(argument, { minLength: 0, maxLength: decl.params.length }), (args) => {
        const errorFree = new Set(args.filter((a) => Array.isArray(a) && !a.some((r) => r[0] instanceof CalcError)));
        const asHeld = held(args, errorFree);
        expect(invoke(decl, asHeld)).toEqual(invoke(decl, args));
        expect(asHeld.map(gridDimensions)).toEqual(args.map(gridDimensions));
        if (decl.explain) expect(invokeWorking(decl, asHeld)).toEqual(invokeWorking(decl, args));
      }),
      { numRuns: 40 },
    );
  });
});

describe('HeldColumn', () => {
  test('its rows are the one-column grid of its values, read back as the values themselves', () => {
    const values: InputCell[] = ['Open', 'Won', 'Open', null, 3, 3];
    const column = new HeldColumn(values);
    const rows = column.rows();
    expect(rows).toEqual([['Open'], ['Won'], ['Open'], [null], [3], [3]]);
    expect(column.rows()).toBe(rows);
    expect(flatten(rows as Grid, 'x')).toBe(values);
  });

  test('rows made before the values changed in place follow the change', () => {
    const values: InputCell[] = ['Open', 'Won', 'Open', 'Lost'];
    const column = new HeldColumn(values);
    const rows = column.rows();
    values[2] = 'Won';
    values[3] = 7;
    column.changed([2, 3]);
    expect(column.rows()).toBe(rows);
    expect(rows).toEqual([['Open'], ['Won'], ['Won'], [7]]);
    // A row shared with another value is replaced, never changed in place.
    expect(rows[0]).toEqual(['Open']);
    values[0] = 'Lost';
    column.changed();
    expect(column.rows()).not.toBe(rows);
    expect(column.rows()).toEqual([['Lost'], ['Won'], ['Won'], [7]]);
  });
});
