/**
 * A worksheet scanned piece by piece as it inflates (io/sheetPieces.ts, issue #15) reads what
 * the same part read whole reads: the same cells, formulas, problems and table parts, whatever
 * the pieces' sizes. Where a piece is faulty (a cut inside a comment, CDATA or a damaged tag)
 * the part is read whole instead, as the reader does, so a damaged sheet gets the same verdict.
 */
import fc from 'fast-check';
import { Area } from '../../src/io/mergedCells';
import { afterLastRowEnd, scanSheetPieces } from '../../src/io/sheetPieces';
import { ParsedSheet, SheetContext, WorksheetScan, parseWorksheet } from '../../src/io/xlsxSheet';
import { utf8Bytes } from '../../src/io/partText';

const ctx: SheetContext = { sharedStrings: ['zero', 'one', '伙伴'], dateStyles: [false, true], date1904: false };

/** Everything a parsed sheet answers, as text to compare. */
function dump({ grid, problems, tableIds }: ParsedSheet): string[] {
  const out = [`lastRow ${grid.lastRow}`, `tables ${tableIds.join(',')}`];
  for (let r = 1; r <= grid.lastRow; r++)
    for (const [c, v] of grid.entries(r)) out.push(`${r},${c}=${JSON.stringify(v)} f=${grid.formula(r, c) ?? ''}`);
  for (const p of problems) out.push(`${p.severity} ${p.sheet}!${p.cell} ${p.message.en}`);
  return out;
}

/** `bytes` cut into pieces of the given sizes (the last takes the rest). */
async function* piecesOf(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const size of sizes) {
    if (at >= bytes.length) return;
    yield bytes.slice(at, at + size);
    at += size;
  }
  if (at < bytes.length) yield bytes.slice(at);
}

/** What the reader gets: the sheet scanned in pieces, or read whole where the pieces gave up. */
async function readInPieces(
  xml: string,
  sizes: readonly number[],
  table?: Area,
): Promise<{ sheet: ParsedSheet; whole: boolean }> {
  const bytes = utf8Bytes(xml);
  const scan = await scanSheetPieces(
    (head) => new WorksheetScan('S', ctx, 'xl/worksheets/sheet1.xml', table, bytes.length, head),
    piecesOf(bytes, sizes),
  );
  return scan
    ? { sheet: scan.done(), whole: false }
    : { sheet: parseWorksheet('S', bytes, ctx, 'xl/worksheets/sheet1.xml', table), whole: true };
}

const whole = (xml: string, table?: Area) => parseWorksheet('S', utf8Bytes(xml), ctx, 'xl/worksheets/sheet1.xml', table);

// ---------------------------------------------------------------- random sheets

const text = fc.stringMatching(/^[a-zA-Z0-9 伙&<>"'\r\n]{0,12}$/);
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One cell's XML at column `col` of row `row` (its reference written or left out). */
const cellXml = (p: string) =>
  fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => ({ attrs: '', body: `<${p}v>${n}</${p}v>` })),
    fc.integer({ min: 0, max: 4 }).map((i) => ({ attrs: ' t="s"', body: `<${p}v>${i}</${p}v>` })),
    text.map((t) => ({ attrs: ' t="inlineStr"', body: `<${p}is><${p}t>${escape(t)}</${p}t></${p}is>` })),
    text.map((t) => ({ attrs: ' t="str"', body: `<${p}f>A1&amp;"x"</${p}f><${p}v>${escape(t)}</${p}v>` })),
    fc.boolean().map((b) => ({ attrs: ' t="b"', body: `<${p}v>${b ? 1 : 0}</${p}v>` })),
    fc.integer({ min: 1, max: 60000 }).map((d) => ({ attrs: ' s="1"', body: `<${p}v>${d}</${p}v>` })),
    fc.constant({ attrs: ' t="e"', body: `<${p}v>#N/A</${p}v>` }),
    // A cut inside these leaves its construct unended: the pieces give up, the part is read whole.
    fc.constant({ attrs: ' t="inlineStr"', body: `<${p}is><${p}t><![CDATA[a</${p}row>b]]></${p}t></${p}is>` }),
  );

const rowXml = (p: string) =>
  fc.record({
    gap: fc.integer({ min: 1, max: 3 }),
    numbered: fc.boolean(),
    cells: fc.array(fc.record({ skip: fc.integer({ min: 0, max: 2 }), written: fc.boolean(), cell: cellXml(p) }), {
      maxLength: 6,
    }),
    comment: fc.boolean(),
  });

const sheetXml = fc
  .record({
    prefixed: fc.boolean(),
    declaration: fc.boolean(),
    rows: fc.array(rowXml(''), { maxLength: 25 }),
    merges: fc.array(
      fc.record({ top: fc.integer({ min: 1, max: 30 }), left: fc.integer({ min: 1, max: 8 }), h: fc.nat(2), w: fc.nat(2) }),
      { maxLength: 3 },
    ),
    tablePart: fc.boolean(),
    damage: fc.option(fc.nat(), { freq: 6 }),
  })
  .map(({ prefixed, declaration, rows, merges, tablePart, damage }) => {
    const p = prefixed ? 'x:' : '';
    let row = 0;
    const body = rows
      .map(({ gap, numbered, cells, comment }) => {
        row += gap;
        let col = 0;
        const cs = cells
          .map(({ skip, written, cell }) => {
            col += 1 + skip;
            const ref = written ? ` r="${String.fromCharCode(64 + col)}${row}"` : '';
            if (!written) col -= skip; // a cell without its reference is the next column
            // Rebuild the body with this sheet's prefix.
            return `<${p}c${ref}${cell.attrs}>${cell.body.replace(/<(\/?)(?!!\[)/g, `<$1${p}`)}</${p}c>`;
          })
          .join('');
        const note = comment ? `<!-- a note </${p}row> -->` : '';
        return cs ? `<${p}row${numbered ? ` r="${row}"` : ''}>${cs}</${p}row>${note}` : `<${p}row r="${row}"/>`;
      })
      .join('\n');
    const mergeXml = merges.length
      ? `<${p}mergeCells>${merges.map((m) => `<${p}mergeCell ref="${String.fromCharCode(64 + m.left)}${m.top}:${String.fromCharCode(64 + m.left + m.w)}${m.top + m.h}"/>`).join('')}</${p}mergeCells>`
      : '';
    const tables = tablePart ? `<${p}tableParts count="1"><${p}tablePart r:id="rId1"/></${p}tableParts>` : '';
    let xml = `${declaration ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' : ''}<${p}worksheet xmlns${prefixed ? ':x' : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="r"><${p}dimension ref="A1:H30"/><${p}sheetData>${body}</${p}sheetData>${mergeXml}${tables}</${p}worksheet>`;
    // A damaged part: cut off somewhere.
    if (damage !== null) xml = xml.slice(0, damage % (xml.length + 1));
    // Nothing a piece could be cut inside: read in pieces, never whole again.
    const plain = damage === null && !xml.includes('<!');
    return { xml, plain };
  });

