/**
 * The reader's bounds and the minor findings of issue #12, one by one: merges and row order
 * against brute-force implementations written here, XML that does not nest, the DOCTYPE
 * trick, long character references, UTF-16 parts, shared-string indexes that point at
 * nothing, duplicate and zip-slip part names, and Config settings without a saved value.
 */
import fc from 'fast-check';
import { makeClientCopy } from '../../src/io/clientCopy';
import { blankMergedCells, Area } from '../../src/io/mergedCells';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { parseWorksheet } from '../../src/io/xlsxSheet';
import { XmlScanner, decodeXmlText } from '../../src/io/xmlScan';
import { inspectXlsx } from '../../src/io/zipGuard';
import { repack, unpack, writeZip } from '../io/zipCraft';
import { sampleBytes } from './hostileFiles';

const ctx = { sharedStrings: ['zero', 'one', 'two'], dateStyles: [], date1904: false };

/** Every cell of a parsed sheet as "r,c=value". */
function cellsOf(xml: string): string[] {
  const { grid } = parseWorksheet('S', xml, ctx);
  const out: string[] = [];
  for (let r = 1; r <= grid.lastRow; r++) for (const [c, v] of grid.entries(r)) out.push(`${r},${c}=${JSON.stringify(v)}`);
  return out;
}

const sheet = (rows: string) => `<worksheet><sheetData>${rows}</sheetData></worksheet>`;

describe('merged cells', () => {
  /** The obvious way: keep ranges in order (top, then left) unless they overlap one kept; blank every covered cell but a range's top-left. */
  function bruteForce(cells: [number, number][], areas: Area[]): string[] {
    const inside = (a: Area, r: number, c: number) => r >= a.top && r <= a.bottom && c >= a.left && c <= a.right;
    const overlap = (a: Area, b: Area) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
    const sorted = [...areas]
      .filter((a) => !(a.top === a.bottom && a.left === a.right))
      .sort((a, b) => a.top - b.top || a.left - b.left);
    const kept: Area[] = [];
    for (const a of sorted) if (!kept.some((k) => overlap(k, a))) kept.push(a);
    return cells
      .filter(([r, c]) => !kept.some((a) => inside(a, r, c) && !(a.top === r && a.left === c)))
      .map(([r, c]) => `${r},${c}`);
  }

  test('agree with the brute force on random sheets', () => {
    const area = fc
      .tuple(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
      )
      .map(([top, left, h, w]) => ({ top, left, bottom: top + h, right: left + w }));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 14 })), {
          selector: ([r, c]) => `${r},${c}`,
        }),
        fc.array(area, { maxLength: 12 }),
        (cellList, areas) => {
          const cells = [...cellList].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          const rows: ({ cols: number[]; vals: number[] } | undefined)[] = [];
          for (const [r, c] of cells) {
            const row = (rows[r] ??= { cols: [], vals: [] });
            row.cols.push(c);
            row.vals.push(c);
          }
          const present = [...new Set(cells.map(([r]) => r))];
          const lastCol = Math.max(0, ...cells.map(([, c]) => c));
          blankMergedCells(rows, present, lastCol, areas);
          const left: string[] = [];
          for (const r of present) for (const c of rows[r]!.cols) left.push(`${r},${c}`);
          expect(left).toEqual(bruteForce(cells, areas));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a whole sheet in any order, rows split and repeated, cells written twice, with merges: as the brute force says', () => {
    const area = fc
      .tuple(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
      )
      .map(([top, left, h, w]) => ({ top, left, bottom: top + h, right: left + w }));
    fc.assert(
      fc.property(
        // Cells in file order (a place may come twice: the later value wins), each in its own <row> element.
        fc.array(fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 })), { maxLength: 40 }),
        fc.array(area, { maxLength: 6 }),
        (written, areas) => {
          const merges = areas.map((a) => `<mergeCell ref="${colLetters(a.left)}${a.top}:${colLetters(a.right)}${a.bottom}"/>`);
          const rows = written.map(([r, c], k) => `<row r="${r}"><c r="${colLetters(c)}${r}"><v>${k}</v></c></row>`);
          const xml = `<worksheet><sheetData>${rows.join('')}</sheetData><mergeCells>${merges.join('')}</mergeCells></worksheet>`;
          const last = new Map<string, number>();
          written.forEach(([r, c], k) => last.set(`${r},${c}`, k));
          const places = [...last.keys()].map((k) => k.split(',').map(Number) as [number, number]);
          places.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          const expected = bruteForce(places, areas).map((rc) => `${rc}=${last.get(rc)}`);
          expect(cellsOf(xml)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('5,000 repeated whole-sheet ranges over a full-height sheet: one kept, one problem', () => {
    const merges = '<mergeCell ref="A1:XFD1048576"/>'.repeat(5000) + '<mergeCell ref="B2:C3"/>';
    const xml = `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="1048576"><c r="A1048576"><v>3</v></c></row></sheetData><mergeCells>${merges}</mergeCells></worksheet>`;
    const { grid, problems } = parseWorksheet('S', xml, ctx);
    expect(grid.entries(1)).toEqual([[1, 1]]);
    expect(grid.entries(1048576)).toEqual([]);
    expect(problems.map((p) => p.message.en)).toEqual([expect.stringMatching(/1 merged ranges overlap/)]);
  });
});

