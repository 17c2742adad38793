/**
 * Pipeline kernels: unit checks with hand-computed numbers and fast-check invariants.
 */
import fc from 'fast-check';
import { CalcError, Cell } from '../../src/core/cells';
import {
  amountAt,
  cycleDays,
  openPipeline,
  parseStatusSet,
  probabilityAt,
  salesVelocity,
  sumTargets,
  tallyDeals,
} from '../../src/calc/pipeline';

const RUNS = { numRuns: 150 };
const statusCell = fc.constantFrom<Cell>(
  'Open',
  'Won',
  'Lost',
  'NoDecision',
  '进行中',
  '赢单',
  '丢单',
  '无决策',
  'closed won',
  'ND',
  null,
  '',
  '  ',
);
const amountCell = fc.oneof(
  fc.constant<Cell>(null),
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
);
const probabilityCell = fc.oneof(fc.constant<Cell>(null), fc.double({ min: 0, max: 1, noNaN: true }));
const dateCell = fc.oneof(fc.constant<Cell>(null), fc.integer({ min: 45000, max: 47000 }));

/** Rows of deals as parallel columns. */
const deals = fc.array(fc.tuple(statusCell, amountCell, probabilityCell, dateCell, dateCell), { maxLength: 60 }).map((rows) => ({
  status: rows.map((r) => r[0]),
  amount: rows.map((r) => r[1]),
  probability: rows.map((r) => r[2]),
  created: rows.map((r) => r[3]),
  close: rows.map((r) => r[4]),
}));

function permute<T>(xs: readonly T[], order: readonly number[]): T[] {
  return order.map((i) => xs[i]);
}

/** A permutation of 0..n-1 drawn from a seed list (fast-check shrinks it well). */
function orderFrom(n: number, keys: readonly number[]): number[] {
  return Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (keys[a % keys.length] ?? 0) - (keys[b % keys.length] ?? 0) || a - b,
  );
}

const statusSet = (s: ReadonlySet<string> | CalcError) => {
  if (s instanceof CalcError) throw new Error(s.message.en);
  return s;
};

describe('parseStatusSet', () => {
  test('single statuses, aliases, lists, Closed and *', () => {
    expect([...statusSet(parseStatusSet('Won', 'which'))]).toEqual(['Won']);
    expect([...statusSet(parseStatusSet('赢单', 'which'))]).toEqual(['Won']);
    expect([...statusSet(parseStatusSet('Won, lost', 'which'))].sort()).toEqual(['Lost', 'Won']);
    expect([...statusSet(parseStatusSet('丢单、无决策', 'which'))].sort()).toEqual(['Lost', 'NoDecision']);
    expect([...statusSet(parseStatusSet('Closed', 'which'))].sort()).toEqual(['Lost', 'NoDecision', 'Won']);
    expect([...statusSet(parseStatusSet('已结单', 'which'))].sort()).toEqual(['Lost', 'NoDecision', 'Won']);
    expect([...statusSet(parseStatusSet('*', 'which'))].sort()).toEqual(['Lost', 'NoDecision', 'Open', 'Won']);
    expect([...statusSet(parseStatusSet(['Won', null, 'Open'], 'which'))].sort()).toEqual(['Open', 'Won']);
  });
  test('unknown or blank which is an error naming the argument', () => {
    for (const bad of ['Pending', 7, true, undefined, '', ' , ']) {
      const r = parseStatusSet(bad as Cell, 'which');
      expect(r).toBeInstanceOf(CalcError);
      expect((r as CalcError).message.en).toContain('which');
    }
  });
});

describe('probabilityAt and amountAt', () => {
  test('fractions, percents as numbers and as text', () => {
    expect(probabilityAt([0.4], 0, 'p')).toBe(0.4);
    expect(probabilityAt([40], 0, 'p')).toBe(0.4);
    expect(probabilityAt(['40%'], 0, 'p')).toBe(0.4);
    expect(probabilityAt(['４０％'], 0, 'p')).toBe(0.4); // full-width digits and percent sign
    expect(probabilityAt([1], 0, 'p')).toBe(1);
    expect(probabilityAt([100], 0, 'p')).toBe(1);
    expect(probabilityAt([null], 0, 'p')).toBeUndefined();
  });
  test('out of range or text probability names the row', () => {
    for (const bad of [150, -0.1, '120%', 'high', true]) {
      const r = probabilityAt([0.5, bad], 1, 'probability');
      expect(r).toBeInstanceOf(CalcError);
      expect((r as CalcError).message.en).toContain('row 2');
    }
  });
  test('amounts: blank is 0, negative is an error', () => {
    expect(amountAt([null], 0, 'amount')).toBe(0);
    expect(amountAt(['12.5'], 0, 'amount')).toBe(12.5);
    expect(amountAt([-1], 0, 'amount')).toBeInstanceOf(CalcError);
  });
});

