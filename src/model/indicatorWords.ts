/**
 * Each catalog indicator's words for its working (issue #19): what its numerator and
 * denominator count, the filters in plain words, and why rows were left out. The keys are the
 * ones its kernel reports (src/calc/*Working.ts); parts of an operand of RATIO or COVERAGE
 * are keyed `numerator:…`, `denominator:…`, `pipeline:…`. A consultant's own indicator gets the
 * kernel's generic words, which name the formula's arguments.
 */
import { Message, bi } from '../core/i18n';
import type { WorkingWords } from '../calc/working';

const OPEN = bi('open opportunities', '进行中的商机');
const OPEN_ONLY = bi('open opportunities only (Status Open)', '仅统计进行中的商机（状态为进行中）');
const NOT_OPEN = bi('not open (won, lost, no decision or no status)', '不在进行中（赢单、丢单、无决策或无状态）');
const KEY_ACCOUNTS_ONLY = bi('key accounts only (Tier A or B)', '仅统计重点客户（A、B 类）');
const NOT_KEY_ACCOUNT = bi('not a key account (tier C, D or none)', '不是重点客户（C、D 类或未分级）');
const NOT_OPEN_DEAL = bi('not open (won, lost or no decision)', '不在进行中（赢单、丢单或无决策）');
const NO_STATUS = bi('no status', '没有状态');

/** A share of open opportunities: `hit` of the open ones, the rest `miss`. */
function shareOfOpen(hit: Message, miss: Message, extra: Partial<WorkingWords> = {}): WorkingWords {
  return {
    parts: { numerator: hit, denominator: OPEN, miss, ...extra.parts },
    leftOut: { filter1: NOT_OPEN, ...extra.leftOut },
    filters: { filter1: OPEN_ONLY, ...extra.filters },
  };
}

/** A mean over open opportunities of a per-opportunity number. */
function meanOverOpen(sum: Message, counted: Message, blank: Message): WorkingWords {
  return {
    parts: { numerator: sum, denominator: counted },
    leftOut: { filter1: NOT_OPEN, blank },
    filters: { filter1: OPEN_ONLY },
  };
}

const WON_P = bi('amount won in the period', '期间内赢单金额');
const DEALS_LEFT_OUT = (prefix: string, other: Message): Record<string, Message> => ({
  [`${prefix}otherStatus`]: other,
  [`${prefix}blankStatus`]: NO_STATUS,
  [`${prefix}noDate`]: bi('no close date', '没有结单日期'),
  [`${prefix}outsidePeriod`]: bi('closed outside the period', '结单日期不在期间内'),
});
const TARGET_LEFT_OUT = (prefix: string): Record<string, Message> => ({
  [`${prefix}blank`]: bi('target without an amount', '目标没有金额'),
  [`${prefix}outsidePeriod`]: bi('target period not inside the period', '目标期间不在统计期间内'),
});

