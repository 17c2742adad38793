/**
 * Relationship cases: ROLECOVERAGE, SUPPORTINDEX, KEYPLAYERSUPPORT, ENUMSCORE.
 * Expected values are worked out by hand in the comments. Error cases use one opportunity,
 * because a spilled error fills the whole predicted range in HyperFormula.
 */
import { ParityCase, col, err, grid, omit, row, val } from '../../support/parity';

// A small chain: O1 has Approver, DecisionMaker, Evaluator; O2 User twice; O3 a row with no role.
const DC_OPP = ['O1', 'O1', 'O1', 'O2', 'O2', 'O3'];
const DC_ROLE = ['Approver', 'DecisionMaker', 'Evaluator', 'User', 'User', null];
const OPPS = ['O1', 'O2', 'O3', 'O4'];

const roleCoverage: ParityCase[] = [
  // O1 3 roles → 0.75; O2 {User} → 0.25; O3 blank role ignored → 0; O4 no chain → 0
  {
    fn: 'ROLECOVERAGE',
    name: 'three, one, none, no chain',
    args: [col(...OPPS), col(...DC_OPP), col(...DC_ROLE)],
    expect: [0.75, 0.25, 0, 0],
  },
  // all four roles → 4/4
  {
    fn: 'ROLECOVERAGE',
    name: 'all four roles',
    args: [col('O1'), col('O1', 'O1', 'O1', 'O1'), col('Approver', 'DecisionMaker', 'Evaluator', 'User')],
    expect: 1,
  },
  // User, User, 使用者 are one role → 1/4
  {
    fn: 'ROLECOVERAGE',
    name: 'a role counts once',
    args: [col('O1'), col('O1', 'O1', 'O1'), col('User', 'User', '使用者')],
    expect: 0.25,
  },
  // 决策者 DM, 批准者 Approver, 评估者 Evaluator → 3/4
  {
    fn: 'ROLECOVERAGE',
    name: 'zh role aliases',
    args: [col('O1'), col('O1', 'O1', 'O1'), col('决策者', '批准者', '评估者')],
    expect: 0.75,
  },
  // 'Decision Maker' and 'decisionmaker' are the same role → 1/4
  {
    fn: 'ROLECOVERAGE',
    name: 'spaced and lower-case codes',
    args: [col('O1'), col('O1', 'O1'), col('Decision Maker', 'decisionmaker')],
    expect: 0.25,
  },
  // full-width 'ｏ１' and 'o1 ' both match O1: User + Evaluator → 2/4
  {
    fn: 'ROLECOVERAGE',
    name: 'ids match case-, width- and space-insensitively',
    args: [col('ｏ１'), col('O1', 'o1 '), col('User', 'Evaluator')],
    expect: 0.5,
  },
  // O1 → 1/4; blank opportunity id → blank
  {
    fn: 'ROLECOVERAGE',
    name: 'blank opportunity id is blank',
    args: [col('O1', null), col('O1'), col('User')],
    expect: [0.25, null],
  },
  // the chain row with a blank OppId belongs to nobody: O1 has only User → 1/4
  {
    fn: 'ROLECOVERAGE',
    name: 'chain row without opportunity ignored',
    args: [col('O1'), col(null, 'O1'), col('Approver', 'User')],
    expect: 0.25,
  },
  // chain of O1 only, asking for O9 → 0
  {
    fn: 'ROLECOVERAGE',
    name: 'other opportunities’ chains do not count',
    args: [col('O9'), col('O1'), col('Approver')],
    expect: 0,
  },
  // numeric and text ids match: 101 Approver → 0.25, 102 User → 0.25
  {
    fn: 'ROLECOVERAGE',
    name: 'numeric ids',
    args: [col(101, 102), col('101', 102), col('Approver', 'User')],
    expect: [0.25, 0.25],
  },
  // ids in a row spill as a column: same as the first case for O1, O2
  {
    fn: 'ROLECOVERAGE',
    name: 'opportunities given as a row',
    args: [row('O1', 'O2'), col(...DC_OPP), col(...DC_ROLE)],
    expect: [0.75, 0.25],
  },
  // no chain at all → every opportunity 0
  { fn: 'ROLECOVERAGE', name: 'empty chain', args: [col('O1', 'O2'), grid([]), grid([])], expect: [0, 0] },
  { fn: 'ROLECOVERAGE', name: 'unknown role', args: [col('O1'), col('O1', 'O2'), col('User', 'Buyer')], expect: err('VALUE') },
  {
    fn: 'ROLECOVERAGE',
    name: 'chain columns differ in size',
    args: [col('O1'), col('O1', 'O2'), col('User')],
    expect: err('VALUE'),
  },
  { fn: 'ROLECOVERAGE', name: 'error cell in roles', args: [col('O1'), col('O1'), col(err('NA'))], expect: err('NA') },
];

