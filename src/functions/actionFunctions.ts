/**
 * Account-plan actions (issue 16): ACTIONSTATUS says where each action stands on a date, and
 * ONTIME is the share of the actions due by then that were done on time. Both read the rules
 * of calc/actions.ts, the one home of "on time" (DoneDate ≤ DueDate).
 */
import { CalcError, Scalar, showCell } from '../core/cells';
import { ActionStatus } from '../core/enumerations';
import { msg } from '../calc/messages';
import { ActionColumns, actionStatuses, onTimeShare } from '../calc/actions';
import { onTimeWorking } from '../calc/actionWorking';
import { rowMask } from '../calc/criteria';
import { Args, orFail } from './args';
import { filterPairs, filterParams } from './commonParams';
import { FunctionDeclaration, ParamDeclaration, declare } from './declaration';
import { spill } from './spill';

const p = (name: string, kind: ParamDeclaration['kind'], optional: boolean, en: string, zh: string): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

const FILTER_PAIRS = 2;

const dueDates = p(
  'dueDates',
  'range',
  false,
  'Due date of each action, e.g. Axn_DueDate.',
  '每项行动的截止日期，如 Axn_DueDate。',
);
const doneDates = p(
  'doneDates',
  'range',
  false,
  'The day each action was done, e.g. Axn_DoneDate; blank while it is not done.',
  '每项行动的完成日期，如 Axn_DoneDate；未完成时留空。',
);
const asOfDate = p('asOfDate', 'value', false, 'The date to judge on, e.g. AsOfDate.', '判断基准日，如 AsOfDate。');
const done = p(
  'done',
  'range',
  true,
  'Optional Done column (Yes/No, 是/否), e.g. Axn_Done: Yes without a DoneDate reads "done, no done date", never on time.',
  '可选的“完成”列（是/否），如 Axn_Done：为“是”却没有完成日期时记为“完成日期未填”，不算按期。',
);

const RULES = {
  en: 'An action done on or before the as-of date is OnTime when DoneDate ≤ DueDate, else Late (Done when it has no DueDate); a DoneDate counts even when Done says No. Not done: Overdue once the due date has passed, else Pending. Done = Yes without a DoneDate is DoneUndated: done, but on time or late is unknown.',
  zh: '在基准日或之前完成的行动：完成日期不晚于截止日期为“按期完成”（OnTime），否则为“逾期完成”（Late）；没有截止日期时为“已完成”（Done）。填了完成日期即视为已完成（即使“完成”列为“否”）。未完成：截止日期已过为“已逾期”（Overdue），否则为“待完成”（Pending）。“完成”为“是”但没有完成日期：记为“完成日期未填”（DoneUndated），无法判断是否按期。',
};

function actionColumns(a: Args): ActionColumns {
  return {
    dueDates: a.column('dueDates'),
    doneDates: a.column('doneDates'),
    done: a.optColumn('done'),
    asOfDate: a.date('asOfDate'),
  };
}

/** The language the status words are in: the codes (English) unless zh is asked for. */
function statusWords(a: Args): 'codes' | 'zh' {
  const v = a.value('language');
  if (v === undefined) return 'codes';
  const t = String(v).trim();
  if (/^zh/i.test(t) || t === '中文') return 'zh';
  if (/^en/i.test(t)) return 'codes';
  return orFail<'codes'>(new CalcError('VALUE', msg.unknownOption('language', showCell(v), '"en-US", "zh-CN"')));
}

