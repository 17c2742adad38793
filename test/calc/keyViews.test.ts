/**
 * Key and join views (src/calc/keyViews.ts) are kept between calls by column identity, and
 * the engine's what-if changes columns in place: after any in-place change the views must
 * equal ones built afresh. The expected values here come from a naive build in the test:
 * a Map from keyOf to the rows, row by row.
 */
import fc from 'fast-check';
import { CalcError, Cell, isBlank, keyOf } from '../../src/core/cells';
import { Support } from '../../src/core/enumerations';
import { keyColumn, keyJoin } from '../../src/calc/keyViews';
import { countBy, lookupBy, sumBy } from '../../src/calc/groupBy';
import { accountOfActivities, activityCount, lastActivity } from '../../src/calc/activity';
import { enumScores, keyPlayerSupport, roleCoverage, supportIndex } from '../../src/calc/relationships';
import { opportunityProbabilities, stageChecks, stageOverruns } from '../../src/calc/stages';

/** Spellings that fold onto a few keys (case, width, spaces, number vs text), and blanks. */
const SPELLINGS: Cell[] = [
  'A001',
  'a001',
  ' A001 ',
  'Ａ００１',
  'B2',
  'b  2',
  'B 2',
  1,
  '1',
  ' 1',
  2.5,
  true,
  'TRUE',
  '客户',
  '客户 ',
  null,
  '',
  '  ',
];
const spelling = fc.constantFrom(...SPELLINGS);

