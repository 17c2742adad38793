/**
 * One in-process contender, run in its own child process so its peak memory is its own:
 *
 *   npx tsx bench/probe.ts <engine|direct|whatif|check> <size> [seed] [changes]
 *
 * engine: snapshot in memory → WorkbookEngine.build + 40 indicators + the per-row computed columns.
 * direct: the same results from the catalog called straight on arrays (bench/direct.ts).
 * whatif: after a build, the median time of single-cell changes (apply + indicators).
 * check:  engine and direct side by side; lists every value that differs.
 * groupby / countifs: the per-account template in HyperFormula, spilled CRM3 group-by calls or per-row COUNTIFS.
 * Prints one JSON line: times in ms (wall and CPU of this process) and peak RSS in MB.
 */
import { CalcError, Cell } from '../src/core/cells';
import { CellChange, EngineValue, WorkbookEngine } from '../src/engine/workbookEngine';
import { generateSample } from '../src/model/sample';
import { WorkbookSnapshot } from '../src/model/snapshot';

export const BENCH_AS_OF = 46352; // 2026-11-26, the samples' AsOfDate
const ACCOUNT_FIELDS = ['Score', 'Attractiveness', 'Position', 'Tier', 'Strategy'];
const OPPORTUNITY_FIELDS = ['QualScore', 'Grade', 'Probability', 'StageCheck'];

interface Timed<T> {
  value: T;
  wallMs: number;
  cpuMs: number;
}

function timed<T>(run: () => T): Timed<T> {
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = run();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const d = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (d.user + d.system) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The 95th percentile (nearest rank). */
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)];
const peakMb = () => process.resourceUsage().maxRSS / 1024;

/** Everything `crm3 evaluate` shows from the engine: indicators and per-row columns. */
function engineResults(snapshot: WorkbookSnapshot) {
  const engine = WorkbookEngine.build(snapshot, { asOf: BENCH_AS_OF });
  const indicators = engine.indicators();
  const computed = new Map<string, EngineValue[]>();
  for (const f of ACCOUNT_FIELDS) computed.set(`Acc_${f}`, engine.computedColumn('Accounts', f));
  for (const f of OPPORTUNITY_FIELDS) computed.set(`Opp_${f}`, engine.computedColumn('Opportunities', f));
  return { engine, indicators, computed };
}

/** Deterministic single-cell changes spread over the tables a planner edits. */
export function sampleChanges(snapshot: WorkbookSnapshot, count: number): CellChange[] {
  const opp = snapshot.tables.Opportunities!;
  const dc = snapshot.tables.DecisionChain!;
  const n = opp.rows.length;
  const col = (name: string) => opp.headers.indexOf(name);
  const out: CellChange[] = [];
  for (let k = 0; k < count; k++) {
    const row = (k * 7919 + 13) % n;
    switch (k % 4) {
      case 0:
        out.push({
          table: 'Opportunities',
          row,
          column: 'Status',
          value: opp.rows[row][col('Status')] === 'Won' ? 'Lost' : 'Won',
        });
        break;
      case 1:
        out.push({ table: 'Opportunities', row, column: 'Amount', value: Number(opp.rows[row][col('Amount')] ?? 0) + 100_000 });
        break;
      case 2:
        out.push({ table: 'Opportunities', row, column: 'CloseDate', value: BENCH_AS_OF + 30 });
        break;
      default:
        out.push({ table: 'DecisionChain', row: (k * 7919 + 13) % dc.rows.length, column: 'Support', value: 'Mentor' });
    }
  }
  return out;
}

const same = (a: unknown, b: unknown): boolean => {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  const blank = (v: unknown) => v === null || v === undefined || v === '';
  if (blank(a) && blank(b)) return true;
  const isErr = (v: unknown) => v instanceof CalcError || (typeof v === 'object' && v !== null && 'error' in v);
  if (isErr(a) && isErr(b)) return true;
  return a === b;
};

/** Differences between the engine's results and the direct path's (empty when they agree). */
export async function compareWithDirect(snapshot: WorkbookSnapshot): Promise<string[]> {
  const { evaluateDirect } = await import('./direct');
  const direct = evaluateDirect(snapshot, BENCH_AS_OF);
  const { engine, indicators, computed } = engineResults(snapshot);
  engine.destroy();
  const diffs: string[] = [];
  const flat = (v: unknown): unknown => (Array.isArray(v) ? (v as unknown[][]).map((r) => r[0]) : [v]);
  indicators.forEach((ind, i) => {
    const d = direct.indicators[i];
    const dv = Array.isArray(d.value) ? d.value[0]?.[0] : d.value;
    if (d.id !== ind.row.id || !same(ind.value, dv))
      diffs.push(`${ind.row.id}: engine ${JSON.stringify(ind.value)} direct ${JSON.stringify(dv)}`);
  });
  for (const [name, values] of computed) {
    const d = flat(direct.computed.get(name)) as unknown[];
    const bad = values.findIndex((v, i) => !same(v, d[i]));
    if (bad >= 0) diffs.push(`${name} row ${bad + 1}: engine ${JSON.stringify(values[bad])} direct ${JSON.stringify(d[bad])}`);
    if (d.length !== values.length) diffs.push(`${name}: engine ${values.length} rows, direct ${d.length}`);
  }
  return diffs;
}

