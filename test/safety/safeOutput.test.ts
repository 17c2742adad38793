/**
 * The one output path (src/io/safeOutput.ts, issue #12 findings 1, 2 and 9): no command
 * ever writes onto its input — same path, ./path, symbolic link, hard link, a name that
 * differs only in case on a file system that ignores case — and a write is atomic: kill -9
 * in the middle of it, or a full disk, leaves the previous file exactly as it was.
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Io, main } from '../../src/cli/main';
import { refuseInputs, writeOutput } from '../../src/io/safeOutput';
import { sha256, tempDir, writeZip } from '../io/zipCraft';
import { sampleBytes } from './hostileFiles';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/crm3.js');

async function crm3(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(argv, io);
  return { code, out, err };
}

const tmp = tempDir('crm3-out-');
afterAll(() => tmp.cleanup());

let input: string;
let inputHash: string;
beforeAll(async () => {
  input = tmp.file('plan.xlsx', await sampleBytes());
  inputHash = sha256(input);
});

/** Every way of naming the input again. */
function aliases(): { how: string; out: string }[] {
  const sym = path.join(tmp.dir, 'link-to-plan.xlsx');
  const hard = path.join(tmp.dir, 'hard-plan.xlsx');
  if (!fs.existsSync(sym)) fs.symlinkSync(input, sym);
  if (!fs.existsSync(hard)) fs.linkSync(input, hard);
  const linkedDir = path.join(tmp.dir, 'linked-folder');
  if (!fs.existsSync(linkedDir)) fs.symlinkSync(tmp.dir, linkedDir);
  return [
    { how: 'the same path', out: input },
    { how: './relative', out: `./${path.relative(process.cwd(), input)}` },
    { how: 'a dotted path', out: path.join(tmp.dir, '.', 'sub', '..', 'plan.xlsx') },
    { how: 'a symbolic link', out: sym },
    { how: 'a hard link', out: hard },
    { how: 'a linked folder', out: path.join(linkedDir, 'plan.xlsx') },
  ];
}

