/**
 * Entry point of the custom functions (bundled into the shared-runtime page): registers
 * every CRM3 function with Excel once office.js is there. Messages follow Office's display
 * language.
 */
import { Locale } from '../../calc/messages';
import { catalog } from '../catalog';
import { CustomFunctionsRuntime, associateAll } from './excelAdapter';

const OFFICE_LOADED_EVENT = 'crm3-office-loaded';

function displayLocale(): Locale {
  try {
    const lang = typeof Office !== 'undefined' ? Office.context?.displayLanguage : undefined;
    return lang && lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
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
