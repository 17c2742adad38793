/**
 * A small forward-only XML scanner for the parts of an .xlsx package: it walks tags over the
 * part's UTF-8 bytes (linear, no regular expressions over the whole text, no DOM, no string
 * of the whole part), so a 100 MB sheet costs one pass and no tree. Namespace prefixes are dropped (x:c reads as c); comments,
 * processing instructions and DOCTYPE (with its internal subset) are skipped; CDATA and the
 * predefined and numeric entities are decoded in text, never entities a DOCTYPE declares.
 * It never throws on bad XML: it checks that tags nest (one stack of names) and records the
 * first fault in `malformed` (then stops, at a tag that cannot end), so every reader of a
 * part — evaluate, client copies, the formula evaluator — sees the same verdict and can say
 * where data may be missing.
 */
import { Message } from '../core/i18n';
import { PieceReader, pieceReader, utf8Bytes } from './partText';
import { XML_FAULTS } from './xmlFaults';

/** Where a part stops being well-formed XML, and how. */
export interface XmlFault {
  /** Character offset in the part. */
  at: number;
  what: Message;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A character or predefined entity reference at a '&' (sticky: matched exactly there, never searched for). */
const REFERENCE = /&(?:#([0-9]+)|#[xX]([0-9A-Fa-f]+)|([A-Za-z][A-Za-z0-9]*));/y;

/**
 * Decodes entities (&amp; &#65; &#x41;) and XML line ends (CR LF and lone CR read as LF). A '&'
 * that starts no reference, or an unknown entity, is kept as written and decoding goes on
 * after it; a reference is matched where it stands, so a long one costs its length only.
 */
export function decodeXmlText(s: string): string {
  if (s.indexOf('&') < 0) return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
  let out = '';
  let from = 0;
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', amp + 1)) {
    REFERENCE.lastIndex = amp;
    const m = REFERENCE.exec(s);
    if (!m) continue;
    let ch: string | undefined;
    if (m[3] !== undefined) ch = ENTITIES[m[3]];
    else {
      const code = m[1] !== undefined ? parseInt(m[1], 10) : parseInt(m[2], 16);
      ch = Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
    }
    if (ch === undefined) continue;
    out += s.slice(from, amp).replace(/\r\n?/g, '\n') + ch;
    from = amp + m[0].length;
    amp = from - 1;
  }
  return out + s.slice(from).replace(/\r\n?/g, '\n');
}

/** How Excel writes a shared string's <t> whose text keeps its spaces. */
const PRESERVE = ' xml:space="preserve">';

/** Tag names of up to six bytes, by their bytes (a sheet's c, v, row; a table's si, t): made once, not per tag. */
const shortNames = new Map<number, string>();
/** Bounds the names remembered (a hostile part may use many). */
const MAX_SHORT_NAMES = 4096;

/**
 * Where the plain text starting at `from` ends: the offset of the next '<', or −1 when an entity
 * or a carriage return comes first (the tag-by-tag reading decodes those) or no '<' follows.
 */
function plainTextEnd(b: Uint8Array, from: number): number {
  for (let i = from; i < b.length; i++) {
    const ch = b[i];
    if (ch === 60 /* < */) return i;
    if (ch === 38 /* & */ || ch === 13 /* CR */) return -1;
  }
  return -1;
}

/** `code` written at `p` in `b`; never for a code with other than ASCII characters (their bytes differ from their codes). */
function bytesAt(b: Uint8Array, p: number, code: string): boolean {
  if (p + code.length > b.length) return false;
  for (let k = 0; k < code.length; k++) {
    const c = code.charCodeAt(k);
    if (c >= 128 || b[p + k] !== c) return false;
  }
  return true;
}

/** The first `byte` at or after `from`, or -1. */
function findByte(b: Uint8Array, byte: number, from: number): number {
  const n = b.length;
  for (let p = from; p < n; p++) if (b[p] === byte) return p;
  return -1;
}

/** The first `code` (an ASCII string) at or after `from`, or -1. */
function findCode(b: Uint8Array, code: string, from: number): number {
  const first = code.charCodeAt(0);
  for (let p = findByte(b, first, from); p >= 0; p = findByte(b, first, p + 1)) if (bytesAt(b, p, code)) return p;
  return -1;
}

/** A piece of a part read piece by piece (XlsxParts.pieces, WorksheetScan). */
export interface XmlPiece {
  /** The elements open where the piece starts, outermost first (the piece before's `openElements`). */
  open: readonly string[];
  /** Whether the part goes on after the piece: then what is still open at its end is no fault. */
  more: boolean;
}

/**
 * Cursor over one XML document, read as UTF-8 bytes: a part's bytes as inflated (partBytes),
 * or a string's (encoded once). No string of the whole part is made: at 50,000 opportunities
 * that copy of 171 MB of sheets was an eighth of the read (issue #15); markup is compared byte
 * by byte and only names, attribute values and text are decoded, where they are read.
 * next() moves to the next element tag (open, close or self-closing) and fills
 * name/kind/attribute bounds; the text between tags is read on demand with text(). Offsets
 * inside (pos, valueStart) are byte offsets; a fault's `at` is a character offset in the
 * part's text, as the messages say.
 */
export class XmlScanner {
  /** Local name of the current tag (prefix dropped). */
  name = '';
  /** 'open' <a>, 'close' </a>, 'empty' <a/>. */
  kind: 'open' | 'close' | 'empty' = 'open';
  /** Byte offset just after the current tag's '>'. */
  pos = 0;
  private attrStart = 0;
  private attrEnd = 0;
  /** Names of the elements open at the cursor, outermost first. */
  private readonly open: string[] = [];
  /** The first fault found, at a byte offset; the scan stops at a tag that cannot end, and goes on past a mis-nested one. */
  private fault?: XmlFault;
  /** The fault with its offset in characters, made when asked for. */
  private faultInChars?: XmlFault;
  private readonly b: Uint8Array;
  private readonly pieces: PieceReader;

