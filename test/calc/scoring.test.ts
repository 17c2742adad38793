/**
 * Scoring and tiering kernels: hand-computed DESIGN §4 examples and fast-check properties.
 */
import fc from 'fast-check';
import { CalcError, Cell } from '../../src/core/cells';
import { DEFAULT_CRITERIA, axisScoreAccounts, criteriaScale, scoreAccounts } from '../../src/calc/scoring';
import {
  DEFAULT_TIER_RULES,
  TierCode,
  matrixTier,
  scoreTier,
  tierAccounts,
  tierCounts,
  tooManyTierA,
} from '../../src/calc/tiering';

const RUNS = { numRuns: 200 };
const WEIGHTS = DEFAULT_CRITERIA.map((c) => c.weight);
const AXES = DEFAULT_CRITERIA.map((c) => (c.axis === 'Attractiveness' ? 'A' : 'P'));

function only(r: (number | CalcError)[] | CalcError): number | CalcError {
  if (r instanceof CalcError) return r;
  expect(r).toHaveLength(1);
  return r[0];
}

describe('SCORE (§4 composite scoring)', () => {
  test('default criteria example', () => {
    // scores 5,4,3,4,3,2,4 → n = 1, .75, .5, .75, .5, .25, .75
    // Σ w·n = 25 + 11.25 + 5 + 7.5 + 7.5 + 3.75 + 7.5 = 67.5; Σ w = 100 → 67.5
    expect(only(scoreAccounts({ scores: [[5, 4, 3, 4, 3, 2, 4]] }))).toBeCloseTo(67.5, 12);
  });

  test('blank criteria leave both sums', () => {
    // only criterion 2 (w15, n=.75) and 7 (w10, n=.75) → (11.25 + 7.5)/25 = .75 → 75
    expect(only(scoreAccounts({ scores: [[null, 4, '', 'x', null, null, 4]] }))).toBeCloseTo(75, 12);
  });

  test('one score per row of a block; unscored row is #N/A', () => {
    const r = scoreAccounts({
      scores: [
        [5, 1],
        [null, null],
        [2, 4],
      ],
      weights: [1, 3],
    });
    // row 1: (1·1 + 3·0)/4 = .25 → 25; row 3: n = .25, .75 → (0.25 + 2.25)/4 = .625 → 62.5
    expect(r).not.toBeInstanceOf(CalcError);
    const rows = r as (number | CalcError)[];
    expect(rows[0]).toBeCloseTo(25, 12);
    expect(rows[1]).toBeInstanceOf(CalcError);
    expect((rows[1] as CalcError).code).toBe('NA');
    expect((rows[1] as CalcError).message.en).toBe('no criterion scored in row 2');
    expect(rows[2]).toBeCloseTo(62.5, 12);
  });

  test('no criterion scored on one row: message as documented', () => {
    const r = only(scoreAccounts({ scores: [[null, 'n/a']] }));
    expect(r).toBeInstanceOf(CalcError);
    expect((r as CalcError).message.en).toBe('no criterion scored');
  });

  test('config problems are #VALUE! naming the argument', () => {
    const count = scoreAccounts({ scores: [[1, 2, 3]], weights: [1, 2] });
    expect(count).toBeInstanceOf(CalcError);
    expect((count as CalcError).code).toBe('VALUE');
    expect((count as CalcError).message.en).toContain('weights has 2 entries');
    expect((scoreAccounts({ scores: [[1, 2]], weights: [1, -2] }) as CalcError).message.en).toContain('negative');
    expect((scoreAccounts({ scores: [[1, 2]], mins: [3, 1], maxs: [3, 5] }) as CalcError).message.en).toContain('criterion 1');
  });

  test('scores clamp to the scale and survive extreme scales', () => {
    // 9 on 1–5 counts as 5, −9 as 1: (1·1 + 1·0) / 2 → 50
    expect(only(scoreAccounts({ scores: [[9, -9]], weights: [1, 1] }))).toBe(50);
    // 0 on −1e308…1e308 is exactly half way
    expect(only(scoreAccounts({ scores: [[0]], weights: [1], mins: [-1e308], maxs: [1e308] }))).toBe(50);
  });

  test('huge weights do not overflow', () => {
    // weights 1e308 and 1e308: n = 1 and 0 → 50
    expect(only(scoreAccounts({ scores: [[5, 1]], weights: [1e308, 1e308] }))).toBeCloseTo(50, 12);
  });
});

