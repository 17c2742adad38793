/**
 * A small workbook worked out by hand: every one of the 40 built-in indicators, and the
 * computed columns of a few rows, are derived in the comments from the rows below, and the
 * engine (HyperFormula + the CRM3 plugin, evaluating the formulas of src/model/indicators.ts)
 * must agree to 1e-9.
 *
 * Dates are Excel serials: 46023 = 2026-01-01 (PeriodStart), 46387 = 2026-12-31 (PeriodEnd),
 * 46352 = 2026-11-26 (AsOfDate). Config is absent, so the defaults of DESIGN §4 apply.
 */
import { Cell } from '../../src/core/cells';
import { EngineValue, WorkbookEngine } from '../../src/engine/workbookEngine';
import { BUILT_IN_INDICATORS } from '../../src/model/indicators';
import { TableData, WorkbookSnapshot } from '../../src/model/snapshot';

const PS = 46023;
const PE = 46387;
const ASOF = 46352;

const CRITERIA = [
  'C_Potential',
  'C_Growth',
  'C_FinancialHealth',
  'C_Influence',
  'C_StrategicFit',
  'C_Relationship',
  'C_ShareOfWallet',
];
const QUESTIONS = [
  'Q_Project',
  'Q_Funds',
  'Q_CompellingEvent',
  'Q_Criteria',
  'Q_Fit',
  'Q_UniqueValue',
  'Q_Mentor',
  'Q_Access',
  'Q_Relationships',
  'Q_Risk',
  'Q_Size',
  'Q_Lifetime',
];

const table = (sheet: string, headers: string[], rows: Cell[][]): TableData => ({
  sheet,
  origin: { row: 1, col: 1 },
  headers,
  rows,
});

/** Twelve answers from a 12-letter code: Y Yes, N No, ? Unknown, . blank. */
const answers = (code: string): Cell[] => [...code].map((ch) => ({ Y: 'Yes', N: 'No', '?': '?', '.': null })[ch] ?? null);

/*
 * Accounts. Weights: Potential 25, Growth 15, FinancialHealth 10, Influence 10 (axis A, Σ 60);
 * StrategicFit 15, Relationship 15, ShareOfWallet 10 (axis P, Σ 40). n = (s − 1) / 4.
 *
 * A1 5,4,3,5 | 4,5,3 → n 1,.75,.5,1 | .75,1,.5
 *    Attractiveness = 100·(25·1 + 15·.75 + 10·.5 + 10·1)/60 = 100·51.25/60 = 85.41666…
 *    Position       = 100·(15·.75 + 15·1 + 10·.5)/40      = 100·31.25/40 = 78.125
 *    Score          = 100·(51.25 + 31.25)/100              = 82.5          → Tier A (both ≥ 50)
 * A2 4,3,4,2 | 2,1,3 → n .75,.5,.75,.25 | .25,0,.5
 *    Attractiveness = 100·(18.75 + 7.5 + 7.5 + 2.5)/60 = 100·36.25/60 = 60.41666…
 *    Position       = 100·(3.75 + 0 + 5)/40              = 21.875
 *    Score          = 100·(36.25 + 8.75)/100             = 45            → Tier B
 * A3 2,2,3,1 | 5,4,(blank) → the blank criterion is left out of both sums
 *    Attractiveness = 100·(6.25 + 3.75 + 5 + 0)/60 = 25
 *    Position       = 100·(15·1 + 15·.75)/30       = 100·26.25/30 = 87.5
 *    Score          = 100·(15 + 26.25)/90          = 45.8333…     → Tier C
 * A4 1,2,2,1 | 1,2,1 → n 0,.25,.25,0 | 0,.25,0
 *    Attractiveness = 100·6.25/60 = 10.41666…, Position = 100·3.75/40 = 9.375,
 *    Score = 100·10/100 = 10 → Tier D
 */
