/**
 * The real templates (as `crm3 templates build` makes them) inserted into a workbook that
 * already holds CRM3 tables and names, both ways Excel can insert: every sheet arrives,
 * every name the file defines exists, the user's objects are untouched, and no inserted
 * formula still points at a name of the user's.
 */
import { base64FromBytes } from '../../src/host/base64';
import { ExcelHost } from '../../src/host/excelHost';
import { Locale } from '../../src/core/i18n';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import { buildTemplate } from '../../src/templates/build';
import { TemplateId, templateInfo } from '../../src/templates/catalog';
import { installExcel } from './fakeExcel';
import { installOffice } from './officeSetup';

let userBytes: Uint8Array;
beforeAll(async () => {
  userBytes = new Uint8Array(await writeWorkbook(generateSample({ size: 20, seed: 5 }), { locale: 'en-US' }));
});

const withoutStrings = (f: string) => f.replace(/"(?:[^"]|"")*"/g, '""');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const cases: [TemplateId, Locale][] = [
  ['portfolio-tiering', 'en-US'],
  ['account-plan', 'en-US'],
  ['opportunity-grading', 'en-US'],
  ['value-indicators', 'en-US'],
  ['value-indicators', 'zh-CN'],
];

describe.each(cases)('%s (%s)', (id, locale) => {
  let base64: string;
  beforeAll(async () => {
    base64 = base64FromBytes(new Uint8Array(await buildTemplate(id, locale)));
  });

  test.each([true, false])('inserts next to existing CRM3 tables (ExcelApi 1.13: %s)', async (api113) => {
    installOffice({ api113 });
    const st = installExcel();
    await st.loadXlsx(userBytes);
    const before = st.inventory();
    const userNames = new Set(st.names.map((n) => n.name.toUpperCase()));

    const r = await new ExcelHost().insertTemplate({ id, locale, base64 });
    if (!r.ok) throw new Error(r.message.en);

    const info = templateInfo(id)!;
    expect(r.sheets).toHaveLength(info.sheets[locale === 'zh-CN' ? 'zh' : 'en'].length);
    // The user's sheets, tables and names are all still there, as they were.
    const after = st.inventory();
    for (const s of before.sheets) expect(after.sheets).toContain(s);
    for (const t of before.tables) expect(after.tables).toContain(t);
    for (const n of before.names) expect(after.names).toContain(n);
    // Every renamed name exists, and no inserted formula uses the user's name it replaced.
    const renamedNames = r.renamed.filter((x) => x.kind === 'name');
    for (const x of renamedNames) {
      expect(userNames.has(x.from.toUpperCase())).toBe(true);
      expect(st.names.some((n) => n.name === x.to)).toBe(true);
    }
    for (const sheet of r.sheets) {
      for (const cell of st.sheet(sheet)!.cells.values()) {
        if (!cell.f) continue;
        const f = withoutStrings(cell.f);
        for (const x of renamedNames) expect(f).not.toMatch(new RegExp(`(?<![\\w.])${escape(x.from)}(?![\\w.(\\[!])`, 'i'));
        expect(f).not.toMatch(/_xldudf_/);
      }
    }
    // Names point at the inserted sheets, never at #REF!.
    for (const n of st.names) expect(n.formula).not.toMatch(/#REF!/);
    // Formula sheets end up protected, as the template has them.
    expect(r.sheets.some((s) => st.sheet(s)!.protected)).toBe(true);
    // The catalog's charts are drawn on the inserted sheets.
    expect(r.sheets.reduce((k, s) => k + st.sheet(s)!.charts.length, 0)).toBe(info.charts.length);
  });
});
