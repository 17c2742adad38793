/**
 * Silent, lossless clean-up of values as they come from files: dates written as text
 * ("2026-03-05", "2026/3/5", "2026年3月5日", "2026-03-05 14:30") become Excel serials and
 * numbers written as text ("1200", "1,200.50") become numbers, in the columns whose type says
 * so. Anything that cannot be read that way is left as it is, for the validator to report.
 */
import { Cell, serialFromYmd, toDateSerial, toNumber } from '../core/cells';
import { CONFIG_TABLES, SETTINGS } from './config';
import { ColumnSpec, TABLES, TableName } from './schema';
import { TableData, WorkbookSnapshot } from './snapshot';
import { columnsOf } from './workbookColumns';

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
    if (type === 'amount' || type === 'number' || type === 'count' || type === 'criterion') return parseNumberText(c) ?? c;
  }
  return c;
}

function normalizeTable(t: TableData, columns: readonly ColumnSpec[]): void {
  const types = t.headers.map((h) => columns.find((c) => c.name === h)?.type);
  for (const row of t.rows) {
    for (let j = 0; j < row.length; j++) {
      const ty = types[j];
      if (ty && typeof row[j] === 'string') row[j] = normalizeCell(row[j], ty);
    }
  }
}

/** Cleans the snapshot's tables, Config tables and settings in place, and returns it. */
export function normalizeSnapshot(s: WorkbookSnapshot): WorkbookSnapshot {
  for (const spec of CONFIG_TABLES) {
    const t = s.config[spec.name];
    if (t) normalizeTable(t, spec.columns);
  }
  for (const spec of TABLES) {
    const t = s.tables[spec.name as TableName];
    if (t) normalizeTable(t, columnsOf(spec, s.config));
  }
  for (const spec of SETTINGS) {
    const v = s.settings[spec.name];
    if (typeof v !== 'string') continue;
    if (spec.type === 'date') s.settings[spec.name] = parseDateText(v) ?? v;
    else if (spec.type === 'number') s.settings[spec.name] = parseNumberText(v) ?? v;
  }
  return s;
}
