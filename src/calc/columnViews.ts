/**
 * Typed views of a column (issue #15): its numbers or dates as a Float64Array (NaN for blank)
 * with a bitmap of the cells that could not be read, its enumeration codes as an Int32Array,
 * the answers of a filter criterion as a Uint8Array. Each is made in one pass on first use and
 * kept per column array (a WeakMap on its identity), so 40 indicators reading Opp_Status parse
 * it once.
 *
 * A column may be changed in place (the engine's what-if writes `column[row] = value` into the
 * array the kernels read). So the views of a column keep the cells they were made from
 * (`source`), and every request compares the column with them — one tight identity loop, no
 * allocation — and re-parses only the rows that differ, in every view of that column. A
 * what-if then costs one compare pass instead of a parse. Readers of single rows
 * (`columns.ts` numberAt, …) compare that row only.
 *
 * Views say where a cell is bad, not what is wrong with it: the message names the argument,
 * which differs per caller, so a kernel that meets a bad row reads that one row again through
 * the row-by-row path (`columns.ts`) for its message.
 */
import { Cell, Column, MAX_EXCEL_SERIAL, isBlank, toDateSerial, toNumber } from '../core/cells';
import { EnumValue, Enumeration, lookupEnum } from '../core/enumerations';

/** One typed view of a column: `set` re-reads one row after the column changed there. */
export interface RowView {
  set(i: number, c: Cell | undefined): void;
}

/** What a parser returns for a cell it cannot read. */
export const BAD: unique symbol = Symbol('bad');

/** Reads one cell as a number: `undefined` for blank (null is blank to every parser), BAD when unreadable. */
export interface CellParser {
  readonly name: string;
  parse(c: Cell | undefined): number | undefined | typeof BAD;
  /** Finite numbers in [least, most] are read as themselves (−0 as 0): views skip `parse` for them. */
  readonly least: number;
  readonly most: number;
}

/** Numbers (or dates, or probabilities) of a column: NaN where blank or bad; `bad[i]` is 1 where bad. */
export interface NumberView extends RowView {
  readonly values: Float64Array;
  readonly bad: Uint8Array;
  /** How many rows are bad (0: no row needs checking). */
  readonly badCount: number;
}

/** Code of a blank cell in a code view. */
export const BLANK_CODE = -1;
/** Code of a cell that is not a value of the enumeration (nor an alias of one). */
export const UNKNOWN_CODE = -2;

/** Enumeration codes of a column: an index into `values`, BLANK_CODE or UNKNOWN_CODE. */
export interface CodeView extends RowView {
  readonly codes: Int32Array;
  readonly values: readonly EnumValue[];
}

/** 1 where a criterion (or any yes/no question about a cell) says yes. */
export interface AnswerView extends RowView {
  readonly answers: Uint8Array;
}

/** Distinct cells repeat (statuses, dates as text): a parser's answers are kept per cell up to this many. */
const MEMO_LIMIT = 1 << 16;
/** Criteria come and go (a filter typed in a what-if formula): past this many views a column's are dropped. */
const VIEW_LIMIT = 64;

// While columns are held (holdColumns), a column compared once is not compared again.
let holdDepth = 0;
let holdEpoch = 0;

/**
 * Runs `run` promising that no column is changed in place meanwhile (the engine's recalculation
 * after a what-if: its columns change only before it). Each column is then compared with its
 * views once instead of once per kernel call that reads it: 40 indicators read Opp_Status.
 */
export function holdColumns<T>(run: () => T): T {
  if (holdDepth++ === 0) holdEpoch++;
  try {
    return run();
  } finally {
    holdDepth--;
  }
}

/**
 * The cells views were made from are kept in parts of this many: an array of more than 16,384
 * slots (128 KB) is a large object to V8, allocated on its own pages and freed only by a full
 * collection, and copying a 20,000-row column whole cost about 100 times a copy in parts.
 */
