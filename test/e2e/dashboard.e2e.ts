/**
 * Web mode end to end (DESIGN.md §8): the built pane in Chromium, without Excel or office.js,
 * on the bundled sample. Expected numbers come from the independent CLI path (`crm3 evaluate
 * --json` on the shipped sample file, and evaluateWorkbook on files the tests write).
 * Build first: `CRM3_DIST=/tmp/dist-x npx webpack --mode production`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { EvaluationResult, evaluateWorkbook } from '../../src/engine/evaluate';
import { readWorkbookFile } from '../../src/io/readWorkbook';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import { ROOT, WebMode, reloadAfter, seriousViolations, startWebMode, waitForDashboard } from './support/webServer';

let web: WebMode;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-e2e-'));

beforeAll(async () => {
  web = await startWebMode();
});
afterAll(async () => {
  await web?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  // office.js and everything else is fetched only from the local server in web mode.
  expect(web.externalRequests).toEqual([]);
  expect(web.pageErrors).toEqual([]);
});

/** The value the pane shows for an indicator, as the raw number it carries. */
async function shown(page: Page, id: string): Promise<number> {
  return Number(await page.getAttribute(`[data-indicator-id="${id}"]`, 'data-value'));
}

async function evaluateFile(file: string, scopes?: { field: 'owner'; value: string }[]): Promise<EvaluationResult> {
  const read = await readWorkbookFile(file);
  if (!read.ok) throw new Error(read.reason.message.en);
  const asOf = read.snapshot.settings.AsOfDate as number;
  return evaluateWorkbook(read.snapshot, { file, asOf, locale: 'en-US', scopes });
}

const valueOf = (r: EvaluationResult, id: string) => r.indicators.find((i) => i.id === id)!.value as number;
const COMPARED = ['WIN_RATE_COUNT', 'OPEN_PIPE', 'AVG_WON_DEAL', 'STALE_RATE'];

test('the dashboard shows the 40 indicators of the sample, equal to `crm3 evaluate`', async () => {
  const cli = JSON.parse(
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'bin', 'crm3.js'), 'evaluate', path.join(ROOT, 'templates/samples/crm3-sample.en-US.xlsx'), '--json'],
      {
        encoding: 'utf8',
      },
    ),
  ) as EvaluationResult;
  const page = await web.open('?lang=en-US');
  await waitForDashboard(page);
  expect(await page.textContent('[data-testid="mode"]')).toContain('Web mode');
  expect(await page.locator('[data-indicator-id]').count()).toBe(40);
  // Every indicator shows a value (the sample fills all 40).
  const values = await page.locator('[data-testid="indicator-value"]').allTextContents();
  expect(values.filter((v) => v.trim() === '' || v.trim() === '—')).toEqual([]);
  for (const id of COMPARED) expect(await shown(page, id)).toBeCloseTo(valueOf(cli, id), 9);
  expect(await page.textContent('[data-indicator-id="WIN_RATE_COUNT"]')).toContain(
    `${(valueOf(cli, 'WIN_RATE_COUNT') * 100).toFixed(1)}%`,
  );
  // Grouped by the four goals, each traffic light with its word.
  expect(await page.locator('[data-goal]').count()).toBe(4);
  expect(await page.textContent('[data-indicator-id="WIN_RATE_COUNT"]')).toMatch(/Green|Amber|Red/);
  await page.waitForSelector('[data-testid="chart-win-rate"] canvas');
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
});

test('switching to Chinese translates the dashboard and keeps the numbers', async () => {
  const page = await web.open('?lang=en-US');
  await waitForDashboard(page);
  const before = await shown(page, 'OPEN_PIPE');
  await reloadAfter(page, () => page.getByRole('button', { name: '中文' }).click());
  await page.waitForSelector('text=提升赢单技巧');
  expect(await page.textContent('[data-indicator-id="WIN_RATE_COUNT"]')).toContain('赢率（按个数）');
  expect(await page.textContent('[data-indicator-id="WIN_RATE_COUNT"]')).toMatch(/绿灯|黄灯|红灯/);
  expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  expect(await shown(page, 'OPEN_PIPE')).toBe(before);
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
});

