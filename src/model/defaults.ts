/**
 * The methodology defaults of DESIGN.md §4 as data, in en and zh: stages, sufficient
 * events, scoring criteria, the twelve grading questions, tier strategies and industry
 * benchmarks. A workbook without a Config sheet is evaluated with these; the sample
 * generator and the templates write them into Config for consultants to edit.
 */
import { Cell } from '../calc/cells';
import { Locale, Message } from '../calc/messages';
import { CONFIG_TABLES, ConfigTableName, SETTINGS, SettingName } from './config';
import { configSheetName, configTableOrigins } from './layout';
import { TableData } from './snapshot';

export interface StageDefault {
  stage: string;
  zh: string;
  order: number;
  probability: number;
  standardDays: number;
}

export const DEFAULT_STAGES: readonly StageDefault[] = [
  { stage: 'Discover', zh: '发现', order: 1, probability: 0.1, standardDays: 30 },
  { stage: 'Qualify', zh: '立项', order: 2, probability: 0.2, standardDays: 30 },
  { stage: 'Solution', zh: '方案交流', order: 3, probability: 0.4, standardDays: 45 },
  { stage: 'Shortlist', zh: '入围', order: 4, probability: 0.6, standardDays: 30 },
  { stage: 'Negotiate', zh: '谈判', order: 5, probability: 0.8, standardDays: 30 },
];

/** Probability of a closed opportunity, whatever its stage. */
export const CLOSED_PROBABILITY = { Won: 1, Lost: 0, NoDecision: 0 } as const;

export interface StageEventDefault {
  stage: string;
  eventId: string;
  essential: boolean;
  description: Message;
}

const ev = (stage: string, eventId: string, essential: boolean, en: string, zh: string): StageEventDefault => ({
  stage,
  eventId,
  essential,
  description: { en, zh },
});

/** Sufficient events (充分事件) per stage, in stage then list order. */
export const DEFAULT_STAGE_EVENTS: readonly StageEventDefault[] = [
  ev('Discover', 'E_NEED', true, 'Need or project confirmed', '需求或项目已确认'),
  ev('Discover', 'E_CONTACT', true, 'Key contact identified', '已确定关键联系人'),
  ev('Qualify', 'E_BUDGET', true, 'Budget source known', '已知预算来源'),
  ev('Qualify', 'E_OWNER', true, 'Customer project owner named', '客户项目负责人已明确'),
  ev('Qualify', 'E_TIMELINE', false, 'Decision timeline stated', '客户已说明决策时间表'),
  ev('Solution', 'E_REQS', true, 'Requirements received', '已收到需求'),
  ev('Solution', 'E_CRITERIA', true, 'Decision criteria known', '已了解决策标准'),
  ev('Solution', 'E_EVALBRIEF', false, 'Evaluator briefed', '已向评估者介绍方案'),
  ev('Shortlist', 'E_POC', true, 'Technical acceptance or POC passed', '技术认可或 POC 通过'),
  ev('Shortlist', 'E_APPROVER', true, 'Approver met', '已会见批准者'),
  ev('Shortlist', 'E_MENTOR', false, 'Mentor in place', '已发展内线教练'),
  ev('Negotiate', 'E_QUOTE', true, 'Internal quote approved', '内部报价已批准'),
  ev('Negotiate', 'E_EXEC', true, 'Senior-contact visit logged', '已完成高层拜访'),
  ev('Negotiate', 'E_TERMS', false, 'Terms agreed in principle', '主要条款原则上达成一致'),
];

export type Axis = 'A' | 'P';

export interface CriterionDefault {
  criterionId: string;
  name: Message;
  weight: number;
  /** A = Attractiveness (吸引力), P = Position (竞争地位). */
  axis: Axis;
  min: number;
  max: number;
}

const crit = (criterionId: string, weight: number, axis: Axis, en: string, zh: string): CriterionDefault => ({
  criterionId,
  name: { en, zh },
  weight,
  axis,
  min: 1,
  max: 5,
});

