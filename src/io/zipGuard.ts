/**
 * Inspects an .xlsx package before any spreadsheet parser sees it: size, file signature,
 * the zip's central directory (truncation, corruption, zip bombs: all from the directory,
 * without inflating), encryption, macros, and what kind of package it is. Optionally it then
 * inflates each part once, counting bytes and checking CRCs, so a directory that lies about
 * sizes cannot smuggle a bomb past the declared-size check.
 *
 * Only web-platform APIs (Uint8Array, DataView, TextDecoder, DecompressionStream), so the
 * same guard runs in Node (the CLI) and in the browser (web mode).
 */
import { Detail, ReadFailure, failures } from './readFailure';
import { decodePart } from './partText';

export interface ZipLimits {
  /** Largest file accepted, in bytes (compressed, as on disk). Default 50 MB. */
  maxFileBytes: number;
  /** Largest total of the parts' declared uncompressed sizes. Default 500 MB. */
  maxUncompressedBytes: number;
  /** Largest uncompressed:compressed ratio of one part of at least 1 MB. Default 500. */
  maxCompressionRatio: number;
  /** Most parts (zip entries) accepted. Default 10,000. */
  maxEntries: number;
  /** Inflate every part once (bounded by its declared size) and check its CRC. Default true. */
  verifyContents: boolean;
}

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 500 * 1024 * 1024,
  maxCompressionRatio: 500,
  maxEntries: 10_000,
  verifyContents: true,
};

/** Parts smaller than this are not ratio-checked: tiny XML parts compress absurdly well. */
const RATIO_MIN_BYTES = 1024 * 1024;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where the compressed bytes start (after the local header). */
  dataOffset: number;
}

export type ZipCheck = { ok: true; entries: ZipEntry[] } | { ok: false; reason: ReadFailure };

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** The default limits' proportion of expanded to file bytes. */
const UNCOMPRESSED_PER_FILE_BYTE = DEFAULT_ZIP_LIMITS.maxUncompressedBytes / DEFAULT_ZIP_LIMITS.maxFileBytes;

