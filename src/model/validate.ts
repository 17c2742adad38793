/**
 * Checks a WorkbookSnapshot against the CRM3 schema (DESIGN.md §3, §10 "Bad input"): missing
 * tables and columns, blank required values, values of the wrong kind, unknown enumeration
 * values, duplicate ids, references to nothing, scores off their scale, stages Config does
 * not know, and Config settings that cannot be used. Every problem names the sheet and the
 * cell and says, in en and zh, what is wrong and how to fix it. Pure: the snapshot is not
 * changed. Problems found while reading (snapshot.problems) are not repeated here.
 */
import { Cell, isBlank, isoFromSerial, keyOf, showCell, showCellZh, toDateSerial, toNumber } from '../core/cells';
import { ActivityType, Answer, Enumeration, Status, TierMethod, allowedList, lookupEnum } from '../core/enumerations';
import { Message } from '../core/i18n';
import { CONFIG_TABLES, ConfigTableSpec, SETTINGS } from './config';
import { stageLabel } from './defaults';
import { ProblemList, moreLike, place } from './problems';
import { ColumnSpec, TABLES, TableName, TableSpec, isQuietTable, tableSpec } from './schema';
import { Problem, TableData, WorkbookSnapshot, a1, rowCell } from './snapshot';
import { columnViews, rowCount } from './tableColumns';
import { columnValues, columnsOf, configStages, criteriaOf, questionsOf, stageKeys } from './workbookColumns';

type Severity = Problem['severity'];
interface Col {
  en: string;
  zh: string;
}

const colName = (c: ColumnSpec): Col => ({ en: c.name, zh: c.zh === c.name ? c.name : `${c.zh}（${c.name}）` });
const list = (names: readonly string[]) => names.join(', ');

