/**
 * Reading what people hand the CLI and the pane: a CRM3 workbook or a CRM export, as .xlsx
 * or as a CSV/tab-separated text file. The content decides, not the name (a CRM's ".xls"
 * is often tab-separated text). Never throws; the input is only read.
 */
import { TooManyRowsError } from './sheetTables';
import { CsvGrid, TextEncoding, decodeText, parseCsv, sniffSeparator } from './csvRead';
import { failures } from './readFailure';
import { DEFAULT_MAX_ROWS, ReadOptions, ReadResult, readWorkbookBuffer, snapshotOf } from './readWorkbook';
import { checkFileSize, readFileBytes } from './zipGuard';

export type InputResult = ReadResult & { encoding?: TextEncoding };

const ZIP = [0x50, 0x4b];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const starts = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Whether bytes are text a CSV could be (no NULs outside UTF-16, no other control bytes but tab and line breaks). */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = decodeText(bytes.subarray(0, Math.min(bytes.length, 64 * 1024))).text;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    // Tab, line feed, carriage return and form feed are text; other C0 controls are binary.
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) return false;
  }
  return true;
}

/** A CSV (or tab-separated) export in memory, read as one sheet named after the file. */
export function readCsvBuffer(bytes: Uint8Array, name: string, options: ReadOptions = {}): InputResult {
  if (bytes.length === 0) return { ok: false, reason: failures.empty(name) };
  const tooLarge = checkFileSize(name, bytes.length, options);
  if (tooLarge) return { ok: false, reason: tooLarge };
  const { text, encoding } = decodeText(bytes);
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const { rows, tooMany } = parseCsv(text, sniffSeparator(text), { maxRows: maxRows + 100 });
  const sheet = (name.split(/[\\/]/).pop() ?? name).replace(/\.[^.]+$/, '') || 'CSV';
  if (tooMany) return { ok: false, reason: failures.tooManyRows(sheet, sheet, rows.length, maxRows) };
  try {
    return { ok: true, snapshot: snapshotOf([new CsvGrid(sheet, rows)], [], options), encoding };
  } catch (e) {
    if (e instanceof TooManyRowsError) return { ok: false, reason: failures.tooManyRows(e.sheet, e.table, e.rows, e.limit) };
    return { ok: false, reason: failures.corrupt(name, failures.why.notSpreadsheet(e instanceof Error ? e.message : String(e))) };
  }
}

/**
 * A workbook or export in memory: CSV when it is text and not named as an Excel workbook
 * (.csv, .tsv, .txt, a CRM's text ".xls", or no extension), else .xlsx, whose reader says
 * why a file is not one.
 */
export async function readInputBuffer(bytes: Uint8Array, name: string, options: ReadOptions = {}): Promise<InputResult> {
  const excelName = /\.xls[xmb]$/i.test(name);
  if (bytes.length > 0 && !excelName && !starts(bytes, ZIP) && !starts(bytes, OLE) && looksLikeText(bytes))
    return readCsvBuffer(bytes, name, options);
  return readWorkbookBuffer(bytes, name, options);
}

/** A workbook or export file. */
export async function readInputFile(path: string, options: ReadOptions = {}): Promise<InputResult> {
  const read = await readFileBytes(path, options);
  if (!read.ok) return read;
  return readInputBuffer(read.bytes, path, options);
}
