/**
 * Sheets inflated ahead (XlsxParts.readAhead: the next sheet inflates on Node's thread pool
 * while the one before is scanned, issue #15), or scanned in pieces as they inflate
 * (XlsxParts.pieces, io/sheetPieces.ts), read as the same sheets read in turn: the same
 * grids and problems; a damaged part (checksum, declared size, data) fails with the same
 * reason, the first in reading order; a part inflated ahead and never asked for leaves no
 * unhandled rejection.
 */
import fc from 'fast-check';
import { ReadResult, readGrids, readWorkbookBuffer } from '../../src/io/readWorkbook';
import { PartFailure, PartsTuning, XlsxParts } from '../../src/io/xlsxPackage';
import { ZipEntry, inspectXlsx } from '../../src/io/zipGuard';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';

/** The oracle: every part inflated when asked for, as before read-ahead. */
class InTurn extends XlsxParts {
  override readAhead(): void {}
}

type Damage = { part: number; what: 'checksum' | 'smaller' | 'larger' | 'data' };

/**
 * A copy of the package with parts damaged: in the central directory (checksum, declared
 * uncompressed size one byte short or long) or in the compressed bytes (one byte flipped).
 */
function damaged(bytes: Uint8Array, entries: readonly ZipEntry[], damages: readonly Damage[]): Uint8Array {
  const out = Buffer.from(bytes);
  // The central directory lies after every part's data; a record is 46 bytes, then the name.
  const dirStart = Math.max(...entries.map((e) => e.dataOffset + e.compressedSize));
  const record = (e: ZipEntry) => {
    for (let at = dirStart; at + 46 <= out.length; at++) {
      if (out.readUInt32LE(at) !== 0x02014b50) continue;
      if (out.toString('utf8', at + 46, at + 46 + out.readUInt16LE(at + 28)) === e.name) return at;
    }
    throw new Error(`no directory record for ${e.name}`);
  };
  for (const d of damages) {
    const e = entries[d.part % entries.length];
    if (d.what === 'checksum') out.writeUInt32LE((e.crc32 ^ 0x5a5a5a5a) >>> 0, record(e) + 16);
    else if (d.what === 'smaller') out.writeUInt32LE(Math.max(0, e.uncompressedSize - 1), record(e) + 24);
    else if (d.what === 'larger') out.writeUInt32LE(e.uncompressedSize + 1, record(e) + 24);
    else out[e.dataOffset + (e.compressedSize >> 1)] ^= 0xa5;
  }
  return new Uint8Array(out);
}

/** What parse() makes of the parts: the grids and problems, or the failure of the first damaged part read. */
async function outcome(bytes: Uint8Array, tuning?: Partial<PartsTuning>) {
  const check = await inspectXlsx(bytes, 'w.xlsx', { verifyContents: false });
  if (!check.ok) return { refused: check.reason };
  const parts =
    tuning === undefined
      ? new InTurn(bytes, check.entries, 'w.xlsx', true, 1 << 28)
      : new XlsxParts(bytes, check.entries, 'w.xlsx', true, 1 << 28, tuning);
  try {
    const grids = await readGrids(parts);
    await parts.verifyUnread();
    return { grids };
  } catch (e) {
    if (e instanceof PartFailure) return { failure: e.reason };
    throw e;
  }
}

/** readWorkbookBuffer's snapshot or failure, with read-ahead and without. */
async function bothWays(bytes: Uint8Array) {
  const read = (r: ReadResult) => (r.ok ? r.snapshot : r.reason);
  const ahead = read(await readWorkbookBuffer(bytes, 'w.xlsx'));
  const spy = jest.spyOn(XlsxParts.prototype, 'readAhead').mockImplementation(() => undefined);
  try {
    return [ahead, read(await readWorkbookBuffer(bytes, 'w.xlsx'))] as const;
  } finally {
    spy.mockRestore();
  }
}

