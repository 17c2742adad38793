/**
 * A copy of a workbook for clients who do not have the CRM3 add-in (issue #6): every cell
 * whose formula calls a CRM3 function holds its value instead (the value Excel saved, or,
 * when the file holds none, the value the CRM3 engine computes), other formulas stay, and a
 * note sheet says what was done and when. The copy is made part by part from the package,
 * so everything else in it (styles, tables, charts, names, protection) is kept byte for byte.
 * Web-platform APIs only: the task pane makes the same copy in the browser. Never throws;
 * the input bytes are only read.
 */
import { Locale, Message, bi, pick } from '../core/i18n';
import { FormulaCellValue, evaluateFormulaWorkbook } from './formulaWorkbook';
import { cellAddress, parseCell } from '../engine/formulaText';
import { callsCrm3 } from '../engine/formulaLanguage';
import { columnLetters } from '../model/snapshot';
import type { EngineValue } from '../engine/workbookEngine';
import {
  OffSheetError,
  PartXmlError,
  StoredCell,
  XlsxPackage,
  attributes,
  escapeXml,
  openXlsxPackage,
  parseSheetCells,
} from './formulaPackage';
import { ReadFailure } from './readFailure';
import { relsPath } from './xlsxPackage';
import { decodeXmlText } from './xmlScan';
import { ZipLimits } from './zipGuard';
import { ZipPart, writeZip } from './zipWriter';
import { xmlFault } from './xmlCheck';
import { ValueBlocks, appWithSheet, blockKey, cleanPackage } from './clientCopyParts';
import { parseRange } from './xlsxSheet';

export interface ClientCopyOptions {
  /** Language of the note sheet. */
  locale: Locale;
  /** When the copy is made (written on the note sheet and as the parts' time). */
  when: Date;
  limits?: Partial<ZipLimits>;
}

export interface UnvaluedCell {
  /** `Sheet!A1`. */
  where: string;
  formula: string;
  message: Message;
}

export type ClientCopyResult =
  | {
      ok: true;
      bytes: Uint8Array;
      /** Formula cells that called CRM3 and now hold values. */
      replaced: number;
      /** Of those, the cells the file held no saved value for, computed by the CRM3 engine (`Sheet!A1`). */
      uncached: string[];
      /** Cells that could not be valued at all: left blank, listed on the note sheet. */
      unvalued: UnvaluedCell[];
      /** Name of the note sheet added. */
      noteSheet: string;
    }
  | { ok: false; reason: ReadFailure };

/** What becomes of one cell of a sheet. */
type Edit =
  /** Keep the value the file holds; drop the formula. */
  | { kind: 'cached' }
  /** Write this value; drop the formula. A cell the file does not have yet takes `style` (its anchor's). */
  | { kind: 'value'; value: EngineValue; style?: string };

interface SheetPlan {
  part: string;
  xml: string;
  edits: Map<string, Edit>;
}

const key = (row: number, col: number) => `${row},${col}`;

const isNameError = (v: unknown) => typeof v === 'object' && v !== null && (v as { error?: string }).error === '#NAME?';

function quoteSheet(name: string): string {
  return /[^A-Za-z0-9_\u0080-\uffff]/.test(name) ? `'${name.replace(/'/g, "''")}'` : name;
}

const WHY = {
  notComputed: (why: string): Message => ({
    en: `the CRM3 engine could not compute it (${why})`,
    zh: `CRM3 引擎无法计算（${why}）`,
  }),
};

