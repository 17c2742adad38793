/**
 * The five assistant views of the pane in web mode (MemoryHost on the generated sample), in
 * Chromium: templates gallery and insertion, tiering, grading, what-if and the decision
 * chain. Expected numbers are computed here from the sample, independently of the views:
 * tier counts straight from the scoring/tiering kernels, the open pipeline as a plain sum,
 * grades and gaps by hand from the methodology (DESIGN §4). Every view must pass axe-core
 * without serious or critical violations; screenshots go to bench/out/screens/.
 * Build first: CRM3_DIST=/tmp/dist-x npx webpack --mode production.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { Cell, toNumber } from '../../src/core/cells';
import { axisScoreAccounts } from '../../src/calc/scoring';
import { TierCode, tierAccounts } from '../../src/calc/tiering';
import { generateSample } from '../../src/model/sample';
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { TEMPLATES } from '../../src/templates/catalog';
import { buildTemplate } from '../../src/templates/build';
import { DIST, WebMode, screenshot, seriousViolations, startWebMode, waitForDashboard } from './support/webServer';

jest.setTimeout(240_000);

let web: WebMode;
const sample = generateSample({ locale: 'en-US' });

beforeAll(async () => {
  web = await startWebMode();
});

afterAll(async () => {
  await web?.close();
});

afterEach(() => {
  expect(web.pageErrors).toEqual([]);
  web.pageErrors.length = 0;
});

// --- helpers ------------------------------------------------------------------------------

async function openView(view: string, locale: 'en-US' | 'zh-CN' = 'en-US', width = 320): Promise<Page> {
  const page = await web.open(`?lang=${locale}`, { viewport: { width, height: 900 } });
  await waitForDashboard(page);
  await page.selectOption('[data-testid="view-picker"]', view);
  await page.waitForSelector(`[data-view="${view}"]`, { timeout: 60_000 });
  return page;
}

async function pickOpportunity(page: Page, oppId: string): Promise<void> {
  const box = page.locator('[data-testid="opportunity-picker"]');
  await box.click();
  await box.fill(oppId);
  await page.getByRole('option', { name: new RegExp(`^${oppId} `) }).click();
}

function column(s: WorkbookSnapshot, table: 'Accounts' | 'Opportunities' | 'Contacts' | 'DecisionChain', name: string): Cell[] {
  const t = s.tables[table]!;
  const j = t.headers.indexOf(name);
  if (j < 0) throw new Error(`${table} has no ${name}`);
  return t.rows.map((r) => r[j] ?? null);
}

/** Matrix tiers of the sample's accounts at the given thresholds, straight from the kernels with the default criteria. */
function sampleTierCounts(attractivenessThreshold: number, positionThreshold: number): Record<TierCode, number> {
  const accounts = sample.tables.Accounts!;
  const criteria = sample.config.Criteria!;
  const ids = criteria.rows.map((r) => String(r[criteria.headers.indexOf('CriterionId')]));
  const cols = ids.map((id) => accounts.headers.indexOf(id));
  const scores = accounts.rows.map((r) => cols.map((j) => r[j] ?? null));
  const weights = criteria.rows.map((r) => r[criteria.headers.indexOf('Weight')]);
  const axes = criteria.rows.map((r) => r[criteria.headers.indexOf('Axis')]);
  const axis = (a: 'Attractiveness' | 'Position') => {
    const v = axisScoreAccounts({ scores, weights, axes, axis: a });
    if (!Array.isArray(v)) throw new Error('axis score failed');
    return v.map((x) => (typeof x === 'number' ? x : null));
  };
  const tiers = tierAccounts({
    attractiveness: axis('Attractiveness'),
    position: axis('Position'),
    rules: { method: 'Matrix', attractivenessThreshold, positionThreshold },
  });
  if (!Array.isArray(tiers)) throw new Error('tiering failed');
  const counts: Record<TierCode, number> = { A: 0, B: 0, C: 0, D: 0 };
  for (const t of tiers) if (t) counts[t]++;
  return counts;
}

/** Waits until an element shows the text (the engine answers the pane asynchronously). */
async function shows(page: Page, testId: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([id, t]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === t,
    [testId, text] as const,
    { timeout: 30_000 },
  );
  expect(await page.textContent(`[data-testid="${testId}"]`)).toBe(text);
}

