/**
 * Issue #19: every built-in indicator's working adds up. For each of the 40 indicators the
 * value is recomputed here from the working's parts alone, exactly: each part is read as the
 * decimal it shows (its `exact` text when it has one) and the arithmetic is done in BigInt
 * fractions written in this test, rounded once to the nearest double; the result must be the
 * indicator's value to the last bit. The parts must also hang together (closed = won + lost
 * + no decision, a share's rows = hits + misses, a mean averages the rows it sums). Run on the
 * shipped samples (en, zh), on generated workbooks (three seeds and a no-decision-is-not-a-loss
 * variant) and on a scope.
 */
import path from 'path';
import { Locale } from '../../src/core/i18n';
import { EvaluationResult, IndicatorResult, evaluateWorkbook } from '../../src/engine/evaluate';
import type { ExplainPart, IndicatorExplain } from '../../src/engine/indicatorWorking';
import { readWorkbookFile } from '../../src/io/readWorkbook';
import { BUILT_IN_INDICATORS } from '../../src/model/indicators';
import { generateSample } from '../../src/model/sample';
import { WorkbookSnapshot } from '../../src/model/snapshot';

const ASOF = 46352; // 2026-11-26

// ------------------------------------------------------------------ exact fractions (test's own)

interface Fraction {
  n: bigint;
  d: bigint;
}

/** A decimal text ("-12.5", "1.5e-7", "76200000") as an exact fraction. */
function fraction(text: string): Fraction {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text.trim());
  if (!m) throw new Error(`not a decimal: ${text}`);
  const [, sign, whole, frac = '', exp = '0'] = m;
  let n = BigInt(whole + frac) * (sign ? -1n : 1n);
  let d = 10n ** BigInt(frac.length);
  const e = Number(exp);
  if (e >= 0) n *= 10n ** BigInt(e);
  else d *= 10n ** BigInt(-e);
  return { n, d };
}

const of = (p: ExplainPart): Fraction => fraction(p.exact ?? String(p.value));
const div = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.d, d: a.d * b.n });
const sub = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
const sign = (a: Fraction) => (a.n === 0n ? 0 : a.n > 0n === a.d > 0n ? 1 : -1);

/**
 * The double nearest to a fraction: 40 significant digits and a sticky digit for the rest,
 * parsed by the JavaScript engine (V8 parses decimal text correctly rounded).
 */
function toDouble(f: Fraction): number {
  if (f.n === 0n) return 0;
  const negative = f.n < 0n !== f.d < 0n;
  const n = f.n < 0n ? -f.n : f.n;
  const d = f.d < 0n ? -f.d : f.d;
  const k = 40 - (n.toString().length - d.toString().length);
  const top = k >= 0 ? n * 10n ** BigInt(k) : n;
  const bottom = k >= 0 ? d : d * 10n ** BigInt(-k);
  const digits = `${top / bottom}${top % bottom === 0n ? '0' : '1'}`;
  const x = Number(`${digits}e${-(k + 1)}`);
  return negative ? -x : x;
}

// ------------------------------------------------------------------------------ recipes

type Parts = Record<string, ExplainPart>;

const part = (parts: Parts, key: string): ExplainPart => {
  const p = parts[key];
  if (!p) throw new Error(`no part ${key} (has ${Object.keys(parts).join(', ')})`);
  return p;
};

/** numerator ÷ denominator, exactly, blank on a zero denominator. */
function ratioOf(parts: Parts): number | null {
  const d = of(part(parts, 'denominator'));
  return sign(d) === 0 ? null : toDouble(div(of(part(parts, 'numerator')), d));
}

/** How each indicator's value follows from its parts (DESIGN §6), and what its parts must satisfy. */
type Recipe = { arithmetic: IndicatorExplain['arithmetic']; value: (p: Parts) => number | null; check?: (p: Parts) => void };

const counts = (p: Parts, ...keys: string[]) => keys.reduce((s, k) => s + (p[k]?.count ?? 0), 0);

/** A win rate: closed = won + lost (+ no decision), numerator = the won detail. */
const winRate: Recipe = {
  arithmetic: 'ratio',
  value: ratioOf,
  check: (p) => {
    expect(part(p, 'numerator').value).toBe(part(p, 'won').value);
    expect(part(p, 'denominator').count).toBe(counts(p, 'won', 'lost', 'noDecision'));
  },
};
/** A share: its rows are the hits and the misses. */
const share: Recipe = {
  arithmetic: 'ratio',
  value: ratioOf,
  check: (p) => {
    expect(part(p, 'numerator').value).toBe(part(p, 'numerator').count);
    expect(part(p, 'denominator').value).toBe(part(p, 'numerator').count + part(p, 'miss').count);
  },
};
/** A mean: the rows summed are the rows counted. */
const mean: Recipe = {
  arithmetic: 'ratio',
  value: ratioOf,
  check: (p) => expect(part(p, 'numerator').count).toBe(part(p, 'denominator').value),
};
const ratio: Recipe = { arithmetic: 'ratio', value: ratioOf };
const total: Recipe = { arithmetic: 'total', value: (p) => part(p, 'total').value };

