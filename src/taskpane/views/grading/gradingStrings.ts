/** UI strings of the grading assistant, en-US and zh-CN side by side. */
import { Locale } from '../../../core/i18n';

const en = {
  heading: 'Opportunity grading',
  intro: 'Answer the four questions for a deal; the score and grade follow the workbook’s own formulas.',
  pick: 'Pick an opportunity to grade it.',
  yes: 'Yes',
  no: 'No',
  unknown: 'Unknown',
  section: (n: number) => `Section ${n}`,
  qualScore: 'QualScore',
  grade: 'Grade',
  stageCheck: 'Stage check',
  stageCheckPrefix: 'Stage check: ',
  sectionScores: 'Section scores',
  savedGrade: (g: string) => `Saved grade: ${g}`,
  unsaved: (n: number) => `${n} unsaved answers`,
  save: 'Save answers',
  reset: 'Reset',
  saving: 'Saving…',
  saved: 'Answers saved to the workbook.',
  saveFailed: 'The answers were not saved.',
  results: 'Result',
  noQuestions: 'The Questions table has no questions.',
  blank: '—',
};

const zh: typeof en = {
  heading: '商机评估（四问）',
  intro: '回答商机的四组问题；得分与等级与工作簿中的公式完全一致。',
  pick: '请选择要评估的商机。',
  yes: '是',
  no: '否',
  unknown: '未知',
  section: (n) => `第 ${n} 问`,
  qualScore: '评估得分',
  grade: '商机等级',
  stageCheck: '阶段核查',
  stageCheckPrefix: '阶段核查：',
  sectionScores: '各问得分',
  savedGrade: (g) => `已保存的等级：${g}`,
  unsaved: (n) => `${n} 项回答尚未保存`,
  save: '保存回答',
  reset: '还原',
  saving: '正在保存…',
  saved: '回答已写入工作簿。',
  saveFailed: '回答未能保存。',
  results: '评估结果',
  noQuestions: '评估问题表中没有问题。',
  blank: '—',
};

export const gradingStrings: Record<Locale, typeof en> = { 'en-US': en, 'zh-CN': zh };