  /** Whether the part goes on after these bytes (XmlPiece.more). */
  private readonly more: boolean;

  /**
   * A part's bytes (UTF-8; a leading byte-order mark is skipped), or its text; or a piece of a
   * part read piece by piece (`piece`). A piece's offsets are its own.
   */
  constructor(xml: string | Uint8Array, piece?: XmlPiece) {
    const bytes = typeof xml === 'string' ? utf8Bytes(xml) : xml;
    const bom = typeof xml !== 'string' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    // A plain Uint8Array always (a Node Buffer is another kind of object to the compiler).
    this.b = new Uint8Array(bytes.buffer, bytes.byteOffset + bom, bytes.byteLength - bom);
    this.pieces = pieceReader(this.b);
    this.more = piece?.more ?? false;
    if (piece) this.open.push(...piece.open);
  }

  /** The elements open at the cursor, outermost first (where a next piece starts). */
  get openElements(): readonly string[] {
    return this.open.slice();
  }

  /** The first fault: where the part stops being well-formed XML (a character offset), and how. */
  get malformed(): XmlFault | undefined {
    const fault = this.fault;
    if (!fault || this.faultInChars) return this.faultInChars;
    const at = this.pieces.ascii ? fault.at : this.pieces.text(0, fault.at).length;
    return (this.faultInChars = { at, what: fault.what });
  }

  /** How many elements are open at the cursor. */
  get depth(): number {
    return this.open.length;
  }

  /** The bytes from `from` to `to` as text, as written (no entity decoded). */
  raw(from: number, to: number): string {
    return this.pieces.text(from, to);
  }

  private faultAt(at: number, what: Message): void {
    this.fault ??= { at, what };
  }

  /** The name written from `from` to `to`: short ones remembered by their bytes. */
  private nameOf(from: number, to: number): string {
    const len = to - from;
    const b = this.b;
    // A sheet's own names, once per cell or row: not even looked up.
    if (len === 1 && b[from] === 99 /* c */) return 'c';
    if (len === 3 && b[from] === 114 && b[from + 1] === 111 && b[from + 2] === 119) return 'row';
    if (len > 6) return this.raw(from, to);
    let key = len;
    for (let p = from; p < to; p++) key = key * 256 + b[p];
    let name = shortNames.get(key);
    if (name === undefined) {
      name = this.raw(from, to);
      if (shortNames.size < MAX_SHORT_NAMES) shortNames.set(key, name);
    }
    return name;
  }