const accounts = table(
  'Accounts',
  ['AccountId', 'AccountName', 'Industry', 'Region', 'Owner', 'Revenue12m', 'RevenuePrev12m', 'WalletEstimate', ...CRITERIA],
  [
    ['A1', 'Jinhai Machinery', 'Manufacturing', 'East', 'Li', 400_000, 320_000, 1_000_000, 5, 4, 3, 5, 4, 5, 3],
    ['A2', 'Tianrun Bank', 'Finance', 'East', 'Li', 150_000, 150_000, 600_000, 4, 3, 4, 2, 2, 1, 3],
    ['A3', 'Xinghe Retail', 'Retail', 'North', 'Wang', 300_000, 250_000, 500_000, 2, 2, 3, 1, 5, 4, null],
    ['A4', 'Ruifeng Logistics', 'Logistics', 'South', 'Wang', 50_000, 100_000, 200_000, 1, 2, 2, 1, 1, 2, 1],
  ],
);

/*
 * Opportunities (Q = the twelve answers; sections are 3 questions each, all weight 1).
 *        acct stage      status      amount  created close  stageEntered pushes competitor next   Q
 * O1     A1   Negotiate  Won         100k    46100   46200  46180        0      Orion      –      YYYYYYYYYYYY
 * O2     A1   Shortlist  Lost         50k    46050   46250  46200        2      Orion      –      YYNYYYNNYYYY
 * O3     A2   Negotiate  Won         200k    46000   46300  46280        0      –          –      (blank)
 * O4     A3   Solution   NoDecision   80k    46150   46320  46200        1      Nordwell   –      (blank)
 * O5     A1   Shortlist  Open        300k    46200   46380  46300        1      Orion      46360  YYYYYYYY?YYY
 * O6     A2   Qualify    Open        120k    46320   46340  46330        0      –          46350  YYYYYYYYYYYY
 * O7     A3   Discover   Open         60k    46340   46450  –            –      –          –      N.YYN.NNNYY?
 * O8     A4   Qualify    Lost         40k    45900   45990  45950        0      Nordwell   –      (blank)
 */
const opportunities = table(
  'Opportunities',
  [
    'OppId',
    'AccountId',
    'OppName',
    'Owner',
    'Stage',
    'Status',
    'Amount',
    'CreatedDate',
    'CloseDate',
    'StageEnteredDate',
    'CloseDatePushes',
    'Competitor',
    'NextStepDate',
    ...QUESTIONS,
  ],
  [
    [
      'O1',
      'A1',
      'MES upgrade',
      'Li',
      'Negotiate',
      'Won',
      100_000,
      46100,
      46200,
      46180,
      0,
      'Orion',
      null,
      ...answers('YYYYYYYYYYYY'),
    ],
    [
      'O2',
      'A1',
      'Cloud backup',
      'Li',
      'Shortlist',
      'Lost',
      50_000,
      46050,
      46250,
      46200,
      2,
      'Orion',
      null,
      ...answers('YYNYYYNNYYYY'),
    ],
    [
      'O3',
      'A2',
      'Data center',
      'Li',
      'Negotiate',
      'Won',
      200_000,
      46000,
      46300,
      46280,
      0,
      null,
      null,
      ...answers('............'),
    ],
    [
      'O4',
      'A3',
      'Smart warehouse',
      'Wang',
      'Solution',
      'NoDecision',
      80_000,
      46150,
      46320,
      46200,
      1,
      'Nordwell',
      null,
      ...answers('............'),
    ],
    [
      'O5',
      'A1',
      'Energy platform',
      'Li',
      'Shortlist',
      'Open',
      300_000,
      46200,
      46380,
      46300,
      1,
      'Orion',
      46360,
      ...answers('YYYYYYYY?YYY'),
    ],
    [
      'O6',
      'A2',
      'Security center',
      'Li',
      'Qualify',
      'Open',
      120_000,
      46320,
      46340,
      46330,
      0,
      null,
      46350,
      ...answers('YYYYYYYYYYYY'),
    ],
    [
      'O7',
      'A3',
      'Video analytics',
      'Wang',
      'Discover',
      'Open',
      60_000,
      46340,
      46450,
      null,
      null,
      null,
      null,
      ...answers('N.YYN.NNNYY?'),
    ],
    [
      'O8',
      'A4',
      'Fleet telematics',
      'Wang',
      'Qualify',
      'Lost',
      40_000,
      45900,
      45990,
      45950,
      0,
      'Nordwell',
      null,
      ...answers('............'),
    ],
  ],
);

