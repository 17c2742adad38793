/**
 * The "How to use" sheet every template opens with: what the template is for, the steps
 * in the planner's language, and the house rules (yellow cells are inputs, formulas are
 * locked, names instead of cell references).
 */
import { Message } from '../core/i18n';
import { TemplateInfo, TEMPLATE_VERSION } from './catalog';
import { TemplateBook } from './templateBook';

const COMMON: readonly Message[] = [
  {
    en: 'Yellow cells and the table columns without formulas are inputs; formula cells are locked. Sheets with formulas are protected without a password (Review ▸ Unprotect Sheet).',
    zh: '黄色单元格及不含公式的表格列为输入项；公式单元格已锁定。含公式的工作表设有无密码保护（审阅 ▸ 撤消工作表保护）。',
  },
  {
    en: 'Every column has a workbook name such as Opp_Status or Acc_Tier; formulas use these names, never cell addresses on other sheets. The names grow with their table: paste an export directly below the header and every formula sees the new rows.',
    zh: '每一列都有工作簿名称，例如 Opp_Status、Acc_Tier；公式只使用这些名称，不引用其他工作表的单元格地址。名称随表格自动扩展：把导出的数据直接粘贴到表头下方，所有公式都会计入新增的行。',
  },
  {
    en: 'CRM3.* functions need the CRM3 add-in (Home ▸ CRM3). Without it the cells show #NAME?; the data stays intact.',
    zh: 'CRM3.* 函数需要加载 CRM3 加载项（开始 ▸ CRM3）。未加载时单元格显示 #NAME?，数据不受影响。',
  },
  {
    en: 'Methodology (weights, thresholds, stages, sufficient events, questions, benchmarks) is on the Config sheet. Amounts are in the Currency set there; AsOfDate is a date you set (not TODAY(), so results are reproducible).',
    zh: '方法论参数（权重、阈值、阶段、充分事件、评估问题、行业基准）在“配置”工作表中。金额币种见其中的“币种”；基准日请填写具体日期（不用 TODAY()，保证结果可复现）。',
  },
];

export function addHowToSheet(book: TemplateBook, info: TemplateInfo, steps: readonly Message[]): void {
  const ws = book.sheet(book.say('How to use', '使用说明'), 0, { tab: 'FF1F4E78' });
  ws.getColumn(1).width = 4;
  ws.getColumn(2).width = 110;
  book.label(ws, 'B1', book.t(info.name), 'title');
  ws.getCell('B2').value = book.t(info.description);
  ws.getCell('B2').alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = 48;
  ws.getCell('B3').value = `${book.say('Template', '模板')} ${info.id} · ${book.say('version', '版本')} ${TEMPLATE_VERSION}`;
  ws.getCell('B3').font = { italic: true, color: { argb: 'FF595959' } };
  book.label(ws, 'B5', book.say('Steps', '使用步骤'), 'heading');
  let row = 6;
  steps.forEach((s, i) => {
    ws.getCell(row, 1).value = i + 1;
    ws.getCell(row, 1).alignment = { vertical: 'top', horizontal: 'right' };
    const c = ws.getCell(row, 2);
    c.value = book.t(s);
    c.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(row).height = Math.max(18, Math.ceil(book.t(s).length / (book.zh ? 55 : 105)) * 16);
    row++;
  });
  row++;
  book.label(ws, `B${row++}`, book.say('Good to know', '须知'), 'heading');
  for (const s of COMMON) {
    const c = ws.getCell(row, 2);
    c.value = `• ${book.t(s)}`;
    c.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(row).height = Math.max(18, Math.ceil(book.t(s).length / (book.zh ? 55 : 105)) * 16);
    row++;
  }
  ws.pageSetup.orientation = 'portrait';
}