describe('no output lands on an input', () => {
  test.each(['evaluate', 'client-copy'])(
    '%s --out naming the input in every way is refused, the input unchanged',
    async (cmd) => {
      for (const { how, out } of aliases()) {
        const argv =
          cmd === 'evaluate' ? ['evaluate', input, '--out', out, '--as-of', '2026-11-26'] : ['client-copy', input, '--out', out];
        const r = await crm3(...argv);
        expect({ how, code: r.code }).toEqual({ how, code: 2 });
        expect(r.err).toMatch(/never writes over its input/);
        expect(sha256(input)).toBe(inputHash);
      }
    },
  );

  test('a folder run refuses an --out that is one of the folder’s workbooks', async () => {
    const folder = path.join(tmp.dir, 'folder');
    fs.mkdirSync(folder, { recursive: true });
    const a = path.join(folder, 'a.xlsx');
    const b = path.join(folder, 'b.xlsx');
    fs.copyFileSync(input, a);
    fs.copyFileSync(input, b);
    const r = await crm3('evaluate', folder, '--out', b);
    expect(r.code).toBe(2);
    expect(r.err).toContain(b);
    expect(sha256(b)).toBe(inputHash);
    expect(sha256(a)).toBe(inputHash);
  });

  test('the zh message says the same', async () => {
    const r = await crm3('client-copy', input, '--out', input, '--lang', 'zh-CN');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/从不覆盖输入文件/);
  });

  test('a name differing only in case is refused where the file system ignores case (simulated), allowed where it does not', async () => {
    const upper = path.join(tmp.dir, 'PLAN.XLSX');
    const bytes = await sampleBytes();
    const insensitive = await writeOutput(upper, bytes, { inputs: [input], caseInsensitive: async () => true });
    expect(insensitive.ok).toBe(false);
    if (!insensitive.ok) expect(insensitive.reason.code).toBe('is-input');
    expect(fs.existsSync(upper)).toBe(false);
    expect(sha256(input)).toBe(inputHash);

    // This file system (Linux) tells case apart: the probe says so, and PLAN.XLSX is another file.
    const sensitive = await writeOutput(upper, bytes, { inputs: [input] });
    expect(sensitive.ok).toBe(true);
    expect(sha256(input)).toBe(inputHash);
    fs.unlinkSync(upper);
  });

  test('a link that points elsewhere is written through to its real file, the link kept', async () => {
    const target = path.join(tmp.dir, 'report-target.xlsx');
    const link = path.join(tmp.dir, 'report-link.xlsx');
    fs.writeFileSync(target, 'old');
    fs.symlinkSync(target, link);
    const r = await crm3('evaluate', input, '--out', link, '--as-of', '2026-11-26');
    expect(r.code).toBeLessThan(2);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target).subarray(0, 2).toString()).toBe('PK');
    expect(sha256(input)).toBe(inputHash);
  });

  test('a folder as --out is refused with a message', async () => {
    const r = await refuseInputs(tmp.dir, { inputs: [input] });
    expect(r?.code).toBe('is-folder');
  });

  test('a .docx is written only when it opens: zip, content types and a well-formed word/document.xml', async () => {
    const types =
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
    const doc = (body: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
    const good = writeZip([
      { name: '[Content_Types].xml', data: types },
      { name: 'word/document.xml', data: doc('<w:p><w:r><w:t>Hi</w:t></w:r></w:p>') },
    ]).bytes;
    const cases: [string, Uint8Array, RegExp][] = [
      ['not a zip', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), /failed its own check/],
      ['no main document', writeZip([{ name: '[Content_Types].xml', data: types }]).bytes, /no word\/document\.xml/],
      [
        'a broken main document',
        writeZip([
          { name: '[Content_Types].xml', data: types },
          { name: 'word/document.xml', data: doc('<w:p><w:r><w:t>Hi</w:r></w:p>') },
        ]).bytes,
        /word\/document\.xml: <w:t> is not closed before <\/w:r>/,
      ],
      [
        'content types without the document',
        writeZip([
          { name: '[Content_Types].xml', data: types.replace(/<Override[^>]*>/, '') },
          { name: 'word/document.xml', data: doc('') },
        ]).bytes,
        /does not declare the main document/,
      ],
    ];
    for (const [how, bytes, message] of cases) {
      const out = path.join(tmp.dir, `broken-${how.replace(/ /g, '-')}.docx`);
      const r = await writeOutput(out, bytes);
      expect([how, r.ok]).toEqual([how, false]);
      if (!r.ok) expect(r.reason.message.en).toMatch(message);
      // Said in both languages (a fault once printed as [object Object]).
      if (!r.ok) expect(r.reason.message.zh).not.toMatch(/object Object|is not closed/);
      expect(fs.existsSync(out)).toBe(false);
    }
    const out = path.join(tmp.dir, 'good.docx');
    expect((await writeOutput(out, good)).ok).toBe(true);
    expect(fs.readFileSync(out)).toEqual(Buffer.from(good));
  });

  test('bytes that are not a sound workbook are never written', async () => {
    const out = path.join(tmp.dir, 'broken.xlsx');
    const r = await writeOutput(out, new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]));
    expect(r.ok).toBe(false);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('writes are atomic', () => {
  test('kill -9 in the middle of writing leaves the previous file intact', async () => {
    const out = path.join(tmp.dir, 'kill.xlsx');
    fs.copyFileSync(input, out);
    const before = sha256(out);
    // A big sample takes a while to write; the temporary file beside the target shows the write began.
    const child = spawn(process.execPath, [BIN, 'sample', '--size', '30000', '--out', out], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let sawTemp = false;
    let running = true;
    void exited.then(() => (running = false));
    while (running && !sawTemp) {
      sawTemp = fs.readdirSync(tmp.dir).some((n) => n.startsWith('.kill.xlsx.') && n.endsWith('-crm3.tmp'));
      if (!sawTemp) await new Promise((r) => setTimeout(r, 1));
    }
    child.kill('SIGKILL');
    await exited;
    expect(sawTemp).toBe(true);
    expect(sha256(out)).toBe(before);
  }, 120_000);

  describe('a full disk', () => {
    const mountPoint = path.join(tmp.dir, 'small-disk');
    let mounted = false;
    beforeAll(() => {
      fs.mkdirSync(mountPoint, { recursive: true });
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', mountPoint], { stdio: 'pipe' });
        mounted = true;
      } catch (e) {
        console.warn(
          `full-disk test skipped: cannot mount a small tmpfs here (${(e as Error).message.split('\n')[0]}); run as root to include it`,
        );
      }
    });
    afterAll(() => {
      if (mounted) execFileSync('umount', [mountPoint]);
    });

    test('leaves the previous output intact and says so', async () => {
      if (!mounted) return;
      const out = path.join(mountPoint, 'sample.xlsx');
      let r = await crm3('sample', '--size', '5', '--out', out);
      expect(r.code).toBe(0);
      const before = sha256(out);
      r = await crm3('sample', '--size', '2000', '--out', out);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/no space left/);
      expect(r.err).toMatch(/previous file .* is unchanged/);
      expect(sha256(out)).toBe(before);
      // No temporary file is left behind to fill the disk.
      expect(fs.readdirSync(mountPoint)).toEqual(['sample.xlsx']);
    });
  });
});
