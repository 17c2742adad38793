/**
 * One small workbook written by the writers people's files come from (issue 14, item 6):
 * openpyxl, pandas (through openpyxl, as pandas writes .xlsx), ExcelJS, SheetJS and
 * LibreOffice (the openpyxl file converted by `soffice --convert-to xlsx`). The Excel-written
 * files are the reference files in test/fixtures/excel-reference.
 *
 * The workbook, by hand (every writer stores the same content its own way):
 *   sheet order Summary, Deals, Notes (Summary first on purpose: the copy must keep the order);
 *   Deals!A1:D5  Deal | Status | Amount | Close date, header bold on a blue fill,
 *                Acme Won 1200.5 2026-03-15; Globex Lost 800 2026-04-02;
 *                Initech Won 450.25 2026-05-20; Hooli Open 300 2026-07-01;
 *                Amount formatted #,##0.00, Close date yyyy-mm-dd, column widths 14/10/12/12;
 *   Summary!A1:B3 Win rate = CRM3 WINRATE(Deals!B2:B5) = 2 won / 3 closed = 0.666…, formatted 0.0%;
 *                Total = SUM(Deals!C2:C5) = 2750.75 (not CRM3: stays a formula);
 *                Won value = CRM3 WINRATE(Deals!B2:B5, Deals!C2:C5) = 1650.75 / 2450.75;
 *   Notes!A1     a plain text.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';

export const PYTHON = '/usr/bin/python3';

export const WIN_RATE = 2 / 3;
export const WON_VALUE_RATE = 1650.75 / 2450.75;
export const TOTAL = 2750.75;

export const DEALS: [string, string, number, string][] = [
  ['Acme', 'Won', 1200.5, '2026-03-15'],
  ['Globex', 'Lost', 800, '2026-04-02'],
  ['Initech', 'Won', 450.25, '2026-05-20'],
  ['Hooli', 'Open', 300, '2026-07-01'],
];
/** The CRM3 calls, as a file stores them. */
export const WIN_RATE_F = '_xldudf_CRM3_WINRATE(Deals!B2:B5)';
export const WON_VALUE_F = '_xldudf_CRM3_WINRATE(Deals!B2:B5,Deals!C2:C5)';
/** Where the CRM3 formulas are, and the value each must hold in the copy. */
export const CRM3_CELLS: Record<string, number> = { 'Summary!B1': WIN_RATE, 'Summary!B3': WON_VALUE_RATE };

export type Writer = 'openpyxl' | 'pandas' | 'ExcelJS' | 'SheetJS' | 'LibreOffice';

const OPENPYXL = `
import sys, datetime, openpyxl
from openpyxl.styles import Font, PatternFill
wb = openpyxl.Workbook()
summary = wb.active
summary.title = "Summary"
deals = wb.create_sheet("Deals")
notes = wb.create_sheet("Notes")
head = ["Deal", "Status", "Amount", "Close date"]
deals.append(head)
for c in deals[1]:
    c.font = Font(bold=True)
    c.fill = PatternFill("solid", fgColor="FFDDEBF7")
rows = [("Acme", "Won", 1200.5, "2026-03-15"), ("Globex", "Lost", 800, "2026-04-02"),
        ("Initech", "Won", 450.25, "2026-05-20"), ("Hooli", "Open", 300, "2026-07-01")]
for i, (d, s, a, c) in enumerate(rows, start=2):
    deals.cell(i, 1, d); deals.cell(i, 2, s)
    deals.cell(i, 3, a).number_format = "#,##0.00"
    deals.cell(i, 4, datetime.datetime.strptime(c, "%Y-%m-%d")).number_format = "yyyy-mm-dd"
for col, w in zip("ABCD", (14, 10, 12, 12)):
    deals.column_dimensions[col].width = w
summary["A1"] = "Win rate"; summary["B1"] = "=${WIN_RATE_F}"; summary["B1"].number_format = "0.0%"
summary["A2"] = "Total"; summary["B2"] = "=SUM(Deals!C2:C5)"; summary["B2"].number_format = "#,##0.00"
summary["A3"] = "Won value"; summary["B3"] = "=${WON_VALUE_F}"; summary["B3"].number_format = "0.0%"
summary["A1"].font = Font(bold=True)
notes["A1"] = "Figures as of June"
wb.save(sys.argv[1])
`;

