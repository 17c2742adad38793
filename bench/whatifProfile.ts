/**
 * Profiles only the what-if edits of one kind, after the build (docs/performance.md):
 *
 *   esbuild bench/whatifProfile.ts --bundle … --outfile=bench/out/whatifProfile.js
 *   node bench/out/whatifProfile.js <size> <Status|Amount|CloseDate|Support> <edits> [out.cpuprofile]
 *
 * Each edit is applied, the indicators read, and the edit put back (and read again), as the
 * what-if probe does; prints the CPU ms per edit and its restore, and writes the profile when
 * asked.
 */
import { Session } from 'inspector';
import { writeFileSync } from 'fs';
import { Cell } from '../src/core/cells';
import { WorkbookEngine } from '../src/engine/workbookEngine';
import { generateSample } from '../src/model/sample';
import { BENCH_AS_OF, sampleChanges } from './probe';

const [sizeArg, kind, editsArg, out] = process.argv.slice(2);
const snapshot = generateSample({ size: Number(sizeArg), seed: 1 });
const engine = WorkbookEngine.build(snapshot, { asOf: BENCH_AS_OF });
engine.indicators();
const changes = sampleChanges(snapshot, 4 * Number(editsArg)).filter((c) => c.column === kind);

function run(): void {
  const cpu = process.cpuUsage();
  for (const change of changes) {
    const before = engine.inputColumn(change.table, change.column)[change.row] as Cell;
    engine.apply([change]);
    engine.indicators();
    engine.apply([{ ...change, value: before }]);
    engine.indicators();
  }
  const d = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({ kind, edits: changes.length, cpuMsPerEditAndRestore: (d.user + d.system) / 1000 / changes.length }),
  );
}

if (!out) run();
else {
  const s = new Session();
  s.connect();
  s.post('Profiler.enable', () =>
    s.post('Profiler.setSamplingInterval', { interval: 250 }, () =>
      s.post('Profiler.start', () => {
        run();
        s.post('Profiler.stop', (err, r) => {
          if (err) throw err;
          writeFileSync(out, JSON.stringify(r.profile));
        });
      }),
    ),
  );
}
