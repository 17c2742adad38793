/**
 * The dashboard with history (issue 16): a workbook with a snapshot, one deal grown and one
 * won since; the dashboard compares with the snapshot by default, shows Δ (arrow, change,
 * trend line) and What moved, en and zh. Screenshots go to $CRM3_SHOTS when set.
 * Build first: `CRM3_DIST=/tmp/dist-x npx webpack --mode production`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { takeSnapshot } from '../../src/io/takeSnapshot';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import { evaluateWorkbook } from '../../src/engine/evaluate';
import { dealReviews } from '../../src/engine/dealReview';
import { WebMode, reloadAfter, seriousViolations, startWebMode, waitForDashboard } from './support/webServer';

let web: WebMode;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-e2e-history-'));
const SHOTS = process.env.CRM3_SHOTS;

beforeAll(async () => {
  web = await startWebMode();
});
afterAll(async () => {
  await web?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  expect(web.externalRequests).toEqual([]);
  expect(web.pageErrors).toEqual([]);
});

test.each(['en-US', 'zh-CN'] as const)('Δ against the snapshot and What moved (%s)', async (locale) => {
  const sample = generateSample({ size: 60, locale });
  const bytes0 = new Uint8Array(await writeWorkbook(sample, { locale }));
  const snap = await takeSnapshot(bytes0, 'plan.xlsx', {
    asOf: 46300,
    today: 46300,
    label: 'Q4',
    locale,
    when: new Date(Date.UTC(2026, 9, 5)),
  });
  if (snap.kind !== 'written') throw new Error(snap.kind);
  const read = await readWorkbookBuffer(snap.bytes, 'plan.xlsx');
  if (!read.ok) throw new Error(read.reason.message.en);
  const w = read.snapshot;
  const o = w.tables.Opportunities!;
  const at = (c: string) => o.headers.indexOf(c);
  const open = o.rows.filter((r) => r[at('Status')] === 'Open' || r[at('Status')] === '进行中');
  const grown = open[0];
  const won = open[1];
  const before = { grown: grown[at('Amount')] as number, won: won[at('Amount')] as number };
  grown[at('Amount')] = before.grown + 100000;
  won[at('Status')] = 'Won';
  const file = path.join(tmp, `plan-${locale}.xlsx`);
  fs.writeFileSync(file, await writeWorkbook(w, { locale }));

  const page = await web.open(`?lang=${locale}`);
  await waitForDashboard(page);
  await reloadAfter(page, () => page.setInputFiles('[data-testid="open-file"]', file));
  const card = page.locator('[data-indicator-id="OPEN_PIPE"]');
  await card.locator('[data-testid="indicator-delta"]').waitFor();
  // Open pipeline: +100,000 grown, minus the won deal.
  const change = 100000 - before.won;
  expect(await card.locator('[data-testid="indicator-delta"]').getAttribute('data-trend')).toBe(change > 0 ? 'up' : 'down');
  const words = await card.locator('[data-testid="delta-words"]').textContent();
  expect(words).toMatch(locale === 'zh-CN' ? /2026-10-05/ : /since 2026-10-05/);
  const moved = page.locator('[data-testid="what-moved"] li');
  expect(await moved.count()).toBe(2);
  expect(await page.getAttribute(`[data-testid="what-moved"] li >> nth=0`, 'data-opp-id')).toBe(String(grown[at('OppId')]));
  const text = await page.locator('[data-testid="what-moved"]').textContent();
  expect(text).toMatch(locale === 'zh-CN' ? /金额增加[\s\S]*赢单/ : /grew[\s\S]*won/);
  expect(await seriousViolations(page)).toEqual([]);
  if (SHOTS) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.locator('[data-goal="PIPE"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `dashboard-delta-${locale}.png`) });
    await page.locator('[data-testid="what-moved"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `what-moved-${locale}.png`) });
  }
  await page.context().close();
});

test.each(['en-US', 'zh-CN'] as const)('Save snapshot, Δ against it, Download workbook, due for review (%s)', async (locale) => {
  const page = await web.open(`?lang=${locale}`);
  await waitForDashboard(page);
  // The bundled sample has no history: no comparison yet.
  expect(await page.locator('[data-testid="compare-snapshot"]').count()).toBe(0);
  // Due for review: the sample's Reviews log and ReviewIntervalDays, by the rule of `crm3 review --due`.
  const sample = generateSample({ locale });
  const asOf = sample.settings.AsOfDate as number;
  const evaluation = evaluateWorkbook(sample, { file: 's.xlsx', asOf, locale });
  const expectedDue = dealReviews(sample, evaluation, asOf)
    .filter((r) => r.due)
    .map((r) => r.oppId);
  const due = page.locator('[data-testid="due-for-review"] li');
  await page.waitForFunction(
    () => {
      const box = document.querySelector('[data-testid="due-for-review"]');
      return !!box?.querySelector('ul') || /No deal|没有到期/.test(box?.textContent ?? '');
    },
    undefined,
    { timeout: 60_000 },
  );
  expect(await due.count()).toBe(Math.min(10, expectedDue.length));
  if (expectedDue.length > 10) await page.click('[data-testid="due-show-all"]');
  expect(await due.evaluateAll((els) => els.map((e) => e.getAttribute('data-opp-id')))).toEqual(expectedDue);

  await page.fill('[data-testid="snapshot-label"] input, input[data-testid="snapshot-label"]', 'Q1');
  await reloadAfter(page, () => page.click('[data-testid="save-snapshot-button"]'));
  const outcome = page.locator('[data-testid="snapshot-outcome"]');
  expect(await outcome.textContent()).toMatch(
    locale === 'zh-CN' ? /快照 \d{4}-\d{2}-\d{2} 已保存：40 项指标/ : /Snapshot \d{4}-\d{2}-\d{2} saved: 40 indicators/,
  );
  // Web mode says how to keep it; zh sentences join without a space, en ones with one.
  expect(await outcome.textContent()).toMatch(locale === 'zh-CN' ? /。网页模式/ : /\. Web mode/);
  // Compared with the snapshot just taken: every indicator is there with an unchanged Δ.
  await page.locator('[data-testid="compare-snapshot"]').waitFor();
  const card = page.locator('[data-indicator-id="OPEN_PIPE"]');
  await card.locator('[data-testid="indicator-delta"]').waitFor();
  expect(await card.locator('[data-testid="indicator-delta"]').getAttribute('data-trend')).toBe('flat');
  // An amount shown compact also shows in full.
  expect(await card.locator('[data-testid="indicator-full"]').textContent()).toMatch(/\(\d{1,3}(,\d{3})+\)/);
  expect(await seriousViolations(page)).toEqual([]);
  if (SHOTS) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.locator('[data-testid="save-snapshot"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `save-snapshot-${locale}.png`) });
    await page.locator('[data-goal="PIPE"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `delta-full-${locale}.png`) });
    await page.locator('[data-testid="due-for-review"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `due-for-review-${locale}.png`) });
  }

  // The same date again changes nothing.
  await page.click('[data-testid="save-snapshot-button"]');
  await page.waitForFunction(
    () => /already saved|已保存；未作改动/.test(document.querySelector('[data-testid="snapshot-outcome"]')?.textContent ?? ''),
    undefined,
    { timeout: 60_000 },
  );

  // Download workbook: the file holds the snapshot's rows.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-workbook"]')]);
  const saved = path.join(tmp, `saved-${locale}.xlsx`);
  await download.saveAs(saved);
  const back = await readWorkbookBuffer(new Uint8Array(fs.readFileSync(saved)), 'saved.xlsx');
  if (!back.ok) throw new Error(back.reason.message.en);
  const hist = back.snapshot.tables.History!;
  expect(hist.rows.length).toBe(40);
  expect(new Set(hist.rows.map((r) => r[hist.headers.indexOf('Label')]))).toEqual(new Set(['Q1']));
  await page.context().close();
});
