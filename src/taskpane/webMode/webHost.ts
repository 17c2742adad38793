/**
 * Web mode's workbook (DESIGN.md §8), loaded as its own chunk: the bundled sample on a
 * MemoryHost at start (generated, so no xlsx parsing is needed), or a local .xlsx the user opens.
 */
import type { Locale } from '../../core/i18n';
import { MemoryHost } from '../../host/memoryHost';
import { choicesOfImport, importMapTable } from '../../model/importMapping';
import type { WorkbookSnapshot } from '../../model/snapshot';
import { SAMPLE_FILE, sampleWorkbook } from './sample';

export { SAMPLE_FILE } from './sample';

/** A host over the sample in this language (generated, or given as generated). */
export function sampleHost(locale: Locale, sample: WorkbookSnapshot = sampleWorkbook(locale)): MemoryHost {
  return new MemoryHost(sample, { fileName: SAMPLE_FILE[locale], locale });
}

export { sampleWorkbook } from './sample';

/** A host over a workbook the user opened (read by the engine worker, off the main thread), with the file's own bytes. */
export function hostFor(snapshot: WorkbookSnapshot, fileName: string, locale: Locale, fileBytes?: Uint8Array): MemoryHost {
  return new MemoryHost(snapshot, { fileName, locale, ...(fileBytes ? { fileBytes } : {}) });
}

/** Where the confirmed mapping is kept between exports (this browser). */
const REMEMBERED = 'crm3.importMap';

/** The Config (its ImportMap) of the mapping confirmed last, for reading the next export; undefined when none. */
export function rememberedImportConfig(): WorkbookSnapshot['config'] | undefined {
  try {
    const text = globalThis.localStorage?.getItem(REMEMBERED);
    const table = text ? (JSON.parse(text) as WorkbookSnapshot['config']['ImportMap']) : undefined;
    return table && Array.isArray(table.rows) && Array.isArray(table.headers) ? { ImportMap: table } : undefined;
  } catch {
    return undefined; // storage off or a damaged entry: read with the header aliases
  }
}

/**
 * An export read: its Config's ImportMap records the columns as read (a workbook made of it
 * keeps them); a mapping the user confirmed is also remembered for the next export.
 */
export function recordImportMap(snapshot: WorkbookSnapshot, locale: Locale, confirmed: boolean): void {
  const table = snapshot.imported ? importMapTable(choicesOfImport(snapshot.imported), locale) : undefined;
  if (!table) return;
  snapshot.config = { ...snapshot.config, ImportMap: table };
  if (!confirmed) return;
  try {
    globalThis.localStorage?.setItem(REMEMBERED, JSON.stringify(table));
  } catch {
    // Storage full or off: the mapping still applies to this file.
  }
}