export const actionFunctions: FunctionDeclaration[] = [
  declare({
    id: 'ACTIONSTATUS',
    family: 'activity',
    description: {
      en: `Where each account-plan action stands on a date, one result per action (spills): OnTime, Late, Overdue, Pending, Done or DoneUndated. ${RULES.en} A row with no due date, done date or Done is blank. With language "zh-CN" the words are Chinese (按期完成, 逾期完成, 已逾期, 待完成, 已完成, 完成日期未填); CRM3 criteria accept either.`,
      zh: `每项客户计划行动在基准日的状态，每项一个结果（溢出为一列）：OnTime、Late、Overdue、Pending、Done 或 DoneUndated。${RULES.zh}截止日期、完成日期和“完成”都为空的行返回空白。language 为 "zh-CN" 时返回中文（按期完成、逾期完成、已逾期、待完成、已完成、完成日期未填）；CRM3 的条件两种写法都能识别。`,
    },
    example: '=CRM3.ACTIONSTATUS(Axn_DueDate, Axn_DoneDate, AsOfDate, Axn_Done)',
    exampleResult: {
      en: 'one status per action, e.g. "Late" for an action due 2026-10-31 and done 2026-11-04',
      zh: '每项行动一个状态，如截止 2026-10-31、完成于 2026-11-04 的行动为 "Late"',
    },
    params: [
      dueDates,
      { ...doneDates, errors: 'perRow' },
      asOfDate,
      { ...done, errors: 'perRow' },
      p(
        'language',
        'value',
        true,
        'Blank or "en-US": the status codes; "zh-CN": the Chinese words.',
        '留空或 "en-US"：返回英文状态代码；"zh-CN"：返回中文。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'dueDates' }, type: 'string' },
    errors: [
      {
        en: '#VALUE! in a row whose due date or done date is not a date, or whose Done is not Yes/No (the message names the row); for the whole column when doneDates or done differ in size from dueDates, asOfDate is not a date or language is unknown.',
        zh: '#VALUE!：某行的截止日期或完成日期不是日期，或“完成”不是“是/否”时，该行报错（提示会指出行号）；doneDates 或 done 与 dueDates 行数不一致、asOfDate 不是日期或 language 无法识别时，整列报错。',
      },
    ],
    evaluate(a) {
      const words = statusWords(a);
      const statuses = orFail(actionStatuses(actionColumns(a)));
      const zh = new Map(ActionStatus.values.map((v) => [v.code, v.zh]));
      return spill(statuses.map((s): Scalar => (s === null || s instanceof CalcError || words === 'codes' ? s : zh.get(s)!)));
    },
  }),

  declare({
    id: 'ONTIME',
    family: 'activity',
    description: {
      en: `Share of the account-plan actions due by the as-of date (DueDate ≤ asOfDate) that were done on time: OnTime ÷ (OnTime + Late + Overdue). ${RULES.en} Actions done without a DoneDate, due today and still pending, not due yet or without a due date are left out (the explanation lists them). Blank when no action is due with a known outcome.`,
      zh: `截至基准日到期（截止日期 ≤ asOfDate）的客户计划行动中按期完成的比例：按期完成 ÷（按期完成 + 逾期完成 + 已逾期）。${RULES.zh}已完成但未填完成日期、当天到期尚未完成、尚未到期或没有截止日期的行动不计入（计算说明中会列出）。没有可判断的到期行动时返回空白。`,
    },
    example: '=CRM3.ONTIME(Axn_DueDate, Axn_DoneDate, AsOfDate, Axn_Done, Axn_AccountId, "A001")',
    exampleResult: {
      en: 'share of account A001’s due actions done on time, e.g. 0.75',
      zh: '客户 A001 已到期行动的按期完成率，如 0.75',
    },
    params: [dueDates, doneDates, asOfDate, done, ...filterParams(FILTER_PAIRS)],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when a counted row’s due date or done date is not a date or its Done is not Yes/No (the message names the row), a column or filter differs in size from dueDates, or asOfDate is not a date.',
        zh: '#VALUE!：计入的行中截止日期或完成日期不是日期，或“完成”不是“是/否”（提示会指出行号）；某列或筛选列与 dueDates 行数不一致；asOfDate 不是日期。',
      },
    ],
    evaluate(a) {
      const input = actionColumns(a);
      const include = orFail(rowMask(input.dueDates.length, filterPairs(a, FILTER_PAIRS), 'dueDates'));
      return onTimeShare(input, include);
    },
    explain(a) {
      return onTimeWorking(actionColumns(a), filterPairs(a, FILTER_PAIRS));
    },
  }),
];
