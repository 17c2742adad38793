/**
 * What the grading assistant asks the engine (四问, DESIGN §4): the questions as the workbook
 * holds them, one opportunity's saved answers, and QualScore, the four section scores and
 * Grade for any set of answers. QualScore and Grade are the workbook's own computed-column
 * formulas with the opportunity's answers put in; StageCheck is the workbook's own value.
 */
import { Cell, isBlank, toNumber } from '../core/cells';
import { Answer, lookupEnum } from '../core/enumerations';
import { Locale, Message, pick } from '../core/i18n';
import { DEFAULT_QUESTIONS, GRADE_STRONG, SECTIONS, SECTION_TITLES, Section } from '../calc/grading';
import { MISSING_PREFIX, STAGE_OK } from '../calc/stages';
import { eventNames, stageCheckInWords } from '../calc/stageCheckWords';
import type { InputArg } from '../functions/invoke';
import { HeldColumn } from '../functions/args';
import { renameMap, rewriteFormula } from './formulaLanguage';
import { EngineValue, WorkbookEngine } from './workbookEngine';

export type AnswerCode = 'Yes' | 'No' | 'Unknown';
const ANSWER_CODES: readonly AnswerCode[] = ['Yes', 'No', 'Unknown'];

export interface GradingQuestion {
  id: string;
  section: Section;
  /** Text in the engine's language when the question is a default one, else as the consultant wrote it. */
  text: string;
}

export interface SectionScore {
  section: Section;
  title: Message;
  /** 0–100; null when blank (the section's weights are all 0) or failed (see `problem`). */
  score: number | null;
  /** At the grade's strong bar (a colour hint; the number is shown). */
  strong: boolean;
}

/**
 * The stage check of the opportunity (the StageCheck column): its kind, and in words (en and
 * zh, calc/stageCheckWords.ts: OK / 齐全, Missing / 缺 with the workbook's event names).
 */
export type StageCheckView =
  | { kind: 'ok'; words: Message }
  | { kind: 'missing'; events: string; words: Message }
  | { kind: 'blank' }
  | { kind: 'error'; message: string }
  | { kind: 'other'; text: string };

export interface GradingOutcome {
  qualScore: number | null;
  grade: string | null;
  sections: SectionScore[];
  stageCheck: StageCheckView;
  /** Why a figure is missing: the formulas reject the answers or the Questions table. */
  problem?: string;
}

export interface GradingForm {
  questions: GradingQuestion[];
  /** The answers the workbook holds (a cell that is not an answer reads as Unknown). */
  saved: Record<string, AnswerCode>;
  /** The language the workbook writes answers in (是/否/未知 or Yes/No/Unknown): saved answers follow it. */
  answerLocale: Locale;
  /** The Grade column's value for the row now. */
  savedGrade: string | null;
  /** The results for the answers asked about (the saved ones when none were given). */
  outcome: GradingOutcome;
}

const text = (c: Cell | undefined) => (isBlank(c) ? '' : String(c).trim());
const isError = (v: EngineValue): v is { error: string; message: string } => v !== null && typeof v === 'object';

/** The Questions table as the engine holds it: one entry per row, null for a row without an id. */
function questionRows(engine: WorkbookEngine): (GradingQuestion | null)[] {
  const t = engine.configTable('Questions');
  const at = (c: string) => t.headers.indexOf(c);
  return t.rows.map((r) => {
    const id = text(r[at('QuestionId')]);
    if (!id) return null;
    const known = DEFAULT_QUESTIONS.find((q) => q.id === id);
    const s = toNumber(r[at('Section')]);
    const section = (s === 1 || s === 2 || s === 3 || s === 4 ? s : (known?.section ?? 1)) as Section;
    return { id, section, text: known ? pick(known.text, engine.locale) : text(r[at('Text')]) || id };
  });
}

function savedAnswers(engine: WorkbookEngine, row: number, questions: readonly GradingQuestion[]): Record<string, AnswerCode> {
  const out: Record<string, AnswerCode> = {};
  for (const q of questions) {
    const v = engine.inputColumn('Opportunities', q.id)[row];
    const code = lookupEnum(Answer, isError(v) ? null : v)?.code as AnswerCode | undefined;
    out[q.id] = code ?? 'Unknown';
  }
  return out;
}

/** Chinese when the answer cells hold 是/否/未知, else English (readers accept both). */
function answerLanguage(engine: WorkbookEngine, questions: readonly GradingQuestion[]): Locale | undefined {
  const zh = new Set(Answer.values.map((v) => v.zh));
  const en = new Set(Answer.values.map((v) => v.code.toLowerCase()));
  for (const q of questions) {
    for (const c of engine.inputColumn('Opportunities', q.id)) {
      if (typeof c !== 'string') continue;
      if (zh.has(c.trim())) return 'zh-CN';
      if (en.has(c.trim().toLowerCase())) return 'en-US';
    }
  }
  return undefined;
}

