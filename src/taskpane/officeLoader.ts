/**
 * Whether the page runs inside Office. Office loads `taskpane.html`, which references office.js
 * from Microsoft's CDN in `<head>` as the docs require ("reference the Office JavaScript API
 * from inside the <head> section", referencing-the-javascript-api-for-office-library-from-its-cdn),
 * so the custom functions of the shared runtime register before any body code runs. Web mode
 * is served from `index.html`, which has no office.js: no request leaves the machine.
 *
 * Office.onReady answers with `host: null` outside Office (initialize-add-in). When office.js
 * is absent (web mode), or never initialises because the CDN is unreachable, the page starts
 * in web mode after a short wait instead of hanging. Nothing here reads `_host_info`: the docs
 * say code must neither read nor write it.
 */
import { OFFICE_LOADED_EVENT } from '../core/officeEvents';

export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** How long a page with office.js waits for Office.onReady before starting in web mode. */
export const OFFICE_READY_TIMEOUT_MS = 10_000;

interface OfficeLike {
  onReady(): Promise<{ host: unknown; platform?: unknown } | undefined>;
}

/**
 * Resolves true inside an Office host (and announces office.js to the custom functions), false
 * in a plain browser, without office.js, or when office.js does not answer in `timeoutMs`.
 */
export async function detectOffice(
  office: OfficeLike | undefined = typeof Office !== 'undefined' ? (Office as unknown as OfficeLike) : undefined,
  timeoutMs = OFFICE_READY_TIMEOUT_MS,
  target: Pick<EventTarget, 'dispatchEvent'> | undefined = typeof window !== 'undefined' ? window : undefined,
): Promise<boolean> {
  if (!office || typeof office.onReady !== 'function') return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  try {
    const info = await Promise.race([office.onReady().catch(() => undefined), timeout]);
    const inOffice = !!info?.host;
    if (inOffice) target?.dispatchEvent(new Event(OFFICE_LOADED_EVENT));
    return inOffice;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
