/**
 * Silent, lossless clean-up of values as they come from files: dates written as text
 * ("2026-03-05", "2026/3/5", "2026年3月5日", "2026-03-05 14:30") become Excel serials and
 * numbers written as text ("1200", "1,200.50") become numbers, in the columns whose type says
 * so. Anything that cannot be read that way is left as it is, for the validator to report.
 */
import { Cell, serialFromYmd, toDateSerial, toNumber } from '../core/cells';
import { CONFIG_TABLES, SETTINGS } from './config';
import { DateOrder, currencyCode, detectDateOrder, isDayMonthText, parseAmount, parseDayMonthDate } from './exportValues';
import { place } from './problems';
import { ColumnSpec, TABLES, TableName, exportColumns } from './schema';
import { Problem, TableData, WorkbookSnapshot, a1 } from './snapshot';
import { columnView, heldColumns } from './tableColumns';
import { columnValues, columnsOf } from './workbookColumns';

const DATE_TIME =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date written as text, as an Excel serial (with the time of day as a fraction when
 * written); undefined when the text is not a date this reader accepts. Day-first and
 * month-first forms (05/03/2026) are ambiguous and deliberately not accepted.
 */
export function parseDateText(text: string): number | undefined {
  const t = text.normalize('NFKC').trim();
  const m = DATE_TIME.exec(t);
  if (m) {
    const day = serialFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
    if (day === undefined) return undefined;
    if (m[4] === undefined) return day;
    const h = Number(m[4]);
    const min = Number(m[5]);
    const s = m[6] === undefined ? 0 : Number(m[6]);
    if (h > 23 || min > 59 || s > 59) return undefined;
    return day + (h * 3600 + min * 60 + s) / 86400;
  }
  // 2026年3月5日, and a serial stored as text ("46086"), as the kernels accept them.
  return toDateSerial(t);
}

/** "1,234,567.50" → 1234567.5 (thousands separators in the usual places only). */
export function parseNumberText(text: string): number | undefined {
  const t = text.normalize('NFKC').trim();
  const plain = toNumber(t);
  if (plain !== undefined) return plain;
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return toNumber(t.replace(/,/g, ''));
  return undefined;
}

/** The value a cell of a column of this type should hold, or the cell unchanged. */
export function normalizeCell(c: Cell, type: ColumnSpec['type'] | 'bool'): Cell {
  if (typeof c === 'string') {
    if (c.trim() === '') return null;
    if (type === 'date') return parseDateText(c) ?? c;
    if (NUMBER_TYPES.has(type)) return parseNumberText(c) ?? c;
  }
  return c;
}

/** Column types whose numbers written as text normalizeCell reads. */
const NUMBER_TYPES: ReadonlySet<ColumnSpec['type'] | 'bool'> = new Set(['amount', 'number', 'count', 'criterion']);

/** Whether normalizeCell reads a text of this type (a date, a number); any other type only blanks text of spaces. */
const readsText = (type: ColumnSpec['type'] | 'bool'): boolean => type === 'date' || NUMBER_TYPES.has(type);

/**
 * Whether a text starts with a character trim() keeps, so it is not blank: every white space
 * and line end trim() removes is at most U+0020 or at least U+00A0.
 */
const spaceFree = (v: string): boolean => {
  const c = v.charCodeAt(0);
  return c > 0x20 && c < 0xa0;
};

export interface NormalizeOptions {
  /** How day/month dates (03/04/2026) are read when a column does not show it; default month first. */
  dateOrder?: DateOrder;
}

/** What cleaning a table found that people should know: how its day/month dates were read, its currencies. */
interface TableFindings {
  problems: Problem[];
  currencies: Map<string, number>;
}

const Z = {
  ambiguousDates: (at: string, column: string, example: string, order: DateOrder) => ({
    en: `${at}: column ${column} writes dates like ${example}, which fit both day/month/year and month/day/year; they are read as ${order === 'mdy' ? 'month/day/year' : 'day/month/year'}. If that is wrong, re-export the dates as 2026-03-05, or import with --date-order ${order === 'mdy' ? 'dmy' : 'mdy'}.`,
    zh: `${at}：${column} 列的日期写法如 ${example}，既可读作“日/月/年”，也可读作“月/日/年”；现按${order === 'mdy' ? '“月/日/年”' : '“日/月/年”'}读取。如有误，请将日期导出为 2026-03-05 格式，或导入时使用 --date-order ${order === 'mdy' ? 'dmy' : 'mdy'}。`,
  }),
  conflictingDates: (at: string, column: string, example: string) => ({
    en: `${at}: column ${column} mixes day-first and month-first dates (${example}), so its day/month dates are left unread. Re-export the dates in one format, such as 2026-03-05.`,
    zh: `${at}：${column} 列混用了“日/月/年”和“月/日/年”两种日期写法（${example}），这类日期未予读取。请统一导出为一种格式，例如 2026-03-05。`,
  }),
};

