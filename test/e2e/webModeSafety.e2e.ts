/**
 * Web mode never shows one workbook's numbers under another's name (issue #12, finding 5):
 * opening a new file clears the old results at once; a file that cannot be opened leaves an
 * error that names it (in the pane's language) and nothing to download; a long load can be
 * cancelled, after which nothing is shown and the next file opens normally. Also: a long
 * stage name keeps the what-if editor within a 320 px pane.
 * Build first: CRM3_DIST=/tmp/dist-x npx webpack --mode production.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import { WebMode, reloadAfter, screenshot, seriousViolations, startWebMode, waitForDashboard } from './support/webServer';

jest.setTimeout(240_000);

let web: WebMode;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-webmode-'));
const good = path.join(dir, 'good-80.xlsx');
const broken = path.join(dir, 'broken.xlsx');
const large = path.join(dir, 'large-20000.xlsx');

beforeAll(async () => {
  web = await startWebMode();
  const bytes = await writeWorkbook(generateSample({ size: 80, seed: 5 }), { locale: 'en-US' });
  fs.writeFileSync(good, bytes);
  // A real workbook cut short: the zip's directory is gone, as after an interrupted download.
  fs.writeFileSync(broken, Buffer.from(bytes).subarray(0, Math.floor(bytes.length / 2)));
  fs.writeFileSync(large, await writeWorkbook(generateSample({ size: 20000, seed: 9 }), { locale: 'en-US' }));
});
afterAll(async () => {
  await web?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(web.pageErrors).toEqual([]);
  web.pageErrors.length = 0;
});

const indicators = (page: Page) => page.locator('[data-indicator-id]').count();
const state = (page: Page) => page.getAttribute('main', 'data-state');

for (const locale of ['en-US', 'zh-CN'] as const) {
  test(`a broken .xlsx after a good one (${locale}): no old numbers, the error names the file, nothing to download`, async () => {
    const page = await web.open(`?lang=${locale}`);
    await waitForDashboard(page);
    await reloadAfter(page, () => page.setInputFiles('[data-testid="open-file"]', good));
    expect(await indicators(page)).toBe(40);
    expect(await page.isEnabled('[data-testid="download-report"]')).toBe(true);

    await page.setInputFiles('[data-testid="open-file"]', broken);
    await page.waitForSelector('main[data-state="failed"]');
    expect(await indicators(page)).toBe(0);
    expect(await page.textContent('[data-testid="file-name"]')).toContain('broken.xlsx');
    const error = (await page.textContent('[data-testid="pane-error"]'))!;
    expect(error).toContain('broken.xlsx');
    if (locale === 'zh-CN') expect(error).toMatch(/无法打开 broken\.xlsx，因此不显示任何数值。/);
    else expect(error).toMatch(/broken\.xlsx could not be opened, so no numbers are shown\./);
    expect(await page.isDisabled('[data-testid="download-report"]')).toBe(true);
    expect(await page.isDisabled('[data-testid="download-client-copy"]')).toBe(true);
    await screenshot(page, `broken-file-320-${locale === 'zh-CN' ? 'zh' : 'en'}`, false);
    // Nothing of the good workbook is left in any view either.
    await page.selectOption('[data-testid="view-picker"]', 'tiering');
    expect(await page.locator('[data-view="tiering"]').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // The next good file opens normally.
    await reloadAfter(page, () => page.setInputFiles('[data-testid="open-file"]', good));
    await page.selectOption('[data-testid="view-picker"]', 'dashboard');
    await waitForDashboard(page);
    expect(await page.locator('[data-testid="pane-error"]').count()).toBe(0);
    await page.context().close();
  });
}

test('opening a large file clears the old numbers at once, and the load can be cancelled', async () => {
  const page = await web.open('?lang=en-US');
  await waitForDashboard(page);
  await page.setInputFiles('[data-testid="open-file"]', large);
  // At once: the sample's numbers are gone while the new file is read and computed.
  await page.waitForSelector('main[data-state="loading"]');
  expect(await indicators(page)).toBe(0);
  expect(await page.textContent('[data-testid="file-name"]')).toContain('large-20000.xlsx');
  expect(await page.isDisabled('[data-testid="download-report"]')).toBe(true);
  await page.click('[data-testid="cancel-load"]');
  await page.waitForSelector('main[data-state="cancelled"]');
  expect(await page.textContent('[data-testid="pane-cancelled"]')).toContain('Loading large-20000.xlsx was cancelled');
  expect(await indicators(page)).toBe(0);
  expect(await page.isDisabled('[data-testid="download-report"]')).toBe(true);
  // The engine was stopped and started afresh: a late answer of the cancelled load shows nothing…
  await page.waitForTimeout(2000);
  expect(await state(page)).toBe('cancelled');
  expect(await indicators(page)).toBe(0);
  // …and the next file opens in the new engine.
  await reloadAfter(page, () => page.setInputFiles('[data-testid="open-file"]', good));
  expect(await indicators(page)).toBe(40);
  expect(await page.isEnabled('[data-testid="download-report"]')).toBe(true);
  await page.context().close();
});

const LONG_STAGES = [
  ['zh-CN', '方案设计与技术验证及商务谈判准备阶段（含客户内部多部门联合评审与预算审批流程）'],
  ['en-US', 'Negotiation_and_contract_review_with_procurement_legal_and_finance_departments'],
] as const;

test.each(LONG_STAGES)('a long stage name stays inside the what-if editor at 320 px (%s)', async (locale, long) => {
  const snapshot = generateSample({ size: 60, seed: 6, locale });
  const stages = snapshot.config.Stages!;
  const s = stages.headers.indexOf('Stage');
  const old = String(stages.rows[2][s]);
  stages.rows[2][s] = long;
  const events = snapshot.config.StageEvents!;
  for (const r of events.rows) if (r[events.headers.indexOf('Stage')] === old) r[events.headers.indexOf('Stage')] = long;
  const opps = snapshot.tables.Opportunities!;
  const st = opps.headers.indexOf('Stage');
  for (const r of opps.rows) if (r[st] === old) r[st] = long;
  const row = opps.rows.findIndex((r) => r[st] === long);
  expect(row).toBeGreaterThanOrEqual(0);
  const file = path.join(dir, `long-stage.${locale}.xlsx`);
  fs.writeFileSync(file, await writeWorkbook(snapshot, { locale }));

  const page = await web.open(`?lang=${locale}`, { viewport: { width: 320, height: 900 } });
  await waitForDashboard(page);
  await reloadAfter(page, () => page.setInputFiles('[data-testid="open-file"]', file));
  await page.selectOption('[data-testid="view-picker"]', 'whatIf');
  await page.waitForSelector('[data-view="whatIf"]');
  const oppId = String(opps.rows[row][opps.headers.indexOf('OppId')]);
  const box = page.locator('[data-testid="opportunity-picker"]');
  await box.click();
  await box.fill(oppId);
  await page.getByRole('option', { name: new RegExp(`^${oppId} `) }).click();
  const stage = page.locator('[data-testid="whatif-stage"]');
  await stage.waitFor();
  // The whole name is there (on hover), shown on one line: the editor keeps its shape.
  expect(await stage.locator('[title]').getAttribute('title')).toBe(long);
  const status = await page.locator('[data-testid="whatif-status"]').boundingBox();
  const shown = await stage.boundingBox();
  expect(Math.round(shown!.height)).toBe(Math.round(status!.height));
  expect(shown!.x + shown!.width).toBeLessThanOrEqual(320);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBe(0);
  await screenshot(page, `whatif-long-stage-320-${locale === 'zh-CN' ? 'zh' : 'en'}`, false);
  // The open list shows the name whole, within the pane.
  await stage.click();
  await page.getByRole('option', { name: long }).waitFor();
  const widest = await page.evaluate(() =>
    Math.max(...[...document.querySelectorAll('[role="option"]')].map((o) => o.getBoundingClientRect().right)),
  );
  expect(widest).toBeLessThanOrEqual(320);
  expect(await overflow()).toBe(0);
  await screenshot(page, `whatif-long-stage-open-320-${locale === 'zh-CN' ? 'zh' : 'en'}`, false);
  await page.context().close();
});