const pieceSizes = fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 60 });
const tableArea = fc.option(
  fc
    .record({
      top: fc.integer({ min: 1, max: 5 }),
      rows: fc.integer({ min: 1, max: 40 }),
      left: fc.integer({ min: 1, max: 3 }),
      cols: fc.nat(4),
    })
    .map(({ top, rows, left, cols }): Area => ({ top, bottom: top + rows, left, right: left + cols })),
  { nil: undefined },
);

test('random sheets read in random pieces read as they do whole (cells, formulas, problems, table parts)', async () => {
  await fc.assert(
    fc.asyncProperty(sheetXml, pieceSizes, tableArea, async ({ xml, plain }, sizes, table) => {
      const { sheet, whole: again } = await readInPieces(xml, sizes, table);
      expect(dump(sheet)).toEqual(dump(whole(xml, table)));
      if (plain) expect(again).toBe(false);
    }),
    { numRuns: 300 },
  );
});

test('a well-formed sheet is read in pieces, not whole again, wherever the pieces end', async () => {
  const rows = Array.from(
    { length: 40 },
    (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}" t="s"><v>${i % 3}</v></c></row>`,
  );
  const xml = `<?xml version="1.0"?><worksheet><sheetData>${rows.join('')}</sheetData><tableParts><tablePart r:id="rId9"/></tableParts></worksheet>`;
  await fc.assert(
    fc.asyncProperty(pieceSizes, async (sizes) => {
      const { sheet, whole: again } = await readInPieces(xml, sizes);
      expect(again).toBe(false);
      expect(dump(sheet)).toEqual(dump(whole(xml)));
    }),
    { numRuns: 200 },
  );
});

test('a piece cut inside CDATA or a comment gives up, and the part read whole says the same', async () => {
  const xml = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[x</row>y]]></t></is></c></row><!-- </row> --><row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>`;
  // One piece ending right after the </row> inside the CDATA, one after the one in the comment.
  const inCdata = xml.indexOf('</row>') + '</row>'.length;
  const inComment = xml.indexOf('</row> -->') + '</row>'.length;
  for (const cut of [inCdata, inComment]) {
    const { sheet, whole: again } = await readInPieces(xml, [cut]);
    expect(again).toBe(true);
    expect(dump(sheet)).toEqual(dump(whole(xml)));
  }
  expect(dump(whole(xml))).toContain('1,1="x</row>y" f=');
});

test('a damaged sheet read in pieces reports what it reports whole (here: an element never closed)', async () => {
  const xml = `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`;
  const { sheet } = await readInPieces(xml, [30, 30, 30]);
  expect(dump(sheet)).toEqual(dump(whole(xml)));
  expect(sheet.problems.map((p) => p.message.en).join(' ')).toMatch(/never closed|not closed|sheetData/i);
});

test('afterLastRowEnd: the end of the last row close tag, prefixed or not; -1 without one', () => {
  const at = (s: string) => afterLastRowEnd(utf8Bytes(s), utf8Bytes(s).length);
  expect(at('<row><c/></row><row>')).toBe('<row><c/></row>'.length);
  expect(at('<x:row></x:row>tail')).toBe('<x:row></x:row>'.length);
  expect(at('<row r="1"/><rows></rows>')).toBe(-1);
  expect(at('</row')).toBe(-1);
  expect(at('')).toBe(-1);
  // Only a '>' at `from` or after counts; the tag itself may begin before it.
  const b = utf8Bytes('<row></row><row><c/></row>');
  expect(afterLastRowEnd(b, b.length, b.length - 1)).toBe(b.length);
  expect(afterLastRowEnd(b, '<row></row><row><c/>'.length, 6)).toBe('<row></row>'.length);
  expect(afterLastRowEnd(b, '<row></row><row><c/>'.length, '<row></row>'.length)).toBe(-1);
});

test('a row longer than many pieces is read in time linear in its length', async () => {
  // One row of 3 MB (16,000 cells of 180 characters), in pieces of 64 bytes: each piece's bytes
  // are searched once. Searched again from the row's start with each piece, it took minutes.
  const cells = Array.from({ length: 16_000 }, () => `<c t="inlineStr"><is><t>${'x'.repeat(180)}</t></is></c>`).join('');
  const xml = `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;
  const sizes = new Array<number>(Math.ceil(xml.length / 64)).fill(64);
  const { sheet, whole: again } = await readInPieces(xml, sizes);
  expect(again).toBe(false);
  expect(sheet.grid.entries(1)).toHaveLength(16_000);
});
