/**
 * The scanner over bytes (src/io/xmlScan.ts) against the scanner over a string it replaced
 * (test/io/stringXmlScanner.ts, kept unchanged as the oracle): on random documents — prefixes,
 * entities, CDATA, comments, DOCTYPE, processing instructions, Chinese and emoji text, CRLF,
 * self-closing tags, cells with and without r — and on the same documents damaged at random
 * (cut, a stray '<', '>' or quote, a close tag dropped, bytes that are not UTF-8), every tag,
 * attribute, text, cell attribute and fault (its words and its character offset) must agree,
 * whether the scanner is given the text, its UTF-8 bytes (with or without a byte-order mark)
 * or its UTF-16 bytes.
 */
import fc from 'fast-check';
import { XmlScanner } from '../../src/io/xmlScan';
import { decodePart, partBytes } from '../../src/io/partText';
import { StringXmlScanner } from './stringXmlScanner';

const names = fc.constantFrom(
  'c',
  'v',
  'row',
  't',
  'si',
  'is',
  'f',
  'r',
  'sheetData',
  'dimension',
  'x:c',
  'x:v',
  'x:row',
  '中文',
  'rPh',
);
const attrValue = fc.constantFrom(
  'B7',
  'A1',
  '3',
  's',
  'str',
  'inlineStr',
  'e',
  '12',
  ' 7 ',
  'a&amp;b',
  '&#x4E2D;',
  '中',
  'x>y',
  '',
  '1048577',
  'AAAA1',
);
const attribute = fc
  .tuple(
    fc.constantFrom('r', 's', 't', 'id', 'x:r', 'ref', 'si', 'spans'),
    attrValue,
    fc.constantFrom('"', "'"),
    fc.constantFrom(' ', '  ', '\n', '\t', ' \r\n'),
  )
  .map(([k, v, q, sp]) => `${sp}${k}=${q}${v.replace(q, '')}${q}`);
const text = fc.constantFrom(
  '123',
  '-12',
  '007',
  '1234567890123456',
  '1.5',
  ' ',
  'Acme',
  '中文客户',
  '😀',
  'a &amp; b',
  '&lt;tag&gt;',
  '&#65;&#x4E2D;',
  '&unknown;',
  '& alone',
  'line\r\nend',
  'cr\ronly',
  '<![CDATA[raw <x> &amp; ]]>',
  '<!-- a comment -->',
  '<?pi some?>',
  '',
);

/** A random element tree written out, well-formed. */
const element: fc.Memo<string> = fc.memo((depth) =>
  fc
    .tuple(
      names,
      fc.array(attribute, { maxLength: 3 }),
      fc.boolean(),
      depth > 1 ? fc.array(fc.oneof(text, element(depth - 1)), { maxLength: 4 }) : fc.array(text, { maxLength: 2 }),
    )
    .map(([name, attrs, empty, children]) =>
      empty && children.length === 0 ? `<${name}${attrs.join('')}/>` : `<${name}${attrs.join('')}>${children.join('')}</${name}>`,
    ),
);

const prolog = fc.constantFrom(
  '',
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n',
  '<!DOCTYPE x [<!ENTITY e "<c>fake</c>"> <!-- > -->]>',
  '<!-- 注释 -->\n',
);

/** A document, then damaged or not: cut, a stray character, a close tag dropped. */
const documentText = fc
  .tuple(
    prolog,
    fc.array(element(4), { minLength: 1, maxLength: 3 }),
    fc.nat(),
    fc.constantFrom('none', 'cut', '<', '>', '"', 'drop', 'mis'),
  )
  .map(([head, roots, at, damage]) => {
    const doc = `${head}<root>${roots.join('')}</root>`;
    const k = at % (doc.length + 1);
    // Never inside a surrogate pair: the text stays valid Unicode (the bytes get their own damage).
    const cut = /[\uDC00-\uDFFF]/.test(doc[k] ?? '') ? k - 1 : k;
    switch (damage) {
      case 'cut':
        return doc.slice(0, cut);
      case '<':
      case '>':
      case '"':
        return doc.slice(0, cut) + damage + doc.slice(cut);
      case 'drop': {
        const close = doc.indexOf('</', cut);
        return close < 0 ? doc : doc.slice(0, close) + doc.slice(doc.indexOf('>', close) + 1);
      }
      case 'mis':
        return doc.replace('</c>', '</v>');
      default:
        return doc;
    }
  });

type Scanner = XmlScanner | StringXmlScanner;

/**
 * What a reader of the part sees, driven by `ops` (one per tag, in turn): the tag, then an
 * attribute lookup, its text, a skip, an integer, a cell's attributes or the in-place body.
 */
function events(s: Scanner, ops: number[], raw: (from: number, to: number) => string): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; s.next() && i < 5000; i++) {
    out.push([s.name, s.kind, s.depth]);
    switch (ops[i % ops.length]) {
      case 1:
        out.push(['attr', s.attr('r'), s.attr('t'), s.attr('s'), s.attr('id'), s.attr('ref')]);
        break;
      case 2:
        out.push(['text', s.text(), s.name, s.kind, s.depth]);
        break;
      case 3:
        s.skipElement();
        out.push(['skip', s.name, s.kind, s.depth]);
        break;
      case 4:
        out.push(['integer', s.integerText(), s.kind, s.depth]);
        break;
      case 5:
        s.cellAttrs();
        out.push(['cell', s.cellRow, s.cellCol, s.cellStyle, s.cellType]);
        break;
      case 6: {
        const plain = s.plainCellBody();
        out.push(['body', plain, plain ? raw(s.valueStart, s.valueEnd) : '', s.name, s.kind, s.depth]);
        break;
      }
    }
  }
  const fault = s.malformed;
  out.push(['fault', fault?.at, fault?.what.en, fault?.what.zh]);
  return out;
}

