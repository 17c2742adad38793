/**
 * Finding the tables of a CRM export (a Salesforce report on sheet `report1`, a HubSpot deals
 * export, a 纷享销客 export on `Sheet1`) by their header fingerprint rather than by sheet name:
 * on each sheet, the row among its first 30 non-empty rows whose cells name the most columns
 * of a table (title and filter rows above it are skipped), then the data below it down to the
 * first blank row or a footer ("Grand Totals (8 records)", "Confidential Information – Do Not
 * Distribute", 合计). Headers are matched through the schema's aliases, after any column
 * choices remembered from an earlier import (Config ImportMap, or the pane's mapping view).
 */
import { GridValue, SheetGrid } from './sheetTables';
import { HeaderIndex, headerKey } from './headers';
import { ColumnSpec, TABLES, TableName, exportColumns } from '../model/schema';

/** A remembered choice: this export header feeds this column ('' = not used). */
export interface ColumnChoice {
  source: string;
  table: TableName;
  column: string;
}

/** Canonical name given to a header someone chose not to use (never a real column). */
export const NOT_USED = '~';

const text = (v: GridValue): string =>
  v === null || (typeof v === 'object' && v !== null) ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v).trim();

/** Header index of a table as an export is read: remembered choices first, then columns and export columns. */
export function exportIndex(table: TableName, columns: readonly ColumnSpec[], choices: readonly ColumnChoice[]): HeaderIndex {
  const index = new HeaderIndex();
  for (const c of choices) if (c.table === table) index.add(c.column || `${NOT_USED}${headerKey(c.source)}`, [c.source]);
  for (const c of [...columns, ...exportColumns(table)]) index.add(c.name, [c.zh, ...(c.aliases ?? [])]);
  return index;
}

/** What a table's header row must name for a sheet to be that table (besides three known headers). */
const SIGNATURE: Record<TableName, (has: (c: string) => boolean) => boolean> = {
  Opportunities: (has) => has('Stage') || (has('Amount') && (has('CloseDate') || has('OppName'))),
  Accounts: (has) => (has('AccountName') || has('AccountId')) && !has('Stage') && !has('Amount') && !has('CloseDate'),
  Contacts: (has) => has('ContactId') || (has('Name') && has('Title')),
  DecisionChain: (has) => has('BuyingRole') || has('Support') || has('PoliticalStatus'),
  Activities: (has) => has('Date') && (has('Type') || has('OppId') || has('EventId')),
  Targets: (has) => has('StartDate') && has('EndDate'),
  Actions: (has) => has('Action') && has('DueDate'),
  // CRM3 writes its history tables itself: no export is ever read as one.
  Reviews: () => false,
  History: () => false,
  OppHistory: () => false,
  AccountHistory: () => false,
};

/** The fewest known headers that make a row a header row. */
const MIN_MATCHES = 3;

export interface ExportExtent {
  grid: SheetGrid;
  headerRow: number;
  left: number;
  right: number;
  /** Last data row. */
  bottom: number;
  /** Rows inside the data read as blank (subtotals), and rows after it left out, with their first text. */
  blankRows: Set<number>;
  skipped: { row: number; text: string }[];
}

/** A row that ends a report's data: totals, confidentiality and copyright lines. */
const FOOTER = /^(grand\s*totals?\b|total\s*\(|confidential\b|copyright\b|©|\(c\)\s*\d{4}|总计|合计|共\s*\d+\s*条|数据截至)/i;
/** A subtotal line inside grouped (summary) reports: read as blank. */
const SUBTOTAL = /^(sub-?totals?|totals?|小计|合计)\s*[:：(（]?/i;

interface HeaderRow {
  row: number;
  left: number;
  right: number;
  matched: Set<string>;
}

/** The best header row of a sheet for a table: most known headers among the first 30 non-empty rows. */
function headerRowFor(grid: SheetGrid, index: HeaderIndex): HeaderRow | undefined {
  let best: HeaderRow | undefined;
  for (let r = 1, seen = 0; r <= grid.lastRow && seen < 30; r++) {
    const cells = grid.entries(r).filter(([, v]) => text(v) !== '');
    if (!cells.length) continue;
    seen++;
    const matched = new Set<string>();
    for (const [, v] of cells) {
      const m = index.match(text(v));
      if (m !== undefined && !m.startsWith(NOT_USED)) matched.add(m);
    }
    if (matched.size >= MIN_MATCHES && (!best || matched.size > best.matched.size))
      best = { row: r, left: cells[0][0], right: cells[cells.length - 1][0], matched };
  }
  return best;
}

/** The data below a header row: down to the first blank row or a footer; subtotals inside read as blank. */
function dataExtent(grid: SheetGrid, h: HeaderRow): ExportExtent {
  const inRange = (r: number) => grid.entries(r).filter(([c, v]) => c >= h.left && c <= h.right && text(v) !== '');
  const blankRows = new Set<number>();
  const skipped: ExportExtent['skipped'] = [];
  let bottom = h.row;
  let r = h.row + 1;
  for (; r <= grid.lastRow; r++) {
    const cells = inRange(r);
    if (!cells.length) break;
    const first = text(cells[0][1]);
    if (FOOTER.test(first)) break;
    if (cells.length <= 2 && SUBTOTAL.test(first)) {
      blankRows.add(r);
      skipped.push({ row: r, text: first });
      continue;
    }
    bottom = r;
  }
  // What follows the data (totals, notes, a second block) is left out and reported.
  for (; r <= grid.lastRow && skipped.length < 20; r++) {
    const cells = grid.entries(r).filter(([, v]) => text(v) !== '');
    if (cells.length) skipped.push({ row: r, text: text(cells[0][1]).slice(0, 80) });
  }
  return { grid, headerRow: h.row, left: h.left, right: h.right, bottom, blankRows, skipped };
}

/**
 * The export tables among `grids` for the tables `wanted`: each sheet becomes at most one
 * table (the one whose columns its header row names most), each table comes from at most
 * one sheet (the best-matching).
 */
export function findExportTables(
  grids: readonly SheetGrid[],
  wanted: readonly TableName[],
  indexOf: (table: TableName) => HeaderIndex,
): Map<TableName, ExportExtent> {
  const candidates: { grid: SheetGrid; table: TableName; h: HeaderRow }[] = [];
  for (const grid of grids) {
    for (const table of wanted) {
      const h = headerRowFor(grid, indexOf(table));
      if (h && SIGNATURE[table]((c) => h.matched.has(c))) candidates.push({ grid, table, h });
    }
  }
  // Best matches first; ties in schema order (Opportunities before Accounts, …).
  const order = (t: TableName) => TABLES.findIndex((x) => x.name === t);
  candidates.sort((a, b) => b.h.matched.size - a.h.matched.size || order(a.table) - order(b.table));
  const out = new Map<TableName, ExportExtent>();
  const usedGrids = new Set<SheetGrid>();
  for (const c of candidates) {
    if (out.has(c.table) || usedGrids.has(c.grid)) continue;
    out.set(c.table, dataExtent(c.grid, c.h));
    usedGrids.add(c.grid);
  }
  return out;
}
