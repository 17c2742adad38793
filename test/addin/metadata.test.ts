/**
 * The generated custom-function metadata: both languages list every catalog function with
 * the same ids and parameters, zh descriptions are Chinese, and the format is Excel's.
 */
import { catalog } from '../../src/functions/catalog';
import { functionMetadata } from '../../src/functions/excel/metadata';
import { catalogAssets } from '../../scripts/catalogAssets';

const assets = catalogAssets('https://localhost:3000/help.html');
const en = JSON.parse(assets['functions.json']);
const zh = JSON.parse(assets['functions-zh.json']);

test('WINRATE is in both metadata files', () => {
  expect(en.functions.map((f: { id: string }) => f.id)).toContain('WINRATE');
  expect(zh.functions.map((f: { id: string }) => f.id)).toContain('WINRATE');
});

test('both languages describe the same functions with the same parameters', () => {
  expect(en.functions.length).toBe(catalog.length);
  expect(zh.functions.map((f: { id: string }) => f.id)).toEqual(en.functions.map((f: { id: string }) => f.id));
  en.functions.forEach((f: { parameters: { name: string; optional: boolean }[] }, i: number) => {
    expect(zh.functions[i].parameters.map((p: { name: string }) => p.name)).toEqual(f.parameters.map((p) => p.name));
  });
});

test('zh descriptions are written in Chinese, en ones are not', () => {
  for (const f of zh.functions) {
    expect(f.description).toMatch(/[\u4e00-\u9fff]/);
    for (const p of f.parameters) expect(p.description).toMatch(/[\u4e00-\u9fff]/);
  }
  // en text may quote zh aliases ("吸引力"), but is written in English.
  const cjkShare = (s: string) => (s.match(/[\u4e00-\u9fff]/g) ?? []).length / s.length;
  for (const f of en.functions) expect(cjkShare(f.description)).toBeLessThan(0.1);
});

test('metadata follows the custom-functions JSON format', () => {
  const ids = new Set<string>();
  for (const f of functionMetadata(catalog, 'en-US').functions) {
    expect(f.id).toMatch(/^[A-Z][A-Z0-9.]*$/);
    expect(ids.has(f.id)).toBe(false);
    ids.add(f.id);
    expect(['number', 'string', 'boolean', 'any']).toContain(f.result.type);
    expect(['scalar', 'matrix']).toContain(f.result.dimensionality);
    let seenOptional = false;
    for (const p of f.parameters) {
      expect(p.name).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
      // Excel requires optional parameters to come after the required ones.
      if (p.optional) seenOptional = true;
      else expect(seenOptional).toBe(false);
    }
  }
});

test('help page has an anchor per function', () => {
  for (const d of catalog) expect(assets['help.html']).toContain(`id="${d.id.toLowerCase()}"`);
});

test('error cells reach the functions (allowErrorForDataTypeAny, top level, every parameter of type any)', () => {
  for (const locale of ['en-US', 'zh-CN'] as const) {
    const m = functionMetadata(catalog, locale);
    expect(m.allowErrorForDataTypeAny).toBe(true);
    expect(m.functions.flatMap((f) => f.parameters).every((p) => p.type === 'any')).toBe(true);
  }
});

test('no function id or name equals an Excel built-in (custom-functions-naming: "in any language")', () => {
  // Excel's English names that a CRM3 id could plausibly have taken, and the ones it once did.
  const builtIns = ['SUM', 'COUNT', 'GROWTH', 'AVERAGE', 'MAX', 'MIN', 'RANK', 'PROB', 'TREND', 'FORECAST', 'MEDIAN', 'MODE'];
  const ids = functionMetadata(catalog, 'en-US').functions.map((f) => f.id);
  expect(ids.filter((id) => builtIns.includes(id))).toEqual([]);
});
