/**
 * Opening a CRM export in web mode (issue 14, item 1): the pane shows each export column with
 * a sample value and one choice; a column the aliases do not know ("Contract Worth", 签单额)
 * is not used until the user maps it; confirming reads the export again with the mapping
 * (Open pipeline gets its number, by hand 45,000 + 80,000 + 15,000 = 140,000 and
 * 450,000 + 800,000 + 150,000 = 1,400,000), and the next export is read with the
 * remembered mapping (kept in Config's ImportMap). Screenshots at 320 px, en and zh.
 * Build first: CRM3_DIST=/tmp/dist-x npx webpack --mode production.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { WebMode, reloadAfter, screenshot, seriousViolations, startWebMode, waitForDashboard } from './support/webServer';

jest.setTimeout(240_000);

let web: WebMode;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-mapping-'));

const EXPORTS = {
  'en-US': {
    sheet: 'report1',
    headers: ['Opportunity Name', 'Account Name', 'Contract Worth', 'Close Date', 'Stage', 'Opportunity Owner', 'Created Date'],
    rows: [
      ['Acme - Platform', 'Acme Corp', 120000, '2026-03-15', 'Closed Won', 'Alice Chen', '2025-11-02'],
      ['Acme - Renewal', 'Acme Corp', 45000, '2026-08-30', 'Negotiation/Review', 'Alice Chen', '2026-02-10'],
      ['Globex - Pilot', 'Globex', 30000, '2026-02-20', 'Closed Lost', 'Bob Li', '2025-12-01'],
      ['Globex - Expansion', 'Globex', 80000, '2026-09-15', 'Value Proposition', 'Bob Li', '2026-04-05'],
      ['Initech - Support', 'Initech', 15000, '2026-10-01', 'Prospecting', 'Bob Li', '2026-06-01'],
    ],
    unknown: 'Contract Worth',
    openPipe: /140K/,
  },
  'zh-CN': {
    sheet: 'Sheet1',
    headers: ['商机名称', '客户名称', '签单额', '预计成交日期', '阶段', '负责人', '创建日期'],
    rows: [
      ['华为-平台', '华为', 1200000, '2026-03-15', '赢单', '王伟', '2025-11-02'],
      ['华为-续约', '华为', 450000, '2026-08-30', '商务谈判', '王伟', '2026-02-10'],
      ['海尔-试点', '海尔', 300000, '2026-02-20', '输单', '李娜', '2025-12-01'],
      ['海尔-扩容', '海尔', 800000, '2026-09-15', '方案交流', '李娜', '2026-04-05'],
      ['美的-服务', '美的', 150000, '2026-10-01', '需求确认', '李娜', '2026-06-01'],
    ],
    unknown: '签单额',
    openPipe: /140万/,
  },
} as const;

/** The export as the CRM writes it: real date cells, amounts as numbers. */
async function writeExport(
  locale: keyof typeof EXPORTS,
  file: string,
  rows: number = EXPORTS[locale].rows.length,
): Promise<string> {
  const e = EXPORTS[locale];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(e.sheet);
  ws.addRow([...e.headers]);
  for (const r of e.rows.slice(0, rows)) ws.addRow(r.map((v, j) => (j === 3 || j === 6 ? new Date(`${v}T00:00:00Z`) : v)));
  ws.getColumn(4).numFmt = 'yyyy-mm-dd';
  ws.getColumn(7).numFmt = 'yyyy-mm-dd';
  const p = path.join(dir, file);
  fs.writeFileSync(p, new Uint8Array(await wb.xlsx.writeBuffer()));
  return p;
}

beforeAll(async () => {
  web = await startWebMode();
});
afterAll(async () => {
  await web?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(web.pageErrors).toEqual([]);
  web.pageErrors.length = 0;
});

const openPipe = (page: Page) => page.textContent('[data-indicator-id="OPEN_PIPE"]');
const choice = (page: Page, source: string) => page.locator(`[data-source="${source}"] select`);

for (const locale of ['en-US', 'zh-CN'] as const) {
  const e = EXPORTS[locale];
  const tag = locale === 'zh-CN' ? 'zh' : 'en';
  test(`an export (${locale}): the mapping is shown, corrected, confirmed and remembered for the next export`, async () => {
    const first = await writeExport(locale, `export-${tag}.xlsx`);
    const next = await writeExport(locale, `export-${tag}-next.xlsx`, 4);
    const page = await web.open(`?lang=${locale}`);
    await waitForDashboard(page);
    await reloadAfter(page, () => page.setInputFiles('[data-testid="open-file"]', first));

    // One row per export column, each with a sample value and one choice.
    const panel = page.locator('[data-testid="import-mapping"][data-open="true"]');
    await panel.waitFor();
    expect(await page.locator('[data-testid="import-mapping-choice"]').count()).toBe(e.headers.length);
    for (const h of e.headers) expect(await page.locator(`[data-source="${h}"]`).count()).toBe(1);
    const sample = (await page.textContent(`[data-source="${e.headers[3]}"]`))!;
    expect(sample).toContain('2026-03-15'); // a date column's sample is a date, not a serial
    expect(await choice(page, e.headers[1]).inputValue()).toBe('AccountName');
    expect(await choice(page, e.headers[4]).inputValue()).toBe('Stage');
    // The unknown column is not used, so the amounts are missing: Open pipeline has no data.
    expect(await choice(page, e.unknown).inputValue()).toBe('');
    expect(await openPipe(page)).not.toMatch(e.openPipe);
    if (locale === 'zh-CN') {
      const text = (await panel.textContent())!;
      expect(text).toContain('导出文件的列');
      expect(text).toContain('金额（Amount）');
    }
    await screenshot(page, `import-mapping-320-${tag}`);
    expect(await seriousViolations(page)).toEqual([]);

    // Corrected and confirmed: read again with the mapping; the pipeline has its number.
    await choice(page, e.unknown).selectOption('Amount');
    await reloadAfter(page, () => page.click('[data-testid="import-mapping-confirm"]'));
    expect(await openPipe(page)).toMatch(e.openPipe);
    // The export names no currency: none is shown (never a default one).
    expect(await openPipe(page)).not.toMatch(/[¥$€£]/);
    await page.locator('[data-testid="import-mapping-remembered"]').waitFor();

    // The next export of the same CRM is read with the remembered mapping at once.
    await reloadAfter(page, () => page.setInputFiles('[data-testid="open-file"]', next));
    await page.locator('[data-testid="import-mapping"][data-open="false"]').waitFor();
    expect(await page.locator('[data-testid="import-mapping-remembered"]').count()).toBe(1);
    // Its 4 rows: the open ones are the second, fourth (and not the fifth, left out).
    expect(await openPipe(page)).toMatch(locale === 'zh-CN' ? /125万/ : /125K/);
    await screenshot(page, `import-mapping-remembered-320-${tag}`, false);
    // The mapping can be opened again, with the remembered choice.
    await page.click('[data-testid="import-mapping-edit"]');
    expect(await choice(page, e.unknown).inputValue()).toBe('Amount');
    await page.context().close();
  });
}
