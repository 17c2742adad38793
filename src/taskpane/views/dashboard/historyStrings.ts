/** The dashboard's history words (Δ against a snapshot, What moved), en and zh. */
import { bi } from '../../../core/i18n';

export const historyStrings = {
  compareWith: bi('Compare with snapshot', '与快照比较'),
  noComparison: bi('No comparison', '不比较'),
  wholeOnly: bi('Δ compares the whole workbook: choose no scope to see it.', 'Δ 针对整个工作簿：取消范围筛选后显示。'),
  whatMoved: bi('What moved', '变化的商机'),
  nothingMoved: bi('No deal moved since this snapshot.', '自该快照以来没有商机发生变化。'),
  trend: bi('Trend at the snapshots, then now', '各次快照及当前的走势'),
} as const;
