/**
 * Web mode's workbook (DESIGN.md §8), loaded as its own chunk: the bundled sample on a
 * MemoryHost at start (generated, so no xlsx parsing is needed), or a local .xlsx the user opens.
 */
import type { Locale } from '../../core/i18n';
import { MemoryHost } from '../../host/memoryHost';
import type { WorkbookSnapshot } from '../../model/snapshot';
import { generateSample } from '../../model/sample';

export const SAMPLE_FILE = { 'en-US': 'crm3-sample.en-US.xlsx', 'zh-CN': 'crm3-sample.zh-CN.xlsx' } as const;

export function sampleHost(locale: Locale): MemoryHost {
  return new MemoryHost(generateSample({ locale }), { fileName: SAMPLE_FILE[locale], locale });
}

/** A host over a workbook the user opened (read by the engine worker, off the main thread), with the file's own bytes. */
export function hostFor(snapshot: WorkbookSnapshot, fileName: string, locale: Locale, fileBytes?: Uint8Array): MemoryHost {
  return new MemoryHost(snapshot, { fileName, locale, ...(fileBytes ? { fileBytes } : {}) });
}