// Support: O1 Mentor(High) Supporter(Low) Enemy(Medium); O2 Supporter(High) Neutral(blank); O3 unrated.
const SUP = ['Mentor', 'Supporter', 'Enemy', 'Supporter', 'Neutral', null];
const INF = ['High', 'Low', 'Medium', 'High', null, 'High'];

const supportIndex: ParityCase[] = [
  // O1 (2+1−2)/3 = 1/3; O2 (1+0)/2 = 0.5; O3 no support → blank; O4 no chain → blank
  {
    fn: 'SUPPORTINDEX',
    name: 'unweighted mean',
    args: [col(...OPPS), col(...DC_OPP), col(...SUP)],
    expect: [1 / 3, 0.5, null, null],
  },
  // O1 (3·2 + 1·1 + 2·(−2)) / (3+1+2) = 3/6 = 0.5; O2 (3·1 + 1·0)/(3+1) = 0.75
  {
    fn: 'SUPPORTINDEX',
    name: 'influence-weighted mean',
    args: [col(...OPPS), col(...DC_OPP), col(...SUP), col(...INF)],
    expect: [0.5, 0.75, null, null],
  },
  // 内线教练 +2 at 高 3, 反对者 −2 at 低 1: (6 − 2)/4 = 1
  {
    fn: 'SUPPORTINDEX',
    name: 'zh aliases',
    args: [col('O1'), col('O1', 'O1'), col('内线教练', '反对者'), col('高', '低')],
    expect: 1,
  },
  { fn: 'SUPPORTINDEX', name: 'all mentors → +2', args: [col('O1'), col('O1', 'O1'), col('Mentor', '内线教练')], expect: 2 },
  { fn: 'SUPPORTINDEX', name: 'all enemies → −2', args: [col('O1'), col('O1', 'O1'), col('Enemy', 'Opponent')], expect: -2 },
  // blank influence weighs 1: (1·2 + 3·(−2))/(1+3) = −1
  {
    fn: 'SUPPORTINDEX',
    name: 'blank influence weighs like Low',
    args: [col('O1'), col('O1', 'O1'), col('Mentor', 'Enemy'), col(null, 'High')],
    expect: -1,
  },
  // H 3·1 + L 1·(−2) = 1 over 4 → 0.25
  {
    fn: 'SUPPORTINDEX',
    name: 'influence letters H/L',
    args: [col('O1'), col('O1', 'O1'), col('Supporter', 'Enemy'), col('H', 'L')],
    expect: 0.25,
  },
  // Coach = Mentor +2, Non-Supporter −1 → 0.5
  {
    fn: 'SUPPORTINDEX',
    name: 'support aliases Coach / Non-Supporter',
    args: [col('O1'), col('O1', 'O1'), col('Coach', 'Non-Supporter')],
    expect: 0.5,
  },
  // blank first opportunity id → blank; O1 Mentor → 2
  {
    fn: 'SUPPORTINDEX',
    name: 'blank opportunity id is blank',
    args: [col(null, 'O1'), col('O1'), col('Mentor')],
    expect: [null, 2],
  },
  { fn: 'SUPPORTINDEX', name: 'empty chain → blank', args: [col('O1', 'O2'), grid([]), grid([])], expect: [null, null] },
  { fn: 'SUPPORTINDEX', name: 'unknown support', args: [col('O1'), col('O1'), col('Friendly')], expect: err('VALUE') },
  {
    fn: 'SUPPORTINDEX',
    name: 'unknown influence',
    args: [col('O1'), col('O1'), col('Mentor'), col('Huge')],
    expect: err('VALUE'),
  },
  {
    fn: 'SUPPORTINDEX',
    name: 'influence of another size',
    args: [col('O1'), col('O1', 'O1'), col('Mentor', 'Enemy'), col('High')],
    expect: err('VALUE'),
  },
  {
    fn: 'SUPPORTINDEX',
    name: 'support of another size',
    args: [col('O1'), col('O1', 'O1'), col('Mentor')],
    expect: err('VALUE'),
  },
  { fn: 'SUPPORTINDEX', name: 'error cell in support', args: [col('O1'), col('O1'), col(err('DIV0'))], expect: err('DIV0') },
  // a numeric score is not a support value
  { fn: 'SUPPORTINDEX', name: 'numbers are not support values', args: [col('O1'), col('O1'), col(2)], expect: err('VALUE') },
];

