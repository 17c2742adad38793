/**
 * The built-in value-indicator catalog (DESIGN.md §6): each indicator is one readable
 * formula of CRM3 functions over the workbook's defined names. The engine evaluates these
 * (or the rows of a workbook's own Indicators sheet); the templates write them into cells.
 */
import { IndicatorRow } from './snapshot';

export type Goal = 'WIN' | 'PIPE' | 'REL' | 'BEH';

export const GOALS: readonly { id: Goal; en: string; zh: string }[] = [
  { id: 'WIN', en: 'Win skills', zh: '提升赢单技巧' },
  { id: 'PIPE', en: 'Incubate and capture opportunities', zh: '孵化捕捉商机' },
  { id: 'REL', en: 'Relationships', zh: '提升关系' },
  { id: 'BEH', en: 'Project behaviour', zh: '掌握项目行为' },
];

const P = 'PeriodStart,PeriodEnd';
const WON_P = `CRM3.DEALSUM(Opp_Status,"Won",Opp_Amount,Opp_CloseDate,${P})`;
const TARGET_P = `CRM3.TARGET(Tgt_Amount,Tgt_StartDate,Tgt_EndDate,${P})`;
const WIN_RATE = `CRM3.WINRATE(Opp_Status,,Opp_CloseDate,${P},NoDecisionIsLoss)`;
const OPEN_PIPE = 'CRM3.PIPELINE(Opp_Status,Opp_Amount)';
const ACT_ACCOUNT = 'CRM3.ACCOUNTOF(Act_AccountId,Act_OppId,Opp_OppId,Opp_AccountId)';

type Unit = IndicatorRow['unit'];
const UP = 'HigherIsBetter' as const;
const DOWN = 'LowerIsBetter' as const;

function ind(id: string, goal: Goal, en: string, zh: string, formula: string, unit: Unit, direction: IndicatorRow['direction'], green: number | null, red: number | null): IndicatorRow {
  return { id, goal, name: { en, zh }, formula: `=${formula}`, unit, direction, green, red };
}

