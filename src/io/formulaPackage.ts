/**
 * An .xlsx package opened for the formula-workbook evaluator and the client copy: io's package
 * reader (xlsxPackage: parts, relationships, sheets, defined names, shared strings, tables)
 * plus what only they need — every cell with its formula as stored (shared and array formulas
 * kept as such), its cached value and its style. The package is inspected by the zip guard
 * first. Web-platform APIs only (the pane uses it).
 */
import { parseCell } from '../engine/formulaText';
import { ReadFailure, failures } from './readFailure';
import { parseRange } from './xlsxSheet';
import { XlsxParts, parseSharedStrings, parseTablePart, readRelationships, readWorkbookPart } from './xlsxPackage';
import { decodeXmlText } from './xmlScan';
import { ZipEntry, ZipLimits, inspectXlsx } from './zipGuard';

/** A cached or typed cell value as stored; errors keep their code (`#N/A`). */
export type StoredValue = number | string | boolean | { error: string } | null;

export interface StoredFormula {
  text: string;
  /** `shared` formulas name their group in `si`; the group's first cell holds the text and `ref`. */
  type: 'normal' | 'shared' | 'array' | 'dataTable';
  ref?: string;
  si?: string;
}

export interface StoredCell {
  /** 1-based. */
  row: number;
  col: number;
  formula?: StoredFormula;
  value: StoredValue;
  /** Whether the file holds a value for the cell (`<v>` or an inline string). */
  hasValue: boolean;
  /** Its style (cell format) index, when it has one. */
  style?: string;
}

export interface SheetInfo {
  name: string;
  /** Part path inside the package (`xl/worksheets/sheet1.xml`); undefined for chart sheets. */
  part?: string;
}

export interface TableInfo {
  name: string;
  sheet: string;
  /** 1-based inclusive bounds of the whole table, headers and totals included. */
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRows: number;
  totalsRows: number;
  columns: string[];
}

export interface NameInfo {
  name: string;
  text: string;
  /** Sheet name for a sheet-level name. */
  sheet?: string;
}

export interface XlsxPackage {
  bytes: Uint8Array;
  /** The workbook part, usually `xl/workbook.xml`. */
  workbookPart: string;
  entries: ZipEntry[];
  sheets: SheetInfo[];
  names: NameInfo[];
  sharedStrings: string[];
  /** The text of a part, or undefined when the package has none by that name. */
  text(part: string): Promise<string | undefined>;
  /** Every cell of a worksheet part, in file order. */
  cells(sheet: SheetInfo): Promise<StoredCell[]>;
  tables(sheet: SheetInfo): Promise<TableInfo[]>;
}

export type OpenResult = { ok: true; pkg: XlsxPackage } | { ok: false; reason: ReadFailure };

/** Largest single XML part inflated (the zip guard has already bounded the package). */
const MAX_PART_BYTES = 512 * 1024 * 1024;

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** OOXML escapes control characters in text as `_x000D_`. */
function unescapeOoxml(s: string): string {
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Attributes of a start tag's text; a prefixed `id` (`r:id`, `x:id`) reads as `r:id`. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out[m[1].replace(/^\w+:(?=id$)/, 'r:')] = decodeXmlText(m[2] ?? m[3]);
  return out;
}

