/**
 * The template formula lint (DESIGN.md §7): what a template formula must not do, because
 * Excel, HyperFormula or LibreOffice would compute it wrongly or slowly. Works on a list of
 * formula cells, so it checks template definitions and any built .xlsx alike.
 */
import { Message } from '../core/i18n';
import { cellAddress, parseCell, relativeForm, tokenize } from '../engine/formulaText';
import { functionsIn, structuredItems } from '../engine/formulaLanguage';
import { CONFIG_TABLES, SETTINGS } from '../model/config';
import { TABLES } from '../model/schema';

export interface LintFormula {
  sheet: string;
  /** A1 address. */
  cell: string;
  /** With or without `=`; typed (`CRM3.SCORE`) or stored (`_xldudf_CRM3_SCORE`) form. */
  formula: string;
  /** The Excel table whose data body holds the cell. */
  inTable?: string;
}

export type LintRule = 'volatile' | 'structured-reference' | 'cross-sheet-reference' | 'table-scan' | 'row-scan';

export interface LintFinding {
  rule: LintRule;
  /** `Sheet!A1`. */
  where: string;
  formula: string;
  message: Message;
}

export const VOLATILE_FUNCTIONS = ['TODAY', 'NOW', 'RAND', 'RANDBETWEEN', 'RANDARRAY', 'OFFSET', 'INDIRECT', 'CELL', 'INFO'];

/** More relative copies of one formula down a column than this is a per-row formula. */
export const ROW_SCAN_LIMIT = 20;

const DATA_PREFIXES = TABLES.map((t) => `${t.prefix}_`);
const CONFIG_NAMES = new Set<string>(SETTINGS.map((s) => s.name.toLowerCase()));
const CONFIG_PREFIXES = CONFIG_TABLES.map((t) => `${t.name}_`.toLowerCase());

/** A name over a data-table column (Acc_*, Opp_*, …): reading it reads the whole table. */
export function isDataColumnName(name: string): boolean {
  return DATA_PREFIXES.some((p) => name.toLowerCase().startsWith(p.toLowerCase()) && name.length > p.length);
}

/** A Config name (Criteria_Weight, AsOfDate, …): small, fine in every row. */
export function isConfigName(name: string): boolean {
  const n = name.toLowerCase();
  return CONFIG_NAMES.has(n) || CONFIG_PREFIXES.some((p) => n.startsWith(p) && n.length > p.length);
}

function sheetNameOf(prefix: string): string {
  const s = prefix.slice(0, -1);
  return s.startsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
}

const where = (f: LintFormula) => `${/[^A-Za-z0-9_\u0080-\uffff]/.test(f.sheet) ? `'${f.sheet}'` : f.sheet}!${f.cell}`;

const text = (f: LintFormula) => f.formula.replace(/^\s*=/, '');