// Key players: r1 InnerCircle (backing), r3 Approver (Neutral), r4 PoliticalStructure (backing),
// r5 DecisionMaker (no support), r6 InnerCircle+Approver (NonSupporter). r2, r7 are not key.
const KP_OPP = ['O1', 'O1', 'O1', 'O2', 'O2', 'O3', 'O3'];
const KP_POL = ['InnerCircle', 'Outside', 'Outside', 'PoliticalStructure', null, 'InnerCircle', 'Outside'];
const KP_ROLE = ['User', 'Evaluator', 'Approver', null, 'DecisionMaker', 'Approver', 'User'];
const KP_SUP = ['Mentor', 'Enemy', 'Neutral', 'Supporter', null, 'NonSupporter', 'Supporter'];
const KP = [col(...KP_OPP), col(...KP_POL), col(...KP_ROLE), col(...KP_SUP)];

const keyPlayerSupport: ParityCase[] = [
  // 5 key-player rows (r1, r3, r4, r5, r6), 2 backing (r1, r4) → 0.4
  { fn: 'KEYPLAYERSUPPORT', name: 'all chain rows', args: KP, expect: 0.4 },
  // O1 and O3 open (进行中): key rows r1, r3, r6 → 1 backing of 3
  {
    fn: 'KEYPLAYERSUPPORT',
    name: 'open opportunities only',
    args: [...KP, col('O1', 'O2', 'O3'), col('Open', 'Won', '进行中')],
    expect: 1 / 3,
  },
  {
    fn: 'KEYPLAYERSUPPORT',
    name: 'nothing open → blank',
    args: [...KP, col('O1', 'O2', 'O3'), col('Won', 'Lost', 'NoDecision')],
    expect: null,
  },
  // 核心圈 + 内线教练 (key, backing); 外围 + 决策者 + 反对者 (key, not) → 0.5
  {
    fn: 'KEYPLAYERSUPPORT',
    name: 'zh aliases',
    args: [col('O1', 'O1'), col('核心圈', '外围'), col('使用者', '决策者'), col('内线教练', '反对者')],
    expect: 0.5,
  },
  {
    fn: 'KEYPLAYERSUPPORT',
    name: 'no key players → blank',
    args: [col('O1', 'O1'), col('Outside', null), col('User', 'Evaluator'), col('Mentor', 'Supporter')],
    expect: null,
  },
  // 权力结构 Supporter + Approver Mentor → 2/2
  {
    fn: 'KEYPLAYERSUPPORT',
    name: 'every key player backs us',
    args: [col('O1', 'O2'), col('权力结构', null), col(null, 'Approver'), col('Supporter', 'Coach')],
    expect: 1,
  },
  // O9 is not in the opportunity list, so only the O1 Approver (Enemy) counts → 0/1
  {
    fn: 'KEYPLAYERSUPPORT',
    name: 'chains of unknown opportunities left out when filtering',
    args: [col('O9', 'O1'), col('InnerCircle', null), col(null, 'Approver'), col('Mentor', 'Enemy'), col('O1'), col('Open')],
    expect: 0,
  },
  { fn: 'KEYPLAYERSUPPORT', name: 'empty chain → blank', args: [grid([]), grid([]), grid([]), grid([])], expect: null },
  { fn: 'KEYPLAYERSUPPORT', name: 'oppIds without oppStatus', args: [...KP, col('O1', 'O2', 'O3')], expect: err('VALUE') },
  {
    fn: 'KEYPLAYERSUPPORT',
    name: 'oppStatus without oppIds',
    args: [...KP, omit, col('Open', 'Won', 'Open')],
    expect: err('VALUE'),
  },
  {
    fn: 'KEYPLAYERSUPPORT',
    name: 'unknown political status',
    args: [col('O1'), col('Insider'), col('User'), col('Mentor')],
    expect: err('VALUE'),
  },
  {
    fn: 'KEYPLAYERSUPPORT',
    name: 'unknown support',
    args: [col('O1'), col('InnerCircle'), col('User'), col('Fan')],
    expect: err('VALUE'),
  },
  {
    fn: 'KEYPLAYERSUPPORT',
    name: 'unknown status',
    args: [...KP, col('O1', 'O2', 'O3'), col('Open', 'Maybe', 'Open')],
    expect: err('VALUE'),
  },
  {
    fn: 'KEYPLAYERSUPPORT',
    name: 'chain columns differ in size',
    args: [col('O1', 'O2'), col('InnerCircle'), col('User'), col('Mentor')],
    expect: err('VALUE'),
  },
  {
    fn: 'KEYPLAYERSUPPORT',
    name: 'oppIds and oppStatus differ in size',
    args: [...KP, col('O1', 'O2'), col('Open')],
    expect: err('VALUE'),
  },
  {
    fn: 'KEYPLAYERSUPPORT',
    name: 'error cell in political status',
    args: [col('O1'), col(err('NA')), col('User'), col('Mentor')],
    expect: err('NA'),
  },
];

