/**
 * Decision-chain kernels: hand-computed examples, error messages that name the row, and
 * fast-check properties (ranges, quarters, permutation invariance).
 */
import fc from 'fast-check';
import { CalcError, Cell } from '../../src/core/cells';
import { Coverage, Influence, Support } from '../../src/core/enumerations';
import {
  enumScores,
  isKeyPlayer,
  keyPlayerSupport,
  roleCoverage,
  scoredEnumeration,
  supportIndex,
} from '../../src/calc/relationships';

const ok = <T>(v: T | CalcError): T => {
  if (v instanceof CalcError) throw new Error(`unexpected error: ${v.message.en}`);
  return v;
};
const fails = (v: unknown): CalcError => {
  if (!(v instanceof CalcError)) throw new Error(`expected an error, got ${JSON.stringify(v)}`);
  return v;
};

describe('roleCoverage', () => {
  test('distinct roles per opportunity / 4', () => {
    // O1: Approver, DecisionMaker, DecisionMaker → 2/4; O2: 使用者 → 1/4; O3: none → 0
    const r = roleCoverage({
      oppIds: ['O1', 'O2', 'O3'],
      dcOppIds: ['O1', 'O1', 'O2', 'O1'],
      dcRoles: ['Approver', 'DecisionMaker', '使用者', '决策者'],
    });
    expect(r).toEqual([0.5, 0.25, 0]);
  });

  test('unknown role names the argument and the row, in both languages', () => {
    const e = fails(roleCoverage({ oppIds: ['O1'], dcOppIds: ['O1', 'O1'], dcRoles: ['User', 'Buyer'] }));
    expect(e.code).toBe('VALUE');
    expect(e.message.en).toContain('dcRoles, row 2');
    expect(e.message.en).toContain('"Buyer"');
    expect(e.message.zh).toContain('第 2 行');
  });

  test('size mismatch names both arguments', () => {
    const e = fails(roleCoverage({ oppIds: ['O1'], dcOppIds: ['O1', 'O1'], dcRoles: ['User'] }));
    expect(e.message.en).toBe('dcOppIds and dcRoles differ in size: 2 vs 1');
  });
});

describe('supportIndex', () => {
  test('influence-weighted mean', () => {
    // O1: Mentor·High(3) + Enemy·blank(1) = 6 − 2 = 4 over 4 → 1; O2: Neutral·Low → 0
    const r = supportIndex({
      oppIds: ['O1', 'O2', 'O3'],
      dcOppIds: ['O1', 'O1', 'O2'],
      dcSupport: ['Mentor', 'Enemy', 'Neutral'],
      dcInfluence: ['High', null, 'Low'],
    });
    expect(r).toEqual([1, 0, null]);
  });

  test('unknown influence names the row', () => {
    const e = fails(
      supportIndex({ oppIds: ['O1'], dcOppIds: ['O1', 'O1'], dcSupport: ['Mentor', null], dcInfluence: ['High', 'Huge'] }),
    );
    expect(e.message.en).toContain('dcInfluence, row 2');
  });
});

describe('keyPlayerSupport', () => {
  test('key players per DESIGN §4', () => {
    expect(isKeyPlayer('InnerCircle', undefined)).toBe(true);
    expect(isKeyPlayer('PoliticalStructure', 'User')).toBe(true);
    expect(isKeyPlayer('Outside', 'Approver')).toBe(true);
    expect(isKeyPlayer(undefined, 'DecisionMaker')).toBe(true);
    expect(isKeyPlayer('Outside', 'Evaluator')).toBe(false);
    expect(isKeyPlayer(undefined, undefined)).toBe(false);
  });

  test('open opportunities only; a duplicate opportunity id keeps its first status', () => {
    // O1 Open (first row), O2 Won. O1 key rows: InnerCircle Mentor, Approver blank → 1/2
    const r = keyPlayerSupport({
      dcOppIds: ['O1', 'O1', 'O2'],
      dcPolitical: ['InnerCircle', null, 'InnerCircle'],
      dcRoles: [null, 'Approver', null],
      dcSupport: ['Mentor', null, 'Mentor'],
      oppIds: ['O1', 'O2', 'O1'],
      oppStatus: ['Open', 'Won', 'Lost'],
    });
    expect(r).toBe(0.5);
  });

  test('oppIds alone is an error that says what to add', () => {
    const e = fails(keyPlayerSupport({ dcOppIds: [], dcPolitical: [], dcRoles: [], dcSupport: [], oppIds: ['O1'] }));
    expect(e.message.en).toContain('oppStatus');
  });
});

