/**
 * The recommendations report (issue #17), en and zh: its chapters, tables and pictures are
 * there; every Red indicator has a finding whose numbers are the evaluated ones (formatted
 * here, independently of core/format); the zh report has no Latin words outside an allow list;
 * LibreOffice converts both to PDF; `crm3 report` writes through the one output path.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { makeReport } from '../../src/cli/report';
import { Locale } from '../../src/core/i18n';
import { EvaluationResult, evaluateWorkbook } from '../../src/engine/evaluate';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { takeSnapshot } from '../../src/io/takeSnapshot';
import { Status, canonical } from '../../src/core/enumerations';
import { generateSample } from '../../src/model/sample';
import { WorkbookSnapshot } from '../../src/model/snapshot';

const ASOF = 46352;

interface DocText {
  /** Paragraphs: their style and their text without formula runs. */
  paragraphs: { style: string; text: string }[];
  tables: string[];
  media: string[];
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** document.xml read with regular expressions: an independent look at what Word will show. */
async function readDocx(bytes: Uint8Array): Promise<DocText> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => {
    const p = m[0];
    const style = /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? '';
    const runs = [...p.matchAll(/<w:r>[\s\S]*?<\/w:r>|<w:r [\s\S]*?<\/w:r>/g)].map((r) => r[0]);
    const text = runs
      .filter((r) => !r.includes('w:val="Crm3Formula"'))
      .map((r) => [...r.matchAll(/<w:t(?: [^>]*)?>([\s\S]*?)<\/w:t>/g)].map((t) => unescape(t[1])).join(''))
      .join('');
    return { style, text };
  });
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
  const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
  return { paragraphs, tables, media };
}

let sample: Record<Locale, WorkbookSnapshot>;
let evaluated: Record<Locale, EvaluationResult>;
let bytes: Record<Locale, Uint8Array>;
let doc: Record<Locale, DocText>;

beforeAll(async () => {
  sample = { 'en-US': generateSample({ size: 20, seed: 7 }), 'zh-CN': generateSample({ size: 20, seed: 7, locale: 'zh-CN' }) };
  evaluated = {} as Record<Locale, EvaluationResult>;
  bytes = {} as Record<Locale, Uint8Array>;
  doc = {} as Record<Locale, DocText>;
  for (const locale of ['en-US', 'zh-CN'] as const) {
    evaluated[locale] = evaluateWorkbook(sample[locale], { file: 's.xlsx', asOf: ASOF, locale });
    const client = locale === 'zh-CN' ? '华东制造集团' : 'Acme Industrial';
    const made = await makeReport(sample[locale], 'sample.xlsx', { locale, scopes: [], client, asOf: ASOF });
    bytes[locale] = made.bytes;
    doc[locale] = await readDocx(made.bytes);
  }
}, 240_000);

const CHAPTERS: Record<Locale, string[]> = {
  'en-US': [
    '1. Executive summary',
    '2. Win skills',
    '3. Incubate and capture opportunities',
    '4. Relationships',
    '5. Project behaviour',
    '6. Portfolio and ABCD tiering',
    '7. Win characteristics',
    '8. Pipeline by stage',
    '9. Tier A accounts',
    '10. Appendix: the indicators defined',
  ],
  'zh-CN': [
    '一、执行摘要',
    '二、提升赢单技巧',
    '三、孵化捕捉商机',
    '四、提升关系',
    '五、掌握项目行为',
    '六、客户组合与 ABCD 分级',
    '七、赢单特征分析',
    '八、各阶段商机',
    '九、A 类客户',
    '十、附录：指标定义',
  ],
};

