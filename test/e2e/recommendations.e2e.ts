/**
 * The pane's "Download recommendations report" (issue #17), en and zh: the Word document the
 * browser makes (engine data from the worker, pictures drawn with the canvas, layout by
 * io/report) says exactly what `crm3 report` writes for the same workbook and date, its
 * pictures are real PNGs of the right size, and it passes the output check.
 * Build first: `CRM3_DIST=/tmp/dist-x npx webpack --mode production`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { makeReport } from '../../src/cli/report';
import { Locale } from '../../src/core/i18n';
import { checkDocxBytes } from '../../src/io/outputBytes';
import { generateSample } from '../../src/model/sample';
import { SAMPLE_FILE } from '../../src/taskpane/webMode/webHost';
import { WebMode, startWebMode, waitForDashboard } from './support/webServer';

let web: WebMode;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-e2e-rec-'));

beforeAll(async () => {
  web = await startWebMode();
});
afterAll(async () => {
  await web?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  expect(web.externalRequests).toEqual([]);
  expect(web.pageErrors).toEqual([]);
});

/** PNG width and height from its IHDR chunk (bytes 16–23). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...png.slice(0, 8)]).toEqual(signature);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

test.each<[Locale]>([['en-US'], ['zh-CN']])(
  '%s: the downloaded report is the one crm3 report writes',
  async (locale) => {
    const page = await web.open(`?lang=${locale}`);
    await waitForDashboard(page);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.click('[data-testid="download-recommendations"]'),
    ]);
    expect(await page.locator('[data-testid="pane-error"]').allTextContents()).toEqual([]);
    expect(download.suggestedFilename()).toBe(`crm3-sample.${locale}.recommendations.${locale}.docx`);
    const file = path.join(tmp, `report.${locale}.docx`);
    await download.saveAs(file);
    const bytes = new Uint8Array(fs.readFileSync(file));
    expect(await checkDocxBytes(bytes, file)).toBeUndefined();

    // The command line's report of the same workbook (web mode's sample), made the same day.
    const cli = await makeReport(generateSample({ locale }), SAMPLE_FILE[locale], { locale, scopes: [] });
    const [fromPane, fromCli] = await Promise.all([JSZip.loadAsync(bytes), JSZip.loadAsync(cli.bytes)]);
    // Paragraph by paragraph, so a difference shows where it is. The docx library numbers
    // drawings with a counter that lives as long as its module (this process made the en
    // report first), so a drawing's id is the one thing allowed to differ.
    const paragraphs = async (zip: JSZip) =>
      (await zip.file('word/document.xml')!.async('string')).replace(/<wp:docPr id="\d+"/g, '<wp:docPr').split('</w:p>');
    expect(await paragraphs(fromPane)).toEqual(await paragraphs(fromCli));

    // The same pictures, drawn by the browser: PNGs at twice the picture's size, as resvg makes them.
    const media = (zip: JSZip) =>
      Object.keys(zip.files)
        .filter((n) => n.startsWith('word/media/'))
        .sort();
    expect(media(fromPane)).toEqual(media(fromCli));
    expect(media(fromPane).length).toBeGreaterThanOrEqual(3);
    for (const name of media(fromPane)) {
      const [a, b] = await Promise.all([fromPane, fromCli].map((z) => z.file(name)!.async('uint8array')));
      expect(pngSize(a)).toEqual(pngSize(b));
      expect(a.length).toBeGreaterThan(2000);
    }
    await page.context().close();
  },
  240_000,
);
