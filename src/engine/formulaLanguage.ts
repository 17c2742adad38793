/**
 * The formula language: the one place that converts between the three forms a formula
 * takes in this project, all on formulaText's tokenizer (strings, sheet names and
 * structured references are never touched by accident).
 *
 * - **typed**: what a person types in Excel's formula bar and what source code holds:
 *   `CRM3.SCORE(`, `A1#`, `[@Score]`, `Table[@Col]`, `UNIQUE(`;
 * - **stored**: what an .xlsx file holds (Excel 2007 form, facts in docs/excel-checklist.md):
 *   `_xldudf_CRM3_SCORE(`, `_xlfn.ANCHORARRAY(A1)`, `Table[[#This Row],[Col]]`, `_xlfn.UNIQUE(`;
 * - **engine**: what HyperFormula reads: `CRM3.SCORE(`, prefixes dropped, this-row structured
 *   references turned into the row's own cells, table columns into ranges.
 *
 * The template writer, the reader, the formula-workbook evaluator, template insertion and the
 * client copy all go through here.
 */
import { catalog } from '../functions/catalog';
import { NAMESPACE } from '../functions/declaration';
import { columnLetters } from '../model/snapshot';
import { Token, cellAddress, parseCell, tokenize } from './formulaText';

// ------------------------------------------------------------------ Excel's function prefixes

/**
 * Functions added after Excel 2007 ("future functions", MS-XLSX §2.2.2): a file stores them
 * with `_xlfn.` or Excel shows #NAME? (and re-saves them as `_xludf.`). FILTER and SORT
 * carry a second prefix, `_xlws.`. Excel's list as documented by the XlsxWriter projects.
 */
const FUTURE_FUNCTIONS = new Set(
  (
    'ACOT ACOTH AGGREGATE ARABIC ARRAYTOTEXT BASE BETA.DIST BETA.INV BINOM.DIST BINOM.DIST.RANGE BINOM.INV BITAND ' +
    'BITLSHIFT BITOR BITRSHIFT BITXOR CEILING.MATH CEILING.PRECISE CHISQ.DIST CHISQ.DIST.RT CHISQ.INV CHISQ.INV.RT ' +
    'CHISQ.TEST COMBINA CONCAT CONFIDENCE.NORM CONFIDENCE.T COT COTH COVARIANCE.P COVARIANCE.S CSC CSCH DAYS DECIMAL ' +
    'ERF.PRECISE ERFC.PRECISE EXPON.DIST F.DIST F.DIST.RT F.INV F.INV.RT F.TEST FILTERXML FLOOR.MATH FLOOR.PRECISE ' +
    'FORECAST.ETS FORECAST.ETS.CONFINT FORECAST.ETS.SEASONALITY FORECAST.ETS.STAT FORECAST.LINEAR FORMULATEXT GAMMA ' +
    'GAMMA.DIST GAMMA.INV GAMMALN.PRECISE GAUSS HYPGEOM.DIST IFNA IFS IMAGE IMCOSH IMCOT IMCSC IMCSCH IMSEC IMSECH ' +
    'IMSINH IMTAN ISFORMULA ISOMITTED ISOWEEKNUM LET LOGNORM.DIST LOGNORM.INV MAXIFS MINIFS MODE.MULT MODE.SNGL MUNIT ' +
    'NEGBINOM.DIST NORM.DIST NORM.INV NORM.S.DIST NORM.S.INV NUMBERVALUE PDURATION PERCENTILE.EXC PERCENTILE.INC ' +
    'PERCENTRANK.EXC PERCENTRANK.INC PERMUTATIONA PHI POISSON.DIST QUARTILE.EXC QUARTILE.INC QUERYSTRING RANK.AVG ' +
    'RANK.EQ RRI SEC SECH SHEET SHEETS SKEW.P STDEV.P STDEV.S T.DIST T.DIST.2T T.DIST.RT T.INV T.INV.2T T.TEST TEXTAFTER ' +
    'TEXTBEFORE TEXTJOIN UNICHAR UNICODE VALUETOTEXT VAR.P VAR.S WEBSERVICE WEIBULL.DIST XMATCH XOR Z.TEST ' +
    // Dynamic-array functions (Excel 365).
    'ANCHORARRAY BYCOL BYROW CHOOSECOLS CHOOSEROWS DROP EXPAND HSTACK LAMBDA MAKEARRAY MAP RANDARRAY REDUCE SCAN ' +
    'SEQUENCE SINGLE SORTBY SWITCH TAKE TEXTSPLIT TOCOL TOROW UNIQUE VSTACK WRAPCOLS WRAPROWS XLOOKUP'
  ).split(' '),
);
/** Future functions stored with the double prefix `_xlfn._xlws.`. */
const WORKSHEET_FUNCTIONS = new Set(['FILTER', 'SORT']);
/** Excel functions whose result may be an array: a cell calling one is stored as a dynamic array. */
const ARRAY_FUNCTIONS = new Set([
  ...'ANCHORARRAY BYCOL BYROW CHOOSECOLS CHOOSEROWS DROP EXPAND FILTER HSTACK MAKEARRAY MAP RANDARRAY REDUCE SCAN SEQUENCE SORT SORTBY TAKE TEXTSPLIT TOCOL TOROW UNIQUE VSTACK WRAPCOLS WRAPROWS XLOOKUP'.split(
    ' ',
  ),
]);

