/**
 * How one opportunity row counts towards a win rate: not at all (open, blank, outside the
 * period, or a no-decision that is not a loss), or as a closed deal that was won or not,
 * weighted by 1 or by its amount. WINRATE (winrate.ts) and WINRATEBY (groupBy.ts) both read
 * rows through this, so a deal counts the same way in a total and in a per-group column.
 */
import { CalcError, Column } from '../core/cells';
import { checkSameLength, codeAt, dateAt, inWindow, numberAt } from './columns';
import { Status } from '../core/enumerations';
import { msg } from './messages';

export interface DealRules {
  status: Column;
  /** Deal amounts: a closed deal weighs its amount instead of 1. */
  amount?: Column;
  /** Close dates, needed when a period bound is given. */
  closeDate?: Column;
  periodStart?: number;
  periodEnd?: number;
  /** Default true: NoDecision counts as closed and lost. */
  noDecisionIsLoss?: boolean;
}

/** A closed deal's weight (1, or its amount) and whether it was won. */
export interface ClosedDeal {
  won: boolean;
  weight: number;
  status: 'Won' | 'Lost' | 'NoDecision';
}

/** Why a row does not count as a closed deal (the working's left-out keys). */
export type NotClosed = 'blankStatus' | 'open' | 'noDecisionNotLoss' | 'noCloseDate' | 'outsidePeriod';

/** Problems with the rules as a whole: columns of different sizes, a period without close dates. */
export function checkDealRules(rules: DealRules): CalcError | undefined {
  const mismatch = checkSameLength([
    ['status', rules.status],
    ['amount', rules.amount],
    ['closeDate', rules.closeDate],
  ]);
  if (mismatch) return mismatch;
  if ((rules.periodStart !== undefined || rules.periodEnd !== undefined) && !rules.closeDate)
    return new CalcError(
      'VALUE',
      msg.custom(
        'a period needs closeDate: give the close dates (e.g. Opp_CloseDate)',
        '按期间统计需要 closeDate：请给出结单日期列（如 Opp_CloseDate）',
      ),
    );
  return undefined;
}

/**
 * Row i (0-based) as a closed deal, or undefined when it does not count. Cells are only
 * checked as far as the row needs them: an open deal's close date and amount are not read.
 * Call checkDealRules once first.
 */
export function closedDealAt(rules: DealRules, i: number): ClosedDeal | undefined | CalcError {
  const d = dealAt(rules, i);
  return typeof d === 'string' ? undefined : d;
}

/** Row i as a closed deal, or why it is not one. Call checkDealRules once first. */
export function dealAt(rules: DealRules, i: number): ClosedDeal | NotClosed | CalcError {
  const s = codeAt(rules.status, i, Status, 'status');
  if (s instanceof CalcError) return s;
  if (s === undefined) return 'blankStatus';
  if (s === 'Open') return 'open';
  if (s === 'NoDecision' && !(rules.noDecisionIsLoss ?? true)) return 'noDecisionNotLoss';
  if (rules.periodStart !== undefined || rules.periodEnd !== undefined) {
    const d = dateAt(rules.closeDate!, i, 'closeDate');
    if (d instanceof CalcError) return d;
    if (d === undefined) return 'noCloseDate';
    if (!inWindow(d, rules.periodStart, rules.periodEnd)) return 'outsidePeriod';
  }
  let weight = 1;
  if (rules.amount) {
    const a = numberAt(rules.amount, i, 'amount');
    if (a instanceof CalcError) return a;
    if (a !== undefined && a < 0)
      return new CalcError('VALUE', msg.custom(`amount, row ${i + 1}: ${a} is negative`, `amount 第 ${i + 1} 行：${a} 为负数`));
    weight = a ?? 0;
  }
  return { won: s === 'Won', weight, status: s as ClosedDeal['status'] };
}