const contacts = table(
  'Contacts',
  ['ContactId', 'AccountId', 'Name', 'Title', 'Department', 'ReportsTo', 'RelationshipLevel'],
  [
    ['C1', 'A1', 'Zhou Hao', 'CIO', 'IT', null, 'TrustedAdvisor'],
    ['C2', 'A1', 'Wu Jing', 'IT Manager', 'IT', 'C1', 'CredibleSource'],
    ['C3', 'A2', 'Sun Na', 'CFO', 'Finance', null, '问题解决者'], // zh alias of ProblemSolver (3)
    ['C4', 'A2', 'Ma Tao', 'Buyer', 'Procurement', 'C3', null],
    ['C5', 'A3', 'Zhu Yu', 'VP Operations', 'Operations', null, 'Vendor'],
    ['C6', 'A4', 'Hu Bo', 'CTO', 'Engineering', null, 'Vendor'],
  ],
);

const decisionChain = table(
  'DecisionChain',
  ['OppId', 'ContactId', 'BuyingRole', 'PoliticalStatus', 'Support', 'Coverage', 'Influence'],
  [
    ['O5', 'C1', 'Approver', 'InnerCircle', 'Mentor', 'InDepth', 'High'], // key player, backs us
    ['O5', 'C2', 'Evaluator', 'Outside', 'Neutral', 'Multiple', 'Medium'], // not a key player
    ['O6', 'C3', 'DecisionMaker', 'PoliticalStructure', 'NonSupporter', 'Brief', 'High'], // key player, against
    ['O6', 'C4', 'User', 'Outside', 'Supporter', null, 'Low'], // not a key player; no coverage
    ['O1', 'C2', 'Approver', 'InnerCircle', 'Supporter', 'InDepth', 'High'], // closed deal: not counted
  ],
);

const activities = table(
  'Activities',
  ['ActivityId', 'Date', 'AccountId', 'OppId', 'ContactId', 'Type', 'EventId', 'Outcome'],
  [
    ['X1', 46210, 'A1', 'O5', 'C1', 'Visit', 'E_NEED, E_CONTACT', null],
    ['X2', 46260, null, 'O5', 'C1', 'Visit', 'E_OWNER', null], // account via O5 → A1
    ['X3', 46300, 'A1', 'O5', 'C2', 'Demo', 'E_REQS', null],
    ['X4', 46330, 'A1', 'O5', 'C1', 'ExecutiveMeeting', 'E_APPROVER', null],
    ['X5', 46345, 'A1', 'O5', 'C1', 'Call', 'E_CRITERIA', null],
    ['X6', 46322, null, 'O6', 'C3', 'Visit', 'E_NEED,E_CONTACT,E_BUDGET,E_OWNER', null], // exactly 30 days ago; account via O6 → A2
    ['X7', 46360, 'A3', 'O7', 'C5', 'Call', null, null], // after AsOfDate: ignored by every activity measure
    ['X8', 46300, 'A2', null, 'C3', 'ExecutiveMeeting', null, null],
    ['X9', 46200, 'A3', null, 'C5', 'Visit', null, null],
    ['X10', 45990, 'A4', null, 'C6', 'Visit', null, null],
    ['X11', 46100, null, 'O1', 'C2', 'Proposal', 'E_QUOTE', null], // account via O1 → A1
  ],
);

const targets = table(
  'Targets',
  ['Period', 'Owner', 'StartDate', 'EndDate', 'Amount'],
  [
    ['2026', 'Li', 46023, 46387, 400_000],
    ['2026', 'Wang', 46023, 46387, 200_000],
    ['2025', 'Li', 45658, 46022, 999_999], // last year: outside the period
    ['2026-27', 'Wang', 46023, 46500, 50_000], // ends after PeriodEnd: not inside the period
  ],
);

const actions = table(
  'Actions',
  ['AccountId', 'Action', 'Owner', 'DueDate', 'Done', 'DoneDate'],
  [
    ['A1', 'Quarterly review', 'Li', 46300, 'Yes', 46290], // done 10 days early: on time
    ['A1', 'Update account plan', 'Li', 46352, 'No', null], // due on AsOfDate, not done: not decided yet, left out
    ['A2', 'Executive dinner', 'Li', 46200, '是', 46210], // zh Yes, done 10 days late
    ['A2', 'Value workshop', 'Li', 46000, true, null], // TRUE is Yes, but no DoneDate: timing unknown, left out
    ['A3', 'Reference visit', 'Wang', 46400, 'Yes', 46350], // not due yet: left out
    ['A4', 'Review wallet', 'Wang', 46100, null, null], // due, not done: overdue
    ['A4', 'Introduce service team', 'Wang', 46050, 1, 46050], // 1 is Yes (DESIGN §3 Answer), done on the due date
    ['A3', 'Call procurement', 'Wang', 46120, '+', 46119], // + is Yes too, on time
  ],
);

