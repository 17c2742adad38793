/**
 * Where web mode's time to first indicator goes: opens the build (CRM3_DIST) in Chromium with a
 * Chrome trace running (the page's main thread, the engine worker, the network), waits for the
 * first indicator card with a value, and prints a timeline (scripts fetched and run, the worker's
 * start, messages, the first paint) and, per thread, the functions that took the time (the
 * sampled CPU profile inside the trace). Build without minification for readable names:
 *
 *   CRM3_DIST=/tmp/dist-nomin npx webpack --mode production --no-optimization-minimize
 *   CRM3_DIST=/tmp/dist-nomin npx tsx bench/webTrace.ts [--out trace.json] [--top 25] [--light]
 *
 * The timeline includes the pane's own marks (`crm3:*`, src/taskpane/timing.ts) on both threads.
 * `--light` records without the sampled CPU profile: V8's profiler slows the page (its start
 * alone took half a second in the worker under load), so the light timeline is the one to
 * read for durations, the full one for where inside them the time goes.
 */
import * as fs from 'fs';
import { DIST, WebMode, startWebMode } from '../test/e2e/support/webServer';
import { summarise } from './profileSummary';
import { firstIndicatorShown, watchFirstIndicator } from './webFirstIndicator';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, any>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  parent?: number;
  children?: number[];
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'blink.user_timing',
  'loading',
  'disabled-by-default-v8.cpu_profiler',
  'disabled-by-default-devtools.timeline.frame',
];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The sampled CPU profiles in the trace, one per (pid, tid, profile id), as .cpuprofile objects. */
function profilesOf(events: TraceEvent[]): Map<string, { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }> {
  const out = new Map<string, { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }>();
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const key = `${e.pid}:${e.tid}:${e.id}`;
    const p = out.get(key) ?? { nodes: [], samples: [], timeDeltas: [] };
    out.set(key, p);
    const data = e.args?.data ?? {};
    for (const n of data.cpuProfile?.nodes ?? [])
      p.nodes.push({ ...n, callFrame: { functionName: '', url: '', lineNumber: 0, ...n.callFrame }, children: [] });
    p.samples.push(...(data.cpuProfile?.samples ?? []));
    p.timeDeltas.push(...(data.timeDeltas ?? []));
  }
  for (const p of out.values()) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    for (const n of p.nodes) if (n.parent !== undefined) byId.get(n.parent)?.children!.push(n.id);
  }
  return out;
}

