/**
 * A table's cells held column by column (issue #15): the reader fills a big table's columns
 * straight from the sheet, and normalize, validate and the engine's layout read them as they
 * are. A table made so has no rows until something asks for them: `rows` is then made from
 * the columns once, and from then on the rows are the table's cells (the columns are let go,
 * so the two can never disagree). At 50,000 opportunities the rows were 464,000 small arrays
 * that the collector copied into the old generation and the layout read back into columns.
 *
 * Every other table (made by tests, importers, the pane's host) keeps its rows; the helpers
 * here read both kinds.
 */
import { Cell } from '../core/cells';
import type { TableData } from './snapshot';

interface Held {
  columns: Cell[][];
  count: number;
}

/** The columns of tables whose rows are not made yet. */
const held = new WeakMap<TableData, Held>();

/**
 * A table of `count` rows whose cells are `columns` (one array of `count` cells per header;
 * blanks are null). `rows` is made from them when first read, and may be set like any table's.
 */
export function tableOfColumns(base: Omit<TableData, 'rows'>, columns: Cell[][], count: number): TableData {
  const table = { ...base } as TableData;
  let rows: Cell[][] | undefined;
  Object.defineProperty(table, 'rows', {
    enumerable: true,
    configurable: true,
    get(): Cell[][] {
      if (rows === undefined) {
        const h = held.get(table)!;
        rows = rowsOf(h.columns, h.count);
        held.delete(table);
      }
      return rows;
    },
    set(value: Cell[][]) {
      rows = value;
      held.delete(table);
    },
  });
  held.set(table, { columns, count });
  return table;
}

function rowsOf(columns: readonly Cell[][], count: number): Cell[][] {
  const width = columns.length;
  const rows: Cell[][] = new Array(count);
  for (let i = 0; i < count; i++) {
    const row = new Array<Cell>(width);
    for (let j = 0; j < width; j++) row[j] = columns[j][i];
    rows[i] = row;
  }
  return rows;
}

/** How many data rows a table has, without making its rows. */
export function rowCount(t: TableData): number {
  return held.get(t)?.count ?? t.rows.length;
}

/**
 * The table's columns as they are held, or undefined once it has rows. These are the table's
 * own cells: whoever writes into one changes the table (normalize does, in place).
 */
export function heldColumns(t: TableData): readonly Cell[][] | undefined {
  return held.get(t)?.columns;
}

/** Column `j` of a table, as a new array (blank where a row is shorter). */
export function columnCopy(t: TableData, j: number): Cell[] {
  const h = held.get(t);
  if (h) return h.columns[j].slice();
  return t.rows.map((r) => r[j] ?? null);
}

/**
 * The column named `name` as a new array: blank in every row when the table has no such column,
 * empty when there is no table (what a kernel reading an optional input column expects).
 */
export function namedColumn(t: TableData | undefined, name: string): Cell[] {
  if (!t) return [];
  const j = t.headers.indexOf(name);
  return j < 0 ? new Array<Cell>(rowCount(t)).fill(null) : columnCopy(t, j);
}

/**
 * Column `j` to read, not to write: the held column itself, or one made from the rows. For
 * the passes over every cell of a column (validate, layout).
 */
export function columnView(t: TableData, j: number): readonly Cell[] {
  const h = held.get(t);
  return h ? h.columns[j] : t.rows.map((r) => r[j] ?? null);
}

/** Every column of a table, to read (`columnView` for each header). */
export function columnViews(t: TableData): readonly (readonly Cell[])[] {
  return heldColumns(t) ?? t.headers.map((_, j) => columnView(t, j));
}
