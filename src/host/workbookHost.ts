/**
 * The one door to a workbook (DESIGN.md §8). The task pane and the commands talk only to
 * this interface; ExcelHost implements it with office-js, MemoryHost over an in-memory
 * snapshot and the engine (web mode, CLI, tests). Every method resolves — failures come
 * back as values with a bilingual message, never as exceptions the UI must guess at.
 */
import { Cell } from '../core/cells';
import { Locale, Message } from '../core/i18n';
import { ConfigTableName, SettingName } from '../model/config';
import { TableName } from '../model/schema';
import { WorkbookSnapshot } from '../model/snapshot';
import type { TemplateId } from '../templates/catalog';
import type { HistoryRowsToAppend } from '../engine/history';

export type HostKind = 'excel' | 'memory';

/** A failure the user can act on: what went wrong and how to fix it, in both languages. */
export interface HostFailure {
  ok: false;
  message: Message;
}
export type HostResult<T> = ({ ok: true } & T) | HostFailure;

/** One input cell of a data table, addressed by canonical table, 0-based data row and canonical column. */
export interface TableCellWrite {
  table: TableName;
  row: number;
  column: string;
  value: Cell;
}

/** One cell of a Config methodology table (Criteria weight, Tiers interval, …). */
export interface ConfigCellWrite {
  table: ConfigTableName;
  row: number;
  column: string;
  value: Cell;
}

export interface SettingWrite {
  setting: SettingName;
  value: Cell;
}

export interface WorkbookWrite {
  cells?: readonly TableCellWrite[];
  config?: readonly ConfigCellWrite[];
  settings?: readonly SettingWrite[];
}

export interface InsertTemplateRequest {
  id: TemplateId;
  locale: Locale;
  /** The built template file (templates/<id>.<locale>.xlsx) as base64. */
  base64: string;
  /** Progress callback: step done of steps, with a short label in the UI language. */
  onProgress?: (done: number, total: number, label: Message) => void;
}

export interface InsertedTemplate {
  /** Sheets added, as named in the workbook (suffixed when a name was taken). */
  sheets: string[];
  /** The sheet to show first. */
  firstSheet: string;
  /** Names, tables or sheets that were renamed to avoid a collision: original → new. */
  renamed: { kind: 'sheet' | 'table' | 'name'; from: string; to: string }[];
  /** What the workbook already had and was kept as it was (MemoryHost merges instead of adding copies). */
  skipped?: { kind: 'sheet' | 'table' | 'name'; name: string }[];
}

export interface WorkbookHost {
  readonly kind: HostKind;
  /** The workbook's tables, config and settings as a snapshot (problems included). */
  readSnapshot(): Promise<HostResult<{ snapshot: WorkbookSnapshot }>>;
  /** Writes input cells, config cells and settings in one step; all or nothing. */
  write(changes: WorkbookWrite): Promise<HostResult<object>>;
  /** Inserts a template's sheets, never overwriting a user's sheet, table or name. Rolls back on failure. */
  insertTemplate(request: InsertTemplateRequest): Promise<HostResult<InsertedTemplate>>;
  /**
   * Appends a snapshot's rows (engine/history.ts planSnapshot) to the History, OppHistory and
   * AccountHistory tables, creating a table the workbook lacks (its own sheet, en or zh after
   * the workbook's language, names over its columns), as `crm3 snapshot` does in a file.
   * All or nothing; resolves to the sheets written.
   */
  appendHistory(rows: HistoryRowsToAppend): Promise<HostResult<{ sheets: string[] }>>;
  /** Selects a cell for the user ("go to cell" from the problems list). */
  goTo(sheet: string, cell: string): Promise<HostResult<object>>;
  /** Calls `handler` (debounced by the host) after the workbook's data changes; returns the unsubscribe. */
  onChanged(handler: () => void): () => void;
  /** The workbook as .xlsx bytes (web mode download, client copy), when the host can give them. */
  fileBytes(): Promise<HostResult<{ bytes: Uint8Array; name: string }>>;
  /** Office's display language (web mode: the browser's), as a UI locale. */
  displayLocale(): Locale;
}
