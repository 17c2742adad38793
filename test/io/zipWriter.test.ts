/**
 * The zip writer: parts come back as written (read by an independent reader); Node deflates
 * with zlib at level 3; the browser path (CompressionStream, forced here) makes a workbook the
 * reader reads exactly as it reads the Node path's; output is byte-stable.
 */
import * as zlib from 'zlib';
import { generateSample } from '../../src/model/sample';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { FIXED_TIMESTAMP } from '../../src/io/writeWorkbook';
import { ZipPart, dosDateTime, platformDeflateRaw, streamDeflateRaw, writeZip, zlibDeflateRaw } from '../../src/io/zipWriter';
import { inspectXlsx } from '../../src/io/zipGuard';
import { readZip } from '../support/unzip';

/** Text that compresses well and is long enough for zlib's levels to differ. */
const sheetText = Array.from({ length: 4000 }, (_, i) => `<row r="${i + 1}"><c t="s"><v>${(i * 7919) % 997}</v></c></row>`).join(
  '',
);

function parts(): ZipPart[] {
  return [
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'xl/workbook.xml', data: '<w/>' },
    { name: 'empty.bin', data: new Uint8Array(0) },
    { name: 'xl/worksheets/sheet1.xml', data: () => sheetText },
    { name: '报表/机会.xml', data: '商机' },
  ];
}

