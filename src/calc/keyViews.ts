/**
 * Key and join views (issue #15): the match keys of a column and the joins between two key
 * columns, worked out once and kept between kernel calls instead of being re-derived per
 * row and rebuilt as Maps of arrays on every call.
 *
 * - `keyColumn(col)`: each row's key as an id (Int32Array, −1 for a blank cell); keyOf is
 *   computed once per distinct cell. Ids number the distinct keys in the order first seen.
 * - `KeyColumn.groups()`: the rows of each id, CSR style (offsets + rows, rows in row order).
 * - `keyJoin(from, to)`: for each key of `from`, the id of the same key in `to` (−1: none),
 *   so "the rows of table B of this row of table A" is two array reads.
 *
 * A key view is one of a column's typed views (columnViews.ts): kept per column array and,
 * since the engine changes its store's columns in place (what-if), brought up to date on
 * every request by the same compare pass (a tight identity loop, no allocation) that re-reads
 * only the rows that differ. What is derived from a key view (groups, first rows, joins) is
 * rebuilt only when a key actually changed: a Status or Amount what-if costs one compare pass
 * per key column, not a rebuild.
 */
import { Cell, Column, isBlank, keyOf } from '../core/cells';
import { RowView, columnView } from './columnViews';

/** Printable ASCII without spaces is already in keyOf's form but for case: skip NFKC (5× faster). */
const PLAIN_ASCII = /^[\x21-\x7e]+$/;

/** keyOf(c), fast for the common ids ("A001", "O-2031"). Same result as keyOf for every cell. */
export function groupKeyOf(c: Cell | undefined): string {
  return typeof c === 'string' && PLAIN_ASCII.test(c) ? c.toUpperCase() : keyOf(c);
}

/** Raw cells remembered per column; beyond this many distinct spellings, keys are just recomputed. */
const RAW_CACHE_LIMIT = 100_000;

/** Rows per key id: rows[offsets[id] … offsets[id + 1]) in row order. */
export interface KeyGroups {
  offsets: Int32Array;
  rows: Int32Array;
}

export class KeyColumn implements RowView {
  /** Id of each row's key; −1 for a blank cell. */
  readonly ids: Int32Array;
  /** The key (keyOf) of each id. An id whose rows all changed to other keys stays, with no rows. */
  readonly keys: string[] = [];
  /** Bumped whenever some row's id changed (a key cell edited in place). */
  version = 0;
  private readonly idOfKey = new Map<string, number>();
  private readonly idOfCell = new Map<Cell | undefined, number>();
  private grouped?: { version: number; groups: KeyGroups };
  private readonly derived = new Map<unknown, { version: number; value: unknown }>();

  constructor(col: Column) {
    const n = col.length;
    this.ids = new Int32Array(n);
    for (let i = 0; i < n; i++) this.ids[i] = this.idOfCellValue(col[i]);
  }

  get length(): number {
    return this.ids.length;
  }

  /** Id of a key text (keyOf form), or −1 when no row ever had it. */
  idOf(key: string): number {
    return this.idOfKey.get(key) ?? -1;
  }

  /** Id of the key of any cell, or −1 (blank, or a key no row ever had). */
  idOfCellKey(c: Cell | undefined): number {
    return isBlank(c) ? -1 : this.idOf(groupKeyOf(c));
  }

  /** Row i's cell changed (columnViews' compare pass): its id is read again. */
  set(i: number, c: Cell | undefined): void {
    const id = this.idOfCellValue(c);
    if (id === this.ids[i]) return;
    this.ids[i] = id;
    this.version++;
  }

  /** The rows of each id, in row order (rebuilt only after a key changed). */
  groups(): KeyGroups {
    if (this.grouped && this.grouped.version === this.version) return this.grouped.groups;
    const ids = this.ids;
    const k = this.keys.length;
    const offsets = new Int32Array(k + 1);
    for (let i = 0; i < ids.length; i++) if (ids[i] >= 0) offsets[ids[i] + 1]++;
    for (let id = 0; id < k; id++) offsets[id + 1] += offsets[id];
    const rows = new Int32Array(offsets[k]);
    const next = offsets.slice(0, k);
    for (let i = 0; i < ids.length; i++) if (ids[i] >= 0) rows[next[ids[i]]++] = i;
    const groups = { offsets, rows };
    this.grouped = { version: this.version, groups };
    return groups;
  }

