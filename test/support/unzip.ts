/**
 * A minimal zip reader for tests (stored and deflated entries, no zip64): enough to look at
 * the XML parts of an .xlsx without depending on a zip package.
 */
import { inflateRawSync } from 'zlib';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** DOS time and date fields of the central directory entry. */
  dosTime: number;
  dosDate: number;
}

export function readZip(zip: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = zip.readUInt16LE(p + 10);
    const dosTime = zip.readUInt16LE(p + 12);
    const dosDate = zip.readUInt16LE(p + 14);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? inflateRawSync(raw) : Buffer.alloc(0);
    entries.push({ name, data, dosTime, dosDate });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The text of each part, by name. */
export function zipTexts(zip: Buffer): Map<string, string> {
  return new Map(readZip(zip).map((e) => [e.name, e.data.toString('utf8')]));
}
