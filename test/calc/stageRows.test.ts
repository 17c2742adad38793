/**
 * PROBABILITY and STAGECHECK for some rows only (what a what-if re-runs, engine/computedRows.ts):
 * property, each row is what the whole column gives in that row, for any columns (bad cells,
 * unknown stages, ids with no activity) and any rows.
 */
import fc from 'fast-check';
import { Cell } from '../../src/core/cells';
import { opportunityProbabilities, stageChecks } from '../../src/calc/stages';

const status = fc.constantFrom<Cell>('Open', 'Won', 'Lost', 'NoDecision', '进行中', null, 'maybe');
const stage = fc.constantFrom<Cell>('Discover', 'Qualify', 'Solution', '谈判', 'Shortlist', null, 'nowhere');
const oppId = fc.constantFrom<Cell>('O1', 'O2', 'o1', 'O3', null);
const eventId = fc.constantFrom<Cell>('E_NEED', 'E_CONTACT, E_BUDGET', 'E_OWNER', 'E_REQS', 'E_CRITERIA', null, 'x');

const deals = fc.array(fc.tuple(oppId, stage, status), { minLength: 1, maxLength: 25 });
const activities = fc.array(fc.tuple(oppId, eventId), { maxLength: 30 });
const pick = (n: number) => fc.array(fc.nat(), { maxLength: 10 }).map((xs) => xs.map((x) => x % n));

test('some rows of PROBABILITY and STAGECHECK are those rows of the whole column', () => {
  fc.assert(
    fc.property(
      deals.chain((d) => fc.tuple(fc.constant(d), activities, pick(d.length))),
      ([d, acts, rows]) => {
        const probability = { status: d.map((x) => x[2]), stage: d.map((x) => x[1]) };
        const whole = opportunityProbabilities(probability) as Cell[];
        expect(opportunityProbabilities(probability, rows)).toEqual(rows.map((i) => whole[i]));
        const check = {
          oppIds: d.map((x) => x[0]),
          stages: d.map((x) => x[1]),
          statuses: d.map((x) => x[2]),
          actOppIds: acts.map((a) => a[0]),
          actEventIds: acts.map((a) => a[1]),
        };
        const all = stageChecks(check) as Cell[];
        expect(stageChecks(check, rows)).toEqual(rows.map((i) => all[i]));
      },
    ),
  );
});
