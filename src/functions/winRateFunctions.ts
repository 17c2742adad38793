/** Win-rate family: WINRATE (count or value based, optional period and filter). */
import { includeRows } from '../calc/criteria';
import { winRate } from '../calc/winrate';
import { winRateWorking } from '../calc/aggregateWorking';
import { orFail } from './args';
import { filterPairs, filterParams, param } from './commonParams';
import { declare } from './declaration';

export const winRateFunctions = [
  declare({
    id: 'WINRATE',
    family: 'winrate',
    description: {
      en: 'Win rate: won ÷ closed deals (Won + Lost, and NoDecision unless told otherwise), by count, or by value when amounts are given. Optional period on close dates and a filter. Blank when nothing closed.',
      zh: '赢率：赢单 ÷ 已结单（赢单 + 丢单，默认也含无决策）。不给金额按个数计，给出金额按金额计。可按结单日期限定期间，并可加筛选条件。没有已结单时返回空白。',
    },
    example: '=CRM3.WINRATE(Opp_Status,,Opp_CloseDate,PeriodStart,PeriodEnd)',
    exampleResult: { en: 'share of deals closed this period that were won, e.g. 0.42', zh: '本期已结单中赢单的比例，如 0.42' },
    params: [
      param.status,
      param.amount(true),
      param.closeDate,
      param.periodStart,
      param.periodEnd,
      param.noDecisionIsLoss,
      ...filterParams(1),
    ],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when status, amount, closeDate or filter1 differ in size, a status is unknown, an amount is not a number or negative, or a period is given without closeDate.',
        zh: '#VALUE!：status、amount、closeDate、filter1 行数不一致，状态无法识别，金额不是数字或为负，或给了期间却没有 closeDate。',
      },
    ],
    evaluate(a) {
      const status = a.column('status');
      const include = orFail(includeRows(status.length, filterPairs(a, 1), 'status'));
      return winRate({
        status,
        amount: a.optColumn('amount'),
        closeDate: a.optColumn('closeDate'),
        periodStart: a.optDate('periodStart'),
        periodEnd: a.optDate('periodEnd'),
        noDecisionIsLoss: a.bool('noDecisionIsLoss', true),
        include,
      });
    },
    explain(a) {
      return winRateWorking(
        {
          status: a.column('status'),
          amount: a.optColumn('amount'),
          closeDate: a.optColumn('closeDate'),
          periodStart: a.optDate('periodStart'),
          periodEnd: a.optDate('periodEnd'),
          noDecisionIsLoss: a.bool('noDecisionIsLoss', true),
        },
        filterPairs(a, 1),
      );
    },
  }),
];
