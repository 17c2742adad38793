/**
 * Hostile workbooks opened the way web mode opens them (issue #12, finding 3 in the pane): the
 * file's bytes go through the web-mode host (MemoryHost.fromBytes, the reader the engine worker
 * runs) and the pane's engine (the same core the worker runs), and the client copy the pane
 * offers. Each ends (the test's 30 s limit is the hang guard) with the damage reported where it
 * is, the rest of the workbook evaluated, and the user's bytes unchanged.
 */
import { createHash } from 'crypto';
import { MemoryHost } from '../../src/host/memoryHost';
import { makeClientCopy } from '../../src/io/clientCopy';
import { InProcessEngine } from '../../src/taskpane/engine/inProcessEngine';
import { hostile } from './hostileFiles';

const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function openInWebMode(bytes: Uint8Array, name: string) {
  const before = hash(bytes);
  const opened = await MemoryHost.fromBytes(bytes, name, 'en-US');
  if (!opened.ok) throw new Error(opened.message.en);
  const read = await opened.host.readSnapshot();
  if (!read.ok) throw new Error(read.message.en);
  const engine = new InProcessEngine();
  try {
    await engine.load(read.snapshot, { locale: 'en-US', file: name });
    const result = await engine.evaluate();
    expect(hash(bytes)).toBe(before);
    return result;
  } finally {
    engine.dispose();
  }
}

test.each([
  ['a cell at row 10^15', hostile.farRow, /row 1000000000000000 lies outside Excel's sheet/, true],
  ['<row r="1e300">', hostile.expRow, /row 1e300 lies outside Excel's sheet/, true],
  ['a table ref of 10^15 rows', hostile.hugeTableRef, /table Accounts claims the range/, true],
  // A merge over the whole Accounts sheet blanks its cells, as in Excel: no accounts are left.
  ['5,000 whole-sheet merges', hostile.manyMerges, /merged ranges overlap/, false],
  ['100,000 unclosed <row> tags', () => hostile.unclosedRows(), /is damaged near character \d+/, true],
])(
  '%s: the pane shows the numbers and says where the file is damaged',
  async (name, make, message, accountsLeft) => {
    const result = await openInWebMode(await make(), `${name}.xlsx`);
    expect(result.problems.some((p) => message.test(p.message))).toBe(true);
    expect(result.indicators.length).toBeGreaterThan(0);
    expect(result.accounts.length > 0).toBe(accountsLeft);
  },
  30_000,
);

test('the pane’s client copy refuses a sheet it cannot copy faithfully, in words', async () => {
  const bytes = await hostile.unclosedRows();
  const before = hash(bytes);
  const copy = await makeClientCopy(bytes, 'unclosed.xlsx', { locale: 'zh-CN', when: new Date(0) });
  expect(copy.ok).toBe(false);
  if (!copy.ok) expect(copy.reason.message.zh).toMatch(/xl\/worksheets\/sheet1\.xml/);
  expect(hash(bytes)).toBe(before);
}, 30_000);
