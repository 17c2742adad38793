/**
 * History (历史快照, docs/history.md): values as of a snapshot date, what changed since, and the
 * close-date slips and stage-entered dates a workbook's history implies. The history tables hold
 * a row per key only where its state changed, so "as of" is the key's latest row on or before.
 */
import { spill } from './spill';
import { changedSince, closeDateSlips, stageEnteredDates, valuesAsOf } from '../calc/history';
import { orFail } from './args';
import { FunctionDeclaration, ParamDeclaration, declare } from './declaration';

const p = (name: string, kind: ParamDeclaration['kind'], optional: boolean, en: string, zh: string): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

const keys = p(
  'keys',
  'range',
  false,
  'The ids to answer for, one result each, e.g. Opp_OppId.',
  '要查询的编号，每个编号返回一个结果，如 Opp_OppId。',
);
const histDates = p(
  'histDates',
  'range',
  false,
  'Snapshot date of each history row, e.g. OppH_Date.',
  '历史表每行的快照日期，如 OppH_Date。',
);
const histKeys = p(
  'histKeys',
  'range',
  false,
  'Id of each history row, e.g. OppH_OppId (matched to keys without case or extra spaces).',
  '历史表每行的编号，如 OppH_OppId（与 keys 匹配时不区分大小写、忽略多余空格）。',
);
const SIZE_ERROR = {
  en: '#VALUE! when the history columns differ in size (the message names them), or a date argument is not a date.',
  zh: '#VALUE!：历史表各列行数不一致（提示中指明列名），或日期参数不是日期。',
};