/** Waits until the thread pool's inflates of parts never asked for have ended (a few ms each). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('sheets inflated ahead read as sheets read in turn', () => {
  let books: Uint8Array[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(async () => {
    books = await Promise.all(
      [
        { size: 40, seed: 1, locale: 'en-US' as const },
        { size: 150, seed: 7, locale: 'zh-CN' as const },
      ].map((o) => writeWorkbook(generateSample(o), { locale: o.locale })),
    );
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  test('the same grids and problems, or the same failure, whatever is damaged and however far ahead', async () => {
    const damage = fc.record({
      part: fc.nat(),
      what: fc.constantFrom<Damage['what']>('checksum', 'smaller', 'larger', 'data'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: books.length - 1 }),
        fc.array(damage, { maxLength: 2 }),
        // One part ahead only, a few small ones, the default window; and every sheet but the
        // smallest read in pieces of a few bytes or a few KB as it inflates (sheetPieces.ts).
        fc.constantFrom<Partial<PartsTuning>>(
          { aheadBytes: 0 },
          { aheadBytes: 2048 },
          { aheadBytes: 64 * 1024 },
          {},
          { piecesFrom: 2048, pieceBytes: 100 },
          { aheadBytes: 0, piecesFrom: 2048, pieceBytes: 4096 },
        ),
        async (book, damages, tuning) => {
          const check = await inspectXlsx(books[book], 'w.xlsx', { verifyContents: false });
          if (!check.ok) throw new Error(check.reason.message.en);
          const bytes = damaged(books[book], check.entries, damages);
          const [inTurn, ahead] = [await outcome(bytes), await outcome(bytes, tuning)];
          expect(ahead).toEqual(inTurn);
          await settled();
          expect(unhandled).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('a sheet read in pieces fails before its table part when both are damaged, as when read in turn', async () => {
    const check = await inspectXlsx(books[1], 'w.xlsx', { verifyContents: false });
    if (!check.ok) throw new Error(check.reason.message.en);
    const all = check.entries.flatMap((e, i) => (/^xl\/(worksheets\/sheet\d+|tables\/table\d+)\.xml$/.test(e.name) ? [i] : []));
    const bytes = damaged(
      books[1],
      check.entries,
      all.map((part) => ({ part, what: 'checksum' as const })),
    );
    const inTurn = await outcome(bytes);
    expect(inTurn.failure?.message.en).toMatch(/worksheets\/sheet\d+\.xml/);
    expect(await outcome(bytes, { piecesFrom: 2048, pieceBytes: 512 })).toEqual(inTurn);
  });

  test('a damaged later sheet fails after an earlier damaged part, as in turn, from readWorkbookBuffer too', async () => {
    const check = await inspectXlsx(books[1], 'w.xlsx', { verifyContents: false });
    if (!check.ok) throw new Error(check.reason.message.en);
    const sheets = check.entries.flatMap((e, i) => (/^xl\/worksheets\/sheet\d+\.xml$/.test(e.name) ? [i] : []));
    expect(sheets.length).toBeGreaterThan(2);
    const tables = check.entries.flatMap((e, i) => (/^xl\/tables\//.test(e.name) ? [i] : []));
    // The last sheet's checksum and the first table part's (read with the first sheets): the table part fails.
    const bytes = damaged(books[1], check.entries, [
      { part: sheets[sheets.length - 1], what: 'checksum' },
      { part: tables[0], what: 'checksum' },
    ]);
    const [ahead, inTurn] = await bothWays(bytes);
    expect(ahead).toEqual(inTurn);
    expect('code' in ahead ? ahead.message.en : '').toContain(check.entries[tables[0]].name);
    // And undamaged, the same snapshot.
    const [good, goodInTurn] = await bothWays(books[1]);
    expect('tables' in good).toBe(true);
    expect(good).toEqual(goodInTurn);
    await settled();
    expect(unhandled).toEqual([]);
  });
});
