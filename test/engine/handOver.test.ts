/**
 * `EvaluateOptions.handOver` (issue #15, the CLI's evaluate job): the snapshot's table rows are
 * dropped once the engine holds its own columns, and the results are exactly those of an
 * evaluation that keeps them (the rows are read by nothing after the layout).
 */
import { evaluateWorkbook } from '../../src/engine/evaluate';
import { scopeValues } from '../../src/engine/scope';
import { generateSample } from '../../src/model/sample';
import { WorkbookSnapshot } from '../../src/model/snapshot';

const options = { file: 'sample.xlsx', asOf: 46352, locale: 'en-US' as const };
const rowCount = (s: WorkbookSnapshot) => Object.values(s.tables).reduce((n, t) => n + (t?.rows.length ?? 0), 0);

test('a handed-over snapshot gives the same results, and its rows are gone after', () => {
  const kept = generateSample({ size: 60, seed: 1 });
  const handed = generateSample({ size: 60, seed: 1 });
  expect(rowCount(handed)).toBeGreaterThan(500);
  const expected = evaluateWorkbook(kept, options);
  expect(evaluateWorkbook(handed, { ...options, handOver: true })).toEqual(expected);
  expect(rowCount(handed)).toBe(0);
  // Without handOver the caller's snapshot is left as it was.
  expect(rowCount(kept)).toBe(rowCount(generateSample({ size: 60, seed: 1 })));
});

test('with a scope and in zh-CN too', () => {
  const kept = generateSample({ size: 60, seed: 2 });
  const owner = scopeValues(kept, 'owner')[0];
  const zh = { ...options, locale: 'zh-CN' as const, scopes: [{ field: 'owner' as const, value: owner }] };
  const expected = evaluateWorkbook(kept, zh);
  expect(expected.opportunities.length).toBeGreaterThan(0);
  expect(expected.opportunities.length).toBeLessThan(kept.tables.Opportunities!.rows.length);
  const handed = generateSample({ size: 60, seed: 2 });
  expect(evaluateWorkbook(handed, { ...zh, handOver: true })).toEqual(expected);
  expect(rowCount(handed)).toBe(0);
});
