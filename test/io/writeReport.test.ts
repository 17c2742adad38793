/**
 * The evaluated report, re-read by an independent reader (openpyxl) and printed by LibreOffice:
 * formatted values, every word in the report's language, formula-like text kept as text, and
 * each indicator's value on the same printed page as its name.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXCEL_FORMAT } from '../../src/core/format';
import { EvaluationResult, evaluateWorkbook } from '../../src/engine/evaluate';
import { writeReport } from '../../src/io/writeReport';
import { generateSample } from '../../src/model/sample';

const PYTHON = '/usr/bin/python3';
const hasOpenpyxl = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasOpenpyxl) console.warn('python3-openpyxl is missing: skipping the report re-read (apt-get install -y python3-openpyxl)');
const withOpenpyxl = hasOpenpyxl ? describe : describe.skip;

interface ReadCell {
  v: string | number | boolean | null;
  t: string;
  fmt: string;
  fill: string | null;
  bold: boolean;
}
interface ReadSheet {
  name: string;
  rows: ReadCell[][];
  printTitles: string | null;
  orientation: string | null;
  fitToPage: boolean;
  fitToWidth: number | null;
  fitToHeight: number | null;
  frozen: string | null;
}

/** Every sheet's cells with their type, number format, fill and boldness, as openpyxl reads them. */
function readWithOpenpyxl(file: string): ReadSheet[] {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = [[{"v": c.value, "t": c.data_type, "fmt": c.number_format,
              "fill": (c.fill.fgColor.rgb if c.fill and c.fill.fill_type == "solid" else None),
              "bold": bool(c.font and c.font.b)} for c in row] for row in ws.iter_rows()]
    ps = ws.sheet_properties.pageSetUpPr
    out.append({"name": ws.title, "rows": rows, "printTitles": ws.print_title_rows,
                "orientation": ws.page_setup.orientation, "fitToPage": bool(ps and ps.fitToPage),
                "fitToWidth": ws.page_setup.fitToWidth, "fitToHeight": ws.page_setup.fitToHeight,
                "frozen": ws.freeze_panes})
print(json.dumps(out, default=str))
`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-report-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function evaluated(locale: 'en-US' | 'zh-CN'): EvaluationResult {
  const s = generateSample({ locale, size: 120, seed: 3 });
  return evaluateWorkbook(s, { file: `sample.${locale}.xlsx`, asOf: s.settings.AsOfDate as number, locale });
}

async function written(name: string, results: EvaluationResult[], locale: 'en-US' | 'zh-CN'): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, await writeReport(results, locale));
  return file;
}

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

withOpenpyxl('the report as an independent reader sees it', () => {
  test('en: four sheets, bold frozen headers, every indicator with its value formatted by unit and its light filled', async () => {
    const result = evaluated('en-US');
    const sheets = readWithOpenpyxl(await written('en.xlsx', [result], 'en-US'));
    expect(sheets.map((s) => s.name)).toEqual(['Indicators', 'Accounts', 'Opportunities', 'Problems']);
    const [ind] = sheets;
    expect(ind.rows[0].map((c) => c.v)).toEqual(['Goal', 'Id', 'Indicator', 'Value', 'Unit', 'Status', 'Note']);
    expect(ind.rows[0].every((c) => c.bold)).toBe(true);
    expect(sheets.map((s) => s.frozen)).toEqual(['A2', 'A2', 'A2', 'A2']);
    const rows = ind.rows.slice(1);
    expect(rows.map((r) => r[1].v)).toEqual(result.indicators.map((i) => i.id));
    result.indicators.forEach((i, k) => {
      const [, , name, value, unit, status] = rows[k];
      expect(name.v).toBe(i.name);
      if (typeof i.value === 'number') expect([value.v, value.t]).toEqual([i.value, 'n']);
      expect(value.fmt).toBe(EXCEL_FORMAT[i.unit as keyof typeof EXCEL_FORMAT]);
      expect(unit.v).toBe(i.unit);
      const fills: Record<string, string> = { Green: 'FFC6EFCE', Amber: 'FFFFEB9C', Red: 'FFFFC7CE' };
      if (i.status && fills[i.status]) expect([status.v, status.fill]).toEqual([i.status, fills[i.status]]);
    });
    // Per-row figures formatted as the workbook formats them; ids beside them.
    const acc = sheets[1];
    expect(acc.rows[0].map((c) => c.v)).toEqual(['AccountId', 'Score', 'Attractiveness', 'Position', 'Tier']);
    expect(acc.rows[1].slice(1, 4).map((c) => c.fmt)).toEqual(['0.0', '0.0', '0.0']);
    expect(acc.rows.length - 1).toBe(result.accounts.length);
    const opp = sheets[2];
    expect(opp.rows[1][3].fmt).toBe('0%');
  });

  test('zh: headers, units, status words, severities and stage checks in Chinese', async () => {
    const result = evaluated('zh-CN');
    result.problems.push({ severity: 'error', sheet: '商机', cell: 'F12', message: '金额不是数字' });
    const sheets = readWithOpenpyxl(await written('zh.xlsx', [result], 'zh-CN'));
    expect(sheets.map((s) => s.name)).toEqual(['指标', '客户', '商机', '问题']);
    for (const s of sheets)
      for (const h of s.rows[0]) {
        expect(String(h.v)).toMatch(CJK);
        expect(String(h.v)).not.toMatch(LATIN_WORD);
      }
    const rows = sheets[0].rows.slice(1);
    for (const r of rows) {
      expect(String(r[4].v)).not.toMatch(LATIN_WORD); // unit
      if (r[5].v !== null) expect(String(r[5].v)).toMatch(/^(绿灯|黄灯|红灯|无数据)$/);
    }
    const checks = sheets[2].rows.slice(1).map((r) => r[4].v);
    expect(checks).toContain('齐全');
    // Missing events by their zh names (the default events': the result carries no StageEvents table).
    const missing = checks.filter((c) => typeof c === 'string' && c.startsWith('缺：'));
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.filter((c) => /E_[A-Z]/.test(String(c)))).toEqual([]);
    expect(checks.filter((c) => typeof c === 'string' && /Missing|OK/.test(c))).toEqual([]);
    expect(sheets[3].rows[sheets[3].rows.length - 1].map((c) => c.v)).toEqual(['错误', '商机', 'F12', '金额不是数字']);
  });

  test('formula-like text stays text in every column (no formula, Text format), scopes of a --by run get a column', async () => {
    const base = evaluated('en-US');
    const hostile: EvaluationResult = {
      ...base,
      scope: [{ field: 'owner', value: '=HYPERLINK("x")' }],
      indicators: [{ ...base.indicators[0], id: '+SUM(1)', goal: '@evil', name: '=cmd|x', reason: '-1' }],
      problems: [{ severity: 'warning', sheet: '=A1', cell: '', message: '+1' }],
    };
    const sheets = readWithOpenpyxl(await written('hostile.xlsx', [hostile, base], 'en-US'));
    const [row] = sheets[0].rows.slice(1);
    expect(sheets[0].rows[0][0].v).toBe('Scope');
    expect(row[0].t).toBe('s');
    for (const c of [row[1], row[2], row[3], row[7]]) {
      expect(c.t).toBe('s');
      expect(c.fmt).toBe('@');
    }
    expect([row[0].v, row[1].v, row[2].v, row[3].v]).toEqual(['owner==HYPERLINK("x")', '@evil', '+SUM(1)', '=cmd|x']);
    expect(sheets[3].rows[1].map((c) => [c.v, c.t])).toEqual([
      ['warning', 's'],
      ['=A1', 's'],
      [null, 'n'],
      ['+1', 's'],
    ]);
  });

  test('prints landscape, one page wide, with the header row on every page', async () => {
    const sheets = readWithOpenpyxl(await written('print.xlsx', [evaluated('en-US')], 'en-US'));
    for (const s of sheets)
      expect([s.orientation, s.fitToPage, s.fitToWidth, s.fitToHeight, s.printTitles]).toEqual([
        'landscape',
        true,
        1,
        0,
        '$1:$1',
      ]);
  });
});

const soffice = ['soffice', 'libreoffice'].find((name) => {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
});
const hasPdftotext = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v pdftotext'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();
const printable = soffice && hasPdftotext ? test : test.skip;

printable(
  'printed by LibreOffice, each indicator’s value is on the same page as its name (en and zh)',
  async () => {
    const files = [
      await written('print-en.xlsx', [evaluated('en-US')], 'en-US'),
      await written('print-zh.xlsx', [evaluated('zh-CN')], 'zh-CN'),
    ];
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...files,
      ],
      {
        stdio: 'pipe',
        timeout: 300_000,
      },
    );
    for (const [file, locale] of [
      [files[0], 'en-US'],
      [files[1], 'zh-CN'],
    ] as const) {
      const result = evaluated(locale);
      const page1 = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file.replace(/\.xlsx$/, '.pdf'), '-'], {
        encoding: 'utf8',
      });
      const lines = page1.split('\n');
      // Every indicator of the sheet fits the first page, its value printed on its own line.
      for (const i of result.indicators) {
        const line = lines.find((l) => l.includes(i.name));
        expect({ id: i.id, onPage: line !== undefined }).toEqual({ id: i.id, onPage: true });
        if (typeof i.value === 'number' && i.unit === 'ratio') expect(line).toContain(`${(i.value * 100).toFixed(1)}%`);
      }
    }
  },
  360_000,
);