async function shownTierCounts(page: Page): Promise<Record<TierCode, number>> {
  const out = {} as Record<TierCode, number>;
  for (const t of ['A', 'B', 'C', 'D'] as const) out[t] = Number(await page.textContent(`[data-testid="tier-count-${t}"]`));
  return out;
}

/** Waits until the pane has re-rendered in the theme (its background's brightness). */
async function themeIs(page: Page, theme: 'dark' | 'light'): Promise<void> {
  await page.waitForFunction((dark) => {
    const el = document.querySelector('.fui-FluentProvider');
    const m = el && /rgba?\((\d+), (\d+), (\d+)/.exec(getComputedStyle(el).backgroundColor);
    return !!m && Number(m[1]) + Number(m[2]) + Number(m[3]) < 384 === dark;
  }, theme === 'dark');
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

// --- templates ------------------------------------------------------------------------------

test('templates: the gallery lists every template with its sheets, inserts one and reports a failure', async () => {
  const page = await openView('templates');
  const cards = page.locator('[data-template-id]');
  expect(await cards.count()).toBe(TEMPLATES.length);
  for (const t of TEMPLATES) {
    const card = page.locator(`[data-template-id="${t.id}"]`);
    expect(await card.locator('h3').textContent()).toBe(t.name.en);
    expect(await card.locator('li').allTextContents()).toEqual([...t.sheets.en]);
  }
  await expectAccessible(page);

  // A real template file (built here when the build did not copy one) inserted through MemoryHost.
  const file = path.join(DIST, 'templates', 'account-plan.en-US.xlsx');
  const bytes = fs.existsSync(file) ? fs.readFileSync(file) : await buildTemplate('account-plan', 'en-US');
  await page.route('**/templates/account-plan.en-US.xlsx', (route) =>
    route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from(bytes) }),
  );
  await page.getByRole('button', { name: 'Insert Account plan', exact: true }).click();
  const done = page.locator('[data-testid="template-inserted"]');
  await done.waitFor({ timeout: 60_000 });
  // Web mode's MemoryHost holds one table of each kind: the sample's tables are kept as they
  // were and reported, nothing is duplicated (ExcelHost adds suffixed copies instead). The
  // sample has no history yet, so the plan's three History tables (its "Since last review"
  // box reads them) are added, and the pane offers "Go to" the first of them.
  const inserted = await done.textContent();
  expect(inserted).toContain('Inserted 3 sheets');
  expect(inserted).toContain('Go to Snapshots');
  const kept = await page.textContent('[data-testid="template-kept"]');
  for (const table of ['Opportunities', 'Contacts', 'DecisionChain', 'Actions', 'Activities']) expect(kept).toContain(table);

  // A file that cannot be loaded: a bilingual message in the UI language, workbook untouched.
  await page.route('**/templates/value-indicators.en-US.xlsx', (route) => route.fulfill({ status: 404, body: '' }));
  await page.getByRole('button', { name: 'Insert Value indicators dashboard', exact: true }).click();
  const failed = page.locator('[data-testid="template-failed"]');
  await failed.waitFor();
  const text = await failed.textContent();
  expect(text).toContain('HTTP 404');
  expect(text).toContain('The workbook was left as it was.');
  await page.context().close();
});

// --- tiering --------------------------------------------------------------------------------

test('tiering: moving the attractiveness threshold moves the counts to the kernels’ tiers, and Apply keeps them', async () => {
  const base = sampleTierCounts(50, 50);
  const raised = sampleTierCounts(60, 50);
  // The sample must make this test meaningful: raising the bar moves some account out of A or B.
  expect(raised).not.toEqual(base);

  const page = await openView('tiering');
  expect(await shownTierCounts(page)).toEqual(base);
  const slider = page
    .locator('[data-testid="attractiveness-threshold"] input, input[data-testid="attractiveness-threshold"]')
    .first();
  await slider.focus();
  for (let i = 0; i < 10; i++) await slider.press('ArrowRight');
  await page.waitForFunction((a) => document.querySelector('[data-testid="tier-count-A"]')?.textContent === String(a), raised.A);
  expect(await shownTierCounts(page)).toEqual(raised);
  expect(await page.locator('[data-testid="tier-changes"] li').count()).toBeGreaterThan(0);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Apply to Config' }).click();
  await page.getByText('Thresholds and weights written to Config.').waitFor();
  // After the host wrote the setting and the pane re-read the workbook, the new tiers are the workbook's.
  await page.getByText('No account changes tier.').waitFor({ timeout: 60_000 });
  expect(await shownTierCounts(page)).toEqual(raised);
  await page.context().close();
});

