/**
 * The package reader (xlsxPackage, xlsxSheet, xmlScan) on hand-made parts: every cell type,
 * shared strings, dates by format, shared formulas, merges, tables, namespaced XML; then the
 * same workbook written by ExcelJS and by our writer, and random tables compared with an
 * independent reading by ExcelJS (test/io/excelJsGrid.ts).
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readGrids, readWorkbookBuffer, snapshotOf } from '../../src/io/readWorkbook';
import { GridValue, SheetGrid, findTables } from '../../src/io/sheetTables';
import { heldColumns } from '../../src/model/tableColumns';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { XlsxParts, decodeXstring, isDateFormat, parseSharedStrings } from '../../src/io/xlsxPackage';
import { expectedCells, parseWorksheet } from '../../src/io/xlsxSheet';
import { shiftFormula } from '../../src/engine/formulaText';
import { XmlScanner, decodeXmlText } from '../../src/io/xmlScan';
import { inspectXlsx } from '../../src/io/zipGuard';
import { generateSample } from '../../src/model/sample';
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { excelJsGrids } from './excelJsGrid';
import { CraftEntry, writeZip } from './zipCraft';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

interface SheetPart {
  name: string;
  /** Inside <sheetData>…</sheetData>. */
  data: string;
  /** Before <sheetData> (a dimension). */
  before?: string;
  /** After </sheetData> (mergeCells, tableParts). */
  after?: string;
  /** Table parts, referenced from the sheet as rId1, rId2, … */
  tables?: string[];
}

type PkgOptions = {
  sheets: SheetPart[];
  sst?: string;
  numFmts?: string;
  xfs?: string[];
  workbookPr?: string;
  names?: string;
  extra?: CraftEntry[];
};

/** A package with the given sheets (sheetN.xml), shared strings and cell formats. */
function pkg(opts: PkgOptions): Uint8Array {
  return pkgZip(opts).bytes;
}