/** Text of every `<t>` run of an inline string (phonetic hints left out). */
function runText(xml: string): string {
  try {
    return parseSharedStrings(`<si>${xml}</si>`)[0] ?? '';
  } catch {
    return ''; // malformed markup inside <is>: the cell reads as blank text, the rest of the sheet still reads
  }
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function storedValue(type: string | undefined, v: string | undefined, inline: string | undefined, shared: string[]): StoredValue {
  if (type === 'inlineStr') return inline ?? '';
  if (v === undefined) return null;
  const text = decodeXmlText(v);
  switch (type) {
    case 's':
      return shared[Number(text)] ?? '';
    case 'str':
      return unescapeOoxml(text);
    case 'b':
      return text.trim() === '1' || text.trim().toLowerCase() === 'true';
    case 'e':
      return { error: text.trim() };
    case 'd': {
      const ms = Date.parse(text.trim());
      return Number.isFinite(ms) ? (ms - EXCEL_EPOCH_MS) / 86_400_000 : text;
    }
    default: {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? n : null;
    }
  }
}

/** Cells of one worksheet's XML. Rows and cells without `r` take the next position, as Excel does. */
export function parseSheetCells(xml: string, shared: string[]): StoredCell[] {
  const out: StoredCell[] = [];
  const start = xml.search(/<(?:\w+:)?sheetData\b/);
  if (start < 0) return out;
  const end = xml.search(/<\/(?:\w+:)?sheetData>/);
  const data = xml.slice(start, end < 0 ? undefined : end);
  let rowNumber = 0;
  for (const rm of data.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const ra = attributes(rm[1]);
    rowNumber = ra.r ? Number(ra.r) : rowNumber + 1;
    let colNumber = 0;
    for (const cm of (rm[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const ca = attributes(cm[1]);
      const at = ca.r ? parseCell(ca.r) : undefined;
      colNumber = at ? at.col : colNumber + 1;
      const row = at ? at.row : rowNumber;
      const body = cm[2] ?? '';
      const fm = /<(?:\w+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/.exec(body);
      const vm = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body);
      const im = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(body);
      const cell: StoredCell = {
        row,
        col: colNumber,
        value: storedValue(ca.t, vm?.[1], im ? runText(im[1]) : undefined, shared),
        // `<v></v>` is a placeholder (openpyxl and pandas write it under every formula), not a saved value.
        hasValue: (!!vm && vm[1] !== '') || !!im,
        ...(ca.s !== undefined ? { style: ca.s } : {}),
      };
      if (fm) {
        const fa = attributes(fm[1]);
        const t = fa.t === 'shared' || fa.t === 'array' || fa.t === 'dataTable' ? fa.t : 'normal';
        cell.formula = {
          text: decodeXmlText(fm[2] ?? ''),
          type: t,
          ...(fa.ref ? { ref: fa.ref } : {}),
          ...(fa.si !== undefined ? { si: fa.si } : {}),
        };
      }
      out.push(cell);
    }
  }
  return out;
}

/** Opens a package after the zip guard's inspection. Never throws; `bytes` is not modified. */
export async function openXlsxPackage(bytes: Uint8Array, name: string, limits: Partial<ZipLimits> = {}): Promise<OpenResult> {
  try {
    const check = await inspectXlsx(bytes, name, limits);
    if (!check.ok) return check;
    const pkg = await load(bytes, check.entries, name);
    if (!pkg)
      return { ok: false, reason: failures.corrupt(name, failures.why.notSpreadsheet('xl/workbook.xml lists no sheets')) };
    return { ok: true, pkg };
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: failures.corrupt(name, failures.why.notSpreadsheet(m.length > 200 ? m.slice(0, 200) + '…' : m)) };
  }
}

async function load(bytes: Uint8Array, entries: ZipEntry[], name: string): Promise<XlsxPackage | undefined> {
  const parts = new XlsxParts(bytes, entries, name, false, MAX_PART_BYTES);
  const text = (part: string) => parts.text(part);
  const workbook = await readWorkbookPart(parts);
  if (!parts.has(workbook.path) || workbook.sheets.length === 0) return undefined;
  const sheets: SheetInfo[] = workbook.sheets.map((s) => ({ name: s.name, part: s.part }));
  const sstXml = workbook.sharedStringsPart ? await text(workbook.sharedStringsPart) : undefined;
  const sharedStrings = sstXml ? parseSharedStrings(sstXml) : [];

  return {
    bytes,
    workbookPart: workbook.path,
    entries,
    sheets,
    names: workbook.definedNames,
    sharedStrings,
    text,
    async cells(sheet) {
      if (!sheet.part) return [];
      return parseSheetCells((await text(sheet.part)) ?? '', sharedStrings);
    },
    async tables(sheet) {
      if (!sheet.part) return [];
      const out: TableInfo[] = [];
      for (const rel of (await readRelationships(parts, sheet.part)).values()) {
        if (!/\/table$/.test(rel.type)) continue;
        const table = parseTablePart((await text(rel.target)) ?? '');
        const range = table ? parseRange(table.ref) : undefined;
        if (!table || !range) continue;
        out.push({
          name: table.name,
          sheet: sheet.name,
          ...range,
          headerRows: table.headerRows,
          totalsRows: table.totalsRows,
          columns: table.columnNames,
        });
      }
      return out;
    },
  };
}
