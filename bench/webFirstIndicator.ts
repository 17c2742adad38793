/**
 * Web mode's time to first indicator (issue #15): the production build (dist/, `npm run
 * build`) served locally, opened in Chromium (playwright-core, /usr/bin/chromium) on its
 * built-in sample; the time to the first indicator card with a value shown. Three fresh pages
 * after a warm-up page, median. Prints one JSON line: `wallMs` from opening a fresh browser
 * context (as this bench has always measured), `navMs` from the page's navigation start, and
 * the page's own marks (src/taskpane/timing.ts), medians.
 *
 *   npx tsx bench/webFirstIndicator.ts [--pages 3]
 *   npx tsx bench/webFirstIndicator.ts --pages 9 --compare /tmp/dist-before /tmp/dist-after
 *
 * `--compare` serves each build on its own server and alternates the pages between them (one
 * page of each in turn), so a before/after pair sees the same machine load; one line per build.
 */
import type { Page } from 'playwright-core';
import { DIST, WebMode, startWebMode } from '../test/e2e/support/webServer';

/** Resolves when the page shows its first indicator card with a value: ms since the page's navigation started. */
export async function firstIndicatorShown(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-testid="indicator-value"]')].some((e) => (e.textContent ?? '').trim() !== '')
        ? performance.now()
        : 0,
    undefined,
    { timeout: 120_000, polling: 10 },
  );
  return Math.round((await handle.jsonValue()) as number);
}

type Marks = Record<string, number>;

/** The `crm3:*` marks of a page, or of a worker (`origin`: its timeOrigin, to put them on the page's timeline). */
function ownMarks(): { origin: number; marks: Marks } {
  return {
    origin: performance.timeOrigin,
    marks: Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('crm3:'))
        .map((m) => [m.name.slice(5), m.startTime]),
    ),
  };
}

async function marksOf(page: Page): Promise<Marks> {
  const { marks } = await page.evaluate(ownMarks);
  return Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, Math.round(v)]));
}

/** The engine worker's marks (`w:` before their names), in ms from the page's navigation start like the page's own. */
async function workerMarks(page: Page): Promise<Marks> {
  const pageOrigin = await page.evaluate(() => performance.timeOrigin);
  const out: Marks = {};
  for (const worker of page.workers()) {
    const { origin, marks } = await worker.evaluate(ownMarks).catch(() => ({ origin: 0, marks: {} as Marks }));
    for (const [k, v] of Object.entries(marks)) out[`w:${k}`] = Math.round(origin + v - pageOrigin);
  }
  return out;
}

interface PageTimes {
  wallMs: number;
  navMs: number;
  marks: Record<string, number>;
}

async function onePage(web: WebMode): Promise<PageTimes> {
  const t0 = Date.now();
  const page = await web.open('?lang=en-US');
  const navMs = await firstIndicatorShown(page);
  const wallMs = Date.now() - t0;
  const marks = { ...(await marksOf(page)), ...(await workerMarks(page)) };
  await page.context().close();
  return { wallMs, navMs, marks };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function summary(dist: string, pages: PageTimes[]) {
  const names = [...new Set(pages.flatMap((p) => Object.keys(p.marks)))];
  return {
    dist,
    wallMs: median(pages.map((p) => p.wallMs)),
    navMs: median(pages.map((p) => p.navMs)),
    runs: pages.map((p) => p.wallMs),
    navRuns: pages.map((p) => p.navMs),
    // From the results' arrival on the page to the first card shown (the render).
    shownAfterResults: median(pages.flatMap((p) => ('results' in p.marks ? [p.navMs - p.marks.results] : []))),
    marks: Object.fromEntries(names.map((n) => [n, median(pages.flatMap((p) => (n in p.marks ? [p.marks[n]] : [])))])),
  };
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const count = Number(option('--pages') ?? 3);
  const at = process.argv.indexOf('--compare');
  const dists = at >= 0 ? process.argv.slice(at + 1).filter((a) => !a.startsWith('--')) : [DIST];
  const servers = await Promise.all(dists.map((d) => startWebMode(d)));
  const pages: PageTimes[][] = dists.map(() => []);
  try {
    for (const web of servers) await onePage(web); // warm-up: Chromium's own caches, not counted
    for (let k = 0; k < count; k++) for (let d = 0; d < servers.length; d++) pages[d].push(await onePage(servers[d]));
  } finally {
    await Promise.all(servers.map((w) => w.close()));
  }
  for (let d = 0; d < dists.length; d++) console.log(JSON.stringify(summary(dists[d], pages[d])));
}

if (require.main === module)
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
