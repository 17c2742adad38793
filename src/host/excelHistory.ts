/**
 * Save snapshot inside Excel (issue 16): a snapshot's rows (planned by engine/history.ts, the
 * rows `crm3 snapshot` appends to a file) go into the workbook's History, OppHistory and
 * AccountHistory tables with office-js. A table is found as io/historyPackage finds it in a
 * file (the first table on the sheet named History / 历史快照, …) and grows by `rows.add`; a
 * table the workbook lacks is created on its own sheet, headers en or zh after the workbook's
 * language, with the names over its columns (Hist_Date = History[Date], …).
 *
 * Rows first fill the table's blank rows at its end (a template's tables come with two empty
 * rows), as io/historyPackage does in a file: `rows.add` alone would append below them and leave
 * a gap under the header. Those rows are written as a range; the rest go in by `rows.add`.
 *
 * Syncs: 1 list sheets, tables and names; 2 the history tables' headers and data bodies; 3 the
 * bodies' last rows (to find the blank ones); then the writes, in chunks small enough for Excel
 * on the web's request limit. When Excel refuses a write, the rows and sheets added so far are
 * taken out again and the filled blank rows emptied.
 */
import { Cell, keyOf } from '../core/cells';
import { Locale, Message, bi } from '../core/i18n';
import type { HistoryRowsToAppend } from '../engine/history';
import { tableSheetName } from '../model/layout';
import { HISTORY_TABLES, HistoryTableName, tableSpec } from '../model/schema';
import { columnLetters } from '../model/snapshot';
import { CELLS_PER_SYNC } from './excelRead';
import { excelInput } from './excelWrite';
import { H, fail, reason } from './hostMessages';
import { HostResult } from './workbookHost';

const EXCEL_MAX_ROWS = 1_048_576;
const DATE_FORMAT = 'yyyy-mm-dd';

const M = {
  noTable: (sheet: string): Message =>
    bi(
      `The sheet ${sheet} holds no Excel table, so the snapshot was not saved. Rename the sheet (CRM3 then creates its own) or make its header row a table.`,
      `工作表 ${sheet} 中没有 Excel 表，快照未保存。请重命名该工作表（CRM3 会另建一个），或把其标题行设为表。`,
    ),
  column: (sheet: string, column: string): Message =>
    bi(
      `The table on sheet ${sheet} has no column ${column}, so the snapshot was not saved. Restore the column (or delete the sheet to start its history afresh).`,
      `工作表 ${sheet} 中的表缺少列 ${column}，快照未保存。请恢复该列（或删除该工作表以重新开始记录历史）。`,
    ),
  full: (sheet: string, rows: number): Message =>
    bi(
      `The sheet ${sheet} would need ${rows.toLocaleString('en-US')} rows, more than Excel's 1,048,576, so the snapshot was not saved: start a new history workbook (keep this one as the archive).`,
      `工作表 ${sheet} 将需要 ${rows} 行，超过 Excel 的上限 1,048,576 行，快照未保存：请另建一个历史工作簿（本工作簿留作存档）。`,
    ),
};

interface Existing {
  kind: HistoryTableName;
  sheet: string;
  table: Excel.Table;
  header: Excel.Range;
  body: Excel.Range;
  data: Excel.Range;
}

/**
 * How many of the data body's last rows hold nothing (no value, no formula): the rows Excel
 * would fill before growing the table. Only the last `tail` rows are looked at (one request);
 * when all of them are blank but the body is longer, the blanks may not reach a filled row, so
 * none are filled and the rows are appended, as the file writer does.
 */
function trailingBlankRows(formulas: readonly (readonly unknown[])[], bodyRows: number): number {
  let k = 0;
  for (let i = formulas.length - 1; i >= 0 && formulas[i].every((f) => f === '' || f === null); i--) k++;
  return k === formulas.length && formulas.length < bodyRows ? 0 : k;
}

/** Which of the table's columns each of our columns goes to (canonical name, zh header or alias); -1 when missing. */
function columnMap(t: HistoryTableName, headers: readonly unknown[]): number[] {
  const keys = headers.map((h) => keyOf(h === null || h === undefined ? '' : String(h)));
  return tableSpec(t).columns.map((c) => {
    const names = [c.name, c.zh, ...(c.aliases ?? [])].map((n) => keyOf(n));
    return keys.findIndex((k) => names.includes(k));
  });
}