// --- grading --------------------------------------------------------------------------------

test('grading: answering the questions updates QualScore and Grade', async () => {
  const ids = column(sample, 'Opportunities', 'OppId');
  const status = column(sample, 'Opportunities', 'Status');
  const oppId = String(ids[status.findIndex((s) => s === 'Open')]);
  const page = await openView('grading');
  await pickOpportunity(page, oppId);
  await page.waitForSelector('[data-testid="grade"]');
  const questions = page.locator('[data-question-id]');
  const n = await questions.count();
  expect(n).toBe(12);

  // Every answer Yes: 12 of 12, QualScore 100, every section 100 ≥ 70 → A.
  for (let i = 0; i < n; i++) await questions.nth(i).getByRole('radio', { name: 'Yes', exact: true }).check();
  await shows(page, 'qual-score', '100.0');
  await shows(page, 'grade', 'A');

  // Section 1 all No: 9 of 12 = 75.0, section 1 at 0 < 40 with three strong sections → not B (one below 40) → D.
  for (let i = 0; i < 3; i++) await questions.nth(i).getByRole('radio', { name: 'No', exact: true }).check();
  await shows(page, 'qual-score', '75.0');
  await shows(page, 'grade', 'D');

  // Section 4 also No (sections 0/100/100/0): section 1 below 40 → D; then section 1 back to Yes
  // (100/100/100/0): three strong but one below 40 → C.
  for (let i = 0; i < 3; i++) await questions.nth(i).getByRole('radio', { name: 'Yes', exact: true }).check();
  for (let i = 9; i < 12; i++) await questions.nth(i).getByRole('radio', { name: 'No', exact: true }).check();
  await shows(page, 'qual-score', '75.0');
  await shows(page, 'grade', 'C');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Save answers' }).click();
  await page.getByText('Answers saved to the workbook.').waitFor();
  // Re-read from the workbook: the saved answers are the form's, nothing is left unsaved.
  await page.waitForFunction(() => !document.body.textContent?.includes('unsaved answers'));
  await shows(page, 'grade', 'C');
  await page.context().close();
});

// --- what-if --------------------------------------------------------------------------------

test('what-if: a larger amount moves the open pipeline by exactly that much; Reset restores the base', async () => {
  const ids = column(sample, 'Opportunities', 'OppId');
  const status = column(sample, 'Opportunities', 'Status');
  const amounts = column(sample, 'Opportunities', 'Amount');
  const row = status.findIndex((s) => s === 'Open');
  const oppId = String(ids[row]);
  const amount = toNumber(amounts[row])!;
  // OPEN_PIPE = Σ Amount over Open (DESIGN §6), summed here from the sample.
  const openPipe = amounts.reduce<number>((s, a, i) => s + (status[i] === 'Open' ? (toNumber(a) ?? 0) : 0), 0);

  const page = await openView('whatIf');
  await pickOpportunity(page, oppId);
  const input = page.locator('input[data-testid="whatif-amount"], [data-testid="whatif-amount"] input').first();
  expect(Number(await input.inputValue())).toBe(amount);
  await input.fill(String(amount + 100000));
  const row$ = page.locator('[data-testid="whatif-moves"] [data-indicator-id="OPEN_PIPE"]');
  await row$.waitFor({ timeout: 60_000 });
  const num = async (sel: string) => Number((await row$.locator(sel).textContent())!.replace(/[^\d.-]/g, ''));
  expect(await num('[data-testid="before"]')).toBe(Math.round(openPipe));
  expect(await num('[data-testid="after"]')).toBe(Math.round(openPipe + 100000));
  expect(await row$.textContent()).toContain('+100,000');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByText('No change yet: the indicators are as in the workbook.').waitFor();
  expect(await page.locator('[data-testid="whatif-moves"]').count()).toBe(0);
  expect(Number(await input.inputValue())).toBe(amount);
  await page.context().close();
});

