/**
 * `crm3 evaluate --by owner --out report.xlsx` (issue 14, item 5): the report holds every
 * group's accounts and opportunities, each row with its scope, not only the first group's.
 * The rows per owner are counted by hand from the workbook written here, and the report is
 * re-read by openpyxl.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { main, Io } from '../../src/cli/main';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { hasOpenpyxl, PYTHON } from '../support/independentReader';
import { tempDir } from '../io/zipCraft';

const tmp = tempDir('crm3-by-');
afterAll(() => tmp.cleanup());

/**
 * Four accounts and six opportunities: Wang owns A1 and A3 (opportunities O1, O2, O4, O6),
 * Li owns A2 (O3, O5). Every other table is dropped, so nothing else decides the rows.
 */
function smallBook(locale: 'en-US' | 'zh-CN'): WorkbookSnapshot {
  const s = generateSample({ size: 8, seed: 2, locale });
  const acc = s.tables.Accounts!;
  const opp = s.tables.Opportunities!;
  const owners = ['Wang', 'Li', 'Wang', 'Zhao'];
  const accountOf = ['A1', 'A1', 'A2', 'A3', 'A2', 'A3'];
  const aId = acc.headers.indexOf('AccountId');
  const aOwner = acc.headers.indexOf('Owner');
  acc.rows = acc.rows.slice(0, 4).map((r, i) => {
    const row = [...r];
    row[aId] = `A${i + 1}`;
    row[aOwner] = owners[i];
    return row;
  });
  const oId = opp.headers.indexOf('OppId');
  const oAcc = opp.headers.indexOf('AccountId');
  const oOwner = opp.headers.indexOf('Owner');
  opp.rows = opp.rows.slice(0, 6).map((r, i) => {
    const row = [...r];
    row[oId] = `O${i + 1}`;
    row[oAcc] = accountOf[i];
    if (oOwner >= 0) row[oOwner] = owners[Number(accountOf[i].slice(1)) - 1];
    return row;
  });
  for (const t of ['Contacts', 'DecisionChain', 'Activities', 'Actions', 'Targets'] as const) {
    const table = s.tables[t];
    if (table) table.rows = [];
  }
  return s;
}

async function crm3(...argv: string[]) {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(argv, io);
  return { code, out, err };
}

interface Sheet {
  name: string;
  rows: (string | number | null)[][];
}
function readBack(file: string): Sheet[] {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps([{"name": ws.title, "rows": [[c.value for c in r] for r in ws.iter_rows()]} for ws in wb.worksheets], default=str))
`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' }));
}

/** The first column's values of a sheet's data rows, counted. */
function countByFirstColumn(sheet: Sheet): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of sheet.rows.slice(1)) out[String(r[0])] = (out[String(r[0])] ?? 0) + 1;
  return out;
}

const withOpenpyxl = hasOpenpyxl() ? test : test.skip;

withOpenpyxl('en: every owner’s accounts and opportunities, each row with its scope', async () => {
  const input = tmp.file('small.xlsx', await writeWorkbook(smallBook('en-US'), { locale: 'en-US' }));
  const out = path.join(tmp.dir, 'by-owner.xlsx');
  const r = await crm3('evaluate', input, '--by', 'owner', '--out', out, '--as-of', '2026-11-26');
  expect(r.err).toBe('');
  expect(fs.existsSync(out)).toBe(true);
  const sheets = readBack(out);
  expect(sheets.map((s) => s.name)).toEqual(['Indicators', 'Accounts', 'Opportunities', 'Problems']);
  const [indicators, accounts, opportunities] = sheets;
  expect(accounts.rows[0][0]).toBe('Scope');
  expect(accounts.rows[0][1]).toBe('AccountId');
  expect(countByFirstColumn(accounts)).toEqual({ 'owner=Wang': 2, 'owner=Li': 1, 'owner=Zhao': 1 });
  expect(opportunities.rows[0][0]).toBe('Scope');
  expect(countByFirstColumn(opportunities)).toEqual({ 'owner=Wang': 4, 'owner=Li': 2 });
  // The rows are the right ones, not only the right number.
  const ids = (sheet: Sheet, scope: string) =>
    sheet.rows
      .slice(1)
      .filter((row) => row[0] === scope)
      .map((row) => row[1])
      .sort();
  expect(ids(accounts, 'owner=Wang')).toEqual(['A1', 'A3']);
  expect(ids(opportunities, 'owner=Wang')).toEqual(['O1', 'O2', 'O4', 'O6']);
  expect(ids(opportunities, 'owner=Li')).toEqual(['O3', 'O5']);
  // Each group's indicators are there too.
  expect(Object.keys(countByFirstColumn(indicators)).sort()).toEqual(['owner=Li', 'owner=Wang', 'owner=Zhao']);
});

withOpenpyxl('zh: the scope column and its values in Chinese', async () => {
  const input = tmp.file('small-zh.xlsx', await writeWorkbook(smallBook('zh-CN'), { locale: 'zh-CN' }));
  const out = path.join(tmp.dir, 'by-owner-zh.xlsx');
  const r = await crm3('evaluate', input, '--by', 'owner', '--out', out, '--lang', 'zh-CN', '--as-of', '2026-11-26');
  expect(r.err).toBe('');
  const [, accounts, opportunities] = readBack(out);
  expect(accounts.rows[0][0]).toBe('范围');
  expect(countByFirstColumn(accounts)).toEqual({ '负责人=Wang': 2, '负责人=Li': 1, '负责人=Zhao': 1 });
  expect(countByFirstColumn(opportunities)).toEqual({ '负责人=Wang': 4, '负责人=Li': 2 });
});
