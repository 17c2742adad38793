/** Bytes of a package part as text, in the encoding the part is written in. Web-platform APIs only. */

const DECODERS = {
  'utf-8': new TextDecoder('utf-8'),
  'utf-16le': new TextDecoder('utf-16le'),
  'utf-16be': new TextDecoder('utf-16be'),
};

/** UTF-8 pieces of a part: a U+FEFF inside the text is the text's own (the part's byte-order mark is gone before). */
const UTF8_PIECE = new TextDecoder('utf-8', { ignoreBOM: true });
const UTF8_ENCODER = new TextEncoder();

interface NodeBufferView extends Uint8Array {
  latin1Slice(from: number, to: number): string;
}

interface NodeBuffer {
  isAscii?(data: Uint8Array): boolean;
  Buffer: { from(data: ArrayBufferLike, offset: number, length: number): NodeBufferView };
}

/** Node's buffer module when present (the CLI); browsers decode with TextDecoder alone. */
const nodeBuffer = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const buffer = proc?.getBuiltinModule?.('buffer') as NodeBuffer | undefined;
  return typeof buffer?.isAscii === 'function' && typeof buffer.Buffer?.from === 'function' ? buffer : undefined;
})();

/** Node's Buffer over the same memory as `data` (no copy). */
function nodeView(data: Uint8Array): NodeBufferView | undefined {
  return nodeBuffer?.Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * UTF-8 bytes that are all ASCII (a sheet's XML usually is: its text is in the shared
 * strings) as a string by copying them, which is what decoding them gives: TextDecoder took
 * an eighth of the read at 50,000 opportunities (issue #15). undefined for other bytes.
 */
function asciiText(data: Uint8Array): string | undefined {
  if (!nodeBuffer || data.length < 4096 || !nodeBuffer.isAscii!(data)) return undefined;
  return nodeView(data)!.latin1Slice(0, data.length);
}

type PartEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The encoding of an XML part: UTF-8 or UTF-16 (the format allows both; Excel writes UTF-8).
 * The byte-order mark, or the first '<' in two bytes, tells which.
 */
function encodingOf(data: Uint8Array): PartEncoding {
  const [a, b] = data;
  return (a === 0xff && b === 0xfe) || (a === 0x3c && b === 0x00)
    ? 'utf-16le'
    : (a === 0xfe && b === 0xff) || (a === 0x00 && b === 0x3c)
      ? 'utf-16be'
      : 'utf-8';
}

/** Whether a part (its first bytes are enough) is UTF-8, as Excel writes; else UTF-16. */
export function isUtf8Part(data: Uint8Array): boolean {
  return encodingOf(data) === 'utf-8';
}

/**
 * A part's text. A UTF-16 part's declaration is given as UTF-8, the encoding any writer of
 * the text then uses.
 */
export function decodePart(data: Uint8Array): string {
  const encoding = encodingOf(data);
  const text = (encoding === 'utf-8' && asciiText(data)) || DECODERS[encoding].decode(data);
  return encoding === 'utf-8' ? text : text.replace(/^(<\?xml[^>]*?encoding\s*=\s*["'])utf-16(["'])/i, '$1UTF-8$2');
}

/**
 * A part as UTF-8 bytes without a byte-order mark, for the scanner (xmlScan.ts), which reads
 * the bytes themselves: no string of a whole 50 MB sheet is made (issue #15). A UTF-8 part
 * is its own bytes (the mark skipped, no copy); a UTF-16 part (rare) is decoded and encoded
 * again. Offsets in the result count as decodePart's text does once decoded (`charOffset`).
 */
export function partBytes(data: Uint8Array): Uint8Array {
  const encoding = encodingOf(data);
  if (encoding !== 'utf-8') return UTF8_ENCODER.encode(decodePart(data));
  const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  return new Uint8Array(data.buffer, data.byteOffset + bom, data.byteLength - bom);
}

/** A string as UTF-8 bytes (what a scanner given a string reads). */
export function utf8Bytes(text: string): Uint8Array {
  return UTF8_ENCODER.encode(text);
}

/** Reads pieces of one part's UTF-8 bytes as strings. */
export interface PieceReader {
  /** Whether every byte is ASCII: then a byte offset is a character offset. */
  readonly ascii: boolean;
  /** The bytes from `from` to `to` decoded. */
  text(from: number, to: number): string;
}

/**
 * A reader of pieces of `data`. All-ASCII bytes (the usual sheet) are read by copying them
 * (Node's latin1 slice: no decoder's per-call cost); other bytes, and every byte in a browser,
 * through TextDecoder, piece by piece. Pieces start and end at ASCII markup ('<', '>', quotes,
 * spaces), so decoding them one by one gives what decoding the whole part gives.
 */
export function pieceReader(data: Uint8Array): PieceReader {
  const view = nodeBuffer && data.length > 0 && nodeBuffer.isAscii!(data) ? nodeView(data) : undefined;
  if (view) return { ascii: true, text: (from, to) => (to > from ? view.latin1Slice(from, to) : '') };
  return { ascii: false, text: (from, to) => (to > from ? UTF8_PIECE.decode(data.subarray(from, to)) : '') };
}
