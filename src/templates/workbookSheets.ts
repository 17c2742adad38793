/**
 * The CRM3 tables every template shares: the Config sheet (settings block + methodology
 * tables, laid out exactly as src/io/writeWorkbook.ts does so names agree) and the data
 * tables (Accounts, Opportunities, …) with localized headers, drop-downs on enumerations,
 * per-row computed columns and one workbook-level name per column (DESIGN.md §3, §7).
 */
import { Cell } from '../core/cells';
import { Answer, Enumeration, TierMethod } from '../core/enumerations';
import { CONFIG_TABLES, ConfigTableName, SETTINGS } from '../model/config';
import { SAMPLE_DEFAULTS } from '../model/sample';
import { defaultConfigTables, defaultSettings } from '../model/defaults';
import {
  CONFIG_TABLE_TITLE_ROW,
  DATA_TABLE_ORIGIN,
  SETTINGS_BLOCK,
  configSheetName,
  configTableOrigins,
  settingRow,
  tableColumns,
  tableSheetName,
} from '../model/layout';
import { TableName, tableSpec } from '../model/schema';
import { COMPUTED_COLUMN_DEFINITIONS, perRowFormula, spilledFormula } from '../model/computedColumns';
import { TableData, WorkbookSnapshot, a1 } from '../model/snapshot';
import {
  DataValidation,
  FORMAT,
  PlacedColumn,
  SheetModel,
  TemplateBook,
  TemplateColumn,
  listValidation,
  nameListValidation,
  thisRow,
  thisRowBlock,
} from './templateBook';

/** What a template is filled with: the shipped defaults, or a snapshot (e.g. the sample). */
export interface TemplateSource {
  config: Record<ConfigTableName, TableData>;
  settings: Record<string, Cell>;
  tables: WorkbookSnapshot['tables'];
  /** True when filled with data (sample): extra example rows (prospects, plan grid) are filled too. */
  filled: boolean;
}

export function templateSource(
  book: TemplateBook,
  data: WorkbookSnapshot | undefined,
  templateId: string,
  version: string,
): TemplateSource {
  const defaults = defaultConfigTables(book.locale);
  const config = { ...defaults } as Record<ConfigTableName, TableData>;
  for (const name of Object.keys(defaults) as ConfigTableName[]) {
    const given = data?.config[name];
    if (given && given.rows.length) config[name] = given;
  }
  const asOf = typeof data?.settings.AsOfDate === 'number' ? data.settings.AsOfDate : SAMPLE_DEFAULTS.asOf;
  const settings: Record<string, Cell> = { ...defaultSettings(asOf, book.locale) };
  for (const [k, v] of Object.entries(data?.settings ?? {})) if (v !== null && v !== undefined) settings[k] = v;
  settings.TemplateId = templateId;
  settings.TemplateVersion = version;
  return { config, settings, tables: data?.tables ?? {}, filled: data !== undefined };
}

/** Values of an enumeration as a planner types them in the locale (codes in en, zh names in zh). */
export function enumValues(e: Enumeration, zh: boolean): string[] {
  return e.values.map((v) => (zh ? v.zh : v.code));
}

/** The column ids of the Criteria (or Questions) config table, in order. */
export function configIds(source: TemplateSource, name: 'Criteria' | 'Questions'): string[] {
  const t = source.config[name];
  const j = t.headers.indexOf(name === 'Criteria' ? 'CriterionId' : 'QuestionId');
  return t.rows.map((r) => String(r[j] ?? '')).filter((s) => s !== '');
}

function configColumn(source: TemplateSource, name: ConfigTableName, header: string): Cell[] {
  const t = source.config[name];
  const j = t.headers.indexOf(header);
  return j < 0 ? [] : t.rows.map((r) => r[j]);
}

/** Rows of a snapshot table rearranged into the given canonical column order (missing → blank). */
export function rowsInOrder(t: TableData | undefined, keys: readonly string[]): Cell[][] {
  if (!t) return [];
  const idx = keys.map((k) => t.headers.indexOf(k));
  return t.rows.map((r) => idx.map((j) => (j >= 0 ? (r[j] ?? null) : null)));
}

// ------------------------------------------------------------------------------ Config

