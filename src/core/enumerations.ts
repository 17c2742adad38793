/**
 * The CRM3 enumerations (DESIGN.md §3) with their zh names and aliases. They live in calc,
 * the bottom layer, because kernels fold aliases themselves; src/model re-exports them.
 */
import { Cell, keyOf } from './cells';

export interface EnumValue {
  code: string;
  zh: string;
  aliases?: readonly (string | number | boolean)[];
  /** The number the methodology attaches to the value (support +2…−2, coverage 0…3, …). */
  score?: number;
}

export interface Enumeration {
  name: string;
  values: readonly EnumValue[];
}

const define = (name: string, values: EnumValue[]): Enumeration => ({ name, values });

export const Status = define('Status', [
  { code: 'Open', zh: '进行中', aliases: ['跟进中', 'Active', 'In Progress'] },
  { code: 'Won', zh: '赢单', aliases: ['Closed Won', 'Win', '已赢单', '成交'] },
  { code: 'Lost', zh: '丢单', aliases: ['Closed Lost', 'Loss', '已丢单', '输单'] },
  { code: 'NoDecision', zh: '无决策', aliases: ['No Decision', 'No-Decision', 'ND', '搁置', '取消', '无效'] },
]);

export const Answer = define('Answer', [
  { code: 'Yes', zh: '是', aliases: ['Y', '+', 1, true, '√', '✓'], score: 1 },
  { code: 'Unknown', zh: '未知', aliases: ['?', '？', '不确定', 'U'] },
  { code: 'No', zh: '否', aliases: ['N', '−', '-', 0, false, '×', '✗'], score: 0 },
]);

export const BuyingRole = define('BuyingRole', [
  { code: 'Approver', zh: '批准者', aliases: ['审批者', '最终批准者'] },
  { code: 'DecisionMaker', zh: '决策者', aliases: ['Decision Maker', '决策人'] },
  { code: 'Evaluator', zh: '评估者', aliases: ['评估人', '技术评估者'] },
  { code: 'User', zh: '使用者', aliases: ['用户', '使用人'] },
]);

export const Support = define('Support', [
  { code: 'Mentor', zh: '内线教练', aliases: ['Coach', '教练', '内线'], score: 2 },
  { code: 'Supporter', zh: '支持者', aliases: ['支持'], score: 1 },
  { code: 'Neutral', zh: '中立', aliases: ['中立者'], score: 0 },
  { code: 'NonSupporter', zh: '不支持', aliases: ['Non-Supporter', 'Non Supporter', '不支持者'], score: -1 },
  { code: 'Enemy', zh: '反对者', aliases: ['Opponent', '反对'], score: -2 },
]);

export const Coverage = define('Coverage', [
  { code: 'NoContact', zh: '未接触', aliases: ['No Contact', 'None', 0], score: 0 },
  { code: 'Brief', zh: '简单接触', aliases: [1], score: 1 },
  { code: 'Multiple', zh: '多次接触', aliases: [2], score: 2 },
  { code: 'InDepth', zh: '深度接触', aliases: ['In Depth', 'In-Depth', 3], score: 3 },
]);

export const PoliticalStatus = define('PoliticalStatus', [
  { code: 'InnerCircle', zh: '核心圈', aliases: ['Inner Circle', '核心'] },
  { code: 'PoliticalStructure', zh: '权力结构', aliases: ['Political Structure'] },
  { code: 'Outside', zh: '外围', aliases: ['Outsider'] },
]);

export const Influence = define('Influence', [
  { code: 'High', zh: '高', aliases: ['H'], score: 3 },
  { code: 'Medium', zh: '中', aliases: ['M', 'Mid'], score: 2 },
  { code: 'Low', zh: '低', aliases: ['L'], score: 1 },
]);

export const RelationshipLevel = define('RelationshipLevel', [
  { code: 'Vendor', zh: '供应商', aliases: [1, '普通供应商'], score: 1 },
  { code: 'CredibleSource', zh: '可信来源', aliases: ['Credible Source', 2], score: 2 },
  { code: 'ProblemSolver', zh: '问题解决者', aliases: ['Problem Solver', 3], score: 3 },
  { code: 'TrustedAdvisor', zh: '信赖顾问', aliases: ['Trusted Advisor', 4, '值得信赖的顾问'], score: 4 },
]);

