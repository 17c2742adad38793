/**
 * The per-file time and memory budget (issue #12, findings 3, 6 and the "raise the limit"
 * minor): a worker that runs too long or grows too large is stopped, never the command; the
 * message names the limit and the option that raises it; 1,048,575 opportunity rows are
 * refused with such a message before memory runs out (or evaluated, when allowed enough).
 */
import { spawn } from 'child_process';
import * as path from 'path';
import { Io, main } from '../../src/cli/main';
import { WorkerRunner } from '../../src/cli/fileRunner';
import { tempDir } from '../io/zipCraft';
import { manyOpportunities, sampleBytes } from './hostileFiles';

const BIN = path.resolve(__dirname, '../../bin/crm3.js');
const workers = (name: string) => path.join(__dirname, 'workers', name);

async function crm3(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(argv, io);
  return { code, out, err };
}

const tmp = tempDir('crm3-budget-');
afterAll(() => tmp.cleanup());

describe('the worker runner', () => {
  test('a job that computes past the time limit is stopped', async () => {
    const runner = new WorkerRunner<number, { kind: string }>(workers('spin.js'), { maxSeconds: 1, maxMemoryMb: 256 });
    const seen: string[] = [];
    const t0 = Date.now();
    const end = await runner.run(1, (m) => seen.push(m.kind));
    expect(end).toMatchObject({ ok: false, reason: 'time' });
    expect(seen).toEqual(['started']);
    expect(Date.now() - t0).toBeLessThan(20_000);
    await runner.close();
  });

  test('a job that outgrows the memory limit is stopped: the process lives on', async () => {
    const runner = new WorkerRunner<number, { kind: string }>(workers('allocate.js'), { maxSeconds: 60, maxMemoryMb: 64 });
    const end = await runner.run(1, () => undefined);
    expect(end).toMatchObject({ ok: false, reason: 'memory' });
    await runner.close();
  });

  test('a worker is reused from job to job while all is well', async () => {
    const runner = new WorkerRunner<number, { kind: string; threadId?: number }>(workers('echo.js'), {
      maxSeconds: 10,
      maxMemoryMb: 128,
    });
    const ids: number[] = [];
    for (let k = 0; k < 3; k++) await runner.run(k, (m) => ids.push(m.threadId!));
    expect(new Set(ids).size).toBe(1);
    await runner.close();
  });
});

describe('crm3 evaluate limits', () => {
  let medium: string;
  beforeAll(async () => {
    medium = tmp.file('medium.xlsx', await sampleBytes(undefined, 20_000));
  }, 120_000);

  test('--max-seconds: a file that takes longer is stopped with a message naming the option', async () => {
    const r = await crm3('evaluate', medium, '--max-seconds', '0.5');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ran longer than the limit of 0\.5 s .* --max-seconds 1\b/);
  }, 60_000);

  test('--max-memory: a workbook too large for the limit is refused before it is read, naming the option', async () => {
    const r = await crm3('evaluate', medium, '--max-memory', '256', '--lang', 'zh-CN');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/超出允许使用的内存.*上限 256 MB.*--max-memory \d+/);
  }, 60_000);

  test('--max-rows and --max-file-mb: the messages name the options that raise them', async () => {
    let r = await crm3('evaluate', medium, '--max-rows', '100');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/table Accounts has 2000 data rows; the limit is 100\. .*--max-rows 2000\b/);
    r = await crm3('evaluate', medium, '--max-file-mb', '0.5');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the limit is 0\.5 MB\. .*--max-file-mb \d+/);
  }, 60_000);

  test('client-copy and import take the --max-file-mb their messages name', async () => {
    const out = path.join(tmp.dir, 'copy.xlsx');
    let r = await crm3('client-copy', medium, '--out', out, '--max-file-mb', '0.5');
    expect(r.code).toBe(2);
    const suggested = /--max-file-mb (\d+)/.exec(r.err)?.[1];
    expect(suggested).toBeDefined();
    // The value the message suggests is accepted, and is enough.
    r = await crm3('client-copy', medium, '--out', out, '--max-file-mb', suggested!);
    expect(r.err).not.toMatch(/limit/);
    expect(r.code).toBeLessThan(2);
    r = await crm3('import', medium, '--out', path.join(tmp.dir, 'imported.xlsx'), '--max-file-mb', '0.5', '--lang', 'zh-CN');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/超过上限 0\.5 MB.*--max-file-mb \d+/);
    r = await crm3('client-copy', medium, '--out', out, '--max-file-mb', 'x');
    expect([r.code, r.err.includes('--max-file-mb')]).toEqual([2, true]);
  }, 120_000);

  test('bad values are usage errors', async () => {
    for (const [flag, v] of [
      ['--max-seconds', '0'],
      ['--max-memory', '12'],
      ['--max-rows', '-1'],
      ['--max-file-mb', 'lots'],
    ]) {
      const r = await crm3('evaluate', medium, flag, v);
      expect(r.code).toBe(2);
      expect(r.err).toContain(flag);
    }
  });
});

describe('1,048,575 opportunity rows (Excel’s limit)', () => {
  let big: string;
  beforeAll(async () => {
    big = tmp.file('million.xlsx', await manyOpportunities(1_048_575));
  }, 300_000);

  test('are refused, before memory runs out, with a message that states the limit and the option', async () => {
    // As a child process: a heap error would kill it (exit 134) instead of failing an assertion.
    const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'evaluate', big, '--json', '--max-memory', '4096'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) => resolve({ code, err }));
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /too large for the memory allowed: evaluating it would need about [\d,]+ MB \(8,388,600 table cells, 1,048,575 opportunities\), more than the limit of 4,096 MB.*--max-memory \d+/,
    );
    expect(r.err).not.toMatch(/heap/i);
  }, 600_000);
});