  /** First row of each id (−1: no row has it now): what MATCH would find. */
  firstRows(): Int32Array {
    return this.memo(firstRowsTag, () => {
      const { offsets, rows } = this.groups();
      const first = new Int32Array(this.keys.length);
      for (let id = 0; id < first.length; id++) first[id] = offsets[id] < offsets[id + 1] ? rows[offsets[id]] : -1;
      return first;
    });
  }

  /**
   * Something derived from the keys alone (not from other columns), kept until a key changes.
   * `tag` names it (any stable object).
   */
  memo<T>(tag: unknown, build: () => T): T {
    const m = this.derived.get(tag);
    if (m && m.version === this.version) return m.value as T;
    const value = build();
    this.derived.set(tag, { version: this.version, value });
    return value;
  }

  private idOfCellValue(c: Cell | undefined): number {
    // A printable ASCII text (most ids) is its key upper-cased (groupKeyOf): found by that key
    // at once, not remembered as a cell too. At 50,000 opportunities the second Map of every
    // id column (up to 100,000 entries each) was most of the key views' build (issue #15).
    if (typeof c === 'string' && PLAIN_ASCII.test(c)) return this.idOfKeyText(c.toUpperCase());
    let id = this.idOfCell.get(c);
    if (id !== undefined) return id;
    id = isBlank(c) ? -1 : this.idOfKeyText(groupKeyOf(c));
    if (this.idOfCell.size < RAW_CACHE_LIMIT) this.idOfCell.set(c, id);
    return id;
  }

  /** The id of key `k` (keyOf form), numbered now when no row had it. */
  private idOfKeyText(k: string): number {
    let id = this.idOfKey.get(k);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(k);
      this.idOfKey.set(k, id);
    }
    return id;
  }
}

const firstRowsTag = Symbol('firstRows');

const KEYS = Symbol('keys');

/** The key view of a column, brought up to date with its cells. */
export function keyColumn(col: Column): KeyColumn {
  return columnView(col, KEYS, (c) => new KeyColumn(c));
}

/** A join from one key column to another: for each key of `from`, its id in `to`. */
export class KeyJoin {
  /** For each id of `from`, the id of the same key in `to`, or −1 (no row of `to` has it). */
  toIdOf: Int32Array = new Int32Array(0);
  private fromVersion = -1;
  private toVersion = -1;
  private fromKeys = -1;

  constructor(
    readonly from: KeyColumn,
    readonly to: KeyColumn,
  ) {
    this.update();
  }

  /** Id in `to` of row i of `from` (−1: blank, or no such key in `to`). */
  toIdOfRow(i: number): number {
    const id = this.from.ids[i];
    return id < 0 ? -1 : this.toIdOf[id];
  }

  /** Rebuilds the id map when either side's keys changed. */
  update(): void {
    const { from, to } = this;
    if (from.version === this.fromVersion && to.version === this.toVersion && from.keys.length === this.fromKeys) return;
    const map = new Int32Array(from.keys.length);
    // A key `to` had once but no row of it has now (edited away) is no match: −1, as for a key never seen.
    const first = to.firstRows();
    for (let id = 0; id < map.length; id++) {
      const toId = from === to ? id : to.idOf(from.keys[id]);
      map[id] = toId >= 0 && first[toId] >= 0 ? toId : -1;
    }
    this.toIdOf = map;
    this.fromVersion = from.version;
    this.toVersion = to.version;
    this.fromKeys = from.keys.length;
  }
}

const joins = new WeakMap<KeyColumn, WeakMap<KeyColumn, KeyJoin>>();

/** The join from column `from`'s keys to column `to`'s, both brought up to date with their cells. */
export function keyJoin(from: Column, to: Column): KeyJoin {
  const a = keyColumn(from);
  const b = from === to ? a : keyColumn(to);
  let byTo = joins.get(a);
  if (!byTo) joins.set(a, (byTo = new WeakMap()));
  let j = byTo.get(b);
  if (!j) byTo.set(b, (j = new KeyJoin(a, b)));
  else j.update();
  return j;
}
