/**
 * Appends a snapshot's rows to the History tables of an .xlsx package (docs/history.md), part by
 * part: every other part of the workbook is copied byte for byte. A history table that is not
 * there yet is created as an Excel table on its own sheet (History 历史快照, OppHistory 商机历史,
 * AccountHistory 客户历史) with workbook names over its columns (Hist_Date = History[Date], …);
 * one that is there grows by the new rows (its ref, its filter and the sheet's dimension follow).
 * Texts go to the shared-string table, dates carry a date style. Big sheets are handled as bytes:
 * only the sheet's head and tail are decoded. Never throws: a failure is a message.
 */
import { Cell, keyOf } from '../core/cells';
import { Locale, Message, bi } from '../core/i18n';
import { HISTORY_TABLES, HistoryTableName, tableSpec } from '../model/schema';
import { columnLetters } from '../model/snapshot';
import { tableSheetName } from '../model/layout';
import { appWithSheet } from './clientCopyParts';
import { attributes, escapeXml } from './formulaPackage';
import { XlsxParts, parseSharedStrings, parseTablePart, readRelationships, readWorkbookPart, relsPath } from './xlsxPackage';
import { parseRange } from './xlsxSheet';
import { ZipLimits, inflateEntry, inspectXlsx } from './zipGuard';
import { ZipPart, writeZip } from './zipWriter';

export type HistoryAppendResult = { ok: true; bytes: Uint8Array; sheets: string[] } | { ok: false; message: Message };

/** Excel's last row. */
export const EXCEL_MAX_ROWS = 1_048_576;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const MAX_PART = 512 * 1024 * 1024;

const SHEET_NAMES = Object.fromEntries(
  HISTORY_TABLES.map((t) => [t, { en: tableSheetName(t, 'en-US'), zh: tableSheetName(t, 'zh-CN') }]),
) as Record<HistoryTableName, { en: string; zh: string }>;

const M = {
  full: (sheet: string, rows: number): Message =>
    bi(
      `the sheet ${sheet} would need ${rows.toLocaleString('en-US')} rows, more than Excel's 1,048,576: start a new history workbook (keep this one as the archive)`,
      `工作表 ${sheet} 将需要 ${rows} 行，超过 Excel 的上限 1,048,576 行：请另建一个历史工作簿（本工作簿留作存档）`,
    ),
  column: (sheet: string, col: string): Message =>
    bi(
      `the table on sheet ${sheet} has no column ${col}; restore the column (or delete the sheet to start its history afresh)`,
      `工作表 ${sheet} 中的表缺少列 ${col}；请恢复该列（或删除该工作表以重新开始记录历史）`,
    ),
  noTable: (sheet: string): Message =>
    bi(
      `the sheet ${sheet} holds no Excel table; rename the sheet (CRM3 then creates its own) or make its header row a table`,
      `工作表 ${sheet} 中没有 Excel 表；请重命名该工作表（CRM3 会另建一个），或把其标题行设为表`,
    ),
  below: (sheet: string): Message =>
    bi(
      `the sheet ${sheet} has cells below its table; move them so the table can grow`,
      `工作表 ${sheet} 的表下方还有内容；请移开，以便表向下增长`,
    ),
  failed: (why: string): Message => bi(`the snapshot could not be added (${why})`, `无法添加快照（${why}）`),
};

/** A table column's header as the workbook writes it: canonical in en-US, the zh header in zh-CN. */
const headerOf = (t: HistoryTableName, locale: Locale) => tableSpec(t).columns.map((c) => (locale === 'zh-CN' ? c.zh : c.name));

/** Shared strings: the package's own, and those this snapshot adds. */
class Strings {
  private readonly index = new Map<string, number>();
  readonly added: string[] = [];
  constructor(private readonly existing: readonly string[]) {
    existing.forEach((s, i) => {
      if (!this.index.has(s)) this.index.set(s, i);
    });
  }
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.existing.length + this.added.length;
      this.added.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

function cellXml(ref: string, v: Cell, isDate: boolean, dateStyle: number | undefined, strings: Strings): string {
  if (v === null || v === undefined || (typeof v === 'string' && v === '')) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    const s = isDate && dateStyle !== undefined ? ` s="${dateStyle}"` : '';
    return `<c r="${ref}"${s}><v>${String(v)}</v></c>`;
  }
  if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}" t="s"><v>${strings.of(v)}</v></c>`;
}

