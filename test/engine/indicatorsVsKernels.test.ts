/**
 * Every built-in indicator, two ways: the engine's formula (HyperFormula + the CRM3 plugin,
 * evaluating src/model/indicators.ts over the workbook's defined names) and a direct
 * TypeScript computation from the snapshot's columns that follows the definitions of
 * DESIGN §6 (no HyperFormula, no formulas). Per-row computed columns come from the calc
 * kernels; the aggregates are written out here, so a wrong formula or a wrong argument in
 * the catalog shows up as a difference. Generated samples (~400 opportunities), two seeds,
 * both locales for seed 1 (zh data uses zh statuses, stages, roles … as aliases).
 */
import { CalcError, Cell, Column, isBlank, keyOf, toDateSerial, toNumber } from '../../src/core/cells';
import {
  ActivityType,
  Answer,
  BuyingRole,
  Coverage,
  DefaultStage,
  Enumeration,
  PoliticalStatus,
  RelationshipLevel,
  Status,
  Support,
  TierMethod,
  lookupEnum,
} from '../../src/core/enumerations';
import { grades, qualScores } from '../../src/calc/grading';
import { axisScoreAccounts, scoreAccounts } from '../../src/calc/scoring';
import { opportunityProbabilities, stageChecks } from '../../src/calc/stages';
import { TierMethodCode, tierAccounts } from '../../src/calc/tiering';
import { Locale } from '../../src/core/i18n';
import { EngineValue, WorkbookEngine } from '../../src/engine/workbookEngine';
import { SETTINGS } from '../../src/model/config';
import { calendarYearOf } from '../../src/model/defaults';
import { BUILT_IN_INDICATORS } from '../../src/model/indicators';
import { generateSample } from '../../src/model/sample';
import { TableData, WorkbookSnapshot } from '../../src/model/snapshot';

const ASOF = 46352; // 2026-11-26, the sample's AsOfDate

// ------------------------------------------------------------------------------- reading

function column(t: TableData | undefined, name: string): Cell[] {
  if (!t) return [];
  const j = t.headers.indexOf(name);
  return t.rows.map((r) => (j < 0 ? null : (r[j] ?? null)));
}

const code = (e: Enumeration, c: Cell): string | undefined => lookupEnum(e, c)?.code;
const num = (c: Cell): number | undefined => toNumber(c);
const date = (c: Cell): number | undefined => toDateSerial(c);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: readonly number[]): number | null => (xs.length ? sum(xs) / xs.length : null);
/** DESIGN §6: a ratio whose denominator is 0 is blank. */
const ratio = (n: number | null, d: number | null): number | null => (n === null || d === null || d === 0 ? null : n / d);
function unwrap<T>(v: T | CalcError): T {
  if (v instanceof CalcError) throw new Error(`kernel error: ${v.message.en}`);
  return v;
}

/** Settings with the defaults of DESIGN §3/§4 (AsOfDate is the evaluation date). */
function settingsOf(s: WorkbookSnapshot, asOf: number) {
  const get = (name: string): Cell => {
    const given = s.settings[name as keyof typeof s.settings];
    return isBlank(given ?? null) ? (SETTINGS.find((x) => x.name === name)!.fallback ?? null) : (given ?? null);
  };
  const year = calendarYearOf(asOf);
  const bool = (c: Cell) => (typeof c === 'boolean' ? c : ['TRUE', 'YES', '是', '1'].includes(keyOf(c)));
  return {
    asOf,
    ps: date(get('PeriodStart')) ?? year.start,
    pe: date(get('PeriodEnd')) ?? year.end,
    tierMethod: (code(TierMethod, get('TierMethod')) ?? 'Matrix') as TierMethodCode,
    attractivenessThreshold: num(get('AttractivenessThreshold'))!,
    positionThreshold: num(get('PositionThreshold'))!,
    bandA: num(get('ScoreBandA'))!,
    bandB: num(get('ScoreBandB'))!,
    bandC: num(get('ScoreBandC'))!,
    staleDays: num(get('StaleDays'))!,
    activityWindow: num(get('ActivityWindowDays'))!,
    execWindow: num(get('ExecWindowDays'))!,
    noDecisionIsLoss: bool(get('NoDecisionIsLoss')),
    unknownScore: num(get('UnknownAnswerScore'))!,
  };
}

