/**
 * The sample workbook generator: deterministic, the promised shape and counts, consistent
 * references and dates, tiers that spread, and zh values that fold back onto the en codes.
 */
import { Cell, serialFromYmd } from '../../src/core/cells';
import {
  ActivityType,
  Answer,
  BuyingRole,
  Coverage,
  DefaultStage,
  Enumeration,
  Influence,
  PoliticalStatus,
  RelationshipLevel,
  Status,
  Support,
  canonical,
} from '../../src/core/enumerations';
import {
  DEFAULT_CRITERIA,
  DEFAULT_INDUSTRIES,
  DEFAULT_QUESTIONS,
  DEFAULT_STAGE_EVENTS,
  DEFAULT_STAGES,
  DEFAULT_TIERS,
} from '../../src/model/defaults';
import { generateSample } from '../../src/model/sample';
import { TableName, tableSpec } from '../../src/model/schema';
import { TableData, WorkbookSnapshot } from '../../src/model/snapshot';
import { VERSION } from '../../src/version';

const AS_OF = 46352; // 2026-11-26
const YEAR_START = serialFromYmd(2026, 1, 1)!;
const YEAR_END = serialFromYmd(2026, 12, 31)!;

const en = generateSample({ locale: 'en-US', size: 300, seed: 1 });
const zh = generateSample({ locale: 'zh-CN', size: 300, seed: 1 });

function table(s: WorkbookSnapshot, name: TableName): TableData {
  const t = s.tables[name];
  if (!t) throw new Error(`no ${name}`);
  return t;
}
function col(s: WorkbookSnapshot, name: TableName, column: string): Cell[] {
  const t = table(s, name);
  const j = t.headers.indexOf(column);
  if (j < 0) throw new Error(`no ${name}.${column}`);
  return t.rows.map((r) => r[j]);
}
const counts = (xs: readonly Cell[]) => {
  const m = new Map<Cell, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
};

/** Tier by DESIGN §4's matrix method with the default criteria, computed independently here. */
function tierOf(scores: readonly number[]): string {
  const axis = (a: 'Attractiveness' | 'Position') => {
    let num = 0;
    let den = 0;
    DEFAULT_CRITERIA.forEach((c, i) => {
      if (c.axis !== a) return;
      num += c.weight * ((scores[i] - c.min) / (c.max - c.min));
      den += c.weight;
    });
    return (100 * num) / den;
  };
  const high = axis('Attractiveness') >= 50;
  const strong = axis('Position') >= 50;
  return high ? (strong ? 'A' : 'B') : strong ? 'C' : 'D';
}
function tiers(s: WorkbookSnapshot): Map<string, string> {
  const acc = table(s, 'Accounts');
  const first = acc.headers.indexOf(DEFAULT_CRITERIA[0].id);
  return new Map(acc.rows.map((r) => [r[0] as string, tierOf(r.slice(first, first + DEFAULT_CRITERIA.length) as number[])]));
}

describe('determinism', () => {
  test('the same options give an identical snapshot', () => {
    // Compared as JSON: a deep toEqual over ~5,000 rows is slow and says no more here.
    expect(JSON.stringify(generateSample({ locale: 'en-US', size: 300, seed: 1 }))).toBe(JSON.stringify(en));
  });
  test('defaults are locale en-US, size 300, seed 1, as of 2026-11-26', () => {
    expect(JSON.stringify(generateSample())).toBe(JSON.stringify(en));
  });
  test('a different seed gives different data of the same shape', () => {
    const other = generateSample({ size: 300, seed: 2 });
    expect(table(other, 'Opportunities').rows.length).toBe(300);
    expect(col(other, 'Opportunities', 'Amount')).not.toEqual(col(en, 'Opportunities', 'Amount'));
    expect(col(other, 'Accounts', 'AccountName')).not.toEqual(col(en, 'Accounts', 'AccountName'));
  });
  test('en and zh samples of one seed hold the same numbers', () => {
    for (const name of ['Accounts', 'Opportunities', 'Activities', 'Targets'] as TableName[]) {
      const a = table(en, name).rows;
      const b = table(zh, name).rows;
      expect(b.length).toBe(a.length);
      const differ = a.filter((row, i) => row.some((v, j) => typeof v === 'number' && b[i][j] !== v));
      expect(differ).toEqual([]);
    }
  });
});