const PART = 8192;
const PART_BITS = 13;
/** Changed rows remembered per column (ColumnViews.log); past this, kept tallies are read again in full. */
const LOG_LIMIT = 4096;

/** The views of one column and the cells they were made from. */
class ColumnViews {
  /** The cells the views were made from, in parts of PART rows. */
  private source: (Cell | undefined)[][] | undefined;
  private rows = 0;
  /** The hold in which the column was last compared (0: none). */
  private comparedIn = 0;
  private readonly views = new Map<unknown, RowView>();
  /**
   * The rows re-read since version `logStart` (a what-if changes a few), for kernels that keep
   * a tally of the column and patch it by the changed rows instead of reading the whole column
   * again. Remade views, or more changes than LOG_LIMIT, move `logStart` past every earlier
   * version, so a tally kept from before is read again in full.
   */
  private log: number[] = [];
  private logStart = 0;

  constructor(private readonly col: Column) {}

  /**
   * Set for a column whose every in-place change is announced (reportRowsChanged): its views
   * re-read the announced rows instead of comparing every row. `pending`: rows announced since
   * the last sync; undefined: compare every row once (a change not told row by row).
   */
  reported = false;
  pending: number[] | undefined = [];

  get version(): number {
    return this.logStart + this.log.length;
  }

  /** The rows re-read after `version` (possibly repeated), or undefined when that is no longer known. */
  changedSince(version: number): readonly number[] | undefined {
    if (version < this.logStart || version > this.version) return undefined;
    return this.log.slice(version - this.logStart);
  }

  private forgetChanges(): void {
    this.logStart = this.version + 1;
    this.log = [];
  }

  /** The view named `key`, made by `make` if new; every view of the column is brought up to date first. */
  whole<V extends RowView>(key: unknown, make: (col: Column) => V): V {
    this.sync();
    return this.view(key, make);
  }

  /** The view named `key`, up to date at row i only (for readers of single rows). */
  row<V extends RowView>(key: unknown, make: (col: Column) => V, i: number): V {
    const src = this.source;
    if (src === undefined || this.rows !== this.col.length) this.sync();
    else {
      const part = src[i >> PART_BITS];
      const c = this.col[i];
      if (c !== part[i & (PART - 1)]) this.refresh(i, c, part);
    }
    return this.view(key, make);
  }

  private view<V extends RowView>(key: unknown, make: (col: Column) => V): V {
    let v = this.views.get(key);
    if (v === undefined) {
      if (this.views.size >= VIEW_LIMIT) this.views.clear();
      // Made from the column as it is now: rows where `source` is behind are re-read by the next sync, the same again.
      v = make(this.col);
      this.views.set(key, v);
    }
    return v as V;
  }

  /** The next request compares the column again, even inside the hold that compared it. */
  compareAgain(): void {
    this.comparedIn = 0;
  }

  /** Compares the column with the cells the views were made from; re-reads the rows that differ. */
  private sync(): void {
    if (holdDepth > 0) {
      if (this.comparedIn === holdEpoch) return;
      this.comparedIn = holdEpoch;
    }
    const col = this.col;
    const n = col.length;
    const src = this.source;
    const pending = this.pending;
    this.pending = [];
    if (src === undefined || this.rows !== n) {
      this.views.clear();
      this.forgetChanges();
      const parts: (Cell | undefined)[][] = [];
      for (let start = 0; start < n; start += PART) parts.push(col.slice(start, start + PART));
      this.source = parts;
      this.rows = n;
      return;
    }
    if (this.reported && pending !== undefined) {
      // The column's owner said which rows it changed: only those are compared (issue #15).
      for (let k = 0; k < pending.length; k++) {
        const i = pending[k];
        const part = src[i >> PART_BITS];
        if (i < n && col[i] !== part[i & (PART - 1)]) this.refresh(i, col[i], part);
      }
      return;
    }
    for (let p = 0, start = 0; start < n; p++, start += PART) {
      const part = src[p];
      const end = Math.min(n, start + PART);
      for (let i = start; i < end; i++) if (col[i] !== part[i - start]) this.refresh(i, col[i], part);
    }
  }

