/**
 * The client copy (issue #6): CRM3 formulas become values (saved ones where the file has
 * them, the engine's where it has none), other formulas stay, a note sheet in the chosen
 * language says what was done, the input is untouched, and bad input gets a clear answer.
 */
import * as fs from 'fs';
import * as path from 'path';
import { evaluateFormulaWorkbook, listFormulaCells } from '../../src/io/formulaWorkbook';
import { callsCrm3 } from '../../src/engine/formulaLanguage';
import { openXlsxPackage, parseSheetCells } from '../../src/io/formulaPackage';
import { asRanges, makeClientCopy } from '../../src/io/clientCopy';
import { inspectXlsx } from '../../src/io/zipGuard';
import { main } from '../../src/cli/main';
import { built } from '../templates/builtTemplates';
import { excelSavedWorkbook } from './excelSavedWorkbook';
import { tempDir } from './zipCraft';

const WHEN = new Date(Date.UTC(2026, 10, 26, 9, 30));

async function copyOf(bytes: Uint8Array, locale: 'en-US' | 'zh-CN' = 'en-US') {
  const r = await makeClientCopy(bytes, 'book.xlsx', { locale, when: WHEN });
  if (!r.ok) throw new Error(r.reason.message.en);
  return r;
}

/** Every cell of every sheet of a package, keyed `Sheet!A1`. */
async function cellsOf(bytes: Uint8Array) {
  const opened = await openXlsxPackage(bytes, 'copy.xlsx');
  if (!opened.ok) throw new Error(opened.reason.message.en);
  const out = new Map<string, ReturnType<typeof parseSheetCells>[number]>();
  for (const s of opened.pkg.sheets) {
    for (const c of await opened.pkg.cells(s)) out.set(`${s.name}!${String.fromCharCode(64 + c.col)}${c.row}`, c);
  }
  return { pkg: opened.pkg, cells: out };
}