/** The bilingual wording of every check. `at` is the place ("Opportunities!G5"). */
const M = {
  missingTable: (spec: TableSpec, required: boolean): Message => {
    const heads = headersToAdd(spec);
    const en = `The workbook has no ${spec.name} table. Add a sheet named ${spec.name} (or ${spec.zh}) whose first row holds the headers ${list(heads.map((c) => c.name))}, or an Excel table named ${spec.name}.`;
    const zh = `工作簿中没有“${spec.zh}”表（${spec.name}）。请添加名为“${spec.zh}”（或 ${spec.name}）的工作表，首行为表头 ${heads.map((c) => c.zh).join('、')}，或添加名为 ${spec.name} 的 Excel 表格。`;
    return required
      ? { en, zh }
      : {
          en: `The workbook has no ${spec.name} table, so the indicators that use it have no data. If you track ${TABLE_WORDS[spec.name]}, add a sheet named ${spec.name} (or ${spec.zh}) with the headers ${list(heads.map((c) => c.name))}.`,
          zh: `工作簿中没有“${spec.zh}”表（${spec.name}），依赖它的指标无数据。如需统计，请添加名为“${spec.zh}”（或 ${spec.name}）的工作表，表头为 ${heads.map((c) => c.zh).join('、')}。`,
        };
  },
  missingColumn: (
    at: string,
    spec: { name: string; zh: string },
    c: ColumnSpec,
    headerRow: number,
    key: boolean,
    empty = false,
  ): Message =>
    empty
      ? {
          en: `${at}: column ${c.name} of table ${spec.name} is empty in every row, so the indicators that use it have no data. Fill it in.`,
          zh: `${at}：“${spec.zh}”表的“${c.zh}”（${c.name}）列每一行都为空，依赖它的指标无数据。请填写该列。`,
        }
      : {
          en: `${at}: table ${spec.name} has no ${c.name} column${key ? ', which identifies or links its rows' : ', so the indicators that use it have no data'}. Add a column headed ${c.name} (or ${c.zh}) to the header row (row ${headerRow}).`,
          zh: `${at}：“${spec.zh}”表缺少${key ? '必填' : ''}列“${c.zh}”（${c.name}）${key ? '，该列用于识别或关联各行' : '，依赖它的指标无数据'}。请在表头行（第 ${headerRow} 行）添加名为“${c.zh}”或 ${c.name} 的列。`,
        },
  /** Accounts made from an export's account names have no criterion scores: no sheet to add them to yet. */
  madeWithoutCriteria: (from: string, missing: string[]): Message => ({
    en: `${from}: the accounts are made from the opportunities' account names, so they have no criterion scores (${list(missing)}); Score, Attractiveness, Position and Tier are blank and the indicators that use tiers have no data. Run crm3 import to make a CRM3 workbook with an Accounts sheet, and score each account 1–5 there.`,
    zh: `${from}：客户由商机中的客户名称生成，没有评分项（${missing.join('、')}），因此综合得分、吸引力、竞争地位和分级为空，依赖分级的指标无数据。请运行 crm3 import 生成带“客户”表的 CRM3 工作簿，并在其中为每个客户打 1–5 分。`,
  }),
  missingDynamic: (at: string, kind: 'criteria' | 'questions', missing: string[], all: boolean): Message =>
    kind === 'criteria'
      ? {
          en: `${at}: ${all ? 'all' : 'some'} criterion score columns are missing (${list(missing)}), so Score, Attractiveness, Position and Tier${all ? ' are blank' : ' would not be the ones Config defines; they are blank'} and the indicators that use tiers have no data. Add columns headed with these criterion ids and score each account 1–5.`,
          zh: `${at}：缺少${all ? '全部' : '部分'}评分项列（${missing.join('、')}），因此综合得分、吸引力、竞争地位和分级${all ? '为空' : '与配置不符，按空白处理'}，依赖分级的指标无数据。请添加以这些评分项编号为表头的列，并为每个客户打 1–5 分。`,
        }
      : {
          en: `${at}: ${all ? 'all' : 'some'} question columns are missing (${list(missing)}), so the indicators that use QualScore and Grade have no data. Add columns headed with these question ids and answer Yes, No or ?.`,
          zh: `${at}：缺少${all ? '全部' : '部分'}评估问题列（${missing.join('、')}），因此依赖评估得分和商机等级的指标无数据。请添加以这些问题编号为表头的列，并填写 是、否 或 ?。`,
        },
  blank: (at: string, c: Col): Message => ({
    en: `${at}: ${c.en} is blank but required. Fill it in, or delete the row if it is not real data.`,
    zh: `${at}：${c.zh} 为必填项，不能为空。请填写；如果该行不是有效数据，请删除该行。`,
  }),
  notNumber: (at: string, c: Col, v: Cell): Message => ({
    en: `${at}: ${c.en} ${showCell(v)} is not a number. Type a plain number such as 120000 (no currency sign, units or words).`,
    zh: `${at}：${c.zh} 的值 ${showCellZh(v)} 不是数字。请填写纯数字，例如 120000（不要带货币符号、单位或文字）。`,
  }),
  negative: (at: string, c: Col, v: Cell): Message => ({
    en: `${at}: ${c.en} ${showCell(v)} is negative; it must be 0 or more. Enter the amount as a positive number.`,
    zh: `${at}：${c.zh} 的值 ${showCellZh(v)} 为负数，必须大于或等于 0。请填写正数金额。`,
  }),
  notCount: (at: string, c: Col, v: Cell): Message => ({
    en: `${at}: ${c.en} ${showCell(v)} must be a whole number, 0 or more (how many times it happened).`,
    zh: `${at}：${c.zh} 的值 ${showCellZh(v)} 必须是大于或等于 0 的整数（发生的次数）。`,
  }),
  notDate: (at: string, c: Col, v: Cell): Message => ({
    en: `${at}: ${c.en} ${showCell(v)} is not a date. Enter a date such as 2026-03-05 (or format the cell as a date); day/month orders like 05/03/2026 are ambiguous and not accepted as text.`,
    zh: `${at}：${c.zh} 的值 ${showCellZh(v)} 不是日期。请填写如 2026-03-05 或 2026年3月5日 的日期（或将单元格设为日期格式）；05/03/2026 这类写法有歧义，不作为文本日期接受。`,
  }),
  unknownValue: (at: string, c: Col, v: Cell, e: Enumeration, warning: boolean): Message => ({
    en: `${at}: ${c.en} ${showCell(v)} is not a known value${warning ? ' (it still counts as an activity, but not as any particular type)' : ''}. Use one of: ${allowedList(e)}.`,
    zh: `${at}：${c.zh} 的值 ${showCellZh(v)} 无法识别${warning ? '（仍计为一次活动，但不计入任何类型）' : ''}。可用的值：${allowedList(e, 'zh-CN')}。`,
  }),
  unknownStage: (at: string, v: Cell, stages: readonly string[], fromConfig: boolean): Message => ({
    en: `${at}: Stage ${showCell(v)} is not one of the ${fromConfig ? 'stages in Config (Stages table)' : 'default stages'}: ${list(stages)}. Use one of them${fromConfig ? ', or add the stage to the Stages table on the Config sheet' : ', or define your stages in a Stages table on a Config sheet'}.`,
    zh: `${at}：阶段 ${showCellZh(v)} 不在${fromConfig ? '配置（阶段表）中的阶段' : '默认阶段'}之列：${(fromConfig ? stages : stages.map((x) => stageLabel(x, 'zh-CN'))).join('、')}。请使用其中之一${fromConfig ? '，或在“配置”工作表的阶段表中添加该阶段' : '，或在“配置”工作表中用阶段表定义您的阶段'}。`,
  }),
  duplicateId: (at: string, c: Col, v: Cell, first: string, severity: Severity): Message => ({
    en: `${at}: ${c.en} ${showCell(v)} appears again (first at ${first}). Ids must be unique${severity === 'error' ? ': give this row its own id, or merge the two rows' : '; this row may be a duplicate entry'}.`,
    zh: `${at}：${c.zh} ${showCellZh(v)} 重复出现（首次在 ${first}）。编号必须唯一${severity === 'error' ? '：请为该行另设编号，或合并这两行' : '；该行可能是重复录入'}。`,
  }),
  orphan: (at: string, c: Col, v: Cell, target: TableSpec): Message => ({
    en: `${at}: ${c.en} ${showCell(v)} is not in the ${target.name} table, so this row is linked to nothing there. Correct the id, or add the missing row to ${target.name}.`,
    zh: `${at}：${c.zh} ${showCellZh(v)} 在“${target.zh}”表中不存在，该行无法关联。请更正编号，或在“${target.zh}”表中补充该记录。`,
  }),
  criterionRange: (at: string, c: Col, v: number, min: number, max: number): Message => ({
    en: `${at}: ${c.en} score ${v} is outside its ${min}–${max} scale, so it counts as ${v < min ? min : max}. Enter a score from ${min} to ${max}.`,
    zh: `${at}：${c.zh} 的评分 ${v} 超出 ${min}–${max} 的范围，按 ${v < min ? min : max} 计算。请填写 ${min} 到 ${max} 之间的分数。`,
  }),
  criterionNotNumber: (at: string, c: Col, v: Cell, min: number, max: number): Message => ({
    en: `${at}: ${c.en} score ${showCell(v)} is not a number, so this criterion is left out of the account's score. Enter a score from ${min} to ${max}.`,
    zh: `${at}：${c.zh} 的评分 ${showCellZh(v)} 不是数字，该评分项不计入此客户的得分。请填写 ${min} 到 ${max} 之间的分数。`,
  }),
  criterionBlank: (at: string, c: Col, min: number, max: number): Message => ({
    en: `${at}: ${c.en} has no score, so this criterion is left out of the account's score. Enter a score from ${min} to ${max}.`,
    zh: `${at}：${c.zh} 未评分，该评分项不计入此客户的得分。请填写 ${min} 到 ${max} 之间的分数。`,
  }),
  unscored: (at: string, n: number): Message => ({
    en: `${at}: ${n} ${n === 1 ? 'account has' : 'accounts have'} no criterion score at all, so no Score, Attractiveness, Position or Tier. Score each account 1–5 on the criterion columns (C_…).`,
    zh: `${at}：有 ${n} 个客户没有任何评分项得分，因此没有综合得分、吸引力、竞争地位和分级。请在评分项列（C_…）中为每个客户打 1–5 分。`,
  }),
  activityUnlinked: (at: string): Message => ({
    en: `${at}: this activity has neither an AccountId nor an OppId, so it counts for no account. Fill in one of them.`,
    zh: `${at}：该活动既没有客户编号也没有商机编号，无法计入任何客户。请至少填写其中一项。`,
  }),
  noDoneDateColumn: (at: string): Message => ({
    en: `${at}: the Actions table has no DoneDate column, so "actions done on time" has no data (Done = Yes alone does not say whether an action was done by its due date). Add a DoneDate column and fill in the day each action was done.`,
    zh: `${at}：“行动计划”表没有“完成日期”（DoneDate）列，“行动按期完成率”因此无数据（仅凭“完成”为“是”无法判断是否在截止日期前完成）。请添加“完成日期”列，并填写每项行动的完成日期。`,
  }),
  doneDateAfterAsOf: (at: string, doneOn: string, asOf: string): Message => ({
    en: `${at}: DoneDate ${doneOn} is after the as-of date ${asOf}, so as of ${asOf} this action counts as not done yet. Correct the date if it is a typo, or move AsOfDate in Config.`,
    zh: `${at}：完成日期 ${doneOn} 晚于基准日 ${asOf}，截至 ${asOf} 该行动按未完成计。如为笔误请更正日期，或调整配置中的 AsOfDate。`,
  }),
  doneDateNotDone: (at: string, done: string): Message => ({
    en: `${at}: DoneDate is filled but Done is ${done || 'blank'}; the action counts as done on DoneDate. Set Done to Yes, or clear DoneDate if it is not done.`,
    zh: `${at}：已填写完成日期，但“完成”为${done || '空'}；该行动按在完成日期完成计。请把“完成”改为“是”；如尚未完成，请清空完成日期。`,
  }),
  doneWithoutDate: (at: string): Message => ({
    en: `${at}: Done is Yes but DoneDate is blank, so whether it was done on time is unknown and "actions done on time" leaves it out. Fill in the day it was done.`,
    zh: `${at}：“完成”为“是”，但完成日期为空，无法判断是否按期完成，“行动按期完成率”不计入该行动。请填写完成日期。`,
  }),
  actionDealOfOtherAccount: (at: string, opp: Cell, dealAccount: Cell, account: Cell): Message => ({
    en: `${at}: opportunity ${showCell(opp)} belongs to account ${showCell(dealAccount)}, not to this action's account ${showCell(account)}, so the action shows on the wrong deal review. Correct the OppId or the AccountId.`,
    zh: `${at}：商机 ${showCellZh(opp)} 属于客户 ${showCellZh(dealAccount)}，而不是该行动的客户 ${showCellZh(account)}，该行动会出现在错误的商机评审中。请更正商机编号或客户编号。`,
  }),
  endBeforeStart: (at: string, start: string): Message => ({
    en: `${at}: EndDate is before StartDate (${start}). Swap or correct the dates.`,
    zh: `${at}：结束日期早于开始日期（${start}）。请更正日期。`,
  }),
  probabilityRange: (at: string, v: number): Message => ({
    en: `${at}: Probability ${v} is not between 0 and 1${v > 1 && v <= 100 ? ` (for ${v}% write ${v / 100} or ${v}%)` : ''}. Enter the stage's win probability as a fraction or a percentage.`,
    zh: `${at}：赢单概率 ${v} 不在 0 到 1 之间${v > 1 && v <= 100 ? `（${v}% 应写作 ${v / 100} 或 ${v}%）` : ''}。请以小数或百分比填写该阶段的赢单概率。`,
  }),
  minNotBelowMax: (at: string, id: string, min: number, max: number): Message => ({
    en: `${at}: criterion ${id} has Min ${min} not below Max ${max}. Set Min lower than Max (the default scale is 1–5).`,
    zh: `${at}：评分项 ${id} 的最小值 ${min} 不小于最大值 ${max}。请使最小值小于最大值（默认 1–5）。`,
  }),
  badSection: (at: string, v: Cell): Message => ({
    en: `${at}: Section ${showCell(v)} must be 1, 2, 3 or 4 (the four questions).`,
    zh: `${at}：部分 ${showCellZh(v)} 必须是 1、2、3 或 4（四问）。`,
  }),
  eventStageUnknown: (at: string, v: Cell, stages: readonly string[]): Message => ({
    en: `${at}: Stage ${showCell(v)} of this event is not in the Stages table (${list(stages)}), so the event is never checked. Correct the stage name.`,
    zh: `${at}：该事件的阶段 ${showCellZh(v)} 不在阶段表中（${stages.join('、')}），因此不会被核查。请更正阶段名称。`,
  }),
  setting: (at: string, name: string, zh: string, v: Cell, want: { en: string; zh: string }): Message => ({
    en: `${at}: setting ${name} is ${showCell(v)}, which is not ${want.en}; the default is used instead. Enter ${want.en}.`,
    zh: `${at}：设置项 ${zh}（${name}）的值 ${showCellZh(v)} 不是${want.zh}，改用默认值。请填写${want.zh}。`,
  }),
  periodReversed: (at: string): Message => ({
    en: `${at}: PeriodEnd is before PeriodStart. Correct the evaluation period.`,
    zh: `${at}：期间结束早于期间开始。请更正考核期间。`,
  }),
  unknownScoreRange: (at: string, v: number): Message => ({
    en: `${at}: UnknownAnswerScore ${v} should be between 0 and 1 (the value of an Unknown answer, Yes being 1).`,
    zh: `${at}：未知答案得分 ${v} 应在 0 到 1 之间（“是”为 1）。`,
  }),
};