describe('AXISSCORE', () => {
  test('default criteria example', () => {
    // A: (25 + 11.25 + 5 + 7.5)/60 = 48.75/60 = .8125 → 81.25
    // P: (7.5 + 3.75 + 7.5)/40 = 18.75/40 = .46875 → 46.875
    const scores = [[5, 4, 3, 4, 3, 2, 4]];
    expect(only(axisScoreAccounts({ scores, axes: AXES, axis: 'Attractiveness' }))).toBeCloseTo(81.25, 12);
    expect(only(axisScoreAccounts({ scores, axes: AXES, axis: 'Position', weights: WEIGHTS }))).toBeCloseTo(46.875, 12);
  });

  test('SCORE is the weight-mix of the two axes', () => {
    // 67.5 = (60·81.25 + 40·46.875)/100 = (48.75 + 18.75)
    expect((60 * 81.25 + 40 * 46.875) / 100).toBeCloseTo(67.5, 12);
  });
});

describe('TIER (§4 ABCD tiering)', () => {
  const r = DEFAULT_TIER_RULES;
  test('matrix quadrants at the default thresholds', () => {
    expect(matrixTier(81.25, 46.875, r)).toBe('B'); // attractive, weak position
    expect(matrixTier(50, 50, r)).toBe('A'); // thresholds are inclusive
    expect(matrixTier(49.9, 50, r)).toBe('C');
    expect(matrixTier(10, 10, r)).toBe('D');
    expect(matrixTier(undefined, 80, r)).toBeNull();
  });

  test('score bands', () => {
    expect(scoreTier(75, r)).toBe('A');
    expect(scoreTier(74.99, r)).toBe('B');
    expect(scoreTier(45, r)).toBe('C');
    expect(scoreTier(44.99, r)).toBe('D');
    expect(scoreTier(undefined, r)).toBeNull();
  });

  test('tierAccounts over columns', () => {
    expect(tierAccounts({ attractiveness: [80, 20, null], position: [20, 80, 50] })).toEqual(['B', 'C', null]);
    expect(
      tierAccounts({ attractiveness: [null, null], position: [null, null], score: [67.5, 30], rules: { method: 'Score' } }),
    ).toEqual(['B', 'D']);
  });

  test('tierCounts and the Tier A warning', () => {
    expect(tierCounts(['A', 'a', 'B', null, '', 'D', 'Z', 'C'])).toEqual({ A: 2, B: 1, C: 1, D: 1, untiered: 2, unknown: 1 });
    expect(tooManyTierA(35)).toBeUndefined();
    const m = tooManyTierA(36);
    expect(m?.en).toContain('36 accounts are Tier A');
    expect(m?.zh).toContain('36');
    expect(tooManyTierA(11, 10)).toBeDefined();
  });
});

// ---- properties ----

const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.integer({ min: -3, max: 9 }),
  fc.double({ noNaN: false }),
  fc.constantFrom<Cell>(null, '', 'n/a', '4', '营销', true, false),
);

/** A criteria configuration of `count` columns with valid weights and scales. */
const config = (count: number) =>
  fc.record({
    weights: fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 1e300, noNaN: true })), {
      minLength: count,
      maxLength: count,
    }),
    mins: fc.array(fc.integer({ min: -10, max: 3 }), { minLength: count, maxLength: count }),
    spans: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: count, maxLength: count }),
  });

const scoredBlock = fc.integer({ min: 1, max: 9 }).chain((count) =>
  fc.record({
    rows: fc.array(fc.array(anyCell, { minLength: count, maxLength: count }), { minLength: 1, maxLength: 5 }),
    cfg: config(count),
  }),
);

