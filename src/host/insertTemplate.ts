/**
 * Inserting a template into the user's workbook with office-js (DESIGN.md §10: never
 * overwrite a user's sheet, table or name; leave the workbook as it was on failure).
 *
 * 1. read the template (sheets, tables, names) and take an inventory of the workbook;
 * 2. plan names: anything already taken gets a suffix, decided before inserting;
 * 3. add the sheets: ExcelApi 1.13 insertWorksheetsFromBase64, else build them in code;
 * 4. tables and names: rename what Excel auto-named, define every name the file defines
 *    (Excel brings them unreliably, sometimes as #REF!), give the user's names back their
 *    formulas if the insertion touched them;
 * 5. relink the inserted formulas to renamed sheets, tables and names;
 * 6. draw the template's native charts, then protect the sheets the template protects.
 * Any failure rolls back to the inventory and says which step failed.
 */
import { TemplateChart } from '../templates/catalog';
import { bytesFromBase64 } from './base64';
import { buildSheets, protectSheets } from './buildSheets';
import { addCharts } from './charts';
import { rewriteFormula, toTypedFormula } from '../engine/formulaLanguage';
import { H, STEP, fail, reason } from './hostMessages';
import { InsertPlan, Inventory, planInsertion } from './insertPlan';
import { rollbackTo, takeInventory } from './rollback';
import { TemplateModel, readTemplateModel } from './templateModel';
import { HostResult, InsertTemplateRequest, InsertedTemplate } from './workbookHost';

export interface InsertOptions {
  charts: readonly TemplateChart[];
  /** ExcelApi 1.13 (insertWorksheetsFromBase64) is available. */
  canInsertFromBase64: boolean;
}

const STORED_FUNCTION = /_xldudf_|_xlfn\.|_xlws\./i;

/** 1.13: Excel inserts the file's sheets; we give them (and their tables) the planned names. */
async function insertFromBase64(ctx: Excel.RequestContext, base64: string, model: TemplateModel, plan: InsertPlan) {
  const ids = ctx.workbook.insertWorksheetsFromBase64(base64, { positionType: 'End' });
  await ctx.sync();
  if (ids.value.length !== model.sheets.length)
    throw new Error(`Excel inserted ${ids.value.length} sheets, the template has ${model.sheets.length}`);
  const sheets = ids.value.map((id) => ctx.workbook.worksheets.getItem(id));
  const tables = sheets.map((ws) => ws.tables.load('items/name'));
  const protection = sheets.map((ws) => ws.protection.load('protected'));
  await ctx.sync();
  // The template's sheets arrive protected; linking formulas and drawing charts needs them open
  // (protectSheets closes them again at the end).
  protection.forEach((p) => p.protected && p.unprotect());
  const ranges = tables.map((tc) => tc.items.map((t) => t.getRange().load('rowIndex,columnIndex')));
  await ctx.sync();
  sheets.forEach((ws, i) => {
    ws.name = plan.sheets[i].to;
    tables[i].items.forEach((t, k) => {
      const at = ranges[i][k];
      const own = model.sheets[i].tables.find((x) => x.top === at.rowIndex + 1 && x.left === at.columnIndex + 1);
      const to = own && plan.tables.get(own.name);
      if (to && t.name !== to) t.name = to;
    });
  });
  await ctx.sync();
}

/** Every name the template defines exists afterwards, as planned; the user's names keep their formulas. */
async function defineNames(ctx: Excel.RequestContext, model: TemplateModel, plan: InsertPlan, before: Inventory) {
  const names = ctx.workbook.names.load('items/name,items/formula');
  await ctx.sync();
  const now = new Map(names.items.map((n) => [n.name.toUpperCase(), n]));
  const users = new Map(before.names.map((n) => [n.name.toUpperCase(), n.formula]));
  for (const n of model.names) {
    const name = plan.names.get(n.name) ?? n.name;
    // Names are stored as the file stores them (_xlfn.ANCHORARRAY(…)); Excel's API takes the typed form (…#).
    const formula = rewriteFormula(toTypedFormula(n.text), plan.renames);
    const item = now.get(name.toUpperCase());
    if (!item) ctx.workbook.names.add(name, formula);
    else if (!users.has(name.toUpperCase()) && String(item.formula) !== formula) item.formula = formula;
  }
  for (const [key, formula] of users) {
    const item = now.get(key);
    if (item && String(item.formula) !== formula) item.formula = formula;
  }
  await ctx.sync();
}