const RECIPES: Record<string, Recipe> = {
  WIN_RATE_COUNT: winRate,
  WIN_RATE_VALUE: winRate,
  COMP_WIN_RATE: winRate,
  AVG_WON_DEAL: ratio,
  NO_DECISION_RATE: ratio,
  CYCLE_DAYS_WON: mean,
  QUAL_SCORE_AVG: mean,
  GRADE_A_SHARE: share,
  STAGE_EVIDENCE_RATE: share,
  NEW_OPP_COUNT: total,
  NEW_PIPE_VALUE: total,
  OPEN_PIPE: total,
  WEIGHTED_PIPE: total,
  TARGET_ATTAIN: ratio,
  PIPE_COVERAGE: {
    arithmetic: 'coverage',
    value: (p) => {
      const gap = sub(of(part(p, 'target')), of(part(p, 'won')));
      expect(part(p, 'gap').value).toBe(toDouble(gap));
      return sign(gap) > 0 ? toDouble(div(of(part(p, 'pipeline')), gap)) : null;
    },
  },
  REQUIRED_COVERAGE: {
    arithmetic: 'ratio',
    value: ratioOf,
    check: (p) => {
      expect(part(p, 'numerator').value).toBe(1);
      // The win rate it divides by is won ÷ closed, itself recomputed.
      expect(part(p, 'denominator').value).toBe(
        toDouble(div(of(part(p, 'denominator:numerator')), of(part(p, 'denominator:denominator')))),
      );
    },
  },
  SALES_VELOCITY: {
    arithmetic: 'velocity',
    // In doubles, in the order DESIGN §6 writes it: #Open · AVG_WON_DEAL · WIN_RATE_COUNT / CYCLE_DAYS_WON.
    value: (p) => {
      const won = part(p, 'won').value;
      const closed = part(p, 'closed').value;
      const cycle = toDouble(div(of(part(p, 'cycleTotal')), of(part(p, 'cycleDeals'))));
      if (won === 0 || closed === 0 || part(p, 'cycleDeals').value === 0 || cycle === 0) return null;
      const averageWon = part(p, 'wonAmount').value / won;
      const winRateValue = won / closed;
      expect(part(p, 'averageWon').value).toBe(averageWon);
      expect(part(p, 'winRate').value).toBe(winRateValue);
      expect(part(p, 'cycleDays').value).toBe(cycle);
      return (part(p, 'open').value * averageWon * winRateValue) / cycle;
    },
  },
  LATE_STAGE_SHARE: ratio,
  SHARE_OF_WALLET: ratio,
  WHITESPACE: total,
  ACCOUNT_GROWTH: {
    arithmetic: 'ratio',
    value: ratioOf,
    check: (p) => expect(part(p, 'numerator').value).toBe(toDouble(sub(of(part(p, 'current')), of(part(p, 'denominator'))))),
  },
  KEYACC_PIPE_SHARE: ratio,
  TIER_A_REVENUE_SHARE: ratio,
  ROLE_COVERAGE: mean,
  KEYPLAYER_SUPPORT: share,
  MENTOR_RATE: share,
  OPPONENT_MAPPED_RATE: share,
  COVERAGE_DEPTH: mean,
  DECISION_MAKER_MAPPED: share,
  EXEC_ACCESS: share,
  VISIT_SLA: share,
  RELATIONSHIP_LEVEL_AVG: mean,
  ACT_PER_OPP: mean,
  STALE_RATE: share,
  STAGE_OVERRUN: share,
  CLOSE_SLIP_RATE: share,
  OVERDUE_RATE: share,
  NEXT_STEP_RATE: share,
  KEY_INFO_COMPLETE: mean,
  // On time ÷ (on time + late + overdue): the denominator breaks down into exactly those three.
  PLAN_ACTION_DONE: {
    arithmetic: 'ratio',
    value: ratioOf,
    check: (p) => {
      expect(part(p, 'numerator').count).toBe(part(p, 'onTime').count);
      expect(part(p, 'denominator').count).toBe(part(p, 'onTime').count + part(p, 'late').count + part(p, 'overdue').count);
    },
  },
};

// ------------------------------------------------------------------------------ the checks

function evaluate(
  snapshot: WorkbookSnapshot,
  locale: Locale,
  scopes = [] as { field: 'owner'; value: string }[],
): EvaluationResult {
  return evaluateWorkbook(snapshot, { file: 'test.xlsx', asOf: ASOF, locale, scopes });
}