describe('shape and counts', () => {
  test('tables have the schema columns with criteria and questions in place', () => {
    expect(table(en, 'Accounts').headers).toEqual([
      'AccountId',
      'AccountName',
      'Industry',
      'Region',
      'Owner',
      'Revenue12m',
      'RevenuePrev12m',
      'WalletEstimate',
      ...DEFAULT_CRITERIA.map((c) => c.id),
      'Score',
      'Attractiveness',
      'Position',
      'Tier',
      'Strategy',
    ]);
    const opp = table(en, 'Opportunities').headers;
    expect(opp.slice(0, 16)).toEqual(
      tableSpec('Opportunities')
        .columns.slice(0, 16)
        .map((c) => c.name),
    );
    expect(opp.slice(16, 28)).toEqual(DEFAULT_QUESTIONS.map((q) => q.questionId));
    expect(opp.slice(28)).toEqual(['QualScore', 'Grade', 'Probability', 'StageCheck']);
    for (const name of ['Contacts', 'DecisionChain', 'Activities', 'Targets', 'Actions'] as TableName[]) {
      expect(table(en, name).headers).toEqual(tableSpec(name).columns.map((c) => c.name));
    }
    for (const name of Object.keys(en.tables) as TableName[]) {
      const t = table(en, name);
      expect(t.rows.filter((r) => r.length !== t.headers.length)).toEqual([]);
    }
  });

  test('counts follow the size', () => {
    expect(table(en, 'Accounts').rows.length).toBe(30);
    expect(table(en, 'Opportunities').rows.length).toBe(300);
    expect(table(en, 'Contacts').rows.length).toBe(150);
    const acts = table(en, 'Activities').rows.length;
    expect(acts).toBeGreaterThanOrEqual(3 * 300);
    expect(acts).toBeLessThanOrEqual(4.5 * 300);
    const owners = new Set(col(en, 'Accounts', 'Owner'));
    expect(owners.size).toBeGreaterThanOrEqual(4);
    expect(owners.size).toBeLessThanOrEqual(6);
    expect(table(en, 'Targets').rows.length).toBe(owners.size * 4);
    expect(table(en, 'Actions').rows.length).toBeGreaterThan(30);
    const bigger = generateSample({ size: 500, seed: 3 });
    expect(table(bigger, 'Accounts').rows.length).toBe(50);
    expect(table(bigger, 'Contacts').rows.length).toBe(250);
  });

  test('ids are unique', () => {
    for (const [name, key] of [
      ['Accounts', 'AccountId'],
      ['Opportunities', 'OppId'],
      ['Contacts', 'ContactId'],
      ['Activities', 'ActivityId'],
    ] as [TableName, string][]) {
      const ids = col(en, name, key);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test('computed columns stay empty', () => {
    for (const name of ['Accounts', 'Opportunities'] as TableName[]) {
      for (const c of tableSpec(name).columns.filter((x) => x.computed)) {
        expect(col(en, name, c.name).every((v) => v === null)).toBe(true);
      }
    }
  });

  test('every account has all seven criteria scored 1–5', () => {
    for (const c of DEFAULT_CRITERIA) {
      expect(col(en, 'Accounts', c.id).filter((v) => !(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5))).toEqual(
        [],
      );
    }
  });

  test('the criteria spread accounts over all four tiers, with at most 35 in A', () => {
    for (const s of [en, generateSample({ size: 300, seed: 7 })]) {
      const byTier = counts([...tiers(s).values()]);
      for (const t of ['A', 'B', 'C', 'D']) expect(byTier.get(t) ?? 0).toBeGreaterThanOrEqual(3);
    }
    // 1,800 opportunities → 180 accounts, of which 20% would be 36: the cap must hold.
    const big = generateSample({ size: 1800, seed: 1 });
    const byTier = counts([...tiers(big).values()]);
    expect(byTier.get('A')).toBeLessThanOrEqual(35);
    expect(byTier.get('A')).toBeGreaterThan(20);
  });

  test('accounts span the industries and regions; some wallets are blank', () => {
    expect(new Set(col(en, 'Accounts', 'Industry'))).toEqual(new Set(DEFAULT_INDUSTRIES.map((i) => i.industry)));
    expect(new Set(col(en, 'Accounts', 'Region'))).toEqual(new Set(['East', 'North', 'South', 'West', 'Central']));
    const wallet = col(en, 'Accounts', 'WalletEstimate');
    expect(wallet.some((v) => v === null)).toBe(true);
    expect(wallet.filter((v) => typeof v === 'number').length).toBeGreaterThan(20);
    const rev = col(en, 'Accounts', 'Revenue12m');
    const prev = col(en, 'Accounts', 'RevenuePrev12m');
    rev.forEach((v, i) => {
      expect(typeof v).toBe('number');
      expect(typeof prev[i]).toBe('number');
    });
  });

  // Issue 16: the revenue of the last 12 months covers the deals won in them (the account plan's
  // target, 20 % above it, is then not beaten before the year is out), the 12 months before cover
  // theirs, and our revenue stays within the customer's spend.
  test.each([
    [300, 1],
    [5000, 7],
  ])('revenue covers the won deals and fits the wallet (%i deals, seed %i)', (size, seed) => {
    const s = size === 300 && seed === 1 ? en : generateSample({ size, seed });
    const opp = table(s, 'Opportunities');
    const o = (c: string) => opp.headers.indexOf(c);
    const wonIn = (id: Cell, from: number, to: number) =>
      opp.rows
        .filter((r) => r[o('AccountId')] === id && r[o('Status')] === 'Won')
        .filter((r) => (r[o('CloseDate')] as number) > from && (r[o('CloseDate')] as number) <= to)
        .reduce((sum, r) => sum + (r[o('Amount')] as number), 0);
    const acc = table(s, 'Accounts');
    const a = (c: string) => acc.headers.indexOf(c);
    for (const r of acc.rows) {
      const revenue = r[a('Revenue12m')] as number;
      expect(revenue).toBeGreaterThanOrEqual(wonIn(r[0], AS_OF - 365, AS_OF));
      expect(r[a('RevenuePrev12m')] as number).toBeGreaterThanOrEqual(wonIn(r[0], AS_OF - 730, AS_OF - 365));
      const wallet = r[a('WalletEstimate')];
      if (wallet !== null) expect(revenue).toBeLessThanOrEqual(wallet as number);
    }
  });
});

describe('opportunities', () => {
  const status = col(en, 'Opportunities', 'Status');
  const stage = col(en, 'Opportunities', 'Stage');

  test('every status in the promised proportions, every stage present', () => {
    const byStatus = counts(status);
    expect(byStatus.get('Open')).toBe(135);
    expect(byStatus.get('Won')).toBe(90);
    expect(byStatus.get('Lost')).toBe(54);
    expect(byStatus.get('NoDecision')).toBe(21);
    const openStages = new Set(stage.filter((_, i) => status[i] === 'Open'));
    expect(openStages).toEqual(new Set(DEFAULT_STAGES.map((s) => s.stage)));
  });

  test('a small sample still has every status and every open stage', () => {
    const small = generateSample({ size: 20, seed: 5 });
    const st = col(small, 'Opportunities', 'Status');
    expect(new Set(st)).toEqual(new Set(['Open', 'Won', 'Lost', 'NoDecision']));
    const sg = col(small, 'Opportunities', 'Stage').filter((_, i) => st[i] === 'Open');
    expect(new Set(sg)).toEqual(new Set(DEFAULT_STAGES.map((s) => s.stage)));
  });

  test('dates are consistent with the status and the as-of date', () => {
    const created = col(en, 'Opportunities', 'CreatedDate') as number[];
    const close = col(en, 'Opportunities', 'CloseDate') as number[];
    const entered = col(en, 'Opportunities', 'StageEnteredDate') as number[];
    const pushes = col(en, 'Opportunities', 'CloseDatePushes') as number[];
    let closedInPeriod = 0;
    let overdue = 0;
    const inconsistent = status.filter(
      (s, i) =>
        !(created[i] < close[i]) ||
        created[i] > AS_OF ||
        entered[i] < created[i] ||
        entered[i] > Math.min(AS_OF, close[i]) ||
        ![0, 1, 2, 3].includes(pushes[i]) ||
        (s !== 'Open' && close[i] > AS_OF),
    );
    expect(inconsistent).toEqual([]);
    status.forEach((s, i) => {
      if (s !== 'Open') {
        if (close[i] >= YEAR_START && close[i] <= YEAR_END) closedInPeriod++;
      } else if (close[i] < AS_OF) overdue++;
    });
    expect(closedInPeriod).toBeGreaterThan(100);
    expect(overdue).toBeGreaterThan(5);
    const wonInPeriod = status.filter((s, i) => s === 'Won' && close[i] >= YEAR_START).length;
    expect(wonInPeriod).toBeGreaterThan(40);
  });

  test('amounts are positive and rounded', () => {
    expect((col(en, 'Opportunities', 'Amount') as number[]).filter((a) => !(a > 0 && a % 10_000 === 0))).toEqual([]);
  });

  test('lost deals have a loss reason; competitors, next steps and texts are partly blank', () => {
    const reason = col(en, 'Opportunities', 'LossReason');
    status.forEach((s, i) => s === 'Lost' && expect(typeof reason[i]).toBe('string'));
    const next = col(en, 'Opportunities', 'NextStepDate');
    const openNext = next.filter((_, i) => status[i] === 'Open');
    expect(openNext.some((d) => d === null)).toBe(true);
    expect(openNext.some((d) => typeof d === 'number' && d >= AS_OF)).toBe(true);
    expect(openNext.some((d) => typeof d === 'number' && d < AS_OF)).toBe(true);
    for (const c of ['Competitor', 'ValueProposition', 'CompellingEvent']) {
      const v = col(en, 'Opportunities', c);
      expect(v.some((x) => x === null)).toBe(true);
      expect(v.some((x) => typeof x === 'string')).toBe(true);
    }
  });

  test('the twelve answers use Yes/No/Unknown and are likelier Yes for won and late deals', () => {
    const t = table(en, 'Opportunities');
    const qs = DEFAULT_QUESTIONS.map((q) => t.headers.indexOf(q.questionId));
    const yesShare = (keep: (r: Cell[]) => boolean) => {
      const rows = t.rows.filter(keep);
      const all = rows.flatMap((r) => qs.map((j) => r[j]));
      return all.filter((v) => v === 'Yes').length / all.length;
    };
    const values = new Set(t.rows.flatMap((r) => qs.map((j) => r[j])));
    expect(values).toEqual(new Set(['Yes', 'No', 'Unknown']));
    const si = t.headers.indexOf('Status');
    const gi = t.headers.indexOf('Stage');
    expect(yesShare((r) => r[si] === 'Won')).toBeGreaterThan(yesShare((r) => r[si] === 'Lost'));
    expect(yesShare((r) => r[si] === 'Open' && r[gi] === 'Negotiate')).toBeGreaterThan(
      yesShare((r) => r[si] === 'Open' && r[gi] === 'Discover'),
    );
  });
});

describe('contacts, chains and activities', () => {
  const accountIds = new Set(col(en, 'Accounts', 'AccountId'));
  const con = table(en, 'Contacts');
  const contactAccount = new Map(con.rows.map((r) => [r[0], r[1]]));
  const opp = table(en, 'Opportunities');
  const oppAccount = new Map(opp.rows.map((r) => [r[0], r[1]]));
  const oppStatus = new Map(opp.rows.map((r) => [r[0], r[5]]));
  const oppStage = new Map(opp.rows.map((r) => [r[0], r[4]]));

  test('references point at existing rows', () => {
    for (const a of col(en, 'Opportunities', 'AccountId')) expect(accountIds.has(a as string)).toBe(true);
    for (const r of con.rows) {
      expect(accountIds.has(r[1] as string)).toBe(true);
      // ReportsTo is a contact of the same account: an org chart per account.
      if (r[5] !== null) expect(contactAccount.get(r[5])).toBe(r[1]);
    }
    const roots = con.rows.filter((r) => r[5] === null).map((r) => r[1]);
    expect(new Set(roots).size).toBe(roots.length);
    expect(new Set(roots)).toEqual(new Set(con.rows.map((r) => r[1])));
    expect(table(en, 'DecisionChain').rows.filter((r) => contactAccount.get(r[1]) !== oppAccount.get(r[0]))).toEqual([]);
    const badActivities = table(en, 'Activities').rows.filter(
      (r) =>
        (r[2] !== null && !accountIds.has(r[2] as string)) ||
        (r[3] !== null && !oppAccount.has(r[3])) ||
        (r[2] !== null && r[3] !== null && oppAccount.get(r[3]) !== r[2]) ||
        (r[2] === null && r[3] === null) ||
        (r[4] !== null && contactAccount.get(r[4]) !== (r[2] ?? oppAccount.get(r[3]))),
    );
    expect(badActivities).toEqual([]);
  });

  test('decision chains have 2–6 rows per opportunity and a range of support', () => {
    const perOpp = counts(col(en, 'DecisionChain', 'OppId'));
    expect(perOpp.size).toBe(300);
    for (const n of perOpp.values()) {
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(6);
    }
    const support = new Set(col(en, 'DecisionChain', 'Support'));
    expect(support).toEqual(new Set(['Mentor', 'Supporter', 'Neutral', 'NonSupporter', 'Enemy']));
    expect(new Set(col(en, 'DecisionChain', 'BuyingRole'))).toEqual(new Set(['Approver', 'DecisionMaker', 'Evaluator', 'User']));
    const pairs = table(en, 'DecisionChain').rows.map((r) => `${r[0]}|${r[1]}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  test('a mentor on the chain matches the answer to Q_Mentor', () => {
    const mentorAnswer = new Map(opp.rows.map((r) => [r[0], r[opp.headers.indexOf('Q_Mentor')]]));
    const withMentor = new Set(
      table(en, 'DecisionChain')
        .rows.filter((r) => r[4] === 'Mentor')
        .map((r) => r[0]),
    );
    for (const [id, a] of mentorAnswer) expect(withMentor.has(id as string)).toBe(a === 'Yes');
  });

  test('activities are dated up to the as-of date, of every type, some logged against the opportunity only', () => {
    const acts = table(en, 'Activities').rows;
    expect(acts.filter((r) => (r[1] as number) > AS_OF)).toEqual([]);
    expect(new Set(acts.map((r) => r[5]))).toEqual(new Set(ActivityType.values.map((v) => v.code)));
    expect(acts.filter((r) => r[2] === null).length).toBeGreaterThan(50);
    const dates = acts.map((r) => r[1] as number);
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
  });

  test('sufficient events fit each deal: known ids, stages reached, and StageCheck varies', () => {
    const stageOrder = new Map(DEFAULT_STAGES.map((s, i) => [s.stage, i]));
    const eventStage = new Map(DEFAULT_STAGE_EVENTS.map((e) => [e.eventId, stageOrder.get(e.stage)!]));
    const proven = new Set<string>();
    const evidence = table(en, 'Activities').rows.filter((r) => r[6] !== null);
    const misplaced = evidence.filter(
      (r) =>
        !eventStage.has(r[6] as string) ||
        r[3] === null ||
        eventStage.get(r[6] as string)! > stageOrder.get(oppStage.get(r[3]) as string)!,
    );
    expect(misplaced).toEqual([]);
    for (const r of evidence) proven.add(`${r[3]}|${r[6]}`);
    let ok = 0;
    let missing = 0;
    for (const [id, s] of oppStatus) {
      if (s !== 'Open') continue;
      const k = stageOrder.get(oppStage.get(id) as string)!;
      const needed = DEFAULT_STAGE_EVENTS.filter((e) => e.essential && eventStage.get(e.eventId)! <= k);
      if (needed.every((e) => proven.has(`${id}|${e.eventId}`))) ok++;
      else missing++;
    }
    expect(ok / (ok + missing)).toBeGreaterThan(0.4);
    expect(missing / (ok + missing)).toBeGreaterThan(0.2);
  });

  test('most Tier A accounts had an executive meeting in the last 90 days', () => {
    const tier = tiers(en);
    const a = [...tier].filter(([, t]) => t === 'A').map(([id]) => id);
    const met = new Set(
      table(en, 'Activities')
        .rows.filter((r) => r[5] === 'ExecutiveMeeting' && (r[1] as number) > AS_OF - 90)
        .map((r) => (r[2] ?? oppAccount.get(r[3])) as string),
    );
    expect(a.filter((id) => met.has(id)).length).toBeGreaterThanOrEqual(Math.ceil(a.length / 2));
  });

  test('targets cover each owner for the four quarters of the as-of year', () => {
    const t = table(en, 'Targets').rows;
    const owners = new Set(t.map((r) => r[1]));
    for (const o of owners) {
      const mine = t.filter((r) => r[1] === o);
      expect(mine.map((r) => r[2])).toEqual([
        serialFromYmd(2026, 1, 1),
        serialFromYmd(2026, 4, 1),
        serialFromYmd(2026, 7, 1),
        serialFromYmd(2026, 10, 1),
      ]);
      expect(mine.map((r) => r[3])).toEqual([
        serialFromYmd(2026, 3, 31),
        serialFromYmd(2026, 6, 30),
        serialFromYmd(2026, 9, 30),
        serialFromYmd(2026, 12, 31),
      ]);
      for (const r of mine) expect(r[4] as number).toBeGreaterThan(0);
    }
  });

  test('actions: some done, some overdue, some still to come', () => {
    const ax = table(en, 'Actions').rows;
    expect(ax.some((r) => (r[3] as number) <= AS_OF && r[4] === 'Yes')).toBe(true);
    expect(ax.some((r) => (r[3] as number) <= AS_OF && r[4] === 'No')).toBe(true);
    expect(ax.some((r) => (r[3] as number) > AS_OF)).toBe(true);
    for (const r of ax) expect(accountIds.has(r[0] as string)).toBe(true);
  });

  // Issue 16: done dates and deals, checked with this test's own reading of the columns.
  test.each([
    [300, 1],
    [5000, 7],
  ])('actions of %i deals, seed %i: done dates, deals, and every outcome', (size, seed) => {
    const s = size === 300 && seed === 1 ? en : generateSample({ size, seed });
    const head = table(s, 'Actions').headers;
    const at = (c: string) => head.indexOf(c);
    const opp = table(s, 'Opportunities');
    const dealOf = new Map(opp.rows.map((r) => [r[0], { account: r[1], status: r[opp.headers.indexOf('Status')] }]));
    const outcomes = new Set<string>();
    for (const r of table(s, 'Actions').rows) {
      const due = r[at('DueDate')] as number;
      const doneOn = r[at('DoneDate')] as number | null;
      // A done date only on a done action, never after the as-of date.
      expect(doneOn === null ? r[at('Done')] !== 'Yes' : r[at('Done')] === 'Yes' && doneOn <= AS_OF).toBe(true);
      const deal = r[at('OppId')];
      if (deal !== null) expect(dealOf.get(deal)).toEqual({ account: r[at('AccountId')], status: 'Open' });
      if (doneOn !== null) outcomes.add(doneOn <= due ? 'on time' : 'late');
      else outcomes.add(due < AS_OF ? 'overdue' : 'open');
    }
    expect([...outcomes].sort()).toEqual(['late', 'on time', 'open', 'overdue']);
  });

  test('the first open deal has an action of its own (the deal review opens on it)', () => {
    const opp = table(en, 'Opportunities');
    const first = opp.rows.find((r) => r[opp.headers.indexOf('Status')] === 'Open')![0];
    expect(col(en, 'Actions', 'OppId')).toContain(first);
  });
});

describe('config and settings', () => {
  test('methodology tables hold the DESIGN §4 defaults', () => {
    expect(en.config.Stages!.rows).toEqual(DEFAULT_STAGES.map((s) => [s.stage, s.order, s.probability, s.standardDays]));
    expect(en.config.StageEvents!.rows.length).toBe(14);
    expect(en.config.Criteria!.rows.map((r) => r[2] as number).reduce((a, b) => a + b, 0)).toBe(100);
    expect(en.config.Questions!.rows.map((r) => r[0])).toEqual(DEFAULT_QUESTIONS.map((q) => q.questionId));
    expect(en.config.Tiers!.rows.map((r) => [r[0], r[2]])).toEqual([
      ['A', 30],
      ['B', 60],
      ['C', 90],
      ['D', 180],
    ]);
    expect(new Set(en.config.Benchmarks!.rows.map((r) => r[1]))).toEqual(new Set(['Employees', 'Revenue']));
    expect(new Set(en.config.Benchmarks!.rows.map((r) => r[0]))).toEqual(new Set(DEFAULT_INDUSTRIES.map((i) => i.industry)));
  });

  test('settings: as-of date, calendar-year period, thresholds, currency, template', () => {
    expect(en.settings).toMatchObject({
      AsOfDate: AS_OF,
      PeriodStart: YEAR_START,
      PeriodEnd: YEAR_END,
      TierMethod: 'Matrix',
      AttractivenessThreshold: 50,
      PositionThreshold: 50,
      NoDecisionIsLoss: true,
      UnknownAnswerScore: 0,
      Currency: 'CNY',
      TemplateId: 'sample',
      TemplateVersion: VERSION,
    });
    expect(en.settingCells?.AsOfDate).toEqual({ sheet: 'Config', cell: 'B3' });
  });

  test('another as-of date moves the period and the data with it', () => {
    const asOf = serialFromYmd(2025, 6, 30)!;
    const s = generateSample({ size: 120, asOf });
    expect(s.settings.PeriodStart).toBe(serialFromYmd(2025, 1, 1));
    expect(s.settings.PeriodEnd).toBe(serialFromYmd(2025, 12, 31));
    expect(col(s, 'Activities', 'Date').filter((d) => (d as number) > asOf)).toEqual([]);
    const st = col(s, 'Opportunities', 'Status');
    const close = col(s, 'Opportunities', 'CloseDate');
    expect(st.some((x, i) => x === 'Won' && (close[i] as number) >= serialFromYmd(2025, 1, 1)!)).toBe(true);
  });
});

test('out-of-range options are clamped, never thrown on', () => {
  const s = generateSample({ size: Number.NaN, seed: Number.NaN, asOf: -5 });
  expect(table(s, 'Opportunities').rows.length).toBe(300);
  const dates = [...col(s, 'Opportunities', 'CreatedDate'), ...col(s, 'Activities', 'Date')] as number[];
  expect(dates.filter((d) => !(d >= 1))).toEqual([]);
  expect(table(generateSample({ size: 0.5 }), 'Opportunities').rows.length).toBe(1);
});

describe('zh-CN sample', () => {
  const enumColumns: [TableName, string, Enumeration][] = [
    ['Opportunities', 'Status', Status],
    ['Opportunities', 'Stage', DefaultStage],
    ...DEFAULT_QUESTIONS.map((q): [TableName, string, Enumeration] => ['Opportunities', q.questionId, Answer]),
    ['Contacts', 'RelationshipLevel', RelationshipLevel],
    ['DecisionChain', 'BuyingRole', BuyingRole],
    ['DecisionChain', 'PoliticalStatus', PoliticalStatus],
    ['DecisionChain', 'Support', Support],
    ['DecisionChain', 'Coverage', Coverage],
    ['DecisionChain', 'Influence', Influence],
    ['Activities', 'Type', ActivityType],
    ['Actions', 'Done', Answer],
  ];

  test.each(enumColumns.map(([t, c, e]) => [`${t}.${c}`, t, c, e] as const))(
    '%s: zh values fold back onto the en codes',
    (_n, t, c, e) => {
      const zhValues = col(zh, t, c);
      const enValues = col(en, t, c);
      const bad = zhValues.filter(
        (v, i) =>
          (canonical(e, v) ?? null) !== enValues[i] || (v !== null && v !== e.values.find((x) => x.code === enValues[i])!.zh),
      );
      expect(bad).toEqual([]);
    },
  );

  test('statuses and stages are written in Chinese', () => {
    expect(new Set(col(zh, 'Opportunities', 'Status'))).toEqual(new Set(['进行中', '赢单', '丢单', '无决策']));
    expect(new Set(col(zh, 'Opportunities', 'Stage'))).toEqual(new Set(['发现', '立项', '方案交流', '入围', '谈判']));
    expect(new Set(col(zh, 'Accounts', 'Industry'))).toEqual(new Set(DEFAULT_INDUSTRIES.map((i) => i.zh)));
    expect(new Set(col(zh, 'Accounts', 'Region'))).toEqual(new Set(['华东', '华北', '华南', '西部', '华中']));
    for (const o of col(zh, 'Accounts', 'Owner')) expect(['李伟', '王芳', '张敏', '陈杰', '刘洋', '赵磊']).toContain(o);
  });

  test('config tables and sheets are in Chinese; ids stay codes', () => {
    expect(zh.config.Stages!.rows.map((r) => r[0])).toEqual(DEFAULT_STAGES.map((s) => s.zh));
    expect(zh.config.StageEvents!.rows.map((r) => r[1])).toEqual(DEFAULT_STAGE_EVENTS.map((e) => e.eventId));
    expect(new Set(zh.config.StageEvents!.rows.map((r) => r[3]))).toEqual(new Set(['是', '否']));
    for (const r of zh.config.Questions!.rows) expect(r[2]).toMatch(/[\u4e00-\u9fff]/);
    for (const r of zh.config.Tiers!.rows) expect(r[1]).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.config.Tiers!.rows.map((r) => r[2])).toEqual(DEFAULT_TIERS.map((t) => t.visitIntervalDays));
    expect(table(zh, 'Opportunities').sheet).toBe('商机');
    expect(zh.config.Stages!.sheet).toBe('配置');
    expect(table(zh, 'Opportunities').headers).toEqual(table(en, 'Opportunities').headers);
    expect(col(zh, 'Activities', 'EventId')).toEqual(col(en, 'Activities', 'EventId'));
  });
});
