/**
 * Runs a declaration on host values. Both adapters call this, so argument checks, error
 * propagation and result shaping are identical in Excel and HyperFormula.
 */
import { CalcError, Cell, Grid, Result, Scalar } from '../calc/cells';
import { msg } from '../calc/messages';
import { ArgProblem, Args, RawArg } from './args';
import { FunctionDeclaration, ResultShape } from './declaration';

/** A host cell after conversion: errors in the sheet arrive as CalcError. */
export type InputCell = Cell | CalcError;
export type InputArg = InputCell | readonly (readonly InputCell[])[] | undefined;

const ERROR_TEXT: Record<CalcError['code'], string> = {
  VALUE: '#VALUE!',
  NA: '#N/A',
  DIV0: '#DIV/0!',
  NUM: '#NUM!',
  REF: '#REF!',
  NAME: '#NAME?',
  NULL: '#NULL!',
};

export function errorText(e: CalcError): string {
  return ERROR_TEXT[e.code];
}

/** First error among the arguments, reported under the argument's name (as Excel propagates errors). */
function errorInArguments(decl: FunctionDeclaration, args: readonly InputArg[]): CalcError | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const name = decl.params[i]?.name ?? `argument ${i + 1}`;
    if (a instanceof CalcError) return new CalcError(a.code, msg.errorInInput(name, ERROR_TEXT[a.code]));
    if (Array.isArray(a)) {
      for (const row of a as readonly (readonly InputCell[])[])
        for (const c of row) if (c instanceof CalcError) return new CalcError(c.code, msg.errorInInput(name, ERROR_TEXT[c.code]));
    }
  }
  return undefined;
}

function cleanScalar(v: Scalar): Scalar {
  if (typeof v === 'number') {
    if (Number.isNaN(v) || !Number.isFinite(v))
      return new CalcError('NUM', msg.custom('the result is not a finite number', '计算结果不是有限数值'));
    return Object.is(v, -0) ? 0 : v;
  }
  return v === undefined ? null : v;
}

function unwrapSingle(r: Result): Result {
  if (!Array.isArray(r)) return cleanScalar(r);
  const rows = r.map((row) => row.map(cleanScalar));
  return rows.length === 1 && rows[0].length === 1 ? rows[0][0] : rows;
}

/** Evaluates `decl` on host values; never throws. */
export function invoke(decl: FunctionDeclaration, values: readonly InputArg[]): Result {
  if (values.length > decl.params.length)
    return new CalcError('VALUE', msg.custom(
      `${decl.id} takes at most ${decl.params.length} arguments, got ${values.length}`,
      `${decl.id} 最多接受 ${decl.params.length} 个参数，实际为 ${values.length} 个`,
    ));
  const inputError = errorInArguments(decl, values);
  if (inputError) return inputError;
  try {
    const args = new Args(decl.params, values as readonly RawArg[]);
    for (const p of decl.params) {
      if (!p.optional && values[decl.params.indexOf(p)] === undefined)
        return new CalcError('VALUE', msg.missingArgument(p.name));
    }
    return unwrapSingle(decl.evaluate(args));
  } catch (e) {
    if (e instanceof ArgProblem) return e.error;
    const text = e instanceof Error ? e.message : String(e);
    return new CalcError('VALUE', msg.custom(`${decl.id} failed unexpectedly: ${text}`, `${decl.id} 意外出错：${text}`));
  }
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
export function resultSize(shape: ResultShape, paramNames: readonly string[], dims: (index: number) => Dimensions | undefined): Dimensions {
  if (shape.kind === 'scalar') return { rows: 1, cols: 1 };
  const name = shape.kind === 'column' ? shape.lengthOf : shape.of;
  const d = dims(paramNames.indexOf(name));
  if (!d) return { rows: 1, cols: 1 };
  if (shape.kind === 'rows') return { rows: Math.max(1, d.rows), cols: 1 };
  const n = d.rows === 1 ? d.cols : d.cols === 1 ? d.rows : d.rows;
  return { rows: Math.max(1, n), cols: 1 };
}

export function gridDimensions(v: InputArg): Dimensions | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) return { rows: 1, cols: 1 };
  const g = v as Grid;
  return { rows: g.length, cols: g.length ? g[0].length : 0 };
}