describe('tallyDeals, openPipeline', () => {
  const status = ['Open', 'Won', 'Open', 'Lost', 'NoDecision'];
  const amount = [100, 200, 50, 80, 30];
  test('hand-computed totals', () => {
    // Won+Lost+ND: 200 + 80 + 30 = 310 over 3 deals
    expect(tallyDeals({ status, which: new Set(['Won', 'Lost', 'NoDecision']), amount })).toEqual({ count: 3, sum: 310 });
    // 100·0.3 + 50·0.6 = 60
    expect(openPipeline({ status, amount, probability: [0.3, 1, 60, 0, 0] })).toBeCloseTo(60, 12);
  });
  test('a period needs the dates column', () => {
    const r = tallyDeals({ status, which: new Set(['Won']), periodStart: 46000 });
    expect(r).toBeInstanceOf(CalcError);
    expect((r as CalcError).message.en).toContain('dates');
  });

  test('property: Won + Lost + NoDecision + Open counts = non-blank statuses', () => {
    fc.assert(
      fc.property(deals, (d) => {
        const count = (s: string) => (tallyDeals({ status: d.status, which: new Set([s]) }) as { count: number }).count;
        const nonBlank = d.status.filter((s) => s !== null && String(s).trim() !== '').length;
        return count('Won') + count('Lost') + count('NoDecision') + count('Open') === nonBlank;
      }),
      RUNS,
    );
  });

  test('property: Closed = Won + Lost + NoDecision, in count and amount, in any period', () => {
    fc.assert(
      fc.property(deals, fc.integer({ min: 45000, max: 47000 }), fc.integer({ min: 0, max: 1500 }), (d, start, length) => {
        const q = { status: d.status, amount: d.amount, dates: d.close, periodStart: start, periodEnd: start + length };
        const t = (which: string[]) => tallyDeals({ ...q, which: new Set(which) }) as { count: number; sum: number };
        const closed = t(['Won', 'Lost', 'NoDecision']);
        const parts = [t(['Won']), t(['Lost']), t(['NoDecision'])];
        return (
          closed.count === parts.reduce((a, p) => a + p.count, 0) &&
          Math.abs(closed.sum - parts.reduce((a, p) => a + p.sum, 0)) <= 1e-6 * Math.max(1, closed.sum)
        );
      }),
      RUNS,
    );
  });

  test('property: weighted pipeline ≤ unweighted pipeline (probabilities in [0, 1])', () => {
    fc.assert(
      fc.property(deals, (d) => {
        const plain = openPipeline({ status: d.status, amount: d.amount }) as number;
        const weighted = openPipeline({ status: d.status, amount: d.amount, probability: d.probability }) as number;
        return weighted >= 0 && weighted <= plain * (1 + 1e-12) + 1e-9;
      }),
      RUNS,
    );
  });

  test('property: pipeline in a period ≤ the whole pipeline', () => {
    fc.assert(
      fc.property(deals, fc.integer({ min: 45000, max: 47000 }), (d, end) => {
        const all = openPipeline({ status: d.status, amount: d.amount }) as number;
        const upToEnd = openPipeline({ status: d.status, amount: d.amount, closeDate: d.close, periodEnd: end }) as number;
        return upToEnd <= all + 1e-9;
      }),
      RUNS,
    );
  });

  test('property: totals do not depend on row order', () => {
    fc.assert(
      fc.property(deals, fc.array(fc.integer(), { minLength: 1, maxLength: 60 }), (d, keys) => {
        const o = orderFrom(d.status.length, keys);
        const p = (x: typeof d) =>
          openPipeline({
            status: x.status,
            amount: x.amount,
            probability: x.probability,
            closeDate: x.close,
            periodEnd: 46500,
          }) as number;
        const shuffled = {
          status: permute(d.status, o),
          amount: permute(d.amount, o),
          probability: permute(d.probability, o),
          created: permute(d.created, o),
          close: permute(d.close, o),
        };
        const a = p(d);
        const b = p(shuffled);
        return Math.abs(a - b) <= 1e-9 * Math.max(1, a);
      }),
      RUNS,
    );
  });

  test('fuzz: arbitrary cells never throw', () => {
    const anyCell = fc.oneof(
      fc.constant<Cell>(null),
      fc.double() as fc.Arbitrary<Cell>,
      fc.constantFrom<Cell>(Number.NaN, Infinity, -Infinity, -0, 1e308, 5e-324, '=cmd|x', '赢单', '🙂', '', 'Open', true, false),
      fc.string() as fc.Arbitrary<Cell>,
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(anyCell, anyCell, anyCell, anyCell), { maxLength: 20 }), (rows) => {
        const col = (k: number) => rows.map((r) => r[k]);
        const results = [
          openPipeline({ status: col(0), amount: col(1), probability: col(2), closeDate: col(3), periodEnd: 46000 }),
          tallyDeals({ status: col(0), which: new Set(['Won']), amount: col(1), dates: col(3), periodStart: 1 }),
          sumTargets({ amounts: col(1), startDates: col(2), endDates: col(3), periodStart: 1, periodEnd: 99999 }),
          cycleDays({ status: col(0), createdDates: col(2), closeDates: col(3) }),
          salesVelocity({ status: col(0), amount: col(1), createdDates: col(2), closeDates: col(3) }),
        ];
        return results.every((r) => r === null || r instanceof CalcError || typeof r === 'number' || typeof r === 'object');
      }),
      RUNS,
    );
  });
});

