/**
 * Real CRM exports in, honest numbers out (issue #14). Ten exports of eight CRMs (Salesforce
 * report and details, HubSpot CSV and UTF-16 text, Dynamics 365, Zoho, Pipedrive, 纷享销客,
 * 销售易, 悟空CRM; en and zh; .xlsx and CSV in UTF-8, UTF-8 with BOM, UTF-16 and GB18030), all
 * carrying the same ten deals (test/support/crmExports.ts), go from the file to results with
 * no hand edit, read as they are and through `crm3 import`; the results are checked against
 * the numbers worked out by hand below, and what an export lacks is No data.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { EvaluationResult, evaluateWorkbook } from '../../src/engine/evaluate';
import { readInputFile } from '../../src/io/readInput';
import { BUILT_IN_INDICATORS } from '../../src/model/indicators';
import { ExportFile, PYTHON, writeExports } from '../support/crmExports';

const ASOF = 46203; // 2026-06-30; the period is 2026
const options = { asOf: ASOF, locale: 'en-US' as const };

/*
 * By hand, from DEALS (as of 2026-06-30, period 2026, NoDecisionIsLoss TRUE):
 * closed in 2026: D1 Won 120k (2026-03-15), D3 Lost 30k, D5 Won 60k (2026-05-10), D8 Lost 10k,
 * D10 25k (NoDecision where the CRM can say so, else Lost). Open: D2 Negotiate 45k, D4 Solution
 * 80k, D6 Qualify 15k, D7 Solution 200k, D9 Qualify 50k (closes 2026-06-15: overdue).
 */
const WIN_RATE = 2 / 5; // won / (won + lost + no decision)
const HAND: Record<string, number> = {
  WIN_RATE_COUNT: WIN_RATE,
  WIN_RATE_VALUE: 180000 / 245000, // (120k + 60k) / (120 + 30 + 60 + 10 + 25)k
  AVG_WON_DEAL: 90000,
  // D1 2025-11-02 → 2026-03-15 = 133 days; D5 2026-01-15 → 2026-05-10 = 115 days
  CYCLE_DAYS_WON: (133 + 115) / 2,
  NEW_OPP_COUNT: 8, // created in 2026: all but D1 (2025-11-02) and D3 (2025-12-01)
  NEW_PIPE_VALUE: 45000 + 80000 + 60000 + 15000 + 200000 + 10000 + 50000 + 25000,
  OPEN_PIPE: 45000 + 80000 + 15000 + 200000 + 50000,
  // stage probabilities Negotiate 0.8, Solution 0.4, Qualify 0.2
  WEIGHTED_PIPE: 45000 * 0.8 + 80000 * 0.4 + 15000 * 0.2 + 200000 * 0.4 + 50000 * 0.2,
  REQUIRED_COVERAGE: 1 / WIN_RATE,
  SALES_VELOCITY: (5 * 90000 * WIN_RATE) / 124, // #open · average won · win rate / cycle days
  LATE_STAGE_SHARE: 45000 / 390000, // Shortlist or later: only D2
  OVERDUE_RATE: 1 / 5, // D9
};
const STATUS: Record<string, string | null> = {
  WIN_RATE_COUNT: 'Green', // 0.4 ≥ 0.4
  WIN_RATE_VALUE: 'Green',
  AVG_WON_DEAL: null,
  CYCLE_DAYS_WON: 'Amber', // 90 < 124 ≤ 180
  NEW_OPP_COUNT: null,
  NEW_PIPE_VALUE: null,
  OPEN_PIPE: null,
  WEIGHTED_PIPE: null,
  REQUIRED_COVERAGE: null,
  SALES_VELOCITY: null,
  LATE_STAGE_SHARE: 'Red', // 0.115 < 0.15
  OVERDUE_RATE: 'Amber', // 0.1 < 0.2 ≤ 0.25
};
/** Indicators that read CreatedDate. */
const NEED_CREATED = ['CYCLE_DAYS_WON', 'NEW_OPP_COUNT', 'NEW_PIPE_VALUE', 'SALES_VELOCITY'];

function expected(x: ExportFile): Map<string, { value: number; status: string | null }> {
  const out = new Map<string, { value: number; status: string | null }>();
  for (const [id, value] of Object.entries(HAND)) {
    if (!x.createdDate && NEED_CREATED.includes(id)) continue;
    out.set(id, { value, status: STATUS[id] });
  }
  // D10 is "no decision" only where the CRM can say it: 1/5, at the red line (not past it) → Amber.
  out.set('NO_DECISION_RATE', x.noDecision ? { value: 1 / 5, status: 'Amber' } : { value: 0, status: 'Green' });
  if (!x.createdDate) out.delete('REQUIRED_COVERAGE');
  if (!x.createdDate) out.set('REQUIRED_COVERAGE', { value: 1 / WIN_RATE, status: null });
  // Closed with a competitor: D1 won (Oracle), D3 lost (SAP), D10 no decision or lost (SAP) → 1/3.
  if (x.competitor) out.set('COMP_WIN_RATE', { value: 1 / 3, status: 'Amber' });
  // Open with a next step on or after 2026-06-30: D2 (07-05) and D7 (07-01) of five → 0.4 < 0.5.
  if (x.nextStep) out.set('NEXT_STEP_RATE', { value: 2 / 5, status: 'Red' });
  return out;
}

