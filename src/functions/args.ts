/**
 * Argument reading shared by every declaration: host values arrive as plain cells or
 * blocks, and an unusable argument stops the function with a message naming it.
 * `ArgProblem` is thrown only inside `invoke`, which turns it into the error result.
 */
import { CalcError, Cell, Column, Grid, isBlank, showCell, toDateSerial, toNumber } from '../core/cells';
import { Enumeration, allowedList, lookupEnum } from '../core/enumerations';
import { msg } from '../calc/messages';
import { ParamDeclaration } from './declaration';
import { columnRows } from './columnRows';

/**
 * A column an engine holds (a fed or computed column of its store, a column result it read
 * back), handed to a function as a one-column range without one row array per value (issue
 * #15): a function reading it as a column gets `values` itself; one reading it as a block gets
 * its rows, made on first ask (`rows`). At 50,000 opportunities the rows of the store's columns
 * were made for every column a formula read, and read by almost no function.
 *
 * Its owner may change `values` in place; it then calls `changed` with the rows (the rows made
 * so far follow) and bumps whatever version it keeps. Never empty: an empty column is the grid
 * `[[null]]`, as a host gives it.
 */
export class HeldColumn {
  private made: (Cell | CalcError)[][] | undefined;

  constructor(readonly values: readonly (Cell | CalcError)[]) {}

  get length(): number {
    return this.values.length;
  }

  /** The column as a one-column grid (rows shared per distinct value, columnRows), made once; its flat column is `values`. */
  rows(): (Cell | CalcError)[][] {
    if (!this.made) {
      this.made = columnRows(this.values);
      knownColumn(this.made as Grid, this.values as Column);
    }
    return this.made;
  }

  /** After `values` changed in place: rows `at` of the grid made so far are made again (all of it without `at`). */
  changed(at?: readonly number[]): void {
    if (!this.made) return;
    if (!at || this.made.length !== this.values.length) {
      this.made = undefined;
      return;
    }
    for (const i of at) this.made[i] = [this.values[i]];
  }
}

/** A host value after conversion: one cell, a block, a held column, or undefined when omitted. */
export type RawArg = Cell | Grid | HeldColumn | undefined;

export class ArgProblem {
  constructor(readonly error: CalcError) {}
}

const fail = (e: CalcError): never => {
  throw new ArgProblem(e);
};

export function isGrid(v: RawArg): v is Grid {
  return Array.isArray(v);
}

export class Args {
  private readonly byName = new Map<string, RawArg>();

  constructor(params: readonly ParamDeclaration[], values: readonly RawArg[]) {
    params.forEach((p, i) => this.byName.set(p.name, values[i]));
  }

  /** The raw value; blank single values count as omitted. */
  raw(name: string): RawArg {
    const v = this.byName.get(name);
    if (isGrid(v) || v instanceof HeldColumn) return v;
    return isBlank(v) ? undefined : v;
  }

