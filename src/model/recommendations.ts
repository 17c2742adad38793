/**
 * The default Recommendations (Config table `Recommendations`: indicator, status, text en/zh)
 * the recommendations report quotes under each finding. Written from the method (DESIGN.md
 * §4): what a consultant tells a client whose indicator is Red or Amber. A blank Status
 * applies to both; a row with Status Red or Amber overrides it for that status. Consultants
 * edit the table; the report reads the workbook's own rows when it has them.
 */
import { Cell, isBlank, keyOf } from '../core/cells';
import { RagStatus, canonical } from '../core/enumerations';
import { Locale, Message, bi } from '../core/i18n';
import { TableData } from './snapshot';

export interface RecommendationDefault {
  indicator: string;
  /** 'Red' | 'Amber'; '' for both. */
  status: '' | 'Red' | 'Amber';
  text: Message;
}

const r = (indicator: string, en: string, zh: string, status: RecommendationDefault['status'] = ''): RecommendationDefault => ({
  indicator,
  status,
  text: bi(en, zh),
});

export const DEFAULT_RECOMMENDATIONS: readonly RecommendationDefault[] = [
  // WIN: win skills (提升赢单技巧)
  r(
    'WIN_RATE_COUNT',
    'Grade every open deal with the four questions before committing resources; drop or pause grade D deals and review each loss with the owner within two weeks.',
    '投入资源前用“四问”为每个进行中商机评级；暂停或放弃 D 级商机，并在两周内与负责人复盘每一笔丢单。',
  ),
  r(
    'WIN_RATE_VALUE',
    'Large deals are lost more often than small ones: assign a coach to every deal above the average size and confirm the decision chain before the proposal.',
    '大额商机的丢单多于小额商机：为高于平均金额的商机指定教练，并在提交方案前确认决策链。',
  ),
  r(
    'AVG_WON_DEAL',
    'Won deals are small: qualify the size question (Q_Size) honestly and widen the value proposition to the customer’s whole project, not one line item.',
    '赢单金额偏小：如实回答“规模”问题，并把价值主张扩展到客户的整个项目，而不是单个条目。',
  ),
  r(
    'COMP_WIN_RATE',
    'Against competitors we lose: know the customer’s decision criteria before the shortlist and build the unique value (Q_UniqueValue) with the evaluator.',
    '面对竞争对手时赢率偏低：在入围前掌握客户的决策标准，并与评估者一起确立我方独特价值。',
  ),
  r(
    'NO_DECISION_RATE',
    'Too many deals end with no decision: require a compelling event and a named customer project owner before a deal passes the Qualify stage.',
    '无决策结束的商机过多：商机通过立项阶段前，必须有明确的紧迫事件和客户方项目负责人。',
  ),
  r(
    'CYCLE_DAYS_WON',
    'Deals take long to close: agree the customer’s decision timeline (E_TIMELINE) early and review deals that exceed the stage’s standard days every two weeks.',
    '赢单周期偏长：尽早与客户确认决策时间表，并每两周复查超出阶段标准天数的商机。',
  ),
  r(
    'QUAL_SCORE_AVG',
    'Open deals answer few of the four questions with Yes: run a deal review on each open deal and turn every Unknown into a proven Yes or an honest No.',
    '进行中商机“四问”的肯定回答偏少：逐一评审进行中商机，把每个“未知”变为有证据的“是”或如实的“否”。',
  ),
  r(
    'GRADE_A_SHARE',
    'Few open deals are grade A: focus the team’s time on the deals closest to A and close the gaps of the weakest section first.',
    'A 级商机占比偏低：把团队时间集中在最接近 A 级的商机上，先补齐得分最低的部分。',
  ),
  r(
    'STAGE_EVIDENCE_RATE',
    'Deals sit in stages their events do not prove: move each deal back to the last stage whose essential events are logged, or log the missing events.',
    '商机所处阶段缺少充分事件的证明：把商机退回到必要事件已记录的最后阶段，或补记缺失的事件。',
  ),
  // PIPE: incubate and capture opportunities (孵化捕捉商机)
  r(
    'NEW_OPP_COUNT',
    'Few new opportunities: plan visits to Tier A and B accounts to uncover projects, and ask each account owner for two new opportunities this quarter.',
    '新商机数量不足：安排对 A、B 类客户的拜访以发掘项目，并要求每位客户负责人本季度新增两个商机。',
  ),
  r(
    'NEW_PIPE_VALUE',
    'New pipeline is small: aim prospecting at accounts with the largest whitespace (wallet minus our revenue).',
    '新增商机金额偏低：把开拓重点放在空白市场（客户采购预算减去我方收入）最大的客户上。',
  ),
  r(
    'OPEN_PIPE',
    'The open pipeline is thin: review the account plans of key accounts for projects not yet entered as opportunities.',
    '进行中商机金额偏低：检查重点客户的客户计划，找出尚未录入为商机的项目。',
  ),
  r(
    'WEIGHTED_PIPE',
    'The weighted pipeline is low: most value sits in early stages; advance the best deals by proving their next stage’s essential events.',
    '加权商机金额偏低：多数金额处于早期阶段；通过证明下一阶段的必要事件推进最好的商机。',
  ),
  r(
    'TARGET_ATTAIN',
    'Target attainment is behind: list the deals that can close in the period and give each a dated next step and an executive sponsor.',
    '目标完成率落后：列出本期可成交的商机，为每一个设定有日期的下一步行动和高层支持人。',
  ),
  r(
    'PIPE_COVERAGE',
    'The pipeline does not cover the gap to target: add opportunities closing in the period or pull forward deals whose customer timeline allows it.',
    '商机覆盖不足以弥补目标缺口：增加本期可成交的商机，或在客户时间表允许时提前推进商机。',
  ),
  r(
    'REQUIRED_COVERAGE',
    'The win rate needs a large pipeline multiple: raise the win rate through grading, or build pipeline to the multiple this rate requires.',
    '当前赢率要求很高的商机覆盖倍数：通过商机评级提高赢率，或把商机储备提高到该赢率所需的倍数。',
  ),
  r(
    'SALES_VELOCITY',
    'Sales velocity is low: of its four parts (open deals, deal size, win rate, cycle), improve the weakest one shown in this report.',
    '销售速度偏低：在其四个组成部分（进行中商机数、单笔金额、赢率、周期）中，先改进本报告中最弱的一项。',
  ),
  r(
    'LATE_STAGE_SHARE',
    'Little value is in late stages: review Solution-stage deals for a shortlist decision and meet the approver of each.',
    '后期阶段的商机金额偏少：评审方案交流阶段的商机能否入围，并与每个商机的批准者会面。',
  ),
  r(
    'SHARE_OF_WALLET',
    'Our share of key accounts’ spend is low: for each Tier A and B account, name the budget lines we do not serve yet and plan an offer for one.',
    '我方在重点客户采购中的份额偏低：为每个 A、B 类客户列出我方尚未覆盖的预算项，并为其中一项制定方案。',
  ),
  r(
    'WHITESPACE',
    'Large whitespace remains: rank key accounts by wallet minus our revenue and put the top ones into account plans with an owner and a date.',
    '空白市场仍然很大：按客户采购预算减去我方收入对重点客户排序，把排名靠前的客户写入客户计划，明确负责人和日期。',
  ),
  r(
    'ACCOUNT_GROWTH',
    'Key accounts do not grow: review each account plan’s objectives at the end of the quarter and add actions where revenue falls.',
    '重点客户收入未增长：在季度末复查每份客户计划的目标，并在收入下降的客户上增加行动。',
  ),
  r(
    'KEYACC_PIPE_SHARE',
    'Little pipeline comes from key accounts: effort goes to Tier C and D; redirect prospecting to Tier A and B.',
    '来自重点客户的商机偏少：精力花在了 C、D 类客户上；应把开拓重点转向 A、B 类客户。',
  ),
  r(
    'TIER_A_REVENUE_SHARE',
    'Tier A accounts bring little revenue: check the tiering thresholds with the consultant and invest in the Tier A relationships.',
    'A 类客户贡献的收入偏少：与顾问一起检查分级阈值，并加大对 A 类客户关系的投入。',
  ),
  // REL: relationships (提升关系)
  r(
    'ROLE_COVERAGE',
    'Decision chains miss buying roles: for each open deal, name the approver, decision maker, evaluator and user, and plan a meeting with the missing ones.',
    '决策链缺少采购角色：为每个进行中商机明确批准者、决策者、评估者和使用者，并安排与缺失角色的会面。',
  ),
  r(
    'KEYPLAYER_SUPPORT',
    'Key players do not support us: for each neutral or opposing key player, agree what they need and who on our side builds the relationship.',
    '关键人物的支持度偏低：针对每位中立或反对的关键人物，明确其诉求以及我方由谁建立关系。',
  ),
  r(
    'MENTOR_RATE',
    'Few deals have a mentor: find a mentor in every open deal before the Shortlist stage; without one, grade section 3 honestly.',
    '有内线教练的商机偏少：在入围阶段前为每个进行中商机找到内线教练；没有时如实填写第三部分。',
  ),
  r(
    'OPPONENT_MAPPED_RATE',
    'Opponents are not mapped: every deal has someone who prefers another outcome; find them and record their position.',
    '反对者未被识别：每个商机都有人倾向于其他结果；找出他们并记录其立场。',
  ),
  r(
    'COVERAGE_DEPTH',
    'Contacts are met only briefly: plan repeated, in-depth meetings with the inner circle of each deal.',
    '与联系人的接触偏浅：为每个商机的核心圈人物安排多次深度会面。',
  ),
  r(
    'DECISION_MAKER_MAPPED',
    'Deals without a known decision maker or approver: identify them before the Solution stage.',
    '部分商机尚未明确决策者或批准者：应在方案交流阶段之前确认。',
  ),
  r(
    'EXEC_ACCESS',
    'Tier A accounts lack executive contact: plan one executive meeting per Tier A account per quarter, with our own executive.',
    'A 类客户缺少高层接触：每个 A 类客户每季度安排一次由我方高层参加的高层拜访。',
  ),
  r(
    'VISIT_SLA',
    'Accounts are not visited as often as their tier asks: plan visits by tier interval (A 30, B 60, C 90, D 180 days) and log each visit.',
    '客户拜访频率未达到分级要求：按分级间隔（A 类 30 天、B 类 60 天、C 类 90 天、D 类 180 天）安排拜访并记录。',
  ),
  r(
    'RELATIONSHIP_LEVEL_AVG',
    'Relationships with key-account contacts stay at vendor level: move each key contact one level up (credible source, problem solver, trusted advisor) with a plan.',
    '与重点客户联系人的关系停留在供应商层级：为每位关键联系人制定计划，逐级提升（可信来源、问题解决者、信任顾问）。',
  ),
  // BEH: project behaviour (掌握项目行为)
  r(
    'ACT_PER_OPP',
    'Open deals get few activities: each open deal needs at least one logged customer activity a month.',
    '进行中商机的活动偏少：每个进行中商机每月至少应有一次记录在案的客户活动。',
  ),
  r(
    'STALE_RATE',
    'Many open deals are stale: review them in the next deal review; revive each with a dated next step or close it.',
    '停滞的进行中商机过多：在下次商机评审中逐一检查；为每个商机设定有日期的下一步行动，或将其关闭。',
  ),
  r(
    'STAGE_OVERRUN',
    'Deals stay in a stage longer than its standard days: find what blocks each and agree the event that moves it on.',
    '商机停留在某阶段的时间超出标准天数：找出每个商机的阻碍，并约定推动其前进的事件。',
  ),
  r(
    'CLOSE_SLIP_RATE',
    'Close dates slip: set close dates from the customer’s timeline, not hope, and review every pushed deal.',
    '预计成交日期经常推迟：按客户的时间表而非主观期望设定成交日期，并复查每个推迟过的商机。',
  ),
  r(
    'OVERDUE_RATE',
    'Open deals are past their close date: update each date or close the deal; an overdue date hides the real pipeline.',
    '进行中商机已过预计成交日期：逐一更新日期或关闭商机；过期日期会掩盖真实的商机储备。',
  ),
  r(
    'NEXT_STEP_RATE',
    'Open deals have no future next step: no deal leaves a review without a dated next step.',
    '进行中商机缺少未来的下一步行动：每个商机在评审结束时都必须有带日期的下一步行动。',
  ),
  r(
    'KEY_INFO_COMPLETE',
    'Key deal information is missing: fill amount, close date, owner, competitor, next step and the four questions before each review.',
    '商机关键信息不完整：每次评审前填写金额、成交日期、负责人、竞争对手、下一步行动和“四问”。',
  ),
  r(
    'PLAN_ACTION_DONE',
    'Account-plan actions are not done on time: review due actions every two weeks and reassign the ones that slip.',
    '客户计划中的行动未按时完成：每两周复查到期的行动，重新分派延误的行动。',
  ),
];

