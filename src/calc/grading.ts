/**
 * Opportunity grading by four questions (四问, DESIGN.md §4). Each opportunity answers a set
 * of questions, grouped in four sections; answers are worth Yes 1, No 0 and Unknown the
 * consultant's UnknownAnswerScore. QualScore and section % are weighted means × 100, and the
 * grade follows from the four section percentages.
 */
import { CalcError, Cell, Column, Grid, Scalar, isBlank, showCell, toNumber } from '../core/cells';
import { Answer, allowedList, lookupEnum } from '../core/enumerations';
import { Message } from '../core/i18n';
import { ExactMean } from './exact';
import { msg } from './messages';

export type Section = 1 | 2 | 3 | 4;
export const SECTIONS: readonly Section[] = [1, 2, 3, 4];

export interface QuestionDefinition {
  id: string;
  section: Section;
  weight: number;
  text: Message;
}

/** The four questions' sections, as planners read them on the grading sheet. */
export const SECTION_TITLES: Readonly<Record<Section, Message>> = {
  1: { en: 'Is there an opportunity?', zh: '是否真有商机？' },
  2: { en: 'Can we compete?', zh: '我们能否参与竞争？' },
  3: { en: 'Can we win?', zh: '我们能否赢单？' },
  4: { en: 'Is it worth winning?', zh: '赢下来是否值得？' },
};

/** Default Questions table (Config), in the order of the Opportunities answer columns. */
export const DEFAULT_QUESTIONS: readonly QuestionDefinition[] = [
  { id: 'Q_Project', section: 1, weight: 1, text: { en: 'Is there a real, defined project?', zh: '客户是否有明确的项目？' } },
  { id: 'Q_Funds', section: 1, weight: 1, text: { en: 'Are funds budgeted or available?', zh: '资金是否已落实（有预算）？' } },
  {
    id: 'Q_CompellingEvent',
    section: 1,
    weight: 1,
    text: { en: 'Is there a compelling event that forces a decision by a date?', zh: '是否有迫使客户按期决策的关键事件？' },
  },
  {
    id: 'Q_Criteria',
    section: 2,
    weight: 1,
    text: { en: 'Do we know the decision criteria, and do they favour us?', zh: '是否掌握决策标准，且标准对我方有利？' },
  },
  {
    id: 'Q_Fit',
    section: 2,
    weight: 1,
    text: { en: "Does our solution fit the customer's needs?", zh: '我方方案是否满足客户需求？' },
  },
  {
    id: 'Q_UniqueValue',
    section: 2,
    weight: 1,
    text: { en: 'Do we offer value the competitors cannot match?', zh: '我方是否有竞争对手难以替代的独特价值？' },
  },
  {
    id: 'Q_Mentor',
    section: 3,
    weight: 1,
    text: { en: 'Do we have a mentor inside the customer?', zh: '客户内部是否有我方的内线教练？' },
  },
  {
    id: 'Q_Access',
    section: 3,
    weight: 1,
    text: { en: 'Can we reach the decision maker and the approver?', zh: '能否接触到决策者和批准者？' },
  },
  {
    id: 'Q_Relationships',
    section: 3,
    weight: 1,
    text: {
      en: "Are our relationships with the key players stronger than the competitors'?",
      zh: '与关键人的关系是否强于竞争对手？',
    },
  },
  {
    id: 'Q_Risk',
    section: 4,
    weight: 1,
    text: { en: 'Is the delivery and commercial risk acceptable?', zh: '交付与商务风险是否可控？' },
  },
  {
    id: 'Q_Size',
    section: 4,
    weight: 1,
    text: { en: 'Is the deal large enough to justify the effort?', zh: '项目规模是否值得投入？' },
  },
  {
    id: 'Q_Lifetime',
    section: 4,
    weight: 1,
    text: {
      en: 'Does it open long-term business (follow-on orders, a reference)?',
      zh: '是否带来长期业务（后续采购、样板客户）？',
    },
  },
];

export const DEFAULT_SECTIONS: readonly Section[] = DEFAULT_QUESTIONS.map((q) => q.section);
export const DEFAULT_UNKNOWN_ANSWER_SCORE = 0;

/** Grade thresholds on section % (DESIGN §4): strong sections ≥ 70, weak below 40. */
export const GRADE_STRONG = 70;
export const GRADE_WEAK = 40;

export type Grade = 'A' | 'B' | 'C' | 'D';

/**
 * The grade of one opportunity from its four section percentages: A if all four are ≥ 70;
 * else B if at least three are ≥ 70 and none is below 40; else D if section 1 (is there an
 * opportunity at all?) is below 40; else C.
 */
export function gradeFromSections(s1: number, s2: number, s3: number, s4: number): Grade {
  const all = [s1, s2, s3, s4];
  const strong = all.filter((s) => s >= GRADE_STRONG).length;
  if (strong === 4) return 'A';
  if (strong >= 3 && all.every((s) => s >= GRADE_WEAK)) return 'B';
  if (s1 < GRADE_WEAK) return 'D';
  return 'C';
}