export const historyFunctions: FunctionDeclaration[] = [
  declare({
    id: 'ASOF',
    family: 'history',
    description: {
      en: "Value of a history column for each key as of a date: from the key's latest history row dated on or before it (snapshots store a row only when something changed). Blank when the history has no row for the key by then, or its row says Removed.",
      zh: '按日期查询每个编号在历史表某列的值：取该编号在该日期当天或之前的最近一行（快照只在有变化时记一行）。到该日期为止历史表中没有该编号，或该行状态为 Removed 时返回空白。',
    },
    example: '=CRM3.ASOF(Opp_OppId, OppH_Date, OppH_OppId, OppH_Grade, DATE(2027,3,31), OppH_Status)',
    exampleResult: {
      en: 'the grade of each opportunity at the snapshot of 31 March 2027, e.g. "B"',
      zh: '每个商机在 2027 年 3 月 31 日快照时的等级，如 "B"',
    },
    params: [
      keys,
      histDates,
      histKeys,
      p('histValues', 'range', false, 'The history column to read, e.g. OppH_Grade.', '要读取的历史列，如 OppH_Grade。'),
      p('asOfDate', 'value', false, 'The date, e.g. a snapshot date.', '查询日期，如某次快照的日期。'),
      p(
        'histStatus',
        'range',
        true,
        'Status of each history row, e.g. OppH_Status: a row whose status is Removed gives blank.',
        '历史表每行的状态，如 OppH_Status：状态为 Removed 的行返回空白。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'keys' }, type: 'any' },
    errors: [SIZE_ERROR],
    evaluate(a) {
      return spill(
        orFail(
          valuesAsOf(
            {
              dates: a.column('histDates'),
              keys: a.column('histKeys'),
              field: a.column('histValues'),
              status: a.optColumn('histStatus'),
            },
            a.column('keys'),
            a.date('asOfDate'),
          ),
        ),
      );
    },
  }),
  declare({
    id: 'CHANGEDSINCE',
    family: 'history',
    description: {
      en: 'TRUE for each key whose current value differs from its value in the history as of a date, FALSE when it is the same, blank when the history did not know the key then. Numbers compare exactly, text as written, blank equals blank.',
      zh: '对每个编号，当前值与历史表中截至某日期的值不同返回 TRUE，相同返回 FALSE，当时历史表中还没有该编号则返回空白。数字按精确值比较，文字按原样比较，空白等于空白。',
    },
    example: '=CRM3.CHANGEDSINCE(Opp_OppId, Opp_Stage, OppH_Date, OppH_OppId, OppH_Stage, DATE(2027,3,31))',
    exampleResult: {
      en: 'TRUE for each opportunity whose stage changed since the snapshot of 31 March 2027',
      zh: '自 2027 年 3 月 31 日快照以来阶段有变化的商机返回 TRUE',
    },
    params: [
      keys,
      p('current', 'range', false, "Today's values, one per key, e.g. Opp_Stage.", '当前值，每个编号一个，如 Opp_Stage。'),
      histDates,
      histKeys,
      p('histValues', 'range', false, 'The same field in the history, e.g. OppH_Stage.', '历史表中的同一字段，如 OppH_Stage。'),
      p('sinceDate', 'value', false, 'The date to compare with, e.g. the last review.', '比较的日期，如上次评审日期。'),
    ],
    result: { shape: { kind: 'column', lengthOf: 'keys' }, type: 'any' },
    errors: [
      {
        en: '#VALUE! when keys and current differ in size, the history columns differ in size (the message names them), or sinceDate is not a date.',
        zh: '#VALUE!：keys 与 current 行数不一致，历史表各列行数不一致（提示中指明列名），或 sinceDate 不是日期。',
      },
    ],
    evaluate(a) {
      return spill(
        orFail(
          changedSince(
            { dates: a.column('histDates'), keys: a.column('histKeys'), field: a.column('histValues') },
            a.column('keys'),
            a.column('current'),
            a.date('sinceDate'),
          ),
        ),
      );
    },
  }),
  declare({
    id: 'SLIPS',
    family: 'history',
    description: {
      en: "Close-date slips of each opportunity, derived from the history: how many times its close date moved later from one snapshot to the next, plus one when today's close date is later than the last recorded one. Blank for an opportunity the history never recorded. Used for CloseDatePushes when a workbook lacks that column.",
      zh: '由历史表推算的每个商机结单日期推迟次数：相邻两次快照之间结单日期每推后一次计一次；当前结单日期晚于最后记录的日期时再加一次。历史表从未记录的商机返回空白。工作簿缺少 CloseDatePushes 列时用它代替。',
    },
    example: '=CRM3.SLIPS(Opp_OppId, OppH_Date, OppH_OppId, OppH_CloseDate, Opp_CloseDate)',
    exampleResult: { en: 'one count per opportunity, e.g. 2', zh: '每个商机一个次数，如 2' },
    params: [
      keys,
      histDates,
      histKeys,
      p(
        'histCloseDates',
        'range',
        false,
        'Close date of each history row, e.g. OppH_CloseDate.',
        '历史表每行的结单日期，如 OppH_CloseDate。',
      ),
      p(
        'currentCloseDates',
        'range',
        true,
        "Today's close dates, one per key, e.g. Opp_CloseDate.",
        '当前的结单日期，每个编号一个，如 Opp_CloseDate。',
      ),
    ],
    result: { shape: { kind: 'column', lengthOf: 'keys' }, type: 'number' },
    errors: [SIZE_ERROR],
    evaluate(a) {
      return spill(
        orFail(
          closeDateSlips(
            { dates: a.column('histDates'), keys: a.column('histKeys'), closeDates: a.column('histCloseDates') },
            a.column('keys'),
            a.optColumn('currentCloseDates'),
          ),
        ),
      );
    },
  }),
  declare({
    id: 'STAGEENTERED',
    family: 'history',
    description: {
      en: 'Date each opportunity entered its current stage, derived from the history: the first snapshot of the latest run of rows at that stage. Blank when the last recorded stage is another (it moved after the last snapshot) or the history never recorded it. A stage held since the first snapshot gives that date, the latest it can have been entered. Used for StageEnteredDate when a workbook lacks that column.',
      zh: '由历史表推算的每个商机进入当前阶段的日期：处于该阶段的最近一段连续记录中第一次快照的日期。最后记录的阶段与当前不同（在最近一次快照之后才变化）或从未记录时返回空白。自第一次快照起就处于该阶段时返回第一次快照的日期（进入该阶段的最晚可能日期）。工作簿缺少 StageEnteredDate 列时用它代替。',
    },
    example: '=CRM3.STAGEENTERED(Opp_OppId, Opp_Stage, OppH_Date, OppH_OppId, OppH_Stage)',
    exampleResult: { en: 'one date per opportunity, e.g. 2027-02-14', zh: '每个商机一个日期，如 2027-02-14' },
    params: [
      keys,
      p('currentStages', 'range', false, "Today's stage, one per key, e.g. Opp_Stage.", '当前阶段，每个编号一个，如 Opp_Stage。'),
      histDates,
      histKeys,
      p('histStages', 'range', false, 'Stage of each history row, e.g. OppH_Stage.', '历史表每行的阶段，如 OppH_Stage。'),
    ],
    result: { shape: { kind: 'column', lengthOf: 'keys' }, type: 'number' },
    errors: [SIZE_ERROR],
    evaluate(a) {
      return spill(
        orFail(
          stageEnteredDates(
            { dates: a.column('histDates'), keys: a.column('histKeys'), stages: a.column('histStages') },
            a.column('keys'),
            a.column('currentStages'),
          ),
        ),
      );
    },
  }),
];
