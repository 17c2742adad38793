/**
 * A well-formedness check for XML parts the project rewrites (the client copy edits the user's
 * own parts): every tag closed in order, every namespace prefix of an element or attribute
 * declared on it or an ancestor. These are the faults that make Excel, LibreOffice and openpyxl
 * refuse a file (an undeclared `r:` once did), so a copy with one is never written.
 * Not a validator: it says nothing about the schema. Linear, no DOM (runs in the pane too).
 */

import { Message } from '../core/i18n';
import { XML_FAULTS } from './xmlFaults';

/** Why the part is not well-formed, or undefined when it is. */
export function xmlFault(xml: string): Message | undefined {
  const stack: { name: string; prefixes: Set<string> }[] = [];
  const declaredIn = (prefix: string) => prefix === 'xml' || stack.some((s) => s.prefixes.has(prefix));
  let i = 0;
  let roots = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) return XML_FAULTS.unendedInstruction;
      i = end + 2;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) return XML_FAULTS.unendedComment;
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) return XML_FAULTS.unendedCdata;
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<!', lt)) {
      const end = xml.indexOf('>', lt + 2);
      if (end < 0) return XML_FAULTS.unendedDeclaration;
      i = end + 1;
      continue;
    }
    const end = tagEnd(xml, lt + 1);
    if (end < 0) return XML_FAULTS.at(XML_FAULTS.unendedTag, lt);
    const body = xml.slice(lt + 1, end);
    i = end + 1;
    if (body.startsWith('/')) {
      const name = body.slice(1).trim();
      const open = stack.pop();
      if (!open) return XML_FAULTS.closesNothing(name);
      if (open.name !== name) return XML_FAULTS.notClosedBefore(open.name, name);
      continue;
    }
    const selfClosing = body.endsWith('/');
    const inner = selfClosing ? body.slice(0, -1) : body;
    const name = /^[^\s/>]+/.exec(inner)?.[0];
    if (!name) return XML_FAULTS.at(XML_FAULTS.unnamedElement, lt);
    if (stack.length === 0 && ++roots > 1) return XML_FAULTS.twoRoots;
    const prefixes = new Set<string>();
    const attributes: string[] = [];
    for (const m of inner.slice(name.length).matchAll(/([^\s=]+)\s*=\s*("[^"]*"|'[^']*')/g)) {
      if (m[1] === 'xmlns') continue;
      if (m[1].startsWith('xmlns:')) prefixes.add(m[1].slice(6));
      else attributes.push(m[1]);
    }
    stack.push({ name, prefixes });
    for (const n of [name, ...attributes]) {
      const colon = n.indexOf(':');
      if (colon > 0 && !declaredIn(n.slice(0, colon))) return XML_FAULTS.undeclaredPrefix(n.slice(0, colon), n);
    }
    if (selfClosing) stack.pop();
  }
  if (stack.length) return XML_FAULTS.neverClosed(stack[stack.length - 1].name);
  if (roots === 0) return XML_FAULTS.noRoot;
  return undefined;
}

/** The index of the `>` that ends a tag starting at `from`, skipping quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let k = from; k < xml.length; k++) {
    const ch = xml[k];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return k;
  }
  return -1;
}