const CONFIG_VALIDATION: Partial<Record<string, (zh: boolean) => DataValidation>> = {
  'Criteria.Axis': () => listValidation(['A', 'P']),
  'StageEvents.Essential': (zh) => listValidation(enumValues(Answer, zh).filter((v) => v !== (zh ? '未知' : 'Unknown'))),
  'Benchmarks.Metric': () => listValidation(['Employees', 'Revenue']),
  'Questions.Section': () => listValidation(['1', '2', '3', '4']),
};

const CONFIG_FORMATS: Record<string, string> = { 'Stages.Probability': FORMAT.percent };

/** The Config sheet: settings (Name | Value | Description) and the methodology tables, with their names. */
export function addConfigSheet(book: TemplateBook, source: TemplateSource): SheetModel {
  const zh = book.zh;
  // Config holds only inputs: left unprotected so consultants can add stages, criteria, benchmarks.
  const ws = book.sheet(configSheetName(book.locale), SETTINGS_BLOCK.headerRow, { protect: false, tab: 'FF7F7F7F' });
  book.label(ws, a1(SETTINGS_BLOCK.titleRow, SETTINGS_BLOCK.nameCol), book.say('Settings', '设置'), 'heading');
  book.headerRow(ws, SETTINGS_BLOCK.headerRow, SETTINGS_BLOCK.nameCol, [
    ['Name', '名称'],
    ['Value', '值'],
    ['Description', '说明'],
  ]);
  for (const s of SETTINGS) {
    const row = settingRow(s.name);
    ws.getCell(row, SETTINGS_BLOCK.nameCol).value = s.name;
    const format = s.type === 'date' ? FORMAT.date : undefined;
    const validation =
      s.name === 'TierMethod'
        ? listValidation(enumValues(TierMethod, zh))
        : s.type === 'bool'
          ? listValidation(['TRUE', 'FALSE'])
          : undefined;
    const value = source.settings[s.name] ?? null;
    book.input(ws, a1(row, SETTINGS_BLOCK.valueCol), value, { format, validation });
    ws.getCell(row, SETTINGS_BLOCK.descriptionCol).value = zh ? `${s.zh}：${s.description.zh}` : s.description.en;
    book.defineCell(s.name, ws, a1(row, SETTINGS_BLOCK.valueCol));
  }
  ws.getColumn(SETTINGS_BLOCK.nameCol).width = 26;
  ws.getColumn(SETTINGS_BLOCK.valueCol).width = 16;
  ws.getColumn(SETTINGS_BLOCK.descriptionCol).width = zh ? 44 : 56;
  ws.getColumn(SETTINGS_BLOCK.descriptionCol).alignment = { wrapText: true, vertical: 'top' };

  // Config is many tables side by side: one page wide would print it unreadably small.
  ws.pageSetup.fitToPage = false;
  ws.pageSetup.scale = 70;
  for (const [name, origin] of configTableOrigins()) {
    const spec = CONFIG_TABLES.find((t) => t.name === name)!;
    const t = source.config[name];
    book.label(ws, a1(CONFIG_TABLE_TITLE_ROW, origin.col), zh ? spec.zh : spec.name, 'heading');
    const columns: TemplateColumn[] = t.headers.map((h) => {
      const colSpec = spec.columns.find((c) => c.name === h);
      return {
        key: h,
        label: zh ? (colSpec?.zh ?? h) : h,
        format: CONFIG_FORMATS[`${name}.${h}`],
        validation: CONFIG_VALIDATION[`${name}.${h}`]?.(zh),
        width: h === 'Description' || h === 'Text' || h === 'Strategy' ? 30 : undefined,
      };
    });
    const placed = book.table(ws, name, origin, columns, t.rows, 'TableStyleLight9');
    for (const p of placed) book.defineTableColumn(`${name}_${p.key}`, p);
  }
  return ws;
}

// ------------------------------------------------------------------------------ data tables

/** Extra (template-only) columns of a data table: label per locale and where they go. */
export interface ExtraColumn {
  key: string;
  label: { en: string; zh: string };
  format?: string;
  /** Typed per-row formula, given the row's own cell of a column and of a block of columns. */
  formula: (cell: (key: string) => string, block: (first: string, last: string) => string) => string;
}

