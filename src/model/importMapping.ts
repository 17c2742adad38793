/**
 * The column mapping of a CRM export, for the pane's mapping view and `crm3 import`: the
 * CRM3 columns an export column may feed (with their names in both languages), and the
 * ImportMap Config table that remembers the choices for the next export. The reader
 * (io/sheetTables) applies the choices; this module only names and records them.
 */
import { Cell } from '../core/cells';
import { Locale, Message } from '../core/i18n';
import { configHeaders, defaultConfigTables } from './defaults';
import { ImportInfo } from './importInfo';
import { TableName, exportColumns, tableSpec } from './schema';
import { TableData } from './snapshot';

export interface MappingTarget {
  /** Canonical column (or export column such as AccountName) it feeds. */
  column: string;
  /** Its name as the pane shows it: the column name in en, the schema's zh name in zh. */
  label: Message;
}

/** The columns an export column of `table` may feed: the table's own (not the computed ones), then the export-only ones. */
export function mappingTargets(table: TableName): MappingTarget[] {
  return [...tableSpec(table).columns.filter((c) => !c.computed), ...exportColumns(table)].map((c) => ({
    column: c.name,
    label: { en: c.name, zh: c.zh === c.name ? c.name : `${c.zh}（${c.name}）` },
  }));
}

/** One choice: the export header, the table it belongs to, the column it feeds ('' = not used). */
export interface MappingChoice {
  source: string;
  table: TableName;
  column: string;
}

/** The choices an export was read with (every column once: the first of two feeding one column wins). */
export function choicesOfImport(info: ImportInfo): MappingChoice[] {
  return info.tables.flatMap((t) =>
    t.columns.map((c) => ({ source: c.source, table: t.table, column: c.duplicate ? '' : (c.column ?? '') })),
  );
}

/** The ImportMap Config table recording an export's column choices ('' = not used), or undefined when it has none. */
export function importMapTable(choices: readonly MappingChoice[], locale: Locale): TableData | undefined {
  const rows: Cell[][] = choices.map((c) => [c.source, c.table, c.column || null]);
  if (!rows.length) return undefined;
  const place = defaultConfigTables(locale).ImportMap;
  return { sheet: place.sheet, origin: place.origin, headers: configHeaders('ImportMap'), rows };
}
