/**
 * The workbook-level parts of an .xlsx package, read straight from the zip (no ExcelJS):
 * relationships, xl/workbook.xml (sheets, defined names, 1904 date system), shared strings
 * and the cell styles that make a number a date. Each part is inflated with zipGuard's
 * inflateEntry (Node and browser alike) and scanned once with XmlScanner.
 */
import { currencyOfFormat } from '../model/exportValues';
import { DefinedName } from './sheetTables';
import { XmlScanner } from './xmlScan';
import { decodePart, partBytes } from './partText';
import { ReadFailure, failures } from './readFailure';
import {
  INFLATES_BESIDE,
  INFLATES_IN_PIECES,
  ZipEntry,
  contentFailure,
  crc32Update,
  inflateEntry,
  inflateEntryPieces,
  inflateFailure,
  readVerifiedEntry,
  verifyEntry,
} from './zipGuard';

/**
 * The longest part read as XML: what a JavaScript string may hold (V8's limit, 2^29 - 24
 * characters), as when parts were read as strings; more is refused with partTooLong.
 */
const MAX_TEXT_BYTES = 2 ** 29 - 24;

/**
 * Parts inflated ahead hold at most 64 MB (declared sizes), the next one always allowed: the
 * shared strings, styles and smaller sheets. Parts of 4 MB or more (the big sheets of 50,000
 * opportunities) are read in pieces of 1 MB as they inflate.
 */
const TUNING: PartsTuning = { aheadBytes: 64 * 1024 * 1024, piecesFrom: 4 * 1024 * 1024, pieceBytes: 1024 * 1024 };

/** How XlsxParts reads ahead and in pieces (tests make them small). */
export interface PartsTuning {
  /** Most bytes the parts inflated ahead may hold, the next one always allowed (readAhead). */
  aheadBytes: number;
  /** Parts at least this big are read piece by piece as they inflate (`pieces`)... */
  piecesFrom: number;
  /** ...in pieces of this many bytes: a sheet of 50,000 opportunities is never held whole. */
  pieceBytes: number;
}

/** A part inflated, or how it failed (a rejection kept until the part is asked for). */
type Inflated = { ok: true; data: Uint8Array } | { ok: false; error: unknown };

/** A part that fails zipGuard's checks (too big for its declared size, damaged, bad CRC). */
export class PartFailure extends Error {
  constructor(readonly reason: ReadFailure) {
    super(reason.message.en);
  }
}

/**
 * The parts of the package, by path inside the zip ("xl/worksheets/sheet1.xml"). With
 * `verify`, each part is checked as zipGuard's verifyContents would (declared size, CRC)
 * while it is read, and verifyUnread() checks the parts never read: every part is inflated
 * once, not once to verify and again to parse.
 */