/** pandas writes through openpyxl: its own header style, a datetime format, formulas typed as people type them. */
const PANDAS = `
import sys, pandas as pd
deals = pd.DataFrame({"Deal": ["Acme", "Globex", "Initech", "Hooli"],
                      "Status": ["Won", "Lost", "Won", "Open"],
                      "Amount": [1200.5, 800, 450.25, 300],
                      "Close date": pd.to_datetime(["2026-03-15", "2026-04-02", "2026-05-20", "2026-07-01"])})
summary = pd.DataFrame({"Measure": ["Win rate", "Total", "Won value"],
                        "Value": ["=CRM3.WINRATE(Deals!B2:B5)", "=SUM(Deals!C2:C5)",
                                  "=CRM3.WINRATE(Deals!B2:B5,Deals!C2:C5)"]})
with pd.ExcelWriter(sys.argv[1], engine="openpyxl") as xw:
    summary.to_excel(xw, sheet_name="Summary", index=False, startrow=0)
    deals.to_excel(xw, sheet_name="Deals", index=False)
    pd.DataFrame({"Note": ["Figures as of June"]}).to_excel(xw, sheet_name="Notes", index=False, header=False)
`;

function python(script: string, file: string): void {
  execFileSync(PYTHON, ['-c', script, file], { stdio: 'pipe', timeout: 60_000 });
}

/**
 * pandas puts the summary one row down (its header row): the CRM3 cells are B2 and B4 there.
 * The map of where CRM3 formulas are, per writer.
 */
export function crm3CellsOf(writer: Writer): Record<string, number> {
  return writer === 'pandas' ? { 'Summary!B2': WIN_RATE, 'Summary!B4': WON_VALUE_RATE } : CRM3_CELLS;
}

