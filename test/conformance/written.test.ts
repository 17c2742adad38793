/**
 * The Excel conformance check (test/support/excelConformance.ts) on every kind of file the
 * project writes (test/conformance/writtenFiles.ts), and an independent reader (openpyxl) that
 * must open each of them. A client copy must in addition hold no CRM3 call and no add-in part.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { excelConformance } from '../support/excelConformance';
import { hasOpenpyxl, readWithOpenpyxl } from '../support/independentReader';
import { WrittenFile, clientCopies, producedFiles } from './writtenFiles';

const files: WrittenFile[] = [...producedFiles(), ...clientCopies()];
const made = new Map<string, Uint8Array>();
let dir = '';

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'crm3-conformance-'));
  for (const [i, f] of files.entries()) {
    const bytes = await f.make();
    made.set(f.name, bytes);
    await fs.writeFile(path.join(dir, `${i}.xlsx`), bytes);
  }
}, 600_000);

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test.each(files.map((f) => [f.name, f] as const))('%s conforms to how Excel stores a workbook', async (_name, f) => {
  expect(await excelConformance(made.get(f.name)!, { clientCopy: f.clientCopy })).toEqual([]);
});

test('every file re-opens in an independent reader (openpyxl)', () => {
  expect(hasOpenpyxl()).toBe(true); // .ci/run installs python3-openpyxl
  const paths = files.map((_, i) => path.join(dir, `${i}.xlsx`));
  const read = readWithOpenpyxl(paths);
  const failed = files.map((f, i) => ({ name: f.name, ...read[paths[i]] })).filter((r) => !r.ok);
  expect(failed).toEqual([]);
}, 300_000);

test('the check catches what it is for (each rule fails on a file that breaks it)', async () => {
  const { formulaProblems } = await import('../support/excelConformance');
  expect(formulaProblems("'Plan'!$T$5#", false)).toHaveLength(1);
  expect(formulaProblems('SUM(@A1:A3)', false)).toHaveLength(1);
  expect(formulaProblems('Accounts[@Score]*2', false)).toHaveLength(1);
  expect(formulaProblems('UNIQUE(A1:A3)', false)).toHaveLength(1);
  expect(formulaProblems('CRM3.SCORE(A1)', false)).toHaveLength(1);
  expect(formulaProblems('_xldudf_CRM3_SCORE(A1)', true)).toHaveLength(1);
  expect(formulaProblems('_xlfn.UNIQUE(Accounts[[#This Row],[A]])+IFERROR(#N/A,1)&"#@"', false)).toEqual([]);
});
