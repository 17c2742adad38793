/**
 * The pure parts of the assistant views: settings read/write of the tiering assistant, the
 * grading form's kernel results, the decision-chain map (org chart, gaps) and which
 * indicators a what-if moved. Expected values are worked by hand from DESIGN §4.
 */
import { Cell } from '../../../src/core/cells';
import { WorkbookSnapshot, TableData } from '../../../src/model/snapshot';
import { generateSample } from '../../../src/model/sample';
import { decisionChainMap } from '../../../src/taskpane/views/decisionChain/chainModel';
import {
  answerLocale,
  answerText,
  answersOf,
  gradeAnswers,
  gradingQuestions,
} from '../../../src/taskpane/views/grading/gradingModel';
import { readTierSettings, settingsWrite, tierPortfolio } from '../../../src/taskpane/views/tiering/tieringModel';
import { digitsToShowMove, formatDelta, formatValue } from '../../../src/core/format';
import { indicatorMoves } from '../../../src/taskpane/views/whatIf/indicatorMoves';

const table = (headers: string[], rows: Cell[][]): TableData => ({ sheet: 'x', origin: { row: 1, col: 1 }, headers, rows });

describe('tiering model', () => {
  const sample = generateSample({ locale: 'en-US', size: 300 });

  test('reads the workbook settings and writes only what changed', () => {
    const base = readTierSettings(sample, 'en-US');
    expect(base.method).toBe('Matrix');
    expect(base.attractivenessThreshold).toBe(50);
    expect(base.criteria.map((c) => c.weight)).toEqual([25, 15, 10, 10, 15, 15, 10]);
    const next = { ...base, positionThreshold: 55, criteria: base.criteria.map((c, i) => (i === 1 ? { ...c, weight: 30 } : c)) };
    expect(settingsWrite(base, next)).toEqual({
      settings: [{ setting: 'PositionThreshold', value: 55 }],
      config: [{ table: 'Criteria', row: 1, column: 'Weight', value: 30 }],
    });
    expect(settingsWrite(base, base)).toEqual({ settings: [], config: [] });
  });

  test('one account by hand: attractiveness 75, position 25 → B; thresholds 80 → D', () => {
    // Default criteria on a 1–5 scale. Attractiveness criteria all 4: n = 0.75 → 75.
    // Position criteria all 2: n = 0.25 → 25. Matrix at 50/50: attractive, weak → B.
    const s: WorkbookSnapshot = {
      tables: {
        Accounts: table(
          [
            'AccountId',
            'AccountName',
            'C_Potential',
            'C_Growth',
            'C_FinancialHealth',
            'C_Influence',
            'C_StrategicFit',
            'C_Relationship',
            'C_ShareOfWallet',
          ],
          [['A1', 'Acme', 4, 4, 4, 4, 2, 2, 2]],
        ),
      },
      config: {},
      settings: {},
      problems: [],
    };
    const base = readTierSettings(s, 'en-US');
    expect(base.criteria).toHaveLength(7);
    expect(base.criteria.every((c) => c.configRow === undefined)).toBe(true); // defaults: weights not writable
    expect(tierPortfolio(s, base, 'en-US').tiers).toEqual(['B']);
    expect(tierPortfolio(s, { ...base, attractivenessThreshold: 80 }, 'en-US').tiers).toEqual(['D']);
    // Score method: score over all criteria = (25+15+10+10)·0.75 + (15+15+10)·0.25 = 45+10 = 55 of 100 → C (≥ 45, < 60).
    expect(tierPortfolio(s, { ...base, method: 'Score' }, 'en-US').tiers).toEqual(['C']);
  });

  test('weights the kernels reject come back as an error, not a throw', () => {
    const base = readTierSettings(sample, 'en-US');
    const bad = { ...base, criteria: base.criteria.map((c) => ({ ...c, weight: -1 })) };
    const r = tierPortfolio(sample, bad, 'en-US');
    expect(r.error?.message.en).toMatch(/negative/);
    expect(r.tiers.every((t) => t === null)).toBe(true);
  });
});