async function main(): Promise<void> {
  const [mode, sizeArg, seedArg, changesArg] = process.argv.slice(2);
  const size = Number(sizeArg);
  const seed = Number(seedArg ?? 1);
  const snapshot = generateSample({ size, seed });
  let result: Record<string, unknown>;
  if (mode === 'engine') {
    engineResults(generateSample({ size: 200, seed: 2 })).engine.destroy(); // warm-up (JIT, plugin registration)
    const t = timed(() => engineResults(snapshot));
    t.value.engine.destroy();
    result = { wallMs: t.wallMs, cpuMs: t.cpuMs };
  } else if (mode === 'direct') {
    const { evaluateDirect } = await import('./direct');
    evaluateDirect(generateSample({ size: 200, seed: 2 }), BENCH_AS_OF); // warm-up
    const t = timed(() => evaluateDirect(snapshot, BENCH_AS_OF));
    result = { wallMs: t.wallMs, cpuMs: t.cpuMs };
  } else if (mode === 'whatif') {
    const engine = WorkbookEngine.build(snapshot, { asOf: BENCH_AS_OF });
    const base = engine.indicators();
    const walls: number[] = [];
    const cpus: number[] = [];
    const byColumn: Record<string, number[]> = {};
    const wallByColumn: Record<string, number[]> = {};
    for (const change of sampleChanges(snapshot, Number(changesArg ?? 9))) {
      const before = engine.inputColumn(change.table, change.column)[change.row] as Cell;
      const t = timed(() => {
        engine.apply([change]);
        return engine.indicators();
      });
      walls.push(t.wallMs);
      cpus.push(t.cpuMs);
      (byColumn[`${change.table}.${change.column}`] ??= []).push(Math.round(t.cpuMs));
      (wallByColumn[`${change.table}.${change.column}`] ??= []).push(t.wallMs);
      engine.apply([{ ...change, value: before }]);
    }
    const restored = JSON.stringify(engine.indicators()) === JSON.stringify(base);
    engine.destroy();
    result = {
      wallMs: median(walls),
      cpuMs: median(cpus),
      p95WallMs: p95(walls),
      p95CpuMs: p95(cpus),
      maxWallMs: Math.max(...walls),
      // Per edited column: median and p95 of wall and CPU ms.
      byKind: Object.fromEntries(
        Object.keys(byColumn).map((k) => [
          k,
          {
            n: byColumn[k].length,
            medianWallMs: Math.round(median(wallByColumn[k])),
            p95WallMs: Math.round(p95(wallByColumn[k])),
            medianCpuMs: median(byColumn[k]),
            p95CpuMs: p95(byColumn[k]),
          },
        ]),
      ),
      changes: walls.length,
      restored,
      byColumn,
    };
  } else if (mode === 'groupby' || mode === 'countifs' || mode === 'data') {
    const { accountTemplate } = await import('./sumby');
    const column = (table: 'Opportunities' | 'Accounts', name: string) => {
      const t = snapshot.tables[table]!;
      const j = t.headers.indexOf(name);
      return t.rows.map((r) => r[j] ?? null);
    };
    const opp = {
      accountId: column('Opportunities', 'AccountId'),
      status: column('Opportunities', 'Status'),
      amount: column('Opportunities', 'Amount'),
    };
    const warm = generateSample({ size: 300, seed: 2 }).tables;
    const wcol = (t: typeof warm.Opportunities, name: string) => t!.rows.map((r) => r[t!.headers.indexOf(name)] ?? null);
    accountTemplate(
      mode,
      {
        accountId: wcol(warm.Opportunities, 'AccountId'),
        status: wcol(warm.Opportunities, 'Status'),
        amount: wcol(warm.Opportunities, 'Amount'),
      },
      wcol(warm.Accounts, 'AccountId'),
    ); // warm-up
    const r = accountTemplate(mode, opp, column('Accounts', 'AccountId'));
    const { createHash } = await import('crypto');
    result = { wallMs: r.wallMs, cpuMs: r.cpuMs, digest: createHash('sha1').update(r.digest).digest('hex').slice(0, 12) };
  } else if (mode === 'five') {
    // Row (2)'s honest limit: five indicators by the engine, and by hand over typed columns.
    const { FIVE, fiveIndicatorRows, fivePasses, parseTyped } = await import('./typedPass');
    const five = (s: WorkbookSnapshot): WorkbookSnapshot => ({ ...s, indicators: fiveIndicatorRows() });
    const warm = generateSample({ size: 200, seed: 2 });
    WorkbookEngine.build(five(warm), { asOf: BENCH_AS_OF }).destroy(); // warm-up
    fivePasses(parseTyped(warm, BENCH_AS_OF));
    const engine = timed(() => {
      const e = WorkbookEngine.build(five(snapshot), { asOf: BENCH_AS_OF });
      const values = e.indicators().map((i) => i.value);
      e.destroy();
      return values;
    });
    const parse = timed(() => parseTyped(snapshot, BENCH_AS_OF));
    const passes = timed(() => fivePasses(parse.value));
    const differ = FIVE.filter((id, k) => {
      const a = engine.value[k];
      const b = passes.value[id];
      if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) > 1e-12 * Math.max(1, Math.abs(a));
      return !(a === null && b === null);
    });
    result = {
      wallMs: engine.wallMs,
      cpuMs: engine.cpuMs,
      parseWallMs: parse.wallMs,
      parseCpuMs: parse.cpuMs,
      passWallMs: passes.wallMs,
      passCpuMs: passes.cpuMs,
      agree: differ.length === 0 ? 'all five agree to 12 digits' : `DIFFER: ${differ.join(', ')}`,
    };
  } else if (mode === 'check') {
    result = { diffs: await compareWithDirect(snapshot) };
  } else throw new Error(`unknown mode ${mode}`);
  console.log(JSON.stringify({ mode, size, ...result, peakMb: peakMb() }));
}

// Bundled into another bench script (bench/whatifProfile.ts), `module` is that script's: run only as the probe.
if (require.main === module && /probe[\w.-]*$/.test(process.argv[1] ?? ''))
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
