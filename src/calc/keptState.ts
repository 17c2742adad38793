/**
 * Kernel state kept with a column (issue #15): a tally a what-if patches by the rows changed
 * since (columnViews' rowsChangedSince) instead of reading every row again. A few states per
 * column, the oldest dropped first; held weakly, so a column no longer used takes its states
 * with it. One home for the deal tallies, the win tallies and the filtered means, sums and shares.
 */
import { Column } from '../core/cells';

export class KeptByColumn<T> {
  private readonly lists = new WeakMap<Column, T[]>();

  /** `perColumn`: how many states one column holds (the 40 indicators ask for about 15). */
  constructor(private readonly perColumn: number) {}

  find(col: Column, match: (state: T) => boolean): T | undefined {
    return this.lists.get(col)?.find(match);
  }

  keep(col: Column, state: T): void {
    let list = this.lists.get(col);
    if (!list) this.lists.set(col, (list = []));
    if (list.length >= this.perColumn) list.shift();
    list.push(state);
  }

  /** Drops a state that could not be patched (it is made again from every row). */
  forget(col: Column, state: T): void {
    const list = this.lists.get(col);
    const k = list ? list.indexOf(state) : -1;
    if (k >= 0) list!.splice(k, 1);
  }
}