  /** Bookkeeping for a close tag of `name`: pops it, or records the mis-nesting. */
  private closeElement(name: string, at: number): void {
    const open = this.open;
    if (open[open.length - 1] === name) {
      open.pop();
      return;
    }
    const k = open.lastIndexOf(name);
    this.faultAt(at, k < 0 ? XML_FAULTS.closesNothing(name) : XML_FAULTS.notClosedBefore(open[open.length - 1], name));
    if (k >= 0) open.length = k;
  }

  /**
   * Bookkeeping for the close tag `</…>` that starts at `lt` and ends at `gt`: the usual close
   * of the innermost element (same name, no prefix, no space) is popped in place, without
   * making its name (once per cell value: issue #15); anything else as closeElement does.
   */
  private closeTagAt(lt: number, gt: number): void {
    const open = this.open;
    const top = open[open.length - 1];
    if (top !== undefined && gt - lt - 2 === top.length && bytesAt(this.b, lt + 2, top)) {
      open.pop();
      return;
    }
    this.closeElement(
      this.raw(lt + 2, gt)
        .replace(/^[^:]*:/, '')
        .trim(),
      lt,
    );
  }

  /** Whether the current tag is a close tag (of `name`, when given). A method, so callers re-read it after next(). */
  closes(name?: string): boolean {
    return this.kind === 'close' && (name === undefined || this.name === name);
  }

  /** Moves to the next tag; false at the end of the document (or where it cannot go on: see `malformed`). */
  next(): boolean {
    const b = this.b;
    const n = b.length;
    for (;;) {
      const lt = findByte(b, 60 /* < */, this.pos);
      if (lt < 0) {
        if (this.open.length && !this.more) this.faultAt(n, XML_FAULTS.neverClosed(this.open[this.open.length - 1]));
        this.pos = n;
        return false;
      }
      const c = lt + 1 < n ? b[lt + 1] : 0;
      if (c === 33 /* ! */) {
        const end = this.skipMarkup(lt);
        if (end < 0) return this.stop(lt, XML_FAULTS.unendedMarkup);
        this.pos = end;
        continue;
      }
      if (c === 63 /* ? */) {
        const end = findCode(b, '?>', lt + 2);
        if (end < 0) return this.stop(lt, XML_FAULTS.unendedInstruction);
        this.pos = end + 2;
        continue;
      }
      const gt = this.tagEnd(lt);
      if (gt < 0) return this.stop(lt, XML_FAULTS.unendedTag);
      const closing = c === 47; /* / */
      let p = closing ? lt + 2 : lt + 1;
      const nameStart = p;
      let colon = -1;
      for (; p < gt; p++) {
        const ch = b[p];
        if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47 || ch === 62) break;
        if (ch === 58) colon = p;
      }
      this.name = this.nameOf(colon >= 0 ? colon + 1 : nameStart, p);
      const selfClosing = !closing && b[gt - 1] === 47;
      this.kind = closing ? 'close' : selfClosing ? 'empty' : 'open';
      this.attrStart = p;
      this.attrEnd = selfClosing ? gt - 1 : gt;
      this.pos = gt + 1;
      if (this.kind === 'open') this.open.push(this.name);
      else if (closing) this.closeElement(this.name, lt);
      return true;
    }
  }

  /** The scan cannot go on at `at`: the fault is recorded and the document ends there. */
  private stop(at: number, what: Message): false {
    this.faultAt(at, what);
    this.pos = this.b.length;
    this.open.length = 0;
    return false;
  }

