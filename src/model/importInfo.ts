/**
 * What reading a CRM export found and did, for the import's mapping report (CLI) and the
 * pane's mapping view: where each table was, which column became which, the rows left out,
 * what was derived, and how each CRM stage name was read.
 */
import { Message } from '../core/i18n';
import { TableName } from './schema';

/** One column of the export: the header as written, and the CRM3 column (or export column) it feeds. */
export interface ImportedColumn {
  source: string;
  /** Canonical column, or an export column (AccountName, Currency, …); undefined: not used. */
  column?: string;
  /** How the choice was made: a remembered mapping (Config ImportMap or the pane), or the header aliases. */
  by?: 'map' | 'alias';
  /** Another column of the export already feeds the same CRM3 column. */
  duplicate?: boolean;
  /** The column's first value, as text (dates as yyyy-mm-dd): what the pane's mapping view shows beside it. */
  sample?: string;
}

export interface ImportedTable {
  table: TableName;
  sheet: string;
  /** 1-based header row (title rows above it are skipped). */
  headerRow: number;
  rows: number;
  columns: ImportedColumn[];
  /** Rows below the data left out (totals, confidentiality notes), with their first text. */
  skipped: { row: number; text: string }[];
}

/** How one CRM stage name was read. */
export interface StageUse {
  crmStage: string;
  /** The methodology stage it became ('' when the export does not say, as for closed deals). */
  stage: string;
  /** The status it gave ('' when another column decided it). */
  status: string;
  count: number;
  /** own: already a methodology stage; map: a StageMap row; probability: nearest by the CRM's probability; unknown. */
  how: 'own' | 'map' | 'probability' | 'unknown';
}

export interface ImportInfo {
  tables: ImportedTable[];
  /** What the export lacked and was made from what it has, in words. */
  derived: Message[];
  stages: StageUse[];
}
