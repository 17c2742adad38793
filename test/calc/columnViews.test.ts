/**
 * Typed column views (src/calc/columnViews.ts): made once per column array, kept up to date
 * when the column is changed in place (the engine's what-if), and never serving a stale row.
 */
import fc from 'fast-check';
import { CalcError, Cell, Column } from '../../src/core/cells';
import { Status, Support } from '../../src/core/enumerations';
import {
  BLANK_CODE,
  UNKNOWN_CODE,
  answerView,
  codeAtRow,
  codeView,
  columnChanged,
  dateView,
  firstBadRow,
  holdColumns,
  numberView,
  reportRowsChanged,
  reportsChanges,
} from '../../src/calc/columnViews';
import { codeAt, dateAt, numberAt } from '../../src/calc/columns';
import { includeRows, rowMask } from '../../src/calc/criteria';
import { tallyCycle, tallyDeals } from '../../src/calc/pipeline';
import { tallyWins } from '../../src/calc/winrate';
import { meanWhere, shareWhere } from '../../src/calc/aggregate';
import { closedDealAt } from '../../src/calc/dealOutcome';

/** Cells people put in CRM columns: numbers, numeric and date text, statuses in en and zh, blanks, junk. */
const CELLS: Cell[] = [
  null,
  '',
  '   ',
  0,
  -0,
  1,
  46024,
  2.5,
  -3,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  '100',
  ' 7 ',
  '１２',
  'abc',
  '2026-01-02',
  '2026/1/3',
  '2026-02-30',
  'Open',
  'open',
  '进行中',
  'Won',
  '赢单',
  'Closed Won',
  'Lost',
  'NoDecision',
  '搁置',
  'nonsense',
  'Mentor',
  '支持者',
];
const cell = fc.constantFrom(...CELLS);

/** The view of a fresh copy: what a first parse of the column as it is now gives. */
function fresh(col: Column): Column {
  return col.slice();
}

const sameNumbers = (a: Float64Array, b: Float64Array) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Object.is(a[i], b[i]) || (Number.isNaN(a[i]) && Number.isNaN(b[i]))).toBe(true);
};

