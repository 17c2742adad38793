/**
 * What the hosts tell the user when a write, a template insertion or a "go to" cannot be
 * done: what went wrong, where, and how to fix it, in en-US and zh-CN.
 */
import { Message } from '../core/i18n';
import { HostFailure } from './workbookHost';

export const fail = (message: Message): HostFailure => ({ ok: false, message });

/** The text of an exception, short enough for a message. */
export function reason(e: unknown): string {
  const m = e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
  const text = m ?? String(e);
  return text.length > 200 ? text.slice(0, 200) + '…' : text;
}

export const H = {
  noTable: (table: string): Message => ({
    en: `The workbook has no ${table} table, so nothing was written. Insert a template that has it, or add the table.`,
    zh: `工作簿中没有 ${table} 表，未写入任何内容。请插入包含该表的模板，或先添加该表。`,
  }),
  noColumn: (table: string, column: string): Message => ({
    en: `The ${table} table has no column ${column}, so nothing was written. Add the column (its header must be ${column} or one of its aliases).`,
    zh: `${table} 表中没有 ${column} 列，未写入任何内容。请添加该列（列标题须为 ${column} 或其别名）。`,
  }),
  noRow: (table: string, row: number, rows: number): Message => ({
    en: `The ${table} table has ${rows} data rows; row ${row + 1} does not exist, so nothing was written. Add the row in the table first.`,
    zh: `${table} 表只有 ${rows} 行数据，不存在第 ${row + 1} 行，未写入任何内容。请先在表中添加该行。`,
  }),
  computedColumn: (table: string, column: string): Message => ({
    en: `${table}.${column} is computed by the workbook's formulas and cannot be typed over, so nothing was written. Change its inputs instead.`,
    zh: `${table}.${column} 由工作簿公式计算，不能直接改写，未写入任何内容。请修改它的输入数据。`,
  }),
  badValue: (where: string): Message => ({
    en: `${where}: the value is not a number, text, TRUE/FALSE or blank (numbers must be finite), so nothing was written.`,
    zh: `${where}：值必须是数字、文本、TRUE/FALSE 或空白（数字须为有限值），未写入任何内容。`,
  }),
  unknownSetting: (setting: string): Message => ({
    en: `${setting} is not a CRM3 setting, so nothing was written. Use one of the names on the Config sheet (AsOfDate, PeriodStart, …).`,
    zh: `${setting} 不是 CRM3 设置项，未写入任何内容。请使用“配置”表中的名称（AsOfDate、PeriodStart 等）。`,
  }),
  noSettingCell: (setting: string): Message => ({
    en: `The workbook has no cell for the setting ${setting} (no defined name ${setting} and no ${setting} row on the Config sheet), so nothing was written. Add it on the Config sheet.`,
    zh: `工作簿中没有设置项 ${setting} 的单元格（没有名称 ${setting}，“配置”表中也没有这一行），未写入任何内容。请在“配置”表中添加。`,
  }),
  moved: (sheet: string, cell: string, expected: string): Message => ({
    en: `${sheet}!${cell} no longer holds the header ${expected} (the table was changed since it was read), so nothing was written. Refresh and try again.`,
    zh: `${sheet}!${cell} 已不是列标题 ${expected}（读取后表格已被修改），未写入任何内容。请刷新后重试。`,
  }),
  writeFailed: (why: string): Message => ({
    en: `Excel did not accept the change (${why}); the cells were put back as they were. Check that the sheet is not protected and no cell is being edited, then try again.`,
    zh: `Excel 未接受此次修改（${why}），已恢复原值。请确认工作表未受保护且没有单元格处于编辑状态，然后重试。`,
  }),
  readFailed: (why: string): Message => ({
    en: `The workbook could not be read (${why}). Finish editing the cell you are in (press Enter) and try again.`,
    zh: `无法读取工作簿（${why}）。请先结束当前单元格的编辑（按 Enter），然后重试。`,
  }),
  noSheet: (sheet: string): Message => ({
    en: `There is no sheet named ${sheet} in this workbook. It may have been renamed or deleted.`,
    zh: `工作簿中没有名为 ${sheet} 的工作表，可能已被重命名或删除。`,
  }),
  badCell: (cell: string): Message => ({
    en: `${cell} is not a cell address such as B7 or A1:C3.`,
    zh: `${cell} 不是单元格地址（例如 B7 或 A1:C3）。`,
  }),
  goToFailed: (why: string): Message => ({
    en: `Excel could not select that cell (${why}). Finish editing the current cell and try again.`,
    zh: `Excel 无法选中该单元格（${why}）。请先结束当前单元格的编辑后重试。`,
  }),
  noFile: (why: string): Message => ({
    en: `Excel did not hand over the file (${why}). Save the workbook and try again.`,
    zh: `Excel 未能提供文件（${why}）。请先保存工作簿后重试。`,
  }),
  fileWriteFailed: (why: string): Message => ({
    en: `The workbook could not be written as .xlsx (${why}).`,
    zh: `无法将工作簿写成 .xlsx 文件（${why}）。`,
  }),
  badTemplate: (why: string): Message => ({
    en: `The template file could not be read (${why}); nothing was inserted. Reinstall the add-in or choose another template.`,
    zh: `无法读取模板文件（${why}），未插入任何内容。请重新安装加载项或选择其他模板。`,
  }),
  insertFailed: (step: Message, why: string): Message => ({
    en: `Inserting the template stopped at "${step.en}" (${why}). Everything added so far was removed; your workbook is as it was. Close other dialogs, make sure the workbook is not protected, and try again.`,
    zh: `插入模板在“${step.zh}”一步失败（${why}）。已删除本次添加的全部内容，工作簿保持原样。请关闭其他对话框并确认工作簿未受保护后重试。`,
  }),
  rollbackIncomplete: (step: Message, why: string, left: string): Message => ({
    en: `Inserting the template stopped at "${step.en}" (${why}), and these added items could not be removed: ${left}. Delete them by hand; nothing of yours was changed.`,
    zh: `插入模板在“${step.zh}”一步失败（${why}），以下新增内容未能自动删除：${left}。请手动删除；您原有的内容未被修改。`,
  }),
};

/** Progress labels of a template insertion. */
export const STEP = {
  read: { en: 'Reading the template', zh: '读取模板' },
  plan: { en: 'Checking for name clashes', zh: '检查名称冲突' },
  sheets: { en: 'Adding the sheets', zh: '添加工作表' },
  tables: { en: 'Adding tables and names', zh: '添加表格和名称' },
  formulas: { en: 'Linking the formulas', zh: '关联公式' },
  charts: { en: 'Drawing the charts', zh: '绘制图表' },
  merge: { en: 'Adding what the workbook lacks', zh: '添加工作簿缺少的内容' },
  done: { en: 'Done', zh: '完成' },
} satisfies Record<string, Message>;