/** One traced page of `web` with these trace categories: its events and the wall time to its first indicator. */
async function tracedPage(web: WebMode, categories: string[]): Promise<{ events: TraceEvent[]; wall: number }> {
  const cdp = await web.browser.newBrowserCDPSession();
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => void events.push(...(d.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' } as never);
  const t0 = Date.now();
  const page = await web.open('?lang=en-US', { init: watchFirstIndicator });
  await firstIndicatorShown(page);
  const wall = Date.now() - t0;
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  await page.context().close();
  await cdp.detach();
  return { events, wall };
}

/**
 * The engine worker's phases of one page, in thread (CPU) time: a machine shared with other
 * work stretches wall times two- to five-fold, a thread's own running time far less. `compile`
 * and `modules` come from the worker script's v8.compile and EvaluateScript, the rest from the
 * differences of the worker's `crm3:*` marks (their `tts`); `after-preload` is the thread time
 * between the preload's end and the page's load message being handled (the end of the script's
 * task: what Chromium does after a worker's top-level script has run).
 */
function workerPhases(events: TraceEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  const ready = events.find((e) => e.name === 'crm3:worker-ready');
  if (!ready) return out;
  const ours = events.filter((e) => e.pid === ready.pid && e.tid === ready.tid);
  const script = ours.find((e) => e.name === 'EvaluateScript' && /crm3-engine/.test(e.args?.data?.url ?? ''));
  const compile = ours.find((e) => e.name === 'v8.compile' && /crm3-engine/.test(e.args?.fileName ?? e.args?.data?.url ?? ''));
  const tdur = (e?: TraceEvent) => ((e as { tdur?: number } | undefined)?.tdur ?? 0) / 1000;
  const tts = (e: TraceEvent) => ((e as { tts?: number }).tts ?? 0) / 1000;
  if (compile) out.compile = tdur(compile);
  const marks = ours.filter((e) => e.name.startsWith('crm3:')).sort((a, b) => a.ts - b.ts);
  if (script) out.modules = tts(ready) - ((script as { tts?: number }).tts ?? 0) / 1000 - (out.compile ?? 0);
  for (let i = 1; i < marks.length; i++) {
    const name = `${marks[i - 1].name.slice(5)}→${marks[i].name.slice(5)}`;
    out[name] = tts(marks[i]) - tts(marks[i - 1]);
  }
  out['worker total'] = tts(marks[marks.length - 1]) - (script ? ((script as { tts?: number }).tts ?? 0) / 1000 : 0);
  // The page's thread: its running time from the first script to the results, and between its marks.
  const entry = events.find((e) => e.name === 'crm3:entry');
  if (entry) {
    const page = events.filter((e) => e.pid === entry.pid && e.tid === entry.tid);
    const pageMarks = page.filter((e) => e.name.startsWith('crm3:')).sort((a, b) => a.ts - b.ts);
    for (let i = 1; i < pageMarks.length; i++)
      out[`page ${pageMarks[i - 1].name.slice(5)}→${pageMarks[i].name.slice(5)}`] = tts(pageMarks[i]) - tts(pageMarks[i - 1]);
    const results = pageMarks.find((e) => e.name === 'crm3:results');
    const first = page.find(
      (e) => e.name === 'RunTask' && (e as { tts?: number }).tts !== undefined && e.ts >= pageMarks[0].ts - 2e6,
    );
    if (results && first) out['page total'] = tts(results) - tts(first);
  }
  return out;
}

async function phases(pages: number, dists: string[]): Promise<void> {
  const categories = CATEGORIES.filter((c) => !c.includes('cpu_profiler'));
  const servers = await Promise.all(dists.map((d) => startWebMode(d)));
  const rows: Record<string, number>[][] = dists.map(() => []);
  try {
    for (const web of servers) await tracedPage(web, categories); // warm-up
    for (let k = 0; k < pages; k++)
      for (let d = 0; d < servers.length; d++) {
        const { events, wall } = await tracedPage(servers[d], categories);
        rows[d].push({ ...workerPhases(events), wall });
      }
  } finally {
    await Promise.all(servers.map((w) => w.close()));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  for (let d = 0; d < dists.length; d++) {
    const keys = [...new Set(rows[d].flatMap((r) => Object.keys(r)))];
    const cells = keys.map((k) => [k, Math.round(median(rows[d].flatMap((r) => (k in r ? [r[k]] : []))))]);
    console.log(JSON.stringify({ dist: dists[d], pages, threadMs: Object.fromEntries(cells) }));
  }
}

async function main(): Promise<void> {
  const top = Number(option('--top') ?? 25);
  const from = option('--from');
  const phasePages = option('--phases');
  if (phasePages) {
    const at = process.argv.indexOf('--compare');
    const dists = at >= 0 ? process.argv.slice(at + 1).filter((a) => !a.startsWith('--')) : [DIST];
    return phases(Number(phasePages), dists);
  }
  if (from) return analyse((JSON.parse(fs.readFileSync(from, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents, NaN, top);
  const web = await startWebMode();
  try {
    // Warm-up page (as bench/webFirstIndicator.ts): Chromium's own caches.
    const warm = await web.open('?lang=en-US', { init: watchFirstIndicator });
    await firstIndicatorShown(warm);
    await warm.context().close();

    const categories = process.argv.includes('--light') ? CATEGORIES.filter((c) => !c.includes('cpu_profiler')) : CATEGORIES;
    const { events, wall } = await tracedPage(web, categories);
    const out = option('--out');
    if (out) fs.writeFileSync(out, JSON.stringify({ traceEvents: events }));

    analyse(events, wall, top);
  } finally {
    await web.close();
  }
}

function analyse(events: TraceEvent[], wall: number, top: number): void {
  // Threads by name.
  const threadName = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  // The page's renderer: the process that asked for index.html (Chromium's own pages are left out).
  const pagePid = events.find((e) => e.name === 'ResourceSendRequest' && /index\.html/.test(e.args?.data?.url ?? ''))?.pid;
  const ours = events.filter((e) => e.pid === pagePid);
  // The page's own navigation (the new tab's about:blank navigates first, 0.1–0.9 s earlier):
  // the origin of the page's performance.now(), so the marks here and the bench's navMs agree.
  const start =
    ours.find((e) => e.name === 'navigationStart' && /index\.html/.test(e.args?.data?.documentLoaderURL ?? ''))?.ts ??
    ours.filter((e) => e.name === 'navigationStart').map((e) => e.ts)[0] ??
    events.find((e) => e.name === 'ResourceSendRequest' && e.pid === pagePid)?.ts ??
    0;
  const ms = (ts: number) => `${((ts - start) / 1000).toFixed(0).padStart(6)} ms`;
  console.log(`first indicator after ${wall} ms (wall, as the bench measures it)`);
  console.log('timeline (from navigationStart):');
  const shown = ours
    .filter(
      (e) =>
        (e.name.startsWith('crm3:') ||
          e.name === 'ResourceSendRequest' ||
          e.name === 'ResourceFinish' ||
          (e.name === 'EvaluateScript' && (e.dur ?? 0) > 5000) ||
          (e.name === 'v8.compile' && (e.dur ?? 0) > 5000) ||
          e.name === 'firstContentfulPaint' ||
          e.name === 'firstPaint' ||
          (e.name === 'FunctionCall' && (e.dur ?? 0) > 20000) ||
          (e.name === 'HandlePostMessage' && (e.dur ?? 0) > 20000) ||
          (e.name === 'RunTask' && (e.dur ?? 0) > 50000) ||
          ((e.name === 'MajorGC' || e.name === 'MinorGC') && (e.dur ?? 0) > 10000)) &&
        e.ts >= start,
    )
    .sort((a, b) => a.ts - b.ts);
  for (const e of shown) {
    const where = threadName.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
    const what =
      e.args?.data?.url?.replace(/^.*\//, '') ??
      e.args?.data?.requestId ??
      (e.args?.data?.functionName ? `${e.args.data.functionName}` : '');
    const dur = e.dur ? ` ${(e.dur / 1000).toFixed(0)} ms` : '';
    console.log(`  ${ms(e.ts)}  ${where.padEnd(22)} ${e.name}${dur} ${what}`);
  }
  // Busy time per thread (top-level tasks) and its profile.
  const busy = new Map<string, number>();
  for (const e of ours)
    if (e.name === 'RunTask' && e.ts >= start && e.dur)
      busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
  console.log('busy time per thread (RunTask):');
  for (const [k, v] of [...busy.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`  ${(v / 1000).toFixed(0).padStart(6)} ms  ${threadName.get(k) ?? k}`);
  for (const [key, profile] of profilesOf(ours)) {
    if (profile.samples.length < 50) continue;
    const [pid, tid] = key.split(':');
    console.log(`\n== CPU profile of ${threadName.get(`${pid}:${tid}`) ?? key}`);
    console.log(summarise(profile as never, top).join('\n'));
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
