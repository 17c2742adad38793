/**
 * The reader's XML scanner as it was before it read bytes (src/io/xmlScan.ts at 6010463, over a
 * string of the whole part), kept unchanged as the oracle of test/io/xmlScanBytes.test.ts: the
 * scanner over bytes must see the same tags, attributes, text and faults, at the same
 * character offsets, in any document. Test code only: nothing in src reads it.
 */
import { Message } from '../../src/core/i18n';
import { decodeXmlText } from '../../src/io/xmlScan';
import { XML_FAULTS } from '../../src/io/xmlFaults';

/** Where a part stops being well-formed XML, and how. */
export interface XmlFault {
  /** Character offset in the part. */
  at: number;
  what: Message;
}

/**
 * Cursor over one XML document. next() moves to the next element tag (open, close or
 * self-closing) and fills name/kind/attribute bounds; the text between tags is read on
 * demand with text().
 */
export class StringXmlScanner {
  /** Local name of the current tag (prefix dropped). */
  name = '';
  /** 'open' <a>, 'close' </a>, 'empty' <a/>. */
  kind: 'open' | 'close' | 'empty' = 'open';
  /** Position just after the current tag's '>'. */
  pos = 0;
  private attrStart = 0;
  private attrEnd = 0;
  /** Names of the elements open at the cursor, outermost first. */
  private readonly open: string[] = [];
  /** The first fault found; the scan stops at a tag that cannot end, and goes on past a mis-nested one. */
  malformed: XmlFault | undefined;

  constructor(readonly xml: string) {}

  /** How many elements are open at the cursor. */
  get depth(): number {
    return this.open.length;
  }

  private fault(at: number, what: Message): void {
    this.malformed ??= { at, what };
  }

  /** Bookkeeping for a close tag of `name`: pops it, or records the mis-nesting. */
  private closeElement(name: string, at: number): void {
    const open = this.open;
    if (open[open.length - 1] === name) {
      open.pop();
      return;
    }
    const k = open.lastIndexOf(name);
    this.fault(at, k < 0 ? XML_FAULTS.closesNothing(name) : XML_FAULTS.notClosedBefore(open[open.length - 1], name));
    if (k >= 0) open.length = k;
  }

