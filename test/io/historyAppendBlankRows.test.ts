/**
 * History rows appended to a template's own tables fill the table's blank rows first (a
 * template's tables are written with two empty rows): no gap between the header and the first
 * snapshot, blank rows below the new ones kept with their styles, and a second append goes on
 * right after the first. Read back with openpyxl (an independent reader), and with our reader.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cell } from '../../src/core/cells';
import { appendHistoryRows } from '../../src/io/historyPackage';
import { buildTemplate } from '../../src/templates/build';
import { PYTHON, hasOpenpyxl } from '../support/independentReader';

const SCRIPT = `
import json, sys, warnings
warnings.simplefilter("ignore")
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    for name, t in ws.tables.items():
        if name not in ("History", "OppHistory", "AccountHistory"): continue
        ref = t if isinstance(t, str) else t.ref
        rows = []
        for row in ws[ref]:
            rows.append([None if c.value is None else str(c.value) for c in row])
        styled = [ws.cell(row=r, column=2).has_style for r in range(1, ws.max_row + 1)]
        out[name] = {"ref": ref, "rows": rows, "maxRow": ws.max_row, "styled": styled}
print(json.dumps(out))
`;

interface TableBack {
  ref: string;
  rows: (string | null)[][];
  maxRow: number;
  /** Whether column B of each sheet row has a cell style. */
  styled: boolean[];
}

function readBack(bytes: Uint8Array): Record<string, TableBack> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-hist-')), 'plan.xlsx');
  fs.writeFileSync(file, bytes);
  return JSON.parse(execFileSync(PYTHON, ['-c', SCRIPT, file], { encoding: 'utf8' })) as Record<string, TableBack>;
}

/** A History row (Date, Label, IndicatorId, Value, Status) as the snapshot writes it. */
const indicatorRow = (id: string, value: number): Cell[] => [46352, 'Q1 review', id, value, 'Green'];

describe('history rows into a template’s own tables', () => {
  let plan: Uint8Array;
  beforeAll(async () => {
    expect(hasOpenpyxl()).toBe(true); // .ci/run installs python3-openpyxl
    plan = await buildTemplate('account-plan', 'en-US');
    // The template's History table: a header and two blank rows.
    const t = readBack(plan).History;
    expect(t.ref).toBe('A1:E3');
    expect(
      t.rows
        .slice(1)
        .flat()
        .every((v) => v === null),
    ).toBe(true);
  }, 120_000);

  test('three rows fill the two blank rows and one more, right under the header', async () => {
    const r = await appendHistoryRows(
      plan,
      'plan.xlsx',
      { History: [indicatorRow('WinRate', 0.4), indicatorRow('Coverage', 2.5), indicatorRow('Pipeline', 100)] },
      { locale: 'en-US', when: new Date(0) },
    );
    if (!r.ok) throw new Error(r.message.en);
    const t = readBack(r.bytes).History;
    expect(t.ref).toBe('A1:E4');
    expect(t.rows.map((row) => row[2])).toEqual(['IndicatorId', 'WinRate', 'Coverage', 'Pipeline']);
    expect(t.maxRow).toBe(4);
  }, 60_000);

  test('one row takes the first blank row; the second blank row stays in the table; the next append follows it', async () => {
    const once = await appendHistoryRows(
      plan,
      'plan.xlsx',
      { History: [indicatorRow('WinRate', 0.4)] },
      { locale: 'en-US', when: new Date(0) },
    );
    if (!once.ok) throw new Error(once.message.en);
    const t1 = readBack(once.bytes).History;
    expect(t1.ref).toBe('A1:E3');
    expect(t1.rows.map((row) => row[2])).toEqual(['IndicatorId', 'WinRate', null]);
    // The blank row left keeps the template's cell style.
    expect(t1.styled[2]).toBe(true);

    const twice = await appendHistoryRows(
      once.bytes,
      'plan.xlsx',
      { History: [indicatorRow('Coverage', 2.5), indicatorRow('Pipeline', 100)] },
      { locale: 'en-US', when: new Date(0) },
    );
    if (!twice.ok) throw new Error(twice.message.en);
    const t2 = readBack(twice.bytes).History;
    expect(t2.ref).toBe('A1:E4');
    expect(t2.rows.map((row) => row[2])).toEqual(['IndicatorId', 'WinRate', 'Coverage', 'Pipeline']);
    expect(t2.rows[1][3]).toBe('0.4');
    expect(t2.rows[3][3]).toBe('100');
  }, 60_000);

  test('a table with its rows filled gets new rows below them, as before', async () => {
    const full = await appendHistoryRows(
      plan,
      'plan.xlsx',
      { History: [indicatorRow('WinRate', 0.4), indicatorRow('Coverage', 2.5)] },
      { locale: 'en-US', when: new Date(0) },
    );
    if (!full.ok) throw new Error(full.message.en);
    expect(readBack(full.bytes).History.ref).toBe('A1:E3');
    const more = await appendHistoryRows(
      full.bytes,
      'plan.xlsx',
      { History: [indicatorRow('Pipeline', 100)] },
      { locale: 'en-US', when: new Date(0) },
    );
    if (!more.ok) throw new Error(more.message.en);
    const t = readBack(more.bytes).History;
    expect(t.ref).toBe('A1:E4');
    expect(t.rows.map((row) => row[2])).toEqual(['IndicatorId', 'WinRate', 'Coverage', 'Pipeline']);
  }, 60_000);
});
