/**
 * Win characteristics (赢单特征): the win rate over the evaluation period by a characteristic
 * of the deals (owner, grade, the account's industry, competitor, whether a mentor is on the
 * chain) with its 95 % Wilson interval, and the loss reasons. Every number is a CRM3 function
 * run on the workbook's names (WINRATEBY, DEALCOUNT, WILSON, LOOKUPBY, COUNTBY): no new math.
 */
import { Cell, isBlank, keyOf } from '../core/cells';
import { CallArgument, EngineValue, WorkbookEngine } from './workbookEngine';

export interface GroupWinRate {
  /** The group as the deals carry it (an owner, a grade, an industry …). */
  group: string;
  won: number;
  closed: number;
  rate: number;
  lower: number;
  upper: number;
}

export type WinCharacteristic = 'grade' | 'industry' | 'owner' | 'competitor' | 'mentor';

export const WIN_CHARACTERISTICS: readonly WinCharacteristic[] = ['grade', 'industry', 'owner', 'competitor', 'mentor'];

/** Keys of the groups the deals without a value fall into (competitor, mentor): the report words them. */
export const NO_COMPETITOR = '\u0000none';
export const WITH_MENTOR = '\u0000mentor';
export const WITHOUT_MENTOR = '\u0000nomentor';

export interface LossReasonCount {
  /** The reason as written; '' for lost deals without one. */
  reason: string;
  count: number;
}

const plain = (v: EngineValue | undefined): Cell => (v === undefined || (v !== null && typeof v === 'object') ? null : v);
export const errorOf = (v: EngineValue | EngineValue[][]): string | undefined => {
  const x = Array.isArray(v) ? v.flat().find((c) => c !== null && typeof c === 'object') : v;
  return x !== null && typeof x === 'object' ? x.message || x.error : undefined;
};
const column = (v: EngineValue | EngineValue[][]): EngineValue[] => (Array.isArray(v) ? v.map((r) => r[0]) : [v]);
/** A spilled column result as numbers (blank, text and errors as null). */
export const numbers = (v: EngineValue | EngineValue[][]): (number | null)[] =>
  column(v).map((x) => (typeof x === 'number' ? x : null));
export const asColumn = (values: readonly Cell[]): Cell[][] => values.map((v) => [v]);

/** Distinct non-blank values in first-seen order, compared as the functions compare keys. */
export function distinctKeys(values: readonly Cell[], into: string[] = []): string[] {
  const seen = new Set(into.map((x) => keyOf(x)));
  for (const v of values) {
    if (isBlank(v) || seen.has(keyOf(v))) continue;
    seen.add(keyOf(v));
    into.push(String(v).trim());
  }
  return into;
}

/**
 * Win rate per group of deals over the period (CRM3.WINRATEBY), with the won and closed counts
 * (CRM3.DEALCOUNT) and a 95 % Wilson interval (CRM3.WILSON). `keys` is the deals' group column
 * (a workbook name, or one value per opportunity). Groups with no closed deal are left out.
 */
export function winRatesBy(
  engine: WorkbookEngine,
  keys: CallArgument,
  groups: readonly string[],
): { data: GroupWinRate[]; problem?: string } {
  if (groups.length === 0) return { data: [] };
  const period = [{ name: 'Opp_CloseDate' }, { name: 'PeriodStart' }, { name: 'PeriodEnd' }];
  const rates = engine.call('WINRATEBY', [
    keys,
    { name: 'Opp_Status' },
    asColumn(groups),
    undefined,
    ...period,
    { name: 'NoDecisionIsLoss' },
  ]);
  // The deals a rate counts: won, and closed (no-decision ones too unless Config leaves them out).
  const closedWhich = engine.calculate('=NoDecisionIsLoss') === false ? 'Won,Lost' : 'Closed';
  const count = (which: string, group: string) =>
    engine.call('DEALCOUNT', [{ name: 'Opp_Status' }, which, ...period, keys, [[group]]]);
  const wonCalls = groups.map((g) => count('Won', g));
  const closedCalls = groups.map((g) => count(closedWhich, g));
  const problem = [rates, ...wonCalls, ...closedCalls].map(errorOf).find((m) => m !== undefined);
  if (problem) return { data: [], problem };
  const won = wonCalls.map((v) => numbers(v)[0] ?? 0);
  const closed = closedCalls.map((v) => numbers(v)[0] ?? 0);
  const bound = (which: 'lower' | 'upper') => numbers(engine.call('WILSON', [asColumn(won), asColumn(closed), which, 0.95]));
  const [lower, upper] = [bound('lower'), bound('upper')];
  const rate = numbers(rates);
  return {
    data: groups.flatMap((group, i) => {
      const r = rate[i];
      if (closed[i] <= 0 || r === null || lower[i] === null || upper[i] === null) return [];
      return [{ group, won: won[i], closed: closed[i], rate: r, lower: lower[i]!, upper: upper[i]! }];
    }),
  };
}