/** A formula of the Opportunities table with `Opp_Answers` replaced by one row of answers. */
function withAnswers(formula: string, answers: string): string {
  return rewriteFormula(formula, { names: renameMap([['Opp_Answers', answers]]) });
}

function computedFormula(engine: WorkbookEngine, column: string): string {
  const c = engine.layout.computed.find((x) => x.table === 'Opportunities' && x.column === column);
  if (!c) throw new Error(`the engine has no computed column Opportunities.${column}`);
  return c.formula;
}

/** A name's cells as one column (an error or a missing name: none). */
function nameColumn(engine: WorkbookEngine, name: string): Cell[] {
  let a: InputArg;
  try {
    a = engine.argument(name);
  } catch {
    return [];
  }
  const cells = a instanceof HeldColumn ? a.values : Array.isArray(a) ? (a as InputArg[][]).flat() : [a];
  return cells.map((c) => (c === null || c === undefined || typeof c === 'object' ? null : (c as Cell)));
}

function stageCheckView(engine: WorkbookEngine, v: EngineValue): StageCheckView {
  if (isError(v)) return { kind: 'error', message: v.message || v.error };
  if (v === null || v === '') return { kind: 'blank' };
  const ok = v === STAGE_OK;
  const missing = typeof v === 'string' && v.startsWith(MISSING_PREFIX);
  if (!ok && !missing) return { kind: 'other', text: String(v) };
  const names = eventNames(nameColumn(engine, 'StageEvents_EventId'), nameColumn(engine, 'StageEvents_Description'));
  const words = { en: String(stageCheckInWords(v, 'en-US', names)), zh: String(stageCheckInWords(v, 'zh-CN', names)) };
  return ok ? { kind: 'ok', words } : { kind: 'missing', events: (v as string).slice(MISSING_PREFIX.length), words };
}

/** QualScore, section scores and Grade of one opportunity for `answers`, and its StageCheck. */
export function gradeAnswers(engine: WorkbookEngine, row: number, answers: Readonly<Record<string, AnswerCode>>): GradingOutcome {
  // One entry per Questions row, in order, as Questions_Weight and Questions_Section are.
  const codes = questionRows(engine).map((q) => {
    if (!q) return '';
    const a = answers[q.id] ?? 'Unknown';
    if (!ANSWER_CODES.includes(a)) throw new Error(`${q.id}: ${String(a)} is not an answer (Yes, No or Unknown)`);
    return a;
  });
  const literal = `{${codes.map((c) => `"${c}"`).join(',')}}`;
  const problems: string[] = [];
  const number = (v: EngineValue): number | null => {
    if (isError(v)) problems.push(v.message || v.error);
    return typeof v === 'number' ? v : null;
  };
  const qualScore = number(engine.calculate(withAnswers(computedFormula(engine, 'QualScore'), literal)));
  const g = engine.calculate(withAnswers(computedFormula(engine, 'Grade'), literal));
  if (isError(g)) problems.push(g.message || g.error);
  const sections = SECTIONS.map((section): SectionScore => {
    const score = number(
      engine.calculate(`=CRM3.SECTIONSCORE(${literal},${section},Questions_Section,Questions_Weight,UnknownAnswerScore)`),
    );
    return { section, title: SECTION_TITLES[section], score, strong: score !== null && score >= GRADE_STRONG };
  });
  const stage = engine.computedColumn('Opportunities', 'StageCheck')[row];
  return {
    qualScore,
    grade: typeof g === 'string' && g !== '' ? g : null,
    sections,
    stageCheck: stageCheckView(engine, stage === undefined ? null : stage),
    ...(problems.length ? { problem: [...new Set(problems)].join(' ') } : {}),
  };
}

/** The grading form of the opportunity on Opportunities row `row`: questions, saved answers and results. */
export function gradingForm(engine: WorkbookEngine, row: number, answers?: Readonly<Record<string, AnswerCode>>): GradingForm {
  if (!Number.isInteger(row) || row < 0 || row >= engine.layout.rowCounts.Opportunities)
    throw new Error(`Opportunities has no row ${row + 1}`);
  const questions = questionRows(engine).filter((q): q is GradingQuestion => q !== null);
  const saved = savedAnswers(engine, row, questions);
  const grade = engine.computedColumn('Opportunities', 'Grade')[row];
  return {
    questions,
    saved,
    answerLocale: answerLanguage(engine, questions) ?? engine.locale,
    savedGrade: typeof grade === 'string' && grade !== '' ? grade : null,
    outcome: gradeAnswers(engine, row, answers ?? saved),
  };
}
