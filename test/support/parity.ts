/**
 * The parity harness: one table of cases, each run through the declaration (kernel),
 * the Excel adapter (with a CustomFunctions stand-in) and a real HyperFormula engine.
 * Case files in test/functions/cases/*.cases.ts export `cases`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { HyperFormula } from 'hyperformula';
import { CalcError, Cell, ErrorCode, Result } from '../../src/core/cells';
import { declarationOf } from '../../src/functions/catalog';
import { excelFunction, CustomFunctionsRuntime } from '../../src/functions/excel/excelAdapter';
import { buildCrm3Plugin, crm3Translations } from '../../src/functions/hyperformula/crm3Plugin';
import { InputArg, InputCell, invoke } from '../../src/functions/invoke';

export type ErrorCell = { error: ErrorCode };
export type SpecCell = Cell | ErrorCell;
export type ArgSpec =
  | { kind: 'omit' }
  | { kind: 'value'; value: SpecCell }
  | { kind: 'grid'; rows: SpecCell[][] }
  /** A value typed into the formula itself (HyperFormula sizes a row list from it). */
  | { kind: 'literal'; value: number | string | boolean };

export const omit: ArgSpec = { kind: 'omit' };
export const val = (value: SpecCell): ArgSpec => ({ kind: 'value', value });
export const lit = (value: number | string | boolean): ArgSpec => ({ kind: 'literal', value });
/** A vertical range. */
export const col = (...values: SpecCell[]): ArgSpec => ({ kind: 'grid', rows: values.map((v) => [v]) });
/** A horizontal range (e.g. one row of criteria scores). */
export const row = (...values: SpecCell[]): ArgSpec => ({ kind: 'grid', rows: [values] });
export const grid = (rows: SpecCell[][]): ArgSpec => ({ kind: 'grid', rows });
export const err = (error: ErrorCode): ErrorCell => ({ error });

/** Expected result: a value, blank (null), an error code, a column of those, or rows of a block. */
export type Expected = Cell | ErrorCell | (Cell | ErrorCell)[] | (Cell | ErrorCell)[][];

export interface ParityCase {
  fn: string;
  /** What the case is about (appears in the test name). */
  name: string;
  args: ArgSpec[];
  expect: Expected;
  /** Numbers must equal the expectation exactly (a value on a threshold, issue #18), not to 1e-12. */
  exact?: boolean;
}

const isErrorCell = (v: unknown): v is ErrorCell => typeof v === 'object' && v !== null && 'error' in v;

function toInputCell(c: SpecCell): InputCell {
  return isErrorCell(c) ? new CalcError(c.error, { en: 'input error', zh: '输入错误' }) : c;
}

/** Every case of every case file in test/functions/cases, the files in name order. */
export function parityCases(): ParityCase[] {
  const dir = path.join(__dirname, '..', 'functions', 'cases');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cases.ts'))
    .sort()
    .flatMap((f) => (require(path.join(dir, f)) as { cases: ParityCase[] }).cases);
}

export function toInputArgs(args: ArgSpec[]): InputArg[] {
  const out = args.map((a): InputArg => {
    if (a.kind === 'omit') return undefined;
    if (a.kind === 'value' || a.kind === 'literal') return toInputCell(a.value);
    return a.rows.map((r) => r.map(toInputCell));
  });
  while (out.length && out[out.length - 1] === undefined) out.pop();
  return out;
}

/** Normalised outcome for comparison: numbers, text, booleans, null, {error}, a list, or rows. */
export type Outcome = Expected;

/** A column as a list; a block wider than one column as rows. */
function outcomeOfRows(rows: unknown[][], one: (v: unknown) => Cell | ErrorCell): Outcome {
  return rows.some((row) => row.length > 1) ? rows.map((row) => row.map(one)) : rows.map((row) => one(row[0]));
}

function outcomeOfResult(r: Result): Outcome {
  const one = (v: unknown): Cell | ErrorCell => (v instanceof CalcError ? { error: v.code } : v === '' ? null : (v as Cell));
  if (!Array.isArray(r)) return one(r);
  return outcomeOfRows(r, one);
}

export function runKernel(c: ParityCase): Outcome {
  const decl = declarationOf(c.fn)!;
  return outcomeOfResult(invoke(decl, toInputArgs(c.args)));
}

/** Stand-in for Excel's CustomFunctions runtime. */
class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
const EXCEL_CODES: Record<string, string> = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  invalidReference: '#REF!',
  invalidName: '#NAME?',
  nullReference: '#NULL!',
};
export const stubRuntime: CustomFunctionsRuntime = {
  associate: () => undefined,
  Error: StubError as never,
  ErrorCode: EXCEL_CODES,
};
const FROM_EXCEL: Record<string, ErrorCode> = {
  '#VALUE!': 'VALUE',
  '#N/A': 'NA',
  '#DIV/0!': 'DIV0',
  '#NUM!': 'NUM',
  '#REF!': 'REF',
  '#NAME?': 'NAME',
  '#NULL!': 'NULL',
};

export function runExcel(c: ParityCase): Outcome {
  const decl = declarationOf(c.fn)!;
  const fn = excelFunction(decl, stubRuntime, () => 'en-US');
  const codeKey: Record<ErrorCode, string> = {
    VALUE: 'invalidValue',
    NA: 'notAvailable',
    DIV0: 'divisionByZero',
    NUM: 'invalidNumber',
    REF: 'invalidReference',
    NAME: 'invalidName',
    NULL: 'nullReference',
  };
  const excelCell = (v: SpecCell) => (isErrorCell(v) ? new StubError(EXCEL_CODES[codeKey[v.error]]) : v === null ? '' : v);
  // Excel passes omitted optional arguments as null, blank cells as "".
  const args = c.args.map((a) =>
    a.kind === 'omit'
      ? null
      : a.kind === 'value' || a.kind === 'literal'
        ? excelCell(a.value)
        : a.rows.map((r) => r.map(excelCell)),
  );
  const r = fn(...args);
  const one = (v: unknown): Cell | ErrorCell =>
    v instanceof StubError ? { error: FROM_EXCEL[v.code] } : v === '' ? null : (v as Cell);
  return Array.isArray(r) ? outcomeOfRows(r as unknown[][], one) : one(r);
}

