/**
 * Decides whether the page runs inside Office and, if so, loads office.js from Microsoft's
 * CDN (as Office requires). Outside Office (web mode, tests) nothing is fetched.
 */
import { OFFICE_LOADED_EVENT } from '../core/officeEvents';

export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** Office opens add-in pages with `_host_Info` in the query (and keeps it in sessionStorage). */
export function runsInOffice(location: Pick<Location, 'search'>, storage?: Pick<Storage, 'getItem'>): boolean {
  if (/[?&]_host_Info=/i.test(location.search)) return true;
  try {
    return !!storage?.getItem('hostInfoValue');
  } catch {
    return false;
  }
}

export function loadOfficeJs(doc: Document = document): Promise<boolean> {
  return new Promise((resolve) => {
    const script = doc.createElement('script');
    script.src = OFFICE_JS_URL;
    script.onload = () => {
      window.dispatchEvent(new Event(OFFICE_LOADED_EVENT));
      resolve(true);
    };
    script.onerror = () => resolve(false);
    doc.head.appendChild(script);
  });
}
