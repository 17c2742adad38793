/**
 * The open workbook as .xlsx bytes, through Office's document API: getFileAsync hands the
 * compressed file over in slices (4 MB each), which are joined; the file is always closed,
 * since Office allows only two open file handles per document.
 */
import { H, fail, reason } from './hostMessages';
import { HostResult } from './workbookHost';

const SLICE_SIZE = 4 * 1024 * 1024;

function asPromise<T>(start: (done: (r: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((r) => (r.status === Office.AsyncResultStatus.Succeeded ? resolve(r.value) : reject(r.error ?? new Error('failed'))));
  });
}

/** "https://…/Team%20plan.xlsx" → "Team plan.xlsx"; a new, unsaved workbook → "workbook.xlsx". */
export function fileNameOf(url: string | undefined): string {
  const last = (url ?? '').split(/[\\/]/).pop() ?? '';
  let name = last.split('?')[0];
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep it as written
  }
  if (!name) return 'workbook.xlsx';
  return /\.xlsx$/i.test(name) ? name : `${name.replace(/\.(xlsm|xlsb|xls)$/i, '')}.xlsx`;
}

export async function documentBytes(): Promise<HostResult<{ bytes: Uint8Array; name: string }>> {
  let file: Office.File | undefined;
  try {
    file = await asPromise<Office.File>((done) =>
      Office.context.document.getFileAsync(Office.FileType.Compressed, { sliceSize: SLICE_SIZE }, done),
    );
    const slices: Uint8Array[] = [];
    for (let i = 0; i < file.sliceCount; i++) {
      const slice = await asPromise<Office.Slice>((done) => file!.getSliceAsync(i, done));
      slices.push(slice.data instanceof Uint8Array ? slice.data : Uint8Array.from(slice.data as number[]));
    }
    const bytes = new Uint8Array(slices.reduce((n, s) => n + s.length, 0));
    let at = 0;
    for (const s of slices) {
      bytes.set(s, at);
      at += s.length;
    }
    return { ok: true, bytes, name: fileNameOf(Office.context.document.url) };
  } catch (e) {
    return fail(H.noFile(reason(e)));
  } finally {
    file?.closeAsync();
  }
}