describe('an Excel-saved workbook', () => {
  test('saved values replace CRM3 formulas; the one without a saved value is computed', async () => {
    const input = excelSavedWorkbook();
    const r = await copyOf(input);
    // A1, A2 (cached 0.5), A3 (no cached value), I1 (cached #NAME?: the host that saved it lacked
    // the add-in, so the file holds no value of it and the engine computes it; still #NAME?).
    expect(r.replaced).toBe(4);
    expect(r.uncached).toEqual(['Report!I1', 'Report!A3']);
    expect(r.unvalued).toEqual([]);
    const { cells } = await cellsOf(r.bytes);
    for (const c of ['A1', 'A2', 'A3', 'I1']) expect(cells.get(`Report!${c}`)?.formula).toBeUndefined();
    expect(cells.get('Report!A1')?.value).toBe(0.5);
    expect(cells.get('Report!A2')?.value).toBe(0.5);
    expect((cells.get('Report!A3')!.value as number) - 2 / 3).toBeCloseTo(0, 15);
    expect(cells.get('Report!I1')?.value).toEqual({ error: '#NAME?' });
    // Other formulas stay as they were.
    expect(cells.get('Report!B1')?.formula?.text).toBe('SUM(Opp_Amount)*Rate');
    expect(cells.get('Report!C1')?.formula).toMatchObject({ type: 'array', ref: 'C1:C3' });
    expect(cells.get('Report!E2')?.formula).toMatchObject({ type: 'shared', si: '0' });
    expect(cells.get('Report!F1')?.formula?.text).toBe('SUM(Deals[Amount])');
  });

  test('the styles of replaced cells are kept, the calculation chain is dropped, the package stays valid', async () => {
    const r = await copyOf(excelSavedWorkbook());
    const check = await inspectXlsx(r.bytes, 'copy.xlsx');
    expect(check.ok).toBe(true);
    const { pkg } = await cellsOf(r.bytes);
    expect(await pkg.text('xl/worksheets/sheet2.xml')).toMatch(/<c r="A1" s="1"><v>0\.5<\/v><\/c>/);
    expect(await pkg.text('xl/calcChain.xml')).toBeUndefined();
    expect(await pkg.text('[Content_Types].xml')).not.toContain('calcChain');
    expect(await pkg.text('xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
    // Parts nobody touched are the same bytes.
    expect(await pkg.text('xl/tables/table1.xml')).toContain('calculatedColumnFormula');
  });

  test.each([
    ['en-US', 'About this copy', 'Copy for clients without the CRM3 add-in', '2026-11-26 09:30 UTC'],
    ['zh-CN', '关于此副本', '供未安装 CRM3 加载项的客户使用的副本', '2026-11-26 09:30 UTC'],
  ] as const)('the note sheet in %s', async (locale, sheet, title, when) => {
    const r = await copyOf(excelSavedWorkbook(), locale);
    expect(r.noteSheet).toBe(sheet);
    const { pkg, cells } = await cellsOf(r.bytes);
    expect(pkg.sheets.map((s) => s.name)).toEqual(['Data sheet', 'Report', sheet]);
    expect(cells.get(`${sheet}!A1`)?.value).toBe(title);
    const texts = [...cells].filter(([k]) => k.startsWith(`${sheet}!`)).map(([, c]) => String(c.value));
    expect(texts).toContain('book.xlsx');
    expect(texts).toContain(when);
    expect(texts.join('\n')).toContain('4');
    expect(texts).toContain('Report!A3');
  });

  test('a name taken by a sheet gets a suffix', async () => {
    const first = await copyOf(excelSavedWorkbook());
    const second = await copyOf(first.bytes);
    expect(second.noteSheet).toBe('About this copy (2)');
    expect(second.replaced).toBe(0);
  });

  test('the input bytes are not modified', async () => {
    const input = excelSavedWorkbook();
    const before = Buffer.from(input).toString('base64');
    await copyOf(input);
    expect(Buffer.from(input).toString('base64')).toBe(before);
  });
});

describe('a template filled with the sample (no saved values: the engine computes them)', () => {
  test.each(['portfolio-tiering', 'value-indicators'] as const)(
    '%s: values match the evaluator and no CRM3 formula remains',
    async (id) => {
      const input = new Uint8Array(await built(id, 'en-US', true));
      const expected = await evaluateFormulaWorkbook(input, `${id}.xlsx`);
      if (!expected.ok) throw new Error(expected.reason.message.en);
      const r = await copyOf(input, 'zh-CN');
      const crm3 = expected.cells.filter((c) => callsCrm3(c.formula));
      expect(r.replaced).toBe(crm3.length);
      expect(r.unvalued).toEqual([]);

      const left = await listFormulaCells(r.bytes, 'copy.xlsx');
      if (!left.ok) throw new Error(left.reason.message.en);
      expect(left.formulas.filter((f) => callsCrm3(f.formula))).toEqual([]);
      // The formulas that did not call CRM3 are all still there.
      expect(left.formulas.length).toBe(expected.cells.length - crm3.length);

      const opened = await openXlsxPackage(r.bytes, 'copy.xlsx');
      if (!opened.ok) throw new Error(opened.reason.message.en);
      const copyCells = new Map<string, unknown>();
      for (const s of opened.pkg.sheets) {
        for (const c of await opened.pkg.cells(s)) copyCells.set(`${s.name}!${c.row},${c.col}`, c.value);
      }
      let checked = 0;
      for (const c of crm3) {
        const m = /^([A-Z]+)(\d+)$/.exec(c.cell)!;
        const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
        const row = Number(m[2]);
        const block = c.spill ?? [[c.value]];
        block.forEach((line, i) =>
          line.forEach((v, j) => {
            const got = copyCells.get(`${c.sheet}!${row + i},${col + j}`);
            const want = v !== null && typeof v === 'object' ? { error: v.error } : v;
            expect({ cell: `${c.sheet}!${row + i},${col + j}`, value: got ?? null }).toEqual({
              cell: `${c.sheet}!${row + i},${col + j}`,
              value: want,
            });
            checked++;
          }),
        );
      }
      expect(checked).toBeGreaterThan(crm3.length);
      // Spilled cells the file did not have take their anchor's format.
      const original = await openXlsxPackage(input, 'in.xlsx');
      if (!original.ok) throw new Error(original.reason.message.en);
      let styled = 0;
      for (const anchor of crm3.filter((c) => (c.spill?.length ?? 0) > 1)) {
        const sheet = original.pkg.sheets.find((s) => s.name === anchor.sheet)!;
        const before = new Map((await original.pkg.cells(sheet)).map((c) => [`${c.row},${c.col}`, c.style]));
        const after = new Map(
          (await opened.pkg.cells(opened.pkg.sheets.find((s) => s.name === anchor.sheet)!)).map((c) => [
            `${c.row},${c.col}`,
            c.style,
          ]),
        );
        const m = /^([A-Z]+)(\d+)$/.exec(anchor.cell)!;
        const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
        const below = `${Number(m[2]) + 1},${col}`;
        const own = before.get(`${Number(m[2])},${col}`);
        if (own === undefined || before.has(below)) continue;
        expect(after.get(below)).toBe(own);
        styled++;
      }
      expect(styled).toBeGreaterThan(0);
    },
    120_000,
  );
});

test('the note lists runs of cells down a column as ranges', () => {
  expect(
    asRanges(['Accounts!P2', 'Accounts!Q2', 'Accounts!P3', 'Accounts!Q3', 'Accounts!P5', "'Tier summary'!C5", 'Accounts!AA2']),
  ).toEqual(['Accounts!P2:P3', 'Accounts!P5', 'Accounts!Q2:Q3', 'Accounts!AA2', "'Tier summary'!C5"]);
});

describe('bad input', () => {
  test.each([
    ['empty', new Uint8Array(0)],
    ['not a workbook', new TextEncoder().encode('<html>not a workbook</html>')],
    ['cut off', excelSavedWorkbook().slice(0, 500)],
  ])('%s: a clear failure, no exception', async (_label, bytes) => {
    const r = await makeClientCopy(bytes, 'bad.xlsx', { locale: 'zh-CN', when: WHEN });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.message.en).toContain('bad.xlsx');
      expect(r.reason.message.zh).toContain('bad.xlsx');
    }
  });
});

