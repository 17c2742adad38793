/**
 * What changed against the results fixture (test/engine/fixtures/engine-results.json.gz), value
 * by value, so a deliberate re-record can say exactly which recorded values moved and why:
 *
 *   npx tsx scripts/diff-engine-results.ts [--all]
 *
 * Prints one line per changed leaf (case, path, before → after), grouped by case; a long list
 * of changes under one path is cut to its first 12 lines unless --all is given.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import { CASES, caseSnapshot, engineResults } from '../test/support/engineResults';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const file = path.join(__dirname, '..', 'test', 'engine', 'fixtures', 'engine-results.json.gz');
const recorded = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as {
  recordedFrom: string;
  cases: Record<string, Json>;
};
const all = process.argv.includes('--all');

/** A list of objects with an id reads by id (indicators), others by index. */
const keyOf = (x: Json, i: number): string =>
  x !== null && typeof x === 'object' && !Array.isArray(x) && typeof x.id === 'string' ? x.id : String(i);

function diff(a: Json | undefined, b: Json | undefined, at: string, out: string[]): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const isObj = (x: Json | undefined) => x !== null && x !== undefined && typeof x === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const byKey = (x: Json) =>
      new Map(Array.isArray(x) ? x.map((v, i) => [keyOf(v, i), v] as const) : Object.entries(x as object));
    const ma = byKey(a as Json);
    const mb = byKey(b as Json);
    for (const k of new Set([...ma.keys(), ...mb.keys()])) diff(ma.get(k) as Json, mb.get(k) as Json, `${at}.${k}`, out);
    return;
  }
  const show = (x: Json | undefined) => (x === undefined ? '(absent)' : JSON.stringify(x).slice(0, 160));
  out.push(`${at}: ${show(a)} → ${show(b)}`);
}

process.stdout.write(`fixture recorded from ${recorded.recordedFrom}\n`);
for (const c of CASES) {
  const now = JSON.parse(JSON.stringify(engineResults(caseSnapshot(c), c.locale))) as Json;
  const lines: string[] = [];
  diff(recorded.cases[c.name], now, '', lines);
  process.stdout.write(`\n## ${c.name}: ${lines.length} changed values\n`);
  const byHead = new Map<string, string[]>();
  for (const l of lines) {
    const head = l.split(':')[0].split('.').slice(0, 3).join('.');
    byHead.set(head, [...(byHead.get(head) ?? []), l]);
  }
  for (const [head, ls] of byHead) {
    const shown = all ? ls : ls.slice(0, 12);
    for (const l of shown) process.stdout.write(`${l}\n`);
    if (shown.length < ls.length) process.stdout.write(`  … ${ls.length - shown.length} more under ${head}\n`);
  }
}
