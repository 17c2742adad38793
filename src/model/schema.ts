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

export type TableName =
  | 'Accounts'
  | 'Opportunities'
  | 'Contacts'
  | 'DecisionChain'
  | 'Activities'
  | 'Targets'
  | 'Actions'
  | 'Reviews'
  | HistoryTableName;

/** The snapshot tables `crm3 snapshot` appends to (docs/history.md): written by CRM3, never required. */
export type HistoryTableName = 'History' | 'OppHistory' | 'AccountHistory';
export const HISTORY_TABLES: readonly HistoryTableName[] = ['History', 'OppHistory', 'AccountHistory'];
export const isHistoryTable = (name: string): name is HistoryTableName => (HISTORY_TABLES as readonly string[]).includes(name);
/** Tables a workbook has only once they are used (history, the deal-review log): their absence is no problem. */
export const isQuietTable = (name: string): boolean => isHistoryTable(name) || name === 'Reviews';

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
  /**
   * The en sheet's name when it cannot be the table's: Excel reserves the sheet name "History"
   * (Microsoft, "Rename a worksheet"; Excel refuses to create it and ExcelJS to read it).
   */
  sheetEn?: string;
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
      c('AccountId', '客户编号', 'id', {
        required: true,
        aliases: [
          'Account ID',
          '客户ID',
          '客户代码',
          '(Do Not Modify) Account',
          'Record ID',
          'Id',
          'Organization - ID',
          'Organisation - ID',
          '_id',
        ],
      }),
      c('AccountName', '客户名称', 'text', {
        required: true,
        aliases: [
          'Account Name',
          'Name',
          '客户',
          'Company name',
          'Organization - Name',
          'Organisation - Name',
          '公司名称',
          '客户全称',
        ],
      }),
      c('Industry', '行业', 'text', { aliases: ['客户行业', '所属行业', 'Organization - Industry'] }),
      c('Region', '区域', 'text', {
        aliases: [
          '地区',
          '所在地区',
          '省份',
          'Billing State/Province',
          'Billing State',
          'State/Region',
          'Country/Region',
          'Billing Country',
          'Address 1: State/Province',
          'Address 1: City',
        ],
      }),
      c('Owner', '负责人', 'text', {
        aliases: ['Account Owner', '客户经理', 'Company owner', 'Owner', 'Organization - Owner', '所有人'],
      }),
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
      // Aliases include the headers of the common CRM exports, en and zh (docs/workbook-format.md).
      c('OppId', '商机编号', 'id', {
        required: true,
        aliases: [
          'Opportunity ID',
          'Opp ID',
          '商机ID',
          '(Do Not Modify) Opportunity',
          'Id',
          'Record ID',
          'Deal ID',
          'Deal - ID',
          'opportunityid',
          '_id',
          '机会编号',
          '机会ID',
        ],
      }),
      c('AccountId', '客户编号', 'id', {
        required: true,
        references: 'Accounts',
        aliases: [
          'Account ID',
          '客户ID',
          'Account.Id',
          'Associated Company IDs (Primary)',
          'Associated Company IDs',
          'Associated Company ID',
          'Deal - Organization ID',
          'Deal - Organisation ID',
          'Account Name.id',
          'parentaccountid',
          '客户代码',
        ],
      }),
      c('OppName', '商机名称', 'text', {
        aliases: [
          'Opportunity Name',
          'Name',
          'Topic',
          'Deal Name',
          'Deal - Title',
          'Deal Title',
          'Deal',
          '机会名称',
          '项目名称',
          '商机',
        ],
      }),
      c('Owner', '负责人', 'text', {
        aliases: [
          'Opportunity Owner',
          '销售',
          'Owner',
          'Owner.Name',
          'Deal owner',
          'Deal - Owner',
          '所有人',
          '商机所有者',
          '销售负责人',
          '销售代表',
        ],
      }),
      c('Stage', '阶段', 'stage', {
        required: true,
        aliases: [
          '商机阶段',
          'StageName',
          'Deal Stage',
          'Deal - Stage',
          'Deal - Stage (pipeline)',
          'Sales Stage',
          'Pipeline Phase',
          '销售阶段',
          '机会阶段',
        ],
      }),
      c('Status', '状态', 'enum', {
        required: true,
        enumeration: Status,
        aliases: ['商机状态', 'Deal - Status', 'Deal Status', '结束状态', '成交状态', '机会状态'],
      }),
      c('Amount', '金额', 'amount', {
        required: true,
        aliases: [
          'Deal Size',
          'Value',
          '商机金额',
          'Deal - Value',
          'Est. Revenue',
          'Estimated Revenue',
          'Total Amount',
          'Expected Amount',
          'Opportunity Amount',
          'Amount in company currency',
          '销售金额',
          '预计金额',
          '预计成交金额',
          '合同金额',
        ],
      }),
      c('CreatedDate', '创建日期', 'date', {
        required: true,
        aliases: [
          'Created',
          'Create Date',
          'Created Date',
          'Created On',
          'Created Time',
          'Deal - Deal created',
          'Deal - Creation date',
          'Deal created',
          '创建时间',
        ],
      }),
      c('CloseDate', '结单日期', 'date', {
        required: true,
        aliases: [
          'Close Date',
          '预计结单日期',
          '成交日期',
          'Closing Date',
          'Est. Close Date',
          'Estimated Close Date',
          'Expected Close Date',
          'Expected Close',
          'Deal - Expected close date',
          '预计成交日期',
          '预计签约日期',
          '结单时间',
        ],
      }),
      c('StageEnteredDate', '进入阶段日期', 'date', {
        aliases: ['Stage Entered', 'Stage Date', 'Last Stage Change', 'Deal - Last stage change', '阶段更新时间'],
      }),
      c('CloseDatePushes', '结单推迟次数', 'count', { aliases: ['Pushes', 'Close Date Pushes', 'Push Count'] }),
      c('Competitor', '竞争对手', 'text', {
        aliases: ['Main Competitor', '主要竞争对手', 'Competitors', 'Main Competitor(s)', 'Primary Competitor', '竞品'],
      }),
      c('LossReason', '丢单原因', 'text', {
        aliases: [
          'Loss Reason',
          'Lost Reason',
          'Closed Lost Reason',
          'Reason For Loss',
          'Deal - Lost reason',
          '输单原因',
          '失败原因',
        ],
      }),
      c('NextStepDate', '下一步日期', 'date', {
        aliases: [
          'Next Step Date',
          '下次行动日期',
          'Next Activity Date',
          'Deal - Next activity date',
          '下次联系时间',
          '下次跟进时间',
        ],
      }),
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
      // The account plan's relationship map: the level we aim for with this person, and who on our side owns it.
      c('TargetLevel', '目标关系层级', 'enum', {
        enumeration: RelationshipLevel,
        aliases: ['Target Level', 'Target Relationship Level', '目标层级'],
      }),
      c('RelationshipOwner', '我方负责人', 'text', { aliases: ['Our Owner', 'Relationship Owner', '关系负责人'] }),
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
  // The deal-review log (issue 16): one row per review of an opportunity.
  {
    name: 'Reviews',
    zh: '评审记录',
    prefix: 'Rev',
    columns: [
      c('OppId', '商机编号', 'id', { required: true, references: 'Opportunities', aliases: ['Opportunity ID'] }),
      c('Date', '评审日期', 'date', { required: true, aliases: ['Review Date'] }),
      c('Reviewer', '评审人', 'text'),
      c('Decisions', '决定', 'text', { aliases: ['Decision', '结论'] }),
      c('NextReview', '下次评审', 'date', { aliases: ['Next Review', '下次评审日期'] }),
    ],
  },
  // History (docs/history.md). One row per indicator per snapshot; Label on each row of its snapshot.
  {
    name: 'History',
    zh: '历史快照',
    sheetEn: 'Snapshots',
    prefix: 'Hist',
    columns: [
      c('Date', '快照日期', 'date', { required: true, aliases: ['Snapshot Date'] }),
      c('Label', '标签', 'text'),
      c('IndicatorId', '指标编号', 'text', { required: true, aliases: ['Indicator', 'Id'] }),
      c('Value', '值', 'number'),
      c('Status', '状态', 'text'),
    ],
  },
  // One row per opportunity per snapshot in which its state changed (a full row; Status Removed when it left the workbook).
  {
    name: 'OppHistory',
    zh: '商机历史',
    prefix: 'OppH',
    columns: [
      c('Date', '快照日期', 'date', { required: true, aliases: ['Snapshot Date'] }),
      c('OppId', '商机编号', 'text', { required: true, aliases: ['Opportunity ID'] }),
      c('Stage', '阶段', 'text'),
      c('Status', '状态', 'text'),
      c('Amount', '金额', 'amount'),
      c('CloseDate', '结单日期', 'date'),
      c('Probability', '赢单概率', 'number'),
      c('QualScore', '评估得分', 'number'),
      c('Grade', '商机等级', 'text'),
      c('StageCheck', '阶段核查', 'text'),
      c('Mentor', '有内线教练', 'text'),
    ],
  },
  // One row per account per snapshot in which its state changed.
  {
    name: 'AccountHistory',
    zh: '客户历史',
    prefix: 'AccH',
    columns: [
      c('Date', '快照日期', 'date', { required: true, aliases: ['Snapshot Date'] }),
      c('AccountId', '客户编号', 'text', { required: true, aliases: ['Account ID'] }),
      c('Score', '综合得分', 'number'),
      c('Tier', '分级', 'text'),
      c('Revenue12m', '近12个月收入', 'amount'),
      c('ShareOfWallet', '钱包份额', 'number'),
    ],
  },
];

