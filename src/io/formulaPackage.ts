/**
 * An .xlsx package read part by part, straight from its XML: sheets in order, defined names
 * (constants and formulas included), shared strings, every cell with its formula as stored
 * (shared and array formulas kept as such) and its cached value, and the Excel tables.
 * The package is inspected by the zip guard first. Web-platform APIs only (the pane uses it).
 */
import { ReadFailure, failures } from './readFailure';
import { ZipEntry, ZipLimits, inflateEntry, inspectXlsx } from './zipGuard';
import { parseCell } from '../engine/formulaText';

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
  state: string;
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

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : (ENTITIES[e] ?? m),
  );
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** OOXML escapes control characters in text as `_x000D_`. */
function unescapeOoxml(s: string): string {
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out[m[1].replace(/^\w+:(?=id$)/, 'r:')] = unescapeXml(m[2] ?? m[3]);
  return out;
}

/** Text of every `<t>` run (phonetic hints left out). */
function runText(xml: string): string {
  const plain = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let s = '';
  for (const m of plain.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) s += m[1];
  return unescapeOoxml(unescapeXml(s));
}

function partPath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/** Where a part's relationships live: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; '' → `_rels/.rels`. */
export function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** Relationships of a part: id → { type, target part }. */
export async function relationships(
  pkg: Pick<XlsxPackage, 'text'>,
  part: string,
): Promise<Map<string, { type: string; target: string }>> {
  const xml = (await pkg.text(relsPath(part))) ?? '';
  const out = new Map<string, { type: string; target: string }>();
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const a = attributes(m[1]);
    if (!a.Id || !a.Target || a.TargetMode === 'External') continue;
    out.set(a.Id, { type: a.Type ?? '', target: partPath(part, a.Target) });
  }
  return out;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function storedValue(type: string | undefined, v: string | undefined, inline: string | undefined, shared: string[]): StoredValue {
  if (type === 'inlineStr') return inline ?? '';
  if (v === undefined) return null;
  const text = unescapeXml(v);
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
        hasValue: !!vm || !!im,
        ...(ca.s !== undefined ? { style: ca.s } : {}),
      };
      if (fm) {
        const fa = attributes(fm[1]);
        const t = fa.t === 'shared' || fa.t === 'array' || fa.t === 'dataTable' ? fa.t : 'normal';
        cell.formula = {
          text: unescapeXml(fm[2] ?? ''),
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

export function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | undefined {
  const [a, b] = ref.replace(/\$/g, '').split(':');
  const s = parseCell(a ?? '');
  const e = b ? parseCell(b) : s;
  if (!s || !e) return undefined;
  return {
    top: Math.min(s.row, e.row),
    left: Math.min(s.col, e.col),
    bottom: Math.max(s.row, e.row),
    right: Math.max(s.col, e.col),
  };
}

/** Opens a package after the zip guard's inspection. Never throws; `bytes` is not modified. */
export async function openXlsxPackage(bytes: Uint8Array, name: string, limits: Partial<ZipLimits> = {}): Promise<OpenResult> {
  try {
    const check = await inspectXlsx(bytes, name, limits);
    if (!check.ok) return check;
    const pkg = await load(bytes, check.entries);
    if (!pkg)
      return { ok: false, reason: failures.corrupt(name, failures.why.notSpreadsheet('xl/workbook.xml lists no sheets')) };
    return { ok: true, pkg };
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: failures.corrupt(name, failures.why.notSpreadsheet(m.length > 200 ? m.slice(0, 200) + '…' : m)) };
  }
}

async function load(bytes: Uint8Array, entries: ZipEntry[]): Promise<XlsxPackage | undefined> {
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, ''), e]));
  const cache = new Map<string, string>();
  const text = async (part: string): Promise<string | undefined> => {
    const hit = cache.get(part);
    if (hit !== undefined) return hit;
    const entry = byName.get(part) ?? [...byName.entries()].find(([k]) => k.toLowerCase() === part.toLowerCase())?.[1];
    if (!entry) return undefined;
    const s = new TextDecoder('utf-8').decode(await inflateEntry(bytes, entry, MAX_PART_BYTES));
    cache.set(part, s);
    return s;
  };
  const root = await relationships({ text }, '');
  const workbookPart = [...root.values()].find((r) => /\/officeDocument$/.test(r.type))?.target ?? 'xl/workbook.xml';
  const workbookXml = await text(workbookPart);
  if (workbookXml === undefined) return undefined;
  const rels = await relationships({ text }, workbookPart);

  const sheets: SheetInfo[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1]);
    const rel = a['r:id'] ? rels.get(a['r:id']) : undefined;
    sheets.push({
      name: a.name ?? '',
      part: rel && /\/worksheet$/.test(rel.type) ? rel.target : undefined,
      state: a.state ?? 'visible',
    });
  }
  if (sheets.length === 0) return undefined;

  const names: NameInfo[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g)) {
    const a = attributes(m[1]);
    if (!a.name) continue;
    const local = a.localSheetId;
    names.push({
      name: a.name,
      text: unescapeXml(m[2]),
      ...(local !== undefined ? { sheet: sheets[Number(local)]?.name ?? '' } : {}),
    });
  }

  const sstPart = [...rels.values()].find((r) => /\/sharedStrings$/.test(r.type))?.target;
  const sstXml = sstPart ? ((await text(sstPart)) ?? '') : '';
  const sharedStrings = [...sstXml.matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\s*\/>/g)].map((m) =>
    runText(m[1] ?? ''),
  );

  return {
    bytes,
    workbookPart,
    entries,
    sheets,
    names,
    sharedStrings,
    text,
    async cells(sheet) {
      if (!sheet.part) return [];
      return parseSheetCells((await text(sheet.part)) ?? '', sharedStrings);
    },
    async tables(sheet) {
      if (!sheet.part) return [];
      const out: TableInfo[] = [];
      for (const rel of (await relationships({ text }, sheet.part)).values()) {
        if (!/\/table$/.test(rel.type)) continue;
        const xml = (await text(rel.target)) ?? '';
        const head = /<(?:\w+:)?table\b([^>]*)>/.exec(xml);
        const a = head ? attributes(head[1]) : {};
        const range = a.ref ? parseRange(a.ref) : undefined;
        if (!range) continue;
        const columns = [...xml.matchAll(/<(?:\w+:)?tableColumn\b([^>]*?)\/?>/g)].map((m) => attributes(m[1]).name ?? '');
        out.push({
          name: a.displayName || a.name || '',
          sheet: sheet.name,
          ...range,
          headerRows: a.headerRowCount === undefined ? 1 : Number(a.headerRowCount),
          totalsRows: Number(a.totalsRowCount ?? 0) || 0,
          columns,
        });
      }
      return out;
    },
  };
}