let registered = false;
function ensurePlugin() {
  if (registered) return;
  HyperFormula.registerFunctionPlugin(buildCrm3Plugin(), crm3Translations());
  registered = true;
}

function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Runs all cases in one HyperFormula instance, one sheet per case, arguments as ranges. */
export function runHyperFormulaAll(cases: ParityCase[]): Outcome[] {
  ensurePlugin();
  const sheets: Record<string, (string | number | boolean | null)[][]> = {};
  cases.forEach((c, k) => {
    const cells: (string | number | boolean | null)[][] = [];
    const put = (r: number, col: number, v: SpecCell) => {
      while (cells.length <= r) cells.push([]);
      const hfValue = isErrorCell(v)
        ? {
            VALUE: '=1+"x"',
            NA: '=NA()',
            DIV0: '=1/0',
            NUM: '=SQRT(-1)',
            REF: '=#REF!',
            NAME: '=NOSUCHFUNCTION()',
            NULL: '=NA()',
          }[v.error]
        : typeof v === 'string' && v.startsWith('=')
          ? `'${v}` /* an apostrophe keeps formula-looking text as text */
          : v;
      cells[r][col] = hfValue as never;
    };
    const refs: string[] = [];
    // Arguments side by side, right of the formula's spill block (up to 9 columns), each as wide as it needs.
    let start = 10;
    c.args.forEach((a) => {
      if (a.kind === 'omit') return void refs.push('');
      if (a.kind === 'literal')
        return void refs.push(
          typeof a.value === 'string'
            ? `"${a.value.replace(/"/g, '""')}"`
            : typeof a.value === 'boolean'
              ? String(a.value).toUpperCase()
              : String(a.value),
        );
      const rows = a.kind === 'value' ? [[a.value]] : a.rows;
      const h = rows.length;
      const w = rows.reduce((m, r) => Math.max(m, r.length), 0);
      rows.forEach((r, ri) => r.forEach((v, ci) => put(ri + 1, start + ci, v)));
      if (h === 0 || w === 0) refs.push(`${colName(start)}2:${colName(start)}2`);
      else refs.push(a.kind === 'value' ? `${colName(start)}2` : `${colName(start)}2:${colName(start + w - 1)}${h + 1}`);
      start += Math.max(1, w) + 1;
    });
    while (refs.length && refs[refs.length - 1] === '') refs.pop();
    while (cells.length < 1) cells.push([]);
    cells[0][0] = `=CRM3.${c.fn}(${refs.join(',')})`;
    sheets[`Case${k}`] = cells;
  });
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3', smartRounding: false, maxColumns: 20000 });
  const outcomes = cases.map((c, k) => {
    const sheet = hf.getSheetId(`Case${k}`)!;
    const first = hf.getCellValue({ sheet, row: 0, col: 0 });
    const one = (v: unknown): Cell | ErrorCell => {
      if (v && typeof v === 'object' && 'type' in v) {
        const t = (v as { type: string }).type;
        return {
          error:
            (
              { VALUE: 'VALUE', NA: 'NA', DIV_BY_ZERO: 'DIV0', NUM: 'NUM', REF: 'REF', NAME: 'NAME', ERROR: 'NULL' } as Record<
                string,
                ErrorCode
              >
            )[t] ?? 'VALUE',
        };
      }
      return v === '' || v === undefined ? null : (v as Cell);
    };
    if (!hf.isCellPartOfArray({ sheet, row: 0, col: 0 })) return one(first);
    let width = 1;
    while (hf.isCellPartOfArray({ sheet, row: 0, col: width })) width++;
    if (width > 1) {
      const rows: unknown[][] = [];
      for (let r = 0; hf.isCellPartOfArray({ sheet, row: r, col: 0 }); r++)
        rows.push(Array.from({ length: width }, (_, k) => hf.getCellValue({ sheet, row: r, col: k })));
      const cells = rows.flat().map(one);
      // A whole-result error fills every predicted cell: that is one error.
      if (cells.every((o) => isErrorCell(o) && isErrorCell(cells[0]) && o.error === cells[0].error)) return cells[0];
      return outcomeOfRows(rows, one);
    }
    const out: (Cell | ErrorCell)[] = [];
    for (let r = 0; ; r++) {
      if (!hf.isCellPartOfArray({ sheet, row: r, col: 0 })) break;
      out.push(one(hf.getCellValue({ sheet, row: r, col: 0 })));
    }
    // A whole-result error fills every predicted cell in HyperFormula: that is one error.
    const allSameError = out.length > 0 && out.every((o) => isErrorCell(o) && isErrorCell(out[0]) && o.error === out[0].error);
    return out.length === 1 || allSameError ? out[0] : out;
  });
  hf.destroy();
  return outcomes;
}

/** Equality of outcomes: numbers to 1e-12 relative (or exactly), errors by code. */
export function sameOutcome(a: Outcome, b: Outcome, exact = false): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameOutcome(x, b[i], exact));
  }
  if (typeof a === 'number' && typeof b === 'number')
    return exact ? a === b : Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  if (isErrorCell(a) || isErrorCell(b)) return isErrorCell(a) && isErrorCell(b) && a.error === b.error;
  return a === b;
}
