/**
 * Win rate (赢率): won / closed, by count or by value, over deals closed in a period.
 * Closed = Won + Lost (+ NoDecision when NoDecisionIsLoss, the default).
 */
import { CalcError } from '../core/cells';
import { DealReader, DealRules, checkDealRules } from './dealOutcome';
import type { RowFilter } from './criteria';
import type { RowTrace } from './working';
import { ExactSum, exactRatio } from './exact';

export interface WinRateInput extends DealRules {
  /** Only rows where this is true (or 1) count (a filter computed by the caller). */
  include?: RowFilter;
}

export interface WinTally {
  won: number;
  closed: number;
}

/**
 * Won and closed totals (counts, or amounts when `amount` is given). `trace` files each row
 * read as Won, Lost or NoDecision (with its weight) or as the reason it does not count.
 */
export function tallyWins(input: WinRateInput, trace?: RowTrace): WinTally | CalcError {
  const bad = checkDealRules(input);
  if (bad) return bad;
  const { status, include } = input;
  // Exact sums (amounts with cents add up to exactly the target, issue #18).
  const won = new ExactSum();
  const closed = new ExactSum();
  const deals = new DealReader(input); // the per-row rule WINRATEBY shares
  for (let i = 0; i < status.length; i++) {
    if (include && !include[i]) continue;
    const deal = deals.read(i);
    if (deal === 'Won' || deal === 'Lost' || deal === 'NoDecision') {
      const weight = deals.weight;
      trace?.(i, deal, weight);
      closed.add(weight);
      if (deal === 'Won') won.add(weight);
    } else if (deal instanceof CalcError) return deal;
    else trace?.(i, deal);
  }
  return { won: won.value, closed: closed.value };
}

/** Win rate in [0, 1]; `null` (blank) when nothing closed. */
export function winRate(input: WinRateInput, trace?: RowTrace): number | null | CalcError {
  const t = tallyWins(input, trace);
  if (t instanceof CalcError) return t;
  return t.closed > 0 ? exactRatio(t.won, t.closed) : null;
}