describe('column views', () => {
  test('after random in-place changes every view equals a fresh parse', () => {
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), cell, fc.boolean()), { maxLength: 30 }),
        (start, edits) => {
          const col: Cell[] = [...start];
          // Views made before the edits, then asked again between edits (whole or row by row).
          numberView(col);
          dateView(col);
          codeView(col, Status);
          answerView(col, 'is open', (c) => c === 'Open');
          for (const [at, value, whole] of edits) {
            const i = at % col.length;
            col[i] = value;
            if (whole) numberView(col);
            else numberAt(col, i, 'n'); // a reader of one row brings every view up to date at that row
          }
          const copy = fresh(col);
          const [n1, n2] = [numberView(col), numberView(copy)];
          sameNumbers(n1.values, n2.values);
          expect(Array.from(n1.bad)).toEqual(Array.from(n2.bad));
          expect(n1.badCount).toBe(n2.badCount);
          const [d1, d2] = [dateView(col), dateView(copy)];
          sameNumbers(d1.values, d2.values);
          expect(Array.from(d1.bad)).toEqual(Array.from(d2.bad));
          expect(Array.from(codeView(col, Status).codes)).toEqual(Array.from(codeView(copy, Status).codes));
          expect(Array.from(answerView(col, 'is open', (c) => c === 'Open').answers)).toEqual(
            col.map((c) => (c === 'Open' ? 1 : 0)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test('values read by hand', () => {
    const col: Cell[] = ['100', null, '  ', -0, 'abc', '2026-01-02', true, 12.5];
    const n = numberView(col);
    expect(Array.from(n.values.slice(0, 4))).toEqual([100, Number.NaN, Number.NaN, 0]);
    expect(Object.is(n.values[3], 0)).toBe(true); // -0 is read as 0, as toNumber reads it
    expect(Array.from(n.bad)).toEqual([0, 0, 0, 0, 1, 1, 1, 0]);
    expect(firstBadRow(n)).toBe(4);
    expect(firstBadRow(n, 5)).toBe(5);
    const d = dateView(col);
    expect(d.values[5]).toBe(46024); // 2026-01-01 is 46023
    expect(Array.from(d.bad)).toEqual([0, 0, 0, 1, 1, 0, 1, 0]); // 100 and 12.5 are serials; -0 is not a date
    const statuses: Cell[] = ['进行中', 'Closed Won', ' ', null, 'maybe', 'ND'];
    const names = Status.values.map((v) => v.code);
    expect(Array.from(codeView(statuses, Status).codes).map((k) => (k >= 0 ? names[k] : k))).toEqual([
      'Open',
      'Won',
      BLANK_CODE,
      BLANK_CODE,
      UNKNOWN_CODE,
      'NoDecision',
    ]);
    // One column, two enumerations: each has its own codes.
    expect(codeView(statuses, Support).codes[0]).toBe(UNKNOWN_CODE);
  });

  test('a bad cell keeps its message, first bad row in row order, naming the argument', () => {
    const col: Cell[] = ['5', 'x', 'y'];
    numberView(col);
    const e = numberAt(col, 1, 'amount');
    expect(e).toBeInstanceOf(CalcError);
    expect((e as CalcError).message.en).toBe('amount, row 2: "x" is not a number');
    col[1] = '6';
    expect(numberAt(col, 1, 'amount')).toBe(6);
    expect(firstBadRow(numberView(col))).toBe(2);
    const s: Cell[] = ['Open', 'Wonn'];
    codeView(s, Status);
    expect((codeAt(s, 1, Status, 'status') as CalcError).message.en).toBe(
      'status, row 2: unknown value "Wonn" (use Open/进行中, Won/赢单, Lost/丢单, NoDecision/无决策)',
    );
    expect((dateAt(['2026-13-01'], 0, 'closeDate') as CalcError).message.en).toBe('closeDate, row 1: "2026-13-01" is not a date');
  });

  test('a row changed in place is read afresh by a reader of that row alone', () => {
    const col: Cell[] = ['Open', 'Won', 'Lost'];
    expect(codeAtRow(col, Status, 1)).toBe(1);
    col[1] = '丢单';
    expect(codeAtRow(col, Status, 1)).toBe(2);
    // and the whole view agrees afterwards
    expect(Array.from(codeView(col, Status).codes)).toEqual([0, 2, 2]);
  });

  test('criteria masks follow in-place changes; a column of a new length is read whole again', () => {
    const col: Cell[] = ['Open', 'Won', '进行中'];
    const pairs = [{ column: col, criterion: 'Open', columnName: 's', criterionName: 'c' }];
    expect(rowMask(3, pairs, 'rows')).toEqual([true, false, true]);
    col[0] = 'Lost';
    expect(Array.from(includeRows(3, pairs, 'rows') as Uint8Array)).toEqual([0, 0, 1]);
    col.push('Open');
    expect(rowMask(4, pairs, 'rows')).toEqual([false, false, true, true]);
    // A list criterion and its distinct cells: NaN and blank are different criteria.
    const nums: Cell[] = [Number.NaN, null, 1];
    expect(rowMask(3, [{ column: nums, criterion: [Number.NaN], columnName: 'x', criterionName: 'y' }], 'rows')).toEqual([
      true,
      false,
      false,
    ]);
    expect(rowMask(3, [{ column: nums, criterion: [null], columnName: 'x', criterionName: 'y' }], 'rows')).toEqual([
      true,
      false,
      true,
    ]);
    expect(includeRows(3, [{ column: undefined, criterion: 'x', columnName: 'x', criterionName: 'y' }], 'rows')).toBeUndefined();
  });
});

test('while columns are held a column is compared once; after the hold a change is seen again', () => {
  const col: Cell[] = ['1', '2'];
  expect(numberView(col).values[0]).toBe(1);
  col[0] = '5'; // changed before the hold: the first look inside the hold sees it
  holdColumns(() => {
    expect(numberView(col).values[0]).toBe(5);
    col[1] = '7'; // breaks the hold's promise: not compared again inside it
    expect(numberView(col).values[1]).toBe(2);
    holdColumns(() => expect(numberView(col).values[1]).toBe(2)); // nested holds are one hold
  });
  expect(numberView(col).values[1]).toBe(7);
  // A throwing run ends its hold too.
  expect(() =>
    holdColumns(() => {
      throw new Error('x');
    }),
  ).toThrow('x');
  col[0] = '9';
  expect(numberView(col).values[0]).toBe(9);
});

test('a column changed inside a hold and said so (columnChanged) is compared again', () => {
  const col: Cell[] = ['1', '2', '3'];
  holdColumns(() => {
    expect(numberView(col).values[1]).toBe(2);
    col[1] = '8';
    columnChanged(col); // what the engine does after writing a computed column during a recalculation
    expect(numberView(col).values[1]).toBe(8);
    col[2] = '9'; // not said: the hold's promise stands
    expect(numberView(col).values[2]).toBe(3);
  });
  expect(numberView(col).values[2]).toBe(9);
  columnChanged(['never viewed']); // a column without views: nothing to do
});

describe('kernels over views after in-place changes', () => {
  const statusCell = fc.constantFrom<Cell>('Open', '进行中', 'Won', '赢单', 'Lost', 'NoDecision', '搁置', null, ' ', 'Wonn');
  const amountCell = fc.constantFrom<Cell>(100, 2.5, '300', 0, null, -5, 'n/a', 1e6);
  const dateCell = fc.constantFrom<Cell>(46000, 46100, '2026-01-15', null, 'someday', 46400);
  const row = fc.tuple(statusCell, amountCell, dateCell, dateCell);
  const edit = fc.tuple(fc.nat(), fc.nat(3), statusCell, amountCell, dateCell);

  /** Every kernel of the deal family on the columns: results or messages. */
  function results(status: Column, amount: Column, created: Column, close: Column) {
    const show = (v: unknown) => (v instanceof CalcError ? v.message.en : v);
    const include = includeRows(
      status.length,
      [{ column: status, criterion: 'Won,Lost', columnName: 's', criterionName: 'c' }],
      's',
    );
    return [
      tallyDeals({ status, which: new Set(['Won', 'Open']), amount, dates: close, periodStart: 46050, periodEnd: 46300 }),
      tallyDeals({ status, which: new Set(['Open']), amount, probability: amount }),
      tallyWins({ status, amount, closeDate: close, periodStart: 46050 }),
      tallyWins({ status, include: include instanceof CalcError ? undefined : include }),
      tallyCycle({ status, createdDates: created, closeDates: close }),
      meanWhere(amount, include instanceof CalcError ? undefined : include),
      shareWhere(status, 'Open'),
      closedDealAt({ status, amount }, status.length - 1),
    ].map(show);
  }

  test('equal the same kernels on fresh copies of the columns', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), fc.array(edit, { maxLength: 12 }), (rows, edits) => {
        const cols = [0, 1, 2, 3].map((j) => rows.map((r) => r[j]));
        results(cols[0], cols[1], cols[2], cols[3]); // views made before the edits
        for (const [at, j, s, a, d] of edits) {
          cols[j][at % rows.length] = j === 0 ? s : j === 1 ? a : d;
          if (at % 3 === 0) results(cols[0], cols[1], cols[2], cols[3]); // and asked for between them
        }
        const copies = cols.map((c) => c.slice());
        expect(results(cols[0], cols[1], cols[2], cols[3])).toEqual(results(copies[0], copies[1], copies[2], copies[3]));
      }),
      { numRuns: 200 },
    );
  });
});

