/**
 * Web mode's built-in workbook: the generated sample in the page's language. The page holds
 * it on its MemoryHost and the engine worker builds the same one while React loads (issue #15,
 * web mode's first indicator); the generator is seeded, so both threads get equal workbooks.
 */
import type { Locale } from '../../core/i18n';
import { generateSample } from '../../model/sample';
import type { WorkbookSnapshot } from '../../model/snapshot';

export const SAMPLE_FILE = { 'en-US': 'crm3-sample.en-US.xlsx', 'zh-CN': 'crm3-sample.zh-CN.xlsx' } as const;

export function sampleWorkbook(locale: Locale): WorkbookSnapshot {
  return generateSample({ locale });
}
