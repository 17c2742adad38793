/**
 * `--by` is linear and streams (issue #12 minor: --by account with 50,000 accounts gave no
 * output within 120 s): the workbook is cut for all values in one pass (scopePartitions),
 * each cut exactly what applyScopes gives for that value, and each result is printed as soon
 * as it is computed.
 */
import { spawn } from 'child_process';
import * as path from 'path';
import fc from 'fast-check';
import { Io, main } from '../../src/cli/main';
import { ScopeField, applyScopes, scopePartitions, scopeValues } from '../../src/engine/scope';
import { generateSample } from '../../src/model/sample';
import { tempDir } from '../io/zipCraft';
import { manyAccounts, sampleBytes } from './hostileFiles';

const BIN = path.resolve(__dirname, '../../bin/crm3.js');
const sample = generateSample({ size: 120, seed: 3 });
const FIELDS: ScopeField[] = ['owner', 'region', 'industry', 'account'];

test('each cut is exactly applyScopes for its value, given any other scopes (property)', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...FIELDS),
      fc.array(fc.constantFrom(...FIELDS), { maxLength: 2 }),
      fc.nat(),
      (field, others, seed) => {
        const scopes = others.map((f, k) => {
          const values = scopeValues(sample, f);
          return { field: f, value: values[(seed + k) % values.length] };
        });
        const cuts = [...scopePartitions(sample, field, scopes)];
        const expected = scopeValues(sample, field)
          .map((value) => ({ value, snapshot: applyScopes(sample, [...scopes, { field, value }]) }))
          .filter((x) => (x.snapshot.tables.Accounts?.rows.length ?? 0) > 0);
        expect(cuts.map((c) => c.value)).toEqual(expected.map((x) => x.value));
        cuts.forEach((c, i) => expect(c.snapshot).toEqual(expected[i].snapshot));
      },
    ),
    { numRuns: 40 },
  );
});

test('results are printed one by one as they are computed', async () => {
  const tmp = tempDir('crm3-by-');
  try {
    const file = tmp.file('by.xlsx', await sampleBytes());
    const writes: string[] = [];
    const io: Io = { out: (s) => void writes.push(s), err: () => undefined };
    expect(await main(['evaluate', file, '--by', 'owner', '--json', '--as-of', '2026-11-26'], io)).toBeLessThan(2);
    const results = JSON.parse(writes.join(''));
    expect(results.length).toBeGreaterThan(2);
    // One write per result (then the closing bracket), not one write at the end.
    expect(writes.length).toBe(results.length + 1);
  } finally {
    tmp.cleanup();
  }
});

test('--by account over 50,000 accounts shows its first results within 120 s (a hang guard)', async () => {
  const tmp = tempDir('crm3-by50k-');
  try {
    const file = tmp.file('accounts.xlsx', await manyAccounts(50_000));
    const first = await new Promise<{ ms: number; text: string } | undefined>((resolve) => {
      const t0 = Date.now();
      const child = spawn(process.execPath, [BIN, 'evaluate', file, '--by', 'account', '--json', '--as-of', '2026-11-26'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let text = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.stdout.on('data', (d) => {
        text += d;
        // Two results printed: the run streams; stop it there.
        if ((text.match(/"scope": \[/g) ?? []).length >= 2) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve({ ms: Date.now() - t0, text });
        }
      });
      child.on('close', () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
    expect(first).toBeDefined();
    expect(first!.text).toMatch(/"field": "account",\s+"value": "A0*1"/);
  } finally {
    tmp.cleanup();
  }
}, 200_000);