describe('sumTargets', () => {
  const amounts = [1000, 2000, 1500, 500];
  const starts = [46023, 46113, 46023, 46204];
  const ends = [46112, 46203, 46387, 46295];
  test('hand-computed: first half holds Q1 and Q2', () => {
    expect(sumTargets({ amounts, startDates: starts, endDates: ends, periodStart: 46023, periodEnd: 46203 })).toBe(3000);
  });
  test('property: targets split by owner add up to the total', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 10000 }),
            fc.integer({ min: 45000, max: 46000 }),
            fc.integer({ min: 0, max: 400 }),
            fc.constantFrom('Li', 'Wang', 'Zhao'),
          ),
          { maxLength: 40 },
        ),
        fc.integer({ min: 45000, max: 46500 }),
        (rows, start) => {
          const input = {
            amounts: rows.map((r) => r[0]),
            startDates: rows.map((r) => r[1]),
            endDates: rows.map((r) => r[1] + r[2]),
            periodStart: start,
            periodEnd: start + 365,
          };
          const total = sumTargets(input) as number;
          const byOwner = ['Li', 'Wang', 'Zhao'].map(
            (o) => sumTargets({ ...input, include: rows.map((r) => r[3] === o) }) as number,
          );
          return total === byOwner.reduce((a, b) => a + b, 0);
        },
      ),
      RUNS,
    );
  });
});

describe('cycleDays and salesVelocity', () => {
  test('hand-computed cycle: 60 and 100 days → 80', () => {
    expect(
      cycleDays({ status: ['Won', 'Open', 'Won'], createdDates: [45990, 46000, 46100], closeDates: [46050, 46010, 46200] }),
    ).toBe(80);
  });
  test('a won deal closed before it was created names the row', () => {
    const r = cycleDays({ status: ['Won', 'Won'], createdDates: [46000, 46100], closeDates: [46010, 46050] });
    expect(r).toBeInstanceOf(CalcError);
    expect((r as CalcError).message.en).toContain('row 2');
    expect((r as CalcError).message.zh).toContain('第 2 行');
  });
  test('property: the mean cycle lies between the shortest and longest won cycle', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('Won', 'Lost', 'Open'),
            fc.integer({ min: 45000, max: 46000 }),
            fc.integer({ min: 0, max: 500 }),
          ),
          { maxLength: 40 },
        ),
        (rows) => {
          const r = cycleDays({
            status: rows.map((x) => x[0]),
            createdDates: rows.map((x) => x[1]),
            closeDates: rows.map((x) => x[1] + x[2]),
          });
          const won = rows.filter((x) => x[0] === 'Won').map((x) => x[2]);
          if (won.length === 0) return r === null;
          return typeof r === 'number' && r >= Math.min(...won) - 1e-9 && r <= Math.max(...won) + 1e-9;
        },
      ),
      RUNS,
    );
  });
  test('hand-computed velocity: 3 open · 175 · 0.5 / 80', () => {
    const v = salesVelocity({
      status: ['Open', 'Won', 'Open', 'Lost', 'NoDecision', 'Open', 'Won'],
      amount: [100, 200, 50, 80, 30, 70, 150],
      createdDates: [46000, 45990, 46010, 46000, 46030, 46050, 46100],
      closeDates: [46100, 46050, 46300, 46080, 46120, 46400, 46200],
    });
    expect(v).toBeCloseTo(3.28125, 12);
  });
});

describe('large input', () => {
  // Speed is measured by `npm run bench`, not here; this proves big columns go through.
  test('100,000 deals are totalled', () => {
    const n = 100_000;
    const status = Array.from({ length: n }, (_, i) => ['Open', 'Won', 'Lost', 'NoDecision'][i % 4]);
    const amount = Array.from({ length: n }, (_, i) => i % 1000);
    const close = Array.from({ length: n }, (_, i) => 45000 + (i % 2000));
    const created = close.map((d) => d - 30);
    expect(typeof openPipeline({ status, amount, closeDate: close, periodEnd: 46000 })).toBe('number');
    // every won deal took 30 days
    expect(cycleDays({ status, createdDates: created, closeDates: close, periodStart: 45500 })).toBe(30);
  });
});