const u8 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Method, flags and compressed bytes of every central-directory record, read straight from the bytes. */
function records(zip: Buffer): { name: string; method: number; flags: number; compressed: Buffer }[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
  let p = zip.readUInt32LE(eocd + 16);
  const out = [];
  for (let k = 0; k < zip.readUInt16LE(eocd + 10); k++) {
    const nameLength = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.push({
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
      method: zip.readUInt16LE(p + 10),
      flags: zip.readUInt16LE(p + 8),
      compressed: zip.subarray(start, start + zip.readUInt32LE(p + 20)),
    });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

test('DOS date and time: 2026-01-01 00:00:00 UTC is date (46<<9)|(1<<5)|1 = 23585, time 0; years clamp to 1980..2107', () => {
  expect(dosDateTime(FIXED_TIMESTAMP)).toEqual({ date: 23585, time: 0 });
  // 13:45:58 → (13<<11)|(45<<5)|29 = 26624+1440+29
  expect(dosDateTime(new Date(Date.UTC(2026, 5, 30, 13, 45, 58))).time).toBe(28093);
  expect(dosDateTime(new Date(Date.UTC(1970, 0, 1))).date >> 9).toBe(0);
  expect(dosDateTime(new Date(Date.UTC(2200, 0, 1))).date >> 9).toBe(127);
});

test('in Node the platform deflate is zlib at level 3', () => {
  expect(zlibDeflateRaw).toBeDefined();
  expect(platformDeflateRaw).toBe(zlibDeflateRaw);
});

test.each([
  ['Node (zlib)', undefined],
  ['browser (CompressionStream)', streamDeflateRaw],
])('%s: parts come back as written, names flagged UTF-8 only when not ASCII, small parts stored', async (_, deflate) => {
  const zip = u8(await writeZip(parts(), FIXED_TIMESTAMP, deflate));
  const read = readZip(zip);
  expect(read.map((e) => e.name)).toEqual([
    '[Content_Types].xml',
    'xl/workbook.xml',
    'empty.bin',
    'xl/worksheets/sheet1.xml',
    '报表/机会.xml',
  ]);
  expect(read.map((e) => e.data.toString('utf8'))).toEqual(['<Types/>', '<w/>', '', sheetText, '商机']);
  expect(read.every((e) => e.dosDate === 23585 && e.dosTime === 0)).toBe(true);
  const recs = records(zip);
  expect(recs.map((r) => r.flags)).toEqual([0, 0, 0, 0, 0x800]);
  // Deflating a few bytes only makes them longer: stored. The sheet shrinks: deflated.
  expect(recs.map((r) => r.method)).toEqual([0, 0, 0, 8, 0]);
  // The checksums are right (zipGuard verifies every part against its CRC-32 and size).
  const check = await inspectXlsx(zip, 'x.zip', { verifyContents: true });
  expect(check.ok).toBe(true);
});

test('Node output deflates with zlib level 3 exactly; the browser stream makes other (valid) bytes', async () => {
  const node = records(u8(await writeZip(parts(), FIXED_TIMESTAMP)));
  const browser = records(u8(await writeZip(parts(), FIXED_TIMESTAMP, streamDeflateRaw)));
  expect(node[3].compressed.equals(zlib.deflateRawSync(Buffer.from(sheetText), { level: 3 }))).toBe(true);
  expect(zlib.inflateRawSync(browser[3].compressed).toString()).toBe(sheetText);
});

test('with no deflate at all every part is stored and still reads back', async () => {
  const zip = u8(await writeZip(parts(), FIXED_TIMESTAMP, () => undefined));
  expect(records(zip).map((r) => r.method)).toEqual([0, 0, 0, 0, 0]);
  expect(readZip(zip)[3].data.toString()).toBe(sheetText);
});

test('a part copied from another package keeps its compressed bytes', async () => {
  const source = await writeZip(parts(), FIXED_TIMESTAMP);
  const check = await inspectXlsx(source, 'x.zip');
  if (!check.ok) throw new Error(check.reason.message.en);
  const entry = check.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
  const copy = u8(await writeZip([{ name: 'copied.xml', entry, source }], FIXED_TIMESTAMP, streamDeflateRaw));
  expect(records(copy)[0].compressed.equals(records(u8(source))[3].compressed)).toBe(true);
  expect(readZip(copy)[0].data.toString()).toBe(sheetText);
});

describe('writeWorkbook where zlib is an empty module (the browser bundle)', () => {
  const snapshot = generateSample({ locale: 'zh-CN', size: 120, seed: 3 });

  /** writeWorkbook and the zip writer loaded afresh, `zlib` mocked as webpack resolves it in the browser. */
  function browserModules(): { writeWorkbook: typeof import('../../src/io/writeWorkbook').writeWorkbook; zlibDeflate: unknown } {
    let loaded: ReturnType<typeof browserModules> | undefined;
    jest.isolateModules(() => {
      jest.doMock('zlib', () => ({}));
      loaded = {
        writeWorkbook: require('../../src/io/writeWorkbook').writeWorkbook,
        zlibDeflate: require('../../src/io/zipWriter').zlibDeflateRaw,
      };
    });
    jest.dontMock('zlib');
    return loaded!;
  }

  test('takes the CompressionStream path and the reader reads it exactly as the Node output', async () => {
    const { writeWorkbook } = await import('../../src/io/writeWorkbook');
    const browser = browserModules();
    expect(browser.zlibDeflate).toBeUndefined();

    const nodeBytes = Buffer.from(await writeWorkbook(snapshot, { locale: 'zh-CN' }));
    const browserBytes = Buffer.from(await browser.writeWorkbook(snapshot, { locale: 'zh-CN' }));
    // Different deflaters, different bytes (proves the browser path ran)…
    expect(Buffer.compare(nodeBytes, browserBytes)).not.toBe(0);
    // …but the same parts, byte for byte, and the same workbook to the reader.
    const texts = (zip: Buffer) => readZip(zip).map((e) => [e.name, e.data.toString('utf8')]);
    expect(texts(browserBytes)).toEqual(texts(nodeBytes));
    const fromNode = await readWorkbookBuffer(nodeBytes, 'node.xlsx');
    const fromBrowser = await readWorkbookBuffer(browserBytes, 'browser.xlsx');
    expect(fromNode.ok && fromBrowser.ok).toBe(true);
    if (!fromNode.ok || !fromBrowser.ok) return;
    expect(fromBrowser.snapshot).toEqual(fromNode.snapshot);
    expect(fromNode.snapshot.tables.Opportunities?.rows.length).toBe(120);

    // Byte-stable on each path.
    expect(Buffer.compare(await browser.writeWorkbook(snapshot, { locale: 'zh-CN' }), browserBytes)).toBe(0);
    expect(Buffer.compare(await writeWorkbook(snapshot, { locale: 'zh-CN' }), nodeBytes)).toBe(0);
  });
});
