/**
 * The working of the key-account kernels (SHAREOFWALLET, WHITESPACE, GROWTHRATE) and of
 * KEYPLAYERSUPPORT: the kernel's tally runs once with a RowLedger; parts are its rows.
 */
import { CalcError } from '../core/cells';
import { bi } from '../core/i18n';
import { GrowthInput, RevenueInput, revenueGrowth, shareOfWallet, whitespace } from './accounts';
import { FilterPair } from './criteria';
import { filterRows } from './aggregateWorking';
import { exactDifference } from './exact';
import { KeyPlayerSupportInput, keyPlayerSupport } from './relationships';
import { RowLedger, Working, countPart, exactValue, leftOutOf, sumPart } from './working';

/** SHAREOFWALLET: Σ revenue ÷ Σ wallet over rows with both. */
export function walletShareWorking(input: Omit<RevenueInput, 'include'>, pairs: readonly FilterPair[]): Working | CalcError {
  const f = filterRows(input.revenue.length, pairs, 'revenue');
  if (f instanceof CalcError) return f;
  const ledger = new RowLedger();
  const value = shareOfWallet({ ...input, include: f.include }, ledger.trace);
  if (value instanceof CalcError) return value;
  const rows = ledger.rows('revenue');
  return {
    arithmetic: 'ratio',
    value,
    unit: 'ratio',
    parts: [
      sumPart('numerator', bi('sum of {revenue}', '{revenue} 之和'), ledger.sum('revenue'), rows, 'amount'),
      sumPart('denominator', bi('sum of {wallet}', '{wallet} 之和'), ledger.sum('wallet'), rows, 'amount'),
    ],
    filters: f.filters,
    leftOut: [
      ...f.leftOut,
      ...leftOutOf(ledger, [
        ['noWallet', bi('no value in {wallet}', '{wallet} 为空')],
        ['noRevenue', bi('no value in {revenue}', '{revenue} 为空')],
      ]),
    ],
  };
}

/** WHITESPACE: Σ (wallet − revenue) over rows where the wallet is larger. */
export function whitespaceWorking(input: Omit<RevenueInput, 'include'>, pairs: readonly FilterPair[]): Working | CalcError {
  const f = filterRows(input.wallet.length, pairs, 'wallet');
  if (f instanceof CalcError) return f;
  const ledger = new RowLedger();
  const value = whitespace({ ...input, include: f.include }, ledger.trace);
  if (value instanceof CalcError) return value;
  return {
    arithmetic: 'total',
    value,
    unit: 'amount',
    parts: [
      sumPart(
        'total',
        bi('{wallet} − {revenue}, summed', '{wallet} − {revenue} 之和'),
        ledger.sum('gap'),
        ledger.rows('gap'),
        'amount',
      ),
      countPart(
        'noGap',
        bi('rows where revenue already meets the wallet (count 0)', '收入已达到潜力的行（计 0）'),
        ledger.rows('noGap'),
        'total',
      ),
    ],
    filters: f.filters,
    leftOut: [...f.leftOut, ...leftOutOf(ledger, [['noWallet', bi('no value in {wallet}', '{wallet} 为空')]])],
  };
}

/** GROWTHRATE: (Σ current − Σ previous) ÷ Σ previous over rows with both years. */
export function growthWorking(input: Omit<GrowthInput, 'include'>, pairs: readonly FilterPair[]): Working | CalcError {
  const f = filterRows(input.current.length, pairs, 'current');
  if (f instanceof CalcError) return f;
  const ledger = new RowLedger();
  const value = revenueGrowth({ ...input, include: f.include }, ledger.trace);
  if (value instanceof CalcError) return value;
  const rows = ledger.rows('current');
  const current = ledger.sum('current');
  const previous = ledger.sum('previous');
  return {
    arithmetic: 'ratio',
    value,
    unit: 'ratio',
    parts: [
      {
        key: 'numerator',
        label: bi('growth ({current} − {previous})', '增长（{current} − {previous}）'),
        ...exactValue(exactDifference(current, previous)),
        count: rows.count,
        unit: 'amount',
        rows: rows.rows,
      },
      sumPart('denominator', bi('sum of {previous}', '{previous} 之和'), previous, rows, 'amount'),
      sumPart('current', bi('sum of {current}', '{current} 之和'), current, rows, 'amount', 'numerator'),
    ],
    filters: f.filters,
    leftOut: [
      ...f.leftOut,
      ...leftOutOf(ledger, [['incomplete', bi('{current} or {previous} missing', '{current} 或 {previous} 为空')]]),
    ],
  };
}

/** KEYPLAYERSUPPORT: key players backing us ÷ key players, over chain rows of open opportunities. */
export function keyPlayerWorking(input: KeyPlayerSupportInput): Working | CalcError {
  const ledger = new RowLedger();
  const value = keyPlayerSupport(input, ledger.trace);
  if (value instanceof CalcError) return value;
  return {
    arithmetic: 'ratio',
    value,
    unit: 'ratio',
    parts: [
      countPart('numerator', bi('key players who are mentors or supporters', '为内线教练或支持者的关键人'), ledger.rows('hit')),
      countPart('denominator', bi('key players', '关键人'), ledger.rows('hit', 'miss')),
      countPart(
        'miss',
        bi('neutral, opposed or support not recorded', '中立、反对或未记录支持度'),
        ledger.rows('miss'),
        'denominator',
      ),
    ],
    filters: input.oppStatus ? [{ key: 'open', text: bi('chain rows of open opportunities', '进行中商机的决策链行') }] : [],
    leftOut: leftOutOf(ledger, [
      ['notOpen', bi('opportunity not open', '商机不在进行中')],
      [
        'notKeyPlayer',
        bi(
          'not a key player (not inner circle or political structure, not approver or decision maker)',
          '不是关键人（不在核心圈或权力结构中，也不是批准者或决策者）',
        ),
      ],
    ]),
  };
}
