/**
 * Shared setup of the browser tests: a static server over the production build (CRM3_DIST,
 * default dist/) and Debian's Chromium through playwright-core. Every request that leaves the
 * local server is recorded, so a test can assert that web mode fetches nothing from outside.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { chromium, Browser, BrowserContextOptions, Page } from 'playwright-core';

export const ROOT = path.join(__dirname, '..', '..', '..');
// CRM3_DIST lets parallel builds use their own folder (the default is dist/).
export const DIST = path.resolve(process.env.CRM3_DIST ?? path.join(ROOT, 'dist'));
export const SCREENS = path.join(ROOT, 'bench', 'out', 'screens');
const AXE_PATH = '/__e2e__/axe.min.js';

/**
 * Chromium through chromium.sh, which merges the launcher's --disable-features with ours (Chromium
 * applies only the last one); the browser itself is CHROMIUM_PATH, else /usr/bin/chromium.
 */
const CHROMIUM = path.join(__dirname, 'chromium.sh');

/**
 * What Chromium 156 builds for every new window, each page here being a fresh context in its own
 * window: the address bar's popups (WebUI pages in a renderer of their own, about 1.1 s of CPU per
 * window, loaded while the page loads). A person opening web mode in a browser has them already;
 * on this machine's two cores they took that time from the page measured (issue #15, web mode's
 * first indicator), and Puppeteer turns them off by default too. CRM3_OMNIBOX_POPUP=1 keeps them.
 */
const NEW_WINDOW_UI = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface WebMode {
  base: string;
  browser: Browser;
  /** URLs requested outside the local server, by any page opened through `open`. */
  externalRequests: string[];
  /** Uncaught page errors. */
  pageErrors: string[];
  /**
   * Opens a page of the build: index.html (web mode) unless `options.page` says taskpane.html (Office's page).
   * `options.init` runs in the page before any of its own scripts (Playwright's addInitScript).
   * `options.cut: false` leaves the page's requests alone instead of passing each through this
   * process to cut the external ones (they are still recorded): the bench times the page as a
   * browser loads it, without a round trip to the test process per request.
   */
  open(query: string, options?: BrowserContextOptions & { page?: string; init?: () => void; cut?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/** Serves the build in `dist` (default CRM3_DIST, else dist/); the bench compares two builds this way. */
export async function startWebMode(dist = DIST): Promise<WebMode> {
  const served = path.resolve(dist);
  if (!fs.existsSync(path.join(served, 'index.html')))
    throw new Error(
      `${served}/index.html is missing: run \`npm run build\` (or CRM3_DIST=… npx webpack --mode production) first`,
    );
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    // axe-core for the accessibility checks, served from the same origin: the pane's CSP allows only 'self'.
    if (pathname === AXE_PATH) {
      res
        .writeHead(200, { 'content-type': 'text/javascript' })
        .end(fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js')));
      return;
    }
    const file = path.join(served, pathname);
    if (!file.startsWith(served) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      ...(process.env.CRM3_OMNIBOX_POPUP === '1' ? [] : [`--disable-features=${NEW_WINDOW_UI.join(',')}`]),
    ],
  });
  const externalRequests: string[] = [];
  const pageErrors: string[] = [];
  return {
    base,
    browser,
    externalRequests,
    pageErrors,
    async open(query, options) {
      const { page: _page, init, cut = true, ...contextOptions } = options ?? {};
      const context = await browser.newContext({
        viewport: { width: 320, height: 900 },
        acceptDownloads: true,
        ...contextOptions,
      });
      // Nothing leaves this machine: every request elsewhere is cut (and recorded below).
      if (cut)
        await context.route('**/*', (route) => {
          const url = route.request().url();
          return url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:') ? route.continue() : route.abort();
        });
      if (init) await context.addInitScript(init);
      const page = await context.newPage();
      page.on('request', (r) => {
        if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:'))
          externalRequests.push(r.url());
      });
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(`${base}/${options?.page ?? 'index.html'}${query}`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Waits until the dashboard shows its indicators and no load is running (the engine worker has answered). */
export async function waitForDashboard(page: Page, count = 40): Promise<void> {
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-indicator-id]').length >= n &&
      !!document.querySelector('main[data-state="ready"]') &&
      !document.querySelector('[data-testid="dashboard"][data-complete="false"]'),
    count,
    { timeout: 60_000 },
  );
}

/** Runs axe-core (from node_modules) on the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: any[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Runs `action` and waits for the reload it causes to finish (the workbook version goes up, the dashboard whole). */
export async function reloadAfter(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = Number(await page.getAttribute('main', 'data-version'));
  await action();
  await page.waitForFunction(
    (v) =>
      Number(document.querySelector('main')?.getAttribute('data-version')) > v &&
      !!document.querySelector('main[data-state="ready"]') &&
      // The dashboard paints its first cards first; the rest follow at once (DashboardView).
      !document.querySelector('[data-testid="dashboard"][data-complete="false"]'),
    before,
    { timeout: 60_000 },
  );
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage });
}

/** Widest element beyond the viewport, if any (a pane must never scroll sideways). */
export async function overflow(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return undefined;
    const wide = [...document.querySelectorAll('body *')].find((e) => e.getBoundingClientRect().right > width + 1);
    return wide ? `${wide.tagName}.${wide.className} ${Math.round(wide.getBoundingClientRect().right)} > ${width}` : 'page';
  });
}