export function limitsWith(overrides: Partial<ZipLimits> = {}): ZipLimits {
  const out: ZipLimits = { ...DEFAULT_ZIP_LIMITS };
  for (const k of Object.keys(out) as (keyof ZipLimits)[]) {
    const v = overrides[k];
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  // A larger file allowed (--max-file-mb) may expand as much in proportion as the default one
  // (50 MB → 500 MB): a 96 MB workbook of 200,000 opportunities expands to 672 MB and was refused
  // as a bomb with no way round. The per-part compression ratio check still stops real bombs.
  if (overrides.maxFileBytes !== undefined && overrides.maxUncompressedBytes === undefined)
    out.maxUncompressedBytes = Math.max(
      DEFAULT_ZIP_LIMITS.maxUncompressedBytes,
      UNCOMPRESSED_PER_FILE_BYTE * overrides.maxFileBytes,
    );
  return out;
}

/** The file-size check on its own, so a caller can refuse a file before reading it. */
export function checkFileSize(name: string, size: number, limits: Partial<ZipLimits> = {}): ReadFailure | undefined {
  const max = limitsWith(limits).maxFileBytes;
  return size > max ? failures.tooLarge(name, size, max) : undefined;
}

/**
 * Everything that can be said about the package without parsing a spreadsheet. Never throws.
 * On success, the entries of the central directory.
 */
export async function inspectXlsx(bytes: Uint8Array, name: string, overrides: Partial<ZipLimits> = {}): Promise<ZipCheck> {
  try {
    return await inspect(bytes, name, limitsWith(overrides));
  } catch (e) {
    return { ok: false, reason: failures.corrupt(name, failures.why.unexpected(e instanceof Error ? e.message : String(e))) };
  }
}

/**
 * The zip checks of inspectXlsx without asking for a workbook: for the project's own packages
 * of another kind (the report's .docx), whose parts the caller checks.
 */
export async function inspectZip(bytes: Uint8Array, name: string, overrides: Partial<ZipLimits> = {}): Promise<ZipCheck> {
  try {
    return await inspect(bytes, name, limitsWith(overrides), false);
  } catch (e) {
    return { ok: false, reason: failures.corrupt(name, failures.why.unexpected(e instanceof Error ? e.message : String(e))) };
  }
}

/** Reads a file (readFileBytes: regular files only, within the size limit) and inspects it. */
export async function inspectXlsxFile(
  path: string,
  overrides: Partial<ZipLimits> = {},
): Promise<{ ok: true; bytes: Uint8Array; entries: ZipEntry[] } | { ok: false; reason: ReadFailure }> {
  const read = await readFileBytes(path, overrides);
  if (!read.ok) return read;
  const check = await inspectXlsx(read.bytes, path, overrides);
  return check.ok ? { ok: true, bytes: read.bytes, entries: check.entries } : check;
}

/**
 * A file's bytes (any kind of file: .xlsx, or a CSV export). Missing files, folders, anything
 * that is not a regular file (a FIFO, a device such as /dev/zero, a socket — through a symbolic
 * link too) and files over the size limit are refused before a byte is read. The file is
 * opened once, read-only and without blocking, and checked on that open handle (so it cannot
 * be swapped in between); exactly the size it has is read. The file is never written.
 */
export async function readFileBytes(
  path: string,
  overrides: Partial<ZipLimits> = {},
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: ReadFailure }> {
  const fs = await nodeFs();
  let handle: import('fs/promises').FileHandle;
  try {
    const st = await fs.stat(path);
    if (st.isDirectory()) return { ok: false, reason: failures.notAFile(path) };
    if (!st.isFile()) return { ok: false, reason: failures.notRegular(path) };
    // O_NONBLOCK: should the path become a FIFO after the check, opening it does not wait for a writer.
    const { O_RDONLY = 0, O_NONBLOCK = 0 } = (fs as unknown as { constants?: Record<string, number> }).constants ?? {};
    handle = await fs.open(path, O_RDONLY | O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: code === 'ENOENT' || code === 'ENOTDIR' ? failures.notFound(path) : failures.unreadable(path, code ?? String(e)),
    };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, reason: failures.notRegular(path) };
    const tooLarge = checkFileSize(path, st.size, overrides);
    if (tooLarge) return { ok: false, reason: tooLarge };
    let bytes = new Uint8Array(st.size);
    let at = 0;
    while (at < bytes.length) {
      const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    // A file that shrank while being read is read as it now is (the zip check then says whether it is whole).
    if (at < bytes.length) bytes = bytes.subarray(0, at);
    return { ok: true, bytes };
  } catch (e) {
    return { ok: false, reason: failures.unreadable(path, (e as NodeJS.ErrnoException).code ?? String(e)) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Node's fs, reached without a static import so that browser bundles of this module (web
 * mode reads buffers, never paths) need no fs shim.
 */
async function nodeFs(): Promise<typeof import('fs/promises')> {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const builtin = proc?.getBuiltinModule?.('fs/promises') as typeof import('fs/promises') | undefined;
  return builtin ?? import(/* webpackIgnore: true */ 'fs/promises');
}

async function inspect(bytes: Uint8Array, name: string, limits: ZipLimits, asWorkbook = true): Promise<ZipCheck> {
  const refuse = (reason: ReadFailure): ZipCheck => ({ ok: false, reason });
  if (bytes.length === 0) return refuse(failures.empty(name));
  if (bytes.length > limits.maxFileBytes) return refuse(failures.tooLarge(name, bytes.length, limits.maxFileBytes));

  if (startsWith(bytes, OLE_SIGNATURE)) return refuse(classifyOle(bytes, name));
  // A zip starts with a local header ("PK\3\4"), or is empty ("PK\5\6").
  const first = bytes.length >= 4 ? u32(bytes, 0) : 0;
  if (first !== SIG_LOCAL && first !== SIG_EOCD) return refuse(failures.notZip(name, sniff(bytes)));

  const dir = readCentralDirectory(bytes, name);
  if ('reason' in dir) return refuse(dir.reason);
  const { entries, cdOffset } = dir;

  if (entries.length > limits.maxEntries)
    return refuse(failures.zipBomb(name, failures.tooManyEntries(entries.length, limits.maxEntries)));
  const badName = checkPartNames(entries);
  if (badName) return refuse(failures.corrupt(name, badName));
  if (entries.some((e) => e.flags & 1)) return refuse(failures.encrypted(name));

  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (total > limits.maxUncompressedBytes)
    return refuse(failures.zipBomb(name, failures.declaredTooBig(total, limits.maxUncompressedBytes)));
  for (const e of entries) {
    const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
    if (e.uncompressedSize >= RATIO_MIN_BYTES && ratio > limits.maxCompressionRatio) {
      return refuse(failures.zipBomb(name, failures.ratioTooHigh(e.name, ratio, limits.maxCompressionRatio)));
    }
  }

  const located = locateData(bytes, entries, cdOffset, name);
  if (located) return refuse(located);

  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) return refuse(failures.corrupt(name, failures.why.method(e.name, e.method)));
    if (e.method === 0 && e.compressedSize !== e.uncompressedSize)
      return refuse(failures.corrupt(name, failures.why.sizes(e.name)));
  }

  const kind = asWorkbook ? await classifyPackage(bytes, entries, name) : undefined;
  if (kind) return refuse(kind);

  if (limits.verifyContents) {
    for (const e of entries) {
      const bad = await verifyEntry(bytes, e, name);
      if (bad) return refuse(bad);
    }
  }
  return { ok: true, entries };
}

// ---------------------------------------------------------------- signatures

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0;
  let i = hay.indexOf(needle[0]);
  while (i >= 0 && i + needle.length <= hay.length) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
    i = hay.indexOf(needle[0], i + 1);
  }
  return -1;
}

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}

