/**
 * The methodology defaults of DESIGN.md §4 as data, in en and zh: stages, sufficient
 * events, scoring criteria, the twelve grading questions, tier strategies and industry
 * benchmarks. A workbook without a Config sheet is evaluated with these; the sample
 * generator and the templates write them into Config for consultants to edit.
 */
import { Cell } from '../core/cells';
import { Status } from '../core/enumerations';
import { DEFAULT_QUESTIONS as CALC_QUESTIONS, SECTIONS, SECTION_TITLES as CALC_SECTION_TITLES } from '../calc/grading';
import { DEFAULT_CRITERIA, axisLetter } from '../calc/scoring';
import {
  CLOSED_PROBABILITY as CALC_CLOSED_PROBABILITY,
  DEFAULT_STAGES as CALC_STAGES,
  DEFAULT_STAGE_EVENTS as CALC_STAGE_EVENTS,
  StageDefinition,
  StageEventDefinition,
} from '../calc/stages';
import { DEFAULT_VISIT_INTERVAL_DAYS } from '../calc/tiering';
import { Locale, Message } from '../core/i18n';
import { CONFIG_TABLES, ConfigTableName, SETTINGS, SettingName } from './config';
import { configSheetName, configTableOrigins } from './layout';
import { defaultRecommendationRows } from './recommendations';
import { TableData } from './snapshot';

// Stages, events, criteria weights and questions are the kernels' own defaults (src/calc):
// one source, so a workbook without Config and the functions' omitted arguments agree.
export type StageDefault = StageDefinition;
export const DEFAULT_STAGES: readonly StageDefault[] = CALC_STAGES;

/** Probability of a closed opportunity, whatever its stage. */
export const CLOSED_PROBABILITY = CALC_CLOSED_PROBABILITY;

export type StageEventDefault = StageEventDefinition;
/** Sufficient events (充分事件) per stage, in stage then list order. */
export const DEFAULT_STAGE_EVENTS: readonly StageEventDefault[] = CALC_STAGE_EVENTS;

/** Composite scoring (综合计分法) criteria, each scored 1–5 on Accounts: the kernels' own defaults. */
export { DEFAULT_CRITERIA };

export interface QuestionDefault {
  questionId: string;
  section: 1 | 2 | 3 | 4;
  text: Message;
  weight: number;
}

/** The four questions (四问) of opportunity grading, by section. */
export const SECTION_TITLES: readonly Message[] = SECTIONS.map((k) => CALC_SECTION_TITLES[k]);

export const DEFAULT_QUESTIONS: readonly QuestionDefault[] = CALC_QUESTIONS.map((q) => ({
  questionId: q.id,
  section: q.section,
  text: q.text,
  weight: q.weight,
}));

export interface TierDefault {
  tier: 'A' | 'B' | 'C' | 'D';
  strategy: Message;
  visitIntervalDays: number;
}

/** ABCD tiering (大客户ABCD四类划分): strategy and visit interval per tier. */
export const DEFAULT_TIERS: readonly TierDefault[] = [
  {
    tier: 'A',
    strategy: { en: 'Strategic: invest', zh: '战略客户：重点投入' },
    visitIntervalDays: DEFAULT_VISIT_INTERVAL_DAYS.A,
  },
  {
    tier: 'B',
    strategy: { en: 'Develop: invest to win position', zh: '发展客户：投入以提升地位' },
    visitIntervalDays: DEFAULT_VISIT_INTERVAL_DAYS.B,
  },
  {
    tier: 'C',
    strategy: { en: 'Maintain: serve efficiently', zh: '维持客户：高效服务' },
    visitIntervalDays: DEFAULT_VISIT_INTERVAL_DAYS.C,
  },
  {
    tier: 'D',
    strategy: { en: 'Opportunistic: minimal cost', zh: '机会客户：最低成本' },
    visitIntervalDays: DEFAULT_VISIT_INTERVAL_DAYS.D,
  },
];

export interface IndustryDefault {
  industry: string;
  zh: string;
}

export const DEFAULT_INDUSTRIES: readonly IndustryDefault[] = [
  { industry: 'Manufacturing', zh: '制造业' },
  { industry: 'Energy', zh: '能源' },
  { industry: 'Healthcare', zh: '医疗' },
  { industry: 'Finance', zh: '金融' },
  { industry: 'Retail', zh: '零售' },
  { industry: 'Logistics', zh: '物流' },
  { industry: 'Public sector', zh: '政府与公共事业' },
];

/** Size metrics a benchmark ratio applies to (kept as codes in both languages). */
export type BenchmarkMetric = 'Employees' | 'Revenue';

export interface BenchmarkDefault {
  industry: string;
  metric: BenchmarkMetric;
  /** Category spend (Currency) per employee, or per unit of customer revenue. */
  ratio: number;
}

