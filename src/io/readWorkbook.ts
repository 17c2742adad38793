/**
 * Reading a CRM3 workbook (.xlsx) into a WorkbookSnapshot. The package is inspected first
 * (zipGuard: size, encryption, macros, corruption, zip bombs); only a package that passes
 * is parsed, straight from its XML parts (xlsxPackage, xlsxSheet: one linear pass per part,
 * rows kept compactly, so 50,000 opportunities read in seconds). Never throws: a file that
 * cannot be read gives a ReadFailure whose message says why, and everything odd inside a
 * readable file becomes a Problem. The input is only ever read, never written.
 */
import { DateOrder } from '../model/exportValues';
import { deriveFromExport } from '../model/exportDerive';
import { Problem, WorkbookSnapshot } from '../model/snapshot';
import { normalizeSnapshot } from '../model/normalize';
import { ReadFailure, failures } from './readFailure';
import { DefinedName, FindOptions, ListObjectInfo, SheetGrid, TooManyRowsError, findTables } from './sheetTables';
import {
  PartFailure,
  TablePart,
  XlsxParts,
  parseSharedStrings,
  parseStyles,
  parseTablePart,
  readRelationships,
  readWorkbookPart,
} from './xlsxPackage';
import { Area } from './mergedCells';
import { scanSheetPieces } from './sheetPieces';
import { ParsedSheet, SheetContext, WorksheetScan, parseRange, parseWorksheet } from './xlsxSheet';
import { SHEET_PROBLEMS } from './sheetLimits';
import { XmlScanner } from './xmlScan';
import { memoryRefusal, readingBytes } from '../engine/memoryBudget';
import { ZipEntry, ZipLimits, inspectXlsx, inspectXlsxFile, limitsWith } from './zipGuard';

export type { ReadFailure, ReadFailureCode } from './readFailure';

export interface ReadOptions extends Partial<ZipLimits> {
  /** Most data rows accepted in one table. Default 1,048,576 (Excel's sheet size). */
  maxRows?: number;
  /**
   * Most memory reading may take, in bytes: a workbook whose XML would need more (engine/
   * memoryBudget) is refused before it is parsed. Default: no limit.
   */
  maxMemoryBytes?: number;
  /** For a CRM export: column choices before the header aliases (the pane's mapping view). */
  columnChoices?: FindOptions['columnChoices'];
  /** For a CRM export: the Config of the CRM3 workbook it is read for (StageMap, ImportMap, questions). */
  importConfig?: FindOptions['importConfig'];
  /** How day/month dates are read when a column does not show it (default month first, with a warning). */
  dateOrder?: DateOrder;
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
  if (options.maxMemoryBytes !== undefined) {
    // The parts the reader parses; their sizes are enforced while inflating (a part cannot grow past its declared size).
    const xml = entries.filter((e) => /\.xml$/i.test(e.name)).reduce((n, e) => n + e.uncompressedSize, 0);
    const refusal = memoryRefusal(name, 'read', readingBytes(xml), options.maxMemoryBytes, {
      en: `${Math.ceil(xml / (1024 * 1024)).toLocaleString('en-US')} MB of sheet XML`,
      zh: `工作表 XML 共 ${Math.ceil(xml / (1024 * 1024)).toLocaleString('en-US')} MB`,
    });
    if (refusal) return { ok: false, reason: { code: 'too-large', message: refusal } };
  }
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
    const snapshot = snapshotOf(grids.sheets, grids.definedNames, options);
    // What the reader left out of damaged parts comes first: it may explain the problems after it.
    snapshot.problems = [...grids.problems, ...snapshot.problems];
    return { ok: true, snapshot };
  } catch (e) {
    if (e instanceof TooManyRowsError) return { ok: false, reason: failures.tooManyRows(e.sheet, e.table, e.rows, e.limit) };
    throw e;
  }
}

/**
 * The snapshot of a workbook's grids: its tables found (by name, or as a CRM export by their
 * headers), values cleaned, and what an export lacks derived. Throws TooManyRowsError.
 */
export function snapshotOf(sheets: readonly SheetGrid[], names: readonly DefinedName[], options: ReadOptions): WorkbookSnapshot {
  const found = findTables(sheets, names, {
    maxRows: options.maxRows ?? DEFAULT_MAX_ROWS,
    columnChoices: options.columnChoices,
    importConfig: options.importConfig,
  });
  const snapshot: WorkbookSnapshot = { ...found, problems: found.problems.done() };
  if (!snapshot.indicators) delete snapshot.indicators;
  // An export is read with the Config of the workbook it is read for (its StageMap, stages, questions).
  if (snapshot.imported && options.importConfig && !Object.keys(snapshot.config).length)
    snapshot.config = structuredClone(options.importConfig);
  normalizeSnapshot(snapshot, { dateOrder: options.dateOrder });
  if (snapshot.imported) {
    deriveFromExport(snapshot, snapshot.imported);
    snapshot.problems.push(exportNotice(snapshot));
  }
  return snapshot;
}

/** One line saying the file was read as a CRM export, and what was made up for it. */
function exportNotice(s: WorkbookSnapshot): Problem {
  const t = s.imported!.tables[0];
  return {
    severity: 'warning',
    sheet: t.sheet,
    cell: '',
    message: {
      en: `${t.sheet} is read as a CRM export (headers in row ${t.headerRow}). ${s.imported!.derived.map((m) => m.en).join(' ')} Run crm3 import to make a CRM3 workbook of it that you can complete.`.replace(
        /\s+/g,
        ' ',
      ),
      zh: `${t.sheet} 按 CRM 导出文件读取（表头在第 ${t.headerRow} 行）。${s.imported!.derived.map((m) => m.zh).join('')}可运行 crm3 import 将其转为 CRM3 工作簿后补充数据。`,
    },
  };
}