// --- decision chain -------------------------------------------------------------------------

test('decision chain: an opportunity without a mentor shows its contacts as a tree and names the gap', async () => {
  const oppIds = column(sample, 'Opportunities', 'OppId');
  const accountIds = column(sample, 'Opportunities', 'AccountId');
  const dcOpp = column(sample, 'DecisionChain', 'OppId');
  const dcSupport = column(sample, 'DecisionChain', 'Support');
  // The first opportunity with a chain but no Mentor on it (sample writes canonical codes).
  const row = oppIds.findIndex((id) => {
    const supports = dcOpp.flatMap((o, i) => (o === id ? [dcSupport[i]] : []));
    return supports.length > 0 && !supports.includes('Mentor');
  });
  expect(row).toBeGreaterThanOrEqual(0);
  const contactsOfAccount = column(sample, 'Contacts', 'AccountId').filter((a) => a === accountIds[row]).length;

  const page = await openView('decisionChain');
  await pickOpportunity(page, String(oppIds[row]));
  await page.waitForSelector('[role="tree"]');
  expect(await page.locator('[role="tree"] [role="treeitem"]').count()).toBe(contactsOfAccount);
  const gap = page.locator('[data-gap="noMentor"]');
  expect(await gap.textContent()).toContain('No mentor');
  await expectAccessible(page);
  await page.context().close();
});

// --- screenshots, both languages and widths -------------------------------------------------

test.each(['en-US', 'zh-CN'] as const)('every assistant renders at 320 and 500 px in %s, accessibly', async (locale) => {
  const ids = column(sample, 'Opportunities', 'OppId');
  const status = column(sample, 'Opportunities', 'Status');
  const oppId = String(ids[status.findIndex((s) => s === 'Open')]);
  const page = await openView('templates', locale);
  const short = locale === 'en-US' ? 'en' : 'zh';
  for (const view of ['templates', 'tiering', 'grading', 'whatIf', 'decisionChain']) {
    await page.setViewportSize({ width: 320, height: 900 });
    await page.selectOption('[data-testid="view-picker"]', view);
    await page.waitForSelector(`[data-view="${view}"]`, { timeout: 60_000 });
    if (view === 'grading' || view === 'whatIf' || view === 'decisionChain') {
      await pickOpportunity(page, oppId);
      if (view === 'decisionChain') {
        // Roles and support as words, never the codes (issue 14: "Role: DecisionMaker").
        await page.waitForSelector('[role="tree"]');
        const text = (await page.textContent('[data-view="decisionChain"]'))!;
        expect(text).not.toMatch(/DecisionMaker|NonSupporter/);
        if (locale === 'zh-CN') expect(text).not.toMatch(/Approver|Evaluator|Mentor|Supporter|Neutral|Enemy|Role/);
      }
      if (view === 'whatIf') {
        // Show a moved indicator: the deal won.
        await page.locator('[data-testid="whatif-status"]').click();
        await page.getByRole('option', { name: locale === 'en-US' ? 'Won' : '赢单' }).click();
        await page.locator('[data-testid="whatif-moves"]').waitFor({ timeout: 60_000 });
      }
    }
    if (locale === 'zh-CN') await expectAccessible(page);
    for (const width of [320, 500]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `assistant-${view}-${width}-${short}`);
      // Nothing in the view may be wider than the pane.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect({ view, width, overflow }).toEqual({ view, width, overflow: 0 });
    }
    if (locale === 'en-US') {
      // Dark theme (the browser's preference in web mode): tokens only, so contrast must still pass.
      await page.setViewportSize({ width: 320, height: 900 });
      // Reduced motion: Fluent's colour transitions end at once, so axe sees the settled theme.
      await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
      await themeIs(page, 'dark');
      await expectAccessible(page);
      await screenshot(page, `assistant-${view}-320-en-dark`);
      await page.emulateMedia({ colorScheme: 'light' });
      await themeIs(page, 'light');
    }
  }
  await page.context().close();
});