/** Experience-based estimation (经验推算法) ratios per industry. */
export const DEFAULT_BENCHMARKS: readonly BenchmarkDefault[] = (
  [
    ['Manufacturing', 6000, 0.004],
    ['Energy', 9000, 0.003],
    ['Healthcare', 8000, 0.006],
    ['Finance', 25000, 0.012],
    ['Retail', 3000, 0.002],
    ['Logistics', 4000, 0.003],
    ['Public sector', 7000, 0.008],
  ] as const
).flatMap(([industry, perEmployee, perRevenue]) => [
  { industry, metric: 'Employees' as const, ratio: perEmployee },
  { industry, metric: 'Revenue' as const, ratio: perRevenue },
]);

export type StageCode = 'Discover' | 'Qualify' | 'Solution' | 'Shortlist' | 'Negotiate';
export type StatusCode = 'Open' | 'Won' | 'Lost' | 'NoDecision';

/** One StageMap row: a CRM's stage name → the methodology's stage and status ('' = the CRM does not say). */
export interface StageMapDefault {
  crmStage: string;
  stage: StageCode | '';
  status: StatusCode | '';
  /** Where the name comes from (documentation for the consultant who edits the map). */
  source: Message;
}

const crm = (name: string): Message => ({ en: name, zh: name });
const SF_ZOHO = crm('Salesforce, Zoho');
const ZH_GENERIC: Message = { en: 'Chinese CRMs (common)', zh: '国内 CRM（通用）' };

/**
 * The default stage map (notes on the CRMs' exports: docs/workbook-format.md). Open stages are
 * placed by what the methodology's stage asks for (Solution: requirements and decision
 * criteria; Shortlist: approver met, POC; Negotiate: quote and terms). Closed stages give the
 * status and no stage: an export does not say which stage a won or lost deal had reached, and
 * no indicator needs it. Dynamics' and Pipedrive's stages leave Status to their status column.
 * A name with a leading number ("1-Qualify", "01. 初步接洽") matches without it.
 */
