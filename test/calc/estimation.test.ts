/**
 * Experience-based estimation kernels: POTENTIAL (benchmarks) and LOOKALIKE (Tier A profile).
 */
import fc from 'fast-check';
import { CalcError, Cell } from '../../src/core/cells';
import { benchmarkRatios, estimateWallets, lookalikeScores, metricKey, sizeBand } from '../../src/calc/estimation';

const RUNS = { numRuns: 200 };
const BENCH = {
  industries: ['Manufacturing', 'Manufacturing', 'Retail', '*'] as Cell[],
  metrics: ['Employees', 'Revenue', '员工数', 'Employees'] as Cell[],
  ratios: [800, 0.02, 300, 100] as Cell[],
};

describe('POTENTIAL', () => {
  test('size × benchmark ratio', () => {
    // 1200 × 800 = 960,000 · 2,000,000 × 0.02 = 40,000 · 50 × 300 = 15,000 · Banking → "*": 7 × 100 = 700
    const r = estimateWallets({
      size: [1200, 2000000, 50, 7],
      industry: ['Manufacturing', 'manufacturing', 'RETAIL', 'Banking'],
      metric: ['Employees', '营业收入', 'employees', '员工人数'],
      benchmarks: BENCH,
    });
    expect(r).toEqual([960000, 40000, 15000, 700]);
  });

  test('missing benchmark names the industry and metric', () => {
    const r = estimateWallets({ size: [10, 20], industry: ['Retail'], metric: ['Revenue'], benchmarks: BENCH }) as (
      number | CalcError
    )[];
    expect(r[0]).toBeInstanceOf(CalcError);
    expect((r[0] as CalcError).code).toBe('NA');
    expect((r[0] as CalcError).message.en).toBe(
      'row 1: no benchmark for industry "Retail" and metric "Revenue"; add a Benchmarks row (Industry, Metric, Ratio)',
    );
    expect((r[0] as CalcError).message.zh).toContain('“Retail”');
  });

  test('metric aliases fold onto one key; unknown metrics keep their text', () => {
    expect(metricKey('员工数')).toBe(metricKey('Employees'));
    expect(metricKey('营业收入')).toBe(metricKey('revenue'));
    expect(metricKey('Beds')).toBe('BEDS');
  });

  test('duplicate benchmark pair is reported with both rows', () => {
    const r = benchmarkRatios({
      industries: ['Retail', 'x', ' retail'],
      metrics: ['Employees', 'Revenue', '员工数'],
      ratios: [1, 2, 3],
    });
    expect((r as CalcError).message.en).toContain('rows 1 and 3');
  });

  test('is linear in size', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        (a, b, ratio) => {
          const est = (size: number) =>
            (
              estimateWallets({
                size: [size],
                industry: ['X'],
                metric: ['Employees'],
                benchmarks: { industries: ['X'], metrics: ['Employees'], ratios: [ratio] },
              }) as number[]
            )[0];
          const tol = 1e-9 * Math.max(1, est(a + b));
          expect(Math.abs(est(a + b) - (est(a) + est(b)))).toBeLessThanOrEqual(tol);
          expect(Math.abs(est(3 * a) - 3 * est(a))).toBeLessThanOrEqual(1e-9 * Math.max(1, est(3 * a)));
        },
      ),
      RUNS,
    );
  });

  test('never throws on arbitrary cells', () => {
    const cells = fc.array(fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(null)), { maxLength: 6 }) as fc.Arbitrary<
      Cell[]
    >;
    fc.assert(
      fc.property(cells, cells, cells, cells, cells, cells, (size, industry, metric, bi, bm, br) => {
        expect(() =>
          estimateWallets({ size, industry, metric, benchmarks: { industries: bi, metrics: bm, ratios: br } }),
        ).not.toThrow();
      }),
      RUNS,
    );
  });
});