function normalizeTable(t: TableData, columns: readonly ColumnSpec[], options: NormalizeOptions, found?: TableFindings): void {
  const types = t.headers.map((h) => columns.find((c) => c.name === h)?.type);
  // Day/month dates: the order is decided per column, from all its texts; a column whose
  // texts fit both orders takes the order another date column of the same export proved.
  // Column by column (a table read from a file holds its cells so: model/tableColumns.ts).
  const held = heldColumns(t);
  const findings = types.map((ty, j) => {
    if (ty !== 'date') return undefined;
    const values = columnView(t, j);
    return values.some((v) => typeof v === 'string' && isDayMonthText(v))
      ? detectDateOrder(values, options.dateOrder)
      : undefined;
  });
  const proven = options.dateOrder ?? findings.find((f) => f && !f.ambiguous && !f.conflicting)?.order;
  const orders = findings.map((finding, j) => {
    if (!finding) return undefined;
    const cell = a1(t.origin.row, t.origin.col + j);
    const at = place(t.sheet, cell);
    if (finding.conflicting) {
      found?.problems.push({
        severity: 'warning',
        sheet: t.sheet,
        cell,
        message: Z.conflictingDates(at, t.headers[j], finding.example!),
      });
      return undefined;
    }
    if (!finding.ambiguous) return finding.order;
    if (proven) return proven;
    found?.problems.push({
      severity: 'warning',
      sheet: t.sheet,
      cell,
      message: Z.ambiguousDates(at, t.headers[j], finding.example!, finding.order!),
    });
    return finding.order;
  });
  const clean = (v: string, j: number): Cell => {
    const ty = types[j]!;
    let out = normalizeCell(v, ty);
    if (typeof out === 'string' && ty === 'date' && orders[j]) out = parseDayMonthDate(out, orders[j]!) ?? out;
    if (typeof out === 'string' && ty === 'amount') {
      const a = parseAmount(out);
      if (a) {
        out = a.value;
        if (a.currency && found) found.currencies.set(a.currency, (found.currencies.get(a.currency) ?? 0) + 1);
      }
    }
    return out;
  };
  if (held) {
    // Cells are cleaned in place, column after column; a column of no type is not visited,
    // and a cell is written only when cleaning changed it (issue #15: with the texts asked
    // below, a third of normalize at 50,000 opportunities). In a column whose type reads no text
    // (ids, names, enumerations, stages), cleaning only blanks text of spaces: a text whose
    // first character is no space (`spaceFree`) is left as it is without asking.
    // Amount columns go row by row together: the currencies they name are met in the order
    // the rows give them (the first met is listed first).
    const amounts = types.flatMap((ty, j) => (ty === 'amount' ? [j] : []));
    for (let j = 0; j < held.length; j++) {
      const ty = types[j];
      if (!ty || ty === 'amount') continue;
      const plainText = !readsText(ty);
      const values = held[j];
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (typeof v !== 'string' || (plainText && spaceFree(v))) continue;
        const out = clean(v, j);
        if (out !== v) values[i] = out;
      }
    }
    const count = amounts.length ? held[amounts[0]].length : 0;
    for (let i = 0; i < count; i++)
      for (const j of amounts) {
        const v = held[j][i];
        if (typeof v !== 'string') continue;
        const out = clean(v, j);
        if (out !== v) held[j][i] = out;
      }
    return;
  }
  for (const row of t.rows) {
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (!types[j] || typeof v !== 'string') continue;
      row[j] = clean(v, j);
    }
  }
}

/**
 * Cleans the snapshot's tables, Config tables and settings in place, and returns it. Day/month
 * dates whose order had to be assumed, or that mix orders, are reported; currencies written in
 * amounts are added to amountCurrencies.
 */
export function normalizeSnapshot(s: WorkbookSnapshot, options: NormalizeOptions = {}): WorkbookSnapshot {
  for (const spec of CONFIG_TABLES) {
    const t = s.config[spec.name];
    if (t) normalizeTable(t, spec.columns, options);
  }
  const found: TableFindings = { problems: [], currencies: new Map() };
  for (const cur of s.amountCurrencies ?? []) found.currencies.set(cur, (found.currencies.get(cur) ?? 0) + 1);
  for (const spec of TABLES) {
    const t = s.tables[spec.name as TableName];
    if (t) normalizeTable(t, [...columnsOf(spec, s.config), ...exportColumns(spec.name)], options, found);
  }
  // A currency column beside the amounts (Salesforce multi-currency, Pipedrive, Dynamics) says it per row.
  for (const c of columnValues(s.tables.Opportunities, 'Currency') ?? []) {
    const code = currencyCode(c);
    if (code) found.currencies.set(code, (found.currencies.get(code) ?? 0) + 1);
  }
  if (found.currencies.size > 1) {
    const t = s.tables.Opportunities;
    const list = [...found.currencies.keys()].join(', ');
    found.problems.push({
      severity: 'warning',
      sheet: t?.sheet ?? 'Opportunities',
      cell: '',
      message: {
        en: `Amounts are in several currencies (${list}); they are added up as they are, not converted. Convert them to one currency in the CRM's report (most CRMs offer a converted amount column), or evaluate one currency at a time.`,
        zh: `金额涉及多种币种（${[...found.currencies.keys()].join('、')}），计算时直接相加，不做换算。请在 CRM 报表中换算为同一币种（多数 CRM 提供换算后的金额列），或按币种分别计算。`,
      },
    });
  }
  if (found.problems.length) s.problems.push(...found.problems);
  if (found.currencies.size) s.amountCurrencies = [...found.currencies.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  for (const spec of SETTINGS) {
    const v = s.settings[spec.name];
    if (typeof v !== 'string') continue;
    if (spec.type === 'date') s.settings[spec.name] = parseDateText(v) ?? v;
    else if (spec.type === 'number') s.settings[spec.name] = parseNumberText(v) ?? v;
  }
  return s;
}
