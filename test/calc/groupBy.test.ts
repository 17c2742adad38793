/**
 * Group-by kernels: hand-computed examples, messages, and fast-check invariants
 * (group totals add up to the plain total, counts to the row count, order of rows does not
 * matter, per-group win tallies add up to WINRATE's tally).
 */
import fc from 'fast-check';
import { CalcError, Cell, keyOf } from '../../src/core/cells';
import { countBy, groupKeyOf, lookupBy, maxBy, sumBy, winRateBy, winTallyBy } from '../../src/calc/groupBy';
import { tallyWins } from '../../src/calc/winrate';

const RUNS = { numRuns: 200 };

/** A key drawn from a small pool, in mixed spellings of the same ids. */
const keyArb = fc.constantFrom<Cell>('A1', 'a1', 'Ａ１', ' A1 ', 'A2', 'b7', 'B7', 'C3', 1001, '1001', 42);
const statusArb = fc.constantFrom<Cell>('Open', 'Won', 'Lost', 'NoDecision', '赢单', '丢单', '进行中', '无决策', null);

/** Rows of (key, integer amount, status, close date). */
const rowsArb = fc.array(
  fc.record({
    key: keyArb,
    amount: fc.integer({ min: 0, max: 1_000_000 }),
    status: statusArb,
    date: fc.integer({ min: 46000, max: 46400 }),
  }),
  { maxLength: 60 },
);

/** Distinct groups (by keyOf) that cover every key of the rows. */
function coveringGroups(keys: readonly Cell[]): Cell[] {
  const seen = new Map<string, Cell>();
  for (const k of keys) if (!seen.has(keyOf(k))) seen.set(keyOf(k), k);
  return [...seen.values()];
}

/** A permutation of 0..n−1 drawn by fast-check. */
const withPermutation = <T>(arb: fc.Arbitrary<T[]>) =>
  arb.chain((rows) =>
    fc
      .shuffledSubarray(
        rows.map((_, i) => i),
        { minLength: rows.length, maxLength: rows.length },
      )
      .map((perm) => ({ rows, perm })),
  );

const ok = <T>(v: T | CalcError): T => {
  if (v instanceof CalcError) throw new Error(v.message.en);
  return v;
};

describe('SUMBY kernel', () => {
  const keys = ['A1', 'A2', 'a1', 'A3', 'Ａ１', null];
  const values = [100, 50, 30, 20, 5, 7];

  test('sums per group; missing group 0; blank group blank', () => {
    // A1 = 100 + 30 + 5; A2 = 50; A4 none; blank entry → blank
    expect(sumBy({ keys, values, groups: ['A1', 'A2', 'A4', null] })).toEqual([135, 50, 0, null]);
  });

  test('include mask filters rows', () => {
    // rows 1 and 2 only
    expect(sumBy({ keys, values, groups: ['A1', 'A2'], include: [true, true, false, false, false, false] })).toEqual([100, 50]);
  });

  test('a text value in a counted row names the argument and the row', () => {
    const r = sumBy({ keys: ['A1', 'A2', 'A2'], values: [1, 2, 'n/a'], groups: ['A2'] });
    expect(r).toBeInstanceOf(CalcError);
    expect((r as CalcError).message.en).toBe('values, row 3: "n/a" is not a number');
  });

  test('size mismatch message', () => {
    const r = sumBy({ keys: ['A1', 'A2'], values: [1], groups: ['A1'] });
    expect((r as CalcError).message.en).toBe('keys and values differ in size: 2 vs 1');
  });

  test('no groups → empty column (the declaration shows one blank cell)', () => {
    expect(sumBy({ keys: [], values: [], groups: [] })).toEqual([]);
  });

  test('Σ over distinct groups covering all keys equals the plain sum', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const keys = rows.map((r) => r.key);
        const values = rows.map((r) => r.amount);
        const per = ok(sumBy({ keys, values, groups: coveringGroups(keys) }));
        expect(per.reduce<number>((s, v) => s + (v ?? 0), 0)).toBe(values.reduce((s, v) => s + v, 0));
      }),
      RUNS,
    );
  });

  test('1,000,000 rows × 10,000 accounts runs', () => {
    const n = 1_000_000;
    const keys = Array.from({ length: n }, (_, i) => `A${i % 10_000}`);
    const values = Array.from({ length: n }, (_, i) => i % 7);
    const groups = Array.from({ length: 10_000 }, (_, g) => `A${g}`);
    const r = ok(sumBy({ keys, values, groups }));
    expect(r).toHaveLength(10_000);
    // A0 holds rows 0, 10000, …: i = 10000·j, j < 100; i mod 7 = (10000 mod 7 = 4)·j mod 7
    let a0 = 0;
    for (let j = 0; j < 100; j++) a0 += (4 * j) % 7;
    expect(r[0]).toBe(a0);
  });
});