function handWorkbook(settings: WorkbookSnapshot['settings'] = {}): WorkbookSnapshot {
  return {
    tables: {
      Accounts: accounts,
      Opportunities: opportunities,
      Contacts: contacts,
      DecisionChain: decisionChain,
      Activities: activities,
      Targets: targets,
      Actions: actions,
    },
    config: {},
    settings: { AsOfDate: ASOF, PeriodStart: PS, PeriodEnd: PE, ...settings },
    problems: [],
  };
}

/*
 * The 40 indicators, by hand.
 * Won_P = O1 (100k, 100 days), O3 (200k, 300 days); Lost_P = O2 (50k); ND_P = O4 (80k);
 * O8 closed in 2025 (outside P). Open = O5, O6, O7.
 */
const EXPECTED: Record<string, number | null> = {
  WIN_RATE_COUNT: 2 / 4, // won 2 / closed (2 won + 1 lost + 1 no-decision, NoDecisionIsLoss) = 0.5
  WIN_RATE_VALUE: 300_000 / 430_000, // (100k + 200k) / (100k + 200k + 50k + 80k)
  AVG_WON_DEAL: 300_000 / 2, // 150,000
  COMP_WIN_RATE: 1 / 3, // deals with a competitor closed in P: O1 won, O2 lost, O4 no decision
  NO_DECISION_RATE: 1 / 4, // 1 ND / (2 + 1 + 1)
  CYCLE_DAYS_WON: (100 + 300) / 2, // O1 46200−46100, O3 46300−46000 → 200
  QUAL_SCORE_AVG: (100 * (11 / 12 + 12 / 12 + 4 / 12)) / 3, // O5 91.67, O6 100, O7 33.33 → 75
  GRADE_A_SHARE: 1 / 3, // O6 (A); O5 is B (section 3 = 66.7), O7 is D (section 1 = 33.3)
  STAGE_EVIDENCE_RATE: 1 / 3, // only O6 OK (see the stage checks below)
  NEW_OPP_COUNT: 6, // created in P: O1, O2, O4, O5, O6, O7 (O3 46000 and O8 45900 are before)
  NEW_PIPE_VALUE: 710_000, // 100 + 50 + 80 + 300 + 120 + 60 (k)
  OPEN_PIPE: 480_000, // 300 + 120 + 60 (k)
  WEIGHTED_PIPE: 210_000, // 300k·0.6 (Shortlist) + 120k·0.2 (Qualify) + 60k·0.1 (Discover) = 180k + 24k + 6k
  TARGET_ATTAIN: 300_000 / 600_000, // T = 400k (Li 2026) + 200k (Wang 2026) = 600k → 0.5
  PIPE_COVERAGE: 420_000 / 300_000, // open closing ≤ PeriodEnd: O5 300k + O6 120k (O7 closes 46450) / (600k − 300k) = 1.4
  REQUIRED_COVERAGE: 1 / 0.5, // 2
  SALES_VELOCITY: (3 * 150_000 * 0.5) / 200, // #Open · avg won · win rate / cycle = 1125
  LATE_STAGE_SHARE: 300_000 / 480_000, // Shortlist (Order 4) O5 300k / open 480k = 0.625
  SHARE_OF_WALLET: 550_000 / 1_600_000, // KeyAcc A1, A2: (400k + 150k) / (1,000k + 600k) = 0.34375
  WHITESPACE: 600_000 + 450_000, // (1,000k − 400k) + (600k − 150k)
  ACCOUNT_GROWTH: 550_000 / 470_000 - 1, // (400k + 150k) / (320k + 150k) − 1 = 0.1702…
  KEYACC_PIPE_SHARE: 420_000 / 480_000, // open of A1/A2: O5 300k + O6 120k = 0.875
  TIER_A_REVENUE_SHARE: 400_000 / 900_000, // A1 / (400 + 150 + 300 + 50)k
  ROLE_COVERAGE: (2 / 4 + 2 / 4 + 0) / 3, // O5 {Approver, Evaluator}, O6 {DecisionMaker, User}, O7 no chain → 1/3
  KEYPLAYER_SUPPORT: 1 / 2, // key players on open deals: O5·C1 (Mentor ✓), O6·C3 (NonSupporter ✗)
  MENTOR_RATE: 1 / 3, // O5
  OPPONENT_MAPPED_RATE: 1 / 3, // O6 (NonSupporter)
  COVERAGE_DEPTH: (3 + 2 + 1) / 3, // open chain rows with a coverage: InDepth 3, Multiple 2, Brief 1 → 2
  DECISION_MAKER_MAPPED: 2 / 3, // O5 (Approver), O6 (DecisionMaker)
  EXEC_ACCESS: 1 / 1, // Tier A = A1; X4 ExecutiveMeeting 46330 > 46352 − 90
  // Latest activity ≤ AsOfDate per account (own AccountId, else the opportunity's):
  // A1 46345 (7 < 30 ✓), A2 46322 via O6 (30 < 60 ✓), A3 46200 (X7 is after AsOfDate; 152 ≥ 90 ✗), A4 45990 (362 ≥ 180 ✗)
  VISIT_SLA: 2 / 4,
  RELATIONSHIP_LEVEL_AVG: (4 + 2 + 3) / 3, // contacts of A1, A2 with a level: C1 4, C2 2, C3 3 (C4 blank) → 3
  ACT_PER_OPP: (2 + 0 + 0) / 3, // window (46322, 46352]: O5 X4 + X5; O6's X6 is on 46322 (outside); O7's X7 is in the future
  STALE_RATE: 2 / 3, // O6 (last 46322: 30 days ≥ StaleDays 30), O7 (no activity up to AsOfDate)
  STAGE_OVERRUN: 1 / 2, // with a StageEnteredDate: O5 52 days > 30 (Shortlist) ✓, O6 22 ≤ 30 ✗; O7 has none
  CLOSE_SLIP_RATE: 1 / 3, // O5 (1 push); O6 0; O7 blank
  OVERDUE_RATE: 1 / 3, // O6 closes 46340 < 46352
  NEXT_STEP_RATE: 1 / 3, // O5 46360 ≥ 46352; O6 46350 is past; O7 none
  // (filled of Amount, CloseDate, Owner, Competitor, NextStepDate, StageEnteredDate + answered Yes/No) / 18:
  // O5 6 + 11 = 17; O6 5 (no competitor) + 12 = 17; O7 3 + 9 = 12 → (17 + 17 + 12) / 54
  KEY_INFO_COMPLETE: 46 / 54,
  PLAN_ACTION_DONE: 3 / 5, // known outcomes due ≤ AsOfDate: on time (Quarterly review, service team, procurement), late (dinner), overdue (wallet)
};

