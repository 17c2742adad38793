/**
 * Red flags and strengths of open deals for the bi-weekly deal review (issue 16): one kernel,
 * one rule each, over plain columns. The pane, `crm3 review` and the deal-review template show
 * what it finds; none of them decides a flag.
 */
import { CalcError, Cell, Column, isBlank, keyOf, toDateSerial, toNumber } from '../core/cells';
import { staleFlags } from './activity';
import { BuyingRole, Coverage, Status, Support, canonical, lookupEnum } from '../core/enumerations';
import { Message, bi } from '../core/i18n';

export type RedFlag = 'noMentor' | 'approverNotMet' | 'slippedTwice' | 'missingEssential' | 'stale' | 'competitorNoValue';
export type Strength = 'mentor' | 'approverMet' | 'evidenceComplete' | 'compellingEvent' | 'valueStated';

export const RED_FLAGS: readonly RedFlag[] = [
  'noMentor',
  'approverNotMet',
  'slippedTwice',
  'missingEssential',
  'stale',
  'competitorNoValue',
];
export const STRENGTHS: readonly Strength[] = ['mentor', 'approverMet', 'evidenceComplete', 'compellingEvent', 'valueStated'];

export const RED_FLAG_NAMES: Record<RedFlag, Message> = {
  noMentor: bi('no mentor', '没有内线教练'),
  approverNotMet: bi('approver not met', '未接触批准者'),
  slippedTwice: bi('close date slipped twice or more', '结单日期推迟两次以上'),
  missingEssential: bi('stage without its essential events', '阶段缺少必要事件'),
  stale: bi('no recent activity', '近期无活动'),
  competitorNoValue: bi('competitor named, no unique value stated', '有竞争对手但未说明独特价值'),
};

export const STRENGTH_NAMES: Record<Strength, Message> = {
  mentor: bi('mentor in place', '有内线教练'),
  approverMet: bi('approver met', '已接触批准者'),
  evidenceComplete: bi('stage evidence complete', '阶段证据齐全'),
  compellingEvent: bi('compelling event stated', '有明确的紧迫事件'),
  valueStated: bi('value proposition stated', '已说明价值主张'),
};

export interface DealReviewInput {
  oppIds: Column;
  status: Column;
  /** Close-date slips per deal (CloseDatePushes, or derived from history). */
  pushes: Column;
  /** StageCheck per deal: "OK" or "Missing: …". */
  stageCheck: Column;
  competitor: Column;
  valueProposition: Column;
  compellingEvent: Column;
  /** Date of each deal's latest activity on or before asOf (blank: none). */
  lastActivity: Column;
  asOf: number;
  staleDays: number;
  dcOppIds: Column;
  dcRoles: Column;
  dcSupport: Column;
  dcCoverage: Column;
}

export interface DealFindings {
  flags: RedFlag[];
  strengths: Strength[];
}

/**
 * Per deal, its red flags and strengths; open deals only (a closed or blank-status deal has
 * none). The rules:
 * - noMentor: no Mentor on its decision chain; strength `mentor` otherwise;
 * - approverNotMet: no Approver on the chain with Coverage Brief or deeper (an Approver never
 *   contacted, or none mapped); strength `approverMet` otherwise;
 * - slippedTwice: the close date slipped two times or more;
 * - missingEssential: StageCheck names missing essential events; strength `evidenceComplete` when OK;
 * - stale: no activity in (asOf − staleDays, asOf];
 * - competitorNoValue: a competitor is named and no value proposition is stated;
 *   strength `valueStated` when a value proposition is stated;
 * - strength `compellingEvent` when a compelling event is stated.
 */
