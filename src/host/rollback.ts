/**
 * What a workbook holds before a template insertion, and putting it back when a step fails:
 * everything that was not there before (charts, names, tables, sheets, in that order) is
 * deleted and every name of the user's whose formula changed gets its formula back. Working
 * from the difference, not from a list of what we meant to add, also removes what a
 * half-applied batch left behind.
 */
import { Inventory } from './insertPlan';

/** Sheets, tables and workbook names as they are now (one sync). */
export async function takeInventory(ctx: Excel.RequestContext): Promise<Inventory> {
  const wb = ctx.workbook;
  const sheets = wb.worksheets.load('items/id,items/name');
  const tables = wb.tables.load('items/name,items/worksheet/name');
  const names = wb.names.load('items/name,items/formula');
  await ctx.sync();
  return {
    sheets: sheets.items.map((s) => ({ id: s.id, name: s.name })),
    tables: tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
    names: names.items.map((n) => ({ name: n.name, formula: String(n.formula) })),
  };
}

/**
 * Returns the workbook to `before`. Resolves to the items that could not be removed
 * (empty when the workbook is as it was).
 */
export async function rollbackTo(ctx: Excel.RequestContext, before: Inventory): Promise<string[]> {
  const wb = ctx.workbook;
  const oldSheets = new Set(before.sheets.map((s) => s.id));
  const oldTables = new Set(before.tables.map((t) => t.name.toUpperCase()));
  const oldNames = new Map(before.names.map((n) => [n.name.toUpperCase(), n.formula]));
  const sheets = wb.worksheets.load('items/id,items/name');
  const tables = wb.tables.load('items/name,items/worksheet/id');
  const names = wb.names.load('items/name,items/formula');
  await ctx.sync();

  const added = sheets.items.filter((s) => !oldSheets.has(s.id));
  const charts = added.map((s) => s.charts.load('items/name'));
  await ctx.sync();
  for (const c of charts) for (const chart of c.items) chart.delete();
  for (const n of names.items) {
    const old = oldNames.get(n.name.toUpperCase());
    if (old === undefined) n.delete();
    else if (String(n.formula) !== old) n.formula = old;
  }
  // Tables added to a user's sheet; those on added sheets go with their sheet.
  for (const t of tables.items) if (!oldTables.has(t.name.toUpperCase()) && oldSheets.has(t.worksheet.id)) t.delete();
  for (const s of added) s.delete();
  await ctx.sync();

  // Check: anything still there that was not there before?
  const after = await takeInventory(ctx);
  const left: string[] = [];
  for (const s of after.sheets) if (!oldSheets.has(s.id)) left.push(s.name);
  for (const n of after.names) {
    const old = oldNames.get(n.name.toUpperCase());
    if (old === undefined || old !== n.formula) left.push(n.name);
  }
  for (const t of after.tables) if (!oldTables.has(t.name.toUpperCase())) left.push(t.name);
  return left;
}