// ------------------------------------------------------------------------------- the direct path

interface Direct {
  values: Record<string, number | null>;
  computed: { Accounts: Record<string, Cell[]>; Opportunities: Record<string, Cell[]> };
}

function direct(s: WorkbookSnapshot, asOf: number): Direct {
  const set = settingsOf(s, asOf);
  const { ps, pe } = set;
  const inP = (d: number | undefined) => d !== undefined && d >= ps && d <= pe;
  const cfg = s.config;

  // --- Config tables
  const crit = cfg.Criteria!;
  const critIds = column(crit, 'CriterionId').map(String);
  const critWeights = column(crit, 'Weight');
  const critAxes = column(crit, 'Axis');
  const critMins = column(crit, 'Min');
  const critMaxs = column(crit, 'Max');
  const qs = cfg.Questions!;
  const qIds = column(qs, 'QuestionId').map(String);
  const stageOrder = new Map<string, number>();
  const stageDays = new Map<string, number>();
  const stagesTable = cfg.Stages!;
  column(stagesTable, 'Stage').forEach((st, i) => {
    const k = code(DefaultStage, st) ?? keyOf(st);
    stageOrder.set(k, num(column(stagesTable, 'Order')[i])!);
    stageDays.set(k, num(column(stagesTable, 'StandardDays')[i])!);
  });
  const stageKey = (c: Cell) => code(DefaultStage, c) ?? keyOf(c);
  const interval = new Map<string, number>();
  column(cfg.Tiers, 'Tier').forEach((t, i) => interval.set(keyOf(t), num(column(cfg.Tiers, 'VisitIntervalDays')[i])!));

  // --- Accounts and their computed columns (kernels)
  const acc = s.tables.Accounts!;
  const accIds = column(acc, 'AccountId');
  const scores = acc.rows.map((_, i) => critIds.map((id) => column(acc, id)[i]));
  const scoreArgs = { scores, weights: critWeights, mins: critMins, maxs: critMaxs };
  const score = unwrap(scoreAccounts(scoreArgs));
  const attractiveness = unwrap(axisScoreAccounts({ ...scoreArgs, axes: critAxes, axis: 'Attractiveness' }));
  const position = unwrap(axisScoreAccounts({ ...scoreArgs, axes: critAxes, axis: 'Position' }));
  const asCells = (xs: readonly unknown[]): Cell[] => xs.map((x) => (typeof x === 'number' ? x : null));
  const tier = unwrap(
    tierAccounts({
      attractiveness: asCells(attractiveness),
      position: asCells(position),
      score: asCells(score),
      rules: {
        method: set.tierMethod,
        attractivenessThreshold: set.attractivenessThreshold,
        positionThreshold: set.positionThreshold,
        bandA: set.bandA,
        bandB: set.bandB,
        bandC: set.bandC,
      },
    }),
  );
  const tierOf = new Map<string, string | null>();
  accIds.forEach((id, i) => tierOf.has(keyOf(id)) || tierOf.set(keyOf(id), tier[i]));
  const isKeyAcc = (t: string | null | undefined) => t === 'A' || t === 'B';
  const revenue = column(acc, 'Revenue12m').map(num);
  const revenuePrev = column(acc, 'RevenuePrev12m').map(num);
  const wallet = column(acc, 'WalletEstimate').map(num);

  // --- Opportunities and their computed columns (kernels)
  const opp = s.tables.Opportunities!;
  const oppIds = column(opp, 'OppId');
  const status = column(opp, 'Status').map((c) => code(Status, c));
  const stage = column(opp, 'Stage');
  const amount = column(opp, 'Amount').map((c) => num(c) ?? 0);
  const created = column(opp, 'CreatedDate').map(date);
  const close = column(opp, 'CloseDate').map(date);
  const stageEntered = column(opp, 'StageEnteredDate').map(date);
  const pushes = column(opp, 'CloseDatePushes').map(num);
  const competitor = column(opp, 'Competitor');
  const nextStep = column(opp, 'NextStepDate').map(date);
  const oppAccount = column(opp, 'AccountId');
  const answerGrid = opp.rows.map((_, i) => qIds.map((id) => column(opp, id)[i]));
  const qualScore = unwrap(qualScores({ answers: answerGrid, weights: column(qs, 'Weight'), unknownScore: set.unknownScore }));
  const grade = unwrap(
    grades({
      answers: answerGrid,
      sections: column(qs, 'Section'),
      weights: column(qs, 'Weight'),
      unknownScore: set.unknownScore,
    }),
  );
  const probability = unwrap(
    opportunityProbabilities({
      status: column(opp, 'Status'),
      stage,
      stageNames: column(stagesTable, 'Stage'),
      stageProbabilities: column(stagesTable, 'Probability'),
    }),
  );
  const act = s.tables.Activities!;
  const stageCheck = unwrap(
    stageChecks({
      oppIds,
      stages: stage,
      statuses: column(opp, 'Status'),
      actOppIds: column(act, 'OppId'),
      actEventIds: column(act, 'EventId'),
      stageNames: column(stagesTable, 'Stage'),
      stageOrders: column(stagesTable, 'Order'),
      eventStages: column(cfg.StageEvents, 'Stage'),
      eventIds: column(cfg.StageEvents, 'EventId'),
      eventEssential: column(cfg.StageEvents, 'Essential'),
    }),
  );
  const rows = oppIds.map((_, i) => i);
  const open = rows.filter((i) => status[i] === 'Open');
  const statusOf = new Map<string, string | undefined>();
  oppIds.forEach((id, i) => statusOf.has(keyOf(id)) || statusOf.set(keyOf(id), status[i]));
  const isOpenOpp = (id: Cell) => statusOf.get(keyOf(id)) === 'Open';
  const accountOfOpp = new Map<string, Cell>();
  oppIds.forEach((id, i) => accountOfOpp.has(keyOf(id)) || accountOfOpp.set(keyOf(id), oppAccount[i]));

  // --- Deals closed in the period
  const closedIn = (want: string, extra: (i: number) => boolean = () => true) =>
    rows.filter((i) => status[i] === want && inP(close[i]) && extra(i));
  const won = closedIn('Won');
  const lost = closedIn('Lost');
  const nd = closedIn('NoDecision');
  const closedRows = [...won, ...lost, ...(set.noDecisionIsLoss ? nd : [])];
  const wonAmount = sum(won.map((i) => amount[i]));
  const winRateCount = ratio(won.length, closedRows.length);
  const avgWon = ratio(wonAmount, won.length);
  const cycleRows = won.filter((i) => created[i] !== undefined);
  const cycle = mean(cycleRows.map((i) => close[i]! - created[i]!));
  const hasCompetitor = (i: number) => !isBlank(competitor[i]);
  const compClosed = closedRows.filter(hasCompetitor);
  const openPipe = sum(open.map((i) => amount[i]));
  const targetT = sum(
    column(s.tables.Targets, 'Amount')
      .map((a, i) => ({
        a: num(a),
        start: date(column(s.tables.Targets, 'StartDate')[i]),
        end: date(column(s.tables.Targets, 'EndDate')[i]),
      }))
      .filter((t) => t.a !== undefined && t.start !== undefined && t.end !== undefined && t.start >= ps && t.end <= pe)
      .map((t) => t.a!),
  );
  const newRows = rows.filter((i) => status[i] !== undefined && inP(created[i]));
  const keyAccRows = accIds.map((_, i) => i).filter((i) => isKeyAcc(tier[i]));
  // Revenue ratios take the accounts that have both numbers (see the note on SHARE_OF_WALLET below).
  const paired = (a: (number | undefined)[], b: (number | undefined)[]) =>
    keyAccRows.filter((i) => a[i] !== undefined && b[i] !== undefined);
  const sowRows = paired(revenue, wallet);
  const growthRows = paired(revenue, revenuePrev);
  const growthBase = sum(growthRows.map((i) => revenuePrev[i]!));

  // --- Decision chain
  const dc = s.tables.DecisionChain!;
  const dcOpp = column(dc, 'OppId');
  const dcRole = column(dc, 'BuyingRole').map((c) => code(BuyingRole, c));
  const dcPolitical = column(dc, 'PoliticalStatus').map((c) => code(PoliticalStatus, c));
  const dcSupport = column(dc, 'Support').map((c) => code(Support, c));
  const dcCoverage = column(dc, 'Coverage').map((c) => lookupEnum(Coverage, c)?.score);
  const chainOf = new Map<string, number[]>();
  dcOpp.forEach((id, k) => {
    if (isBlank(id)) return;
    const list = chainOf.get(keyOf(id)) ?? [];
    list.push(k);
    chainOf.set(keyOf(id), list);
  });
  const chain = (i: number) => chainOf.get(keyOf(oppIds[i])) ?? [];
  const openWith = (test: (k: number) => boolean) => ratio(open.filter((i) => chain(i).some(test)).length, open.length);
  const openChainRows = dcOpp.map((_, k) => k).filter((k) => isOpenOpp(dcOpp[k]));
  const keyPlayers = openChainRows.filter(
    (k) =>
      dcPolitical[k] === 'InnerCircle' ||
      dcPolitical[k] === 'PoliticalStructure' ||
      dcRole[k] === 'Approver' ||
      dcRole[k] === 'DecisionMaker',
  );

  // --- Activities (dated on or before AsOfDate)
  const actDate = column(act, 'Date').map(date);
  const actOpp = column(act, 'OppId');
  const actAccountOwn = column(act, 'AccountId');
  const actType = column(act, 'Type').map((c) => code(ActivityType, c));
  const actAccount = actAccountOwn.map((a, k) =>
    isBlank(a) ? (isBlank(actOpp[k]) ? null : (accountOfOpp.get(keyOf(actOpp[k])) ?? null)) : a,
  );
  const upToNow = actDate.map((_, k) => k).filter((k) => actDate[k] !== undefined && actDate[k]! <= asOf);
  const inWindow = (k: number, days: number) => actDate[k]! > asOf - days;
  const lastBy = (keys: Column, filter: (k: number) => boolean = () => true) => {
    const last = new Map<string, number>();
    for (const k of upToNow) {
      if (isBlank(keys[k]) || !filter(k)) continue;
      const key = keyOf(keys[k]);
      last.set(key, Math.max(last.get(key) ?? -Infinity, actDate[k]!));
    }
    return last;
  };
  const lastOfOpp = lastBy(actOpp);
  const lastOfAccount = lastBy(actAccount);
  const lastExecOfAccount = lastBy(actAccount, (k) => actType[k] === 'ExecutiveMeeting');
  const tierA = accIds.map((_, i) => i).filter((i) => tier[i] === 'A');
  const tiered = accIds.map((_, i) => i).filter((i) => tier[i] !== null);

  // --- Contacts, actions
  const con = s.tables.Contacts!;
  const conLevels = column(con, 'AccountId')
    .map((a, i) => ({
      keyAcc: isKeyAcc(tierOf.get(keyOf(a))),
      level: lookupEnum(RelationshipLevel, column(con, 'RelationshipLevel')[i])?.score,
    }))
    .filter((c) => c.keyAcc && c.level !== undefined)
    .map((c) => c.level!);
  const axn = s.tables.Actions!;
  // On time (issue 16): of the actions due by AsOfDate whose outcome is known, those done by their due date.
  // Done by AsOfDate means a DoneDate ≤ AsOfDate; Done = Yes without a DoneDate is unknown; not done and due
  // before AsOfDate is overdue; due on AsOfDate and not done is not decided yet.
  const axnDoneOn = column(axn, 'DoneDate');
  const axnDone = column(axn, 'Done');
  const actionOutcomes = column(axn, 'DueDate').flatMap((d, i): ('onTime' | 'late' | 'overdue')[] => {
    const dueOn = date(d);
    const doneOn = date(axnDoneOn[i]);
    if (dueOn === undefined || dueOn > asOf) return [];
    if (doneOn !== undefined && doneOn <= asOf) return [doneOn <= dueOn ? 'onTime' : 'late'];
    if (doneOn === undefined && lookupEnum(Answer, axnDone[i])?.code === 'Yes') return [];
    return dueOn < asOf ? ['overdue'] : [];
  });

  const lateOpen = open.filter((i) => (stageOrder.get(stageKey(stage[i])) ?? 0) >= 4);
  const keyInfo = open.map((i) => {
    const fields = [
      column(opp, 'Amount')[i],
      column(opp, 'CloseDate')[i],
      column(opp, 'Owner')[i],
      competitor[i],
      column(opp, 'NextStepDate')[i],
      column(opp, 'StageEnteredDate')[i],
    ];
    const filled = fields.filter((c) => !isBlank(c)).length;
    const answered = answerGrid[i].filter((c) => {
      const a = code(Answer, c);
      return a === 'Yes' || a === 'No';
    }).length;
    return (filled + answered) / (6 + qIds.length);
  });
  const withEntered = open.filter((i) => stageEntered[i] !== undefined);

  const values: Record<string, number | null> = {
    // WIN
    WIN_RATE_COUNT: winRateCount,
    WIN_RATE_VALUE: ratio(wonAmount, sum(closedRows.map((i) => amount[i]))),
    AVG_WON_DEAL: avgWon,
    COMP_WIN_RATE: ratio(won.filter(hasCompetitor).length, compClosed.length),
    NO_DECISION_RATE: ratio(nd.length, won.length + lost.length + nd.length),
    CYCLE_DAYS_WON: cycle,
    QUAL_SCORE_AVG: mean(open.map((i) => qualScore[i] as number)),
    GRADE_A_SHARE: ratio(open.filter((i) => grade[i] === 'A').length, open.length),
    STAGE_EVIDENCE_RATE: ratio(open.filter((i) => stageCheck[i] === 'OK').length, open.length),
    // PIPE
    NEW_OPP_COUNT: newRows.length,
    NEW_PIPE_VALUE: sum(newRows.map((i) => amount[i])),
    OPEN_PIPE: openPipe,
    WEIGHTED_PIPE: sum(open.map((i) => amount[i] * (probability[i] as number))),
    TARGET_ATTAIN: ratio(wonAmount, targetT),
    PIPE_COVERAGE:
      targetT - wonAmount > 0
        ? sum(open.filter((i) => close[i] !== undefined && close[i]! <= pe).map((i) => amount[i])) / (targetT - wonAmount)
        : null,
    REQUIRED_COVERAGE: ratio(1, winRateCount),
    SALES_VELOCITY: winRateCount === null || avgWon === null || !cycle ? null : (open.length * avgWon * winRateCount) / cycle,
    LATE_STAGE_SHARE: ratio(sum(lateOpen.map((i) => amount[i])), openPipe),
    SHARE_OF_WALLET: ratio(sum(sowRows.map((i) => revenue[i]!)), sum(sowRows.map((i) => wallet[i]!))),
    WHITESPACE: sum(keyAccRows.filter((i) => wallet[i] !== undefined).map((i) => Math.max(wallet[i]! - (revenue[i] ?? 0), 0))),
    ACCOUNT_GROWTH: growthBase > 0 ? sum(growthRows.map((i) => revenue[i]!)) / growthBase - 1 : null,
    KEYACC_PIPE_SHARE: ratio(sum(open.filter((i) => isKeyAcc(tierOf.get(keyOf(oppAccount[i])))).map((i) => amount[i])), openPipe),
    TIER_A_REVENUE_SHARE: ratio(sum(tierA.map((i) => revenue[i] ?? 0)), sum(revenue.map((r) => r ?? 0))),
    // REL
    ROLE_COVERAGE: mean(
      open.map(
        (i) =>
          new Set(
            chain(i)
              .map((k) => dcRole[k])
              .filter((r) => r !== undefined),
          ).size / 4,
      ),
    ),
    KEYPLAYER_SUPPORT: ratio(
      keyPlayers.filter((k) => dcSupport[k] === 'Mentor' || dcSupport[k] === 'Supporter').length,
      keyPlayers.length,
    ),
    MENTOR_RATE: openWith((k) => dcSupport[k] === 'Mentor'),
    OPPONENT_MAPPED_RATE: openWith((k) => dcSupport[k] === 'NonSupporter' || dcSupport[k] === 'Enemy'),
    COVERAGE_DEPTH: mean(openChainRows.filter((k) => dcCoverage[k] !== undefined).map((k) => dcCoverage[k]!)),
    DECISION_MAKER_MAPPED: openWith((k) => dcRole[k] === 'Approver' || dcRole[k] === 'DecisionMaker'),
    EXEC_ACCESS: ratio(
      tierA.filter((i) => (lastExecOfAccount.get(keyOf(accIds[i])) ?? -Infinity) > asOf - set.execWindow).length,
      tierA.length,
    ),
    VISIT_SLA: ratio(
      tiered.filter((i) => {
        const last = lastOfAccount.get(keyOf(accIds[i]));
        return last !== undefined && asOf - last < interval.get(keyOf(tier[i]))!;
      }).length,
      tiered.length,
    ),
    RELATIONSHIP_LEVEL_AVG: mean(conLevels),
    // BEH
    ACT_PER_OPP: ratio(upToNow.filter((k) => isOpenOpp(actOpp[k]) && inWindow(k, set.activityWindow)).length, open.length),
    STALE_RATE: ratio(
      open.filter((i) => !((lastOfOpp.get(keyOf(oppIds[i])) ?? -Infinity) > asOf - set.staleDays)).length,
      open.length,
    ),
    STAGE_OVERRUN: ratio(
      withEntered.filter((i) => asOf - stageEntered[i]! > stageDays.get(stageKey(stage[i]))!).length,
      withEntered.length,
    ),
    CLOSE_SLIP_RATE: ratio(open.filter((i) => (pushes[i] ?? 0) >= 1).length, open.length),
    OVERDUE_RATE: ratio(open.filter((i) => close[i] !== undefined && close[i]! < asOf).length, open.length),
    NEXT_STEP_RATE: ratio(open.filter((i) => nextStep[i] !== undefined && nextStep[i]! >= asOf).length, open.length),
    KEY_INFO_COMPLETE: mean(keyInfo),
    PLAN_ACTION_DONE: ratio(actionOutcomes.filter((o) => o === 'onTime').length, actionOutcomes.length),
  };
  return {
    values,
    computed: {
      Accounts: { Score: asCells(score), Attractiveness: asCells(attractiveness), Position: asCells(position), Tier: tier },
      Opportunities: {
        QualScore: qualScore as Cell[],
        Grade: grade as Cell[],
        Probability: probability as Cell[],
        StageCheck: stageCheck as Cell[],
      },
    },
  };
}

