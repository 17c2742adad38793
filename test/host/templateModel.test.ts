/**
 * Reading a built template for the host when it holds Excel calculated columns: ExcelJS 4
 * alone fails on them, so the reader must take their formulas out first and lose nothing.
 */
import JSZip from 'jszip';
import { buildSheets } from '../../src/host/buildSheets';
import { toTypedFormula } from '../../src/engine/formulaLanguage';
import { planInsertion } from '../../src/host/insertPlan';
import { readTemplateModel } from '../../src/host/templateModel';
import { a1 } from '../../src/model/snapshot';
import { buildTemplate } from '../../src/templates/build';
import { TemplateId } from '../../src/templates/catalog';

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Table name → [column offset, formula] as the table parts store them, read with JSZip (independently of the reader). */
async function calculatedInParts(bytes: Buffer): Promise<Map<string, [number, string][]>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, [number, string][]>();
  for (const p of Object.keys(zip.files).filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n))) {
    const xml = await zip.file(p)!.async('string');
    const name = /<table\b[^>]*\sdisplayName="([^"]*)"/.exec(xml)![1];
    const cols = [...xml.matchAll(/<tableColumn\b[\s\S]*?(?:\/>|<\/tableColumn>)/g)].map((m) => m[0]);
    const found: [number, string][] = [];
    cols.forEach((c, i) => {
      const f = /<calculatedColumnFormula[^>]*>([^<]*)</.exec(c);
      if (f) found.push([i, unescape(f[1])]);
    });
    if (found.length) out.set(name, found);
  }
  return out;
}

describe.each<TemplateId>(['portfolio-tiering', 'opportunity-grading'])('%s', (id) => {
  test('a template with calculated columns is read; each column formula is the first data row’s cell formula', async () => {
    const bytes = await buildTemplate(id, 'en-US');
    const expected = await calculatedInParts(bytes);
    expect(expected.size).toBeGreaterThan(0);
    const model = await readTemplateModel(new Uint8Array(bytes));
    let seen = 0;
    for (const sheet of model.sheets)
      for (const t of sheet.tables) {
        const want = expected.get(t.name) ?? [];
        expect((t.calculatedColumns ?? []).map((c) => [c.col - t.left, c.formula])).toEqual(want);
        for (const c of t.calculatedColumns ?? []) {
          const cell = sheet.cells.find((x) => x.row === t.top + 1 && x.col === c.col);
          expect(cell?.formula).toBe(c.formula);
          seen++;
        }
      }
    expect(seen).toBe([...expected.values()].reduce((n, l) => n + l.length, 0));
  });
});

/** Records every property set made through office-js-like objects: path → value. */
function recorder(path: string, log: { path: string; value: unknown }[]): unknown {
  return new Proxy(function () {}, {
    get: (_t, key) => (key === 'then' ? undefined : recorder(`${path}.${String(key)}`, log)),
    set: (_t, key, value) => {
      log.push({ path: `${path}.${String(key)}`, value });
      return true;
    },
    apply: (_t, _this, args: unknown[]) => recorder(`${path}(${args.map((a) => JSON.stringify(a)).join(',')})`, log),
  });
}

test('building a sheet in code writes each calculated column’s whole body in one range write, in typed form', async () => {
  const model = await readTemplateModel(new Uint8Array(await buildTemplate('portfolio-tiering', 'en-US')));
  const plan = planInsertion(model, { sheets: [], tables: [], names: [] });
  const log: { path: string; value: unknown }[] = [];
  const ctx = { workbook: recorder('wb', log), sync: async () => undefined } as unknown as Excel.RequestContext;
  await buildSheets(ctx, model, plan);
  let checked = 0;
  for (const sheet of model.sheets)
    for (const t of sheet.tables)
      for (const c of t.calculatedColumns ?? []) {
        const first = t.top + 1;
        const last = t.bottom - (t.totalsRow ? 1 : 0);
        const range = `${a1(first, c.col)}:${a1(last, c.col)}`;
        const writes = log.filter((w) => w.path.includes(`getRange("${range}")`) && w.path.endsWith('.formulas'));
        expect(writes).toHaveLength(1);
        const rows = writes[0].value as string[][];
        expect(rows).toHaveLength(last - first + 1);
        // Row k holds the template's own cell formula of that row, typed as Excel's API takes it (=CRM3.X, [@Col]).
        rows.forEach(([f], k) =>
          expect(f).toBe(toTypedFormula(sheet.cells.find((x) => x.row === first + k && x.col === c.col)!.formula!)),
        );
        expect(rows[0][0]).toMatch(/^=.*CRM3\.\w+\(.*\[@/);
        checked++;
      }
  expect(checked).toBeGreaterThan(0);
});
