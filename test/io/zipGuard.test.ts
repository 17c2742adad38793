import * as zlib from 'zlib';
import {
  DEFAULT_ZIP_LIMITS,
  checkFileSize,
  crc32,
  inflateEntry,
  inspectXlsx,
  inspectXlsxFile,
  limitsWith,
  portableCrc32,
} from '../../src/io/zipGuard';
import { oleFile, repack, sha256, tempDir, tinyXlsx, writeZip } from './zipCraft';

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';
const minimalParts = () => [
  { name: '[Content_Types].xml', data: CONTENT_TYPES },
  { name: 'xl/workbook.xml', data: '<workbook/>' },
];

async function refused(bytes: Uint8Array, limits = {}) {
  const r = await inspectXlsx(bytes, 'book.xlsx', limits);
  if (r.ok) throw new Error('expected a refusal');
  // Every refusal names the file and explains itself in both languages.
  expect(r.reason.message.en).toContain('book.xlsx');
  expect(r.reason.message.zh).toContain('book.xlsx');
  expect(r.reason.message.zh).toMatch(/[\u4e00-\u9fff]/);
  return r.reason;
}

let xlsx: Uint8Array;
beforeAll(async () => {
  xlsx = await tinyXlsx();
});

describe('inspectXlsx accepts', () => {
  test('a workbook written by ExcelJS, listing its parts', async () => {
    const r = await inspectXlsx(xlsx, 'book.xlsx');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml']));
  });

  test('a hand-made minimal package, stored or deflated', async () => {
    expect((await inspectXlsx(writeZip(minimalParts()).bytes, 'a.xlsx')).ok).toBe(true);
    expect((await inspectXlsx(writeZip(minimalParts().map((p) => ({ ...p, method: 0 as const }))).bytes, 'a.xlsx')).ok).toBe(
      true,
    );
  });

  test('a zip with a trailing archive comment', async () => {
    const z = writeZip(minimalParts()).bytes;
    const withComment = Buffer.concat([Buffer.from(z), Buffer.from('hello')]);
    withComment.writeUInt16LE(5, z.length - 2);
    expect((await inspectXlsx(new Uint8Array(withComment), 'a.xlsx')).ok).toBe(true);
  });

  test('a ZIP64 package (64-bit directory record and sizes)', async () => {
    const r = await inspectXlsx(
      writeZip([...minimalParts(), { name: 'xl/styles.xml', data: 's'.repeat(3000) }], { zip64: true }).bytes,
      'a.xlsx',
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.entries.map((e) => [e.name, e.uncompressedSize])).toContainEqual(['xl/styles.xml', 3000]);
  });

  test('does not modify the bytes it inspects', async () => {
    const copy = xlsx.slice();
    await inspectXlsx(xlsx, 'book.xlsx');
    expect(Buffer.compare(Buffer.from(copy), Buffer.from(xlsx))).toBe(0);
  });
});