/** Whether Excel stores this function (typed name, any case) with a `_xlfn.` prefix. */
export function isFutureFunction(name: string): boolean {
  const upper = name.toUpperCase();
  return FUTURE_FUNCTIONS.has(upper) || WORKSHEET_FUNCTIONS.has(upper);
}

const PREFIXES = /^(?:_xlfn\.|_xlws\.)+/i;
const UDF = /^_xldudf_/i;

/** Stored prefix of a function name (`UNIQUE` → `_xlfn.UNIQUE`, `FILTER` → `_xlfn._xlws.FILTER`). */
export function storedFunctionName(name: string): string {
  if (PREFIXES.test(name) || UDF.test(name)) return name;
  const crm3 = crm3Id(name);
  if (crm3) return `_xldudf_${NAMESPACE}_${crm3}`;
  const upper = name.toUpperCase();
  if (WORKSHEET_FUNCTIONS.has(upper)) return `_xlfn._xlws.${name}`;
  if (FUTURE_FUNCTIONS.has(upper)) return `_xlfn.${name}`;
  return name;
}

/** `CRM3.SCORE`, `_xldudf_CRM3_SCORE` (any case) → `SCORE`; anything else → undefined. */
export function crm3Id(name: string): string | undefined {
  const n = name.replace(PREFIXES, '');
  const typed = new RegExp(`^${NAMESPACE}\\.(.+)$`, 'i').exec(n);
  if (typed) return typed[1].toUpperCase();
  const stored = new RegExp(`^_xldudf_${NAMESPACE}_(.+)$`, 'i').exec(n);
  return stored ? stored[1].toUpperCase() : undefined;
}

/** A function name as typed and as HyperFormula reads it: prefixes dropped, CRM3 in `CRM3.X` form. */
export function typedFunctionName(name: string): string {
  const id = crm3Id(name);
  if (id) return `${NAMESPACE}.${id}`;
  const n = name.replace(PREFIXES, '');
  // Another add-in's function saved by Excel (`_xldudf_NS_FN`): its typed form is NS.FN.
  return UDF.test(n) ? n.replace(UDF, '').replace(/_/, '.') : n;
}

// ------------------------------------------------------------------ structured references

/** What a structured reference needs to know about a table. */
export interface TableShape {
  name: string;
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRows: number;
  totalsRows: number;
  columns: string[];
}