export function dealFindings(input: DealReviewInput): DealFindings[] {
  const mentor = new Set<string>();
  const approverMet = new Set<string>();
  input.dcOppIds.forEach((o, i) => {
    if (isBlank(o)) return;
    const k = keyOf(o);
    if (canonical(Support, input.dcSupport[i]) === 'Mentor') mentor.add(k);
    const coverage = lookupEnum(Coverage, input.dcCoverage[i])?.score ?? 0;
    if (canonical(BuyingRole, input.dcRoles[i]) === 'Approver' && coverage >= 1) approverMet.add(k);
  });
  const filled = (c: Cell | undefined) => !isBlank(c);
  // Stale is STALE's rule (calc/activity.ts), not a second one.
  const stale = staleFlags({ lastDates: input.lastActivity, asOfDate: input.asOf, days: [input.staleDays] });
  return input.oppIds.map((id, i) => {
    if (isBlank(id) || canonical(Status, input.status[i]) !== 'Open') return { flags: [], strengths: [] };
    const k = keyOf(id);
    const flags: RedFlag[] = [];
    const strengths: Strength[] = [];
    if (mentor.has(k)) strengths.push('mentor');
    else flags.push('noMentor');
    if (approverMet.has(k)) strengths.push('approverMet');
    else flags.push('approverNotMet');
    if ((toNumber(input.pushes[i] ?? undefined) ?? 0) >= 2) flags.push('slippedTwice');
    const check = input.stageCheck[i];
    if (typeof check === 'string' && /^missing/i.test(check.trim())) flags.push('missingEssential');
    else if (typeof check === 'string' && check.trim().toUpperCase() === 'OK') strengths.push('evidenceComplete');
    if (!(stale instanceof CalcError) && stale[i]) flags.push('stale');
    if (filled(input.competitor[i]) && !filled(input.valueProposition[i])) flags.push('competitorNoValue');
    if (filled(input.valueProposition[i])) strengths.push('valueStated');
    if (filled(input.compellingEvent[i])) strengths.push('compellingEvent');
    return {
      flags: RED_FLAGS.filter((f) => flags.includes(f)),
      strengths: STRENGTHS.filter((s) => strengths.includes(s)),
    };
  });
}

/**
 * Whether each open deal is due for review: never reviewed, or its last review is
 * `intervalDays` or more before asOf, or its planned next review is on or before asOf.
 * Reviews are rows of the Reviews log (OppId, Date, NextReview). Closed deals are never due.
 */
export function reviewsDue(
  oppIds: Column,
  status: Column,
  reviewOppIds: Column,
  reviewDates: Column,
  nextReviews: Column,
  asOf: number,
  intervalDays: number,
): { due: boolean; lastReview: number | null; nextReview: number | null }[] {
  const last = new Map<string, number>();
  const next = new Map<string, number>();
  reviewOppIds.forEach((o, i) => {
    if (isBlank(o)) return;
    const k = keyOf(o);
    const d = toDateSerial(reviewDates[i] ?? undefined);
    if (d === undefined || d > asOf) return;
    if (d >= (last.get(k) ?? -Infinity)) {
      last.set(k, d);
      const n = toDateSerial(nextReviews[i] ?? undefined);
      if (n === undefined) next.delete(k);
      else next.set(k, n);
    }
  });
  return oppIds.map((id, i) => {
    const k = keyOf(id);
    const lastReview = last.get(k) ?? null;
    const nextReview = next.get(k) ?? null;
    if (isBlank(id) || canonical(Status, status[i]) !== 'Open') return { due: false, lastReview, nextReview };
    const due = lastReview === null || asOf - lastReview >= intervalDays || (nextReview !== null && nextReview <= asOf);
    return { due, lastReview, nextReview };
  });
}

export type DealRule = RedFlag | Strength;

/** A rule by its code (noMentor) or its name in either language (no mentor, 没有内线教练). */
export function dealRuleOf(c: Cell | undefined): DealRule | undefined {
  if (isBlank(c)) return undefined;
  const k = keyOf(c);
  const all: [DealRule, Message][] = [
    ...RED_FLAGS.map((f): [DealRule, Message] => [f, RED_FLAG_NAMES[f]]),
    ...STRENGTHS.map((s): [DealRule, Message] => [s, STRENGTH_NAMES[s]]),
  ];
  return all.find(([code, name]) => keyOf(code) === k || keyOf(name.en) === k || keyOf(name.zh) === k)?.[0];
}

/**
 * For one deal: whether each listed rule holds (TRUE/FALSE), from its findings; blank for
 * every rule when the deal is not open or not found (a closed deal is not reviewed).
 */
export function rulesHolding(rules: Column, findings: DealFindings | undefined, open: boolean): (boolean | null)[] | CalcError {
  const out: (boolean | null)[] = [];
  for (let i = 0; i < rules.length; i++) {
    if (isBlank(rules[i])) {
      out.push(null);
      continue;
    }
    const rule = dealRuleOf(rules[i]);
    if (!rule) {
      const allowed = [...RED_FLAGS, ...STRENGTHS].join(', ');
      return new CalcError('VALUE', {
        en: `rules, row ${i + 1}: unknown rule ${String(rules[i])} (use ${allowed}, or their names)`,
        zh: `rules 第 ${i + 1} 行：无法识别的规则 ${String(rules[i])}（可用：${allowed}，或其中英文名称）`,
      });
    }
    out.push(
      !findings || !open
        ? null
        : (findings.flags as DealRule[]).includes(rule) || (findings.strengths as DealRule[]).includes(rule),
    );
  }
  return out;
}