/** What a table holds, for "if you track …". */
const TABLE_WORDS: Record<TableName, string> = {
  Accounts: 'accounts',
  Opportunities: 'opportunities',
  Contacts: 'contacts',
  DecisionChain: 'decision chains',
  Activities: 'activities',
  Targets: 'targets',
  Actions: 'account-plan actions',
  Reviews: 'deal reviews',
  History: 'snapshots',
  OppHistory: 'snapshots',
  AccountHistory: 'snapshots',
};

/** The headers to suggest for a missing table: its required columns, or its input columns when none is required. */
function headersToAdd(spec: TableSpec): ColumnSpec[] {
  const required = spec.columns.filter((c) => c.required);
  return required.length ? required : spec.columns.filter((c) => !c.computed);
}

/** Tables whose absence leaves nothing to evaluate. */
const REQUIRED_TABLES: readonly TableName[] = ['Accounts', 'Opportunities'];
/** Duplicate ids are errors here; for other keys (ActivityId) a warning. */
const STRICT_KEYS: ReadonlySet<string> = new Set(['Accounts.AccountId', 'Opportunities.OppId', 'Contacts.ContactId']);

/** Blank as isBlank says, inlined: these run once per cell of every table. */
const blank = (c: Cell | undefined): boolean => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
function rowIsBlank(row: readonly Cell[]): boolean {
  for (let j = 0; j < row.length; j++) if (!blank(row[j])) return false;
  return true;
}

