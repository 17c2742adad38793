/**
 * The one zip writer: .xlsx packages from parts, in the order given, every entry stamped with
 * one fixed time, so the same parts always give the same bytes on the same platform. Parts
 * taken unchanged from an inspected package keep their compressed bytes; new parts are
 * deflated by Node's zlib when it is there (the CLI: synchronous and fast) and by the
 * platform's CompressionStream in the browser (where `zlib` is an empty module), stored when
 * neither can or deflating does not make them smaller.
 */
import * as zlib from 'zlib';
import { ZipEntry, crc32 } from './zipGuard';

export type ZipPart =
  /** A part copied from `source` without inflating it. */
  | { name: string; entry: ZipEntry; source: Uint8Array }
  /** A new or changed part: its bytes, or a function making them when the part is written (so a big sheet's text is dropped right after). */
  | { name: string; data: string | Uint8Array | (() => string | Uint8Array) };

/** Raw deflate (no zlib header) of some bytes; undefined when it cannot be done here. */
export type DeflateRaw = (data: Uint8Array) => Uint8Array | undefined | Promise<Uint8Array | undefined>;

/** Node's zlib, when this runs in Node; the browser bundle resolves `zlib` to an empty module. */
const nodeDeflateRawSync = typeof zlib.deflateRawSync === 'function' ? zlib.deflateRawSync : undefined;

/** Node: zlib level 3, a third of level 6's time for a file about 15% larger (a 50,000-opportunity workbook: ~23 MB). */
export const zlibDeflateRaw: DeflateRaw | undefined = nodeDeflateRawSync
  ? (data) => nodeDeflateRawSync(data, { level: 3 })
  : undefined;

/** Browser (and any platform with CompressionStream): its deflate-raw stream, level not selectable. */
export async function streamDeflateRaw(data: Uint8Array): Promise<Uint8Array | undefined> {
  if (typeof CompressionStream === 'undefined') return undefined;
  try {
    const cs = new CompressionStream('deflate-raw');
    const writer = cs.writable.getWriter();
    writer.write(data as Uint8Array<ArrayBuffer>).catch(() => undefined);
    writer.close().catch(() => undefined);
    const chunks: Uint8Array[] = [];
    const reader = cs.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    return concat(chunks);
  } catch {
    return undefined;
  }
}

/** The platform's best deflate: zlib in Node, CompressionStream elsewhere. */
export const platformDeflateRaw: DeflateRaw = zlibDeflateRaw ?? streamDeflateRaw;

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** DOS date and time of an instant (UTC fields, so output does not depend on the machine's zone), clamped to the years a zip can hold. */
export function dosDateTime(when: Date): { date: number; time: number } {
  const year = Math.min(2107, Math.max(1980, when.getUTCFullYear()));
  return {
    date: ((year - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate(),
    time: (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | Math.floor(when.getUTCSeconds() / 2),
  };
}

interface Packed {
  method: number;
  crc: number;
  compressed: Uint8Array;
  size: number;
}

async function pack(part: ZipPart, deflate: DeflateRaw): Promise<Packed> {
  if ('entry' in part) {
    const e = part.entry;
    return {
      method: e.method,
      crc: e.crc32,
      compressed: part.source.subarray(e.dataOffset, e.dataOffset + e.compressedSize),
      size: e.uncompressedSize,
    };
  }
  const made = typeof part.data === 'function' ? part.data() : part.data;
  const raw = typeof made === 'string' ? new TextEncoder().encode(made) : made;
  const deflated = await deflate(raw);
  const useDeflate = !!deflated && deflated.length < raw.length;
  return { method: useDeflate ? 8 : 0, crc: crc32(raw), compressed: useDeflate ? deflated : raw, size: raw.length };
}

/**
 * The zip file of these parts, in this order (UTF-8 names, no ZIP64: parts and archive under
 * 4 GB). `deflate` is the platform's unless given (tests force the browser's with it).
 */
export async function writeZip(
  parts: readonly ZipPart[],
  when: Date,
  deflate: DeflateRaw = platformDeflateRaw,
): Promise<Uint8Array> {
  const { time, date } = dosDateTime(when);
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  // One part at a time: each part's uncompressed bytes can be dropped before the next is made.
  for (const part of parts) {
    const p = await pack(part, deflate);
    const name = encoder.encode(part.name);
    // Flag 0x800 (UTF-8 name) only where it matters, as Excel writes them; sizes are in the headers (no data descriptor).
    const flags = /^[\x20-\x7e]*$/.test(part.name) ? 0 : 0x800;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, p.method, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, p.crc, true);
    lv.setUint32(18, p.compressed.length, true);
    lv.setUint32(22, p.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const record = new Uint8Array(46 + name.length);
    const cv = new DataView(record.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, p.method, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, p.crc, true);
    cv.setUint32(20, p.compressed.length, true);
    cv.setUint32(24, p.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    record.set(name, 46);
    chunks.push(local, p.compressed);
    central.push(record);
    offset += local.length + p.compressed.length;
  }
  const directory = concat(central);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, parts.length, true);
  ev.setUint16(10, parts.length, true);
  ev.setUint32(12, directory.length, true);
  ev.setUint32(16, offset, true);
  return concat([...chunks, directory, end]);
}
