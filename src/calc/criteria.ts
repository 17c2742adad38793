/**
 * Filter criteria, in the COUNTIFS spirit but alias-aware: "Open" also matches "进行中",
 * "A,B" matches either tier, ">=4" compares numbers (dates are serials), "*" means
 * non-blank and "=" means blank. A range of values matches any of them.
 */
import { CalcError, Cell, Column, isBlank, showCell, toDateSerial, toNumber } from '../core/cells';
import { matchKey } from '../core/enumerations';
import { msg } from './messages';
import { answerView } from './columnViews';

export type Matcher = (c: Cell | undefined) => boolean;

/**
 * Stands in for an error cell in a filter column: no criterion matches it, not even "*" or
 * "<>x" (as COUNTIFS skips errors). Set by the invoker, never seen by users.
 */
export const NO_MATCH = '\u0000#ERROR';

const OPERATOR = /^(<>|>=|<=|=|<|>)(.*)$/s;
const LIST_SEPARATOR = /[,，|]/;

function numericOperand(text: string): number | undefined {
  return toNumber(text) ?? toDateSerial(text);
}

function cellNumber(c: Cell | undefined): number | undefined {
  return typeof c === 'number' ? toNumber(c) : typeof c === 'string' ? numericOperand(c) : undefined;
}

function equalsAny(values: readonly Cell[]): Matcher {
  const keys = new Set(values.map((v) => matchKey(v)));
  return (c) => !isBlank(c) && keys.has(matchKey(c));
}

/** Compiles one criterion. `name` is the argument's name, for the message when it is unusable. */
export function compileCriterion(criterion: Cell | Column | undefined, name: string): Matcher | CalcError {
  const m = compileOne(criterion, name);
  return m instanceof CalcError ? m : (c) => c !== NO_MATCH && m(c);
}

function compileOne(criterion: Cell | Column | undefined, name: string): Matcher | CalcError {
  if (Array.isArray(criterion)) {
    const values = (criterion as Column).filter((v) => !isBlank(v));
    return values.length === 0 ? (c) => !isBlank(c) : equalsAny(values);
  }
  const crit = criterion as Cell | undefined;
  if (isBlank(crit)) return (c) => !isBlank(c);
  if (typeof crit === 'number' || typeof crit === 'boolean') return equalsAny([crit]);
  const text = (crit as string).normalize('NFKC').trim();
  if (text === '*') return (c) => !isBlank(c);
  const op = OPERATOR.exec(text);
  if (op) {
    const [, operator, rest] = op;
    const operand = rest.trim();
    if (operand === '') return operator === '=' ? (c) => isBlank(c) : (c) => !isBlank(c);
    if (operator === '=' || operator === '<>') {
      const eq = equalsAny(operand.split(LIST_SEPARATOR).map((s) => s.trim()));
      return operator === '=' ? eq : (c) => !isBlank(c) && !eq(c);
    }
    const bound = numericOperand(operand);
    if (bound === undefined)
      return new CalcError(
        'VALUE',
        msg.custom(
          `${name}: ${showCell(crit)} compares with something that is not a number or date`,
          `${name}：${showCell(crit)} 的比较对象不是数字或日期`,
        ),
      );
    const compare =
      operator === '>'
        ? (x: number) => x > bound
        : operator === '>='
          ? (x: number) => x >= bound
          : operator === '<'
            ? (x: number) => x < bound
            : (x: number) => x <= bound;
    return (c) => {
      const x = cellNumber(c);
      return x !== undefined && compare(x);
    };
  }
  return equalsAny(
    text
      .split(LIST_SEPARATOR)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

export interface FilterPair {
  column: Column | undefined;
  criterion: Cell | Column | undefined;
  /** Names for messages, e.g. "filter1" / "criterion1". */
  columnName: string;
  criterionName: string;
}

/** Which rows a kernel reads: a mask (1 or true: the row counts), or undefined for every row. */
export type RowFilter = Uint8Array | readonly boolean[];

/**
 * Which of n rows pass every filter pair (pairs without a column are ignored), as a mask of
 * 1s and 0s; undefined when no pair has a column (every row passes). Columns must have n rows.
 */
export function includeRows(n: number, pairs: readonly FilterPair[], rowsName: string): Uint8Array | undefined | CalcError {
  let mask: Uint8Array | undefined;
  for (const p of pairs) {
    if (!p.column) continue;
    if (p.column.length !== n) return new CalcError('VALUE', msg.sizeMismatch(rowsName, p.columnName, n, p.column.length));
    const m = compileCriterion(p.criterion, p.criterionName);
    if (m instanceof CalcError) return m;
    // A criterion's answer per cell is kept with the column (many indicators filter Status="Open").
    const answers = answerView(p.column, criterionKey(p.criterion), m).answers;
    if (mask === undefined) mask = answers.slice();
    else for (let i = 0; i < n; i++) mask[i] &= answers[i];
  }
  return mask;
}

/** The name a criterion's answers are kept under; a long list of values is not worth keeping. */
export function criterionKey(crit: Cell | Column | undefined): string | undefined {
  if (!Array.isArray(crit)) return `criterion\u0000${typeof crit}\u0000${String(crit)}`;
  const list = crit as Column;
  // Strings quoted, the rest as String gives (NaN, null, true): no two different lists share a name.
  return list.length <= 32
    ? `criterion\u0000list\u0000${list.map((c) => (typeof c === 'string' ? JSON.stringify(c) : String(c))).join(',')}`
    : undefined;
}

/** includeRows as an array of booleans (every row true when no pair has a column). */
export function rowMask(n: number, pairs: readonly FilterPair[], rowsName: string): boolean[] | CalcError {
  const mask = includeRows(n, pairs, rowsName);
  if (mask instanceof CalcError) return mask;
  const out = new Array<boolean>(n);
  for (let i = 0; i < n; i++) out[i] = mask === undefined || mask[i] === 1;
  return out;
}
