/**
 * An .xlsx package opened for the formula-workbook evaluator and the client copy: io's package
 * reader (xlsxPackage: parts, relationships, sheets, defined names, shared strings, tables)
 * plus what only they need — every cell with its formula as stored (shared and array formulas
 * kept as such), its cached value and its style. The package is inspected by the zip guard
 * first. Parts are read with the one XML scanner, so a part evaluate finds damaged is refused
 * here too (PartXmlError), and work is bounded by the part (cells off Excel's grid are left
 * out). Web-platform APIs only (the pane uses it).
 */
import { Message, bi } from '../core/i18n';
import { parseCell } from '../engine/formulaText';
import { ReadFailure, failures } from './readFailure';
import { onSheet, shown } from './sheetLimits';
import { parseRange } from './xlsxSheet';
import { XlsxParts, decodeXstring, parseSharedStrings, parseTablePart, readRelationships, readWorkbookPart } from './xlsxPackage';
import { XmlScanner, decodeXmlText } from './xmlScan';
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
  /** A table of the sheet whose range is not on Excel's sheet (tables() leaves it out), if any. */
  tableOffSheet(sheet: SheetInfo): Promise<{ table: string; ref: string } | undefined>;
}

export type OpenResult = { ok: true; pkg: XlsxPackage } | { ok: false; reason: ReadFailure };

/** Largest single XML part inflated (the zip guard has already bounded the package). */
const MAX_PART_BYTES = 512 * 1024 * 1024;

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A part that is not well-formed XML: a faithful copy or evaluation of it cannot be made. */
export class PartXmlError extends Error {
  /** The reason in both languages (the Error's message is the English one). */
  readonly words: Message;
  constructor(
    readonly part: string,
    readonly at: number,
    readonly what: Message,
  ) {
    const words = bi(
      `part ${part} is not well-formed XML near character ${at} (${what.en})`,
      `部件 ${part} 在第 ${at} 个字符附近不是格式正确的 XML（${what.zh}）`,
    );
    super(words.en);
    this.words = words;
  }
}

/**
 * A part that places a cell or a table outside Excel's sheet (1,048,576 rows × 16,384
 * columns): Excel cannot open such a file, so a faithful copy of it would not open either.
 */
export class OffSheetError extends Error {
  readonly words: Message;
  constructor(
    readonly part: string,
    readonly what: Message,
  ) {
    const words = bi(
      `part ${part} places ${what.en} outside Excel's sheet of 1,048,576 rows × 16,384 columns, which Excel cannot open`,
      `部件 ${part} 中的${what.zh}超出了 Excel 工作表的范围（1,048,576 行 × 16,384 列），Excel 无法打开这样的文件`,
    );
    super(words.en);
    this.words = words;
  }
}

/** Throws PartXmlError when the scan of `part` met a fault. */
function ensureWellFormed(s: XmlScanner, part: string): void {
  if (s.malformed) throw new PartXmlError(part, s.malformed.at, s.malformed.what);
}

/** Checks a whole XML part with the scanner (linear, never throws on its own); throws PartXmlError. */
export function checkWellFormed(xml: string, part: string): void {
  const s = new XmlScanner(xml);
  while (s.next());
  ensureWellFormed(s, part);
}

/** Attributes of a start tag's text; a prefixed `id` (`r:id`, `x:id`) reads as `r:id`. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out[m[1].replace(/^\w+:(?=id$)/, 'r:')] = decodeXmlText(m[2] ?? m[3]);
  return out;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A cell's stored value from its type and its decoded <v> text (or its inline string). */
