/**
 * Reading the open workbook into a WorkbookSnapshot with office-js. Only what could be CRM3
 * is loaded: sheets named like a CRM3 table, Config or Indicators (en or zh), Excel tables
 * named like one anywhere, and the cells of the setting names. The loaded values become
 * SheetGrids for findTables, the one table-finding logic the file reader uses too.
 *
 * Syncs: 1 list sheets, tables and names; 2 their extents; 3… values, in chunks small enough
 * for Excel on the web's request limit.
 */
import { CONFIG_TABLES, SETTINGS } from '../model/config';
import { normalizeSnapshot } from '../model/normalize';
import { SHEET_ZH, TABLES } from '../model/schema';
import { WorkbookSnapshot } from '../model/snapshot';
import { HeaderIndex, headerKey } from '../io/headers';
import { failures } from '../io/readFailure';
import { DefinedName, TooManyRowsError, findTables } from '../io/sheetTables';
import { ExcelGrid } from './excelGrid';
import { H, fail, reason } from './hostMessages';
import { HostResult } from './workbookHost';

export const DEFAULT_MAX_ROWS = 1_048_576;
/** Cells loaded per sync (values and types): stays well under Excel on the web's 5 MB payload. */
export const CELLS_PER_SYNC = 40_000;

/** "tblAccounts", "Table_Accounts" and "Accounts" all name the Accounts table (as findTables reads them). */
function nameKey(name: string): string {
  return headerKey(name).replace(/^(tbl|table)(?=.)/, '');
}

const CRM3_NAMES = new Set(
  [
    ...TABLES.flatMap((t) => [t.name, t.zh]),
    ...CONFIG_TABLES.flatMap((t) => [t.name, t.zh]),
    'Config',
    SHEET_ZH.Config,
    'Indicators',
    SHEET_ZH.Indicators,
  ].map(nameKey),
);

/** A sheet or table whose name could hold CRM3 data. */
export function couldBeCrm3(name: string): boolean {
  return CRM3_NAMES.has(nameKey(name));
}

const settingIndex = new HeaderIndex(SETTINGS.map((s) => ({ name: s.name, zh: s.zh })));
const isIndicators = (sheet: string) =>
  nameKey(sheet) === nameKey('Indicators') || nameKey(sheet) === nameKey(SHEET_ZH.Indicators);

interface BlockRequest {
  grid: ExcelGrid;
  ws: Excel.Worksheet;
  /** 0-based, as office-js counts. */
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  formulas: boolean;
}

/** Loads the blocks' values in chunks of about CELLS_PER_SYNC cells per sync. */
async function loadBlocks(ctx: Excel.RequestContext, requests: BlockRequest[]): Promise<void> {
  let pending: { req: BlockRequest; top: number; range: Excel.Range }[] = [];
  let cells = 0;
  const flush = async () => {
    if (!pending.length) return;
    await ctx.sync();
    for (const p of pending) {
      p.req.grid.addBlock({
        top: p.top,
        left: p.req.columnIndex + 1,
        values: p.range.values,
        valueTypes: p.range.valueTypes,
        formulas: p.req.formulas ? p.range.formulas : undefined,
      });
    }
    pending = [];
    cells = 0;
  };
  for (const req of requests) {
    const step = Math.max(1, Math.floor(CELLS_PER_SYNC / Math.max(1, req.columnCount)));
    for (let k = 0; k < req.rowCount; k += step) {
      const n = Math.min(step, req.rowCount - k);
      if (cells + n * req.columnCount > CELLS_PER_SYNC) await flush();
      const range = req.ws.getRangeByIndexes(req.rowIndex + k, req.columnIndex, n, req.columnCount);
      range.load(req.formulas ? 'values,valueTypes,formulas' : 'values,valueTypes');
      pending.push({ req, top: req.rowIndex + k + 1, range });
      cells += n * req.columnCount;
    }
  }
  await flush();
}