/** One value per opportunity for a characteristic (a name when the workbook has the column). */
function dealKeys(engine: WorkbookEngine, by: WinCharacteristic): { keys: CallArgument; values: Cell[] } | undefined {
  const opps = engine.inputColumn('Opportunities', 'OppId');
  switch (by) {
    case 'owner':
      return { keys: { name: 'Opp_Owner' }, values: engine.inputColumn('Opportunities', 'Owner').map(plain) };
    case 'grade': {
      const grades = engine.computedColumn('Opportunities', 'Grade').map(plain);
      return { keys: asColumn(grades), values: grades };
    }
    case 'industry': {
      const found = engine.call('LOOKUPBY', [{ name: 'Opp_AccountId' }, { name: 'Acc_AccountId' }, { name: 'Acc_Industry' }, '']);
      const values = column(found).map(plain);
      return values.length === opps.length ? { keys: asColumn(values), values } : undefined;
    }
    case 'competitor': {
      const values = engine.inputColumn('Opportunities', 'Competitor').map((v) => (isBlank(plain(v)) ? NO_COMPETITOR : plain(v)));
      return { keys: asColumn(values), values };
    }
    case 'mentor': {
      const mentors = engine.call('COUNTBY', [{ name: 'Dc_OppId' }, { name: 'Opp_OppId' }, { name: 'Dc_Support' }, 'Mentor']);
      const counts = numbers(mentors);
      if (counts.length !== opps.length) return undefined;
      const values = counts.map((n) => ((n ?? 0) > 0 ? WITH_MENTOR : WITHOUT_MENTOR));
      return { keys: asColumn(values), values };
    }
  }
}

/** Win rate by a characteristic; groups in first-seen order (grades A–D sorted). */
export function winRateByCharacteristic(
  engine: WorkbookEngine,
  by: WinCharacteristic,
): { data: GroupWinRate[]; problem?: string } {
  const k = dealKeys(engine, by);
  if (!k) return { data: [] };
  let groups = distinctKeys(k.values);
  if (by === 'grade' || by === 'mentor') groups = groups.sort();
  return winRatesBy(engine, k.keys, groups);
}

/** Lost (and no-decision) deals of the period by loss reason, most frequent first. */
export function lossReasons(engine: WorkbookEngine): LossReasonCount[] {
  const reasons = engine.inputColumn('Opportunities', 'LossReason').map(plain);
  const groups = distinctKeys(reasons);
  const which = engine.calculate('=NoDecisionIsLoss') === false ? 'Lost' : 'Lost,NoDecision';
  const period = [{ name: 'Opp_CloseDate' }, { name: 'PeriodStart' }, { name: 'PeriodEnd' }];
  const counts = groups.map((g) => ({
    reason: g,
    count:
      numbers(engine.call('DEALCOUNT', [{ name: 'Opp_Status' }, which, ...period, { name: 'Opp_LossReason' }, [[g]]]))[0] ?? 0,
  }));
  const all = numbers(engine.call('DEALCOUNT', [{ name: 'Opp_Status' }, which, ...period]))[0] ?? 0;
  const named = counts.reduce((a, c) => a + c.count, 0);
  const out = counts.filter((c) => c.count > 0).sort((a, b) => b.count - a.count);
  if (all - named > 0) out.push({ reason: '', count: all - named });
  return out;
}