describe('cell order and coordinates', () => {
  test('cells written out of column order read as if in order; of two at one place the later wins', () => {
    const cols = [5, 3, 9, 1, 3, 7];
    const row = cols.map((c, k) => `<c r="${String.fromCharCode(64 + c)}1"><v>${k}</v></c>`).join('');
    expect(cellsOf(sheet(`<row r="1">${row}</row>`))).toEqual(['1,1=3', '1,3=4', '1,5=0', '1,7=5', '1,9=2']);
  });

  test('any order of a row’s cells gives the same grid (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 16384 }), { minLength: 1, maxLength: 60 }), (cols) => {
        const xml = (order: number[]) =>
          sheet(`<row r="2">${order.map((c) => `<c r="${colLetters(c)}2"><v>${c}</v></c>`).join('')}</row>`);
        expect(cellsOf(xml(cols))).toEqual(cellsOf(xml([...cols].sort((a, b) => a - b))));
      }),
    );
  });

  test('a cell beyond XFD or row 1,048,576 is left out with an error; the rest is read', () => {
    const { grid, problems } = parseWorksheet(
      'S',
      sheet(
        '<row r="1"><c r="A1"><v>1</v></c><c r="XFE1"><v>2</v></c></row><row r="1048577"><c r="A1048577"><v>3</v></c></row><row r="4"><c r="B4"><v>4</v></c></row>',
      ),
      ctx,
    );
    expect(grid.entries(1)).toEqual([[1, 1]]);
    expect(grid.entries(4)).toEqual([[2, 4]]);
    expect(problems.map((p) => p.severity)).toEqual(['error', 'error']);
    expect(problems.map((p) => p.message.en).join('\n')).toMatch(/XFE1 lies outside.*\n.*row 1048577 lies outside/);
  });

  test('a shared-string index the workbook does not hold is an error at its cell, not a silent blank', () => {
    const { grid, problems } = parseWorksheet('S', sheet('<row r="3"><c r="C3" t="s"><v>7</v></c></row>'), ctx);
    expect(grid.entries(3)).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        cell: 'C3',
        message: expect.objectContaining({ en: expect.stringMatching(/shared text number 7, but the workbook holds only 3/) }),
      }),
    ]);
  });
});

function colLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

describe('XML', () => {
  const fault = (xml: string) => {
    const s = new XmlScanner(xml);
    while (s.next());
    return s.malformed?.what.en;
  };

  test('the scanner checks nesting and says where it breaks, without throwing', () => {
    expect(fault('<a><b/><c>x</c></a>')).toBeUndefined();
    expect(fault('<a><b></a>')).toMatch(/<b> is not closed before <\/a>/);
    expect(fault('<a></b></a>')).toMatch(/<\/b> closes nothing/);
    expect(fault('<a><b>')).toMatch(/is never closed/);
    expect(fault('<a><b attr="x')).toMatch(/a tag that never ends/);
    expect(fault('<a><!-- no end')).toMatch(/never ends/);
  });

  test('a sheet whose XML breaks is read up to the break, with an error that says where', () => {
    const { grid, problems } = parseWorksheet(
      'S',
      sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v>'),
      ctx,
    );
    expect(grid.entries(1)).toEqual([[1, 1]]);
    expect(problems[0].message.en).toMatch(/damaged near character \d+/);
    // The fault itself is in Chinese in the zh message (it once stayed English there).
    expect(problems[0].message.zh).toMatch(/第 \d+ 个字符附近损坏（<c> 在 <\/sheetData> 之前没有结束）/);
  });

  test('a DOCTYPE’s internal subset is skipped whole: markup in an entity value is not read as shared strings', async () => {
    const sst =
      '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x "<si><t>fake</t></si>"> <!-- > --> <!ATTLIST si a CDATA "]>">]>' +
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>first</t></si><si><t>second</t></si></sst>';
    const s = new XmlScanner(sst);
    const { parseSharedStrings } = await import('../../src/io/xlsxPackage');
    expect(parseSharedStrings(s)).toEqual(['first', 'second']);
    expect(s.malformed).toBeUndefined();
  });

  test('a long character reference does not stop the decoding of later ones', () => {
    expect(decodeXmlText('&#0000000000000065; &amp; &lt;b&gt;')).toBe('A & <b>');
    expect(decodeXmlText('&#99999999999999999999; &amp;')).toBe('&#99999999999999999999; &');
    expect(decodeXmlText('a & b &amp; c')).toBe('a & b & c');
    expect(decodeXmlText('&unknown; &quot;')).toBe('&unknown; "');
  });
});

