/**
 * The shape of one CRM3 function declaration. A family file (winRateFunctions.ts, …) is a
 * table of these; the Excel adapter, the HyperFormula plugin, both metadata files and the
 * README reference are all derived from the table.
 */
import { CalcError, Result, Scalar } from '../core/cells';
import { Message } from '../core/i18n';
import { Args } from './args';
import { ColumnResult } from './spill';
import type { Working } from '../calc/working';

/** `range`: a column, row or block (also accepts one value). `value`: one cell. */
export type ParamKind = 'range' | 'value';

export interface ParamDeclaration {
  /** Identifier shown in Excel's tooltip, in both languages (camelCase, English). */
  name: string;
  kind: ParamKind;
  optional?: boolean;
  description: Message;
  /**
   * What an error cell inside this range argument does (see invoke.ts):
   * - propagate (default): the whole result is that error, as Excel's SUM does;
   * - perRow: only that row of the result is the error (default for the argument a
   *   column/rows result is sized by), so one bad account does not blank a whole column;
   * - blank: the cell counts as missing (TIER: an unscored account has no tier);
   * - noMatch: the row fails the filter (default for filterN, as in COUNTIFS);
   * - keep: the error stays in place as a value (a listed column: the row shows its own error).
   */
  errors?: 'propagate' | 'perRow' | 'blank' | 'noMatch' | 'keep';
}

/**
 * How big the result is, known before evaluation (HyperFormula needs it up front):
 * - scalar: one value;
 * - column: one value per entry of the named vector argument (its cells, row or column),
 * - rows: one value per row of the named block argument (a row of criteria → one score);
 * - list: a block as tall as the `maxRows` argument and one column per given `columns`
 *   argument (a row list for a template block of known height). HyperFormula sizes it from
 *   a typed number; when maxRows is a reference it falls back to the rows of `rowsOf`.
 * A result of one entry is returned as a plain value.
 */
export type ResultShape =
  | { kind: 'scalar' }
  | { kind: 'column'; lengthOf: string }
  | { kind: 'rows'; of: string }
  | {
      kind: 'list';
      maxRows: string;
      columns: readonly string[];
      rowsOf: string;
      /** A fixed number of columns instead of one per given `columns` argument (WHATMOVED: deal and words). */
      width?: number;
    };

export type ResultType = 'number' | 'string' | 'boolean' | 'any';

/** What a declaration's `evaluate` gives: a value, a block, or a kernel's column held as it is (spill). */
export type FunctionResult = Result | ColumnResult;

export type Family =
  | 'winrate'
  | 'pipeline'
  | 'groupby'
  | 'aggregate'
  | 'scoring'
  | 'estimation'
  | 'grading'
  | 'stages'
  | 'relationships'
  | 'activity'
  | 'accounts'
  | 'indicators'
  | 'history'
  | 'review';

export interface FunctionDeclaration {
  /** Function id without namespace: `WINRATE` is `=CRM3.WINRATE(...)`. */
  id: string;
  family: Family;
  description: Message;
  /** A formula a planner can paste, using the workbook's defined names. */
  example: string;
  /** What the example returns, in words (for help text and README). */
  exampleResult: Message;
  params: readonly ParamDeclaration[];
  result: { shape: ResultShape; type: ResultType };
  /** Documented errors, for the README ("#VALUE! when …"). */
  errors: readonly Message[];
  /** Evaluates with parsed arguments. May return CalcError; must not throw on bad input. */
  evaluate(args: Args): FunctionResult;
  /**
   * The working behind the value (issue #19), from the same arguments and the same kernel
   * tally: only for the aggregates an indicator can end in (SHARE, WINRATE, …).
   */
  explain?(args: Args): Working | CalcError;
  /**
   * For a column result whose row i depends only on row i of the `rowArguments` (and on the
   * other arguments whole): the cells of `rows` only, in that order, each what `evaluate` gives
   * in that row. A what-if re-runs a computed column for the rows its edit changed (issue #15).
   */
  rowwise?: {
    rowArguments: readonly string[];
    evaluate(args: Args, rows: readonly number[]): Scalar[] | CalcError;
  };
}

/** Declares one function (keeps family files tidy and type-checked). */
export function declare(d: FunctionDeclaration): FunctionDeclaration {
  return d;
}

export const NAMESPACE = 'CRM3';
