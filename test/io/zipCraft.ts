/**
 * Hand-made zip files for the io tests: a tiny zip writer (stored or deflated parts) that
 * reports where each header lies, so tests can forge sizes, offsets and signatures, and a
 * way to repack an ExcelJS workbook with extra or changed parts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { createHash } from 'crypto';
import ExcelJS from 'exceljs';
import { crc32, inflateEntry, inspectXlsx } from '../../src/io/zipGuard';

export interface CraftEntry {
  name: string;
  data: Uint8Array | string;
  /** 8 (deflate, default) or 0 (stored). */
  method?: 0 | 8;
  flags?: number;
}

export interface CraftedZip {
  bytes: Uint8Array;
  cdOffset: number;
  /** Offset of each part's central-directory record and local header. */
  records: { central: number; local: number }[];
}

const bytesOf = (d: Uint8Array | string) => (typeof d === 'string' ? new Uint8Array(Buffer.from(d, 'utf8')) : d);

/** `zip64`: write ZIP64 directory records and sizes (as tools do for huge archives). */
export function writeZip(entries: readonly CraftEntry[], { zip64 = false } = {}): CraftedZip {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const records: CraftedZip['records'] = [];
  let offset = 0;
  let cdSize = 0;
  const centralOffsets: number[] = [];
  for (const e of entries) {
    const raw = bytesOf(e.data);
    const method = e.method ?? 8;
    const data = method === 8 ? zlib.deflateRawSync(raw) : Buffer.from(raw);
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(raw);
    const flags = (e.flags ?? 0) | 0x800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(zip64 ? 45 : 20, 4);
    central.writeUInt16LE(zip64 ? 45 : 20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(zip64 ? 0xffffffff : data.length, 20);
    central.writeUInt32LE(zip64 ? 0xffffffff : raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
    let extra = Buffer.alloc(0);
    if (zip64) {
      // ZIP64 extended information: uncompressed size, compressed size, local header offset.
      extra = Buffer.alloc(28);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(raw.length), 4);
      extra.writeBigUInt64LE(BigInt(data.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
      central.writeUInt16LE(extra.length, 30);
    }
    centralOffsets.push(cdSize);
    records.push({ central: 0, local: offset });
    centrals.push(central, name, extra);
    cdSize += 46 + name.length + extra.length;
    offset += 30 + name.length + data.length;
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  records.forEach((r, i) => (r.central = offset + centralOffsets[i]));
  if (!zip64) return { bytes: new Uint8Array(Buffer.concat([...locals, ...centrals, eocd])), cdOffset: offset, records };
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(entries.length), 24);
  record.writeBigUInt64LE(BigInt(entries.length), 32);
  record.writeBigUInt64LE(BigInt(cdSize), 40);
  record.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + cdSize), 8);
  locator.writeUInt32LE(1, 16);
  eocd.writeUInt16LE(0xffff, 8);
  eocd.writeUInt16LE(0xffff, 10);
  eocd.writeUInt32LE(0xffffffff, 12);
  eocd.writeUInt32LE(0xffffffff, 16);
  return { bytes: new Uint8Array(Buffer.concat([...locals, ...centrals, record, locator, eocd])), cdOffset: offset, records };
}

/** The parts of a zip (which must pass the guard), as craft entries. */
export async function unpack(bytes: Uint8Array): Promise<CraftEntry[]> {
  const check = await inspectXlsx(bytes, 'unpack', { verifyContents: false });
  if (!check.ok) throw new Error(check.reason.message.en);
  const out: CraftEntry[] = [];
  for (const e of check.entries) out.push({ name: e.name, data: await inflateEntry(bytes, e, 1 << 30) });
  return out;
}

/** Repacks a zip: parts changed by `edit` (return undefined to drop one), plus `extra` parts. */
export async function repack(
  bytes: Uint8Array,
  edit: (name: string, text: () => string) => Uint8Array | string | undefined | null,
  extra: CraftEntry[] = [],
): Promise<Uint8Array> {
  const parts = await unpack(bytes);
  const out: CraftEntry[] = [];
  for (const p of parts) {
    const changed = edit(p.name, () => Buffer.from(bytesOf(p.data)).toString('utf8'));
    if (changed === undefined) continue;
    out.push({ name: p.name, data: changed === null ? p.data : changed });
  }
  return writeZip([...out, ...extra]).bytes;
}

export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A fresh folder under the OS temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'crm3-io-'): {
  dir: string;
  file: (name: string, bytes?: Uint8Array) => string;
  cleanup: () => void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    file: (name, bytes) => {
      const p = path.join(dir, name);
      if (bytes) fs.writeFileSync(p, bytes);
      return p;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function sha256(p: string): string {
  return createHash('sha256').update(fs.readFileSync(p)).digest('hex');
}

/** A minimal valid workbook. */
export async function tinyXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Accounts');
  ws.addRow(['AccountId', 'AccountName']);
  ws.addRow(['A001', 'Acme']);
  return xlsxBytes(wb);
}

/** An OLE compound file header followed by a directory naming the given streams (UTF-16LE). */
export function oleFile(streams: string[]): Uint8Array {
  const head = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const body = Buffer.alloc(504 + 512);
  const names = Buffer.concat(streams.map((s) => Buffer.concat([Buffer.from(s, 'utf16le'), Buffer.alloc(2)])));
  return new Uint8Array(Buffer.concat([head, body, names, Buffer.alloc(512)]));
}
