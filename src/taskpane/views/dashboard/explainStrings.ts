/** The explain panel's texts (issue #19), en and zh. */
import { bi } from '../../../core/i18n';

export const explainStrings = {
  parts: bi('How the number is made', '数值的组成'),
  part: bi('Part', '组成部分'),
  value: bi('Value', '数值'),
  rows: bi('Rows', '行数'),
  filters: bi('Filters', '筛选条件'),
  leftOut: bi('Left out', '未计入'),
  reason: bi('Why', '原因'),
  showRows: (n: number, what: string) => bi(`Show the ${n} rows: ${what}`, `显示这 ${n} 行：${what}`),
  hideRows: bi('Hide rows', '收起'),
  rowsOf: (what: string, n: number) => bi(`${what} (${n})`, `${what}（${n}）`),
  moreRows: (n: number) =>
    bi(`… and ${n} more (crm3 explain --json lists them all)`, `…… 另有 ${n} 行（crm3 explain --json 可全部列出）`),
  goToRow: (id: string) => bi(`Go to ${id} in the workbook`, `在工作簿中转到 ${id}`),
  showRow: (id: string) => bi(`Show ${id}`, `显示 ${id}`),
  wentTo: (where: string) => bi(`Selected ${where}`, `已选中 ${where}`),
  rowOf: (sheet: string, cell: string) => bi(`Row at ${sheet}!${cell}`, `位于 ${sheet}!${cell} 的行`),
  formula: bi('Formula', '公式'),
  noWorking: bi('This indicator has no breakdown; its formula and inputs are below.', '该指标没有分项说明；公式和参数见下方。'),
};
