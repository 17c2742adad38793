/**
 * ExactSum against exact rational arithmetic written here (BigInt fractions): every number is
 * read as the decimal it shows (String(x)), the sum is kept exactly, and `value` must be the
 * double nearest to it (checked against both neighbouring doubles, each converted exactly from
 * its bits). The terms mix integers, short decimals and numbers with no short decimal form
 * (2/3, 7/13 as doubles), each repeated many times: ExactSum adds the latter once per distinct
 * number, times its count, when it is read (issue #15), so repeats, interleaving, `addSum`,
 * `addProduct`, `sign` and `exactRatio` are all exercised after them.
 */
import fc from 'fast-check';
import { ExactSum, exactRatio } from '../../src/calc/exact';
import { Q, nearest } from '../support/rational';

/** Numbers with no short decimal form (k/m as a double), short decimals, integers, large integers. */
const term = fc.oneof(
  fc.tuple(fc.integer({ min: -40, max: 40 }), fc.constantFrom(3, 7, 11, 13, 17)).map(([k, m]) => k / m),
  fc.integer({ min: -100_000, max: 100_000 }).map((k) => k / 100),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(1e21, -3e20, 2 ** 53 + 2, 1.5e-7, 9_007_199_254_740_991),
);
/** A few distinct terms, each repeated: as per-row ratios repeat down a column. */
const terms = fc
  .tuple(fc.array(term, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 200 }))
  .map(([distinct, picks]) => picks.map((p) => distinct[p % distinct.length]));

const exactOf = (xs: readonly number[]) => xs.reduce((q, x) => q.add(Q.shown(x)), new Q(0n));

describe('ExactSum', () => {
  it('gives the double nearest to the exact sum of the decimals shown, whatever repeats', () => {
    fc.assert(
      fc.property(terms, (xs) => {
        const sum = new ExactSum();
        for (const x of xs) sum.add(x);
        const exact = exactOf(xs);
        expect(nearest(sum.value, exact)).toBe(true);
        expect(sum.sign).toBe(exact.cmp(new Q(0n)));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps repeated terms through addSum, addProduct and exactRatio', () => {
    fc.assert(
      fc.property(terms, terms, fc.constantFrom(1, -1) as fc.Arbitrary<1 | -1>, term, term, (xs, ys, sign, a, b) => {
        const x = new ExactSum();
        const y = new ExactSum();
        xs.forEach((v) => x.add(v));
        ys.forEach((v) => y.add(v));
        // Terms added after the sum went to BigInt, and a product, before anything is read.
        x.addProduct(a, b).add(a);
        x.addSum(y, sign);
        const exact = exactOf(xs)
          .add(Q.shown(a).mul(Q.shown(b)))
          .add(Q.shown(a))
          .add(exactOf(ys).mul(new Q(BigInt(sign))));
        expect(nearest(x.value, exact)).toBe(true);
        if (xs.length > 0) expect(nearest(exactRatio(y, xs.length), exactOf(ys).div(new Q(BigInt(xs.length))))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('adds 50,000 per-row ratios exactly (k/13 repeated)', () => {
    const xs = Array.from({ length: 50_000 }, (_, i) => (i % 14) / 13);
    const sum = new ExactSum();
    for (const x of xs) sum.add(x);
    const exact = exactOf(xs);
    expect(nearest(sum.value, exact)).toBe(true);
    expect(nearest(exactRatio(sum, xs.length), exact.div(new Q(BigInt(xs.length))))).toBe(true);
  });

  it('refuses a number that is not finite, as soon as it is added', () => {
    expect(() => new ExactSum().add(1 / 3).add(Number.NaN)).toThrow(RangeError);
    expect(() => new ExactSum().add(Infinity)).toThrow(RangeError);
  });
});