describe('enumScores', () => {
  test('scale names in en and zh', () => {
    expect(ok(scoredEnumeration('覆盖度'))).toBe(Coverage);
    expect(ok(scoredEnumeration(' SUPPORT '))).toBe(Support);
    expect(ok(scoredEnumeration('影响力'))).toBe(Influence);
    expect(fails(scoredEnumeration('Size')).message.en).toContain('Coverage/覆盖度');
  });

  test('unknown value names the row', () => {
    const e = fails(enumScores(['InDepth', null, 'Deep'], Coverage));
    expect(e.message.en).toContain('values, row 3');
  });
});

// ---- properties ----

const ids = ['O1', 'O2', 'O3', 'o1 ', 'Ｏ２', null];
const roles = ['Approver', 'DecisionMaker', 'Evaluator', 'User', '批准者', '决策者', '评估者', '使用者', null];
const supports = ['Mentor', 'Supporter', 'Neutral', 'NonSupporter', 'Enemy', '内线教练', '反对者', null];
const influences = ['High', 'Medium', 'Low', '高', '中', '低', null];
const politicals = ['InnerCircle', 'PoliticalStructure', 'Outside', '核心圈', null];
const statuses = ['Open', 'Won', 'Lost', 'NoDecision', '进行中'];

interface ChainRow {
  opp: Cell;
  role: Cell;
  support: Cell;
  influence: Cell;
  political: Cell;
}
const chainRow = fc.record<ChainRow>({
  opp: fc.constantFrom(...ids),
  role: fc.constantFrom(...roles),
  support: fc.constantFrom(...supports),
  influence: fc.constantFrom(...influences),
  political: fc.constantFrom(...politicals),
});
/** A chain and a permutation of it (a shuffled copy). */
const chainAndShuffle = fc
  .array(chainRow, { maxLength: 40 })
  .chain((rows) =>
    fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }).map((shuffled) => [rows, shuffled] as const),
  );
const OPPS: Cell[] = ['O1', 'O2', 'O3', 'O4', null];

const columnsOf = (rows: readonly ChainRow[]) => ({
  dcOppIds: rows.map((r) => r.opp),
  dcRoles: rows.map((r) => r.role),
  dcSupport: rows.map((r) => r.support),
  dcInfluence: rows.map((r) => r.influence),
  dcPolitical: rows.map((r) => r.political),
});

const close = (a: (number | null)[], b: (number | null)[]) =>
  a.length === b.length &&
  a.every((x, i) => (x === null ? b[i] === null : b[i] !== null && Math.abs(x - (b[i] as number)) < 1e-12));

