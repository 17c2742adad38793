/**
 * The evaluated report (`crm3 evaluate --out report.xlsx`, the pane's "Download report"): a
 * formatted workbook a manager can open and print. Indicators by goal with their traffic
 * lights, account tiers, opportunity grades and the problems, every header, unit, status and
 * word in the report's language, values formatted by unit. Written by the project's own xlsx
 * writer: cells hold values only, and text a spreadsheet could take for a formula keeps the
 * Text format, so editing it cannot turn it into one.
 */
import { Cell } from '../core/cells';
import { RagStatus, valueLabel } from '../core/enumerations';
import { excelFormatOf } from '../core/format';
import { Locale, Message, MessageTable, bi, pick, pickAll } from '../core/i18n';
import { stageCheckInWords } from '../calc/stageCheckWords';
import { EvaluationResult } from '../engine/evaluate';
import { scopeText } from '../engine/scope';
import { GOALS } from '../model/indicators';
import { TableName, tableSpec } from '../model/schema';
import { PRODUCT } from '../version';
import { CellStyle, SheetWriter, XlsxWriter } from './xlsxWrite';

const TEXT = {
  indicators: bi('Indicators', '指标'),
  accounts: bi('Accounts', '客户'),
  opportunities: bi('Opportunities', '商机'),
  problems: bi('Problems', '问题'),
  scope: bi('Scope', '范围'),
  file: bi('File', '文件'),
  goal: bi('Goal', '目标'),
  id: bi('Id', '编号'),
  indicator: bi('Indicator', '指标'),
  value: bi('Value', '数值'),
  unit: bi('Unit', '单位'),
  status: bi('Status', '状态'),
  note: bi('Note', '说明'),
  severity: bi('Severity', '级别'),
  sheet: bi('Sheet', '工作表'),
  cell: bi('Cell', '单元格'),
  message: bi('Message', '说明'),
  error: bi('error', '错误'),
  warning: bi('warning', '警告'),
} satisfies MessageTable;

/** The unit of an indicator, in words. */
const UNITS: Record<string, Message> = {
  ratio: bi('ratio', '比率'),
  amount: bi('amount', '金额'),
  days: bi('days', '天数'),
  count: bi('count', '个数'),
  number: bi('number', '数值'),
};

const FILL: Record<string, string> = { Green: 'FFC6EFCE', Amber: 'FFFFEB9C', Red: 'FFFFC7CE', NoData: 'FFEDEDED' };
/** Per-row figures shown as the workbook shows them. */
const COLUMN_FORMATS: Record<string, string> = {
  Score: '0.0',
  Attractiveness: '0.0',
  Position: '0.0',
  QualScore: '0.0',
  Probability: '0%',
};
const FORMULA_LIKE = /^[=+\-@\t\r]/;
const BOLD: CellStyle = { bold: true };

/** One sheet: a bold header row kept in view and on every printed page, then the rows. */
class ReportSheet {
  private row = 1;
  constructor(
    private readonly book: XlsxWriter,
    private readonly ws: SheetWriter,
    widths: readonly number[],
    headers: readonly string[],
  ) {
    widths.forEach((w, i) => ws.column(i + 1, w));
    // Landscape, every column on the page's width: values print beside the names they belong to.
    ws.print = { landscape: true, fitToWidth: true, titleRows: 1 };
    this.add(
      headers,
      headers.map(() => BOLD),
    );
  }

  add(values: readonly Cell[], styles: readonly (CellStyle | undefined)[] = []): void {
    const r = this.row++;
    const cells = values.map((value, k) => {
      const v = value === '' ? null : value; // an empty text is a blank cell
      // Text that looks like a formula is written as text and keeps the Text format.
      const style = typeof v === 'string' && FORMULA_LIKE.test(v) ? { ...styles[k], numFmt: '@' } : styles[k];
      return this.ws.cellXml(r, k + 1, v, this.book.style(style));
    });
    this.ws.putRow(r, 1, values.length, cells.join(''));
  }
}

/** A table's column header in the report's language (the schema's zh name in zh). */
function header(table: TableName, column: string, locale: Locale): string {
  const spec = tableSpec(table).columns.find((c) => c.name === column);
  return spec ? pick({ en: column, zh: spec.zh }, locale) : column;
}

/** Rows of one group of a report: its scope (shown when the report has several) and its rows. */
interface RowGroup {
  scope: string;
  rows: readonly Record<string, Cell>[];
}