function checkIndicator(ind: IndicatorResult): void {
  const recipe = RECIPES[ind.id];
  const e = ind.explain;
  if (!e) throw new Error(`${ind.id} has no working`);
  expect(e.arithmetic).toBe(recipe.arithmetic);
  const parts: Parts = Object.fromEntries(e.parts.map((p) => [p.key, p]));
  expect(e.value).toBe(ind.value);
  expect(recipe.value(parts)).toBe(ind.value);
  recipe.check?.(parts);
  expect(e.sentence.length).toBeGreaterThan(0);
  // The evaluation's JSON keeps counts, not rows.
  for (const p of e.parts) expect(p.rows).toBeUndefined();
  for (const l of e.leftOut) expect(l.rows).toBeUndefined();
}

function checkAll(result: EvaluationResult): void {
  const ids = result.indicators.map((i) => i.id);
  expect(ids).toEqual(BUILT_IN_INDICATORS.map((r) => r.id));
  for (const ind of result.indicators) {
    if (ind.status === 'NoData' && !ind.explain) continue; // inputs absent: nothing to explain
    try {
      checkIndicator(ind);
    } catch (err) {
      throw new Error(`${ind.id}: ${(err as Error).message}`);
    }
  }
}

test('there is a recipe for each of the 40 catalog indicators', () => {
  expect(Object.keys(RECIPES).sort()).toEqual(BUILT_IN_INDICATORS.map((r) => r.id).sort());
  expect(BUILT_IN_INDICATORS).toHaveLength(40);
});

describe.each(['en-US', 'zh-CN'] as const)('the shipped sample (%s)', (locale) => {
  let result: EvaluationResult;
  beforeAll(async () => {
    const read = await readWorkbookFile(path.join(__dirname, '..', '..', 'templates', 'samples', `crm3-sample.${locale}.xlsx`));
    if (!read.ok) throw new Error(read.reason.message.en);
    result = evaluate(read.snapshot, locale);
  });

  test('every indicator has a working, and its parts give its value exactly', () => {
    for (const ind of result.indicators) expect([ind.id, ind.explain !== undefined]).toEqual([ind.id, true]);
    checkAll(result);
  });

  test('the win rate reads as the issue asks', () => {
    const win = result.indicators.find((i) => i.id === 'WIN_RATE_COUNT')!.explain!;
    const won = win.parts.find((p) => p.key === 'numerator')!.count;
    const closed = win.parts.find((p) => p.key === 'denominator')!.count;
    if (locale === 'en-US') {
      expect(win.sentence).toMatch(
        new RegExp(`^${won} deals won ÷ ${closed} deals closed \\(won ${won}, lost \\d+, no decision \\d+\\) = \\d+\\.\\d%`),
      );
      expect(win.sentence).toContain('closed between 2026-01-01 and 2026-12-31');
      expect(win.sentence).toContain('no decision counted as lost');
    } else {
      expect(win.sentence).toMatch(new RegExp(`^赢单 ${won} ÷ 已结单 ${closed}（赢单 ${won}、丢单 \\d+、无决策 \\d+）`));
      expect(win.sentence).not.toMatch(/[A-Za-z]/);
    }
  });
});

describe('generated workbooks', () => {
  test.each([1, 2, 7])('seed %i: every working adds up', (seed) => {
    checkAll(evaluate(generateSample({ locale: seed === 2 ? 'zh-CN' : 'en-US', size: 300, seed }), 'en-US'));
  });

  test('with no decision left out of the win rate, closed is won + lost', () => {
    const snapshot = generateSample({ locale: 'en-US', size: 200, seed: 3 });
    snapshot.settings.NoDecisionIsLoss = false;
    const result = evaluate(snapshot, 'en-US');
    checkAll(result);
    const win = result.indicators.find((i) => i.id === 'WIN_RATE_COUNT')!.explain!;
    expect(win.parts.map((p) => p.key)).not.toContain('noDecision');
    expect(win.leftOut.find((l) => l.key === 'noDecisionNotLoss')!.count).toBeGreaterThan(0);
  });

  test('a scope (one owner) explains its own numbers', () => {
    const snapshot = generateSample({ locale: 'en-US', size: 300, seed: 4 });
    const owners = snapshot.tables.Accounts!.rows.map((r) => r[snapshot.tables.Accounts!.headers.indexOf('Owner')]);
    checkAll(evaluate(snapshot, 'en-US', [{ field: 'owner', value: String(owners[0]) }]));
  });

  test('a tiny workbook: nothing closed gives a blank win rate whose working says why', () => {
    const snapshot = generateSample({ locale: 'en-US', size: 5, seed: 9 });
    const result = evaluate(snapshot, 'en-US');
    checkAll(result);
  });
});
