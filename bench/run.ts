/**
 * `npm run bench [-- --quick] [-- --sizes 5000,50000] [-- --seed 1] [-- --countifs-max 10000]`
 *
 * The performance issue's table, every contender measured in this one run on generated
 * workbooks (accounts = opportunities/10, contacts = /2, activities ≈ 4×), each in its own
 * child process so its peak memory is its own (docs/performance.md explains each row):
 *   (1) `crm3 evaluate file.xlsx --json` vs LibreOffice recalculating the planner's COUNTIFS workbook
 *   (2) engine (snapshot in memory → all results) vs direct TypeScript (the catalog on plain arrays)
 *   (3) the per-account template as CRM3 group-by spills vs per-row COUNTIFS, both in HyperFormula
 *   (4) incremental what-if: one cell changed → indicators, median of several changes
 *   (5) peak memory of each
 * Times are wall clock and CPU (user + system); ratios are given on both, since a shared
 * machine inflates wall time unevenly. Results also go to bench/out/last-run.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { invoke } from '../src/functions/invoke';
import { catalog } from '../src/functions/catalog';
import { generateSample } from '../src/model/sample';
import { convertToCsv, findSoffice, libreOfficeVersion, parseCsv } from './libreoffice';
import { bundledProbe } from './bundle';
import { ChildRun, runChild } from './measure';
import { PEER_COLUMNS } from './peerWorkbook';
import { OUT, ROOT, benchFiles } from './workbooks';

interface Options {
  sizes: number[];
  seed: number;
  countifsMax: number;
  changes: number;
}

function parseArgs(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const sizes = (value('--sizes') ?? (quick ? '5000' : '5000,10000,20000,50000')).split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100 || n > 200_000)) throw new Error('--sizes: integers from 100 to 200000');
  return {
    sizes: [...sizes].sort((a, b) => a - b),
    seed: Number(value('--seed') ?? 1),
    countifsMax: Number(value('--countifs-max') ?? (quick ? 5000 : 10_000)),
    // Four kinds of change in turn (Status, Amount, CloseDate, decision-chain Support): 20 of each.
    changes: Number(value('--changes') ?? (quick ? 20 : 80)),
  };
}

interface Measured {
  wallMs: number;
  cpuMs?: number;
  peakMb?: number;
  note?: string;
}

type Row = Record<number, Measured | undefined>;

const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

async function probe(
  mode: string,
  size: number,
  seed: number,
  extra: string[] = [],
): Promise<Measured & Record<string, unknown>> {
  const run = await runChild(process.execPath, [await bundledProbe(), mode, String(size), String(seed), ...extra]);
  const line = run.stdout.trim().split('\n').pop() ?? '';
  if (run.code !== 0 || !line.startsWith('{'))
    throw new Error(`probe ${mode} ${size} failed (exit ${run.code}): ${run.stderr.slice(-2000)}`);
  const r = JSON.parse(line) as Measured & Record<string, unknown>;
  // Memory from outside (the child's own maxRSS is the same figure; GNU time also counts tsx's loader).
  return { ...r, peakMb: run.peakMb ?? r.peakMb };
}

const asMeasured = (r: ChildRun, note?: string): Measured => ({ wallMs: r.wallMs, cpuMs: r.cpuMs, peakMb: r.peakMb, note });

/** Per-account won / lost / open pipeline as the CRM3 catalog computes them (the peer's check). */
function expectedPeer(size: number, seed: number): Map<string, [number, number, number]> {
  const s = generateSample({ size, seed });
  const col = (t: 'Opportunities' | 'Accounts', name: string) => {
    const table = s.tables[t]!;
    const j = table.headers.indexOf(name);
    return table.rows.map((r) => [r[j] ?? null]);
  };
  const fn = (id: string) => catalog.find((d) => d.id === id)!;
  const [keys, status, amount, groups] = [
    col('Opportunities', 'AccountId'),
    col('Opportunities', 'Status'),
    col('Opportunities', 'Amount'),
    col('Accounts', 'AccountId'),
  ];
  const won = invoke(fn('COUNTBY'), [keys, groups, status, 'Won']) as number[][];
  const lost = invoke(fn('COUNTBY'), [keys, groups, status, 'Lost']) as number[][];
  const open = invoke(fn('SUMBY'), [keys, amount, groups, status, 'Open']) as number[][];
  return new Map(groups.map((g, i) => [String(g[0]), [won[i][0] ?? 0, lost[i][0] ?? 0, open[i][0] ?? 0]]));
}

