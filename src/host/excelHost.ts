/**
 * The workbook host inside Excel (DESIGN.md §8), with office-js: one Excel.run per user
 * action, load only what is read. The modules beside it do the work: excelRead (snapshot),
 * excelWrite (all-or-nothing writes), insertTemplate (+ buildSheets, charts, rollback),
 * officeFile (the file's bytes).
 */
import { Locale, localeOf } from '../core/i18n';
import { WorkbookSnapshot } from '../model/snapshot';
import { TemplateChart } from '../templates/catalog';
import { catalogCharts } from './charts';
import { CHANGE_DEBOUNCE_MS, debounce } from './debounce';
import { readWorkbookIn } from './excelRead';
import { writeWorkbookIn } from './excelWrite';
import { H, fail, reason } from './hostMessages';
import { insertTemplateInExcel } from './insertTemplate';
import { documentBytes } from './officeFile';
import { appendHistoryIn } from './excelHistory';
import type { HistoryRowsToAppend } from '../engine/history';
import { workbookLocale } from '../model/layout';
import { TemplateId } from '../templates/catalog';
import { HostResult, InsertTemplateRequest, InsertedTemplate, WorkbookHost, WorkbookWrite } from './workbookHost';

export interface ExcelHostOptions {
  /** Quiet time before change handlers run (default 300 ms). */
  debounceMs?: number;
  /** The charts of a template (default: the catalog's). */
  charts?: (id: TemplateId) => readonly TemplateChart[];
}

const CELL_ADDRESS = /^\$?[A-Za-z]{1,3}\$?\d{1,7}(:\$?[A-Za-z]{1,3}\$?\d{1,7})?$/;

export class ExcelHost implements WorkbookHost {
  readonly kind = 'excel' as const;
  /** Where the tables were at the last read: writes are checked against it. */
  private layout: WorkbookSnapshot | undefined;

  constructor(private readonly options: ExcelHostOptions = {}) {}

  async readSnapshot(): Promise<HostResult<{ snapshot: WorkbookSnapshot }>> {
    try {
      const read = await Excel.run((ctx) => readWorkbookIn(ctx));
      if (read.ok) this.layout = structuredClone(read.snapshot);
      return read;
    } catch (e) {
      return fail(H.readFailed(reason(e)));
    }
  }

  async write(changes: WorkbookWrite): Promise<HostResult<object>> {
    try {
      return await Excel.run(async (ctx) => {
        const layout = await this.layoutIn(ctx);
        if (!layout.ok) return layout;
        const result = await writeWorkbookIn(ctx, layout.snapshot, changes);
        if (result.ok) this.remember(changes);
        return result;
      });
    } catch (e) {
      return fail(H.writeFailed(reason(e)));
    }
  }

  /** Where the tables are: as the last read found them, else read now (and remembered). */
  private async layoutIn(ctx: Excel.RequestContext): Promise<HostResult<{ snapshot: WorkbookSnapshot }>> {
    if (!this.layout) {
      const read = await readWorkbookIn(ctx);
      if (!read.ok) return read;
      this.layout = read.snapshot;
    }
    return { ok: true, snapshot: this.layout };
  }

  /** Keeps the remembered layout's values in step with what was written. */
  private remember(changes: WorkbookWrite): void {
    const layout = this.layout;
    if (!layout) return;
    for (const s of changes.settings ?? []) layout.settings[s.setting] = s.value;
  }

  async appendHistory(rows: HistoryRowsToAppend): Promise<HostResult<{ sheets: string[] }>> {
    try {
      return await Excel.run(async (ctx) => {
        const layout = await this.layoutIn(ctx);
        if (!layout.ok) return layout;
        const result = await appendHistoryIn(ctx, rows, workbookLocale(layout.snapshot));
        // New sheets and rows: the next write reads the layout afresh.
        this.layout = undefined;
        return result;
      });
    } catch (e) {
      return fail(H.writeFailed(reason(e)));
    }
  }

  async insertTemplate(request: InsertTemplateRequest): Promise<HostResult<InsertedTemplate>> {
    const charts = (this.options.charts ?? catalogCharts)(request.id);
    const canInsertFromBase64 = Office.context.requirements.isSetSupported('ExcelApi', '1.13');
    const result = await insertTemplateInExcel(request, { charts, canInsertFromBase64 });
    if (result.ok) this.layout = undefined;
    return result;
  }

  async goTo(sheet: string, cell: string): Promise<HostResult<object>> {
    if (!CELL_ADDRESS.test(cell.trim())) return fail(H.badCell(cell));
    try {
      return await Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(sheet);
        await ctx.sync();
        if (ws.isNullObject) return fail(H.noSheet(sheet));
        ws.activate();
        ws.getRange(cell.trim()).select();
        await ctx.sync();
        return { ok: true };
      });
    } catch (e) {
      return fail(H.goToFailed(reason(e)));
    }
  }

  onChanged(handler: () => void): () => void {
    const notify = debounce(handler, this.options.debounceMs ?? CHANGE_DEBOUNCE_MS);
    let removed = false;
    const changed = async () => {
      this.layout = undefined;
      if (!removed) notify();
    };
    const registration = Excel.run(async (ctx) => {
      let added: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>[];
      // ExcelApi 1.9 has one event for every sheet; before it, each sheet has its own.
      if (Office.context.requirements.isSetSupported('ExcelApi', '1.9')) added = [ctx.workbook.worksheets.onChanged.add(changed)];
      else {
        const sheets = ctx.workbook.worksheets.load('items/name');
        await ctx.sync();
        added = sheets.items.map((ws) => ws.onChanged.add(changed));
      }
      await ctx.sync();
      return added;
    }).catch(() => undefined);
    return () => {
      removed = true;
      notify.cancel();
      void registration.then(async (added) => {
        if (!added?.length) return;
        try {
          await Excel.run(added[0].context, async (ctx) => {
            for (const a of added) a.remove();
            await ctx.sync();
          });
        } catch {
          // The pane is closing or Excel dropped the handler already.
        }
      });
    };
  }

  fileBytes(): Promise<HostResult<{ bytes: Uint8Array; name: string }>> {
    return documentBytes();
  }

  displayLocale(): Locale {
    const language = typeof Office !== 'undefined' ? (Office.context?.displayLanguage ?? '') : '';
    return localeOf(language);
  }
}
