/** Saving files from the pane in a browser: the evaluated report (.xlsx) as a download. */
import type { Locale } from '../../core/i18n';
import type { EvaluationResult } from '../../engine/evaluate';
import { writeReport } from '../../io/writeReport';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function saveBytes(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function reportBytes(result: EvaluationResult, locale: Locale): Promise<Uint8Array> {
  const buffer = await writeReport([result], locale);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
