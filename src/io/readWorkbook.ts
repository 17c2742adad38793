/**
 * Reading a CRM3 workbook (.xlsx) into a WorkbookSnapshot. The package is inspected first
 * (zipGuard: size, encryption, macros, corruption, zip bombs); only a package that passes
 * is parsed, straight from its XML parts (xlsxPackage, xlsxSheet: one linear pass per part,
 * rows kept compactly, so 50,000 opportunities read in seconds). Never throws: a file that
 * cannot be read gives a ReadFailure whose message says why, and everything odd inside a
 * readable file becomes a Problem. The input is only ever read, never written.
 */
import { WorkbookSnapshot } from '../model/snapshot';
import { normalizeSnapshot } from '../model/normalize';
import { ReadFailure, failures } from './readFailure';
import { DefinedName, ListObjectInfo, SheetGrid, TooManyRowsError, findTables } from './sheetTables';
import {
  PartFailure,
  XlsxParts,
  parseDateStyles,
  parseSharedStrings,
  parseTablePart,
  readRelationships,
  readWorkbookPart,
} from './xlsxPackage';
import { SheetContext, parseRange, parseWorksheet } from './xlsxSheet';
import { ZipEntry, ZipLimits, inspectXlsx, inspectXlsxFile, limitsWith } from './zipGuard';

export type { ReadFailure, ReadFailureCode } from './readFailure';

export interface ReadOptions extends Partial<ZipLimits> {
  /** Most data rows accepted in one table. Default 1,048,576 (Excel's sheet size). */
  maxRows?: number;
}

export type ReadResult = { ok: true; snapshot: WorkbookSnapshot } | { ok: false; reason: ReadFailure };

export const DEFAULT_MAX_ROWS = 1_048_576;

/** Reads the .xlsx at `path`. Never throws; the file is opened read-only. */
export async function readWorkbookFile(path: string, options: ReadOptions = {}): Promise<ReadResult> {
  try {
    const check = await inspectXlsxFile(path, { ...options, verifyContents: false });
    if (!check.ok) return check;
    return await parse(check.bytes, check.entries, path, options);
  } catch (e) {
    return { ok: false, reason: failures.corrupt(path, describe(e)) };
  }
}

/** Reads an .xlsx held in memory; `name` is used in messages. Never throws; `bytes` is not modified. */
export async function readWorkbookBuffer(
  bytes: Uint8Array | ArrayBuffer,
  name: string,
  options: ReadOptions = {},
): Promise<ReadResult> {
  try {
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const check = await inspectXlsx(view, name, { ...options, verifyContents: false });
    if (!check.ok) return check;
    return await parse(view, check.entries, name, options);
  } catch (e) {
    return { ok: false, reason: failures.corrupt(name, describe(e)) };
  }
}

function describe(e: unknown) {
  const m = e instanceof Error ? e.message : String(e);
  return failures.why.notSpreadsheet(m.length > 200 ? m.slice(0, 200) + '…' : m);
}

/**
 * The guard ran without verifying contents: the parts are verified here as they are read
 * (declared size and CRC), so each is inflated once.
 */
async function parse(bytes: Uint8Array, entries: ZipEntry[], name: string, options: ReadOptions): Promise<ReadResult> {
  const limits = limitsWith(options);
  const parts = new XlsxParts(bytes, entries, name, limits.verifyContents, limits.maxUncompressedBytes);
  let grids: Awaited<ReturnType<typeof readGrids>>;
  try {
    grids = await readGrids(parts);
    await parts.verifyUnread();
  } catch (e) {
    if (e instanceof PartFailure) return { ok: false, reason: e.reason };
    throw e;
  }
  try {
    const found = findTables(grids.sheets, grids.definedNames, { maxRows: options.maxRows ?? DEFAULT_MAX_ROWS });
    const snapshot: WorkbookSnapshot = { ...found, problems: found.problems.done() };
    if (!snapshot.indicators) delete snapshot.indicators;
    return { ok: true, snapshot: normalizeSnapshot(snapshot) };
  } catch (e) {
    if (e instanceof TooManyRowsError) return { ok: false, reason: failures.tooManyRows(e.sheet, e.table, e.rows, e.limit) };
    throw e;
  }
}

/**
 * Every worksheet of the package as a grid, with its Excel tables, and the workbook's
 * defined names. Sheets are parsed one at a time, so only one sheet's XML is held at once.
 * Throws on a damaged part (PartFailure, XmlError, ZipEntryError).
 */
export async function readGrids(parts: XlsxParts): Promise<{ sheets: SheetGrid[]; definedNames: DefinedName[] }> {
  const workbook = await readWorkbookPart(parts);
  const ctx: SheetContext = {
    sharedStrings: workbook.sharedStringsPart ? parseSharedStrings((await parts.text(workbook.sharedStringsPart)) ?? '') : [],
    dateStyles: workbook.stylesPart ? parseDateStyles((await parts.text(workbook.stylesPart)) ?? '') : [],
    date1904: workbook.date1904,
  };
  const sheets: SheetGrid[] = [];
  for (const sheet of workbook.sheets) {
    if (!sheet.part) continue;
    const xml = await parts.text(sheet.part);
    if (xml === undefined) continue;
    const { grid, tableIds } = parseWorksheet(sheet.name, xml, ctx);
    if (tableIds.length) {
      const rels = await readRelationships(parts, sheet.part);
      for (const id of tableIds) {
        const target = rels.get(id)?.target;
        const table = target ? parseTablePart((await parts.text(target)) ?? '') : undefined;
        const range = table && parseRange(table.ref);
        if (!table || !range) continue;
        // Every table is taken to have one header row (Excel omits headerRowCount for it).
        const info: ListObjectInfo = { name: table.name, ...range, totalsRow: table.totalsRow, columnNames: table.columnNames };
        grid.listObjects.push(info);
      }
    }
    sheets.push(grid);
  }
  return { sheets, definedNames: workbook.definedNames };
}

export type { SheetGrid } from './sheetTables';
