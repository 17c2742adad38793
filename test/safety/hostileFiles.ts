/**
 * Hostile workbooks for the data-safety tests (issue #12): small files that claim huge
 * coordinates, repeat merges, write a row backwards, leave tags open, or carry names the
 * engine cannot take. Each is made from a real sample workbook with one part changed, so
 * everything else in it is ordinary.
 */
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { repack } from '../io/zipCraft';

/** A small, valid sample workbook (60 opportunities). */
export async function sampleBytes(edit?: (s: WorkbookSnapshot) => void, size = 60): Promise<Uint8Array> {
  const s = generateSample({ size, seed: 1 });
  edit?.(s);
  return new Uint8Array(await writeWorkbook(s, { locale: 'en-US' }));
}

/** The sample with the Accounts sheet's XML (sheet1) changed by `edit`. */
export async function withAccountsSheet(edit: (xml: string) => string): Promise<Uint8Array> {
  return repack(await sampleBytes(), (name, text) => (name === 'xl/worksheets/sheet1.xml' ? edit(text()) : null));
}

/** Inserts `xml` just before </sheetData> of the Accounts sheet. */
export const appendRows = (xml: string) => withAccountsSheet((s) => s.replace('</sheetData>', `${xml}</sheetData>`));

/** Inserts `xml` just after </sheetData> (merges live there). */
export const afterSheetData = (xml: string) => withAccountsSheet((s) => s.replace('</sheetData>', `</sheetData>${xml}`));

export const hostile = {
  /** One cell at row 10^15. */
  farRow: () => appendRows('<row r="1000000000000000"><c r="A1000000000000000" t="inlineStr"><is><t>far</t></is></c></row>'),
  /** A row numbered 1e300. */
  expRow: () => appendRows('<row r="1e300"><c t="inlineStr"><is><t>far</t></is></c></row>'),
  /** The Accounts table's ref claims 10^15 rows. */
  hugeTableRef: async () =>
    repack(await sampleBytes(), (name, text) =>
      name === 'xl/tables/table1.xml' ? text().replace(/ref="A1:([A-Z]+)\d+"/g, 'ref="A1:$11000000000000000"') : null,
    ),
  /** 5,000 merges over the whole sheet (all but the first few rows), and a cell in Excel's last row. */
  manyMerges: () =>
    withAccountsSheet((s) =>
      s.replace(
        '</sheetData>',
        '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>' +
          `<mergeCells count="5000">${Array.from({ length: 5000 }, (_, k) => `<mergeCell ref="A${(k % 40) + 1}:XFD1048576"/>`).join('')}</mergeCells>`,
      ),
    ),
  /** One row of `n` cells written from the last column to the first. */
  reversedRow: (n = 1_000_000) => {
    const cells: string[] = [];
    for (let k = n; k >= 1; k--) cells.push(`<c r="${colName(k)}40"><v>${k}</v></c>`);
    return appendRows(`<row r="40">${cells.join('')}</row>`);
  },
  /** 1,000,000 cells on Excel's grid, each row (16,384 cells) written from its last column to its first. */
  reversedCells: () => {
    const rows: string[] = [];
    for (let r = 40; r < 40 + 62; r++) {
      const cells: string[] = [];
      for (let c = 16384; c >= 1; c--) cells.push(`<c r="${colName(c)}${r}"><v>${c}</v></c>`);
      rows.push(`<row r="${r}">${cells.join('')}</row>`);
    }
    return appendRows(rows.join(''));
  },
  /** `n` <row> tags that are never closed. */
  unclosedRows: (n = 100_000) => {
    let xml = '';
    for (let k = 0; k < n; k++) xml += `<row r="${40 + k}"><c r="A${40 + k}"><v>1</v></c>`;
    return appendRows(xml);
  },
};