export const ActivityType = define('ActivityType', [
  { code: 'ExecutiveMeeting', zh: '高层拜访', aliases: ['Executive Meeting', 'Exec Meeting', '高层会谈'] },
  { code: 'Visit', zh: '拜访', aliases: ['Meeting', '面访'] },
  { code: 'Call', zh: '电话', aliases: ['Phone'] },
  { code: 'Demo', zh: '演示', aliases: ['Presentation'] },
  { code: 'Proposal', zh: '方案', aliases: ['方案提交'] },
  { code: 'Email', zh: '邮件', aliases: ['E-mail'] },
  { code: 'Event', zh: '活动', aliases: ['Seminar', '研讨会'] },
]);

export const Tier = define('Tier', [
  { code: 'A', zh: 'A' },
  { code: 'B', zh: 'B' },
  { code: 'C', zh: 'C' },
  { code: 'D', zh: 'D' },
]);

export const TierMethod = define('TierMethod', [
  { code: 'Matrix', zh: '矩阵法', aliases: ['矩阵'] },
  { code: 'Score', zh: '计分法', aliases: ['综合计分法', '分数'] },
]);

export const Direction = define('Direction', [
  { code: 'HigherIsBetter', zh: '越高越好', aliases: ['Higher', 'Up', '高', '↑'] },
  { code: 'LowerIsBetter', zh: '越低越好', aliases: ['Lower', 'Down', '低', '↓'] },
]);

/**
 * An indicator's traffic light (红黄绿灯). The codes stay English in cells of every locale, so
 * conditional formats and =COUNTIF(Ind_Status,"Red") work alike; people read the zh names.
 * NoData: the inputs are absent, so there is no light at all (never Red, Amber or Green).
 */
export const RagStatus = define('RagStatus', [
  { code: 'Green', zh: '绿灯', aliases: ['G', '绿'] },
  { code: 'Amber', zh: '黄灯', aliases: ['A', 'Yellow', '黄'] },
  { code: 'Red', zh: '红灯', aliases: ['R', '红'] },
  { code: 'NoData', zh: '无数据', aliases: ['No data', 'N/A'] },
]);

/**
 * Where an account-plan action stands on a date (calc/actions.ts, issue 16): done on time
 * (DoneDate ≤ DueDate), done late, overdue (not done, due date passed), pending (not done, not
 * yet past due), done without a due date, or done without a DoneDate (timing unknown: never
 * counted as on time).
 */
export const ActionStatus = define('ActionStatus', [
  { code: 'OnTime', zh: '按期完成', aliases: ['On time', 'Done on time'] },
  { code: 'Late', zh: '逾期完成', aliases: ['Done late'] },
  { code: 'Overdue', zh: '已逾期', aliases: ['逾期未完成'] },
  { code: 'Pending', zh: '待完成', aliases: ['Not due', '未到期'] },
  { code: 'Done', zh: '已完成', aliases: ['Done without due date', '已完成（无截止日期）'] },
  { code: 'DoneUndated', zh: '完成日期未填', aliases: ['Done without done date', '已完成（无完成日期）'] },
]);

/** The two axes of the ABCD matrix a criterion belongs to (Config Criteria_Axis). */
export const Axis = define('Axis', [
  { code: 'Attractiveness', zh: '吸引力', aliases: ['A', 'Attractive', '客户吸引力', '市场吸引力'] },
  { code: 'Position', zh: '竞争地位', aliases: ['P', 'Pos', '地位', 'Competitive Position', '我方地位'] },
]);

/** Default stage names (Config may define others); zh names accepted as aliases. */
export const DefaultStage = define('Stage', [
  { code: 'Discover', zh: '发现', aliases: ['Discovery'] },
  { code: 'Qualify', zh: '立项', aliases: ['Qualification'] },
  { code: 'Solution', zh: '方案交流', aliases: ['Solutioning', '方案'] },
  { code: 'Shortlist', zh: '入围', aliases: ['Short-list', 'Short list'] },
  { code: 'Negotiate', zh: '谈判', aliases: ['Negotiation'] },
]);

