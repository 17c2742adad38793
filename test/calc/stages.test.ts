/**
 * Stages and sufficient events: hand-computed DESIGN §4 examples and fast-check properties.
 */
import fc from 'fast-check';
import { CalcError, Cell, Scalar } from '../../src/core/cells';
import {
  DEFAULT_STAGES,
  DEFAULT_STAGE_EVENTS,
  LATE_STAGE_ORDER,
  isLateStage,
  opportunityProbabilities,
  stageChecks,
  stageOrderLookup,
  stageOrdersOf,
  stageOverruns,
} from '../../src/calc/stages';

const RUNS = { numRuns: 200 };

// DESIGN §4 written out again here, independently of the code: stage → its essential events.
const ESSENTIALS: Record<string, string[]> = {
  Discover: ['E_NEED', 'E_CONTACT'],
  Qualify: ['E_BUDGET', 'E_OWNER'],
  Solution: ['E_REQS', 'E_CRITERIA'],
  Shortlist: ['E_POC', 'E_APPROVER'],
  Negotiate: ['E_QUOTE', 'E_EXEC'],
};
const STAGE_NAMES = Object.keys(ESSENTIALS);
const ALL_EVENTS = [...DEFAULT_STAGE_EVENTS.map((e) => e.eventId), 'E_OTHER'];

/** Essential events of stages 1..k for a deal at `stage` (stage then list order). */
function requiredUpTo(stage: string): string[] {
  return STAGE_NAMES.slice(0, STAGE_NAMES.indexOf(stage) + 1).flatMap((s) => ESSENTIALS[s]);
}

describe('defaults (DESIGN §4)', () => {
  test('stages', () => {
    expect(DEFAULT_STAGES.map((s) => [s.stage, s.zh, s.order, s.probability, s.standardDays])).toEqual([
      ['Discover', '发现', 1, 0.1, 30],
      ['Qualify', '立项', 2, 0.2, 30],
      ['Solution', '方案交流', 3, 0.4, 45],
      ['Shortlist', '入围', 4, 0.6, 30],
      ['Negotiate', '谈判', 5, 0.8, 30],
    ]);
  });

  test('events and their essential flags', () => {
    const essentials = DEFAULT_STAGE_EVENTS.filter((e) => e.essential).map((e) => e.eventId);
    expect(essentials).toEqual(STAGE_NAMES.flatMap((s) => ESSENTIALS[s]));
    expect(DEFAULT_STAGE_EVENTS.filter((e) => !e.essential).map((e) => [e.stage, e.eventId])).toEqual([
      ['Qualify', 'E_TIMELINE'],
      ['Solution', 'E_EVALBRIEF'],
      ['Shortlist', 'E_MENTOR'],
      ['Negotiate', 'E_TERMS'],
    ]);
    expect(DEFAULT_STAGE_EVENTS.every((e) => e.description.en !== '' && e.description.zh !== '')).toBe(true);
  });
});

describe('stage order lookup (LATE_STAGE_SHARE)', () => {
  test('default stages, zh names and aliases', () => {
    const order = stageOrderLookup() as (c: Cell) => number | undefined;
    expect(order('Discover')).toBe(1);
    expect(order('入围')).toBe(4);
    expect(order(' negotiation ')).toBe(5);
    expect(order('Closing')).toBeUndefined();
    expect(order(null)).toBeUndefined();
  });

  test('custom orders and list order', () => {
    const order = stageOrderLookup(['Lead', 'Deal'], [10, 20]) as (c: Cell) => number | undefined;
    expect(order('deal')).toBe(20);
    const byList = stageOrderLookup(['Lead', 'Deal']) as (c: Cell) => number | undefined;
    expect(byList('Deal')).toBe(2);
  });

  test('stageOrdersOf and isLateStage', () => {
    const r = stageOrdersOf(['Discover', '方案交流', 'Shortlist', null, 'Nowhere']) as Scalar[];
    expect(r.slice(0, 4)).toEqual([1, 3, 4, null]);
    expect(r[4]).toBeInstanceOf(CalcError);
    expect(LATE_STAGE_ORDER).toBe(4);
    expect([3, 4, 5, undefined].map((o) => isLateStage(o))).toEqual([false, true, true, undefined]);
  });
});