/** Statuses from each indicator's thresholds, for the values above. */
const EXPECTED_STATUS: Record<string, string | null> = {
  WIN_RATE_COUNT: 'Green', // 0.5 ≥ 0.4
  NO_DECISION_RATE: 'Red', // 0.25 > 0.2 (lower is better)
  CYCLE_DAYS_WON: 'Red', // 200 > 180
  TARGET_ATTAIN: 'Red', // 0.5 < 0.7
  PIPE_COVERAGE: 'Red', // 1.4 < 2
  LATE_STAGE_SHARE: 'Green', // 0.625 ≥ 0.3
  KEYPLAYER_SUPPORT: 'Amber', // 0.4 ≤ 0.5 < 0.6
  COVERAGE_DEPTH: 'Green', // 2 ≥ 2
  VISIT_SLA: 'Amber', // 0.5 ≤ 0.5 < 0.8: red only below 0.5
  STALE_RATE: 'Red', // 0.667 > 0.25
  KEY_INFO_COMPLETE: 'Green', // 0.852 ≥ 0.8
  AVG_WON_DEAL: null, // no thresholds
};

function expectClose(id: string, actual: EngineValue, expected: number | null): void {
  if (expected === null) {
    expect({ id, actual }).toEqual({ id, actual: null });
    return;
  }
  if (typeof actual !== 'number') throw new Error(`${id}: expected ${expected}, got ${JSON.stringify(actual)}`);
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  if (Math.abs(actual - expected) > tolerance) throw new Error(`${id}: expected ${expected}, got ${actual}`);
}