describe('grading model', () => {
  const sample = generateSample({ locale: 'zh-CN', size: 300 });

  test('questions in the UI language, answers read through aliases (是/否/未知)', () => {
    const en = gradingQuestions(sample, 'en-US');
    const zh = gradingQuestions(sample, 'zh-CN');
    expect(en).toHaveLength(12);
    expect(en[0].text).toBe('Is there a real, defined project?');
    expect(zh[0].text).toBe('客户是否有明确的项目？');
    const answers = answersOf(sample, 0, en);
    expect(Object.values(answers).every((a) => a === 'Yes' || a === 'No' || a === 'Unknown')).toBe(true);
  });

  test('answers are saved in the language the workbook writes them in, whatever the pane language', () => {
    const qs = gradingQuestions(sample, 'en-US');
    expect(answerLocale(sample, qs, 'en-US')).toBe('zh-CN');
    expect(answerLocale(generateSample({ locale: 'en-US', size: 100 }), qs, 'zh-CN')).toBe('en-US');
    expect(answerText('Unknown', 'zh-CN')).toBe('未知');
    expect(answerText('No', 'en-US')).toBe('No');
  });

  test('QualScore, sections and Grade by hand', () => {
    const qs = gradingQuestions(sample, 'en-US');
    const all = (code: 'Yes' | 'No' | 'Unknown') => Object.fromEntries(qs.map((q) => [q.id, code]));
    expect(gradeAnswers(sample, 'en-US', 0, qs, all('Yes'))).toMatchObject({
      qualScore: 100,
      sections: [100, 100, 100, 100],
      grade: 'A',
    });
    // Section 1 one No of three: 66.7 < 70, three strong, none < 40 → B; QualScore 11/12.
    const one = { ...all('Yes'), [qs[0].id]: 'No' as const };
    const r = gradeAnswers(sample, 'en-US', 0, qs, one);
    expect(r.grade).toBe('B');
    expect(r.qualScore).toBeCloseTo((100 * 11) / 12, 12);
    // Unknown scores UnknownAnswerScore (0 in the sample): all Unknown → section 1 is 0 < 40 → D.
    expect(gradeAnswers(sample, 'en-US', 0, qs, all('Unknown')).grade).toBe('D');
  });
});

