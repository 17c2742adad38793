/**
 * What the pane's assistants ask the engine: tiering under other settings (on the engine's
 * copy of Config), grading answers with the workbook's formulas, and the decision-chain map.
 * Expected values are worked by hand from DESIGN §4, or come from an independent path (a
 * fresh engine built on a workbook whose Config already holds the other settings).
 */
import { Cell } from '../../src/core/cells';
import { decisionChainMap } from '../../src/engine/decisionChain';
import { AnswerCode, gradingForm } from '../../src/engine/grading';
import { TierSettings, configChanges, portfolioAccounts, portfolioTiers, tierSettings } from '../../src/engine/tiering';
import { WorkbookEngine } from '../../src/engine/workbookEngine';
import { generateSample } from '../../src/model/sample';
import { TableData, WorkbookSnapshot } from '../../src/model/snapshot';
import { settingsWrite } from '../../src/taskpane/views/tiering/tieringModel';

const table = (headers: string[], rows: Cell[][]): TableData => ({ sheet: 'x', origin: { row: 1, col: 1 }, headers, rows });
const engines: WorkbookEngine[] = [];
function build(s: WorkbookSnapshot, locale: 'en-US' | 'zh-CN' = 'en-US'): WorkbookEngine {
  const e = WorkbookEngine.build(s, { asOf: 46000, locale });
  engines.push(e);
  return e;
}
afterAll(() => engines.forEach((e) => e.destroy()));

