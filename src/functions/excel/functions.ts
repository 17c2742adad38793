/**
 * Entry point of the custom functions (loaded by the shared runtime page): registers every
 * CRM3 function with Excel. Messages follow Office's display language.
 */
import { Locale } from '../../calc/messages';
import { catalog } from '../catalog';
import { CustomFunctionsRuntime, associateAll } from './excelAdapter';

function displayLocale(): Locale {
  try {
    const lang = typeof Office !== 'undefined' ? Office.context?.displayLanguage : undefined;
    return lang && lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
  } catch {
    return 'en-US';
  }
}

if (typeof CustomFunctions !== 'undefined') {
  associateAll(catalog, CustomFunctions as unknown as CustomFunctionsRuntime, displayLocale);
}
