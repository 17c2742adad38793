/** Bytes of a package part as text, in the encoding the part is written in. Web-platform APIs only. */

const DECODERS = {
  'utf-8': new TextDecoder('utf-8'),
  'utf-16le': new TextDecoder('utf-16le'),
  'utf-16be': new TextDecoder('utf-16be'),
};

/**
 * A part's text. XML parts may be UTF-8 or UTF-16 (the format allows both; Excel writes
 * UTF-8): the byte-order mark, or the first '<' in two bytes, tells which. A UTF-16 part's
 * declaration is given as UTF-8, the encoding any writer of the text then uses.
 */
export function decodePart(data: Uint8Array): string {
  const [a, b] = data;
  const encoding =
    (a === 0xff && b === 0xfe) || (a === 0x3c && b === 0x00)
      ? 'utf-16le'
      : (a === 0xfe && b === 0xff) || (a === 0x00 && b === 0x3c)
        ? 'utf-16be'
        : 'utf-8';
  const text = DECODERS[encoding].decode(data);
  return encoding === 'utf-8' ? text : text.replace(/^(<\?xml[^>]*?encoding\s*=\s*["'])utf-16(["'])/i, '$1UTF-8$2');
}