export interface DataTableOptions {
  /** Columns added after the last computed column inside the table (e.g. section scores). */
  extra?: readonly ExtraColumn[];
  /** Protect the sheet (it has formulas); pure input tables stay unprotected so exports can be pasted. */
  protect?: boolean;
}

const ENUM_DROPDOWN: Partial<Record<string, Enumeration>> = {};

/** The drop-down of a schema column in the locale, or undefined. */
function columnValidation(table: TableName, key: string, book: TemplateBook, source: TemplateSource): DataValidation | undefined {
  const spec = tableSpec(table);
  const col = spec.columns.find((c) => c.name === key);
  if (configIds(source, 'Questions').includes(key) && table === 'Opportunities')
    return listValidation(
      enumValues(Answer, book.zh),
      book.say('Yes / No / Unknown (blank counts as Unknown)', '是 / 否 / 未知（留空按未知计）'),
    );
  if (table === 'Accounts' && configIds(source, 'Criteria').includes(key)) {
    const names = configColumn(source, 'Criteria', 'Name');
    const ids = configIds(source, 'Criteria');
    const mins = configColumn(source, 'Criteria', 'Min');
    const maxs = configColumn(source, 'Criteria', 'Max');
    const i = ids.indexOf(key);
    const min = typeof mins[i] === 'number' ? (mins[i] as number) : 1;
    const max = typeof maxs[i] === 'number' ? (maxs[i] as number) : 5;
    const name = String(names[i] ?? key);
    return {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [min, max],
      showInputMessage: true,
      promptTitle: key.slice(0, 32),
      prompt: book.zh ? `${name}：${min}（低）到 ${max}（高）` : `${name}: ${min} (low) to ${max} (high)`,
      showErrorMessage: true,
      errorStyle: 'stop',
      error: book.zh ? `请输入 ${min} 到 ${max} 之间的分数。` : `Enter a score from ${min} to ${max}.`,
    };
  }
  if (!col || col.computed) return undefined;
  if (col.type === 'stage') return nameListValidation('Stages_Stage');
  if (col.type === 'amount' || col.type === 'count')
    return {
      type: col.type === 'count' ? 'whole' : 'decimal',
      operator: 'greaterThanOrEqual',
      allowBlank: true,
      formulae: [0],
      showErrorMessage: true,
      errorStyle: 'warning',
    };
  const e = col.enumeration ?? ENUM_DROPDOWN[key];
  if (e && (col.type === 'enum' || col.type === 'answer')) return listValidation(enumValues(e, book.zh));
  return undefined;
}

const TYPE_FORMAT: Partial<Record<string, string>> = { date: FORMAT.date, amount: FORMAT.amount, count: FORMAT.count };

/** Canonical keys of a data table in this template (schema order with criteria/questions). */
export function dataTableKeys(table: TableName, source: TemplateSource): string[] {
  return tableColumns(tableSpec(table), configIds(source, 'Criteria'), configIds(source, 'Questions'));
}

/**
 * The per-row formula of a computed column, from its one definition (model/computedColumns.ts):
 * `{Criteria}` / `{Answers}` become the row's block of criteria scores or answers, `{Column}`
 * the row's own cell, as structured references (DESIGN §7: the row's own cells plus small Config names).
 */
function computedFormula(
  table: TableName,
  key: string,
  cell: (key: string) => string,
  block: (first: string, last: string) => string,
  source: TemplateSource,
): string | undefined {
  const def = COMPUTED_COLUMN_DEFINITIONS.find((d) => d.table === table && d.column === key);
  if (!def || def.spilledOnly) return undefined;
  const crit = configIds(source, 'Criteria');
  const qs = configIds(source, 'Questions');
  const ref = (column: string) =>
    column === 'Criteria'
      ? block(crit[0], crit[crit.length - 1])
      : column === 'Answers'
        ? block(qs[0], qs[qs.length - 1])
        : cell(column);
  return perRowFormula(def, ref).slice(1);
}

/** Computed columns that scan other tables (StageCheck): one spilled column beside the table, not a per-row formula. */
function spilledBeside(table: TableName) {
  return COMPUTED_COLUMN_DEFINITIONS.find((d) => d.table === table && d.spilledOnly);
}

/**
 * One data table on its own sheet (sheet and table as writeWorkbook names them), filled with
 * the source's rows; computed columns get their formulas. Defines <Prefix>_<Column> names.
 */
