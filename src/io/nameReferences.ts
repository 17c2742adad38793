/**
 * What a defined name refers to, in terms HyperFormula understands. Templates define their
 * column names as Excel structured references (`Accounts[AccountId]`, which grow with the
 * table) and their helper columns as spill references (`'Plan'!$T$5#`, which size themselves
 * with the data). HyperFormula knows neither, so names (and only names: cell formulas must
 * not use them, DESIGN §7) are rewritten here to plain ranges from the file's table parts
 * and, for spills, from the anchor's computed result.
 */
import { cellAddress, parseCell, tokenize } from '../engine/formulaText';
import type { TableInfo } from './formulaPackage';

/** A sheet name as a formula prefix: quoted, with quotes doubled. */
function sheetPrefix(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'!`;
}

function absolute(row: number, col: number): string {
  return cellAddress(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
}

/** The items of a structured reference's brackets: `[[#Data],[A]:[B]]` → ['#Data', ',', 'A', ':', 'B']; escapes undone. */
export function structuredItems(bracket: string): string[] | undefined {
  const inner = bracket.slice(1, -1);
  if (!bracket.startsWith('[') || !bracket.endsWith(']')) return undefined;
  const unescape = (s: string) => s.replace(/'(.)/g, '$1');
  if (!inner.trimStart().startsWith('[')) return inner.trim() === '' ? [] : [unescape(inner)];
  const out: string[] = [];
  let i = 0;
  while (i < inner.length) {
    const ch = inner[i];
    if (ch === ' ') i++;
    else if (ch === ',' || ch === ':') {
      out.push(ch);
      i++;
    } else if (ch === '[') {
      let j = i + 1;
      let item = '';
      while (j < inner.length && inner[j] !== ']') {
        if (inner[j] === "'") j++;
        item += inner[j] ?? '';
        j++;
      }
      if (j >= inner.length) return undefined;
      out.push(item);
      i = j + 1;
    } else return undefined;
  }
  return out;
}

/**
 * `Table[…]` as an absolute range on the table's sheet, or undefined when the table, a
 * column or a specifier is unknown (`[#This Row]` has no meaning in a workbook-level name).
 */
export function structuredRange(table: TableInfo, bracket: string): string | undefined {
  const items = structuredItems(bracket);
  if (!items) return undefined;
  const specifiers = items.filter((s) => s.startsWith('#')).map((s) => s.toLowerCase().replace(/\s+/g, ' '));
  const names = items.filter((s) => !s.startsWith('#') && s !== ',' && s !== ':');
  const headerBottom = table.top + table.headerRows - 1;
  const dataTop = table.top + table.headerRows;
  const dataBottom = table.bottom - table.totalsRows;
  let top = dataTop;
  let bottom = dataBottom;
  if (specifiers.length) {
    const rows: number[] = [];
    for (const s of specifiers) {
      if (s === '#all') rows.push(table.top, table.bottom);
      else if (s === '#data') rows.push(dataTop, dataBottom);
      else if (s === '#headers' && table.headerRows > 0) rows.push(table.top, headerBottom);
      else if (s === '#totals' && table.totalsRows > 0) rows.push(dataBottom + 1, table.bottom);
      else return undefined;
    }
    top = Math.min(...rows);
    bottom = Math.max(...rows);
  }
  if (bottom < top) return undefined;
  let left = table.left;
  let right = table.right;
  if (names.length) {
    const at = names.map((n) => table.columns.findIndex((c) => c.toLowerCase() === n.toLowerCase()));
    if (at.some((k) => k < 0) || names.length > 2) return undefined;
    left = table.left + Math.min(...at);
    right = table.left + Math.max(...at);
  }
  return `${sheetPrefix(table.sheet)}${absolute(top, left)}:${absolute(bottom, right)}`;
}

export interface ResolvedName {
  /** The name's text with structured references replaced by ranges. */
  text: string;
  /** Spill references (`Sheet!$T$5#`) it still holds: each is resolved once its anchor is computed. */
  spills: { sheet?: string; row: number; col: number; token: number }[];
  tokens: string[];
}

/** A name's text (engine form) with its structured references resolved; undefined when one cannot be. */
export function resolveName(text: string, tables: readonly TableInfo[]): ResolvedName | undefined {
  const tokens = tokenize(text);
  const out: string[] = [];
  const spills: ResolvedName['spills'] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const next = tokens[k + 1];
    if (t.kind === 'name' && next?.kind === 'bracket') {
      const table = tables.find((x) => x.name.toLowerCase() === t.text.toLowerCase());
      const range = table ? structuredRange(table, next.text) : undefined;
      if (!range) return undefined;
      out.push(range);
      k++;
      continue;
    }
    if (t.kind === 'bracket') return undefined;
    if (t.kind === 'cell' && next?.kind === 'other' && next.text === '#') {
      const at = parseCell(t.text.replace(/\$/g, ''))!;
      const prev = tokens[k - 1];
      const sheet =
        prev?.kind === 'sheet'
          ? prev.text
              .slice(0, -1)
              .replace(/^'(.*)'$/, '$1')
              .replace(/''/g, "'")
          : undefined;
      spills.push({ sheet, row: at.row, col: at.col, token: out.length });
      out.push(t.text);
      k++;
      continue;
    }
    out.push(t.text);
  }
  return { text: out.join(''), spills, tokens: out };
}
