/**
 * Account family: SHAREOFWALLET, WHITESPACE, GROWTH — revenue measures over the accounts
 * a filter lets through (typically key accounts, Acc_Tier "A,B").
 */
import { growthWorking, walletShareWorking, whitespaceWorking } from '../calc/accountWorking';
import { rowMask } from '../calc/criteria';
import { revenueGrowth, shareOfWallet, whitespace } from '../calc/accounts';
import { Args, orFail } from './args';
import { filterPairs, filterParams } from './commonParams';
import { FunctionDeclaration, ParamDeclaration, declare } from './declaration';

const p = (name: string, en: string, zh: string): ParamDeclaration => ({
  name,
  kind: 'range',
  optional: false,
  description: { en, zh },
});

const revenue = p(
  'revenue',
  'Our revenue per account over the last 12 months, e.g. Acc_Revenue12m.',
  '本公司近 12 个月在各客户的收入，如 Acc_Revenue12m。',
);
const wallet = p(
  'wallet',
  "The customer's spend in our category per account, e.g. Acc_WalletEstimate.",
  '各客户在本品类的总支出（钱包估算），如 Acc_WalletEstimate。',
);

function include(a: Args, first: string): boolean[] {
  return orFail(rowMask(a.column(first).length, filterPairs(a, 1), first));
}

const numberErrors = (cols: string, zhCols: string) => ({
  en: `#VALUE! when ${cols} or filter1 differ in size, or a cell is text that is not a number.`,
  zh: `#VALUE!：${zhCols}、filter1 行数不一致，或单元格内容不是数字。`,
});

export const accountFunctions: FunctionDeclaration[] = [
  declare({
    id: 'SHAREOFWALLET',
    family: 'accounts',
    description: {
      en: 'Share of wallet: Σ revenue ÷ Σ wallet over the accounts (passing the filter) that have both. Blank when the wallet sum is 0.',
      zh: '钱包份额：本公司收入合计 ÷ 客户品类支出合计，只统计两项都有数值（且满足筛选条件）的客户。支出合计为 0 时返回空白。',
    },
    example: '=CRM3.SHAREOFWALLET(Acc_Revenue12m,Acc_WalletEstimate,Acc_Tier,"A,B")',
    exampleResult: { en: "our share of key accounts' spend, e.g. 0.31", zh: '重点客户支出中本公司所占份额，如 0.31' },
    params: [revenue, wallet, ...filterParams(1)],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [
      numberErrors('revenue, wallet', 'revenue、wallet'),
      { en: '#VALUE! when a wallet estimate is negative.', zh: '#VALUE!：钱包估算为负数。' },
    ],
    evaluate(a) {
      return shareOfWallet({ revenue: a.column('revenue'), wallet: a.column('wallet'), include: include(a, 'revenue') });
    },
    explain(a) {
      return walletShareWorking({ revenue: a.column('revenue'), wallet: a.column('wallet') }, filterPairs(a, 1));
    },
  }),
  declare({
    id: 'WHITESPACE',
    family: 'accounts',
    description: {
      en: 'Whitespace: Σ max(wallet − revenue, 0), the business our accounts still buy elsewhere. Accounts without a wallet are left out; a blank revenue counts as 0.',
      zh: '未开发空间：Σ max(客户品类支出 − 本公司收入, 0)，即客户仍向别家采购的业务。没有钱包估算的客户不计；收入为空按 0 计。',
    },
    example: '=CRM3.WHITESPACE(Acc_WalletEstimate,Acc_Revenue12m,Acc_Tier,"A,B")',
    exampleResult: {
      en: 'spend of key accounts we do not win yet, e.g. 5,400,000',
      zh: '重点客户中尚未拿下的支出，如 5,400,000',
    },
    params: [wallet, revenue, ...filterParams(1)],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [
      numberErrors('wallet, revenue', 'wallet、revenue'),
      { en: '#VALUE! when a wallet estimate is negative.', zh: '#VALUE!：钱包估算为负数。' },
    ],
    evaluate(a) {
      return whitespace({ wallet: a.column('wallet'), revenue: a.column('revenue'), include: include(a, 'wallet') });
    },
    explain(a) {
      return whitespaceWorking({ wallet: a.column('wallet'), revenue: a.column('revenue') }, filterPairs(a, 1));
    },
  }),
  declare({
    id: 'GROWTHRATE',
    family: 'accounts',
    description: {
      en: 'Revenue growth: Σ current ÷ Σ previous − 1 over the accounts (passing the filter) that have both. Blank when the previous sum is 0 or less.',
      zh: '收入增长率：本期收入合计 ÷ 上期收入合计 − 1，只统计两项都有数值（且满足筛选条件）的客户。上期合计不大于 0 时返回空白。',
    },
    example: '=CRM3.GROWTHRATE(Acc_Revenue12m,Acc_RevenuePrev12m,Acc_Tier,"A,B")',
    exampleResult: { en: 'year-on-year growth of key accounts, e.g. 0.12', zh: '重点客户收入同比增长，如 0.12' },
    params: [
      p('current', 'Revenue of the current 12 months, e.g. Acc_Revenue12m.', '近 12 个月收入，如 Acc_Revenue12m。'),
      p('previous', 'Revenue of the 12 months before, e.g. Acc_RevenuePrev12m.', '上一个 12 个月的收入，如 Acc_RevenuePrev12m。'),
      ...filterParams(1),
    ],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [numberErrors('current, previous', 'current、previous')],
    evaluate(a) {
      return revenueGrowth({ current: a.column('current'), previous: a.column('previous'), include: include(a, 'current') });
    },
    explain(a) {
      return growthWorking({ current: a.column('current'), previous: a.column('previous') }, filterPairs(a, 1));
    },
  }),
];
