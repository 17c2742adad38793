/**
 * `crm3 evaluate --out report.xlsx`: the evaluation as a formatted workbook a manager can
 * open: indicators by goal with RAG colours, account tiers, opportunity grades, problems.
 * Every value is written as a value (text stays text: no formula injection).
 */
import { excelFormatOf } from '../core/format';
import ExcelJS from 'exceljs';
import { Locale } from '../core/i18n';
import { EvaluationResult } from '../engine/evaluate';
import { GOALS } from '../model/indicators';

const FILL: Record<string, string> = { Green: 'FFC6EFCE', Amber: 'FFFFEB9C', Red: 'FFFFC7CE' };

const HEAD = {
  'en-US': {
    indicators: 'Indicators',
    accounts: 'Accounts',
    opportunities: 'Opportunities',
    problems: 'Problems',
    ind: ['Goal', 'Id', 'Indicator', 'Value', 'Unit', 'Status'],
    prob: ['Severity', 'Sheet', 'Cell', 'Message'],
    scope: 'Scope',
    asOf: 'As of',
    file: 'File',
  },
  'zh-CN': {
    indicators: '指标',
    accounts: '客户',
    opportunities: '商机',
    problems: '问题',
    ind: ['目标', '编号', '指标', '数值', '单位', '状态'],
    prob: ['级别', '工作表', '单元格', '说明'],
    scope: '范围',
    asOf: '基准日',
    file: '文件',
  },
} as const;

/** Text a spreadsheet could take for a formula is prefixed so it stays text. */
function safe(v: unknown): ExcelJS.CellValue {
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v as ExcelJS.CellValue;
}

function styleHeader(ws: ExcelJS.Worksheet): void {
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

export async function writeReport(results: readonly EvaluationResult[], locale: Locale): Promise<Buffer> {
  const h = HEAD[locale];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CRM3 for Excel';
  wb.created = wb.modified = new Date(Date.UTC(2026, 0, 1));
  const multi = results.length > 1;

  const ind = wb.addWorksheet(h.indicators);
  ind.columns = [...(multi ? [h.scope] : []), ...h.ind].map((header) => ({ header, width: 14 }));
  ind.getColumn(multi ? 4 : 3).width = 36;
  for (const r of results) {
    const scope = r.scope?.map((s) => `${s.field}=${s.value}`).join(', ') ?? r.file;
    for (const i of r.indicators) {
      const goal = GOALS.find((g) => g.id === i.goal);
      // Every cell through the guard: ids, goals and values come from the workbook too.
      const row = ind.addRow(
        [
          ...(multi ? [scope] : []),
          goal ? (locale === 'zh-CN' ? goal.zh : goal.en) : i.goal,
          i.id,
          i.name,
          i.value,
          i.unit,
          i.status ?? '',
        ].map(safe),
      );
      const valueCell = row.getCell(multi ? 5 : 4);
      valueCell.numFmt = excelFormatOf(i.unit);
      if (i.status && FILL[i.status])
        row.getCell(multi ? 7 : 6).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[i.status] } };
    }
  }
  styleHeader(ind);

  const first = results[0];
  const acc = wb.addWorksheet(h.accounts);
  const accCols =
    first && first.accounts[0] ? Object.keys(first.accounts[0]) : ['AccountId', 'Score', 'Attractiveness', 'Position', 'Tier'];
  acc.columns = accCols.map((header) => ({ header, width: 16 }));
  for (const a of first?.accounts ?? []) acc.addRow(accCols.map((c) => safe(a[c])));
  styleHeader(acc);

  const opp = wb.addWorksheet(h.opportunities);
  const oppCols =
    first && first.opportunities[0]
      ? Object.keys(first.opportunities[0])
      : ['OppId', 'QualScore', 'Grade', 'Probability', 'StageCheck'];
  opp.columns = oppCols.map((header) => ({ header, width: header === 'StageCheck' ? 40 : 14 }));
  for (const o of first?.opportunities ?? []) opp.addRow(oppCols.map((c) => safe(o[c])));
  styleHeader(opp);

  const prob = wb.addWorksheet(h.problems);
  prob.columns = h.prob.map((header, k) => ({ header, width: k === 3 ? 90 : 14 }));
  for (const p of first?.problems ?? []) prob.addRow([p.severity, p.sheet, p.cell, p.message].map(safe));
  styleHeader(prob);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