describe('a hand-built workbook: every indicator worked out by hand', () => {
  let engine: WorkbookEngine;
  let values: Map<string, { value: EngineValue; status: EngineValue }>;
  beforeAll(() => {
    engine = WorkbookEngine.build(handWorkbook(), { asOf: ASOF });
    values = new Map(engine.indicators().map((i) => [i.row.id, { value: i.value, status: i.status }]));
  });
  afterAll(() => engine.destroy());

  test('the catalog has 40 indicators and every one is worked out above', () => {
    expect(BUILT_IN_INDICATORS).toHaveLength(40);
    expect(Object.keys(EXPECTED).sort()).toEqual(BUILT_IN_INDICATORS.map((i) => i.id).sort());
  });

  test.each(BUILT_IN_INDICATORS.map((i) => i.id))('%s', (id) => {
    expectClose(id, values.get(id)!.value, EXPECTED[id]);
  });

  test('RAG statuses follow the thresholds', () => {
    for (const [id, status] of Object.entries(EXPECTED_STATUS))
      expect({ id, status: values.get(id)!.status }).toEqual({ id, status });
  });

  test('account columns: Score, Attractiveness, Position, Tier, Strategy', () => {
    const col = (c: string) => engine.computedColumn('Accounts', c);
    const close = (got: EngineValue[], want: number[]) => want.forEach((w, i) => expectClose(`row ${i + 1}`, got[i], w));
    close(col('Score'), [82.5, 45, (100 * 41.25) / 90, 10]);
    close(col('Attractiveness'), [(100 * 51.25) / 60, (100 * 36.25) / 60, 25, (100 * 6.25) / 60]);
    close(col('Position'), [78.125, 21.875, 87.5, 9.375]);
    expect(col('Tier')).toEqual(['A', 'B', 'C', 'D']);
    expect(col('Strategy')[0]).toBe('Strategic: invest');
  });

  test('opportunity columns: QualScore, Grade, Probability, StageCheck', () => {
    const col = (c: string) => engine.computedColumn('Opportunities', c);
    // O1 all Yes → 100, A. O2 sections 66.7, 100, 33.3, 100 → two strong, none of s1 < 40 → C, 9/12.
    // O3, O4, O8 have no answer at all: not assessed, so no score and no grade (blank).
    // O5 11/12 → 91.67, section 3 = 66.7 → three strong, none < 40 → B. O6 → 100, A.
    // O7 sections 33.3, 33.3, 0, 66.7 → section 1 < 40 → D; (1 + 1 + 0 + 2)/12 → 33.33.
    const qs = col('QualScore');
    [100, 75, null, null, (100 * 11) / 12, 100, (100 * 4) / 12, null].forEach((w, i) => expectClose(`O${i + 1}`, qs[i], w));
    expect(col('Grade')).toEqual(['A', 'C', null, null, 'B', 'A', 'D', null]);
    // Won 1; Lost/NoDecision 0; open at its stage's probability.
    expect(col('Probability')).toEqual([1, 0, 1, 0, 0.6, 0.2, 0.1, 0]);
    // O5 (Shortlist): essentials of stages 1–4 are E_NEED, E_CONTACT, E_BUDGET, E_OWNER, E_REQS,
    // E_CRITERIA, E_POC, E_APPROVER; X1–X5 prove all but E_BUDGET and E_POC.
    // O6 (Qualify): X6 proves E_NEED, E_CONTACT, E_BUDGET, E_OWNER. O7 (Discover): nothing proven.
    expect(col('StageCheck')).toEqual([
      'OK',
      'OK',
      'OK',
      'OK',
      'Missing: E_BUDGET, E_POC',
      'OK',
      'Missing: E_NEED, E_CONTACT',
      'OK',
    ]);
  });

  test('every indicator cell holds its catalog formula (no value is computed outside the engine)', () => {
    BUILT_IN_INDICATORS.forEach((ind, i) => {
      expect(engine.layout.indicatorsSheet[i + 1][1]).toBe(ind.formula);
      expect(ind.formula).toMatch(/^=.*CRM3\./);
      expect(engine.calculate(ind.formula)).toEqual(values.get(ind.id)!.value);
    });
  });
});

