/**
 * The evaluate worker's job (cli/evaluateJob.ts) gives the same messages whether the command's
 * thread read the file and handed its bytes over (as `crm3 evaluate` does, while the worker
 * starts) or the worker reads the file itself.
 */
import * as fs from 'fs';
import { EvaluateJob, JobMessage, runEvaluateJob } from '../../src/cli/evaluateJob';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { readFileBytes } from '../../src/io/zipGuard';
import { generateSample } from '../../src/model/sample';
import { tempDir } from '../io/zipCraft';

const tmp = tempDir('crm3-job-');
afterAll(() => tmp.cleanup());

async function messages(job: EvaluateJob): Promise<JobMessage[]> {
  const out: JobMessage[] = [];
  await runEvaluateJob(job, (m) => out.push(m));
  return out;
}

const jobFor = (file: string): EvaluateJob => ({
  file,
  asOf: 46352,
  scopes: [],
  locale: 'en-US',
  maxRows: 1_048_576,
  maxFileBytes: 50 * 1024 * 1024,
  maxMemoryBytes: 4096 * 1024 * 1024,
  asJson: true,
});

test('a workbook handed over as bytes evaluates as the file read by the worker', async () => {
  const file = tmp.file(
    'w.xlsx',
    await writeWorkbook(generateSample({ size: 60, seed: 5, locale: 'zh-CN' }), { locale: 'zh-CN' }),
  );
  const read = await readFileBytes(file);
  if (!read.ok) throw new Error(read.reason.message.en);
  const [byWorker, handed] = [await messages(jobFor(file)), await messages({ ...jobFor(file), bytes: read.bytes })];
  expect(handed.map((m) => m.kind)).toEqual(['resultJson', 'done']);
  const text = (ms: JobMessage[]) => ms.map((m) => (m.kind === 'resultJson' ? new TextDecoder().decode(m.json) : m.kind));
  expect(text(handed)).toEqual(text(byWorker));
  expect(JSON.parse(text(handed)[0]).indicators.length).toBeGreaterThan(30);
});

test('bytes that are not a workbook fail as the file does', async () => {
  const file = tmp.file('not.xlsx', new TextEncoder().encode('not a workbook'));
  const handed = await messages({ ...jobFor(file), bytes: new Uint8Array(fs.readFileSync(file)) });
  expect(handed).toEqual(await messages(jobFor(file)));
  expect(handed[0].kind).toBe('failure');
});