/** 1.13: formulas of the inserted sheets pointed at renamed names, tables or sheets are rewritten. */
async function relinkFormulas(ctx: Excel.RequestContext, plan: InsertPlan) {
  const used = plan.sheets.map((s) => {
    const ws = ctx.workbook.worksheets.getItem(s.to);
    return { ws, range: ws.getUsedRangeOrNullObject(false).load('formulas,rowIndex,columnIndex') };
  });
  await ctx.sync();
  for (const { ws, range } of used) {
    if (range.isNullObject) continue;
    range.formulas.forEach((row, r) =>
      row.forEach((f, c) => {
        if (typeof f !== 'string' || !f.startsWith('=')) return;
        const next = rewriteFormula(STORED_FUNCTION.test(f) ? toTypedFormula(f) : f, plan.renames);
        if (next !== f) ws.getCell(range.rowIndex + r, range.columnIndex + c).formulas = [[next]];
      }),
    );
  }
  await ctx.sync();
}

export async function insertTemplateInExcel(
  request: InsertTemplateRequest,
  options: InsertOptions,
): Promise<HostResult<InsertedTemplate>> {
  const steps = [STEP.read, STEP.plan, STEP.sheets, STEP.tables, STEP.formulas, STEP.charts];
  let step = STEP.read;
  const begin = (label: (typeof steps)[number]) => {
    step = label;
    request.onProgress?.(steps.indexOf(label), steps.length, label);
  };

  begin(STEP.read);
  let model: TemplateModel;
  try {
    model = await readTemplateModel(bytesFromBase64(request.base64));
  } catch (e) {
    return fail(H.badTemplate(reason(e)));
  }

  let before: Inventory | undefined;
  try {
    return await Excel.run(async (ctx) => {
      try {
        begin(STEP.plan);
        before = await takeInventory(ctx);
        const plan = planInsertion(model, before);

        begin(STEP.sheets);
        if (options.canInsertFromBase64) await insertFromBase64(ctx, request.base64, model, plan);
        else await buildSheets(ctx, model, plan);

        begin(STEP.tables);
        await defineNames(ctx, model, plan, before);

        begin(STEP.formulas);
        if (options.canInsertFromBase64) await relinkFormulas(ctx, plan);

        begin(STEP.charts);
        const inserted = new Map(plan.sheets.map((s) => [s.from, s.to]));
        if (addCharts(ctx, options.charts, request.locale, (s) => inserted.get(s))) await ctx.sync();
        await protectSheets(ctx, model, plan);

        const firstSheet = plan.sheets[0]?.to ?? '';
        if (firstSheet) {
          ctx.workbook.worksheets.getItem(firstSheet).activate();
          await ctx.sync();
        }
        request.onProgress?.(steps.length, steps.length, STEP.done);
        return { ok: true as const, sheets: plan.sheets.map((s) => s.to), firstSheet, renamed: plan.renamed };
      } catch (e) {
        if (!before) return fail(H.insertFailed(step, reason(e)));
        let left: string[];
        try {
          left = await rollbackTo(ctx, before);
        } catch (r) {
          left = [reason(r)];
        }
        return fail(left.length ? H.rollbackIncomplete(step, reason(e), left.join(', ')) : H.insertFailed(step, reason(e)));
      }
    });
  } catch (e) {
    return fail(H.insertFailed(step, reason(e)));
  }
}