async function writeExcelJs(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet('Summary');
  const deals = wb.addWorksheet('Deals');
  const notes = wb.addWorksheet('Notes');
  deals.addRow(['Deal', 'Status', 'Amount', 'Close date']);
  deals.getRow(1).eachCell((c) => {
    c.font = { bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  DEALS.forEach(([d, s, a, c], i) => {
    const row = deals.getRow(i + 2);
    row.getCell(1).value = d;
    row.getCell(2).value = s;
    row.getCell(3).value = a;
    row.getCell(3).numFmt = '#,##0.00';
    row.getCell(4).value = new Date(`${c}T00:00:00Z`);
    row.getCell(4).numFmt = 'yyyy-mm-dd';
  });
  [14, 10, 12, 12].forEach((w, i) => (deals.getColumn(i + 1).width = w));
  summary.getCell('A1').value = 'Win rate';
  summary.getCell('A1').font = { bold: true };
  // ExcelJS writes the result it is given: one saved (stale on purpose), one without.
  summary.getCell('B1').value = { formula: WIN_RATE_F, result: 0.5 } as ExcelJS.CellFormulaValue;
  summary.getCell('B1').numFmt = '0.0%';
  summary.getCell('A2').value = 'Total';
  summary.getCell('B2').value = { formula: 'SUM(Deals!C2:C5)', result: TOTAL } as ExcelJS.CellFormulaValue;
  summary.getCell('B2').numFmt = '#,##0.00';
  summary.getCell('A3').value = 'Won value';
  summary.getCell('B3').value = { formula: WON_VALUE_F } as ExcelJS.CellFormulaValue;
  summary.getCell('B3').numFmt = '0.0%';
  notes.getCell('A1').value = 'Figures as of June';
  fs.writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
}

function writeSheetJs(file: string): void {
  const wb = XLSX.utils.book_new();
  const summary: XLSX.WorkSheet = {
    A1: { t: 's', v: 'Win rate' },
    B1: { t: 'n', f: WIN_RATE_F, z: '0.0%' },
    A2: { t: 's', v: 'Total' },
    B2: { t: 'n', v: TOTAL, f: 'SUM(Deals!C2:C5)', z: '#,##0.00' },
    A3: { t: 's', v: 'Won value' },
    B3: { t: 'n', f: WON_VALUE_F, z: '0.0%' },
    '!ref': 'A1:B3',
  };
  const deals = XLSX.utils.aoa_to_sheet([
    ['Deal', 'Status', 'Amount', 'Close date'],
    ...DEALS.map(([d, s, a, c]) => [d, s, a, new Date(`${c}T00:00:00Z`)]),
  ]);
  for (let r = 2; r <= 5; r++) {
    deals[`C${r}`].z = '#,##0.00';
    deals[`D${r}`].z = 'yyyy-mm-dd';
  }
  deals['!cols'] = [{ wch: 14 }, { wch: 10 }, { wch: 12 }, { wch: 12 }];
  XLSX.utils.book_append_sheet(wb, summary, 'Summary');
  XLSX.utils.book_append_sheet(wb, deals, 'Deals');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Figures as of June']]), 'Notes');
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', cellDates: true }));
}

/** LibreOffice's own xlsx: the openpyxl file opened and saved again by soffice (its own profile, a timeout). */
function writeLibreOffice(file: string, work: string): void {
  const source = path.join(work, 'lo-source');
  fs.mkdirSync(source, { recursive: true });
  const input = path.join(source, path.basename(file));
  python(OPENPYXL, input);
  const outDir = path.dirname(file);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(work, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      outDir,
      input,
    ],
    { stdio: 'pipe', timeout: 240_000 },
  );
  if (!fs.existsSync(file)) throw new Error(`LibreOffice wrote no ${file}`);
}

export function hasSoffice(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v soffice'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** Writes the workbook with `writer` into `dir` and returns the file. */
export async function writeWith(writer: Writer, dir: string): Promise<string> {
  const file = path.join(dir, `${writer.toLowerCase()}.xlsx`);
  if (writer === 'openpyxl') python(OPENPYXL, file);
  else if (writer === 'pandas') python(PANDAS, file);
  else if (writer === 'ExcelJS') await writeExcelJs(file);
  else if (writer === 'SheetJS') writeSheetJs(file);
  else writeLibreOffice(file, dir);
  return file;
}

export interface DumpedCell {
  v: string | number | boolean | null;
  t: string;
  fmt: string;
  bold: boolean;
  fill: string | null;
}
export interface DumpedSheet {
  name: string;
  state: string;
  cells: Record<string, DumpedCell>;
  widths: Record<string, number | null>;
  merged: string[];
  freeze: string | null;
  tables: string[];
}
export interface Dumped {
  ok: boolean;
  error?: string;
  sheets: DumpedSheet[];
  names: string[];
}

const DUMP = `
import json, sys, warnings
warnings.simplefilter("ignore")
import openpyxl
out = {}
for path in sys.argv[1:]:
    try:
        wb = openpyxl.load_workbook(path)
        sheets = []
        for ws in wb.worksheets:
            cells = {}
            for row in ws.iter_rows():
                for c in row:
                    if c.value is None and not c.has_style:
                        continue
                    fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
                    cells[c.coordinate] = {"v": c.value, "t": c.data_type, "fmt": c.number_format,
                                           "bold": bool(c.font and c.font.b), "fill": fill if isinstance(fill, str) else None}
            widths = {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth}
            sheets.append({"name": ws.title, "state": ws.sheet_state, "cells": cells, "widths": widths,
                           "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                           "freeze": ws.freeze_panes, "tables": sorted(ws.tables.keys())})
        out[path] = {"ok": True, "sheets": sheets, "names": sorted(wb.defined_names.keys()) if hasattr(wb.defined_names, "keys") else sorted(n.name for n in wb.defined_names.definedName)}
    except Exception as e:
        out[path] = {"ok": False, "error": type(e).__name__ + ": " + str(e)[:300], "sheets": [], "names": []}
print(json.dumps(out, default=str))
`;

/** Every file as openpyxl reads it: sheets in order, cells with value, type, format, bold and fill. */
export function dumpWithOpenpyxl(files: readonly string[]): Record<string, Dumped> {
  const out = execFileSync(PYTHON, ['-c', DUMP, ...files], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 120_000 });
  return JSON.parse(out) as Record<string, Dumped>;
}