function expectResults(r: EvaluationResult, x: ExportFile): void {
  const want = expected(x);
  for (const i of r.indicators) {
    const w = want.get(i.id);
    if (!w) {
      // Everything the export cannot say is No data, with a reason, never a number or a colour.
      expect({ id: i.id, value: i.value, status: i.status }).toEqual({ id: i.id, value: null, status: 'NoData' });
      expect(i.reason).toMatch(/^(No data|无数据)/);
      continue;
    }
    expect({ id: i.id, status: i.status }).toEqual({ id: i.id, status: w.status });
    expect(typeof i.value).toBe('number');
    expect(Math.abs((i.value as number) - w.value)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w.value)));
  }
  expect(r.indicators.map((i) => i.id)).toEqual(BUILT_IN_INDICATORS.map((i) => i.id));
  expect(r.currency).toBe(x.currency);
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
}

let dir: string;
let exports: ExportFile[];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-exports-'));
  exports = writeExports(dir);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the exports cover at least four CRMs, en and zh, xlsx and csv', () => {
  const crms = new Set(exports.map((x) => x.crm.split(' ')[0]));
  expect(crms.size).toBeGreaterThanOrEqual(4);
  for (const lang of ['en', 'zh'])
    for (const kind of ['xlsx', 'csv']) expect(exports.some((x) => x.lang === lang && x.kind === kind)).toBe(true);
});

describe.each([
  'Salesforce report',
  'Salesforce details',
  'HubSpot',
  'Dynamics 365',
  'Zoho',
  'Pipedrive',
  '纷享销客',
  '销售易',
  '悟空CRM',
  'HubSpot (UTF-16 text)',
])('%s export', (crm) => {
  const x = () => exports.find((e) => e.crm === crm)!;

  test('is read as it is: the deals, their stages and statuses, accounts made from them', async () => {
    const read = await readInputFile(x().file);
    if (!read.ok) throw new Error(read.reason.message.en);
    const s = read.snapshot;
    const info = s.imported!;
    expect(info.tables.map((t) => [t.table, t.rows])).toEqual([['Opportunities', 10]]);
    // Every stage name of the export is known (a StageMap row or a CRM3 stage): none left unknown.
    expect(info.stages.filter((u) => u.how === 'unknown' || u.how === 'probability')).toEqual([]);
    expect(new Set(info.stages.map((u) => u.crmStage))).toEqual(new Set(x().stages));
    const opp = s.tables.Opportunities!;
    const col = (c: string) => opp.rows.map((r) => r[opp.headers.indexOf(c)]);
    const statuses = col('Status');
    expect(statuses.filter((v) => v === 'Won')).toHaveLength(2);
    expect(statuses.filter((v) => v === 'Open')).toHaveLength(5);
    expect(statuses.filter((v) => v === 'NoDecision')).toHaveLength(x().noDecision ? 1 : 0);
    // Ids: distinct, and the same in every export of the same names (a hash of the names, or the CRM's own).
    expect(new Set(col('OppId')).size).toBe(10);
    expect(s.tables.Accounts!.rows).toHaveLength(5);
    const evaluated = evaluateWorkbook(s, { ...options, file: x().file });
    expectResults(evaluated, x());
    // The accounts are made, not read: no problem points at the Accounts sheet the export does not
    // have; the missing criterion scores are reported on the export's own sheet, and say why.
    expect(evaluated.problems.filter((p) => p.sheet === 'Accounts')).toEqual([]);
    expect(evaluated.problems.find((p) => /no criterion scores/.test(p.message))).toMatchObject({
      sheet: opp.sheet,
      cell: '',
    });
  });

  test('goes through crm3 import to a workbook that opens in openpyxl and gives the same results', async () => {
    const out = path.join(dir, `${path.basename(x().file)}.crm3.xlsx`);
    const lines: string[] = [];
    const errs: string[] = [];
    const lang = x().lang === 'zh' ? 'zh-CN' : 'en-US';
    const code = await main(['import', x().file, '--out', out, '--as-of', '2026-06-30', '--lang', lang], {
      out: (t) => lines.push(t),
      err: (t) => errs.push(t),
    });
    expect([code, errs.join('')]).toEqual([0, '']);
    const report = lines.join('');
    expect(report).toMatch(lang === 'zh-CN' ? /已写入/ : /Wrote /);
    // The original is untouched and the written workbook opens in an independent reader.
    const back = await readInputFile(out);
    if (!back.ok) throw new Error(back.reason.message.en);
    const py = JSON.parse(
      require('child_process').execFileSync(
        PYTHON,
        [
          '-c',
          'import json,sys,openpyxl; wb=openpyxl.load_workbook(sys.argv[1]); print(json.dumps({"sheets": wb.sheetnames, "opps": max(ws.max_row for ws in wb.worksheets if ws.title in ("Opportunities","商机")) - 1}))',
          out,
        ],
        { encoding: 'utf8' },
      ),
    );
    expect(py.opps).toBeGreaterThanOrEqual(10);
    const r = evaluateWorkbook(back.snapshot, { ...options, locale: lang, file: out });
    expectResults(r, x());
  });
});

