/**
 * Web mode's time to first indicator (issue #15): the production build (dist/, `npm run
 * build`) served locally, opened in Chromium (playwright-core, /usr/bin/chromium) on its
 * built-in sample; the time from navigation to the first indicator card with a value shown.
 * Three fresh pages, median. Prints one JSON line.
 *
 *   npx tsx bench/webFirstIndicator.ts
 */
import type { Page } from 'playwright-core';
import { startWebMode } from '../test/e2e/support/webServer';

/** Resolves when the page shows its first indicator card with a value. */
export async function firstIndicatorShown(page: Page): Promise<void> {
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-testid="indicator-value"]')].some((e) => (e.textContent ?? '').trim() !== ''),
    undefined,
    { timeout: 120_000, polling: 10 },
  );
}

async function main(): Promise<void> {
  const web = await startWebMode();
  const times: number[] = [];
  try {
    for (let k = 0; k < 4; k++) {
      const t0 = Date.now();
      const page = await web.open('?lang=en-US');
      await firstIndicatorShown(page);
      if (k > 0) times.push(Date.now() - t0); // the first page warms Chromium's caches: not counted
      await page.context().close();
    }
  } finally {
    await web.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(JSON.stringify({ wallMs: sorted[1], runs: times }));
}

if (require.main === module)
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
