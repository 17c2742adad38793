/**
 * Records what the engine answers for the fixture workbooks (test/support/engineResults.ts)
 * into test/engine/fixtures/engine-results.json.gz:
 *
 *   npx tsx scripts/record-engine-results.ts
 *
 * Run it on the engine you want to hold later versions to (issue #15: main at c47a47e, before
 * the typed-column store); test/engine/resultsUnchanged.test.ts compares with it. The file
 * names the commit it was recorded from.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { CASES, caseSnapshot, engineResults } from '../test/support/engineResults';

const out = path.join(__dirname, '..', 'test', 'engine', 'fixtures', 'engine-results.json.gz');
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim() !== '';
const cases: Record<string, unknown> = {};
for (const c of CASES) {
  cases[c.name] = engineResults(caseSnapshot(c), c.locale);
  process.stderr.write(`recorded ${c.name}\n`);
}
mkdirSync(path.dirname(out), { recursive: true });
const recordedFrom = dirty ? `${commit} with uncommitted changes in src/` : commit;
writeFileSync(out, gzipSync(JSON.stringify({ recordedFrom, cases }) + '\n', { level: 9 }));
process.stderr.write(`wrote ${out} (recorded from ${recordedFrom})\n`);
