/**
 * What a defined name refers to, in terms HyperFormula understands. Templates define their
 * column names as Excel structured references (`Accounts[AccountId]`, which grow with the
 * table) and their helper columns as spill references (`_xlfn.ANCHORARRAY('Plan'!$T$5)`, typed
 * `'Plan'!$T$5#`, which size themselves
 * with the data). HyperFormula knows neither, so names (and only names: cell formulas must
 * not use them, DESIGN §7) are rewritten here to plain ranges from the file's table parts
 * and, for spills, from the anchor's computed result.
 */
import { parseCell, tokenize } from '../engine/formulaText';
import { structuredRange } from '../engine/formulaLanguage';
import type { TableInfo } from './formulaPackage';

export { structuredItems, structuredRange } from '../engine/formulaLanguage';

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
    // The stored spill form `_xlfn.ANCHORARRAY('Plan'!$T$5)`: the same as `'Plan'!$T$5#`.
    if (t.kind === 'function' && /^(?:_xlfn\.)?ANCHORARRAY$/i.test(t.text) && next?.text === '(') {
      let j = k + 2;
      const sheetToken = tokens[j]?.kind === 'sheet' ? tokens[j++] : undefined;
      const cell = tokens[j];
      if (cell?.kind !== 'cell' || tokens[j + 1]?.text !== ')') return undefined;
      const at = parseCell(cell.text.replace(/\$/g, ''))!;
      const sheet = sheetToken
        ? sheetToken.text
            .slice(0, -1)
            .replace(/^'(.*)'$/, '$1')
            .replace(/''/g, "'")
        : undefined;
      if (sheetToken) out.push(sheetToken.text);
      spills.push({ sheet, row: at.row, col: at.col, token: out.length });
      out.push(cell.text);
      k = j + 1;
      continue;
    }
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
