/**
 * Screenshots of the pane's own views (dashboard, explain panel, charts, problems, function
 * reference) at 320 px and 500 px, in English and Chinese, into bench/out/screens/ for a
 * person to look at. Also checks that nothing overflows the pane sideways at either width.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import {
  SCREENS as SCREENS_DIR,
  WebMode,
  overflow,
  reloadAfter,
  screenshot,
  startWebMode,
  waitForDashboard,
} from './support/webServer';

let web: WebMode;
const withProblems = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-screens-')), 'with-problems.xlsx');
beforeAll(async () => {
  web = await startWebMode();
  const snapshot = generateSample({ size: 60, seed: 2 });
  const opps = snapshot.tables.Opportunities!;
  opps.rows[3][opps.headers.indexOf('Amount')] = 'lots';
  opps.rows[5][opps.headers.indexOf('Status')] = 'Maybe';
  opps.rows[8][opps.headers.indexOf('AccountId')] = 'A-404';
  fs.writeFileSync(withProblems, await writeWorkbook(snapshot, { locale: 'en-US' }));
});
afterAll(async () => {
  await web?.close();
});

for (const width of [320, 500]) {
  for (const lang of ['en-US', 'zh-CN'] as const) {
    test(`views at ${width} px in ${lang}`, async () => {
      const page = await web.open(`?lang=${lang}`, { viewport: { width, height: 900 } });
      await waitForDashboard(page);
      const tag = `${width}-${lang === 'zh-CN' ? 'zh' : 'en'}`;
      await screenshot(page, `dashboard-${tag}`, false);
      await page.locator('[data-indicator-id="TARGET_ATTAIN"] [data-testid="explain-toggle"]').click();
      await page.locator('[data-indicator-id="TARGET_ATTAIN"] [data-testid="explain-inputs"]').waitFor();
      await page.locator('[data-indicator-id="TARGET_ATTAIN"]').screenshot({ path: `${SCREENS_DIR}/explain-${tag}.png` });
      await page.locator('[data-testid="chart-win-rate"] canvas').waitFor();
      await page.locator('[data-testid="charts"]').screenshot({ path: `${SCREENS_DIR}/charts-${tag}.png` });
      expect(await overflow(page)).toBeUndefined();
      // Problems of a workbook that has some.
      await reloadAfter(page, () => page.setInputFiles('[data-testid="open-file"]', withProblems));
      await page.selectOption('[data-testid="view-picker"]', 'problems');
      await page.locator('[data-testid="problems"]').waitFor();
      await screenshot(page, `problems-${tag}`, false);
      await page.selectOption('[data-testid="view-picker"]', 'functions');
      await page.waitForSelector('[data-function-id="WINRATE"]');
      await screenshot(page, `functions-${tag}`, false);
      expect(await overflow(page)).toBeUndefined();
      await page.context().close();
    });
  }
}

test('dark theme (prefers-color-scheme) at 320 px', async () => {
  const page = await web.open('?lang=zh-CN', { viewport: { width: 320, height: 900 }, colorScheme: 'dark' });
  await waitForDashboard(page);
  await page.locator('[data-testid="chart-win-rate"] canvas').waitFor();
  await screenshot(page, 'dashboard-320-zh-dark', false);
  await page.locator('[data-testid="charts"]').screenshot({ path: `${SCREENS_DIR}/charts-320-zh-dark.png` });
  await page.context().close();
});
