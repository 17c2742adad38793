/**
 * Account revenue kernels: hand-computed checks and fast-check invariants.
 */
import fc from 'fast-check';
import { CalcError, Cell } from '../../src/core/cells';
import { revenueGrowth, shareOfWallet, whitespace } from '../../src/calc/accounts';

const RUNS = { numRuns: 150 };
const money = fc.oneof(
  fc.constant<Cell>(null),
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
);
const accounts = fc.array(fc.tuple(money, money, fc.constantFrom('A', 'B', 'C', 'D')), { maxLength: 60 }).map((rows) => ({
  revenue: rows.map((r) => r[0]),
  wallet: rows.map((r) => r[1]),
  tier: rows.map((r) => r[2]),
}));

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('hand-computed', () => {
  const revenue = [300, 100, null, 50, 250];
  const wallet = [1000, 400, 500, null, 200];
  test('share of wallet over rows with both numbers: 650 / 1600', () => {
    expect(shareOfWallet({ revenue, wallet })).toBe(0.40625);
  });
  test('whitespace: 700 + 300 + 500 + 0', () => {
    expect(whitespace({ revenue, wallet })).toBe(1500);
  });
  test('growth: 210 / 200 − 1', () => {
    expect(revenueGrowth({ current: [120, 90, null, 60], previous: [100, 100, 50, null] })).toBeCloseTo(0.05, 12);
  });
  test('messages name the argument and the row', () => {
    const r = shareOfWallet({ revenue: [1, 'lots'], wallet: [2, 3] });
    expect(r).toBeInstanceOf(CalcError);
    expect((r as CalcError).message.en).toBe('revenue, row 2: "lots" is not a number');
    const w = whitespace({ revenue: [1, 2], wallet: [2, -3] });
    expect((w as CalcError).message.en).toContain('wallet, row 2');
  });
});

describe('properties', () => {
  test('whitespace is never negative', () => {
    const anyMoney = fc.oneof(money, fc.double({ min: -1e6, max: 1e6, noNaN: true })); // revenue may be negative (credit notes)
    fc.assert(
      fc.property(fc.array(fc.tuple(money, anyMoney), { maxLength: 60 }), (rows) => {
        const r = whitespace({ wallet: rows.map((x) => x[0]), revenue: rows.map((x) => x[1]) });
        return typeof r === 'number' && r >= 0;
      }),
      RUNS,
    );
  });

  test('whitespace and the sums behind share of wallet add up over tiers (group-by = plain)', () => {
    fc.assert(
      fc.property(accounts, (d) => {
        const total = whitespace(d) as number;
        const byTier = ['A', 'B', 'C', 'D'].map((t) => whitespace({ ...d, include: d.tier.map((x) => x === t) }) as number);
        return close(
          total,
          byTier.reduce((a, b) => a + b, 0),
        );
      }),
      RUNS,
    );
  });

  test('share of wallet is in [0, 1] when no account buys more from us than its wallet', () => {
    fc.assert(
      fc.property(accounts, (d) => {
        const revenue = d.revenue.map((r, i) =>
          typeof r === 'number' && typeof d.wallet[i] === 'number' ? Math.min(r, d.wallet[i] as number) : r,
        );
        const s = shareOfWallet({ revenue, wallet: d.wallet });
        return s === null || (typeof s === 'number' && s >= 0 && s <= 1 + 1e-12);
      }),
      RUNS,
    );
  });

  test('results do not depend on row order', () => {
    fc.assert(
      fc.property(accounts, fc.array(fc.integer(), { minLength: 1 }), (d, keys) => {
        const order = d.revenue
          .map((_, i) => i)
          .sort((a, b) => (keys[a % keys.length] ?? 0) - (keys[b % keys.length] ?? 0) || a - b);
        const p = <T>(xs: readonly T[]) => order.map((i) => xs[i]);
        const shuffled = { revenue: p(d.revenue), wallet: p(d.wallet) };
        const same = (a: unknown, b: unknown) => a === b || (typeof a === 'number' && typeof b === 'number' && close(a, b));
        return (
          same(shareOfWallet(d), shareOfWallet(shuffled)) &&
          same(whitespace(d), whitespace(shuffled)) &&
          same(
            revenueGrowth({ current: d.revenue, previous: d.wallet }),
            revenueGrowth({ current: shuffled.revenue, previous: shuffled.wallet }),
          )
        );
      }),
      RUNS,
    );
  });

  test('growth of unchanged revenue is 0', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 40 }), (xs) =>
        close(revenueGrowth({ current: xs, previous: xs }) as number, 0),
      ),
      RUNS,
    );
  });

  test('fuzz: arbitrary cells never throw', () => {
    const anyCell = fc.oneof(
      fc.constant<Cell>(null),
      fc.double() as fc.Arbitrary<Cell>,
      fc.constantFrom<Cell>(Number.NaN, Infinity, -Infinity, -0, 1e308, '=cmd|x', '客户', '🙂', '', true),
      fc.string() as fc.Arbitrary<Cell>,
    );
    fc.assert(
      fc.property(fc.array(anyCell, { maxLength: 20 }), fc.array(anyCell, { maxLength: 20 }), (a, b) => {
        for (const r of [
          shareOfWallet({ revenue: a, wallet: b }),
          whitespace({ wallet: a, revenue: b }),
          revenueGrowth({ current: a, previous: b }),
        ])
          if (!(r === null || typeof r === 'number' || r instanceof CalcError)) return false;
        return true;
      }),
      RUNS,
    );
  });
});