/**
 * The worksheet reader's way through a part (cellTag before next()), against the oracle's
 * next(), cellAttrs() and plainCellBody() at the same tags.
 */
function cellEvents(s: XmlScanner | StringXmlScanner, raw: (from: number, to: number) => string): unknown[] {
  const out: unknown[] = [];
  /** Where the oracle's last tag ended: cellTag reads only a cell tag written right there. */
  let lastEnd = 0;
  for (let i = 0; i < 5000; i++) {
    let cell: boolean;
    if (s instanceof XmlScanner) {
      cell = s.cellTag();
      if (!cell && !s.next()) break;
    } else {
      if (!s.next()) break;
      // What cellTag reads: `<c` and a space or '>', where the last tag ended.
      cell = s.name === 'c' && s.kind !== 'close' && /^<c[ >]/.test(s.xml.slice(lastEnd, lastEnd + 3));
      if (cell) {
        s.cellAttrs();
        if (s.kind === 'open') s.plainCellBody();
      }
    }
    lastEnd = s instanceof StringXmlScanner ? s.pos : 0;
    out.push([s.name, s.kind, s.depth, cell]);
    if (cell) {
      out.push([s.cellRow, s.cellCol, s.cellStyle, s.cellType]);
      if (s.kind === 'close') out.push(raw(s.valueStart, s.valueEnd));
    }
  }
  const fault = s.malformed;
  out.push(['fault', fault?.at, fault?.what.en]);
  return out;
}

const utf16le = (text: string) => {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
};

describe('the scanner over bytes reads as the scanner over text did', () => {
  test('any document, damaged or not, given as text, UTF-8 or UTF-16 bytes', () => {
    fc.assert(
      fc.property(
        documentText,
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 9 }),
        fc.constantFrom('text', 'utf8', 'bom', 'utf16'),
        (doc, ops, given) => {
          const bytes =
            given === 'utf8'
              ? new TextEncoder().encode(doc)
              : given === 'bom'
                ? new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(doc)])
                : given === 'utf16'
                  ? utf16le(doc)
                  : undefined;
          // The oracle reads the text the part decodes to; the new scanner its bytes.
          const oracleText = bytes ? decodePart(bytes) : doc;
          const scanned = bytes ? new XmlScanner(partBytes(bytes)) : new XmlScanner(doc);
          const oracle = new StringXmlScanner(oracleText);
          expect(events(scanned, ops, (a, b) => scanned.raw(a, b))).toEqual(
            events(oracle, ops, (a, b) => oracle.xml.slice(a, b)),
          );
        },
      ),
      { numRuns: 600 },
    );
  });

  test('bytes that are not UTF-8 read as their decoded text does', () => {
    fc.assert(
      fc.property(
        documentText,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(0xff, 0xc3, 0xe4, 0x80, 0xf0)), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 9 }),
        (doc, stray, ops) => {
          const good = Array.from(new TextEncoder().encode(doc));
          for (const [at, byte] of stray) good.splice(at % (good.length + 1), 0, byte);
          const bytes = new Uint8Array(good);
          const scanned = new XmlScanner(partBytes(bytes));
          const oracle = new StringXmlScanner(decodePart(bytes));
          expect(events(scanned, ops, (a, b) => scanned.raw(a, b))).toEqual(
            events(oracle, ops, (a, b) => oracle.xml.slice(a, b)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test("the worksheet's cell step (cellTag) reads as next(), cellAttrs() and plainCellBody()", () => {
    const cellXml = fc
      .tuple(
        fc.constantFrom('<c', '<c ', '<x:c', '\n<c', '<c\t'),
        fc.array(attribute, { maxLength: 3 }),
        fc.constantFrom('', '/', ' /'),
        fc.constantFrom(
          '<v>12</v></c>',
          '<v>-1.5</v></c>',
          '<v>a&amp;b</v></c>',
          '<v>1\r\n</v></c>',
          '<v>12</v> </c>',
          '<f>A1</f><v>3</v></c>',
          '<is><t>中</t></is></c>',
          '</c>',
          '<v>1</v></x:c>',
          '<v>9',
        ),
      )
      .map(([open, attrs, close, body]) => `${open}${attrs.join('')}${close}>${close ? '' : body}`);
    fc.assert(
      fc.property(fc.array(cellXml, { minLength: 1, maxLength: 8 }), fc.boolean(), (cells, inRow) => {
        const doc = `<sheetData>${inRow ? '<row r="1">' : ''}${cells.join('')}${inRow ? '</row>' : ''}</sheetData>`;
        const bytes = new TextEncoder().encode(doc);
        const scanned = new XmlScanner(bytes);
        const oracle = new StringXmlScanner(doc);
        const want = cellEvents(oracle, (a, b) => oracle.xml.slice(a, b));
        expect(cellEvents(scanned, (a, b) => scanned.raw(a, b))).toEqual(want);
      }),
      { numRuns: 600 },
    );
  });

  test('a fault is placed in characters, as the message says', () => {
    // 中 is three bytes and one character: the fault after it is at character 20, byte 22.
    const doc = '<root><t>中</t><row></root>';
    const s = new XmlScanner(new TextEncoder().encode(doc));
    while (s.next());
    expect(s.malformed?.at).toBe(doc.indexOf('</root>'));
    expect(s.malformed?.what.en).toBe('<row> is not closed before </root>');
  });
});
