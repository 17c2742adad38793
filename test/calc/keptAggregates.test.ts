/**
 * MEAN, SUMWHERE and SHARE keep their per-row state with their columns when told which filters
 * their mask was made from, and after rows were changed in place (as the engine's what-if changes
 * them) patch it by those rows (issue #15). Property: after random in-place edits to the values
 * and the filter columns (text that makes a row an error included), every call gives exactly what
 * the same call gives on fresh copies of the columns (new arrays are never kept ones).
 */
import fc from 'fast-check';
import { CalcError, Cell, Column } from '../../src/core/cells';
import { keptFilters, meanWhere, shareWhere, sumWhere } from '../../src/calc/aggregate';
import { FilterPair, includeRows } from '../../src/calc/criteria';
import { holdColumns } from '../../src/calc/columnViews';

const valueCell = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: 0, max: 100_000 }).map((k) => k / 100),
  fc.integer({ min: 0, max: 13 }).map((k) => k / 13),
  fc.constantFrom<Cell>(null, '', '12', 'n/a'),
);
const statusCell = fc.constantFrom<Cell>('Open', 'Won', 'Lost', '进行中', null, 'open');
const gradeCell = fc.constantFrom<Cell>('A', 'B', 'C', null, 'a');

type Columns = { values: Cell[]; status: Cell[]; grade: Cell[] };
const COLUMNS = ['values', 'status', 'grade'] as const;
const CELLS = { values: valueCell, status: statusCell, grade: gradeCell };

const pairsOf = (c: Columns, which: number): FilterPair[] => {
  const pair = (column: Column, criterion: Cell, k: number): FilterPair => ({
    column,
    criterion,
    columnName: `filter${k}`,
    criterionName: `criterion${k}`,
  });
  if (which === 0) return [];
  if (which === 1) return [pair(c.status, 'Open', 1)];
  return [pair(c.status, 'Open,Won', 1), pair(c.grade, 'A', 2)];
};

/** Every aggregate the engine's functions call, as they call it (the mask made from the pairs). */
function all(c: Columns, keep: boolean): unknown[] {
  const out: unknown[] = [];
  for (const which of [0, 1, 2]) {
    const pairs = pairsOf(c, which);
    const include = includeRows(c.values.length, pairs, 'values');
    if (include instanceof CalcError) throw new Error(include.message.en);
    const filters = keep ? keptFilters(pairs) : undefined;
    const shown = (v: unknown) => (v instanceof CalcError ? `error: ${v.message.en}` : v);
    out.push(shown(meanWhere(c.values, include, undefined, filters)));
    out.push(shown(sumWhere(c.values, include, undefined, filters)));
    out.push(shown(shareWhere(c.grade, 'A,B', include, 'criterion', undefined, filters)));
    out.push(shown(shareWhere(c.values, '>=5', include, 'criterion', undefined, filters)));
  }
  return out;
}

const edit = fc.oneof(
  ...COLUMNS.map((column) =>
    fc.record({ column: fc.constant(column), row: fc.nat(), value: CELLS[column] as fc.Arbitrary<Cell> }),
  ),
);

test('kept means, sums and shares patched after in-place edits equal the same calls on fresh copies', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }),
      fc.record({
        values: fc.array(
          valueCell.filter((c) => c !== 'n/a'),
          { minLength: 40, maxLength: 40 },
        ),
        status: fc.array(statusCell, { minLength: 40, maxLength: 40 }),
        grade: fc.array(gradeCell, { minLength: 40, maxLength: 40 }),
      }),
      fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { maxLength: 10 }),
      fc.boolean(),
      (n, raw, batches, held) => {
        const cols: Columns = { values: raw.values.slice(0, n), status: raw.status.slice(0, n), grade: raw.grade.slice(0, n) };
        const check = () => {
          const got = held ? holdColumns(() => all(cols, true)) : all(cols, true);
          const fresh = { values: cols.values.slice(), status: cols.status.slice(), grade: cols.grade.slice() };
          expect(got).toEqual(all(fresh, false));
        };
        check();
        for (const batch of batches) {
          for (const e of batch) cols[e.column][e.row % n] = e.value;
          check();
        }
      },
    ),
    { numRuns: 1000 },
  );
});

test('a filter criterion with no key (a list of more than 32) keeps nothing and still counts right', () => {
  const long = Array.from({ length: 40 }, (_, k): Cell => `S${k}`);
  const pairs: FilterPair[] = [
    { column: ['S1', 'S2', 'x'], criterion: long, columnName: 'filter1', criterionName: 'criterion1' },
  ];
  expect(keptFilters(pairs)).toBeUndefined();
});
