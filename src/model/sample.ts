/**
 * A realistic, deterministic key-account sample workbook (DESIGN.md §3): accounts across
 * industries and regions with criteria scores that spread over tiers A–D, opportunities in
 * every stage and status, org charts, decision chains, activities that prove sufficient
 * events, targets and account-plan actions. Computed columns stay empty: the engine fills
 * them. The same seed gives the same workbook in both languages (only the text differs),
 * so en and zh samples evaluate to the same numbers.
 */
import { Cell } from '../core/cells';
import {
  ActivityType,
  Answer,
  BuyingRole,
  Coverage,
  Enumeration,
  Influence,
  PoliticalStatus,
  RelationshipLevel,
  Status,
  Support,
} from '../core/enumerations';
import { Locale, Message } from '../core/i18n';
import { VERSION } from '../version';
import {
  DEFAULT_CRITERIA,
  DEFAULT_INDUSTRIES,
  DEFAULT_QUESTIONS,
  DEFAULT_STAGE_EVENTS,
  DEFAULT_STAGES,
  DEFAULT_TIERS,
  StageEventDefault,
  calendarYearOf,
  defaultConfigTables,
  defaultSettings,
  industryLabel,
  stageLabel,
} from './defaults';
import { DATA_TABLE_ORIGIN, SETTINGS_BLOCK, configSheetName, settingRow, tableColumns, tableSheetName } from './layout';
import { SETTINGS } from './config';
import { TableName, tableSpec } from './schema';
import { TableData, WorkbookSnapshot, a1 } from './snapshot';

export interface SampleOptions {
  locale?: Locale;
  /** Number of opportunities (default 300); accounts = max(30, size/10). */
  size?: number;
  seed?: number;
  /** AsOfDate as an Excel serial (default 46352 = 2026-11-26). */
  asOf?: number;
}

export const SAMPLE_DEFAULTS = { locale: 'en-US' as Locale, size: 300, seed: 1, asOf: 46352 };
export const MAX_SAMPLE_SIZE = 200_000;
/** Earliest and latest AsOfDate a sample can have: 1903-01-01 and 9998-12-31. */
export const MIN_SAMPLE_AS_OF = 1097;
export const MAX_SAMPLE_AS_OF = 2_958_100;

// ---------------------------------------------------------------------------------------
// Seeded randomness (mulberry32): no Math.random, no clock.