export class XlsxParts {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly read = new Set<ZipEntry>();
  /** Parts to inflate ahead (readAhead), in the order they will be asked for. */
  private queue: ZipEntry[] = [];
  /** Parts inflated ahead (or inflating), not yet asked for, and the sum of their declared sizes. */
  private readonly ahead = new Map<ZipEntry, Promise<Inflated>>();
  private aheadBytes = 0;
  private readonly tuning: PartsTuning;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly entries: readonly ZipEntry[],
    /** The file's name, for messages. */
    private readonly name: string,
    private readonly verify: boolean,
    /** Largest part inflated when not verifying (zipGuard's total limit bounds it anyway). */
    private readonly maxPartBytes: number,
    tuning: Partial<PartsTuning> = {},
  ) {
    this.tuning = { ...TUNING, ...tuning };
    // Part names are case-insensitive in OPC.
    for (const e of entries) this.byName.set(e.name.replace(/^\//, '').toLowerCase(), e);
  }

  has(path: string): boolean {
    return this.byName.has(path.toLowerCase());
  }

  /** The part's size as the package declares it (checked when the part is read); 0 when there is no such part. */
  declaredSize(path: string): number {
    return this.byName.get(path.toLowerCase())?.uncompressedSize ?? 0;
  }

  /**
   * Parts the caller will ask for next, in that order (a workbook's shared strings, then its
   * sheets): they inflate while the caller scans the ones before, on Node's thread pool (the
   * second core; issue #15). The next part is inflated ahead, and the ones after it while the
   * parts ahead hold at most `aheadBytes` bytes: memory stays bounded (a big sheet is read in
   * pieces as it is scanned instead: `pieces`), and more are started each time one is asked
   * for (the thread pool cannot start one itself when another ends: that waits for the
   * reading thread). A part's failure is kept until it is asked for, so failures come in the
   * order of reading; a part never asked for only costs its inflating. Nothing is read ahead
   * where inflating runs on the reading thread (browsers).
   */
  readAhead(paths: readonly (string | undefined)[]): void {
    if (!INFLATES_BESIDE) return;
    const seen = new Set(this.queue);
    for (const path of paths) {
      const entry = path === undefined ? undefined : this.byName.get(path.toLowerCase());
      if (entry && !this.read.has(entry) && !this.ahead.has(entry) && !seen.has(entry)) {
        seen.add(entry);
        this.queue.push(entry);
      }
    }
    this.inflateAhead();
  }

  private inflateAhead(): void {
    while (
      this.queue.length &&
      (this.ahead.size === 0 || this.aheadBytes + this.queue[0].uncompressedSize <= this.tuning.aheadBytes)
    ) {
      const entry = this.queue.shift()!;
      this.aheadBytes += entry.uncompressedSize;
      this.ahead.set(
        entry,
        this.inflate(entry).then(
          (data): Inflated => ({ ok: true, data }),
          (error: unknown): Inflated => ({ ok: false, error }),
        ),
      );
    }
  }

  /** The part as text, or undefined when the package has no such part. Throws PartFailure. */
  async text(path: string): Promise<string | undefined> {
    const part = await this.inflated(path);
    if (!part) return undefined;
    try {
      return decodePart(part.data);
    } catch {
      // Longer than a JavaScript string may be (about 512 M characters): refused with a clear reason.
      throw new PartFailure(failures.partTooLong(this.name, part.entry.name, part.data.length));
    }
  }

  /**
   * The part as UTF-8 bytes for XmlScanner (partBytes: no string of the whole part is made),
   * or undefined when the package has no such part. Throws PartFailure, for a part too long
   * to be text as well (the reader takes what `text` takes: issue #15 changed how, not what).
   */
  async xml(path: string): Promise<Uint8Array | undefined> {
    const part = await this.inflated(path);
    if (!part) return undefined;
    if (part.data.length > MAX_TEXT_BYTES)
      throw new PartFailure(failures.partTooLong(this.name, part.entry.name, part.data.length));
    return partBytes(part.data);
  }

  /**
   * A big part's bytes piece by piece as they inflate, or undefined when the package has no
   * such part or it is read whole (`xml`): a browser, a part stored without compression, one
   * smaller than `piecesFrom` or longer than a string may be. Verified as `xml` is (declared
   * size and CRC): the iteration throws PartFailure, after the last piece for a wrong size or
   * CRC.
   */
  pieces(path: string): AsyncIterable<Uint8Array> | undefined {
    const entry = this.byName.get(path.toLowerCase());
    if (!entry || !this.inPieces(path) || this.ahead.has(entry)) return undefined;
    this.queue = this.queue.filter((e) => e !== entry);
    return this.piecesOf(entry);
  }

  /** Whether `pieces` reads the part (then it is not to be read ahead whole: `readAhead`). */
  inPieces(path: string): boolean {
    const entry = this.byName.get(path.toLowerCase());
    return (
      entry !== undefined &&
      INFLATES_IN_PIECES &&
      entry.method !== 0 &&
      entry.uncompressedSize >= this.tuning.piecesFrom &&
      entry.uncompressedSize <= MAX_TEXT_BYTES
    );
  }

  private async *piecesOf(entry: ZipEntry): AsyncGenerator<Uint8Array> {
    const verify = this.verify && !this.read.has(entry);
    let length = 0;
    let crc = 0;
    try {
      for await (const piece of inflateEntryPieces(
        this.bytes,
        entry,
        verify ? entry.uncompressedSize : this.maxPartBytes,
        this.tuning.pieceBytes,
      )) {
        length += piece.length;
        if (length > MAX_TEXT_BYTES) throw new PartFailure(failures.partTooLong(this.name, entry.name, length));
        if (verify) crc = crc32Update(crc, piece);
        yield piece;
      }
    } catch (e) {
      throw verify && !(e instanceof PartFailure) ? new PartFailure(inflateFailure(e, entry, this.name)) : e;
    }
    const bad = verify ? contentFailure(entry, this.name, length, crc) : undefined;
    if (bad) throw new PartFailure(bad);
    this.read.add(entry);
  }

  /** The part's bytes, verified once when asked to (see the class). Throws PartFailure. */
  private async inflated(path: string): Promise<{ entry: ZipEntry; data: Uint8Array } | undefined> {
    const entry = this.byName.get(path.toLowerCase());
    if (!entry) return undefined;
    const data = await this.take(entry);
    this.read.add(entry);
    return { entry, data };
  }

  /** The part's bytes: as inflated ahead, or inflated now (a part asked for out of turn leaves the queue). */
  private async take(entry: ZipEntry): Promise<Uint8Array> {
    const ahead = this.ahead.get(entry);
    if (!ahead) {
      this.queue = this.queue.filter((e) => e !== entry);
      return this.inflate(entry);
    }
    this.ahead.delete(entry);
    this.aheadBytes -= entry.uncompressedSize;
    this.inflateAhead();
    const part = await ahead;
    if (!part.ok) throw part.error;
    return part.data;
  }

  /** Inflates a part, verified (declared size, CRC) the first time when asked to. Rejects with PartFailure. */
  private async inflate(entry: ZipEntry): Promise<Uint8Array> {
    if (!this.verify || this.read.has(entry)) return inflateEntry(this.bytes, entry, this.maxPartBytes);
    const checked = await readVerifiedEntry(this.bytes, entry, this.name);
    if (!checked.ok) throw new PartFailure(checked.reason);
    return checked.data;
  }

  /** Checks the parts that were not read (theme, pictures, …). Throws PartFailure. */
  async verifyUnread(): Promise<void> {
    if (!this.verify) return;
    this.queue = [];
    for (const e of this.entries) {
      if (this.read.has(e)) continue;
      if (this.ahead.has(e)) {
        // Inflated ahead and never asked for: checked as it was inflated.
        await this.take(e);
        continue;
      }
      const bad = await verifyEntry(this.bytes, e, this.name);
      if (bad) throw new PartFailure(bad);
    }
  }
}

/**
 * A copy of a string that does not keep the part it was cut from alive (V8 keeps a slice
 * pointing into its parent: one cell's text could pin a 100 MB sheet).
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Excel's escape for characters XML cannot hold: _x000D_ is a carriage return, _x005F_ an underscore. */
export function decodeXstring(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export interface Relationship {
  type: string;
  /** Part path inside the zip, resolved against the source part's folder. */
  target: string;
}

/** Resolves a relationship target against the folder of the part that owns it. */
function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** Where a part's relationships live: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; '' → `_rels/.rels`. */
export function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The relationships of `part` (from its _rels/<name>.rels), by id. */
export async function readRelationships(parts: XlsxParts, part: string): Promise<Map<string, Relationship>> {
  const out = new Map<string, Relationship>();
  const xml = await parts.xml(relsPath(part));
  if (xml === undefined) return out;
  const s = new XmlScanner(xml);
  while (s.next()) {
    if (s.kind === 'close' || s.name !== 'Relationship' || s.attr('TargetMode') === 'External') continue;
    const id = s.attr('Id');
    const target = s.attr('Target');
    if (id && target) out.set(id, { type: s.attr('Type') ?? '', target: resolveTarget(part, target) });
  }
  return out;
}

export interface SheetEntry {
  name: string;
  /** Path of the worksheet part, or undefined when the sheet is not a worksheet (a chart sheet). */
  part: string | undefined;
}

export interface WorkbookPart {
  path: string;
  sheets: SheetEntry[];
  definedNames: DefinedName[];
  /** Dates counted from 1904-01-01 (old Mac workbooks). */
  date1904: boolean;
  sharedStringsPart?: string;
  stylesPart?: string;
}

const isType = (rel: Relationship, kind: string) => rel.type.endsWith(`/${kind}`);

/** xl/workbook.xml (or wherever the package's main part is) with its relationships. */
export async function readWorkbookPart(parts: XlsxParts): Promise<WorkbookPart> {
  const root = await readRelationships(parts, '');
  const main = [...root.values()].find((r) => isType(r, 'officeDocument'));
  const path = main && parts.has(main.target) ? main.target : 'xl/workbook.xml';
  const xml = (await parts.xml(path)) ?? '';
  const rels = await readRelationships(parts, path);

  const sheets: SheetEntry[] = [];
  const definedNames: DefinedName[] = [];
  const localNames: { name: string; text: string; local: number }[] = [];
  let date1904 = false;
  const s = new XmlScanner(xml);
  while (s.next()) {
    if (s.kind === 'close') continue;
    if (s.name === 'workbookPr') {
      const v = s.attr('date1904');
      date1904 = v === '1' || v === 'true';
    } else if (s.name === 'sheet') {
      const rel = rels.get(s.attr('id') ?? '');
      sheets.push({ name: s.attr('name') ?? '', part: rel && isType(rel, 'worksheet') ? rel.target : undefined });
    } else if (s.name === 'definedName') {
      const name = s.attr('name');
      const local = s.attr('localSheetId');
      const text = s.text();
      if (!name || name.startsWith('_xlnm.')) continue;
      if (local === undefined) definedNames.push({ name, text });
      else localNames.push({ name, text, local: Number(local) });
    }
  }
  for (const n of localNames) definedNames.push({ name: n.name, text: n.text, sheet: sheets[n.local]?.name ?? '' });

  const relList = [...rels.values()];
  return {
    path,
    sheets,
    definedNames,
    date1904,
    sharedStringsPart: relList.find((r) => isType(r, 'sharedStrings'))?.target,
    stylesPart: relList.find((r) => isType(r, 'styles'))?.target,
  };
}

/**
 * The shared-string table: each <si> as plain text, rich-text runs joined, phonetic
 * guides (<rPh>) left out.
 */
export function parseSharedStrings(xml: string | Uint8Array | XmlScanner): string[] {
  const out: string[] = [];
  const s = xml instanceof XmlScanner ? xml : new XmlScanner(xml);
  let current: string | undefined;
  for (;;) {
    // The usual <si><t>text</t></si> in one step (outside another <si> only: the tag-by-tag
    // reading of a damaged one goes on as ever). Its text is a string of its own (the scanner
    // reads bytes: no string of the whole part exists to be pinned, so no `detached` copy).
    if (current === undefined) {
      const plain = s.plainSharedString();
      if (plain !== undefined) {
        out.push(decodeXstring(plain));
        continue;
      }
    }
    if (!s.next()) break;
    const name = s.name;
    if (name === 'si') {
      if (s.kind === 'open') current = '';
      else if (s.kind === 'empty') out.push('');
      else if (current !== undefined) {
        out.push(decodeXstring(current));
        current = undefined;
      }
    } else if (current !== undefined && s.kind === 'open') {
      if (name === 't') current += s.text();
      else if (name === 'rPh') s.skipElement();
    }
  }
  return out;
}

/** Built-in number formats that show dates or times (Excel's ids, CJK locale ones included). */
const BUILT_IN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47]);
for (let id = 50; id <= 58; id++) BUILT_IN_DATE_IDS.add(id);

