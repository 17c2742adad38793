/**
 * Adapter parity: every case of every family runs through the declaration (kernel), the
 * Excel adapter and HyperFormula; all three must give the hand-computed expectation.
 */
import * as fs from 'fs';
import * as path from 'path';
import { catalog } from '../../src/functions/catalog';
import { ParityCase, runExcel, runHyperFormulaAll, runKernel, sameOutcome } from '../support/parity';

const dir = path.join(__dirname, 'cases');
const all: ParityCase[] = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.cases.ts'))
  .sort()
  .flatMap((f) => (require(path.join(dir, f)) as { cases: ParityCase[] }).cases);

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
