/**
 * Rewriting formula text when inserted sheets, tables or names had to be renamed (a user's
 * workbook already had them), and turning stored custom-function calls into the form Excel
 * binds. Token-aware: text inside "strings" is never touched, a name is replaced only as a
 * whole token, sheet names only before '!', table names only before '['.
 */

/** Old → new, keys compared case-insensitively (Excel's names are). */
export interface Renames {
  sheets?: ReadonlyMap<string, string>;
  tables?: ReadonlyMap<string, string>;
  names?: ReadonlyMap<string, string>;
}

/** A lookup keyed by upper case. */
export function renameMap(pairs: Iterable<[string, string]>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [from, to] of pairs) if (from !== to) m.set(from.toUpperCase(), to);
  return m;
}

/** A sheet name as a formula writes it: bare when it is a plain identifier, else quoted. */
export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}[0-9]+$/.test(sheet) && !/^[RrCc]$/.test(sheet)
    ? sheet
    : `'${sheet.replace(/'/g, "''")}'`;
}

const IDENT_START = /[\p{L}_\\]/u;
const IDENT_PART = /[\p{L}\p{N}_.\\?]/u;

/** Copies a "string" or 'quoted' run starting at i; returns the index after it. */
function quotedEnd(text: string, i: number): number {
  const q = text[i];
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === q) {
      if (text[j + 1] === q) j += 2;
      else return j + 1;
    } else j++;
  }
  return j;
}

/** Index after the bracketed part starting at i ("[...]", nested for structured references). */
function bracketEnd(text: string, i: number): number {
  let depth = 0;
  let j = i;
  for (; j < text.length; j++) {
    const ch = text[j];
    if (ch === "'" && depth > 0) {
      j++; // an escaped character inside a column name
      continue;
    }
    if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return j + 1;
  }
  return j;
}

/** Calls `visit` for every identifier outside strings, with what follows it; the returned text replaces it. */
function mapTokens(text: string, visit: (word: string, next: string, quoted: boolean) => string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === '"') {
      const j = quotedEnd(text, i);
      out += text.slice(i, j);
      i = j;
    } else if (ch === "'") {
      const j = quotedEnd(text, i);
      const inner = text.slice(i + 1, j - 1).replace(/''/g, "'");
      out += visit(inner, text[j] ?? '', true);
      i = j;
    } else if (ch === '[') {
      const j = bracketEnd(text, i);
      out += text.slice(i, j);
      i = j;
    } else if (IDENT_START.test(ch) && (i === 0 || !IDENT_PART.test(text[i - 1]))) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(text[j])) j++;
      out += visit(text.slice(i, j), text[j] ?? '', false);
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** The formula with renamed sheets, tables and names put in. */
export function rewriteFormula(formula: string, renames: Renames): string {
  const { sheets, tables, names } = renames;
  if (!sheets?.size && !tables?.size && !names?.size) return formula;
  return mapTokens(formula, (word, next, quoted) => {
    const key = word.toUpperCase();
    if (next === '!') {
      const to = sheets?.get(key);
      return to !== undefined ? quoteSheet(to) : quoted ? `'${word.replace(/'/g, "''")}'` : word;
    }
    if (quoted) return `'${word.replace(/'/g, "''")}'`;
    if (next === '[') return tables?.get(key) ?? word;
    if (next === '(') return word;
    return names?.get(key) ?? tables?.get(key) ?? word;
  });
}

/**
 * A formula as stored in a file (no '=', custom functions as _xldudf_CRM3_X, newer Excel
 * functions with _xlfn./_xlws. prefixes) as Excel's formula property wants it: =CRM3.X(…).
 */
export function toExcelFormula(stored: string): string {
  const body = stored.startsWith('=') ? stored.slice(1) : stored;
  const bound = mapTokens(body, (word, next, quoted) => {
    if (quoted) return `'${word.replace(/'/g, "''")}'`;
    if (next !== '(') return word;
    const udf = /^_xldudf_CRM3_(.+)$/i.exec(word);
    if (udf) return `CRM3.${udf[1]}`;
    return word.replace(/^(_xlfn\.|_xlws\.)+/i, '');
  });
  return `=${bound}`;
}