export function addDataTable(
  book: TemplateBook,
  source: TemplateSource,
  table: TableName,
  options: DataTableOptions = {},
): PlacedColumn[] {
  const spec = tableSpec(table);
  const zh = book.zh;
  const all = dataTableKeys(table, source);
  const besideDef = spilledBeside(table);
  const beside = besideDef?.column;
  const extra = options.extra ?? [];
  const lastComputed = all.reduce((k, key, i) => (spec.columns.find((c) => c.name === key)?.computed ? i : k), -1);
  const keys = all.filter((k) => k !== beside);
  // Extra columns go right after QualScore (grading) / at the end of computed columns.
  const insertAt = keys.indexOf('QualScore') >= 0 ? keys.indexOf('QualScore') + 1 : lastComputed + 1;
  const ordered = [...keys.slice(0, insertAt), ...extra.map((e) => e.key), ...keys.slice(insertAt)];
  const labelOf = (key: string) => {
    const e = extra.find((x) => x.key === key);
    if (e) return zh ? e.label.zh : e.label.en;
    const col = spec.columns.find((c) => c.name === key);
    return zh && col ? col.zh : key;
  };
  const cell = (key: string) => thisRow(labelOf(key));
  const block = (first: string, last: string) => thisRowBlock(labelOf(first), labelOf(last));

  const columns: TemplateColumn[] = ordered.map((key) => {
    const e = extra.find((x) => x.key === key);
    if (e) return { key, label: labelOf(key), format: e.format, formula: e.formula(cell, block) };
    const col = spec.columns.find((c) => c.name === key);
    const format =
      key === 'Probability'
        ? FORMAT.percent
        : ['Score', 'Attractiveness', 'Position', 'QualScore'].includes(key)
          ? FORMAT.score
          : col
            ? TYPE_FORMAT[col.type]
            : undefined;
    return {
      key,
      label: labelOf(key),
      format,
      formula: col?.computed ? computedFormula(table, key, cell, block, source) : undefined,
      validation: columnValidation(table, key, book, source),
      width: col?.type === 'text' && !col.computed ? 14 : key === 'Strategy' ? 22 : undefined,
    };
  });
  const hasFormulas = columns.some((c) => c.formula) || beside !== undefined;
  const ws = book.sheet(tableSheetName(table, book.locale), DATA_TABLE_ORIGIN.row, { protect: options.protect ?? hasFormulas });
  // Wide tables (Accounts, Opportunities) print two pages wide so the text stays readable.
  if (columns.length > 16) ws.pageSetup.fitToWidth = 2;
  const rows = rowsInOrder(source.tables[table], ordered);
  const placed = book.table(ws, table, DATA_TABLE_ORIGIN, columns, rows);
  for (const p of placed) book.defineTableColumn(`${spec.prefix}_${p.key}`, p);
  // The criteria / answers as one block, as the engine names it (Acc_Criteria, Opp_Answers: KEYINFO reads it).
  const blockIds =
    spec.dynamic === 'criteria'
      ? configIds(source, 'Criteria')
      : spec.dynamic === 'questions'
        ? configIds(source, 'Questions')
        : [];
  if (blockIds.length) {
    const a = placed.find((p) => p.key === blockIds[0])!;
    const b = placed.find((p) => p.key === blockIds[blockIds.length - 1])!;
    book.defineTableColumn(`${spec.prefix}_${spec.dynamic === 'criteria' ? 'Criteria' : 'Answers'}`, a, b);
  }

  if (beside) {
    const col = DATA_TABLE_ORIGIN.col + ordered.length;
    const first = placed[0];
    const header = book.label(
      ws,
      a1(DATA_TABLE_ORIGIN.row, col),
      zh ? (spec.columns.find((c) => c.name === beside)?.zh ?? beside) : beside,
      'header',
    );
    header.alignment = { vertical: 'middle' };
    book.formula(ws, a1(first.firstRow, col), spilledFormula(besideDef!, spec.prefix), { spill: true });
    ws.getColumn(col).width = 24;
    book.defineSpill(`${spec.prefix}_${beside}`, ws, a1(first.firstRow, col));
    placed.push({ key: beside, col, firstRow: first.firstRow, lastRow: first.lastRow });
  }
  return placed;
}