function rowsXml(
  rows: readonly Cell[][],
  firstRow: number,
  dateCols: readonly boolean[],
  dateStyle: number | undefined,
  strings: Strings,
  colOf: readonly number[],
): string {
  const out: string[] = [];
  rows.forEach((r, i) => {
    const n = firstRow + i;
    const cells = r.map((v, j) =>
      colOf[j] < 0 ? '' : cellXml(`${columnLetters(colOf[j] + 1)}${n}`, v, dateCols[j], dateStyle, strings),
    );
    // Cells must be in column order.
    const order = colOf
      .map((c, j) => [c, j] as const)
      .filter(([c]) => c >= 0)
      .sort((a, b) => a[0] - b[0]);
    out.push(`<row r="${n}">${order.map(([, j]) => cells[j]).join('')}</row>`);
  });
  return out.join('');
}

/** How far back from `</sheetData>` the blank rows of a table are looked for. */
const BLANK_WINDOW = 64 * 1024;

/**
 * The table's rows at its end that hold nothing (no value, inline string or formula anywhere in
 * the row): the first of them, where its element starts in `sheet`, and each row element (the
 * ones below the new rows are kept). Undefined when there are none, or when the window does not
 * reach back to a filled row or the header (then the rows are appended below the table).
 */
function trailingBlankRows(
  sheet: Uint8Array,
  end: number,
  table: { top: number; bottom: number },
): { firstRow: number; from: number; rows: { row: number; xml: string }[] } | undefined {
  let from = Math.max(0, end - BLANK_WINDOW);
  // Start on a character boundary so byte offsets can be counted back from the text.
  while (from < end && (sheet[from] & 0xc0) === 0x80) from++;
  const text = new TextDecoder().decode(sheet.subarray(from, end));
  const rows: { row: number; at: number; end: number; xml: string; filled: boolean }[] = [];
  for (const m of text.matchAll(/<((?:\w+:)?)row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1row>)/g)) {
    const r = Number(/\br="(\d+)"/.exec(m[2])?.[1]);
    if (!Number.isInteger(r)) return undefined;
    const filled = /<(?:\w+:)?(?:v|is|f)\b/.test(m[3] ?? '');
    rows.push({ row: r, at: m.index, end: m.index + m[0].length, xml: m[0], filled });
  }
  let k = rows.length - 1;
  while (k >= 0 && !rows[k].filled && rows[k].row > table.top) k--;
  if (k < 0) return undefined;
  const firstRow = rows[k].row + 1;
  if (firstRow > table.bottom) return undefined;
  const encoder = new TextEncoder();
  return {
    firstRow,
    from: from + encoder.encode(text.slice(0, rows[k].end)).length,
    rows: rows.slice(k + 1).map((r) => ({ row: r.row, xml: r.xml })),
  };
}

