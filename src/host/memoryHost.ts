/**
 * The workbook host without Excel (DESIGN.md §8): an in-memory WorkbookSnapshot that web
 * mode, the CLI and tests read, write, insert templates into and download as .xlsx.
 *
 * The xlsx reader and writers and the template merge are loaded when first used: web mode
 * shows the sample without them (issue #15, web mode's first indicator).
 */
import { Locale } from '../core/i18n';
import { WorkbookSnapshot } from '../model/snapshot';
import type { HistoryRowsToAppend } from '../engine/history';
import { HISTORY_TABLES, tableSpec } from '../model/schema';
import { tableSheetName, workbookLocale } from '../model/layout';
import { ChangeHandlers, CHANGE_DEBOUNCE_MS } from './debounce';
import { H, STEP, fail, reason } from './hostMessages';
import { applyPlan, planWrite } from './writeCheck';
import { HostResult, InsertTemplateRequest, InsertedTemplate, WorkbookHost, WorkbookWrite } from './workbookHost';

export interface MemoryHostOptions {
  /** Name the workbook is downloaded under. */
  fileName: string;
  /** UI language (web mode: the browser's). */
  locale: Locale;
  /** Quiet time before change handlers run (default 300 ms). */
  debounceMs?: number;
  /**
   * The bytes of the file the workbook was read from: downloads and the client copy start
   * from the user's own file (sheets, order, headers, formats), not from a rewrite of it.
   */
  fileBytes?: Uint8Array;
}

const CELL_ADDRESS = /^\$?[A-Za-z]{1,3}\$?\d{1,7}(:\$?[A-Za-z]{1,3}\$?\d{1,7})?$/;

export class MemoryHost implements WorkbookHost {
  readonly kind = 'memory' as const;
  private snapshot: WorkbookSnapshot;
  private readonly fileName: string;
  private original: Uint8Array | undefined;
  private readonly locale: Locale;
  private readonly handlers: ChangeHandlers;
  private target: { sheet: string; cell: string } | undefined;

  constructor(snapshot: WorkbookSnapshot, options: MemoryHostOptions) {
    this.snapshot = structuredClone(snapshot);
    this.fileName = options.fileName;
    this.original = options.fileBytes;
    this.locale = options.locale;
    this.handlers = new ChangeHandlers(options.debounceMs ?? CHANGE_DEBOUNCE_MS);
  }

  /** A host over an .xlsx file's bytes; the failure says why the file cannot be read. */
  static async fromBytes(
    bytes: Uint8Array | ArrayBuffer,
    fileName: string,
    locale: Locale,
  ): Promise<HostResult<{ host: MemoryHost }>> {
    const { readWorkbookBuffer } = await import(/* webpackChunkName: "read-xlsx" */ '../io/readWorkbook');
    const read = await readWorkbookBuffer(bytes, fileName);
    if (!read.ok) return fail(read.reason.message);
    const original = bytes instanceof Uint8Array ? bytes.slice() : new Uint8Array(bytes.slice(0));
    return { ok: true, host: new MemoryHost(read.snapshot, { fileName, locale, fileBytes: original }) };
  }

  /** The last cell "go to" asked for (web mode shows it). */
  get lastGoTo(): { sheet: string; cell: string } | undefined {
    return this.target;
  }

  async readSnapshot(): Promise<HostResult<{ snapshot: WorkbookSnapshot }>> {
    return { ok: true, snapshot: structuredClone(this.snapshot) };
  }

  async write(changes: WorkbookWrite): Promise<HostResult<object>> {
    const plan = planWrite(this.snapshot, changes);
    if ('ok' in plan) return plan;
    applyPlan(this.snapshot, plan);
    if (plan.cells.length || plan.settings.length) this.handlers.notify();
    return { ok: true };
  }

  async insertTemplate(request: InsertTemplateRequest): Promise<HostResult<InsertedTemplate>> {
    const steps = 2;
    request.onProgress?.(0, steps, STEP.read);
    const { mergeTemplate, readTemplateSnapshot } = await import(/* webpackChunkName: "memory-insert" */ './memoryInsert');
    const read = await readTemplateSnapshot(request.base64, `${request.id}.${request.locale}.xlsx`);
    if (!read.ok) return read;
    request.onProgress?.(1, steps, STEP.merge);
    const merged = structuredClone(this.snapshot);
    const result = mergeTemplate(merged, read.snapshot, request);
    this.snapshot = merged;
    request.onProgress?.(steps, steps, STEP.done);
    this.handlers.notify();
    return { ok: true, ...result };
  }

  /**
   * Save snapshot in web mode: the rows go into the in-memory tables (the pane compares with
   * them at once) and, when the workbook came from a file, into that file's bytes through the
   * writer `crm3 snapshot` uses (io/historyPackage), so "Download workbook" keeps the history.
   */
  async appendHistory(rows: HistoryRowsToAppend): Promise<HostResult<{ sheets: string[] }>> {
    const locale = workbookLocale(this.snapshot);
    let bytes = this.original;
    if (bytes) {
      const { appendHistoryRows } = await import(/* webpackChunkName: "history-package" */ '../io/historyPackage');
      const appended = await appendHistoryRows(bytes, this.fileName, rows, { locale, when: new Date() });
      if (!appended.ok) return fail(appended.message);
      bytes = appended.bytes;
    }
    const sheets: string[] = [];
    for (const t of HISTORY_TABLES) {
      const add = rows[t];
      if (!add?.length) continue;
      const names = tableSpec(t).columns.map((c) => c.name);
      const table = (this.snapshot.tables[t] ??= {
        sheet: tableSheetName(t, locale),
        origin: { row: 1, col: 1 },
        headers: [...names],
        rows: [],
      });
      // A table read from a file keeps its own column order (and any column of its own, left blank).
      const at = table.headers.map((h) => names.indexOf(h));
      for (const r of add) table.rows.push(at.map((j) => (j < 0 ? null : (r[j] ?? null))));
      sheets.push(table.sheet);
    }
    this.original = bytes;
    if (sheets.length) this.handlers.notify();
    return { ok: true, sheets };
  }

  async goTo(sheet: string, cell: string): Promise<HostResult<object>> {
    if (!CELL_ADDRESS.test(cell.trim())) return fail(H.badCell(cell));
    this.target = { sheet, cell: cell.trim().toUpperCase() };
    return { ok: true };
  }

  onChanged(handler: () => void): () => void {
    return this.handlers.add(handler);
  }

  async fileBytes(): Promise<HostResult<{ bytes: Uint8Array; name: string }>> {
    if (this.original) return { ok: true, bytes: this.original.slice(), name: this.fileName };
    try {
      const { writeWorkbook } = await import(/* webpackChunkName: "write-xlsx" */ '../io/writeWorkbook');
      const buffer = await writeWorkbook(this.snapshot, { locale: this.locale });
      return { ok: true, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), name: this.fileName };
    } catch (e) {
      return fail(H.fileWriteFailed(reason(e)));
    }
  }

  displayLocale(): Locale {
    return this.locale;
  }
}
