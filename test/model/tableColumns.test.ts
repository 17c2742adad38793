import fc from 'fast-check';
import { Cell } from '../../src/core/cells';
import { normalizeSnapshot } from '../../src/model/normalize';
import { TableData, WorkbookSnapshot } from '../../src/model/snapshot';
import { columnCopy, columnView, heldColumns, rowCount, tableOfColumns } from '../../src/model/tableColumns';
import { validateSnapshot } from '../../src/model/validate';

/** The columns of rows written out by hand (the test's own transpose). */
function transpose(rows: readonly Cell[][], width: number): Cell[][] {
  const out: Cell[][] = [];
  for (let j = 0; j < width; j++) out.push(rows.map((r) => r[j]));
  return out;
}

const base = (headers: string[]) => ({ sheet: 'Opportunities', origin: { row: 1, col: 1 }, headers });
const copyRows = (rows: readonly Cell[][]) => rows.map((r) => [...r]);

describe('a table held by columns (model/tableColumns)', () => {
  const rows: Cell[][] = [
    ['O1', 10, null],
    ['O2', null, 'x'],
  ];

  test('reads as the rows it was made from, without making them until asked', () => {
    const t = tableOfColumns(base(['OppId', 'Amount', 'Note']), transpose(rows, 3), 2);
    expect(rowCount(t)).toBe(2);
    expect(columnCopy(t, 1)).toEqual([10, null]);
    expect(columnView(t, 2)).toEqual([null, 'x']);
    expect(heldColumns(t)).toBeDefined();
    expect(t.rows).toEqual(rows);
    // From then on the rows are the table: the columns are let go.
    expect(heldColumns(t)).toBeUndefined();
    t.rows[0][1] = 11;
    expect(columnCopy(t, 1)).toEqual([11, null]);
    expect(t.rows).toBe(t.rows);
  });

  test('a copy (spread, structuredClone, JSON) carries the rows; setting rows replaces the columns', () => {
    const t = tableOfColumns(base(['OppId', 'Amount', 'Note']), transpose(rows, 3), 2);
    expect({ ...t }).toEqual({ ...base(['OppId', 'Amount', 'Note']), rows });
    const t2 = tableOfColumns(base(['OppId', 'Amount', 'Note']), transpose(rows, 3), 2);
    expect(structuredClone(t2)).toEqual({ ...base(['OppId', 'Amount', 'Note']), rows });
    const t3 = tableOfColumns(base(['OppId', 'Amount', 'Note']), transpose(rows, 3), 2);
    expect(JSON.parse(JSON.stringify(t3)).rows).toEqual(rows);
    const t4 = tableOfColumns(base(['OppId', 'Amount', 'Note']), transpose(rows, 3), 2);
    t4.rows = [];
    expect(rowCount(t4)).toBe(0);
    expect(heldColumns(t4)).toBeUndefined();
  });

  test('a plain table (rows) answers the same helpers', () => {
    const t: TableData = { ...base(['OppId', 'Amount', 'Note']), rows: [['O1'], ['O2', 3]] };
    expect(rowCount(t)).toBe(2);
    expect(columnCopy(t, 1)).toEqual([null, 3]);
    expect(columnView(t, 2)).toEqual([null, null]);
    expect(heldColumns(t)).toBeUndefined();
  });
});

// Values of the kinds normalize and validate look at: text numbers and amounts with currencies,
// day/month and ISO dates as text, blanks, spaces, ids that repeat, stages and statuses good and bad.
const cell = fc.oneof(
  fc.constant(null),
  fc.constantFrom('  ', '\u3000', '\u00a0', '\t', '\n', '\u2028', '\ufeff', '\u3000O1', '\u00a0A1', ' Won', '\x7fx', '\x9f'),
  fc.integer({ min: -5, max: 50_000 }),
  fc.double({ min: -10, max: 1e6, noNaN: true }),
  fc.constantFrom('1,200.50', '¥300', '$1,200', '€5', '12 USD', 'abc', '3 O', '-4'),
  fc.constantFrom('03/04/2026', '25/04/2026', '04/25/2026', '2026-03-05', '2026年3月5日', 'soon'),
  fc.constantFrom('O1', 'O2', 'o1', 'A1', 'A2', 'A9'),
  fc.constantFrom('Qualify', '谈判', 'Won', 'Lost', 'Open', 'Maybe', 'Yes', 'No', '?'),
);
const HEADERS = ['OppId', 'AccountId', 'Stage', 'Status', 'Amount', 'CreatedDate', 'CloseDate', 'Notes', 'Amount2'];

describe('normalize and validate read a table held by columns as they read its rows', () => {
  test('property: same cells, problems and currencies either way', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: HEADERS.length, maxLength: HEADERS.length }), { maxLength: 30 }),
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 6 }),
        (oppRows, accRows) => {
          // A second amount column: the currencies of two columns are met row by row.
          const headers = HEADERS.map((h) => (h === 'Amount2' ? 'Amount' : h));
          const snapshot = (held: boolean): WorkbookSnapshot => {
            const make = (sheet: string, hs: string[], rs: Cell[][]): TableData =>
              held
                ? tableOfColumns(
                    { sheet, origin: { row: 1, col: 1 }, headers: hs },
                    transpose(copyRows(rs), hs.length),
                    rs.length,
                  )
                : { sheet, origin: { row: 1, col: 1 }, headers: hs, rows: copyRows(rs) };
            return {
              tables: {
                Opportunities: make('Opportunities', headers, oppRows),
                Accounts: make('Accounts', ['AccountId', 'AccountName'], accRows),
              },
              config: {},
              settings: {},
              problems: [],
            };
          };
          const byRows = normalizeSnapshot(snapshot(false));
          const byColumns = normalizeSnapshot(snapshot(true));
          expect(heldColumns(byColumns.tables.Opportunities!)).toBeDefined();
          expect(validateSnapshot(byColumns)).toEqual(validateSnapshot(byRows));
          expect(byColumns.problems).toEqual(byRows.problems);
          expect(byColumns.amountCurrencies).toEqual(byRows.amountCurrencies);
          expect(byColumns.tables.Opportunities!.rows).toEqual(byRows.tables.Opportunities!.rows);
          expect(byColumns.tables.Accounts!.rows).toEqual(byRows.tables.Accounts!.rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});
