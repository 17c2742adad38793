/**
 * Honest indicators (DESIGN.md §9, §10): an indicator whose inputs are absent is "No data",
 * with the reason, never a 0, a Red or a Green. What an indicator needs is read off its own
 * formula (every `Opp_Status`, `Act_Date`, … it names, and, through the computed columns it
 * reads, theirs), so consultants' own indicator rows get the same treatment as the catalog's.
 * Needs are checked against what the reader found in the file, not against defaults.
 */
import { isBlank } from '../core/cells';
import { Locale, Message, joinList, pick } from '../core/i18n';
import { TABLES, TableName, tableSpec } from '../model/schema';
import { IndicatorRow, TableData, WorkbookSnapshot } from '../model/snapshot';
import { criteriaOf, questionsOf } from '../model/workbookColumns';
import { columnView, columnViews, rowCount } from '../model/tableColumns';
import { namesIn } from './formulaLanguage';
import { COMPUTED_COLUMNS } from './sheets';

/** The criterion-score block of Accounts and the answer block of Opportunities. */
export const CRITERIA = '#criteria';
export const ANSWERS = '#answers';

/** One input an indicator reads: a table's column (or its criteria/answer block). */
export interface Need {
  table: TableName;
  column: string;
}

/**
 * Columns another column stands in for: an activity belongs to its AccountId or, when that is
 * blank, to its opportunity's account (DESIGN.md §3). Such a column is needed only when some
 * row lacks the stand-in.
 */
const STAND_INS: ReadonlyMap<string, string> = new Map([['Activities.AccountId', 'OppId']]);

/**
 * Columns a formula reads only as a second witness: an action's Done (Yes/No) beside its
 * DoneDate (calc/actions.ts). A workbook that keeps DoneDate only lacks nothing.
 */
const SECOND_WITNESSES: ReadonlySet<string> = new Set(['Actions.Done']);

const BY_PREFIX = new Map(TABLES.map((t) => [t.prefix, t.name]));
const COMPUTED = new Map(COMPUTED_COLUMNS.map((c) => [`${tableSpec(c.table).prefix}_${c.column}`, c.formula]));

function addNeedsOf(formula: string, out: Map<string, Need>, seen: Set<string>): void {
  for (const name of namesIn(formula)) {
    if (seen.has(name)) continue;
    seen.add(name);
    const cut = name.indexOf('_');
    const table = cut > 0 ? BY_PREFIX.get(name.slice(0, cut)) : undefined;
    if (!table) continue; // a setting or a Config table: defaults stand in for those
    const computed = COMPUTED.get(name);
    if (computed) {
      addNeedsOf(computed, out, seen);
      continue;
    }
    const rest = name.slice(cut + 1);
    const column = name === 'Acc_Criteria' ? CRITERIA : name === 'Opp_Answers' ? ANSWERS : rest;
    out.set(`${table}.${column}`, { table, column });
  }
}

/** The data inputs a formula reads, computed columns expanded into their own inputs. */
export function needsOf(formula: string): Need[] {
  const out = new Map<string, Need>();
  addNeedsOf(formula, out, new Set());
  return [...out.values()];
}

/** Why an input counts as absent. */
export type Absence =
  | { kind: 'noTable'; table: TableName }
  | { kind: 'noRows'; table: TableName }
  | { kind: 'noColumn'; table: TableName; column: string }
  | { kind: 'noBlock'; table: TableName; block: typeof CRITERIA | typeof ANSWERS; columns: string[] }
  | { kind: 'emptyColumn'; table: TableName; column: string }
  | { kind: 'noAnswers' }
  | { kind: 'noCriteria' };

export const absenceKey = (a: Absence): string =>
  a.kind === 'noAnswers' || a.kind === 'noCriteria'
    ? a.kind
    : `${a.kind}|${a.table}|${'column' in a ? a.column : 'block' in a ? a.block : ''}`;

function hasValue(t: TableData, j: number): boolean {
  return columnView(t, j).some((c) => !isBlank(c));
}

/**
 * What the workbook holds, asked once per input: a table counts when it has rows, a column
 * when its header is there and at least one row fills it (an export pasted into a template
 * leaves the columns the CRM did not have empty; an empty column is no data, not zeros).
 */
export class InputPresence {
  private readonly cache = new Map<string, Absence[]>();

  constructor(private readonly snapshot: WorkbookSnapshot) {}

  /** Why a need is not met (several columns for a block), or [] when it is. */
  absences(need: Need): Absence[] {
    const key = `${need.table}.${need.column}`;
    let found = this.cache.get(key);
    if (!found) this.cache.set(key, (found = this.check(need)));
    return found;
  }

