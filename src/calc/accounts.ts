/**
 * Account revenue measures over key accounts (大客户收入指标): share of wallet (钱包份额),
 * whitespace (未开发空间) and revenue growth. Each is an aggregate over the rows a filter
 * lets through (e.g. Tier A and B), so one call gives the portfolio's number.
 */
import { CalcError, Column } from '../core/cells';
import { checkSameLength, numberAt } from './columns';
import { ExactSum, exactDifference, exactRatio } from './exact';
import { msg } from './messages';
import type { RowFilter } from './criteria';
import type { RowTrace } from './working';

export interface RevenueInput {
  /** Our revenue per account, e.g. Acc_Revenue12m. */
  revenue: Column;
  /** Customer's spend in our category, e.g. Acc_WalletEstimate. */
  wallet: Column;
  include?: RowFilter;
}

/** A wallet estimate at row i: blank → undefined; a negative wallet is a data error. */
function walletAt(col: Column, i: number): number | undefined | CalcError {
  const w = numberAt(col, i, 'wallet');
  if (typeof w === 'number' && w < 0)
    return new CalcError(
      'VALUE',
      msg.custom(
        `wallet, row ${i + 1}: ${w} is negative; a wallet estimate is the customer's spend, 0 or more`,
        `wallet 第 ${i + 1} 行：${w} 为负数；钱包估算是客户在该品类的支出，应不小于 0`,
      ),
    );
  return w;
}

/** Σ revenue / Σ wallet over rows where both are numbers; blank when Σ wallet is 0. */
export function shareOfWallet(input: RevenueInput, trace?: RowTrace): number | null | CalcError {
  const { revenue, wallet, include } = input;
  const mismatch = checkSameLength([
    ['revenue', revenue],
    ['wallet', wallet],
  ]);
  if (mismatch) return mismatch;
  const ours = new ExactSum();
  const spend = new ExactSum();
  for (let i = 0; i < revenue.length; i++) {
    if (include && !include[i]) continue;
    const r = numberAt(revenue, i, 'revenue');
    if (r instanceof CalcError) return r;
    const w = walletAt(wallet, i);
    if (w instanceof CalcError) return w;
    if (r === undefined || w === undefined) {
      trace?.(i, w === undefined ? 'noWallet' : 'noRevenue');
      continue;
    }
    ours.add(r);
    spend.add(w);
    trace?.(i, 'revenue', r);
    trace?.(i, 'wallet', w);
  }
  return spend.sign > 0 ? exactRatio(ours, spend) : null;
}

/**
 * Σ max(wallet − revenue, 0): the business the customers buy elsewhere. Rows without a
 * wallet are left out; a blank revenue is 0 (a prospect we do not sell to yet).
 */
export function whitespace(input: RevenueInput, trace?: RowTrace): number | CalcError {
  const { revenue, wallet, include } = input;
  const mismatch = checkSameLength([
    ['wallet', wallet],
    ['revenue', revenue],
  ]);
  if (mismatch) return mismatch;
  const open = new ExactSum();
  for (let i = 0; i < wallet.length; i++) {
    if (include && !include[i]) continue;
    const w = walletAt(wallet, i);
    if (w instanceof CalcError) return w;
    const r = numberAt(revenue, i, 'revenue');
    if (r instanceof CalcError) return r;
    if (w === undefined) {
      trace?.(i, 'noWallet');
      continue;
    }
    const gap = exactDifference(w, r ?? 0);
    if (gap.sign > 0) {
      open.addSum(gap);
      trace?.(i, 'gap', [w, -(r ?? 0)]);
    } else trace?.(i, 'noGap');
  }
  return open.value;
}

export interface GrowthInput {
  current: Column;
  previous: Column;
  include?: RowFilter;
}

/**
 * Σ current / Σ previous − 1 over rows where both are numbers. Blank when Σ previous is 0
 * or less: growth from no (or a negative) base has no meaning.
 */
export function revenueGrowth(input: GrowthInput, trace?: RowTrace): number | null | CalcError {
  const { current, previous, include } = input;
  const mismatch = checkSameLength([
    ['current', current],
    ['previous', previous],
  ]);
  if (mismatch) return mismatch;
  const now = new ExactSum();
  const before = new ExactSum();
  for (let i = 0; i < current.length; i++) {
    if (include && !include[i]) continue;
    const c = numberAt(current, i, 'current');
    if (c instanceof CalcError) return c;
    const p = numberAt(previous, i, 'previous');
    if (p instanceof CalcError) return p;
    if (c === undefined || p === undefined) {
      trace?.(i, 'incomplete');
      continue;
    }
    now.add(c);
    before.add(p);
    trace?.(i, 'current', c);
    trace?.(i, 'previous', p);
  }
  // (now − before) / before: one rounding, so growth of exactly 10 % is 0.1 (issue #18).
  return before.sign > 0 ? exactRatio(exactDifference(now, before), before) : null;
}
