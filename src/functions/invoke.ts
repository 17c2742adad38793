/**
 * Runs a declaration on host values. Both adapters call this, so argument checks, error
 * propagation and result shaping are identical in Excel and HyperFormula.
 */
import { CalcError, Cell, Grid, Result, Scalar } from '../core/cells';
import { msg } from '../calc/messages';
import { NO_MATCH } from '../calc/criteria';
import { MAX_LIST_ROWS } from '../calc/rowList';
import { ArgProblem, Args, HeldColumn, RawArg } from './args';
import { FunctionDeclaration, FunctionResult, ParamDeclaration, ResultShape } from './declaration';
import { ColumnResult } from './spill';
import type { Working } from '../calc/working';

/** A host cell after conversion: errors in the sheet arrive as CalcError. */
export type InputCell = Cell | CalcError;
export type InputArg = InputCell | readonly (readonly InputCell[])[] | HeldColumn | undefined;

const ERROR_TEXT: Record<CalcError['code'], string> = {
  VALUE: '#VALUE!',
  NA: '#N/A',
  DIV0: '#DIV/0!',
  NUM: '#NUM!',
  REF: '#REF!',
  NAME: '#NAME?',
  NULL: '#NULL!',
};

/** Error codes a custom function may not return in Excel, and what it returns instead. */
const OUTPUT_CODE: Partial<Record<CalcError['code'], CalcError['code']>> = { REF: 'VALUE', NAME: 'VALUE' };

export function errorText(e: CalcError): string {
  return ERROR_TEXT[e.code];
}

/** Grids and held columns a host knows hold no error cells (the engine's fed columns): no need to scan them. */
const errorFree = new WeakSet<object>();
export function markErrorFree(grid: readonly (readonly InputCell[])[] | HeldColumn): void {
  errorFree.add(grid);
}
/** Takes the mark back: a grid changed in place (the engine's store) may now hold an error. */
export function unmarkErrorFree(grid: readonly (readonly InputCell[])[] | HeldColumn): void {
  errorFree.delete(grid);
}

type ErrorRule = NonNullable<ParamDeclaration['errors']>;

function errorRule(decl: FunctionDeclaration, p: ParamDeclaration | undefined): ErrorRule {
  if (!p) return 'propagate';
  if (p.errors) return p.errors;
  const shape = decl.result.shape;
  if ((shape.kind === 'column' && shape.lengthOf === p.name) || (shape.kind === 'rows' && shape.of === p.name)) return 'perRow';
  return /^filter\d+$/.test(p.name) ? 'noMatch' : 'propagate';
}

interface PreparedArgs {
  values: RawArg[];
  /** Errors to put into single rows of the result (perRow arguments). */
  rowErrors: Map<number, CalcError>;
  /** An error that becomes the whole result (propagate arguments). */
  whole?: CalcError;
}

/**
 * The first error cell of a grid, else undefined. Indexed loops: `for…of` over 50,000 rows made
 * an iterator result per row on every call (a quarter of what a what-if allocated, issue #15).
 */
function firstError(grid: readonly (readonly InputCell[])[]): CalcError | undefined {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    for (let k = 0; k < row.length; k++) if (row[k] instanceof CalcError) return row[k] as CalcError;
  }
  return undefined;
}

/** Whether a column holds an error cell. */
function holdsError(values: readonly InputCell[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] instanceof CalcError) return true;
  return false;
}

/**
 * Applies each argument's error rule: error cells are taken out of the arguments (blank,
 * no-match or row errors) or stop the call, as declared. O(cells).
 */
function prepareArguments(decl: FunctionDeclaration, args: readonly InputArg[]): PreparedArgs {
  const rowErrors = new Map<number, CalcError>();
  const values: RawArg[] = [];
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    const p = decl.params[i];
    const name = p?.name ?? `argument ${i + 1}`;
    // Excel cannot return #REF! or #NAME? from a custom function (custom-functions-errors):
    // an input holding one gives #VALUE! naming it, in every host alike.
    const named = (e: CalcError) => new CalcError(OUTPUT_CODE[e.code] ?? e.code, msg.errorInInput(name, ERROR_TEXT[e.code]));
    if (a instanceof CalcError) return { values, rowErrors, whole: named(a) };
    if (a instanceof HeldColumn) {
      // Without an error it is read as it is; with one, as its grid, by the rules below.
      if (errorFree.has(a) || !holdsError(a.values)) {
        values.push(a);
        continue;
      }
      a = a.rows();
    }
    if (!Array.isArray(a)) {
      values.push(a as RawArg);
      continue;
    }
    const grid = a as readonly (readonly InputCell[])[];
    const first = errorFree.has(grid) ? undefined : firstError(grid);
    if (!first) {
      values.push(grid as RawArg);
      continue;
    }
    const rule = errorRule(decl, p);
    if (rule === 'propagate') return { values, rowErrors, whole: named(first) };
    // A one-row argument is a vector laid out across: its "rows" are its cells.
    const across = grid.length === 1 && rule === 'perRow' && decl.result.shape.kind === 'column';
    // Rows without an error are passed as they are (arguments are never changed in place).
    const cleaned = grid.map((row, r) =>
      !row.some((c) => c instanceof CalcError)
        ? row
        : row.map((c, k) => {
            if (!(c instanceof CalcError)) return c;
            if (rule === 'perRow') {
              const at = across ? k : r;
              if (!rowErrors.has(at)) rowErrors.set(at, named(c));
              return null;
            }
            if (rule === 'keep') return named(c);
            return rule === 'noMatch' ? NO_MATCH : null;
          }),
    );
    values.push(cleaned as RawArg);
  }
  return { values, rowErrors };
}