/**
 * A table's cells by column (as the reader holds them: model/tableColumns.ts, no rows made)
 * and which of its rows are blank, found once per table.
 */
interface Cells {
  columns: readonly (readonly Cell[])[];
  count: number;
  /** 1 where every cell of the row is blank. */
  blankRow: Uint8Array;
  /** Whether any row holds a cell. */
  hasRows: boolean;
}

function cellsOf(t: TableData): Cells {
  const columns = columnViews(t);
  const count = rowCount(t);
  const blankRow = new Uint8Array(count).fill(1);
  for (const values of columns) for (let i = 0; i < count; i++) if (blankRow[i] && !blank(values[i])) blankRow[i] = 0;
  return { columns, count, blankRow, hasRows: blankRow.includes(0) };
}

class Checker {
  readonly problems = new ProblemList();
  private readonly cellsByTable = new Map<TableData, Cells>();
  constructor(
    readonly s: WorkbookSnapshot,
    /** ValidateOptions.everyRow. */
    readonly everyRow = false,
  ) {}

  /** The table's cells, made once per validation (`cellsOf`). */
  cells(t: TableData): Cells {
    let c = this.cellsByTable.get(t);
    if (!c) this.cellsByTable.set(t, (c = cellsOf(t)));
    return c;
  }

  at(t: TableData, i: number, j: number): { sheet: string; cell: string; place: string } {
    // A table made from another sheet has no cells: its problems point at that sheet.
    if (t.madeFrom) return { sheet: t.madeFrom, cell: '', place: t.madeFrom };
    const cell = rowCell(t, i, t.origin.col + j);
    return { sheet: t.sheet, cell, place: place(t.sheet, cell) };
  }

  /** One cell problem, grouped per sheet, column and kind so a bad column does not flood the list. */
  cell(
    t: TableData,
    i: number,
    j: number,
    kind: string,
    severity: Severity,
    c: Col,
    make: (at: string) => Message,
    what: Col,
  ): void {
    const where = this.at(t, i, j);
    this.problems.add(
      `${t.sheet}|${t.origin.col + j}|${kind}`,
      { severity, sheet: where.sheet, cell: where.cell, message: make(where.place) },
      moreLike(c, what),
    );
  }

  whole(severity: Severity, sheet: string, cell: string, message: Message): void {
    this.problems.push({ severity, sheet, cell, message });
  }
}

/** What is wrong with a non-blank value of a typed column, by the kind its problems are grouped under; undefined when nothing. */
type Fault = 'nan' | 'neg' | 'count' | 'date' | 'enum' | 'stage' | 'crit-nan' | 'crit-range';

/** The fault of one non-blank value (the one home of what checkValue reports; checkTable's row finder asks it too). */
function valueFault(c: ColumnSpec, v: Cell, ctx: Context): Fault | undefined {
  switch (c.type) {
    case 'amount':
    case 'number': {
      const n = toNumber(v);
      if (n === undefined) return 'nan';
      return n < 0 && c.type === 'amount' && c.required ? 'neg' : undefined;
    }
    case 'count': {
      const n = toNumber(v);
      return n === undefined || n < 0 || !Number.isInteger(n) ? 'count' : undefined;
    }
    case 'date':
      return typeof v === 'boolean' || toDateSerial(v) === undefined ? 'date' : undefined;
    case 'enum':
    case 'answer':
      return !c.enumeration || ctx.known(c.enumeration, v) ? undefined : 'enum';
    case 'stage':
      return ctx.known('stage', v) ? undefined : 'stage';
    case 'criterion': {
      const scale = ctx.scales.get(c.name) ?? { min: 1, max: 5 };
      const n = toNumber(v);
      if (n === undefined) return 'crit-nan';
      return n < scale.min || n > scale.max ? 'crit-range' : undefined;
    }
    default:
      return undefined;
  }
}

