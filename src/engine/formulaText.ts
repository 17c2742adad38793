/**
 * Formula text as stored in .xlsx files, taken apart into tokens: strings, sheet prefixes,
 * A1 references, names, function calls and bracketed parts (structured or external
 * references), plus moving references (shared formulas, relative forms). The formula
 * language (formulaLanguage.ts: typed ↔ stored ↔ engine forms) and every reader of formulas
 * work on this one tokenizer, so "what is a reference" means the same everywhere.
 */
import { columnLetters } from '../model/snapshot';

export type TokenKind =
  | 'string'
  /** `Sheet1!` or `'My sheet'!` (the `!` included). */
  | 'sheet'
  /** One cell: `A1`, `$B$7`. */
  | 'cell'
  /** Whole columns `A:C` or whole rows `3:5`. */
  | 'columns'
  | 'rows'
  /** A function name; the `(` follows as its own token. */
  | 'function'
  /** A defined name, TRUE/FALSE, or any other identifier. */
  | 'name'
  /** `[...]` with its nesting: structured references, `[1]` external-workbook prefixes. */
  | 'bracket'
  | 'number'
  | 'error'
  | 'space'
  | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
}

const MAX_COL = 16384;
const MAX_ROW = 1048576;

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/;
const COLUMNS = /\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?![A-Za-z0-9_.(!])/y;
const ROWS = /\$?\d+:\$?\d+(?![0-9.A-Za-z_(!])/y;
const IDENT = /[A-Za-z_\\$\u0080-\uffff][A-Za-z0-9_.\\$\u0080-\uffff]*/y;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[Ee][+-]?\d+)?/y;
const ERROR = /#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!)/iy;
const SPACE = /\s+/y;

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function sticky(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : undefined;
}

/** The end (exclusive) of a `[...]` group starting at `at`, nesting included. */
function bracketEnd(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" && depth > 0) {
      i++; // an escaped character inside structured references ('[ or ']
      continue;
    }
    if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return i + 1;
  }
  return text.length;
}

function isCell(text: string): boolean {
  const m = CELL.exec(text);
  return !!m && columnNumber(m[2]) <= MAX_COL && Number(m[4]) >= 1 && Number(m[4]) <= MAX_ROW;
}

/** Splits formula text (without the leading `=`) into tokens; joining their text gives it back. */
export function tokenize(formula: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string) => {
    out.push({ kind, text });
    i += text.length;
  };
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      push('string', formula.slice(i, Math.min(j + 1, formula.length)));
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === "'" && formula[j + 1] !== "'")) j += formula[j] === "'" ? 2 : 1;
      const end = formula[j + 1] === '!' ? j + 2 : j + 1;
      push(end === j + 2 ? 'sheet' : 'other', formula.slice(i, end));
      continue;
    }
    if (ch === '[') {
      push('bracket', formula.slice(i, bracketEnd(formula, i)));
      continue;
    }
    if (ch === '#') {
      const e = sticky(ERROR, formula, i);
      if (e) {
        push('error', e);
        continue;
      }
    }
    const space = sticky(SPACE, formula, i);
    if (space) {
      push('space', space);
      continue;
    }
    const columns = sticky(COLUMNS, formula, i);
    if (columns) {
      push('columns', columns);
      continue;
    }
    const rows = sticky(ROWS, formula, i);
    if (rows) {
      push('rows', rows);
      continue;
    }
    if (/[0-9.]/.test(ch)) {
      const n = sticky(NUMBER, formula, i);
      if (n) {
        push('number', n);
        continue;
      }
    }
    const ident = sticky(IDENT, formula, i);
    if (ident) {
      const next = formula[i + ident.length];
      if (next === '!') push('sheet', ident + '!');
      else if (next === '(') push('function', ident);
      else if (isCell(ident)) push('cell', ident);
      else push('name', ident);
      continue;
    }
    push('other', ch);
  }
  return out;
}

/** A cell reference parsed: 1-based row and column, with which parts are absolute. */
export interface CellRef {
  col: number;
  row: number;
  absCol: boolean;
  absRow: boolean;
}

export function parseCell(text: string): CellRef | undefined {
  const m = CELL.exec(text);
  if (!m) return undefined;
  return { absCol: m[1] === '$', col: columnNumber(m[2]), absRow: m[3] === '$', row: Number(m[4]) };
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

function shiftCell(text: string, dRow: number, dCol: number): string {
  const r = parseCell(text)!;
  const col = r.absCol ? r.col : r.col + dCol;
  const row = r.absRow ? r.row : r.row + dRow;
  if (col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW) return '#REF!';
  return `${r.absCol ? '$' : ''}${columnLetters(col)}${r.absRow ? '$' : ''}${row}`;
}

function shiftPart(part: string, d: number, letters: boolean): string {
  const abs = part.startsWith('$');
  const body = abs ? part.slice(1) : part;
  if (abs) return part;
  const n = (letters ? columnNumber(body) : Number(body)) + d;
  return letters ? columnLetters(n) : String(n);
}

/**
 * The formula as copied `dRow` rows down and `dCol` columns right: relative references move,
 * absolute ones stay (how Excel expands a shared formula to the other cells of its range).
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  return tokenize(formula)
    .map((t) => {
      if (t.kind === 'cell') return shiftCell(t.text, dRow, dCol);
      if (t.kind === 'columns') {
        const [a, b] = t.text.split(':');
        return `${shiftPart(a, dCol, true)}:${shiftPart(b, dCol, true)}`;
      }
      if (t.kind === 'rows') {
        const [a, b] = t.text.split(':');
        return `${shiftPart(a, dRow, false)}:${shiftPart(b, dRow, false)}`;
      }
      return t.text;
    })
    .join('');
}

/**
 * The formula with each relative reference written as an offset from the cell that holds it
 * (R1C1 style): relative copies of one formula down a column give the same text.
 */
export function relativeForm(formula: string, row: number, col: number): string {
  return tokenize(formula)
    .map((t) => {
      if (t.kind !== 'cell') return t.kind === 'space' ? '' : t.text;
      const r = parseCell(t.text)!;
      return `R${r.absRow ? r.row : `[${r.row - row}]`}C${r.absCol ? r.col : `[${r.col - col}]`}`;
    })
    .join('');
}
