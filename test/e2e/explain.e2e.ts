/**
 * The explain panel in web mode (issue #19): the sentence, the parts table, the left-out rows,
 * the drill-down (a row shown, since web mode has no Excel to select it in) and the formula
 * last, in en and zh at 320 px, with screenshots of Win rate, Pipeline coverage, Stale
 * opportunities and Mentor rate into bench/out/screens/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { SCREENS, WebMode, overflow, seriousViolations, startWebMode, waitForDashboard } from './support/webServer';

let web: WebMode;
beforeAll(async () => {
  web = await startWebMode();
});
afterAll(async () => {
  await web?.close();
});

const SHOWN = ['WIN_RATE_COUNT', 'PIPE_COVERAGE', 'STALE_RATE', 'MENTOR_RATE'];

async function openPanel(page: Page, id: string) {
  const card = page.locator(`[data-indicator-id="${id}"]`);
  await card.locator('[data-testid="explain-toggle"]').click();
  await card.locator('[data-testid="explain-sentence"]').waitFor();
  return card;
}

for (const lang of ['en-US', 'zh-CN'] as const) {
  test(`the explain panel at 320 px in ${lang}: sentence, parts, left out, rows, formula last`, async () => {
    const page = await web.open(`?lang=${lang}`, { viewport: { width: 320, height: 900 } });
    await waitForDashboard(page);
    const tag = lang === 'zh-CN' ? 'zh' : 'en';
    for (const id of SHOWN) {
      const card = await openPanel(page, id);
      const panel = card.locator('[data-testid="explain-panel"]');
      // Formula last: the sentence and the parts come before it.
      const order = await panel.evaluate((el) =>
        ['explain-sentence', 'explain-parts', 'explain-formula'].map((t) => {
          const found = el.querySelector(`[data-testid="${t}"]`);
          return found ? [...el.querySelectorAll('*')].indexOf(found) : -1;
        }),
      );
      expect(order[0]).toBeGreaterThanOrEqual(0);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(await overflow(page)).toBeUndefined();
      await card.screenshot({ path: `${SCREENS}/explain-${id}-320-${tag}.png` });
    }

    // Drill-down: the win rate's won deals, one of them shown.
    const win = page.locator('[data-indicator-id="WIN_RATE_COUNT"]');
    const sentence = (await win.locator('[data-testid="explain-sentence"]').textContent())!;
    const won = Number((lang === 'zh-CN' ? /^赢单 (\d+)/ : /^(\d+) deals won/).exec(sentence)![1]);
    await win.locator('[data-part-key="numerator"] [data-testid="explain-count"]').click();
    const rows = win.locator('[data-testid="explain-drill"] [data-testid="explain-row"]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(Math.min(won, 50));
    const firstId = await rows.first().getAttribute('data-row-id');
    await rows.first().click();
    const shownRow = win.locator('[data-testid="explain-row-shown"]');
    await shownRow.waitFor();
    expect(await shownRow.textContent()).toContain(firstId!);
    expect(await shownRow.textContent()).toMatch(lang === 'zh-CN' ? /赢单/ : /Won/);
    await win.screenshot({ path: `${SCREENS}/explain-drill-320-${tag}.png` });
    expect(await overflow(page)).toBeUndefined();
    if (lang === 'zh-CN') {
      // zh: the panel's own words are Chinese (ids, names and formulas aside).
      const text = (await win.locator('[data-testid="explain-parts"]').textContent())!;
      expect(text).not.toMatch(/\b(deals|rows|Part|Value|won|closed)\b/);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
}