/**
 * An OLE compound file: Excel stores password-protected .xlsx this way (streams
 * EncryptionInfo + EncryptedPackage), and it is also the format of legacy .xls. The stream
 * names sit in the directory sectors in UTF-16LE.
 */
function classifyOle(bytes: Uint8Array, name: string): ReadFailure {
  if (indexOfBytes(bytes, utf16le('EncryptedPackage')) >= 0 || indexOfBytes(bytes, utf16le('EncryptionInfo')) >= 0)
    return failures.encrypted(name);
  if (indexOfBytes(bytes, utf16le('Workbook')) >= 0 || indexOfBytes(bytes, utf16le('Book\0')) >= 0 || /\.xl[st]$/i.test(name))
    return failures.legacyXls(name);
  return failures.otherOle(name);
}

/** A guess at what a non-zip file is, for the message; undefined when unknown (random bytes). */
function sniff(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, 512);
  const ascii = String.fromCharCode(...head.subarray(0, 16));
  if (ascii.startsWith('%PDF')) return 'a PDF document';
  if (ascii.startsWith('Rar!')) return 'a RAR archive';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'a gzip archive';
  if (ascii.startsWith("7z\xbc\xaf'\x1c")) return 'a 7-Zip archive';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    return 'a UTF-16 text file (CSV or tab-separated?)';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(
      head.length === bytes.length ? head : head.subarray(0, lastCharBoundary(head)),
    );
  } catch {
    return undefined;
  }
  const t = text
    .replace(/^\ufeff/, '')
    .trimStart()
    .toLowerCase();
  if (
    t.startsWith('<?xml') ||
    t.startsWith('<workbook') ||
    t.startsWith('<html') ||
    t.startsWith('<!doctype') ||
    t.startsWith('<table')
  ) {
    return 'an XML or HTML file, as some systems export under an .xls name';
  }
  // eslint-disable-next-line no-control-regex
  if (/^[^\x00-\x08\x0e-\x1f]*$/.test(text)) return /[,;\t]/.test(text) ? 'a CSV or other text file' : 'a text file';
  return undefined;
}

/** Cut before a multi-byte UTF-8 sequence split at the end of the sample. */
function lastCharBoundary(b: Uint8Array): number {
  const end = b.length;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const c = b[end - k];
    if ((c & 0xc0) === 0xc0) return end - k; // lead byte of an incomplete sequence
    if ((c & 0x80) === 0) break;
  }
  return end;
}

