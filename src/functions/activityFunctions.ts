/**
 * Activity family (掌握项目行为): ACCOUNTOF, LASTACTIVITY, STALE, ACTIVITYCOUNT, KEYINFO.
 * Per-account or per-opportunity results are one spilled column from one pass over the
 * activities.
 */
import {
  accountOfActivities,
  activityCount,
  activityTypeFilter,
  keyInfoCompleteness,
  lastActivity,
  staleFlags,
} from '../calc/activity';
import { Args, orFail } from './args';
import { param } from './commonParams';
import { FunctionDeclaration, ParamDeclaration, declare } from './declaration';
import { spill } from './spill';

const p = (
  name: string,
  optional: boolean,
  en: string,
  zh: string,
  kind: ParamDeclaration['kind'] = 'range',
): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

const keys = p(
  'keys',
  false,
  'The accounts or opportunities to compute for, one result each, e.g. Acc_AccountId or Opp_OppId.',
  '要计算的客户或商机编号列，每个返回一个结果，如 Acc_AccountId 或 Opp_OppId。',
);
const actKeys = p(
  'actKeys',
  false,
  'Account or opportunity of each activity, matching keys, e.g. Act_OppId, or CRM3.ACCOUNTOF(…) for accounts.',
  '每条活动所属的客户或商机，与 keys 对应，如 Act_OppId；按客户统计时可用 CRM3.ACCOUNTOF(…)。',
);
const actDates = p('actDates', false, 'Date of each activity, e.g. Act_Date.', '每条活动的日期，如 Act_Date。');
const actTypes = p(
  'actTypes',
  true,
  'Type of each activity, e.g. Act_Type. Needed with type.',
  '每条活动的类型，如 Act_Type。按类型筛选时必填。',
);
const type = p(
  'type',
  true,
  'Only activities of this type count, e.g. "ExecutiveMeeting" or "高层拜访"; a list "Visit,ExecutiveMeeting" counts any of them. Blank: every type.',
  '只统计该类型的活动，如 "高层拜访" 或 "ExecutiveMeeting"；可写成列表 "拜访,高层拜访" 表示其中任一类型。留空表示所有类型。',
  'value',
);

/** The activity arguments LASTACTIVITY and ACTIVITYCOUNT share. */
function activityArgs(a: Args) {
  return {
    actKeys: a.column('actKeys'),
    actDates: a.column('actDates'),
    asOfDate: a.date('asOfDate'),
    actTypes: a.optColumn('actTypes'),
    types: activityTypeFilter(a.value('type')),
  };
}