/** The package and where each part's headers lie (parts: content types, rels, workbook, its rels, sst, styles, sheets…, extra). */
function pkgZip(opts: PkgOptions) {
  const parts: CraftEntry[] = [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data:
        `<workbook xmlns="${MAIN}" xmlns:r="${REL}">${opts.workbookPr ?? ''}<sheets>` +
        opts.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        `</sheets>${opts.names ?? ''}</workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        `<Relationships xmlns="${PKG}">` +
        opts.sheets
          .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
          .join('') +
        `<Relationship Id="rS" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>` +
        `<Relationship Id="rT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    },
    { name: 'xl/sharedStrings.xml', data: `<sst xmlns="${MAIN}">${opts.sst ?? ''}</sst>` },
    {
      name: 'xl/styles.xml',
      data:
        `<styleSheet xmlns="${MAIN}"><numFmts>${opts.numFmts ?? ''}</numFmts>` +
        `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
        `<cellXfs>${(opts.xfs ?? ['<xf numFmtId="0"/>']).join('')}</cellXfs></styleSheet>`,
    },
  ];
  let tableNo = 0;
  opts.sheets.forEach((s, i) => {
    parts.push({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}">${s.before ?? ''}<sheetData>${s.data}</sheetData>${s.after ?? ''}</worksheet>`,
    });
    if (s.tables?.length) {
      const rels = s.tables.map((t) => {
        tableNo++;
        parts.push({ name: `xl/tables/table${tableNo}.xml`, data: t });
        return `<Relationship Id="rId${rels0(t)}" Type="${REL}/table" Target="../tables/table${tableNo}.xml"/>`;
      });
      parts.push({
        name: `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
        data: `<Relationships xmlns="${PKG}">${rels.join('')}</Relationships>`,
      });
    }
  });
  return writeZip([...parts, ...(opts.extra ?? [])]);
}
const rels0 = (t: string) => /<!--rid:(\d+)-->/.exec(t)?.[1] ?? '1';

async function gridsOf(bytes: Uint8Array): Promise<SheetGrid[]> {
  const check = await inspectXlsx(bytes, 'test.xlsx');
  if (!check.ok) throw new Error(check.reason.message.en);
  return (await readGrids(new XlsxParts(bytes, check.entries, 'test.xlsx', true, 1 << 28))).sheets;
}

const row = (r: number, cells: string) => `<row r="${r}">${cells}</row>`;

describe('cells', () => {
  test('every cell type', async () => {
    const [g] = await gridsOf(
      pkg({
        sst: '<si><t>Acme</t></si><si><t>  </t></si>',
        sheets: [
          {
            name: 'S',
            data:
              row(1, '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>99</v></c>') +
              row(
                2,
                '<c r="A2"><v>42</v></c><c r="B2" t="n"><v>-1.5E3</v></c><c r="C2"><v>0.25</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c>',
              ) +
              row(
                3,
                '<c r="A3" t="e"><v>#N/A</v></c><c r="B3" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="C3" t="inlineStr"><is><t>inline &lt;b&gt;</t></is></c>' +
                  '<c r="D3" t="inlineStr"><is><r><rPr><b/></rPr><t>ri</t></r><r><t xml:space="preserve"> ch</t></r><rPh><t>ignored</t></rPh></is></c>',
              ) +
              row(
                4,
                '<c r="A4"><f>1/0</f><v>#DIV/0!</v></c><c r="B4"><f>SUM(A1:A3)</f></c><c r="C4" t="str"><f>""</f><v></v></c><c r="D4" s="0"/>',
              ) +
              row(5, '<c t="s"><v>0</v></c><c><v>7</v></c><c r="E5" t="d"><v>2026-03-05T12:00:00</v></c>'),
          },
        ],
      }),
    );
    expect([1, 2, 3].map((c) => g.value(1, c))).toEqual(['Acme', null, null]);
    expect([1, 2, 3, 4, 5].map((c) => g.value(2, c))).toEqual([42, -1500, 0.25, true, false]);
    expect([1, 2, 3, 4].map((c) => g.value(3, c))).toEqual([{ flag: 'error', code: '#N/A' }, 'xy', 'inline <b>', 'ri ch']);
    // A formula whose saved result is not a number reads as the error Excel shows.
    expect(g.value(4, 1)).toEqual({ flag: 'error', code: '#NUM!' });
    expect(g.value(4, 2)).toEqual({ flag: 'uncalculated' });
    expect(g.value(4, 3)).toBeNull();
    expect(g.formula(3, 2)).toBe('"x"&"y"');
    expect(g.formula(4, 2)).toBe('SUM(A1:A3)');
    expect(g.formula(1, 1)).toBeUndefined();
    // Cells without r follow one another from column A; 2026-03-05 12:00 = 46086.5 (46086 = 2026-03-05, see readWorkbook tests).
    expect(g.entries(5)).toEqual([
      [1, 'Acme'],
      [2, 7],
      [5, 46086.5],
    ]);
    expect(g.lastRow).toBe(5);
    expect(g.entries(4).map(([c]) => c)).toEqual([1, 2]);
  });

  test('namespace prefixes, comments, CDATA, character references and an XML declaration', async () => {
    const sheet =
      `<?xml version="1.0" encoding="UTF-8"?><!-- made by hand --><x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
      `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t><![CDATA[a<b & c]]></x:t></x:is></x:c>` +
      `<x:c r="B1" t="inlineStr"><x:is><x:t>&#20013;&#x6587; &amp; &quot;q&quot; &apos;</x:t></x:is></x:c><!-- <x:c r="C1"><x:v>9</x:v></x:c> -->` +
      `<x:c r='D1' s='0'><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const bytes = pkg({ sheets: [{ name: 'S', data: '' }] });
    const { repack } = await import('./zipCraft');
    const [g] = await gridsOf(await repack(bytes, (n) => (n === 'xl/worksheets/sheet1.xml' ? sheet : null)));
    expect(g.entries(1)).toEqual([
      [1, 'a<b & c'],
      [2, '中文 & "q" \''],
      [4, 3],
    ]);
  });

  test('shared strings: rich-text runs joined, phonetic guides left out, entities, escapes and spaces kept', () => {
    const sst = parseSharedStrings(
      `<sst xmlns="${MAIN}"><si><t>plain</t></si><si><r><t>Big </t></r><r><rPr><b/></rPr><t>Deal</t></r></si>` +
        `<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si><t>R&amp;D &lt;1&gt; &#x4E2D;</t></si>` +
        `<si><t>line_x000D_&#10;two</t></si><si><t xml:space="preserve">  padded  </t></si><si/><si><t>a_x005F_x0041_</t></si></sst>`,
    );
    expect(sst).toEqual(['plain', 'Big Deal', '東京', 'R&D <1> 中', 'line\r\ntwo', '  padded  ', '', 'a_x0041_']);
    expect(decodeXmlText('a\r\nb\rc&amp;')).toBe('a\nb\nc&');
  });

  test('shared strings: the usual <si><t>…</t></si> read in one step gives what the tag-by-tag reading gave', () => {
    // The reading before the one-step path (issue #15), kept as the oracle: every item tag by tag.
    const tagByTag = (xml: string) => {
      const out: string[] = [];
      const s = new XmlScanner(xml);
      let current: string | undefined;
      while (s.next()) {
        if (s.name === 'si') {
          if (s.kind === 'open') current = '';
          else if (s.kind === 'empty') out.push('');
          else if (current !== undefined) {
            out.push(decodeXstring(current));
            current = undefined;
          }
        } else if (current !== undefined && s.kind === 'open') {
          if (s.name === 't') current += s.text();
          else if (s.name === 'rPh') s.skipElement();
        }
      }
      return { out, malformed: s.malformed };
    };
    const item = fc.constantFrom(
      '<si><t>plain</t></si>',
      '<si><t>東京 中文</t></si>',
      '<si><t></t></si>',
      '<si><t xml:space="preserve">  padded  </t></si>',
      '<si><t xml:space="preserve"></t></si>',
      '<si><t space="preserve">x</t></si>',
      '<si><t>R&amp;D &lt;1&gt;</t></si>',
      '<si><t>a\r\nb</t></si>',
      '<si><t>line_x000D_two</t></si>',
      '<si><t/></si>',
      '<si/>',
      '<si><r><t>Big </t></r><r><t>Deal</t></r></si>',
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>',
      '<x:si><x:t>prefixed</x:t></x:si>',
      '<si><t>two</t><t>runs</t></si>',
      '<si>\n<t>spaced</t>\n</si>',
      '<si><t>cut',
      '<si><t>a</t></si >',
      '<si><t>a</t ></si>',
      '<si><t>a>b "q"</t></si>',
      '<si><t>a<![CDATA[<b>]]></t></si>',
      ' ',
      '<si><t>a</si>',
      '<si><t>a</t></t></si>',
      '</si>',
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), fc.boolean(), (items, cut) => {
        let xml = `<sst xmlns="${MAIN}">${items.join('')}</sst>`;
        if (cut) xml = xml.slice(0, Math.floor(xml.length / 2));
        const s = new XmlScanner(xml);
        const fast = parseSharedStrings(s);
        const old = tagByTag(xml);
        expect(fast).toEqual(old.out);
        expect(s.malformed).toEqual(old.malformed);
      }),
      { numRuns: 500 },
    );
  });

  test('merged cells: only the top-left keeps its value', async () => {
    const [g] = await gridsOf(
      pkg({
        sheets: [
          {
            name: 'S',
            data:
              row(1, '<c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c>') +
              row(2, '<c r="A2"><v>4</v></c><c r="B2"><v>5</v></c>'),
            after: '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>',
          },
        ],
      }),
    );
    expect(g.entries(1)).toEqual([
      [1, 1],
      [3, 3],
    ]);
    expect(g.entries(2)).toEqual([]);
    expect(g.value(2, 2)).toBeNull();
  });
});