test('"How is this computed" shows the formula and the numbers that went in', async () => {
  const page = await web.open('?lang=en-US');
  await waitForDashboard(page);
  const card = page.locator('[data-indicator-id="AVG_WON_DEAL"]');
  const toggle = card.locator('[data-testid="explain-toggle"]');
  expect(await toggle.textContent()).toBe('How is this computed?');
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.click();
  await card.locator('[data-testid="explain-inputs"] tbody tr').first().waitFor();
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  expect(await card.locator('[data-testid="explain-formula"]').textContent()).toMatch(/^=CRM3\.RATIO\(CRM3\.DEALSUM\(/);
  const rows = await card.locator('[data-testid="explain-inputs"] tbody tr').allTextContents();
  expect(rows).toHaveLength(2);
  // Their ratio is the indicator's value: the inputs are the numbers that went in.
  const [sum, count] = await card.locator('[data-testid="explain-inputs"] tbody td:nth-child(2)').allTextContents();
  expect(Number(sum.replace(/,/g, '')) / Number(count.replace(/,/g, ''))).toBeCloseTo(await shown(page, 'AVG_WON_DEAL'), 6);
  const win = page.locator('[data-indicator-id="WIN_RATE_COUNT"]');
  await win.getByRole('button', { name: 'How is this computed?' }).click();
  await win.locator('[data-testid="explain-inputs"] tbody tr').first().waitFor();
  expect(await win.locator('[data-testid="explain-inputs"]').textContent()).toMatch(/Opp_Status\s*300 rows/);
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
});

test('opening a local .xlsx shows that file’s numbers; the scope picker narrows them', async () => {
  const file = path.join(tmp, 'generated-120.xlsx');
  fs.writeFileSync(file, await writeWorkbook(generateSample({ size: 120, seed: 7 }), { locale: 'en-US' }));
  const expected = await evaluateFile(file);
  const page = await web.open('?lang=en-US');
  await waitForDashboard(page);
  const sampleWinRate = await shown(page, 'WIN_RATE_COUNT');
  await reloadAfter(page, () => page.setInputFiles('[data-testid="open-file"]', file));
  expect(await page.textContent('[data-testid="file-name"]')).toContain('generated-120.xlsx');
  expect(await shown(page, 'WIN_RATE_COUNT')).not.toBe(sampleWinRate);
  for (const id of COMPARED) expect(await shown(page, id)).toBeCloseTo(valueOf(expected, id), 9);

  // One owner's dashboard, as `crm3 evaluate --scope owner=…`.
  await page.selectOption('[data-testid="scope-field"]', 'owner');
  // The values load from the engine after the field is chosen.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="scope-value"] option').length > 1);
  const owners = await page.locator('[data-testid="scope-value"] option').allTextContents();
  const owner = owners[1];
  const scoped = await evaluateFile(file, [{ field: 'owner', value: owner }]);
  expect(valueOf(scoped, 'OPEN_PIPE')).not.toBe(valueOf(expected, 'OPEN_PIPE'));
  await page.selectOption('[data-testid="scope-value"]', owner);
  await page.waitForSelector(`text=Owner = ${owner}`);
  await waitForDashboard(page);
  for (const id of COMPARED) expect(await shown(page, id)).toBeCloseTo(valueOf(scoped, id), 9);
  await page.context().close();
});

test('a file that is not a workbook gets a clear message naming it, and no numbers', async () => {
  const bad = path.join(tmp, 'notes.xlsx');
  fs.writeFileSync(bad, 'this is not a zip');
  const page = await web.open('?lang=zh-CN');
  await waitForDashboard(page);
  await page.setInputFiles('[data-testid="open-file"]', bad);
  const message = await page.locator('[data-testid="pane-error"]').textContent();
  expect(message).toMatch(/notes\.xlsx/);
  // The sample's numbers are not shown under the new file's name (issue #12).
  expect(await page.locator('[data-indicator-id]').count()).toBe(0);
  await page.context().close();
});

test('the evaluated report downloads as an .xlsx with the 40 indicators', async () => {
  const page = await web.open('?lang=en-US');
  await waitForDashboard(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-report"]')]);
  expect(download.suggestedFilename()).toMatch(/\.report\.en-US\.xlsx$/);
  const file = path.join(tmp, 'report.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.getWorksheet('Indicators')!;
  const ids: string[] = [];
  sheet.eachRow((row, n) => n > 1 && ids.push(String(row.getCell(2).value)));
  expect(ids).toHaveLength(40);
  expect(ids).toContain('WIN_RATE_COUNT');
  await page.context().close();
});

test('problems list the bad cells in the UI language, and "go to cell" selects one', async () => {
  const snapshot = generateSample({ size: 60, seed: 2 });
  const opps = snapshot.tables.Opportunities!;
  opps.rows[3][opps.headers.indexOf('Amount')] = 'lots';
  const file = path.join(tmp, 'with-problem.xlsx');
  fs.writeFileSync(file, await writeWorkbook(snapshot, { locale: 'en-US' }));
  const expected = await evaluateFile(file);
  const problem = expected.problems.find((p) => p.cell && p.sheet === 'Opportunities')!;
  expect(problem).toBeDefined();

  const page = await web.open('?lang=en-US');
  await waitForDashboard(page);
  await reloadAfter(page, () => page.setInputFiles('[data-testid="open-file"]', file));
  expect(await page.textContent('[data-testid="file-name"]')).toContain('with-problem.xlsx');
  await page.selectOption('[data-testid="view-picker"]', 'problems');
  const item = page.locator(`[data-problem-cell="${problem.sheet}!${problem.cell}"]`).first();
  await item.waitFor();
  expect(await item.textContent()).toContain(problem.message);
  await item.getByRole('button', { name: /Go to cell/ }).click();
  await page.waitForSelector(`text=Selected ${problem.sheet}!${problem.cell}.`);
  expect(await seriousViolations(page)).toEqual([]);
  await reloadAfter(page, () => page.getByRole('button', { name: '中文' }).click());
  await page.waitForSelector('text=工作簿中的数据问题');
  await page.locator('[data-problem-cell]').first().waitFor();
  expect(await page.locator('[data-problem-cell]').first().textContent()).toMatch(/[\u4e00-\u9fff]/);
  await page.context().close();
});

test('the function reference and the dark theme pass axe', async () => {
  const page = await web.open('?lang=zh-CN', { colorScheme: 'dark' });
  await waitForDashboard(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.selectOption('[data-testid="view-picker"]', 'functions');
  await page.waitForSelector('[data-function-id="WINRATE"]');
  expect(await page.textContent('[data-function-id="WINRATE"]')).toMatch(/赢率/);
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();
});

test('the client copy downloads with a note sheet and no CRM3 formula left', async () => {
  const page = await web.open('?lang=zh-CN');
  await waitForDashboard(page);
  const downloaded = page.waitForEvent('download', { timeout: 60_000 });
  await page.click('[data-testid="download-client-copy"]');
  // Either the note or an error shows; an error's text is the failure message here.
  await page.locator('[data-testid="pane-note"], [data-testid="pane-error"]').first().waitFor({ timeout: 60_000 });
  expect(await page.locator('[data-testid="pane-error"]').allTextContents()).toEqual([]);
  expect(await page.textContent('[data-testid="pane-note"]')).toMatch(/客户版已下载/);
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/\.client\.xlsx$/);
  const file = path.join(tmp, 'client.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  let crm3Formulas = 0;
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (/CRM3\./i.test(cell.formula ?? '')) crm3Formulas++;
      }),
    ),
  );
  expect(crm3Formulas).toBe(0);
  // The sample's tables are all there, plus the note sheet.
  expect(wb.worksheets.length).toBeGreaterThan(7);
  await page.context().close();
});
