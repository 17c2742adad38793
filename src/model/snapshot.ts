/**
 * A CRM3 workbook in memory, as read from an .xlsx (or generated): the engine, the
 * validator and the writers all work on this.
 */
import type { WorkingWords } from '../calc/working';
import { Cell } from '../core/cells';
import { Message } from '../core/i18n';
import { ConfigTableName, SettingName } from './config';
import type { ImportInfo } from './importInfo';
import { TableName } from './schema';

/** One table: headers mapped to canonical column names, and its data rows. */
export interface TableData {
  /** Sheet it came from (as named in the file). */
  sheet: string;
  /** 1-based row and column of the header cell of the first column. */
  origin: { row: number; col: number };
  /** Canonical column names (unknown headers kept as written). */
  headers: string[];
  /** Data rows, aligned with headers; blanks are null; dates are Excel serials. */
  rows: Cell[][];
  /**
   * Made by the importer, not read (Accounts from an export's account names): the sheet whose
   * rows it was made from. Such a table has no cells of its own, so nothing points at one.
   */
  madeFrom?: string;
}

export interface Problem {
  severity: 'error' | 'warning';
  sheet: string;
  /** A1 address of the cell, or '' when the problem is about a whole sheet/table. */
  cell: string;
  message: Message;
}

/** A row of the Indicators sheet (built-in catalog or a consultant's own). */
export interface IndicatorRow {
  id: string;
  goal: string;
  name: { en: string; zh: string };
  /** The formula, with a leading '='. */
  formula: string;
  unit: 'ratio' | 'amount' | 'days' | 'count' | 'number';
  direction: 'HigherIsBetter' | 'LowerIsBetter';
  green: number | null;
  red: number | null;
  /**
   * The rows it is computed over, in words ("open opportunities"): when there are none the
   * indicator is No data, and this says why. Catalog rows have it; a workbook's own may not.
   */
  eligible?: Message;
  /** The indicator's words for its working's parts (catalog rows; issue #19). */
  words?: WorkingWords;
}

export interface WorkbookSnapshot {
  tables: Partial<Record<TableName, TableData>>;
  config: Partial<Record<ConfigTableName, TableData>>;
  settings: Partial<Record<SettingName, Cell>>;
  /** Where each setting was found, for problem addresses. */
  settingCells?: Partial<Record<SettingName, { sheet: string; cell: string }>>;
  indicators?: IndicatorRow[];
  problems: Problem[];
  /**
   * Currencies the amount cells show (their number formats, or a currency written in the
   * value), most used first: where the currency comes from when Config does not say.
   */
  amountCurrencies?: string[];
  /** Set when a table was read from a CRM export (found by its headers): what the import found and did. */
  imported?: ImportInfo;
}

// Letters of columns 1..702 (A..ZZ) precomputed: the xlsx writer asks for them once per cell.
const LETTERS: string[] = [''];
for (let c = 1; c <= 702; c++)
  LETTERS.push(c <= 26 ? String.fromCharCode(64 + c) : LETTERS[Math.floor((c - 1) / 26)] + LETTERS[((c - 1) % 26) + 1]);

/** Column letters of a 1-based column number (1 → A, 28 → AB). */
export function columnLetters(col: number): string {
  if (col < LETTERS.length) return LETTERS[col];
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The cell of data row `i` (0-based) in a table's first column; '' for a table made, not read. */
export function rowCell(t: TableData, i: number, col = t.origin.col): string {
  return t.madeFrom ? '' : a1(t.origin.row + 1 + i, col);
}

/** A1 address from 1-based row and column. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/**
 * The currency of a workbook's amounts: Config's Currency, else the one currency its amount
 * cells show (their number format or text); null when neither says, or they show several.
 */
export function currencyOf(snapshot: Pick<WorkbookSnapshot, 'settings' | 'amountCurrencies'>): string | null {
  const given = snapshot.settings.Currency;
  if (typeof given === 'string' && given.trim()) return given.trim();
  return snapshot.amountCurrencies?.length === 1 ? snapshot.amountCurrencies[0] : null;
}
