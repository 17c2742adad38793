/**
 * The last check on a file the project produced, before it is written (CLI, safeOutput)
 * or downloaded (pane): the bytes must be a complete package that the zip guard accepts,
 * every part inflating to its declared size and checksum; an .xlsx must be a workbook, a
 * .docx must have its content types and a well-formed main document (word/document.xml).
 * A file that would not open is never handed to the user. Web-platform APIs only.
 */
import { Message } from '../core/i18n';
import { decodePart } from './partText';
import { xmlFault } from './xmlCheck';
import { inflateEntry, inspectXlsx, inspectZip } from './zipGuard';

/** Our own outputs may be large (a report of a million opportunities): only the structure is checked. */
const OWN_OUTPUT_LIMITS = {
  maxFileBytes: Number.MAX_SAFE_INTEGER,
  maxUncompressedBytes: Number.MAX_SAFE_INTEGER,
  maxCompressionRatio: Number.MAX_SAFE_INTEGER,
  maxEntries: Number.MAX_SAFE_INTEGER,
  verifyContents: true,
};

/** Why `bytes` must not be written as `name`, or undefined when they are a sound .xlsx package. */
export async function checkOutputBytes(bytes: Uint8Array, name: string): Promise<Message | undefined> {
  const check = await inspectXlsx(bytes, name, OWN_OUTPUT_LIMITS);
  if (check.ok) return undefined;
  return {
    en: `the workbook made for ${name} failed its own check (${check.reason.message.en}); nothing was written. This is a fault in CRM3: please report it with the input file.`,
    zh: `为 ${name} 生成的工作簿未通过自检（${check.reason.message.zh}）；未写入任何文件。这是 CRM3 的缺陷：请连同输入文件一起报告。`,
  };
}

const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

/** Why `bytes` must not be written as the Word document `name`, or undefined when they are a sound .docx package. */
export async function checkDocxBytes(bytes: Uint8Array, name: string): Promise<Message | undefined> {
  const bad = (en: string, zh: string): Message => ({
    en: `the document made for ${name} failed its own check (${en}); nothing was written. This is a fault in CRM3: please report it with the input file.`,
    zh: `为 ${name} 生成的文档未通过自检（${zh}）；未写入任何文件。这是 CRM3 的缺陷：请连同输入文件一起报告。`,
  });
  const check = await inspectZip(bytes, name, OWN_OUTPUT_LIMITS);
  if (!check.ok) return bad(check.reason.message.en, check.reason.message.zh);
  const part = (p: string) => check.entries.find((e) => e.name.replace(/^\//, '').toLowerCase() === p.toLowerCase());
  const types = part('[Content_Types].xml');
  const main = part('word/document.xml');
  if (!types || !main) {
    const missing = !types ? '[Content_Types].xml' : 'word/document.xml';
    return bad(`no ${missing}`, `缺少 ${missing}`);
  }
  const text = async (e: typeof main) => decodePart(await inflateEntry(bytes, e, Number.MAX_SAFE_INTEGER));
  for (const [p, e] of [
    ['[Content_Types].xml', types],
    ['word/document.xml', main],
  ] as const) {
    const fault = xmlFault(await text(e));
    if (fault) return bad(`${p}: ${fault.en}`, `${p}：${fault.zh}`);
  }
  if (!(await text(types)).includes(DOCX_MAIN))
    return bad('[Content_Types].xml does not declare the main document', '[Content_Types].xml 未声明主文档');
  return undefined;
}

/**
 * The check a file the project made gets before it is written (safeOutput) or downloaded (the
 * pane), chosen by its kind: an .xlsx or a .docx must be a package that opens; other outputs
 * (CSV, JSON) are plain text. Undefined when the bytes may go out as `name`.
 */
export function checkMadeFile(bytes: Uint8Array, name: string): Promise<Message | undefined> {
  if (/\.xlsx$/i.test(name)) return checkOutputBytes(bytes, name);
  if (/\.docx$/i.test(name)) return checkDocxBytes(bytes, name);
  return Promise.resolve(undefined);
}