/** Our rows laid out in the table's columns (a column of its own stays blank). */
function laidOut(rows: readonly Cell[][], at: readonly number[], width: number): (string | number | boolean)[][] {
  return rows.map((r) => {
    const out: (string | number | boolean)[] = Array.from({ length: width }, () => '');
    at.forEach((j, i) => {
      if (j >= 0) out[j] = excelInput(r[i] ?? null);
    });
    return out;
  });
}

const chunksOf = <T>(rows: readonly T[], width: number): T[][] => {
  const step = Math.max(1, Math.floor(CELLS_PER_SYNC / Math.max(1, width)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += step) out.push(rows.slice(i, i + step));
  return out;
};

export async function appendHistoryIn(
  ctx: Excel.RequestContext,
  rows: HistoryRowsToAppend,
  locale: Locale,
): Promise<HostResult<{ sheets: string[] }>> {
  const wanted = HISTORY_TABLES.filter((t) => rows[t]?.length);
  if (!wanted.length) return { ok: true, sheets: [] };
  const wb = ctx.workbook;
  const sheets = wb.worksheets.load('items/name');
  const tables = wb.tables.load('items/name');
  const names = wb.names.load('items/name');
  await ctx.sync();

  // 1. The history tables the workbook has, found by their sheet's name (en or zh).
  const onSheet = wanted.flatMap((kind) => {
    // Its sheet as CRM3 names it in either language, or named after the table (earlier versions wrote History).
    const keys = [kind, tableSheetName(kind, 'en-US'), tableSpec(kind).zh].map((n) => keyOf(n));
    const ws = sheets.items.find((s) => keys.includes(keyOf(s.name)));
    return ws ? [{ kind, ws, list: ws.tables.load('items/name') }] : [];
  });
  await ctx.sync();
  const existing: Existing[] = [];
  for (const { kind, ws, list } of onSheet) {
    const table = list.items[0];
    if (!table) return fail(M.noTable(ws.name));
    existing.push({
      kind,
      sheet: ws.name,
      table,
      header: table.getHeaderRowRange().load('values'),
      body: table.getRange().load('rowIndex,rowCount,columnCount'),
      data: table.getDataBodyRange().load('rowIndex,rowCount,columnIndex'),
    });
  }
  await ctx.sync();
  const tails = existing.map((e) => {
    const width = e.body.columnCount;
    const n = Math.min(e.data.rowCount, Math.max(1, Math.floor(CELLS_PER_SYNC / Math.max(1, width))));
    const top = e.data.rowIndex + e.data.rowCount - n;
    return { top, range: e.table.worksheet.getRangeByIndexes(top, e.data.columnIndex, n, width).load('formulas,numberFormat') };
  });
  await ctx.sync();
  const plans = existing.map((e, i) => {
    const at = columnMap(e.kind, e.header.values[0] ?? []);
    const tail = tails[i].range;
    const blank = trailingBlankRows(tail.formulas, e.data.rowCount);
    const fill = Math.min(blank, rows[e.kind].length);
    return {
      ...e,
      at,
      add: rows[e.kind],
      width: e.body.columnCount,
      /** The blank rows filled: where they start (sheet row index) and their formats before. */
      fill,
      fillTop: e.data.rowIndex + e.data.rowCount - blank,
      fillFormats: tail.numberFormat.slice(tail.numberFormat.length - blank, tail.numberFormat.length - blank + fill),
      last: e.body.rowIndex + e.body.rowCount + rows[e.kind].length - fill,
    };
  });
  for (const p of plans) {
    const missing = tableSpec(p.kind).columns.find((_, i) => p.at[i] < 0);
    if (missing) return fail(M.column(p.sheet, missing.name));
    if (p.last > EXCEL_MAX_ROWS) return fail(M.full(p.sheet, p.last));
  }

  // 2. Write: new sheets with their tables, then the rows of the existing tables, chunk by chunk.
  const takenSheets = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  const takenNames = new Set([...tables.items, ...names.items].map((x) => x.name.toLowerCase()));
  const created: Excel.Worksheet[] = [];
  const grown: { table: Excel.Table; sheet: Excel.Worksheet; firstRow: number; width: number; rows: number }[] = [];
  const filled: { sheet: Excel.Worksheet; top: number; left: number; formats: unknown[][] }[] = [];
  const written: string[] = [];
  try {
    for (const kind of wanted.filter((k) => !existing.some((e) => e.kind === k))) {
      const add = rows[kind];
      const spec = tableSpec(kind);
      if (add.length + 1 > EXCEL_MAX_ROWS) return fail(M.full(tableSheetName(kind, locale), add.length + 1));
      const base = tableSheetName(kind, locale);
      let sheetName = base;
      for (let n = 2; takenSheets.has(sheetName.toLowerCase()); n++) sheetName = `${base} (${n})`;
      takenSheets.add(sheetName.toLowerCase());
      let tableName: string = kind;
      for (let n = 2; takenNames.has(tableName.toLowerCase()); n++) tableName = `${kind}${n}`;
      takenNames.add(tableName.toLowerCase());
      const headers = spec.columns.map((c) => (locale === 'zh-CN' ? c.zh : c.name));
      const width = headers.length;
      const ws = wb.worksheets.add(sheetName);
      created.push(ws);
      ws.getRangeByIndexes(0, 0, 1, width).values = [headers];
      const dates = spec.columns.map((c) => c.type === 'date');
      let top = 1;
      for (const chunk of chunksOf(
        laidOut(
          add,
          headers.map((_, j) => j),
          width,
        ),
        width,
      )) {
        const range = ws.getRangeByIndexes(top, 0, chunk.length, width);
        range.values = chunk;
        range.numberFormat = chunk.map(() => dates.map((d) => (d ? DATE_FORMAT : 'General')));
        top += chunk.length;
        await ctx.sync();
      }
      const table = ws.tables.add(`A1:${columnLetters(width)}${add.length + 1}`, true);
      table.name = tableName;
      ws.freezePanes.freezeRows(1);
      spec.columns.forEach((c, j) => {
        const name = `${spec.prefix}_${c.name}`;
        if (!takenNames.has(name.toLowerCase())) wb.names.add(name, `=${tableName}[${headers[j]}]`);
        takenNames.add(name.toLowerCase());
      });
      await ctx.sync();
      written.push(sheetName);
    }
    for (const p of plans) {
      const ws = p.table.worksheet;
      const cells = laidOut(p.add, p.at, p.width);
      // Into the table's blank rows first; dates get a date format where the row had none.
      const dateAt = new Set(tableSpec(p.kind).columns.flatMap((c, i) => (c.type === 'date' ? [p.at[i]] : [])));
      let top = p.fillTop;
      for (const chunk of chunksOf(cells.slice(0, p.fill), p.width)) {
        const formats = p.fillFormats.slice(top - p.fillTop, top - p.fillTop + chunk.length);
        filled.push({ sheet: ws, top, left: p.data.columnIndex, formats });
        const range = ws.getRangeByIndexes(top, p.data.columnIndex, chunk.length, p.width);
        range.values = chunk;
        range.numberFormat = formats.map((row) =>
          row.map((f, j) => (dateAt.has(j) && (f === 'General' || f === '') ? DATE_FORMAT : f)),
        );
        top += chunk.length;
        await ctx.sync();
      }
      const grew = { table: p.table, sheet: ws, firstRow: p.body.rowIndex + p.body.rowCount, width: p.width, rows: 0 };
      grown.push(grew);
      for (const chunk of chunksOf(cells.slice(p.fill), p.width)) {
        p.table.rows.add(undefined, chunk);
        await ctx.sync();
        grew.rows += chunk.length;
      }
      written.push(p.sheet);
    }
    return { ok: true, sheets: written };
  } catch (e) {
    // Take out what was added, so the workbook is as it was.
    try {
      for (const g of grown) {
        if (!g.rows) continue;
        const range = g.table.getRange().load('columnIndex');
        await ctx.sync();
        g.sheet.getRangeByIndexes(g.firstRow, range.columnIndex, g.rows, g.width).delete('Up');
      }
      for (const f of filled) {
        const range = f.sheet.getRangeByIndexes(f.top, f.left, f.formats.length, f.formats[0]?.length ?? 0);
        range.values = f.formats.map((row) => row.map(() => ''));
        range.numberFormat = f.formats;
      }
      for (const ws of created) ws.delete();
      await ctx.sync();
    } catch {
      // The original failure is what the user needs to know.
    }
    return fail(H.writeFailed(reason(e)));
  }
}
