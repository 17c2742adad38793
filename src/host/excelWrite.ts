/**
 * Writing input cells, Config cells and settings into the open workbook, all or nothing:
 * one sync checks every target (the sheet exists, the column's header is still where the
 * last read found it, the setting has a cell) and keeps the old contents; a second writes;
 * if Excel refuses that, a third puts the old contents back.
 */
import { Cell } from '../core/cells';
import { WorkbookSnapshot } from '../model/snapshot';
import { a1 } from '../model/snapshot';
import { H, fail, reason } from './hostMessages';
import { CellTarget, WritePlan, planWrite } from './writeCheck';
import { HostResult, WorkbookWrite } from './workbookHost';

/** A cell value as office-js takes it; text Excel would take for a formula stays text. */
export function excelInput(v: Cell): string | number | boolean {
  if (v === null) return '';
  if (typeof v === 'string' && /^[=+\-@]/.test(v) && !/^[+-]?\d/.test(v)) return `'${v}`;
  return v;
}

const CONSTANT_TYPES = new Set<string>(['String', 'Integer', 'Double', 'Boolean']);

/** A defined name's formula for a constant: =46000, =TRUE, ="CNY" (blank: ""). */
export function constantFormula(v: Cell): string {
  if (typeof v === 'number') return `=${v}`;
  if (typeof v === 'boolean') return v ? '=TRUE' : '=FALSE';
  return `="${String(v ?? '').replace(/"/g, '""')}"`;
}

function headerText(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

interface Located {
  range: Excel.Range;
  header?: Excel.Range;
  target?: CellTarget;
  label: string;
  value: Cell;
}

export async function writeWorkbookIn(
  ctx: Excel.RequestContext,
  snapshot: WorkbookSnapshot,
  changes: WorkbookWrite,
): Promise<HostResult<object>> {
  const plan: WritePlan | { ok: false } = planWrite(snapshot, changes);
  if ('ok' in plan) return plan as HostResult<object>;
  if (!plan.cells.length && !plan.settings.length) return { ok: true };
  const wb = ctx.workbook;

  // 1. Check every target and keep what it holds now.
  const sheetNames = new Set(plan.cells.map((c) => c.sheet));
  for (const s of plan.settings) {
    const at = snapshot.settingCells?.[s.setting];
    if (at) sheetNames.add(at.sheet);
  }
  const sheets = new Map([...sheetNames].map((n) => [n, wb.worksheets.getItemOrNullObject(n)]));
  const names = new Map(plan.settings.map((s) => [s.setting, wb.names.getItemOrNullObject(s.setting)]));
  for (const n of names.values()) n.load('type,formula');
  await ctx.sync();
  for (const [name, ws] of sheets) if (ws.isNullObject) return fail(H.noSheet(name));

  const located: Located[] = [];
  for (const c of plan.cells) {
    const ws = sheets.get(c.sheet)!;
    located.push({
      range: ws.getCell(c.sheetRow - 1, c.sheetCol - 1).load('formulas'),
      header: ws.getCell(c.headerRow - 1, c.sheetCol - 1).load('values'),
      target: c,
      label: `${c.sheet}!${a1(c.sheetRow, c.sheetCol)}`,
      value: c.value,
    });
  }
  // A setting whose name holds a constant (Currency = "CNY") gets a new constant.
  const constants: { item: Excel.NamedItem; formula: string; old: string }[] = [];
  for (const s of plan.settings) {
    const named = names.get(s.setting)!;
    const at = snapshot.settingCells?.[s.setting];
    let range: Excel.Range;
    if (!named.isNullObject && named.type === 'Range') range = named.getRange();
    else if (at) range = sheets.get(at.sheet)!.getRange(at.cell);
    else if (!named.isNullObject && CONSTANT_TYPES.has(named.type)) {
      constants.push({ item: named, formula: constantFormula(s.value), old: String(named.formula) });
      continue;
    } else return fail(H.noSettingCell(s.setting));
    located.push({ range: range.load('formulas,rowCount,columnCount'), label: s.setting, value: s.value });
  }
  await ctx.sync();
  for (const l of located) {
    if (l.target && l.header) {
      const written = headerText(l.header.values[0]?.[0]);
      if (l.target.headerIndex.match(written) !== l.target.columnName) {
        return fail(H.moved(l.target.sheet, a1(l.target.headerRow, l.target.sheetCol), l.target.columnName));
      }
    } else if (l.range.rowCount !== 1 || l.range.columnCount !== 1) {
      return fail(H.noSettingCell(l.label));
    }
  }

  // 2. Write; 3. on refusal, put the old contents back.
  const old = located.map((l) => l.range.formulas);
  try {
    for (const l of located) l.range.values = [[excelInput(l.value)]];
    for (const c of constants) c.item.formula = c.formula;
    await ctx.sync();
    return { ok: true };
  } catch (e) {
    try {
      located.forEach((l, i) => (l.range.formulas = old[i]));
      for (const c of constants) c.item.formula = c.old;
      await ctx.sync();
    } catch {
      // The original failure is what the user needs to know.
    }
    return fail(H.writeFailed(reason(e)));
  }
}
