/**
 * Win rate (赢率): won / closed, by count or by value, over deals closed in a period.
 * Closed = Won + Lost (+ NoDecision when NoDecisionIsLoss, the default).
 */
import { CalcError, Column } from './cells';
import { checkSameLength, codeAt, dateAt, inWindow, numberAt } from './columns';
import { Status } from './enumerations';
import { msg } from './messages';

export interface WinRateInput {
  status: Column;
  /** Deal amounts: the rate becomes value-based (Σ won / Σ closed). */
  amount?: Column;
  /** Close dates, needed when a period bound is given. */
  closeDate?: Column;
  periodStart?: number;
  periodEnd?: number;
  noDecisionIsLoss?: boolean;
  /** Only rows where this is true count (a filter computed by the caller). */
  include?: readonly boolean[];
}

export interface WinTally {
  won: number;
  closed: number;
}

/** Won and closed totals (counts, or amounts when `amount` is given). */
export function tallyWins(input: WinRateInput): WinTally | CalcError {
  const { status, amount, closeDate, periodStart, periodEnd, include } = input;
  const ndIsLoss = input.noDecisionIsLoss ?? true;
  const mismatch = checkSameLength([['status', status], ['amount', amount], ['closeDate', closeDate]]);
  if (mismatch) return mismatch;
  const windowed = periodStart !== undefined || periodEnd !== undefined;
  if (windowed && !closeDate)
    return new CalcError('VALUE', msg.custom(
      'a period needs closeDate: give the close dates (e.g. Opp_CloseDate)',
      '按期间统计需要 closeDate：请给出结单日期列（如 Opp_CloseDate）',
    ));
  let won = 0;
  let closed = 0;
  for (let i = 0; i < status.length; i++) {
    if (include && !include[i]) continue;
    const s = codeAt(status, i, Status, 'status');
    if (s instanceof CalcError) return s;
    if (s === undefined || s === 'Open' || (s === 'NoDecision' && !ndIsLoss)) continue;
    if (windowed) {
      const d = dateAt(closeDate!, i, 'closeDate');
      if (d instanceof CalcError) return d;
      if (!inWindow(d, periodStart, periodEnd)) continue;
    }
    let weight = 1;
    if (amount) {
      const a = numberAt(amount, i, 'amount');
      if (a instanceof CalcError) return a;
      if (a !== undefined && a < 0)
        return new CalcError('VALUE', msg.custom(`amount, row ${i + 1}: ${a} is negative`, `amount 第 ${i + 1} 行：${a} 为负数`));
      weight = a ?? 0;
    }
    closed += weight;
    if (s === 'Won') won += weight;
  }
  return { won, closed };
}

/** Win rate in [0, 1]; `null` (blank) when nothing closed. */
export function winRate(input: WinRateInput): number | null | CalcError {
  const t = tallyWins(input);
  if (t instanceof CalcError) return t;
  return t.closed > 0 ? t.won / t.closed : null;
}
