/**
 * History (历史快照, docs/history.md): values as of a snapshot date, what changed since, and the
 * close-date slips and stage-entered dates a workbook's history implies. The history tables hold
 * a row per key only where its state changed, so "as of" is the key's latest row on or before.
 */
import { spill } from './spill';
import {
  changedSince,
  chooseSnapshot,
  closeDateSlips,
  dealsWithMentor,
  movedDeals,
  movesInWords,
  snapshotsIn,
  stageEnteredDates,
  valuesAsOf,
} from '../calc/history';
import { listBlock, listRows } from '../calc/rowList';
import { stageOrderLookup } from '../calc/stages';
import { CalcError, Scalar, isBlank, toDateSerial } from '../core/cells';
import { msg } from '../calc/messages';
import { localeOf } from '../core/i18n';
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
const sizeMismatch = (a: string, b: string, n: number, m: number) => new CalcError('VALUE', msg.sizeMismatch(a, b, n, m));

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
  declare({
    id: 'SNAPSHOTDATE',
    family: 'history',
    description: {
      en: 'Date of the snapshot a review compares with: with no choice, the latest snapshot on or before asOfDate; a label picks the latest snapshot so labelled (without case); a date picks the latest snapshot on or before it. Blank when the history holds no such snapshot (or none at all), so a page can say so instead of showing zeros.',
      zh: '评审所对比的快照日期：未指定时取基准日当天或之前最近的一次快照；填标签时取该标签（不区分大小写）最近的一次快照；填日期时取该日期当天或之前最近的一次快照。历史表中没有符合条件的快照（或还没有快照）时返回空白，以便页面如实说明，而不是显示 0。',
    },
    example: '=CRM3.SNAPSHOTDATE(Hist_Date, Hist_Label, AsOfDate, "2027 Q1 review")',
    exampleResult: {
      en: 'the date of the snapshot labelled "2027 Q1 review", e.g. 2027-03-31',
      zh: '标签为“2027 Q1 review”的快照日期，如 2027-03-31',
    },
    params: [
      p(
        'histDates',
        'range',
        false,
        'Snapshot date of each History row, e.g. Hist_Date.',
        '历史快照表每行的快照日期，如 Hist_Date。',
      ),
      p('histLabels', 'range', false, 'Label of each History row, e.g. Hist_Label.', '历史快照表每行的标签，如 Hist_Label。'),
      p(
        'asOfDate',
        'value',
        false,
        'The as-of date: with no choice, the latest snapshot on or before it.',
        '基准日：未指定快照时取此日当天或之前最近的快照。',
      ),
      p(
        'choice',
        'value',
        true,
        'A snapshot label or a date (blank: the latest on or before asOfDate).',
        '快照标签或日期（留空：基准日当天或之前最近的快照）。',
      ),
    ],
    result: { shape: { kind: 'scalar' }, type: 'number' },
    errors: [
      {
        en: '#VALUE! when histDates and histLabels differ in size, or asOfDate is not a date.',
        zh: '#VALUE!：histDates 与 histLabels 行数不一致，或 asOfDate 不是日期。',
      },
    ],
    evaluate(a) {
      const dates = a.column('histDates');
      const labels = a.column('histLabels');
      if (dates.length !== labels.length) orFail(sizeMismatch('histDates', 'histLabels', dates.length, labels.length));
      const found = chooseSnapshot(snapshotsIn(dates, labels), a.value('choice'), a.date('asOfDate'));
      return found ? found.date : null;
    },
  }),
  declare({
    id: 'WHATMOVED',
    family: 'history',
    description: {
      en: 'The deals of one key (e.g. an account) that moved since a snapshot, as a block maxRows tall: each deal\'s name (its id when unnamed) and what moved, in words: slipped (close date later), moved back a stage, dropped a grade, lost its mentor, grew, shrank, won, lost or no decision, with the values then and now. A deal counts when it was open at the snapshot (its latest history row on or before sinceDate). The rules are the dashboard\'s What moved. Rows beyond the deals are blank; when more moved than fit, the last row reads "… +N". A blank key or sinceDate gives a blank block.',
      zh: '某个键（如某客户）的商机自某次快照以来的变化，溢出为 maxRows 行高的区域：每行为商机名称（无名称时为编号）和变化说明：推迟结单、阶段后退、等级下降、失去内线教练、金额增加、金额减少、赢单、丢单或无决策，并列出当时与现在的值。快照时（sinceDate 当天或之前最近的历史行）处于进行中的商机才参与比较。规则与仪表板的“变化的商机”相同。其余行留空；变化的商机多于可显示的行数时，最后一行显示“… +N”。键或 sinceDate 为空时整个区域留空。',
    },
    example:
      '=CRM3.WHATMOVED(Opp_AccountId, "A001", 8, Opp_OppId, Opp_OppName, Opp_Stage, Opp_Status, Opp_Amount, Opp_CloseDate, Opp_Grade, Dc_OppId, Dc_Support, OppH_Date, OppH_OppId, OppH_Stage, OppH_Status, OppH_Amount, OppH_CloseDate, OppH_Grade, OppH_Mentor, DATE(2027,3,31), Stages_Stage, Stages_Order, "en-US")',
    exampleResult: {
      en: 'the deals of account A001 that moved since the snapshot of 31 March 2027, e.g. "Hexin ERP Migration" | "slipped 2027-03-31 → 2027-05-15; lost its mentor"',
      zh: '客户 A001 自 2027 年 3 月 31 日快照以来有变化的商机，如 "合信ERP 迁移项目" | "推迟结单 2027-03-31 → 2027-05-15；失去内线教练"',
    },
    params: [
      p('keys', 'range', false, "Each deal's key, e.g. Opp_AccountId.", '每个商机的键，如 Opp_AccountId。'),
      p(
        'key',
        'value',
        false,
        "The key to list, e.g. the plan's account. Blank: an empty block.",
        '要列出的键，如规划的客户。留空则区域为空。',
      ),
      p(
        'maxRows',
        'value',
        false,
        'Height of the block, 1 to 10000: type a number (e.g. 8) so every host knows the size before calculating.',
        '区域的行数，1 到 10000：请直接输入数字（如 8），以便各宿主在计算前就知道区域大小。',
      ),
      p('oppIds', 'range', false, 'Id of each deal, e.g. Opp_OppId.', '每个商机的编号，如 Opp_OppId。'),
      p('oppNames', 'range', false, 'Name of each deal, e.g. Opp_OppName.', '每个商机的名称，如 Opp_OppName。'),
      p('stages', 'range', false, "Each deal's stage now, e.g. Opp_Stage.", '每个商机当前的阶段，如 Opp_Stage。'),
      p('statuses', 'range', false, "Each deal's status now, e.g. Opp_Status.", '每个商机当前的状态，如 Opp_Status。'),
      p('amounts', 'range', false, "Each deal's amount now, e.g. Opp_Amount.", '每个商机当前的金额，如 Opp_Amount。'),
      p(
        'closeDates',
        'range',
        false,
        "Each deal's close date now, e.g. Opp_CloseDate.",
        '每个商机当前的结单日期，如 Opp_CloseDate。',
      ),
      p('grades', 'range', false, "Each deal's grade now, e.g. Opp_Grade.", '每个商机当前的等级，如 Opp_Grade。'),
      p('dcOppIds', 'range', false, 'OppId of each decision-chain row, e.g. Dc_OppId.', '决策链每行的商机编号，如 Dc_OppId。'),
      p(
        'dcSupport',
        'range',
        false,
        'Support of each decision-chain row, e.g. Dc_Support (Mentor counts).',
        '决策链每行的支持度，如 Dc_Support（内线教练计入）。',
      ),
      p(
        'histDates',
        'range',
        false,
        'Snapshot date of each OppHistory row, e.g. OppH_Date.',
        '商机历史表每行的快照日期，如 OppH_Date。',
      ),
      p(
        'histOppIds',
        'range',
        false,
        'OppId of each OppHistory row, e.g. OppH_OppId.',
        '商机历史表每行的商机编号，如 OppH_OppId。',
      ),
      p('histStages', 'range', false, 'e.g. OppH_Stage.', '如 OppH_Stage。'),
      p('histStatuses', 'range', false, 'e.g. OppH_Status.', '如 OppH_Status。'),
      p('histAmounts', 'range', false, 'e.g. OppH_Amount.', '如 OppH_Amount。'),
      p('histCloseDates', 'range', false, 'e.g. OppH_CloseDate.', '如 OppH_CloseDate。'),
      p('histGrades', 'range', false, 'e.g. OppH_Grade.', '如 OppH_Grade。'),
      p(
        'histMentors',
        'range',
        false,
        'Whether a Mentor was on the chain, e.g. OppH_Mentor.',
        '当时是否有内线教练，如 OppH_Mentor。',
      ),
      p(
        'sinceDate',
        'value',
        false,
        'The snapshot date to compare with, e.g. CRM3.SNAPSHOTDATE(…). Blank: an empty block.',
        '对比的快照日期，如 CRM3.SNAPSHOTDATE(…) 的结果。留空则区域为空。',
      ),
      p('stageNames', 'range', false, 'Stage names in order, e.g. Stages_Stage.', '阶段名称，如 Stages_Stage。'),
      p('stageOrders', 'range', false, 'Order of each stage, e.g. Stages_Order.', '各阶段的顺序，如 Stages_Order。'),
      p(
        'language',
        'value',
        true,
        'Language of the words: "en-US" (default) or "zh-CN".',
        '说明文字的语言："en-US"（默认）或 "zh-CN"。',
      ),
    ],
    result: { shape: { kind: 'list', maxRows: 'maxRows', columns: [], width: 2, rowsOf: 'keys' }, type: 'any' },
    errors: [
      {
        en: '#VALUE! when maxRows is not a whole number from 1 to 10000, the deal columns or the history columns differ in size (the message names them), sinceDate is not a date, or the stage table is not valid.',
        zh: '#VALUE!：maxRows 不是 1 到 10000 之间的整数；商机各列或历史表各列行数不一致（提示中指明）；sinceDate 不是日期；或阶段表无效。',
      },
    ],
    evaluate(a) {
      const keys = a.column('keys');
      const maxRows = a.number('maxRows');
      const oppIds = a.column('oppIds');
      const names = a.column('oppNames');
      for (const [name, c] of [
        ['oppIds', oppIds],
        ['oppNames', names],
      ] as const)
        if (c.length !== keys.length) orFail(sizeMismatch('keys', name, keys.length, c.length));
      const sinceCell = a.value('sinceDate');
      if (isBlank(a.value('key')) || isBlank(sinceCell)) {
        orFail(listRows({ keys, key: null, maxRows })); // the height is checked all the same
        return listBlock<Scalar>([], 0, 2, maxRows);
      }
      const since = toDateSerial(sinceCell);
      if (since === undefined) return a.date('sinceDate');
      const order = orFail(stageOrderLookup(a.column('stageNames'), a.column('stageOrders')));
      const moved = orFail(
        movedDeals({
          oppIds,
          stages: a.column('stages'),
          statuses: a.column('statuses'),
          amounts: a.column('amounts'),
          closeDates: a.column('closeDates'),
          grades: a.column('grades'),
          mentored: dealsWithMentor(a.column('dcOppIds'), a.column('dcSupport')),
          history: {
            dates: a.column('histDates'),
            keys: a.column('histOppIds'),
            stages: a.column('histStages'),
            statuses: a.column('histStatuses'),
            amounts: a.column('histAmounts'),
            closeDates: a.column('histCloseDates'),
            grades: a.column('histGrades'),
            mentors: a.column('histMentors'),
          },
          since,
          stageOrder: order,
        }),
      );
      const byRow = new Map(moved.map((m) => [m.row, m]));
      const include = keys.map((_, i) => byRow.has(i));
      const list = orFail(listRows({ keys, key: a.value('key'), include, maxRows }));
      const locale = localeOf(a.has('language') ? a.text('language') : 'en-US');
      const rows = list.rows.map((r): Scalar[] => [
        (isBlank(names[r]) ? oppIds[r] : names[r]) as Scalar,
        movesInWords(byRow.get(r)!, locale),
      ]);
      return listBlock(rows, list.more, 2, maxRows);
    },
  }),
];