describe('properties', () => {
  test('SCORE is in [0, 100] or #N/A per row', () => {
    fc.assert(
      fc.property(scoredBlock, ({ rows, cfg }) => {
        const maxs = cfg.mins.map((m, i) => m + cfg.spans[i]);
        const r = scoreAccounts({ scores: rows, weights: cfg.weights, mins: cfg.mins, maxs });
        expect(r).not.toBeInstanceOf(CalcError);
        for (const v of r as (number | CalcError)[]) {
          if (v instanceof CalcError) expect(v.code).toBe('NA');
          else expect(v >= 0 && v <= 100).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test('SCORE is unchanged when criteria are permuted with their weights and scales', () => {
    const arb = fc.integer({ min: 1, max: 8 }).chain((count) =>
      fc.record({
        row: fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant<Cell>(null)), { minLength: count, maxLength: count }),
        weights: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: count, maxLength: count }),
        perm: fc.shuffledSubarray(
          Array.from({ length: count }, (_, i) => i),
          { minLength: count, maxLength: count },
        ),
      }),
    );
    fc.assert(
      fc.property(arb, ({ row, weights, perm }) => {
        const a = only(scoreAccounts({ scores: [row], weights }));
        const b = only(scoreAccounts({ scores: [perm.map((i) => row[i])], weights: perm.map((i) => weights[i]) }));
        if (a instanceof CalcError) expect(b).toBeInstanceOf(CalcError);
        else expect(b as number).toBeCloseTo(a, 9);
      }),
      RUNS,
    );
  });

  test('SCORE with all weights on one axis equals AXISSCORE of that axis', () => {
    const arb = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 7, maxLength: 7 });
    fc.assert(
      fc.property(arb, (row) => {
        const onlyA = WEIGHTS.map((w, i) => (AXES[i] === 'A' ? w : 0));
        const s = only(scoreAccounts({ scores: [row], weights: onlyA }));
        const a = only(axisScoreAccounts({ scores: [row], axes: AXES, axis: 'Attractiveness' }));
        expect(s as number).toBeCloseTo(a as number, 9);
      }),
      RUNS,
    );
  });

  const axisValue = fc.oneof(fc.double({ min: -50, max: 150, noNaN: true }), fc.constant<number | null>(null));
  const LETTER: Record<TierCode, number> = { A: 0, B: 1, C: 2, D: 3 };

  test('TIER is A–D or blank', () => {
    const arb = fc.record({
      att: fc.array(axisValue, { maxLength: 20 }),
      method: fc.constantFrom<'Matrix' | 'Score'>('Matrix', 'Score'),
      tA: fc.integer({ min: 0, max: 100 }),
      tP: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(arb, ({ att, method, tA, tP }) => {
        const pos = [...att].reverse();
        const r = tierAccounts({
          attractiveness: att,
          position: pos,
          score: att,
          rules: { method, attractivenessThreshold: tA, positionThreshold: tP },
        });
        expect(r).not.toBeInstanceOf(CalcError);
        for (const t of r as (TierCode | null)[]) expect([null, 'A', 'B', 'C', 'D']).toContain(t);
      }),
      RUNS,
    );
  });

  test('raising attractiveness or position never moves a tier towards D (matrix)', () => {
    const arb = fc.record({
      att: fc.double({ min: 0, max: 100, noNaN: true }),
      pos: fc.double({ min: 0, max: 100, noNaN: true }),
      dA: fc.double({ min: 0, max: 100, noNaN: true }),
      dP: fc.double({ min: 0, max: 100, noNaN: true }),
      tA: fc.integer({ min: 0, max: 100 }),
      tP: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(arb, ({ att, pos, dA, dP, tA, tP }) => {
        const rules = { ...DEFAULT_TIER_RULES, attractivenessThreshold: tA, positionThreshold: tP };
        const before = matrixTier(att, pos, rules)!;
        const after = matrixTier(att + dA, pos + dP, rules)!;
        expect(LETTER[after]).toBeLessThanOrEqual(LETTER[before]);
        // Raising only attractiveness keeps the position half (A/C strong, B/D weak).
        const attOnly = matrixTier(att + dA, pos, rules)!;
        expect(['A', 'C'].includes(attOnly)).toBe(['A', 'C'].includes(before));
      }),
      RUNS,
    );
  });

  test('a higher score never gets a later tier letter (score method)', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 110, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (s, d) => {
        expect(LETTER[scoreTier(s + d, DEFAULT_TIER_RULES)!]).toBeLessThanOrEqual(LETTER[scoreTier(s, DEFAULT_TIER_RULES)!]);
      }),
      RUNS,
    );
  });

  test('tierCounts add up to the number of rows', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom<Cell>('A', 'b', 'C', 'd', null, '', 'X'), fc.integer())), (tiers) => {
        const c = tierCounts(tiers);
        expect(c.A + c.B + c.C + c.D + c.untiered + c.unknown).toBe(tiers.length);
      }),
      RUNS,
    );
  });

  test('criteriaScale never throws on arbitrary config cells', () => {
    const cells = fc.array(anyCell, { maxLength: 8 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), cells, cells, cells, (count, w, lo, hi) => {
        expect(() => criteriaScale(count, w, lo, hi)).not.toThrow();
      }),
      RUNS,
    );
  });
});