describe('the same workbook with Config settings changed', () => {
  test('NoDecisionIsLoss FALSE leaves no-decision deals out of win rates', () => {
    const engine = WorkbookEngine.build(handWorkbook({ NoDecisionIsLoss: false, TierMethod: 'Score' }), { asOf: ASOF });
    try {
      const v = new Map(engine.indicators().map((i) => [i.row.id, i.value]));
      expectClose('WIN_RATE_COUNT', v.get('WIN_RATE_COUNT')!, 2 / 3); // O1, O3 won / (2 won + O2 lost)
      expectClose('WIN_RATE_VALUE', v.get('WIN_RATE_VALUE')!, 300_000 / 350_000);
      expectClose('NO_DECISION_RATE', v.get('NO_DECISION_RATE')!, 1 / 4); // defined over all outcomes either way
      // Score method, bands 75/60/45: A1 82.5 → A, A2 45 → C, A3 45.83 → C, A4 10 → D.
      expect(engine.computedColumn('Accounts', 'Tier')).toEqual(['A', 'C', 'C', 'D']);
      // KeyAcc = A1 only: 400k / 1,000k; KEYACC_PIPE_SHARE = O5 300k / 480k.
      expectClose('SHARE_OF_WALLET', v.get('SHARE_OF_WALLET')!, 0.4);
      expectClose('KEYACC_PIPE_SHARE', v.get('KEYACC_PIPE_SHARE')!, 300_000 / 480_000);
      // Velocity with the new win rate: 3 · 150k · 2/3 / 200 = 1500.
      expectClose('SALES_VELOCITY', v.get('SALES_VELOCITY')!, 1500);
    } finally {
      engine.destroy();
    }
  });

  test("revenue ratios pair each account's numbers: a key account without a wallet estimate is left out of both sums", () => {
    // DESIGN §6 reads "ΣRevenue12m / ΣWalletEstimate over KeyAcc"; the kernel sums only accounts
    // that have both numbers, so A2's revenue does not count against a wallet nobody estimated:
    // (400k) / (1,000k) = 0.4, not (400k + 150k) / 1,000k = 0.55.
    const snapshot = handWorkbook();
    snapshot.tables.Accounts = {
      ...accounts,
      rows: accounts.rows.map((r, i) => (i === 1 ? [...r.slice(0, 7), null, ...r.slice(8)] : r)),
    };
    const engine = WorkbookEngine.build(snapshot, { asOf: ASOF });
    try {
      const v = new Map(engine.indicators().map((i) => [i.row.id, i.value]));
      expectClose('SHARE_OF_WALLET', v.get('SHARE_OF_WALLET')!, 0.4);
      expectClose('WHITESPACE', v.get('WHITESPACE')!, 600_000); // A2 has no wallet: no whitespace known
      expectClose('ACCOUNT_GROWTH', v.get('ACCOUNT_GROWTH')!, 550_000 / 470_000 - 1); // unchanged: revenues of both years exist
    } finally {
      engine.destroy();
    }
  });

  test('an account without any criterion score has no tier, and the other accounts keep theirs', () => {
    const snapshot = handWorkbook();
    const unscored = {
      ...accounts,
      rows: accounts.rows.map((r, i) => (i === 1 ? [...r.slice(0, 8), ...CRITERIA.map(() => null)] : r)),
    };
    snapshot.tables.Accounts = unscored;
    const engine = WorkbookEngine.build(snapshot, { asOf: ASOF });
    try {
      const tiers = engine.computedColumn('Accounts', 'Tier');
      expect(tiers).toEqual(['A', null, 'C', 'D']);
      const v = new Map(engine.indicators().map((i) => [i.row.id, i.value]));
      // KeyAcc is now A1 alone: 400k / 1,000k; KEYACC_PIPE_SHARE 300k / 480k; VISIT_SLA over 3 tiered accounts: A1 ✓.
      expectClose('SHARE_OF_WALLET', v.get('SHARE_OF_WALLET')!, 0.4);
      expectClose('KEYACC_PIPE_SHARE', v.get('KEYACC_PIPE_SHARE')!, 300_000 / 480_000);
      expectClose('VISIT_SLA', v.get('VISIT_SLA')!, 1 / 3);
      expectClose('RELATIONSHIP_LEVEL_AVG', v.get('RELATIONSHIP_LEVEL_AVG')!, (4 + 2) / 2);
    } finally {
      engine.destroy();
    }
  });
});
