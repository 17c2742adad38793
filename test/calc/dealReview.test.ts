/** Red flags and strengths (calc/dealReview.ts): each rule with cases worked out by hand. */
import { dealFindings, reviewsDue } from '../../src/calc/dealReview';

const AS_OF = 46100;
// A baseline open deal with no flag at all: mentor, approver met, no slips, evidence OK, activity 5 days ago, value stated.
const base = {
  oppIds: ['O1'],
  status: ['Open'],
  pushes: [0],
  stageCheck: ['OK'],
  competitor: ['Rival'],
  valueProposition: ['Faster close'],
  compellingEvent: [null],
  lastActivity: [AS_OF - 5],
  asOf: AS_OF,
  staleDays: 30,
  dcOppIds: ['O1', 'O1'],
  dcRoles: ['Approver', 'User'],
  dcSupport: ['Neutral', 'Mentor'],
  dcCoverage: ['Brief', 'InDepth'],
};

describe('dealFindings', () => {
  it('a deal that passes every rule', () => {
    expect(dealFindings(base)).toEqual([{ flags: [], strengths: ['mentor', 'approverMet', 'evidenceComplete', 'valueStated'] }]);
  });
  it('noMentor: a Supporter is not a mentor; zh 内线教练 is', () => {
    expect(dealFindings({ ...base, dcSupport: ['Neutral', 'Supporter'] })[0].flags).toEqual(['noMentor']);
    expect(dealFindings({ ...base, dcSupport: ['Neutral', '内线教练'] })[0].flags).toEqual([]);
  });
  it('approverNotMet: an Approver never contacted, or none mapped', () => {
    expect(dealFindings({ ...base, dcCoverage: ['NoContact', 'InDepth'] })[0].flags).toEqual(['approverNotMet']);
    expect(dealFindings({ ...base, dcCoverage: [null, 'InDepth'] })[0].flags).toEqual(['approverNotMet']);
    expect(dealFindings({ ...base, dcRoles: ['DecisionMaker', 'User'] })[0].flags).toEqual(['approverNotMet']);
    // The Approver's contact belongs to the deal: an Approver met on another deal does not count.
    expect(dealFindings({ ...base, dcOppIds: ['O2', 'O1'] })[0].flags).toEqual(['approverNotMet']);
  });
  it('slippedTwice: 2 slips flag, 1 does not', () => {
    expect(dealFindings({ ...base, pushes: [1] })[0].flags).toEqual([]);
    expect(dealFindings({ ...base, pushes: [2] })[0].flags).toEqual(['slippedTwice']);
    expect(dealFindings({ ...base, pushes: ['3'] })[0].flags).toEqual(['slippedTwice']);
  });
  it('missingEssential: StageCheck names missing events', () => {
    const r = dealFindings({ ...base, stageCheck: ['Missing: E_BUDGET'] })[0];
    expect(r.flags).toEqual(['missingEssential']);
    expect(r.strengths).not.toContain('evidenceComplete');
  });
  it('stale: no activity within StaleDays (29 days ago is fine, 30 is stale, none is stale)', () => {
    expect(dealFindings({ ...base, lastActivity: [AS_OF - 29] })[0].flags).toEqual([]);
    expect(dealFindings({ ...base, lastActivity: [AS_OF - 30] })[0].flags).toEqual(['stale']);
    expect(dealFindings({ ...base, lastActivity: [null] })[0].flags).toEqual(['stale']);
  });
  it('competitorNoValue: a competitor without a value proposition; no competitor, no flag', () => {
    expect(dealFindings({ ...base, valueProposition: [null] })[0]).toEqual({
      flags: ['competitorNoValue'],
      strengths: ['mentor', 'approverMet', 'evidenceComplete'],
    });
    expect(dealFindings({ ...base, valueProposition: ['  '], competitor: [null] })[0].flags).toEqual([]);
  });
  it('compellingEvent is a strength', () => {
    expect(dealFindings({ ...base, compellingEvent: ['Audit in March'] })[0].strengths).toContain('compellingEvent');
  });
  it('closed deals and blank ids have no findings', () => {
    expect(dealFindings({ ...base, status: ['Won'] })).toEqual([{ flags: [], strengths: [] }]);
    expect(dealFindings({ ...base, oppIds: [null] })).toEqual([{ flags: [], strengths: [] }]);
  });
  it('several flags at once come in rule order', () => {
    const r = dealFindings({
      ...base,
      pushes: [2],
      lastActivity: [null],
      dcSupport: [null, null],
      stageCheck: ['Missing: E_NEED'],
    })[0];
    expect(r.flags).toEqual(['noMentor', 'slippedTwice', 'missingEssential', 'stale']);
  });
});

describe('reviewsDue', () => {
  // O1 reviewed 14 days ago (due at 14), O2 reviewed 13 days ago (not due), O3 never (due),
  // O4 reviewed 3 days ago with next review today (due), O5 won (never due).
  const ids = ['O1', 'O2', 'O3', 'O4', 'O5'];
  const status = ['Open', 'Open', 'Open', 'Open', 'Won'];
  const revOpp = ['O1', 'O2', 'O4', 'O1', 'O5'];
  const revDate = [AS_OF - 14, AS_OF - 13, AS_OF - 3, AS_OF - 40, AS_OF - 100];
  const next = [null, AS_OF + 1, AS_OF, null, null];
  it('due after the interval, never reviewed, or the next review has come', () => {
    expect(reviewsDue(ids, status, revOpp, revDate, next, AS_OF, 14).map((r) => r.due)).toEqual([true, false, true, true, false]);
    expect(reviewsDue(ids, status, revOpp, revDate, next, AS_OF, 14)[0].lastReview).toBe(AS_OF - 14);
  });
  it('a review dated after asOf does not count', () => {
    expect(reviewsDue(['O1'], ['Open'], ['O1'], [AS_OF + 2], [null], AS_OF, 14)).toEqual([
      { due: true, lastReview: null, nextReview: null },
    ]);
  });
});