describe('size bands', () => {
  test('decades, exact at powers of ten', () => {
    for (let k = 0; k <= 15; k++) {
      expect(sizeBand(10 ** k)).toBe(k);
      if (k > 0) expect(sizeBand(10 ** k - 1)).toBe(k - 1);
    }
    expect(sizeBand(0.5)).toBe(-1);
    expect(sizeBand(0)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('LOOKALIKE', () => {
  const refs = {
    refIndustry: ['Mfg', 'Mfg', 'Retail', 'Mfg', 'Bank'] as Cell[],
    refRegion: ['East', 'North', 'East', 'East', 'East'] as Cell[],
    refSize: [1500, 2500, 300, 80, 5000] as Cell[],
    refTier: ['A', 'A', 'A', 'B', 'C'] as Cell[],
  };

  test('hand-computed against the Tier A profile', () => {
    // profile rows 1–3: Mfg 2/Retail 1 · East 2/North 1 · band 3 ×2, band 2 ×1
    // Retail/East/4000: 1/2, 2/2, 2/2 → 100·(2.5/3) = 83.33…
    const r = lookalikeScores({ industry: ['Retail'], region: ['East'], size: [4000], ...refs }) as number[];
    expect(r[0]).toBeCloseTo(250 / 3, 12);
  });

  test('no profile accounts → #N/A with the documented message', () => {
    const r = lookalikeScores({ industry: ['Mfg'], region: ['East'], size: [1], ...refs, refTier: ['B', 'B', 'C', 'C', 'D'] });
    expect(r).toBeInstanceOf(CalcError);
    expect((r as CalcError).code).toBe('NA');
    expect((r as CalcError).message.en).toBe('no Tier A accounts to compare with');
  });

  const value = (values: string[]) => fc.oneof(fc.constantFrom<Cell>(...values), fc.constant<Cell>(null));
  const account = fc.record({
    industry: value(['Mfg', 'Retail', 'Bank', '制造业']),
    region: value(['East', 'North', '华南']),
    size: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constant<Cell>(null)),
    tier: fc.constantFrom<Cell>('A', 'B', 'C', 'D', null),
  });

  test('score is in [0, 100] or blank, whatever the reference set', () => {
    fc.assert(
      fc.property(fc.array(account, { maxLength: 12 }), fc.array(account, { minLength: 1, maxLength: 8 }), (ref, prospects) => {
        const r = lookalikeScores({
          industry: prospects.map((p) => p.industry),
          region: prospects.map((p) => p.region),
          size: prospects.map((p) => p.size),
          refIndustry: ref.map((a) => a.industry),
          refRegion: ref.map((a) => a.region),
          refSize: ref.map((a) => a.size),
          refTier: ref.map((a) => a.tier),
        });
        if (r instanceof CalcError) return expect(r.code).toBe('NA');
        for (const v of r) if (v !== null) expect(typeof v === 'number' && v >= 0 && v <= 100).toBe(true);
      }),
      RUNS,
    );
  });

  test('a prospect identical to the single profile account scores 100', () => {
    const filled = account.filter((a) => a.industry !== null || a.region !== null || a.size !== null);
    fc.assert(
      fc.property(filled, (a) => {
        const r = lookalikeScores({
          industry: [a.industry],
          region: [a.region],
          size: [a.size],
          refIndustry: [a.industry],
          refRegion: [a.region],
          refSize: [a.size],
        });
        expect(r).toEqual([100]);
      }),
      RUNS,
    );
  });

  test('the order of reference accounts does not matter', () => {
    fc.assert(
      fc.property(fc.array(account, { minLength: 1, maxLength: 10 }), account, (ref, p) => {
        const run = (rs: typeof ref) =>
          lookalikeScores({
            industry: [p.industry],
            region: [p.region],
            size: [p.size],
            refIndustry: rs.map((a) => a.industry),
            refRegion: rs.map((a) => a.region),
            refSize: rs.map((a) => a.size),
          });
        // counts do not depend on order, and the attributes are summed in a fixed order: exact
        expect(run([...ref].reverse())).toEqual(run(ref));
      }),
      RUNS,
    );
  });
});