describe('decision chain map', () => {
  const contacts = table(
    ['ContactId', 'AccountId', 'Name', 'Title', 'ReportsTo'],
    [
      ['C1', 'A1', 'Boss', 'CEO', null],
      ['C2', 'A1', 'Tech', 'CTO', 'C1'],
      ['C3', 'A1', 'Buyer', 'Procurement', 'C2'],
      ['C4', 'A1', 'Loop', 'Advisor', 'C5'], // C4 ↔ C5 report to each other: a cycle
      ['C5', 'A1', 'Loop2', 'Advisor', 'C4'],
      ['C9', 'A2', 'Other', 'CEO', null],
    ],
  );
  const snapshot = (chain: Cell[][]): WorkbookSnapshot => ({
    tables: {
      Accounts: table(['AccountId', 'AccountName'], [['A1', 'Acme']]),
      Opportunities: table(['OppId', 'AccountId'], [['O1', 'A1']]),
      Contacts: contacts,
      DecisionChain: table(['OppId', 'ContactId', 'BuyingRole', 'PoliticalStatus', 'Support', 'Coverage', 'Influence'], chain),
    },
    config: {},
    settings: {},
    problems: [],
  });

  test('org chart by ReportsTo, the account only, cycles broken', () => {
    const map = decisionChainMap(snapshot([['O1', 'C2', '评估者', 'Outside', 'Supporter', 'Brief', 'Low']]), 0);
    expect(map.accountName).toBe('Acme');
    const shape = (n: { contactId: string; children: unknown[] }): unknown => [n.contactId, (n.children as never[]).map(shape)];
    expect(map.roots.map(shape)).toEqual([
      ['C1', [['C2', [['C3', []]]]]],
      ['C5', [['C4', []]]],
    ]);
    expect(map.members[0].role?.code).toBe('Evaluator'); // zh alias folded by the kernel's reader
  });

  test('gaps named: no decision maker, no mentor, opponents unmapped, key player not backing or not met', () => {
    const map = decisionChainMap(snapshot([['O1', 'C1', 'Approver', 'InnerCircle', 'Neutral', 'NoContact', 'High']]), 0);
    expect(map.gaps.map((g) => g.kind)).toEqual(['noMentor', 'opponentsUnmapped', 'keyPlayerNotBacking', 'keyPlayerUncovered']);
    expect(map.gaps[2].who).toEqual(['Boss']);
    // One of the four roles: 1/4.
    expect(map.roleCoverage).toBe(0.25);
    const full = decisionChainMap(
      snapshot([
        ['O1', 'C1', 'DecisionMaker', 'InnerCircle', 'Mentor', 'InDepth', 'High'],
        ['O1', 'C3', 'User', 'Outside', 'Enemy', 'Brief', 'Low'],
      ]),
      0,
    );
    expect(full.gaps).toEqual([]);
    // Influence-weighted support: (3·2 + 1·(−2)) / (3 + 1) = 1.
    expect(full.supportIndex).toBe(1);
  });

  test('an unknown enumeration value is a named problem, not a crash', () => {
    const map = decisionChainMap(snapshot([['O1', 'C1', 'Boss of bosses', null, null, null, null]]), 0);
    expect(map.problems[0].message.en).toMatch(/Dc_BuyingRole, row 1: unknown value/);
    expect(map.gaps.map((g) => g.kind)).toContain('noDecisionMaker');
  });
});

describe('what-if moves', () => {
  const r = (id: string, value: number | null, unit = 'ratio', status: string | null = null) => ({
    id,
    goal: 'WIN',
    name: id,
    value,
    unit,
    status,
  });

  test('only moved indicators, with direction and verdict', () => {
    const moves = indicatorMoves(
      [r('WIN_RATE_COUNT', 0.4), r('STALE_RATE', 0.2), r('OPEN_PIPE', 1000, 'amount'), r('X', null)],
      [r('WIN_RATE_COUNT', 0.5), r('STALE_RATE', 0.3), r('OPEN_PIPE', 1000 + 1e-13, 'amount'), r('X', null)],
      [
        { id: 'WIN_RATE_COUNT', direction: 'HigherIsBetter' },
        { id: 'STALE_RATE', direction: 'LowerIsBetter' },
      ] as never,
    );
    expect(moves.map((m) => [m.id, m.sign, m.verdict])).toEqual([
      ['WIN_RATE_COUNT', 1, 1],
      ['STALE_RATE', 1, -1],
    ]);
    expect(
      formatDelta(
        moves[0].before,
        moves[0].after,
        moves[0].unit,
        'en-US',
        digitsToShowMove(moves[0].before, moves[0].after, moves[0].unit, 'en-US'),
      ),
    ).toBe('+10.0 pp');
    expect(formatDelta(moves[0].before, moves[0].after, moves[0].unit, 'zh-CN', 1)).toBe('+10.0 个百分点');
  });

  test('a small move gets the digits to show it', () => {
    const [m] = indicatorMoves([r('R', 0.01501)], [r('R', 0.01504)]);
    // 1.501% → 1.504%: equal at one and two digits, different at three.
    expect(digitsToShowMove(m.before, m.after, m.unit, 'en-US')).toBe(3);
    expect(formatValue(m.after, m.unit, 'en-US', { digits: 3 })).toBe('1.504%');
    expect(formatValue(1234567, 'amount', 'en-US')).toBe('1,234,567');
  });
});