describe.each(['en-US', 'zh-CN'] as const)('%s report', (locale) => {
  test('chapters in order, the cover names the client, sections under each goal', () => {
    const d = doc[locale];
    expect(d.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(CHAPTERS[locale]);
    const all = d.paragraphs.map((p) => p.text).join('\n');
    expect(all).toContain(
      locale === 'zh-CN' ? '《华东制造集团营销管理高阶建议报告》' : 'Acme Industrial: Sales Management Recommendations Report',
    );
    const h2 = d.paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text);
    expect(h2).toContain(locale === 'zh-CN' ? '（二）发现的问题与改进建议' : '2.2 Findings and recommendations');
  });

  test('tables: all 40 indicators in the summary, one per goal, portfolio, win rates, losses, stages, Tier A', () => {
    const d = doc[locale];
    const rows = (t: string) => (t.match(/<w:tr[ >]/g) ?? []).length;
    expect(d.tables.length).toBe(1 + 4 + 1 + 5 + 1 + 1 + 1);
    expect(rows(d.tables[0])).toBe(41);
    const perGoal = d.tables.slice(1, 5).map((t) => rows(t) - 1);
    expect(perGoal.reduce((a, b) => a + b, 0)).toBe(40);
    expect(rows(d.tables[5])).toBe(5); // header + tiers A–D
  });

  test('three pictures (tier matrix, win rate by grade, pipeline), each a PNG', async () => {
    const zip = await JSZip.loadAsync(bytes[locale]);
    expect(doc[locale].media).toHaveLength(3);
    for (const m of doc[locale].media) {
      const png = await zip.file(m)!.async('uint8array');
      expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
  });

  test('every Red indicator has a finding stating its evaluated value', () => {
    const red = evaluated[locale].indicators.filter((i) => i.status === 'Red');
    expect(red.length).toBeGreaterThan(0);
    const shown = (v: number, unit: string) =>
      unit === 'ratio'
        ? `${(v * 100).toFixed(1)}%`
        : unit === 'number'
          ? v.toFixed(2)
          : unit === 'days'
            ? v.toFixed(1)
            : undefined;
    const sep = locale === 'zh-CN' ? '：' : ': ';
    for (const r of red) {
      const finding = doc[locale].paragraphs.find((p) => p.text.startsWith(`${r.name}${sep}`));
      expect(finding).toBeDefined();
      const v = shown(r.value as number, r.unit);
      if (v) expect(finding!.text).toContain(v);
      expect(finding!.text).toMatch(locale === 'zh-CN' ? /红灯。$/ : /Red\.$/);
    }
  });
});

test('the zh report has no Latin words outside the allow list (ids, CRM3 names, tier letters, the file name)', () => {
  const text = doc['zh-CN'].paragraphs.map((p) => p.text).join('\n');
  const ids = new Set(evaluated['zh-CN'].indicators.map((i) => i.id));
  const allowed = text
    .replace(/\bsample\.xlsx\b/g, '') // the source workbook's name, on the cover
    .replace(/\b[A-Z][A-Z0-9_]+\b/g, (w) => (ids.has(w) ? '' : w)) // indicator ids (WIN_RATE_COUNT)
    .replace(/\bExcel\b/g, '') // the product's name
    .replace(/\b[EQ]_[A-Za-z]+\b/g, '') // event and question ids
    .replace(/\bA\d{3}\b/g, '') // account ids
    .replace(/\bCRM3\b/g, '')
    .replace(/\bABCD\b/g, '')
    .replace(/\b[A-D]\b/g, ''); // tiers and grades
  const latin = allowed.match(/[A-Za-z]+/g) ?? [];
  expect(latin).toEqual([]);
  // Chinese number forms for amounts.
  expect(text).toMatch(/¥\d+(\.\d+)?万/);
});

test('zh declares East Asian fonts and the zh-CN language', async () => {
  const zip = await JSZip.loadAsync(bytes['zh-CN']);
  const styles = await zip.file('word/styles.xml')!.async('string');
  expect(styles).toMatch(/<w:rFonts [^>]*w:eastAsia="Microsoft YaHei"/);
  expect(styles).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
  expect(styles).toMatch(/<w:lang [^>]*w:val="zh-CN"/);
});

const soffice = ['soffice', 'libreoffice'].find((n) => spawnSync('sh', ['-c', `command -v ${n}`]).status === 0);
const pdftotext = spawnSync('sh', ['-c', 'command -v pdftotext']).status === 0;
if (!soffice || !pdftotext)
  console.warn(
    'LibreOffice Writer or pdftotext is missing: skipping the report PDF test (apt-get install libreoffice-writer-nogui poppler-utils).',
  );

(soffice && pdftotext ? test : test.skip)(
  'LibreOffice converts both reports to PDF with the chapters on the pages',
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-report-'));
    try {
      for (const locale of ['en-US', 'zh-CN'] as const) fs.writeFileSync(path.join(dir, `${locale}.docx`), bytes[locale]);
      const r = spawnSync(
        soffice!,
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          'en-US.docx',
          'zh-CN.docx',
        ],
        { cwd: dir, encoding: 'utf8', timeout: 180_000 },
      );
      expect(r.status).toBe(0);
      for (const locale of ['en-US', 'zh-CN'] as const) {
        const pdf = path.join(dir, `${locale}.pdf`);
        expect(fs.statSync(pdf).size).toBeGreaterThan(50_000);
        const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
        for (const chapter of CHAPTERS[locale]) expect(text.replace(/\s+/g, ' ')).toContain(chapter);
        const pages = (text.match(/\f/g) ?? []).length;
        expect(pages).toBeGreaterThanOrEqual(10);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  240_000,
);

describe('crm3 report', () => {
  let dir: string;
  let input: string;
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) } };
  };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-report-cli-'));
    input = path.join(dir, 'book.xlsx');
    fs.writeFileSync(input, await writeWorkbook(sample['en-US'], { locale: 'en-US' }));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('writes the report for a scope, in zh', async () => {
    const c = io();
    const out = path.join(dir, 'report.docx');
    const owner = String(sample['en-US'].tables.Accounts!.rows[0][sample['en-US'].tables.Accounts!.headers.indexOf('Owner')]);
    const code = await main(
      ['report', input, '--out', out, '--lang', 'zh-CN', '--scope', `owner=${owner}`, '--client', '华东'],
      c.io,
    );
    expect(c.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(c.out.join('')).toMatch(/^报告已写入 /);
    const d = await readDocx(fs.readFileSync(out));
    expect(d.paragraphs.some((p) => p.text === `范围：负责人 = ${owner}`)).toBe(true);
  }, 120_000);

  test('refuses to write onto its input, a scope no account has, and a wrong extension', async () => {
    const before = fs.readFileSync(input);
    let c = io();
    expect(
      await main(
        ['report', input, '--out', input.replace(/\.xlsx$/, '.docx').replace('book', 'x'), '--scope', 'owner=Nobody'],
        c.io,
      ),
    ).toBe(1);
    expect(c.err.join('')).toContain('Nobody');
    c = io();
    expect(await main(['report', input, '--out', path.join(dir, 'r.xlsx')], c.io)).toBe(2);
    expect(c.err.join('')).toContain('.docx');
    c = io();
    const link = path.join(dir, 'link.docx');
    fs.symlinkSync(input, link);
    expect(await main(['report', input, '--out', link], c.io)).toBe(2);
    expect(fs.readFileSync(input)).toEqual(before);
  }, 120_000);
});

