/**
 * Where things go in a CRM3 workbook written by this project: sheet names per locale,
 * the column order of each table, and the Config sheet layout (settings block on the
 * left, methodology tables side by side to its right so each can grow downwards).
 */
import { Locale } from '../core/i18n';
import { CONFIG_TABLES, ConfigTableName, SETTINGS, SettingName } from './config';
import { SHEET_ZH, TableName, TableSpec, tableSpec } from './schema';
import type { WorkbookSnapshot } from './snapshot';

/** Data tables start at A1: header row 1, data from row 2. */
export const DATA_TABLE_ORIGIN = { row: 1, col: 1 } as const;

/** The Name | Value | Description block of settings on the Config sheet. */
export const SETTINGS_BLOCK = { titleRow: 1, headerRow: 2, firstRow: 3, nameCol: 1, valueCol: 2, descriptionCol: 3 } as const;

/** Config tables: a title in row 1, headers in row 2, first table in column E, one blank column between tables. */
export const CONFIG_TABLE_TITLE_ROW = 1;
export const CONFIG_TABLE_HEADER_ROW = 2;
export const CONFIG_FIRST_TABLE_COL = 5;

/** Header cell (1-based) of each Config table, in CONFIG_TABLES order. */
export function configTableOrigins(): [ConfigTableName, { row: number; col: number }][] {
  const out: [ConfigTableName, { row: number; col: number }][] = [];
  let col = CONFIG_FIRST_TABLE_COL;
  for (const t of CONFIG_TABLES) {
    out.push([t.name, { row: CONFIG_TABLE_HEADER_ROW, col }]);
    col += t.columns.length + 1;
  }
  return out;
}

/** Row of a setting's value cell (column SETTINGS_BLOCK.valueCol) on the Config sheet. */
export function settingRow(name: SettingName): number {
  return SETTINGS_BLOCK.firstRow + SETTINGS.findIndex((s) => s.name === name);
}

export function tableSheetName(name: TableName, locale: Locale): string {
  const spec = tableSpec(name);
  return locale === 'zh-CN' ? spec.zh : (spec.sheetEn ?? name);
}

export function configSheetName(locale: Locale): string {
  return locale === 'zh-CN' ? SHEET_ZH.Config : 'Config';
}

/**
 * Canonical column order of a data table: the schema's columns, with one column per
 * criterion (Accounts) or question (Opportunities) inserted before the first computed column.
 */
export function tableColumns(spec: TableSpec, criteriaIds: readonly string[], questionIds: readonly string[]): string[] {
  const fixed = spec.columns.map((c) => c.name);
  const dynamic = spec.dynamic === 'criteria' ? criteriaIds : spec.dynamic === 'questions' ? questionIds : [];
  if (dynamic.length === 0) return fixed;
  const at = spec.columns.findIndex((c) => c.computed);
  const cut = at < 0 ? fixed.length : at;
  return [...fixed.slice(0, cut), ...dynamic, ...fixed.slice(cut)];
}

/** The language of the history tables a workbook gets: its Opportunities (or Accounts) sheet's. */
export function workbookLocale(workbook: WorkbookSnapshot): Locale {
  return /[\u4e00-\u9fff]/.test(workbook.tables.Opportunities?.sheet ?? workbook.tables.Accounts?.sheet ?? '')
    ? 'zh-CN'
    : 'en-US';
}