export const activityFunctions: FunctionDeclaration[] = [
  declare({
    id: 'ACCOUNTOF',
    family: 'activity',
    description: {
      en: "The account each activity belongs to: its own AccountId, or, when that is blank, its opportunity's account. One result per activity (spills); blank when neither is known.",
      zh: '每条活动所属的客户：活动本身填了客户编号就用它，没填则取其商机所属的客户。每条活动一个结果（溢出为一列）；两者都查不到时为空白。',
    },
    example: '=CRM3.ACCOUNTOF(Act_AccountId,Act_OppId,Opp_OppId,Opp_AccountId)',
    exampleResult: { en: 'one account id per activity, e.g. "A001"', zh: '每条活动一个客户编号，如 "A001"' },
    params: [
      p(
        'actAccountIds',
        false,
        'Account id of each activity (may be blank), e.g. Act_AccountId.',
        '每条活动的客户编号（可为空），如 Act_AccountId。',
      ),
      p('actOppIds', false, 'Opportunity id of each activity, e.g. Act_OppId.', '每条活动的商机编号，如 Act_OppId。'),
      p('oppIds', false, 'Opportunity ids, e.g. Opp_OppId.', '商机编号列，如 Opp_OppId。'),
      p('oppAccountIds', false, 'Account of each opportunity, e.g. Opp_AccountId.', '每个商机所属的客户编号，如 Opp_AccountId。'),
    ],
    result: { shape: { kind: 'column', lengthOf: 'actAccountIds' }, type: 'any' },
    errors: [
      {
        en: '#VALUE! when actAccountIds and actOppIds, or oppIds and oppAccountIds, differ in size. An activity of an unknown opportunity is blank, not an error.',
        zh: '#VALUE!：actAccountIds 与 actOppIds，或 oppIds 与 oppAccountIds 行数不一致。商机编号查不到的活动返回空白，不报错。',
      },
    ],
    evaluate(a) {
      return spill(
        orFail(
          accountOfActivities({
            actAccountIds: a.column('actAccountIds'),
            actOppIds: a.column('actOppIds'),
            oppIds: a.column('oppIds'),
            oppAccountIds: a.column('oppAccountIds'),
          }),
        ),
      );
    },
  }),

  declare({
    id: 'LASTACTIVITY',
    family: 'activity',
    description: {
      en: 'Date of the latest activity on or before asOfDate for each account or opportunity, optionally of a given type only. One result per key (spills); blank when there is none.',
      zh: '每个客户或商机在基准日（含）之前最近一次活动的日期，可只看某种类型的活动。每个编号一个结果（溢出为一列）；没有活动时为空白。',
    },
    example: '=CRM3.LASTACTIVITY(Opp_OppId,Act_OppId,Act_Date,AsOfDate)',
    exampleResult: {
      en: 'one date per opportunity, e.g. 2026-11-20 (format the cells as dates)',
      zh: '每个商机一个日期，如 2026-11-20（请把单元格设为日期格式）',
    },
    params: [keys, actKeys, actDates, param.asOfDate, actTypes, type],
    result: { shape: { kind: 'column', lengthOf: 'keys' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when actKeys, actDates and actTypes differ in size, an activity date is not a date (the message names the row), asOfDate is not a date, or type is given without actTypes.',
        zh: '#VALUE!：actKeys、actDates、actTypes 行数不一致，某行活动日期不是日期（提示中给出行号），asOfDate 不是日期，或给了 type 却没有 actTypes。',
      },
    ],
    evaluate(a) {
      return spill(orFail(lastActivity(a.column('keys'), activityArgs(a))));
    },
  }),

  declare({
    id: 'STALE',
    family: 'activity',
    description: {
      en: "TRUE for each row with no activity in the last `days` days up to asOfDate: the last activity date is blank, or asOfDate − last ≥ days. days is one number (e.g. StaleDays) or one per row (e.g. each account's visit interval); a blank per-row interval gives blank.",
      zh: '逐行判断是否“停滞”：截至基准日的最近 days 天内没有活动即为 TRUE，即最近活动日期为空，或 基准日 − 最近活动日期 ≥ days。days 可以是一个数（如 StaleDays），也可以每行一个（如各客户的拜访周期）；某行周期为空则结果为空白。',
    },
    example: '=CRM3.STALE(CRM3.LASTACTIVITY(Opp_OppId,Act_OppId,Act_Date,AsOfDate),AsOfDate,StaleDays)',
    exampleResult: { en: 'TRUE or FALSE per opportunity', zh: '每个商机一个 TRUE 或 FALSE' },
    params: [
      p(
        'lastDates',
        false,
        'Latest activity date of each row, e.g. CRM3.LASTACTIVITY(…). Blank means no activity.',
        '每行最近一次活动的日期，如 CRM3.LASTACTIVITY(…)。空白表示没有活动。',
      ),
      param.asOfDate,
      p(
        'days',
        false,
        'Interval in days: one number (e.g. StaleDays) or a column with one per row (e.g. visit interval by tier).',
        '间隔天数：一个数（如 StaleDays），或每行一个的列（如按客户分类的拜访周期）。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'lastDates' }, type: 'boolean' },
    errors: [
      {
        en: '#VALUE! when a last date is not a date (the message names the row), asOfDate is not a date, days is blank, not a number or negative, or days is a column of another size than lastDates.',
        zh: '#VALUE!：某行最近活动日期不是日期（提示中给出行号），asOfDate 不是日期，days 为空、不是数字或为负，或 days 是一列但与 lastDates 行数不一致。',
      },
    ],
    evaluate(a) {
      return spill(
        orFail(staleFlags({ lastDates: a.column('lastDates'), asOfDate: a.date('asOfDate'), days: a.column('days') })),
      );
    },
  }),

  declare({
    id: 'ACTIVITYCOUNT',
    family: 'activity',
    description: {
      en: 'Number of activities of each account or opportunity dated in the last `days` days up to asOfDate, i.e. in (asOfDate − days, asOfDate], optionally of a given type only. One result per key (spills).',
      zh: '每个客户或商机在截至基准日的最近 days 天内（即 (基准日 − days, 基准日]）的活动次数，可只统计某种类型。每个编号一个结果（溢出为一列）。',
    },
    example: '=CRM3.ACTIVITYCOUNT(Opp_OppId,Act_OppId,Act_Date,AsOfDate,ActivityWindowDays)',
    exampleResult: { en: 'one count per opportunity, e.g. 3', zh: '每个商机一个次数，如 3' },
    params: [
      keys,
      actKeys,
      actDates,
      param.asOfDate,
      p(
        'days',
        false,
        'Window length in days, e.g. ActivityWindowDays or ExecWindowDays.',
        '统计窗口的天数，如 ActivityWindowDays 或 ExecWindowDays。',
        'value',
      ),
      actTypes,
      type,
    ],
    result: { shape: { kind: 'column', lengthOf: 'keys' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when actKeys, actDates and actTypes differ in size, an activity date is not a date (the message names the row), asOfDate is not a date, days is not a number or negative, or type is given without actTypes.',
        zh: '#VALUE!：actKeys、actDates、actTypes 行数不一致，某行活动日期不是日期（提示中给出行号），asOfDate 不是日期，days 不是数字或为负，或给了 type 却没有 actTypes。',
      },
    ],
    evaluate(a) {
      return spill(orFail(activityCount(a.column('keys'), { ...activityArgs(a), days: a.number('days') })));
    },
  }),

  declare({
    id: 'KEYINFO',
    family: 'activity',
    description: {
      en: 'Key-information completeness of each opportunity: (filled among Amount, CloseDate, Owner, Competitor, NextStepDate, StageEnteredDate + questions answered Yes or No) ÷ (6 + number of questions). Unknown or blank answers do not count. One result per opportunity (spills).',
      zh: '每个商机的关键信息完整度：（金额、结单日期、负责人、竞争对手、下一步日期、进入阶段日期中已填写的项数 + 四问中回答为“是”或“否”的题数）÷（6 + 题目数）。“未知”或未回答不计。每个商机一个结果（溢出为一列）。',
    },
    example: '=CRM3.KEYINFO(Opp_Amount,Opp_CloseDate,Opp_Owner,Opp_Competitor,Opp_NextStepDate,Opp_StageEnteredDate,Opp_Answers)',
    exampleResult: { en: 'one share per opportunity, e.g. 0.83', zh: '每个商机一个比例，如 0.83' },
    params: [
      p('amount', false, 'Deal amount column, e.g. Opp_Amount.', '商机金额列，如 Opp_Amount。'),
      p('closeDate', false, 'Close date column, e.g. Opp_CloseDate.', '结单日期列，如 Opp_CloseDate。'),
      p('owner', false, 'Owner column, e.g. Opp_Owner.', '负责人列，如 Opp_Owner。'),
      p('competitor', false, 'Competitor column, e.g. Opp_Competitor.', '竞争对手列，如 Opp_Competitor。'),
      p('nextStepDate', false, 'Next step date column, e.g. Opp_NextStepDate.', '下一步行动日期列，如 Opp_NextStepDate。'),
      p(
        'stageEntered',
        false,
        'Stage entered date column, e.g. Opp_StageEnteredDate.',
        '进入当前阶段日期列，如 Opp_StageEnteredDate。',
      ),
      p(
        'answers',
        true,
        'The question columns as one block (one row per opportunity, one column per question), e.g. Opp_Answers: Yes/No/Unknown or 是/否/未知.',
        '四问题目各列组成的区域（每行一个商机，每列一道题），如 Opp_Answers：是/否/未知 或 Yes/No/Unknown。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'amount' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when the columns differ in size, answers has another number of rows, or an answer is not Yes, No or Unknown (the message names the row and column).',
        zh: '#VALUE!：各列行数不一致，answers 的行数不同，或某个答案不是 是/否/未知（提示中给出行号和列号）。',
      },
    ],
    evaluate(a) {
      return spill(
        orFail(
          keyInfoCompleteness({
            amount: a.column('amount'),
            closeDate: a.column('closeDate'),
            owner: a.column('owner'),
            competitor: a.column('competitor'),
            nextStepDate: a.column('nextStepDate'),
            stageEntered: a.column('stageEntered'),
            answers: a.optGrid('answers'),
          }),
        ),
      );
    },
  }),
];