/**
 * Columns a CRM export has that are not CRM3 columns but tell the importer what to derive:
 * the account's name (AccountId and the Accounts rows come from it), the amount's currency,
 * the CRM's own probability and won/closed flags, Dynamics' status reason, the stage a deal
 * was lost at, and the actual close date. The reader maps them like any column; the
 * importer consumes them; they are never written to a CRM3 table.
 */
export const EXPORT_COLUMNS: Partial<Record<TableName, readonly ColumnSpec[]>> = {
  Opportunities: [
    c('AccountName', '客户名称', 'text', {
      aliases: [
        'Account Name',
        'Account',
        'Account.Name',
        'Potential Customer',
        'Associated Company (Primary)',
        'Associated Company',
        'Company',
        'Company Name',
        'Client',
        'Customer',
        'Customer Name',
        'Deal - Organization',
        'Deal - Organisation',
        'Organization',
        'Organisation',
        '客户',
        '公司名称',
        '所属客户',
        '客户全称',
      ],
    }),
    c('Currency', '币种', 'text', {
      aliases: [
        'Opportunity Currency',
        'CurrencyIsoCode',
        'Amount Currency',
        'Total Amount Currency',
        'Deal - Currency of value',
        'Deal - Currency',
        'Currency of value',
        '货币',
      ],
    }),
    c('CrmProbability', '赢率', 'number', {
      aliases: ['Probability (%)', 'Deal probability', 'Deal - Probability', '赢单率', '可能性', '可能性(%)', '成交概率'],
    }),
    c('IsWon', '是否赢单', 'text', { aliases: ['Won'] }),
    c('IsClosed', '是否关闭', 'text', { aliases: ['Closed'] }),
    c('StatusReason', '状态原因', 'text', { aliases: ['Status Reason', 'statuscode'] }),
    c('LostStage', '输单阶段', 'text', { aliases: ['Lost Stage', 'Stage at Loss'] }),
    c('ActualCloseDate', '实际结单日期', 'date', {
      aliases: ['Actual Close Date', 'Deal - Deal closed on', 'Deal - Closed on', '实际成交日期', '实际签约日期'],
    }),
  ],
};

/** Export-only columns of a table (empty when it has none). */
export function exportColumns(name: TableName): readonly ColumnSpec[] {
  return EXPORT_COLUMNS[name] ?? [];
}

export function tableSpec(name: TableName): TableSpec {
  return TABLES.find((t) => t.name === name)!;
}

/** zh aliases of the non-table sheets. */
export const SHEET_ZH = { Config: '配置', Indicators: '指标' } as const;