// ---------------------------------------------------------------- central directory

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
}
function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 0x100000000;
}

const latin1 = (b: Uint8Array) => String.fromCharCode(...b);
const utf8 = new TextDecoder('utf-8');

function readCentralDirectory(
  bytes: Uint8Array,
  name: string,
): { entries: ZipEntry[]; cdOffset: number } | { reason: ReadFailure } {
  const corrupt = (detail: Detail) => ({ reason: failures.corrupt(name, detail) });
  const eocd = findEocd(bytes);
  if (eocd < 0) return corrupt(failures.why.noEnd());

  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0) return corrupt(failures.why.multiVolume());

  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== SIG_ZIP64_LOCATOR) return corrupt(failures.why.zip64Missing());
    const z = u64(bytes, loc + 8);
    if (z + 56 > bytes.length || u32(bytes, z) !== SIG_ZIP64_EOCD) return corrupt(failures.why.zip64Missing());
    count = u64(bytes, z + 32);
    cdSize = u64(bytes, z + 40);
    cdOffset = u64(bytes, z + 48);
  }
  if (cdOffset + cdSize > eocd) return corrupt(failures.why.pastEnd());

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const end = cdOffset + cdSize;
  while (p < end) {
    if (p + 46 > end || u32(bytes, p) !== SIG_CENTRAL) return corrupt(failures.why.directoryDamaged(p));
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc32 = u32(bytes, p + 16);
    let compressedSize = u32(bytes, p + 20);
    let uncompressedSize = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localHeaderOffset = u32(bytes, p + 42);
    const next = p + 46 + nameLen + extraLen + commentLen;
    if (next > end) return corrupt(failures.why.directoryDamaged(p));
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    const entryName = flags & 0x800 ? utf8.decode(rawName) : latin1(rawName);

    // ZIP64 extra field: the 64-bit values, in this order, of the fields that are 0xFFFFFFFF.
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      let found = false;
      while (x + 4 <= xEnd) {
        const id = u16(bytes, x);
        const len = u16(bytes, x + 2);
        if (id === 0x0001) {
          let q = x + 4;
          const qEnd = q + len;
          const next64 = () => {
            const v = q + 8 <= qEnd ? u64(bytes, q) : undefined;
            q += 8;
            return v;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = next64() ?? uncompressedSize;
          if (compressedSize === 0xffffffff) compressedSize = next64() ?? compressedSize;
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = next64() ?? localHeaderOffset;
          found = true;
          break;
        }
        x += 4 + len;
      }
      if (!found) return corrupt(failures.why.zip64Sizes(entryName));
    }
    entries.push({ name: entryName, method, flags, crc32, compressedSize, uncompressedSize, localHeaderOffset, dataOffset: -1 });
    p = next;
  }
  if (entries.length !== count) return corrupt(failures.why.countMismatch(entries.length, count));
  return { entries, cdOffset };
}

/** The end-of-central-directory record: the last "PK\5\6" whose comment ends the file. */
function findEocd(bytes: Uint8Array): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let loose = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      const commentLen = u16(bytes, i + 20);
      if (i + 22 + commentLen === bytes.length) return i;
      if (loose < 0 && i + 22 + commentLen < bytes.length) loose = i; // trailing bytes after the comment
    }
  }
  return loose;
}

/**
 * Part names a workbook can hold: no two parts with one name (OPC compares names without
 * case, and which of two a reader takes differs from reader to reader), and no name that
 * climbs out of the package or is absolute when unzipped ("zip slip": ../, \, C:, a leading
 * /, control characters). Excel writes neither; such a package is refused, never copied.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTER = /[\\\x00-\x1f\x7f]/;

function checkPartNames(entries: readonly ZipEntry[]): Detail | undefined {
  const seen = new Set<string>();
  for (const e of entries) {
    const n = e.name;
    if (
      UNSAFE_CHARACTER.test(n) ||
      n.startsWith('/') ||
      /^[A-Za-z]:/.test(n) ||
      n.split('/').some((seg) => seg === '..' || seg === '.')
    )
      return failures.why.unsafeName(n);
    const key = n.toLowerCase();
    if (seen.has(key)) return failures.why.duplicateName(n);
    seen.add(key);
  }
  return undefined;
}

/**
 * Checks each part's local header and that its data lies before the directory. Parts whose
 * data overlap are the signature of an overlapping-file zip bomb (one compressed stream
 * counted many times).
 */