describe('COUNTBY kernel', () => {
  test('counts per group', () => {
    expect(countBy({ keys: ['A1', 'a1', 'A2', null], groups: ['A1', 'A2', 'A3'] })).toEqual([2, 1, 0]);
  });

  test('totals over covering groups equal the number of rows', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 80 }), (keys) => {
        const per = ok(countBy({ keys, groups: coveringGroups(keys) }));
        expect(per.reduce<number>((s, v) => s + (v ?? 0), 0)).toBe(keys.length);
      }),
      RUNS,
    );
  });
});

describe('MAXBY kernel', () => {
  test('latest date per group, ISO text dates included', () => {
    // A1: 46023 (2026-01-01 as text) vs 46000; A2: only blank → blank
    expect(maxBy({ keys: ['A1', 'A1', 'A2'], values: ['2026-01-01', 46000, null], groups: ['A1', 'A2'] })).toEqual([46023, null]);
  });

  test('a word in a counted row is an error naming the row', () => {
    const r = maxBy({ keys: ['A1', 'A1'], values: [1, 'soon'], groups: ['A1'] });
    expect((r as CalcError).message.en).toBe('values, row 2: "soon" is not a number or date');
  });

  test('each group max is the max of its rows', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const keys = rows.map((r) => r.key);
        const groups = coveringGroups(keys);
        const per = ok(maxBy({ keys, values: rows.map((r) => r.date), groups }));
        groups.forEach((g, i) => {
          const mine = rows.filter((r) => keyOf(r.key) === keyOf(g)).map((r) => r.date);
          expect(per[i]).toBe(Math.max(...mine));
        });
      }),
      RUNS,
    );
  });
});

describe('LOOKUPBY kernel', () => {
  test('missing key: #N/A naming the key, or ifMissing', () => {
    const r = lookupBy({ lookupKeys: ['A9'], keys: ['A1'], values: ['A'] });
    expect(r[0 as never]).toBeInstanceOf(CalcError);
    const e = (r as CalcError[])[0];
    expect(e.code).toBe('NA');
    expect(e.message.en).toBe('lookupKeys: "A9" is not among keys');
    expect(lookupBy({ lookupKeys: ['A9'], keys: ['A1'], values: ['A'], ifMissing: 0 })).toEqual([0]);
  });

  test('zh default stage names fold onto English ones and back', () => {
    const stages = ['Discover', 'Qualify', 'Solution', 'Shortlist', 'Negotiate'];
    expect(lookupBy({ lookupKeys: ['发现', '谈判', '方案交流'], keys: stages, values: [1, 2, 3, 4, 5] })).toEqual([1, 5, 3]);
    expect(lookupBy({ lookupKeys: ['Qualify'], keys: ['发现', '立项'], values: [1, 2] })).toEqual([2]);
  });

  test('finds the first row with the same key', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { minLength: 1, maxLength: 40 }), (keys) => {
        const values = keys.map((_, i) => i);
        const found = ok(lookupBy({ lookupKeys: keys, keys, values }));
        keys.forEach((k, j) => expect(found[j]).toBe(keys.findIndex((x) => keyOf(x) === keyOf(k))));
      }),
      RUNS,
    );
  });
});