/** Checks one value of a typed column (`name`: its colName, made once per column, not per cell); records problems. */
function checkValue(k: Checker, t: TableData, i: number, j: number, c: ColumnSpec, v: Cell, ctx: Context, name: Col): void {
  const fault = valueFault(c, v, ctx);
  switch (fault) {
    case undefined:
      return;
    case 'nan':
      k.cell(t, i, j, fault, 'error', name, (at) => M.notNumber(at, name, v), { en: 'not a number', zh: '不是数字' });
      return;
    case 'neg':
      k.cell(t, i, j, fault, 'error', name, (at) => M.negative(at, name, v), { en: 'negative', zh: '负数' });
      return;
    case 'count':
      k.cell(t, i, j, fault, 'error', name, (at) => M.notCount(at, name, v), {
        en: 'not a whole number ≥ 0',
        zh: '不是非负整数',
      });
      return;
    case 'date':
      k.cell(t, i, j, fault, 'error', name, (at) => M.notDate(at, name, v), { en: 'not a date', zh: '不是日期' });
      return;
    case 'enum': {
      const e = c.enumeration!;
      const severity: Severity = e === ActivityType ? 'warning' : 'error';
      k.cell(t, i, j, fault, severity, name, (at) => M.unknownValue(at, name, v, e, severity === 'warning'), {
        en: 'unknown value',
        zh: '无法识别的值',
      });
      return;
    }
    case 'stage':
      k.cell(t, i, j, fault, 'error', name, (at) => M.unknownStage(at, v, ctx.stageNames, ctx.stagesFromConfig), {
        en: 'unknown stage',
        zh: '未知阶段',
      });
      return;
    case 'crit-nan':
    case 'crit-range': {
      const scale = ctx.scales.get(c.name) ?? { min: 1, max: 5 };
      if (fault === 'crit-nan')
        k.cell(t, i, j, fault, 'warning', name, (at) => M.criterionNotNumber(at, name, v, scale.min, scale.max), {
          en: 'not a number',
          zh: '不是数字',
        });
      else
        k.cell(t, i, j, fault, 'warning', name, (at) => M.criterionRange(at, name, toNumber(v)!, scale.min, scale.max), {
          en: 'score off its scale',
          zh: '评分超出范围',
        });
    }
  }
}

/**
 * Marks in `look` the rows of one checked column that the row-by-row check must look at: a
 * blank where that may be reported (a required column, a criterion), or a value with a fault.
 * One tight loop per column (issue #15: looking at every cell of every row, row after row, was
 * most of validate at 50,000 opportunities); a column of few distinct values (enumerations,
 * stages) asks valueFault once per value.
 */
function markRows(look: Uint8Array, values: readonly Cell[], blankRow: Uint8Array, c: ColumnSpec, ctx: Context): void {
  const mayBlank = c.required || c.type === 'criterion';
  const coded = c.type === 'enum' || c.type === 'answer' || c.type === 'stage';
  const faulty = new Map<Cell, boolean>();
  for (let i = 0; i < blankRow.length; i++) {
    if (blankRow[i] || look[i]) continue;
    const v = values[i] ?? null;
    if (blank(v)) {
      if (mayBlank) look[i] = 1;
      continue;
    }
    let bad: boolean | undefined;
    if (coded) {
      bad = faulty.get(v);
      if (bad === undefined) faulty.set(v, (bad = valueFault(c, v, ctx) !== undefined));
    } else bad = valueFault(c, v, ctx) !== undefined;
    if (bad) look[i] = 1;
  }
}

interface Context {
  /** Whether a value belongs to an enumeration (or is a known stage); memoised, as columns repeat a few values. */
  known(e: Enumeration | 'stage', v: Cell): boolean;
  stageKeys: Set<string>;
  stageNames: string[];
  stagesFromConfig: boolean;
  scales: Map<string, { min: number; max: number }>;
}

/**
 * Column presence, blanks and typed values of one table. Returns the column index of each
 * canonical name present.
 */
function checkTable(
  k: Checker,
  t: TableData,
  spec: TableSpec | ConfigTableSpec,
  columns: readonly ColumnSpec[],
  ctx: Context,
): Map<string, number> {
  const idx = new Map<string, number>();
  t.headers.forEach((h, j) => {
    if (!idx.has(h)) idx.set(h, j);
  });
  const headerAt = place(t.sheet, a1(t.origin.row, t.origin.col));
  const cells = k.cells(t);
  const { columns: cols, blankRow } = cells;
  const emptyRequired = new Set<string>();
  for (const c of columns) {
    if (!c.required) continue;
    // Without its id (or the ids it links by) a row cannot be told apart or tied to its account:
    // an error. Any other missing column leaves the indicators that read it without data.
    // Config tables have no "no data" fallback for a lost column (the engine would use blanks): an error too.
    const key = c.type === 'id' || ('key' in spec && spec.key === c.name) || !('prefix' in spec);
    // A column that is there but empty in every row (an export pasted into a template) is as good as missing.
    const j = idx.get(c.name);
    const empty = j !== undefined && !key && cells.hasRows && cells.columns[j].every((v) => blank(v));
    if (j === undefined || empty) {
      k.whole(
        key ? 'error' : 'warning',
        t.sheet,
        a1(t.origin.row, t.origin.col),
        M.missingColumn(headerAt, spec, c, t.origin.row, key, empty),
      );
      if (empty) emptyRequired.add(c.name);
    }
  }
  // Optional text and id columns have nothing to check, blank or not (checkValue takes no other text).
  const checked = columns
    .filter((c) => !c.computed && idx.has(c.name) && !emptyRequired.has(c.name))
    .filter((c) => c.required || (c.type !== 'text' && c.type !== 'id'))
    .map((c) => ({ c, j: idx.get(c.name)!, name: colName(c) }));
  // A closed deal needs no stage: no indicator reads it, and exports do not say which stage it reached.
  const jStatus = spec.name === 'Opportunities' ? idx.get('Status') : undefined;
  const closed = (i: number) => {
    const st = jStatus === undefined ? undefined : lookupEnum(Status, cols[jStatus][i]);
    return st !== undefined && st.code !== 'Open';
  };
  // An account with no criterion scored at all is not scored yet: counted once below, not a warning per cell.
  const criteria = checked.filter((x) => x.c.type === 'criterion').map((x) => x.j);
  const scoredRow = (i: number) => criteria.some((j) => !blank(cols[j][i]));
  let unscored = 0;
  if (criteria.length) for (let i = 0; i < cells.count; i++) if (!blankRow[i] && !scoredRow(i)) unscored++;
  // The rows with something to report, found column by column (markRows); then those rows,
  // row after row (problems are listed in the order they are first met), reading the columns.
  const look = new Uint8Array(cells.count);
  if (k.everyRow) look.fill(1);
  else for (const { c, j } of checked) markRows(look, cols[j], blankRow, c, ctx);
  for (let i = 0; i < cells.count; i++) {
    if (!look[i] || blankRow[i]) continue;
    const scored = scoredRow(i);
    for (let x = 0; x < checked.length; x++) {
      const { c, j, name } = checked[x];
      const v = cols[j][i] ?? null;
      if (blank(v)) {
        if (c.type === 'stage' && closed(i)) continue;
        if (c.required) k.cell(t, i, j, 'blank', 'error', name, (at) => M.blank(at, name), { en: 'blank', zh: '为空' });
        else if (c.type === 'criterion' && scored) {
          const scale = ctx.scales.get(c.name) ?? { min: 1, max: 5 };
          k.cell(t, i, j, 'crit-blank', 'warning', name, (at) => M.criterionBlank(at, name, scale.min, scale.max), {
            en: 'no score',
            zh: '未评分',
          });
        }
        continue;
      }
      checkValue(k, t, i, j, c, v, ctx, name);
    }
  }
  if (unscored)
    k.whole(
      'warning',
      t.sheet,
      a1(t.origin.row, t.origin.col),
      M.unscored(place(t.sheet, a1(t.origin.row, t.origin.col)), unscored),
    );
  return idx;
}

