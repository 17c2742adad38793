/**
 * The benchmark's "direct TypeScript" path (bench/direct.ts: the catalog called straight on
 * plain arrays, no HyperFormula) and the engine must give the same 40 indicators and the same
 * computed columns. Two independent evaluations of the same formulas: a wrong name range, a
 * lost argument or a stale shortcut in the engine shows up as a difference.
 */
import { compareWithDirect } from '../../bench/probe';
import { generateSample } from '../../src/model/sample';

test.each([
  [1, 'en-US'],
  [5, 'zh-CN'],
] as const)('seed %i (%s): engine and direct agree on every indicator and computed column', async (seed, locale) => {
  expect(await compareWithDirect(generateSample({ size: 250, seed, locale }))).toEqual([]);
});

test('the comparison can fail: a changed snapshot on one side shows up', async () => {
  const sample = generateSample({ size: 120, seed: 2 });
  const { evaluateDirect } = await import('../../bench/direct');
  const direct = evaluateDirect(sample, 46352);
  const opp = sample.tables.Opportunities!;
  const status = opp.headers.indexOf('Status');
  const open = opp.rows.findIndex((r) => r[status] === 'Open');
  const changed = {
    ...sample,
    tables: {
      ...sample.tables,
      Opportunities: { ...opp, rows: opp.rows.map((r, i) => (i === open ? r.map((c, j) => (j === status ? 'Won' : c)) : r)) },
    },
  };
  const after = evaluateDirect(changed, 46352);
  const openPipe = (d: typeof direct) => d.indicators.find((i) => i.id === 'OPEN_PIPE')!.value;
  expect(openPipe(after)).not.toEqual(openPipe(direct));
});