function cleanScalar(v: Scalar): Scalar {
  if (typeof v === 'number') {
    if (Number.isNaN(v) || !Number.isFinite(v))
      return new CalcError('NUM', msg.custom('the result is not a finite number', '计算结果不是有限数值'));
    return Object.is(v, -0) ? 0 : v;
  }
  return v === undefined ? null : v;
}

/** Whether cleanScalar leaves `v` as it is. */
const clean = (v: Scalar): boolean => (typeof v === 'number' ? Number.isFinite(v) && !Object.is(v, -0) : v !== undefined);

/**
 * A kernel's result as hosts get it: one cell unwrapped, every cell through cleanScalar. A row
 * (and the whole result) is copied only when a cell changes: results are new arrays every call
 * and no host changes them in place (each maps them into its own values). A column result stays
 * a column (cleanColumn).
 */
function unwrapSingle(r: FunctionResult): FunctionResult {
  if (r instanceof ColumnResult) return cleanColumn(r.values);
  if (!Array.isArray(r)) return cleanScalar(r);
  let rows: Scalar[][] | undefined;
  for (let i = 0; i < r.length; i++) {
    const row = r[i];
    let same = true;
    for (let k = 0; k < row.length && same; k++) same = clean(row[k]);
    if (same) continue;
    rows ??= r.slice();
    rows[i] = row.map(cleanScalar);
  }
  const out = rows ?? r;
  return out.length === 1 && out[0].length === 1 ? out[0][0] : out;
}

/**
 * A column result with every value through cleanScalar (copied only when one changes), one value
 * unwrapped; says whether it is plain (every value a finite number, a text or a boolean) in the
 * same pass, so no host scans it again.
 */
function cleanColumn(values: readonly Scalar[]): FunctionResult {
  if (values.length === 1) return cleanScalar(values[0]);
  let out: Scalar[] | undefined;
  let plain = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = typeof v;
    if (t === 'string' || t === 'boolean') continue;
    if (t === 'number') {
      if (Number.isFinite(v) && !Object.is(v, -0)) continue;
    } else if (v !== undefined) {
      plain = false; // a blank or an error
      continue;
    }
    const c = cleanScalar(v);
    (out ??= values.slice())[i] = c;
    if (typeof c !== 'number') plain = false;
  }
  return new ColumnResult(out ?? values, plain);
}

/** Puts row errors into a column result (a whole-result error stays as it is). */
function withRowErrors(result: FunctionResult, rowErrors: Map<number, CalcError>): FunctionResult {
  if (result instanceof ColumnResult) {
    const values = result.values.slice();
    for (const [i, e] of rowErrors) if (i < values.length) values[i] = e;
    return new ColumnResult(values, false);
  }
  if (!Array.isArray(result)) {
    // A single-row result: its only row may carry the error.
    return rowErrors.get(0) ?? result;
  }
  return result.map((row, i) => (rowErrors.has(i) ? [rowErrors.get(i)!] : row));
}

/** Reads the arguments as every call of `decl` does and runs `run` on them; never throws. */
function withArgs<T>(
  decl: FunctionDeclaration,
  values: readonly InputArg[],
  run: (args: Args, prepared: PreparedArgs) => T,
): T | CalcError {
  if (values.length > decl.params.length)
    return new CalcError(
      'VALUE',
      msg.custom(
        `${decl.id} takes at most ${decl.params.length} arguments, got ${values.length}`,
        `${decl.id} 最多接受 ${decl.params.length} 个参数，实际为 ${values.length} 个`,
      ),
    );
  const prepared = prepareArguments(decl, values);
  if (prepared.whole) return prepared.whole;
  try {
    const args = new Args(decl.params, prepared.values);
    for (const p of decl.params) {
      if (!p.optional && values[decl.params.indexOf(p)] === undefined) return new CalcError('VALUE', msg.missingArgument(p.name));
    }
    return run(args, prepared);
  } catch (e) {
    if (e instanceof ArgProblem) return e.error;
    const text = e instanceof Error ? e.message : String(e);
    return new CalcError('VALUE', msg.custom(`${decl.id} failed unexpectedly: ${text}`, `${decl.id} 意外出错：${text}`));
  }
}

