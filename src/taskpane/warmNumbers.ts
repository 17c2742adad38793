/**
 * The first Intl.NumberFormat a page makes loads its language's number data: 35 ms (en-US) to
 * 86 ms (zh-CN) of the page's thread in Chromium, on a fresh page. Nothing the pane shows before
 * the results formats a number, so the first indicator card paid it, after the results had come
 * (issue #15, web mode's first indicator). Made once while the page is idle instead (waiting for
 * its chunks or for the engine worker), through the same `formatValue` the cards use, so the
 * cards' own formats then take a fraction of a millisecond each. Nothing shown changes.
 */
import type { Locale } from '../core/i18n';
import { formatValue } from '../core/format';

export function warmNumbers(locale: Locale): void {
  const warm = () => void formatValue(0.5, 'ratio', locale, { style: 'compact' });
  const idle = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
  // The timeout: a page kept busy still makes it before the results can come.
  if (idle) idle(warm, { timeout: 500 });
  else setTimeout(warm, 0);
}
