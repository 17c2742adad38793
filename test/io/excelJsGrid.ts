/**
 * The reading CRM3 did with ExcelJS before it parsed packages itself, kept for the tests
 * only: an independent reading of the same file to compare the fast reader against.
 */
import ExcelJS from 'exceljs';
import { Cell } from '../../src/core/cells';
import { DefinedName, GridValue, ListObjectInfo, SheetGrid } from '../../src/io/sheetTables';

/** Every sheet of a workbook as ExcelJS reads it (defined names are read by the package reader). */
export async function excelJsGrids(bytes: Uint8Array): Promise<SheetGrid[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  return wb.worksheets.map((ws) => new ExcelJsGrid(ws));
}

export type { DefinedName };

// ---------------------------------------------------------------- ExcelJS cells → plain cells

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A JS Date (ExcelJS's reading of a date-formatted cell) as an Excel 1900-system serial:
 * days since 1899-12-30 UTC, which also absorbs Excel's phantom 1900-02-29 the same way
 * ExcelJS did when it made the Date. 1904-system workbooks come out in the 1900 system.
 */
export function serialFromDate(d: Date): number | null {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return null;
  const serial = (ms - EXCEL_EPOCH_MS) / DAY_MS;
  // Whole days stay whole; times keep millisecond precision without binary noise.
  return Math.round(serial * DAY_MS) / DAY_MS;
}

function plainText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && Array.isArray((v as { richText?: unknown[] }).richText)) {
    return (v as { richText: { text?: string }[] }).richText.map((r) => r.text ?? '').join('');
  }
  return v === null || v === undefined ? '' : String(v);
}

function fromString(s: string): Cell {
  return s.trim() === '' ? null : s;
}

/** One ExcelJS value as a plain cell (or a flag for errors and never-calculated formulas). */
export function gridValueOf(v: unknown): GridValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { flag: 'error', code: '#NUM!' };
  if (typeof v === 'string') return fromString(v);
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return serialFromDate(v);
  if (typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if ('error' in o) return { flag: 'error', code: String(o.error) };
  if ('formula' in o || 'sharedFormula' in o) {
    if (!('result' in o) || o.result === undefined) return { flag: 'uncalculated' };
    const r = gridValueOf(o.result);
    return r;
  }
  if ('richText' in o) return fromString(plainText(o));
  if ('hyperlink' in o || 'text' in o) return fromString(plainText(o.text));
  return null;
}

interface ExcelJsTable {
  table?: {
    name?: string;
    displayName?: string;
    tableRef?: string;
    ref?: string;
    totalsRow?: boolean;
    columns?: { name?: string }[];
  };
}

function decodeRange(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return undefined;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const r1 = Number(m[2]);
  const c1 = col(m[1]);
  const r2 = m[4] ? Number(m[4]) : r1;
  const c2 = m[3] ? col(m[3]) : c1;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

const MERGE = ExcelJS.ValueType.Merge;

/**
 * A cell's value as ExcelJS parsed it. A formula cell's `value` getter copies only truthy
 * fields, so a calculated 0 (`<f>…</f><v>0</v>`) would read as never calculated; the
 * parsed result itself is kept in `result`.
 */
function valueOf(c: ExcelJS.Cell): ExcelJS.CellValue {
  if (c.type !== ExcelJS.ValueType.Formula) return c.value;
  const v = c.value as ExcelJS.CellFormulaValue;
  return c.result === undefined ? v : ({ ...v, result: c.result } as ExcelJS.CellValue);
}

class ExcelJsGrid implements SheetGrid {
  readonly name: string;
  readonly lastRow: number;
  readonly listObjects: ListObjectInfo[];

  constructor(private readonly ws: ExcelJS.Worksheet) {
    this.name = ws.name;
    this.lastRow = ws.rowCount;
    this.listObjects = [];
    for (const t of ws.getTables() as unknown as ExcelJsTable[]) {
      const model = t.table;
      const range = model && decodeRange(model.tableRef ?? model.ref ?? '');
      if (!model || !range) continue;
      this.listObjects.push({
        name: model.displayName || model.name || '',
        ...range,
        // ExcelJS reads headerRowCount only when written; Excel omits it for the usual
        // one header row, so every table is taken to have one.
        totalsRow: model.totalsRow === true,
        columnNames: (model.columns ?? []).map((c) => c.name ?? ''),
      });
    }
  }

  private cell(row: number, col: number): ExcelJS.Cell | undefined {
    return this.ws.findRow(row)?.findCell(col);
  }

  value(row: number, col: number): GridValue {
    const c = this.cell(row, col);
    return !c || c.type === MERGE ? null : gridValueOf(valueOf(c));
  }

  formula(row: number, col: number): string | undefined {
    const c = this.cell(row, col);
    if (!c || c.type !== ExcelJS.ValueType.Formula) return undefined;
    return c.formula || undefined;
  }

  entries(row: number): [number, GridValue][] {
    const r = this.ws.findRow(row);
    if (!r) return [];
    const out: [number, GridValue][] = [];
    r.eachCell((c, col) => {
      if (c.type === MERGE) return;
      const v = gridValueOf(valueOf(c));
      if (v !== null) out.push([col, v]);
    });
    return out;
  }
}