export class Rng {
  private state: number;
  constructor(seed: number) {
    // Mix the seed so that 1, 2, 3 … start far apart.
    this.state = (Math.imul((Math.trunc(seed) | 0) ^ 0x5bd1e995, 0x9e3779b1) + 0x6d2b79f5) >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi] (hi < lo gives lo). */
  int(lo: number, hi: number): number {
    return hi <= lo ? lo : lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Index chosen with the given weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
  /** A sampler over many fixed weights: cumulative sums and a binary search per draw. */
  sampler(weights: readonly number[]): () => number {
    const cumulative: number[] = [];
    let total = 0;
    for (const w of weights) cumulative.push((total += w));
    return () => {
      const r = this.next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > r) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
  }
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

// ---------------------------------------------------------------------------------------
// Vocabulary (en/zh pairs; index-aligned so both languages describe the same data).

const m = (en: string, zh: string): Message => ({ en, zh });

const REGIONS: readonly Message[] = [
  m('East', '华东'),
  m('North', '华北'),
  m('South', '华南'),
  m('West', '西部'),
  m('Central', '华中'),
];
const REGION_WEIGHTS = [0.3, 0.22, 0.22, 0.12, 0.14];
const INDUSTRY_WEIGHTS = [0.24, 0.14, 0.14, 0.14, 0.12, 0.12, 0.1];
const OWNERS: readonly Message[] = [
  m('Li Wei', '李伟'),
  m('Wang Fang', '王芳'),
  m('Zhang Min', '张敏'),
  m('Chen Jie', '陈杰'),
  m('Liu Yang', '刘洋'),
  m('Zhao Lei', '赵磊'),
];

const NAME_STEMS: readonly Message[] = [
  m('Jinhai', '金海'),
  m('Tianrun', '天润'),
  m('Xinghe', '星河'),
  m('Ruifeng', '瑞丰'),
  m('Boyuan', '博远'),
  m('Kaida', '凯达'),
  m('Huaxin', '华信'),
  m('Zhongtai', '中泰'),
  m('Hongda', '宏达'),
  m('Yongsheng', '永盛'),
  m('Mingde', '明德'),
  m('Jiahe', '嘉禾'),
  m('Shengshi', '盛世'),
  m('Anxin', '安信'),
  m('Lianchuang', '联创'),
  m('Haoyun', '浩云'),
  m('Qiming', '启明'),
  m('Yuntai', '云泰'),
  m('Xinyuan', '信源'),
  m('Tongda', '通达'),
  m('Fuhua', '富华'),
  m('Huanyu', '寰宇'),
  m('Lanshan', '蓝山'),
  m('Baichuan', '百川'),
  m('Jinqiao', '金桥'),
  m('Hexin', '合信'),
  m('Chenguang', '晨光'),
  m('Weiye', '伟业'),
  m('Longteng', '龙腾'),
  m('Ruixiang', '瑞祥'),
  m('Shunhe', '顺和'),
  m('Guangyuan', '广源'),
  m('Dingsheng', '鼎盛'),
  m('Huarui', '华瑞'),
  m('Kangtai', '康泰'),
  m('Yida', '亿达'),
  m('Zhicheng', '致诚'),
  m('Dongsheng', '东升'),
  m('Xiangyun', '祥云'),
  m('Huifeng', '汇丰源'),
];

/** Company name patterns per industry ({s} = name stem). */
const COMPANY_PATTERNS: readonly (readonly Message[])[] = [
  [
    m('{s} Precision Machinery', '{s}精密机械有限公司'),
    m('{s} Auto Parts', '{s}汽车零部件有限公司'),
    m('{s} Electronics', '{s}电子股份有限公司'),
  ],
  [m('{s} Power', '{s}电力有限公司'), m('{s} New Energy', '{s}新能源股份有限公司'), m('{s} Petrochemical', '{s}石化有限公司')],
  [
    m('{s} Pharmaceutical', '{s}制药股份有限公司'),
    m('{s} Medical Devices', '{s}医疗器械有限公司'),
    m('{s} Hospital Group', '{s}医院集团'),
  ],
  [m('{s} Bank', '{s}银行'), m('{s} Insurance', '{s}保险股份有限公司'), m('{s} Securities', '{s}证券有限公司')],
  [
    m('{s} Retail Group', '{s}零售集团'),
    m('{s} Supermarkets', '{s}超市连锁有限公司'),
    m('{s} E-commerce', '{s}电子商务有限公司'),
  ],
  [
    m('{s} Logistics', '{s}物流有限公司'),
    m('{s} Shipping', '{s}航运股份有限公司'),
    m('{s} Supply Chain', '{s}供应链管理有限公司'),
  ],
  [
    m('{s} City Water Authority', '{s}市水务集团'),
    m('{s} Municipal Transit', '{s}市公交集团'),
    m('{s} Health Commission', '{s}市卫生健康委员会'),
  ],
];

const PRODUCTS: readonly Message[] = [
  m('MES Upgrade', 'MES 升级项目'),
  m('Energy Management Platform', '能源管理平台项目'),
  m('Data Center Expansion', '数据中心扩容项目'),
  m('Fleet Telematics', '车队管理系统项目'),
  m('ERP Migration', 'ERP 迁移项目'),
  m('Cloud Backup', '云备份项目'),
  m('Security Operations Center', '安全运营中心项目'),
  m('Smart Warehouse', '智能仓储项目'),
  m('Predictive Maintenance', '预测性维护项目'),
  m('Customer Data Platform', '客户数据平台项目'),
  m('Video Analytics', '视频分析项目'),
  m('IoT Sensor Rollout', '物联网传感器部署项目'),
];

const COMPETITORS: readonly Message[] = [
  m('Orion Systems', '奥瑞恩系统'),
  m('Nordwell', '诺德威'),
  m('Kaiyuan Tech', '开元科技'),
  m('Datong Software', '大通软件'),
  m('Bluepeak', '蓝峰科技'),
  m('Sinocore', '华芯智能'),
];

const VALUE_PROPOSITIONS: readonly Message[] = [
  m('Cut unplanned downtime by 20%', '非计划停机减少 20%'),
  m('+15% throughput without new lines', '+15% 产能，无需新增产线'),
  m('Lower energy cost per unit by 12%', '单位能耗成本降低 12%'),
  m('One view of customers across channels', '全渠道统一客户视图'),
  m('Meet new regulatory reporting on time', '按时满足新的监管报送要求'),
  m('Halve month-end closing time', '月结时间缩短一半'),
  m('-30% inventory at the same service level', '-30% 库存，服务水平不变'),
  m('Delivery time from 48h to 24h', '交付时间从 48 小时缩短到 24 小时'),
  m('One platform replaces five legacy tools', '一个平台替代五套旧系统'),
  m('Audit-ready data security', '满足审计要求的数据安全'),
];

const COMPELLING_EVENTS: readonly Message[] = [
  m('New plant opens next quarter', '新工厂下季度投产'),
  m('Legacy system reaches end of support', '旧系统即将停止技术支持'),
  m('Regulatory deadline', '监管合规截止日期临近'),
  m('Board-mandated cost reduction', '董事会要求降本'),
  m('Peak season preparation', '备战销售旺季'),
  m('Merger integration', '并购后系统整合'),
  m('Budget must be used this fiscal year', '预算须在本财年内使用'),
  m('Expansion into a new region', '拓展新区域市场'),
];

const LOSS_REASONS: readonly Message[] = [
  m('Price', '价格'),
  m('Product fit', '产品匹配度不足'),
  m('Competitor relationship', '竞争对手关系更强'),
  m('Incumbent renewed', '现有供应商续约'),
  m('Timing', '时机不合适'),
];
const NO_DECISION_REASONS: readonly Message[] = [
  m('Budget frozen', '预算冻结'),
  m('Project cancelled', '项目取消'),
  m('Priorities changed', '优先级变化'),
];

const OUTCOMES: readonly Message[] = [
  m('Follow-up agreed', '约定下一步'),
  m('Shared a reference case', '分享了标杆案例'),
  m('Clarified requirements', '澄清了需求'),
  m('No answer, left a message', '未接通，已留言'),
  m('Positive feedback', '反馈积极'),
  m('Concerns about price', '对价格有顾虑'),
  m('Introduced a new product line', '介绍了新产品线'),
  m('Quarterly business review', '季度业务回顾'),
];

/** Offset of the seed of the actions' own random stream (done dates, deals). */
const ACTION_STREAM = 0x5a17;

const ACTIONS: readonly Message[] = [
  m('Quarterly business review with the CIO', '与信息中心主任进行季度业务回顾'),
  m('Executive sponsor dinner', '高层赞助人晚宴'),
  m('Map the decision chain of the next project', '梳理下一个项目的决策链'),
  m('Value workshop with operations', '与运营部门开展价值研讨会'),
  m('Update the account plan', '更新客户计划'),
  m('Reference visit to a showcase customer', '安排标杆客户参观'),
  m('Introduce the service team', '引荐服务团队'),
  m('Review share of wallet with finance', '与财务部门复盘钱包份额'),
  m('Invite to the industry summit', '邀请参加行业峰会'),
  m('Resolve open support tickets', '解决未结的支持问题'),
];

const SURNAMES: readonly Message[] = [
  m('Zhou', '周'),
  m('Wu', '吴'),
  m('Zheng', '郑'),
  m('Sun', '孙'),
  m('Ma', '马'),
  m('Zhu', '朱'),
  m('Hu', '胡'),
  m('Guo', '郭'),
  m('He', '何'),
  m('Gao', '高'),
  m('Lin', '林'),
  m('Luo', '罗'),
  m('Liang', '梁'),
  m('Song', '宋'),
  m('Tang', '唐'),
  m('Xu', '许'),
  m('Han', '韩'),
  m('Feng', '冯'),
  m('Deng', '邓'),
  m('Cao', '曹'),
];
const GIVEN_NAMES: readonly Message[] = [
  m('Hao', '浩'),
  m('Jing', '静'),
  m('Lei', '蕾'),
  m('Na', '娜'),
  m('Qiang', '强'),
  m('Yan', '燕'),
  m('Jun', '军'),
  m('Ping', '平'),
  m('Tao', '涛'),
  m('Xin', '欣'),
  m('Yu', '宇'),
  m('Hui', '慧'),
  m('Bo', '波'),
  m('Li', '丽'),
  m('Peng', '鹏'),
  m('Ting', '婷'),
  m('Kai', '凯'),
  m('Mei', '梅'),
  m('Gang', '刚'),
  m('Rui', '睿'),
];

/** Departments with titles by org level 1–3 (level 0 is the general manager). */
const DEPARTMENTS: readonly { name: Message; titles: readonly Message[] }[] = [
  {
    name: m('IT', '信息中心'),
    titles: [m('CIO', '信息中心主任'), m('IT Manager', 'IT 经理'), m('Systems Engineer', '系统工程师')],
  },
  {
    name: m('Finance', '财务部'),
    titles: [m('CFO', '财务总监'), m('Finance Manager', '财务经理'), m('Financial Analyst', '财务分析师')],
  },
  {
    name: m('Operations', '运营部'),
    titles: [m('VP Operations', '运营副总裁'), m('Plant Manager', '生产经理'), m('Process Engineer', '工艺工程师')],
  },
  {
    name: m('Procurement', '采购部'),
    titles: [m('Procurement Director', '采购总监'), m('Purchasing Manager', '采购经理'), m('Buyer', '采购专员')],
  },
  {
    name: m('Engineering', '技术部'),
    titles: [m('CTO', '技术总监'), m('Engineering Manager', '工程经理'), m('Project Engineer', '项目工程师')],
  },
];
const EXECUTIVE_OFFICE = m('Executive Office', '总经办');
const GENERAL_MANAGER = m('General Manager', '总经理');

/** The activity type that typically proves each sufficient event. */
const EVENT_TYPES: Record<string, readonly string[]> = {
  E_NEED: ['Visit', 'Call'],
  E_CONTACT: ['Visit'],
  E_BUDGET: ['Visit', 'Call'],
  E_OWNER: ['Visit'],
  E_TIMELINE: ['Call', 'Email'],
  E_REQS: ['Visit', 'Email'],
  E_CRITERIA: ['Visit'],
  E_EVALBRIEF: ['Demo'],
  E_POC: ['Demo'],
  E_APPROVER: ['ExecutiveMeeting', 'Visit'],
  E_MENTOR: ['Visit', 'Call'],
  E_QUOTE: ['Proposal'],
  E_EXEC: ['ExecutiveMeeting'],
  E_TERMS: ['Visit'],
};

// ---------------------------------------------------------------------------------------
// The generated data in canonical codes; text is chosen per locale at the end.

type TierCode = 'A' | 'B' | 'C' | 'D';
type StatusCode = 'Open' | 'Won' | 'Lost' | 'NoDecision';
type AnswerCode = 'Yes' | 'No' | 'Unknown';

interface GenContact {
  id: string;
  account: GenAccount;
  name: Message;
  level: number;
  department: Message;
  title: Message;
  reportsTo: string | null;
  relationship: string | null;
}

interface GenAccount {
  id: string;
  name: Message;
  stem: Message;
  industry: number;
  region: number;
  owner: number;
  tier: TierCode;
  criteria: number[];
  revenue: number;
  revenuePrev: number;
  wallet: number | null;
  contacts: GenContact[];
  opps: number;
  /** Nobody has looked after this account lately: its open deals go stale, visits lapse. */
  neglected: boolean;
}

interface GenChainRow {
  contact: GenContact;
  role: string;
  political: string;
  support: string;
  coverage: string | null;
  influence: string;
}

interface GenOpp {
  id: string;
  account: GenAccount;
  product: number;
  owner: number;
  stage: number;
  status: StatusCode;
  amount: number;
  created: number;
  close: number;
  stageEntered: number;
  pushes: number;
  competitor: number | null;
  lossReason: Message | null;
  nextStep: number | null;
  valueProp: number | null;
  compelling: number | null;
  answers: AnswerCode[];
  stale: boolean;
  /** Latest day an activity of this deal may carry (before the last 30 days when stale). */
  lastTouch: number;
  chain: GenChainRow[];
}

interface GenActivity {
  date: number;
  account: GenAccount | null;
  opp: GenOpp | null;
  contact: GenContact | null;
  type: string;
  eventId: string | null;
  outcome: Message | null;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const pad = (prefix: string, i: number, width: number) => `${prefix}${String(i).padStart(width, '0')}`;
const idWidth = (n: number, min: number) => Math.max(min, String(n).length);

/** Round an amount the way a sales team would quote it. */
function roundAmount(x: number): number {
  const step = x >= 10_000_000 ? 100_000 : x >= 1_000_000 ? 50_000 : 10_000;
  return Math.max(step, Math.round(x / step) * step);
}

/** Counts per class from fractions, summing to n; every class gets one when n allows. */
function quotas(n: number, fractions: readonly number[]): number[] {
  const counts = fractions.map((f) => Math.floor(n * f));
  if (n >= fractions.length) for (let i = 0; i < counts.length; i++) if (counts[i] === 0) counts[i] = 1;
  let rest = n - counts.reduce((a, b) => a + b, 0);
  // Hand out (or take back) the remainder by largest fractional part, deterministically.
  const order = fractions.map((f, i) => [n * f - Math.floor(n * f), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k++, rest--) counts[order[k % order.length][1]]++;
  for (let k = counts.length - 1; rest < 0; k = (k + counts.length - 1) % counts.length) {
    if (counts[k] > 1) {
      counts[k]--;
      rest++;
    }
  }
  return counts;
}

/** A list holding each class index its quota times, shuffled. */
function dealOut(rng: Rng, counts: readonly number[]): number[] {
  return rng.shuffle(counts.flatMap((c, i) => Array<number>(c).fill(i)));
}

/** Every class once (when n allows), the rest drawn by weight, shuffled. */
function spread(rng: Rng, n: number, weights: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i < weights.length ? i : rng.weighted(weights));
  return rng.shuffle(out);
}

const AXIS_A = DEFAULT_CRITERIA.map((c, i) => (c.axis === 'Attractiveness' ? i : -1)).filter((i) => i >= 0);
const AXIS_P = DEFAULT_CRITERIA.map((c, i) => (c.axis === 'Position' ? i : -1)).filter((i) => i >= 0);

/** Attractiveness or Position (0–100) of scores on one axis, as DESIGN §4 computes it. */
function axisScore(scores: readonly number[], axis: readonly number[]): number {
  let num = 0;
  let den = 0;
  for (const i of axis) {
    const c = DEFAULT_CRITERIA[i];
    num += c.weight * ((scores[i] - c.min) / (c.max - c.min));
    den += c.weight;
  }
  return (100 * num) / den;
}

/** Scores on one axis around a level, nudged until the axis lands on the wanted side of 50. */
function axisScores(rng: Rng, scores: number[], axis: readonly number[], high: boolean): void {
  const level = high ? 3.2 + rng.next() * 1.4 : 1.4 + rng.next() * 1.4;
  for (const i of axis) scores[i] = clamp(Math.round(level + rng.normal(0, 0.7)), 1, 5);
  for (let guard = 0; guard < 40 && axisScore(scores, axis) >= 50 !== high; guard++) {
    const movable = axis.filter((i) => (high ? scores[i] < 5 : scores[i] > 1));
    const i = rng.pick(movable);
    scores[i] += high ? 1 : -1;
  }
}

const STATUS_FRACTIONS = [0.45, 0.3, 0.18, 0.07];
const STATUS_CODES: readonly StatusCode[] = ['Open', 'Won', 'Lost', 'NoDecision'];
const OPEN_STAGE_FRACTIONS = [0.3, 0.25, 0.21, 0.14, 0.1];
const OPEN_AGE: readonly (readonly [number, number])[] = [
  [3, 60],
  [20, 150],
  [40, 210],
  [60, 270],
  [80, 320],
];
const CHAIN_SIZE_OPEN: readonly (readonly [number, number])[] = [
  [2, 3],
  [2, 4],
  [3, 5],
  [3, 6],
  [4, 6],
];

function yesProbability(opp: Pick<GenOpp, 'status' | 'stage'>, section: number): number {
  switch (opp.status) {
    case 'Won':
      return [0.9, 0.85, 0.8, 0.85][section];
    case 'Lost':
      return [0.7, 0.45, 0.3, 0.6][section];
    case 'NoDecision':
      return [0.35, 0.5, 0.4, 0.5][section];
    default:
      return [0.45 + 0.1 * opp.stage, 0.2 + 0.14 * opp.stage, 0.15 + 0.13 * opp.stage, 0.45 + 0.08 * opp.stage][section];
  }
}

// ---------------------------------------------------------------------------------------

export function generateSample(options: SampleOptions = {}): WorkbookSnapshot {
  const locale: Locale = options.locale ?? SAMPLE_DEFAULTS.locale;
  const finite = (x: number | undefined, fallback: number) => (x !== undefined && Number.isFinite(x) ? x : fallback);
  const size = clamp(Math.floor(finite(options.size, SAMPLE_DEFAULTS.size)), 1, MAX_SAMPLE_SIZE);
  const seed = finite(options.seed, SAMPLE_DEFAULTS.seed);
  // Dates reach a year back and most of a year ahead of AsOfDate: keep them inside Excel's calendar.
  const T = clamp(Math.floor(finite(options.asOf, SAMPLE_DEFAULTS.asOf)), MIN_SAMPLE_AS_OF, MAX_SAMPLE_AS_OF);
  const { start: Y0 } = calendarYearOf(T);
  const rng = new Rng(seed);

  // --- Accounts ------------------------------------------------------------------------
  const nAcc = Math.max(30, Math.floor(size / 10));
  const nOwners = size < 100 ? 4 : size <= 1000 ? 5 : 6;
  const aCount = Math.min(35, Math.round(0.2 * nAcc));
  const tierCounts = quotas(nAcc - aCount, [0.35, 0.275, 0.375]);
  const tiers = rng.shuffle<TierCode>([
    ...Array<TierCode>(aCount).fill('A'),
    ...Array<TierCode>(tierCounts[0]).fill('B'),
    ...Array<TierCode>(tierCounts[1]).fill('C'),
    ...Array<TierCode>(tierCounts[2]).fill('D'),
  ]);
  const industries = spread(rng, nAcc, INDUSTRY_WEIGHTS);
  const regions = spread(rng, nAcc, REGION_WEIGHTS);
  const stems = rng.shuffle(NAME_STEMS.map((_, i) => i));
  const usedNames = new Map<string, number>();
  const accW = idWidth(nAcc, 3);
  const accounts: GenAccount[] = [];
  for (let i = 0; i < nAcc; i++) {
    const tier = tiers[i];
    const industry = industries[i];
    const stem = NAME_STEMS[stems[i % stems.length]];
    const pattern = rng.pick(COMPANY_PATTERNS[industry]);
    let name = m(pattern.en.replace('{s}', stem.en), pattern.zh.replace('{s}', stem.zh));
    const seen = (usedNames.get(name.en) ?? 0) + 1;
    usedNames.set(name.en, seen);
    if (seen > 1) name = m(`${name.en} ${seen}`, `${name.zh}（${seen}）`);

    const criteria = Array<number>(DEFAULT_CRITERIA.length).fill(3);
    axisScores(rng, criteria, AXIS_A, tier === 'A' || tier === 'B');
    axisScores(rng, criteria, AXIS_P, tier === 'A' || tier === 'C');
    const attractiveness = axisScore(criteria, AXIS_A);
    const position = axisScore(criteria, AXIS_P);
    const industryScale = [1, 1.3, 0.9, 1.6, 0.8, 0.7, 1.1][industry];
    const wallet =
      Math.round((Math.exp(rng.normal(Math.log(8e6) + ((attractiveness - 50) / 50) * 0.8, 0.45)) * industryScale) / 100_000) *
      100_000;
    const share = clamp(0.05 + (position / 100) * 0.45 + rng.normal(0, 0.06), 0.01, 0.8);
    const prospect = tier === 'D' && rng.chance(0.25);
    const revenue = prospect ? 0 : Math.round((wallet * share) / 10_000) * 10_000;
    const growth = (criteria[1] - 3) * 0.07 + rng.normal(0, 0.07);
    const revenuePrev = prospect ? 0 : Math.round(revenue / Math.max(0.3, 1 + growth) / 10_000) * 10_000;
    const blankWallet = rng.chance(tier === 'A' || tier === 'B' ? 0.05 : 0.2);
    accounts.push({
      id: pad('A', i + 1, accW),
      name,
      stem,
      industry,
      region: regions[i],
      owner: i % nOwners,
      tier,
      criteria,
      revenue,
      revenuePrev,
      wallet: blankWallet ? null : Math.max(wallet, 100_000),
      contacts: [],
      opps: 0,
      neglected: rng.chance(tier === 'A' || tier === 'B' ? 0.1 : 0.3),
    });
  }
  // Owners by round robin over a shuffled order: balanced books, mixed tiers.
  rng.shuffle(accounts.map((_, i) => i)).forEach((ai, k) => (accounts[ai].owner = k % nOwners));
  if (!accounts.some((a) => a.wallet === null)) accounts[accounts.length - 1].wallet = null;

  // --- Opportunities: who, what, how far ---------------------------------------------
  const tierWeight: Record<TierCode, number> = { A: 3, B: 2.5, C: 1.6, D: 0.8 };
  const pickAccount = rng.sampler(accounts.map((a) => tierWeight[a.tier] * (a.neglected ? 0.5 : 1)));
  const visitInterval = (a: GenAccount) => DEFAULT_TIERS.find((x) => x.tier === a.tier)!.visitIntervalDays;
  // A neglected account's deals were last touched before its visit interval ran out.
  const lapseOf = (a: GenAccount) => (a.neglected ? Math.max(31, visitInterval(a) + 1) : 31);
  const statuses = dealOut(rng, quotas(size, STATUS_FRACTIONS)).map((i) => STATUS_CODES[i]);
  const openStages = dealOut(rng, quotas(statuses.filter((s) => s === 'Open').length, OPEN_STAGE_FRACTIONS));
  const oppW = idWidth(size, 3);
  const opps: GenOpp[] = [];
  let openIx = 0;
  for (let i = 0; i < size; i++) {
    const account = accounts[pickAccount()];
    account.opps++;
    const status = statuses[i];
    const stage =
      status === 'Open'
        ? openStages[openIx++]
        : status === 'Won'
          ? rng.chance(0.9)
            ? 4
            : 3
          : status === 'Lost'
            ? rng.weighted([0.05, 0.15, 0.3, 0.3, 0.2])
            : rng.weighted([0.1, 0.3, 0.35, 0.2, 0.05]);
    const owner = rng.chance(0.88) ? account.owner : rng.int(0, nOwners - 1);
    const big = account.tier === 'A' || account.tier === 'B' ? 1.4 : 1;
    const amount = roundAmount(clamp(Math.exp(rng.normal(Math.log(600_000), 0.85)) * big, 30_000, 30_000_000));

    let created: number;
    let close: number;
    let stageEntered: number;
    let pushes: number;
    let stale = false;
    let nextStep: number | null;
    const lapse = lapseOf(account);
    if (status === 'Open') {
      const [lo, hi] = OPEN_AGE[stage];
      let age = rng.int(lo, hi);
      if (account.neglected) age = Math.max(age, lapse + 5 * stage + rng.int(5, 30));
      created = T - age;
      const standard = DEFAULT_STAGES[stage].standardDays;
      if (stage === 0) stageEntered = created;
      else {
        let inStage = rng.chance(0.3) ? rng.int(standard + 1, Math.round(standard * 2.5)) : rng.int(1, standard);
        if (account.neglected) inStage = Math.max(inStage, lapse);
        inStage = clamp(inStage, 1, Math.max(1, age - 5 * stage));
        stageEntered = T - inStage;
      }
      const overdue = rng.chance(0.15);
      close = overdue ? Math.max(stageEntered + 1, T - rng.int(1, 45)) : T + rng.int(7, 30 + (4 - stage) * 45);
      pushes = overdue ? 1 + rng.weighted([0.4, 0.35, 0.25]) : rng.weighted([0.62, 0.25, 0.09, 0.04]);
      stale = stageEntered <= T - lapse && (account.neglected || rng.chance(0.2));
      nextStep = rng.chance(0.15)
        ? null
        : stale
          ? T - rng.int(10, 60)
          : rng.chance(0.7)
            ? T + rng.int(0, 30)
            : T - rng.int(1, 20);
      if (nextStep !== null) nextStep = Math.max(nextStep, created);
    } else {
      const lastClose = account.neglected ? T - lapse : T;
      close = rng.chance(0.78) && lastClose >= Y0 ? rng.int(Y0, lastClose) : Math.min(Y0, lastClose) - rng.int(1, 365);
      const cycle = status === 'Won' ? rng.int(45, 240) : status === 'Lost' ? rng.int(30, 200) : rng.int(60, 300);
      created = close - cycle;
      stageEntered = close - rng.int(3, Math.min(cycle - 1, Math.round(DEFAULT_STAGES[stage].standardDays * 1.5)));
      pushes =
        status === 'Won'
          ? rng.weighted([0.6, 0.3, 0.1])
          : status === 'Lost'
            ? rng.weighted([0.5, 0.3, 0.15, 0.05])
            : rng.weighted([0.2, 0.35, 0.3, 0.15]);
      nextStep = rng.chance(0.75) ? null : close - rng.int(0, 20);
    }

    const competitor = rng.chance({ Open: 0.7, Won: 0.55, Lost: 0.85, NoDecision: 0.5 }[status])
      ? rng.int(0, COMPETITORS.length - 1)
      : null;
    const lossReason =
      status === 'Lost'
        ? rng.pick(LOSS_REASONS)
        : status === 'NoDecision' && rng.chance(0.6)
          ? rng.pick(NO_DECISION_REASONS)
          : null;

    const quality = rng.normal(0, 0.12);
    const unknownShare = status === 'Open' ? 0.75 - 0.1 * stage : 0.3;
    const answers = DEFAULT_QUESTIONS.map((qq): AnswerCode => {
      let p = yesProbability({ status, stage }, qq.section - 1) + quality;
      if ((qq.questionId === 'Q_Size' || qq.questionId === 'Q_Lifetime') && big > 1) p += 0.1;
      if (rng.chance(clamp(p, 0.03, 0.97))) return 'Yes';
      return rng.chance(unknownShare) ? 'Unknown' : 'No';
    });
    const ceIndex = DEFAULT_QUESTIONS.findIndex((qq) => qq.questionId === 'Q_CompellingEvent');
    const compelling = answers[ceIndex] === 'Yes' ? rng.int(0, COMPELLING_EVENTS.length - 1) : null;
    const vpChance = status === 'Open' ? (stage >= 2 ? 0.85 : 0.35) : { Won: 0.9, Lost: 0.6, NoDecision: 0.4 }[status];
    const valueProp = rng.chance(vpChance) ? rng.int(0, VALUE_PROPOSITIONS.length - 1) : null;

    opps.push({
      id: pad('O', i + 1, oppW),
      account,
      product: rng.int(0, PRODUCTS.length - 1),
      owner,
      stage,
      status,
      amount,
      created,
      close,
      stageEntered,
      pushes,
      competitor,
      lossReason,
      nextStep,
      valueProp,
      compelling,
      answers,
      stale,
      lastTouch: stale ? T - lapse : status === 'Open' ? T : close,
      chain: [],
    });
  }

  // --- Contacts: an org chart per account -----------------------------------------------
  const nCon = Math.round(size / 2);
  const base = accounts.map((a) => (a.opps > 0 ? 2 : 1));
  const perAccount = [...base];
  const pickBusyAccount = rng.sampler(accounts.map((a) => 1 + a.opps));
  for (let k = base.reduce((x, y) => x + y, 0); k < nCon; k++) perAccount[pickBusyAccount()]++;
  const conW = idWidth(
    Math.max(
      nCon,
      perAccount.reduce((x, y) => x + y, 0),
    ),
    3,
  );
  let conSeq = 0;
  let nameSeq = rng.int(0, SURNAMES.length * GIVEN_NAMES.length - 1);
  accounts.forEach((account, ai) => {
    for (let j = 0; j < perAccount[ai]; j++) {
      // Walk the surname × given-name grid with a stride coprime to its size: varied names.
      nameSeq = (nameSeq + 157) % (SURNAMES.length * GIVEN_NAMES.length);
      const sn = SURNAMES[nameSeq % SURNAMES.length];
      const gn = GIVEN_NAMES[Math.floor(nameSeq / SURNAMES.length)];
      const name = m(`${sn.en} ${gn.en}`, `${sn.zh}${gn.zh}`);
      let level = 0;
      let department = EXECUTIVE_OFFICE;
      let title = GENERAL_MANAGER;
      let reportsTo: GenContact | null = null;
      if (j > 0) {
        // One head per department under the general manager; further people join a department.
        const freeDepartments = DEPARTMENTS.filter((d) => !account.contacts.some((c) => c.department === d.name));
        const candidates = account.contacts.filter((c) => c.level < 3 && (c.level > 0 || freeDepartments.length > 0));
        reportsTo = candidates[rng.weighted(candidates.map((c) => [3, 2, 1][c.level]))];
        level = reportsTo.level + 1;
        const dept = level === 1 ? rng.pick(freeDepartments) : DEPARTMENTS.find((d) => d.name === reportsTo!.department)!;
        department = dept.name;
        title = dept.titles[level - 1];
      }
      const closeness = (account.tier === 'A' || account.tier === 'C' ? 0.6 : 0) + (level <= 1 ? 0.2 : 0);
      const relationship = rng.chance(0.1)
        ? null
        : RelationshipLevel.values[clamp(Math.round(1 + closeness * 2 + rng.next() * 1.6) - 1, 0, 3)].code;
      account.contacts.push({
        id: pad('C', ++conSeq, conW),
        account,
        name,
        level,
        department,
        title,
        reportsTo: reportsTo?.id ?? null,
        relationship,
      });
    }
  });

  // --- Decision chains ----------------------------------------------------------------
  const mentorQ = DEFAULT_QUESTIONS.findIndex((qq) => qq.questionId === 'Q_Mentor');
  for (const opp of opps) {
    const [lo, hi] =
      opp.status === 'Open' ? CHAIN_SIZE_OPEN[opp.stage] : { Won: [4, 6], Lost: [2, 5], NoDecision: [2, 4] }[opp.status];
    const pool = [...opp.account.contacts];
    const n = Math.min(pool.length, rng.int(lo, hi));
    const late = opp.status === 'Won' || opp.stage >= 3;
    const levelWeight = late ? [3, 3, 2, 1.5] : [0.5, 1.5, 2.5, 2];
    for (let k = 0; k < n; k++) {
      const contact = pool.splice(rng.weighted(pool.map((c) => levelWeight[c.level])), 1)[0];
      const role = [
        () => (rng.chance(0.9) ? 'Approver' : 'DecisionMaker'),
        () => ['DecisionMaker', 'Approver', 'Evaluator'][rng.weighted([0.65, 0.1, 0.25])],
        () => ['Evaluator', 'User', 'DecisionMaker'][rng.weighted([0.65, 0.25, 0.1])],
        () => (rng.chance(0.7) ? 'User' : 'Evaluator'),
      ][contact.level]();
      const political = [
        () => (rng.chance(0.8) ? 'InnerCircle' : 'PoliticalStructure'),
        () => ['InnerCircle', 'PoliticalStructure', 'Outside'][rng.weighted([0.4, 0.5, 0.1])],
        () => ['PoliticalStructure', 'Outside', 'InnerCircle'][rng.weighted([0.35, 0.55, 0.1])],
        () => (rng.chance(0.85) ? 'Outside' : 'PoliticalStructure'),
      ][contact.level]();
      const supportWeights = {
        Open: [0.1, 0.35, 0.35, 0.13, 0.07],
        Won: [0.18, 0.47, 0.25, 0.07, 0.03],
        Lost: [0.04, 0.2, 0.36, 0.25, 0.15],
        NoDecision: [0.05, 0.25, 0.5, 0.15, 0.05],
      }[opp.status];
      const support = Support.values[rng.weighted(supportWeights)].code;
      const d = opp.stage / 4;
      const coverageWeights = {
        Open: [0.25 - 0.2 * d, 0.4 - 0.15 * d, 0.25 + 0.1 * d, 0.1 + 0.25 * d],
        Won: [0.02, 0.18, 0.4, 0.4],
        Lost: [0.15, 0.35, 0.3, 0.2],
        NoDecision: [0.2, 0.4, 0.3, 0.1],
      }[opp.status];
      const coverage = rng.chance(0.05) ? null : Coverage.values[rng.weighted(coverageWeights)].code;
      const influence = [
        () => 'High',
        () => (rng.chance(0.7) ? 'High' : 'Medium'),
        () => ['Medium', 'High', 'Low'][rng.weighted([0.6, 0.15, 0.25])],
        () => (rng.chance(0.7) ? 'Low' : 'Medium'),
      ][contact.level]();
      opp.chain.push({ contact, role, political, support, coverage, influence });
    }
    // The chain agrees with the answer to "Do we have a mentor?".
    const hasMentor = opp.chain.some((r) => r.support === 'Mentor');
    if (opp.answers[mentorQ] === 'Yes' && !hasMentor && opp.chain.length > 0) {
      const friendly = opp.chain.filter((r) => r.support !== 'Enemy' && r.support !== 'NonSupporter');
      rng.pick(friendly.length ? friendly : opp.chain).support = 'Mentor';
    } else if (opp.answers[mentorQ] !== 'Yes') {
      for (const r of opp.chain) if (r.support === 'Mentor') r.support = 'Supporter';
    }
  }

  // --- Activities -------------------------------------------------------------------------
  const activities: GenActivity[] = [];
  const accountRefBlank = () => rng.chance(0.25); // logged against the opportunity only
  const chainContact = (opp: GenOpp, prefer?: (r: GenChainRow) => boolean): GenContact | null => {
    if (opp.chain.length === 0 || rng.chance(0.1)) return null;
    const preferred = prefer ? opp.chain.filter(prefer) : [];
    return rng.pick(preferred.length ? preferred : opp.chain).contact;
  };
  const eventContact = (opp: GenOpp, eventId: string): GenContact | null => {
    switch (eventId) {
      case 'E_APPROVER':
        return chainContact(opp, (r) => r.role === 'Approver');
      case 'E_EXEC':
        return chainContact(opp, (r) => r.contact.level <= 1);
      case 'E_MENTOR':
        return chainContact(opp, (r) => r.support === 'Mentor');
      case 'E_EVALBRIEF':
      case 'E_POC':
        return chainContact(opp, (r) => r.role === 'Evaluator');
      default:
        return chainContact(opp);
    }
  };
  const logEvent = (opp: GenOpp, e: StageEventDefault, date: number) => {
    activities.push({
      date,
      account: accountRefBlank() ? null : opp.account,
      opp,
      contact: eventContact(opp, e.eventId),
      type: rng.pick(EVENT_TYPES[e.eventId]),
      eventId: e.eventId,
      outcome: e.description,
    });
  };
  const eventsOfStage = (s: number) => DEFAULT_STAGE_EVENTS.filter((e) => e.stage === DEFAULT_STAGES[s].stage);
  const dayIn = (lo: number, hi: number) => rng.int(Math.min(lo, hi), Math.max(lo, hi));
  const genericTypes = ['Call', 'Email', 'Visit', 'Demo', 'Proposal'];
  const genericWeights = [0.35, 0.25, 0.25, 0.1, 0.05];

  for (const opp of opps) {
    const hasMentor = opp.chain.some((r) => r.support === 'Mentor');
    if (opp.status === 'Open') {
      // Sufficient events of stages 1..k; a disciplined team proves every essential one.
      const essentials = DEFAULT_STAGE_EVENTS.filter((ev) => ev.essential && stageIndex(ev) <= opp.stage);
      const missing = new Set<string>();
      if (!rng.chance(0.6)) {
        const n = rng.chance(0.7) ? 1 : 2;
        for (const e of rng.shuffle([...essentials]).slice(0, n)) missing.add(e.eventId);
      }
      const lastDay = opp.lastTouch;
      for (let s = 0; s <= opp.stage; s++) {
        // Stage s ran from its entry to the next stage's entry (entries spread evenly).
        const from = opp.stage === 0 ? opp.created : Math.round(opp.created + ((opp.stageEntered - opp.created) * s) / opp.stage);
        const to = s === opp.stage ? lastDay : Math.round(opp.created + ((opp.stageEntered - opp.created) * (s + 1)) / opp.stage);
        for (const e of eventsOfStage(s)) {
          const proven = e.essential
            ? !missing.has(e.eventId)
            : e.eventId === 'E_MENTOR'
              ? hasMentor && rng.chance(0.7)
              : rng.chance(0.35);
          if (proven) logEvent(opp, e, dayIn(from, Math.min(to, lastDay)));
        }
      }
      // Ordinary follow-up: an active deal was touched in the last 30 days, a stale one was not.
      const extra = opp.stale ? rng.int(0, 1) : rng.chance(0.3) ? 2 : 1;
      for (let k = 0; k < extra; k++) {
        const date = opp.stale
          ? dayIn(opp.created, opp.lastTouch)
          : k === 0
            ? T - rng.int(0, Math.min(29, T - opp.created))
            : dayIn(opp.created, T);
        activities.push({
          date,
          account: accountRefBlank() ? null : opp.account,
          opp,
          contact: chainContact(opp),
          type: genericTypes[rng.weighted(genericWeights)],
          eventId: null,
          outcome: rng.chance(0.8) ? rng.pick(OUTCOMES) : null,
        });
      }
    } else {
      // Closed deals keep a little evidence of how far they got.
      const closing = DEFAULT_STAGE_EVENTS.filter((e) => stageIndex(e) === opp.stage);
      const chances = opp.status === 'Won' ? [0.6, 0.4, 0.3] : [0.4, 0.15, 0.1];
      closing.forEach((e, k) => {
        if (rng.chance(chances[k] ?? 0.2)) logEvent(opp, e, dayIn(opp.stageEntered, opp.close));
      });
      if (rng.chance(0.5)) {
        activities.push({
          date: dayIn(opp.created, opp.close),
          account: accountRefBlank() ? null : opp.account,
          opp,
          contact: chainContact(opp),
          type: genericTypes[rng.weighted(genericWeights)],
          eventId: null,
          outcome: rng.chance(0.8) ? rng.pick(OUTCOMES) : null,
        });
      }
    }
  }

  // Executive meetings: most Tier-A-like accounts had one in the last 90 days.
  const seniorOf = (a: GenAccount): GenContact | null => a.contacts.find((c) => c.level === 0) ?? a.contacts[0] ?? null;
  for (const a of accounts) {
    if (a.tier === 'A') {
      if (!a.neglected && rng.chance(0.6))
        activities.push(accountActivity(a, T - rng.int(0, 89), 'ExecutiveMeeting', seniorOf(a)));
      for (let k = rng.int(0, 2); k > 0; k--)
        activities.push(accountActivity(a, T - rng.int(90, 330), 'ExecutiveMeeting', seniorOf(a)));
    } else if (a.tier === 'B' && !a.neglected && rng.chance(0.35)) {
      activities.push(accountActivity(a, T - rng.int(0, 180), 'ExecutiveMeeting', seniorOf(a)));
    }
  }
  function accountActivity(a: GenAccount, date: number, type: string, contact: GenContact | null): GenActivity {
    return { date, account: a, opp: null, contact, type, eventId: null, outcome: rng.chance(0.85) ? rng.pick(OUTCOMES) : null };
  }
  // Account care (visits, calls, events) fills the log up to about three per opportunity.
  const pickCaredAccount = rng.sampler(accounts.map((a) => ({ A: 4, B: 3, C: 2, D: 1 })[a.tier]));
  const careTypes = ['Visit', 'Call', 'Email', 'Event'];
  for (let k = activities.length, target = Math.max(3 * size, activities.length + Math.round(size / 3)); k < target; k++) {
    const a = accounts[pickCaredAccount()];
    const lapse = a.neglected ? lapseOf(a) : 0;
    const date = T - lapse - Math.floor((365 - lapse) * Math.pow(rng.next(), 1.6));
    activities.push(
      accountActivity(
        a,
        date,
        careTypes[rng.weighted([0.4, 0.3, 0.15, 0.15])],
        a.contacts.length && rng.chance(0.85) ? rng.pick(a.contacts) : null,
      ),
    );
  }
  const ordered = activities
    .map((a, i) => [a, i] as const)
    .sort((x, y) => x[0].date - y[0].date || x[1] - y[1])
    .map(([a]) => a);

  // --- Revenue against won deals ----------------------------------------------------------
  // Revenue of the last 12 months holds at least the deals won in them, plus 10 % of business
  // beyond new deals, so a planner never sees an account that won more than it earned, nor a
  // plan target (above last year's revenue) beaten by this year's wins before the year is out.
  // The 12 months before scale with it, so the account grows as drawn (in line with its growth
  // score), and hold at least the deals won then. The wallet (the customer's spend in our
  // category) stays as drawn unless our revenue would pass 80 % of it (the drawn shares stop
  // there too). Accounts whose revenue already covers their wins do not change; no random draws.
  const wonIn = (from: number, to: number) => {
    const won = new Map<GenAccount, number>();
    for (const o of opps)
      if (o.status === 'Won' && o.close > from && o.close <= to) won.set(o.account, (won.get(o.account) ?? 0) + o.amount);
    return won;
  };
  const atLeast = (revenue: number, won: number | undefined) =>
    won !== undefined && won > revenue ? Math.ceil((won * 1.1) / 10_000) * 10_000 : revenue;
  const wonLastYear = wonIn(T - 365, T);
  const wonYearBefore = wonIn(T - 730, T - 365);
  for (const a of accounts) {
    const revenue = atLeast(a.revenue, wonLastYear.get(a));
    const grown = a.revenue > 0 ? Math.round((a.revenuePrev * (revenue / a.revenue)) / 10_000) * 10_000 : a.revenuePrev;
    a.revenuePrev = atLeast(grown, wonYearBefore.get(a));
    a.revenue = revenue;
    if (a.wallet !== null && a.revenue > 0.8 * a.wallet) a.wallet = Math.ceil(a.revenue / 0.8 / 100_000) * 100_000;
  }

  // --- Targets: per owner and quarter, a stretch over what the owner wins this year -------
  const year = new Date(Date.UTC(1899, 11, 30) + Y0 * 86_400_000).getUTCFullYear();
  const wonByOwner = Array<number>(nOwners).fill(0);
  for (const o of opps) if (o.status === 'Won' && o.close >= Y0) wonByOwner[o.owner] += o.amount;
  const quarterShare = [0.2, 0.25, 0.25, 0.3];
  const serial = (y: number, mo: number, d: number) => Math.round((Date.UTC(y, mo - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);

  // --- Output ------------------------------------------------------------------------------
  const zh = locale === 'zh-CN';
  const t = (msg: Message | null): Cell => (msg === null ? null : zh ? msg.zh : msg.en);
  const e = (enumeration: Enumeration, code: string | null): Cell => {
    if (code === null) return null;
    return zh ? enumeration.values.find((v) => v.code === code)!.zh : code;
  };
  const table = (name: TableName, rows: Cell[][]): TableData => ({
    sheet: tableSheetName(name, locale),
    origin: { ...DATA_TABLE_ORIGIN },
    headers: tableColumns(
      tableSpec(name),
      DEFAULT_CRITERIA.map((c) => c.id),
      DEFAULT_QUESTIONS.map((qq) => qq.questionId),
    ),
    rows,
  });
  const blankComputed = (name: TableName, head: Cell[]): Cell[] => [
    ...head,
    ...tableSpec(name)
      .columns.filter((c) => c.computed)
      .map(() => null),
  ];

  const accountRows = accounts.map((a) =>
    blankComputed('Accounts', [
      a.id,
      t(a.name),
      industryLabel(DEFAULT_INDUSTRIES[a.industry].industry, locale),
      t(REGIONS[a.region]),
      t(OWNERS[a.owner]),
      a.revenue,
      a.revenuePrev,
      a.wallet,
      ...a.criteria,
    ]),
  );
  const oppRows = opps.map((o) =>
    blankComputed('Opportunities', [
      o.id,
      o.account.id,
      zh ? `${o.account.stem.zh}${PRODUCTS[o.product].zh}` : `${o.account.stem.en} ${PRODUCTS[o.product].en}`,
      t(OWNERS[o.owner]),
      stageLabel(DEFAULT_STAGES[o.stage].stage, locale),
      e(Status, o.status),
      o.amount,
      o.created,
      o.close,
      o.stageEntered,
      o.pushes,
      o.competitor === null ? null : t(COMPETITORS[o.competitor]),
      t(o.lossReason),
      o.nextStep,
      o.valueProp === null ? null : t(VALUE_PROPOSITIONS[o.valueProp]),
      o.compelling === null ? null : t(COMPELLING_EVENTS[o.compelling]),
      ...o.answers.map((x) => e(Answer, x)),
    ]),
  );
  const NEXT_LEVEL: Record<string, string> = {
    Vendor: 'CredibleSource',
    CredibleSource: 'ProblemSolver',
    ProblemSolver: 'TrustedAdvisor',
  };
  const contactRows = accounts.flatMap((a) =>
    a.contacts.map((c): Cell[] => [
      c.id,
      a.id,
      t(c.name),
      t(c.title),
      t(c.department),
      c.reportsTo,
      e(RelationshipLevel, c.relationship),
      // Aim one level deeper (the head of the account: trusted advisor); the account owner holds the relationship.
      e(
        RelationshipLevel,
        c.level === 0 ? 'TrustedAdvisor' : c.relationship === null ? null : (NEXT_LEVEL[c.relationship] ?? c.relationship),
      ),
      t(OWNERS[a.owner]),
    ]),
  );
  const chainRows = opps.flatMap((o) =>
    o.chain.map((r): Cell[] => [
      o.id,
      r.contact.id,
      e(BuyingRole, r.role),
      e(PoliticalStatus, r.political),
      e(Support, r.support),
      e(Coverage, r.coverage),
      e(Influence, r.influence),
    ]),
  );
  const actW = idWidth(ordered.length, 4);
  const activityRows = ordered.map((a, i): Cell[] => [
    pad('ACT', i + 1, actW),
    a.date,
    a.account?.id ?? null,
    a.opp?.id ?? null,
    a.contact?.id ?? null,
    e(ActivityType, a.type),
    a.eventId,
    t(a.outcome),
  ]);
  const targetRows: Cell[][] = [];
  for (let ow = 0; ow < nOwners; ow++) {
    const annual = Math.max(2_000_000, wonByOwner[ow] * 1.25);
    for (let qn = 1; qn <= 4; qn++) {
      targetRows.push([
        zh ? `${year}年第${qn}季度` : `${year} Q${qn}`,
        t(OWNERS[ow]),
        serial(year, 3 * qn - 2, 1),
        serial(year, 3 * qn + 1, 1) - 1,
        Math.max(100_000, Math.round((annual * quarterShare[qn - 1]) / 100_000) * 100_000),
      ]);
    }
  }
  // Actions: due dates and Done from the main stream as before; the done dates and the deals
  // they serve from a stream of their own, so adding them moved no other value of the sample.
  const actionRng = new Rng(seed + ACTION_STREAM);
  const openDealsOf = new Map<GenAccount, GenOpp[]>();
  for (const o of opps) if (o.status === 'Open') openDealsOf.set(o.account, [...(openDealsOf.get(o.account) ?? []), o]);
  const actionRows: Cell[][] = [];
  for (const a of accounts) {
    const [lo, hi] = { A: [3, 4], B: [2, 3], C: [1, 2], D: [0, 1] }[a.tier];
    const picks = rng.shuffle(ACTIONS.map((_, i) => i)).slice(0, rng.int(lo, hi));
    const deals = openDealsOf.get(a) ?? [];
    const firstRow = actionRows.length;
    for (const ix of picks) {
      const due = T + rng.int(-150, 90);
      const done = due <= T ? rng.chance(0.65) : rng.chance(0.1);
      const doneCell = due > T && !done && rng.chance(0.3) ? null : e(Answer, done ? 'Yes' : 'No');
      // Done by the due date 85 times in 100, else up to three weeks late (never after AsOfDate);
      // an action done before it fell due was done in the last three weeks.
      const doneOn = !done
        ? null
        : due > T
          ? T - actionRng.int(0, 20)
          : actionRng.chance(0.85)
            ? due - actionRng.int(0, 10)
            : Math.min(T, due + actionRng.int(1, 21));
      // The first action of an account with open deals serves its first deal (so a deal review opened on
      // it lists something); the others serve the next deal six times in ten, else the account itself.
      const k = actionRows.length - firstRow;
      const deal = deals.length && (k === 0 || actionRng.chance(0.6)) ? deals[k % deals.length] : null;
      actionRows.push([a.id, t(ACTIONS[ix]), t(OWNERS[a.owner]), due, doneCell, doneOn, deal?.id ?? null]);
    }
  }

  const settings = defaultSettings(T, locale);
  settings.TemplateId = 'sample';
  settings.TemplateVersion = VERSION;
  const configSheet = configSheetName(locale);
  const settingCells = Object.fromEntries(
    SETTINGS.map((s) => [s.name, { sheet: configSheet, cell: a1(settingRow(s.name), SETTINGS_BLOCK.valueCol) }]),
  );

  return {
    tables: {
      Accounts: table('Accounts', accountRows),
      Opportunities: table('Opportunities', oppRows),
      Contacts: table('Contacts', contactRows),
      DecisionChain: table('DecisionChain', chainRows),
      Activities: table('Activities', activityRows),
      Targets: table('Targets', targetRows),
      Actions: table('Actions', actionRows),
    },
    config: defaultConfigTables(locale),
    settings,
    settingCells,
    problems: [],
  };
}

function stageIndex(e: StageEventDefault): number {
  return DEFAULT_STAGES.findIndex((s) => s.stage === e.stage);
}
