/**
 * `crm3 evaluate` end to end, in-process through main(): the table and JSON views (DESIGN §9
 * shape), zh, --as-of, --by, --scope, --out, folders, bad usage, and files that cannot be read
 * or carry bad data. Every input file must be byte-identical afterwards (sha256 and mtime).
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { main, Io } from '../../src/cli/main';
import { formatValue } from '../../src/core/format';
import { evaluateWorkbook } from '../../src/engine/evaluate';
import { readWorkbookFile } from '../../src/io/readWorkbook';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { BUILT_IN_INDICATORS, GOALS } from '../../src/model/indicators';
import { generateSample } from '../../src/model/sample';
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { oleFile, repack, sha256, tempDir, writeZip } from '../io/zipCraft';

const ASOF = '2026-11-26';
const IDS = BUILT_IN_INDICATORS.map((i) => i.id);

interface Run {
  code: number;
  out: string;
  err: string;
}

async function crm3(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(argv, io);
  return { code, out, err };
}

/** A file's identity: content hash and modification time. */
const fingerprint = (p: string) => ({ sha256: sha256(p), mtimeMs: fs.statSync(p).mtimeMs, size: fs.statSync(p).size });

const tmp = tempDir('crm3-cli-');
const file = (name: string) => path.join(tmp.dir, name);
const fingerprints = new Map<string, ReturnType<typeof fingerprint>>();

async function write(name: string, snapshot: WorkbookSnapshot, locale: 'en-US' | 'zh-CN' = 'en-US'): Promise<string> {
  const p = file(name);
  fs.writeFileSync(p, await writeWorkbook(snapshot, { locale }));
  fingerprints.set(p, fingerprint(p));
  return p;
}
function writeBytes(name: string, bytes: Uint8Array): string {
  const p = tmp.file(name, bytes);
  fingerprints.set(p, fingerprint(p));
  return p;
}

/** Sample with one cell of one table changed. */
function edited(table: 'Opportunities' | 'Accounts', row: number, column: string, value: string): WorkbookSnapshot {
  const s = generateSample({ size: 60, seed: 1 });
  const t = s.tables[table]!;
  t.rows[row][t.headers.indexOf(column)] = value;
  return s;
}

let sample: string;
let sampleZh: string;
let folder: string;
let sampleBytes: Uint8Array;

beforeAll(async () => {
  sample = await write('sample.xlsx', generateSample({ size: 60, seed: 1 }));
  sampleZh = await write('sample-zh.xlsx', generateSample({ size: 60, seed: 1, locale: 'zh-CN' }), 'zh-CN');
  sampleBytes = new Uint8Array(fs.readFileSync(sample));
  folder = path.join(tmp.dir, 'folder');
  fs.mkdirSync(folder);
  fs.copyFileSync(sample, path.join(folder, 'b.xlsx'));
  fs.copyFileSync(sampleZh, path.join(folder, 'a.xlsx'));
  fs.writeFileSync(path.join(folder, 'notes.txt'), 'not a workbook');
  fs.writeFileSync(path.join(folder, '~$a.xlsx'), 'Excel lock file');
});
afterAll(() => {
  // Nothing crm3 read was modified.
  for (const [p, before] of fingerprints) if (fs.existsSync(p)) expect({ p, ...fingerprint(p) }).toEqual({ p, ...before });
  tmp.cleanup();
});