export const DEFAULT_STAGE_MAP: readonly StageMapDefault[] = [
  { crmStage: 'Prospecting', stage: 'Discover', status: 'Open', source: crm('Salesforce') },
  { crmStage: 'Qualification', stage: 'Qualify', status: 'Open', source: SF_ZOHO },
  { crmStage: 'Needs Analysis', stage: 'Solution', status: 'Open', source: SF_ZOHO },
  { crmStage: 'Value Proposition', stage: 'Solution', status: 'Open', source: SF_ZOHO },
  { crmStage: 'Id. Decision Makers', stage: 'Shortlist', status: 'Open', source: SF_ZOHO },
  { crmStage: 'Identify Decision Makers', stage: 'Shortlist', status: 'Open', source: crm('Zoho') },
  { crmStage: 'Perception Analysis', stage: 'Shortlist', status: 'Open', source: SF_ZOHO },
  { crmStage: 'Proposal/Price Quote', stage: 'Negotiate', status: 'Open', source: SF_ZOHO },
  { crmStage: 'Negotiation/Review', stage: 'Negotiate', status: 'Open', source: SF_ZOHO },
  { crmStage: 'Closed Won', stage: '', status: 'Won', source: crm('Salesforce, Zoho, HubSpot') },
  { crmStage: 'Closed Lost', stage: '', status: 'Lost', source: crm('Salesforce, Zoho, HubSpot') },
  { crmStage: 'Closed-Lost to Competition', stage: '', status: 'Lost', source: crm('Zoho') },
  { crmStage: 'Appointment Scheduled', stage: 'Discover', status: 'Open', source: crm('HubSpot') },
  { crmStage: 'Qualified To Buy', stage: 'Qualify', status: 'Open', source: crm('HubSpot') },
  { crmStage: 'Presentation Scheduled', stage: 'Solution', status: 'Open', source: crm('HubSpot') },
  { crmStage: 'Decision Maker Bought-In', stage: 'Shortlist', status: 'Open', source: crm('HubSpot') },
  { crmStage: 'Decision Maker Bought In', stage: 'Shortlist', status: 'Open', source: crm('HubSpot') },
  { crmStage: 'Contract Sent', stage: 'Negotiate', status: 'Open', source: crm('HubSpot') },
  { crmStage: 'Develop', stage: 'Solution', status: '', source: crm('Dynamics 365') },
  { crmStage: 'Propose', stage: 'Shortlist', status: '', source: crm('Dynamics 365') },
  { crmStage: 'Close', stage: 'Negotiate', status: '', source: crm('Dynamics 365') },
  { crmStage: 'Lead In', stage: 'Discover', status: '', source: crm('Pipedrive') },
  { crmStage: 'Qualified', stage: 'Qualify', status: '', source: crm('Pipedrive') },
  { crmStage: 'Contact Made', stage: 'Qualify', status: '', source: crm('Pipedrive') },
  { crmStage: 'Needs Defined', stage: 'Solution', status: '', source: crm('Pipedrive') },
  { crmStage: 'Demo Scheduled', stage: 'Solution', status: '', source: crm('Pipedrive') },
  { crmStage: 'Proposal Made', stage: 'Shortlist', status: '', source: crm('Pipedrive') },
  { crmStage: 'Negotiations Started', stage: 'Negotiate', status: '', source: crm('Pipedrive') },
  { crmStage: '初步接洽', stage: 'Discover', status: 'Open', source: { en: 'Neocrm (销售易)', zh: '销售易' } },
  { crmStage: '需求确定', stage: 'Qualify', status: 'Open', source: { en: 'Neocrm (销售易)', zh: '销售易' } },
  {
    crmStage: '方案/报价',
    stage: 'Solution',
    status: 'Open',
    source: { en: 'Neocrm (销售易), WukongCRM (悟空)', zh: '销售易、悟空' },
  },
  {
    crmStage: '谈判审核',
    stage: 'Negotiate',
    status: 'Open',
    source: { en: 'Neocrm (销售易), WukongCRM (悟空)', zh: '销售易、悟空' },
  },
  { crmStage: '验证客户', stage: 'Qualify', status: 'Open', source: { en: 'WukongCRM (悟空)', zh: '悟空' } },
  { crmStage: '需求分析', stage: 'Solution', status: 'Open', source: { en: 'WukongCRM (悟空)', zh: '悟空' } },
  { crmStage: '赢单', stage: '', status: 'Won', source: ZH_GENERIC },
  { crmStage: '输单', stage: '', status: 'Lost', source: ZH_GENERIC },
  { crmStage: '无效', stage: '', status: 'NoDecision', source: ZH_GENERIC },
  { crmStage: '线索', stage: 'Discover', status: 'Open', source: ZH_GENERIC },
  { crmStage: '初步接触', stage: 'Discover', status: 'Open', source: ZH_GENERIC },
  { crmStage: '发现需求', stage: 'Discover', status: 'Open', source: ZH_GENERIC },
  { crmStage: '需求确认', stage: 'Qualify', status: 'Open', source: ZH_GENERIC },
  { crmStage: '方案交流', stage: 'Solution', status: 'Open', source: ZH_GENERIC },
  { crmStage: '方案沟通', stage: 'Solution', status: 'Open', source: ZH_GENERIC },
  { crmStage: '方案提交', stage: 'Solution', status: 'Open', source: ZH_GENERIC },
  { crmStage: '方案报价', stage: 'Solution', status: 'Open', source: ZH_GENERIC },
  { crmStage: '演示', stage: 'Solution', status: 'Open', source: ZH_GENERIC },
  { crmStage: 'POC', stage: 'Shortlist', status: 'Open', source: ZH_GENERIC },
  { crmStage: '测试', stage: 'Shortlist', status: 'Open', source: ZH_GENERIC },
  { crmStage: '技术验证', stage: 'Shortlist', status: 'Open', source: ZH_GENERIC },
  { crmStage: '短名单', stage: 'Shortlist', status: 'Open', source: ZH_GENERIC },
  { crmStage: '评审', stage: 'Shortlist', status: 'Open', source: ZH_GENERIC },
  { crmStage: '商务谈判', stage: 'Negotiate', status: 'Open', source: ZH_GENERIC },
  { crmStage: '合同谈判', stage: 'Negotiate', status: 'Open', source: ZH_GENERIC },
  { crmStage: '评审/谈判', stage: 'Negotiate', status: 'Open', source: ZH_GENERIC },
  { crmStage: '合同审批', stage: 'Negotiate', status: 'Open', source: ZH_GENERIC },
  { crmStage: '签约中', stage: 'Negotiate', status: 'Open', source: ZH_GENERIC },
  { crmStage: '成交', stage: '', status: 'Won', source: ZH_GENERIC },
  { crmStage: '已成交', stage: '', status: 'Won', source: ZH_GENERIC },
  { crmStage: '签约', stage: '', status: 'Won', source: ZH_GENERIC },
  { crmStage: '丢单', stage: '', status: 'Lost', source: ZH_GENERIC },
  { crmStage: '失败', stage: '', status: 'Lost', source: ZH_GENERIC },
  { crmStage: '流失', stage: '', status: 'Lost', source: ZH_GENERIC },
  { crmStage: '搁置', stage: '', status: 'NoDecision', source: ZH_GENERIC },
  { crmStage: '暂停', stage: '', status: 'NoDecision', source: ZH_GENERIC },
  { crmStage: '取消', stage: '', status: 'NoDecision', source: ZH_GENERIC },
];