// ------------------------------------------------------------------------------- comparing

function same(a: EngineValue | Cell, b: Cell): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

/**
 * Real workbooks are less tidy than the generator: blank wallets and prior-year revenues on
 * key accounts, Done typed as 1 or +, zh stage names and status aliases in an en workbook.
 */
function untidy(s: WorkbookSnapshot): WorkbookSnapshot {
  const edit = (t: TableData | undefined, name: string, f: (c: Cell, i: number) => Cell) => {
    const j = t!.headers.indexOf(name);
    t!.rows.forEach((r, i) => (r[j] = f(r[j] ?? null, i)));
  };
  edit(s.tables.Accounts, 'WalletEstimate', (c, i) => (i < 12 && i % 2 === 0 ? null : c));
  edit(s.tables.Accounts, 'RevenuePrev12m', (c, i) => (i < 12 && i % 3 === 1 ? null : c));
  edit(s.tables.Actions, 'Done', (c, i) =>
    c === 'Yes' && i % 3 === 0 ? 1 : c === 'Yes' && i % 5 === 1 ? '+' : c === 'No' && i % 4 === 0 ? 0 : c,
  );
  edit(s.tables.Opportunities, 'Stage', (c, i) => (c === 'Shortlist' && i % 2 === 0 ? '入围' : c));
  edit(s.tables.Opportunities, 'Status', (c, i) =>
    c === 'Won' && i % 3 === 0 ? 'Closed Won' : c === 'Open' && i % 4 === 0 ? '进行中' : c,
  );
  return s;
}

