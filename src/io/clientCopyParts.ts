/**
 * The package-level part of a client copy (io/clientCopy.ts does the cells): everything
 * besides cells that would still call CRM3 or ask for the add-in where it is absent.
 *
 * - table parts: a calculated column whose formula calls CRM3 is no longer one (its cells
 *   now hold values; a row the client adds stays blank instead of showing #NAME?);
 * - defined names over a spill (`_xlfn.ANCHORARRAY(Sheet!$T$5)`) whose anchor now holds values
 *   become the range those values fill; a name that calls CRM3 itself is removed;
 * - validations and conditional formats that call CRM3 are removed;
 * - the add-in's task-pane parts (webextension) go: the copy is for clients without it;
 * - docProps/app.xml lists the note sheet too.
 *
 * Works on any producer's XML (Excel, LibreOffice, openpyxl, …): element prefixes are kept,
 * text is only ever cut out or replaced, never re-serialised.
 */
import { callsCrm3, quoteSheet } from '../engine/formulaLanguage';
import { cellAddress, parseCell, tokenize } from '../engine/formulaText';
import { XlsxPackage, attributes, escapeXml } from './formulaPackage';
import { decodeXmlText } from './xmlScan';

/** Where a replaced formula's values lie: anchor sheet and cell → rows × columns written. */
export type ValueBlocks = Map<string, { rows: number; cols: number }>;

export const blockKey = (sheet: string, row: number, col: number) => `${sheet}\u0000${row},${col}`;

const WEBEXTENSION = /webextension/i;

/** A name's stored text with spills over value blocks made plain ranges; undefined when it must go. */
export function copiedNameText(text: string, blocks: ValueBlocks, ownSheet = ''): string | undefined {
  const tokens = tokenize(text);
  const out: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'function' && /^(?:_xlfn\.)?ANCHORARRAY$/i.test(t.text) && tokens[k + 1]?.text === '(') {
      let j = k + 2;
      const sheetToken = tokens[j]?.kind === 'sheet' ? tokens[j++] : undefined;
      const cell = tokens[j];
      if (cell?.kind === 'cell' && tokens[j + 1]?.text === ')') {
        const sheet = sheetToken
          ? sheetToken.text
              .slice(0, -1)
              .replace(/^'(.*)'$/, '$1')
              .replace(/''/g, "'")
          : ownSheet;
        const at = parseCell(cell.text)!;
        const block = blocks.get(blockKey(sheet, at.row, at.col));
        if (block) {
          const last = cellAddress(at.row + block.rows - 1, at.col + block.cols - 1).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
          out.push(
            `${sheetToken ? `${quoteSheet(sheet)}!` : ''}$${cellAddress(at.row, at.col).replace(/(\d+)$/, '$$$1')}:${last}`,
          );
          k = j + 1;
          continue;
        }
      }
    }
    out.push(t.text);
  }
  const result = out.join('');
  return callsCrm3(result) ? undefined : result;
}

/** Cuts elements out of `xml` whose body makes `drop` true; returns the new text and how many went. */
function cutElements(xml: string, local: string, drop: (whole: string) => boolean): { xml: string; cut: number } {
  let cut = 0;
  const re = new RegExp(`<(\\w+:)?${local}\\b[^>]*?(?:\\/>|>[\\s\\S]*?<\\/\\1?${local}>)`, 'g');
  const out = xml.replace(re, (whole) => {
    if (!drop(whole)) return whole;
    cut++;
    return '';
  });
  return { xml: out, cut };
}

const formulasIn = (element: string) =>
  [
    ...element.matchAll(
      /<(?:\w+:)?(?:formula\d?|calculatedColumnFormula)\b[^>]*>([\s\S]*?)<\/(?:\w+:)?(?:formula\d?|calculatedColumnFormula)>/g,
    ),
  ].map((m) => decodeXmlText(m[1]));

/**
 * Package-level edits of a client copy, added to `changed` (part → new text, or `drop`).
 * `sheetXml` gives a worksheet part's text as the copy will hold it.
 */
