/**
 * tallyDeals and tallyWins keep each tally with its columns and, after rows were changed in
 * place (as the engine's what-if changes them), patch it by those rows' old and new contributions instead of
 * reading every row (issue #15). Property: after random in-place edits, including cells that make
 * a row an error and then mend it, every query gives exactly what a pass over fresh copies of the
 * columns gives (a new array is never a kept one).
 */
import fc from 'fast-check';
import { CalcError, Cell } from '../../src/core/cells';
import { DealQuery, tallyDeals } from '../../src/calc/pipeline';
import { tallyWins } from '../../src/calc/winrate';
import { holdColumns } from '../../src/calc/columnViews';

const statusCell = fc.constantFrom<Cell>('Open', 'Won', 'Lost', 'NoDecision', '赢单', 'open', null, '', 'Bogus');
const amountCell = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000 }),
  fc.integer({ min: 0, max: 1_000_000 }).map((k) => k / 100),
  fc.integer({ min: 1, max: 90 }).map((k) => k / 7),
  fc.constantFrom<Cell>(null, '', '1200', -5, 'abc'),
);
const probabilityCell = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((k) => k / 100),
  fc.constantFrom<Cell>(null, 40, '35%', 1 / 3, 2.5e-3, 'x', 140),
);
const dateCell = fc.oneof(fc.integer({ min: 45900, max: 46400 }), fc.constantFrom<Cell>(null, '2026-01-15', 'soon'));

type Columns = { status: Cell[]; amount: Cell[]; probability: Cell[]; dates: Cell[] };
const QUERIES: ((c: Columns) => DealQuery)[] = [
  (c) => ({ status: c.status, which: new Set(['Open']), amount: c.amount }),
  (c) => ({ status: c.status, which: new Set(['Open']), amount: c.amount, probability: c.probability }),
  (c) => ({ status: c.status, which: new Set(['Won']), amount: c.amount, dates: c.dates, periodStart: 46000, periodEnd: 46300 }),
  (c) => ({ status: c.status, which: new Set(['Won', 'Lost', 'NoDecision']), dates: c.dates, periodStart: 46100 }),
  (c) => ({
    status: c.status,
    which: new Set(['Open', 'Won', 'Lost', 'NoDecision']),
    amount: c.amount,
    dates: c.dates,
    periodEnd: 46200,
  }),
];
/** Win tallies (WINRATE, VELOCITY's wins), kept the same way: by count or by amount, in a period or not. */
const WIN_QUERIES: ((c: Columns) => Parameters<typeof tallyWins>[0])[] = [
  (c) => ({ status: c.status }),
  (c) => ({ status: c.status, amount: c.amount, noDecisionIsLoss: false }),
  (c) => ({ status: c.status, closeDate: c.dates, periodStart: 46000, periodEnd: 46300 }),
  (c) => ({ status: c.status, amount: c.amount, closeDate: c.dates, periodEnd: 46200 }),
];
const winOutcome = (t: ReturnType<typeof tallyWins>) => (t instanceof CalcError ? `error: ${t.message.en}` : t);
const COLUMNS = ['status', 'amount', 'probability', 'dates'] as const;
const CELLS = { status: statusCell, amount: amountCell, probability: probabilityCell, dates: dateCell };

const outcome = (t: ReturnType<typeof tallyDeals>) => (t instanceof CalcError ? `error: ${t.message.en}` : t);
const copy = (c: Columns): Columns => ({
  status: c.status.slice(),
  amount: c.amount.slice(),
  probability: c.probability.slice(),
  dates: c.dates.slice(),
});

const edit = fc.oneof(
  ...COLUMNS.map((column) =>
    fc.record({ column: fc.constant(column), row: fc.nat(), value: CELLS[column] as fc.Arbitrary<Cell> }),
  ),
);

test('kept tallies patched after in-place edits equal a pass over fresh copies', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }),
      fc.record({
        status: fc.array(
          statusCell.filter((c) => c !== 'Bogus'),
          { minLength: 40, maxLength: 40 },
        ),
        amount: fc.array(
          amountCell.filter((c) => typeof c === 'number' && c >= 0),
          { minLength: 40, maxLength: 40 },
        ),
        probability: fc.array(
          probabilityCell.filter((c) => typeof c === 'number' && c <= 1),
          { minLength: 40, maxLength: 40 },
        ),
        dates: fc.array(
          dateCell.filter((c) => typeof c === 'number'),
          { minLength: 40, maxLength: 40 },
        ),
      }),
      fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { maxLength: 10 }),
      fc.boolean(),
      (n, raw, batches, held) => {
        const cols: Columns = {
          status: raw.status.slice(0, n),
          amount: raw.amount.slice(0, n),
          probability: raw.probability.slice(0, n),
          dates: raw.dates.slice(0, n),
        };
        const check = () => {
          const run = (c: Columns) => [
            ...QUERIES.map((q) => outcome(tallyDeals(q(c)))),
            ...WIN_QUERIES.map((q) => winOutcome(tallyWins(q(c)))),
          ];
          const got = held ? holdColumns(() => run(cols)) : run(cols);
          expect(got).toEqual(run(copy(cols)));
        };
        check();
        for (const batch of batches) {
          for (const e of batch) cols[e.column][e.row % n] = e.value;
          check();
        }
      },
    ),
    { numRuns: 1000 },
  );
});

test('a what-if and its undo give the tally back exactly, also with sums that need BigInt', () => {
  const n = 3000;
  const status = Array.from({ length: n }, (_, i): Cell => (i % 3 === 0 ? 'Open' : i % 3 === 1 ? 'Won' : 'Lost'));
  const amount = Array.from({ length: n }, (_, i): Cell => (i % 5 === 0 ? (i + 1) / 7 : 1000 + i / 100));
  const q: DealQuery = { status, which: new Set(['Open']), amount };
  const before = tallyDeals(q);
  for (let k = 0; k < 50; k++) {
    const row = (k * 7919) % n;
    const old = [status[row], amount[row]];
    status[row] = status[row] === 'Open' ? 'Won' : 'Open';
    amount[row] = 1e15 + k / 3;
    expect(tallyDeals(q)).toEqual(tallyDeals({ ...q, status: status.slice(), amount: amount.slice() }));
    [status[row], amount[row]] = old;
    expect(tallyDeals(q)).toEqual(before);
  }
});