describe('the mapping can be chosen and is remembered', () => {
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  test('an unknown stage name is reported, added to the StageMap for the consultant, and not guessed', async () => {
    const file = write(
      'odd-stage.csv',
      'Opportunity Name,Account Name,Amount,Close Date,Stage\nA,X,100,2026-08-01,Prospecting\nB,X,200,2026-08-01,Technical Win\n',
    );
    const read = await readInputFile(file);
    if (!read.ok) throw new Error('not read');
    expect(read.snapshot.imported!.stages.find((u) => u.crmStage === 'Technical Win')).toMatchObject({
      how: 'unknown',
      stage: '',
    });
    const out = path.join(dir, 'odd-stage.xlsx');
    const lines: string[] = [];
    const code = await main(['import', file, '--out', out, '--as-of', '2026-06-30'], {
      out: (t) => lines.push(t),
      err: () => {},
    });
    // Written, with the data error (a stage nobody knows) listed; the StageMap row waits to be filled in.
    expect(code).toBe(1);
    expect(lines.join('')).toMatch(/Technical Win \(1\) → \? not in the StageMap/);
    const back = await readInputFile(out);
    if (!back.ok) throw new Error('not read back');
    const map = back.snapshot.config.StageMap!;
    expect(map.rows[0].slice(0, 2)).toEqual(['Technical Win', null]);
  });

  test('a CRM probability places a stage the StageMap lacks, and says so', async () => {
    const file = write(
      'probability.csv',
      'Opportunity Name,Account Name,Amount,Close Date,Stage,Probability (%)\nA,X,100,2026-08-01,Technical Win,55\n',
    );
    const read = await readInputFile(file);
    if (!read.ok) throw new Error('not read');
    // 55 % is nearest Shortlist (60 %) of Discover 10, Qualify 20, Solution 40, Shortlist 60, Negotiate 80.
    expect(read.snapshot.imported!.stages[0]).toMatchObject({
      crmStage: 'Technical Win',
      stage: 'Shortlist',
      how: 'probability',
    });
  });

  test('a header no alias knows is not used until a choice maps it; the choice is remembered in ImportMap', async () => {
    const file = write(
      'custom.csv',
      'Deal,Client,Pipeline Value (k),Expected Close,Stage\nA,X,100,2026-08-01,Closed Won\nB,Y,250,2026-09-01,Prospecting\n',
    );
    // Deal, Client, Expected Close and Stage are known headers; the value column is not, so no amounts.
    const plain = await readInputFile(file);
    if (!plain.ok) throw new Error('not read');
    expect(plain.snapshot.imported!.tables[0].columns.find((c) => c.source === 'Pipeline Value (k)')!.column).toBeUndefined();
    expect(plain.snapshot.tables.Opportunities!.headers).not.toContain('Amount');
    const choices = [
      { source: 'Deal', table: 'Opportunities' as const, column: 'OppName' },
      { source: 'Client', table: 'Opportunities' as const, column: 'AccountName' },
      { source: 'Pipeline Value (k)', table: 'Opportunities' as const, column: 'Amount' },
      { source: 'Expected Close', table: 'Opportunities' as const, column: 'CloseDate' },
    ];
    const chosen = await readInputFile(file, { columnChoices: choices });
    if (!chosen.ok) throw new Error('not read');
    const opp = chosen.snapshot.tables.Opportunities!;
    expect(opp.rows.map((r) => r[opp.headers.indexOf('Amount')])).toEqual([100, 250]);
    expect(chosen.snapshot.imported!.tables[0].columns.find((c) => c.source === 'Pipeline Value (k)')).toMatchObject({
      column: 'Amount',
      by: 'map',
    });
    // crm3 import writes the choices into Config ImportMap; the next export is read with them (--config).
    const out = path.join(dir, 'custom.xlsx');
    const back = await (async () => {
      const { workbookFromImport } = await import('../../src/model/importedWorkbook');
      const { buildTemplate } = await import('../../src/templates/build');
      fs.writeFileSync(
        out,
        await buildTemplate('value-indicators', 'en-US', { data: workbookFromImport(chosen.snapshot, options) }),
      );
      return readInputFile(out);
    })();
    if (!back.ok) throw new Error('not read back');
    const next = write(
      'custom-next.csv',
      'Deal,Client,Pipeline Value (k),Expected Close,Stage\nC,Z,75,2026-10-01,Qualification\n',
    );
    const lines: string[] = [];
    const code = await main(
      ['import', next, '--out', path.join(dir, 'custom-next.xlsx'), '--config', out, '--as-of', '2026-06-30'],
      {
        out: (t) => lines.push(t),
        err: (t) => lines.push(t),
      },
    );
    expect(code).toBe(0);
    expect(lines.join('')).toMatch(/Pipeline Value \(k\)\s+→ Amount \(ImportMap\)/);
  });
});
