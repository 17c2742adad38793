/**
 * Collecting data problems without drowning the user: after a few cells of one kind in one
 * column, the rest are summed up in a single problem ("… and 4,210 more cells like this").
 */
import { Message } from '../core/i18n';
import { Problem } from './snapshot';

/** "Opportunities!G5", with the sheet quoted when Excel would quote it. */
export function place(sheet: string, cell: string): string {
  const s = /^[\p{L}\p{N}_.]+$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return cell ? `${s}!${cell}` : s;
}

export const DEFAULT_PER_GROUP = 20;

export class ProblemList {
  readonly items: Problem[] = [];
  private readonly counts = new Map<string, { first: Problem; n: number; more: (n: number) => Message }>();

  constructor(private readonly perGroup = DEFAULT_PER_GROUP) {}

  /** Adds a problem on its own. */
  push(p: Problem): void {
    this.items.push(p);
  }

  /**
   * Adds a problem that belongs to a group (one kind of problem in one column): only the
   * first `perGroup` are kept; `more(n)` words the summary of the rest.
   */
  add(group: string, p: Problem, more: (n: number) => Message): void {
    const g = this.counts.get(group);
    if (!g) this.counts.set(group, { first: p, n: 1, more });
    else g.n++;
    if ((g?.n ?? 1) <= this.perGroup) this.items.push(p);
  }

  /** The problems, with one summary per group that overflowed. */
  done(): Problem[] {
    for (const g of this.counts.values()) {
      if (g.n > this.perGroup)
        this.items.push({ severity: g.first.severity, sheet: g.first.sheet, cell: '', message: g.more(g.n - this.perGroup) });
    }
    this.counts.clear();
    return this.items;
  }
}

/** The usual summary: "… and N more cells in column X like the ones above". */
export function moreLike(column: { en: string; zh: string }, what: { en: string; zh: string }) {
  return (n: number): Message => ({
    en: `… and ${n} more cells in column ${column.en} with the same problem (${what.en}).`,
    zh: `……${column.zh} 列另有 ${n} 个单元格存在同样的问题（${what.zh}）。`,
  });
}