/** Makes the client copy. The result's bytes are a new file; `bytes` is left as it was. */
export async function makeClientCopy(
  bytes: Uint8Array | ArrayBuffer,
  name: string,
  options: ClientCopyOptions,
): Promise<ClientCopyResult> {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const opened = await openXlsxPackage(view, name, options.limits ?? {});
  if (!opened.ok) return opened;
  try {
    return await copy(opened.pkg, view, name, options);
  } catch (e) {
    const m = (e instanceof Error ? e.message : String(e)).slice(0, 200);
    // A damaged part is said in the user's language; anything else as the error says it.
    const why = e instanceof PartXmlError || e instanceof OffSheetError ? e.words : bi(m, m);
    return {
      ok: false,
      reason: {
        code: 'corrupt',
        message: {
          en: `${name}: the client copy could not be made (${why.en}). Open the workbook in Excel, save it again and retry.`,
          zh: `${name}：无法生成客户副本（${why.zh}）。请在 Excel 中打开该工作簿，重新保存后再试。`,
        },
      },
    };
  }
}

async function copy(pkg: XlsxPackage, bytes: Uint8Array, name: string, options: ClientCopyOptions): Promise<ClientCopyResult> {
  const plans: SheetPlan[] = [];
  /** Where replaced formulas' values lie (names over their spills become these ranges). */
  const blocks: ValueBlocks = new Map();
  /** Cells that need the engine: sheet name, cell, and whether a spilled block must be written too. */
  const needed: { plan: SheetPlan; sheet: string; cell: StoredCell; formula: string; spill: boolean }[] = [];
  let replaced = 0;
  for (const sheet of pkg.sheets) {
    if (!sheet.part) continue;
    const xml = (await pkg.text(sheet.part)) ?? '';
    const cells = parseSheetCells(xml, pkg.sharedStrings, sheet.part);
    const table = await pkg.tableOffSheet(sheet);
    if (table)
      throw new OffSheetError(sheet.part, bi(`table ${table.table} (${table.ref})`, `表 ${table.table}（${table.ref}）`));
    const plan: SheetPlan = { part: sheet.part, xml, edits: new Map() };
    const masters = new Map<string, StoredCell>();
    for (const c of cells)
      if (c.formula?.type === 'shared' && c.formula.text && c.formula.si !== undefined) masters.set(c.formula.si, c);
    for (const c of cells) {
      if (!c.formula) continue;
      const text = c.formula.type === 'shared' ? masters.get(c.formula.si ?? '')?.formula?.text : c.formula.text;
      if (!text || !callsCrm3(text)) continue;
      replaced++;
      const isArray = c.formula.type === 'array';
      // An empty saved text is what writers put as a placeholder (ExcelJS, our templates): compute it.
      // So is #NAME? saved for a CRM3 call: the host that saved it (LibreOffice, Excel without the
      // add-in) did not know the function, so the file holds no value of it.
      if (c.hasValue && c.value !== '' && !isNameError(c.value)) {
        plan.edits.set(key(c.row, c.col), { kind: 'cached' });
        // Excel saves a spilled formula's current range as its ref: the values already fill it.
        const range = isArray && c.formula.ref ? parseRange(c.formula.ref) : undefined;
        blocks.set(
          blockKey(sheet.name, c.row, c.col),
          range ? { rows: range.bottom - range.top + 1, cols: range.right - range.left + 1 } : { rows: 1, cols: 1 },
        );
      } else needed.push({ plan, sheet: sheet.name, cell: c, formula: text, spill: isArray });
    }
    plans.push(plan);
  }

  const uncached: string[] = [];
  const unvalued: UnvaluedCell[] = [];
  if (needed.length) {
    const evaluated = await evaluateFormulaWorkbook(bytes, name, { ...(options.limits ?? {}), locale: options.locale });
    const byCell = new Map<string, FormulaCellValue>();
    const unsupported = new Map<string, Message>();
    if (evaluated.ok) {
      for (const c of evaluated.cells) byCell.set(`${c.sheet}!${c.cell}`, c);
      for (const p of evaluated.errors) if (p.kind === 'unsupported') unsupported.set(`${p.sheet}!${p.cell}`, p.message);
    }
    for (const n of needed) {
      const address = cellAddress(n.cell.row, n.cell.col);
      const where = `${quoteSheet(n.sheet)}!${address}`;
      const value = byCell.get(`${n.sheet}!${address}`);
      if (!value) {
        const message =
          unsupported.get(`${n.sheet}!${address}`) ??
          WHY.notComputed(evaluated.ok ? '—' : pick(evaluated.reason.message, 'en-US'));
        unvalued.push({ where, formula: n.formula, message });
        n.plan.edits.set(key(n.cell.row, n.cell.col), { kind: 'value', value: null });
        continue;
      }
      uncached.push(where);
      const block = n.spill && value.spill ? value.spill : [[value.value]];
      blocks.set(blockKey(n.sheet, n.cell.row, n.cell.col), { rows: block.length, cols: block[0]?.length ?? 1 });
      const style = n.cell.style;
      block.forEach((line, r) =>
        line.forEach((v, c) => {
          const k = key(n.cell.row + r, n.cell.col + c);
          // A spilled value never overwrites a cell of the file that is itself being replaced.
          if (r === 0 && c === 0) n.plan.edits.set(k, { kind: 'value', value: v });
          else if (!n.plan.edits.has(k))
            n.plan.edits.set(k, { kind: 'value', value: v, ...(style !== undefined ? { style } : {}) });
        }),
      );
    }
  }

  const changed = new Map<string, string>();
  for (const p of plans) if (p.edits.size) changed.set(p.part, rewriteSheet(p.xml, p.edits));
  await cleanPackage(pkg, changed, blocks, DROP);
  const noteSheet = await addNoteSheet(pkg, changed, { name, replaced, uncached, unvalued, ...options });

  // Every part the copy rewrote must be well-formed: a copy Excel or openpyxl refuses is never handed out.
  for (const [partName, text] of changed) {
    const fault = text === DROP || !/\.(xml|rels)$/i.test(partName) ? undefined : xmlFault(text);
    if (fault) return notOpening(name, bi(`${partName}: ${fault.en}`, `${partName}：${fault.zh}`));
  }

  const parts: ZipPart[] = [];
  const encoder = new TextEncoder();
  const seen = new Set<string>();
  for (const e of pkg.entries) {
    const partName = e.name.replace(/^\//, '');
    if (changed.get(partName) === DROP) continue;
    seen.add(partName);
    const text = changed.get(partName);
    parts.push(text !== undefined ? { name: e.name, data: encoder.encode(text) } : { name: e.name, entry: e, source: bytes });
  }
  for (const [partName, text] of changed)
    if (!seen.has(partName) && text !== DROP) parts.push({ name: partName, data: encoder.encode(text) });
  const out = await writeZip(parts, options.when);
  // And the package as a whole opens again, with every sheet the input had and the note.
  const reopened = await openXlsxPackage(out, name, options.limits ?? {});
  if (!reopened.ok) return notOpening(name, reopened.reason.message);
  if (reopened.pkg.sheets.length !== pkg.sheets.length + 1) return notOpening(name, bi('a sheet is missing', '缺少一个工作表'));
  return { ok: true, bytes: out, replaced, uncached, unvalued, noteSheet };
}

function notOpening(name: string, why: Message): ClientCopyResult {
  return {
    ok: false,
    reason: {
      code: 'corrupt',
      message: {
        en: `${name}: the client copy would not open (${why.en}), so it was not made. Open the workbook in Excel, save it again and retry; if that does not help, report this message.`,
        zh: `${name}：生成的客户副本无法打开（${why.zh}），因此未生成。请在 Excel 中打开该工作簿，重新保存后再试；如仍不行，请报告此消息。`,
      },
    },
  };
}

// ---------------------------------------------------------------- sheet XML

const EXCEL_ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#SPILL!', '#CALC!']);

function valueXml(p: string, ref: string, style: string | undefined, value: EngineValue): string {
  const s = style !== undefined ? ` s="${escapeXml(style)}"` : '';
  if (value === null) return `<${p}c r="${ref}"${s}/>`;
  if (typeof value === 'number') return `<${p}c r="${ref}"${s}><${p}v>${String(value)}</${p}v></${p}c>`;
  if (typeof value === 'boolean') return `<${p}c r="${ref}"${s} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  if (typeof value === 'string') return inlineString(p, ref, s, value);
  // HyperFormula's own codes (#ERROR!, #CYCLE!) are not Excel errors: #VALUE! is the nearest.
  const code = EXCEL_ERRORS.has(value.error) ? value.error : '#VALUE!';
  return `<${p}c r="${ref}"${s} t="e"><${p}v>${escapeXml(code)}</${p}v></${p}c>`;
}

function inlineString(p: string, ref: string, s: string, text: string): string {
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(text)}</${p}t></${p}is></${p}c>`;
}

/** A formula cell turned into its saved value: `<f>` and the dynamic-array mark dropped. */
function keepCached(p: string, raw: string, ref: string): string {
  const open = /^<(?:\w+:)?c\b([^>]*?)(\/?)>/.exec(raw);
  const a = open ? attributes(open[1]) : {};
  let body = raw.slice(open ? open[0].length : 0).replace(/<\/(?:\w+:)?c>$/, '');
  body = body.replace(/<(?:\w+:)?f\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?f>)/, '');
  const s = a.s !== undefined ? ` s="${escapeXml(a.s)}"` : '';
  if (a.t === 'str') {
    const v = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body);
    // Formula text results become inline strings: a cell without a formula cannot be t="str".
    return inlineString(p, ref, s, v ? decodeXmlText(v[1]) : '');
  }
  const t = a.t !== undefined ? ` t="${escapeXml(a.t)}"` : '';
  return `<${p}c r="${ref}"${s}${t}>${body}</${p}c>`;
}