describe('a good workbook', () => {
  test('--table prints all 40 indicators by goal, with values and RAG statuses; exit 0', async () => {
    const table = await crm3('evaluate', sample, '--table');
    const json = await crm3('evaluate', sample, '--json');
    expect(table.code).toBe(0);
    expect(table.err).toBe('');
    expect(table.out).toContain(`as of ${ASOF}`);
    for (const g of GOALS) expect(table.out).toContain(`${g.id}  ${g.en}`);
    const lines = table.out.split('\n');
    for (const ind of JSON.parse(json.out).indicators) {
      const line = lines.find((l) => l.trimStart().startsWith(ind.id + ' '));
      expect(line).toBeDefined();
      expect(line).toContain(formatValue(ind.value, ind.unit, 'en-US'));
      if (ind.status) expect(line!.trimEnd().endsWith(ind.status)).toBe(true);
    }
    expect(IDS.every((id) => lines.some((l) => l.trimStart().startsWith(id + ' ')))).toBe(true);
    expect(table.out).toMatch(/Green/);
    expect(table.out).toMatch(/Problems: 0 errors, 0 warnings/);
  });

  test('--json: the DESIGN §9 shape, blanks are null, values equal the engine on the same data', async () => {
    const { code, out, err } = await crm3('evaluate', sample, '--json');
    expect([code, err]).toEqual([0, '']);
    const r = JSON.parse(out);
    expect(Object.keys(r)).toEqual([
      'file',
      'asOf',
      'currency',
      'indicators',
      'missing',
      'accounts',
      'opportunities',
      'problems',
    ]);
    // The sample's Config says CNY.
    expect(r.currency).toBe('CNY');
    expect(r.missing).toEqual([]);
    expect(r.file).toBe(sample);
    expect(r.asOf).toBe(ASOF);
    expect(r.indicators.map((i: { id: string }) => i.id)).toEqual(IDS);
    for (const i of r.indicators) {
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['id', 'goal', 'value', 'unit', 'status']));
      expect(['WIN', 'PIPE', 'REL', 'BEH']).toContain(i.goal);
      expect(['ratio', 'amount', 'days', 'count', 'number']).toContain(i.unit);
      expect(i.value === null || typeof i.value === 'number').toBe(true);
      expect([null, 'Green', 'Amber', 'Red', 'NoData']).toContain(i.status);
      // No data has no value and says why; anything else has no reason.
      if (i.status === 'NoData') expect([i.value, typeof i.reason]).toEqual([null, 'string']);
      else expect(i.reason).toBeUndefined();
    }
    // An indicator without thresholds has a null status, written out as null (not left out).
    expect(out).toMatch(/"status": null/);
    expect(r.accounts).toHaveLength(30);
    for (const a of r.accounts) expect(Object.keys(a)).toEqual(['AccountId', 'Score', 'Attractiveness', 'Position', 'Tier']);
    expect(r.opportunities).toHaveLength(60);
    for (const o of r.opportunities) expect(Object.keys(o)).toEqual(['OppId', 'QualScore', 'Grade', 'Probability', 'StageCheck']);
    expect(r.opportunities.some((o: { StageCheck: string }) => /^Missing: E_/.test(o.StageCheck))).toBe(true);
    expect(r.problems).toEqual([]);
    // Reading the file changes nothing: the numbers are those of the generated data.
    const direct = evaluateWorkbook(generateSample({ size: 60, seed: 1 }), { file: sample, asOf: 46352, locale: 'en-US' });
    expect(r.indicators.map((i: { value: unknown }) => i.value)).toEqual(direct.indicators.map((i) => i.value));
    expect(r.accounts).toEqual(direct.accounts);
  });

  test('the zh sample with --lang zh-CN: zh names and headings, the same numbers as en', async () => {
    const en = JSON.parse((await crm3('evaluate', sample, '--json')).out);
    const zhJson = await crm3('evaluate', sampleZh, '--json', '--lang', 'zh-CN');
    expect(zhJson.code).toBe(0);
    const zh = JSON.parse(zhJson.out);
    expect(zh.indicators.map((i: { value: unknown }) => i.value)).toEqual(en.indicators.map((i: { value: unknown }) => i.value));
    expect(zh.indicators.map((i: { status: unknown }) => i.status)).toEqual(
      en.indicators.map((i: { status: unknown }) => i.status),
    );
    expect(zh.indicators[0].name).toBe('赢率（按个数）');
    expect(zh.accounts).toEqual(en.accounts);
    const table = await crm3('evaluate', sampleZh, '--table', '--lang', 'zh-CN');
    expect(table.code).toBe(0);
    expect(table.out).toContain(`基准日 ${ASOF}`);
    for (const g of GOALS) expect(table.out).toContain(g.zh);
    expect(table.out).toMatch(/绿灯|黄灯|红灯/);
    expect(table.out).not.toMatch(/Green|Amber|Red/);
    expect(table.out).toContain('问题：0 个错误，0 个警告');
    for (const id of IDS) expect(table.out).toContain(id);
  });

  test('--as-of overrides AsOfDate', async () => {
    const { code, out } = await crm3('evaluate', sample, '--json', '--as-of', '2026-06-30');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.asOf).toBe('2026-06-30');
    const base = JSON.parse((await crm3('evaluate', sample, '--json')).out);
    // Date-relative indicators move (activities after 2026-06-30 no longer count as recent, etc.).
    const moved = r.indicators
      .filter((i: { id: string; value: unknown }, k: number) => i.value !== base.indicators[k].value)
      .map((i: { id: string }) => i.id);
    expect(moved).toEqual(expect.arrayContaining(['OVERDUE_RATE', 'STALE_RATE']));
  });

  test('--by owner --json: an array, one result per owner, each with its scope', async () => {
    const { code, out } = await crm3('evaluate', sample, '--by', 'owner', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(Array.isArray(r)).toBe(true);
    expect(r).toHaveLength(4); // a sample of 60 has four owners
    for (const item of r) {
      expect(item.scope).toEqual([{ field: 'owner', value: expect.any(String) }]);
      expect(item.indicators).toHaveLength(40);
      expect(item.file).toBe(sample);
    }
    expect(new Set(r.map((i: { scope: { value: string }[] }) => i.scope[0].value)).size).toBe(4);
    expect(r.reduce((n: number, i: { accounts: unknown[] }) => n + i.accounts.length, 0)).toBe(30);
  });

  test('--scope owner=Nobody (a value no account has) is an error that lists the owners there are', async () => {
    const owners = [...new Set(generateSample({ size: 60, seed: 1 }).tables.Accounts!.rows.map((r) => r[4] as string))];
    const { code, out, err } = await crm3('evaluate', sample, '--scope', 'owner=Nobody', '--json');
    expect([code, out]).toEqual([1, '']);
    expect(err).toContain('owner=Nobody: no account has owner "Nobody". The owner values in the workbook are ');
    for (const o of owners) expect(err).toContain(`"${o}"`);
    const zh = await crm3('evaluate', sample, '--scope', 'owner=Nobody', '--lang', 'zh-CN');
    expect(zh.code).toBe(1);
    expect(zh.err).toMatch(/owner=Nobody：没有任何客户的负责人是“Nobody”。工作簿中的负责人有：".*"、/);
  });

  test('--scope values match as ids do: case, width and spacing folded', async () => {
    const owner = generateSample({ size: 60, seed: 1 }).tables.Accounts!.rows[0][4] as string;
    const folded = `  ${owner.toUpperCase().replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))} `;
    const exact = JSON.parse((await crm3('evaluate', sample, '--scope', `owner=${owner}`, '--json')).out);
    const { code, out } = await crm3('evaluate', sample, '--scope', `owner=${folded}`, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out).indicators).toEqual(exact.indicators);
  });

  test('a scope or --by field on a column the workbook lacks is an error that says so', async () => {
    const s = generateSample({ size: 60, seed: 1 });
    const acc = s.tables.Accounts!;
    const j = acc.headers.indexOf('Region');
    acc.headers.splice(j, 1);
    for (const r of acc.rows) r.splice(j, 1);
    const noRegion = await write('no-region.xlsx', s);
    const scoped = await crm3('evaluate', noRegion, '--scope', 'region=East');
    expect([scoped.code, scoped.out]).toEqual([1, '']);
    expect(scoped.err).toContain('region=East: the Accounts table has no Region column, so there is nothing to scope by region.');
    const by = await crm3('evaluate', noRegion, '--by', 'region', '--json');
    expect(by.code).toBe(1);
    expect(by.err).toContain('region: the Accounts table has no Region column');
  });

  test('--out report.xlsx writes a workbook ExcelJS reads, with Indicators, Accounts, Opportunities and Problems', async () => {
    const out = file('report.xlsx');
    const { code, out: text } = await crm3('evaluate', sample, '--out', out);
    expect(code).toBe(0);
    expect(text).toContain(`Report written to ${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Indicators', 'Accounts', 'Opportunities', 'Problems']);
    const ind = wb.getWorksheet('Indicators')!;
    expect(ind.rowCount).toBe(41);
    expect(ind.getRow(1).values).toEqual([undefined, 'Goal', 'Id', 'Indicator', 'Value', 'Unit', 'Status', 'Note']);
    expect(IDS.every((id, k) => ind.getRow(k + 2).getCell(2).value === id)).toBe(true);
    expect(wb.getWorksheet('Accounts')!.rowCount).toBe(31);
    expect(wb.getWorksheet('Opportunities')!.rowCount).toBe(61);
  });

  test('a folder: one result per .xlsx file (lock files and other files skipped)', async () => {
    const { code, out, err } = await crm3('evaluate', folder, '--json');
    expect(code).toBe(0);
    expect(err).toBe(''); // not a terminal: no progress bar
    const r = JSON.parse(out);
    expect(r.map((x: { file: string }) => path.basename(x.file))).toEqual(['a.xlsx', 'b.xlsx']);
    expect(r.every((x: { indicators: unknown[] }) => x.indicators.length === 40)).toBe(true);
    const table = await crm3('evaluate', folder);
    expect(table.out.match(/CRM3 value indicators — /g)).toHaveLength(2);
  });

  test('an empty folder exits 2 and says so', async () => {
    const empty = path.join(tmp.dir, 'empty');
    fs.mkdirSync(empty);
    const { code, err } = await crm3('evaluate', empty);
    expect(code).toBe(2);
    expect(err).toMatch(/no \.xlsx files/);
  });
});

describe('bad usage: exit 2 with a message', () => {
  test.each([
    [['evaluate', 'SAMPLE', '--frobnicate'], /unknown option --frobnicate/],
    [['evaluate', 'SAMPLE', '--as-of', '2026-02-30'], /--as-of must be a date YYYY-MM-DD, got "2026-02-30"/],
    [['evaluate', 'SAMPLE', '--as-of', '26.11.2026'], /--as-of must be a date/],
    [['evaluate', 'SAMPLE', '--as-of'], /--as-of needs a value/],
    [['evaluate', 'SAMPLE', '--by', 'nonsense'], /--by must be one of owner, region, industry, tier, account, got "nonsense"/],
    [['evaluate', 'SAMPLE', '--scope', 'colour=red'], /--scope must look like owner=Li/],
    [['evaluate', 'SAMPLE', '--out', 'report.csv'], /--out must name an \.xlsx file/],
    [['evaluate', 'SAMPLE', 'SAMPLE'], /give one file or folder/],
    [['evaluate'], /name the workbook/],
    [['evaluat', 'SAMPLE'], /unknown command "evaluat"/],
  ])('%j', async (argv, message) => {
    const { code, out, err } = await crm3(...argv.map((a) => (a === 'SAMPLE' ? sample : a)));
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(out).toBe('');
  });

  test('messages in zh with --lang zh-CN', async () => {
    const { code, err } = await crm3('evaluate', sample, '--by', 'nonsense', '--lang', 'zh-CN');
    expect(code).toBe(2);
    expect(err).toMatch(/--by 必须是/);
  });
});

describe('files that cannot be read: exit 2, the reason, and the file untouched', () => {
  const cases: [string, () => Promise<string> | string, RegExp][] = [
    ['missing path', () => file('missing.xlsx'), /File not found: .*missing\.xlsx/],
    [
      'not a zip',
      () =>
        writeBytes(
          'random.xlsx',
          new Uint8Array(4096).map((_, i) => (i * 131 + 7) % 256),
        ),
      /random\.xlsx is not an Excel \.xlsx workbook/,
    ],
    [
      'truncated zip',
      () => writeBytes('truncated.xlsx', sampleBytes.subarray(0, sampleBytes.length >> 1)),
      /truncated\.xlsx is damaged .*cut off/,
    ],
    [
      'encrypted (OLE)',
      () => writeBytes('secret.xlsx', oleFile(['EncryptionInfo', 'EncryptedPackage'])),
      /secret\.xlsx is password-protected/,
    ],
    ['legacy .xls', () => writeBytes('old.xls', oleFile(['Workbook'])), /old\.xls is an Excel 97-2003 workbook/],
    [
      'macro-enabled',
      async () =>
        writeBytes(
          'macro.xlsm',
          await repack(sampleBytes, () => null, [{ name: 'xl/vbaProject.bin', data: new Uint8Array(64) }]),
        ),
      /macro\.xlsm is a macro-enabled workbook/,
    ],
    [
      'zip bomb',
      () => {
        const z = writeZip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'xl/workbook.xml', data: '<workbook/>' },
        ]);
        const b = Buffer.from(z.bytes);
        b.writeUInt32LE(0xfffffff0, z.records[1].central + 24);
        return writeBytes('bomb.xlsx', new Uint8Array(b));
      },
      /bomb\.xlsx is refused as a possible zip bomb/,
    ],
  ];

  test.each(cases)('%s', async (_name, make, message) => {
    const p = await make();
    const before = fs.existsSync(p) ? fingerprint(p) : undefined;
    for (const format of ['--json', '--table']) {
      const { code, out, err } = await crm3('evaluate', p, format);
      expect(code).toBe(2);
      expect(err).toMatch(message);
      expect(out).toBe('');
    }
    if (before) expect(fingerprint(p)).toEqual(before);
    else expect(fs.existsSync(p)).toBe(false);
  });

  test('the reason in zh with --lang zh-CN', async () => {
    const { code, err } = await crm3('evaluate', file('missing.xlsx'), '--lang', 'zh-CN');
    expect(code).toBe(2);
    expect(err).toMatch(/找不到文件/);
  });

  test('a folder with a good and a bad file: the good one is evaluated, the exit code is 2', async () => {
    const mixed = path.join(tmp.dir, 'mixed');
    fs.mkdirSync(mixed);
    fs.copyFileSync(sample, path.join(mixed, 'good.xlsx'));
    fs.writeFileSync(path.join(mixed, 'bad.xlsx'), 'not a zip at all');
    const { code, out, err } = await crm3('evaluate', mixed, '--json');
    expect(code).toBe(2);
    expect(err).toMatch(/bad\.xlsx/);
    expect(JSON.parse(out).map((r: { file: string }) => path.basename(r.file))).toEqual(['good.xlsx']);
  });

  test('too large: the CLI has no size option, so the reader refuses a file over a small configured limit', async () => {
    // crm3 evaluate uses the default 50 MB limit (readWorkbookFile(file) in src/cli/evaluate.ts);
    // the refusal itself is the reader's, tested here with a 2 KB limit.
    const before = fingerprint(sample);
    const r = await readWorkbookFile(sample, { maxFileBytes: 2048 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.code).toBe('too-large');
      expect(r.reason.message.en).toMatch(/sample\.xlsx is .* MB; the limit is/);
    }
    expect(fingerprint(sample)).toEqual(before);
  });
});

describe('workbooks with bad data: evaluated; exit 1 with errors, 0 with warnings only', () => {
  test('a duplicate OppId: error at its cell, exit 1', async () => {
    const s = generateSample({ size: 60, seed: 1 });
    const t = s.tables.Opportunities!;
    const id = t.headers.indexOf('OppId');
    t.rows[5][id] = t.rows[4][id];
    const p = await write('duplicate.xlsx', s);
    const { code, out } = await crm3('evaluate', p, '--json');
    expect(code).toBe(1);
    const r = JSON.parse(out);
    expect(r.indicators).toHaveLength(40);
    const dup = r.problems.find((x: { message: string }) => /appears again/.test(x.message));
    expect(dup).toMatchObject({ severity: 'error', sheet: 'Opportunities', cell: expect.stringMatching(/^A\d+$/) });
    expect(dup.message).toContain(String(t.rows[4][id]));
  });

  test('an orphan AccountId: a warning, exit 0', async () => {
    const p = await write('orphan.xlsx', edited('Opportunities', 0, 'AccountId', 'A999'));
    const { code, out } = await crm3('evaluate', p, '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.problems.some((x: { severity: string }) => x.severity === 'error')).toBe(false);
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        sheet: 'Opportunities',
        message: expect.stringMatching(/"A999" is not in the Accounts table/),
      }),
    );
    const table = await crm3('evaluate', p);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/Problems: 0 errors, [1-9]\d* warnings/);
  });

  test('an unknown status: an error naming the value, exit 1', async () => {
    const p = await write('unknown-status.xlsx', edited('Opportunities', 2, 'Status', 'Maybe'));
    const { code, out } = await crm3('evaluate', p, '--json');
    expect(code).toBe(1);
    const r = JSON.parse(out);
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        sheet: 'Opportunities',
        message: expect.stringMatching(/"Maybe" is not a known value/),
      }),
    );
  });
});