export const INDICATOR_WORDS: Readonly<Record<string, WorkingWords>> = {
  WIN_RATE_COUNT: {},
  WIN_RATE_VALUE: {},
  COMP_WIN_RATE: {
    parts: {
      numerator: bi('deals won against a competitor', '有竞争对手的赢单'),
      denominator: bi('deals closed against a competitor', '有竞争对手的已结单'),
    },
    leftOut: { filter1: bi('no competitor named', '未填写竞争对手') },
    filters: { filter1: bi('a competitor is named', '填写了竞争对手') },
  },
  AVG_WON_DEAL: {
    parts: { numerator: WON_P, denominator: bi('deals won in the period', '期间内赢单数') },
    leftOut: {
      ...DEALS_LEFT_OUT('numerator:', bi('not won', '未赢单')),
      ...DEALS_LEFT_OUT('denominator:', bi('not won', '未赢单')),
    },
  },
  NO_DECISION_RATE: {
    parts: {
      numerator: bi('closed with no decision', '无决策结单'),
      denominator: bi('deals closed (won, lost, no decision)', '已结单（赢单、丢单、无决策）'),
    },
    leftOut: {
      ...DEALS_LEFT_OUT('numerator:', bi('won or lost, or still open', '赢单或丢单，或仍在进行中')),
      ...DEALS_LEFT_OUT('denominator:', bi('still open', '仍在进行中')),
    },
  },
  CYCLE_DAYS_WON: {
    parts: {
      numerator: bi('days from creation to close, summed', '从创建到结单的天数合计'),
      denominator: bi('deals won in the period', '期间内赢单数'),
    },
  },
  QUAL_SCORE_AVG: meanOverOpen(
    bi('qualification scores, summed', '评估得分合计'),
    bi('open opportunities with a score', '有评估得分的进行中商机'),
    bi('no qualification score (questions not answered)', '没有评估得分（未回答评估问题）'),
  ),
  GRADE_A_SHARE: shareOfOpen(
    bi('open opportunities graded A', 'A 级的进行中商机'),
    bi('graded B, C, D or not graded', 'B、C、D 级或未评级'),
  ),
  STAGE_EVIDENCE_RATE: shareOfOpen(
    bi('open opportunities with every essential event proven', '必备充分事件均已证明的进行中商机'),
    bi('missing an essential event', '缺少必备充分事件'),
  ),
  NEW_OPP_COUNT: {
    parts: { total: bi('opportunities created in the period', '期间内新建的商机') },
    leftOut: {
      blankStatus: NO_STATUS,
      noDate: bi('no created date', '没有创建日期'),
      outsidePeriod: bi('created outside the period', '创建日期不在期间内'),
    },
  },
  NEW_PIPE_VALUE: {
    parts: { total: bi('amount of opportunities created in the period', '期间内新建商机的金额') },
    leftOut: {
      blankStatus: NO_STATUS,
      noDate: bi('no created date', '没有创建日期'),
      outsidePeriod: bi('created outside the period', '创建日期不在期间内'),
    },
  },
  OPEN_PIPE: {
    parts: { total: bi('amount of open opportunities', '进行中商机的金额') },
    leftOut: { otherStatus: NOT_OPEN_DEAL, blankStatus: NO_STATUS },
  },
  WEIGHTED_PIPE: {
    parts: { total: bi('amount × stage probability of open opportunities', '进行中商机的金额 × 阶段概率') },
    leftOut: { otherStatus: NOT_OPEN_DEAL, blankStatus: NO_STATUS },
  },
  TARGET_ATTAIN: {
    parts: { numerator: WON_P, denominator: bi('targets inside the period', '期间内的目标') },
    leftOut: { ...DEALS_LEFT_OUT('numerator:', bi('not won', '未赢单')), ...TARGET_LEFT_OUT('denominator:') },
  },
  PIPE_COVERAGE: {
    parts: {
      pipeline: bi('open pipeline expected to close by the period end', '预计在期末前结单的在途商机金额'),
      target: bi('targets inside the period', '期间内的目标'),
      won: WON_P,
    },
    leftOut: {
      'pipeline:otherStatus': NOT_OPEN_DEAL,
      'pipeline:blankStatus': NO_STATUS,
      'pipeline:noDate': bi('open, no close date', '进行中，没有结单日期'),
      'pipeline:outsidePeriod': bi('open, expected to close after the period end', '进行中，预计在期末之后结单'),
      ...TARGET_LEFT_OUT('target:'),
      ...DEALS_LEFT_OUT('won:', bi('not won', '未赢单')),
    },
  },
  REQUIRED_COVERAGE: {
    parts: {
      numerator: bi('', ''),
      denominator: bi('win rate (count)', '赢率（按个数）'),
      'denominator:numerator': bi('deals won', '赢单'),
      'denominator:denominator': bi('deals closed', '已结单'),
    },
  },
  SALES_VELOCITY: {},
  LATE_STAGE_SHARE: {
    parts: {
      numerator: bi('open amount at stage 4 or later', '第 4 阶段及以后的在途金额'),
      denominator: bi('open pipeline', '在途商机金额'),
    },
    leftOut: {
      'numerator:filter1': NOT_OPEN,
      'numerator:filter2': bi('open, before stage 4', '进行中，处于第 4 阶段之前'),
      'numerator:blank': bi('no amount', '没有金额'),
      'denominator:otherStatus': NOT_OPEN_DEAL,
      'denominator:blankStatus': NO_STATUS,
    },
    filters: {
      'numerator:filter1': null,
      'numerator:filter2': bi('numerator: stage order 4 or later', '分子：阶段序号不小于 4'),
    },
  },
  SHARE_OF_WALLET: {
    parts: {
      numerator: bi('our revenue, last 12 months', '近 12 个月我方收入'),
      denominator: bi('wallet estimates', '采购潜力估算'),
    },
    leftOut: {
      filter1: NOT_KEY_ACCOUNT,
      noWallet: bi('no wallet estimate', '没有采购潜力估算'),
      noRevenue: bi('no revenue', '没有收入'),
    },
    filters: { filter1: KEY_ACCOUNTS_ONLY },
  },
  WHITESPACE: {
    parts: { total: bi('wallet not yet won (wallet − revenue)', '尚未赢得的采购潜力（潜力 − 收入）') },
    leftOut: { filter1: NOT_KEY_ACCOUNT, noWallet: bi('no wallet estimate', '没有采购潜力估算') },
    filters: { filter1: KEY_ACCOUNTS_ONLY },
  },
  ACCOUNT_GROWTH: {
    parts: {
      numerator: bi('revenue growth (this year − last year)', '收入增长（本年 − 上年）'),
      denominator: bi("last year's revenue", '上年收入'),
    },
    leftOut: { filter1: NOT_KEY_ACCOUNT, incomplete: bi('revenue of one of the two years missing', '缺少其中一年的收入') },
    filters: { filter1: KEY_ACCOUNTS_ONLY },
  },
  KEYACC_PIPE_SHARE: {
    parts: {
      numerator: bi('open amount of key accounts', '重点客户的在途金额'),
      denominator: bi('open pipeline', '在途商机金额'),
    },
    leftOut: {
      'numerator:otherStatus': NOT_OPEN_DEAL,
      'numerator:blankStatus': NO_STATUS,
      'numerator:filter1': bi('open, not a key account', '进行中，不是重点客户'),
      'denominator:otherStatus': NOT_OPEN_DEAL,
      'denominator:blankStatus': NO_STATUS,
    },
    filters: { 'numerator:filter1': bi('numerator: key accounts (Tier A or B)', '分子：重点客户（A、B 类）') },
  },
  TIER_A_REVENUE_SHARE: {
    parts: {
      numerator: bi('revenue of Tier A accounts', 'A 类客户收入'),
      denominator: bi('revenue of all accounts', '全部客户收入'),
    },
    leftOut: {
      'numerator:filter1': bi('not Tier A', '不是 A 类'),
      'numerator:blank': bi('no revenue', '没有收入'),
      'denominator:blank': bi('no revenue', '没有收入'),
    },
    filters: { 'numerator:filter1': bi('numerator: Tier A accounts only', '分子：仅 A 类客户') },
  },
  ROLE_COVERAGE: meanOverOpen(
    bi('buying roles covered ÷ 4, summed', '已覆盖的采购角色数 ÷ 4 之和'),
    OPEN,
    bi('no opportunity id', '没有商机编号'),
  ),
  KEYPLAYER_SUPPORT: {
    parts: {
      numerator: bi('key players who are mentors or supporters', '为内线教练或支持者的关键人'),
      denominator: bi('key players on open opportunities', '进行中商机上的关键人'),
      miss: bi('neutral, opposed or support not recorded', '中立、反对或未记录支持度'),
    },
  },
  MENTOR_RATE: shareOfOpen(
    bi('open opportunities with a mentor on the chain', '决策链上有内线教练的进行中商机'),
    bi('no mentor', '没有内线教练'),
  ),
  OPPONENT_MAPPED_RATE: shareOfOpen(
    bi('open opportunities with a non-supporter or enemy mapped', '已识别不支持者或反对者的进行中商机'),
    bi('no opponent mapped', '未识别反对者'),
  ),
  COVERAGE_DEPTH: {
    parts: {
      numerator: bi('coverage scores (0–3), summed', '接触深度得分（0–3）合计'),
      denominator: bi('chain rows with a coverage', '填写了接触深度的决策链行'),
    },
    leftOut: {
      filter1: bi('chain row of an opportunity that is not open', '所属商机不在进行中'),
      blank: bi('no coverage recorded', '未记录接触深度'),
    },
    filters: { filter1: bi('decision-chain rows of open opportunities', '进行中商机的决策链行') },
  },
  DECISION_MAKER_MAPPED: shareOfOpen(
    bi('open opportunities with an approver or decision maker mapped', '已识别批准者或决策者的进行中商机'),
    bi('no approver or decision maker mapped', '未识别批准者或决策者'),
  ),
  EXEC_ACCESS: {
    parts: {
      numerator: bi('Tier A accounts with an executive meeting in the window', '窗口期内有高层拜访的 A 类客户'),
      denominator: bi('Tier A accounts', 'A 类客户'),
      miss: bi('no executive meeting in the window', '窗口期内没有高层拜访'),
    },
    leftOut: { filter1: bi('not Tier A', '不是 A 类') },
    filters: {
      filter1: bi(
        'Tier A accounts only; executive meetings in the {=ExecWindowDays} days up to the as-of date',
        '仅统计 A 类客户；高层拜访须在基准日前 {=ExecWindowDays} 天内',
      ),
    },
  },
  VISIT_SLA: {
    parts: {
      numerator: bi('tiered accounts visited within their tier’s interval', '在其分级的拜访间隔内拜访过的已分级客户'),
      denominator: bi('tiered accounts', '已分级的客户'),
      miss: bi('last activity older than the interval, or none', '最近活动超过间隔，或没有活动'),
    },
    leftOut: { filter1: bi('no tier', '未分级') },
    filters: {
      filter1: bi(
        'tiered accounts only; each tier’s visit interval from Config (Tiers)',
        '仅统计已分级客户；各分级的拜访间隔取自配置',
      ),
    },
  },
  RELATIONSHIP_LEVEL_AVG: {
    parts: {
      numerator: bi('relationship levels (1–4), summed', '关系层级（1–4）合计'),
      denominator: bi('contacts with a level', '填写了关系层级的联系人'),
    },
    leftOut: {
      filter1: bi('contact of an account that is not a key account', '所属客户不是重点客户'),
      blank: bi('no relationship level', '没有关系层级'),
    },
    filters: { filter1: bi('contacts of key accounts (Tier A or B)', '重点客户（A、B 类）的联系人') },
  },
  ACT_PER_OPP: meanOverOpen(
    bi('activities in the last {=ActivityWindowDays} days', '最近 {=ActivityWindowDays} 天内的活动数'),
    OPEN,
    bi('no opportunity id', '没有商机编号'),
  ),
  STALE_RATE: shareOfOpen(
    bi('open opportunities with no activity in the last {=StaleDays} days', '最近 {=StaleDays} 天内没有活动的进行中商机'),
    bi('with a recent activity', '近期有活动'),
  ),
  STAGE_OVERRUN: shareOfOpen(
    bi('open opportunities past their stage’s standard days', '超过阶段标准天数的进行中商机'),
    bi('within the standard days', '在标准天数内'),
    {
      parts: { denominator: bi('open opportunities with a stage-entered date', '填写了进入阶段日期的进行中商机') },
      leftOut: { filter2: bi('open, no stage-entered date', '进行中，没有进入阶段日期') },
      filters: { filter2: bi('with a stage-entered date', '须填写进入阶段日期') },
    },
  ),
  CLOSE_SLIP_RATE: shareOfOpen(
    bi('open opportunities whose close date was pushed', '结单日期被推迟过的进行中商机'),
    bi('never pushed', '从未推迟'),
  ),
  OVERDUE_RATE: shareOfOpen(
    bi('open opportunities with a close date before the as-of date', '结单日期早于基准日的进行中商机'),
    bi('not overdue', '未逾期'),
  ),
  NEXT_STEP_RATE: shareOfOpen(
    bi('open opportunities with a next step on or after the as-of date', '下一步日期不早于基准日的进行中商机'),
    bi('no next step planned', '未安排下一步'),
  ),
  KEY_INFO_COMPLETE: meanOverOpen(
    bi('share of key fields filled, summed', '关键信息填写比例之和'),
    OPEN,
    bi('no value', '没有数值'),
  ),
  // The kernel's own words (calc/actionWorking.ts) say what on time means and why rows are left out.
  PLAN_ACTION_DONE: {
    parts: {
      numerator: bi('account-plan actions done on time', '按期完成的客户计划行动'),
      denominator: bi('account-plan actions due by the as-of date', '截至基准日到期的客户计划行动'),
    },
  },
};