/** A status as a planner reads it in the locale (Open / 进行中). */
export function statusLabel(status: StatusCode | '', locale: Locale): string {
  if (!status || locale !== 'zh-CN') return status;
  return Status.values.find((v) => v.code === status)?.zh ?? status;
}

const zhIndustry = new Map(DEFAULT_INDUSTRIES.map((i) => [i.industry, i.zh]));
const zhStage = new Map(DEFAULT_STAGES.map((s) => [s.stage, s.zh]));

/** A stage name in the locale's language (unknown stages pass through). */
export function stageLabel(stage: string, locale: Locale): string {
  return locale === 'zh-CN' ? (zhStage.get(stage) ?? stage) : stage;
}

/** An industry name in the locale's language (unknown industries pass through). */
export function industryLabel(industry: string, locale: Locale): string {
  return locale === 'zh-CN' ? (zhIndustry.get(industry) ?? industry) : industry;
}

const yesNo = (b: boolean, locale: Locale): string => (locale === 'zh-CN' ? (b ? '是' : '否') : b ? 'Yes' : 'No');
const text = (m: Message, locale: Locale): string => (locale === 'zh-CN' ? m.zh : m.en);

/** Rows of each Config table in the locale's language, canonical column order of config.ts. */
export function defaultConfigRows(locale: Locale): Record<ConfigTableName, Cell[][]> {
  return {
    Stages: DEFAULT_STAGES.map((s) => [stageLabel(s.stage, locale), s.order, s.probability, s.standardDays]),
    StageEvents: DEFAULT_STAGE_EVENTS.map((e) => [
      stageLabel(e.stage, locale),
      e.eventId,
      text(e.description, locale),
      yesNo(e.essential, locale),
    ]),
    Criteria: DEFAULT_CRITERIA.map((c) => [c.id, text(c.name, locale), c.weight, axisLetter(c.axis), c.min, c.max]),
    Questions: DEFAULT_QUESTIONS.map((x) => [x.questionId, x.section, text(x.text, locale), x.weight]),
    Tiers: DEFAULT_TIERS.map((t) => [t.tier, text(t.strategy, locale), t.visitIntervalDays]),
    Benchmarks: DEFAULT_BENCHMARKS.map((b) => [industryLabel(b.industry, locale), b.metric, b.ratio]),
    StageMap: DEFAULT_STAGE_MAP.map((m) => [
      m.crmStage,
      m.stage ? stageLabel(m.stage, locale) : null,
      m.status ? statusLabel(m.status, locale) : null,
      text(m.source, locale),
    ]),
    ImportMap: [],
    Recommendations: defaultRecommendationRows(locale),
  };
}

/** The default Config tables as snapshot tables, placed where the workbook writer puts them. */
export function defaultConfigTables(locale: Locale): Record<ConfigTableName, TableData> {
  const rows = defaultConfigRows(locale);
  const origins = configTableOrigins();
  const sheet = configSheetName(locale);
  const out = {} as Record<ConfigTableName, TableData>;
  for (const [name, origin] of origins) {
    out[name] = { sheet, origin, headers: configHeaders(name), rows: rows[name] };
  }
  return out;
}

/** Canonical headers of a Config table (config.ts order). */
export function configHeaders(name: ConfigTableName): string[] {
  return CONFIG_TABLES.find((t) => t.name === name)!.columns.map((c) => c.name);
}

/** Excel serial of 1 January and 31 December of the year a serial date falls in. */
export function calendarYearOf(serial: number): { start: number; end: number } {
  const year = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).getUTCFullYear();
  const start = Math.round((Date.UTC(year, 0, 1) - Date.UTC(1899, 11, 30)) / 86_400_000);
  const end = Math.round((Date.UTC(year, 11, 31) - Date.UTC(1899, 11, 30)) / 86_400_000);
  return { start, end };
}

/**
 * Every setting with its default: AsOfDate as given, the period = its calendar year, the
 * rest from config.ts. TierMethod is written in the locale's language (矩阵法 in zh).
 */
export function defaultSettings(asOf: number, locale: Locale = 'en-US'): Record<SettingName, Cell> {
  const { start, end } = calendarYearOf(asOf);
  const out = {} as Record<SettingName, Cell>;
  for (const s of SETTINGS) out[s.name] = s.fallback ?? null;
  out.AsOfDate = asOf;
  out.PeriodStart = start;
  out.PeriodEnd = end;
  if (locale === 'zh-CN') out.TierMethod = '矩阵法';
  return out;
}