describe('dates', () => {
  test('number formats that show dates or times', () => {
    for (const f of [
      'yyyy-mm-dd',
      'd-mmm-yy',
      '[$-409]d mmm yyyy',
      'h:mm AM/PM',
      '[h]:mm:ss',
      'YYYY/MM/DD',
      'yyyy"年"m"月"d"日"',
      'mm:ss.0',
    ])
      expect([f, isDateFormat(f)]).toEqual([f, true]);
    for (const f of [
      'General',
      '0.00',
      '#,##0',
      '0%',
      '"days" 0',
      '[Red]0.0',
      '0.00E+00',
      '#,##0_);(#,##0)',
      '@',
      '\\d0',
      '[$USD] #,##0',
    ])
      expect([f, isDateFormat(f)]).toEqual([f, false]);
  });

  test('built-in and custom date styles; the 1904 system moves only date cells', async () => {
    const xfs = [
      '<xf numFmtId="0"/>',
      '<xf numFmtId="14"/>',
      '<xf numFmtId="22"/>',
      '<xf numFmtId="164"/>',
      '<xf numFmtId="165"/>',
      '<xf numFmtId="47"/>',
      '<xf numFmtId="4"/>',
    ];
    const numFmts = '<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="&quot;Q&quot;0"/>';
    const data = row(
      1,
      [0, 1, 2, 3, 4, 5, 6]
        .map((s, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${s}"><v>${i === 2 ? '46086.25' : '46086'}</v></c>`)
        .join(''),
    );
    const [g1900] = await gridsOf(pkg({ xfs, numFmts, sheets: [{ name: 'S', data }] }));
    expect(g1900.entries(1).map(([, v]) => v)).toEqual([46086, 46086, 46086.25, 46086, 46086, 46086, 46086]);
    const [g1904] = await gridsOf(pkg({ xfs, numFmts, workbookPr: '<workbookPr date1904="1"/>', sheets: [{ name: 'S', data }] }));
    // 1462 days between 1900-01-00 and 1904-01-01: dates move, other numbers do not.
    expect(g1904.entries(1).map(([, v]) => v)).toEqual([46086, 47548, 47548.25, 47548, 46086, 47548, 46086]);
  });
});

describe('formulas', () => {
  test('shared formulas: each cell its saved result, its own text on demand; no result is uncalculated', async () => {
    const [g] = await gridsOf(
      pkg({
        sheets: [
          {
            name: 'S',
            data:
              row(2, '<c r="A2"><v>1</v></c><c r="B2"><f t="shared" ref="B2:B4" si="0">A2*2+$A$1+Opp_Status</f><v>2</v></c>') +
              row(3, '<c r="A3"><v>2</v></c><c r="B3"><f t="shared" si="0"/><v>4</v></c>') +
              row(4, '<c r="A4"><v>3</v></c><c r="B4"><f t="shared" si="0"/></c>'),
          },
        ],
      }),
    );
    expect([g.value(2, 2), g.value(3, 2), g.value(4, 2)]).toEqual([2, 4, { flag: 'uncalculated' }]);
    expect(g.formula(2, 2)).toBe('A2*2+$A$1+Opp_Status');
    expect(g.formula(3, 2)).toBe('A3*2+$A$1+Opp_Status');
    expect(g.formula(4, 2)).toBe('A4*2+$A$1+Opp_Status');
  });

  test('shiftFormula moves relative references only', () => {
    expect(shiftFormula('SUM($A$1:A2)+"A1"&Sheet2!B3+Opp_Status+LOG10(C1)+$B5+C$6', 2, 1)).toBe(
      'SUM($A$1:B4)+"A1"&Sheet2!C5+Opp_Status+LOG10(D3)+$B7+D$6',
    );
    expect(shiftFormula("'My Sheet'!A1+CRM3.WINRATE(Opp_Status)", 1, 0)).toBe("'My Sheet'!A2+CRM3.WINRATE(Opp_Status)");
    expect(shiftFormula('A1', -1, 0)).toBe('#REF!');
  });
});

describe('tables and names', () => {
  test('table parts: name, range, totals row and column names; defined names with sheet scope', async () => {
    const table = `<table xmlns="${MAIN}" id="1" name="Table1" displayName="tblAccounts" ref="A1:B3" totalsRowCount="1"><autoFilter ref="A1:B2"/><tableColumns count="2"><tableColumn id="1" name="AccountId"/><tableColumn id="2" name="Account_x000a_Name"/></tableColumns></table>`;
    const [g] = await gridsOf(
      pkg({
        sheets: [
          {
            name: 'Data',
            data: row(1, '<c r="A1" t="inlineStr"><is><t>AccountId</t></is></c>'),
            after: '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>',
            tables: [table],
          },
        ],
      }),
    );
    expect(g.listObjects).toEqual([
      { name: 'tblAccounts', top: 1, left: 1, bottom: 3, right: 2, totalsRow: true, columnNames: ['AccountId', 'Account\nName'] },
    ]);
  });

  test('a whole workbook read end to end: defined names, sheet-scoped names, tables', async () => {
    const names =
      '<definedNames><definedName name="AsOfDate">Config!$B$1</definedName><definedName name="Currency" localSheetId="1">"CNY"</definedName><definedName name="_xlnm._FilterDatabase" hidden="1">Accounts!$A$1:$B$2</definedName></definedNames>';
    const r = await readWorkbookBuffer(
      pkg({
        names,
        xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="14"/>'],
        sheets: [
          {
            name: 'Accounts',
            data:
              row(
                1,
                '<c r="A1" t="inlineStr"><is><t>AccountId</t></is></c><c r="B1" t="inlineStr"><is><t>AccountName</t></is></c>',
              ) +
              row(2, '<c r="A2" t="inlineStr"><is><t>A1</t></is></c><c r="B2" t="inlineStr"><is><t>Acme &amp; Co</t></is></c>'),
          },
          {
            name: 'Config',
            data: row(1, '<c r="A1" t="inlineStr"><is><t>AsOfDate</t></is></c><c r="B1" s="1"><v>46352</v></c>'),
          },
        ],
      }),
      'end-to-end.xlsx',
    );
    if (!r.ok) throw new Error(r.reason.message.en);
    expect(r.snapshot.tables.Accounts?.rows).toEqual([['A1', 'Acme & Co']]);
    expect(r.snapshot.settings.AsOfDate).toBe(46352);
    expect(r.snapshot.settings.Currency).toBe('CNY');
  });
});

/** What a reader makes of a snapshot: the parts a workbook's content decides. */
function content(s: WorkbookSnapshot) {
  return { tables: s.tables, config: s.config, settings: s.settings, settingCells: s.settingCells, problems: s.problems };
}

describe('parts are verified as they are read', () => {
  const opts: PkgOptions = {
    sheets: [
      {
        name: 'Accounts',
        data: row(1, '<c r="A1" t="inlineStr"><is><t>AccountId</t></is></c>') + row(2, '<c r="A2"><v>1</v></c>'),
      },
    ],
    extra: [{ name: 'xl/theme/theme1.xml', data: '<theme/>'.repeat(50) }],
  };
  const good = pkgZip(opts);
  const patched = (part: number, offset: number, value: number) => {
    const bytes = Buffer.from(good.bytes);
    bytes.writeUInt32LE(value, good.records[part].central + offset);
    return new Uint8Array(bytes);
  };

  test('a good package reads', async () => {
    const r = await readWorkbookBuffer(good.bytes, 'good.xlsx');
    expect(r.ok).toBe(true);
  });

  test.each([
    ['the sheet, which is parsed', 6],
    ['the theme, which is not', 7],
  ])('a wrong checksum in %s: corrupt', async (_, part) => {
    const r = await readWorkbookBuffer(patched(part, 16, 0x12345678), 'crc.xlsx');
    expect(r.ok ? '' : r.reason.code).toBe('corrupt');
    expect(r.ok ? '' : r.reason.message.en).toMatch(/fails its checksum/);
  });

  test('a part that expands beyond its declared size: zip-bomb; a shorter one: corrupt', async () => {
    const big = await readWorkbookBuffer(patched(6, 24, 10), 'bomb.xlsx');
    expect(big.ok ? '' : big.reason.code).toBe('zip-bomb');
    const short = await readWorkbookBuffer(patched(7, 24, 10_000), 'short.xlsx');
    expect(short.ok ? '' : short.reason.message.en).toMatch(/holds 400 bytes, not the 10000/);
  });

  test('without verifyContents the same damage goes unnoticed in parts never read', async () => {
    const r = await readWorkbookBuffer(patched(7, 16, 0x12345678), 'crc.xlsx', { verifyContents: false });
    expect(r.ok).toBe(true);
  });
});

describe('the same workbook written by ExcelJS and by our writer', () => {
  test.each(['en-US', 'zh-CN'] as const)('%s: read identically', async (locale) => {
    const snap = generateSample({ locale, size: 40, seed: 3 });
    const ours = await writeWorkbook(snap, { locale });
    // ExcelJS rewrites our package in its own way: its XML, its shared strings, its styles.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ours as unknown as ArrayBuffer);
    const theirs = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const a = await readWorkbookBuffer(ours, 'ours.xlsx');
    const b = await readWorkbookBuffer(theirs, 'exceljs.xlsx');
    if (!a.ok || !b.ok) throw new Error('unreadable');
    expect(content(b.snapshot)).toEqual(content(a.snapshot));
    // And our writer keeps the data: every table reads back as the snapshot it was written from.
    for (const [name, t] of Object.entries(snap.tables))
      expect([name, a.snapshot.tables[name as keyof typeof snap.tables]?.rows.length]).toEqual([name, t!.rows.length]);
  });
});

describe('our writer and reader round trip awkward text', () => {
  test('control characters, _xHHHH_ look-alikes, line breaks, spaces, XML specials, CJK and emoji', async () => {
    const awkward = [
      'a\u0001b\u001fc',
      'keep _x0041_ literal',
      'two\r\nlines\rand\nmore',
      '  padded  ',
      '<tag> & "q" \'s\'',
      '中文 😀',
      'tab\there',
    ];
    const snap: WorkbookSnapshot = {
      tables: {
        Accounts: {
          sheet: 'Accounts',
          origin: { row: 1, col: 1 },
          headers: ['AccountId', 'AccountName'],
          rows: awkward.map((t, i) => [`A${i}`, t]),
        },
      },
      config: {},
      settings: {},
      problems: [],
    };
    const r = await readWorkbookBuffer(await writeWorkbook(snap, { locale: 'en-US' }), 'awkward.xlsx');
    if (!r.ok) throw new Error(r.reason.message.en);
    expect(r.snapshot.tables.Accounts!.rows.map((row) => row[1])).toEqual(awkward);
  });
});

// ---------------------------------------------------------------- random tables vs ExcelJS

type RandomCell =
  | { kind: 'text'; v: string }
  | { kind: 'number'; v: number }
  | { kind: 'date'; v: number }
  | { kind: 'bool'; v: boolean }
  | { kind: 'rich'; v: string[] }
  | { kind: 'formula'; f: string; result?: number | string }
  | { kind: 'error'; v: string }
  | { kind: 'blank' };

// A formula saved with the result "" is left out: ExcelJS takes it for never calculated, we read
// it as the blank Excel shows (the 'every cell type' test checks ours).
// Text without control characters or _xHHHH_ (ExcelJS does not escape either) and without CR (XML turns it into LF).
const text = fc
  .string({
    unit: fc.constantFrom('a', 'Z', ' ', '<', '&', '"', "'", '>', '中', '文', '😀', '\t', '\n', '_', 'x', '0', '=', '-'),
    maxLength: 12,
  })
  .filter((s) => !/_x[0-9a-fA-F]{4}_/.test(s));
const cell: fc.Arbitrary<RandomCell> = fc.oneof(
  text.map((v) => ({ kind: 'text' as const, v })),
  fc
    .oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }))
    .map((v) => ({ kind: 'number' as const, v })),
  fc.integer({ min: 1, max: 80_000 * 24 }).map((h) => ({ kind: 'date' as const, v: h / 24 })),
  fc.boolean().map((v) => ({ kind: 'bool' as const, v })),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((v) => ({ kind: 'rich' as const, v })),
  fc
    .record({
      f: fc.constantFrom('A1*2', 'SUM($A$1:A2)', 'Opp_Status'),
      result: fc.option(
        fc.oneof(
          fc.integer(),
          // A calculated 0 is a result, not "never calculated" (once read as such by the oracle).
          fc.constant(0),
          text.filter((t) => t !== ''),
        ),
        { nil: undefined },
      ),
    })
    .map((r) => ({ kind: 'formula' as const, ...r })),
  fc.constantFrom('#N/A', '#REF!', '#DIV/0!').map((v) => ({ kind: 'error' as const, v })),
  fc.constant({ kind: 'blank' as const }),
);

