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
import { inputArgument } from '../support/inputArbitraries';

const argument = inputArgument(1);

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
