/**
 * Activity kernels: hand-computed examples, error messages that name the row, and
 * fast-check properties (LASTACTIVITY ≤ AsOfDate and equal to a plain scan, STALE's
 * definition, counts per key add up to the plain count, completeness in [0, 1]).
 */
import fc from 'fast-check';
import { CalcError, Cell } from '../../src/core/cells';
import {
  accountOfActivities,
  activityCount,
  activityTypeFilter,
  keyInfoCompleteness,
  lastActivity,
  staleFlags,
} from '../../src/calc/activity';

const ok = <T>(v: T | CalcError): T => {
  if (v instanceof CalcError) throw new Error(`unexpected error: ${v.message.en}`);
  return v;
};
const fails = (v: unknown): CalcError => {
  if (!(v instanceof CalcError)) throw new Error(`expected an error, got ${JSON.stringify(v)}`);
  return v;
};

const AS_OF = 46100;

describe('accountOfActivities', () => {
  test('own account, else the opportunity’s, else blank', () => {
    const r = accountOfActivities({
      actAccountIds: ['A9', null, ' ', null],
      actOppIds: ['O1', 'O1', 'o2', 'O8'],
      oppIds: ['O1', 'O2'],
      oppAccountIds: ['A1', 'A2'],
    });
    expect(r).toEqual(['A9', 'A1', 'A2', null]);
  });
});

describe('activityTypeFilter', () => {
  test('aliases fold onto one type; other text is kept as written', () => {
    expect(activityTypeFilter('高层拜访, Visit')).toEqual(new Set(['ExecutiveMeeting', 'Visit']));
    expect(activityTypeFilter('Exec Meeting；WeChat')).toEqual(new Set(['ExecutiveMeeting', 'WECHAT']));
    expect(activityTypeFilter(null)).toBeUndefined();
    expect(activityTypeFilter(' , ')).toBeUndefined();
  });
});

describe('lastActivity and activityCount', () => {
  const input = {
    actKeys: ['A1', 'A1', 'A2', 'A1'] as Cell[],
    actDates: [46000, 46099, 46100, 46101] as Cell[],
    actTypes: ['拜访', 'Call', 'Exec Meeting', 'Visit'] as Cell[],
    asOfDate: AS_OF,
  };

  test('latest on or before AsOfDate, by type', () => {
    expect(lastActivity(['A1', 'A2', 'A3'], input)).toEqual([46099, 46100, null]);
    // visits of A1: 46000 (46101 is after AsOfDate)
    expect(lastActivity(['A1', 'A2'], { ...input, types: activityTypeFilter('Visit') })).toEqual([46000, null]);
  });

  test('count in (AsOfDate − days, AsOfDate]', () => {
    // (46000, 46100]: A1 46099 → 1 (46000 on the open edge); A2 46100 → 1
    expect(activityCount(['A1', 'A2', 'A3'], { ...input, days: 100 })).toEqual([1, 1, 0]);
    // (45999, 46100]: A1 46000, 46099 → 2
    expect(activityCount(['A1'], { ...input, days: 101 })).toEqual([2]);
  });

  test('a text date names its row', () => {
    const e = fails(lastActivity(['A1'], { ...input, actDates: [46000, 46001, 'soon', 46002] }));
    expect(e.message.en).toBe('actDates, row 3: "soon" is not a date');
    expect(e.message.zh).toContain('第 3 行');
  });

  test('negative days explain themselves', () => {
    const e = fails(activityCount(['A1'], { ...input, days: -5 }));
    expect(e.message.en).toBe('days: -5 is not a usable number of days; give a number ≥ 0 (e.g. StaleDays)');
  });
});

describe('staleFlags', () => {
  test('a bad per-row interval names its row', () => {
    const e = fails(staleFlags({ lastDates: [46000, 46000], asOfDate: AS_OF, days: [30, 'x'] }));
    expect(e.message.en).toBe('days, row 2: "x" is not a number');
    const neg = fails(staleFlags({ lastDates: [46000, 46000], asOfDate: AS_OF, days: [30, -1] }));
    expect(neg.message.en).toContain('days, row 2');
  });
});

