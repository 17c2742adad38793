/**
 * The report's anti-formula guard covers every cell (issue #12 minor: it skipped the Id and
 * Goal columns): text a spreadsheet would take for a formula is written as text. Read back by
 * openpyxl (an independent reader): no cell is a formula, and each such text keeps its
 * leading quote.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EvaluationResult } from '../../src/engine/evaluate';
import { writeReport } from '../../src/io/writeReport';
import { tempDir } from '../io/zipCraft';

const PY = '/usr/bin/python3';
const hasOpenpyxl = (() => {
  try {
    execFileSync(PY, ['-c', 'import openpyxl'], { stdio: 'pipe' });
    return true;
  } catch {
    console.warn(
      'openpyxl is not installed: skipping the report read-back. Install it with sudo apt-get install -y python3-openpyxl (CI does).',
    );
    return false;
  }
})();

(hasOpenpyxl ? test : test.skip)('ids, goals, names, values, sheets and messages starting with = + - @ stay text', async () => {
  const result: EvaluationResult = {
    file: '=file',
    asOf: '2026-11-26',
    indicators: [
      { id: '=HYPERLINK("http://x","id")', goal: '+cmd|/c calc', name: '-2+3', value: '@SUM(1)', unit: 'number', status: null },
    ] as EvaluationResult['indicators'],
    accounts: [{ AccountId: '=1+1', Score: 1, Attractiveness: 1, Position: 1, Tier: 'A' }],
    opportunities: [],
    problems: [{ severity: 'error', sheet: '=Sheet', cell: 'A1', message: '=cmd' }],
  } as unknown as EvaluationResult;
  const tmp = tempDir('crm3-report-');
  try {
    const file = path.join(tmp.dir, 'report.xlsx');
    fs.writeFileSync(file, await writeReport([result], 'en-US'));
    const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
cells = [(ws.title, c.coordinate, c.data_type, c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
print(json.dumps(cells))`;
    const cells: [string, string, string, unknown][] = JSON.parse(execFileSync(PY, ['-c', script, file], { encoding: 'utf8' }));
    expect(cells.filter(([, , type]) => type === 'f')).toEqual([]);
    const texts = cells.map(([, , , v]) => v).filter((v): v is string => typeof v === 'string');
    for (const payload of ['=HYPERLINK("http://x","id")', '+cmd|/c calc', '-2+3', '@SUM(1)', '=1+1', '=Sheet', '=cmd'])
      expect(texts).toContain(`'${payload}`);
  } finally {
    tmp.cleanup();
  }
});
