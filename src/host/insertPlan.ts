/**
 * Deciding, before anything is inserted, what each of a template's sheets, tables and
 * names will be called in the user's workbook: its own name when free, else a suffixed
 * one (sheets "Accounts (2)", tables and names "Accounts_2"). Excel keeps tables and
 * defined names in one namespace, so each is checked against both.
 */
import { Renames, renameMap } from '../engine/formulaLanguage';
import { TemplateModel } from './templateModel';
import { InsertedTemplate } from './workbookHost';

/** What the user's workbook holds before the insertion (also what a rollback returns to). */
export interface Inventory {
  sheets: { id: string; name: string }[];
  tables: { name: string; sheet: string }[];
  names: { name: string; formula: string }[];
}

export interface InsertPlan {
  /** Template sheet name → name in the workbook, in the template's order. */
  sheets: { from: string; to: string }[];
  tables: Map<string, string>;
  names: Map<string, string>;
  renamed: InsertedTemplate['renamed'];
  /** For rewriting the template's formulas and name definitions. */
  renames: Renames;
}

const MAX_SHEET_NAME = 31;

function freeSheetName(base: string, taken: Set<string>): string {
  if (!taken.has(base.toUpperCase())) return base;
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const name = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!taken.has(name.toUpperCase())) return name;
  }
}

function freeName(base: string, taken: Set<string>): string {
  if (!taken.has(base.toUpperCase())) return base;
  for (let k = 2; ; k++) {
    const name = `${base}_${k}`;
    if (!taken.has(name.toUpperCase())) return name;
  }
}

export function planInsertion(model: TemplateModel, inventory: Inventory): InsertPlan {
  const renamed: InsertedTemplate['renamed'] = [];
  const sheetTaken = new Set(inventory.sheets.map((s) => s.name.toUpperCase()));
  const sheets = model.sheets.map((s) => {
    const to = freeSheetName(s.name, sheetTaken);
    sheetTaken.add(to.toUpperCase());
    if (to !== s.name) renamed.push({ kind: 'sheet', from: s.name, to });
    return { from: s.name, to };
  });

  // The template's own tables and names are taken too, so a suffixed name never lands on one of them.
  const templateTables = model.sheets.flatMap((s) => s.tables.map((t) => t.name));
  const userTaken = new Set(
    [...inventory.tables.map((t) => t.name), ...inventory.names.map((n) => n.name)].map((n) => n.toUpperCase()),
  );
  const taken = new Set([
    ...userTaken,
    ...templateTables.map((n) => n.toUpperCase()),
    ...model.names.map((n) => n.name.toUpperCase()),
  ]);
  const pick = (kind: 'table' | 'name', name: string): string => {
    if (!userTaken.has(name.toUpperCase())) return name;
    const to = freeName(name, taken);
    taken.add(to.toUpperCase());
    renamed.push({ kind, from: name, to });
    return to;
  };
  const tables = new Map(templateTables.map((t) => [t, pick('table', t)]));
  const names = new Map(model.names.map((n) => [n.name, pick('name', n.name)]));

  return {
    sheets,
    tables,
    names,
    renamed,
    renames: {
      sheets: renameMap(sheets.map((s) => [s.from, s.to])),
      tables: renameMap(tables),
      names: renameMap(names),
    },
  };
}
