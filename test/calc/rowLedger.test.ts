import { RowLedger, countingRows, listingRows } from '../../src/calc/working';

/** The same trace filed by a listing ledger and by a counting one. */
function fill(ledger: RowLedger): RowLedger {
  ledger.trace(4, 'won', 10);
  ledger.trace(1, 'lost', 2.5);
  ledger.trace(2, 'won', 0.1);
  ledger.trace(7, 'won', 0.2);
  ledger.trace(3, 'lost');
  return ledger;
}

describe('RowLedger lists or counts the rows of each key (calc/working.ts)', () => {
  test('listing: rows as filed (ascending over several keys), counts and exact sums by hand', () => {
    const l = fill(new RowLedger());
    expect(l.rows('won')).toEqual({ rows: [4, 2, 7], count: 3 });
    expect(l.rows('won', 'lost')).toEqual({ rows: [1, 2, 3, 4, 7], count: 5 });
    expect(l.count('lost')).toBe(2);
    expect(l.sum('won').value).toBe(10.3);
    expect(l.keys()).toEqual(['won', 'lost']);
  });

  test('counting (countingRows): no rows listed, the same counts, sums and keys; listing comes back after', () => {
    const l = countingRows(() => {
      expect(listingRows()).toBe(false);
      return new RowLedger();
    });
    expect(listingRows()).toBe(true);
    fill(l);
    expect(l.rows('won')).toEqual({ rows: [], count: 3 });
    expect(l.rows('won', 'lost')).toEqual({ rows: [], count: 5 });
    expect(l.count('missing')).toBe(0);
    expect(l.sum('won').value).toBe(10.3);
    expect(l.keys()).toEqual(['won', 'lost']);
    expect(() =>
      countingRows(() => {
        throw new Error('x');
      }),
    ).toThrow('x');
    expect(listingRows()).toBe(true);
  });
});
