/** Row lists (calc/rowList.ts): matching, sorting and the overflow note, by hand and at 1,000,000 rows. */
import { CalcError } from '../../src/core/cells';
import { listRows, moreRowsNote } from '../../src/calc/rowList';

describe('listRows', () => {
  const keys = ['A', 'b', 'a', 'A ', null, 'Ａ'];
  test('matches without case, spaces or width, in table order', () => {
    expect(listRows({ keys, key: 'a', maxRows: 10 })).toEqual({ rows: [0, 2, 3, 5], more: 0 });
  });
  test('include mask drops rows', () => {
    expect(listRows({ keys, key: 'A', include: [true, true, false, true, true, false], maxRows: 10 })).toEqual({
      rows: [0, 3],
      more: 0,
    });
  });
  test('overflow keeps maxRows − 1 rows and counts the rest', () => {
    // 4 matches, 2 rows: row 0 shown, 3 more
    expect(listRows({ keys, key: 'A', maxRows: 2 })).toEqual({ rows: [0], more: 3 });
    expect(moreRowsNote(3)).toBe('… +3');
  });
  test('bad maxRows and mismatched sortBy are messages, not throws', () => {
    const r = listRows({ keys, key: 'A', maxRows: 0 });
    expect(r).toBeInstanceOf(CalcError);
    expect((r as CalcError).message.zh).toContain('maxRows');
    expect(listRows({ keys, key: 'A', maxRows: 3, sortBy: [1, 2] })).toBeInstanceOf(CalcError);
  });
  test('1,000,000 matching rows sorted descending: the largest first, linear-ish', () => {
    const n = 1_000_000;
    const big = new Array(n).fill('K');
    const sortBy = Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const r = listRows({ keys: big, key: 'k', sortBy, descending: true, maxRows: 3 });
    expect(r).not.toBeInstanceOf(CalcError);
    const { rows, more } = r as { rows: number[]; more: number };
    // values are a permutation of 0..n−1: the two largest are n−1 and n−2
    expect(rows.map((i) => sortBy[i])).toEqual([n - 1, n - 2]);
    expect(more).toBe(n - 2);
  });
});