describe('crm3 client-copy', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) } };
  };

  test('writes the copy and leaves the input as it was', async () => {
    const dir = tempDir('crm3-client-');
    try {
      const input = path.join(dir.dir, 'in.xlsx');
      fs.writeFileSync(input, excelSavedWorkbook());
      const before = fs.readFileSync(input).toString('base64');
      const out = path.join(dir.dir, 'out', 'client.xlsx');
      const o = io();
      expect(await main(['client-copy', input, '--out', out, '--lang', 'zh-CN'], o.io)).toBe(0);
      expect(o.out.join('')).toContain('4 个 CRM3 公式单元格');
      expect(fs.readFileSync(input).toString('base64')).toBe(before);
      const copy = await makeClientCopy(fs.readFileSync(out), 'client.xlsx', { locale: 'zh-CN', when: WHEN });
      expect(copy.ok && copy.noteSheet).toBe('关于此副本 (2)');
    } finally {
      dir.cleanup();
    }
  });

  test('usage errors and unreadable files exit with 2 and say why', async () => {
    const o = io();
    expect(await main(['client-copy', 'in.xlsx', '--lang', 'en-US'], o.io)).toBe(2);
    expect(o.err.join('')).toContain('--out <out.xlsx> is required');
    const p = io();
    expect(await main(['client-copy', '/no/such/file.xlsx', '--out', '/tmp/x.xlsx', '--lang', 'en-US'], p.io)).toBe(2);
    expect(p.err.join('')).toContain('File not found');
    const q = io();
    expect(await main(['client-copy', 'a.xlsx', '--out', 'a.xlsx', '--lang', 'en-US'], q.io)).toBe(2);
    expect(q.err.join('')).toContain('never writes over its input');
  });
});
