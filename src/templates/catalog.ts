/**
 * The templates consultants hand to clients: ids, names, what each is for and the
 * sheets it adds, in both languages. The builders in this folder make the files; the pane's
 * gallery and the insertion read this list.
 */
import { Message } from '../core/i18n';

/** The templates' ids; each builds `templates/<id>.<locale>.xlsx`. */
export type TemplateId = 'portfolio-tiering' | 'account-plan' | 'opportunity-grading' | 'deal-review' | 'value-indicators';

/**
 * A native Excel chart the add-in creates after inserting a template (files built with
 * ExcelJS cannot carry charts). Ranges are on the template's own sheets, in its locale.
 */
export interface TemplateChart {
  /** Sheet (as named in the locale's file) that holds the data and the chart. */
  sheet: { en: string; zh: string };
  kind: 'tierMatrix' | 'pipelineByStage' | 'indicatorStatus';
  /** Excel chart type name as office-js knows it (Excel.ChartType). */
  type: 'XYScatter' | 'ColumnClustered' | 'BarClustered' | 'Pie' | 'Doughnut';
  /** A1 range of the source data on that sheet, headers included. */
  source: string;
  /** Top-left cell the chart is placed at. */
  anchor: string;
  title: Message;
}

export interface TemplateInfo {
  id: TemplateId;
  name: Message;
  description: Message;
  /** Sheets the template adds, in order, as named in each locale's file. */
  sheets: { en: readonly string[]; zh: readonly string[] };
  /** Native charts to create after insertion (the built file has none). */
  charts: readonly TemplateChart[];
}

/**
 * Chart sources point at spilled report columns. The scatter source leaves room for up to
 * 1,000 accounts (blank rows plot no point); the pipeline sources cover the five default
 * stages (a consultant who adds stages should widen the chart's range, or the inserter can
 * use the spill range of the stage column). Positions are pinned by test/templates/build.test.ts.
 */

/** Version of the template layout; written to the TemplateVersion setting of every template. */
export const TEMPLATE_VERSION = '1.0';