/** The workbook's CRM3 content as a snapshot; a failure says why it could not be read. */
export async function readWorkbookIn(
  ctx: Excel.RequestContext,
  maxRows: number = DEFAULT_MAX_ROWS,
): Promise<HostResult<{ snapshot: WorkbookSnapshot }>> {
  try {
    const wb = ctx.workbook;
    const sheets = wb.worksheets.load('items/name');
    const tables = wb.tables.load('items/name,items/showTotals,items/showHeaders,items/worksheet/name');
    const names = wb.names.load('items/name,items/type,items/formula');
    await ctx.sync();

    const candidates = new Set(sheets.items.filter((s) => couldBeCrm3(s.name)).map((s) => s.name));
    const wanted = tables.items.filter((t) => candidates.has(t.worksheet.name) || couldBeCrm3(t.name));
    const used = sheets.items
      .filter((s) => candidates.has(s.name))
      .map((s) => ({ ws: s, range: s.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount') }));
    const extents = wanted.map((t) => ({
      t,
      range: t.getRange().load('rowIndex,columnIndex,rowCount,columnCount'),
      columns: t.columns.load('items/name'),
    }));
    const settingNames = names.items.filter((n) => n.type === 'Range' && settingIndex.match(n.name) !== undefined);
    const settingRanges = settingNames.map((n) =>
      n.getRangeOrNullObject().load('rowIndex,columnIndex,rowCount,columnCount,values,valueTypes,worksheet/name'),
    );
    await ctx.sync();

    const grids = new Map<string, ExcelGrid>();
    const gridOf = (sheet: string) => grids.get(sheet) ?? grids.set(sheet, new ExcelGrid(sheet)).get(sheet)!;
    const requests: BlockRequest[] = [];
    for (const { ws, range } of used) {
      const grid = gridOf(ws.name);
      if (range.isNullObject) continue;
      requests.push({ grid, ws, ...position(range), formulas: isIndicators(ws.name) });
    }
    for (const { t, range, columns } of extents) {
      const sheet = t.worksheet.name;
      const grid = gridOf(sheet);
      const p = position(range);
      // Without a header row, the column names stand in for it (findTables falls back to them).
      const top = t.showHeaders ? p.rowIndex + 1 : p.rowIndex;
      grid.listObjects.push({
        name: t.name,
        top,
        left: p.columnIndex + 1,
        bottom: p.rowIndex + p.rowCount,
        right: p.columnIndex + p.columnCount,
        totalsRow: t.showTotals,
        columnNames: columns.items.map((c) => c.name),
      });
      if (!candidates.has(sheet)) requests.push({ grid, ws: wb.worksheets.getItem(sheet), ...p, formulas: false });
    }
    settingRanges.forEach((r) => {
      if (r.isNullObject || candidates.has(r.worksheet.name)) return;
      gridOf(r.worksheet.name).addBlock({
        top: r.rowIndex + 1,
        left: r.columnIndex + 1,
        values: r.values,
        valueTypes: r.valueTypes,
      });
    });
    await loadBlocks(ctx, requests);

    const order = sheets.items.map((s) => s.name);
    const ordered = [...grids.values()].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    const definedNames: DefinedName[] = names.items.map((n) => ({ name: n.name, text: String(n.formula ?? '') }));
    const found = findTables(ordered, definedNames, { maxRows });
    const snapshot: WorkbookSnapshot = { ...found, problems: found.problems.done() };
    if (!snapshot.indicators) delete snapshot.indicators;
    return { ok: true, snapshot: normalizeSnapshot(snapshot) };
  } catch (e) {
    if (e instanceof TooManyRowsError) return fail(failures.tooManyRows(e.sheet, e.table, e.rows, e.limit).message);
    return fail(H.readFailed(reason(e)));
  }
}

function position(r: Excel.Range) {
  return { rowIndex: r.rowIndex, columnIndex: r.columnIndex, rowCount: r.rowCount, columnCount: r.columnCount };
}