function locateData(bytes: Uint8Array, entries: ZipEntry[], cdOffset: number, name: string): ReadFailure | undefined {
  for (const e of entries) {
    const o = e.localHeaderOffset;
    if (o + 30 > cdOffset || u32(bytes, o) !== SIG_LOCAL) return failures.corrupt(name, failures.why.headerDamaged(e.name));
    e.dataOffset = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28);
    if (e.dataOffset + e.compressedSize > cdOffset) return failures.corrupt(name, failures.why.partCut(e.name));
  }
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1];
    if (byOffset[i].localHeaderOffset < prev.dataOffset + prev.compressedSize)
      return failures.zipBomb(name, failures.overlapping(prev.name, byOffset[i].name));
  }
  return undefined;
}

// ---------------------------------------------------------------- what kind of package

const MACRO_PARTS = /(^|\/)(vbaProject\.bin|vbaProjectSignature\.bin|vbaData\.xml)$|^xl\/macrosheets\//i;

/**
 * Whether a part of the package has a macro-enabled content type: an Override naming it, or a
 * Default for an extension some part has. SheetJS declares `Default Extension="bin"` as
 * macro-enabled in every file it writes, with no .bin part: that file holds no macros.
 */
function macroEnabledType(types: string, parts: readonly string[]): boolean {
  // A Default gives the type of the parts no Override names.
  const overridden = new Set(
    [...types.matchAll(/<(?:\w+:)?Override\b[^>]*PartName\s*=\s*"\/?([^"]*)"/gi)].map((m) => m[1].toLowerCase()),
  );
  const defaulted = parts.filter((p) => !overridden.has(p));
  for (const m of types.matchAll(/<(?:\w+:)?(Override|Default)\b([^>]*)>/g)) {
    if (!/ContentType\s*=\s*"[^"]*macroEnabled/i.test(m[2])) continue;
    if (m[1] === 'Override') return true;
    const ext = /Extension\s*=\s*"([^"]*)"/i.exec(m[2])?.[1]?.toLowerCase();
    if (ext && defaulted.some((p) => p.endsWith(`.${ext}`))) return true;
  }
  return false;
}