/** Compares LibreOffice's recalculated Accounts sheet with the kernels; returns a short verdict. */
function checkPeer(csv: string, expected: Map<string, [number, number, number]>): string {
  const rows = parseCsv(readFileSync(csv, 'utf8'));
  const header = rows[0];
  const at = PEER_COLUMNS.map((c) => header.indexOf(c));
  let bad = 0;
  let checked = 0;
  for (const r of rows.slice(1)) {
    const e = expected.get(r[0]);
    if (!e) continue;
    checked++;
    const [won, lost, , open] = at.map((j) => Number(r[j] || 0));
    if (won !== e[0] || lost !== e[1] || Math.abs(open - e[2]) > 1e-6 * Math.max(1, e[2])) bad++;
  }
  return bad === 0 && checked === expected.size
    ? `recalculated, ${checked} accounts agree with CRM3`
    : `${bad} of ${checked} accounts DIFFER from CRM3`;
}

const sec = (ms?: number) => (ms === undefined ? '—' : ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);
const cell = (m?: Measured) => (m ? `${sec(m.wallMs)} (${sec(m.cpuMs)})` : '—');
const mem = (m?: Measured) => (m?.peakMb ? `${m.peakMb.toFixed(0)} MB` : '—');
const times = (a?: number, b?: number) => (a && b ? `×${(a / b).toFixed(a / b < 10 ? 2 : 0)}` : '—');
type Extra = Measured & Record<string, unknown>;
/** The typed single pass of the five indicators, parse included. */
const typedMeasured = (m?: Measured): Measured | undefined => {
  const r = m as Extra | undefined;
  return r?.parseWallMs === undefined
    ? undefined
    : {
        wallMs: (r.parseWallMs as number) + (r.passWallMs as number),
        cpuMs: (r.parseCpuMs as number) + (r.passCpuMs as number),
      };
};
const typedCell = (m?: Measured) => cell(typedMeasured(m));
const p95Cell = (m?: Measured) => {
  const r = m as Extra | undefined;
  return r?.p95WallMs === undefined ? '—' : `${sec(r.p95WallMs as number)} (${sec(r.p95CpuMs as number)})`;
};
const kindCell = (m: Measured | undefined, kind: string) => {
  const k = ((m as Extra | undefined)?.byKind as Record<string, { medianWallMs: number; p95WallMs: number }> | undefined)?.[kind];
  return k ? `${sec(k.medianWallMs)} / ${sec(k.p95WallMs)}` : '—';
};
const ratio = (slow?: Measured, fast?: Measured) =>
  slow && fast ? `${times(slow.wallMs, fast.wallMs)} (${times(slow.cpuMs, fast.cpuMs)})` : '—';

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const soffice = findSoffice();
  const started = Date.now();
  const header = [
    `CRM3 benchmark — ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    soffice
      ? libreOfficeVersion(soffice)
      : 'LibreOffice: not installed — the LibreOffice row is skipped (apt-get install -y libreoffice-calc-nogui; see docs/performance.md)',
    `sizes ${o.sizes.join(', ')} opportunities, seed ${o.seed}; cells show wall time (CPU time); ratios likewise`,
  ];
  header.forEach((l) => console.log(l));
  const rows: Record<string, Row> = {};
  const set = (name: string, size: number, m: Measured | undefined) => ((rows[name] ??= {})[size] = m);
  const notes: string[] = [];

  if (soffice) {
    // First start of a fresh profile is slow (LibreOffice sets it up): not measured.
    const warm = await benchFiles(100, 99);
    await convertToCsv(soffice, warm.peer, path.join(OUT, 'lo'));
  }
  // crm3 --help against bare node, five runs each, medians (the compiled CLI built first, not timed).
  await runChild(process.execPath, [path.join(ROOT, 'bin', 'crm3.js'), '--help']);
  const startup: { help: number[]; node: number[] } = { help: [], node: [] };
  for (let k = 0; k < 5; k++) {
    startup.help.push((await runChild(process.execPath, [path.join(ROOT, 'bin', 'crm3.js'), '--help'])).wallMs);
    startup.node.push((await runChild(process.execPath, ['-e', '0'])).wallMs);
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[2];
  const startupLine = `crm3 --help ${sec(mid(startup.help))} vs node -e 0 ${sec(mid(startup.node))}: ×${(mid(startup.help) / mid(startup.node)).toFixed(2)} (target ≤ ×3; medians of 5)`;
  console.log(startupLine);
  // Web mode's first indicator, when the production build is there (npm run build).
  let webLine = 'web mode first indicator: not measured (no dist/index.html: run npm run build first)';
  if (existsSync(path.join(ROOT, 'dist', 'index.html'))) {
    const web = await runChild(process.execPath, [TSX, path.join(ROOT, 'bench', 'webFirstIndicator.ts')]);
    const last = web.stdout.trim().split('\n').pop() ?? '';
    const times = last.startsWith('{') ? (JSON.parse(last) as { navMs: number; wallMs: number }) : undefined;
    // From the page's navigation (what a user waits for); with a fresh browser context opened, as this row used to say.
    webLine = times
      ? `web mode first indicator ${sec(times.navMs)} from navigation, ${sec(times.wallMs)} with a fresh browser context (target ≤ 1.5 s; median of 3 pages; Chromium without its new-window address-bar popups, docs/performance.md)`
      : `web mode first indicator: failed (${web.stderr.slice(-300)})`;
  }
  console.log(webLine);
  for (const size of o.sizes) {
    console.log(`\n— ${size.toLocaleString('en-US')} opportunities`);
    const files = await benchFiles(size, o.seed);
    if (files.generated)
      console.log(`  generated ${path.basename(files.crm3)} with crm3 sample in ${sec(files.generated.wallMs)}`);

    const evaluate = await runChild(process.execPath, [
      path.join(ROOT, 'bin', 'crm3.js'),
      'evaluate',
      files.crm3,
      '--json',
      '--as-of',
      '2026-11-26',
      // 200,000 opportunities make a 96 MB file: over the default 50 MB a user raises the limit too.
      '--max-file-mb',
      '1000',
    ]);
    if (evaluate.code !== 0 && evaluate.code !== 1)
      throw new Error(`crm3 evaluate failed (exit ${evaluate.code}): ${evaluate.stderr.slice(-1000)}`);
    const json = JSON.parse(evaluate.stdout) as { indicators: unknown[]; opportunities: unknown[] };
    set(
      'crm3',
      size,
      asMeasured(evaluate, `${json.indicators.length} indicators, ${json.opportunities.length} opportunity rows`),
    );
    console.log(`  crm3 evaluate --json: ${cell(rows.crm3[size])}, ${mem(rows.crm3[size])}`);

    if (soffice) {
      const lo = await convertToCsv(soffice, files.peer, path.join(OUT, 'lo'));
      const verdict =
        lo.code === 0 && lo.csv
          ? checkPeer(lo.csv, expectedPeer(size, o.seed))
          : `failed (exit ${lo.code}): ${lo.stderr.slice(-300)}`;
      set('libreoffice', size, asMeasured(lo, verdict));
      console.log(`  LibreOffice: ${cell(rows.libreoffice[size])}, ${mem(rows.libreoffice[size])} — ${verdict}`);
    }

    for (const mode of ['engine', 'direct', 'five', 'whatif'] as const) {
      const r = await probe(mode, size, o.seed, mode === 'whatif' ? [String(o.changes)] : []);
      set(mode, size, {
        ...r,
        note:
          mode === 'whatif'
            ? `median of ${r.changes}, p95 ${sec(r.p95WallMs as number)} (${sec(r.p95CpuMs as number)}), slowest ${sec(r.maxWallMs as number)}, restored ${r.restored}; by column ${JSON.stringify(r.byKind)}`
            : mode === 'five'
              ? `typed columns: parse ${sec(r.parseWallMs as number)} (${sec(r.parseCpuMs as number)}), five passes ${sec(r.passWallMs as number)} (${sec(r.passCpuMs as number)}); ${r.agree}`
              : undefined,
      });
      console.log(
        `  ${mode}: ${cell(rows[mode][size])}, ${mem(rows[mode][size])}${rows[mode][size]?.note ? ` — ${rows[mode][size]!.note}` : ''}`,
      );
    }
    if (size === o.sizes[0]) {
      const check = await probe('check', size, o.seed);
      const diffs = check.diffs as string[];
      notes.push(
        diffs.length
          ? `engine vs direct at ${size}: ${diffs.length} DIFFERENCES: ${diffs.slice(0, 5).join('; ')}`
          : `engine and direct agree on all 40 indicators and 9 computed columns at ${size}`,
      );
      console.log(`  ${notes[notes.length - 1]}`);
    }
    if (size <= o.countifsMax) {
      const data = await probe('data', size, o.seed);
      const groupBy = await probe('groupby', size, o.seed);
      const countifs = await probe('countifs', size, o.seed);
      set('data', size, data);
      set('groupby', size, groupBy);
      set('countifs', size, { ...countifs, note: countifs.digest === groupBy.digest ? 'same results' : 'results DIFFER' });
      console.log(
        `  template group-by ${cell(groupBy)} vs per-row COUNTIFS ${cell(countifs)} (data alone ${cell(data)}): ${rows.countifs[size]!.note}`,
      );
    }
  }

  const sizes = o.sizes;
  const line = (label: string, f: (n: number) => string) => `${label.padEnd(44)}${sizes.map((n) => f(n).padStart(22)).join('')}`;
  const minus = (a?: Measured, b?: Measured): Measured | undefined =>
    a && b
      ? { wallMs: a.wallMs - b.wallMs, cpuMs: a.cpuMs !== undefined && b.cpuMs !== undefined ? a.cpuMs - b.cpuMs : undefined }
      : undefined;
  const table = [
    '',
    line('opportunities', (n) => n.toLocaleString('en-US')),
    line('(1) crm3 evaluate --json (read+engine+JSON)', (n) => cell(rows.crm3?.[n])),
    line('    LibreOffice, per-account COUNTIFS/SUMIFS', (n) => (soffice ? cell(rows.libreoffice?.[n]) : 'skipped')),
    line('    LibreOffice / crm3', (n) => ratio(rows.libreoffice?.[n], rows.crm3?.[n])),
    line('(2) engine: snapshot → all results', (n) => cell(rows.engine?.[n])),
    line('    direct TypeScript (catalog on arrays)', (n) => cell(rows.direct?.[n])),
    line('    engine / direct', (n) => ratio(rows.engine?.[n], rows.direct?.[n])),
    line('(3) template, CRM3 group-by (HyperFormula)', (n) => cell(rows.groupby?.[n])),
    line('    template, per-row COUNTIFS (HyperFormula)', (n) => cell(rows.countifs?.[n])),
    line('    COUNTIFS / group-by, whole workbook', (n) => ratio(rows.countifs?.[n], rows.groupby?.[n])),
    line('    … formulas only (data load subtracted)', (n) =>
      ratio(minus(rows.countifs?.[n], rows.data?.[n]), minus(rows.groupby?.[n], rows.data?.[n])),
    ),
    line('    five indicators: engine', (n) => cell(rows.five?.[n])),
    line('    five indicators: typed parse + one pass', (n) => typedCell(rows.five?.[n])),
    line('    engine / typed pass, five indicators', (n) => ratio(rows.five?.[n], typedMeasured(rows.five?.[n]))),
    line('(4) what-if: 1 cell → indicators (median)', (n) => cell(rows.whatif?.[n])),
    line('    what-if p95', (n) => p95Cell(rows.whatif?.[n])),
    line('    what-if Status edits median / p95 (wall)', (n) => kindCell(rows.whatif?.[n], 'Opportunities.Status')),
    line('    what-if Amount edits median / p95 (wall)', (n) => kindCell(rows.whatif?.[n], 'Opportunities.Amount')),
    line('    what-if CloseDate edits median / p95 (wall)', (n) => kindCell(rows.whatif?.[n], 'Opportunities.CloseDate')),
    line('    what-if Support edits median / p95 (wall)', (n) => kindCell(rows.whatif?.[n], 'DecisionChain.Support')),
    line('(5) peak RSS: crm3 evaluate', (n) => mem(rows.crm3?.[n])),
    line('    LibreOffice', (n) => mem(rows.libreoffice?.[n])),
    line('    engine / direct', (n) => `${mem(rows.engine?.[n])} / ${mem(rows.direct?.[n])}`),
    line('    what-if (build + changes)', (n) => mem(rows.whatif?.[n])),
    line('    group-by / COUNTIFS template', (n) =>
      rows.groupby?.[n] ? `${mem(rows.groupby[n])} / ${mem(rows.countifs?.[n])}` : '—',
    ),
  ];
  // Linearity: cost per opportunity relative to the smallest size (1.00 = exactly linear).
  const perOpp = (name: string) => (n: number) => {
    const base = rows[name]?.[sizes[0]];
    const m = rows[name]?.[n];
    if (!base?.cpuMs || !m?.cpuMs) return '—';
    return `${(m.cpuMs / n / (base.cpuMs / sizes[0])).toFixed(2)}`;
  };
  const peakGrowth = (name: string) => (n: number) => {
    const base = rows[name]?.[sizes[0]]?.peakMb;
    const m = rows[name]?.[n]?.peakMb;
    return base && m ? `×${(m / base).toFixed(2)}` : '—';
  };
  table.push(
    line('growth: CPU per opportunity vs smallest size', () => ''),
    line('    crm3 evaluate', perOpp('crm3')),
    line('    engine', perOpp('engine')),
    line('    direct', perOpp('direct')),
    line('    what-if', perOpp('whatif')),
    line('growth: peak RSS vs smallest size (×)', () => ''),
    line('    crm3 evaluate', peakGrowth('crm3')),
    line('    what-if', peakGrowth('whatif')),
  );
  table.forEach((l) => console.log(l));
  const largest = sizes[sizes.length - 1];
  const r = (a?: Measured, b?: Measured) => (a?.cpuMs && b?.cpuMs ? a.cpuMs / b.cpuMs : undefined);
  const fmt = (x?: number) => (x === undefined ? 'not measured' : `×${x.toFixed(1)}`);
  const cmax = Math.max(0, ...sizes.filter((n) => n <= o.countifsMax));
  const targets = [
    `(1) at ${largest}: LibreOffice / crm3 = ${fmt(r(rows.libreoffice?.[largest], rows.crm3?.[largest]))} CPU, ${soffice && rows.libreoffice?.[largest] ? times(rows.libreoffice[largest]!.wallMs, rows.crm3[largest]!.wallMs) : '—'} wall (target ≥ ×10); crm3 ${cell(rows.crm3?.[largest])}, LibreOffice ${cell(rows.libreoffice?.[largest])}`,
    `(2) at ${largest}: engine / direct = ${fmt(r(rows.engine?.[largest], rows.direct?.[largest]))} CPU (target ≤ ×3)`,
    cmax
      ? `(3) at ${cmax}: COUNTIFS / group-by = ${fmt(r(rows.countifs?.[cmax], rows.groupby?.[cmax]))} CPU whole workbook, ${fmt(r(minus(rows.countifs?.[cmax], rows.data?.[cmax]), minus(rows.groupby?.[cmax], rows.data?.[cmax])))} formulas only (target ≥ ×100)`
      : `(3) not measured in this run (no size ≤ --countifs-max ${o.countifsMax})`,
    `(2) at ${largest}: five indicators, engine / typed single pass = ${fmt(r(rows.five?.[largest], typedMeasured(rows.five?.[largest])))} CPU (the honest limit)`,
    `(4) at ${largest}: what-if median ${cell(rows.whatif?.[largest])}, p95 ${p95Cell(rows.whatif?.[largest])} (target median ≤ 50 ms, p95 ≤ 150 ms)`,
    `peak RSS at ${largest}: crm3 evaluate ${mem(rows.crm3?.[largest])} (target ≤ 600 MB), what-if ${mem(rows.whatif?.[largest])} (target ≤ 800 MB)`,
    startupLine,
    webLine,
    ...notes,
    `finished in ${sec(Date.now() - started)}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  ];
  console.log('');
  targets.forEach((l) => console.log(l));
  writeFileSync(path.join(OUT, 'last-run.json'), JSON.stringify({ header, options: o, rows, table, targets }, null, 2));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
