/** History kernels (calc/history.ts), each case computed by hand. */
import {
  changedSince,
  changedStates,
  closeDateSlips,
  dealMoves,
  indicatorChange,
  lastStates,
  stageEnteredDates,
  valuesAsOf,
} from '../../src/calc/history';
import { CalcError } from '../../src/core/cells';

// Three snapshots: day 100, 114, 128 (serials). O1 recorded at all three, O2 at 100 and 128, O3 only at 128.
const dates = [100, 100, 114, 128, 128, 128];
const keys = ['O1', 'O2', 'O1', 'O1', 'o2', 'O3'];
const stages = ['Qualify', 'Solution', 'Solution', 'Solution', 'Qualify', 'Discover'];
const close = [200, 300, 230, 260, 300, 400];
const status = ['Open', 'Open', 'Open', 'Open', 'Removed', 'Open'];

describe('valuesAsOf', () => {
  it("reads each key's latest row on or before the date", () => {
    const h = { dates, keys, field: stages };
    expect(valuesAsOf(h, ['O1', 'O2', 'O3', 'O4', null], 99)).toEqual([null, null, null, null, null]);
    expect(valuesAsOf(h, ['O1', 'O2', 'O3'], 100)).toEqual(['Qualify', 'Solution', null]);
    expect(valuesAsOf(h, ['O1', 'O2', 'O3'], 120)).toEqual(['Solution', 'Solution', null]);
    // Keys match without case (o2 is O2).
    expect(valuesAsOf(h, ['O1', 'O2', 'O3'], 128)).toEqual(['Solution', 'Qualify', 'Discover']);
  });
  it('a key recorded as Removed has no value', () => {
    expect(valuesAsOf({ dates, keys, field: stages, status }, ['O2'], 128)).toEqual([null]);
  });
  it('columns of different sizes are a #VALUE! naming them', () => {
    const r = valuesAsOf({ dates, keys: keys.slice(1), field: stages }, ['O1'], 128);
    expect(r).toBeInstanceOf(CalcError);
    expect((r as CalcError).message.en).toMatch(/keys/);
  });
});

describe('changedSince', () => {
  it('TRUE when today differs from the value at the date, blank when unknown then', () => {
    expect(changedSince({ dates, keys, field: stages }, ['O1', 'O2', 'O3'], ['Solution', 'Shortlist', 'Discover'], 114)).toEqual([
      false,
      true,
      null,
    ]);
  });
});

describe('closeDateSlips', () => {
  it('counts each move later between snapshots, and today after the last', () => {
    // O1: 200 → 230 (slip) → 260 (slip); today 270 (slip) = 3. O2: 300 → 300 = 0; today 290 (earlier) = 0. O3: 400, today blank = 0.
    expect(closeDateSlips({ dates, keys, closeDates: close }, ['O1', 'O2', 'O3', 'O9'], [270, 290, null, 500])).toEqual([
      3,
      0,
      0,
      null,
    ]);
    expect(closeDateSlips({ dates, keys, closeDates: close }, ['O1'])).toEqual([2]);
  });
});

describe('stageEnteredDates', () => {
  it('first snapshot of the latest run at the current stage', () => {
    // O1: Qualify@100, Solution@114, Solution@128 → entered Solution on 114.
    // O2: Solution@100, Qualify@128 → today Qualify: 128. O3 today Shortlist but recorded Discover → unknown.
    expect(stageEnteredDates({ dates, keys, stages }, ['O1', 'O2', 'O3'], ['Solution', 'Qualify', 'Shortlist'])).toEqual([
      114,
      128,
      null,
    ]);
  });
  it('a stage held since the first snapshot gives that date; back and forth restarts the run', () => {
    const h = { dates: [1, 2, 3, 4], keys: ['X', 'X', 'X', 'X'], stages: ['A', 'A', 'B', 'A'] };
    expect(stageEnteredDates(h, ['X'], ['A'])).toEqual([4]);
    expect(stageEnteredDates({ ...h, stages: ['A', 'A', 'A', 'A'] }, ['X'], ['a'])).toEqual([1]);
  });
});

describe('changedStates', () => {
  it('writes new and changed keys, and a removed row for a recorded key that left', () => {
    const previous = lastStates(
      [1, 1, 2],
      ['A', 'B', 'A'],
      [
        [1, 'x'],
        [2, 'y'],
        [5, 'x'],
      ],
    );
    const out = changedStates(
      previous,
      [
        { key: 'A', values: [5, 'x'] }, // same as its last row (day 2)
        { key: 'C', values: [7, 'z'] }, // new
      ],
      { isRemoved: (v) => v[1] === 'gone', row: (v) => [v[0], 'gone'] },
    );
    expect(out).toEqual([
      { key: 'C', values: [7, 'z'] },
      { key: 'B', values: [2, 'gone'] },
    ]);
  });
  it('blank equals blank; 0 is not blank', () => {
    const previous = lastStates([1], ['A'], [[null, 0]]);
    expect(changedStates(previous, [{ key: 'A', values: ['', 0] }])).toEqual([]);
    expect(changedStates(previous, [{ key: 'A', values: [null, null] }])).toHaveLength(1);
  });
});

describe('indicatorChange', () => {
  it('change, trend and better by direction', () => {
    expect(indicatorChange(0.45, 0.4, 'HigherIsBetter')).toEqual({ previous: 0.4, change: 0.05, trend: 'up', better: true });
    expect(indicatorChange(0.45, 0.4, 'LowerIsBetter')).toEqual({ previous: 0.4, change: 0.05, trend: 'up', better: false });
    expect(indicatorChange(10, 10, 'HigherIsBetter')).toEqual({ previous: 10, change: 0, trend: 'flat', better: null });
    expect(indicatorChange(null, 3, 'HigherIsBetter')).toEqual({ previous: 3, change: null, trend: null, better: null });
  });
});

describe('dealMoves', () => {
  const order = (s: unknown) => ({ discover: 1, qualify: 2, solution: 3 })[String(s).toLowerCase()];
  const then = { stage: 'Solution', status: 'Open', amount: 100, closeDate: 200, grade: 'B', mentor: true };
  it('each move on its own', () => {
    expect(dealMoves(then, { ...then, closeDate: 201 }, order)).toEqual(['slipped']);
    expect(dealMoves(then, { ...then, closeDate: 199 }, order)).toEqual([]);
    expect(dealMoves(then, { ...then, stage: 'Qualify' }, order)).toEqual(['stageBack']);
    expect(dealMoves(then, { ...then, grade: 'C' }, order)).toEqual(['gradeDown']);
    expect(dealMoves(then, { ...then, grade: 'A' }, order)).toEqual([]);
    expect(dealMoves(then, { ...then, mentor: false }, order)).toEqual(['mentorLost']);
    expect(dealMoves(then, { ...then, amount: 120 }, order)).toEqual(['grew']);
    expect(dealMoves(then, { ...then, amount: 80 }, order)).toEqual(['shrank']);
    expect(dealMoves(then, { ...then, status: 'Won' }, order)).toEqual(['won']);
    expect(dealMoves(then, { ...then, status: 'Lost', amount: 0 }, order)).toEqual(['lost']);
  });
  it('several at once; a deal closed at the snapshot has none', () => {
    expect(dealMoves(then, { ...then, closeDate: 230, stage: 'Discover', amount: 50 }, order)).toEqual([
      'slipped',
      'stageBack',
      'shrank',
    ]);
    expect(dealMoves({ ...then, status: 'Won' }, { ...then, status: 'Won', amount: 1 }, order)).toEqual([]);
  });
});
