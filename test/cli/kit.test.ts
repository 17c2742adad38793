/**
 * `crm3 kit` (issue #17): the consultant's package — filled templates, their client copies,
 * the recommendations report and an index sheet — written through the one output path; and
 * the demo kit shipped in templates/demo/ is exactly what the kit code makes from the shipped
 * samples (`npm run demo-kit` regenerates it). The kit's workbooks pass the Excel conformance
 * check and re-open in openpyxl in test/conformance (they are registered in writtenFiles.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import { TEMPLATES } from '../../src/templates/catalog';
import { DEMO_LOCALES, DEMO_ROOT, demoKit } from '../../scripts/demoKit';

/** A package's parts and their contents: zip dates aside, two equal packages have equal parts. */
async function parts(bytes: Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) out[name] = await entry.async('base64');
  return out;
}

test.each(DEMO_LOCALES.map((l) => [l]))(
  'the shipped demo kit (%s) is what the kit code makes from the shipped sample (npm run demo-kit)',
  async (locale) => {
    const files = await demoKit(locale);
    const folder = path.join(DEMO_ROOT, locale);
    expect(fs.readdirSync(folder).sort()).toEqual(files.map((f) => f.name).sort());
    for (const f of files) {
      const shipped = await parts(fs.readFileSync(path.join(folder, f.name)));
      expect({ file: f.name, parts: shipped }).toEqual({ file: f.name, parts: await parts(f.bytes) });
    }
  },
  300_000,
);

describe('crm3 kit', () => {
  let dir: string;
  let input: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-kit-'));
    input = path.join(dir, 'book.xlsx');
    fs.writeFileSync(input, await writeWorkbook(generateSample({ size: 20, seed: 3, locale: 'zh-CN' }), { locale: 'zh-CN' }));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('writes templates, client copies, the report and the index, in zh', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const before = fs.readFileSync(input);
    const folder = path.join(dir, '资料包');
    const code = await main(['kit', input, '--out', folder, '--lang', 'zh-CN', '--client', '华东制造'], {
      out: (s) => void out.push(s),
      err: (s) => void err.push(s),
    });
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    const names = fs.readdirSync(folder).sort();
    // Each template and its client copy, the report and the index.
    expect(names).toHaveLength(2 * TEMPLATES.length + 2);
    expect(names.filter((n) => n.endsWith('（客户副本）.xlsx'))).toHaveLength(TEMPLATES.length);
    expect(names).toContain('商机评审.xlsx');
    expect(names).toContain('高阶建议报告.docx');
    expect(names).toContain('目录.xlsx');
    // The index lists every other file by name.
    const index = await JSZip.loadAsync(fs.readFileSync(path.join(folder, '目录.xlsx')));
    const strings = await index.file('xl/sharedStrings.xml')!.async('string');
    for (const n of names.filter((x) => x !== '目录.xlsx')) expect(strings).toContain(n);
    // A client copy holds no CRM3 call; the input is unchanged.
    const copy = await JSZip.loadAsync(fs.readFileSync(path.join(folder, '量化价值指标（客户副本）.xlsx')));
    for (const [name, e] of Object.entries(copy.files))
      if (name.startsWith('xl/worksheets/')) expect(await e.async('string')).not.toMatch(/<f[^>]*>[^<]*CRM3/);
    expect(fs.readFileSync(input)).toEqual(before);
  }, 300_000);

  test('bad usage and an unreadable input write nothing (exit 2)', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (s: string) => void err.push(s) };
    expect(await main(['kit', input], io)).toBe(2);
    expect(await main(['kit', path.join(dir, 'missing.xlsx'), '--out', path.join(dir, 'k2')], io)).toBe(2);
    expect(fs.existsSync(path.join(dir, 'k2'))).toBe(false);
    expect(err.join('')).toContain('missing.xlsx');
  }, 60_000);
});
