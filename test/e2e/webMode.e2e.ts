/**
 * Web mode smoke test: the built web page (index.html) opens in Chromium without Excel and
 * without office.js, starts on the dashboard, and its function reference lists the whole
 * catalog in English and Chinese. Office's page (taskpane.html, office.js in <head>) opened in
 * a browser whose network is cut starts in web mode too, after office.js fails. Run by `npm run test:e2e` (part of `npm test`); needs /usr/bin/chromium.
 */
import { catalog } from '../../src/functions/catalog';
import { WebMode, reloadAfter, startWebMode, waitForDashboard } from './support/webServer';

let web: WebMode;
beforeAll(async () => {
  web = await startWebMode();
});
afterAll(async () => {
  await web?.close();
});

test('web mode starts without Excel and shows the CRM3 catalog in English and Chinese', async () => {
  const page = await web.open('?lang=en-US');
  await waitForDashboard(page);
  expect(await page.textContent('[data-testid="mode"]')).toContain('Web mode');
  await page.selectOption('[data-testid="view-picker"]', 'functions');
  await page.waitForSelector('[data-function-id="WINRATE"]');
  expect(await page.locator('[data-function-id]').count()).toBe(catalog.length);
  await reloadAfter(page, () => page.getByRole('button', { name: '中文' }).click());
  await page.waitForSelector('text=CRM3 函数');
  expect(await page.textContent('[data-function-id="WINRATE"]')).toMatch(/赢率/);
  expect(web.pageErrors).toEqual([]);
  // office.js is fetched only inside Office.
  expect(web.externalRequests).toEqual([]);
  await page.context().close();
});

test('web mode’s first frame: drawn by index.html in the page’s language before the entry runs, then replaced by the pane', async () => {
  for (const [lang, shown, hidden] of [
    ['zh-CN', 'CRM3 大客户销售', 'CRM3 for Excel'],
    ['en-US', 'CRM3 for Excel', 'CRM3 大客户销售'],
  ]) {
    const context = await web.browser.newContext({ viewport: { width: 320, height: 700 } });
    // The entry held back: what shows meanwhile is index.html's own frame (webMode/firstFrame.tsx).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route('**/taskpane.js', async (route) => (await held, route.continue()));
    const page = await context.newPage();
    page.on('pageerror', (e) => web.pageErrors.push(e.message));
    // Not until 'load' (nor DOMContentLoaded): both wait for the deferred entry held back.
    await page.goto(`${web.base}/index.html?lang=${lang}`, { waitUntil: 'commit' });
    await page.getByText(shown).waitFor();
    expect(await page.getByText(hidden).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    // Only the frame so far: no live control.
    expect(await page.locator('[data-testid="view-picker"]').count()).toBe(0);
    expect(await page.locator('.crm3-first-frame').count()).toBe(2);
    release();
    await waitForDashboard(page);
    expect(await page.locator('.crm3-first-frame').count()).toBe(0);
    expect(await page.getByText(shown).first().isVisible()).toBe(true);
    await context.close();
  }
  expect(web.pageErrors).toEqual([]);
});

test('Office’s page with office.js in <head> and the CDN unreachable starts in web mode, no hang', async () => {
  const blocked: string[] = [];
  const page = await web.open('?lang=en-US', { page: 'taskpane.html' });
  expect(await page.locator('head script[src*="appsforoffice.microsoft.com"]').count()).toBe(1);
  // The request for office.js was attempted (and cut: the test browser reaches only this machine).
  blocked.push(...web.externalRequests.filter((u) => u.includes('appsforoffice.microsoft.com')));
  await waitForDashboard(page);
  expect(await page.textContent('[data-testid="mode"]')).toContain('Web mode');
  expect(blocked.length).toBeGreaterThan(0);
  web.externalRequests.length = 0;
  await page.context().close();
});