function storedValue(
  type: string | undefined,
  text: string | undefined,
  inline: string | undefined,
  shared: string[],
): StoredValue {
  if (type === 'inlineStr') return inline ?? '';
  if (text === undefined) return null;
  switch (type) {
    case 's':
      return shared[Number(text)] ?? '';
    case 'str':
      return decodeXstring(text);
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

/** Text of every `<t>` run of an inline string (phonetic hints left out); the cursor ends after </is>. */
function inlineText(s: XmlScanner): string {
  let out = '';
  while (s.next() && !s.closes('is')) {
    if (s.kind !== 'open') continue;
    if (s.name === 't') out += s.text();
    else if (s.name === 'rPh') s.skipElement();
  }
  return decodeXstring(out);
}

/**
 * Cells of one worksheet's XML, for a faithful copy: rows and cells without `r` take the next
 * position, as Excel does; cells off Excel's grid are left out. Throws PartXmlError when the
 * XML does not nest (the client copy refuses a sheet it cannot copy faithfully).
 */
export function parseSheetCells(xml: string, shared: string[], part = 'worksheet'): StoredCell[] {
  const { cells, scan, offSheet } = readSheetCells(xml, shared);
  ensureWellFormed(scan, part);
  if (offSheet) throw new OffSheetError(part, bi(`a cell at ${offSheet}`, `位于 ${offSheet} 的单元格`));
  return cells;
}

/**
 * The cells that could be read, the scan (whose `malformed` says where the XML broke) and the
 * first place of a cell left out for lying off Excel's sheet.
 */
function readSheetCells(
  xml: string | Uint8Array,
  shared: string[],
): { cells: StoredCell[]; scan: XmlScanner; offSheet?: string } {
  const out: StoredCell[] = [];
  let offSheet: string | undefined;
  const s = new XmlScanner(xml);
  let inData = false;
  let rowNumber = 0;
  let colNumber = 0;
  while (s.next()) {
    const tag = s.name;
    if (tag === 'sheetData') {
      inData = s.kind === 'open';
      continue;
    }
    if (!inData || s.kind === 'close') continue;
    if (tag === 'row') {
      const r = s.attr('r');
      rowNumber = r !== undefined && Number.isInteger(Number(r)) && Number(r) > 0 ? Number(r) : rowNumber + 1;
      colNumber = 0;
      continue;
    }
    if (tag !== 'c') {
      if (s.kind === 'open') s.skipElement();
      continue;
    }
    const ref = s.attr('r');
    const type = s.attr('t');
    const style = s.attr('s');
    const at = ref ? parseCell(ref) : undefined;
    colNumber = at ? at.col : colNumber + 1;
    const row = at ? at.row : rowNumber;
    let formula: StoredFormula | undefined;
    let v: string | undefined;
    let inline: string | undefined;
    if (s.kind === 'open') {
      while (s.next() && !s.closes('c')) {
        const kind = s.kind as XmlScanner['kind'];
        if (kind === 'close') continue;
        if (s.name === 'f') {
          const t = s.attr('t');
          const fref = s.attr('ref');
          const si = s.attr('si');
          formula = {
            text: s.text(),
            type: t === 'shared' || t === 'array' || t === 'dataTable' ? t : 'normal',
            ...(fref ? { ref: fref } : {}),
            ...(si !== undefined ? { si } : {}),
          };
        } else if (s.name === 'v') v = s.text();
        else if (s.name === 'is') inline = kind === 'empty' ? '' : inlineText(s);
        else if (kind === 'open') s.skipElement();
      }
    }
    if (!onSheet(row, colNumber)) {
      // Without an A1 reference (a row number such as 1e300), in R1C1 form, which reads the same in any language.
      offSheet ??= ref ? shown(ref) : `R${row}C${colNumber}`;
      continue;
    }
    const cell: StoredCell = {
      row,
      col: colNumber,
      value: storedValue(type, v, inline, shared),
      // `<v></v>` is a placeholder (openpyxl and pandas write it under every formula), not a saved value.
      hasValue: (v !== undefined && v !== '') || inline !== undefined,
      ...(style !== undefined ? { style } : {}),
    };
    if (formula) cell.formula = formula;
    out.push(cell);
  }
  return { cells: out, scan: s, offSheet };
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
  /** An XML part, checked well-formed with the one scanner (the same verdict as evaluate's reader). */
  const text = async (part: string) => {
    const xml = await parts.text(part);
    if (xml !== undefined && /\.(xml|rels)$/i.test(part)) checkWellFormed(xml, part);
    return xml;
  };
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
      // The evaluator reads what it can of a damaged sheet, as evaluate's reader does.
      return readSheetCells((await parts.xml(sheet.part)) ?? '', sharedStrings).cells;
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
    async tableOffSheet(sheet) {
      if (!sheet.part) return undefined;
      for (const rel of (await readRelationships(parts, sheet.part)).values()) {
        if (!/\/table$/.test(rel.type)) continue;
        const table = parseTablePart((await text(rel.target)) ?? '');
        if (table && table.ref.trim() && !parseRange(table.ref)) return { table: table.name, ref: shown(table.ref) };
      }
      return undefined;
    },
  };
}