/** One recommendation as the report uses it. */
export interface Recommendation {
  indicator: string;
  status: '' | 'Red' | 'Amber';
  text: Message;
}

const column = (t: TableData, name: string) => t.headers.indexOf(name);

/**
 * The workbook's Recommendations table as rows (blank text in one language falls back to the
 * other's); the defaults when the workbook has no such table.
 */
export function recommendationsOf(table: TableData | undefined): Recommendation[] {
  if (!table) return DEFAULT_RECOMMENDATIONS.map((x) => ({ ...x }));
  const [ci, cs, ce, cz] = ['Indicator', 'Status', 'TextEn', 'TextZh'].map((n) => column(table, n));
  const text = (c: Cell | undefined) => (isBlank(c) ? '' : String(c).trim());
  const out: Recommendation[] = [];
  for (const row of table.rows) {
    const indicator = ci < 0 ? '' : text(row[ci]).toUpperCase();
    if (!indicator) continue;
    const status = cs < 0 || isBlank(row[cs]) ? '' : canonical(RagStatus, row[cs]);
    if (status !== '' && status !== 'Red' && status !== 'Amber') continue;
    const en = ce < 0 ? '' : text(row[ce]);
    const zh = cz < 0 ? '' : text(row[cz]);
    if (!en && !zh) continue;
    out.push({ indicator, status, text: { en: en || zh, zh: zh || en } });
  }
  return out;
}

/** The recommendation for an indicator in a status: the status's own row first, else the row for both. */
export function recommendationFor(
  recommendations: readonly Recommendation[],
  indicator: string,
  status: string | null,
): Recommendation | undefined {
  const id = keyOf(indicator);
  const mine = recommendations.filter((x) => keyOf(x.indicator) === id);
  return mine.find((x) => x.status === status) ?? mine.find((x) => x.status === '');
}

/** The default rows in a Config table's column order (Indicator, Status, TextEn, TextZh). */
export function defaultRecommendationRows(locale: Locale): Cell[][] {
  const statusLabel = (s: RecommendationDefault['status']) =>
    s === '' ? null : locale === 'zh-CN' ? RagStatus.values.find((v) => v.code === s)!.zh : s;
  return DEFAULT_RECOMMENDATIONS.map((x) => [x.indicator, statusLabel(x.status), x.text.en, x.text.zh]);
}