/** Reports repeated ids; gives the ids seen (each with its first row), which are the table's keys (`keysOf`). */
function checkDuplicates(k: Checker, t: TableData, j: number, c: ColumnSpec, severity: Severity): ReadonlyMap<string, number> {
  const seen = new Map<string, number>();
  const name = colName(c);
  const values = k.cells(t).columns[j];
  values.forEach((v, i) => {
    if (isBlank(v)) return;
    const key = keyOf(v);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    const firstCell = k.at(t, first, j).cell;
    k.cell(t, i, j, 'dup', severity, name, (at) => M.duplicateId(at, name, v, firstCell, severity), {
      en: 'duplicate id',
      zh: '编号重复',
    });
  });
  return seen;
}

/** The keys of a table's key column (blanks left out); undefined when the table or the column is missing. */
function keysOf(t: TableData | undefined, key: string | undefined): Set<string> | undefined {
  const values = key ? columnValues(t, key) : undefined;
  if (!values) return undefined;
  return new Set(values.filter((v) => !isBlank(v)).map((v) => keyOf(v)));
}

function checkSettings(k: Checker, s: WorkbookSnapshot): void {
  const where = (name: string) => s.settingCells?.[name as keyof NonNullable<WorkbookSnapshot['settingCells']>];
  const report = (name: string, zh: string, v: Cell, want: { en: string; zh: string }) => {
    const w = where(name);
    k.whole('error', w?.sheet ?? '', w?.cell ?? '', M.setting(w ? place(w.sheet, w.cell) : name, name, zh, v, want));
  };
  for (const spec of SETTINGS) {
    const v = s.settings[spec.name];
    if (v === undefined || isBlank(v)) continue;
    if (spec.type === 'date' && (typeof v === 'boolean' || toDateSerial(v) === undefined))
      report(spec.name, spec.zh, v, { en: 'a date (e.g. 2026-03-05 or =TODAY())', zh: '日期（如 2026-03-05 或 =TODAY()）' });
    else if (spec.type === 'number' && toNumber(v) === undefined) report(spec.name, spec.zh, v, { en: 'a number', zh: '数字' });
    else if (spec.type === 'bool' && !lookupEnum(Answer, v))
      report(spec.name, spec.zh, v, { en: 'TRUE or FALSE', zh: 'TRUE 或 FALSE（是/否）' });
    else if (spec.name === 'TierMethod' && !lookupEnum(TierMethod, v))
      report(spec.name, spec.zh, v, {
        en: `one of ${allowedList(TierMethod)}`,
        zh: `以下之一：${allowedList(TierMethod, 'zh-CN')}`,
      });
  }
  const start = toDateSerial(s.settings.PeriodStart ?? null);
  const end = toDateSerial(s.settings.PeriodEnd ?? null);
  if (start !== undefined && end !== undefined && end < start) {
    const w = where('PeriodEnd');
    k.whole('error', w?.sheet ?? '', w?.cell ?? '', M.periodReversed(w ? place(w.sheet, w.cell) : 'PeriodEnd'));
  }
  const u = toNumber(s.settings.UnknownAnswerScore ?? null);
  if (u !== undefined && (u < 0 || u > 1)) {
    const w = where('UnknownAnswerScore');
    k.whole('warning', w?.sheet ?? '', w?.cell ?? '', M.unknownScoreRange(w ? place(w.sheet, w.cell) : 'UnknownAnswerScore', u));
  }
}

