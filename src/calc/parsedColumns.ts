/**
 * Parsed values of a column, kept between function calls (issue #7: 40 indicators read the
 * same Status/date/amount columns, and parsing text — alias folding, date text — dominated).
 *
 * Keyed on the column array's identity, per parser (numbers, dates, or one enumeration).
 * Each row remembers the cell it was parsed from and is re-parsed whenever the column holds a
 * different cell there, so a column changed in place (what-if) can never serve a stale value.
 * Bad cells are not remembered: their message names the argument, which differs per caller.
 */
import { Cell, Column } from '../core/cells';

/** Not parsed yet, or the cell was bad (the caller parses it again for its message). */
const UNSET: unique symbol = Symbol('unset');

export class ParsedColumn<T> {
  private readonly source: (Cell | undefined | typeof UNSET)[];
  private readonly parsed: (T | typeof UNSET)[];

  constructor(private readonly col: Column) {
    this.source = new Array(col.length).fill(UNSET);
    this.parsed = new Array(col.length).fill(UNSET);
  }

  /** The value at row i, parsed once per distinct cell; `parse` returns BAD for a bad cell. */
  at<C>(i: number, parse: (c: Cell, context: C) => T | typeof BAD, context: C): T | typeof BAD {
    const c = this.col[i] as Cell;
    if (this.source[i] === c) {
      const p = this.parsed[i];
      if (p !== UNSET) return p;
    }
    const v = parse(c, context);
    this.source[i] = c;
    this.parsed[i] = v === BAD ? UNSET : v;
    return v;
  }
}

/** What a parser returns for a cell it cannot read. */
export const BAD: unique symbol = Symbol('bad');

const memo = new WeakMap<Column, Map<unknown, ParsedColumn<unknown>>>();
// The last column asked for, per parser: kernels read one column row by row, so this skips the maps.
const lastCol = new Map<unknown, Column>();
const lastParsed = new Map<unknown, ParsedColumn<unknown>>();

/** The memo of `col` for one parser (`parser` is any stable object or string naming it). */
export function parsedColumn<T>(col: Column, parser: unknown): ParsedColumn<T> {
  if (lastCol.get(parser) === col) return lastParsed.get(parser) as ParsedColumn<T>;
  let byParser = memo.get(col);
  if (!byParser) memo.set(col, (byParser = new Map()));
  let p = byParser.get(parser);
  if (!p) byParser.set(parser, (p = new ParsedColumn<unknown>(col)));
  if (lastCol.size > 256) {
    // Many distinct criteria over time: forget the shortcuts so they do not keep old columns alive.
    lastCol.clear();
    lastParsed.clear();
  }
  lastCol.set(parser, col);
  lastParsed.set(parser, p);
  return p as ParsedColumn<T>;
}
