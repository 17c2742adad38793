/**
 * What the grading form needs from a workbook: its questions (Config Questions, else the
 * defaults), one opportunity's answers, and the kernels' QualScore, section %, Grade and
 * StageCheck for a set of answers. No arithmetic here: qualScores, sectionScores, grades and
 * stageChecks of src/calc do it, exactly as the workbook's formulas do.
 */
import { CalcError, Cell, Column, Scalar, isBlank, toNumber } from '../../../core/cells';
import { Answer, lookupEnum } from '../../../core/enumerations';
import { DEFAULT_QUESTIONS, SECTIONS, Section, grades, qualScores, sectionScores } from '../../../calc/grading';
import { Locale, Message } from '../../../core/i18n';
import { stageChecks } from '../../../calc/stages';
import { ConfigTableName } from '../../../model/config';
import { defaultConfigTables } from '../../../model/defaults';
import { TableData, WorkbookSnapshot } from '../../../model/snapshot';
import { columnValues } from '../../../model/workbookColumns';

export type AnswerCode = 'Yes' | 'No' | 'Unknown';

export interface GradingQuestion {
  id: string;
  section: Section;
  weight: Cell;
  /** Text in the UI language when the question is a default one, else as the consultant wrote it. */
  text: string;
}

/** The Config table, or the default one the engine would use when the workbook has none. */
export function configTable(snapshot: WorkbookSnapshot, name: ConfigTableName, locale: Locale): TableData {
  return snapshot.config[name] ?? defaultConfigTables(locale)[name];
}

export function gradingQuestions(snapshot: WorkbookSnapshot, locale: Locale): GradingQuestion[] {
  const t = configTable(snapshot, 'Questions', locale);
  const ids = columnValues(t, 'QuestionId') ?? [];
  const sections = columnValues(t, 'Section') ?? [];
  const weights = columnValues(t, 'Weight') ?? [];
  const texts = columnValues(t, 'Text') ?? [];
  const out: GradingQuestion[] = [];
  ids.forEach((id, i) => {
    if (isBlank(id)) return;
    const qid = String(id).trim();
    const known = DEFAULT_QUESTIONS.find((q) => q.id === qid);
    const s = toNumber(sections[i]);
    const section = (s === 1 || s === 2 || s === 3 || s === 4 ? s : (known?.section ?? 1)) as Section;
    const text = known ? (locale === 'zh-CN' ? known.text.zh : known.text.en) : isBlank(texts[i]) ? qid : String(texts[i]);
    out.push({ id: qid, section, weight: isBlank(weights[i]) ? 1 : weights[i], text });
  });
  return out;
}

/** The opportunity's answers as codes; an answer cell that is not an answer reads as Unknown. */
export function answersOf(
  snapshot: WorkbookSnapshot,
  row: number,
  questions: readonly GradingQuestion[],
): Record<string, AnswerCode> {
  const t = snapshot.tables.Opportunities;
  const out: Record<string, AnswerCode> = {};
  for (const q of questions) {
    const j = t ? t.headers.indexOf(q.id) : -1;
    const v = j < 0 ? undefined : lookupEnum(Answer, t!.rows[row]?.[j] ?? null);
    out[q.id] = (v?.code as AnswerCode | undefined) ?? 'Unknown';
  }
  return out;
}

export interface GradingOutcome {
  qualScore: Scalar;
  /** Section 1–4 %, in order. */
  sections: Scalar[];
  grade: Scalar;
  stageCheck: Scalar;
}

const first = (v: Scalar[] | CalcError): Scalar => (v instanceof CalcError ? v : (v[0] ?? null));

export function unknownAnswerScore(snapshot: WorkbookSnapshot): number | undefined {
  return toNumber(snapshot.settings.UnknownAnswerScore ?? null);
}

/** QualScore, section %, Grade (for the given answers) and StageCheck of one opportunity, by the kernels. */
export function gradeAnswers(
  snapshot: WorkbookSnapshot,
  locale: Locale,
  row: number,
  questions: readonly GradingQuestion[],
  answers: Record<string, AnswerCode>,
): GradingOutcome {
  const input = {
    answers: [questions.map((q) => answers[q.id] ?? 'Unknown')],
    sections: questions.map((q) => q.section),
    weights: questions.map((q) => q.weight),
    unknownScore: unknownAnswerScore(snapshot),
  };
  return {
    qualScore: first(qualScores(input)),
    sections: SECTIONS.map((s) => first(sectionScores(input, s))),
    grade: first(grades(input)),
    stageCheck: stageCheckOf(snapshot, locale, row),
  };
}

function stageCheckOf(snapshot: WorkbookSnapshot, locale: Locale, row: number): Scalar {
  const opp = snapshot.tables.Opportunities;
  const cell = (name: string): Cell => {
    const j = opp ? opp.headers.indexOf(name) : -1;
    return j < 0 ? null : (opp!.rows[row]?.[j] ?? null);
  };
  const acts = snapshot.tables.Activities;
  const actOppIds: Column = columnValues(acts, 'OppId') ?? [];
  const stages = configTable(snapshot, 'Stages', locale);
  const events = configTable(snapshot, 'StageEvents', locale);
  return first(
    stageChecks({
      oppIds: [cell('OppId')],
      stages: [cell('Stage')],
      statuses: [cell('Status')],
      actOppIds,
      actEventIds: columnValues(acts, 'EventId') ?? actOppIds.map(() => null),
      stageNames: columnValues(stages, 'Stage'),
      stageOrders: columnValues(stages, 'Order'),
      eventStages: columnValues(events, 'Stage'),
      eventIds: columnValues(events, 'EventId'),
      eventEssential: columnValues(events, 'Essential'),
    }),
  );
}

/**
 * The language the workbook writes answers in: Chinese when the opportunities' answer cells
 * hold 是/否/未知, else English. Saved answers follow it, so a zh workbook stays zh whatever
 * the pane's language (readers accept both).
 */
export function answerLocale(snapshot: WorkbookSnapshot, questions: readonly GradingQuestion[], fallback: Locale): Locale {
  const t = snapshot.tables.Opportunities;
  if (!t) return fallback;
  const zh = new Set(Answer.values.map((v) => v.zh));
  const en = new Set(Answer.values.map((v) => v.code.toLowerCase()));
  for (const q of questions) {
    const j = t.headers.indexOf(q.id);
    if (j < 0) continue;
    for (const r of t.rows) {
      const c = r[j];
      if (typeof c !== 'string') continue;
      if (zh.has(c.trim())) return 'zh-CN';
      if (en.has(c.trim().toLowerCase())) return 'en-US';
    }
  }
  return fallback;
}

/** The answer as written back to the workbook, in the given language (both are accepted by every reader). */
export function answerText(code: AnswerCode, locale: Locale): string {
  if (locale === 'en-US') return code;
  return Answer.values.find((v) => v.code === code)!.zh;
}

export function errorText(v: Scalar, locale: Locale): string | undefined {
  if (!(v instanceof CalcError)) return undefined;
  const m: Message = v.message;
  return locale === 'zh-CN' ? m.zh : m.en;
}
