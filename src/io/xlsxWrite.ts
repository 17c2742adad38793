/**
 * Writing an .xlsx package directly: worksheets with frozen header rows and column widths,
 * a shared-string table, the few cell styles a data workbook needs, Excel tables, defined
 * names and fixed document properties. Made for large data workbooks: each row becomes one
 * string as it is added, nothing per cell is kept, and the package is deflated by zipWriter
 * (zlib in Node, CompressionStream in the browser).
 * Cells only ever hold values, never formulas.
 */
import { Cell } from '../core/cells';
import { quoteSheet } from '../engine/formulaLanguage';
import { columnLetters } from '../model/snapshot';
import { OFFICE_THEME_XML } from './officeTheme';
import { ZipPart, writeZip } from './zipWriter';

const utf8 = new TextEncoder();

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Node's Buffer when the code runs in Node (callers there use its methods); plain bytes in a browser. */
function platformBytes(bytes: Uint8Array): Uint8Array {
  const NodeBuffer = (globalThis as { Buffer?: { from(b: ArrayBufferLike, offset: number, length: number): Uint8Array } }).Buffer;
  return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
}

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Longest text Excel keeps in a cell. */
export const MAX_TEXT = 32_767;

/** Characters XML 1.0 cannot hold (CR too: XML reads it back as LF), lone surrogates included. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for XML content or attributes; characters XML cannot hold become Excel's _xHHHH_. */
export function escapeXml(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[&<>"\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff\ud800-\udfff]|_x[0-9a-fA-F]{4}_/.test(s)) return s;
  return (
    s
      // A literal _xHHHH_ would be read back as an escape: escape its underscore.
      .replace(/_(x[0-9a-fA-F]{4}_)/g, '_x005F_$1')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(NOT_XML, (c) => (c.length === 1 ? `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_` : c))
  );
}

export interface CellStyle {
  /** Number format code ('yyyy-mm-dd', '#,##0', '@', …). */
  numFmt?: string;
  bold?: boolean;
  /** Font size in points (default 11). */
  size?: number;
  /** Solid fill, ARGB ('FFFFF2CC'). */
  fill?: string;
}

const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '@': 49,
};

/** The cell styles of a workbook: each distinct style once, by index (s="…"). */
class StyleTable {
  private readonly keys = new Map<string, number>();
  private readonly xfs: { numFmtId: number; fontId: number; fillId: number }[] = [{ numFmtId: 0, fontId: 0, fillId: 0 }];
  private readonly formats = new Map<string, number>();
  private readonly fonts = ['11|0'];
  private readonly fills = ['none', 'gray125'];

  index(style: CellStyle | undefined): number {
    if (!style || (!style.numFmt && !style.bold && !style.size && !style.fill)) return 0;
    const key = `${style.numFmt ?? ''}|${style.bold ? 1 : 0}|${style.size ?? 11}|${style.fill ?? ''}`;
    let i = this.keys.get(key);
    if (i !== undefined) return i;
    const numFmtId = style.numFmt ? this.formatId(style.numFmt) : 0;
    const font = `${style.size ?? 11}|${style.bold ? 1 : 0}`;
    let fontId = this.fonts.indexOf(font);
    if (fontId < 0) fontId = this.fonts.push(font) - 1;
    let fillId = style.fill ? this.fills.indexOf(style.fill) : 0;
    if (fillId < 0) fillId = this.fills.push(style.fill!) - 1;
    i = this.xfs.push({ numFmtId, fontId, fillId }) - 1;
    this.keys.set(key, i);
    return i;
  }

  private formatId(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.formats.get(code);
    if (id === undefined) this.formats.set(code, (id = 164 + this.formats.size));
    return id;
  }