export function colName(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One row of an Indicators sheet: id and formula (no '='), and optionally name, goal, unit. */
export interface IndicatorLine {
  id: string;
  formula: string;
  name?: string;
  goal?: string;
  unit?: string;
}

/** A sheet part whose rows are inline-string cells, except formulas (text starting with '='). */
export function sheetXml(rows: readonly (readonly string[])[]): string {
  const body = rows
    .map((cells, i) => {
      const r = i + 1;
      const xml = cells
        .map((v, j) => {
          const ref = `${colName(j + 1)}${r}`;
          if (v.startsWith('=')) return `<c r="${ref}"><f>${escapeXml(v.slice(1))}</f></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r}">${xml}</row>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`
  );
}

/** Adds a worksheet named `name` holding `xml` to a package. */
export async function withSheet(bytes: Uint8Array, name: string, xml: string): Promise<Uint8Array> {
  const part = 'xl/worksheets/sheet99.xml';
  return repack(
    bytes,
    (n, text) => {
      if (n === 'xl/workbook.xml')
        return text().replace('</sheets>', `<sheet name="${escapeXml(name)}" sheetId="99" r:id="rId99"/></sheets>`);
      if (n === 'xl/_rels/workbook.xml.rels')
        return text().replace(
          '</Relationships>',
          '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet99.xml"/></Relationships>',
        );
      if (n === '[Content_Types].xml')
        return text().replace(
          '</Types>',
          '<Override PartName="/xl/worksheets/sheet99.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        );
      return null;
    },
    [{ name: part, data: xml }],
  );
}

/** The sample with an Indicators sheet holding these indicators (Value formulas never calculated). */
export async function withIndicators(lines: readonly IndicatorLine[], base?: Uint8Array): Promise<Uint8Array> {
  const rows = [
    ['Id', 'Goal', 'Name', 'Value', 'Unit'],
    ...lines.map((l) => [l.id, l.goal ?? 'WIN', l.name ?? l.id, `=${l.formula}`, l.unit ?? 'number']),
  ];
  return withSheet(base ?? (await sampleBytes()), 'Indicators', sheetXml(rows));
}

/**
 * The sample with `n` opportunity rows (Excel's limit is 1,048,575 under the header): the
 * sample's opportunities repeated with fresh ids, the sheet's XML written directly (numbers
 * inline, text as shared strings), so even a million rows are made in seconds.
 */
export async function manyOpportunities(
  n: number,
  columns = ['OppId', 'AccountId', 'Owner', 'Stage', 'Status', 'Amount', 'CreatedDate', 'CloseDate'],
): Promise<Uint8Array> {
  const base = await sampleBytes();
  const { readWorkbookBuffer } = await import('../../src/io/readWorkbook');
  const read = await readWorkbookBuffer(base, 'base.xlsx');
  if (!read.ok) throw new Error(read.reason.message.en);
  const all = read.snapshot.tables.Opportunities!;
  const keep = columns.map((c) => all.headers.indexOf(c)).filter((j) => j >= 0);
  const opps = { headers: keep.map((j) => all.headers[j]), rows: all.rows.map((r) => keep.map((j) => r[j])) };
  const headers = opps.headers;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const sst = (t: string) => {
    let k = index.get(t);
    if (k === undefined) {
      index.set(t, (k = strings.length));
      strings.push(t);
    }
    return k;
  };
  const cell = (v: unknown, ref: string) =>
    v === null || v === undefined
      ? ''
      : typeof v === 'number'
        ? `<c r="${ref}"><v>${v}</v></c>`
        : `<c r="${ref}" t="s"><v>${sst(String(v))}</v></c>`;
  const cols = headers.map((_, j) => colName(j + 1));
  // Buffers, not one string: a million rows of XML is longer than a JavaScript string may be.
  const chunks: Buffer[] = [
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
        `<row r="1">${headers.map((h, j) => cell(h, `${cols[j]}1`)).join('')}</row>`,
    ),
  ];
  const idCol = headers.indexOf('OppId');
  let batch = '';
  for (let i = 0; i < n; i++) {
    const src = opps.rows[i % opps.rows.length];
    const r = i + 2;
    batch += `<row r="${r}">${src.map((v, j) => cell(j === idCol ? `O${i + 1}` : v, `${cols[j]}${r}`)).join('')}</row>`;
    if (batch.length > 1 << 20) {
      chunks.push(Buffer.from(batch));
      batch = '';
    }
  }
  chunks.push(Buffer.from(batch + '</sheetData></worksheet>'));
  const sheet = new Uint8Array(Buffer.concat(chunks));
  const sstXml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">` +
    strings.map((t) => `<si><t xml:space="preserve">${escapeXml(t)}</t></si>`).join('') +
    '</sst>';
  const { writeZip } = await import('../io/zipCraft');
  const types =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
  const wb =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Opportunities" sheetId="1" r:id="rId1"/></sheets></workbook>';
  const wbRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';
  return writeZip([
    { name: '[Content_Types].xml', data: types },
    { name: '_rels/.rels', data: rels },
    { name: 'xl/workbook.xml', data: wb },
    { name: 'xl/_rels/workbook.xml.rels', data: wbRels },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
    { name: 'xl/sharedStrings.xml', data: sstXml },
  ]).bytes;
}

/** The sample with `n` accounts (its accounts repeated with fresh ids; opportunities and the rest as in the sample). */
export async function manyAccounts(n: number): Promise<Uint8Array> {
  return sampleBytes((s) => {
    const acc = s.tables.Accounts!;
    const id = acc.headers.indexOf('AccountId');
    const rows = acc.rows;
    acc.rows = Array.from({ length: n }, (_, i) => {
      const row = [...rows[i % rows.length]];
      if (i >= rows.length) row[id] = `X${i + 1}`;
      return row;
    });
  });
}