/** Value of one answer cell: Yes 1, No 0, Unknown/blank → unknownScore; undefined when not an answer. */
export function answerValue(c: Cell | undefined, unknownScore: number): number | undefined {
  if (isBlank(c)) return unknownScore;
  const v = lookupEnum(Answer, c);
  if (!v) return undefined;
  return v.score ?? unknownScore;
}

/** How the questions are set up: one weight (and section) per answer column. */
export interface QuestionSetup {
  weights: number[];
  sections?: Section[];
  unknownScore: number;
}

export interface GradingInput {
  /** One row per opportunity, one column per question. */
  answers: Grid;
  /** Section 1–4 of each question (Questions_Section); default 1,1,1,2,2,2,3,3,3,4,4,4 for 12 columns. */
  sections?: Column;
  /** Weight of each question (Questions_Weight); default all 1. */
  weights?: Column;
  /** Value of an Unknown or blank answer, 0–1 (UnknownAnswerScore); default 0. */
  unknownScore?: number;
}

/** Excel never passes an empty range; HyperFormula reads one as a blank cell. Do the same. */
function answerRows(answers: Grid): Grid {
  return answers.length === 0 ? [[null]] : answers;
}

function widthOf(answers: Grid): number {
  let w = 0;
  for (const r of answers) if (r.length > w) w = r.length;
  return w;
}

function readUnknownScore(u: number | undefined): number | CalcError {
  if (u === undefined) return DEFAULT_UNKNOWN_ANSWER_SCORE;
  if (!Number.isFinite(u) || u < 0 || u > 1)
    return new CalcError(
      'VALUE',
      msg.custom(
        `unknownScore must be between 0 and 1 (the value of an Unknown answer), got ${showCell(u)}`,
        `unknownScore 必须在 0 到 1 之间（“未知”回答的得分），实际为 ${showCell(u)}`,
      ),
    );
  return u;
}

function readWeights(weights: Column | undefined, width: number): number[] | CalcError {
  if (!weights) return new Array<number>(width).fill(1);
  if (weights.length !== width)
    return new CalcError('VALUE', msg.sizeMismatch('answers (columns)', 'weights', width, weights.length));
  const out: number[] = [];
  for (let i = 0; i < weights.length; i++) {
    const c = weights[i];
    const n = toNumber(c);
    if (isBlank(c) || n === undefined || n < 0)
      return new CalcError(
        'VALUE',
        msg.custom(
          `weights, row ${i + 1}: ${showCell(c)} is not a weight; give each question a number ≥ 0 (1 by default)`,
          `weights 第 ${i + 1} 行：${showCell(c)} 不是有效权重；请为每个问题填写不小于 0 的数字（默认为 1）`,
        ),
      );
    out.push(n);
  }
  return out;
}

function readSections(sections: Column | undefined, width: number): Section[] | CalcError {
  if (!sections) {
    if (width === DEFAULT_SECTIONS.length) return [...DEFAULT_SECTIONS];
    return new CalcError(
      'VALUE',
      msg.custom(
        `sections is required when answers has ${width} columns (the default questions are ${DEFAULT_SECTIONS.length}); give Questions_Section`,
        `answers 有 ${width} 列，与默认的 ${DEFAULT_SECTIONS.length} 个问题不一致，必须给出 sections（如 Questions_Section）`,
      ),
    );
  }
  if (sections.length !== width)
    return new CalcError('VALUE', msg.sizeMismatch('answers (columns)', 'sections', width, sections.length));
  const out: Section[] = [];
  for (let i = 0; i < sections.length; i++) {
    const c = sections[i];
    const n = toNumber(c);
    if (n !== 1 && n !== 2 && n !== 3 && n !== 4)
      return new CalcError(
        'VALUE',
        msg.custom(
          `sections, row ${i + 1}: ${showCell(c)} is not a section; use 1, 2, 3 or 4`,
          `sections 第 ${i + 1} 行：${showCell(c)} 不是有效的问题分组，请填 1、2、3 或 4`,
        ),
      );
    out.push(n);
  }
  return out;
}

/** Reads and checks the question setup against the answers' width. */
export function readQuestionSetup(input: GradingInput, needSections: boolean): QuestionSetup | CalcError {
  const width = widthOf(answerRows(input.answers));
  const unknownScore = readUnknownScore(input.unknownScore);
  if (unknownScore instanceof CalcError) return unknownScore;
  const weights = readWeights(input.weights, width);
  if (weights instanceof CalcError) return weights;
  if (!needSections) return { weights, unknownScore };
  const sections = readSections(input.sections, width);
  if (sections instanceof CalcError) return sections;
  return { weights, sections, unknownScore };
}