const CASES: { seed: number; locale: Locale; tidy: boolean }[] = [
  { seed: 1, locale: 'en-US', tidy: true },
  { seed: 1, locale: 'zh-CN', tidy: true },
  { seed: 7, locale: 'en-US', tidy: false },
];

describe.each(CASES)('sample of 400 opportunities, seed $seed, $locale, tidy $tidy', ({ seed, locale, tidy }) => {
  let engine: WorkbookEngine;
  let expected: Direct;
  let got: Map<string, EngineValue>;
  beforeAll(() => {
    const sample = generateSample({ size: 400, seed, locale });
    const snapshot = tidy ? sample : untidy(sample);
    engine = WorkbookEngine.build(snapshot, { asOf: ASOF, locale });
    got = new Map(engine.indicators().map((i) => [i.row.id, i.value]));
    expected = direct(snapshot, ASOF);
  });
  afterAll(() => engine.destroy());

  test('a direct computation exists for each of the 40 indicators', () => {
    expect(Object.keys(expected.values).sort()).toEqual(BUILT_IN_INDICATORS.map((i) => i.id).sort());
    expect(BUILT_IN_INDICATORS).toHaveLength(40);
  });

  test.each(BUILT_IN_INDICATORS.map((i) => i.id))('%s: the engine formula equals the direct computation', (id) => {
    const e = got.get(id)!;
    const d = expected.values[id];
    if (!same(e, d)) throw new Error(`${id}: engine ${JSON.stringify(e)}, direct ${d}`);
  });

  test('the sample exercises the indicators: no blank ratios, no errors', () => {
    for (const [id, v] of got) expect({ id, numeric: typeof v === 'number' }).toEqual({ id, numeric: true });
  });

  test.each([
    ['Accounts', 'Score'],
    ['Accounts', 'Attractiveness'],
    ['Accounts', 'Position'],
    ['Accounts', 'Tier'],
    ['Opportunities', 'QualScore'],
    ['Opportunities', 'Grade'],
    ['Opportunities', 'Probability'],
    ['Opportunities', 'StageCheck'],
  ] as const)('computed column %s.%s equals the kernel, row by row', (table, col) => {
    const e = engine.computedColumn(table, col);
    const d = (expected.computed[table] as Record<string, Cell[]>)[col];
    expect(e).toHaveLength(d.length);
    const bad = e.map((v, i) => (same(v, d[i]) ? -1 : i)).filter((i) => i >= 0);
    expect(bad.slice(0, 5).map((i) => ({ row: i + 1, engine: e[i], kernel: d[i] }))).toEqual([]);
  });
});
