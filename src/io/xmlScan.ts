/**
 * A small forward-only XML scanner for the parts of an .xlsx package: it walks tags with
 * indexOf (linear, no regular expressions over the whole text, no DOM), so a 100 MB sheet
 * costs one pass and no tree. Namespace prefixes are dropped (x:c reads as c); comments,
 * processing instructions and DOCTYPE are skipped; CDATA and entities are decoded in text.
 * It does not validate: a malformed part gives what could be read, or an XmlError.
 */

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes entities (&amp; &#65; &#x41;) and XML line ends (CR LF and lone CR read as LF). */
export function decodeXmlText(s: string): string {
  if (s.indexOf('&') < 0) return s.indexOf('\r') < 0 ? s : s.replace(/\r\n?/g, '\n');
  let out = '';
  let from = 0;
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', from)) {
    const semi = s.indexOf(';', amp);
    if (semi < 0 || semi - amp > 12) break;
    const name = s.slice(amp + 1, semi);
    let ch: string | undefined;
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      ch = Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
    } else ch = ENTITIES[name];
    out += s.slice(from, amp).replace(/\r\n?/g, '\n') + (ch ?? s.slice(amp, semi + 1));
    from = semi + 1;
  }
  return out + s.slice(from).replace(/\r\n?/g, '\n');
}

/**
 * Cursor over one XML document. next() moves to the next element tag (open, close or
 * self-closing) and fills name/kind/attribute bounds; the text between tags is read on
 * demand with text().
 */
export class XmlScanner {
  /** Local name of the current tag (prefix dropped). */
  name = '';
  /** 'open' <a>, 'close' </a>, 'empty' <a/>. */
  kind: 'open' | 'close' | 'empty' = 'open';
  /** Position just after the current tag's '>'. */
  pos = 0;
  private attrStart = 0;
  private attrEnd = 0;

  constructor(readonly xml: string) {}

  /** Whether the current tag is a close tag (of `name`, when given). A method, so callers re-read it after next(). */
  closes(name?: string): boolean {
    return this.kind === 'close' && (name === undefined || this.name === name);
  }

  /** Moves to the next tag; false at the end of the document. */
  next(): boolean {
    const xml = this.xml;
    for (;;) {
      const lt = xml.indexOf('<', this.pos);
      if (lt < 0) return false;
      const c = xml.charCodeAt(lt + 1);
      if (c === 33 /* ! */) {
        this.pos = this.skipMarkup(lt);
        continue;
      }
      if (c === 63 /* ? */) {
        const end = xml.indexOf('?>', lt + 2);
        if (end < 0) return false;
        this.pos = end + 2;
        continue;
      }
      const gt = this.tagEnd(lt);
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
      return true;
    }
  }

  /** The '>' ending the tag at `lt`, skipping any '>' inside a quoted attribute value. Tags are short: a char loop. */
  private tagEnd(lt: number): number {
    const xml = this.xml;
    const n = xml.length;
    let quote = 0;
    for (let p = lt + 1; p < n; p++) {
      const ch = xml.charCodeAt(p);
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 62 /* > */) return p;
      else if (ch === 34 || ch === 39) quote = ch;
    }
    throw new XmlError(`unterminated tag at ${lt}`);
  }

  /** Skips a comment, CDATA (outside text) or DOCTYPE starting at `lt`; returns the position after it. */
  private skipMarkup(lt: number): number {
    const xml = this.xml;
    const close = xml.startsWith('<!--', lt) ? '-->' : xml.startsWith('<![CDATA[', lt) ? ']]>' : '>';
    const end = xml.indexOf(close, lt + 2);
    if (end < 0) throw new XmlError(`unterminated markup at ${lt}`);
    return end + close.length;
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
    this.pos = gt + 1;
    this.kind = 'close';
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
      if (gt > 0) {
        const text = xml.slice(this.pos, first);
        this.pos = gt + 1;
        this.kind = 'close';
        return decodeXmlText(text);
      }
    }
    let out = '';
    let depth = 1;
    let p = this.pos;
    for (;;) {
      const lt = xml.indexOf('<', p);
      if (lt < 0) throw new XmlError(`unterminated element ${name}`);
      if (lt > p) out += decodeXmlText(xml.slice(p, lt));
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw new XmlError('unterminated CDATA');
        out += xml.slice(lt + 9, end);
        p = end + 3;
        continue;
      }
      this.pos = lt;
      if (!this.next()) throw new XmlError(`unterminated element ${name}`);
      p = this.pos;
      if (this.kind === 'open') depth++;
      else if (this.kind === 'close' && --depth === 0) return out;
    }
  }

  /** Skips to just after the close tag of the current open element. */
  skipElement(): void {
    if (this.kind !== 'open') return;
    let depth = 1;
    while (depth > 0 && this.next()) {
      if (this.kind === 'open') depth++;
      else if (this.kind === 'close') depth--;
    }
  }
}