/** Evaluates `decl` on host values; never throws. A column result comes as its grid (see `invokeHeld`). */
export function invoke(decl: FunctionDeclaration, values: readonly InputArg[]): Result {
  const r = invokeHeld(decl, values);
  return r instanceof ColumnResult ? r.rows() : r;
}

/**
 * `invoke`, a column result held as its column (spill's ColumnResult, cleaned: its `plain` is
 * known) instead of made into rows: for a host that hands it on without its cells (crm3Plugin).
 */
export function invokeHeld(decl: FunctionDeclaration, values: readonly InputArg[]): FunctionResult {
  return withArgs(decl, values, (args, prepared) => {
    const result = unwrapSingle(decl.evaluate(args));
    return prepared.rowErrors.size ? withRowErrors(result, prepared.rowErrors) : result;
  });
}

/**
 * Rows `rows` of what `invoke` gives for a per-row function (`decl.rowwise`), each cell as
 * invoke cleans it; undefined when they cannot be had that way (no rowwise, an argument with an
 * error, a whole-result error): then run `invoke`. Never throws.
 */
export function invokeRows(
  decl: FunctionDeclaration,
  values: readonly InputArg[],
  rows: readonly number[],
): Scalar[] | undefined {
  const rowwise = decl.rowwise;
  if (!rowwise) return undefined;
  const out = withArgs(decl, values, (args, prepared) => {
    if (prepared.rowErrors.size) return undefined;
    const r = rowwise.evaluate(args, rows);
    return r instanceof CalcError ? undefined : r.map(cleanScalar);
  });
  return out instanceof CalcError ? undefined : out;
}

/**
 * The working of `decl` on host values (its `explain`), with the arguments read exactly as
 * `invoke` reads them; undefined when the function has none. Never throws.
 */
export function invokeWorking(decl: FunctionDeclaration, values: readonly InputArg[]): Working | CalcError | undefined {
  const explain = decl.explain;
  return explain ? withArgs(decl, values, (args) => explain(args)) : undefined;
}

/** Rows × columns of an argument as a host sees it (a single value is 1×1). */
export interface Dimensions {
  rows: number;
  cols: number;
}

/**
 * Size of the result before evaluation, from the sizes of the arguments (HyperFormula asks
 * for it up front; Excel spills whatever comes back, and this gives the same size).
 */
export function resultSize(
  shape: ResultShape,
  paramNames: readonly string[],
  dims: (index: number) => Dimensions | undefined,
  /** The number an argument holds when known before evaluation (a typed number). */
  numberAt: (index: number) => number | undefined = () => undefined,
): Dimensions {
  if (shape.kind === 'scalar') return { rows: 1, cols: 1 };
  if (shape.kind === 'list') return listSize(shape, paramNames, dims, numberAt);
  const name = shape.kind === 'column' ? shape.lengthOf : shape.of;
  const d = dims(paramNames.indexOf(name));
  if (!d) return { rows: 1, cols: 1 };
  if (shape.kind === 'rows') return { rows: Math.max(1, d.rows), cols: 1 };
  const n = d.rows === 1 ? d.cols : d.cols === 1 ? d.rows : d.rows;
  return { rows: Math.max(1, n), cols: 1 };
}

export function gridDimensions(v: InputArg): Dimensions | undefined {
  if (v === undefined) return undefined;
  if (v instanceof HeldColumn) return { rows: v.length, cols: 1 };
  if (!Array.isArray(v)) return { rows: 1, cols: 1 };
  const g = v as Grid;
  return { rows: g.length, cols: g.length ? g[0].length : 0 };
}

/** Size of a row list: maxRows (or, unknown, every row of rowsOf) × the columns given. */
function listSize(
  shape: Extract<ResultShape, { kind: 'list' }>,
  paramNames: readonly string[],
  dims: (index: number) => Dimensions | undefined,
  numberAt: (index: number) => number | undefined,
): Dimensions {
  const cols = shape.width ?? shape.columns.filter((c) => dims(paramNames.indexOf(c)) !== undefined).length;
  const typed = numberAt(paramNames.indexOf(shape.maxRows));
  if (typed !== undefined) {
    const ok = Number.isInteger(typed) && typed >= 1 && typed <= MAX_LIST_ROWS;
    return ok ? { rows: typed, cols: Math.max(1, cols) } : { rows: 1, cols: 1 };
  }
  const d = dims(paramNames.indexOf(shape.rowsOf));
  const n = d ? Math.max(d.rows === 1 ? d.cols : d.rows, 1) : 1;
  return { rows: Math.min(n, MAX_LIST_ROWS), cols: Math.max(1, cols) };
}
