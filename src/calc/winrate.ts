/**
 * Win rate (赢率): won / closed, by count or by value, over deals closed in a period.
 * Closed = Won + Lost (+ NoDecision when NoDecisionIsLoss, the default).
 */
import { CalcError } from '../core/cells';
import { DealRules, checkDealRules, closedDealAt } from './dealOutcome';
import { ExactSum, exactRatio } from './exact';

export interface WinRateInput extends DealRules {
  /** Only rows where this is true count (a filter computed by the caller). */
  include?: readonly boolean[];
}

export interface WinTally {
  won: number;
  closed: number;
}

/** Won and closed totals (counts, or amounts when `amount` is given). */
export function tallyWins(input: WinRateInput): WinTally | CalcError {
  const bad = checkDealRules(input);
  if (bad) return bad;
  const { status, include } = input;
  // Exact sums (amounts with cents add up to exactly the target, issue #18).
  const won = new ExactSum();
  const closed = new ExactSum();
  for (let i = 0; i < status.length; i++) {
    if (include && !include[i]) continue;
    const deal = closedDealAt(input, i); // the per-row rule WINRATEBY shares
    if (deal instanceof CalcError) return deal;
    if (!deal) continue;
    closed.add(deal.weight);
    if (deal.won) won.add(deal.weight);
  }
  return { won: won.value, closed: closed.value };
}

/** Win rate in [0, 1]; `null` (blank) when nothing closed. */
export function winRate(input: WinRateInput): number | null | CalcError {
  const t = tallyWins(input);
  if (t instanceof CalcError) return t;
  return t.closed > 0 ? exactRatio(t.won, t.closed) : null;
}
