/**
 * Pipeline family: PIPELINE, DEALCOUNT, DEALSUM, TARGET, COVERAGE, CYCLEDAYS, VELOCITY.
 * The math is in src/calc/pipeline.ts; these declarations only read the arguments.
 */
import { CalcError } from '../core/cells';
import { includeRows } from '../calc/criteria';
import { msg } from '../calc/messages';
import {
  cycleDays,
  openPipeline,
  parseStatusSet,
  pipelineCoverage,
  salesVelocity,
  sumTargets,
  tallyDeals,
} from '../calc/pipeline';
import { Args, orFail } from './args';
import { cycleWorking, dealWorking, targetWorking, velocityWorking } from '../calc/dealWorking';
import { filterPairs, filterParams, param } from './commonParams';
import { FilterPair } from '../calc/criteria';

const OPEN_ONLY: ReadonlySet<string> = new Set(['Open']);
import { FunctionDeclaration, ParamDeclaration, declare } from './declaration';

const p = (name: string, kind: ParamDeclaration['kind'], optional: boolean, en: string, zh: string): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

const which = p(
  'which',
  'value',
  false,
  'Which deals: "Open", "Won", "Lost", "NoDecision", "Closed" (Won + Lost + NoDecision), "*" (any status) or a list such as "Won,Lost"; zh names work too.',
  '统计哪类商机："进行中"、"赢单"、"丢单"、"无决策"、"已结单"（赢单 + 丢单 + 无决策）、"*"（任意状态），或 "赢单,丢单" 这样的列表；英文名称同样可用。',
);
const dealDates = p(
  'dates',
  'range',
  true,
  'Date column the period applies to: Opp_CloseDate for deals closed in the period, Opp_CreatedDate for new deals. Needed with a period.',
  '期间所依据的日期列：统计本期结单用 Opp_CloseDate，统计本期新建商机用 Opp_CreatedDate。按期间统计时必填。',
);
const createdDates = p(
  'createdDates',
  'range',
  false,
  'Created date column, e.g. Opp_CreatedDate.',
  '商机创建日期列，如 Opp_CreatedDate。',
);
const closeDates = p(
  'closeDates',
  'range',
  false,
  'Close date column, e.g. Opp_CloseDate; the period applies to it.',
  '结单日期列，如 Opp_CloseDate；期间按此日期计算。',
);

/** DEALCOUNT's and DEALSUM's query, as their arguments give it. */
function dealQuery(a: Args, withAmount: boolean) {
  return {
    status: a.column('status'),
    which: orFail(parseStatusSet(a.criterion('which'), 'which')),
    amount: withAmount ? a.column('amount') : undefined,
    dates: a.optColumn('dates'),
    periodStart: a.optDate('periodStart'),
    periodEnd: a.optDate('periodEnd'),
  };
}

function dealTally(a: Args, withAmount: boolean) {
  const query = dealQuery(a, withAmount);
  const include = orFail(includeRows(query.status.length, filterPairs(a, 1), 'status'));
  return orFail(tallyDeals({ ...query, include }));
}

/** PIPELINE's input, as its arguments give it. */
function pipelineInput(a: Args) {
  return {
    status: a.column('status'),
    amount: a.column('amount'),
    probability: a.optColumn('probability'),
    closeDate: a.optColumn('closeDate'),
    periodStart: a.optDate('periodStart'),
    periodEnd: a.optDate('periodEnd'),
  };
}

/** TARGET's owner filter (owners = owner) as a filter pair. */
function targetOwnerPairs(a: Args): FilterPair[] {
  const owner = a.criterion('owner');
  if (owner !== undefined && !a.has('owners'))
    orFail(
      new CalcError(
        'VALUE',
        msg.custom(
          'owner needs owners: give the owner column, e.g. Tgt_Owner',
          '使用 owner 时需要 owners：请给出负责人列，如 Tgt_Owner',
        ),
      ),
    );
  return owner === undefined
    ? []
    : [{ column: a.column('owners'), criterion: owner, columnName: 'owners', criterionName: 'owner' }];
}

