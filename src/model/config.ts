/**
 * The Config sheet (DESIGN.md §3–§4): methodology tables and single-cell settings, with
 * their defaults. Consultants edit these; a workbook without Config uses the defaults.
 */
import { Cell } from '../core/cells';
import { ColumnSpec } from './schema';

export type ConfigTableName =
  'Stages' | 'StageEvents' | 'Criteria' | 'Questions' | 'Tiers' | 'Benchmarks' | 'StageMap' | 'ImportMap' | 'Recommendations';

export interface ConfigTableSpec {
  name: ConfigTableName;
  zh: string;
  columns: readonly ColumnSpec[];
}

const c = (name: string, zh: string, type: ColumnSpec['type'], required = false): ColumnSpec => ({ name, zh, type, required });

export const CONFIG_TABLES: readonly ConfigTableSpec[] = [
  {
    name: 'Stages',
    zh: '阶段',
    columns: [
      c('Stage', '阶段', 'text', true),
      c('Order', '顺序', 'number', true),
      c('Probability', '赢单概率', 'number', true),
      c('StandardDays', '标准天数', 'number'),
    ],
  },
  {
    name: 'StageEvents',
    zh: '阶段事件',
    columns: [
      c('Stage', '阶段', 'text', true),
      c('EventId', '事件编号', 'text', true),
      c('Description', '说明', 'text'),
      c('Essential', '必要', 'answer'),
    ],
  },
  {
    name: 'Criteria',
    zh: '评分标准',
    columns: [
      c('CriterionId', '标准编号', 'text', true),
      c('Name', '名称', 'text'),
      c('Weight', '权重', 'number', true),
      c('Axis', '维度', 'text', true),
      c('Min', '最小值', 'number'),
      c('Max', '最大值', 'number'),
    ],
  },
  {
    name: 'Questions',
    zh: '评估问题',
    columns: [
      c('QuestionId', '问题编号', 'text', true),
      c('Section', '部分', 'number', true),
      c('Text', '问题', 'text'),
      c('Weight', '权重', 'number'),
    ],
  },
  {
    name: 'Tiers',
    zh: '分级策略',
    columns: [c('Tier', '分级', 'text', true), c('Strategy', '策略', 'text'), c('VisitIntervalDays', '拜访间隔天数', 'number')],
  },
  {
    name: 'Benchmarks',
    zh: '行业基准',
    columns: [c('Industry', '行业', 'text', true), c('Metric', '规模指标', 'text', true), c('Ratio', '比率', 'number', true)],
  },
  {
    // A CRM's stage names → the methodology's stage and status (crm3 import, and any export
    // read as it is). Blank Stage: the CRM does not say (closed deals); blank Status: from
    // the export's own status column, else Open.
    name: 'StageMap',
    zh: '阶段映射',
    columns: [
      c('CrmStage', 'CRM阶段', 'text', true),
      c('Stage', '阶段', 'text'),
      c('Status', '状态', 'text'),
      c('Source', '来源', 'text'),
    ],
  },
  {
    // The column choices of the last import (export header → CRM3 column; blank Column: not
    // used), applied before the built-in header aliases when the next export is read.
    name: 'ImportMap',
    zh: '导入映射',
    columns: [c('SourceColumn', '来源列', 'text', true), c('Table', '表', 'text'), c('Column', '列', 'text')],
  },
  {
    // What the recommendations report advises for an indicator in a status (blank: Red or
    // Amber), in both languages; the defaults are model/recommendations.ts, consultants edit them.
    name: 'Recommendations',
    zh: '改进建议',
    columns: [
      c('Indicator', '指标', 'text', true),
      c('Status', '状态', 'text'),
      c('TextEn', '建议（英文）', 'text'),
      c('TextZh', '建议（中文）', 'text'),
    ],
  },
];

export type SettingName =
  | 'AsOfDate'
  | 'PeriodStart'
  | 'PeriodEnd'
  | 'TierMethod'
  | 'AttractivenessThreshold'
  | 'PositionThreshold'
  | 'ScoreBandA'
  | 'ScoreBandB'
  | 'ScoreBandC'
  | 'StaleDays'
  | 'ActivityWindowDays'
  | 'ExecWindowDays'
  | 'ReviewIntervalDays'
  | 'NoDecisionIsLoss'
  | 'UnknownAnswerScore'
  | 'Currency'
  | 'TemplateId'
  | 'TemplateVersion';

