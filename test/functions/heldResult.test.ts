/**
 * A column result held as its column (spill's ColumnResult, issue #15) is the same result as its
 * rows for every catalog function: `invoke` (what Excel and the engine's `call` get) gives the
 * one-column grid of `invokeHeld`'s column, and what HyperFormula gets from the adapter (its cells
 * when spilled, the column a nested CRM3 call reads) is each cell as HyperFormula shows it: blank
 * as '', an error as HyperFormula's error of the same kind.
 */
import fc from 'fast-check';
import { CellError } from 'hyperformula';
import { CalcError } from '../../src/core/cells';
import { catalog } from '../../src/functions/catalog';
import { heldColumnOf, heldRange } from '../../src/functions/hyperformula/crm3Plugin';
import { InputArg, invoke, invokeHeld } from '../../src/functions/invoke';
import { ColumnResult } from '../../src/functions/spill';
import { describeEachColumnRangeMaker } from '../support/columnRangeMakers';
import { parityCases, toInputArgs } from '../support/parity';
import { inputArgument } from '../support/inputArbitraries';

/** The parity cases (test/functions/cases): arguments each function accepts. */
const cases = parityCases();

const argument = inputArgument(2);

/** HyperFormula's error type for each code, written out (crm3Plugin's HF_ERROR). */
const HF_TYPE: Record<string, string> = {
  VALUE: 'VALUE',
  NA: 'NA',
  DIV0: 'DIV_BY_ZERO',
  NUM: 'NUM',
  REF: 'REF',
  NAME: 'NAME',
  NULL: 'ERROR',
};
const asHf = (v: unknown) => (v === null ? '' : v instanceof CalcError ? `#${HF_TYPE[v.code]}` : v);
const shownByHf = (v: unknown) => (v instanceof CellError ? `#${v.type}` : v);
const readBack = (v: unknown) => (v instanceof CalcError ? `#${HF_TYPE[v.code]}` : v);

/** Columns for the functions whose parity cases give one value each. */
const COLUMNS_OF: Record<string, InputArg[][]> = {
  WILSON: [
    [
      [[4], [0], [null]],
      [[7], [0], [3]],
    ],
  ],
  RAG: [[[[0.42], [0.6], [null], ['x']], 'HigherIsBetter', 0.5, 0.3]],
};

const columnFunctions = catalog.filter((d) => d.result.shape.kind === 'column' || d.result.shape.kind === 'rows');

describeEachColumnRangeMaker(() => {
  test.each(columnFunctions.map((d) => [d.id, d] as const))(
    '%s: the held column is its rows, to hosts and to HyperFormula',
    (_id, decl) => {
      let held = 0;
      /** Says whether the result was held (a column of two rows or more). */
      const check = (args: InputArg[]): boolean => {
        const rows = invoke(decl, args);
        const r = invokeHeld(decl, args);
        if (!(r instanceof ColumnResult)) {
          expect(r).toEqual(rows);
          return false;
        }
        expect(Array.isArray(rows)).toBe(true);
        expect((rows as unknown[][]).every((row) => row.length === 1)).toBe(true);
        expect(r.values).toEqual((rows as unknown[][]).map((row) => row[0]));
        const range = heldRange(r, 'en-US');
        expect([range.width(), range.height()]).toEqual([1, r.values.length]);
        const expected = r.values.map(asHf);
        expect(range.data.map((row) => shownByHf(row[0]))).toEqual(expected);
        expect(heldColumnOf(range)!.values.map(readBack)).toEqual(expected);
        return true;
      };
      for (const c of cases) if (c.fn === decl.id && check(toInputArgs(c.args))) held++;
      for (const args of COLUMNS_OF[decl.id] ?? []) if (check(args)) held++;
      fc.assert(
        fc.property(fc.array(argument, { minLength: 1, maxLength: decl.params.length }), (args) => {
          check(args);
        }),
        { numRuns: 60 },
      );
      // Every column function gives a column for some arguments (else this test says nothing of it).
      expect(held).toBeGreaterThan(0);
    },
  );
});