  /** Re-reads row i (its cell now `c`) in every view; `part` is the part of `source` holding it. */
  private refresh(i: number, c: Cell | undefined, part: (Cell | undefined)[]): void {
    part[i & (PART - 1)] = c;
    for (const v of this.views.values()) v.set(i, c);
    if (this.log.length < LOG_LIMIT) this.log.push(i);
    else this.forgetChanges();
  }
}

const byColumn = new WeakMap<Column, ColumnViews>();
// The last column asked for: row-by-row readers ask for one column many times in a row.
let lastColumn: Column | undefined;
let lastViews: ColumnViews | undefined;

function viewsOf(col: Column): ColumnViews {
  if (col === lastColumn) return lastViews!;
  let v = byColumn.get(col);
  if (v === undefined) byColumn.set(col, (v = new ColumnViews(col)));
  lastColumn = col;
  lastViews = v;
  return v;
}

/**
 * Says that `col` was changed in place while columns are held (holdColumns): the engine writes a
 * computed column's new values into its array during the recalculation, before anything reads
 * it. Its views compare it again at the next request; outside a hold this changes nothing.
 */
export function columnChanged(col: Column): void {
  const v = byColumn.get(col);
  if (v !== undefined) v.compareAgain();
}

/**
 * Says that every in-place change of `col` will be announced with reportRowsChanged (the
 * engine's store, a steady column result): its views then re-read the announced rows instead of
 * comparing the whole column with the cells they were made from on every recalculation.
 */
export function reportsChanges(col: Column): void {
  viewsOf(col).reported = true;
}

/**
 * Announces that rows `rows` of `col` were changed in place (undefined: rows not known, compare
 * them all once). Also inside a hold: the next request re-reads them.
 */
export function reportRowsChanged(col: Column, rows: readonly number[] | undefined): void {
  const v = byColumn.get(col);
  if (v === undefined) return;
  if (rows === undefined || v.pending === undefined || v.pending.length + rows.length > LOG_LIMIT) v.pending = undefined;
  else for (let k = 0; k < rows.length; k++) v.pending.push(rows[k]);
  v.compareAgain();
}

/**
 * How many times rows of `col` were re-read since its views were made (a number that only
 * grows; a remade set of views jumps past every earlier one). Ask after a view of the column
 * (which brings them up to date); with `rowsChangedSince`, a kernel keeping a tally of the
 * column patches it by the rows changed since.
 */
export function columnVersion(col: Column): number {
  return viewsOf(col).version;
}

/** The rows of `col` re-read since `columnVersion` gave `version` (possibly repeated); undefined when no longer known. */
export function rowsChangedSince(col: Column, version: number): readonly number[] | undefined {
  return viewsOf(col).changedSince(version);
}

/** columnVersion of each column (-1 for an absent one): what a kept tally was brought up to date with. */
export function columnVersions(cols: readonly (Column | undefined)[]): number[] {
  return cols.map((c) => (c ? columnVersion(c) : -1));
}

/**
 * The rows of `cols` changed since `versions` (columnVersions of the same columns), possibly
 * repeated; undefined when that is no longer known for one of them (read every row again).
 */
export function rowsChangedSinceAll(cols: readonly (Column | undefined)[], versions: readonly number[]): number[] | undefined {
  const changed: number[] = [];
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k];
    if (!c) continue;
    const since = rowsChangedSince(c, versions[k]);
    if (since === undefined) return undefined;
    for (let j = 0; j < since.length; j++) changed.push(since[j]);
  }
  return changed;
}

/**
 * The view named `key` of `col` (made by `make` on first use), up to date with every in-place
 * change. For views other modules define (keys, joins) on the same memo and compare pass.
 */
