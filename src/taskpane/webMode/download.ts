/**
 * Saving files from the pane in a browser: the evaluated report and the client copy (.xlsx)
 * and the recommendations report (.docx) as downloads. A browser download never overwrites a
 * file; the bytes pass the same check as every file the command line writes
 * (io/outputBytes checkMadeFile): a file that would not open is never handed over.
 */
import { Locale, pick } from '../../core/i18n';
import type { EvaluationResult } from '../../engine/evaluate';
import { checkMadeFile } from '../../io/outputBytes';
import { writeReport } from '../../io/writeReport';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Offers `bytes` as a download named `fileName` (.xlsx, or .docx for the recommendations
 * report); throws (with a message in `locale`) when they are not a sound package of that kind.
 */
export async function saveBytes(bytes: Uint8Array, fileName: string, locale: Locale): Promise<void> {
  const bad = await checkMadeFile(bytes, fileName);
  if (bad) throw new Error(pick(bad, locale));
  const docx = /\.docx$/i.test(fileName);
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: docx ? DOCX_TYPE : XLSX_TYPE }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function reportBytes(result: EvaluationResult, locale: Locale): Promise<Uint8Array> {
  return writeReport([result], locale);
}
