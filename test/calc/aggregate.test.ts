/**
 * Aggregate kernels: hand-computed examples (incl. 0-row ranges, which hosts cannot pass) and
 * fast-check invariants (order of rows does not matter, shares stay in [0, 1]).
 */
import fc from 'fast-check';
import { CalcError, Cell } from '../../src/core/cells';
import { countWhere, meanWhere, ratio, shareWhere, sumWhere } from '../../src/calc/aggregate';
import { rowMask } from '../../src/calc/criteria';

const RUNS = { numRuns: 200 };

describe('hand-computed', () => {
  const amount = [100, 50, 30, 20, 70, 10];
  const status = ['Open', 'Won', '进行中', 'Lost', 'Open', 'NoDecision'];
  const open = rowMask(
    6,
    [{ column: status, criterion: 'Open', columnName: 'filter1', criterionName: 'criterion1' }],
    'values',
  ) as boolean[];

  test('open pipeline, count and mean', () => {
    // open rows 1, 3, 5: 100 + 30 + 70
    expect(sumWhere(amount, open)).toBe(200);
    expect(countWhere(open)).toBe(3);
    expect(meanWhere(amount, open)).toBeCloseTo(200 / 3, 12);
  });

  test('0-row ranges: sum 0, count 0, mean and share blank', () => {
    expect(sumWhere([])).toBe(0);
    expect(countWhere([])).toBe(0);
    expect(meanWhere([])).toBeNull();
    expect(shareWhere([], 'A')).toBeNull();
  });

  test('text in a counted row names the row', () => {
    const r = sumWhere([1, 'ten']);
    expect((r as CalcError).message.en).toBe('values, row 2: "ten" is not a number');
  });

  test('share with a comparison criterion (OVERDUE_RATE)', () => {
    // open close dates 46023, 46200, 46400; as of 46300 → 2 of 3 overdue
    const close = [46023, 46100, 46200, 46300, 46400, 46500];
    expect(shareWhere(close, '<46300', open)).toBeCloseTo(2 / 3, 12);
  });

  test('ratio: blank on zero or blank denominator, error on text', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(null, 4)).toBeNull();
    expect(ratio(3, '')).toBeNull();
    expect((ratio('x', 4) as CalcError).message.en).toBe('numerator must be a number, got "x"');
    expect((ratio(3, true) as CalcError).message.en).toBe('denominator must be a number, got true');
  });

  test('a mask of another size is an error, not a crash', () => {
    expect(sumWhere([1, 2], [true])).toBeInstanceOf(CalcError);
    expect(shareWhere([1, 2], '*', [true])).toBeInstanceOf(CalcError);
  });
});

const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom('A', 'B', 'C', 'Open', '进行中', 'Won', '赢单', null, ''),
);
const rowArb = fc.record({
  value: fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }),
  tag: cellArb,
  other: cellArb,
});
const criterionArb = fc.constantFrom<Cell>('A', 'A,B', 'Open', '进行中', '>=0', '<10', '*', '=', '<>A', null);

describe('properties', () => {
  test('SUM, COUNT, MEAN, SHARE do not depend on row order', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 50 }).chain((rows) =>
          fc
            .shuffledSubarray(
              rows.map((_, i) => i),
              { minLength: rows.length, maxLength: rows.length },
            )
            .map((perm) => ({ rows, perm })),
        ),
        criterionArb,
        criterionArb,
        ({ rows, perm }, c1, c2) => {
          const run = (rs: typeof rows) => {
            const values = rs.map((r) => r.value);
            const include = rowMask(
              rs.length,
              [{ column: rs.map((r) => r.tag), criterion: c1, columnName: 'filter1', criterionName: 'criterion1' }],
              'values',
            ) as boolean[];
            const share = shareWhere(
              rs.map((r) => r.other),
              c2,
              include,
            );
            return [sumWhere(values, include), countWhere(include), meanWhere(values, include), share];
          };
          const [s1, n1, m1, sh1] = run(rows);
          const [s2, n2, m2, sh2] = run(perm.map((i) => rows[i]));
          expect([s2, n2]).toEqual([s1, n1]); // integers: exact
          if (m1 === null) expect(m2).toBeNull();
          else expect(m2 as number).toBeCloseTo(m1 as number, 9);
          expect(sh2).toEqual(sh1);
        },
      ),
      RUNS,
    );
  });

  test('SHARE is in [0, 1] or blank', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 50 }), criterionArb, criterionArb, (rows, c1, c2) => {
        const include = rowMask(
          rows.length,
          [{ column: rows.map((r) => r.tag), criterion: c1, columnName: 'filter1', criterionName: 'criterion1' }],
          'column',
        ) as boolean[];
        const s = shareWhere(
          rows.map((r) => r.other),
          c2,
          include,
        );
        expect(s).not.toBeInstanceOf(CalcError);
        if (s !== null) expect((s as number) >= 0 && (s as number) <= 1).toBe(true);
        else expect(countWhere(include)).toBe(0);
      }),
      RUNS,
    );
  });

  test('COUNT equals SUM of ones; MEAN × count = SUM over numeric rows', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 50 }), criterionArb, (rows, c) => {
        const include = rowMask(
          rows.length,
          [{ column: rows.map((r) => r.tag), criterion: c, columnName: 'filter1', criterionName: 'criterion1' }],
          'values',
        ) as boolean[];
        expect(
          sumWhere(
            rows.map(() => 1),
            include,
          ),
        ).toBe(countWhere(include));
        const values = rows.map((r) => r.value);
        const counted = values.filter((v, i) => include[i] && v !== null).length;
        const mean = meanWhere(values, include);
        if (counted === 0) expect(mean).toBeNull();
        else expect((mean as number) * counted).toBeCloseTo(sumWhere(values, include) as number, 6);
      }),
      RUNS,
    );
  });
});