export async function cleanPackage(
  pkg: XlsxPackage,
  changed: Map<string, string>,
  blocks: ValueBlocks,
  drop: string,
): Promise<{ removedNames: string[] }> {
  const current = async (part: string) => changed.get(part) ?? (await pkg.text(part)) ?? '';
  const partNames = pkg.entries.map((e) => e.name.replace(/^\//, ''));

  // Table parts: calculated columns that call CRM3.
  for (const part of partNames.filter((p) => /(^|\/)tables\/[^/]+\.xml$/i.test(p))) {
    const xml = await current(part);
    const r = cutElements(xml, 'calculatedColumnFormula', (el) => formulasIn(el).some(callsCrm3));
    if (r.cut) {
      // A tableColumn left with only whitespace inside is fine; an emptied pair stays valid XML.
      changed.set(part, r.xml);
    }
  }

  // Worksheets: validations and conditional formats that call CRM3.
  for (const part of partNames.filter((p) => /(^|\/)worksheets\/[^/]+\.xml$/i.test(p))) {
    let xml = await current(part);
    let touched = false;
    const v = cutElements(xml, 'dataValidation', (el) => formulasIn(el).some(callsCrm3));
    if (v.cut) {
      xml = v.xml.replace(
        /<(\w+:)?dataValidations\b([^>]*?)count="\d+"([^>]*)>([\s\S]*?)<\/\1?dataValidations>/,
        (whole, p, a, b, body) => {
          const n = (body.match(/<(?:\w+:)?dataValidation\b/g) ?? []).length;
          return n ? `<${p ?? ''}dataValidations${a}count="${n}"${b}>${body}</${p ?? ''}dataValidations>` : '';
        },
      );
      touched = true;
    }
    const c = cutElements(xml, 'cfRule', (el) => formulasIn(el).some(callsCrm3));
    if (c.cut) {
      xml = c.xml.replace(/<(\w+:)?conditionalFormatting\b[^>]*>\s*<\/\1?conditionalFormatting>/g, '');
      touched = true;
    }
    if (touched) changed.set(part, xml);
  }

  // Defined names.
  const removedNames: string[] = [];
  const wbPart = pkg.workbookPart;
  let workbook = await current(wbPart);
  const sheetNames = pkg.sheets.map((s) => s.name);
  workbook = workbook.replace(
    /<(\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/\1?definedName>/g,
    (whole, prefix: string | undefined, attrs: string, body: string) => {
      const text = decodeXmlText(body);
      if (!/ANCHORARRAY|_xldudf_|CRM3\./i.test(text)) return whole;
      // A sheet-level name's spill anchor without a sheet prefix is on its own sheet.
      const local = attributes(attrs).localSheetId;
      const own = local !== undefined ? (sheetNames[Number(local)] ?? '') : '';
      const next = copiedNameText(text, blocks, own);
      if (next === undefined) {
        removedNames.push(attributes(attrs).name ?? '');
        return '';
      }
      return `<${prefix ?? ''}definedName${attrs}>${escapeXml(next)}</${prefix ?? ''}definedName>`;
    },
  );
  workbook = workbook.replace(/<(\w+:)?definedNames\b[^>]*>\s*<\/\1?definedNames>/, '');
  changed.set(wbPart, workbook);

  // The add-in's task pane: parts, package relationship, content types.
  const rootRels = await current('_rels/.rels');
  if (WEBEXTENSION.test(rootRels)) {
    changed.set('_rels/.rels', rootRels.replace(/<(?:\w+:)?Relationship\b[^>]*webextension[^>]*\/>/gi, ''));
    for (const p of partNames.filter((n) => WEBEXTENSION.test(n))) changed.set(p, drop);
    const types = await current('[Content_Types].xml');
    changed.set('[Content_Types].xml', types.replace(/<(?:\w+:)?Override\b[^>]*PartName="[^"]*webextension[^"]*"[^>]*\/>/gi, ''));
  }
  return { removedNames };
}

/** docProps/app.xml with the added sheet among the worksheet titles (HeadingPairs count and TitlesOfParts). */
export function appWithSheet(app: string, sheet: string): string {
  const pairs = /<vt:lpstr>(?:Worksheets|工作表)<\/vt:lpstr><\/vt:variant>\s*<vt:variant>\s*<vt:i4>(\d+)<\/vt:i4>/.exec(app);
  if (!pairs) return app;
  const before = Number(pairs[1]);
  let out = app.replace(pairs[0], pairs[0].replace(`<vt:i4>${before}</vt:i4>`, `<vt:i4>${before + 1}</vt:i4>`));
  const titles = /(<TitlesOfParts>\s*<vt:vector\b[^>]*size=")(\d+)("[^>]*>)([\s\S]*?)(<\/vt:vector>)/.exec(out);
  if (!titles) return out;
  const items = [...titles[4].matchAll(/<vt:lpstr>[\s\S]*?<\/vt:lpstr>/g)].map((m) => m[0]);
  items.splice(before, 0, `<vt:lpstr>${escapeXml(sheet)}</vt:lpstr>`);
  out = out.replace(titles[0], `${titles[1]}${Number(titles[2]) + 1}${titles[3]}${items.join('')}${titles[5]}`);
  return out;
}
