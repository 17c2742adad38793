/**
 * How much memory reading and evaluating a workbook will take, estimated from what the file
 * really holds, so a workbook too large for the memory allowed is refused with a clear
 * message before memory runs out (issue #12: 1,048,575 opportunity rows ended in a V8 heap
 * error after 381 s). Two checks:
 *
 * - before parsing, from the uncompressed size of the parts the reader will parse (sheets,
 *   shared strings), known from the zip directory and enforced while inflating;
 * - before the engine is built, from the cells of the tables read.
 *
 * The model is linear and deliberately simple; MEMORY_MODEL holds its figures, fitted to the
 * peak resident memory (Node 20) of `crm3 sample --size 25000` and `--size 100000` workbooks
 * and of 1,048,575 opportunity rows (docs/safety.md has the numbers and the way to measure).
 * Whoever changes how the reader or the engine hold data re-measures and updates them. The
 * limit itself is the caller's (`crm3 evaluate --max-memory MB`).
 */
import { Message } from '../core/i18n';
import { WorkbookSnapshot } from '../model/snapshot';
import { rowCount } from '../model/tableColumns';

export const MEMORY_MODEL = {
  /** Node, HyperFormula and the CRM3 code before any workbook: ~150 MB. */
  baseBytes: 150 * 1024 * 1024,
  /** Reading: peak bytes per byte of sheet XML (the text, the scanner's strings, the grid). Measured 3.6. */
  bytesPerXmlByte: 4,
  /** Evaluating: peak bytes per table cell read (snapshot, column store, HyperFormula). Fitted 211. */
  bytesPerCell: 220,
  /** Evaluating: peak bytes per opportunity row on top of its cells (its computed columns and their work). Fitted 4,934. */
  bytesPerOpportunity: 5000,
};

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.ceil(bytes / MB).toLocaleString('en-US');

/** Peak memory of parsing parts of these uncompressed sizes. */
export function readingBytes(xmlBytes: number): number {
  return MEMORY_MODEL.baseBytes + MEMORY_MODEL.bytesPerXmlByte * xmlBytes;
}

/** Cells of the workbook's tables (rows × columns, Config and Indicators included). */
export function tableCells(snapshot: WorkbookSnapshot): number {
  let n = 0;
  for (const t of [...Object.values(snapshot.tables), ...Object.values(snapshot.config)])
    if (t) n += rowCount(t) * Math.max(1, t.headers.length);
  return n;
}

/** Peak memory of evaluating the snapshot. */
export function evaluationBytes(snapshot: WorkbookSnapshot): number {
  const opportunities = snapshot.tables.Opportunities ? rowCount(snapshot.tables.Opportunities) : 0;
  return (
    MEMORY_MODEL.baseBytes + MEMORY_MODEL.bytesPerCell * tableCells(snapshot) + MEMORY_MODEL.bytesPerOpportunity * opportunities
  );
}

/** The message when `needed` bytes exceed `limit`; undefined when they fit. */
export function memoryRefusal(
  file: string,
  stage: 'read' | 'evaluate',
  needed: number,
  limit: number,
  detail: Message,
): Message | undefined {
  if (needed <= limit) return undefined;
  const suggest = Math.ceil((needed * 1.2) / (512 * MB)) * 512;
  const what =
    stage === 'read'
      ? { en: `reading it would need about ${mb(needed)} MB`, zh: `读取它大约需要 ${mb(needed)} MB 内存` }
      : { en: `evaluating it would need about ${mb(needed)} MB`, zh: `计算它大约需要 ${mb(needed)} MB 内存` };
  return {
    en: `${file} is too large for the memory allowed: ${what.en} (${detail.en}), more than the limit of ${mb(limit)} MB. Split the data into smaller workbooks, or raise the limit with --max-memory ${suggest} if this computer has that much memory free.`,
    zh: `${file} 超出允许使用的内存：${what.zh}（${detail.zh}），超过上限 ${mb(limit)} MB。请将数据拆分到较小的工作簿，或在本机有足够空闲内存时用 --max-memory ${suggest} 调高上限。`,
  };
}