const enumScore: ParityCase[] = [
  {
    fn: 'ENUMSCORE',
    name: 'coverage scale',
    args: [col('NoContact', 'Brief', 'Multiple', 'InDepth', null), val('Coverage')],
    expect: [0, 1, 2, 3, null],
  },
  {
    fn: 'ENUMSCORE',
    name: 'coverage in zh (覆盖度, 深度接触)',
    args: [col('未接触', '深度接触', '多次接触'), val('覆盖度')],
    expect: [0, 3, 2],
  },
  {
    fn: 'ENUMSCORE',
    name: 'support scale',
    args: [col('Mentor', 'Supporter', 'Neutral', 'NonSupporter', 'Enemy'), val('Support')],
    expect: [2, 1, 0, -1, -2],
  },
  {
    fn: 'ENUMSCORE',
    name: 'support in zh (支持度, 内线教练)',
    args: [col('内线教练', '反对者'), val('支持度')],
    expect: [2, -2],
  },
  {
    fn: 'ENUMSCORE',
    name: 'relationship level',
    args: [col('Vendor', 'CredibleSource', 'ProblemSolver', 'TrustedAdvisor'), val('RelationshipLevel')],
    expect: [1, 2, 3, 4],
  },
  // 信赖顾问 = TrustedAdvisor 4; the number 2 is CredibleSource
  {
    fn: 'ENUMSCORE',
    name: 'relationship level in zh, with a number',
    args: [col('信赖顾问', 2), val('关系层级')],
    expect: [4, 2],
  },
  { fn: 'ENUMSCORE', name: 'influence', args: [col('High', 'Medium', 'Low', '高'), val('影响力')], expect: [3, 2, 1, 3] },
  // Unknown and blank answers stay blank
  {
    fn: 'ENUMSCORE',
    name: 'answers',
    args: [col('Yes', 'No', 'Unknown', null, '是', '否'), val('Answer')],
    expect: [1, 0, null, null, 1, 0],
  },
  { fn: 'ENUMSCORE', name: 'boolean answers (答案)', args: [col(true, false, '?'), val('答案')], expect: [1, 0, null] },
  { fn: 'ENUMSCORE', name: 'coverage given as numbers', args: [col(0, 3), val('Coverage')], expect: [0, 3] },
  { fn: 'ENUMSCORE', name: 'scale name with spaces, lower case', args: [col('Vendor'), val('relationship level')], expect: 1 },
  { fn: 'ENUMSCORE', name: 'spaced code In Depth', args: [col('In Depth'), val('coverage')], expect: 3 },
  { fn: 'ENUMSCORE', name: 'one blank value → blank', args: [val(null), val('Coverage')], expect: null },
  { fn: 'ENUMSCORE', name: 'unknown value', args: [col('Deep'), val('Coverage')], expect: err('VALUE') },
  { fn: 'ENUMSCORE', name: 'number out of the scale', args: [col(4), val('Coverage')], expect: err('VALUE') },
  { fn: 'ENUMSCORE', name: 'unknown scale', args: [col('High'), val('Size')], expect: err('VALUE') },
  { fn: 'ENUMSCORE', name: 'blank scale', args: [col('High'), val(null)], expect: err('VALUE') },
  { fn: 'ENUMSCORE', name: 'error cell in values', args: [col(err('DIV0')), val('Coverage')], expect: err('DIV0') },
];

export const cases: ParityCase[] = [...roleCoverage, ...supportIndex, ...keyPlayerSupport, ...enumScore];
