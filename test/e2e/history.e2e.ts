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
