/**
 * ExactMean (weighted means of normalised values: scores over Min–Max scales, section
 * percentages) against exact rational arithmetic written here (test/support/rational.ts):
 * every number read as the decimal it shows, `percent` must be the double nearest to
 * 100 · Σ wᵢ·(xᵢ − loᵢ)/(hiᵢ − loᵢ) ÷ Σ wᵢ. Weights up to 2⁵³ − 1 make a term's numerator or
 * denominator leave the safe integers, so the property also holds ExactMean's switch to BigInt.
 */
import fc from 'fast-check';
import { ExactMean } from '../../src/calc/exact';
import { Q, nearest } from '../support/rational';

/** Short decimals, integers, numbers with no short decimal form, and the largest safe integers. */
const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map((k) => k / 100),
  fc.integer({ min: -50, max: 50 }),
  fc.tuple(fc.integer({ min: -40, max: 40 }), fc.constantFrom(3, 7, 13)).map(([k, m]) => k / m),
  fc.constantFrom(9_007_199_254_740_991, 4_503_599_627_370_497, 123_456_789_012_345.6),
);
const weight = fc.oneof(
  fc.constantFrom(0, 1, 0.5, 2),
  fc.integer({ min: 0, max: 1000 }).map((k) => k / 10),
  fc.constantFrom(9_007_199_254_740_991, 8_000_000_000_000_001, 0.3, 1 / 3),
);
/** One term: a weight, and a value within lo < hi (the caller clamps x). */
const term = fc
  .tuple(weight, number, number, number)
  .map(([w, a, b, c]) => {
    const [lo, x, hi] = [a, b, c].sort((p, q) => p - q);
    return { w, x, lo, hi };
  })
  .filter((t) => t.hi > t.lo);

describe('ExactMean', () => {
  it('gives the double nearest to the exact weighted mean of the decimals shown', () => {
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 14 }), (terms) => {
        const mean = new ExactMean();
        let sum = new Q(0n);
        let weights = new Q(0n);
        for (const { w, x, lo, hi } of terms) {
          mean.add(w, x, lo, hi);
          const [W, X, L, H] = [w, x, lo, hi].map(Q.shown);
          sum = sum.add(W.mul(X.sub(L)).div(H.sub(L)));
          weights = weights.add(W);
        }
        if (weights.isZero()) expect(mean.percent()).toBeNaN();
        else expect(nearest(mean.percent(), Q.int(100).mul(sum).div(weights))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('is exact where one term alone leaves the safe integers (a weight of 2⁵³ − 1 on 0.7)', () => {
    // 7 · (2⁵³ − 1) is not a double: added as doubles, the mean would be off in its last digits.
    const mean = new ExactMean().add(9_007_199_254_740_991, 0.7, 0, 1).add(1, 0.1, 0, 1);
    const exact = Q.int(100)
      .mul(Q.dec('0.7').mul(Q.int(9_007_199_254_740_991)).add(Q.dec('0.1')))
      .div(Q.int(9_007_199_254_740_992));
    expect(nearest(mean.percent(), exact)).toBe(true);
  });
});