/** Index of the last occurrence of `needle` in `hay`, or -1. */
function lastIndexOfBytes(hay: Uint8Array, needle: Uint8Array, from = hay.length - needle.length): number {
  outer: for (let i = Math.min(from, hay.length - needle.length); i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Excel's order of defined names: case-insensitive by name (REF defined_name01). */
function withNames(workbook: string, added: { name: string; text: string }[]): string {
  if (!added.length) return workbook;
  const block = /<((?:\w+:)?)definedNames\b[^>]*>([\s\S]*?)<\/\1definedNames>/.exec(workbook);
  const prefix = /<(\w+:)?workbook\b/.exec(workbook)?.[1] ?? '';
  const existing = block
    ? [...block[2].matchAll(/<(?:\w+:)?definedName\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?definedName>)/g)].map((m) => m[0])
    : [];
  const key = (el: string) => (attributes(/^<[^>]*>/.exec(el)?.[0] ?? '').name ?? '').replace(/^_xlnm\./i, '').toLowerCase();
  const all = [
    ...existing,
    ...added.map((a) => `<${prefix}definedName name="${escapeXml(a.name)}">${escapeXml(a.text)}</${prefix}definedName>`),
  ];
  all.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const xml = `<${prefix}definedNames>${all.join('')}</${prefix}definedNames>`;
  if (block) return workbook.replace(block[0], xml);
  return workbook.replace(/<\/((?:\w+:)?)sheets>/, (m) => m + xml);
}

interface Existing {
  sheetName: string;
  sheetPart: string;
  tablePart: string;
  tableXml: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  columns: string[];
}

/**
 * The package with the rows appended. `locale` chooses the headers and sheet names of tables it
 * creates (an existing table keeps its own).
 */
export async function appendHistoryRows(
  bytes: Uint8Array,
  name: string,
  rows: Partial<Record<HistoryTableName, Cell[][]>>,
  options: { locale: Locale; when: Date; limits?: Partial<ZipLimits> },
): Promise<HistoryAppendResult> {
  try {
    return await append(bytes, name, rows, options);
  } catch (e) {
    const m = (e instanceof Error ? e.message : String(e)).slice(0, 200);
    return { ok: false, message: M.failed(m) };
  }
}

async function append(
  bytes: Uint8Array,
  name: string,
  rows: Partial<Record<HistoryTableName, Cell[][]>>,
  options: { locale: Locale; when: Date; limits?: Partial<ZipLimits> },
): Promise<HistoryAppendResult> {
  const check = await inspectXlsx(bytes, name, options.limits ?? {});
  if (!check.ok) return { ok: false, message: check.reason.message };
  const entries = check.entries;
  const parts = new XlsxParts(bytes, entries, name, false, MAX_PART);
  const wb = await readWorkbookPart(parts);
  const text = async (p: string) => (await parts.text(p)) ?? '';
  const changed = new Map<string, string | Uint8Array>();
  const current = async (p: string) => {
    const c = changed.get(p);
    return typeof c === 'string' ? c : await text(p);
  };
  const partNames = new Set(entries.map((e) => e.name.replace(/^\//, '').toLowerCase()));
  const dir = wb.path.slice(0, wb.path.lastIndexOf('/') + 1);

  // Shared strings (created when the package has none).
  let sstPart = wb.sharedStringsPart;
  const strings = new Strings(sstPart ? parseSharedStrings(await text(sstPart)) : []);

  // A date style: an existing cell format with the built-in date 14, or one added.
  let dateStyle: number | undefined;
  if (wb.stylesPart) {
    const styles = await text(wb.stylesPart);
    const xfs = /<((?:\w+:)?)cellXfs\b([^>]*)>([\s\S]*?)<\/\1cellXfs>/.exec(styles);
    if (xfs) {
      const list = [...xfs[3].matchAll(/<(?:\w+:)?xf\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?xf>)/g)].map((m) => m[0]);
      const found = list.findIndex((x) => /\bnumFmtId="14"/.test(x));
      if (found >= 0) dateStyle = found;
      else {
        dateStyle = list.length;
        const xf = `<${xfs[1]}xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`;
        const attrs = xfs[2].replace(/\bcount="\d+"/, `count="${list.length + 1}"`);
        changed.set(wb.stylesPart, styles.replace(xfs[0], `<${xfs[1]}cellXfs${attrs}>${xfs[3]}${xf}</${xfs[1]}cellXfs>`));
      }
    }
  }

  // Every table's id and name (ids are workbook-wide), and the existing history tables.
  const tableIds: number[] = [];
  const tableNames = new Set<string>();
  const existing = new Map<HistoryTableName, Existing>();
  const wanted = new Map<string, HistoryTableName>();
  for (const t of HISTORY_TABLES) {
    wanted.set(keyOf(SHEET_NAMES[t].en), t);
    wanted.set(keyOf(SHEET_NAMES[t].zh), t);
    // A sheet named after the table (History, as earlier versions wrote it) keeps growing.
    wanted.set(keyOf(t), t);
  }
  for (const sheet of wb.sheets) {
    if (!sheet.part) continue;
    const rels = await readRelationships(parts, sheet.part);
    const tables: { part: string; xml: string }[] = [];
    for (const rel of rels.values()) {
      if (!/\/table$/.test(rel.type)) continue;
      const xml = await text(rel.target);
      const id = Number(attributes(/<(?:\w+:)?table\b[^>]*>/.exec(xml)?.[0] ?? '').id);
      if (Number.isFinite(id)) tableIds.push(id);
      const parsed = parseTablePart(xml);
      if (parsed) tableNames.add(parsed.name.toLowerCase());
      tables.push({ part: rel.target, xml });
    }
    const kind = wanted.get(keyOf(sheet.name));
    if (!kind || existing.has(kind)) continue;
    const first = tables[0];
    const parsed = first ? parseTablePart(first.xml) : undefined;
    const range = parsed ? parseRange(parsed.ref) : undefined;
    if (!first || !parsed || !range) {
      if (rows[kind]?.length) return { ok: false, message: M.noTable(sheet.name) };
      continue;
    }
    existing.set(kind, {
      sheetName: sheet.name,
      sheetPart: sheet.part,
      tablePart: first.part,
      tableXml: first.xml,
      ...range,
      columns: parsed.columnNames,
    });
  }

  let workbook = await current(wb.path);
  const wbRels = relsPath(wb.path);
  let rels = await current(wbRels);
  let types = await current('[Content_Types].xml');
  const newNames: { name: string; text: string }[] = [];
  const newSheets: string[] = [];
  const touched: string[] = [];
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  for (const t of HISTORY_TABLES) {
    const add = rows[t] ?? [];
    if (!add.length) continue;
    const spec = tableSpec(t);
    const dateCols = spec.columns.map((c) => c.type === 'date');
    const have = existing.get(t);
    if (have) {
      // Map our columns onto the table's by header (canonical name, zh header or alias).
      const colOf = spec.columns.map((c) => {
        const names = [c.name, c.zh, ...(c.aliases ?? [])].map(keyOf);
        const j = have.columns.findIndex((h) => names.includes(keyOf(h)));
        return j < 0 ? -1 : have.left - 1 + j;
      });
      const missing = spec.columns.find((c, j) => colOf[j] < 0);
      if (missing) return { ok: false, message: M.column(have.sheetName, missing.name) };
      const entry = entries.find((e) => e.name.replace(/^\//, '').toLowerCase() === have.sheetPart.toLowerCase())!;
      const sheet = await inflateEntry(bytes, entry, MAX_PART);
      // `</sheetData>` (any prefix), or `<sheetData/>` when the sheet has no rows.
      const emptyAt = lastIndexOfBytes(sheet, encoder.encode('sheetData/>'));
      const closeAt = emptyAt >= 0 ? emptyAt : lastIndexOfBytes(sheet, encoder.encode('sheetData>'));
      if (closeAt < 0) return { ok: false, message: M.failed('no sheetData') };
      const tail = decoder.decode(sheet.subarray(Math.max(0, closeAt - 4096), closeAt + 10));
      const lastRow = [...tail.matchAll(/<(?:\w+:)?row\b[^>]*\br="(\d+)"/g)].map((m) => Number(m[1])).pop();
      if (lastRow !== undefined && lastRow > have.bottom) return { ok: false, message: M.below(have.sheetName) };
      let start = closeAt;
      while (start > 0 && sheet[start] !== 0x3c /* < */) start--;
      const selfClosing = emptyAt >= 0;
      // The table's blank rows at its end (a template's empty rows, rows a planner cleared) are
      // filled first, as Excel fills a table's blank rows: no gap between old rows and new ones.
      const blank = selfClosing ? undefined : trailingBlankRows(sheet, start, have);
      const first = blank?.firstRow ?? have.bottom + 1;
      const last = first + add.length - 1;
      const bottom = Math.max(have.bottom, last);
      if (last > EXCEL_MAX_ROWS) return { ok: false, message: M.full(have.sheetName, last) };
      const prefix = /^<\/?(\w+:)?/.exec(decoder.decode(sheet.subarray(start, closeAt)))?.[1] ?? '';
      const newRows = rowsXml(add, first, dateCols, dateStyle, strings, colOf);
      const rowsFixed = prefix ? newRows.replace(/<(\/?)(row|c|v)\b/g, `<$1${prefix}$2`) : newRows;
      // Blank rows below the new ones stay as they were (with the template's cell styles).
      const kept = blank
        ? blank.rows
            .filter((r) => r.row > last)
            .map((r) => r.xml)
            .join('')
        : '';
      const cut = blank?.from ?? start;
      const headBytes = sheet.subarray(0, cut);
      const insert = selfClosing ? `<${prefix}sheetData>${rowsFixed}</${prefix}sheetData>` : rowsFixed + kept;
      const rest = selfClosing ? sheet.subarray(closeAt + 'sheetData/>'.length) : sheet.subarray(start);
      // The dimension sits near the start: rewrite it in the head.
      const headLen = Math.min(headBytes.length, 4096);
      let head = decoder.decode(headBytes.subarray(0, headLen));
      const newRef = `${columnLetters(have.left)}${have.top}:${columnLetters(have.right)}${bottom}`;
      head = head.replace(/(<(?:\w+:)?dimension\b[^>]*\bref=")([^"]*)(")/, (m, a, ref: string, b) => {
        const r = parseRange(ref.includes(':') ? ref : `${ref}:${ref}`);
        if (!r) return `${a}${newRef}${b}`;
        return `${a}${columnLetters(Math.min(r.left, have.left))}${Math.min(r.top, have.top)}:${columnLetters(Math.max(r.right, have.right))}${Math.max(r.bottom, bottom)}${b}`;
      });
      changed.set(have.sheetPart, concat([encoder.encode(head), headBytes.subarray(headLen), encoder.encode(insert), rest]));
      const tableRef = `${columnLetters(have.left)}${have.top}:${columnLetters(have.right)}${bottom}`;
      changed.set(
        have.tablePart,
        have.tableXml
          .replace(/(<(?:\w+:)?table\b[^>]*\bref=")[^"]*(")/, `$1${tableRef}$2`)
          .replace(/(<(?:\w+:)?autoFilter\b[^>]*\bref=")[^"]*(")/, `$1${tableRef}$2`),
      );
      touched.push(have.sheetName);
      continue;
    }

    // A new sheet with its table.
    const headers = headerOf(t, options.locale);
    const last = add.length + 1;
    if (last > EXCEL_MAX_ROWS) return { ok: false, message: M.full(SHEET_NAMES[t].en, last) };
    const taken = new Set(wb.sheets.map((s) => s.name.toLowerCase()).concat(newSheets.map((s) => s.toLowerCase())));
    const base = options.locale === 'zh-CN' ? SHEET_NAMES[t].zh : SHEET_NAMES[t].en;
    let sheetName = base;
    for (let n = 2; taken.has(sheetName.toLowerCase()); n++) sheetName = `${base} (${n})`;
    let tableName: string = t;
    for (let n = 2; tableNames.has(tableName.toLowerCase()); n++) tableName = `${t}${n}`;
    tableNames.add(tableName.toLowerCase());
    const tableId = Math.max(0, ...tableIds) + 1;
    tableIds.push(tableId);
    let n = 1;
    while (partNames.has(`${dir}worksheets/sheet${n}.xml`.toLowerCase())) n++;
    partNames.add(`${dir}worksheets/sheet${n}.xml`.toLowerCase());
    const sheetPart = `${dir}worksheets/sheet${n}.xml`;
    let tn = 1;
    while (partNames.has(`${dir}tables/table${tn}.xml`.toLowerCase())) tn++;
    partNames.add(`${dir}tables/table${tn}.xml`.toLowerCase());
    const tablePart = `${dir}tables/table${tn}.xml`;
    const width = headers.length;
    const ref = `A1:${columnLetters(width)}${last}`;
    const colOf = headers.map((_, j) => j);
    const headerRow = `<row r="1">${headers.map((h, j) => `<c r="${columnLetters(j + 1)}1" t="s"><v>${strings.of(h)}</v></c>`).join('')}</row>`;
    const widths = spec.columns.map((c) => (c.type === 'date' ? 12 : c.name === 'StageCheck' ? 28 : 14));
    const sheetXml =
      `${HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><dimension ref="${ref}"/>` +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      `<cols>${widths.map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
      `<sheetData>${headerRow}${rowsXml(add, 2, dateCols, dateStyle, strings, colOf)}</sheetData>` +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      '<tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>';
    changed.set(sheetPart, sheetXml);
    changed.set(
      relsPath(sheetPart),
      `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_REL}/table" Target="../tables/table${tn}.xml"/></Relationships>`,
    );
    changed.set(
      tablePart,
      `${HEAD}<table xmlns="${NS_MAIN}" id="${tableId}" name="${tableName}" displayName="${tableName}" ref="${ref}" totalsRowShown="0">` +
        `<autoFilter ref="${ref}"/><tableColumns count="${width}">` +
        headers.map((h, j) => `<tableColumn id="${j + 1}" name="${escapeXml(h)}"/>`).join('') +
        '</tableColumns><tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>',
    );
    const ids = new Set([...rels.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
    let r = ids.size + 1;
    while (ids.has(`rId${r}`)) r++;
    const relsPrefix = /<(\w+:)?Relationships\b/.exec(rels)?.[1] ?? '';
    rels = rels.replace(
      /<\/((?:\w+:)?)Relationships>/,
      (m) => `<${relsPrefix}Relationship Id="rId${r}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${n}.xml"/>` + m,
    );
    const sheetIds = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*\bsheetId="(\d+)"/g)].map((m) => Number(m[1]));
    const rootTag = /<(?:\w+:)?workbook\b[^>]*>/.exec(workbook)?.[0] ?? '';
    const relPrefix = new RegExp(`xmlns:(\\w+)="${NS_REL.replace(/[./]/g, '\\$&')}"`).exec(rootTag)?.[1];
    const elementPrefix = /<(\w+:)?sheets\b/.exec(workbook)?.[1] ?? '';
    const idAttr = relPrefix ? `${relPrefix}:id="rId${r}"` : `xmlns:r="${NS_REL}" r:id="rId${r}"`;
    workbook = workbook.replace(
      /<\/((?:\w+:)?)sheets>/,
      (m) => `<${elementPrefix}sheet name="${escapeXml(sheetName)}" sheetId="${Math.max(0, ...sheetIds) + 1}" ${idAttr}/>` + m,
    );
    const typesPrefix = /<(\w+:)?Types\b/.exec(types)?.[1] ?? '';
    types = types.replace(
      /<\/((?:\w+:)?)Types>/,
      (m) =>
        `<${typesPrefix}Override PartName="/${sheetPart}" ContentType="${CT}.worksheet+xml"/>` +
        `<${typesPrefix}Override PartName="/${tablePart}" ContentType="${CT}.table+xml"/>` +
        m,
    );
    const known = new Set(wb.definedNames.map((d) => d.name.toLowerCase()));
    spec.columns.forEach((c, j) => {
      const nm = `${spec.prefix}_${c.name}`;
      if (!known.has(nm.toLowerCase())) newNames.push({ name: nm, text: `${tableName}[${headers[j]}]` });
    });
    const appPart = entries.map((e) => e.name.replace(/^\//, '')).find((p) => p.toLowerCase() === 'docprops/app.xml');
    if (appPart) changed.set(appPart, appWithSheet(await current(appPart), sheetName));
    newSheets.push(sheetName);
  }

  // The shared strings this snapshot added.
  if (strings.added.length) {
    const si = strings.added.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('');
    if (sstPart) {
      const sst = await text(sstPart);
      const prefix = /<(\w+:)?sst\b/.exec(sst)?.[1] ?? '';
      const total = strings.added.length + parseSharedStrings(sst).length;
      const body = si.replace(/<(\/?)(si|t)\b/g, `<$1${prefix}$2`);
      const start = /<(?:\w+:)?sst\b([^>]*?)(\/?)>/.exec(sst);
      if (!start) return { ok: false, message: M.failed('unreadable shared strings') };
      const attrs = start[1].replace(/\s+(?:count|uniqueCount)="\d*"/g, '');
      const open = `<${prefix}sst${attrs} uniqueCount="${total}">`;
      changed.set(
        sstPart,
        start[2]
          ? sst.replace(start[0], `${open}${body}</${prefix}sst>`)
          : sst.replace(start[0], open).replace(/<\/((?:\w+:)?)sst>\s*$/, `${body}</${prefix}sst>`),
      );
    } else {
      sstPart = `${dir}sharedStrings.xml`;
      changed.set(sstPart, `${HEAD}<sst xmlns="${NS_MAIN}" uniqueCount="${strings.added.length}">${si}</sst>`);
      const ids = new Set([...rels.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
      let r = ids.size + 1;
      while (ids.has(`rId${r}`)) r++;
      rels = rels.replace(
        /<\/((?:\w+:)?)Relationships>/,
        (m) => `<Relationship Id="rId${r}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` + m,
      );
      types = types.replace(
        /<\/((?:\w+:)?)Types>/,
        (m) => `<Override PartName="/${sstPart}" ContentType="${CT}.sharedStrings+xml"/>` + m,
      );
    }
  }

  changed.set(wb.path, withNames(workbook, newNames));
  changed.set(wbRels, rels);
  changed.set('[Content_Types].xml', types);

  const out: ZipPart[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const p = e.name.replace(/^\//, '');
    seen.add(p.toLowerCase());
    const c = changed.get(p) ?? [...changed].find(([k]) => k.toLowerCase() === p.toLowerCase())?.[1];
    out.push(
      c !== undefined
        ? { name: e.name, data: typeof c === 'string' ? encoder.encode(c) : c }
        : { name: e.name, entry: e, source: bytes },
    );
  }
  for (const [p, c] of changed)
    if (!seen.has(p.toLowerCase())) out.push({ name: p, data: typeof c === 'string' ? encoder.encode(c) : c });
  return { ok: true, bytes: await writeZip(out, options.when), sheets: [...touched, ...newSheets] };
}
