/**
 * `npx tsx bench/history.ts [--size 50000] [--weeks 52] [--change 0.1]`: the History figures of
 * docs/history.md, measured in one run.
 *   1. A generated workbook of `size` opportunities; the first snapshot through the real path
 *      (read, evaluate, plan, append): time, rows, file size before and after.
 *   2. `weeks − 1` further weekly snapshots appended to it, each with `change` of the open deals
 *      changed (close date, amount or stage), built as planSnapshot would write them: append time
 *      per week, final file size and rows, and the time to read the final file back.
 * Step 2 does not re-evaluate the workbook every week (that is step 1's cost, once per snapshot);
 * it measures what the History storage costs as it grows.
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { Cell } from '../src/core/cells';
import { appendHistoryRows } from '../src/io/historyPackage';
import { readWorkbookBuffer } from '../src/io/readWorkbook';
import { takeSnapshot } from '../src/io/takeSnapshot';
import { writeWorkbook } from '../src/io/writeWorkbook';
import { generateSample } from '../src/model/sample';
import { Rng } from '../src/model/sample';
import { OUT } from './workbooks';

const arg = (flag: string, fallback: number) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const size = arg('--size', 50_000);
const weeks = arg('--weeks', 52);
const change = arg('--change', 0.1);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const limits = { maxFileBytes: 1024 * 1024 * 1024, maxUncompressedBytes: 4 * 1024 * 1024 * 1024 };

async function run() {
  const t0 = Date.now();
  const sample = generateSample({ size, seed: 1 });
  const bytes0 = new Uint8Array(await writeWorkbook(sample, { locale: 'en-US' }));
  console.log(`workbook: ${size} opportunities, ${mb(bytes0.length)} (generated in ${Date.now() - t0} ms)`);

  const start = 46300;
  const t1 = Date.now();
  const first = await takeSnapshot(bytes0, 'bench.xlsx', {
    asOf: start,
    today: start,
    label: 'week 1',
    locale: 'en-US',
    when: new Date(),
  });
  if (first.kind !== 'written') throw new Error(first.kind);
  const firstMs = Date.now() - t1;
  console.log(
    `first snapshot: ${firstMs} ms; ${first.rows.OppHistory.length} opportunity rows, ${first.rows.AccountHistory.length} account rows, ${first.rows.History.length} indicators; file ${mb(first.bytes.length)} (+${mb(first.bytes.length - bytes0.length)})`,
  );

  // Weekly changes, as planSnapshot would record them: a changed deal's full row.
  const rng = new Rng(7);
  const open = first.rows.OppHistory.map((r) => [...r]);
  let bytes = first.bytes;
  let appendMs = 0;
  let oppRows = open.length;
  for (let w = 1; w < weeks; w++) {
    const date = start + 7 * w;
    const rows: Cell[][] = [];
    for (const r of open) {
      if (rng.next() >= change) continue;
      const k = rng.next();
      if (k < 0.4) r[5] = (r[5] as number) + 14;
      else if (k < 0.8) r[4] = Math.round((r[4] as number) * 1.1);
      else r[2] = 'Shortlist';
      rows.push([date, ...r.slice(1)]);
    }
    const indicators = first.rows.History.map((h) => [date, null, h[2], h[3], h[4]]);
    const t = Date.now();
    const next = await appendHistoryRows(
      bytes,
      'bench.xlsx',
      { History: indicators, OppHistory: rows },
      { locale: 'en-US', when: new Date(), limits },
    );
    appendMs += Date.now() - t;
    if (!next.ok) throw new Error(next.message.en);
    bytes = next.bytes;
    oppRows += rows.length;
  }
  console.log(
    `${weeks} snapshots (${change * 100}% of open deals changing weekly): ${oppRows} OppHistory rows; file ${mb(bytes.length)} (history +${mb(bytes.length - bytes0.length)}); append per week ${Math.round(appendMs / Math.max(1, weeks - 1))} ms`,
  );
  const t2 = Date.now();
  const read = await readWorkbookBuffer(bytes, 'bench.xlsx', limits);
  if (!read.ok) throw new Error(read.reason.message.en);
  console.log(
    `reading the final file: ${Date.now() - t2} ms (${read.snapshot.tables.OppHistory?.rows.length} OppHistory rows read)`,
  );
  const t3 = Date.now();
  const last = await takeSnapshot(bytes, 'bench.xlsx', {
    asOf: start + 7 * weeks,
    today: start,
    label: null,
    locale: 'en-US',
    when: new Date(),
  });
  console.log(`snapshot ${weeks + 1} on the full history (read, evaluate, plan, append): ${Date.now() - t3} ms (${last.kind})`);
  const file = path.join(OUT, `history-${size}-${weeks}.xlsx`);
  writeFileSync(file, bytes);
  console.log(`written ${file}`);
}

run().catch((e) => {
  console.error(e);
  process.exit(1);
});