export function columnView<V extends RowView>(col: Column, key: unknown, make: (col: Column) => V): V {
  return viewsOf(col).whole(key, make);
}

// ------------------------------------------------------------------ numbers and dates

/** Numbers: blank → undefined; numeric text counts (amounts exported as text); anything else is bad. */
export const NUMBERS: CellParser = {
  name: 'numbers',
  least: -Infinity,
  most: Infinity,
  parse: (c) => (typeof c === 'number' ? (toNumber(c) ?? BAD) : isBlank(c) ? undefined : (toNumber(c) ?? BAD)),
};

/** Date serials: blank → undefined; ISO text and serials count; anything else is bad. */
export const DATES: CellParser = {
  name: 'dates',
  least: 1,
  most: MAX_EXCEL_SERIAL,
  parse: (c) => (typeof c === 'number' ? (toDateSerial(c) ?? BAD) : isBlank(c) ? undefined : (toDateSerial(c) ?? BAD)),
};

class ParsedNumbers implements NumberView {
  readonly values: Float64Array;
  readonly bad: Uint8Array;
  badCount = 0;
  private readonly memo = new Map<string, number | undefined | typeof BAD>();

  constructor(
    col: Column,
    private readonly parser: CellParser,
  ) {
    const n = col.length;
    const values = (this.values = new Float64Array(n));
    this.bad = new Uint8Array(n);
    const { least, most } = parser;
    for (let i = 0; i < n; i++) {
      const c = col[i];
      // Most cells are plain numbers the parser would give back as they are (c - c is 0 for finite c).
      if (typeof c === 'number' && c >= least && c <= most && c - c === 0) values[i] = c + 0;
      else if (c === null) values[i] = Number.NaN;
      else this.put(i, this.read(c));
    }
  }

  set(i: number, c: Cell | undefined): void {
    if (this.bad[i] === 1) this.badCount--;
    this.put(i, this.read(c));
  }

  private read(c: Cell | undefined): number | undefined | typeof BAD {
    if (typeof c !== 'string') return this.parser.parse(c);
    let p = this.memo.get(c);
    if (p === undefined && !this.memo.has(c)) {
      p = this.parser.parse(c);
      if (this.memo.size < MEMO_LIMIT) this.memo.set(c, p);
    }
    return p;
  }

  private put(i: number, p: number | undefined | typeof BAD): void {
    if (p === BAD) {
      this.values[i] = Number.NaN;
      this.bad[i] = 1;
      this.badCount++;
    } else {
      this.values[i] = p === undefined ? Number.NaN : p;
      this.bad[i] = 0;
    }
  }
}

/** The column read by `parser` (NUMBERS, DATES or a kernel's own, e.g. probabilities), up to date. */
export function parsedView(col: Column, parser: CellParser): NumberView {
  return viewsOf(col).whole(parser, (c) => new ParsedNumbers(c, parser));
}

/** Numbers of a column (NaN blank, bad bitmap), up to date. */
export const numberView = (col: Column): NumberView => parsedView(col, NUMBERS);
/** Date serials of a column (NaN blank, bad bitmap), up to date. */
export const dateView = (col: Column): NumberView => parsedView(col, DATES);

/** The view of `parser`, brought up to date at row i only. */
export function parsedViewAtRow(col: Column, parser: CellParser, i: number): NumberView {
  return viewsOf(col).row(parser, (c) => new ParsedNumbers(c, parser), i);
}

/** Row i read by `parser`: a number, undefined (blank) or BAD. Compares row i only. */
export function parsedAt(col: Column, parser: CellParser, i: number): number | undefined | typeof BAD {
  const v = parsedViewAtRow(col, parser, i);
  if (v.bad[i] === 1) return BAD;
  const x = v.values[i];
  return x === x ? x : undefined;
}