  private check({ table, column }: Need): Absence[] {
    const t = this.snapshot.tables[table];
    if (!t) return [{ kind: 'noTable', table }];
    if (!columnViews(t).some((values) => values.some((c) => !isBlank(c)))) return [{ kind: 'noRows', table }];
    if (column === CRITERIA || column === ANSWERS) {
      const ids =
        column === CRITERIA
          ? criteriaOf(this.snapshot.config).map((c) => c.id)
          : questionsOf(this.snapshot.config).map((q) => q.id);
      const missing = ids.filter((id) => !t.headers.includes(id));
      if (missing.length) return [{ kind: 'noBlock', table, block: column, columns: missing }];
      const filled = ids.some((id) => hasValue(t, t.headers.indexOf(id)));
      return filled ? [] : [{ kind: column === CRITERIA ? 'noCriteria' : 'noAnswers' }];
    }
    const j = t.headers.indexOf(column);
    if (SECOND_WITNESSES.has(`${table}.${column}`)) return [];
    const standIn = STAND_INS.get(`${table}.${column}`);
    if (standIn !== undefined && (j < 0 || !hasValue(t, j)) && this.everyRowHas(t, standIn)) return [];
    if (j < 0) return [{ kind: 'noColumn', table, column }];
    return hasValue(t, j) ? [] : [{ kind: 'emptyColumn', table, column }];
  }

  private everyRowHas(t: TableData, column: string): boolean {
    const j = t.headers.indexOf(column);
    if (j < 0) return false;
    const columns = columnViews(t);
    const own = columns[j];
    for (let i = 0, n = rowCount(t); i < n; i++)
      if (isBlank(own[i]) && columns.some((values) => !isBlank(values[i]))) return false;
    return true;
  }

  /** Everything a formula needs that the workbook lacks (one entry per absent input). */
  absencesOf(formula: string): Absence[] {
    const out = new Map<string, Absence>();
    for (const need of needsOf(formula)) for (const a of this.absences(need)) out.set(absenceKey(a), a);
    return [...out.values()];
  }
}

// ---------------------------------------------------------------------------- words

const tableWords = (table: TableName): Message => ({ en: table, zh: `“${tableSpec(table).zh}”表` });

function columnWords(table: TableName, column: string): Message {
  const spec = tableSpec(table).columns.find((c) => c.name === column);
  return { en: column, zh: spec && spec.zh !== column ? `“${spec.zh}”（${column}）` : column };
}

/** "the grading-question columns Q_Project, Q_Funds, …" (all of them, or the missing few). */
function blockWords(a: Extract<Absence, { kind: 'noBlock' }>): Message {
  const few = a.columns.length <= 4;
  const en = few ? a.columns.join(', ') : `${a.columns.slice(0, 3).join(', ')} … (${a.columns.length} in all)`;
  const zh = few ? a.columns.join('、') : `${a.columns.slice(0, 3).join('、')} 等（共 ${a.columns.length} 列）`;
  return a.block === ANSWERS
    ? { en: `the grading-question columns ${en}`, zh: `评估问题列 ${zh}` }
    : { en: `the criterion-score columns ${en}`, zh: `评分项列 ${zh}` };
}

/** An absent input in words: "no Activities table", "没有“活动”表". */
export function absenceText(a: Absence): Message {
  switch (a.kind) {
    case 'noTable':
      return { en: `no ${a.table} table`, zh: `没有${tableWords(a.table).zh}` };
    case 'noRows':
      return { en: `the ${a.table} table has no rows`, zh: `${tableWords(a.table).zh}没有数据行` };
    case 'noColumn': {
      const c = columnWords(a.table, a.column);
      return { en: `${a.table} has no ${c.en} column`, zh: `${tableWords(a.table).zh}没有${c.zh}列` };
    }
    case 'emptyColumn': {
      const c = columnWords(a.table, a.column);
      return { en: `column ${c.en} of ${a.table} is empty`, zh: `${tableWords(a.table).zh}的${c.zh}列为空` };
    }
    case 'noBlock': {
      const what = blockWords(a);
      return { en: `${a.table} lacks ${what.en}`, zh: `${tableWords(a.table).zh}缺少${what.zh}` };
    }
    case 'noAnswers':
      return {
        en: 'no opportunity has answers to the grading questions',
        zh: '没有任何商机填写了评估问题',
      };
    case 'noCriteria':
      return {
        en: 'no account has criterion scores, so accounts have no tier',
        zh: '没有任何客户填写了评分项，因此客户没有分级',
      };
  }
}

