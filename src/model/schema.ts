/**
 * The CRM3 workbook schema (DESIGN.md §3) as data: tables, their defined-name prefixes,
 * columns with zh headers and aliases, types and required flags. Readers, the validator,
 * the engine, the sample generator and the templates all work from this one description.
 */
import {
  Enumeration,
  Status,
  BuyingRole,
  Support,
  Coverage,
  PoliticalStatus,
  Influence,
  RelationshipLevel,
  ActivityType,
  Tier,
  Answer,
} from '../core/enumerations';

export type ColumnType = 'id' | 'text' | 'number' | 'amount' | 'date' | 'count' | 'enum' | 'criterion' | 'answer' | 'stage';

export interface ColumnSpec {
  name: string;
  zh: string;
  aliases?: readonly string[];
  type: ColumnType;
  required?: boolean;
  enumeration?: Enumeration;
  /** Filled by formulas (Score, Tier, Grade, …), not typed in. */
  computed?: boolean;
  /** For id references: the table whose key this column points at. */
  references?: TableName;
}

export type TableName = 'Accounts' | 'Opportunities' | 'Contacts' | 'DecisionChain' | 'Activities' | 'Targets' | 'Actions';

export interface TableSpec {
  name: TableName;
  zh: string;
  /** Defined-name prefix: Opp_ → Opp_Status. */
  prefix: string;
  /** The unique id column, when the table has one. */
  key?: string;
  columns: readonly ColumnSpec[];
  /** Where per-criterion (Accounts) or per-question (Opportunities) columns go. */
  dynamic?: 'criteria' | 'questions';
}

const c = (name: string, zh: string, type: ColumnType, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  zh,
  type,
  ...extra,
});