describe('keyInfoCompleteness', () => {
  test('an unknown answer names row and column', () => {
    const e = fails(
      keyInfoCompleteness({
        amount: [1, 2],
        closeDate: [1, 2],
        owner: ['a', 'b'],
        competitor: [null, null],
        nextStepDate: [null, null],
        stageEntered: [null, null],
        answers: [
          ['Yes', 'No'],
          ['Yes', 'Maybe'],
        ],
      }),
    );
    expect(e.message.en).toContain('answers (column 2), row 2');
  });
});

// ---- properties ----

const keyPool = ['A1', 'A2', 'a1 ', 'Ａ２', 'A3', null];
const typePool = ['Visit', 'Call', 'ExecutiveMeeting', '高层拜访', '拜访', 'WeChat', null];
const activity = fc.record({
  key: fc.constantFrom<Cell>(...keyPool),
  date: fc.oneof(fc.constant<Cell>(null), fc.integer({ min: 45900, max: 46300 })),
  type: fc.constantFrom<Cell>(...typePool),
});
const activities = fc.array(activity, { maxLength: 60 });
const asOf = fc.integer({ min: 45950, max: 46250 });
const columns = (acts: readonly { key: Cell; date: Cell; type: Cell }[]) => ({
  actKeys: acts.map((a) => a.key),
  actDates: acts.map((a) => a.date),
  actTypes: acts.map((a) => a.type),
});
const KEYS: Cell[] = ['A1', 'A2', 'A3', 'A4', null];
/** Plain re-statement of "same key" for the oracle: case-, width- and space-insensitive. */
const same = (a: Cell, b: Cell) =>
  a !== null &&
  b !== null &&
  String(a).normalize('NFKC').trim().toUpperCase() === String(b).normalize('NFKC').trim().toUpperCase();
const typeFilter = fc.constantFrom(undefined, 'Visit', 'ExecutiveMeeting', 'Visit,Call', 'wechat');
const inFilter = (filter: string | undefined, type: Cell) => {
  if (!filter) return true;
  const canon = (t: Cell) =>
    (({ 高层拜访: 'EXECUTIVEMEETING', 拜访: 'VISIT' }) as Record<string, string>)[String(t)] ?? String(t).toUpperCase();
  return (
    type !== null &&
    filter
      .split(',')
      .map((s) => s.toUpperCase())
      .includes(canon(type))
  );
};