describe.each(['en-US', 'zh-CN'] as const)('%s report of a workbook with history', (locale) => {
  /** The summary table's rows as cell texts. */
  const rowsOf = (table: string) =>
    [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
      [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) =>
        [...tc[0].matchAll(/<w:t(?: [^>]*)?>([\s\S]*?)<\/w:t>/g)].map((t) => unescape(t[1])).join(''),
      ),
    );

  test('the summary has "Δ since the last snapshot" (one deal grown by 100,000 since: OPEN_PIPE +100,000); a scoped report has none', async () => {
    const snapDay = ASOF - 14;
    const w0 = structuredClone(sample[locale]);
    const taken = await takeSnapshot(new Uint8Array(await writeWorkbook(w0, { locale })), 'w.xlsx', {
      asOf: snapDay,
      today: snapDay,
      label: 'Q4',
      locale,
      when: new Date(0),
    });
    if (taken.kind !== 'written') throw new Error(taken.kind);
    const read = await readWorkbookBuffer(taken.bytes, 'w.xlsx');
    if (!read.ok) throw new Error(read.reason.message.en);
    const w = read.snapshot;
    const o = w.tables.Opportunities!;
    const open = o.rows.findIndex((r) => canonical(Status, r[o.headers.indexOf('Status')]) === 'Open');
    const amount = o.headers.indexOf('Amount');
    o.rows[open][amount] = (o.rows[open][amount] as number) + 100_000;
    const made = await makeReport(w, 'w.xlsx', { locale, scopes: [], client: 'X', asOf: snapDay });
    const rows = rowsOf((await readDocx(made.bytes)).tables[0]);
    const iso = '2026-11-12';
    expect(rows[0]).toHaveLength(5);
    expect(rows[0][4]).toBe(locale === 'zh-CN' ? `较“${iso} Q4”变化` : `Δ since ${iso} Q4`);
    const name = (id: string) => evaluated[locale].indicators.find((i) => i.id === id)!.name;
    const row = (id: string) => rows.find((r) => r[0] === name(id))!;
    // The snapshot was taken before the deal grew: the open pipeline is up by exactly that.
    expect(row('OPEN_PIPE')[4]).toBe('+100,000');
    // A count that did not move: 0 change, no sign.
    expect(row('WIN_RATE_COUNT')[4]).toBe(locale === 'zh-CN' ? '0.0 个百分点' : '0.0 pp');

    const scoped = await makeReport(w, 'w.xlsx', {
      locale,
      scopes: [{ field: 'tier', value: 'A' }],
      client: 'X',
      asOf: snapDay,
    });
    expect(rowsOf((await readDocx(scoped.bytes)).tables[0])[0]).toHaveLength(4);
  }, 240_000);
});