async function classifyPackage(bytes: Uint8Array, entries: ZipEntry[], name: string): Promise<ReadFailure | undefined> {
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, '').toLowerCase(), e]));
  const macro = entries.find((e) => MACRO_PARTS.test(e.name.replace(/^\//, '')));
  if (macro)
    return failures.macroEnabled(
      name,
      /macrosheets/i.test(macro.name) ? 'it contains Excel 4.0 macro sheets' : `it contains a VBA project, ${macro.name}`,
    );

  const contentTypes = byName.get('[content_types].xml');
  if (!contentTypes) {
    const mimetype = byName.get('mimetype');
    if (mimetype && /opendocument\.spreadsheet/.test(utf8.decode(await inflateEntry(bytes, mimetype, 1024)))) {
      return failures.otherPackage(name, { en: 'an OpenDocument spreadsheet (.ods)', zh: ' OpenDocument 电子表格（.ods）' });
    }
    return failures.otherPackage(name, { en: 'a zip archive but not an Office document', zh: ' zip 压缩包而非 Office 文档' });
  }
  if (byName.has('word/document.xml')) return failures.otherPackage(name, { en: 'a Word document', zh: ' Word 文档' });
  if (byName.has('ppt/presentation.xml'))
    return failures.otherPackage(name, { en: 'a PowerPoint presentation', zh: ' PowerPoint 演示文稿' });
  if (byName.has('xl/workbook.bin'))
    return failures.otherPackage(name, { en: 'an Excel binary workbook (.xlsb)', zh: ' Excel 二进制工作簿（.xlsb）' });

  // Decoded as the part is written (UTF-16 too): a content type must not hide behind an encoding.
  const types = decodePart(await inflateEntry(bytes, contentTypes, 4 * 1024 * 1024));
  if (macroEnabledType(types, [...byName.keys()]))
    return failures.macroEnabled(name, 'its content type is macro-enabled, as in .xlsm/.xltm files');
  if (!byName.has('xl/workbook.xml'))
    return failures.otherPackage(name, {
      en: 'an Office package without a workbook part (xl/workbook.xml)',
      zh: '不含工作簿部件（xl/workbook.xml）的 Office 文件',
    });
  return undefined;
}

// ---------------------------------------------------------------- inflating

export class ZipEntryError extends Error {
  constructor(
    readonly kind: 'too-big' | 'bad',
    message: string,
  ) {
    super(message);
  }
}

/** The bytes of one part, refusing to produce more than maxBytes. Throws ZipEntryError. */
export async function inflateEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Promise<Uint8Array> {
  if (entry.dataOffset < 0) throw new ZipEntryError('bad', `part ${entry.name} was not located`);
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new ZipEntryError('too-big', `part ${entry.name} is larger than ${maxBytes} bytes`);
    return data.slice();
  }
  if (nodeZlib) return nodeInflate(data, entry, maxBytes);
  const chunks: Uint8Array[] = [];
  let n = 0;
  await inflateRaw(data, (chunk) => {
    n += chunk.length;
    if (n > maxBytes) return false;
    chunks.push(chunk);
    return true;
  }).then((r) => {
    if (r === 'stopped') throw new ZipEntryError('too-big', `part ${entry.name} is larger than ${maxBytes} bytes`);
    if (r === 'bad') throw new ZipEntryError('bad', `part ${entry.name} is not valid compressed data`);
  });
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

interface NodeZlib {
  inflateRaw(
    data: Uint8Array,
    options: { maxOutputLength: number; chunkSize?: number },
    callback: (error: Error | null, out: Uint8Array) => void,
  ): void;
  createInflateRaw(options: { chunkSize: number; highWaterMark: number }): NodeInflater;
}

/** Node's inflate stream, as inflateEntryPieces uses it. */
interface NodeInflater extends AsyncIterable<Uint8Array> {
  end(data: Uint8Array): void;
  destroy(): void;
}

/**
 * Node's zlib when present (the CLI): its inflate is several times faster than
 * DecompressionStream's chunked stream for a 50 MB sheet, and runs on libuv's thread pool,
 * off the JavaScript thread (a reader scans one part while the next inflates: XlsxParts'
 * readAhead). Browsers use the stream.
 */
const nodeZlib = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const zlib = proc?.getBuiltinModule?.('zlib') as NodeZlib | undefined;
  return typeof zlib?.inflateRaw === 'function' ? zlib : undefined;
})();

/**
 * Whether inflating runs beside the JavaScript thread (Node's thread pool), so that a part
 * inflated ahead costs the scan no time; a browser's stream inflates on the reading thread.
 */
export const INFLATES_BESIDE = nodeZlib !== undefined;

/** Whether a part can be inflated piece by piece beside the JavaScript thread (inflateEntryPieces). */
export const INFLATES_IN_PIECES = typeof nodeZlib?.createInflateRaw === 'function';

/** Pieces inflated ahead of the one read: the reader never waits for zlib while it scans. */
const PIECES_AHEAD = 4;

/**
 * A deflated part inflated by Node's zlib piece by piece (XlsxParts.pieces, which reads a
 * stored part whole), never past maxBytes: each piece a new buffer of `pieceBytes` (the last
 * shorter), a few inflated ahead on the thread pool while the reader handles the one before.
 * A 50 MB sheet inflated whole is 50 MB of memory the process never had, which costs more
 * than inflating it (issue #15); pieces of the same size are allocated where the ones read
 * before were. Throws ZipEntryError. Only where INFLATES_IN_PIECES.
 */