/** What to add for an absent input; `columns` are the columns the affected indicators read in that table. */
export function absenceAdvice(a: Absence, columns: readonly string[]): Message {
  const cols = (table: TableName) => ({
    en: joinList(columns, 'en-US'),
    zh: joinList(
      columns.map((c) => tableSpec(table).columns.find((x) => x.name === c)?.zh ?? c),
      'zh-CN',
    ),
  });
  switch (a.kind) {
    case 'noTable':
    case 'noRows': {
      const c = cols(a.table);
      return a.kind === 'noTable'
        ? {
            en: `add the ${a.table} table (a sheet or an Excel table named ${a.table}) with the columns ${c.en}`,
            zh: `添加${tableWords(a.table).zh}（名为“${tableSpec(a.table).zh}”或 ${a.table} 的工作表或 Excel 表格），包含列：${c.zh}`,
          }
        : { en: `fill in the ${a.table} table (${c.en})`, zh: `在${tableWords(a.table).zh}中填写数据（${c.zh}）` };
    }
    case 'noColumn':
    case 'emptyColumn': {
      const c = columnWords(a.table, a.column);
      return a.kind === 'noColumn'
        ? { en: `add the column ${c.en} to ${a.table}`, zh: `在${tableWords(a.table).zh}中添加${c.zh}列` }
        : { en: `fill in ${c.en} on ${a.table}`, zh: `填写${tableWords(a.table).zh}的${c.zh}列` };
    }
    case 'noBlock': {
      const what = blockWords(a);
      return { en: `add ${what.en} to ${a.table}`, zh: `在${tableWords(a.table).zh}中添加${what.zh}` };
    }
    case 'noAnswers':
      return {
        en: 'answer the grading questions (Q_… columns: Yes, No or ?) for the open opportunities',
        zh: '为进行中的商机填写评估问题（Q_… 列：是、否或 ?）',
      };
    case 'noCriteria':
      return {
        en: 'score the accounts on the criteria (C_… columns, 1–5)',
        zh: '为客户的各评分项打分（C_… 列，1–5 分）',
      };
  }
}

/** The reason of a No data indicator whose inputs are absent. */
export function absentReason(absences: readonly Absence[], locale: Locale): string {
  const shown = absences.slice(0, 3).map((a) => pick(absenceText(a), locale));
  const more = absences.length - shown.length;
  if (locale === 'zh-CN') return `无数据：${shown.join('；')}${more > 0 ? `；另有 ${more} 项` : ''}。`;
  return `No data: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}

/** The reason of a No data indicator with its inputs present but nothing to compute over. */
export function noRowsReason(row: IndicatorRow, locale: Locale): string {
  const e = row.eligible;
  if (locale === 'zh-CN') return e ? `无数据：没有${e.zh}。` : '无数据：没有可计算的数据行（分母为 0）。';
  return e ? `No data: there are no ${e.en}.` : 'No data: there are no rows to compute it from (the denominator is 0).';
}

/** One absent input, the advice, and the indicators it leaves without data (for banners and summaries). */
export interface MissingInput {
  missing: string;
  add: string;
  indicators: string[];
}

/**
 * Groups the absent inputs of several indicators: one line per absent input, largest first,
 * each with what to add (the columns those indicators read in that table).
 */
export function missingInputs(
  absent: readonly { row: IndicatorRow; absences: readonly Absence[] }[],
  locale: Locale,
): MissingInput[] {
  const groups = new Map<string, { a: Absence; ids: string[]; columns: Set<string> }>();
  for (const { row, absences } of absent) {
    const needs = needsOf(row.formula);
    for (const a of absences) {
      const k = absenceKey(a);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { a, ids: [], columns: new Set() }));
      if (!g.ids.includes(row.id)) g.ids.push(row.id);
      if (a.kind === 'noTable' || a.kind === 'noRows')
        for (const n of needs) if (n.table === a.table && !n.column.startsWith('#')) g.columns.add(n.column);
    }
  }
  const order = (table: TableName, c: string) => {
    const i = tableSpec(table).columns.findIndex((x) => x.name === c);
    return i < 0 ? 999 : i;
  };
  return [...groups.values()]
    .sort((x, y) => y.ids.length - x.ids.length)
    .map((g) => {
      const table = 'table' in g.a ? g.a.table : undefined;
      const columns = table ? [...g.columns].sort((p, q) => order(table, p) - order(table, q)) : [];
      return {
        missing: pick(absenceText(g.a), locale),
        add: pick(absenceAdvice(g.a, columns), locale),
        indicators: g.ids,
      };
    });
}