/** The first bad row of a view at or after `from`, or -1. */
export function firstBadRow(v: NumberView, from = 0): number {
  if (v.badCount === 0) return -1;
  const bad = v.bad;
  for (let i = from; i < bad.length; i++) if (bad[i] === 1) return i;
  return -1;
}

// ------------------------------------------------------------------ enumeration codes

/** out[i] = read(col[i]), read once per run of the same cell (sorted and repetitive columns). */
function fillPerCell(out: Int32Array | Uint8Array, col: Column, read: (c: Cell | undefined) => number): void {
  let prev: Cell | undefined = null;
  let value = read(null);
  for (let i = 0; i < col.length; i++) {
    const c = col[i];
    if (c !== prev) {
      prev = c;
      value = read(c);
    }
    out[i] = value;
  }
}

class EnumCodes implements CodeView {
  readonly codes: Int32Array;
  readonly values: readonly EnumValue[];
  // Aliases are folded once per distinct cell, not once per row.
  private readonly memo = new Map<Cell | undefined, number>();
  private readonly position: Map<EnumValue, number>;

  constructor(
    col: Column,
    private readonly e: Enumeration,
  ) {
    this.values = e.values;
    this.position = new Map(e.values.map((v, k) => [v, k]));
    this.codes = new Int32Array(col.length);
    fillPerCell(this.codes, col, (c) => this.code(c));
  }

  set(i: number, c: Cell | undefined): void {
    this.codes[i] = this.code(c);
  }

  private code(c: Cell | undefined): number {
    if (c === null || c === undefined) return BLANK_CODE;
    let k = this.memo.get(c);
    if (k === undefined) {
      if (isBlank(c)) k = BLANK_CODE;
      else {
        const v = lookupEnum(this.e, c);
        k = v === undefined ? UNKNOWN_CODE : this.position.get(v)!;
      }
      if (this.memo.size < MEMO_LIMIT) this.memo.set(c, k);
    }
    return k;
  }
}

/** Enumeration codes of a column (aliases folded: "进行中" is Open), up to date. */
export function codeView(col: Column, e: Enumeration): CodeView {
  return viewsOf(col).whole(e, (c) => new EnumCodes(c, e));
}

/** The codes of `e`, brought up to date at row i only. */
export function codeViewAtRow(col: Column, e: Enumeration, i: number): CodeView {
  return viewsOf(col).row(e, (c) => new EnumCodes(c, e), i);
}

/** Code at row i (an index into e.values, BLANK_CODE or UNKNOWN_CODE). Compares row i only. */
export function codeAtRow(col: Column, e: Enumeration, i: number): number {
  return codeViewAtRow(col, e, i).codes[i];
}

// ------------------------------------------------------------------ answers (criteria)

class CellAnswers implements AnswerView {
  readonly answers: Uint8Array;
  private readonly memo = new Map<Cell | undefined, number>();

  constructor(
    col: Column,
    private readonly ask: (c: Cell | undefined) => boolean,
  ) {
    this.answers = new Uint8Array(col.length);
    fillPerCell(this.answers, col, (c) => this.answer(c));
  }

  set(i: number, c: Cell | undefined): void {
    this.answers[i] = this.answer(c);
  }

  private answer(c: Cell | undefined): number {
    let a = this.memo.get(c);
    if (a === undefined) {
      a = this.ask(c) ? 1 : 0;
      if (this.memo.size < MEMO_LIMIT) this.memo.set(c, a);
    }
    return a;
  }
}

/**
 * 1 where `ask` says yes about the row's cell, asked once per distinct cell. `key` names the
 * question (a criterion's text): kept with the column under it, up to date; without a key the
 * answers are made for this call only.
 */
export function answerView(col: Column, key: string | undefined, ask: (c: Cell | undefined) => boolean): AnswerView {
  if (key === undefined) return new CellAnswers(col, ask);
  return viewsOf(col).whole(`answers\u0000${key}`, (c) => new CellAnswers(c, ask));
}
