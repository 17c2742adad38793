/** Opportunity grading by four questions (四问): QUALSCORE, SECTIONSCORE, GRADE. */
import { spill } from './spill';
import { GradingInput, grades, qualScores, sectionScores } from '../calc/grading';
import { Args, orFail } from './args';
import { FunctionDeclaration, ParamDeclaration, declare } from './declaration';

const p = (name: string, kind: ParamDeclaration['kind'], optional: boolean, en: string, zh: string): ParamDeclaration => ({
  name,
  kind,
  optional,
  description: { en, zh },
});

const answers = p(
  'answers',
  'range',
  false,
  "The answers to the grading questions: one opportunity's row (e.g. its Q_Project…Q_Lifetime cells) or a block with one row per opportunity. Yes/是/1/TRUE counts 1, No/否/0/FALSE counts 0, Unknown/未知/? and blank count unknownScore.",
  '四问评估的回答：一个商机的一行（如该行 Q_Project…Q_Lifetime 各单元格），或每个商机一行的区域。是/Yes/1/TRUE 计 1 分，否/No/0/FALSE 计 0 分，未知/?/空白 按 unknownScore 计分。',
);
const sections = p(
  'sections',
  'range',
  true,
  'Section (1–4) of each question, in the order of the answer columns, e.g. Questions_Section. Default for 12 answer columns: 1,1,1,2,2,2,3,3,3,4,4,4; required for any other number of questions.',
  '每个问题所属的分组（1–4），顺序与回答列一致，如 Questions_Section。回答为 12 列时默认 1,1,1,2,2,2,3,3,3,4,4,4；问题数不是 12 时必须给出。',
);
const weights = p(
  'weights',
  'range',
  true,
  'Weight of each question (≥ 0), in the order of the answer columns, e.g. Questions_Weight. Default: every question weighs 1.',
  '每个问题的权重（不小于 0），顺序与回答列一致，如 Questions_Weight。默认每题权重均为 1。',
);
const unknownScore = p(
  'unknownScore',
  'value',
  true,
  'What an Unknown or blank answer is worth, from 0 to 1, e.g. UnknownAnswerScore. Default 0 (what we do not know does not count).',
  '“未知”或空白回答的得分（0 到 1），如 UnknownAnswerScore。默认 0（不清楚的情况不得分）。',
);
const section = p(
  'section',
  'value',
  false,
  'Which section: 1 Is there an opportunity? · 2 Can we compete? · 3 Can we win? · 4 Is it worth winning?',
  '哪一组问题：1 是否真有商机 · 2 能否参与竞争 · 3 能否赢单 · 4 是否值得赢。',
);

function gradingInput(a: Args): GradingInput {
  return {
    // One blank answer cell arrives as "omitted" from some hosts: it is one Unknown answer.
    answers: a.has('answers') ? a.grid('answers') : [[null]],
    sections: a.optColumn('sections'),
    weights: a.optColumn('weights'),
    unknownScore: a.optNumber('unknownScore'),
  };
}

const answerErrors = {
  en: '#VALUE! naming the row and column when an answer is not Yes/No/Unknown (e.g. "maybe"); when weights or sections do not match the number of answer columns, a weight is blank, negative or not a number, or unknownScore is outside 0–1.',
  zh: '#VALUE!：回答不是 是/否/未知（如 "maybe"）时，指明行号与列号；weights 或 sections 的个数与回答列数不一致、权重为空、为负或不是数字，或 unknownScore 不在 0–1 之间。',
};

export const gradingFunctions: FunctionDeclaration[] = [
  declare({
    id: 'QUALSCORE',
    family: 'grading',
    description: {
      en: 'Qualification score (0–100) of an opportunity from its answers to the four questions: 100 × Σ weight × answer value ÷ Σ weight. Give a block of answers to score many opportunities at once (one result per row). Blank when every weight is 0.',
      zh: '商机资格评分（0–100）：根据四问回答计算，100 × Σ(权重 × 回答得分) ÷ Σ权重。传入多行回答可一次算出多个商机的评分（每行一个结果）。所有权重都为 0 时返回空白。',
    },
    example: '=CRM3.QUALSCORE(P5:AA5, Questions_Weight, UnknownAnswerScore)',
    exampleResult: {
      en: 'e.g. 58.3 when 7 of 12 equally weighted questions are answered Yes',
      zh: '如 12 个等权问题中 7 个回答“是”时为 58.3',
    },
    params: [answers, weights, unknownScore],
    result: { shape: { kind: 'rows', of: 'answers' }, type: 'number' },
    errors: [answerErrors],
    evaluate(a) {
      return spill(orFail(qualScores(gradingInput(a))));
    },
  }),
  declare({
    id: 'SECTIONSCORE',
    family: 'grading',
    description: {
      en: "Score (0–100) of one section of the four questions for an opportunity: 100 × Σ weight × answer value ÷ Σ weight over that section's questions. One result per row of answers. Blank when the section's weights are all 0.",
      zh: '四问中某一组的得分（0–100）：该组问题的 100 × Σ(权重 × 回答得分) ÷ Σ权重。每行回答一个结果。该组权重全为 0 时返回空白。',
    },
    example: '=CRM3.SECTIONSCORE(P5:AA5, 1, Questions_Section, Questions_Weight, UnknownAnswerScore)',
    exampleResult: {
      en: 'e.g. 66.7 when two of the three "Is there an opportunity?" questions are Yes',
      zh: '如“是否真有商机”三个问题中两个回答“是”时为 66.7',
    },
    params: [answers, section, sections, weights, unknownScore],
    result: { shape: { kind: 'rows', of: 'answers' }, type: 'number' },
    errors: [
      answerErrors,
      {
        en: '#VALUE! when section is not 1, 2, 3 or 4, or sections is missing for a number of questions other than 12. #N/A when no question belongs to the section.',
        zh: '#VALUE!：section 不是 1、2、3、4，或问题数不是 12 却未给出 sections。#N/A：该组没有任何问题。',
      },
    ],
    evaluate(a) {
      return spill(orFail(sectionScores(gradingInput(a), a.number('section'))));
    },
  }),
  declare({
    id: 'GRADE',
    family: 'grading',
    description: {
      en: 'Opportunity grade A–D from the four questions: A when all four sections score ≥ 70; B when at least three score ≥ 70 and none is below 40; D when section 1 (is there an opportunity?) is below 40; otherwise C. One result per row of answers.',
      zh: '按四问给商机评级 A–D：四组得分都 ≥ 70 为 A；至少三组 ≥ 70 且没有一组低于 40 为 B；第 1 组（是否真有商机）低于 40 为 D；其余为 C。每行回答一个结果。',
    },
    example: '=CRM3.GRADE(P5:AA5, Questions_Section, Questions_Weight, UnknownAnswerScore)',
    exampleResult: { en: 'e.g. "B" when sections score 100, 100, 66.7 and 100', zh: '如四组得分为 100、100、66.7、100 时为 "B"' },
    params: [answers, sections, weights, unknownScore],
    result: { shape: { kind: 'rows', of: 'answers' }, type: 'string' },
    errors: [
      answerErrors,
      {
        en: '#VALUE! when sections is missing for a number of questions other than 12. #N/A when one of the four sections has no question.',
        zh: '#VALUE!：问题数不是 12 却未给出 sections。#N/A：四组中有一组没有任何问题。',
      },
    ],
    evaluate(a) {
      return spill(orFail(grades(gradingInput(a))));
    },
  }),
];
