/**
 * The workbook a planner would build without CRM3: the same tables as the CRM3 sample, and in
 * the Accounts sheet one COUNTIFS/SUMIFS formula per account per column (won, lost, win rate,
 * open pipeline) — the per-row pattern DESIGN §7 forbids in templates. It is the benchmark's
 * LibreOffice peer, written here directly as SpreadsheetML (bench-only, not product code).
 */
import { Cell } from '../src/core/cells';
import { TableData, WorkbookSnapshot } from '../src/model/snapshot';
import { zip } from './zip';

export const PEER_COLUMNS = ['Won', 'Lost', 'WinRate', 'OpenPipeline'] as const;

function colLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const escapeXml = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

function cellXml(ref: string, v: Cell): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"><v>${v}</v></c>` : '';
  if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
}

/** Sheet XML for a table; `extra(r)` adds formula cells to data row r (0-based). */
function sheetXml(t: TableData, extraHeaders: readonly string[] = [], extra?: (r: number, firstCol: number) => string): string {
  const rows: string[] = [];
  const headers = [...t.headers, ...extraHeaders];
  rows.push(`<row r="1">${headers.map((h, j) => cellXml(`${colLetter(j)}1`, h)).join('')}</row>`);
  t.rows.forEach((row, i) => {
    const r = i + 2;
    const cells = t.headers.map((_, j) => cellXml(`${colLetter(j)}${r}`, row[j] ?? null)).join('');
    rows.push(`<row r="${r}">${cells}${extra ? extra(i, t.headers.length) : ''}</row>`);
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetData>${rows.join('')}</sheetData></worksheet>`
  );
}

/** The per-account formulas (no cached values: the spreadsheet must compute them). */
function accountFormulas(opp: TableData): (r: number, firstCol: number) => string {
  const n = opp.rows.length + 1;
  const col = (name: string) => {
    const j = opp.headers.indexOf(name);
    if (j < 0) throw new Error(`Opportunities has no ${name} column`);
    return `Opportunities!$${colLetter(j)}$2:$${colLetter(j)}$${n}`;
  };
  const [account, status, amount] = [col('AccountId'), col('Status'), col('Amount')];
  return (i, first) => {
    const r = i + 2;
    const [won, lost, rate, pipe] = PEER_COLUMNS.map((_, k) => `${colLetter(first + k)}${r}`);
    const formulas = [
      `COUNTIFS(${account},$A${r},${status},"Won")`,
      `COUNTIFS(${account},$A${r},${status},"Lost")`,
      `IF(${won}+${lost}=0,"",${won}/(${won}+${lost}))`,
      `SUMIFS(${amount},${account},$A${r},${status},"Open")`,
    ];
    return [won, lost, rate, pipe].map((ref, k) => `<c r="${ref}"><f>${escapeXml(formulas[k])}</f></c>`).join('');
  };
}

/** The peer .xlsx: Accounts first (so a CSV conversion exports it), then the other tables. */
export function peerWorkbook(snapshot: WorkbookSnapshot): Buffer {
  const acc = snapshot.tables.Accounts;
  const opp = snapshot.tables.Opportunities;
  if (!acc || !opp || acc.headers[0] !== 'AccountId')
    throw new Error('the sample needs Accounts (AccountId first) and Opportunities');
  const tables = Object.entries(snapshot.tables).filter(([name]) => name !== 'Accounts') as [string, TableData][];
  const sheets: { name: string; xml: string }[] = [
    { name: 'Accounts', xml: sheetXml(acc, PEER_COLUMNS, accountFormulas(opp)) },
    ...tables.map(([name, t]) => ({ name, xml: sheetXml(t) })),
  ];
  const files = [
    {
      name: '[Content_Types].xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map(
            (_, k) =>
              `<Override PartName="/xl/worksheets/sheet${k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '</Types>',
    },
    {
      name: '_rels/.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      name: 'xl/workbook.xml',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        sheets.map((s, k) => `<sheet name="${s.name}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join('') +
        '</sheets><calcPr fullCalcOnLoad="1"/></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets
          .map(
            (_, k) =>
              `<Relationship Id="rId${k + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`,
          )
          .join('') +
        '</Relationships>',
    },
    ...sheets.map((s, k) => ({ name: `xl/worksheets/sheet${k + 1}.xml`, data: s.xml })),
  ];
  return zip(files);
}
