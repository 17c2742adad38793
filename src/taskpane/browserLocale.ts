/** The page's language in web mode: ?lang= wins (tests, links), then the browser's language. */
import { Locale, localeOf } from '../core/i18n';

export function browserLocale(): Locale {
  return localeOf(new URLSearchParams(window.location.search).get('lang') ?? navigator.language);
}
