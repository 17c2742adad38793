/**
 * The last check on a workbook the project produced, before it is written (CLI, safeOutput)
 * or downloaded (pane): the bytes must be a complete .xlsx package that the zip guard
 * accepts, every part inflating to its declared size and checksum. A file that would not
 * open is never handed to the user. Web-platform APIs only.
 */
import { Message } from '../core/i18n';
import { inspectXlsx } from './zipGuard';

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