const MESSAGES = {
  volatile: (fn: string): Message => ({
    en: `${fn} is volatile: it recalculates on every change and makes results depend on when the file is opened. Put the date in the AsOfDate setting (a planner may type =TODAY() there) and refer to AsOfDate.`,
    zh: `${fn} 是易失函数：每次改动都会重算，结果还取决于打开文件的时间。请把日期填在“基准日”(AsOfDate) 设置中（计划人员可在那里填 =TODAY()），公式中引用 AsOfDate。`,
  }),
  structured: (): Message => ({
    en: 'uses a structured reference to a table column (Table[Column]) or to another table’s row. Use the column names (Acc_Score, …); inside a table, refer to the row’s own cells ([@Score]).',
    zh: '使用了指向表列（表[列]）或其他表某行的结构化引用。请改用列名称（如 Acc_Score）；在表内请引用本行的单元格（[@Score]）。',
  }),
  crossSheet: (ref: string): Message => ({
    en: `refers to ${ref}, an A1 range on another sheet; it breaks when that sheet's rows move. Use a defined name (Opp_Amount, AsOfDate, …) instead.`,
    zh: `引用了 ${ref}，即其他工作表上的 A1 区域；该表行数变化时就会出错。请改用定义名称（如 Opp_Amount、AsOfDate）。`,
  }),
  tableScanName: (name: string, table: string): Message => ({
    en: `is a per-row formula in table ${table} that reads the whole column ${name}: every row scans a table, which is slow past a few hundred rows. Compute it once outside the table with a spilled CRM3 call (e.g. =CRM3.SUMBY(…)) on a report sheet.`,
    zh: `是表 ${table} 中的逐行公式，却读取了整列 ${name}：每一行都扫描整张表，数据一多就非常慢。请在表外的报表工作表上用一个溢出的 CRM3 公式（如 =CRM3.SUMBY(…)）一次算出。`,
  }),
  tableScanRange: (range: string, table: string): Message => ({
    en: `is a per-row formula in table ${table} that reads ${range}, beyond its own row: every row scans a range. Use only the row's own cells and Config names, and compute cross-row results once outside the table.`,
    zh: `是表 ${table} 中的逐行公式，却读取了本行以外的区域 ${range}：每一行都扫描一个区域。表内公式只应引用本行单元格和配置名称，跨行结果请在表外一次算出。`,
  }),
  rowScan: (names: string, range: string, rows: number): Message => ({
    en: `is copied down ${range} (${rows} rows) and reads ${names} in every row: a per-row scan of a whole table. Replace the copies with one spilled CRM3 call (e.g. =CRM3.SUMBY(…)) in the first cell.`,
    zh: `被向下复制到 ${range}（共 ${rows} 行），每一行都读取 ${names}：等于逐行扫描整张表。请删除这些复制的公式，在第一个单元格中用一个溢出的 CRM3 公式（如 =CRM3.SUMBY(…)）代替。`,
  }),
};

function finding(rule: LintRule, f: LintFormula, message: Message): LintFinding {
  return { rule, where: where(f), formula: f.formula, message };
}

/** Ranges `A1:B9` in a formula (sheet prefix kept apart), whole columns and rows included. */
function ranges(formula: string): { sheet?: string; text: string; rows?: [number, number]; whole: boolean }[] {
  const tokens = tokenize(formula).filter((t) => t.kind !== 'space');
  const out: { sheet?: string; text: string; rows?: [number, number]; whole: boolean }[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const sheet = t.kind === 'sheet' ? sheetNameOf(t.text) : undefined;
    const at = sheet !== undefined ? k + 1 : k;
    const a = tokens[at];
    if (!a) continue;
    if (a.kind === 'columns' || a.kind === 'rows') {
      out.push({ sheet, text: a.text, whole: true });
      k = at;
    } else if (a.kind === 'cell') {
      const b = tokens[at + 1]?.text === ':' && tokens[at + 2]?.kind === 'cell' ? tokens[at + 2] : undefined;
      const r1 = parseCell(a.text)!.row;
      const r2 = b ? parseCell(b.text)!.row : r1;
      out.push({ sheet, text: b ? `${a.text}:${b.text}` : a.text, rows: [Math.min(r1, r2), Math.max(r1, r2)], whole: false });
      k = b ? at + 2 : at;
    }
  }
  return out;
}

/**
 * A structured reference other than a calculated column's own row (`Table[[#This Row],[Col]]`
 * inside that table, which the engine reads as the row's cells): whole table columns belong
 * in defined names (Acc_Score, …), and this-row references only mean something in their table.
 */
function otherStructured(formula: string, inTable: string | undefined): boolean {
  const tokens = tokenize(formula);
  return tokens.some((t, k) => {
    if (t.kind !== 'bracket' || /^\[\d+\]$/.test(t.text)) return false;
    const table = tokens[k - 1]?.kind === 'name' ? tokens[k - 1].text : undefined;
    const items = structuredItems(t.text);
    const thisRow = items?.some((i) => i.toLowerCase() === '#this row');
    return !(thisRow && inTable !== undefined && (table === undefined || table.toLowerCase() === inTable.toLowerCase()));
  });
}

function namesOf(formula: string): string[] {
  return tokenize(formula)
    .filter((t) => t.kind === 'name')
    .map((t) => t.text);
}

