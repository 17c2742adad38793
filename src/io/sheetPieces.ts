/**
 * A worksheet scanned as its part inflates (issue #15): the part's pieces (XlsxParts.pieces)
 * are gathered into one reused buffer and scanned up to the last row's close tag each holds;
 * what follows it waits for the next piece. No buffer of the whole part is made: at 50,000
 * opportunities the sheets inflated whole were 165 MB of fresh memory, whose page faults cost
 * more than the inflating (docs/performance.md).
 */
import { isUtf8Part } from './partText';
import { WorksheetScan } from './xlsxSheet';

/**
 * Scans `pieces` into the scan `make` gives (from the part's first bytes, for the dimension);
 * undefined when the part is to be read whole instead (a piece where the XML is faulty, a part
 * in UTF-16). Throws what the pieces throw (PartFailure).
 */
export async function scanSheetPieces(
  make: (head: Uint8Array) => WorksheetScan,
  pieces: AsyncIterable<Uint8Array>,
): Promise<WorksheetScan | undefined> {
  let buffer = new Uint8Array(0);
  /** Bytes at the start of `buffer` not scanned yet (after the last row's close tag). */
  let held = 0;
  let open: readonly string[] = [];
  let scan: WorksheetScan | undefined;
  for await (const piece of pieces) {
    if (held + piece.length > buffer.length) {
      const bigger = new Uint8Array(Math.max(held + piece.length, 2 * buffer.length));
      bigger.set(buffer.subarray(0, held));
      buffer = bigger;
    }
    buffer.set(piece, held);
    // Only the new bytes can end a row: a row longer than many pieces is searched once.
    const searched = held;
    held += piece.length;
    // A UTF-16 part is decoded whole (partBytes), as a part read whole is.
    if (!scan && !isUtf8Part(buffer.subarray(0, held))) return undefined;
    const cut = afterLastRowEnd(buffer, held, searched);
    if (cut < 0) continue;
    scan ??= make(buffer.subarray(0, held));
    const next = scan.scan(buffer.subarray(0, cut), { open, more: true });
    if (!next) return undefined;
    open = next;
    buffer.copyWithin(0, cut, held);
    held -= cut;
  }
  // Every piece's bytes were checked for UTF-16 until the first scan.
  const last = buffer.subarray(0, held);
  scan ??= make(last);
  return scan.scan(last, { open, more: false }) ? scan : undefined;
}

/**
 * Where the last `</row>` (or `</x:row>`) of `b`'s first `n` bytes ends, its `>` at `from` or
 * after; −1 when there is none.
 */
export function afterLastRowEnd(b: Uint8Array, n: number, from = 0): number {
  for (let p = n - 1; p >= Math.max(5, from); p--) {
    if (b[p] !== 62 /* > */ || b[p - 1] !== 119 /* w */ || b[p - 2] !== 111 /* o */ || b[p - 3] !== 114 /* r */) continue;
    let q = p - 4;
    if (b[q] === 58 /* : */) {
      q--;
      while (q > 0 && isNameByte(b[q])) q--;
    }
    if (b[q] === 47 /* / */ && q > 0 && b[q - 1] === 60 /* < */) return p + 1;
  }
  return -1;
}

/** A byte of an ASCII XML name (a prefix such as x). */
const isNameByte = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
