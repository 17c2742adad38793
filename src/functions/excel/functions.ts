/**
 * Entry point of the custom functions (bundled into the shared-runtime page): registers
 * every CRM3 function with Excel once office.js is there. Messages follow Office's display
 * language.
 */
import { Locale, localeOf } from '../../core/i18n';
import { OFFICE_LOADED_EVENT } from '../../core/officeEvents';
import { catalog } from '../catalog';
import { CustomFunctionsRuntime, associateAll } from './excelAdapter';

function displayLocale(): Locale {
  try {
    const lang = typeof Office !== 'undefined' ? Office.context?.displayLanguage : undefined;
    return localeOf(lang);
  } catch {
    return 'en-US';
  }
}

function registerFunctions(): void {
  if (typeof CustomFunctions === 'undefined') return;
  associateAll(catalog, CustomFunctions as unknown as CustomFunctionsRuntime, displayLocale);
}

if (typeof CustomFunctions !== 'undefined') registerFunctions();
else if (typeof window !== 'undefined') window.addEventListener(OFFICE_LOADED_EVENT, registerFunctions, { once: true });
