/**
 * The words for what is wrong in a damaged XML part, in both languages: the scanner that
 * reads parts (xmlScan.ts) and the check of parts the client copy rewrites (xmlCheck.ts)
 * name the same faults, and their text goes inside zh messages, so it is a Message too.
 * Tag and prefix names stay as written (they are the file's own words).
 */
import { Message, bi } from '../core/i18n';

export const XML_FAULTS = {
  closesNothing: (name: string): Message => bi(`</${name}> closes nothing`, `</${name}> 没有可结束的元素`),
  notClosedBefore: (open: string, name: string): Message =>
    bi(`<${open}> is not closed before </${name}>`, `<${open}> 在 </${name}> 之前没有结束`),
  neverClosed: (name: string): Message => bi(`<${name}> is never closed`, `<${name}> 始终没有结束`),
  unendedMarkup: bi('a comment, CDATA or DOCTYPE that never ends', '注释、CDATA 或 DOCTYPE 没有结束'),
  unendedComment: bi('a comment that never ends', '注释没有结束'),
  unendedCdata: bi('a CDATA section that never ends', 'CDATA 段没有结束'),
  unendedDeclaration: bi('a declaration that never ends', '声明没有结束'),
  unendedInstruction: bi('a processing instruction that never ends', '处理指令没有结束'),
  unendedTag: bi('a tag that never ends', '标记没有结束'),
  unnamedElement: bi('an element without a name', '元素没有名称'),
  twoRoots: bi('more than one root element', '根元素不止一个'),
  noRoot: bi('no root element', '没有根元素'),
  undeclaredPrefix: (prefix: string, name: string): Message =>
    bi(`the prefix "${prefix}" of ${name} is not declared`, `${name} 的前缀“${prefix}”未声明`),
  /** "… at character N" for the check, which has no separate offset to report. */
  at: (what: Message, at: number): Message => bi(`${what.en} at character ${at}`, `${what.zh}（第 ${at} 个字符）`),
};
