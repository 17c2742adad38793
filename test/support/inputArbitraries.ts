/**
 * Arguments as a host hands them to a catalog function (`invoke`'s InputArg), for the property
 * tests that hold two ways of calling a function to the same result (heldColumn, heldResult).
 */
import fc from 'fast-check';
import { CalcError } from '../../src/core/cells';
import { InputArg, InputCell, markErrorFree } from '../../src/functions/invoke';

/** One cell: blank, numbers, dates, booleans, statuses and criteria in both languages, errors. */
export const inputCell: fc.Arbitrary<InputCell> = fc.oneof(
  fc.constantFrom<InputCell>(null, '', 0, 1, 2.5, -3, 46352, 46400, true, false),
  fc.constantFrom<InputCell>('Open', 'Won', 'Lost', '赢单', 'A', 'B', 'Yes', 'Mentor', 'Discover', 'a1', 'a2', '>=2', '*'),
  fc.integer({ min: -5, max: 10 }),
  fc.constantFrom<InputCell>(new CalcError('DIV0', { en: 'e', zh: 'e' }), new CalcError('NA', { en: 'n', zh: 'n' })),
);

/**
 * An argument: omitted, one value, or one column of 1–8 rows, sometimes marked free of errors
 * (such a column has at least `errorFreeRows` rows).
 */
export function inputArgument(errorFreeRows = 1): fc.Arbitrary<InputArg> {
  return fc.oneof(
    fc.constant(undefined),
    inputCell,
    fc.array(inputCell, { minLength: 1, maxLength: 8 }).map((c) => c.map((v) => [v])),
    fc
      .array(inputCell, { minLength: errorFreeRows, maxLength: 8 })
      .map((c) => c.map((v) => [v instanceof CalcError ? null : v]))
      .map((g) => (markErrorFree(g), g)),
  );
}