describe('package parts', () => {
  test('UTF-16 parts (LE and BE, with a byte-order mark) read exactly as their UTF-8 original', async () => {
    const base = await sampleBytes();
    const original = await readWorkbookBuffer(base, 'a.xlsx');
    for (const encoding of ['utf16le', 'utf16be'] as const) {
      const bytes = await repack(base, (name, text) => {
        if (!/^xl\/(worksheets\/sheet\d+|sharedStrings|workbook)\.xml$/.test(name)) return null;
        const xml = text().replace(/encoding="UTF-8"/, 'encoding="UTF-16"');
        const le = Buffer.from('\ufeff' + xml, 'utf16le');
        return new Uint8Array(encoding === 'utf16le' ? le : le.swap16());
      });
      const read = await readWorkbookBuffer(bytes, 'b.xlsx');
      expect(read.ok && original.ok && read.snapshot).toEqual(original.ok && original.snapshot);
    }
  });

  test('duplicate part names and zip-slip names are refused (exit 2) by evaluate and client-copy alike', async () => {
    const parts = await unpack(await sampleBytes());
    const sheet1 = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
    const cases: [string, { name: string; data: Uint8Array | string }[], RegExp][] = [
      ['a duplicate', [...parts, { ...sheet1 }], /two parts named xl\/worksheets\/sheet1\.xml/],
      ['a duplicate in another case', [...parts, { ...sheet1, name: 'XL/Worksheets/Sheet1.xml' }], /two parts named/],
      ['../', [...parts, { name: '../../evil.sh', data: 'echo' }], /"\.\.\/\.\.\/evil\.sh", a path that points outside/],
      ['an absolute name', [...parts, { name: '/etc/cron.d/x', data: 'x' }], /points outside/],
      ['a backslash', [...parts, { name: '..\\evil.bat', data: 'x' }], /points outside/],
    ];
    for (const [label, entries, message] of cases) {
      const bytes = writeZip(entries).bytes;
      const check = await inspectXlsx(bytes, `${label}.xlsx`);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.reason.message.en).toMatch(message);
      const read = await readWorkbookBuffer(bytes, `${label}.xlsx`);
      expect(read.ok).toBe(false);
      const copy = await makeClientCopy(bytes, `${label}.xlsx`, { locale: 'en-US', when: new Date(0) });
      expect(copy.ok).toBe(false);
    }
  });
});

describe('Config', () => {
  test('a setting whose formula was never calculated uses the default and says so at its cell', async () => {
    const base = await sampleBytes();
    // The sample names AttractivenessThreshold = Config!$B$7: that cell becomes a formula saved without its result.
    const bytes = await repack(base, (name, text) =>
      name === 'xl/worksheets/sheet8.xml' ? text().replace(/<c r="B7"[^>]*?(\/>|>.*?<\/c>)/, '<c r="B7"><f>40+10</f></c>') : null,
    );
    const read = await readWorkbookBuffer(bytes, 'c.xlsx');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.snapshot.settingCells?.AttractivenessThreshold).toEqual({ sheet: 'Config', cell: 'B7' });
    const p = read.snapshot.problems.find((x) => /AttractivenessThreshold/.test(x.message.en));
    expect(p).toMatchObject({ severity: 'warning', sheet: 'Config', cell: 'B7' });
    expect(p!.message.en).toMatch(/never calculated .* so the default 50 is used/);
    expect(p!.message.zh).toMatch(/从未计算.*默认值 50/);
  });
});