/** Rules that look at one formula on its own. */
function lintOne(f: LintFormula, calculatedColumn: boolean): LintFinding[] {
  const out: LintFinding[] = [];
  const formula = text(f);
  for (const fn of new Set(functionsIn(formula)))
    if (VOLATILE_FUNCTIONS.includes(fn)) out.push(finding('volatile', f, MESSAGES.volatile(fn)));
  if (otherStructured(formula, f.inTable)) out.push(finding('structured-reference', f, MESSAGES.structured()));
  const refs = ranges(formula);
  for (const r of refs) {
    if (r.sheet !== undefined && r.sheet.toLowerCase() !== f.sheet.toLowerCase()) {
      const shown = `${/[^A-Za-z0-9_]/.test(r.sheet) ? `'${r.sheet}'` : r.sheet}!${r.text}`;
      out.push(finding('cross-sheet-reference', f, MESSAGES.crossSheet(shown)));
    }
  }
  if (f.inTable && calculatedColumn) {
    const scanned = namesOf(formula).filter(isDataColumnName);
    for (const name of new Set(scanned)) out.push(finding('table-scan', f, MESSAGES.tableScanName(name, f.inTable)));
    for (const r of refs) {
      // A range over several rows is a scan; a single cell elsewhere (a header, a total) costs nothing.
      if (r.whole || (r.rows && r.rows[0] !== r.rows[1]))
        out.push(finding('table-scan', f, MESSAGES.tableScanRange(r.text, f.inTable)));
    }
  }
  return out;
}

function copyKey(f: LintFormula): string | undefined {
  const at = parseCell(f.cell);
  return at ? `${f.sheet}\u0000${f.inTable ?? ''}\u0000${at.col}\u0000${relativeForm(text(f), at.row, at.col)}` : undefined;
}

/**
 * In-table formulas that are a calculated column: the same formula (relative copies) in more
 * than one row of a table column, i.e. run once per row. A list whose every row holds its
 * own formula (the Indicators table: one aggregate per indicator) is not a per-row scan.
 */
function calculatedColumns(formulas: readonly LintFormula[]): Set<string> {
  const count = new Map<string, number>();
  for (const f of formulas) {
    const k = f.inTable ? copyKey(f) : undefined;
    if (k) count.set(k, (count.get(k) ?? 0) + 1);
  }
  return new Set([...count].filter(([, n]) => n > 1).map(([k]) => k));
}

/** Outside tables: the same formula copied down many rows that reads a data-table column. */
function lintCopies(formulas: readonly LintFormula[]): LintFinding[] {
  const groups = new Map<string, { f: LintFormula; row: number; col: number }[]>();
  for (const f of formulas) {
    if (f.inTable) continue;
    const at = parseCell(f.cell);
    if (!at) continue;
    const formula = text(f);
    if (!namesOf(formula).some(isDataColumnName)) continue;
    const key = `${f.sheet}\u0000${at.col}\u0000${relativeForm(formula, at.row, at.col)}`;
    const list = groups.get(key) ?? [];
    list.push({ f, row: at.row, col: at.col });
    groups.set(key, list);
  }
  const out: LintFinding[] = [];
  for (const list of groups.values()) {
    if (list.length <= ROW_SCAN_LIMIT) continue;
    list.sort((a, b) => a.row - b.row);
    const first = list[0];
    const last = list[list.length - 1];
    const names = [...new Set(namesOf(text(first.f)).filter(isDataColumnName))].join(', ');
    const range = `${cellAddress(first.row, first.col)}:${cellAddress(last.row, last.col)}`;
    out.push(finding('row-scan', first.f, MESSAGES.rowScan(names, range, list.length)));
  }
  return out;
}

/** Every finding for a template's formula cells; an empty list means the template is clean. */
export function lintTemplateFormulas(formulas: readonly LintFormula[]): LintFinding[] {
  const perRow = calculatedColumns(formulas);
  return [
    ...formulas.flatMap((f) => lintOne(f, f.inTable !== undefined && perRow.has(copyKey(f) ?? ''))),
    ...lintCopies(formulas),
  ];
}
