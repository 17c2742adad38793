/**
 * KEYINFO reads each key field through a "filled" view kept with the column (patched in place
 * on a what-if) and the answers block once per block (issue #15). Property: after random edits
 * made in place to the field columns, and new blocks for changed answers, every call gives what
 * the per-row definition written here gives on fresh copies.
 */
import fc from 'fast-check';
import { CalcError, Cell } from '../../src/core/cells';
import { keyInfoCompleteness } from '../../src/calc/activity';

const FIELDS = ['amount', 'closeDate', 'owner', 'competitor', 'nextStepDate', 'stageEntered'] as const;
const fieldCell = fc.constantFrom<Cell>(null, '', '  ', 0, 12.5, 'x', 'Alice', 46000, '2026-11-01');
const answerCell = fc.constantFrom<Cell>(null, '', 'Yes', 'No', 'Unknown', '是', '否', '未知', 'yes ');

/** Written here: (filled fields + Yes/No answers) / (6 + questions), or the first bad answer. */
function reference(fields: Cell[][], answers: Cell[][] | undefined): number[] | string {
  const n = fields[0].length;
  const q = answers?.[0]?.length ?? 0;
  const blank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');
  const yesNo = new Set(['yes', 'no', '是', '否']);
  const unknown = new Set(['unknown', '未知']);
  for (let i = 0; answers && i < n; i++)
    for (let k = 0; k < q; k++) {
      const c = answers[i][k];
      if (blank(c)) continue;
      const t = String(c).trim().toLowerCase();
      if (!yesNo.has(t) && !unknown.has(t)) return `answers (column ${k + 1}), row ${i + 1}`;
    }
  return Array.from({ length: n }, (_, i) => {
    let filled = fields.filter((col) => !blank(col[i])).length;
    for (let k = 0; k < q; k++)
      if (answers && !blank(answers[i][k]) && yesNo.has(String(answers[i][k]).trim().toLowerCase())) filled++;
    return filled / (6 + q);
  });
}

const edit = fc.record({
  field: fc.nat(FIELDS.length), // FIELDS.length: an answer instead
  row: fc.nat(),
  col: fc.nat(),
  field_value: fieldCell,
  answer: fc.oneof(answerCell, fc.constant<Cell>('Maybe')),
});

test('KEYINFO after in-place edits equals the per-row definition on fresh copies', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 0, max: 3 }),
      fc.array(fc.array(fieldCell, { minLength: 30, maxLength: 30 }), { minLength: 6, maxLength: 6 }),
      fc.array(fc.array(answerCell, { minLength: 3, maxLength: 3 }), { minLength: 30, maxLength: 30 }),
      fc.array(edit, { maxLength: 12 }),
      (n, q, rawFields, rawAnswers, edits) => {
        const fields = rawFields.map((col) => col.slice(0, n));
        let answers: Cell[][] | undefined = q ? rawAnswers.slice(0, n).map((r) => r.slice(0, q)) : undefined;
        const call = () =>
          keyInfoCompleteness({
            amount: fields[0],
            closeDate: fields[1],
            owner: fields[2],
            competitor: fields[3],
            nextStepDate: fields[4],
            stageEntered: fields[5],
            answers,
          });
        const check = () => {
          const got = call();
          const want = reference(
            fields.map((c) => c.slice()),
            answers?.map((r) => r.slice()),
          );
          if (typeof want === 'string') expect(got instanceof CalcError && got.message.en).toContain(want);
          else expect(got).toEqual(want);
        };
        check();
        for (const e of edits) {
          const row = e.row % n;
          if (e.field < FIELDS.length)
            fields[e.field][row] = e.field_value; // in place, as the engine's what-if
          else if (answers) {
            // A changed answer column gives a new block (as the engine's store does), never the old one changed.
            answers = answers.map((r) => r.slice());
            answers[row][e.col % q] = e.answer;
          }
          check();
        }
      },
    ),
    { numRuns: 500 },
  );
});
