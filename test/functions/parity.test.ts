/**
 * Adapter parity: every case of every family runs through the declaration (kernel), the
 * Excel adapter and HyperFormula; all three must give the hand-computed expectation.
 */
import { catalog } from '../../src/functions/catalog';
import { parityCases, runExcel, runHyperFormulaAll, runKernel, sameOutcome } from '../support/parity';

const all = parityCases();

const hfOutcomes = runHyperFormulaAll(all);

describe.each(all.map((c, i) => [`${c.fn}: ${c.name}`, c, i] as const))('%s', (_name, c, i) => {
  test('kernel matches expectation', () => {
    const got = runKernel(c);
    if (!sameOutcome(got, c.expect, c.exact)) expect(got).toEqual(c.expect);
  });
  test('Excel adapter matches', () => {
    const got = runExcel(c);
    if (!sameOutcome(got, c.expect, c.exact)) expect(got).toEqual(c.expect);
  });
  test('HyperFormula matches', () => {
    const got = hfOutcomes[i];
    if (!sameOutcome(got, c.expect, c.exact)) expect(got).toEqual(c.expect);
  });
});

test('every catalog function has at least 10 parity cases (functions without arguments: 1)', () => {
  const counts = new Map<string, number>();
  for (const c of all) counts.set(c.fn, (counts.get(c.fn) ?? 0) + 1);
  const short = catalog
    .filter((d) => (counts.get(d.id) ?? 0) < (d.params.length === 0 ? 1 : 10))
    .map((d) => `${d.id} (${counts.get(d.id) ?? 0})`);
  expect(short).toEqual([]);
});