test('a column whose changes are reported (reportsChanges) re-reads the reported rows, also inside a hold', () => {
  const cell = fc.constantFrom(...CELLS);
  const step = fc.record({
    edits: fc.array(fc.tuple(fc.nat(), cell), { maxLength: 4 }),
    // The rows said, or undefined: "rows not known" (compare them all once).
    told: fc.boolean(),
    hold: fc.boolean(),
  });
  fc.assert(
    fc.property(
      fc.array(cell, { minLength: 1, maxLength: 30 }),
      fc.array(step, { minLength: 1, maxLength: 6 }),
      (start, steps) => {
        const col: Cell[] = [...start];
        reportsChanges(col);
        const read = () => ({
          numbers: Array.from(numberView(col).values),
          bad: Array.from(numberView(col).bad),
          codes: Array.from(codeView(col, Status).codes),
          answers: Array.from(answerView(col, '>1', (c) => typeof c === 'number' && c > 1).answers),
        });
        const fresh = () => {
          const copy = [...col];
          return {
            numbers: Array.from(numberView(copy).values),
            bad: Array.from(numberView(copy).bad),
            codes: Array.from(codeView(copy, Status).codes),
            answers: Array.from(answerView(copy, '>1', (c) => typeof c === 'number' && c > 1).answers),
          };
        };
        read();
        for (const { edits, told, hold } of steps) {
          const run = () => {
            read(); // compared (or not) once in this hold before the change
            const rows: number[] = [];
            for (const [r, c] of edits) {
              col[r % col.length] = c;
              rows.push(r % col.length);
            }
            reportRowsChanged(col, told ? rows : undefined);
            expect(read()).toEqual(fresh());
          };
          if (hold) holdColumns(run);
          else run();
        }
      },
    ),
  );
});
