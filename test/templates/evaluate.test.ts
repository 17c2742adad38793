/**
 * Every template formula computes (DESIGN.md §7): each template × locale, filled with the
 * sample, evaluated as a file by HyperFormula with the CRM3 functions, has no error cell;
 * the shipped empty templates have none either (beyond #N/A "no data yet"); and the in-table
 * computed columns of the portfolio and grading templates equal the engine's own computed
 * columns on the same data (two independent routes: per-row formulas in the file vs one
 * spilled call per column in the engine).
 */
import { Locale } from '../../src/core/i18n';
import { FormulaCellValue, evaluateFormulaWorkbook } from '../../src/io/formulaWorkbook';
import { cellAddress } from '../../src/engine/formulaText';
import { openXlsxPackage } from '../../src/io/formulaPackage';
import { EngineValue, WorkbookEngine } from '../../src/engine/workbookEngine';
import { SAMPLE_DEFAULTS, generateSample } from '../../src/model/sample';
import { tableSpec } from '../../src/model/schema';
import { TemplateId } from '../../src/templates/catalog';
import { TEMPLATE_CASES, built } from './builtTemplates';

async function evaluate(id: TemplateId, locale: Locale, filled: boolean) {
  const r = await evaluateFormulaWorkbook(await built(id, locale, filled), `${id}.${locale}.xlsx`, { locale });
  if (!r.ok) throw new Error(r.reason.message.en);
  return r;
}

const shown = (p: { sheet: string; cell: string; formula: string; message: { en: string } }) =>
  `${p.sheet}!${p.cell} =${p.formula.slice(0, 120)} → ${p.message.en.slice(0, 200)}`;

describe('filled with the sample, every formula cell computes without an error', () => {
  test.each(TEMPLATE_CASES)(
    '$id $locale',
    async ({ id, locale }) => {
      const r = await evaluate(id, locale, true);
      expect(r.cells.length).toBeGreaterThan(10);
      expect(r.errors.map(shown)).toEqual([]);
      // A spilled block has no error cell either.
      const spilledErrors = r.cells.flatMap((c) =>
        (c.spill ?? [])
          .flat()
          .filter((v) => v !== null && typeof v === 'object')
          .map(() => `${c.sheet}!${c.cell}`),
      );
      expect(spilledErrors).toEqual([]);
    },
    120_000,
  );
});

describe('the shipped empty templates have no error cells', () => {
  // With no data yet, a function may answer #N/A ("no reference accounts to compare with");
  // any other error is a broken formula.
  test.each(TEMPLATE_CASES)(
    '$id $locale',
    async ({ id, locale }) => {
      const r = await evaluate(id, locale, false);
      const broken = r.errors.filter((e) => !(e.kind === 'error' && e.message.en.startsWith('evaluates to #N/A')));
      expect(broken.map(shown)).toEqual([]);
    },
    120_000,
  );
});

/** The parity columns: the engine's computed columns that templates hold in their tables. */
const PARITY: { id: TemplateId; table: 'Accounts' | 'Opportunities'; columns: string[] }[] = [
  { id: 'portfolio-tiering', table: 'Accounts', columns: ['Score', 'Attractiveness', 'Position', 'Tier', 'Strategy'] },
  { id: 'opportunity-grading', table: 'Opportunities', columns: ['QualScore', 'Grade', 'Probability', 'StageCheck'] },
];

/**
 * A computed column of the file by canonical or zh header, values by row id: a table column
 * (per-row formulas), or beside the table (StageCheck reads other tables: one spilled call
 * whose header sits on the table's header row).
 */
async function fileColumns(bytes: Uint8Array, table: 'Accounts' | 'Opportunities', cells: FormulaCellValue[], columns: string[]) {
  const opened = await openXlsxPackage(bytes, 'template.xlsx');
  if (!opened.ok) throw new Error(opened.reason.message.en);
  const pkg = opened.pkg;
  const spec = tableSpec(table);
  for (const sheet of pkg.sheets) {
    const t = (await pkg.tables(sheet)).find((x) => x.name === table);
    if (!t) continue;
    const sheetCells = await pkg.cells(sheet);
    const headerRow = new Map(
      sheetCells.filter((c) => c.row === t.top && typeof c.value === 'string').map((c) => [c.col, c.value as string]),
    );
    const header = (name: string) => {
      const zh = spec.columns.find((c) => c.name === name)?.zh;
      const j = t.columns.findIndex((c) => c === name || c === zh);
      if (j >= 0) return t.left + j;
      const beside = [...headerRow].find(([, v]) => v === name || v === zh);
      if (!beside) throw new Error(`${table} has no column ${name} (${t.columns.join(', ')})`);
      return beside[0];
    };
    const firstRow = t.top + t.headerRows;
    const keyCol = header(spec.key!);
    const ids = new Map<number, string>();
    for (const c of sheetCells) if (c.col === keyCol && c.row >= firstRow && typeof c.value === 'string') ids.set(c.row, c.value);
    const formulaAt = new Map(cells.filter((c) => c.sheet === sheet.name).map((c) => [c.cell, c]));
    const out = new Map<string, Map<string, EngineValue | undefined>>();
    for (const name of columns) {
      const col = header(name);
      const spill = formulaAt.get(cellAddress(firstRow, col))?.spill;
      const values = new Map<string, EngineValue | undefined>();
      for (const [row, id] of ids)
        values.set(id, spill && spill.length > 1 ? spill[row - firstRow]?.[0] : formulaAt.get(cellAddress(row, col))?.value);
      out.set(name, values);
    }
    return out;
  }
  throw new Error(`no table ${table}`);
}

describe('computed columns in the file equal the engine’s', () => {
  const cases = PARITY.flatMap((p) => (['en-US', 'zh-CN'] as Locale[]).map((locale) => ({ ...p, locale })));
  test.each(cases)(
    '$id $locale: $table',
    async ({ id, locale, table, columns }) => {
      const sample = generateSample({ locale });
      const bytes = new Uint8Array(await built(id, locale, true));
      const r = await evaluate(id, locale, true);
      const inFile = await fileColumns(bytes, table, r.cells, columns);

      const engine = WorkbookEngine.build(sample, { asOf: SAMPLE_DEFAULTS.asOf, locale });
      try {
        const data = sample.tables[table]!;
        const ids = data.rows.map((row) => String(row[data.headers.indexOf(tableSpec(table).key!)]));
        let compared = 0;
        for (const column of columns) {
          const expected = engine.computedColumn(table, column);
          const got = inFile.get(column)!;
          expect(got.size).toBe(ids.length);
          const mismatches: string[] = [];
          ids.forEach((rowId, i) => {
            const a = got.get(rowId);
            const b = expected[i];
            if (a === undefined) mismatches.push(`${rowId}: no formula in the file's ${column} column`);
            else if (JSON.stringify(a) !== JSON.stringify(b))
              mismatches.push(`${rowId} ${column}: file ${JSON.stringify(a)} vs engine ${JSON.stringify(b)}`);
            compared++;
          });
          expect(mismatches.slice(0, 10)).toEqual([]);
        }
        expect(compared).toBe(ids.length * columns.length);
        // The sample is not degenerate: some rows have a value in every column.
        for (const column of columns)
          expect([...inFile.get(column)!.values()].some((v) => v !== null && v !== undefined)).toBe(true);
      } finally {
        engine.destroy();
      }
    },
    120_000,
  );
});