describe('PROBABILITY kernel', () => {
  test('stage probability for open deals; won 1; lost and no decision 0', () => {
    const r = opportunityProbabilities({
      status: ['Open', '进行中', 'Won', 'Lost', 'NoDecision', null],
      stage: ['Shortlist', '立项', null, null, 'x', 'x'],
    });
    expect(r).toEqual([0.6, 0.2, 1, 0, 0, null]);
  });

  test('custom percents are read as percents', () => {
    expect(
      opportunityProbabilities({ status: ['Open'], stage: ['B'], stageNames: ['A', 'B'], stageProbabilities: [5, 55] }),
    ).toEqual([0.55]);
  });

  test('unknown stage of an open deal names the row', () => {
    const r = opportunityProbabilities({ status: ['Open', 'Open'], stage: ['Discover', 'Closing'] }) as Scalar[];
    expect((r[1] as CalcError).message.en).toContain('stage, row 2');
  });
});

describe('STAGECHECK kernel', () => {
  const base = { oppIds: ['O1'], statuses: ['Open'] };

  test('DESIGN §4 example: open Shortlist deal with four events proven', () => {
    const r = stageChecks({
      ...base,
      stages: ['Shortlist'],
      actOppIds: ['O1', 'O1', 'O1', 'O1'],
      actEventIds: ['E_NEED', 'E_CONTACT', 'E_BUDGET', 'E_REQS'],
    });
    expect(r).toEqual(['Missing: E_OWNER, E_CRITERIA, E_POC, E_APPROVER']);
  });

  test('the same text in both languages and with zh stage names', () => {
    const r = stageChecks({
      oppIds: ['O1'],
      statuses: ['进行中'],
      stages: ['发现'],
      actOppIds: ['O1'],
      actEventIds: ['E_CONTACT'],
    });
    expect(r).toEqual(['Missing: E_NEED']);
  });

  test('essential flags from a Config table', () => {
    // Lead(1): L1 essential "*", L2 not; Deal(2): D1 essential 是, D2 essential 1, D3 FALSE
    const cfg = {
      stageNames: ['Lead', 'Deal'],
      stageOrders: [1, 2],
      eventStages: ['Lead', 'Lead', 'Deal', 'Deal', 'Deal'],
      eventIds: ['L1', 'L2', 'D1', 'D2', 'D3'],
      eventEssential: ['*', null, '是', 1, false] as Cell[],
    };
    const r = stageChecks({
      oppIds: ['P', 'Q'],
      statuses: ['Open', 'Open'],
      stages: ['Deal', 'Lead'],
      actOppIds: ['P'],
      actEventIds: ['D2'],
      ...cfg,
    });
    expect(r).toEqual(['Missing: L1, D1', 'Missing: L1']);
  });
  test('more essential events than fit in one 32-bit word', () => {
    // 40 essential events X0…X39 in one stage; X0, X31, X32 and X39 proven
    const ids = Array.from({ length: 40 }, (_, j) => `X${j}`);
    const provenIds = ['X0', 'X31', 'X32', 'X39'];
    const r = stageChecks({
      oppIds: ['P'],
      statuses: ['Open'],
      stages: ['Lead'],
      actOppIds: provenIds.map(() => 'P'),
      actEventIds: provenIds,
      stageNames: ['Lead'],
      eventStages: ids.map(() => 'Lead'),
      eventIds: ids,
    });
    expect(r).toEqual(['Missing: ' + ids.filter((id) => !provenIds.includes(id)).join(', ')]);
  });
});

describe('OVERRUN kernel', () => {
  test('more than the standard days is an overrun', () => {
    // as of 1000: Solution (45) entered 950 → 50 > 45 TRUE; 955 → 45, not > 45 FALSE
    const r = stageOverruns({
      status: ['Open', 'Open', 'Won'],
      stage: ['Solution', 'Solution', 'Solution'],
      stageEntered: [950, 955, 1],
      asOfDate: 1000,
    });
    expect(r).toEqual([true, false, null]);
  });
});

// ---------------------------------------------------------------------------------------
// Properties

const stageArb = fc.constantFrom(...STAGE_NAMES, ...DEFAULT_STAGES.map((s) => s.zh));
const enStage = (s: string) => DEFAULT_STAGES.find((d) => d.stage === s || d.zh === s)!.stage;
const oppId = fc.constantFrom('O1', 'O2', 'O3', 'o1', 'Ｏ２');
const activity = fc.tuple(oppId, fc.constantFrom<Cell>(...ALL_EVENTS, null));
const activities = fc.array(activity, { maxLength: 40 });