/** Rows of `col` by keyOf, in row order (the naive join). */
function naiveGroups(col: readonly Cell[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  col.forEach((c, i) => {
    if (isBlank(c)) return;
    const k = keyOf(c);
    const rows = m.get(k) ?? [];
    rows.push(i);
    m.set(k, rows);
  });
  return m;
}

/** What the views say the rows of `to` are for each row of `from`. */
function joinedRows(from: Cell[], to: Cell[]): number[][] {
  const j = keyJoin(from, to);
  const { offsets, rows } = j.to.groups();
  return from.map((_c, i) => {
    const id = j.toIdOfRow(i);
    return id < 0 ? [] : Array.from(rows.subarray(offsets[id], offsets[id + 1]));
  });
}

function naiveJoinedRows(from: Cell[], to: Cell[]): number[][] {
  const groups = naiveGroups(to);
  return from.map((c) => (isBlank(c) ? [] : (groups.get(keyOf(c)) ?? [])));
}

const change = (rows: number) => fc.tuple(fc.nat({ max: rows - 1 }), spelling);

describe('key views', () => {
  test('ids: equal exactly when keyOf is equal, −1 for blank; keys[id] is the keyOf', () => {
    const col = [...SPELLINGS];
    const kc = keyColumn(col);
    col.forEach((c, i) => {
      if (isBlank(c)) expect(kc.ids[i]).toBe(-1);
      else expect(kc.keys[kc.ids[i]]).toBe(keyOf(c));
    });
    expect(kc.ids[0]).toBe(kc.ids[3]); // A001 and full-width Ａ００１
    expect(kc.ids[7]).toBe(kc.ids[8]); // 1 and "1"
    expect(kc.ids[11]).toBe(kc.ids[12]); // TRUE and "TRUE"
    expect(kc.ids[4]).not.toBe(kc.ids[0]);
  });

  test('after random in-place changes of key cells, the join equals a fresh naive one (both sides changed)', () => {
    fc.assert(
      fc.property(
        fc.array(spelling, { minLength: 1, maxLength: 30 }),
        fc.array(spelling, { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.boolean(), fc.nat(), spelling), { maxLength: 12 }),
        (from, to, edits) => {
          expect(joinedRows(from, to)).toEqual(naiveJoinedRows(from, to)); // builds and memoizes the views
          for (const [onFrom, at, value] of edits) {
            const col = onFrom ? from : to;
            col[at % col.length] = value;
            expect(joinedRows(from, to)).toEqual(naiveJoinedRows(from, to));
          }
          // First rows (what MATCH finds) follow the changes too.
          const first = keyColumn(to).firstRows();
          const naive = naiveGroups(to);
          for (const [k, rows] of naive) expect(first[keyColumn(to).idOf(k)]).toBe(rows[0]);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a column joined with itself, and several joins sharing one column, stay right after changes', () => {
    fc.assert(
      fc.property(
        fc.array(spelling, { minLength: 1, maxLength: 25 }),
        fc.array(spelling, { minLength: 1, maxLength: 25 }),
        fc.array(change(25), { maxLength: 10 }),
        (a, b, edits) => {
          for (const [at, value] of edits) {
            a[at % a.length] = value;
            expect(joinedRows(a, a)).toEqual(naiveJoinedRows(a, a));
            expect(joinedRows(b, a)).toEqual(naiveJoinedRows(b, a));
            expect(joinedRows(a, b)).toEqual(naiveJoinedRows(a, b));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('a change that leaves every key as it was keeps the version (no rebuild); a key change bumps it', () => {
    const col: Cell[] = ['A001', 'B2', 'A001'];
    const kc = keyColumn(col);
    const groups = kc.groups();
    col[0] = 'a001'; // another spelling of the same key
    expect(keyColumn(col)).toBe(kc);
    expect(kc.version).toBe(0);
    expect(kc.groups()).toBe(groups);
    col[1] = 'A001';
    keyColumn(col);
    expect(kc.version).toBe(1);
    expect(Array.from(kc.groups().rows)).toEqual([0, 1, 2]);
  });
});

describe('join kernels after in-place changes', () => {
  const id = fc.constantFrom<Cell>('O1', 'o1', 'Ｏ１', 'O2', 'O3 ', 7, '7', null, ' ');
  const status = fc.constantFrom<Cell>('Open', '进行中', 'Won', 'Lost', null, 'Wonn');
  const role = fc.constantFrom<Cell>('Approver', '决策者', 'User', null, 'Boss');
  const support = fc.constantFrom<Cell>('Mentor', '支持者', 'Enemy', null, 'Fan');
  const political = fc.constantFrom<Cell>('InnerCircle', 'Outside', null);
  const date = fc.constantFrom<Cell>(46000, 46100, '2026-01-15', null, 'someday');
  const stage = fc.constantFrom<Cell>('Discover', '立项', 'Solution', null, 'Nowhere');
  const event = fc.constantFrom<Cell>('E_NEED', 'e_contact, E_NEED', 'E_BUDGET', null);
  const oppRow = fc.tuple(id, status, stage, id);
  const dcRow = fc.tuple(id, role, support, political, date, event);
  // An edit: which table (0 opportunities, 1 chain/activities), column, row, and a new cell of each kind.
  const edit = fc.tuple(fc.boolean(), fc.nat(5), fc.nat(), id, status, role, support, political, date, event);

  /** Every converted kernel on the columns: results, or the message of the error. */
  function results(opp: Cell[][], dc: Cell[][]) {
    const [oppIds, oppStatus, oppStage, oppAccount] = opp;
    const [dcOppIds, dcRoles, dcSupport, dcPolitical, actDates, actEvents] = dc;
    const show = (v: unknown) => (v instanceof CalcError ? v.message.en : v);
    const asOfDate = 46050;
    return [
      countBy({ keys: dcOppIds, groups: oppIds }),
      sumBy({ keys: dcOppIds, values: actDates, groups: oppIds }),
      lookupBy({ lookupKeys: dcOppIds, keys: oppIds, values: oppStatus, ifMissing: '-' }),
      lookupBy({ lookupKeys: oppStage, keys: oppStage, values: oppIds }),
      accountOfActivities({ actAccountIds: dcPolitical, actOppIds: dcOppIds, oppIds, oppAccountIds: oppAccount }),
      lastActivity(oppIds, { actKeys: dcOppIds, actDates, asOfDate }),
      activityCount(oppIds, { actKeys: dcOppIds, actDates, asOfDate, days: 60 }),
      roleCoverage({ oppIds, dcOppIds, dcRoles }),
      supportIndex({ oppIds, dcOppIds, dcSupport, dcInfluence: dcPolitical }),
      keyPlayerSupport({ dcOppIds, dcPolitical, dcRoles, dcSupport, oppIds, oppStatus }),
      enumScores(dcSupport, Support),
      opportunityProbabilities({ status: oppStatus, stage: oppStage }),
      stageChecks({ oppIds, stages: oppStage, statuses: oppStatus, actOppIds: dcOppIds, actEventIds: actEvents }),
      stageOverruns({ status: oppStatus, stage: oppStage, stageEntered: actDates.slice(0, oppIds.length), asOfDate }),
    ].map((r) => (Array.isArray(r) ? r.map(show) : show(r)));
  }

  test('equal the same kernels on fresh copies of the columns', () => {
    fc.assert(
      fc.property(
        fc.array(oppRow, { minLength: 1, maxLength: 12 }),
        fc.array(dcRow, { minLength: 12, maxLength: 30 }),
        fc.array(edit, { maxLength: 12 }),
        (oppRows, dcRows, edits) => {
          const opp = [0, 1, 2, 3].map((j) => oppRows.map((r) => r[j]));
          const dc = [0, 1, 2, 3, 4, 5].map((j) => dcRows.map((r) => r[j]));
          results(opp, dc); // views made before the edits
          edits.forEach(([onOpp, j, at, newId, newStatus, newRole, newSupport, newPolitical, newDate, newEvent], k) => {
            if (onOpp) {
              const col = opp[j % 4];
              col[at % col.length] = [newId, newStatus, newRole, newId][j % 4];
            } else {
              const col = dc[j % 6];
              col[at % col.length] = [newId, newRole, newSupport, newPolitical, newDate, newEvent][j % 6];
            }
            if (k % 3 === 0) results(opp, dc); // and asked for between them
          });
          const fresh = (cols: Cell[][]) => cols.map((c) => c.slice());
          expect(results(opp, dc)).toEqual(results(fresh(opp), fresh(dc)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
