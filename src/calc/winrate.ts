/**
 * Win rate (赢率): won / closed, by count or by value, over deals closed in a period.
 * Closed = Won + Lost (+ NoDecision when NoDecisionIsLoss, the default).
 */
import { CalcError } from '../core/cells';
import { DealRules, checkDealRules, closedDealAt } from './dealOutcome';

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
  let won = 0;
  let closed = 0;
  for (let i = 0; i < status.length; i++) {
    if (include && !include[i]) continue;
    const deal = closedDealAt(input, i); // the per-row rule WINRATEBY shares
    if (deal instanceof CalcError) return deal;
    if (!deal) continue;
    closed += deal.weight;
    if (deal.won) won += deal.weight;
  }
  return { won, closed };
}

/** Win rate in [0, 1]; `null` (blank) when nothing closed. */
export function winRate(input: WinRateInput): number | null | CalcError {
  const t = tallyWins(input);
  if (t instanceof CalcError) return t;
  return t.closed > 0 ? t.won / t.closed : null;
}
