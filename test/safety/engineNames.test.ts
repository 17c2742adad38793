/**
 * Names the engine cannot take are not the user's problem (issue #12, finding 4): criterion
 * and question ids in any script or spelling are data. Renaming an id is a pure relabelling,
 * so every number must come out exactly as with the original id; a duplicate id is a data
 * error (exit 1) with its cell, never exit 2. A hostile indicator formula fails alone, with a
 * clear message, and the other indicators keep their values.
 */
import * as path from 'path';
import { Io, main } from '../../src/cli/main';
import { evaluateWorkbook } from '../../src/engine/evaluate';
import { isEngineName } from '../../src/engine/sheets';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { tempDir } from '../io/zipCraft';
import { IndicatorLine, sampleBytes, withIndicators } from './hostileFiles';

const AS_OF = 46_000;

async function evaluateBytes(bytes: Uint8Array) {
  const read = await readWorkbookBuffer(bytes, 'book.xlsx');
  if (!read.ok) throw new Error(read.reason.message.en);
  return evaluateWorkbook(read.snapshot, { file: 'book.xlsx', asOf: AS_OF, locale: 'en-US' });
}

async function crm3(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(argv, io);
  return { code, out, err };
}

function renameId(s: WorkbookSnapshot, config: 'Criteria' | 'Questions', from: string, to: string): void {
  const c = s.config[config]!;
  const j = c.headers.indexOf(config === 'Criteria' ? 'CriterionId' : 'QuestionId');
  for (const r of c.rows) if (r[j] === from) r[j] = to;
  const t = s.tables[config === 'Criteria' ? 'Accounts' : 'Opportunities']!;
  t.headers = t.headers.map((h) => (h === from ? to : h));
}

const numbers = (r: Awaited<ReturnType<typeof evaluateBytes>>) => ({
  indicators: r.indicators.map((i) => [i.id, i.value]),
  accounts: r.accounts,
  opportunities: r.opportunities,
});

describe('criterion and question ids are data', () => {
  let original: ReturnType<typeof numbers>;
  let firstQuestion: string;
  beforeAll(async () => {
    original = numbers(await evaluateBytes(await sampleBytes()));
    await sampleBytes((s) => {
      const q = s.config.Questions!;
      firstQuestion = String(q.rows[0][q.headers.indexOf('QuestionId')]);
    });
  });

  test.each([
    ['Chinese', '潜力'],
    ['spaced', 'My crit'],
    ['like a cell reference', 'B12'],
    ['like an R1C1 reference', 'R1C1'],
    ['with quotes', 'say "hi"'],
    ['emoji', '🚀 growth'],
  ])('a %s criterion id gives exactly the original numbers', async (_kind, id) => {
    const r = await evaluateBytes(await sampleBytes((s) => renameId(s, 'Criteria', 'C_Potential', id)));
    expect(numbers(r)).toEqual(original);
  });

  test('a Chinese question id gives exactly the original numbers', async () => {
    const r = await evaluateBytes(await sampleBytes((s) => renameId(s, 'Questions', firstQuestion, '预算是否明确')));
    expect(numbers(r)).toEqual(original);
  });

  test('an indicator may name a column by its Chinese workbook name (valid in Excel)', async () => {
    const base = await sampleBytes((s) => renameId(s, 'Criteria', 'C_Potential', '潜力'));
    const r = await evaluateBytes(await withIndicators([{ id: 'AVG_POT', formula: 'AVERAGE(Acc_潜力)' }], base));
    const plain = await evaluateBytes(await withIndicators([{ id: 'AVG_POT', formula: 'AVERAGE(Acc_C_Potential)' }]));
    expect(typeof plain.indicators[0].value).toBe('number');
    expect(r.indicators[0].value).toBe(plain.indicators[0].value);
  });

  test('a duplicate criterion id is a data error with its cell (exit 1), never exit 2', async () => {
    const tmp = tempDir('crm3-names-');
    try {
      const file = tmp.file('dup.xlsx', await sampleBytes((s) => renameId(s, 'Criteria', 'C_Growth', 'C_Potential')));
      const r = await crm3('evaluate', file, '--json', '--as-of', '2026-11-26');
      expect(r.code).toBe(1);
      const json = JSON.parse(r.out);
      const dup = json.problems.find((p: { message: string }) => /C_Potential.*appears again/.test(p.message));
      expect(dup).toMatchObject({ severity: 'error', sheet: 'Config' });
      expect(dup.cell).toMatch(/^[A-Z]+\d+$/);
      expect(json.indicators.length).toBeGreaterThan(10);
    } finally {
      tmp.cleanup();
    }
  });

  test('engine names follow HyperFormula’s rule', () => {
    expect(isEngineName('Acc_C_Potential')).toBe(true);
    expect(isEngineName('Acc_Größe')).toBe(true);
    for (const bad of ['Acc_潜力', 'Acc_My crit', 'B12', 'R1C1', '1abc', 'a-b']) expect(isEngineName(bad)).toBe(false);
  });
});

describe('a hostile indicator formula fails alone', () => {
  const ok: IndicatorLine = { id: 'OK', formula: 'CRM3.WINRATE(Opp_Status)', unit: 'ratio' };
  let okValue: unknown;
  beforeAll(async () => {
    okValue = (await evaluateBytes(await withIndicators([ok]))).indicators[0].value;
    expect(typeof okValue).toBe('number');
  });

  test.each([
    ['a 2,000-term sum', Array.from({ length: 2000 }, () => '1').join('+'), /nested or chained too deeply/],
    ['a huge REPT', 'LEN(REPT("abcdefghij",100000000))', /too large for the engine/],
    ['a syntax error', 'SUM(1,,((', /cannot be read \(a syntax error/],
    [
      'a formula longer than Excel allows',
      `SUM(${Array.from({ length: 3000 }, (_, k) => k).join(',')})`,
      /more than Excel's limit of 8192/,
    ],
  ])('%s: a clear error, the other indicator still evaluates', async (_kind, formula, message) => {
    const r = await evaluateBytes(await withIndicators([{ id: 'BAD', formula }, ok]));
    expect(r.indicators.map((i) => i.id)).toEqual(['BAD', 'OK']);
    expect(r.indicators[0].value).toBeNull();
    expect(r.indicators[1].value).toBe(okValue);
    const problem = r.problems.find((p) => p.message.startsWith('BAD:'));
    expect(problem?.message).toMatch(message);
  });

  test('the CLI evaluates such a workbook (exit 0 or 1, not 2)', async () => {
    const tmp = tempDir('crm3-formula-');
    try {
      const file = tmp.file('bad.xlsx', await withIndicators([{ id: 'BAD', formula: 'REPT("x",2000000000)' }, ok]));
      const r = await crm3('evaluate', file, '--json', '--as-of', '2026-11-26');
      expect(r.code).toBeLessThan(2);
      expect(JSON.parse(r.out).indicators[1]).toMatchObject({ id: 'OK', value: okValue });
      expect(path.basename(JSON.parse(r.out).file)).toBe('bad.xlsx');
    } finally {
      tmp.cleanup();
    }
  });
});