describe('properties', () => {
  test('ROLECOVERAGE is in [0, 1] in quarters, and does not depend on chain order', () => {
    fc.assert(
      fc.property(chainAndShuffle, ([rows, shuffled]) => {
        const a = ok(roleCoverage({ oppIds: OPPS, ...columnsOf(rows) }));
        const b = ok(roleCoverage({ oppIds: OPPS, ...columnsOf(shuffled) }));
        expect(b).toEqual(a);
        for (const v of a.slice(0, 4)) {
          expect(v).not.toBeNull();
          expect(v!).toBeGreaterThanOrEqual(0);
          expect(v!).toBeLessThanOrEqual(1);
          expect(Number.isInteger(v! * 4)).toBe(true);
        }
        expect(a[4]).toBeNull(); // blank opportunity id
      }),
      { numRuns: 200 },
    );
  });

  test('SUPPORTINDEX is in [−2, 2] (with or without influence), and does not depend on chain order', () => {
    fc.assert(
      fc.property(chainAndShuffle, fc.boolean(), ([rows, shuffled], weighted) => {
        const pick = (c: ReturnType<typeof columnsOf>) => ({
          oppIds: OPPS,
          dcOppIds: c.dcOppIds,
          dcSupport: c.dcSupport,
          dcInfluence: weighted ? c.dcInfluence : undefined,
        });
        const a = ok(supportIndex(pick(columnsOf(rows))));
        const b = ok(supportIndex(pick(columnsOf(shuffled))));
        expect(close(a, b)).toBe(true);
        for (const v of a)
          if (v !== null) {
            expect(v).toBeGreaterThanOrEqual(-2 - 1e-12);
            expect(v).toBeLessThanOrEqual(2 + 1e-12);
          }
      }),
      { numRuns: 200 },
    );
  });

  test('KEYPLAYERSUPPORT is in [0, 1] or blank, and does not depend on chain order', () => {
    const oppIds = ['O1', 'O2', 'O3'];
    fc.assert(
      fc.property(
        chainAndShuffle,
        fc.array(fc.constantFrom(...statuses), { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        ([rows, shuffled], oppStatus, filtered) => {
          const run = (r: readonly ChainRow[]) => {
            const c = columnsOf(r);
            return ok(keyPlayerSupport({ ...c, ...(filtered ? { oppIds, oppStatus } : {}) }));
          };
          const a = run(rows);
          expect(run(shuffled)).toBe(a);
          if (a !== null) {
            expect(a).toBeGreaterThanOrEqual(0);
            expect(a).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('ENUMSCORE of a support value is its place on the +2…−2 scale, blank stays blank', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...supports), { maxLength: 20 }), (values) => {
        const scores = ok(enumScores(values, Support));
        scores.forEach((s, i) => {
          if (values[i] === null) expect(s).toBeNull();
          else expect([2, 1, 0, -1, -2]).toContain(s);
        });
      }),
      { numRuns: 100 },
    );
  });

  test('arbitrary cells never throw: a result or a CalcError', () => {
    const anyCell = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.string(),
      fc.constantFrom(...roles, ...supports, '=cmd|x', '😀'),
    );
    fc.assert(
      fc.property(
        fc.array(anyCell, { maxLength: 10 }),
        fc.array(anyCell, { maxLength: 10 }),
        fc.array(anyCell, { maxLength: 10 }),
        (a, b, c) => {
          const n = Math.min(a.length, b.length);
          for (const r of [
            roleCoverage({ oppIds: c, dcOppIds: a.slice(0, n), dcRoles: b.slice(0, n) }),
            supportIndex({ oppIds: c, dcOppIds: a, dcSupport: b, dcInfluence: c }),
            keyPlayerSupport({ dcOppIds: a, dcPolitical: b, dcRoles: c, dcSupport: a }),
            enumScores(a, Coverage),
          ]) {
            if (!(r instanceof CalcError)) expect(r === null || typeof r === 'number' || Array.isArray(r)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

test('linear: 40,000 chain rows over 10,000 opportunities in one pass', () => {
  const n = 40_000;
  const m = 10_000;
  const role = ['Approver', 'DecisionMaker', 'Evaluator', 'User'];
  const dcOppIds = Array.from({ length: n }, (_, i) => `O${i % m}`);
  const dcRoles = Array.from({ length: n }, (_, i) => role[Math.floor(i / m) % 4]);
  const oppIds = Array.from({ length: m }, (_, i) => `O${i}`);
  // each opportunity gets rows i, i+m, i+2m, i+3m: all four roles → 1
  const r = ok(roleCoverage({ oppIds, dcOppIds, dcRoles }));
  expect(r.length).toBe(m);
  expect(r.every((v) => v === 1)).toBe(true);
});