function excelJsValue(c: RandomCell): ExcelJS.CellValue {
  switch (c.kind) {
    case 'text':
    case 'number':
    case 'bool':
      return c.v;
    case 'date':
      return new Date(Math.round((c.v - 25569) * 86_400_000));
    case 'rich':
      return { richText: c.v.map((t, i) => ({ text: t, font: i % 2 ? { bold: true } : {} })) };
    case 'formula':
      return c.result === undefined ? { formula: c.f, date1904: false } : { formula: c.f, result: c.result, date1904: false };
    case 'error':
      return { error: c.v } as ExcelJS.CellErrorValue;
    case 'blank':
      return null;
  }
}

function allCells(
  g: SheetGrid,
  width: number,
): { values: GridValue[][]; formulas: (string | undefined)[][]; entries: unknown[] } {
  const values: GridValue[][] = [];
  const formulas: (string | undefined)[][] = [];
  const entries: unknown[] = [];
  for (let r = 1; r <= g.lastRow; r++) {
    values.push(Array.from({ length: width }, (_, c) => g.value(r, c + 1)));
    formulas.push(Array.from({ length: width }, (_, c) => g.formula(r, c + 1)));
    entries.push(g.entries(r));
  }
  return { values, formulas, entries };
}

describe('random tables: the package reader agrees with ExcelJS', () => {
  test('values, formulas, entries, tables', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        fc.option(
          fc.record({
            top: fc.integer({ min: 1, max: 8 }),
            left: fc.integer({ min: 1, max: 6 }),
            h: fc.integer({ min: 0, max: 2 }),
            w: fc.integer({ min: 1, max: 2 }),
          }),
          { nil: undefined },
        ),
        async (rows, sharedStrings, withTable, merge) => {
          const width = Math.max(...rows.map((r) => r.length));
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet('Random');
          if (withTable) {
            ws.addTable({
              name: 'Accounts',
              ref: 'A1',
              headerRow: true,
              columns: Array.from({ length: width }, (_, i) => ({ name: `Col ${i + 1}` })),
              rows: [Array<null>(width).fill(null)],
            });
          }
          rows.forEach((r, i) =>
            r.forEach((c, j) => {
              const target = ws.getCell(i + (withTable ? 2 : 1), j + 1);
              target.value = excelJsValue(c);
              if (c.kind === 'date') target.numFmt = j % 2 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
            }),
          );
          // A merge (outside the table: Excel allows none inside one).
          if (merge && !withTable) ws.mergeCells(merge.top, merge.left, merge.top + merge.h, merge.left + merge.w);
          const bytes = new Uint8Array(
            (await wb.xlsx.writeBuffer({ useSharedStrings: sharedStrings } as ExcelJS.XlsxWriteOptions)) as ArrayBuffer,
          );
          const [ours] = await gridsOf(bytes);
          const [theirs] = await excelJsGrids(bytes);
          expect(ours.lastRow).toBe(theirs.lastRow);
          expect(allCells(ours, width)).toEqual(allCells(theirs, width));
          expect(ours.listObjects).toEqual(theirs.listObjects);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the usual cell body read in place', () => {
  // `<c …><v>…</v></c>` is read without walking its tags (issue #15); a space before `</c>`
  // (text between tags, which the reader skips) sends the same cell down the tag-by-tag path,
  // and a line end before `<c` (with a tab after it, and the row's r written otherwise) sends
  // its tag there too. All must give the same values and problems for any type and text.
  const raw = fc.oneof(
    fc.constantFrom('0', '7', '-0', '-12', '007', '123456789012345', '1234567890123456', '-', '', ' 12', '1.5', '-1.5E3'),
    fc.constantFrom('1e3', 'TRUE', '#N/A', 'a&amp;b', '&#65;', 'a\r\nb', 'x\ry', '2026-01-31', '2026-01-31T12:00:00', '99'),
    fc.integer({ min: -1e6, max: 1e6 }).map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  );
  const type = fc.constantFrom('', 's', 'n', 'b', 'e', 'str', 'inlineStr', 'd');
  test('any type and text, fast or tag by tag', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ t: type, v: raw, style: fc.constantFrom(0, 1) }), { minLength: 1, maxLength: 12 }),
        async (cells) => {
          const sheet = (slow: boolean, tagged = false) =>
            (tagged ? `<row spans="1:12" r='01'>` : '<row r="1">') +
            cells
              .map(
                (c, i) =>
                  `${tagged ? '\r\n<c\t' : '<c '}r="${String.fromCharCode(65 + i)}1"${c.t ? ` t="${c.t}"` : ''}${c.style ? ' s="1"' : ''}><v>${c.v}</v>${slow ? ' ' : ''}</c>`,
              )
              .join('') +
            '</row>';
          const bytes = pkg({
            sst: '<si><t>Acme</t></si><si><t> </t></si>',
            xfs: ['<xf numFmtId="0"/>', '<xf numFmtId="14"/>'],
            sheets: [
              { name: 'Fast', data: sheet(false) },
              { name: 'Slow', data: sheet(true) },
              { name: 'Tagged', data: sheet(true, true) },
            ],
          });
          const check = await inspectXlsx(bytes, 'test.xlsx');
          if (!check.ok) throw new Error(check.reason.message.en);
          const read = await readGrids(new XlsxParts(bytes, check.entries, 'test.xlsx', true, 1 << 28));
          const [fast, slow, tagged] = read.sheets;
          expect(allCells(fast, cells.length)).toEqual(allCells(slow, cells.length));
          expect(allCells(tagged, cells.length)).toEqual(allCells(slow, cells.length));
          const words = (sheet: string) =>
            read.problems.filter((p) => p.sheet === sheet).map((p) => p.message.en.replace(/\b(Fast|Slow|Tagged)\b/g, 'S'));
          expect(words('Fast')).toEqual(words('Slow'));
          expect(words('Tagged')).toEqual(words('Slow'));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("the cell list sized from the sheet's dimension", () => {
  // The reader sizes its cell arrays from <dimension ref> (issue #15), capped by what the part
  // can hold. Whatever the dimension claims (right, too small, too large, hostile, absent,
  // garbage), the cells read are the same; cells out of order still sort.
  const dimension = fc.constantFrom('', 'A1', 'A1:C4', 'A1:XFD1048576', 'B2:A1', 'zz', 'A1:Z99999');
  const place = fc.record({ r: fc.integer({ min: 1, max: 40 }), c: fc.integer({ min: 1, max: 6 }) });
  test('any dimension, any cells, in or out of order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: place, v: fc.integer({ min: -50, max: 50 }) }), { minLength: 0, maxLength: 120 }),
        dimension,
        fc.boolean(),
        async (cells, dim, sorted) => {
          const list = sorted ? [...cells].sort((a, b) => a.at.r - b.at.r || a.at.c - b.at.c) : cells;
          const data = list.map(
            (x) => `<row r="${x.at.r}"><c r="${String.fromCharCode(64 + x.at.c)}${x.at.r}"><v>${x.v}</v></c></row>`,
          );
          const bytes = pkg({
            sheets: [
              { name: 'Sized', data: data.join(''), before: dim ? `<dimension ref="${dim}"/>` : '' },
              { name: 'Plain', data: data.join('') },
            ],
          });
          const [sized, plain] = await gridsOf(bytes);
          expect(allCells(sized, 6)).toEqual(allCells(plain, 6));
          // The later of two cells at one place wins, as Excel would have it.
          const last = new Map(list.map((x) => [`${x.at.r}:${x.at.c}`, x.v]));
          for (const [k, v] of last) {
            const [r, c] = k.split(':').map(Number);
            expect(sized.value(r, c)).toBe(v);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('a dimension is a claim: the size never exceeds what the part could hold', () => {
    const head = '<worksheet><dimension ref="A1:XFD1048576"/><sheetData>';
    expect(expectedCells(head + '</sheetData></worksheet>')).toBeLessThanOrEqual(10);
    expect(expectedCells('<worksheet><dimension ref="A1:T50001"/>' + ' '.repeat(30_000_000))).toBe(20 * 50_001);
    expect(expectedCells('<worksheet><sheetData/></worksheet>')).toBe(1024);
    expect(expectedCells("<worksheet><x:dimension ref='B2:C3'/>" + ' '.repeat(1000))).toBe(4);
  });
});

describe("a table's cells scanned straight into its columns", () => {
  // When a sheet's table is known before its cells (readGrids reads its table parts first), the
  // cells in the table's area go straight into column arrays (issue #15). Whatever the cells
  // (any type, flags, out of order, twice at one place, outside the area, merged) and whatever
  // the area claims, the grid and the tables found must be those of the sheet read without it.
  const at = fc.record({ r: fc.integer({ min: 1, max: 10 }), c: fc.integer({ min: 1, max: 6 }) });
  const body = fc.constantFrom(
    '<v>12</v>',
    '<v>-1.5</v>',
    ' t="s"><v>0</v>',
    ' t="s"><v>9</v>',
    ' t="str"><v>Acme</v>',
    ' t="str"><v> </v>',
    ' t="e"><v>#N/A</v>',
    ' t="e"><v>#REF!</v>',
    '><f>A1*2</f>',
    '><f>B1</f>',
    ' t="b"><v>1</v>',
    '><v></v>',
    '/',
  );
  const area = fc.oneof(
    fc
      .record({
        top: fc.integer({ min: 1, max: 3 }),
        left: fc.integer({ min: 1, max: 2 }),
        w: fc.integer({ min: 0, max: 4 }),
        h: fc.integer({ min: 0, max: 12 }),
      })
      .map((a) => ({ top: a.top, left: a.left, right: a.left + a.w, bottom: a.top + a.h })),
    fc.constant({ top: 1, left: 1, right: 16384, bottom: 1048576 }),
  );
  const headers = ['AccountId', 'AccountName', 'Industry', 'Region', 'Owner', 'Notes', 'Extra'];
  test('the same grid, tables and problems with and without the columns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at, body }), { maxLength: 60 }),
        area,
        fc.boolean(),
        fc.option(fc.constantFrom('A1:B2', 'C5:D6', 'A9:A12'), { nil: undefined }),
        fc.boolean(),
        (cells, table, sorted, merge, padded) => {
          const list = sorted ? [...cells].sort((a, b) => a.at.r - b.at.r || a.at.c - b.at.c) : cells;
          const ref = (r: number, c: number) => `${String.fromCharCode(64 + c)}${r}`;
          const head = headers
            .slice(0, Math.min(7, table.right) - table.left + 1)
            .map((h, j) => `<c r="${ref(table.top, table.left + j)}" t="str"><v>${h}</v></c>`)
            .join('');
          const xml =
            // Padded, the part is long enough for its table to be held by column (an area is bounded by the part's length).
            `<worksheet>${padded ? `<!--${' '.repeat(2000)}-->` : ''}<sheetData><row r="${table.top}">${head}</row>` +
            list
              .map(
                (x) =>
                  `<row r="${x.at.r}"><c r="${ref(x.at.r, x.at.c)}"${x.body.startsWith('<') ? `>${x.body}</c>` : x.body === '/' ? '/>' : `${x.body}</c>`}</row>`,
              )
              .join('') +
            `</sheetData>${merge ? `<mergeCells><mergeCell ref="${merge}"/></mergeCells>` : ''}</worksheet>`;
          const ctx = { sharedStrings: ['Acme'], dateStyles: [], date1904: false };
          const read = (held: boolean) => {
            const parsed = parseWorksheet('Accounts', new TextEncoder().encode(xml), ctx, 'sheet1.xml', held ? table : undefined);
            // The whole sheet as a table is held as a grid (the part is too short for it): its
            // tables are not read here (a million rows to walk, with or without columns).
            if (table.bottom > 100) return { grid: allCells(parsed.grid, 8), problems: parsed.problems };
            parsed.grid.listObjects.push({ name: 'Accounts', ...table, totalsRow: false, columnNames: [] });
            const snapshot = snapshotOf([parsed.grid], [], {});
            return { grid: allCells(parsed.grid, 8), problems: parsed.problems, snapshot: JSON.parse(JSON.stringify(snapshot)) };
          };
          expect(read(true)).toEqual(read(false));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('the first table takes the columns, the grid still answers its cells, a second table gets its own', () => {
    // findTables may read a grid again after a table took its columns (a CRM export's mapping
    // report, a workbook read again as an export): the grid must answer its cells as read
    // (flagged ones too, which the table holds as blanks), and a second table must not share
    // the first one's arrays (each is cleaned in place later).
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.record({ r: fc.integer({ min: 2, max: 9 }), c: fc.integer({ min: 1, max: 4 }) }), body }), {
          maxLength: 40,
        }),
        fc.integer({ min: 2, max: 9 }),
        (cells, bottom) => {
          const area = { top: 1, left: 1, right: 4, bottom };
          const ref = (r: number, c: number) => `${String.fromCharCode(64 + c)}${r}`;
          const head = headers
            .slice(0, 4)
            .map((h, j) => `<c r="${ref(1, j + 1)}" t="str"><v>${h}</v></c>`)
            .join('');
          const xml =
            `<worksheet><!--${' '.repeat(2000)}--><sheetData><row r="1">${head}</row>` +
            cells
              .map(
                (x) =>
                  `<row r="${x.at.r}"><c r="${ref(x.at.r, x.at.c)}"${x.body.startsWith('<') ? `>${x.body}</c>` : x.body === '/' ? '/>' : `${x.body}</c>`}</row>`,
              )
              .join('') +
            '</sheetData></worksheet>';
          const ctx = { sharedStrings: ['Acme'], dateStyles: [], date1904: false };
          const grid = (held: boolean) => {
            const parsed = parseWorksheet('Accounts', new TextEncoder().encode(xml), ctx, 'sheet1.xml', held ? area : undefined);
            parsed.grid.listObjects.push({ name: 'Accounts', ...area, totalsRow: false, columnNames: [] });
            return parsed.grid;
          };
          const plain = grid(false);
          const held = grid(true);
          const cellsBefore = allCells(plain, 6);
          const found = (g: SheetGrid) => findTables([g], [], { maxRows: 100 });
          const expected = found(plain);
          const first = found(held);
          expect(allCells(held, 6)).toEqual(cellsBefore);
          const second = found(held);
          expect(allCells(held, 6)).toEqual(cellsBefore);
          // Before their rows are made (JSON below): the columns as the tables hold them.
          const [a, b] = [first, second].map((f) => heldColumns(f.tables.Accounts!)!);
          a.forEach((column, j) => expect(column).not.toBe(b[j]));
          for (const f of [first, second]) {
            expect(JSON.parse(JSON.stringify(f.tables))).toEqual(JSON.parse(JSON.stringify(expected.tables)));
            expect(f.problems.done()).toEqual(expected.problems.done());
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
