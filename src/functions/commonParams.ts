/**
 * Parameters that many functions share, declared once so their descriptions read the same
 * everywhere (and are translated once).
 */
import { ParamDeclaration } from './declaration';
import { Args } from './args';
import { FilterPair } from '../calc/criteria';

const p = (name: string, kind: ParamDeclaration['kind'], optional: boolean, en: string, zh: string): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

export const param = {
  status: p(
    'status',
    'range',
    false,
    'Opportunity status column (Open, Won, Lost, NoDecision or 进行中/赢单/丢单/无决策), e.g. Opp_Status.',
    '商机状态列（进行中/赢单/丢单/无决策，或 Open/Won/Lost/NoDecision），如 Opp_Status。',
  ),
  amount: (optional: boolean) =>
    p('amount', 'range', optional, 'Deal amount column, e.g. Opp_Amount.', '商机金额列，如 Opp_Amount。'),
  closeDate: p(
    'closeDate',
    'range',
    true,
    'Close date column (expected, or actual when closed), e.g. Opp_CloseDate. Needed with a period.',
    '结单日期列（预计或实际），如 Opp_CloseDate。按期间统计时必填。',
  ),
  periodStart: p(
    'periodStart',
    'value',
    true,
    'First day of the period (inclusive), e.g. PeriodStart. Blank: no lower bound.',
    '统计期间的第一天（含），如 PeriodStart。留空表示不设下限。',
  ),
  periodEnd: p(
    'periodEnd',
    'value',
    true,
    'Last day of the period (inclusive), e.g. PeriodEnd. Blank: no upper bound.',
    '统计期间的最后一天（含），如 PeriodEnd。留空表示不设上限。',
  ),
  noDecisionIsLoss: p(
    'noDecisionIsLoss',
    'value',
    true,
    'TRUE (default): no-decision deals count as closed and lost. FALSE: they are left out.',
    'TRUE（默认）：无决策的商机按丢单计入已结单；FALSE：不计入。',
  ),
  asOfDate: p('asOfDate', 'value', false, 'The date the numbers are computed for, e.g. AsOfDate.', '计算基准日，如 AsOfDate。'),
  filterColumn: (n: number) =>
    p(
      `filter${n}`,
      'range',
      true,
      `Optional filter column ${n}: only rows where it meets criterion${n} count.`,
      `可选筛选列 ${n}：只统计满足 criterion${n} 的行。`,
    ),
  criterion: (n: number) =>
    p(
      `criterion${n}`,
      'value',
      true,
      `What filter${n} must match: a value ("Open", "进行中"), a list ("A,B"), a comparison (">=4", "<"&AsOfDate), "*" non-blank, "=" blank. Blank: non-blank.`,
      `filter${n} 须满足的条件：一个值（"Open"、"进行中"）、列表（"A,B"）、比较（">=4"、"<"&AsOfDate）、"*" 表示非空、"=" 表示空。留空表示非空。`,
    ),
};

/** Parameters for `count` optional filter pairs (filter1, criterion1, …). */
export function filterParams(count: number): ParamDeclaration[] {
  const out: ParamDeclaration[] = [];
  for (let n = 1; n <= count; n++) out.push(param.filterColumn(n), param.criterion(n));
  return out;
}

/** The filter pairs given in a call. */
export function filterPairs(args: Args, count: number): FilterPair[] {
  const pairs: FilterPair[] = [];
  for (let n = 1; n <= count; n++) {
    pairs.push({
      column: args.optColumn(`filter${n}`),
      criterion: args.criterion(`criterion${n}`),
      columnName: `filter${n}`,
      criterionName: `criterion${n}`,
    });
  }
  return pairs;
}