function checkConfig(k: Checker, s: WorkbookSnapshot, ctx: Context): void {
  for (const spec of CONFIG_TABLES) {
    const t = s.config[spec.name];
    if (!t) continue;
    const idx = checkTable(k, t, spec, spec.columns, ctx);
    const col = (n: string) => idx.get(n);
    const idColumn = { Stages: 'Stage', Criteria: 'CriterionId', Questions: 'QuestionId', Tiers: 'Tier' }[spec.name as string];
    if (idColumn !== undefined && col(idColumn) !== undefined)
      checkDuplicates(
        k,
        t,
        col(idColumn)!,
        spec.columns.find((c) => c.name === idColumn)!,
        'error',
      );
    t.rows.forEach((row, i) => {
      if (rowIsBlank(row)) return;
      const get = (n: string) => (col(n) === undefined ? null : row[col(n)!]);
      const cellAt = (n: string) => k.at(t, i, col(n)!);
      if (spec.name === 'Stages' && col('Probability') !== undefined) {
        const p = toNumber(get('Probability'));
        if (p !== undefined && (p < 0 || p > 1))
          k.whole('warning', t.sheet, cellAt('Probability').cell, M.probabilityRange(cellAt('Probability').place, p));
      }
      if (spec.name === 'Criteria') {
        const min = toNumber(get('Min'));
        const max = toNumber(get('Max'));
        if (min !== undefined && max !== undefined && min >= max)
          k.whole(
            'error',
            t.sheet,
            cellAt('Min').cell,
            M.minNotBelowMax(cellAt('Min').place, String(get('CriterionId')), min, max),
          );
      }
      if (spec.name === 'Questions' && col('Section') !== undefined) {
        const sec = get('Section');
        const n = toNumber(sec);
        if (!isBlank(sec) && n !== undefined && ![1, 2, 3, 4].includes(n))
          k.whole('error', t.sheet, cellAt('Section').cell, M.badSection(cellAt('Section').place, sec));
      }
      if (spec.name === 'StageEvents' && col('Stage') !== undefined && ctx.stagesFromConfig) {
        const st = get('Stage');
        if (!isBlank(st) && !ctx.stageKeys.has(keyOf(st)))
          k.whole('warning', t.sheet, cellAt('Stage').cell, M.eventStageUnknown(cellAt('Stage').place, st, ctx.stageNames));
      }
    });
  }
}

export interface ValidateOptions {
  /** Look at every row, the row finder (markRows) off: what validate did before it, the oracle of its property test. */
  everyRow?: boolean;
}

/** Every problem of the snapshot's data and Config, errors and warnings, in sheet order of discovery. */
export function validateSnapshot(s: WorkbookSnapshot, options: ValidateOptions = {}): Problem[] {
  const k = new Checker(s, options.everyRow === true);
  const configured = configStages(s.config);
  const keys = stageKeys(s.config);
  const memo = new Map<Enumeration | 'stage', Map<Cell, boolean>>();
  const ctx: Context = {
    known(e, v) {
      let m = memo.get(e);
      if (!m) memo.set(e, (m = new Map()));
      let ok = m.get(v);
      if (ok === undefined) {
        ok = e === 'stage' ? keys.has(keyOf(v)) : lookupEnum(e, v) !== undefined;
        m.set(v, ok);
      }
      return ok;
    },
    stageKeys: keys,
    stageNames: configured ?? ['Discover', 'Qualify', 'Solution', 'Shortlist', 'Negotiate'],
    stagesFromConfig: configured !== undefined,
    scales: new Map(criteriaOf(s.config).map((c) => [c.id, { min: c.min, max: c.max }])),
  };

  checkConfig(k, s, ctx);
  checkSettings(k, s);

  /** Each table's key set, made once: by the duplicate check, else when a reference first needs it. */
  const keySets = new Map<TableName, ReadonlySet<string> | ReadonlyMap<string, number> | undefined>();
  /** Each table's key cells as written: a reference written the same way is found without its key (`keyOf`). */
  const keyCells = new Map<TableName, ReadonlySet<Cell>>();
  for (const spec of TABLES) {
    const t = s.tables[spec.name];
    if (!t) {
      // History tables appear with the first snapshot; their absence is not a problem.
      if (isQuietTable(spec.name)) continue;
      const required = REQUIRED_TABLES.includes(spec.name);
      k.whole(required ? 'error' : 'warning', spec.name, '', M.missingTable(spec, required));
      continue;
    }
    const columns = columnsOf(spec, s.config);
    const idx = checkTable(k, t, spec, columns, ctx);
    const tableAt = place(t.sheet, a1(t.origin.row, t.origin.col));

    if (spec.dynamic) {
      const ids = spec.dynamic === 'criteria' ? criteriaOf(s.config).map((c) => c.id) : questionsOf(s.config).map((q) => q.id);
      const missing = ids.filter((id) => !idx.has(id));
      if (missing.length && t.madeFrom && spec.dynamic === 'criteria')
        k.whole('warning', t.madeFrom, '', M.madeWithoutCriteria(t.madeFrom, missing));
      else if (missing.length)
        k.whole(
          'warning',
          t.sheet,
          a1(t.origin.row, t.origin.col),
          M.missingDynamic(tableAt, spec.dynamic, missing, missing.length === ids.length),
        );
    }

    if (spec.key && idx.has(spec.key)) {
      const keyCol = spec.columns.find((c) => c.name === spec.key)!;
      const seen = checkDuplicates(
        k,
        t,
        idx.get(spec.key)!,
        keyCol,
        STRICT_KEYS.has(`${spec.name}.${spec.key}`) ? 'error' : 'warning',
      );
      keySets.set(spec.name, seen);
    }

    for (const c of spec.columns) {
      if (!c.references || !idx.has(c.name)) continue;
      const target = tableSpec(c.references);
      // Each table's keys once (three tables point at the opportunities), not once per reference.
      if (!keySets.has(target.name)) keySets.set(target.name, keysOf(s.tables[c.references], target.key));
      const keys = keySets.get(target.name);
      if (!keys) continue; // the target table (or its key column) is missing: reported on its own
      let written = keyCells.get(target.name);
      if (!written) keyCells.set(target.name, (written = new Set(columnValues(s.tables[c.references], target.key!))));
      const j = idx.get(c.name)!;
      const name = colName(c);
      k.cells(t).columns[j].forEach((v, i) => {
        // The same cell as a key has that key: most references are written as their ids are.
        if (!isBlank(v) && !written.has(v) && !keys.has(keyOf(v)))
          k.cell(t, i, j, 'orphan', 'warning', name, (at) => M.orphan(at, name, v, target), {
            en: `not in ${target.name}`,
            zh: `不在${target.zh}表中`,
          });
      });
    }

    if (spec.name === 'Activities') {
      const ja = idx.get('AccountId');
      const jo = idx.get('OppId');
      const { columns: cols, blankRow, count } = k.cells(t);
      for (let i = 0; i < count; i++) {
        if (blankRow[i]) continue;
        if (isBlank(ja === undefined ? null : cols[ja][i]) && isBlank(jo === undefined ? null : cols[jo][i])) {
          k.cell(
            t,
            i,
            0,
            'unlinked',
            'warning',
            { en: 'AccountId/OppId', zh: '客户编号/商机编号' },
            (at) => M.activityUnlinked(at),
            { en: 'no account or opportunity', zh: '无客户或商机' },
          );
        }
      }
    }

    if (spec.name === 'Actions') checkActions(k, t, idx, s);

    if (spec.name === 'Targets' && idx.has('StartDate') && idx.has('EndDate')) {
      const js = idx.get('StartDate')!;
      const je = idx.get('EndDate')!;
      t.rows.forEach((row, i) => {
        const a = toDateSerial(row[js]);
        const b = toDateSerial(row[je]);
        if (a !== undefined && b !== undefined && b < a) {
          const startCell = k.at(t, i, js).cell;
          k.cell(t, i, je, 'reversed', 'error', { en: 'EndDate', zh: '结束日期' }, (at) => M.endBeforeStart(at, startCell), {
            en: 'end before start',
            zh: '结束早于开始',
          });
        }
      });
    }
  }
  return k.problems.done();
}