export const ALL_ENUMERATIONS: readonly Enumeration[] = [
  Status,
  Answer,
  BuyingRole,
  Support,
  Coverage,
  PoliticalStatus,
  Influence,
  RelationshipLevel,
  ActivityType,
  Tier,
  TierMethod,
  Direction,
  DefaultStage,
  ActionStatus,
];

type Index = Map<string, EnumValue>;
const indexes = new WeakMap<Enumeration, Index>();

function indexOf(e: Enumeration): Index {
  let ix = indexes.get(e);
  if (!ix) {
    ix = new Map();
    for (const v of e.values) {
      for (const a of [v.code, v.zh, ...(v.aliases ?? [])]) {
        const k = keyOf(a as Cell);
        if (!ix.has(k)) ix.set(k, v);
      }
      // Codes written with spaces ("No Decision", "In Depth") match their joined form.
      ix.set(keyOf(v.code.replace(/([a-z])([A-Z])/g, '$1 $2')), v);
    }
    indexes.set(e, ix);
  }
  return ix;
}

/** The enumeration value a cell stands for, or undefined (blank or unknown). */
export function lookupEnum(e: Enumeration, c: Cell | undefined): EnumValue | undefined {
  if (c === null || c === undefined) return undefined;
  return indexOf(e).get(keyOf(c));
}

/** Canonical code of a cell, or undefined. */
export function canonical(e: Enumeration, c: Cell | undefined): string | undefined {
  return lookupEnum(e, c)?.code;
}

/** The word people read for a value: its zh name in zh, its code in en; the cell as text when unknown. */
export function valueLabel(e: Enumeration, c: Cell | undefined, locale: 'en-US' | 'zh-CN'): string {
  const v = lookupEnum(e, c);
  if (!v) return c === null || c === undefined ? '' : String(c);
  return locale === 'zh-CN' ? v.zh : v.code.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** "Open/进行中, Won/赢单, …" for en messages; "进行中（Open）、赢单（Won）、…" for zh ones. */
export function allowedList(e: Enumeration, locale: 'en-US' | 'zh-CN' = 'en-US'): string {
  if (locale === 'zh-CN') return e.values.map((v) => (v.zh === v.code ? v.code : `${v.zh}（${v.code}）`)).join('、');
  return e.values.map((v) => `${v.code}/${v.zh}`).join(', ');
}

/** Enumeration by name, case-insensitively ("coverage", "Support"). */
export function enumerationNamed(name: string): Enumeration | undefined {
  const k = keyOf(name);
  return ALL_ENUMERATIONS.find((e) => keyOf(e.name) === k);
}

/**
 * Global canonical form used for criteria matching: a text that is a value of some
 * enumeration matches any alias of that value ("进行中" matches "Open"). Enumerations are
 * checked in declaration order; codes across enumerations do not collide.
 */
const globalAliases = new Map<string, string>();
for (const e of ALL_ENUMERATIONS) {
  if (e === Answer || e === Coverage || e === RelationshipLevel) continue; // their numeric aliases would turn 1 into "Yes"
  for (const [k, v] of indexOf(e)) if (!globalAliases.has(k)) globalAliases.set(k, keyOf(v.code));
}
for (const v of Answer.values) {
  for (const a of [v.code, v.zh, ...(v.aliases ?? [])]) {
    if (typeof a === 'string' && !globalAliases.has(keyOf(a))) globalAliases.set(keyOf(a), keyOf(v.code));
  }
}
for (const e of [Coverage, RelationshipLevel]) {
  for (const v of e.values) for (const a of [v.code, v.zh]) globalAliases.set(keyOf(a), keyOf(v.code));
}

/** keyOf(c), with enumeration aliases folded onto their code and booleans onto Yes/No. */
export function matchKey(c: Cell | undefined): string {
  if (typeof c === 'boolean') return c ? 'YES' : 'NO'; // TRUE/FALSE and Yes/No (是/否) are one answer
  const k = keyOf(c);
  if (typeof c !== 'string') return k;
  return globalAliases.get(k) ?? k;
}