/**
 * Whether a format code shows a date or time: a d, m, y, h or s outside quoted text,
 * [brackets] (colours, locales, conditions — but [h] [m] [s] elapsed time counts) and
 * escaped characters (\x, _x, *x).
 */
export function isDateFormat(code: string): boolean {
  if (/\[(h+|m+|s+)\]/i.test(code)) return true;
  let plain = '';
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      i = end < 0 ? code.length : end;
    } else if (ch === '[') {
      const end = code.indexOf(']', i + 1);
      i = end < 0 ? code.length : end;
    } else if (ch === '\\' || ch === '_' || ch === '*') i++;
    else plain += ch;
  }
  // Only the first section (positive numbers) decides; "General" has none of these letters.
  return /[dmyhs]/i.test(plain.split(';')[0]) && !/^general$/i.test(plain.trim());
}

/** For each cell style index (the s="…" of a cell): its number format's id and, when custom, its code. */
function cellFormats(xml: string | Uint8Array | XmlScanner): { id: number; code?: string }[] {
  const custom = new Map<number, string>();
  const out: { id: number; code?: string }[] = [];
  const s = xml instanceof XmlScanner ? xml : new XmlScanner(xml);
  let inCellXfs = false;
  while (s.next()) {
    if (s.name === 'numFmt' && s.kind !== 'close') {
      custom.set(Number(s.attr('numFmtId')), s.attr('formatCode') ?? '');
    } else if (s.name === 'cellXfs') {
      inCellXfs = s.kind === 'open';
    } else if (inCellXfs && s.name === 'xf' && s.kind !== 'close') {
      const id = Number(s.attr('numFmtId') ?? 0);
      out.push({ id, code: custom.get(id) });
      if (s.kind === 'open') s.skipElement();
    }
  }
  return out;
}

