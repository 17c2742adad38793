/**
 * Texts of the task pane shell, dashboard, problems and function reference: each a Message
 * (core/i18n), en-US and zh-CN side by side, so a missing translation is a compile error.
 * Views read them with `pickAll(strings, locale)`; the assistant views keep their own tables
 * beside them (views/<name>/*Strings.ts).
 */
import { Locale, MessageTable, bi, localeOf } from '../core/i18n';

export const strings = {
  title: bi('CRM3 for Excel', 'CRM3 大客户销售'),
  tagline: bi(
    'Key-account sales method in Excel: ABCD tiering, opportunity grading, win rates and value indicators.',
    '在 Excel 中落地大客户销售方法：ABCD 分级、商机评估、赢率分析与量化价值指标。',
  ),
  webMode: bi('Web mode: running without Excel on the built-in engine.', '网页模式：未连接 Excel，使用内置计算引擎。'),
  inExcel: bi('Connected to Excel.', '已连接 Excel。'),
  functions: bi('CRM3 functions', 'CRM3 函数'),
  language: bi('Language', '语言'),
  example: bi('Example', '示例'),
  view: bi('View', '页面'),
  views: {
    dashboard: bi('Dashboard', '指标看板'),
    templates: bi('Templates', '模板'),
    tiering: bi('Tiering', '客户分级'),
    grading: bi('Grading', '商机评估'),
    whatIf: bi('What-if', '假设分析'),
    decisionChain: bi('Decision chain', '决策链'),
    problems: bi('Problems', '数据问题'),
    functions: bi('Functions', '函数参考'),
  },
  workbook: bi('Workbook', '工作簿'),
  openXlsx: bi('Open .xlsx…', '打开 .xlsx…'),
  downloadReport: bi('Download report', '下载报告'),
  downloadRecommendations: bi('Download recommendations report', '下载高阶建议报告'),
  downloadClientCopy: bi('Download client copy', '下载客户版'),
  downloadWorkbook: bi('Download workbook', '下载工作簿'),
  clientCopyDone: (n: number) =>
    bi(`Client copy downloaded: ${n} CRM3 formulas now hold their values.`, `客户版已下载：${n} 个 CRM3 公式已替换为数值。`),
  opening: bi('Opening', '正在打开'),
  loading: bi('Computing the workbook…', '正在计算工作簿…'),
  loadingView: bi('Loading…', '正在加载…'),
  couldNotRead: bi('The workbook could not be read.', '无法读取该工作簿。'),
  engineFailed: bi('The engine could not compute this workbook:', '计算引擎无法计算该工作簿：'),
  couldNotOpen: (file: string, why: string) =>
    bi(`${file} could not be opened, so no numbers are shown. ${why}`, `无法打开 ${file}，因此不显示任何数值。${why}`),
  couldNotCompute: (file: string, why: string) =>
    bi(`${file} could not be computed, so no numbers are shown. ${why}`, `无法计算 ${file}，因此不显示任何数值。${why}`),
  openingFile: (file: string) => bi(`Opening ${file}…`, `正在打开 ${file}…`),
  cancel: bi('Cancel', '取消'),
  cancelled: (file: string) =>
    bi(`Loading ${file} was cancelled, so no numbers are shown.`, `已取消加载 ${file}，因此不显示任何数值。`),
  retry: bi('Try again', '重试'),
  asOf: bi('As of', '基准日'),
  scope: bi('Scope', '范围'),
  scopeField: bi('Scope by', '范围维度'),
  scopeValue: bi('Value', '取值'),
  wholeWorkbook: bi('Whole workbook', '整个工作簿'),
  scopeFields: {
    owner: bi('Owner', '负责人'),
    region: bi('Region', '区域'),
    industry: bi('Industry', '行业'),
    tier: bi('Tier', '分级'),
    account: bi('Account', '客户'),
  },
  chooseValue: bi('Choose…', '请选择…'),
  indicatorsOf: (n: number) => bi(`${n} indicators`, `共 ${n} 项指标`),
  target: bi('Target', '目标'),
  redAt: bi('red', '红灯'),
  noTarget: bi('No target set', '未设目标'),
  rag: {
    Green: bi('Green', '绿灯'),
    Amber: bi('Amber', '黄灯'),
    Red: bi('Red', '红灯'),
    none: bi('No status', '无状态'),
  },
  howComputed: bi('How is this computed?', '如何计算？'),
  hideHow: bi('Hide calculation', '收起计算过程'),
  formula: bi('Formula', '公式'),
  inputs: bi('The numbers that went in', '代入的数值'),
  input: bi('Input', '参数'),
  valueLabel: bi('Value', '数值'),
  blank: bi('—', '—'),
  days: (n: string) => bi(`${n} days`, `${n} 天`),
  charts: bi('Charts', '图表'),
  loadingCharts: bi('Loading charts…', '正在加载图表…'),
  tierMatrix: bi('Tier matrix', '客户分级矩阵'),
  tierMatrixSummary: (n: number, a: number, p: number) =>
    bi(
      `Tier matrix of ${n} accounts: attractiveness (vertical) against position (horizontal); thresholds ${a} and ${p}.`,
      `${n} 个客户的分级矩阵：纵轴为吸引力，横轴为竞争地位；阈值分别为 ${a} 和 ${p}。`,
    ),
  attractiveness: bi('Attractiveness', '吸引力'),
  position: bi('Position', '竞争地位'),
  account: bi('Account', '客户'),
  tierLabel: bi('Tier', '分级'),
  pipelineByStage: bi('Open pipeline by stage', '各阶段在途商机金额'),
  pipelineSummary: (total: string) => bi(`Open pipeline by stage, ${total} in total.`, `各阶段在途商机金额，合计 ${total}。`),
  stage: bi('Stage', '阶段'),
  amount: bi('Amount', '金额'),
  winRateByOwner: bi('Win rate by owner (95 % Wilson interval)', '各负责人赢率（95% Wilson 区间）'),
  winRateSummary: (n: number) =>
    bi(`Win rate of ${n} owners in the period, with 95 % Wilson intervals.`, `本期 ${n} 位负责人的赢率及 95% Wilson 置信区间。`),
  owner: bi('Owner', '负责人'),
  winRate: bi('Win rate', '赢率'),
  wonOfClosed: bi('Won / closed', '赢单 / 结单'),
  interval: bi('Interval', '区间'),
  noChartData: bi('No data for this chart in this scope.', '该范围内没有可绘制的数据。'),
  chartFailed: (title: string, why: string) => bi(`${title}: no data. ${why}`, `${title}：没有数据。${why}`),
  problemsTitle: bi('Problems in the workbook', '工作簿中的数据问题'),
  noProblems: bi('No problems found: the data passed every check.', '未发现问题：数据通过了全部检查。'),
  problemCount: (errors: number, warnings: number) =>
    bi(`${errors} errors, ${warnings} warnings`, `${errors} 个错误，${warnings} 个警告`),
  severity: {
    error: bi('Error', '错误'),
    warning: bi('Warning', '警告'),
  },
  goToCell: bi('Go to cell', '定位单元格'),
  wentTo: (where: string) => bi(`Selected ${where}.`, `已选中 ${where}。`),
  moreProblems: (n: number) =>
    bi(`${n} more problems are not listed; fix these first.`, `另有 ${n} 个问题未列出，请先修正以上问题。`),
  reportName: bi('crm3-report', 'CRM3-报告'),
  theme: bi('Theme', '主题'),
} satisfies MessageTable;

export type UiLocale = Locale;
export type ViewId = keyof (typeof strings)['views'];

/** en-US unless the language tag is Chinese. */
export function uiLocaleOf(tag: string | null | undefined): UiLocale {
  return localeOf(tag);
}