export interface SettingSpec {
  name: SettingName;
  zh: string;
  type: 'date' | 'number' | 'text' | 'bool';
  /** Default value; AsOfDate/PeriodStart/PeriodEnd default from the evaluation date. */
  fallback?: Cell;
  description: { en: string; zh: string };
}

const s = (
  name: SettingName,
  zh: string,
  type: SettingSpec['type'],
  fallback: Cell | undefined,
  en: string,
  zhText: string,
): SettingSpec => ({
  name,
  zh,
  type,
  fallback,
  description: { en, zh: zhText },
});

export const SETTINGS: readonly SettingSpec[] = [
  s(
    'AsOfDate',
    '基准日',
    'date',
    undefined,
    'Date the numbers are computed for (may be =TODAY()).',
    '计算基准日（可填 =TODAY()）。',
  ),
  s('PeriodStart', '期间开始', 'date', undefined, 'First day of the evaluation period.', '考核期间的第一天。'),
  s('PeriodEnd', '期间结束', 'date', undefined, 'Last day of the evaluation period.', '考核期间的最后一天。'),
  s(
    'TierMethod',
    '分级方法',
    'text',
    'Matrix',
    'Matrix (attractiveness × position) or Score (bands).',
    '矩阵法（吸引力 × 竞争地位）或计分法（分数段）。',
  ),
  s('AttractivenessThreshold', '吸引力阈值', 'number', 50, 'Attractiveness at or above this is high.', '吸引力达到此值即为高。'),
  s('PositionThreshold', '地位阈值', 'number', 50, 'Position at or above this is strong.', '竞争地位达到此值即为强。'),
  s('ScoreBandA', 'A类分数线', 'number', 75, 'Score method: lowest score of Tier A.', '计分法：A 类最低分。'),
  s('ScoreBandB', 'B类分数线', 'number', 60, 'Score method: lowest score of Tier B.', '计分法：B 类最低分。'),
  s('ScoreBandC', 'C类分数线', 'number', 45, 'Score method: lowest score of Tier C.', '计分法：C 类最低分。'),
  s(
    'StaleDays',
    '停滞天数',
    'number',
    30,
    'An open deal with no activity for this many days is stale.',
    '进行中商机超过此天数无活动即视为停滞。',
  ),
  s(
    'ActivityWindowDays',
    '活动统计天数',
    'number',
    30,
    'Window for activities per opportunity.',
    '统计商机活动量的时间窗口（天）。',
  ),
  s(
    'ExecWindowDays',
    '高层拜访天数',
    'number',
    90,
    'Window for executive access of Tier A accounts.',
    '统计 A 类客户高层拜访的时间窗口（天）。',
  ),
  s(
    'ReviewIntervalDays',
    '评审间隔天数',
    'number',
    14,
    'An open deal not reviewed for this many days is due for its deal review.',
    '进行中商机超过此天数未评审，即到期需要进行商机评审。',
  ),
  s(
    'NoDecisionIsLoss',
    '无决策计为丢单',
    'bool',
    true,
    'Count no-decision deals as lost in win rates.',
    '计算赢率时将无决策计为丢单。',
  ),
  s(
    'UnknownAnswerScore',
    '未知答案得分',
    'number',
    0,
    'Value of an Unknown answer in grading (0–1).',
    '商机评估中"未知"答案的得分（0–1）。',
  ),
  s('Currency', '币种', 'text', 'CNY', 'Currency of amounts.', '金额币种。'),
  s('TemplateId', '模板编号', 'text', undefined, 'Template this workbook was made from.', '本工作簿所用模板。'),
  s('TemplateVersion', '模板版本', 'text', undefined, 'Version of that template.', '模板版本。'),
];

export function settingSpec(name: SettingName): SettingSpec {
  return SETTINGS.find((x) => x.name === name)!;
}