export const TEMPLATES: readonly TemplateInfo[] = [
  {
    id: 'portfolio-tiering',
    name: { en: 'Account portfolio & ABCD tiering', zh: '大客户选择与ABCD分级' },
    description: {
      en: 'Score accounts on weighted criteria, place them on the attractiveness × position matrix, tier them A–D with a strategy each, and estimate the wallet of prospects from industry benchmarks.',
      zh: '按加权标准为客户综合计分，放入吸引力 × 地位矩阵，划分 A–D 四类并给出策略；按行业经验比率推算潜在客户的采购额。',
    },
    sheets: {
      en: ['How to use', 'Accounts', 'Tier summary', 'Prospects', 'Config'],
      zh: ['使用说明', '客户', '分级汇总', '潜在客户', '配置'],
    },
    charts: [
      {
        sheet: { en: 'Tier summary', zh: '分级汇总' },
        kind: 'tierMatrix',
        type: 'XYScatter',
        // Attractiveness (x) and Position (y) of the spilled account list, header in row 4.
        source: 'M4:N1004',
        anchor: 'B18',
        title: { en: 'Attractiveness × position', zh: '吸引力 × 竞争地位' },
      },
    ],
  },
  {
    id: 'account-plan',
    name: { en: 'Account plan', zh: '大客户账户规划' },
    description: {
      en: 'One account on one page: goals and revenue target, the opportunity map and whitespace, the decision chain and relationship map, objectives and actions, the account’s own indicators, and what changed since the last review.',
      zh: '一个客户一页纸：目标与收入指标、商机地图与空白点、决策链与关系图、目标与行动计划、该客户自己的指标，以及上次评审以来的变化。',
    },
    sheets: {
      en: [
        'How to use',
        'Account plan',
        'Accounts',
        'Opportunities',
        'Contacts',
        'DecisionChain',
        'Actions',
        'Activities',
        'Snapshots',
        'OppHistory',
        'AccountHistory',
        'Config',
      ],
      zh: [
        '使用说明',
        '账户规划',
        '客户',
        '商机',
        '联系人',
        '决策链',
        '行动计划',
        '活动',
        '历史快照',
        '商机历史',
        '客户历史',
        '配置',
      ],
    },
    charts: [
      {
        sheet: { en: 'Account plan', zh: '账户规划' },
        kind: 'pipelineByStage',
        type: 'ColumnClustered',
        // Stage | Amount | Weighted of the account's open deals (five default stages, rows 25–29).
        source: 'B24:D29',
        anchor: 'K4',
        title: { en: 'Open pipeline by stage', zh: '各阶段进行中商机金额' },
      },
    ],
  },
  {
    id: 'opportunity-grading',
    name: { en: 'Opportunity grading & win analysis', zh: '商机分级与赢单评估' },
    description: {
      en: 'Grade every opportunity by the four questions, check its stage against the sufficient events, and see where you win: win rates with confidence intervals by owner, grade, industry, deal size, competitor and mentor.',
      zh: '用“四问”为每个商机评分定级，按充分事件核对所处阶段，并分析赢单特征：按销售、等级、行业、金额区间、竞争对手和有无内线教练统计赢率及置信区间。',
    },
    sheets: {
      en: ['How to use', 'Opportunities', 'Win analysis', 'Accounts', 'DecisionChain', 'Activities', 'Config'],
      zh: ['使用说明', '商机', '赢单分析', '客户', '决策链', '活动', '配置'],
    },
    charts: [
      {
        sheet: { en: 'Win analysis', zh: '赢单分析' },
        kind: 'pipelineByStage',
        type: 'ColumnClustered',
        // Stage | Amount | Weighted of open deals (five default stages, rows 6–10).
        source: 'B5:D10',
        anchor: 'J4',
        title: { en: 'Open pipeline by stage', zh: '各阶段进行中商机金额' },
      },
    ],
  },
  {
    id: 'deal-review',
    name: { en: 'Deal review', zh: '商机评审' },
    description: {
      en: 'The bi-weekly review of one open deal on one printed page: the four questions with answers and section scores, the sufficient events and the activities that prove them, the decision chain by name, red flags and strengths, next actions, the reviews log and the win-step checklist.',
      zh: '双周商机评审，一个商机一页纸：四问的回答与各部分得分、充分事件及证明它们的活动、按姓名列出的决策链、风险信号与优势、下一步行动、评审记录和赢单五步法检查表。',
    },
    sheets: {
      en: [
        'How to use',
        'Deal review',
        'Opportunities',
        'Reviews',
        'Accounts',
        'Contacts',
        'DecisionChain',
        'Activities',
        'Actions',
        'Config',
      ],
      zh: ['使用说明', '商机评审', '商机', '评审记录', '客户', '联系人', '决策链', '活动', '行动计划', '配置'],
    },
    charts: [],
  },
  {
    id: 'value-indicators',
    name: { en: 'Value indicators dashboard', zh: '量化价值指标' },
    description: {
      en: 'The 40 value indicators under the four goals with targets and red/amber/green status, over all the CRM3 tables, ready for a CRM export to be pasted in.',
      zh: '四大价值目标下的 40 项量化指标，含目标值与红黄绿状态，覆盖全部 CRM3 数据表，可直接粘贴 CRM 导出数据。',
    },
    sheets: {
      en: [
        'How to use',
        'Indicators',
        'Accounts',
        'Opportunities',
        'Contacts',
        'DecisionChain',
        'Activities',
        'Targets',
        'Actions',
        'Config',
      ],
      zh: ['使用说明', '指标', '客户', '商机', '联系人', '决策链', '活动', '目标', '行动计划', '配置'],
    },
    charts: [
      {
        sheet: { en: 'Indicators', zh: '指标' },
        kind: 'indicatorStatus',
        type: 'BarClustered',
        // Goal | Green | Amber | Red counts per goal.
        source: 'M3:P7',
        anchor: 'M11',
        title: { en: 'Indicator status by goal', zh: '各目标指标状态' },
      },
    ],
  },
];

export function templateInfo(id: TemplateId): TemplateInfo | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
