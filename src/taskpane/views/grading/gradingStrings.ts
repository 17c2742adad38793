/** Texts of the grading assistant: each a Message, en-US and zh-CN side by side. */
import { MessageTable, bi } from '../../../core/i18n';

export const gradingStrings = {
  heading: bi('Opportunity grading', '商机评估（四问）'),
  intro: bi(
    'Answer the four questions for a deal; the score and grade follow the workbook’s own formulas.',
    '回答商机的四组问题；得分与等级与工作簿中的公式完全一致。',
  ),
  pick: bi('Pick an opportunity to grade it.', '请选择要评估的商机。'),
  yes: bi('Yes', '是'),
  no: bi('No', '否'),
  unknown: bi('Unknown', '未知'),
  section: (n: number) => bi(`Section ${n}`, `第 ${n} 问`),
  qualScore: bi('QualScore', '评估得分'),
  grade: bi('Grade', '商机等级'),
  stageCheck: bi('Stage check', '阶段核查'),
  stageCheckPrefix: bi('Stage check: ', '阶段核查：'),
  sectionScores: bi('Section scores', '各问得分'),
  savedGrade: (g: string) => bi(`Saved grade: ${g}`, `已保存的等级：${g}`),
  unsaved: (n: number) => bi(n === 1 ? '1 unsaved answer' : `${n} unsaved answers`, `${n} 项回答尚未保存`),
  save: bi('Save answers', '保存回答'),
  reset: bi('Reset', '还原'),
  saving: bi('Saving…', '正在保存…'),
  saved: bi('Answers saved to the workbook.', '回答已写入工作簿。'),
  saveFailed: bi('The answers were not saved.', '回答未能保存。'),
  results: bi('Result', '评估结果'),
  noQuestions: bi('The Questions table has no questions.', '评估问题表中没有问题。'),
  blank: bi('—', '—'),
  computing: bi('Computing…', '正在计算…'),
} satisfies MessageTable;