/** For each cell style index (the s="…" of a cell): whether numbers in it are dates. */
export function parseDateStyles(xml: string): boolean[] {
  return parseStyles(xml).dateStyles;
}

/** Dates and currencies of each cell style, in one scan of the styles part. */
export function parseStyles(xml: string | Uint8Array | XmlScanner): {
  dateStyles: boolean[];
  currencyStyles: (string | undefined)[];
} {
  const formats = cellFormats(xml);
  return {
    dateStyles: formats.map((f) => (f.code !== undefined ? isDateFormat(f.code) : BUILT_IN_DATE_IDS.has(f.id))),
    currencyStyles: formats.map((f) => (f.code === undefined ? undefined : currencyOfFormat(f.code))),
  };
}

/**
 * For each cell style index: the currency its number format shows (`"$"#,##0.00` → USD,
 * `[$¥-804]#,##0` → CNY), or undefined. Built-in formats carry no symbol of their own.
 */
export function parseStyleCurrencies(xml: string): (string | undefined)[] {
  return parseStyles(xml).currencyStyles;
}

/** An Excel table part (xl/tables/tableN.xml). */
export interface TablePart {
  name: string;
  ref: string;
  totalsRow: boolean;
  /** Header and totals row counts as saved (headerRowCount defaults to 1, totalsRowCount to 0). */
  headerRows: number;
  totalsRows: number;
  columnNames: string[];
}

export function parseTablePart(xml: string | Uint8Array): TablePart | undefined {
  const s = new XmlScanner(xml);
  let table: TablePart | undefined;
  while (s.next()) {
    if (s.kind === 'close') continue;
    if (s.name === 'table' && !table) {
      table = {
        name: s.attr('displayName') || s.attr('name') || '',
        ref: s.attr('ref') ?? '',
        totalsRow: Number(s.attr('totalsRowCount') ?? 0) > 0,
        headerRows: Number(s.attr('headerRowCount') ?? 1),
        totalsRows: Number(s.attr('totalsRowCount') ?? 0) || 0,
        columnNames: [],
      };
    } else if (s.name === 'tableColumn' && table) {
      table.columnNames.push(decodeXstring(s.attr('name') ?? ''));
      if (s.kind === 'open') s.skipElement();
    }
  }
  return table;
}
