/**
 * Key and join views (src/calc/keyViews.ts) are kept between calls by column identity, and
 * the engine's what-if changes columns in place: after any in-place change the views must
 * equal ones built afresh. The expected values here come from a naive build in the test:
 * a Map from keyOf to the rows, row by row.
 */
import fc from 'fast-check';
import { Cell, isBlank, keyOf } from '../../src/core/cells';
import { keyColumn, keyJoin } from '../../src/calc/keyViews';

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
