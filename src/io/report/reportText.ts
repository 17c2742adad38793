/**
 * The recommendations report's words, en and zh, and its chapter numbering: "1." in en,
 * "一、" in zh (sections "（一）"), as Chinese reports number them.
 */
import { Locale, Message, bi, pick } from '../../core/i18n';

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二, 20 → 二十 (chapters and sections stay far below 100). */
export function chineseNumeral(n: number): string {
  if (n <= 10) return ZH_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : ZH_DIGITS[tens]}十${ones ? ZH_DIGITS[ones] : ''}`;
}

/** "3. Portfolio" / "三、客户组合". */
export function chapterTitle(n: number, title: string, locale: Locale): string {
  return locale === 'zh-CN' ? `${chineseNumeral(n)}、${title}` : `${n}. ${title}`;
}

/** "3.2 Findings" / "（二）发现的问题". */
export function sectionTitle(chapter: number, n: number, title: string, locale: Locale): string {
  return locale === 'zh-CN' ? `（${chineseNumeral(n)}）${title}` : `${chapter}.${n} ${title}`;
}

export const T = {
  title: (client: string) =>
    bi(
      client ? `${client}: Sales Management Recommendations Report` : 'Sales Management Recommendations Report',
      client ? `《${client}营销管理高阶建议报告》` : '《营销管理高阶建议报告》',
    ),
  subtitle: bi('CRM3 value indicators and key-account method', '基于 CRM3 价值指标与大客户销售方法'),
  client: bi('Client', '客户'),
  consultant: bi('Consultant', '顾问'),
  date: bi('Date', '日期'),
  asOf: bi('Numbers as of', '数据基准日'),
  period: bi('Evaluation period', '考核期间'),
  scope: bi('Scope', '范围'),
  wholeWorkbook: bi('the whole workbook', '全部数据'),
  source: bi('Source workbook', '数据来源'),
  notGiven: bi('not given', '未填写'),

  summary: bi('Executive summary', '执行摘要'),
  goalsIntro: bi('The four value goals, each measured by its indicators:', '四项业务价值目标及其指标表现如下：'),
  goalSentence: (name: string, total: number, red: number, amber: number, green: number, noData: number) =>
    bi(
      `${name}: of ${total} indicators, ${red} Red, ${amber} Amber, ${green} Green${noData ? `, ${noData} without data` : ''}.`,
      `${name}：共 ${total} 项指标，红灯 ${red} 项、黄灯 ${amber} 项、绿灯 ${green} 项${noData ? `、无数据 ${noData} 项` : ''}。`,
    ),
  weakest: (names: string) => bi(` Most urgent: ${names}.`, `最需关注：${names}。`),
  allIndicators: bi('All indicators', '全部指标一览'),
  indicatorCol: bi('Indicator', '指标'),
  valueCol: bi('Value', '数值'),
  targetCol: bi('Target', '目标'),
  statusCol: bi('Status', '状态'),
  deltaCol: (label: string) => bi(`Δ since ${label}`, `较“${label}”变化`),
  watched: bi('Watched', '仅观察'),
  noDataReason: bi('No data', '无数据'),

  goalIndicators: bi('Indicators', '指标表现'),
  findings: bi('Findings and recommendations', '发现的问题与改进建议'),
  noFindings: bi('No indicator of this goal is Red or Amber.', '本目标下没有红灯或黄灯指标。'),
  recommendation: bi('Recommendation', '建议'),
  whereFrom: bi('Where the numbers come from', '数据来源'),

  portfolio: bi('Portfolio and ABCD tiering', '客户组合与 ABCD 分级'),
  portfolioIntro: bi(
    'Accounts by tier, with our revenue over the last 12 months, the customers’ spend in our category (wallet) and the whitespace between them.',
    '按分级统计的客户数、近 12 个月我方收入、客户在本品类的采购预算（钱包）以及两者之间的空白市场。',
  ),
  tierCol: bi('Tier', '分级'),
  accountsCol: bi('Accounts', '客户数'),
  revenueCol: bi('Revenue (12 months)', '近 12 个月收入'),
  walletCol: bi('Wallet', '采购预算'),
  whitespaceCol: bi('Whitespace', '空白市场'),
  tierLabel: (t: string) => bi(`Tier ${t}`, `${t} 类`),
  untiered: (n: number) =>
    bi(
      `${n} accounts have no tier (a criterion score is missing) and are not in the table.`,
      `${n} 个客户缺少评分项得分，没有分级，未计入上表。`,
    ),
  matrixCaption: bi(
    'Tier matrix: attractiveness against position; the dashed lines are the thresholds in Config.',
    '分级矩阵：纵轴为客户吸引力，横轴为竞争地位；虚线为配置中的阈值。',
  ),

  winChapter: bi('Win characteristics', '赢单特征分析'),
  winIntro: bi(
    'Win rate of deals closed in the period by characteristic, with the 95% Wilson interval: with few deals the interval is wide, so a difference inside it is not yet a pattern.',
    '按特征统计的期间内结束商机的赢率，并给出 95% 威尔逊置信区间：商机较少时区间很宽，区间内的差异尚不能视为规律。',
  ),
  by: {
    grade: bi('By grade (four questions)', '按商机评级（四问）'),
    industry: bi('By industry', '按行业'),
    owner: bi('By owner', '按负责人'),
    competitor: bi('By competitor', '按竞争对手'),
    mentor: bi('By mentor on the decision chain', '按决策链中是否有内线教练'),
  } as Record<string, Message>,
  groupCol: bi('Group', '分组'),
  wonCol: bi('Won', '赢单数'),
  closedCol: bi('Closed', '结束数'),
  rateCol: bi('Win rate', '赢率'),
  intervalCol: bi('95% interval', '95% 置信区间'),
  noCompetitor: bi('No competitor named', '未填写竞争对手'),
  withMentor: bi('With a mentor', '有内线教练'),
  withoutMentor: bi('Without a mentor', '无内线教练'),
  gradeLabel: (g: string) => bi(`Grade ${g}`, `${g} 级`),
  noClosed: bi('No deal closed in the period.', '期间内没有结束的商机。'),
  lossReasons: bi('Loss reasons', '丢单原因'),
  reasonCol: bi('Reason', '原因'),
  dealsCol: bi('Deals', '商机数'),
  noReason: bi('(no reason given)', '（未填写原因）'),
  noLosses: bi('No deal was lost in the period.', '期间内没有丢单。'),
  winPictureTitle: bi('Win rate by grade, with 95% interval', '各评级赢率及 95% 置信区间'),

  pipelineChapter: bi('Pipeline by stage', '各阶段商机'),
  pipelineIntro: bi(
    'Open opportunities by stage, with their amount weighted by the stage’s probability.',
    '各阶段的进行中商机数、金额及按阶段赢单概率加权的金额。',
  ),
  stageCol: bi('Stage', '阶段'),
  amountCol: bi('Amount', '金额'),
  weightedCol: bi('Weighted', '加权金额'),
  noPipeline: bi('No open opportunity.', '没有进行中的商机。'),

  keyAccounts: bi('Tier A accounts', 'A 类客户'),
  keyAccountsIntro: bi(
    'The strategic accounts, with their open pipeline and the status of their account-plan actions.',
    '战略客户及其进行中商机金额与客户计划行动的执行情况。',
  ),
  accountCol: bi('Account', '客户'),
  ownerCol: bi('Owner', '负责人'),
  scoreCol: bi('Score', '得分'),
  pipelineCol: bi('Open pipeline', '在手商机'),
  planCol: bi('Plan actions', '计划行动'),
  planStatus: (done: number, all: number, overdue: number) =>
    all === 0
      ? bi('no actions', '无行动')
      : bi(
          `${done} of ${all} done${overdue ? `, ${overdue} overdue` : ''}`,
          `已完成 ${done}/${all}${overdue ? `，逾期 ${overdue}` : ''}`,
        ),
  noTierA: bi('No account is in Tier A.', '没有 A 类客户。'),

  appendix: bi('Appendix: the indicators defined', '附录：指标定义'),
  appendixIntro: bi(
    'Each indicator in words, with the formula the workbook computes it with (the same in Excel, the task pane and the command line).',
    '逐项说明各指标的含义及工作簿中的计算公式（在 Excel、任务窗格和命令行中完全相同）。',
  ),
  computedOver: (over: string) => bi(`Computed over ${over}.`, `计算范围：${over}。`),
  higherBetter: bi('Higher is better.', '越高越好。'),
  lowerBetter: bi('Lower is better.', '越低越好。'),
  thresholds: (t: string) => bi(`${t}.`, `${t}。`),
  noThresholds: bi('Watched without thresholds.', '仅观察，未设阈值。'),
  formula: bi('Formula', '公式'),
  working: bi('Working in this workbook', '本工作簿中的计算过程'),
  page: bi('Page', '第'),
  pageSuffix: bi('', '页'),
};

export const goalOrder = ['WIN', 'PIPE', 'REL', 'BEH'] as const;

export const say = (m: Message, locale: Locale) => pick(m, locale);