export async function* inflateEntryPieces(
  bytes: Uint8Array,
  entry: ZipEntry,
  maxBytes: number,
  pieceBytes: number,
): AsyncGenerator<Uint8Array> {
  if (entry.dataOffset < 0) throw new ZipEntryError('bad', `part ${entry.name} was not located`);
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const tooBig = () => new ZipEntryError('too-big', `part ${entry.name} is larger than ${maxBytes} bytes`);
  const inflater = nodeZlib!.createInflateRaw({ chunkSize: pieceBytes, highWaterMark: PIECES_AHEAD * pieceBytes });
  let n = 0;
  try {
    inflater.end(data);
    for await (const piece of inflater) {
      n += piece.length;
      if (n > maxBytes) throw tooBig();
      yield piece;
    }
  } catch (e) {
    throw e instanceof ZipEntryError ? e : new ZipEntryError('bad', `part ${entry.name} is not valid compressed data`);
  } finally {
    inflater.destroy();
  }
}

/** Output pieces asked of zlib: at least its default (16 KB), at most 256 MB (a declared size may lie). */
const MIN_CHUNK = 16 * 1024;
const MAX_CHUNK = 256 * 1024 * 1024;

/**
 * One part inflated by Node's zlib, never past maxBytes. Rejects with ZipEntryError. zlib
 * writes into pieces of `chunkSize` and joins them at the end: with its default of 16 KB a
 * 50 MB sheet was 3,000 buffers and a copy of them all (a quarter of the read's time, issue
 * #15). The part's declared size (plus the one byte that tells "too big") makes it one piece;
 * a size that lies only costs more pieces, and never more than maxBytes is produced.
 */
function nodeInflate(data: Uint8Array, entry: ZipEntry, maxBytes: number): Promise<Uint8Array> {
  const tooBig = () => new ZipEntryError('too-big', `part ${entry.name} is larger than ${maxBytes} bytes`);
  const failure = (e: unknown) =>
    (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError
      ? tooBig()
      : new ZipEntryError('bad', `part ${entry.name} is not valid compressed data`);
  // One byte over the limit tells "too big" from "exactly at the limit".
  const maxOutputLength = Math.min(maxBytes + 1, 2 ** 31 - 1);
  const chunkSize = Math.max(MIN_CHUNK, Math.min(entry.uncompressedSize + 1, maxOutputLength, MAX_CHUNK));
  return new Promise((resolve, reject) => {
    try {
      nodeZlib!.inflateRaw(data, { maxOutputLength, chunkSize }, (e, out) => {
        if (e) reject(failure(e));
        else if (out.length > maxBytes) reject(tooBig());
        else resolve(out);
      });
    } catch (e) {
      reject(failure(e));
    }
  });
}

/**
 * Inflates raw deflate data chunk by chunk; `onChunk` returns false to stop (the rest is
 * never produced). Resolves 'done', 'stopped' or 'bad' (invalid data).
 */
async function inflateRaw(data: Uint8Array, onChunk: (chunk: Uint8Array) => boolean): Promise<'done' | 'stopped' | 'bad'> {
  const ds = new DecompressionStream('deflate-raw');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  writer.write(data as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return 'done';
      if (!onChunk(value)) {
        await reader.cancel().catch(() => undefined);
        return 'stopped';
      }
    }
  } catch {
    return 'bad';
  }
}

/**
 * One part inflated and checked as the guard checks it (never past its declared size, then
 * size and CRC), keeping the bytes: a reader that verifies the parts it reads this way
 * inflates each once instead of twice.
 */
export async function readVerifiedEntry(
  bytes: Uint8Array,
  e: ZipEntry,
  name: string,
): Promise<{ ok: true; data: Uint8Array } | { ok: false; reason: ReadFailure }> {
  let data: Uint8Array;
  try {
    data = await inflateEntry(bytes, e, e.uncompressedSize);
  } catch (err) {
    return { ok: false, reason: inflateFailure(err, e, name) };
  }
  const bad = contentFailure(e, name, data.length, crc32Update(0, data));
  return bad ? { ok: false, reason: bad } : { ok: true, data };
}

