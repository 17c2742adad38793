/**
 * Checking a WorkbookWrite against the workbook before anything is written (all or
 * nothing): every table, column and row must exist, computed columns are not typed over,
 * and every value must be a plain cell. Both hosts use it; each then writes the resolved
 * targets its own way.
 */
import { Cell } from '../core/cells';
import { CONFIG_TABLES, ConfigTableName, SETTINGS, SettingName } from '../model/config';
import { TABLES, TableName } from '../model/schema';
import { TableData, WorkbookSnapshot, a1 } from '../model/snapshot';
import { columnsOf } from '../model/workbookColumns';
import { HeaderIndex } from '../io/headers';
import { H } from './hostMessages';
import { HostFailure, WorkbookWrite } from './workbookHost';

/** One cell of a table to write: where it is in the snapshot and on the sheet. */
export interface CellTarget {
  kind: 'table' | 'config';
  table: TableName | ConfigTableName;
  /** Index into table.rows and table.headers. */
  row: number;
  column: number;
  /** Canonical column name, and every spelling its header may have in the workbook. */
  columnName: string;
  headerIndex: HeaderIndex;
  sheet: string;
  /** 1-based sheet row and column of the cell, and of its column's header. */
  sheetRow: number;
  sheetCol: number;
  headerRow: number;
  value: Cell;
}

export interface SettingTarget {
  setting: SettingName;
  value: Cell;
}

export interface WritePlan {
  cells: CellTarget[];
  settings: SettingTarget[];
}

export function isPlainCell(v: unknown): v is Cell {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function target(
  kind: CellTarget['kind'],
  name: TableName | ConfigTableName,
  t: TableData | undefined,
  index: HeaderIndex,
  computed: ReadonlySet<string>,
  row: number,
  column: string,
  value: Cell,
): CellTarget | HostFailure {
  if (!t) return { ok: false, message: H.noTable(name) };
  const canonical = index.match(column) ?? column;
  const j = t.headers.indexOf(canonical);
  if (j < 0) return { ok: false, message: H.noColumn(name, column) };
  if (computed.has(canonical)) return { ok: false, message: H.computedColumn(name, canonical) };
  if (!Number.isInteger(row) || row < 0 || row >= t.rows.length) return { ok: false, message: H.noRow(name, row, t.rows.length) };
  const sheetRow = t.origin.row + 1 + row;
  const sheetCol = t.origin.col + j;
  if (!isPlainCell(value)) return { ok: false, message: H.badValue(`${t.sheet}!${a1(sheetRow, sheetCol)}`) };
  return {
    kind,
    table: name,
    row,
    column: j,
    columnName: canonical,
    headerIndex: index,
    sheet: t.sheet,
    sheetRow,
    sheetCol,
    headerRow: t.origin.row,
    value: Object.is(value, -0) ? 0 : value,
  };
}

/** Resolves every change against the snapshot, or the first change that cannot be made. */
export function planWrite(snapshot: WorkbookSnapshot, changes: WorkbookWrite): WritePlan | HostFailure {
  const plan: WritePlan = { cells: [], settings: [] };
  for (const c of changes.cells ?? []) {
    const spec = TABLES.find((t) => t.name === c.table);
    if (!spec) return { ok: false, message: H.noTable(String(c.table)) };
    const columns = columnsOf(spec, snapshot.config);
    const computed = new Set(columns.filter((x) => x.computed).map((x) => x.name));
    const t = target(
      'table',
      spec.name,
      snapshot.tables[spec.name],
      new HeaderIndex(columns),
      computed,
      c.row,
      c.column,
      c.value,
    );
    if ('ok' in t) return t;
    plan.cells.push(t);
  }
  for (const c of changes.config ?? []) {
    const spec = CONFIG_TABLES.find((t) => t.name === c.table);
    if (!spec) return { ok: false, message: H.noTable(String(c.table)) };
    const t = target(
      'config',
      spec.name,
      snapshot.config[spec.name],
      new HeaderIndex(spec.columns),
      new Set(),
      c.row,
      c.column,
      c.value,
    );
    if ('ok' in t) return t;
    plan.cells.push(t);
  }
  for (const s of changes.settings ?? []) {
    const spec = SETTINGS.find((x) => x.name === s.setting);
    if (!spec) return { ok: false, message: H.unknownSetting(String(s.setting)) };
    if (!isPlainCell(s.value)) return { ok: false, message: H.badValue(spec.name) };
    plan.settings.push({ setting: spec.name, value: s.value });
  }
  return plan;
}

/** Applies a checked plan to a snapshot (in place). */
export function applyPlan(snapshot: WorkbookSnapshot, plan: WritePlan): void {
  for (const c of plan.cells) {
    const t = c.kind === 'table' ? snapshot.tables[c.table as TableName] : snapshot.config[c.table as ConfigTableName];
    t!.rows[c.row][c.column] = c.value;
  }
  for (const s of plan.settings) snapshot.settings[s.setting] = s.value;
}
