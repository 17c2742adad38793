/**
 * crm3 evaluate hands the snapshot over (`handOver`): the tables' columns, held as the reader
 * holds them (model/tableColumns.ts), go into the engine as they are instead of being copied.
 * The results must be those of an evaluation that copies them.
 */
import { Cell } from '../../src/core/cells';
import { evaluateWorkbook } from '../../src/engine/evaluate';
import { generateSample } from '../../src/model/sample';
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { heldColumns, rowCount, tableOfColumns } from '../../src/model/tableColumns';

const ASOF = 46352; // 2026-11-26

/** The sample with every table held by column, as the reader makes them. */
function heldSample(): WorkbookSnapshot {
  const s = generateSample({ locale: 'en-US', size: 300, seed: 3 });
  for (const [name, t] of Object.entries(s.tables)) {
    if (!t) continue;
    const columns: Cell[][] = t.headers.map((_, j) => t.rows.map((r) => r[j] ?? null));
    s.tables[name as keyof typeof s.tables] = tableOfColumns(
      { sheet: t.sheet, origin: t.origin, headers: t.headers },
      columns,
      t.rows.length,
    );
  }
  return s;
}

test('an evaluation that takes the held columns gives the results of one that copies them', () => {
  const copied = evaluateWorkbook(heldSample(), { file: 'x', asOf: ASOF, locale: 'en-US' });
  const given = heldSample();
  expect(heldColumns(given.tables.Opportunities!)).toBeDefined();
  const taken = evaluateWorkbook(given, { file: 'x', asOf: ASOF, locale: 'en-US', handOver: true });
  expect(taken).toEqual(copied);
  expect(copied.opportunities.length).toBe(300);
  // Handed over: the snapshot's tables were let go.
  expect(rowCount(given.tables.Opportunities!)).toBe(0);
});