/** A column name inside a structured reference: Excel escapes [ ] # ' with a leading '. */
export function escapeColumn(column: string): string {
  return column.replace(/[[\]#']/g, "'$&");
}

/** `[[#Data],[A]:[B]]` → ['#Data', ',', 'A', ':', 'B']; `[@Col]` → ['#This Row', ',', 'Col']; escapes undone. */
export function structuredItems(bracket: string): string[] | undefined {
  if (!bracket.startsWith('[') || !bracket.endsWith(']')) return undefined;
  let inner = bracket.slice(1, -1);
  const unescape = (s: string) => s.replace(/'(.)/g, '$1');
  const out: string[] = [];
  if (inner.startsWith('@')) {
    out.push('#This Row');
    inner = inner.slice(1);
    if (inner.trim() === '') return out;
    out.push(',');
  }
  if (!inner.trimStart().startsWith('[')) {
    if (inner.trim() !== '') out.push(unescape(inner));
    return out;
  }
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

/** Items back into stored brackets: the `[[#This Row],[Col]]` form Excel writes in files. */
function storedBracket(items: string[]): string {
  if (items.length === 1 && !items[0].startsWith('#')) return `[${escapeColumn(items[0])}]`;
  return `[${items.map((s) => (s === ',' || s === ':' ? s : `[${s.startsWith('#') ? s : escapeColumn(s)}]`)).join('')}]`;
}

/** Items into the typed (formula-bar) form: `[@Col]`, `[@[Col a]:[Col b]]`, `[Col]`. */
function typedBracket(items: string[]): string {
  const thisRow = items[0]?.toLowerCase() === '#this row';
  const rest = thisRow ? items.slice(items[1] === ',' ? 2 : 1) : items;
  const simple = (s: string) => !/[\s,:.[\]#'"{}$^&*+=\-<>/]/.test(s);
  if (thisRow) {
    if (rest.length === 0) return '[@]';
    if (rest.length === 1) return simple(rest[0]) ? `[@${rest[0]}]` : `[@[${escapeColumn(rest[0])}]]`;
    return `[@${rest.map((s) => (s === ':' || s === ',' ? s : `[${escapeColumn(s)}]`)).join('')}]`;
  }
  return storedBracket(items);
}

const isThisRow = (items: string[]) => items.some((s) => s.toLowerCase() === '#this row');

function absolute(row: number, col: number): string {
  return cellAddress(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
}

function sheetPrefix(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'!`;
}

/**
 * A structured reference as a plain range: `Table[Col]` → the column's data body, with
 * `#This Row` → the cell in `row` (the formula's own row). Undefined when the table, a column
 * or a specifier is unknown, or `#This Row` has no row.
 */
export function structuredRange(table: TableShape, bracket: string, row?: number, sameSheet?: boolean): string | undefined {
  const items = structuredItems(bracket);
  if (!items) return undefined;
  const specifiers = items.filter((s) => s.startsWith('#')).map((s) => s.toLowerCase().replace(/\s+/g, ' '));
  const names = items.filter((s) => !s.startsWith('#') && s !== ',' && s !== ':');
  const headerBottom = table.top + table.headerRows - 1;
  const dataTop = table.top + table.headerRows;
  const dataBottom = table.bottom - table.totalsRows;
  let top = dataTop;
  let bottom = dataBottom;
  let relative = false;
  if (specifiers.length) {
    const rows: number[] = [];
    for (const s of specifiers) {
      if (s === '#all') rows.push(table.top, table.bottom);
      else if (s === '#data') rows.push(dataTop, dataBottom);
      else if (s === '#headers' && table.headerRows > 0) rows.push(table.top, headerBottom);
      else if (s === '#totals' && table.totalsRows > 0) rows.push(dataBottom + 1, table.bottom);
      else if (s === '#this row' && row !== undefined) {
        rows.push(row, row);
        relative = true;
      } else return undefined;
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
  const prefix = sameSheet ? '' : sheetPrefix(table.sheet);
  if (relative) {
    // The row's own cells: a relative row, so copies down a column read as one formula.
    const a = `$${columnLetters(left)}${top}`;
    return left === right ? `${prefix}${a}` : `${prefix}${a}:$${columnLetters(right)}${top}`;
  }
  return `${prefix}${absolute(top, left)}:${absolute(bottom, right)}`;
}

// ------------------------------------------------------------------ typed ↔ stored

export interface StoreContext {
  /** The table whose row the formula is in: bare `[@Col]` / `[Col]` get its name, as Excel stores them. */
  table?: string;
}

/** The index just past the operand that starts at token k (a reference, name, call or parenthesis). */
function operandEnd(tokens: Token[], k: number): number {
  let j = k;
  if (tokens[j]?.kind === 'sheet') j++;
  const t = tokens[j];
  if (!t) return j;
  if (t.kind === 'function' || (t.kind === 'other' && t.text === '(')) {
    let depth = 0;
    for (let i = t.kind === 'function' ? j + 1 : j; i < tokens.length; i++) {
      if (tokens[i].text === '(') depth++;
      else if (tokens[i].text === ')' && --depth === 0) return i + 1;
    }
    return tokens.length;
  }
  j++;
  if (tokens[j]?.kind === 'bracket') j++;
  // A range `A1:B9`.
  if (tokens[j]?.text === ':' && tokens[j + 1] && ['cell', 'name'].includes(tokens[j + 1].kind)) j += 2;
  return j;
}

/**
 * A typed formula (with or without `=`) in the form an .xlsx file stores it (no `=`):
 * CRM3 calls as `_xldudf_CRM3_X(`, future functions prefixed, `A1#` as `_xlfn.ANCHORARRAY(A1)`,
 * `[@Col]` as `Table[[#This Row],[Col]]`, an inner `@x` as `_xlfn.SINGLE(x)`.
 */
export function toStoredFormula(typed: string, context: StoreContext = {}): string {
  const body = typed.replace(/^\s*=/, '');
  const tokens = tokenize(body);
  const out: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'function') {
      out.push(storedFunctionName(t.text));
      continue;
    }
    // A leading `@` only marks the formula as legacy (Excel stores nothing); inside, `@x` is SINGLE(x).
    if (t.kind === 'other' && t.text === '@') {
      const end = operandEnd(tokens, k + 1);
      const first = out.every((s) => s.trim() === '');
      if (first && end >= tokens.length) continue;
      const inner = toStoredFormula(
        tokens
          .slice(k + 1, end)
          .map((x) => x.text)
          .join(''),
        context,
      );
      out.push(`_xlfn.SINGLE(${inner})`);
      k = end - 1;
      continue;
    }
    // `Sheet!$A$1#` / `A1#`: the spilled range of the anchor.
    if (t.kind === 'cell' && tokens[k + 1]?.text === '#') {
      const sheet = k > 0 && tokens[k - 1].kind === 'sheet' ? out.pop()! : '';
      out.push(`_xlfn.ANCHORARRAY(${sheet}${t.text})`);
      k++;
      continue;
    }
    if (t.kind === 'bracket') {
      const items = structuredItems(t.text);
      const prev = tokens[k - 1];
      const qualified = prev?.kind === 'name';
      if (items && (isThisRow(items) || !qualified)) {
        const stored = storedBracket(items);
        if (qualified || !context.table) out.push(stored);
        else out.push(`${context.table}${stored}`);
        continue;
      }
    }
    out.push(t.text);
  }
  return out.join('');
}

/**
 * A stored formula (no `=`, as in the file) in typed form, with `=`: what office-js's
 * `formulas` property takes and Excel's formula bar shows (`=CRM3.SCORE(…)`, `=A1#`, `=[@Col]`).
 */
export function toTypedFormula(stored: string): string {
  const body = stored.replace(/^\s*=/, '');
  const tokens = tokenize(body);
  const out: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'function') {
      const name = typedFunctionName(t.text);
      const upper = name.toUpperCase();
      if ((upper === 'ANCHORARRAY' || upper === 'SINGLE') && tokens[k + 1]?.text === '(') {
        const end = operandEnd(tokens, k);
        const inner = toTypedFormula(
          tokens
            .slice(k + 2, end - 1)
            .map((x) => x.text)
            .join(''),
        ).slice(1);
        const simple = operandEnd(tokenize(inner), 0) >= tokenize(inner).length;
        const operand = simple ? inner : `(${inner})`;
        out.push(upper === 'ANCHORARRAY' ? `${operand}#` : `@${operand}`);
        k = end - 1;
        continue;
      }
      out.push(name);
      continue;
    }
    if (t.kind === 'name' && /^_xlpm\./i.test(t.text)) {
      out.push(t.text.slice(6));
      continue;
    }
    if (t.kind === 'bracket') {
      const items = structuredItems(t.text);
      if (items && isThisRow(items)) {
        out.push(typedBracket(items));
        continue;
      }
    }
    out.push(t.text);
  }
  return `=${out.join('')}`;
}

// ------------------------------------------------------------------ stored → engine

export interface EngineContext {
  /** The Excel tables of the workbook (structured references become ranges). */
  tables?: readonly TableShape[];
  /** Sheet and 1-based row of the cell holding the formula (for `#This Row`). */
  sheet?: string;
  row?: number;
}

/**
 * Formula text as HyperFormula reads it: Excel's stored prefixes dropped (`_xlfn.IFS` → `IFS`),
 * CRM3 custom functions in either form (`_xldudf_CRM3_SCORE`, with or without Excel's stray
 * `[1]!` before it) as `CRM3.SCORE`, `_xlfn.SINGLE(x)` as `x`, and, given the tables,
 * structured references as ranges (`[#This Row]` as the formula's own row).
 */
export function toEngineFormula(formula: string, context: EngineContext = {}): string {
  const tokens = tokenize(formula.replace(/^\s*=/, ''));
  const out: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    // `[1]!_xldudf_…(`: Excel's quirk, an external-workbook prefix on an add-in function.
    if (t.kind === 'bracket' && /^\[\d+\]$/.test(t.text) && tokens[k + 1]?.text === '!') {
      const fn = tokens[k + 2];
      if (fn?.kind === 'function' && UDF.test(fn.text)) {
        k++;
        continue;
      }
    }
    if (t.kind === 'sheet' && /^\[\d+\]!?$/.test(t.text)) continue;
    if (t.kind === 'function') {
      const name = typedFunctionName(t.text);
      // SINGLE(x) is x where only one value is wanted (all of HyperFormula's formulas).
      if (name.toUpperCase() === 'SINGLE') {
        const end = operandEnd(tokens, k);
        out.push(
          `(${toEngineFormula(
            tokens
              .slice(k + 2, end - 1)
              .map((x) => x.text)
              .join(''),
            context,
          )})`,
        );
        k = end - 1;
        continue;
      }
      out.push(name);
      continue;
    }
    if (t.kind === 'bracket' && context.tables) {
      const prev = tokens[k - 1];
      const tableName = prev?.kind === 'name' ? prev.text : undefined;
      const table = tableName
        ? context.tables.find((x) => x.name.toLowerCase() === tableName.toLowerCase())
        : context.tables.find(
            (x) => x.sheet === context.sheet && context.row !== undefined && context.row >= x.top && context.row <= x.bottom,
          );
      const range = table ? structuredRange(table, t.text, context.row, table.sheet === context.sheet) : undefined;
      if (range) {
        if (tableName) out.pop();
        out.push(range);
        continue;
      }
    }
    if (t.kind === 'name' && /^_xlpm\./i.test(t.text)) {
      out.push(t.text.slice(6));
      continue;
    }
    out.push(t.text);
  }
  return out.join('');
}

/** Whether the formula calls a CRM3 function, in the typed (`CRM3.SCORE(`) or stored (`_xldudf_CRM3_SCORE(`) form. */
export function callsCrm3(formula: string): boolean {
  return tokenize(formula).some((t) => t.kind === 'function' && crm3Id(t.text) !== undefined);
}

/** Functions called, as HyperFormula names them (upper case, prefixes dropped). */
export function functionsIn(formula: string): string[] {
  return tokenize(formula)
    .filter((t) => t.kind === 'function')
    .map((t) => typedFunctionName(t.text).toUpperCase());
}

/** CRM3 functions whose result may be more than one value (metadata `matrix`). */
const MATRIX_CRM3 = new Set(catalog.filter((d) => d.result.shape.kind !== 'scalar').map((d) => d.id));

/**
 * Whether a cell holding this formula must be stored as a dynamic array (`cm="1"`,
 * `t="array"`): it calls a function that may return an array (a CRM3 function declared
 * `matrix`, FILTER, UNIQUE, …) or reads a spill. Stored as a plain formula instead, Excel
 * opens it with the implicit-intersection `@` in front of the call.
 */
export function needsDynamicArray(formula: string): boolean {
  return tokenize(formula).some((t, k, all) => {
    if (t.kind === 'cell' && all[k + 1]?.text === '#') return true;
    if (t.kind !== 'function') return false;
    const id = crm3Id(t.text);
    if (id) return MATRIX_CRM3.has(id);
    return ARRAY_FUNCTIONS.has(typedFunctionName(t.text).toUpperCase());
  });
}

/**
 * Why HyperFormula cannot evaluate this formula (any form; give the engine form made with the
 * workbook's tables to have its structured references count as resolved), or undefined when it can: structured references left unresolved, external-workbook
 * references, spill references (`A1#`, ANCHORARRAY).
 */
export function unsupportedPart(formula: string): 'structured' | 'external' | 'spill' | undefined {
  const tokens = tokenize(toEngineFormula(formula));
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'bracket') return /^\[\d+\]$/.test(t.text) ? 'external' : 'structured';
    if (t.kind === 'sheet' && /^'?\[/.test(t.text)) return 'external';
    if (t.kind === 'function' && /^(?:_xlfn\.)?ANCHORARRAY$/i.test(t.text)) return 'spill';
    if (t.kind === 'other' && t.text === '#' && k > 0 && tokens[k - 1].kind === 'cell') return 'spill';
  }
  return undefined;
}

// ------------------------------------------------------------------ names and renames

const LITERAL_NAMES = new Set(['TRUE', 'FALSE']);

/** Defined names a formula reads: `Opp_Status`, `AsOfDate`, … (functions, strings, table names and TRUE/FALSE excluded). */
export function namesIn(formula: string): Set<string> {
  const out = new Set<string>();
  const tokens = tokenize(formula.replace(/^\s*=/, ''));
  tokens.forEach((t, k) => {
    if (t.kind !== 'name' || LITERAL_NAMES.has(t.text.toUpperCase()) || /^_xl/i.test(t.text)) return;
    if (tokens[k + 1]?.kind === 'bracket') return; // a table name
    out.add(t.text);
  });
  return out;
}

/**
 * Names a formula reads other than as a whole argument of a CRM3 function: `SUM(Opp_Amount)`,
 * `Opp_Amount*2`, `CRM3.SUMWHERE(Opp_Amount*2)`, `=Opp_Amount`. The engine hands a CRM3
 * function a column it names directly; a name read any other way needs its cells.
 */
export function namesReadAsCells(formula: string): Set<string> {
  const out = new Set<string>();
  const tokens = tokenize(formula.replace(/^\s*=/, '')).filter((t) => t.kind !== 'space');
  // Per open parenthesis: whether it holds a CRM3 function's arguments.
  const open: boolean[] = [];
  let call = false;
  tokens.forEach((t, k) => {
    if (t.kind === 'function') {
      call = crm3Id(t.text) !== undefined;
      return;
    }
    const wasCall = call;
    call = false;
    if (t.text === '(') {
      open.push(wasCall);
      return;
    }
    if (t.text === ')') {
      open.pop();
      return;
    }
    if (t.kind !== 'name' || LITERAL_NAMES.has(t.text.toUpperCase()) || /^_xl/i.test(t.text)) return;
    if (tokens[k + 1]?.kind === 'bracket') return; // a table name
    const before = tokens[k - 1]?.text;
    const after = tokens[k + 1]?.text;
    const whole = open[open.length - 1] === true && (before === '(' || before === ',') && (after === ',' || after === ')');
    if (!whole) out.add(t.text);
  });
  return out;
}

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

/** A sheet name as a formula writes it: bare when it is a plain identifier that does not look like a cell, else quoted. */
export function quoteSheet(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}[0-9]+$/.test(sheet) && !/^[RrCc]$/.test(sheet)
    ? sheet
    : `'${sheet.replace(/'/g, "''")}'`;
}

/** The formula (any form, `=` kept) with renamed sheets, tables and names put in: sheets before `!`, tables before `[`. */
export function rewriteFormula(formula: string, renames: Renames): string {
  const { sheets, tables, names } = renames;
  if (!sheets?.size && !tables?.size && !names?.size) return formula;
  const lead = /^\s*=/.exec(formula)?.[0] ?? '';
  const tokens = tokenize(formula.slice(lead.length));
  return (
    lead +
    tokens
      .map((t, k) => {
        if (t.kind === 'sheet') {
          const quoted = t.text.startsWith("'");
          const name = quoted ? t.text.slice(1, -2).replace(/''/g, "'") : t.text.slice(0, -1);
          const to = sheets?.get(name.toUpperCase());
          return to !== undefined ? `${quoteSheet(to)}!` : t.text;
        }
        if (t.kind !== 'name') return t.text;
        const key = t.text.toUpperCase();
        if (tokens[k + 1]?.kind === 'bracket') return tables?.get(key) ?? t.text;
        return names?.get(key) ?? tables?.get(key) ?? t.text;
      })
      .join('')
  );
}

/** Re-exported so callers need only this module for cell addresses in formulas. */
export { cellAddress, parseCell };
