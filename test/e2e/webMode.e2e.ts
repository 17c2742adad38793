/**
 * Web mode smoke test: the built task pane (dist/taskpane.html) opens in Chromium without
 * Excel and without office.js, shows the catalog, and switches to Chinese.
 * Run by `npm run test:e2e` (part of `npm test`); needs /usr/bin/chromium.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { chromium, Browser } from 'playwright-core';
import { catalog } from '../../src/functions/catalog';

// CRM3_DIST lets parallel builds use their own folder (the default is dist/).
const dist = path.resolve(process.env.CRM3_DIST ?? path.join(__dirname, '..', '..', 'dist'));
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
};

let server: http.Server;
let browser: Browser;
let base = '';
const externalRequests: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(dist, 'taskpane.html')))
    throw new Error('dist/taskpane.html is missing: run `npm run build` first');
  server = http.createServer((req, res) => {
    const file = path.join(dist, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

test('web mode shows the CRM3 catalog without Excel, in English and Chinese', async () => {
  const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) externalRequests.push(r.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/taskpane.html?lang=en-US`);
  await page.waitForSelector('[data-function-id="WINRATE"]');
  expect(await page.textContent('[data-testid="mode"]')).toContain('Web mode');
  expect(await page.locator('[data-function-id]').count()).toBe(catalog.length);
  await page.getByRole('button', { name: '中文' }).click();
  await page.waitForSelector('text=CRM3 函数');
  expect(await page.textContent('[data-function-id="WINRATE"]')).toMatch(/赢率/);
  fs.mkdirSync(path.join(__dirname, '..', '..', 'bench', 'out'), { recursive: true });
  await page.screenshot({ path: path.join(__dirname, '..', '..', 'bench', 'out', 'webmode-320-zh.png') });
  expect(errors).toEqual([]);
  // office.js is fetched only inside Office.
  expect(externalRequests).toEqual([]);
});