describe('inspectXlsx refuses', () => {
  test('random bytes: not-xlsx, not a zip', async () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    const r = await refused(random);
    expect(r.code).toBe('not-xlsx');
    expect(r.message.en).toMatch(/not a zip package/);
    expect(r.message.en).toMatch(/Save As/);
  });

  test('an empty file', async () => {
    expect((await refused(new Uint8Array(0))).code).toBe('not-xlsx');
  });

  test('a CSV file, saying it looks like CSV', async () => {
    const r = await refused(new Uint8Array(Buffer.from('AccountId,AccountName\nA001,Acme\n')));
    expect(r.code).toBe('not-xlsx');
    expect(r.message.en).toMatch(/CSV/);
  });

  test('a PDF, saying so', async () => {
    expect((await refused(new Uint8Array(Buffer.from('%PDF-1.7\n...')))).message.en).toMatch(/PDF/);
  });

  test('an OLE file holding an encrypted package: encrypted', async () => {
    const r = await refused(oleFile(['EncryptionInfo', 'EncryptedPackage']));
    expect(r.code).toBe('encrypted');
    expect(r.message.en).toMatch(/password/);
    expect(r.message.zh).toMatch(/密码/);
  });

  test('a legacy .xls (OLE with a Workbook stream): not-xlsx, naming Excel 97-2003', async () => {
    const r = await refused(oleFile(['Workbook', 'SummaryInformation']));
    expect(r.code).toBe('not-xlsx');
    expect(r.message.en).toMatch(/97-2003.*\.xls/);
  });

  test('another OLE document', async () => {
    const r = await refused(oleFile(['WordDocument']));
    expect(r.code).toBe('not-xlsx');
    expect(r.message.en).toMatch(/OLE/);
  });

  test('a truncated zip: corrupt, cut off', async () => {
    const r = await refused(xlsx.subarray(0, Math.floor(xlsx.length * 0.6)));
    expect(r.code).toBe('corrupt');
    expect(r.message.en).toMatch(/cut off/);
  });

  test('a zip whose last bytes are missing (directory cut)', async () => {
    const r = await refused(xlsx.subarray(0, xlsx.length - 30));
    expect(r.code).toBe('corrupt');
  });

  test('a damaged central directory record', async () => {
    const z = writeZip(minimalParts());
    const bytes = z.bytes.slice();
    bytes[z.records[1].central] = 0x00; // break the second record's signature
    const r = await refused(bytes);
    expect(r.code).toBe('corrupt');
    expect(r.message.en).toMatch(/directory is damaged/);
  });

  test('a directory pointing at a missing local header', async () => {
    const z = writeZip(minimalParts());
    const bytes = Buffer.from(z.bytes);
    bytes.writeUInt32LE(z.records[1].local + 3, z.records[1].central + 42);
    expect((await refused(new Uint8Array(bytes))).code).toBe('corrupt');
  });

  test('a central directory that claims a huge uncompressed size: zip-bomb, without inflating', async () => {
    const z = writeZip([...minimalParts(), { name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>' }]);
    const bytes = Buffer.from(z.bytes);
    bytes.writeUInt32LE(0xfffffff0, z.records[2].central + 24); // ~4 GB declared
    const r = await refused(new Uint8Array(bytes));
    expect(r.code).toBe('zip-bomb');
    expect(r.message.en).toMatch(/expand to \d+ MB, more than the 500 MB allowed/);
  });

  test('a part compressed far beyond any spreadsheet (ratio): zip-bomb', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const r = await refused(writeZip([...minimalParts(), { name: 'xl/worksheets/sheet1.xml', data: zeros }]).bytes);
    expect(r.code).toBe('zip-bomb');
    expect(r.message.en).toMatch(/compressed \d+:1/);
  });

  test('a part that inflates beyond its declared size: zip-bomb', async () => {
    const z = writeZip([...minimalParts(), { name: 'xl/worksheets/sheet1.xml', data: 'x'.repeat(100_000) }]);
    const bytes = Buffer.from(z.bytes);
    bytes.writeUInt32LE(1000, z.records[2].central + 24);
    const r = await refused(new Uint8Array(bytes));
    expect(r.code).toBe('zip-bomb');
    expect(r.message.en).toMatch(/beyond the 1000 bytes/);
  });

  test('overlapping parts (one stream counted twice): zip-bomb', async () => {
    const z = writeZip([...minimalParts(), { name: 'a.xml', data: '<a/>' }, { name: 'b.xml', data: '<b/>' }]);
    const bytes = Buffer.from(z.bytes);
    bytes.writeUInt32LE(z.records[2].local, z.records[3].central + 42);
    const r = await refused(new Uint8Array(bytes));
    expect(r.code).toBe('zip-bomb');
    expect(r.message.en).toMatch(/share the same compressed data/);
  });

  test('too many parts: zip-bomb', async () => {
    const parts = [...minimalParts(), ...Array.from({ length: 30 }, (_, i) => ({ name: `p${i}.xml`, data: '<p/>' }))];
    expect((await refused(writeZip(parts).bytes, { maxEntries: 20 })).code).toBe('zip-bomb');
  });

  test('a part that fails its CRC: corrupt', async () => {
    const z = writeZip([...minimalParts(), { name: 'xl/styles.xml', data: '<styleSheet/>', method: 0 }]);
    const bytes = z.bytes.slice();
    bytes[z.records[2].local + 30 + 'xl/styles.xml'.length + 2] ^= 0xff;
    const r = await refused(bytes);
    expect(r.code).toBe('corrupt');
    expect(r.message.en).toMatch(/checksum/);
  });

  test('invalid deflate data: corrupt', async () => {
    const z = writeZip([...minimalParts(), { name: 'xl/styles.xml', data: 'y'.repeat(5000) }]);
    const bytes = z.bytes.slice();
    const start = z.records[2].local + 30 + 'xl/styles.xml'.length;
    bytes.fill(0xff, start, start + 8);
    expect((await refused(bytes)).code).toBe('corrupt');
  });

  test('a ZIP64 end record without its locator: corrupt', async () => {
    const z = writeZip(minimalParts(), { zip64: true }).bytes;
    const bytes = z.slice();
    bytes[z.length - 22 - 20] = 0; // break the locator signature
    expect((await refused(bytes)).code).toBe('corrupt');
  });

  test('a zip-encrypted part: encrypted', async () => {
    const r = await refused(writeZip(minimalParts().map((p) => ({ ...p, flags: 1 }))).bytes);
    expect(r.code).toBe('encrypted');
  });

  test('an xlsx with xl/vbaProject.bin added: macro-enabled, telling to save as .xlsx', async () => {
    const withMacro = await repack(xlsx, () => null, [{ name: 'xl/vbaProject.bin', data: new Uint8Array([1, 2, 3, 4]) }]);
    const r = await refused(withMacro);
    expect(r.code).toBe('macro-enabled');
    expect(r.message.en).toMatch(/vbaProject\.bin/);
    expect(r.message.en).toMatch(/Save As > Excel Workbook \(\*\.xlsx\)/);
    expect(r.message.zh).toMatch(/另存为/);
  });

  test('a macro-enabled content type (.xlsm) without a VBA part: macro-enabled', async () => {
    const xlsm = await repack(xlsx, (name, text) =>
      name === '[Content_Types].xml' ? text().replace('spreadsheetml.sheet.main+xml', 'sheet.macroEnabled.main+xml') : null,
    );
    expect((await refused(xlsm)).code).toBe('macro-enabled');
  });

  test('a macro-enabled Default for .bin with no .bin part (every SheetJS file): opened; with a .bin part: macro-enabled', async () => {
    const sheetJsTypes = await repack(xlsx, (name, text) =>
      name === '[Content_Types].xml'
        ? text().replace(
            /(<Types[^>]*>)/,
            '$1<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>',
          )
        : null,
    );
    expect((await inspectXlsx(sheetJsTypes, 'book.xlsx')).ok).toBe(true);
    const withBin = await repack(sheetJsTypes, () => null, [{ name: 'xl/printerSettings1.bin', data: new Uint8Array([1]) }]);
    expect((await refused(withBin)).code).toBe('macro-enabled');
  });

  test('Excel 4.0 macro sheets: macro-enabled', async () => {
    const r = await refused(await repack(xlsx, () => null, [{ name: 'xl/macrosheets/sheet1.xml', data: '<xm:macrosheet/>' }]));
    expect(r.code).toBe('macro-enabled');
  });

  test('an .xlsb, an .ods, a .docx and a plain zip: not-xlsx, naming what they are', async () => {
    const xlsb = writeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.bin', data: 'x' },
    ]).bytes;
    expect((await refused(xlsb)).message.en).toMatch(/\.xlsb/);
    const ods = writeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
      { name: 'content.xml', data: '<x/>' },
    ]).bytes;
    expect((await refused(ods)).message.en).toMatch(/OpenDocument/);
    const docx = writeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w/>' },
    ]).bytes;
    expect((await refused(docx)).message.en).toMatch(/Word document/);
    const plain = writeZip([{ name: 'readme.txt', data: 'hi' }]).bytes;
    const r = await refused(plain);
    expect(r.code).toBe('not-xlsx');
    expect(r.message.en).toMatch(/zip archive/);
  });

  test('a package without xl/workbook.xml', async () => {
    const r = await refused(writeZip([{ name: '[Content_Types].xml', data: CONTENT_TYPES }]).bytes);
    expect(r.code).toBe('not-xlsx');
    expect(r.message.en).toMatch(/xl\/workbook\.xml/);
  });

  test('bytes over a configured size limit: too-large, with both sizes', async () => {
    const r = await refused(xlsx, { maxFileBytes: 1024 });
    expect(r.code).toBe('too-large');
    expect(r.message.en).toMatch(/MB; the limit is 0\.001 MB/);
  });
});

