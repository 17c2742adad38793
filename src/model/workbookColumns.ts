/**
 * The columns a table has in one particular workbook: the schema's fixed columns plus the
 * ones its Config adds (a score column per Criteria row on Accounts, an answer column per
 * Questions row on Opportunities). Readers and the validator both start from here.
 */
import { Cell, isBlank, keyOf, toNumber } from '../core/cells';
import { Answer, DefaultStage, Status } from '../core/enumerations';
import { DEFAULT_CRITERIA, DEFAULT_CRITERION_MAX, DEFAULT_CRITERION_MIN } from '../calc/scoring';
import { DEFAULT_QUESTIONS } from '../calc/grading';
import { ColumnSpec, TableSpec } from './schema';
import { TableData, WorkbookSnapshot } from './snapshot';
import { columnCopy } from './tableColumns';

export interface CriterionColumn {
  id: string;
  /** Display name from Config (also accepted as a header). */
  name?: string;
  min: number;
  max: number;
}

export interface QuestionColumn {
  id: string;
  text?: string;
}

/** The values of one column of a table by canonical name; undefined when there is no such column. */
export function columnValues(t: TableData | undefined, name: string): Cell[] | undefined {
  if (!t) return undefined;
  const j = t.headers.indexOf(name);
  return j < 0 ? undefined : columnCopy(t, j);
}

const text = (c: Cell | undefined): string | undefined => (isBlank(c) ? undefined : String(c).trim());

/** Criteria from Config (rows with a CriterionId), or the defaults (1–5 scale). */
export function criteriaOf(config: WorkbookSnapshot['config']): CriterionColumn[] {
  const t = config.Criteria;
  const ids = columnValues(t, 'CriterionId');
  if (!t || !ids || !ids.some((c) => !isBlank(c))) {
    return DEFAULT_CRITERIA.map((c) => ({ id: c.id, min: c.min, max: c.max }));
  }
  const names = columnValues(t, 'Name') ?? [];
  const mins = columnValues(t, 'Min') ?? [];
  const maxs = columnValues(t, 'Max') ?? [];
  const out: CriterionColumn[] = [];
  ids.forEach((id, i) => {
    const s = text(id);
    if (!s) return;
    const min = toNumber(mins[i]) ?? DEFAULT_CRITERION_MIN;
    const max = toNumber(maxs[i]) ?? DEFAULT_CRITERION_MAX;
    out.push({ id: s, name: text(names[i]), min, max });
  });
  return out;
}

/** Questions from Config (rows with a QuestionId), or the defaults. */
export function questionsOf(config: WorkbookSnapshot['config']): QuestionColumn[] {
  const ids = columnValues(config.Questions, 'QuestionId');
  if (!ids || !ids.some((c) => !isBlank(c))) return DEFAULT_QUESTIONS.map((q) => ({ id: q.id }));
  const texts = columnValues(config.Questions, 'Text') ?? [];
  const out: QuestionColumn[] = [];
  ids.forEach((id, i) => {
    const s = text(id);
    if (s) out.push({ id: s, text: text(texts[i]) });
  });
  return out;
}

/** Names of the stages in Config, or undefined when Config has none (the defaults apply). */
export function configStages(config: WorkbookSnapshot['config']): string[] | undefined {
  const names = columnValues(config.Stages, 'Stage');
  const out = (names ?? []).map(text).filter((s): s is string => s !== undefined);
  return out.length ? out : undefined;
}

/**
 * Keys (keyOf) of every way to write a valid stage: the Config stage names (or the
 * defaults), the zh names and aliases of the default stages among them, and the closed
 * statuses (Won, Lost, NoDecision and their aliases), which CRM exports use as stages of
 * closed deals.
 */
export function stageKeys(config: WorkbookSnapshot['config']): Set<string> {
  const keys = new Set<string>();
  const names = configStages(config) ?? DefaultStage.values.map((v) => v.code);
  for (const n of names) {
    keys.add(keyOf(n));
    const d = DefaultStage.values.find((v) => [v.code, v.zh, ...(v.aliases ?? [])].some((a) => keyOf(a as Cell) === keyOf(n)));
    if (d) for (const a of [d.code, d.zh, ...(d.aliases ?? [])]) keys.add(keyOf(a as Cell));
  }
  for (const v of Status.values) {
    if (v.code === 'Open') continue;
    for (const a of [v.code, v.zh, ...(v.aliases ?? [])]) keys.add(keyOf(a as Cell));
  }
  return keys;
}

/** The table's columns in this workbook: fixed columns plus criteria or question columns. */
export function columnsOf(spec: TableSpec, config: WorkbookSnapshot['config']): ColumnSpec[] {
  const cols = [...spec.columns];
  if (spec.dynamic === 'criteria') {
    for (const c of criteriaOf(config))
      cols.push({ name: c.id, zh: c.name ?? c.id, type: 'criterion', aliases: c.name ? [c.name] : [] });
  } else if (spec.dynamic === 'questions') {
    for (const q of questionsOf(config))
      cols.push({ name: q.id, zh: q.id, type: 'answer', enumeration: Answer, aliases: q.text ? [q.text] : [] });
  }
  return cols;
}