describe('WINRATEBY kernel', () => {
  test('won and closed per group (for Wilson intervals)', () => {
    // A1: Won, Lost, NoDecision → 1 of 3; A2: Open only → 0 of 0
    expect(
      winTallyBy({ keys: ['A1', 'A1', 'A1', 'A2'], status: ['Won', 'Lost', 'NoDecision', 'Open'], groups: ['A1', 'A2'] }),
    ).toEqual([
      { won: 1, closed: 3 },
      { won: 0, closed: 0 },
    ]);
    expect(
      winRateBy({ keys: ['A1', 'A1', 'A1', 'A2'], status: ['Won', 'Lost', 'NoDecision', 'Open'], groups: ['A1', 'A2'] }),
    ).toEqual([1 / 3, null]);
  });

  test("per-group tallies add up to WINRATE's tally, and rates stay in [0, 1]", () => {
    fc.assert(
      fc.property(rowsArb, fc.boolean(), fc.boolean(), (rows, byValue, ndIsLoss) => {
        const keys = rows.map((r) => r.key);
        const rules = {
          status: rows.map((r) => r.status),
          amount: byValue ? rows.map((r) => r.amount) : undefined,
          closeDate: rows.map((r) => r.date),
          periodStart: 46100,
          periodEnd: 46300,
          noDecisionIsLoss: ndIsLoss,
        };
        const per = ok(winTallyBy({ keys, groups: coveringGroups(keys), ...rules }));
        const total = ok(tallyWins(rules));
        expect(per.reduce((s, t) => s + t.won, 0)).toBe(total.won);
        expect(per.reduce((s, t) => s + t.closed, 0)).toBe(total.closed);
        for (const r of ok(winRateBy({ keys, groups: coveringGroups(keys), ...rules })))
          if (r !== null) expect(r >= 0 && r <= 1).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('permutation invariance', () => {
  test('SUMBY, COUNTBY, MAXBY, WINRATEBY do not depend on row order', () => {
    fc.assert(
      fc.property(withPermutation(rowsArb), ({ rows, perm }) => {
        const shuffled = perm.map((i) => rows[i]);
        const run = (rs: typeof rows) => {
          const keys = rs.map((r) => r.key);
          const groups = ['A1', 'A2', 'B7', 'C3', 1001, 42, 'none'];
          const include = rs.map((r) => r.amount % 3 !== 0);
          return [
            sumBy({ keys, values: rs.map((r) => r.amount), groups, include }),
            countBy({ keys, groups, include }),
            maxBy({ keys, values: rs.map((r) => r.date), groups, include }),
            winTallyBy({ keys, groups, include, status: rs.map((r) => r.status), amount: rs.map((r) => r.amount) }),
          ];
        };
        expect(run(shuffled)).toEqual(run(rows));
      }),
      RUNS,
    );
  });
});

describe('groupKeyOf', () => {
  test('equals keyOf for any text or number', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)),
        (c) => {
          expect(groupKeyOf(c)).toBe(keyOf(c));
        },
      ),
      RUNS,
    );
  });
});

describe('bad input never throws', () => {
  const cellArb: fc.Arbitrary<Cell> = fc.oneof(
    fc.double(),
    fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, 5e-324),
    fc.string(),
    fc.constantFrom('赢单', '😀', "=cmd|' /c calc'!A1", '', '  '),
    fc.boolean(),
    fc.constant(null),
  );
  test("every kernel returns a column of the groups' length or an error", () => {
    fc.assert(
      fc.property(
        fc.array(cellArb, { maxLength: 20 }),
        fc.array(cellArb, { maxLength: 20 }),
        fc.array(cellArb, { maxLength: 8 }),
        (a, b, groups) => {
          const n = Math.min(a.length, b.length);
          const keys = a.slice(0, n);
          const values = b.slice(0, n);
          for (const r of [
            sumBy({ keys, values, groups }),
            countBy({ keys, groups }),
            maxBy({ keys, values, groups }),
            winRateBy({ keys, status: values, groups, amount: values, closeDate: values, periodStart: 1 }),
            lookupBy({ lookupKeys: groups, keys, values }),
          ]) {
            if (!(r instanceof CalcError)) expect(r).toHaveLength(groups.length);
          }
          if (a.length !== b.length) expect(sumBy({ keys: a, values: b, groups })).toBeInstanceOf(CalcError);
        },
      ),
      RUNS,
    );
  });
});