describe('properties', () => {
  test('a closed deal is always OK', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Won', 'Lost', 'NoDecision', '赢单', '丢单', '无决策'),
        fc.constantFrom<Cell>(...STAGE_NAMES, 'Nowhere', null),
        activities,
        (status, stage, acts) => {
          const r = stageChecks({
            oppIds: ['O1'],
            stages: [stage],
            statuses: [status],
            actOppIds: acts.map((a) => a[0]),
            actEventIds: acts.map((a) => a[1]),
          });
          expect(r).toEqual(['OK']);
        },
      ),
      RUNS,
    );
  });

  test('proving every essential event up to the stage gives OK (other activities do not matter)', () => {
    fc.assert(
      fc.property(stageArb, activities, fc.integer({ min: 0, max: 1000 }), (stage, noise, seed) => {
        const needed = requiredUpTo(enStage(stage));
        const acts: [Cell, Cell][] = [...noise, ...needed.map((e): [Cell, Cell] => ['O9', e])];
        // a deterministic shuffle
        acts.sort((a, b) => ((String(a[1]).length * 31 + seed) % 7) - ((String(b[1]).length * 31 + seed) % 7));
        const r = stageChecks({
          oppIds: ['O9'],
          stages: [stage],
          statuses: ['Open'],
          actOppIds: acts.map((a) => a[0]),
          actEventIds: acts.map((a) => a[1]),
        });
        expect(r).toEqual(['OK']);
      }),
      RUNS,
    );
  });

  test('Missing lists exactly the unproven essentials, in stage then list order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(oppId, stageArb), { minLength: 1, maxLength: 5 }), activities, (opps, acts) => {
        const r = stageChecks({
          oppIds: opps.map((o) => o[0]),
          stages: opps.map((o) => o[1]),
          statuses: opps.map(() => 'Open'),
          actOppIds: acts.map((a) => a[0]),
          actEventIds: acts.map((a) => a[1]),
        }) as Scalar[];
        const norm = (id: Cell) => String(id).normalize('NFKC').toUpperCase();
        opps.forEach(([id, stage], i) => {
          const proven = new Set(acts.filter((a) => norm(a[0]) === norm(id)).map((a) => a[1]));
          const missing = requiredUpTo(enStage(stage)).filter((e) => !proven.has(e));
          expect(r[i]).toBe(missing.length ? `Missing: ${missing.join(', ')}` : 'OK');
        });
      }),
      RUNS,
    );
  });

  test('the order of activity rows does not change any result', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(oppId, stageArb), { minLength: 1, maxLength: 5 }),
        activities.chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a, { minLength: a.length, maxLength: a.length }))),
        (opps, [acts, shuffled]) => {
          const run = (list: [Cell, Cell][]) =>
            stageChecks({
              oppIds: opps.map((o) => o[0]),
              stages: opps.map((o) => o[1]),
              statuses: opps.map(() => 'Open'),
              actOppIds: list.map((a) => a[0]),
              actEventIds: list.map((a) => a[1]),
            });
          expect(run(shuffled)).toEqual(run(acts));
        },
      ),
      RUNS,
    );
  });

  test('probability lies in [0, 1] or is blank', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom<Cell>('Open', 'Won', 'Lost', 'NoDecision', null), stageArb), {
          minLength: 1,
          maxLength: 10,
        }),
        (rows) => {
          const r = opportunityProbabilities({ status: rows.map((x) => x[0]), stage: rows.map((x) => x[1]) }) as Scalar[];
          r.forEach((p, i) => {
            if (rows[i][0] === null) expect(p).toBeNull();
            else {
              expect(typeof p).toBe('number');
              expect(p as number).toBeGreaterThanOrEqual(0);
              expect(p as number).toBeLessThanOrEqual(1);
            }
          });
        },
      ),
      RUNS,
    );
  });

  test('overrun is TRUE exactly when the days in stage exceed the standard', () => {
    fc.assert(
      fc.property(stageArb, fc.integer({ min: 40000, max: 50000 }), fc.integer({ min: -10, max: 100 }), (stage, asOf, days) => {
        const r = stageOverruns({ status: ['Open'], stage: [stage], stageEntered: [asOf - days], asOfDate: asOf });
        const standard = DEFAULT_STAGES.find((s) => s.stage === enStage(stage))!.standardDays;
        expect(r).toEqual([days > standard]);
      }),
      RUNS,
    );
  });
});