function rowsSheet(
  book: XlsxWriter,
  name: string,
  table: TableName,
  groups: readonly RowGroup[],
  fallback: readonly string[],
  locale: Locale,
  scopeHeader: string | null,
): void {
  const sample = groups.find((g) => g.rows[0])?.rows[0];
  const columns = sample ? Object.keys(sample) : [...fallback];
  const lead = scopeHeader !== null ? 1 : 0;
  const sheet = new ReportSheet(
    book,
    book.addSheet(name, 1),
    [...(lead ? [18] : []), ...columns.map((c) => (c === 'StageCheck' ? 40 : 16))],
    [...(lead ? [scopeHeader!] : []), ...columns.map((c) => header(table, c, locale))],
  );
  const styles = [
    ...(lead ? [undefined] : []),
    ...columns.map((c) => (COLUMN_FORMATS[c] ? { numFmt: COLUMN_FORMATS[c] } : undefined)),
  ];
  // Every group's rows, each with its scope: a --by report holds every owner's accounts, not the first's.
  // StageCheck in words (calc/stageCheckWords.ts); the result holds no StageEvents table, so the events' default names.
  for (const g of groups)
    for (const r of g.rows)
      sheet.add(
        [
          ...(lead ? [g.scope] : []),
          ...columns.map((c) => (c === 'StageCheck' ? stageCheckInWords(r[c] ?? null, locale) : (r[c] ?? null))),
        ],
        styles,
      );
}

export async function writeReport(results: readonly EvaluationResult[], locale: Locale): Promise<Uint8Array> {
  const t = pickAll(TEXT, locale);
  /** A result's group: its scope in the report's language, or its file (a folder's report). */
  const scopeOf = (r: EvaluationResult) => (r.scope?.length ? scopeText(r.scope, locale) : r.file);
  const book = new XlsxWriter();
  const multi = results.length > 1;

  const indicators = new ReportSheet(
    book,
    book.addSheet(t.indicators, 1),
    [...(multi ? [18] : []), 18, 22, 36, 14, 8, 10, 48],
    [...(multi ? [t.scope] : []), t.goal, t.id, t.indicator, t.value, t.unit, t.status, t.note],
  );
  for (const r of results) {
    const scope = scopeOf(r);
    for (const i of r.indicators) {
      const goal = GOALS.find((g) => g.id === i.goal);
      const status = i.status ? valueLabel(RagStatus, i.status, locale) : null;
      const styles: (CellStyle | undefined)[] = [
        undefined,
        undefined,
        undefined,
        { numFmt: excelFormatOf(i.unit) },
        undefined,
        i.status && FILL[i.status] ? { fill: FILL[i.status] } : undefined,
        undefined,
      ];
      indicators.add(
        [
          ...(multi ? [scope] : []),
          goal ? pick(goal, locale) : i.goal,
          i.id,
          i.name,
          i.value,
          UNITS[i.unit] ? pick(UNITS[i.unit], locale) : i.unit,
          status,
          i.reason ?? null,
        ],
        multi ? [undefined, ...styles] : styles,
      );
    }
  }

  const groups = (rowsOf: (r: EvaluationResult) => readonly Record<string, Cell>[]) =>
    results.map((r) => ({ scope: scopeOf(r), rows: rowsOf(r) }));
  rowsSheet(
    book,
    t.accounts,
    'Accounts',
    groups((r) => r.accounts),
    ['AccountId', 'Score', 'Attractiveness', 'Position', 'Tier'],
    locale,
    multi ? t.scope : null,
  );
  rowsSheet(
    book,
    t.opportunities,
    'Opportunities',
    groups((r) => r.opportunities),
    ['OppId', 'QualScore', 'Grade', 'Probability', 'StageCheck'],
    locale,
    multi ? t.scope : null,
  );

  // Problems belong to a file, not to a scope: each file's once, with the file named when there are several.
  const files = [...new Set(results.map((r) => r.file))];
  const byFile = files.length > 1;
  const problems = new ReportSheet(
    book,
    book.addSheet(t.problems, 1),
    [...(byFile ? [24] : []), 10, 16, 10, 90],
    [...(byFile ? [t.file] : []), t.severity, t.sheet, t.cell, t.message],
  );
  for (const file of files) {
    const seen = new Set<string>();
    for (const r of results.filter((x) => x.file === file))
      for (const p of r.problems) {
        const k = [p.severity, p.sheet, p.cell, p.message].join('\u0000');
        if (seen.has(k)) continue;
        seen.add(k);
        problems.add([...(byFile ? [file] : []), p.severity === 'error' ? t.error : t.warning, p.sheet, p.cell, p.message]);
      }
  }

  return book.build({ creator: PRODUCT, when: new Date(Date.UTC(2026, 0, 1)), definedNames: [] });
}