describe('properties', () => {
  test('LASTACTIVITY is on or before AsOfDate and equals a plain scan', () => {
    fc.assert(
      fc.property(activities, asOf, typeFilter, (acts, asOfDate, filter) => {
        const r = ok(lastActivity(KEYS, { ...columns(acts), asOfDate, types: activityTypeFilter(filter ?? null) }));
        r.forEach((v, k) => {
          if (v !== null) expect(v).toBeLessThanOrEqual(asOfDate);
          const dates = acts
            .filter((a) => same(a.key, KEYS[k]) && a.date !== null && (a.date as number) <= asOfDate && inFilter(filter, a.type))
            .map((a) => a.date as number);
          expect(v).toBe(dates.length ? Math.max(...dates) : null);
        });
      }),
      { numRuns: 200 },
    );
  });

  test('STALE(last, asOf, d) is FALSE iff asOf − last < d (blank last → TRUE)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant<Cell>(null), fc.integer({ min: 45900, max: 46300 })), { minLength: 1, maxLength: 30 }),
        asOf,
        fc.oneof(fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 200, noNaN: true })),
        (lastDates, asOfDate, d) => {
          const r = ok(staleFlags({ lastDates, asOfDate, days: [d] }));
          r.forEach((v, i) => {
            const last = lastDates[i];
            expect(v).toBe(last === null ? true : !(asOfDate - (last as number) < d));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  test('STALE of LASTACTIVITY agrees with ACTIVITYCOUNT: stale iff no activity in the window', () => {
    fc.assert(
      fc.property(activities, asOf, fc.integer({ min: 0, max: 120 }), (acts, asOfDate, days) => {
        const base = { ...columns(acts), asOfDate };
        const keys = KEYS.slice(0, 4);
        const last = ok(lastActivity(keys, base));
        const stale = ok(staleFlags({ lastDates: last, asOfDate, days: [days] }));
        const counts = ok(activityCount(keys, { ...base, days }));
        stale.forEach((s, i) => expect(s).toBe(counts[i] === 0));
      }),
      { numRuns: 200 },
    );
  });

  test('ACTIVITYCOUNT per distinct key adds up to the plain count in the window', () => {
    fc.assert(
      fc.property(activities, asOf, fc.integer({ min: 0, max: 150 }), typeFilter, (acts, asOfDate, days, filter) => {
        const keys = ['A1', 'A2', 'A3']; // every distinct non-blank key of the pool, once
        const counts = ok(activityCount(keys, { ...columns(acts), asOfDate, days, types: activityTypeFilter(filter ?? null) }));
        const plain = acts.filter(
          (a) =>
            a.key !== null &&
            a.date !== null &&
            (a.date as number) > asOfDate - days &&
            (a.date as number) <= asOfDate &&
            inFilter(filter, a.type),
        ).length;
        expect((counts as number[]).reduce((s, c) => s + c, 0)).toBe(plain);
      }),
      { numRuns: 200 },
    );
  });

  test('per-key results do not depend on the order of activities', () => {
    fc.assert(
      fc.property(
        activities.chain((a) => fc.shuffledSubarray(a, { minLength: a.length, maxLength: a.length }).map((b) => [a, b] as const)),
        asOf,
        ([a, b], asOfDate) => {
          expect(lastActivity(KEYS, { ...columns(b), asOfDate })).toEqual(lastActivity(KEYS, { ...columns(a), asOfDate }));
          expect(activityCount(KEYS, { ...columns(b), asOfDate, days: 60 })).toEqual(
            activityCount(KEYS, { ...columns(a), asOfDate, days: 60 }),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  test('ACCOUNTOF keeps a non-blank own account as it is', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ own: fc.constantFrom<Cell>('A1', 'b 2', 7, null), opp: fc.constantFrom<Cell>('O1', 'O2', null) }), {
          maxLength: 20,
        }),
        (rows) => {
          const r = ok(
            accountOfActivities({
              actAccountIds: rows.map((x) => x.own),
              actOppIds: rows.map((x) => x.opp),
              oppIds: ['O1'],
              oppAccountIds: ['X'],
            }),
          );
          rows.forEach((x, i) => expect(r[i]).toBe(x.own !== null ? x.own : x.opp === 'O1' ? 'X' : null));
        },
      ),
      { numRuns: 100 },
    );
  });

  test('KEYINFO is in [0, 1]', () => {
    const field = fc.constantFrom<Cell>(null, '', '  ', 0, 100, 'Li', 46000);
    const answer = fc.constantFrom<Cell>(null, 'Yes', 'No', 'Unknown', '是', '否', '未知', true, false, 1, 0, '?');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 12 }),
        fc.infiniteStream(field),
        fc.infiniteStream(answer),
        (n, q, fields, answers) => {
          const colOf = () => Array.from({ length: n }, () => fields.next().value as Cell);
          const grid = q
            ? Array.from({ length: n }, () => Array.from({ length: q }, () => answers.next().value as Cell))
            : undefined;
          const r = ok(
            keyInfoCompleteness({
              amount: colOf(),
              closeDate: colOf(),
              owner: colOf(),
              competitor: colOf(),
              nextStepDate: colOf(),
              stageEntered: colOf(),
              answers: grid,
            }),
          );
          expect(r.length).toBe(n);
          for (const v of r) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('arbitrary cells never throw: a result or a CalcError', () => {
    const anyCell = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.string(),
      fc.constantFrom<Cell>('2026-01-01', '=cmd|x', '😀', 46000),
    );
    fc.assert(
      fc.property(fc.array(anyCell, { maxLength: 8 }), fc.array(anyCell, { maxLength: 8 }), fc.double(), (a, b, d) => {
        const results = [
          accountOfActivities({ actAccountIds: a, actOppIds: a, oppIds: b, oppAccountIds: b }),
          lastActivity(a, { actKeys: b, actDates: b, asOfDate: AS_OF, actTypes: b, types: activityTypeFilter(a[0] ?? null) }),
          activityCount(a, { actKeys: b, actDates: b, asOfDate: AS_OF, days: d }),
          staleFlags({ lastDates: a, asOfDate: AS_OF, days: b }),
          keyInfoCompleteness({
            amount: a,
            closeDate: a,
            owner: a,
            competitor: a,
            nextStepDate: a,
            stageEntered: a,
            answers: a.map(() => b),
          }),
        ];
        for (const r of results) expect(r instanceof CalcError || Array.isArray(r)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