  xml(): string {
    const numFmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    const fonts = this.fonts.map((f) => {
      const [size, bold] = f.split('|');
      return `<font>${bold === '1' ? '<b/>' : ''}<sz val="${size}"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;
    });
    const fills = this.fills.map((f) =>
      f === 'none' || f === 'gray125'
        ? `<fill><patternFill patternType="${f}"/></fill>`
        : `<fill><patternFill patternType="solid"><fgColor rgb="${f}"/><bgColor indexed="64"/></patternFill></fill>`,
    );
    const xfs = this.xfs.map(
      (x) =>
        `<xf numFmtId="${x.numFmtId}" fontId="${x.fontId}" fillId="${x.fillId}" borderId="0" xfId="0"` +
        `${x.numFmtId ? ' applyNumberFormat="1"' : ''}${x.fontId ? ' applyFont="1"' : ''}${x.fillId ? ' applyFill="1"' : ''}/>`,
    );
    return (
      `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      `<fonts count="${fonts.length}">${fonts.join('')}</fonts>` +
      `<fills count="${fills.length}">${fills.join('')}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

/** Text kept once in the shared-string table; cells hold its index. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;

  of(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.push(s) - 1;
      this.index.set(s, i);
    }
    return i;
  }

  xml(): string {
    const items = this.list.map((s) => {
      const space = /^\s|\s$/.test(s) ? ' xml:space="preserve"' : '';
      return `<si><t${space}>${escapeXml(s)}</t></si>`;
    });
    return `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">${items.join('')}</sst>`;
  }
}

/** How a sheet prints: landscape, all columns on one page's width, header rows on every page. */
export interface PrintSetup {
  landscape?: boolean;
  /** Shrink so that every column fits the page width (pages still break down the rows). */
  fitToWidth?: boolean;
  /** Rows repeated at the top of every printed page (1: the header row). */
  titleRows?: number;
}

export interface TableDef {
  /** Table name (also its display name); unique in the workbook. */
  name: string;
  headerRow: number;
  firstCol: number;
  /** Column names: exactly the header cells' text. */
  columns: string[];
  /** Data rows (at least 1: Excel tables need one). */
  rows: number;
  /** Table style, e.g. TableStyleMedium2. */
  style: string;
}

/** One worksheet being written. Cells may be set in any order; rows are sorted when the package is built. */
export class SheetWriter {
  /** Rows set in any order (sorted when written). */
  private readonly rows = new Map<number, { col: number; xml: string }[]>();
  /** A streaming sheet's rows, already serialised: ~1 MB byte chunks and the text not yet in one. */
  private readonly chunks: Uint8Array[] = [];
  private pending = '';
  private lastStreamed = 0;
  private readonly widths = new Map<number, { width: number; style: number }>();
  readonly tables: TableDef[] = [];
  private maxRow = 0;
  private maxCol = 0;
  print: PrintSetup = {};

  constructor(
    private readonly book: XlsxWriter,
    readonly name: string,
    /** Rows kept in view when scrolling (frozen panes); 0 for none. */
    readonly frozenRows: number,
    /**
     * Rows arrive in order, each in one putRow (a data sheet): they are serialised at once
     * into bytes, so a 200,000-row sheet holds no strings per row.
     */
    private readonly streaming: boolean,
  ) {}

  /** Width (Excel character units) and default style of a column. */
  column(col: number, width: number, style?: CellStyle): void {
    this.widths.set(col, { width, style: this.book.styles.index(style) });
  }

  /** The XML of one cell holding a value (blank → ''), in a style. */
  cellXml(row: number, col: number, value: Cell, style: number): string {
    const ref = `${columnLetters(col)}${row}`;
    const s = style ? ` s="${style}"` : '';
    if (value === null) return '';
    if (typeof value === 'number')
      return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${Object.is(value, -0) ? 0 : value}</v></c>` : '';
    if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
    const text = value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value;
    return `<c r="${ref}"${s} t="s"><v>${this.book.strings.of(text)}</v></c>`;
  }

  /** Puts ready-made cell XML (from cellXml, cells in column order starting at firstCol) into a row. */
  putRow(row: number, firstCol: number, lastCol: number, xml: string): void {
    if (xml === '') return;
    if (this.streaming) {
      if (row <= this.lastStreamed)
        throw new Error(`row ${row} of streaming sheet ${this.name} comes after row ${this.lastStreamed}`);
      this.lastStreamed = row;
      // Row XML is ASCII (text lives in the shared strings), so it encodes one byte a character.
      this.pending += `<row r="${row}">${xml}</row>`;
      if (this.pending.length > 1 << 20) {
        this.chunks.push(utf8.encode(this.pending));
        this.pending = '';
      }
      this.maxRow = Math.max(this.maxRow, row);
      this.maxCol = Math.max(this.maxCol, lastCol);
      return;
    }
    let cells = this.rows.get(row);
    if (!cells) this.rows.set(row, (cells = []));
    cells.push({ col: firstCol, xml });
    this.maxRow = Math.max(this.maxRow, row);
    this.maxCol = Math.max(this.maxCol, lastCol);
  }

  set(row: number, col: number, value: Cell, style?: CellStyle): void {
    this.putRow(row, col, col, this.cellXml(row, col, value, this.book.styles.index(style)));
  }

  addTable(table: TableDef): void {
    this.tables.push(table);
    this.maxRow = Math.max(this.maxRow, table.headerRow + table.rows);
    this.maxCol = Math.max(this.maxCol, table.firstCol + table.columns.length - 1);
  }

  /** The worksheet part; `tableRelIds` are the relationship ids of its tables, in order. */
  xml(tableRelIds: string[]): Uint8Array {
    const out: string[] = [`${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`];
    if (this.print.fitToWidth) out.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    out.push(`<dimension ref="A1:${columnLetters(Math.max(this.maxCol, 1))}${Math.max(this.maxRow, 1)}"/>`);
    if (this.frozenRows > 0) {
      const top = `A${this.frozenRows + 1}`;
      out.push(
        `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${this.frozenRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/>` +
          `<selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`,
      );
    } else out.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
    out.push('<sheetFormatPr defaultRowHeight="15"/>');
    const cols = [...this.widths].sort((a, b) => a[0] - b[0]);
    if (cols.length) {
      out.push('<cols>');
      for (const [c, w] of cols)
        out.push(`<col min="${c}" max="${c}" width="${w.width}"${w.style ? ` style="${w.style}"` : ''} customWidth="1"/>`);
      out.push('</cols>');
    }
    out.push('<sheetData>');
    for (const r of [...this.rows.keys()].sort((a, b) => a - b)) {
      const cells = this.rows.get(r)!;
      if (cells.length > 1) cells.sort((a, b) => a.col - b.col);
      out.push(`<row r="${r}">`);
      for (const c of cells) out.push(c.xml);
      out.push('</row>');
    }
    const head = utf8.encode(out.join(''));
    out.length = 0;
    const streamed = [...this.chunks, utf8.encode(this.pending)];
    out.push('</sheetData>');
    out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
    const { landscape, fitToWidth } = this.print;
    if (landscape || fitToWidth)
      out.push(
        `<pageSetup${landscape ? ' orientation="landscape"' : ''}${fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>`,
      );
    if (tableRelIds.length)
      out.push(
        `<tableParts count="${tableRelIds.length}">${tableRelIds.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`,
      );
    out.push('</worksheet>');
    return concatBytes([head, ...streamed, utf8.encode(out.join(''))]);
  }
}

function tableXml(t: TableDef, id: number): string {
  const ref = `${columnLetters(t.firstCol)}${t.headerRow}:${columnLetters(t.firstCol + t.columns.length - 1)}${t.headerRow + t.rows}`;
  const columns = t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escapeXml(c)}"/>`).join('');
  return (
    `${XML_HEAD}<table xmlns="${NS_MAIN}" id="${id}" name="${escapeXml(t.name)}" displayName="${escapeXml(t.name)}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${t.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${escapeXml(t.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

export interface PackageInfo {
  /** Creator and last modifier shown in File > Info. */
  creator: string;
  /** Created and modified date, and the zip entries' time. */
  when: Date;
  /** Workbook-level defined names, already as formula text (Sheet!$A$2:$A$9). */
  definedNames: { name: string; ref: string }[];
}

/** A workbook being written: add sheets, then build() the package. */
export class XlsxWriter {
  readonly styles = new StyleTable();
  readonly strings = new SharedStrings();
  private readonly sheets: SheetWriter[] = [];

  /** A sheet; `streaming` when its rows will come in order, one putRow each (see SheetWriter). */
  addSheet(name: string, frozenRows: number, streaming = false): SheetWriter {
    const sheet = new SheetWriter(this, name, frozenRows, streaming);
    this.sheets.push(sheet);
    return sheet;
  }

  style(style: CellStyle | undefined): number {
    return this.styles.index(style);
  }

  /** The package's bytes (a Buffer in Node). */
  async build(info: PackageInfo): Promise<Uint8Array> {
    const parts: ZipPart[] = [];
    const overrides: [string, string][] = [];
    const sheetRels: string[] = [];
    let tableId = 0;
    const sheetParts: ZipPart[] = [];
    this.sheets.forEach((sheet, i) => {
      const path = `xl/worksheets/sheet${i + 1}.xml`;
      const relIds = sheet.tables.map((_, k) => `rId${k + 1}`);
      sheetParts.push({ name: path, data: () => sheet.xml(relIds) });
      overrides.push([`/${path}`, `${CT}.worksheet+xml`]);
      sheetRels.push(`<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
      if (sheet.tables.length) {
        const rels = sheet.tables.map((t, k) => {
          tableId++;
          const tablePath = `xl/tables/table${tableId}.xml`;
          sheetParts.push({ name: tablePath, data: tableXml(t, tableId) });
          overrides.push([`/${tablePath}`, `${CT}.table+xml`]);
          return `<Relationship Id="rId${k + 1}" Type="${NS_REL}/table" Target="../tables/table${tableId}.xml"/>`;
        });
        sheetParts.push({
          name: `xl/worksheets/_rels/sheet${i + 1}.xml.rels`,
          data: `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${rels.join('')}</Relationships>`,
        });
      }
    });
    const n = this.sheets.length;
    const stamp = info.when.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const sheetsXml = this.sheets
      .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('');
    // Print titles are a name of the sheet itself (Excel's _xlnm.Print_Titles, localSheetId = its position).
    const printTitles = this.sheets.flatMap((sheet, i) =>
      sheet.print.titleRows
        ? [
            `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${quoteSheet(sheet.name)}!$1:$${sheet.print.titleRows}`)}</definedName>`,
          ]
        : [],
    );
    const namesXml =
      info.definedNames.map((d) => `<definedName name="${escapeXml(d.name)}">${escapeXml(d.ref)}</definedName>`).join('') +
      printTitles.join('');
    const workbook =
      `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr defaultThemeVersion="164011"/>` +
      `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews>` +
      `<sheets>${sheetsXml}</sheets>${namesXml ? `<definedNames>${namesXml}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`;
    const workbookRels =
      `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${sheetRels.join('')}` +
      `<Relationship Id="rId${n + 1}" Type="${NS_REL}/theme" Target="theme/theme1.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 3}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
    // Shared strings are complete only once every sheet is serialised (above).
    const sharedStrings = this.strings.xml();
    const creator = escapeXml(info.creator);
    const core =
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>${creator}</dc:creator><cp:lastModifiedBy>${creator}</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`;
    const app =
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      `<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
      `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${this.sheets.map((s) => `<vt:lpstr>${escapeXml(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
      `<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>`;
    const contentTypes =
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
      overrides.map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`).join('') +
      `<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>` +
      `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
      `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
    const rootRels =
      `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
      `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`;
    parts.push(
      { name: '[Content_Types].xml', data: contentTypes },
      { name: '_rels/.rels', data: rootRels },
      { name: 'docProps/app.xml', data: app },
      { name: 'docProps/core.xml', data: core },
      { name: 'xl/workbook.xml', data: workbook },
      { name: 'xl/_rels/workbook.xml.rels', data: workbookRels },
      { name: 'xl/styles.xml', data: this.styles.xml() },
      { name: 'xl/theme/theme1.xml', data: OFFICE_THEME_XML },
      { name: 'xl/sharedStrings.xml', data: sharedStrings },
      ...sheetParts,
    );
    const zip = await writeZip(parts, info.when);
    return platformBytes(zip);
  }
}