interface RawCell {
  col: number;
  raw: string;
}

/** The sheet's XML with the edits applied; rows and cells stay in order, new ones go where they belong. */
function rewriteSheet(xml: string, edits: Map<string, Edit>): string {
  const start = xml.search(/<(?:\w+:)?sheetData\b/);
  if (start < 0) return xml;
  const prefix = /<(\w+:)?sheetData\b/.exec(xml)?.[1] ?? '';
  const openEnd = xml.indexOf('>', start) + 1;
  const selfClosing = xml[openEnd - 2] === '/';
  const close = selfClosing ? openEnd : xml.search(/<\/(?:\w+:)?sheetData>/);
  const inner = selfClosing ? '' : xml.slice(openEnd, close);

  const pending = new Map<number, Map<number, Edit>>();
  for (const [k, edit] of edits) {
    const [r, c] = k.split(',').map(Number);
    if (!pending.has(r)) pending.set(r, new Map());
    pending.get(r)!.set(c, edit);
  }

  const rows: string[] = [];
  let rowNumber = 0;
  const flushRowsBefore = (limit: number) => {
    for (const r of [...pending.keys()].filter((r) => r < limit).sort((a, b) => a - b)) {
      rows.push(`<${prefix}row r="${r}">${newCells(prefix, r, [], pending.get(r)!)}</${prefix}row>`);
      pending.delete(r);
    }
  };
  for (const m of inner.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const a = attributes(m[1]);
    rowNumber = a.r ? Number(a.r) : rowNumber + 1;
    flushRowsBefore(rowNumber);
    const rowEdits = pending.get(rowNumber);
    if (!rowEdits) {
      rows.push(m[0]);
      continue;
    }
    pending.delete(rowNumber);
    const cells: RawCell[] = [];
    let col = 0;
    for (const cm of (m[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const at = attributes(cm[1]).r;
      const parsed = at ? parseCell(at) : undefined;
      col = parsed ? parsed.col : col + 1;
      cells.push({ col, raw: parsed ? cm[0] : cm[0].replace(/^<((?:\w+:)?c)\b/, `<$1 r="${cellAddress(rowNumber, col)}"`) });
    }
    // The row's own attributes, without the `spans` hint (cells may be added) and with its number.
    const attrs = m[1].replace(/\s+spans\s*=\s*("[^"]*"|'[^']*')/, '');
    const rowOpen = a.r ? `<${prefix}row${attrs}>` : `<${prefix}row r="${rowNumber}"${attrs}>`;
    rows.push(`${rowOpen}${newCells(prefix, rowNumber, cells, rowEdits)}</${prefix}row>`);
  }
  flushRowsBefore(Infinity);
  const data = `<${prefix}sheetData>${rows.join('')}</${prefix}sheetData>`;
  const end = selfClosing ? openEnd : close + `</${prefix}sheetData>`.length;
  return xml.slice(0, start) + data + xml.slice(end);
}

function newCells(p: string, row: number, cells: RawCell[], edits: Map<number, Edit>): string {
  const out: string[] = [];
  const remaining = new Map(edits);
  const addBefore = (limit: number) => {
    for (const c of [...remaining.keys()].filter((c) => c < limit).sort((a, b) => a - b)) {
      const e = remaining.get(c)!;
      if (e.kind === 'value') out.push(valueXml(p, cellAddress(row, c), e.style, e.value));
      remaining.delete(c);
    }
  };
  for (const cell of cells) {
    addBefore(cell.col);
    const edit = remaining.get(cell.col);
    remaining.delete(cell.col);
    const ref = cellAddress(row, cell.col);
    if (!edit) out.push(cell.raw);
    else if (edit.kind === 'cached') out.push(keepCached(p, cell.raw, ref));
    else out.push(valueXml(p, ref, attributes(/^<(?:\w+:)?c\b([^>]*?)\/?>/.exec(cell.raw)?.[1] ?? '').s, edit.value));
  }
  addBefore(Infinity);
  return out.join('');
}

// ---------------------------------------------------------------- the note sheet and the package

/** Marks a part to leave out of the copy. */
const DROP = '\u0000drop';

const NOTE_NAME: Message = { en: 'About this copy', zh: '关于此副本' };

interface NoteFacts extends ClientCopyOptions {
  name: string;
  replaced: number;
  uncached: string[];
  unvalued: UnvaluedCell[];
}

/** Most cells listed one by one on the note; the rest are counted. */
const NOTE_LIST_LIMIT = 500;

function stamp(when: Date): string {
  const iso = Number.isFinite(when.getTime()) ? when.toISOString() : new Date(0).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function noteLines(f: NoteFacts): string[][] {
  const L = (en: string, zh: string) => pick({ en, zh }, f.locale);
  const lines: string[][] = [
    [L('Copy for clients without the CRM3 add-in', '供未安装 CRM3 加载项的客户使用的副本')],
    [],
    [L('Made from', '源文件'), f.name],
    [L('Made on', '生成时间'), stamp(f.when)],
    [
      L('What was done', '处理内容'),
      L(
        `${f.replaced} cells that called CRM3 functions now hold their values instead of their formulas. All other formulas are unchanged. The original workbook was not modified.`,
        `${f.replaced} 个调用 CRM3 函数的单元格已改为其计算结果（数值），不再是公式。其他公式保持不变。原工作簿未被修改。`,
      ),
    ],
    [
      L('Please note', '请注意'),
      L(
        'These values are a snapshot and do not update when data changes. To recalculate, open the original workbook in Excel with the CRM3 add-in.',
        '这些数值是生成时的快照，数据变化后不会自动更新。如需重新计算，请在安装了 CRM3 加载项的 Excel 中打开原工作簿。',
      ),
    ],
    [],
  ];
  const list = <T>(items: T[], show: (t: T) => string[]) => {
    for (const item of items.slice(0, NOTE_LIST_LIMIT)) lines.push(show(item));
    if (items.length > NOTE_LIST_LIMIT)
      lines.push([L(`… and ${items.length - NOTE_LIST_LIMIT} more`, `…… 另有 ${items.length - NOTE_LIST_LIMIT} 个`)]);
  };
  if (f.unvalued.length) {
    lines.push([L(`Could not be valued (left blank): ${f.unvalued.length}`, `无法取得数值（已留空）：${f.unvalued.length} 个`)]);
    list(f.unvalued, (u) => [u.where, `=${u.formula}`, pick(u.message, f.locale)]);
  } else {
    lines.push([L('Every CRM3 formula was valued.', '所有 CRM3 公式均已取得数值。')]);
  }
  if (f.uncached.length) {
    lines.push([]);
    lines.push([
      L(
        `The file held no saved value for ${f.uncached.length} of these cells; the CRM3 engine computed them:`,
        `文件中有 ${f.uncached.length} 个单元格没有保存的数值，已由 CRM3 引擎计算：`,
      ),
    ]);
    list(asRanges(f.uncached), (w) => [w]);
  }
  return lines;
}

/** `Sheet!P2`, `Sheet!P3`, … `Sheet!P31` → `Sheet!P2:P31`: runs down a column read as one range. */
export function asRanges(cells: readonly string[]): string[] {
  const runs: { sheet: string; col: string; first: number; last: number }[] = [];
  const sheetOrder = new Map<string, number>();
  const parts = cells.map((where) => {
    const m = /^(.*)!([A-Z]+)(\d+)$/.exec(where);
    const sheet = m ? m[1] : where;
    if (!sheetOrder.has(sheet)) sheetOrder.set(sheet, sheetOrder.size);
    return { where, sheet, col: m ? m[2] : '', row: m ? Number(m[3]) : 0 };
  });
  parts.sort(
    (a, b) =>
      sheetOrder.get(a.sheet)! - sheetOrder.get(b.sheet)! ||
      a.col.length - b.col.length ||
      a.col.localeCompare(b.col) ||
      a.row - b.row,
  );
  for (const { where } of parts) {
    const m = /^(.*)!([A-Z]+)(\d+)$/.exec(where);
    if (!m) {
      runs.push({ sheet: where, col: '', first: 0, last: 0 });
      continue;
    }
    const [, sheet, col, row] = m;
    const prev = runs[runs.length - 1];
    if (prev && prev.sheet === sheet && prev.col === col && prev.last + 1 === Number(row)) prev.last = Number(row);
    else runs.push({ sheet, col, first: Number(row), last: Number(row) });
  }
  return runs.map((r) =>
    !r.col ? r.sheet : r.first === r.last ? `${r.sheet}!${r.col}${r.first}` : `${r.sheet}!${r.col}${r.first}:${r.col}${r.last}`,
  );
}

function noteSheetXml(f: NoteFacts): string {
  const rows = noteLines(f)
    .map((cells, i) => {
      const r = i + 1;
      const xml = cells.map((text, j) => inlineString('', `${columnLetters(j + 1)}${r}`, '', text)).join('');
      return `<row r="${r}">${xml}</row>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    // Printed landscape, one page wide: the long lines are not cut at a page edge.
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    '<cols><col min="1" max="1" width="24" customWidth="1"/><col min="2" max="2" width="110" customWidth="1"/><col min="3" max="3" width="60" customWidth="1"/></cols>' +
    `<sheetData>${rows}</sheetData>` +
    '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>'
  );
}

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_REL = `${REL_NS}/worksheet`;
const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

/** Adds the note sheet last, and drops the calculation chain (Excel rebuilds it; it lists the removed formulas). */
async function addNoteSheet(pkg: XlsxPackage, changed: Map<string, string>, facts: NoteFacts): Promise<string> {
  const wbPath = pkg.workbookPart;
  const dir = wbPath.slice(0, wbPath.lastIndexOf('/') + 1);
  const wbRels = relsPath(wbPath);
  let workbook = changed.get(wbPath) ?? (await pkg.text(wbPath)) ?? '';
  let rels = changed.get(wbRels) ?? (await pkg.text(wbRels)) ?? '';
  let types = changed.get('[Content_Types].xml') ?? (await pkg.text('[Content_Types].xml')) ?? '';

  // Calculation chain out.
  const chain = /<(?:\w+:)?Relationship\b[^>]*\/calcChain"[^>]*\/>/.exec(rels);
  if (chain) {
    const target = /Target="([^"]*)"/.exec(chain[0])?.[1] ?? 'calcChain.xml';
    const chainPart = target.startsWith('/') ? target.slice(1) : dir + target;
    rels = rels.replace(chain[0], '');
    types = types.replace(
      new RegExp(`<(?:\\w+:)?Override\\b[^>]*PartName="/${chainPart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*/>`),
      '',
    );
    changed.set(chainPart, DROP);
  }

  const existing = new Set(pkg.sheets.map((s) => s.name.toLowerCase()));
  const base = pick(NOTE_NAME, facts.locale);
  let sheetName = base;
  for (let n = 2; existing.has(sheetName.toLowerCase()); n++) sheetName = `${base} (${n})`;

  const partNames = new Set(pkg.entries.map((e) => e.name.replace(/^\//, '').toLowerCase()));
  let n = 1;
  while (partNames.has(`${dir}worksheets/sheet${n}.xml`.toLowerCase())) n++;
  const sheetPart = `${dir}worksheets/sheet${n}.xml`;
  const ids = new Set([...rels.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
  let r = ids.size + 1;
  while (ids.has(`rId${r}`)) r++;
  const rId = `rId${r}`;
  const sheetIds = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*\bsheetId="(\d+)"/g)].map((m) => Number(m[1]));
  const sheetId = Math.max(0, ...sheetIds) + 1;

  // The relationships prefix counts only when the root element declares it: openpyxl and pandas
  // declare xmlns:r on each <sheet> instead, and using their r: elsewhere leaves it undeclared.
  const rootTag = /<(?:\w+:)?workbook\b[^>]*>/.exec(workbook)?.[0] ?? '';
  const relPrefix = new RegExp(`xmlns:(\\w+)="${REL_NS.replace(/[./]/g, '\\$&')}"`).exec(rootTag)?.[1];
  const elementPrefix = /<(\w+:)?sheets\b/.exec(workbook)?.[1] ?? '';
  const idAttr = relPrefix ? `${relPrefix}:id="${rId}"` : `xmlns:r="${REL_NS}" r:id="${rId}"`;
  const sheetXml = `<${elementPrefix}sheet name="${escapeXml(sheetName)}" sheetId="${sheetId}" ${idAttr}/>`;
  workbook = workbook.replace(/<\/((?:\w+:)?)sheets>/, (m) => sheetXml + m);
  const relsPrefix = /<(\w+:)?Relationships\b/.exec(rels)?.[1] ?? '';
  rels = rels.replace(
    /<\/((?:\w+:)?)Relationships>/,
    (m) => `<${relsPrefix}Relationship Id="${rId}" Type="${WORKSHEET_REL}" Target="worksheets/sheet${n}.xml"/>` + m,
  );
  const typesPrefix = /<(\w+:)?Types\b/.exec(types)?.[1] ?? '';
  types = types.replace(
    /<\/((?:\w+:)?)Types>/,
    (m) => `<${typesPrefix}Override PartName="/${sheetPart}" ContentType="${WORKSHEET_TYPE}"/>` + m,
  );

  changed.set(wbPath, workbook);
  changed.set(wbRels, rels);
  const appPart = pkg.entries.map((e) => e.name.replace(/^\//, '')).find((n) => n.toLowerCase() === 'docprops/app.xml');
  if (appPart) changed.set(appPart, appWithSheet(changed.get(appPart) ?? (await pkg.text(appPart)) ?? '', sheetName));
  changed.set('[Content_Types].xml', types);
  changed.set(sheetPart, noteSheetXml(facts));
  return sheetName;
}
