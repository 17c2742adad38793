/**
 * Hostile workbooks through the real command (issue #12, findings 3 and 7): each one ends
 * within 30 s with its documented exit code and a message that says what is wrong, and the
 * input is left as it was. The CLI runs as a child process with a hard timeout, so a hang
 * fails the test instead of stalling the suite. The 30 s is a hang guard, not a benchmark.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { sha256, tempDir } from '../io/zipCraft';
import { hostile, sampleBytes } from './hostileFiles';

const BIN = path.resolve(__dirname, '../../bin/crm3.js');
const HANG_GUARD_MS = 30_000;

interface Run {
  code: number | null;
  out: string;
  err: string;
  ms: number;
  killed: boolean;
}

function crm3(...argv: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, HANG_GUARD_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, ms: Date.now() - t0, killed });
    });
  });
}

const tmp = tempDir('crm3-hostile-');
afterAll(() => tmp.cleanup());

/** Writes a hostile file and remembers its hash. */
const hashes = new Map<string, string>();
async function file(name: string, bytes: Uint8Array | Promise<Uint8Array>): Promise<string> {
  const p = tmp.file(name, await bytes);
  hashes.set(p, sha256(p));
  return p;
}

function expectEnded(r: Run, code: number) {
  expect({ killed: r.killed, code: r.code }).toEqual({ killed: false, code });
}

function problems(r: Run): { severity: string; message: string }[] {
  return JSON.parse(r.out).problems;
}

afterEach(() => {
  for (const [p, h] of hashes) expect(sha256(p)).toBe(h);
});

describe('numbers the file claims do not drive the work', () => {
  test.each([
    ['a cell at row 10^15', () => hostile.farRow(), /row 1000000000000000 lies outside Excel's sheet/],
    ['<row r="1e300">', () => hostile.expRow(), /row 1e300 lies outside Excel's sheet/],
    ['a table ref of 10^15 rows', () => hostile.hugeTableRef(), /table Accounts claims the range A1:T1000000000000000/],
    ['one row of 1,000,000 cells in reverse order', () => hostile.reversedRow(), /outside Excel's sheet/],
  ])('%s: exit 1, the cell or table left out with an error that says where', async (name, make, message) => {
    const f = await file(`${name.replace(/\W+/g, '-')}.xlsx`, make());
    const r = await crm3('evaluate', f, '--json', '--as-of', '2026-11-26');
    expectEnded(r, 1);
    expect(problems(r).some((p) => p.severity === 'error' && message.test(p.message))).toBe(true);
    // The rest of the workbook is still evaluated.
    expect(JSON.parse(r.out).accounts.length).toBeGreaterThan(0);
  });

  test.each([
    ['a cell at row 10^15', () => hostile.farRow(), /a cell at A1000000000000000 outside Excel's sheet/],
    ['<row r="1e300">', () => hostile.expRow(), /a cell at R1e\+300C1 outside Excel's sheet/],
    ['a table ref of 10^15 rows', () => hostile.hugeTableRef(), /table Accounts \(A1:T1000000000000000\) outside Excel's sheet/],
  ])('%s: client-copy refuses to copy what Excel cannot open (exit 2), nothing written', async (name, make, message) => {
    const f = await file(`copy-${name.replace(/\W+/g, '-')}.xlsx`, make());
    const out = path.join(tmp.dir, `copy-${name.replace(/\W+/g, '-')}.client.xlsx`);
    const r = await crm3('client-copy', f, '--out', out);
    expectEnded(r, 2);
    expect(r.err).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('5,000 whole-sheet merges: exit 0, the overlaps reported', async () => {
    const f = await file('merges.xlsx', hostile.manyMerges());
    const r = await crm3('evaluate', f, '--json', '--as-of', '2026-11-26');
    expectEnded(r, 0);
    expect(problems(r).some((p) => /merged ranges overlap/.test(p.message))).toBe(true);
  });

  test('1,000,000 cells on the grid, every row written backwards: exit 0', async () => {
    const f = await file('reversed.xlsx', hostile.reversedCells());
    const r = await crm3('evaluate', f, '--json', '--as-of', '2026-11-26');
    expectEnded(r, 0);
  });

  test('100,000 unclosed <row> tags: evaluate reports the damage (exit 1), client-copy refuses it (exit 2)', async () => {
    const f = await file('unclosed.xlsx', hostile.unclosedRows());
    const e = await crm3('evaluate', f, '--json', '--as-of', '2026-11-26');
    expectEnded(e, 1);
    expect(problems(e).some((p) => /XML \(xl\/worksheets\/sheet1\.xml\) is damaged near character \d+/.test(p.message))).toBe(
      true,
    );
    const out = path.join(tmp.dir, 'unclosed.client.xlsx');
    const c = await crm3('client-copy', f, '--out', out);
    expectEnded(c, 2);
    expect(c.err).toMatch(/not well-formed XML near character \d+/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('only regular files are read', () => {
  test('x.xlsx → /dev/zero: exit 2, not read', async () => {
    const link = path.join(tmp.dir, 'zero.xlsx');
    fs.symlinkSync('/dev/zero', link);
    const r = await crm3('evaluate', link);
    expectEnded(r, 2);
    expect(r.err).toMatch(/is not a regular file/);
  });

  test('a folder with a FIFO named .xlsx and one broken file: the good files’ results, streamed; exit 2', async () => {
    const folder = path.join(tmp.dir, 'folder');
    fs.mkdirSync(folder);
    await file('folder/a-good.xlsx', sampleBytes());
    fs.writeFileSync(path.join(folder, 'b-broken.xlsx'), 'not a zip');
    require('child_process').execFileSync('mkfifo', [path.join(folder, 'c-pipe.xlsx')]);
    await file('folder/d-good.xlsx', sampleBytes());
    const r = await crm3('evaluate', folder, '--json', '--as-of', '2026-11-26');
    expectEnded(r, 2);
    const results = JSON.parse(r.out);
    expect(results.map((x: { file: string }) => path.basename(x.file))).toEqual(['a-good.xlsx', 'd-good.xlsx']);
    expect(r.err).toMatch(/b-broken\.xlsx.*not an Excel \.xlsx workbook/);
    expect(r.err).toMatch(/c-pipe\.xlsx is not a regular file/);
  });
});