/**
 * Actions (issue 16): a DoneDate is what says an action was done on time (calc/actions.ts), so
 * say when it is missing, contradicts Done, lies after the as-of date, or names another
 * account's deal. OppIds that exist nowhere are the generic orphan check's.
 */
function checkActions(k: Checker, t: TableData, idx: Map<string, number>, s: WorkbookSnapshot): void {
  const corner = a1(t.origin.row, t.origin.col);
  const jDoneOn = idx.get('DoneDate');
  const jDone = idx.get('Done');
  const jAcc = idx.get('AccountId');
  const jOpp = idx.get('OppId');
  const asOf = toDateSerial(s.settings.AsOfDate ?? null);
  const hasRows = t.rows.some((r) => !rowIsBlank(r));
  if (jDoneOn === undefined) {
    if (hasRows) k.whole('warning', t.sheet, corner, M.noDoneDateColumn(place(t.sheet, corner)));
  }
  // The account of each deal, for OppIds that name another account's deal.
  const opps = s.tables.Opportunities;
  const dealAccount = new Map<string, Cell>();
  const jo = opps?.headers.indexOf('OppId') ?? -1;
  const ja = opps?.headers.indexOf('AccountId') ?? -1;
  if (opps && jo >= 0 && ja >= 0 && jOpp !== undefined && jAcc !== undefined) {
    const { columns, count } = k.cells(opps);
    for (let i = 0; i < count; i++) {
      const id = columns[jo][i];
      if (!blank(id) && !dealAccount.has(keyOf(id))) dealAccount.set(keyOf(id), columns[ja][i]);
    }
  }
  const col = (en: string, zh: string) => ({ en, zh });
  t.rows.forEach((row, i) => {
    if (rowIsBlank(row)) return;
    const doneOn = jDoneOn === undefined ? undefined : toDateSerial(row[jDoneOn] ?? null);
    const said = jDone === undefined ? undefined : lookupEnum(Answer, row[jDone] ?? null)?.code;
    if (jDoneOn !== undefined && doneOn !== undefined) {
      if (asOf !== undefined && doneOn > asOf)
        k.cell(
          t,
          i,
          jDoneOn,
          'doneAfterAsOf',
          'warning',
          col('DoneDate', '完成日期'),
          (at) => M.doneDateAfterAsOf(at, isoFromSerial(doneOn), isoFromSerial(asOf)),
          col('after the as-of date', '晚于基准日'),
        );
      // An unknown Done value has its own error; No, Unknown and blank contradict the date.
      if (jDone !== undefined && said !== 'Yes' && (said !== undefined || blank(row[jDone]))) {
        const shown = blank(row[jDone]) ? '' : showCell(row[jDone] ?? null);
        k.cell(
          t,
          i,
          jDone,
          'doneDateNotDone',
          'warning',
          col('Done', '完成'),
          (at) => M.doneDateNotDone(at, shown),
          col('not Yes though a DoneDate is filled', '已填完成日期却不为“是”'),
        );
      }
    }
    if (jDoneOn !== undefined && said === 'Yes' && blank(row[jDoneOn]))
      k.cell(
        t,
        i,
        jDoneOn,
        'doneWithoutDate',
        'warning',
        col('DoneDate', '完成日期'),
        (at) => M.doneWithoutDate(at),
        col('blank though Done is Yes', '“完成”为“是”却为空'),
      );
    if (jOpp !== undefined && jAcc !== undefined && !blank(row[jOpp]) && !blank(row[jAcc])) {
      const owner = dealAccount.get(keyOf(row[jOpp] ?? null));
      if (owner !== undefined && !blank(owner) && keyOf(owner) !== keyOf(row[jAcc] ?? null))
        k.cell(
          t,
          i,
          jOpp,
          'dealOfOtherAccount',
          'warning',
          col('OppId', '商机编号'),
          (at) => M.actionDealOfOtherAccount(at, row[jOpp] ?? null, owner, row[jAcc] ?? null),
          col("another account's deal", '其他客户的商机'),
        );
    }
  });
}

/** True when any problem is an error (the CLI's exit code 1). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
