/**
 * Merged ranges of a worksheet (<mergeCell ref="B2:D4"/>): every cell of a merge except its
 * top-left reads as blank. The work is bounded by what the sheet holds, never by what the
 * ranges claim (issue #12: 5,000 whole-sheet merges took 154 s): ranges are clipped to the
 * sheet's content, repeats dropped, and of overlapping ranges — which Excel itself repairs
 * away — only the first (top to bottom, left to right) kept, so the ranges left are disjoint. Then one sweep down the rows that hold
 * cells, with the ranges active at that row sorted by column, finds each cell's range by
 * binary search: O((merges + cells) log merges).
 */

export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The rows of a sheet as the reader holds them: per row, ascending columns and their values. */
export interface MergeRow<V> {
  cols: number[];
  vals: V[];
}

export interface MergeOutcome {
  /** Ranges dropped because they overlap one kept before them (top to bottom, left to right). */
  overlapping: number;
}

/** The ranges sorted top to bottom, left to right; single cells and repeats dropped. */
function distinct(areas: readonly Area[]): Area[] {
  const seen = new Set<string>();
  const out: Area[] = [];
  for (const a of areas) {
    if (a.top === a.bottom && a.left === a.right) continue;
    const key = `${a.top},${a.left},${a.bottom},${a.right}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out.sort((x, y) => x.top - y.top || x.left - y.left);
}

/** Ranges cut to the content (rows up to lastRow, columns up to lastCol); those left empty dropped. Still disjoint, still sorted. */
function clipped(areas: readonly Area[], lastRow: number, lastCol: number): Area[] {
  const out: Area[] = [];
  for (const a of areas) {
    const b = { top: a.top, left: a.left, bottom: Math.min(a.bottom, lastRow), right: Math.min(a.right, lastCol) };
    if (b.top <= b.bottom && b.left <= b.right) out.push(b);
  }
  return out;
}

/** Ranges active at the current row, disjoint, sorted by left column. */
class ActiveRanges {
  private items: Area[] = [];
  private soonestEnd = Infinity;

  /** Drops the ranges that end above `row`. */
  expire(row: number): void {
    if (row <= this.soonestEnd) return;
    this.items = this.items.filter((a) => a.bottom >= row);
    this.soonestEnd = this.items.reduce((m, a) => Math.min(m, a.bottom), Infinity);
  }

  /** Index of the last range whose left column is ≤ col, or -1. */
  private before(col: number): number {
    let lo = 0;
    let hi = this.items.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid].left <= col) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The range holding column `col`, if any (ranges are disjoint: at most one). */
  at(col: number): Area | undefined {
    const i = this.before(col);
    return i >= 0 && this.items[i].right >= col ? this.items[i] : undefined;
  }

  /** Whether `a` shares a column with an active range. */
  overlaps(a: Area): boolean {
    const i = this.before(a.right);
    return i >= 0 && this.items[i].right >= a.left;
  }

  add(a: Area): void {
    this.items.splice(this.before(a.left) + 1, 0, a);
    this.soonestEnd = Math.min(this.soonestEnd, a.bottom);
  }
}

/** The ranges that do not overlap a range kept before them. */
function disjoint(areas: readonly Area[]): Area[] {
  const active = new ActiveRanges();
  const kept: Area[] = [];
  for (const a of areas) {
    active.expire(a.top);
    if (active.overlaps(a)) continue;
    active.add(a);
    kept.push(a);
  }
  return kept;
}

/**
 * Blanks the merged cells of `rows` (sparse, by row number) in place. `present` lists the
 * row numbers that hold cells, ascending; `lastCol` is the rightmost column of any cell.
 */
export function blankMergedCells<V>(
  rows: (MergeRow<V> | undefined)[],
  present: readonly number[],
  lastCol: number,
  areas: readonly Area[],
): MergeOutcome {
  if (areas.length === 0 || present.length === 0) return { overlapping: 0 };
  // Overlaps are decided on the ranges as written; only then are they cut to what the sheet holds.
  const candidates = distinct(areas);
  const disjointRanges = disjoint(candidates);
  const disjointCount = disjointRanges.length;
  const kept = clipped(disjointRanges, present[present.length - 1], lastCol);
  const active = new ActiveRanges();
  let next = 0;
  for (const r of present) {
    const row = rows[r];
    if (!row) continue;
    active.expire(r);
    for (; next < kept.length && kept[next].top <= r; next++) if (kept[next].bottom >= r) active.add(kept[next]);
    let w = 0;
    for (let i = 0; i < row.cols.length; i++) {
      const c = row.cols[i];
      const a = active.at(c);
      if (a && (a.top !== r || a.left !== c)) continue;
      row.cols[w] = c;
      row.vals[w] = row.vals[i];
      w++;
    }
    row.cols.length = w;
    row.vals.length = w;
  }
  return { overlapping: candidates.length - disjointCount };
}
