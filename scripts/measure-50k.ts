/**
 * Measures the `crm3 evaluate` path on a 50,000-opportunity sample (issue 4: too slow for a
 * unit test). Phases: generate, write .xlsx, read it back, validate, engine build, indicators,
 * per-row results + JSON, one what-if (a status changed → indicators, then undone); then the real
 * CLI (`main(['evaluate', file, '--json'])`) end to end. Prints wall time per phase and peak RSS
 * (process.resourceUsage().maxRSS). `npm run bench` (docs/performance.md) compares with peers.
 *
 *   npx tsx scripts/measure-50k.ts [size] [--out /tmp/crm3-50k.xlsx]
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../src/cli/main';
import { dataProblems } from '../src/engine/evaluate';
import { WorkbookEngine } from '../src/engine/workbookEngine';
import { readWorkbookFile } from '../src/io/readWorkbook';
import { writeWorkbook } from '../src/io/writeWorkbook';
import { generateSample } from '../src/model/sample';

const args = process.argv.slice(2);
const size = Number(args.find((a) => /^\d+$/.test(a)) ?? 50_000);
const outAt = args.indexOf('--out');
const file = outAt >= 0 ? args[outAt + 1] : path.join(os.tmpdir(), `crm3-${size}.xlsx`);
const ASOF = 46352; // 2026-11-26

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024; // maxRSS is in KB
const rows: { phase: string; ms: number; heap: string; rss: string; peak: string; note: string }[] = [];

async function phase<T>(name: string, run: () => T | Promise<T>, note: (t: T) => string = () => ''): Promise<T> {
  const t0 = process.hrtime.bigint();
  const result = await run();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = process.memoryUsage();
  const row = { phase: name, ms, heap: mb(m.heapUsed), rss: mb(m.rss), peak: mb(peakRss()), note: note(result) };
  rows.push(row);
  console.log(
    `${name.padEnd(22)} ${ms.toFixed(0).padStart(8)} ms   heap ${row.heap.padStart(8)}   rss ${row.rss.padStart(8)}   peak rss ${row.peak.padStart(8)}   ${row.note}`,
  );
  return result;
}

async function measure(): Promise<void> {
  console.log(
    `CRM3 evaluate on ${size.toLocaleString('en-US')} opportunities — node ${process.version}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const snapshot = await phase(
    'generate',
    () => generateSample({ size, seed: 1 }),
    (s) =>
      Object.entries(s.tables)
        .map(([t, d]) => `${t} ${d!.rows.length}`)
        .join(', '),
  );
  await phase(
    'write .xlsx',
    async () => {
      const bytes = await writeWorkbook(snapshot, { locale: 'en-US' });
      await fs.writeFile(file, bytes);
      return bytes.length;
    },
    (n) => `${file} ${mb(n)}`,
  );
  const read = await phase(
    'read .xlsx',
    () => readWorkbookFile(file),
    (r) => (r.ok ? `${r.snapshot.problems.length} read problems` : `FAILED: ${r.reason.message.en}`),
  );
  if (!read.ok) throw new Error(read.reason.message.en);
  const problems = await phase(
    'validate',
    () => dataProblems(read.snapshot),
    (p) => `${p.length} problems`,
  );
  const engine = await phase('engine build', () => WorkbookEngine.build(read.snapshot, { asOf: ASOF }));
  const indicators = await phase(
    'indicators',
    () => engine.indicators(),
    (list) => `${list.filter((i) => typeof i.value === 'number').length}/40 numeric`,
  );
  await phase(
    'per-row results + JSON',
    () => {
      const accounts = ['Score', 'Attractiveness', 'Position', 'Tier'].map((c) => engine.computedColumn('Accounts', c));
      const opportunities = ['QualScore', 'Grade', 'Probability', 'StageCheck'].map((c) =>
        engine.computedColumn('Opportunities', c),
      );
      return JSON.stringify({ indicators, accounts, opportunities, problems }).length;
    },
    (n) => `${mb(n)} of JSON`,
  );
  await phase(
    'what-if (1 cell)',
    () => {
      const before = engine.inputColumn('Opportunities', 'Status')[0];
      engine.apply([{ table: 'Opportunities', row: 0, column: 'Status', value: before === 'Won' ? 'Lost' : 'Won' }]);
      const changed = engine.indicators();
      engine.apply([{ table: 'Opportunities', row: 0, column: 'Status', value: before as string | null }]);
      return changed;
    },
    (list) => `WIN_RATE_COUNT ${String(list[0].value)}`,
  );
  engine.destroy();

  let out = 0;
  const code = await phase(
    'CLI evaluate --json',
    () => main(['evaluate', file, '--json'], { out: (s) => void (out += s.length), err: (s) => process.stderr.write(s) }),
    (c) => `exit ${c}, ${mb(out)} printed`,
  );
  console.log(
    `\npeak RSS ${mb(peakRss())}; total ${(rows.reduce((a, r) => a + r.ms, 0) / 1000).toFixed(1)} s (the CLI row repeats read → JSON in one go). Exit ${code}.`,
  );
}

measure().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
