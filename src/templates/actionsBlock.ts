/**
 * What the deal review and the account plan share about actions (issue 16): the per-action
 * status column (CRM3.ACTIONSTATUS over the Actions table, in the page's language) and its
 * colours as a planner reads them: done on time green, done late or without a done date amber,
 * overdue red, pending plain.
 */
import { SheetModel } from './templateBook';

/** The spilled status of every Actions row as of AsOfDate (a helper column the lists read). */
export function actionStatusFormula(zh: boolean): string {
  return `CRM3.ACTIONSTATUS(Axn_DueDate,Axn_DoneDate,AsOfDate,Axn_Done${zh ? ',"zh-CN"' : ''})`;
}

const FILLS: readonly [readonly string[], string][] = [
  [['OnTime', '按期完成'], 'FFC6EFCE'],
  [['Late', '逾期完成', 'DoneUndated', '完成日期未填'], 'FFFFEB9C'],
  [['Overdue', '已逾期'], 'FFFFC7CE'],
];

/** Colours a status column `ref` whose first cell is `first` (both languages' words, so a pasted list reads too). */
export function actionStatusFills(ws: SheetModel, ref: string, first: string): void {
  ws.addConditionalFormatting({
    ref,
    rules: FILLS.map(([words, argb]) => ({
      type: 'expression',
      formulae: [`OR(${words.map((w) => `${first}="${w}"`).join(',')})`],
      style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb } } },
    })),
  });
}