  has(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  /** A block (a single value is a 1×1 block). */
  grid(name: string): Grid {
    const v = this.raw(name);
    if (v === undefined) return fail(new CalcError('VALUE', msg.missingArgument(name)));
    if (v instanceof HeldColumn) return v.rows() as Grid;
    return isGrid(v) ? v : [[v]];
  }

  optGrid(name: string): Grid | undefined {
    return this.has(name) ? this.grid(name) : undefined;
  }

  /** A vector: one column or one row, flattened; a single value is a one-row column. */
  column(name: string): Column {
    const v = this.byName.get(name);
    if (v === undefined) return fail(new CalcError('VALUE', msg.missingArgument(name)));
    if (v instanceof HeldColumn) return v.values as Column;
    return isGrid(v) ? flatten(v, name) : [v];
  }

  optColumn(name: string): Column | undefined {
    return this.has(name) ? this.column(name) : undefined;
  }

  /** A single value out of a scalar or a 1×1 block. */
  private scalar(name: string): Cell | undefined {
    const raw = this.raw(name);
    const v = raw instanceof HeldColumn ? (raw.rows() as Grid) : raw;
    if (!isGrid(v)) return v;
    if (v.length === 0 || v[0].length === 0) return undefined;
    if (v.length === 1 && v[0].length === 1) return isBlank(v[0][0]) ? undefined : v[0][0];
    return fail(
      new CalcError(
        'VALUE',
        msg.custom(
          `${name} must be a single value, not a ${v.length}×${v[0].length} range`,
          `${name} 必须是单个值，而不是 ${v.length}×${v[0].length} 的区域`,
        ),
      ),
    );
  }

  /** A single value, blank → undefined (for criteria and free-form values). */
  value(name: string): Cell | undefined {
    return this.scalar(name);
  }

  number(name: string, fallback?: number): number {
    const v = this.scalar(name);
    if (v === undefined) {
      if (fallback !== undefined) return fallback;
      return fail(new CalcError('VALUE', msg.missingArgument(name)));
    }
    const n = toNumber(v);
    return n === undefined ? fail(new CalcError('VALUE', msg.notANumber(name, showCell(v)))) : n;
  }

  optNumber(name: string): number | undefined {
    return this.has(name) ? this.number(name) : undefined;
  }

  date(name: string): number {
    const v = this.scalar(name);
    if (v === undefined) return fail(new CalcError('VALUE', msg.missingArgument(name)));
    const d = toDateSerial(v);
    return d === undefined ? fail(new CalcError('VALUE', msg.notADate(name, showCell(v)))) : d;
  }

  optDate(name: string): number | undefined {
    return this.scalar(name) === undefined ? undefined : this.date(name);
  }

  /** TRUE/FALSE, also Yes/No, 是/否, 1/0. */
  bool(name: string, fallback: boolean): boolean {
    const v = this.scalar(name);
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    const k = String(v).normalize('NFKC').trim().toUpperCase();
    if (['TRUE', 'YES', 'Y', '是', '1'].includes(k)) return true;
    if (['FALSE', 'NO', 'N', '否', '0'].includes(k)) return false;
    return fail(new CalcError('VALUE', msg.unknownOption(name, showCell(v), 'TRUE/FALSE')));
  }

  text(name: string, fallback?: string): string {
    const v = this.scalar(name);
    if (v === undefined) {
      if (fallback !== undefined) return fallback;
      return fail(new CalcError('VALUE', msg.missingArgument(name)));
    }
    return String(v);
  }

  /** Canonical code of an option argument (e.g. TierMethod), with its default. */
  option(name: string, e: Enumeration, fallback: string): string {
    const v = this.scalar(name);
    if (v === undefined) return fallback;
    const found = lookupEnum(e, v);
    return found ? found.code : fail(new CalcError('VALUE', msg.unknownOption(name, showCell(v), allowedList(e))));
  }

  /** A criterion: one value or a list of values (a range). */
  criterion(name: string): Cell | Column | undefined {
    const v = this.raw(name);
    if (v instanceof HeldColumn) return v.values.slice() as Column;
    if (!isGrid(v)) return v;
    return v.flat();
  }
}

/** Flattens a one-row or one-column block; anything wider and taller is an error. */
export function flatten(g: Grid, name: string): Column {
  if (g.length === 0) return [];
  const cached = flatColumns.get(g);
  if (cached) return cached;
  const column = flattenUncached(g, name);
  flatColumns.set(g, column);
  return column;
}

/**
 * Grids are never changed once made, so their flat form is worth keeping: one indicator
 * formula may read the same column several times, and the engine's columns are shared.
 */
const flatColumns = new WeakMap<Grid, Column>();

/**
 * Tells `flatten` the column a one-column grid holds, when the caller already has it as an
 * array (the engine's store): kernels then read that array instead of a copy.
 */
export function knownColumn(g: Grid, column: Column): void {
  flatColumns.set(g, column);
}

function flattenUncached(g: Grid, name: string): Column {
  const width = g[0].length;
  if (width === 1) return g.map((r) => (r[0] === undefined ? null : r[0]));
  if (g.length === 1) return g[0].map((c) => (c === undefined ? null : c));
  return fail(new CalcError('VALUE', msg.notAColumn(name, g.length, width)));
}

/** Returns the kernel's error, or the value (lets declarations stay one expression). */
export function orFail<T>(v: T | CalcError): T {
  return v instanceof CalcError ? fail(v) : v;
}