/** Why a part inflated no further than its declared size failed (inflateEntry's or inflateEntryPieces' error). */
export function inflateFailure(err: unknown, e: ZipEntry, name: string): ReadFailure {
  return err instanceof ZipEntryError && err.kind === 'too-big'
    ? failures.zipBomb(name, failures.expandsBeyondDeclared(e.name, e.uncompressedSize))
    : failures.corrupt(name, failures.why.badData(e.name));
}

/** What is wrong with a part inflated whole: `length` bytes whose CRC-32 is `crc`; undefined when nothing. */
export function contentFailure(e: ZipEntry, name: string, length: number, crc: number): ReadFailure | undefined {
  if (length !== e.uncompressedSize) return failures.corrupt(name, failures.why.shortData(e.name, length, e.uncompressedSize));
  if (crc !== e.crc32) return failures.corrupt(name, failures.why.checksum(e.name));
  return undefined;
}

/** Inflates one part without keeping it: never past its declared size, then size and CRC. */
export async function verifyEntry(bytes: Uint8Array, e: ZipEntry, name: string): Promise<ReadFailure | undefined> {
  const data = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  let n = 0;
  let crc = 0;
  if (e.method === 0) {
    n = data.length;
    crc = crc32Update(crc, data);
  } else if (nodeZlib) {
    // Node inflates a part in one piece anyway: the same checks as a part read and kept.
    const read = await readVerifiedEntry(bytes, e, name);
    return read.ok ? undefined : read.reason;
  } else {
    const r = await inflateRaw(data, (chunk) => {
      n += chunk.length;
      if (n > e.uncompressedSize) return false;
      crc = crc32Update(crc, chunk);
      return true;
    });
    if (r === 'stopped') return failures.zipBomb(name, failures.expandsBeyondDeclared(e.name, e.uncompressedSize));
    if (r === 'bad') return failures.corrupt(name, failures.why.badData(e.name));
  }
  return contentFailure(e, name, n, crc);
}

/** CRC-32 tables for slicing-by-8 (eight bytes per step: several times faster than bytewise). */
let CRC_TABLES: Int32Array[] | undefined;
function crcTables(): Int32Array[] {
  if (CRC_TABLES) return CRC_TABLES;
  const t0 = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[i] = c;
  }
  const tables = [t0];
  for (let k = 1; k < 8; k++) {
    const prev = tables[k - 1];
    const t = new Int32Array(256);
    for (let i = 0; i < 256; i++) t[i] = (prev[i] >>> 8) ^ t0[prev[i] & 0xff];
    tables.push(t);
  }
  return (CRC_TABLES = tables);
}

/** Node's native CRC-32 (zlib.crc32, Node ≥ 20.15) when present; browsers use the JS one. */
const nativeCrc32 = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const zlib = proc?.getBuiltinModule?.('zlib') as { crc32?: (data: Uint8Array, value?: number) => number } | undefined;
  return typeof zlib?.crc32 === 'function' ? zlib.crc32 : undefined;
})();

/** CRC-32 of `data` continuing from `crc` (the CRC of the bytes before it; 0 to start). */
export function crc32Update(crc: number, data: Uint8Array): number {
  return nativeCrc32 ? nativeCrc32(data, crc) : portableCrc32Update(crc, data);
}

function portableCrc32Update(crc: number, data: Uint8Array): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = crcTables();
  let c = ~crc;
  let i = 0;
  const n8 = data.length - (data.length % 8);
  for (; i < n8; i += 8) {
    c ^= data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    c =
      t7[c & 0xff] ^
      t6[(c >>> 8) & 0xff] ^
      t5[(c >>> 16) & 0xff] ^
      t4[c >>> 24] ^
      t3[data[i + 4]] ^
      t2[data[i + 5]] ^
      t1[data[i + 6]] ^
      t0[data[i + 7]];
  }
  for (; i < data.length; i++) c = t0[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** CRC-32 of bytes (zip's checksum); exported for tests that craft zips. */
export function crc32(data: Uint8Array): number {
  return crc32Update(0, data);
}

/** The JS CRC-32 the browser uses, continuing from `crc`; exported to test it against zlib. */
export function portableCrc32(data: Uint8Array, crc = 0): number {
  return portableCrc32Update(crc, data);
}