/** Composite scoring (综合计分法) criteria, each scored 1–5 on Accounts. */
export const DEFAULT_CRITERIA: readonly CriterionDefault[] = [
  crit('C_Potential', 25, 'A', 'Purchase potential', '采购潜力'),
  crit('C_Growth', 15, 'A', 'Growth', '成长性'),
  crit('C_FinancialHealth', 10, 'A', 'Financial health', '财务状况'),
  crit('C_Influence', 10, 'A', 'Industry influence', '行业影响力'),
  crit('C_StrategicFit', 15, 'P', 'Strategic fit', '战略匹配度'),
  crit('C_Relationship', 15, 'P', 'Relationship', '客户关系'),
  crit('C_ShareOfWallet', 10, 'P', 'Share of wallet', '钱包份额'),
];

export interface QuestionDefault {
  questionId: string;
  section: 1 | 2 | 3 | 4;
  text: Message;
  weight: number;
}

const q = (questionId: string, section: 1 | 2 | 3 | 4, en: string, zh: string): QuestionDefault => ({
  questionId,
  section,
  text: { en, zh },
  weight: 1,
});

/** The four questions (四问) of opportunity grading, by section. */
export const SECTION_TITLES: readonly Message[] = [
  { en: 'Is there an opportunity?', zh: '有没有机会？' },
  { en: 'Can we compete?', zh: '我们能否竞争？' },
  { en: 'Can we win?', zh: '我们能否赢？' },
  { en: 'Is it worth winning?', zh: '值不值得赢？' },
];

export const DEFAULT_QUESTIONS: readonly QuestionDefault[] = [
  q('Q_Project', 1, 'Is there a real project or need?', '是否有真实的项目或需求？'),
  q('Q_Funds', 1, 'Is budget (funding) available?', '是否有预算（资金）？'),
  q('Q_CompellingEvent', 1, 'Is there a compelling event that forces a decision?', '是否有迫使客户做决定的紧迫事件？'),
  q('Q_Criteria', 2, 'Do we know the decision criteria?', '是否了解客户的决策标准？'),
  q('Q_Fit', 2, 'Does our solution fit the requirements?', '我们的方案是否符合需求？'),
  q('Q_UniqueValue', 2, 'Do we offer value the competition cannot?', '我们是否有竞争对手无法提供的独特价值？'),
  q('Q_Mentor', 3, 'Do we have a mentor (coach) inside the customer?', '客户内部是否有内线教练？'),
  q('Q_Access', 3, 'Do we have access to the decision makers?', '能否接触到决策者？'),
  q('Q_Relationships', 3, 'Are our relationships stronger than the competition’s?', '我们的客户关系是否强于竞争对手？'),
  q('Q_Risk', 4, 'Are the delivery and commercial risks acceptable?', '交付与商务风险是否可以接受？'),
  q('Q_Size', 4, 'Is the deal big enough to be worth the effort?', '商机规模是否值得投入？'),
  q('Q_Lifetime', 4, 'Will it lead to long-term business?', '能否带来长期业务？'),
];

export interface TierDefault {
  tier: 'A' | 'B' | 'C' | 'D';
  strategy: Message;
  visitIntervalDays: number;
}

/** ABCD tiering (大客户ABCD四类划分): strategy and visit interval per tier. */
export const DEFAULT_TIERS: readonly TierDefault[] = [
  { tier: 'A', strategy: { en: 'Strategic: invest', zh: '战略客户：重点投入' }, visitIntervalDays: 30 },
  { tier: 'B', strategy: { en: 'Develop: invest to win position', zh: '发展客户：投入以提升地位' }, visitIntervalDays: 60 },
  { tier: 'C', strategy: { en: 'Maintain: serve efficiently', zh: '维持客户：高效服务' }, visitIntervalDays: 90 },
  { tier: 'D', strategy: { en: 'Opportunistic: minimal cost', zh: '机会客户：最低成本' }, visitIntervalDays: 180 },
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
    Criteria: DEFAULT_CRITERIA.map((c) => [c.criterionId, text(c.name, locale), c.weight, c.axis, c.min, c.max]),
    Questions: DEFAULT_QUESTIONS.map((x) => [x.questionId, x.section, text(x.text, locale), x.weight]),
    Tiers: DEFAULT_TIERS.map((t) => [t.tier, text(t.strategy, locale), t.visitIntervalDays]),
    Benchmarks: DEFAULT_BENCHMARKS.map((b) => [industryLabel(b.industry, locale), b.metric, b.ratio]),
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
