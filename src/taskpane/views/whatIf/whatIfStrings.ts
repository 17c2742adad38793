/** Texts of the what-if view: each a Message, en-US and zh-CN side by side. */
import { MessageTable, bi } from '../../../core/i18n';

export const whatIfStrings = {
  heading: bi('What-if', '假设分析'),
  intro: bi(
    'Try a change to a deal or a contact and see which indicators move. Nothing is written unless you apply.',
    '试着修改商机或联系人，看看哪些指标会变化。点击“应用”之前不会写入工作簿。',
  ),
  pick: bi('Pick an opportunity to try changes on it.', '请选择一个商机进行假设分析。'),
  status: bi('Status', '状态'),
  stage: bi('Stage', '阶段'),
  amount: bi('Amount', '金额'),
  amountInvalid: bi('Enter an amount of 0 or more.', '请输入不小于 0 的金额。'),
  chain: bi('Decision chain: support', '决策链：支持度'),
  noChain: bi('This opportunity has no decision-chain rows.', '该商机尚无决策链记录。'),
  supportOf: (name: string) => bi(`Support of ${name}`, `${name}的支持度`),
  blank: bi('(blank)', '（空）'),
  pending: (n: number) => bi(n === 1 ? '1 change (not written)' : `${n} changes (not written)`, `${n} 项修改（尚未写入）`),
  computing: bi('Computing…', '正在计算…'),
  moved: (n: number) =>
    bi(
      n === 0 ? 'No indicator moves.' : n === 1 ? '1 indicator moves:' : `${n} indicators move:`,
      n === 0 ? '没有指标发生变化。' : `${n} 项指标发生变化：`,
    ),
  noChanges: bi('No change yet: the indicators are as in the workbook.', '尚未修改：指标与工作簿一致。'),
  indicator: bi('Indicator', '指标'),
  before: bi('Now', '当前'),
  after: bi('After', '修改后'),
  up: bi('up', '上升'),
  down: bi('down', '下降'),
  better: bi('better', '变好'),
  worse: bi('worse', '变差'),
  apply: bi('Apply', '应用'),
  applying: bi('Applying…', '正在应用…'),
  reset: bi('Reset', '还原'),
  applied: bi('The changes were written to the workbook.', '修改已写入工作簿。'),
  applyFailed: bi('Nothing was written.', '未写入任何内容。'),
  failed: bi('The what-if could not be computed.', '无法完成假设分析计算。'),
  pp: bi('pp', '个百分点'),
  days: bi('days', '天'),
} satisfies MessageTable;