export const TABLES: readonly TableSpec[] = [
  {
    name: 'Accounts',
    zh: '客户',
    prefix: 'Acc',
    key: 'AccountId',
    dynamic: 'criteria',
    columns: [
      c('AccountId', '客户编号', 'id', { required: true, aliases: ['Account ID', '客户ID', '客户代码'] }),
      c('AccountName', '客户名称', 'text', { required: true, aliases: ['Account Name', 'Name', '客户'] }),
      c('Industry', '行业', 'text'),
      c('Region', '区域', 'text', { aliases: ['地区'] }),
      c('Owner', '负责人', 'text', { aliases: ['Account Owner', '客户经理'] }),
      c('Revenue12m', '近12个月收入', 'amount', { aliases: ['Revenue 12m', 'Revenue', '近12月收入'] }),
      c('RevenuePrev12m', '前12个月收入', 'amount', { aliases: ['Revenue Prev 12m', '上年同期收入'] }),
      c('WalletEstimate', '采购潜力', 'amount', { aliases: ['Wallet', 'Wallet Estimate', '钱包估算', '品类采购额'] }),
      c('Score', '综合得分', 'number', { computed: true }),
      c('Attractiveness', '吸引力', 'number', { computed: true }),
      c('Position', '竞争地位', 'number', { computed: true }),
      c('Tier', '分级', 'enum', { computed: true, enumeration: Tier, aliases: ['ABCD', '客户分级'] }),
      c('Strategy', '策略', 'text', { computed: true }),
    ],
  },
  {
    name: 'Opportunities',
    zh: '商机',
    prefix: 'Opp',
    key: 'OppId',
    dynamic: 'questions',
    columns: [
      c('OppId', '商机编号', 'id', { required: true, aliases: ['Opportunity ID', 'Opp ID', '商机ID'] }),
      c('AccountId', '客户编号', 'id', { required: true, references: 'Accounts', aliases: ['Account ID', '客户ID'] }),
      c('OppName', '商机名称', 'text', { aliases: ['Opportunity Name', 'Name'] }),
      c('Owner', '负责人', 'text', { aliases: ['Opportunity Owner', '销售'] }),
      c('Stage', '阶段', 'stage', { required: true, aliases: ['商机阶段'] }),
      c('Status', '状态', 'enum', { required: true, enumeration: Status, aliases: ['商机状态'] }),
      c('Amount', '金额', 'amount', { required: true, aliases: ['Deal Size', 'Value', '商机金额'] }),
      c('CreatedDate', '创建日期', 'date', { required: true, aliases: ['Created', 'Create Date'] }),
      c('CloseDate', '结单日期', 'date', { required: true, aliases: ['Close Date', '预计结单日期', '成交日期'] }),
      c('StageEnteredDate', '进入阶段日期', 'date', { aliases: ['Stage Entered', 'Stage Date'] }),
      c('CloseDatePushes', '结单推迟次数', 'count', { aliases: ['Pushes', 'Close Date Pushes'] }),
      c('Competitor', '竞争对手', 'text', { aliases: ['Main Competitor', '主要竞争对手'] }),
      c('LossReason', '丢单原因', 'text', { aliases: ['Loss Reason'] }),
      c('NextStepDate', '下一步日期', 'date', { aliases: ['Next Step Date', '下次行动日期'] }),
      c('ValueProposition', '价值主张', 'text', { aliases: ['Value Proposition'] }),
      c('CompellingEvent', '紧迫事件', 'text', { aliases: ['Compelling Event', '驱动事件'] }),
      c('QualScore', '评估得分', 'number', { computed: true }),
      c('Grade', '商机等级', 'enum', { computed: true, enumeration: Tier }),
      c('Probability', '赢单概率', 'number', { computed: true }),
      c('StageCheck', '阶段核查', 'text', { computed: true }),
    ],
  },
  {
    name: 'Contacts',
    zh: '联系人',
    prefix: 'Con',
    key: 'ContactId',
    columns: [
      c('ContactId', '联系人编号', 'id', { required: true, aliases: ['Contact ID', '联系人ID'] }),
      c('AccountId', '客户编号', 'id', { required: true, references: 'Accounts', aliases: ['Account ID', '客户ID'] }),
      c('Name', '姓名', 'text', { aliases: ['Contact Name'] }),
      c('Title', '职务', 'text', { aliases: ['Job Title', '职位'] }),
      c('Department', '部门', 'text', { aliases: ['Dept'] }),
      c('ReportsTo', '上级', 'id', { references: 'Contacts', aliases: ['Reports To', '汇报对象'] }),
      c('RelationshipLevel', '关系层级', 'enum', { enumeration: RelationshipLevel, aliases: ['Relationship Level', '关系等级'] }),
    ],
  },
  {
    name: 'DecisionChain',
    zh: '决策链',
    prefix: 'Dc',
    columns: [
      c('OppId', '商机编号', 'id', { required: true, references: 'Opportunities', aliases: ['Opportunity ID', '商机ID'] }),
      c('ContactId', '联系人编号', 'id', { required: true, references: 'Contacts', aliases: ['Contact ID', '联系人ID'] }),
      c('BuyingRole', '采购角色', 'enum', { enumeration: BuyingRole, aliases: ['Buying Role', '角色'] }),
      c('PoliticalStatus', '政治地位', 'enum', { enumeration: PoliticalStatus, aliases: ['Political Status', '权力地位'] }),
      c('Support', '支持度', 'enum', { enumeration: Support, aliases: ['态度'] }),
      c('Coverage', '覆盖度', 'enum', { enumeration: Coverage, aliases: ['接触程度'] }),
      c('Influence', '影响力', 'enum', { enumeration: Influence }),
    ],
  },
  {
    name: 'Activities',
    zh: '活动',
    prefix: 'Act',
    key: 'ActivityId',
    columns: [
      c('ActivityId', '活动编号', 'id', { aliases: ['Activity ID', '活动ID'] }),
      c('Date', '日期', 'date', { required: true, aliases: ['Activity Date', '活动日期'] }),
      c('AccountId', '客户编号', 'id', { references: 'Accounts', aliases: ['Account ID', '客户ID'] }),
      c('OppId', '商机编号', 'id', { references: 'Opportunities', aliases: ['Opportunity ID', '商机ID'] }),
      c('ContactId', '联系人编号', 'id', { references: 'Contacts', aliases: ['Contact ID', '联系人ID'] }),
      c('Type', '类型', 'enum', { enumeration: ActivityType, aliases: ['Activity Type', '活动类型'] }),
      c('EventId', '充分事件', 'text', { aliases: ['Event ID', '事件编号'] }),
      c('Outcome', '结果', 'text', { aliases: ['活动结果'] }),
    ],
  },
  {
    name: 'Targets',
    zh: '目标',
    prefix: 'Tgt',
    columns: [
      c('Period', '期间', 'text'),
      c('Owner', '负责人', 'text'),
      c('StartDate', '开始日期', 'date', { required: true, aliases: ['Start Date', 'Start'] }),
      c('EndDate', '结束日期', 'date', { required: true, aliases: ['End Date', 'End'] }),
      c('Amount', '目标金额', 'amount', { required: true, aliases: ['Target', '金额'] }),
    ],
  },
  {
    name: 'Actions',
    zh: '行动计划',
    prefix: 'Axn',
    columns: [
      c('AccountId', '客户编号', 'id', { references: 'Accounts', aliases: ['Account ID', '客户ID'] }),
      c('Action', '行动', 'text', { aliases: ['行动项'] }),
      c('Owner', '负责人', 'text'),
      c('DueDate', '截止日期', 'date', { aliases: ['Due Date', 'Due'] }),
      c('Done', '完成', 'answer', { enumeration: Answer, aliases: ['是否完成', 'Completed'] }),
    ],
  },
];

export function tableSpec(name: TableName): TableSpec {
  return TABLES.find((t) => t.name === name)!;
}

/** zh aliases of the non-table sheets. */
export const SHEET_ZH = { Config: '配置', Indicators: '指标' } as const;