  /**
   * The '>' ending the tag at `lt`, skipping any '>' inside a quoted attribute value; -1 when
   * the tag never ends (a '<' before the '>' outside quotes means it was cut off).
   */
  private tagEnd(lt: number): number {
    const b = this.b;
    const n = b.length;
    let quote = 0;
    for (let p = lt + 1; p < n; p++) {
      const ch = b[p];
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 62 /* > */) return p;
      else if (ch === 60 /* < */) return -1;
      else if (ch === 34 || ch === 39) quote = ch;
    }
    return -1;
  }

  /**
   * Skips a comment, CDATA (outside text) or DOCTYPE starting at `lt`; returns the position
   * after it, or -1 when it never ends. A DOCTYPE's internal subset ([...]) may hold '>' in
   * declarations, quoted values and comments: it is skipped as a whole, so markup hidden in an
   * entity's value is never read as the part's own elements.
   */
  private skipMarkup(lt: number): number {
    const b = this.b;
    if (bytesAt(b, lt, '<!--')) {
      const end = findCode(b, '-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (bytesAt(b, lt, '<![CDATA[')) {
      const end = findCode(b, ']]>', lt + 9);
      return end < 0 ? -1 : end + 3;
    }
    const n = b.length;
    let quote = 0;
    let subset = false;
    for (let p = lt + 2; p < n; p++) {
      const ch = b[p];
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 34 || ch === 39) quote = ch;
      else if (subset && ch === 60 /* < */ && bytesAt(b, p, '<!--')) {
        const end = findCode(b, '-->', p + 4);
        if (end < 0) return -1;
        p = end + 2;
      } else if (ch === 91 /* [ */) subset = true;
      else if (ch === 93 /* ] */) subset = false;
      else if (ch === 62 /* > */ && !subset) return p + 1;
    }
    return -1;
  }

  /**
   * The text of the current open element when it is a plain integer followed by a close
   * tag (<v>46000</v>, a shared-string index): read without making a string. Leaves the
   * cursor after the close tag. undefined (cursor unchanged) for anything else.
   */
  integerText(): number | undefined {
    if (this.kind !== 'open') return undefined;
    const b = this.b;
    const n = b.length;
    let p = this.pos;
    let negative = false;
    if (b[p] === 45 /* - */) {
      negative = true;
      p++;
    }
    let value = 0;
    const start = p;
    for (; p < n; p++) {
      const d = b[p] - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
    }
    // Up to 15 digits are exact in a double.
    if (p === start || p - start > 15 || b[p] !== 60 || b[p + 1] !== 47) return undefined;
    const gt = findByte(b, 62 /* > */, p);
    if (gt < 0) return undefined;
    this.closeTagAt(p, gt);
    this.pos = gt + 1;
    this.kind = 'close';
    return negative ? -value : value;
  }

  /**
   * The usual body of a cell right after its open tag, `<v>…</v></c>` exactly (no prefix, no
   * attribute, no entity, no line end, no markup inside): its value's bounds in valueStart and
   * valueEnd, the cell closed and the cursor after `</c>`, as next() and text() would leave it,
   * without their tag-by-tag work (issue #15). False, cursor unchanged, for any other body.
   */
  plainCellBody(): boolean {
    if (this.kind !== 'open' || this.open[this.open.length - 1] !== 'c') return false;
    const b = this.b;
    const p = this.pos;
    if (b[p] !== 60 || b[p + 1] !== 118 /* v */ || b[p + 2] !== 62) return false;
    const start = p + 3;
    const lt = plainTextEnd(b, start);
    if (lt < 0 || !bytesAt(b, lt, '</v></c>')) return false;
    this.valueStart = start;
    this.valueEnd = lt;
    this.open.pop();
    this.name = 'c';
    this.kind = 'close';
    this.pos = lt + 8;
    return true;
  }

  /**
   * The usual cell tag at the cursor, `<c r="B7" s="3" t="s">` (attributes after a space, or
   * none), read in one step as next() and cellAttrs() would read it, and when its body is the
   * usual `<v>…</v></c>` that too, as plainCellBody() would (issue #15: a sheet is mostly
   * these, and this is a third of their tag work). After it: kind 'empty' for `<c …/>`, 'close'
   * when the whole cell was read (valueStart, valueEnd), 'open' when another body follows (read
   * it as after next()). False, cursor unchanged, for anything else at the cursor (whitespace
   * between tags, another tag, a tag that does not end): next() then reads it as ever.
   */
  cellTag(): boolean {
    const b = this.b;
    const lt = this.pos;
    if (b[lt] !== 60 || b[lt + 1] !== 99 /* c */ || (b[lt + 2] !== 32 && b[lt + 2] !== 62)) return false;
    const gt = this.tagEnd(lt);
    if (gt < 0) return false;
    const selfClosing = b[gt - 1] === 47;
    this.name = 'c';
    this.attrStart = lt + 2;
    this.attrEnd = selfClosing ? gt - 1 : gt;
    this.pos = gt + 1;
    this.cellAttrs();
    if (selfClosing) this.kind = 'empty';
    else {
      this.kind = 'open';
      this.open.push('c');
      this.plainCellBody();
    }
    return true;
  }

  /**
   * The usual shared string at the cursor, `<si><t>text</t></si>` exactly (`<t>` may carry
   * xml:space="preserve"; no prefix, no entity, no line end, no markup in the text): its text,
   * the cursor after `</si>` as next() and text() would leave it, without their tag-by-tag work
   * (issue #15: a 50,000-opportunity workbook has hundreds of thousands). undefined, cursor
   * unchanged, for anything else at the cursor.
   */
  plainSharedString(): string | undefined {
    const b = this.b;
    const lt = this.pos;
    if (b[lt] !== 60 || b[lt + 1] !== 115 /* s */ || b[lt + 2] !== 105 /* i */ || b[lt + 3] !== 62) return undefined;
    if (b[lt + 4] !== 60 || b[lt + 5] !== 116 /* t */) return undefined;
    let start = lt + 7;
    if (b[lt + 6] !== 62) {
      if (!bytesAt(b, lt + 6, PRESERVE)) return undefined;
      start = lt + 6 + PRESERVE.length;
    }
    const end = plainTextEnd(b, start);
    if (end < 0 || !bytesAt(b, end, '</t></si>')) return undefined;
    this.name = 'si';
    this.kind = 'close';
    this.attrStart = this.attrEnd = end + 8;
    this.pos = end + 9;
    return this.raw(start, end);
  }

  /** Bounds of the value plainCellBody() found (byte offsets: read them with `raw` or `integerIn`). */
  valueStart = 0;
  valueEnd = 0;

  /**
   * The text from `from` to `to` as integerText() reads it (an optional '-', then 1 to 15
   * digits and nothing else); undefined for any other text.
   */
  integerIn(from: number, to: number): number | undefined {
    const b = this.b;
    let p = from;
    const negative = b[p] === 45; /* - */
    if (negative) p++;
    if (p === to || to - p > 15) return undefined;
    let n = 0;
    for (; p < to; p++) {
      const d = b[p] - 48;
      if (d < 0 || d > 9) return undefined;
      n = n * 10 + d;
    }
    return negative ? -n : n;
  }

  /**
   * The r, s and t attributes of a cell tag (<c r="B7" s="3" t="s">) read in place, without
   * making strings: fills cellRow/cellCol (0 when absent or not a cell reference), cellStyle
   * (0 when absent) and cellType (the t text, '' when absent; the usual types without decoding).
   */
  cellAttrs(): void {
    const b = this.b;
    const end = this.attrEnd;
    this.cellRow = 0;
    this.cellCol = 0;
    this.cellStyle = 0;
    this.cellType = '';
    let p = this.attrStart;
    while (p < end) {
      let eq = p;
      while (eq < end && b[eq] !== 61 /* = */) eq++;
      if (eq >= end) return;
      let k = p;
      while (k < eq && b[k] <= 32) k++;
      let e = eq;
      while (e > k && b[e - 1] <= 32) e--;
      let v = eq + 1;
      while (v < end && b[v] <= 32) v++;
      const quote = b[v];
      if (quote !== 34 && quote !== 39) return;
      const close = findByte(b, quote, v + 1);
      if (close < 0) return;
      const key = e - k === 1 ? b[k] : 0;
      if (key === 114 /* r */) {
        let q = v + 1;
        let col = 0;
        for (let c = b[q] | 0x20; c >= 97 && c <= 122; c = b[++q] | 0x20) col = col * 26 + (c - 96);
        let row = 0;
        for (let d = b[q] - 48; d >= 0 && d <= 9; d = b[++q] - 48) row = row * 10 + d;
        if (q === close && col > 0 && row > 0) {
          this.cellRow = row;
          this.cellCol = col;
        }
      } else if (key === 115 /* s */) {
        let style = 0;
        let q = v + 1;
        for (; q < close && b[q] < 128; q++) style = style * 10 + (b[q] - 48);
        if (q < close) {
          // Other than ASCII (a damaged file): counted over the text's characters, as ever (the style is then unknown).
          const text = this.raw(v + 1, close);
          style = 0;
          for (let i = 0; i < text.length; i++) style = style * 10 + (text.charCodeAt(i) - 48);
        }
        this.cellStyle = Number.isFinite(style) && style >= 0 ? style : 0;
      } else if (key === 116 /* t */) {
        this.cellType = this.cellTypeOf(v + 1, close);
      }
      p = close + 1;
    }
  }

  /** A cell's t text: the usual ones without decoding. */
  private cellTypeOf(from: number, to: number): string {
    const b = this.b;
    const len = to - from;
    if (len === 1) {
      const c = b[from];
      if (c === 115) return 's';
      if (c === 110) return 'n';
      if (c === 98) return 'b';
      if (c === 101) return 'e';
      if (c === 100) return 'd';
    } else if (len === 3 && bytesAt(b, from, 'str')) return 'str';
    else if (len === 9 && bytesAt(b, from, 'inlineStr')) return 'inlineStr';
    return this.raw(from, to);
  }

  cellRow = 0;
  cellCol = 0;
  cellStyle = 0;
  cellType = '';

  /**
   * The attribute `name` of the current tag when it is written as 1 to 15 plain digits
   * (`<row r="7">`), read without making a string; undefined for any other value, or none
   * (then read it with attr()).
   */
  digitsAttr(name: string): number | undefined {
    const b = this.b;
    const end = this.attrEnd;
    const p = this.attrStart;
    // The usual place: the attribute first, after one space, unprefixed.
    if (b[p] !== 32 || !bytesAt(b, p + 1, name) || b[p + 1 + name.length] !== 61 || b[p + 2 + name.length] !== 34)
      return undefined;
    const from = p + 3 + name.length;
    const close = findByte(b, 34, from);
    if (close < 0 || close >= end) return undefined;
    return from < close && b[from] !== 45 ? this.integerIn(from, close) : undefined;
  }

  /** An attribute of the current tag by local name (an ASCII name; prefix ignored), decoded; undefined if absent. */
  attr(name: string): string | undefined {
    const b = this.b;
    let p = this.attrStart;
    const end = this.attrEnd;
    while (p < end) {
      let eq = p;
      while (eq < end && b[eq] !== 61 /* = */) eq++;
      if (eq >= end) return undefined;
      let k = p;
      while (k < eq && b[k] <= 32) k++;
      let e = eq;
      while (e > k && b[e - 1] <= 32) e--;
      let colon = e - 1;
      while (colon >= k && b[colon] !== 58) colon--;
      let v = eq + 1;
      while (v < end && b[v] <= 32) v++;
      const quote = b[v];
      if (quote !== 34 && quote !== 39) return undefined;
      const close = findByte(b, quote, v + 1);
      if (close < 0) return undefined;
      if (e - colon - 1 === name.length && bytesAt(b, colon + 1, name)) return decodeXmlText(this.raw(v + 1, close));
      p = close + 1;
    }
    return undefined;
  }

  /**
   * Text content of the element whose open tag is current, up to its matching close tag
   * (child elements are skipped, their text included). Leaves the cursor after the close
   * tag. For an empty tag, ''.
   */
  text(): string {
    if (this.kind !== 'open') return '';
    const b = this.b;
    const name = this.name;
    // The usual case, <v>123</v>: plain text, then a close tag.
    const first = findByte(b, 60 /* < */, this.pos);
    if (first > 0 && b[first + 1] === 47 /* / */) {
      const gt = findByte(b, 62 /* > */, first);
      const lt = findByte(b, 60 /* < */, first + 1);
      if (gt > 0 && (lt < 0 || gt < lt)) {
        const text = this.raw(this.pos, first);
        this.closeTagAt(first, gt);
        this.pos = gt + 1;
        this.kind = 'close';
        return decodeXmlText(text);
      }
    }
    let out = '';
    const depth = this.open.length;
    let p = this.pos;
    for (;;) {
      const lt = findByte(b, 60 /* < */, p);
      if (lt < 0) {
        this.stop(p, XML_FAULTS.neverClosed(name));
        return out;
      }
      if (lt > p) out += decodeXmlText(this.raw(p, lt));
      if (bytesAt(b, lt, '<![CDATA[')) {
        const end = findCode(b, ']]>', lt + 9);
        if (end < 0) {
          this.stop(lt, XML_FAULTS.unendedCdata);
          return out;
        }
        out += this.raw(lt + 9, end);
        p = end + 3;
        continue;
      }
      this.pos = lt;
      if (!this.next()) return out;
      p = this.pos;
      // Back below the element's own depth: its close tag (or a mis-nested one that closed it).
      if (this.closes() && this.open.length < depth) return out;
    }
  }

  /** Skips to just after the close tag of the current open element. */
  skipElement(): void {
    if (this.kind !== 'open') return;
    const depth = this.open.length;
    while (this.next()) if (this.closes() && this.open.length < depth) return;
  }
}