describe('tiering', () => {
  const sample = generateSample({ locale: 'en-US', size: 300 });

  test('reads the workbook settings; Apply writes only what changed, at the workbook’s own rows', () => {
    const base = tierSettings(build(sample));
    expect(base.method).toBe('Matrix');
    expect(base.attractivenessThreshold).toBe(50);
    expect(base.criteria.map((c) => c.weight)).toEqual([25, 15, 10, 10, 15, 15, 10]);
    expect(base.criteria.map((c) => c.workbookRow)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const next = { ...base, positionThreshold: 55, criteria: base.criteria.map((c, i) => (i === 1 ? { ...c, weight: 30 } : c)) };
    expect(settingsWrite(base, next)).toEqual({
      settings: [{ setting: 'PositionThreshold', value: 55 }],
      config: [{ table: 'Criteria', row: 1, column: 'Weight', value: 30 }],
    });
    expect(settingsWrite(base, base)).toEqual({ settings: [], config: [] });
  });

  test('one account by hand: attractiveness 75, position 25 → B; thresholds 80 → D; score bands → C', () => {
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
    const engine = build(s);
    const base = tierSettings(engine);
    expect(base.criteria).toHaveLength(7);
    expect(base.criteria.every((c) => c.workbookRow === undefined)).toBe(true); // defaults: weights not writable
    expect(portfolioAccounts(engine)).toEqual([{ row: 0, id: 'A1', name: 'Acme' }]);
    expect(portfolioTiers(engine).tiers).toEqual(['B']);
    expect(portfolioTiers(engine, { ...base, attractivenessThreshold: 80 }).tiers).toEqual(['D']);
    // Score method: score over all criteria = (25+15+10+10)·0.75 + (15+15+10)·0.25 = 45+10 = 55 of 100 → C (≥ 45, < 60).
    expect(portfolioTiers(engine, { ...base, method: 'Score' }).tiers).toEqual(['C']);
    // The engine's Config is put back: the workbook's own tiers again.
    expect(portfolioTiers(engine).tiers).toEqual(['B']);
    expect(engine.computedColumn('Accounts', 'Tier')).toEqual(['B']);
  });

  test('other settings give exactly the tiers of a workbook whose Config holds them (the workbook’s own formulas)', () => {
    const engine = build(sample);
    const base = tierSettings(engine);
    const next: TierSettings = {
      ...base,
      attractivenessThreshold: 62,
      positionThreshold: 41,
      criteria: base.criteria.map((c, i) => (i === 0 ? { ...c, weight: 5 } : i === 4 ? { ...c, weight: 40 } : c)),
    };
    const mine = portfolioTiers(engine, next);
    // Independent path: the same changes made in the workbook itself, and a fresh engine on it.
    const criteria = sample.config.Criteria!;
    const w = criteria.headers.indexOf('Weight');
    const changed: WorkbookSnapshot = {
      ...sample,
      settings: { ...sample.settings, AttractivenessThreshold: 62, PositionThreshold: 41 },
      config: {
        ...sample.config,
        Criteria: {
          ...criteria,
          rows: criteria.rows.map((r, i) => r.map((c, k) => (k !== w ? c : i === 0 ? 5 : i === 4 ? 40 : c))),
        },
      },
    };
    const theirs = build(changed).computedColumn('Accounts', 'Tier');
    expect(mine.tiers).toEqual(theirs);
    expect(mine.tiers).not.toEqual(portfolioTiers(engine).tiers);
    const counted = { A: 0, B: 0, C: 0, D: 0 };
    for (const t of theirs) if (t === 'A' || t === 'B' || t === 'C' || t === 'D') counted[t]++;
    expect(mine.counts).toMatchObject(counted);
  });

  test('weights the formulas reject come back as an error and no tiers, not a throw', () => {
    const engine = build(sample);
    const base = tierSettings(engine);
    const r = portfolioTiers(engine, { ...base, criteria: base.criteria.map((c) => ({ ...c, weight: -1 })) });
    expect(r.error).toMatch(/negative/);
    expect(r.tiers.every((t) => t === null)).toBe(true);
    expect(portfolioTiers(engine).error).toBeUndefined();
  });

  test('too many Tier A accounts are named (more than 35)', () => {
    const engine = build(generateSample({ locale: 'en-US', size: 2000, seed: 5 }));
    const base = tierSettings(engine);
    const low = portfolioTiers(engine, { ...base, attractivenessThreshold: 0, positionThreshold: 0 });
    expect(low.counts.A).toBeGreaterThan(35);
    expect(low.tooManyA?.en).toMatch(new RegExp(`^${low.counts.A} accounts are Tier A`));
    expect(configChanges(base, base)).toEqual([]);
  });
});

describe('grading', () => {
  const sample = generateSample({ locale: 'zh-CN', size: 300 });

  test('questions in the engine’s language, answers read through aliases (是/否/未知), written back in the workbook’s', () => {
    const en = gradingForm(build(sample, 'en-US'), 0);
    const zh = gradingForm(build(sample, 'zh-CN'), 0);
    expect(en.questions).toHaveLength(12);
    expect(en.questions[0].text).toBe('Is there a real, defined project?');
    expect(zh.questions[0].text).toBe('客户是否有明确的项目？');
    expect(Object.values(en.saved).every((a) => a === 'Yes' || a === 'No' || a === 'Unknown')).toBe(true);
    expect(en.answerLocale).toBe('zh-CN');
    expect(gradingForm(build(generateSample({ locale: 'en-US', size: 100 }), 'zh-CN'), 0).answerLocale).toBe('en-US');
  });

  test('QualScore, sections and Grade by hand; the saved answers give the workbook’s own Grade', () => {
    const engine = build(sample, 'en-US');
    const form = gradingForm(engine, 0);
    expect(form.outcome.grade).toBe(form.savedGrade);
    const all = (code: AnswerCode) => Object.fromEntries(form.questions.map((q) => [q.id, code]));
    const yes = gradingForm(engine, 0, all('Yes')).outcome;
    expect([yes.qualScore, yes.sections.map((s) => s.score), yes.grade]).toEqual([100, [100, 100, 100, 100], 'A']);
    expect(yes.sections.every((s) => s.strong)).toBe(true);
    // Section 1 one No of three: 66.7 < 70, three strong, none < 40 → B; QualScore 11/12.
    const one = gradingForm(engine, 0, { ...all('Yes'), [form.questions[0].id]: 'No' }).outcome;
    expect(one.grade).toBe('B');
    expect(one.qualScore).toBeCloseTo((100 * 11) / 12, 12);
    expect(one.sections[0].score).toBeCloseTo(200 / 3, 12);
    expect(one.sections[0].strong).toBe(false);
    // Unknown scores UnknownAnswerScore (0 in the sample): all Unknown → section 1 is 0 < 40 → D.
    expect(gradingForm(engine, 0, all('Unknown')).outcome.grade).toBe('D');
    // Asking changes nothing in the workbook.
    expect(engine.computedColumn('Opportunities', 'Grade')[0]).toBe(form.savedGrade);
  });

  test('the stage check is the workbook’s StageCheck for the row, in words', () => {
    const engine = build(sample, 'en-US');
    const checks = engine.computedColumn('Opportunities', 'StageCheck');
    const ok = checks.findIndex((c) => c === 'OK');
    const missing = checks.findIndex((c) => typeof c === 'string' && c.startsWith('Missing: '));
    expect(gradingForm(engine, ok).outcome.stageCheck).toEqual({ kind: 'ok', words: { en: 'OK', zh: '齐全' } });
    // Missing events by the workbook's own names (its StageEvents descriptions), joined as each language joins.
    const ev = sample.config.StageEvents!;
    const nameOf = (id: string) =>
      String(ev.rows.find((r) => r[ev.headers.indexOf('EventId')] === id)![ev.headers.indexOf('Description')]);
    const ids = (checks[missing] as string).slice('Missing: '.length).split(', ');
    expect(gradingForm(engine, missing).outcome.stageCheck).toEqual({
      kind: 'missing',
      events: ids.join(', '),
      words: { en: `Missing: ${ids.map(nameOf).join(', ')}`, zh: `缺：${ids.map(nameOf).join('、')}` },
    });
  });

  test('a row that is not there, or an answer that is not one, is an error message', () => {
    const engine = build(sample, 'en-US');
    expect(() => gradingForm(engine, 10_000)).toThrow(/Opportunities has no row 10001/);
    const q = gradingForm(engine, 0).questions[0].id;
    expect(() => gradingForm(engine, 0, { [q]: 'Maybe' as AnswerCode })).toThrow(/Maybe is not an answer/);
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
  const map = (chain: Cell[][]) => decisionChainMap(build(snapshot(chain)), 0);

  test('org chart by ReportsTo, the account only, cycles broken', () => {
    const m = map([['O1', 'C2', '评估者', 'Outside', 'Supporter', 'Brief', 'Low']]);
    expect(m.accountName).toBe('Acme');
    const shape = (n: { contactId: string; children: unknown[] }): unknown => [n.contactId, (n.children as never[]).map(shape)];
    expect(m.roots.map(shape)).toEqual([
      ['C1', [['C2', [['C3', []]]]]],
      ['C5', [['C4', []]]],
    ]);
    expect(m.members[0].role?.code).toBe('Evaluator'); // zh alias folded by the kernel's reader
    expect(m.members[0].name).toBe('Tech');
  });

  test('gaps named: no decision maker, no mentor, opponents unmapped, key player not backing or not met', () => {
    const m = map([['O1', 'C1', 'Approver', 'InnerCircle', 'Neutral', 'NoContact', 'High']]);
    expect(m.gaps.map((g) => g.kind)).toEqual(['noMentor', 'opponentsUnmapped', 'keyPlayerNotBacking', 'keyPlayerUncovered']);
    expect(m.gaps[2].who).toEqual(['Boss']);
    // One of the four roles: 1/4.
    expect(m.roleCoverage).toBe(0.25);
    const full = map([
      ['O1', 'C1', 'DecisionMaker', 'InnerCircle', 'Mentor', 'InDepth', 'High'],
      ['O1', 'C3', 'User', 'Outside', 'Enemy', 'Brief', 'Low'],
    ]);
    expect(full.gaps).toEqual([]);
    // Influence-weighted support: (3·2 + 1·(−2)) / (3 + 1) = 1.
    expect(full.supportIndex).toBe(1);
    expect(full.roleCoverage).toBe(0.5);
  });

  test('an unknown enumeration value is a named problem, not a crash', () => {
    const m = map([['O1', 'C1', 'Boss of bosses', null, null, null, null]]);
    expect(m.problems[0].en).toMatch(/Dc_BuyingRole, row 1: unknown value/);
    expect(m.gaps.map((g) => g.kind)).toContain('noDecisionMaker');
  });
});
