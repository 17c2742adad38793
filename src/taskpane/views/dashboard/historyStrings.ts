/** The dashboard's history words (Δ against a snapshot, What moved, Save snapshot, due for review), en and zh. */
import { bi } from '../../../core/i18n';

export const historyStrings = {
  compareWith: bi('Compare with snapshot', '与快照比较'),
  noComparison: bi('No comparison', '不比较'),
  wholeOnly: bi('Δ compares the whole workbook: choose no scope to see it.', 'Δ 针对整个工作簿：取消范围筛选后显示。'),
  whatMoved: bi('What moved', '变化的商机'),
  nothingMoved: bi('No deal moved since this snapshot.', '自该快照以来没有商机发生变化。'),
  trend: bi('Trend at the snapshots, then now', '各次快照及当前的走势'),
  fullAmount: bi('in full', '完整金额'),
  // Save snapshot
  snapshotTitle: bi('Snapshot', '快照'),
  snapshotLabel: bi('Label (optional)', '标签（可选）'),
  snapshotPlaceholder: bi('e.g. 2027 Q1 review', '例如：2027 年第一季度回顾'),
  saveSnapshot: bi('Save snapshot', '保存快照'),
  savingSnapshot: bi('Saving the snapshot…', '正在保存快照…'),
  snapshotHint: (date: string) =>
    bi(
      `Records every indicator, the open deals and the accounts as of ${date} in the History tables, as crm3 snapshot does.`,
      `把截至 ${date} 的全部指标、进行中商机和客户记入历史表，与 crm3 snapshot 相同。`,
    ),
  snapshotSaved: (date: string, indicators: number, deals: number, accounts: number) =>
    bi(
      `Snapshot ${date} saved: ${indicators} indicators, ${deals} deal rows and ${accounts} account rows that changed.`,
      `快照 ${date} 已保存：${indicators} 项指标，${deals} 行有变化的商机，${accounts} 行有变化的客户。`,
    ),
  /** Follows the saved message directly (the en text brings its own space; zh sentences join without one). */
  keepByDownload: bi(
    ' Web mode keeps it in this page: download the workbook to keep it.',
    '网页模式下快照只保存在本页面中：请下载工作簿以保留。',
  ),
  snapshotSameDate: (date: string) =>
    bi(`A snapshot of ${date} is already saved; nothing changed.`, `${date} 的快照已保存；未作改动。`),
  snapshotFailed: bi('The snapshot was not saved:', '快照未保存：'),
  // Due for review
  dueTitle: bi('Due for review', '到期需评审'),
  dueHint: (days: number) =>
    bi(
      `Open deals never reviewed, last reviewed ${days} or more days ago, or whose next review has come (Reviews table, Config ReviewIntervalDays).`,
      `从未评审、距上次评审已达 ${days} 天，或下次评审日期已到的进行中商机（评审记录表，配置 ReviewIntervalDays）。`,
    ),
  noneDue: bi('No deal is due for review.', '没有到期需评审的商机。'),
  neverReviewed: bi('never reviewed', '从未评审'),
  lastReviewed: (date: string) => bi(`last reviewed ${date}`, `上次评审 ${date}`),
  nextReview: (date: string) => bi(`next review ${date}`, `下次评审 ${date}`),
  redFlags: bi('Red flags', '风险信号'),
  showAllDue: (n: number) => bi(`Show all ${n}`, `显示全部 ${n} 个`),
} as const;
