/**
 * Matching the headers people actually write ("Account ID", "客户编号", "ＡｍｏｕｎｔⅠ",
 * "close_date") to the schema's canonical column names.
 */
import { ColumnSpec } from '../model/schema';

/**
 * The form two names are compared in: NFKC (full-width → half-width), lower case, without
 * spaces, underscores, line breaks or a trailing required-marker "*".
 */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_*＊]+/g, '');
}

/** A name and everything it is also known by. */
export interface Named {
  name: string;
  zh?: string;
  aliases?: readonly string[];
}

/** Looks up canonical names by any of their spellings. The first declaration of a key wins. */
export class HeaderIndex {
  private readonly byKey = new Map<string, string>();

  constructor(items: readonly Named[] = []) {
    for (const it of items) this.add(it.name, [it.zh ?? '', ...(it.aliases ?? [])]);
  }

  add(canonical: string, aliases: readonly string[] = []): this {
    for (const a of [canonical, ...aliases]) {
      const k = headerKey(a);
      if (k && !this.byKey.has(k)) this.byKey.set(k, canonical);
    }
    return this;
  }

  /** The canonical name of a header, or undefined when it is not known. */
  match(header: string): string | undefined {
    return this.byKey.get(headerKey(header));
  }
}

/** An index over a table's columns. */
export function columnIndex(columns: readonly ColumnSpec[]): HeaderIndex {
  return new HeaderIndex(columns);
}

export interface MappedHeaders {
  /** Canonical names, or the header as written when unknown ('' for a blank header cell). */
  headers: string[];
  /** Canonical names that appeared more than once: [name, first index, repeat index]. */
  duplicates: { name: string; first: number; repeat: number }[];
}

/**
 * Maps a header row. A second header that means the same column as an earlier one keeps
 * its own text (so the first stays the one that counts) and is reported.
 */
export function mapHeaders(written: readonly string[], index: HeaderIndex): MappedHeaders {
  const seen = new Map<string, number>();
  const headers: string[] = [];
  const duplicates: MappedHeaders['duplicates'] = [];
  written.forEach((h, i) => {
    const canonical = index.match(h);
    if (canonical === undefined) {
      headers.push(h.trim());
      return;
    }
    const first = seen.get(canonical);
    if (first !== undefined) {
      duplicates.push({ name: canonical, first, repeat: i });
      headers.push(h.trim());
      return;
    }
    seen.set(canonical, i);
    headers.push(canonical);
  });
  return { headers, duplicates };
}
