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

/**
 * Installed in the page before any of its own scripts (`web.open`'s `init`): notes when the first
 * indicator card with a value is in the document (`dom`) and the start of the frame that paints it
 * (`frame`), on the page's clock (ms from its navigation start). The page is watched from its first
 * byte, so the time cannot depend on when the bench starts looking: Playwright's own polling began
 * only after the page's `load` event and the injection of its script (~20 ms of the page's thread),
 * which could come after the card (issue #15). Serialised into the page: no named inner functions.
 */
export function watchFirstIndicator(): void {
  const w = window as unknown as {
    __crm3FirstIndicator?: { dom: number; frame?: number };
    __crm3PaneFrame?: { dom: number; frame?: number };
  };
  const observer = new MutationObserver(() => {
    if (w.__crm3FirstIndicator) return;
    // The pane React draws (its view picker; web mode's first frame, drawn by the HTML, has no test ids).
    if (!w.__crm3PaneFrame && document.querySelector('[data-testid="view-picker"]')) {
      const pane: { dom: number; frame?: number } = { dom: performance.now() };
      w.__crm3PaneFrame = pane;
      requestAnimationFrame(() => (pane.frame = performance.now()));
    }
    const values = document.querySelectorAll('[data-testid="indicator-value"]');
    if (![...values].some((e) => (e.textContent ?? '').trim() !== '')) return;
    observer.disconnect();
    const seen: { dom: number; frame?: number } = { dom: performance.now() };
    // On the page's timeline too, for bench/webTrace.ts (its phases end at this mark).
    performance.mark('crm3:first-card');
    w.__crm3FirstIndicator = seen;
    requestAnimationFrame(() => (seen.frame = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/**
 * Resolves when the page (opened with `watchFirstIndicator` as its `init`) has shown its first
 * indicator card with a value: the start of the frame that paints it, and when it entered the
 * document, in ms since the page's navigation started.
 */
export async function firstIndicatorShown(page: Page): Promise<{ shown: number; inDocument: number }> {
  const handle = await page.waitForFunction(
    () =>
      (window as unknown as { __crm3FirstIndicator?: { dom: number; frame?: number } }).__crm3FirstIndicator?.frame !==
        undefined && (window as unknown as { __crm3FirstIndicator: { dom: number; frame: number } }).__crm3FirstIndicator,
    undefined,
    { timeout: 120_000 },
  );
  const { dom, frame } = (await handle.jsonValue()) as { dom: number; frame: number };
  return { shown: Math.round(frame), inDocument: Math.round(dom) };
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
  // The page's load event: Playwright's page.goto returns after it (the old poll started there).
  const load = await page.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)?.loadEventStart ?? 0,
  );
  // The first paint with content (web mode's first frame where index.html draws it), and the frame
  // that painted the pane React draws.
  const paints = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    pane: (window as unknown as { __crm3PaneFrame?: { frame?: number } }).__crm3PaneFrame?.frame,
  }));
  return {
    ...Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, Math.round(v)])),
    'load-event': Math.round(load),
    ...(paints.fcp !== undefined ? { 'first-contentful-paint': Math.round(paints.fcp) } : {}),
    ...(paints.pane !== undefined ? { 'pane-frame': Math.round(paints.pane) } : {}),
  };
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
  const page = await web.open('?lang=en-US', { init: watchFirstIndicator, cut: !process.argv.includes('--no-cut') });
  const { shown: navMs, inDocument } = await firstIndicatorShown(page);
  const wallMs = Date.now() - t0;
  const marks = { ...(await marksOf(page)), ...(await workerMarks(page)), 'card-in-document': inDocument };
  await page.context().close();
  return { wallMs, navMs, marks };
}

/** Per page, the ms from mark `a` to mark `b` (pages lacking either are left out). */
const between = (pages: PageTimes[], a: string, b: string) =>
  pages.flatMap((p) => (a in p.marks && b in p.marks ? [p.marks[b] - p.marks[a]] : []));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function summary(dist: string, pages: PageTimes[]) {
  const names = [...new Set(pages.flatMap((p) => Object.keys(p.marks)))];
  return {
    dist,
    wallMs: median(pages.map((p) => p.wallMs)),
    navMs: median(pages.map((p) => p.navMs)),
    runs: pages.map((p) => p.wallMs),
    navRuns: pages.map((p) => p.navMs),
    // The first paint (web mode's first frame, or the pane where React draws it first) and the pane's frame.
    fcpMs: median(pages.flatMap((p) => ('first-contentful-paint' in p.marks ? [p.marks['first-contentful-paint']] : []))),
    paneMs: median(pages.flatMap((p) => ('pane-frame' in p.marks ? [p.marks['pane-frame']] : []))),
    // From the results' arrival on the page to the first card shown (the render).
    shownAfterResults: median(pages.flatMap((p) => ('results' in p.marks ? [p.navMs - p.marks.results] : []))),
    // The critical path, per page then the median: the handoff from the worker's sample built to
    // the results on the page, and which thread was ready first (> 0: the page sent its load after
    // the worker had its results; < 0: the page waited for the worker).
    handoff: median(between(pages, 'w:preload-done', 'results')),
    pageLaterBy: median(between(pages, 'w:preload-done', 'load-sent')),
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
