/**
 * Every function's documented example that uses only the workbook's names is a working
 * formula: evaluated in the engine on the sample workbook, it gives a value or a
 * documented error, never #NAME? (an unknown name or function).
 */
import { catalog } from '../../src/functions/catalog';
import { WorkbookEngine } from '../../src/engine/workbookEngine';
import { generateSample } from '../../src/model/sample';

const A1_REFERENCE = /(?<![A-Za-z_])\$?[A-Z]{1,3}\$?\d+(?![A-Za-z_(.])/;
const engine = WorkbookEngine.build(generateSample({ size: 120, seed: 3 }), { asOf: 46352 });
afterAll(() => engine.destroy());

const withNames = catalog.filter((d) => !A1_REFERENCE.test(d.example.replace(/"(?:[^"]|"")*"/g, '""')));

test('most examples use names only', () => {
  expect(withNames.length).toBeGreaterThan(catalog.length * 0.7);
});

test.each(withNames.map((d) => [d.id, d.example] as const))('%s example evaluates: %s', (_id, example) => {
  const v = engine.calculate(example);
  if (v !== null && typeof v === 'object') expect(v.error).not.toBe('#NAME?');
});