  /**
   * Bookkeeping for the close tag `</…>` that starts at `lt` and ends at `gt`: the usual close
   * of the innermost element (same name, no prefix, no space) is popped in place, without
   * making its name (once per cell value: issue #15); anything else as closeElement does.
   */
  private closeTagAt(lt: number, gt: number): void {
    const xml = this.xml;
    const open = this.open;
    const top = open[open.length - 1];
    if (top !== undefined && gt - lt - 2 === top.length && xml.startsWith(top, lt + 2)) {
      open.pop();
      return;
    }
    this.closeElement(
      xml
        .slice(lt + 2, gt)
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
    const xml = this.xml;
    for (;;) {
      const lt = xml.indexOf('<', this.pos);
      if (lt < 0) {
        if (this.open.length) this.fault(xml.length, XML_FAULTS.neverClosed(this.open[this.open.length - 1]));
        this.pos = xml.length;
        return false;
      }
      const c = xml.charCodeAt(lt + 1);
      if (c === 33 /* ! */) {
        const end = this.skipMarkup(lt);
        if (end < 0) return this.stop(lt, XML_FAULTS.unendedMarkup);
        this.pos = end;
        continue;
      }
      if (c === 63 /* ? */) {
        const end = xml.indexOf('?>', lt + 2);
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
        const ch = xml.charCodeAt(p);
        if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47 || ch === 62) break;
        if (ch === 58) colon = p;
      }
      this.name = xml.slice(colon >= 0 ? colon + 1 : nameStart, p);
      const selfClosing = !closing && xml.charCodeAt(gt - 1) === 47;
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
    this.fault(at, what);
    this.pos = this.xml.length;
    this.open.length = 0;
    return false;
  }

  /**
   * The '>' ending the tag at `lt`, skipping any '>' inside a quoted attribute value; -1 when
   * the tag never ends (a '<' before the '>' outside quotes means it was cut off). Tags are short: a char loop.
   */
  private tagEnd(lt: number): number {
    const xml = this.xml;
    const n = xml.length;
    let quote = 0;
    for (let p = lt + 1; p < n; p++) {
      const ch = xml.charCodeAt(p);
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
    const xml = this.xml;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      return end < 0 ? -1 : end + 3;
    }
    const n = xml.length;
    let quote = 0;
    let subset = false;
    for (let p = lt + 2; p < n; p++) {
      const ch = xml.charCodeAt(p);
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 34 || ch === 39) quote = ch;
      else if (subset && ch === 60 /* < */ && xml.startsWith('<!--', p)) {
        const end = xml.indexOf('-->', p + 4);
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
    const xml = this.xml;
    let p = this.pos;
    let negative = false;
    if (xml.charCodeAt(p) === 45 /* - */) {
      negative = true;
      p++;
    }
    let n = 0;
    const start = p;
    for (let d = xml.charCodeAt(p) - 48; d >= 0 && d <= 9; d = xml.charCodeAt(++p) - 48) n = n * 10 + d;
    // Up to 15 digits are exact in a double.
    if (p === start || p - start > 15 || xml.charCodeAt(p) !== 60 || xml.charCodeAt(p + 1) !== 47) return undefined;
    const gt = xml.indexOf('>', p);
    if (gt < 0) return undefined;
    this.closeTagAt(p, gt);
    this.pos = gt + 1;
    this.kind = 'close';
    return negative ? -n : n;
  }

  /**
   * The usual body of a cell right after its open tag, `<v>…</v></c>` exactly (no prefix, no
   * attribute, no entity, no line end, no markup inside): its value's bounds in valueStart and
   * valueEnd, the cell closed and the cursor after `</c>`, as next() and text() would leave it,
   * without their tag-by-tag work (issue #15). False, cursor unchanged, for any other body.
   */
  plainCellBody(): boolean {
    if (this.kind !== 'open' || this.open[this.open.length - 1] !== 'c') return false;
    const xml = this.xml;
    const p = this.pos;
    if (xml.charCodeAt(p) !== 60 || xml.charCodeAt(p + 1) !== 118 /* v */ || xml.charCodeAt(p + 2) !== 62) return false;
    const start = p + 3;
    const lt = xml.indexOf('<', start);
    if (lt < 0 || !xml.startsWith('</v></c>', lt)) return false;
    for (let q = start; q < lt; q++) {
      const ch = xml.charCodeAt(q);
      if (ch === 38 /* & */ || ch === 13 /* CR */) return false;
    }
    this.valueStart = start;
    this.valueEnd = lt;
    this.open.pop();
    this.name = 'c';
    this.kind = 'close';
    this.pos = lt + 8;
    return true;
  }

  /** Bounds of the value plainCellBody() found. */
  valueStart = 0;
  valueEnd = 0;

  /**
   * The text from `from` to `to` as integerText() reads it (an optional '-', then 1 to 15
   * digits and nothing else); undefined for any other text.
   */
  integerIn(from: number, to: number): number | undefined {
    const xml = this.xml;
    let p = from;
    const negative = xml.charCodeAt(p) === 45; /* - */
    if (negative) p++;
    if (p === to || to - p > 15) return undefined;
    let n = 0;
    for (; p < to; p++) {
      const d = xml.charCodeAt(p) - 48;
      if (d < 0 || d > 9) return undefined;
      n = n * 10 + d;
    }
    return negative ? -n : n;
  }

  /**
   * The r, s and t attributes of a cell tag (<c r="B7" s="3" t="s">) read in place, without
   * making strings: fills cellRow/cellCol (0 when absent or not a cell reference), cellStyle
   * (0 when absent) and cellType (the t text, '' when absent; only t makes a string).
   */
  cellAttrs(): void {
    const xml = this.xml;
    const end = this.attrEnd;
    this.cellRow = 0;
    this.cellCol = 0;
    this.cellStyle = 0;
    this.cellType = '';
    let p = this.attrStart;
    while (p < end) {
      let eq = p;
      while (eq < end && xml.charCodeAt(eq) !== 61 /* = */) eq++;
      if (eq >= end) return;
      let k = p;
      while (k < eq && xml.charCodeAt(k) <= 32) k++;
      let e = eq;
      while (e > k && xml.charCodeAt(e - 1) <= 32) e--;
      let v = eq + 1;
      while (v < end && xml.charCodeAt(v) <= 32) v++;
      const quote = xml.charCodeAt(v);
      if (quote !== 34 && quote !== 39) return;
      const close = xml.indexOf(quote === 34 ? '"' : "'", v + 1);
      if (close < 0) return;
      const key = e - k === 1 ? xml.charCodeAt(k) : 0;
      if (key === 114 /* r */) {
        let q = v + 1;
        let col = 0;
        for (let c = xml.charCodeAt(q) | 0x20; c >= 97 && c <= 122; c = xml.charCodeAt(++q) | 0x20) col = col * 26 + (c - 96);
        let row = 0;
        for (let d = xml.charCodeAt(q) - 48; d >= 0 && d <= 9; d = xml.charCodeAt(++q) - 48) row = row * 10 + d;
        if (q === close && col > 0 && row > 0) {
          this.cellRow = row;
          this.cellCol = col;
        }
      } else if (key === 115 /* s */) {
        let style = 0;
        for (let q = v + 1; q < close; q++) style = style * 10 + (xml.charCodeAt(q) - 48);
        this.cellStyle = Number.isFinite(style) && style >= 0 ? style : 0;
      } else if (key === 116 /* t */) {
        this.cellType = xml.slice(v + 1, close);
      }
      p = close + 1;
    }
  }

  cellRow = 0;
  cellCol = 0;
  cellStyle = 0;
  cellType = '';

  /** An attribute of the current tag by local name (prefix ignored), decoded; undefined if absent. */
  attr(name: string): string | undefined {
    const xml = this.xml;
    let p = this.attrStart;
    const end = this.attrEnd;
    while (p < end) {
      let eq = p;
      while (eq < end && xml.charCodeAt(eq) !== 61 /* = */) eq++;
      if (eq >= end) return undefined;
      let k = p;
      while (k < eq && xml.charCodeAt(k) <= 32) k++;
      let e = eq;
      while (e > k && xml.charCodeAt(e - 1) <= 32) e--;
      let colon = e - 1;
      while (colon >= k && xml.charCodeAt(colon) !== 58) colon--;
      const local = xml.slice(colon + 1, e);
      let v = eq + 1;
      while (v < end && xml.charCodeAt(v) <= 32) v++;
      const quote = xml[v];
      if (quote !== '"' && quote !== "'") return undefined;
      const close = xml.indexOf(quote, v + 1);
      if (close < 0) return undefined;
      if (local === name) return decodeXmlText(xml.slice(v + 1, close));
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
    const xml = this.xml;
    const name = this.name;
    // The usual case, <v>123</v>: plain text, then a close tag.
    const first = xml.indexOf('<', this.pos);
    if (first > 0 && xml.charCodeAt(first + 1) === 47 /* / */) {
      const gt = xml.indexOf('>', first);
      const lt = xml.indexOf('<', first + 1);
      if (gt > 0 && (lt < 0 || gt < lt)) {
        const text = xml.slice(this.pos, first);
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
      const lt = xml.indexOf('<', p);
      if (lt < 0) {
        this.stop(p, XML_FAULTS.neverClosed(name));
        return out;
      }
      if (lt > p) out += decodeXmlText(xml.slice(p, lt));
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) {
          this.stop(lt, XML_FAULTS.unendedCdata);
          return out;
        }
        out += xml.slice(lt + 9, end);
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