describe('inspectXlsxFile', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  test('a missing path: not-found', async () => {
    const r = await inspectXlsxFile(tmp.file('nope.xlsx'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.code).toBe('not-found');
      expect(r.reason.message.en).toMatch(/File not found: .*nope\.xlsx/);
    }
  });

  test('a folder: not-found, saying it is a folder', async () => {
    const r = await inspectXlsxFile(tmp.dir);
    expect(!r.ok && r.reason.code).toBe('not-found');
    expect(!r.ok && r.reason.message.en).toMatch(/folder/);
  });

  test('a file over the size limit is refused before it is read, and left as it was', async () => {
    const p = tmp.file('big.xlsx', xlsx);
    const before = sha256(p);
    const r = await inspectXlsxFile(p, { maxFileBytes: 100 });
    expect(!r.ok && r.reason.code).toBe('too-large');
    expect(sha256(p)).toBe(before);
  });

  test('a good file: its bytes and parts', async () => {
    const r = await inspectXlsxFile(tmp.file('ok.xlsx', xlsx));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.bytes.length).toBe(xlsx.length);
  });
});

describe('helpers', () => {
  test('crc32, and the portable JS crc32 of browsers, match zlib (also when continued chunk by chunk)', () => {
    const data = new Uint8Array(100_003).map((_, i) => (i * 7919) >> 3);
    const z = (zlib as unknown as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
    const expected = z ? z(data) : crc32(data);
    expect(crc32(data)).toBe(expected);
    expect(portableCrc32(data)).toBe(expected);
    expect(portableCrc32(data.subarray(50_001), portableCrc32(data.subarray(0, 50_001)))).toBe(expected);
    expect(portableCrc32(new Uint8Array(Buffer.from('123456789')))).toBe(0xcbf43926);
  });

  test('inflateEntry stops at its cap', async () => {
    const z = writeZip([...minimalParts(), { name: 'big.xml', data: 'z'.repeat(200_000) }]);
    const check = await inspectXlsx(z.bytes, 'a.xlsx');
    if (!check.ok) throw new Error('expected ok');
    const big = check.entries.find((e) => e.name === 'big.xml')!;
    expect((await inflateEntry(z.bytes, big, 1e6)).length).toBe(200_000);
    await expect(inflateEntry(z.bytes, big, 1000)).rejects.toThrow(/larger than 1000 bytes/);
  });

  test('checkFileSize and the defaults', () => {
    expect(DEFAULT_ZIP_LIMITS.maxFileBytes).toBe(50 * 1024 * 1024);
    expect(DEFAULT_ZIP_LIMITS.maxUncompressedBytes).toBe(500 * 1024 * 1024);
    expect(checkFileSize('x.xlsx', 10)).toBeUndefined();
    expect(checkFileSize('x.xlsx', 60 * 1024 * 1024)?.code).toBe('too-large');
  });

  test('a larger file limit raises the expanded limit in the same proportion (1:10), never below the default', () => {
    const MB = 1024 * 1024;
    expect(limitsWith({ maxFileBytes: 101 * MB }).maxUncompressedBytes).toBe(1010 * MB);
    expect(limitsWith({ maxFileBytes: 5 * MB }).maxUncompressedBytes).toBe(500 * MB);
    expect(limitsWith({ maxFileBytes: 101 * MB, maxUncompressedBytes: 600 * MB }).maxUncompressedBytes).toBe(600 * MB);
    expect(limitsWith({}).maxUncompressedBytes).toBe(500 * MB);
  });
});