/** Answer values of one opportunity (row r, 0-based), or the error naming the bad cell. */
export function answerRowValues(row: readonly Cell[], r: number, width: number, unknownScore: number): number[] | CalcError {
  const out = new Array<number>(width);
  for (let j = 0; j < width; j++) {
    const c = j < row.length ? row[j] : null;
    const v = answerValue(c, unknownScore);
    if (v === undefined)
      return new CalcError(
        'VALUE',
        msg.custom(
          `answers, row ${r + 1}, column ${j + 1}: ${showCell(c)} is not an answer (use ${allowedList(Answer)}; blank is Unknown)`,
          `answers 第 ${r + 1} 行第 ${j + 1} 列：${showCell(c)} 不是有效回答（可用：${allowedList(Answer, 'zh-CN')}；空白视为未知）`,
        ),
      );
    out[j] = v;
  }
  return out;
}

/**
 * 100·Σwv/Σw; blank when every weight is 0. Exact (src/calc/exact.ts): one fraction over the
 * decimals of weights and answer values, divided once, so a section that is exactly 70 % is
 * 70 and counts as strong (no tolerance needed, issue #18).
 */
export function weightedPercent(values: readonly number[], weights: readonly number[]): number | null {
  const mean = new ExactMean();
  for (let j = 0; j < values.length; j++) mean.add(weights[j], values[j], 0, 1);
  return mean.totalWeight.sign > 0 ? mean.percent() : null;
}

/** Section % of one opportunity, index 0–3 for sections 1–4; blank for a section whose weights are all 0. */
export function sectionPercents(
  values: readonly number[],
  sections: readonly Section[],
  weights: readonly number[],
): (number | null)[] {
  const means = [new ExactMean(), new ExactMean(), new ExactMean(), new ExactMean()];
  for (let j = 0; j < values.length; j++) means[sections[j] - 1].add(weights[j], values[j], 0, 1);
  return means.map((m) => (m.totalWeight.sign > 0 ? m.percent() : null));
}

/** True when an opportunity has answered none of the questions (every answer cell blank). */
function unanswered(row: readonly Cell[], width: number): boolean {
  for (let j = 0; j < width && j < row.length; j++) if (!isBlank(row[j])) return false;
  return true;
}

/**
 * Runs `score` on every answer row; a row's bad answer becomes that row's error, not the whole
 * spill's. A row with no answer at all is blank: a deal nobody has assessed has no score and no
 * grade (not 0 and D, which would be claims about it).
 */
function perOpportunity(input: GradingInput, setup: QuestionSetup, score: (values: number[]) => Scalar): Scalar[] {
  const rows = answerRows(input.answers);
  const width = setup.weights.length;
  const out = new Array<Scalar>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    if (unanswered(rows[r], width)) {
      out[r] = null;
      continue;
    }
    const values = answerRowValues(rows[r], r, width, setup.unknownScore);
    out[r] = values instanceof CalcError ? values : score(values);
  }
  return out;
}

/** QualScore (0–100) of each opportunity. */
export function qualScores(input: GradingInput): Scalar[] | CalcError {
  const setup = readQuestionSetup(input, false);
  if (setup instanceof CalcError) return setup;
  return perOpportunity(input, setup, (values) => weightedPercent(values, setup.weights));
}

function checkSectionHasQuestions(sections: readonly Section[], section: Section): CalcError | undefined {
  if (sections.includes(section)) return undefined;
  return new CalcError(
    'NA',
    msg.custom(
      `section ${section} has no questions in sections; add a question to it or choose another section`,
      `sections 中第 ${section} 组没有任何问题；请为该组添加问题，或改选其他分组`,
    ),
  );
}

/** One section's % (0–100) for each opportunity. */
export function sectionScores(input: GradingInput, section: number): Scalar[] | CalcError {
  if (section !== 1 && section !== 2 && section !== 3 && section !== 4)
    return new CalcError('VALUE', msg.outOfRange('section', showCell(section), '1, 2, 3 or 4'));
  const setup = readQuestionSetup(input, true);
  if (setup instanceof CalcError) return setup;
  const missing = checkSectionHasQuestions(setup.sections!, section);
  if (missing) return missing;
  const sections = setup.sections!;
  return perOpportunity(input, setup, (values) => sectionPercents(values, sections, setup.weights)[section - 1]);
}

/** Grade A–D of each opportunity; blank when a section's weights are all 0. */
export function grades(input: GradingInput): Scalar[] | CalcError {
  const setup = readQuestionSetup(input, true);
  if (setup instanceof CalcError) return setup;
  for (const s of SECTIONS) {
    const missing = checkSectionHasQuestions(setup.sections!, s);
    if (missing) return missing;
  }
  const sections = setup.sections!;
  return perOpportunity(input, setup, (values) => {
    const [s1, s2, s3, s4] = sectionPercents(values, sections, setup.weights);
    if (s1 === null || s2 === null || s3 === null || s4 === null) return null;
    return gradeFromSections(s1, s2, s3, s4);
  });
}
