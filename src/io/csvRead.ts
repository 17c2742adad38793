/**
 * Reading a CRM export saved as CSV (or tab-separated "Unicode text"): the encoding detected
 * (a UTF-8 or UTF-16 byte-order mark, else strict UTF-8, else GB18030, which is what zh-CN
 * Excel writes for "CSV (逗号分隔)", else Windows-1252), the separator sniffed (comma,
 * semicolon or tab), quoted fields with separators and line breaks inside them, and the rows
 * laid out as one sheet for the same table finder the .xlsx reader uses. Never throws; the
 * bytes are only read.
 */
import { Cell } from '../core/cells';
import { GridValue, ListObjectInfo, SheetGrid } from './sheetTables';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

/** Decodes a text file's bytes, detecting the encoding. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const b = bytes;
  const decode = (enc: TextEncoding, from: number, fatal = false) =>
    new TextDecoder(enc, { fatal, ignoreBOM: true }).decode(b.subarray(from));
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: decode('utf-8', 3), encoding: 'utf-8' };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: decode('utf-16le', 2), encoding: 'utf-16le' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: decode('utf-16be', 2), encoding: 'utf-16be' };
  // UTF-16 without a mark: every other byte of ASCII text is zero.
  if (b.length >= 4 && b[1] === 0 && b[3] === 0 && b[0] !== 0) return { text: decode('utf-16le', 0), encoding: 'utf-16le' };
  if (b.length >= 4 && b[0] === 0 && b[2] === 0 && b[1] !== 0) return { text: decode('utf-16be', 0), encoding: 'utf-16be' };
  try {
    return { text: decode('utf-8', 0, true), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: a zh-CN Excel CSV is GB18030 (a superset of GBK and GB2312).
  }
  try {
    return { text: decode('gb18030', 0, true), encoding: 'gb18030' };
  } catch {
    return { text: decode('windows-1252', 0), encoding: 'windows-1252' };
  }
}

/** The separator of a CSV: the one of , ; tab that splits the first lines most evenly. */
export function sniffSeparator(text: string): string {
  const lines = text
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, 10);
  let best = ',';
  let bestScore = 0;
  for (const sep of [',', '\t', ';']) {
    const counts = lines.map((l) => countOutsideQuotes(l, sep));
    const min = Math.min(...counts);
    const score = counts.length ? min * 10 + counts.filter((c) => c === counts[0]).length : 0;
    if (min > 0 && score > bestScore) {
      best = sep;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, sep: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === sep && !quoted) n++;
  }
  return n;
}

export interface CsvLimits {
  /** Most rows read; more make the file "too large" (the caller says so). */
  maxRows: number;
}

/**
 * Parses CSV text (RFC 4180: fields in double quotes may hold separators, quotes doubled and
 * line breaks). Returns the rows, or `tooMany` when there are more than `maxRows`.
 */
export function parseCsv(text: string, sep: string, limits: CsvLimits): { rows: string[][]; tooMany: boolean } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    field = '';
    rows.push(row);
    row = [];
  };
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      i++;
    } else if (ch === sep) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      if (rows.length > limits.maxRows) return { rows, tooMany: true };
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length) endRow();
  return { rows, tooMany: rows.length > limits.maxRows };
}

/** Rows of text as a read-only sheet (blank fields are blank cells; everything else stays text). */
export class CsvGrid implements SheetGrid {
  readonly listObjects: readonly ListObjectInfo[] = [];
  readonly lastRow: number;
  private readonly cells: [number, GridValue][][];

  constructor(
    readonly name: string,
    rows: readonly string[][],
  ) {
    this.cells = rows.map((r) => {
      const out: [number, GridValue][] = [];
      r.forEach((v, j) => {
        const t = v.trim();
        if (t !== '') out.push([j + 1, t as Cell]);
      });
      return out;
    });
    this.lastRow = rows.length;
  }

  value(row: number, col: number): GridValue {
    return this.cells[row - 1]?.find(([c]) => c === col)?.[1] ?? null;
  }

  formula(): string | undefined {
    return undefined;
  }

  entries(row: number): [number, GridValue][] {
    return this.cells[row - 1] ?? [];
  }
}