/**
 * Every worksheet of the package as a grid, with its Excel tables, and the workbook's
 * defined names. Sheets are parsed one at a time, the next one inflating meanwhile (XlsxParts'
 * readAhead): one sheet's XML (or a few small ones) is held beside the one scanned; a big
 * sheet is never held whole (sheetPieces.ts).
 * What does not fit Excel's sheet, or XML that does not nest, becomes a problem (the rest is
 * read). Throws on a damaged package (PartFailure, ZipEntryError).
 */
export async function readGrids(
  parts: XlsxParts,
): Promise<{ sheets: SheetGrid[]; definedNames: DefinedName[]; problems: Problem[] }> {
  const workbook = await readWorkbookPart(parts);
  // Each of these parts inflates while the ones before it are scanned (XlsxParts.readAhead); a
  // big sheet inflates piece by piece as it is scanned (sheetPieces.ts).
  const sheetsWhole = workbook.sheets.map((sheet) => sheet.part).filter((part) => part && !parts.inPieces(part));
  parts.readAhead([workbook.sharedStringsPart, workbook.stylesPart, ...sheetsWhole]);
  const problems: Problem[] = [];
  const partText = async (part: string, parse: (s: XmlScanner) => void) => {
    const xml = (await parts.xml(part)) ?? '';
    const s = new XmlScanner(xml);
    parse(s);
    if (s.malformed)
      problems.push({
        severity: 'error',
        sheet: '',
        cell: '',
        message: SHEET_PROBLEMS.malformedPart(part, s.malformed.at, s.malformed.what),
      });
  };
  const ctx: SheetContext = { sharedStrings: [], dateStyles: [], date1904: workbook.date1904 };
  if (workbook.sharedStringsPart) await partText(workbook.sharedStringsPart, (s) => (ctx.sharedStrings = parseSharedStrings(s)));
  if (workbook.stylesPart)
    await partText(workbook.stylesPart, (s) => {
      const styles = parseStyles(s);
      ctx.dateStyles = styles.dateStyles;
      ctx.currencyStyles = styles.currencyStyles;
    });
  const sheets: SheetGrid[] = [];
  for (const sheet of workbook.sheets) {
    if (!sheet.part) continue;
    // A big sheet is scanned as it inflates (sheetPieces.ts), after its tables are known.
    const pieces = parts.pieces(sheet.part);
    const xml = pieces ? undefined : await parts.xml(sheet.part);
    if (!pieces && xml === undefined) continue;
    // The sheet's table parts, read before its cells: the cells of its table are then held by
    // column as they are scanned (issue #15). Which tables the sheet lists is known only after.
    const tableParts = new Map<string, TablePart | undefined>();
    const tablePart = async (target: string) => {
      if (!tableParts.has(target)) tableParts.set(target, parseTablePart((await parts.xml(target)) ?? ''));
      return tableParts.get(target);
    };
    let rels: Awaited<ReturnType<typeof readRelationships>>;
    let block: ReturnType<typeof parseRange>;
    try {
      rels = await readRelationships(parts, sheet.part);
      for (const rel of rels.values()) {
        if (!/\/table$/.test(rel.type)) continue;
        const range = parseRange((await tablePart(rel.target))?.ref ?? '');
        if (range) {
          block = range;
          break;
        }
      }
    } catch (e) {
      // A damaged sheet fails before its damaged table part, as when the sheet is read first.
      if (pieces) await parts.xml(sheet.part);
      throw e;
    }
    const parsed =
      (pieces && (await scannedInPieces(sheet.name, pieces, parts.declaredSize(sheet.part), ctx, sheet.part, block))) ??
      parseWorksheet(sheet.name, xml ?? (await parts.xml(sheet.part)) ?? '', ctx, sheet.part, block);
    const grid = parsed.grid;
    problems.push(...parsed.problems);
    if (parsed.tableIds.length) {
      for (const id of parsed.tableIds) {
        const target = rels.get(id)?.target;
        const table = target ? await tablePart(target) : undefined;
        if (!table) continue;
        const range = parseRange(table.ref);
        if (!range) {
          if (table.ref.trim())
            problems.push({
              severity: 'error',
              sheet: sheet.name,
              cell: '',
              message: SHEET_PROBLEMS.tableBeyondGrid(sheet.name, table.name, table.ref),
            });
          continue;
        }
        // Every table is taken to have one header row (Excel omits headerRowCount for it).
        const info: ListObjectInfo = { name: table.name, ...range, totalsRow: table.totalsRow, columnNames: table.columnNames };
        grid.listObjects.push(info);
      }
    }
    sheets.push(grid);
  }
  return { sheets, definedNames: workbook.definedNames, problems };
}

/** A sheet scanned as it inflates; undefined when it is to be read whole (scanSheetPieces). */
async function scannedInPieces(
  name: string,
  pieces: AsyncIterable<Uint8Array>,
  length: number,
  ctx: SheetContext,
  part: string,
  block: Area | undefined,
): Promise<ParsedSheet | undefined> {
  const scan = await scanSheetPieces((head) => new WorksheetScan(name, ctx, part, block, length, head), pieces);
  return scan?.done();
}

export type { SheetGrid } from './sheetTables';