function targetInput(a: Args) {
  return {
    amounts: a.column('amounts'),
    startDates: a.column('startDates'),
    endDates: a.column('endDates'),
    periodStart: a.optDate('periodStart'),
    periodEnd: a.optDate('periodEnd'),
  };
}

function cycleInput(a: Args) {
  return {
    status: a.column('status'),
    createdDates: a.column('createdDates'),
    closeDates: a.column('closeDates'),
    periodStart: a.optDate('periodStart'),
    periodEnd: a.optDate('periodEnd'),
  };
}

function velocityInput(a: Args) {
  return {
    status: a.column('status'),
    amount: a.column('amount'),
    createdDates: a.column('createdDates'),
    closeDates: a.column('closeDates'),
    periodStart: a.optDate('periodStart'),
    periodEnd: a.optDate('periodEnd'),
    noDecisionIsLoss: a.bool('noDecisionIsLoss', true),
  };
}

const sizeAndStatusErrors = {
  en: '#VALUE! when the columns differ in size, a status is unknown, an amount is not a number or negative, a date is not a date, or a period is given without its date column.',
  zh: '#VALUE!：各列行数不一致、状态无法识别、金额不是数字或为负、日期无法识别，或给了期间却没有对应的日期列。',
};

export const pipelineFunctions: FunctionDeclaration[] = [
  declare({
    id: 'PIPELINE',
    family: 'pipeline',
    description: {
      en: 'Open pipeline: Σ amount of Open deals, weighted by probability when given (40 or "40%" read as 40 %). Optional period on close dates (e.g. up to PeriodEnd for coverage) and a filter.',
      zh: '在手商机金额：进行中商机的金额合计；给出赢率列时按赢率加权（40 或 "40%" 视为 40%）。可按预计结单日期限定期间（如截至 PeriodEnd，用于覆盖率），并可加筛选条件。',
    },
    example: '=CRM3.PIPELINE(Opp_Status,Opp_Amount,Opp_Probability)',
    exampleResult: { en: 'the weighted open pipeline, e.g. 1,250,000', zh: '加权在手商机金额，如 1,250,000' },
    params: [
      param.status,
      param.amount(false),
      p(
        'probability',
        'range',
        true,
        'Win probability column (0–1, or percents such as 40), e.g. Opp_Probability. Omit for the unweighted pipeline; a blank probability counts as 0.',
        '赢率列（0–1，或 40 这样的百分数），如 Opp_Probability。不给则不加权；空白赢率按 0 计。',
      ),
      param.closeDate,
      param.periodStart,
      param.periodEnd,
      ...filterParams(1),
    ],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when the columns differ in size, a status is unknown, an amount is not a number or negative, a probability is not in 0–1 (or 0–100 %), or a period is given without closeDate.',
        zh: '#VALUE!：各列行数不一致、状态无法识别、金额不是数字或为负、赢率不在 0–1（或 0–100%）之间，或给了期间却没有 closeDate。',
      },
    ],
    evaluate(a) {
      const input = pipelineInput(a);
      return openPipeline({ ...input, include: orFail(includeRows(input.status.length, filterPairs(a, 1), 'status')) });
    },
    explain(a) {
      const { closeDate, ...input } = pipelineInput(a);
      return dealWorking({ ...input, which: OPEN_ONLY, dates: closeDate, datesName: 'closeDate' }, filterPairs(a, 1), true);
    },
  }),
  declare({
    id: 'DEALCOUNT',
    family: 'pipeline',
    description: {
      en: 'Number of deals of the given statuses ("Won", "Closed", "Won,Lost", "*" …), optionally dated in a period (close dates for closed deals, created dates for new ones) and filtered.',
      zh: '按状态统计商机个数（"赢单"、"已结单"、"赢单,丢单"、"*" 等），可按日期限定期间（结单用结单日期，新建用创建日期），并可加筛选条件。',
    },
    example: '=CRM3.DEALCOUNT(Opp_Status,"Won",Opp_CloseDate,PeriodStart,PeriodEnd)',
    exampleResult: { en: 'deals won this period, e.g. 12', zh: '本期赢单个数，如 12' },
    params: [param.status, which, dealDates, param.periodStart, param.periodEnd, ...filterParams(1)],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [sizeAndStatusErrors, { en: '#VALUE! when which names no known status.', zh: '#VALUE!：which 中有无法识别的状态。' }],
    evaluate(a) {
      return dealTally(a, false).count;
    },
    explain(a) {
      return dealWorking(dealQuery(a, false), filterPairs(a, 1), false);
    },
  }),
  declare({
    id: 'DEALSUM',
    family: 'pipeline',
    description: {
      en: 'Σ amount of the deals of the given statuses ("Won", "Closed", …), optionally dated in a period and filtered. Blank amounts count as 0.',
      zh: '按状态合计商机金额（"赢单"、"已结单" 等），可按日期限定期间，并可加筛选条件。空白金额按 0 计。',
    },
    example: '=CRM3.DEALSUM(Opp_Status,"Won",Opp_Amount,Opp_CloseDate,PeriodStart,PeriodEnd)',
    exampleResult: { en: 'amount won this period, e.g. 860,000', zh: '本期赢单金额，如 860,000' },
    params: [param.status, which, param.amount(false), dealDates, param.periodStart, param.periodEnd, ...filterParams(1)],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [sizeAndStatusErrors, { en: '#VALUE! when which names no known status.', zh: '#VALUE!：which 中有无法识别的状态。' }],
    evaluate(a) {
      return dealTally(a, true).sum;
    },
    explain(a) {
      return dealWorking(dealQuery(a, true), filterPairs(a, 1), true);
    },
  }),
  declare({
    id: 'TARGET',
    family: 'pipeline',
    description: {
      en: "Sales target of a period: Σ target amounts whose StartDate ≥ periodStart and EndDate ≤ periodEnd, optionally only one owner's rows.",
      zh: '期间销售目标：开始日期不早于 periodStart、结束日期不晚于 periodEnd 的目标金额合计；可只统计某位负责人的目标。',
    },
    example: '=CRM3.TARGET(Tgt_Amount,Tgt_StartDate,Tgt_EndDate,PeriodStart,PeriodEnd)',
    exampleResult: { en: 'the target of the period, e.g. 3,000,000', zh: '本期目标金额，如 3,000,000' },
    params: [
      p('amounts', 'range', false, 'Target amount column, e.g. Tgt_Amount.', '目标金额列，如 Tgt_Amount。'),
      p('startDates', 'range', false, 'Target start date column, e.g. Tgt_StartDate.', '目标开始日期列，如 Tgt_StartDate。'),
      p('endDates', 'range', false, 'Target end date column, e.g. Tgt_EndDate.', '目标结束日期列，如 Tgt_EndDate。'),
      param.periodStart,
      param.periodEnd,
      p(
        'owners',
        'range',
        true,
        'Target owner column, e.g. Tgt_Owner (with owner).',
        '目标负责人列，如 Tgt_Owner（与 owner 一起使用）。',
      ),
      p(
        'owner',
        'value',
        true,
        'Only this owner\'s targets (or a list "Li,Wang"). Blank: every row.',
        '只统计该负责人的目标（也可写 "Li,Wang" 这样的列表）。留空表示全部。',
      ),
    ],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when the columns differ in size, an amount is not a number, a date is not a date, a target ends before it starts, or owner is given without owners.',
        zh: '#VALUE!：各列行数不一致、金额不是数字、日期无法识别、目标结束日期早于开始日期，或给了 owner 却没有 owners。',
      },
    ],
    evaluate(a) {
      const input = targetInput(a);
      const pairs = targetOwnerPairs(a);
      const include = pairs.length ? orFail(includeRows(input.amounts.length, pairs, 'amounts')) : undefined;
      return sumTargets({ ...input, include });
    },
    explain(a) {
      return targetWorking(targetInput(a), targetOwnerPairs(a));
    },
  }),
  declare({
    id: 'COVERAGE',
    family: 'pipeline',
    description: {
      en: 'Pipeline coverage: pipeline ÷ (target − achieved). Blank when nothing is left to win (target − achieved ≤ 0) or an input is blank.',
      zh: '商机覆盖率：在手商机 ÷（目标 − 已完成）。目标已完成（差额 ≤ 0）或有输入为空时返回空白。',
    },
    example:
      '=CRM3.COVERAGE(CRM3.PIPELINE(Opp_Status,Opp_Amount,,Opp_CloseDate,,PeriodEnd),CRM3.TARGET(Tgt_Amount,Tgt_StartDate,Tgt_EndDate,PeriodStart,PeriodEnd),CRM3.DEALSUM(Opp_Status,"Won",Opp_Amount,Opp_CloseDate,PeriodStart,PeriodEnd))',
    exampleResult: {
      en: 'how many times the pipeline covers the gap to target, e.g. 2.8',
      zh: '在手商机是目标缺口的几倍，如 2.8',
    },
    params: [
      p('pipeline', 'value', false, 'Pipeline amount, e.g. a CRM3.PIPELINE result.', '在手商机金额，如 CRM3.PIPELINE 的结果。'),
      p('target', 'value', false, 'Target of the period, e.g. a CRM3.TARGET result.', '期间目标，如 CRM3.TARGET 的结果。'),
      p(
        'achieved',
        'value',
        true,
        'Amount already won in the period (default 0), e.g. a CRM3.DEALSUM of Won.',
        '本期已赢单金额（默认 0），如 CRM3.DEALSUM 统计的赢单金额。',
      ),
    ],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [{ en: '#VALUE! when an input is not a number.', zh: '#VALUE!：输入不是数字。' }],
    evaluate(a) {
      return pipelineCoverage(a.optNumber('pipeline'), a.optNumber('target'), a.optNumber('achieved') ?? 0);
    },
  }),
  declare({
    id: 'CYCLEDAYS',
    family: 'pipeline',
    description: {
      en: 'Average sales cycle in days: mean of CloseDate − CreatedDate over Won deals closed in the period. Blank when there are none.',
      zh: '平均销售周期（天）：期间内赢单的（结单日期 − 创建日期）的平均值。没有赢单时返回空白。',
    },
    example: '=CRM3.CYCLEDAYS(Opp_Status,Opp_CreatedDate,Opp_CloseDate,PeriodStart,PeriodEnd)',
    exampleResult: { en: 'average days from creation to win, e.g. 96', zh: '从创建到赢单的平均天数，如 96' },
    params: [param.status, createdDates, closeDates, param.periodStart, param.periodEnd],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when the columns differ in size, a status is unknown, a date is not a date, or a won deal closed before it was created (the row is named).',
        zh: '#VALUE!：各列行数不一致、状态无法识别、日期无法识别，或某赢单的结单日期早于创建日期（会指出行号）。',
      },
    ],
    evaluate(a) {
      return cycleDays(cycleInput(a));
    },
    explain(a) {
      return cycleWorking(cycleInput(a));
    },
  }),
  declare({
    id: 'VELOCITY',
    family: 'pipeline',
    description: {
      en: 'Sales velocity, amount per day: #Open deals × average won deal × win rate (count) ÷ average cycle days, the last three over deals closed in the period. Blank when a part is blank or the cycle is 0.',
      zh: '销售速度（每天产出金额）：进行中商机个数 × 平均赢单金额 × 赢率（按个数）÷ 平均销售周期天数，后三项按期间内结单的商机计算。任一项为空或周期为 0 时返回空白。',
    },
    example: '=CRM3.VELOCITY(Opp_Status,Opp_Amount,Opp_CreatedDate,Opp_CloseDate,PeriodStart,PeriodEnd,NoDecisionIsLoss)',
    exampleResult: { en: 'expected amount won per day, e.g. 4,200', zh: '预计每天赢单金额，如 4,200' },
    params: [
      param.status,
      param.amount(false),
      createdDates,
      closeDates,
      param.periodStart,
      param.periodEnd,
      param.noDecisionIsLoss,
    ],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when the columns differ in size, a status is unknown, an amount is not a number or negative, a date is not a date, or a won deal closed before it was created.',
        zh: '#VALUE!：各列行数不一致、状态无法识别、金额不是数字或为负、日期无法识别，或某赢单的结单日期早于创建日期。',
      },
    ],
    evaluate(a) {
      return salesVelocity(velocityInput(a));
    },
    explain(a) {
      return velocityWorking(velocityInput(a));
    },
  }),
];