export const BUILT_IN_INDICATORS: readonly IndicatorRow[] = [
  ind('WIN_RATE_COUNT', 'WIN', 'Win rate (count)', '赢率（按个数）', WIN_RATE, 'ratio', UP, 0.4, 0.25),
  ind('WIN_RATE_VALUE', 'WIN', 'Win rate (value)', '赢率（按金额）', `CRM3.WINRATE(Opp_Status,Opp_Amount,Opp_CloseDate,${P},NoDecisionIsLoss)`, 'ratio', UP, 0.4, 0.25),
  ind('AVG_WON_DEAL', 'WIN', 'Average won deal', '平均赢单金额', `CRM3.RATIO(${WON_P},CRM3.DEALCOUNT(Opp_Status,"Won",Opp_CloseDate,${P}))`, 'amount', UP, null, null),
  ind('COMP_WIN_RATE', 'WIN', 'Win rate against competitors', '有竞争对手时的赢率', `CRM3.WINRATE(Opp_Status,,Opp_CloseDate,${P},NoDecisionIsLoss,Opp_Competitor,"*")`, 'ratio', UP, 0.35, 0.2),
  ind('NO_DECISION_RATE', 'WIN', 'No-decision rate', '无决策率', `CRM3.RATIO(CRM3.DEALCOUNT(Opp_Status,"NoDecision",Opp_CloseDate,${P}),CRM3.DEALCOUNT(Opp_Status,"Won,Lost,NoDecision",Opp_CloseDate,${P}))`, 'ratio', DOWN, 0.1, 0.2),
  ind('CYCLE_DAYS_WON', 'WIN', 'Sales cycle of won deals (days)', '赢单销售周期（天）', `CRM3.CYCLEDAYS(Opp_Status,Opp_CreatedDate,Opp_CloseDate,${P})`, 'days', DOWN, 90, 180),
  ind('QUAL_SCORE_AVG', 'WIN', 'Average qualification score', '商机评估平均分', 'CRM3.MEAN(Opp_QualScore,Opp_Status,"Open")', 'number', UP, 60, 40),
  ind('GRADE_A_SHARE', 'WIN', 'Share of grade A opportunities', 'A 级商机占比', 'CRM3.SHARE(Opp_Grade,"A",Opp_Status,"Open")', 'ratio', UP, 0.3, 0.1),
  ind('STAGE_EVIDENCE_RATE', 'WIN', 'Stage evidence rate', '阶段充分事件达标率', 'CRM3.SHARE(Opp_StageCheck,"OK",Opp_Status,"Open")', 'ratio', UP, 0.8, 0.5),
  ind('NEW_OPP_COUNT', 'PIPE', 'New opportunities', '新增商机数', `CRM3.DEALCOUNT(Opp_Status,"*",Opp_CreatedDate,${P})`, 'count', UP, null, null),
  ind('NEW_PIPE_VALUE', 'PIPE', 'New pipeline value', '新增商机金额', `CRM3.DEALSUM(Opp_Status,"*",Opp_Amount,Opp_CreatedDate,${P})`, 'amount', UP, null, null),
  ind('OPEN_PIPE', 'PIPE', 'Open pipeline', '在途商机金额', OPEN_PIPE, 'amount', UP, null, null),
  ind('WEIGHTED_PIPE', 'PIPE', 'Weighted pipeline', '加权商机金额', 'CRM3.PIPELINE(Opp_Status,Opp_Amount,Opp_Probability)', 'amount', UP, null, null),
  ind('TARGET_ATTAIN', 'PIPE', 'Target attainment', '目标达成率', `CRM3.RATIO(${WON_P},${TARGET_P})`, 'ratio', UP, 1, 0.7),
  ind('PIPE_COVERAGE', 'PIPE', 'Pipeline coverage of the gap to target', '商机覆盖率（对剩余目标）', `CRM3.COVERAGE(CRM3.PIPELINE(Opp_Status,Opp_Amount,,Opp_CloseDate,,PeriodEnd),${TARGET_P},${WON_P})`, 'number', UP, 3, 2),
  ind('REQUIRED_COVERAGE', 'PIPE', 'Required coverage (1 / win rate)', '所需覆盖倍数（1 / 赢率）', `CRM3.RATIO(1,${WIN_RATE})`, 'number', DOWN, null, null),
  ind('SALES_VELOCITY', 'PIPE', 'Sales velocity (per day)', '销售速度（每天）', `CRM3.VELOCITY(Opp_Status,Opp_Amount,Opp_CreatedDate,Opp_CloseDate,${P},NoDecisionIsLoss)`, 'amount', UP, null, null),
  ind('LATE_STAGE_SHARE', 'PIPE', 'Late-stage share of pipeline', '后期阶段商机金额占比', `CRM3.RATIO(CRM3.SUM(Opp_Amount,Opp_Status,"Open",CRM3.LOOKUPBY(Opp_Stage,Stages_Stage,Stages_Order,""),">=4"),${OPEN_PIPE})`, 'ratio', UP, 0.3, 0.15),
  ind('SHARE_OF_WALLET', 'PIPE', 'Share of wallet (key accounts)', '重点客户钱包份额', 'CRM3.SHAREOFWALLET(Acc_Revenue12m,Acc_WalletEstimate,Acc_Tier,"A,B")', 'ratio', UP, 0.3, 0.15),
  ind('WHITESPACE', 'PIPE', 'Whitespace (key accounts)', '重点客户空白市场', 'CRM3.WHITESPACE(Acc_WalletEstimate,Acc_Revenue12m,Acc_Tier,"A,B")', 'amount', UP, null, null),
  ind('ACCOUNT_GROWTH', 'PIPE', 'Key-account revenue growth', '重点客户收入增长', 'CRM3.GROWTH(Acc_Revenue12m,Acc_RevenuePrev12m,Acc_Tier,"A,B")', 'ratio', UP, 0.1, 0),
  ind('KEYACC_PIPE_SHARE', 'PIPE', 'Key-account share of pipeline', '重点客户商机金额占比', `CRM3.RATIO(CRM3.PIPELINE(Opp_Status,Opp_Amount,,,,,CRM3.LOOKUPBY(Opp_AccountId,Acc_AccountId,Acc_Tier,""),"A,B"),${OPEN_PIPE})`, 'ratio', UP, 0.6, 0.4),
  ind('TIER_A_REVENUE_SHARE', 'PIPE', 'Tier A share of revenue', 'A 类客户收入占比', 'CRM3.RATIO(CRM3.SUM(Acc_Revenue12m,Acc_Tier,"A"),CRM3.SUM(Acc_Revenue12m))', 'ratio', UP, null, null),
  ind('ROLE_COVERAGE', 'REL', 'Buying-role coverage', '采购角色覆盖率', 'CRM3.MEAN(CRM3.ROLECOVERAGE(Opp_OppId,Dc_OppId,Dc_BuyingRole),Opp_Status,"Open")', 'ratio', UP, 0.75, 0.5),
  ind('KEYPLAYER_SUPPORT', 'REL', 'Key-player support', '关键人支持率', 'CRM3.KEYPLAYERSUPPORT(Dc_OppId,Dc_PoliticalStatus,Dc_BuyingRole,Dc_Support,Opp_OppId,Opp_Status)', 'ratio', UP, 0.6, 0.4),
  ind('MENTOR_RATE', 'REL', 'Opportunities with a mentor', '有内线教练的商机占比', 'CRM3.SHARE(CRM3.COUNTBY(Dc_OppId,Opp_OppId,Dc_Support,"Mentor"),">0",Opp_Status,"Open")', 'ratio', UP, 0.5, 0.25),
  ind('OPPONENT_MAPPED_RATE', 'REL', 'Opportunities with opponents mapped', '已识别反对者的商机占比', 'CRM3.SHARE(CRM3.COUNTBY(Dc_OppId,Opp_OppId,Dc_Support,"NonSupporter,Enemy"),">0",Opp_Status,"Open")', 'ratio', UP, 0.5, 0.2),
  ind('COVERAGE_DEPTH', 'REL', 'Contact depth (0–3)', '接触深度（0–3）', 'CRM3.MEAN(CRM3.ENUMSCORE(Dc_Coverage,"Coverage"),CRM3.LOOKUPBY(Dc_OppId,Opp_OppId,Opp_Status,""),"Open")', 'number', UP, 2, 1),
  ind('DECISION_MAKER_MAPPED', 'REL', 'Decision maker mapped', '已识别决策者的商机占比', 'CRM3.SHARE(CRM3.COUNTBY(Dc_OppId,Opp_OppId,Dc_BuyingRole,"Approver,DecisionMaker"),">0",Opp_Status,"Open")', 'ratio', UP, 0.8, 0.5),
  ind('EXEC_ACCESS', 'REL', 'Executive access (Tier A)', 'A 类客户高层拜访覆盖率', `CRM3.SHARE(CRM3.LASTACTIVITY(Acc_AccountId,${ACT_ACCOUNT},Act_Date,AsOfDate,Act_Type,"ExecutiveMeeting"),">"&(AsOfDate-ExecWindowDays),Acc_Tier,"A")`, 'ratio', UP, 0.8, 0.5),
  ind('VISIT_SLA', 'REL', 'Visit interval met', '拜访频率达标率', `CRM3.SHARE(CRM3.STALE(CRM3.LASTACTIVITY(Acc_AccountId,${ACT_ACCOUNT},Act_Date,AsOfDate),AsOfDate,CRM3.LOOKUPBY(Acc_Tier,Tiers_Tier,Tiers_VisitIntervalDays,"")),FALSE(),Acc_Tier,"*")`, 'ratio', UP, 0.8, 0.5),
  ind('RELATIONSHIP_LEVEL_AVG', 'REL', 'Relationship level (1–4)', '客户关系层级（1–4）', 'CRM3.MEAN(CRM3.ENUMSCORE(Con_RelationshipLevel,"RelationshipLevel"),CRM3.LOOKUPBY(Con_AccountId,Acc_AccountId,Acc_Tier,""),"A,B")', 'number', UP, 3, 2),
  ind('ACT_PER_OPP', 'BEH', 'Activities per open opportunity', '每个在途商机的活动数', 'CRM3.MEAN(CRM3.ACTIVITYCOUNT(Opp_OppId,Act_OppId,Act_Date,AsOfDate,ActivityWindowDays),Opp_Status,"Open")', 'number', UP, 3, 1),
  ind('STALE_RATE', 'BEH', 'Stale opportunities', '停滞商机占比', 'CRM3.SHARE(CRM3.STALE(CRM3.LASTACTIVITY(Opp_OppId,Act_OppId,Act_Date,AsOfDate),AsOfDate,StaleDays),TRUE(),Opp_Status,"Open")', 'ratio', DOWN, 0.1, 0.25),
  ind('STAGE_OVERRUN', 'BEH', 'Stage overrun', '阶段超时占比', 'CRM3.SHARE(CRM3.OVERRUN(Opp_Status,Opp_Stage,Opp_StageEnteredDate,AsOfDate,Stages_Stage,Stages_StandardDays),TRUE(),Opp_Status,"Open",Opp_StageEnteredDate,"*")', 'ratio', DOWN, 0.2, 0.4),
  ind('CLOSE_SLIP_RATE', 'BEH', 'Close-date slips', '结单日期推迟占比', 'CRM3.SHARE(Opp_CloseDatePushes,">=1",Opp_Status,"Open")', 'ratio', DOWN, 0.2, 0.4),
  ind('OVERDUE_RATE', 'BEH', 'Overdue opportunities', '逾期商机占比', 'CRM3.SHARE(Opp_CloseDate,"<"&AsOfDate,Opp_Status,"Open")', 'ratio', DOWN, 0.1, 0.25),
  ind('NEXT_STEP_RATE', 'BEH', 'Next step planned', '已安排下一步的商机占比', 'CRM3.SHARE(Opp_NextStepDate,">="&AsOfDate,Opp_Status,"Open")', 'ratio', UP, 0.8, 0.5),
  ind('KEY_INFO_COMPLETE', 'BEH', 'Key information complete', '关键信息完整度', 'CRM3.MEAN(CRM3.KEYINFO(Opp_Amount,Opp_CloseDate,Opp_Owner,Opp_Competitor,Opp_NextStepDate,Opp_StageEnteredDate,Opp_Answers),Opp_Status,"Open")', 'ratio', UP, 0.8, 0.6),
  ind('PLAN_ACTION_DONE', 'BEH', 'Account-plan actions done on time', '客户计划行动按期完成率', 'CRM3.SHARE(Axn_Done,"Yes,1",Axn_DueDate,"<="&AsOfDate)', 'ratio', UP, 0.8, 0.5),
];
