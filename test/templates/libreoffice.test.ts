/**
 * The 8 built templates (and one client copy) open in LibreOffice: each converts to a
 * non-empty PDF with `soffice --headless`. A file LibreOffice cannot read does not convert.
 * Skipped, with a message saying how to install it, where LibreOffice is absent (CI has it).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { makeClientCopy } from '../../src/io/clientCopy';
import { templateFileName } from '../../src/templates/build';
import { TEMPLATE_CASES, built } from './builtTemplates';

function findSoffice(): string | undefined {
  for (const name of ['soffice', 'libreoffice']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return undefined;
}

const soffice = findSoffice();
if (!soffice) {
  console.warn(
    'LibreOffice (soffice) is not installed: skipping the template PDF conversion test. Install it with\n' +
      '  sudo apt-get install -y libreoffice-calc-nogui\n' +
      'and run this test again (CI installs it).',
  );
}
const run = soffice ? describe : describe.skip;

run('templates open in LibreOffice', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-lo-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('every template × locale and a client copy convert to a non-empty PDF', async () => {
    const files: string[] = [];
    for (const { id, locale } of TEMPLATE_CASES) {
      const file = path.join(dir, templateFileName(id, locale));
      fs.writeFileSync(file, await built(id, locale, false));
      files.push(file);
    }
    const copy = await makeClientCopy(await built('portfolio-tiering', 'zh-CN', true), 'portfolio.xlsx', {
      locale: 'zh-CN',
      when: new Date(Date.UTC(2026, 10, 26)),
    });
    if (!copy.ok) throw new Error(copy.reason.message.en);
    const copyFile = path.join(dir, 'client-copy.zh-CN.xlsx');
    fs.writeFileSync(copyFile, copy.bytes);
    files.push(copyFile);

    // A private profile: parallel runs (and a user's open LibreOffice) do not clash.
    const profile = `file://${path.join(dir, 'profile')}`;
    execFileSync(soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], {
      stdio: 'pipe',
      timeout: 300_000,
    });
    const report = files.map((f) => {
      const pdf = f.replace(/\.xlsx$/, '.pdf');
      const bytes = fs.existsSync(pdf) ? fs.readFileSync(pdf) : undefined;
      return { file: path.basename(f), pdf: !!bytes && bytes.length > 1000 && bytes.subarray(0, 5).toString() === '%PDF-' };
    });
    expect(report).toEqual(files.map((f) => ({ file: path.basename(f), pdf: true })));
  }, 360_000);
});
