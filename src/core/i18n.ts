/**
 * The one i18n style of the project: every user-visible text is a `Message` with en-US and
 * zh-CN, chosen by `pick` at the edge (pane, CLI, templates, reports). Kernels build
 * messages; hosts show the one matching the user's language.
 */
export interface Message {
  en: string;
  zh: string;
}

export type Locale = 'en-US' | 'zh-CN';

export const LOCALES: readonly Locale[] = ['en-US', 'zh-CN'];

/** A message from its two texts. */
export function bi(en: string, zh: string): Message {
  return { en, zh };
}

export function pick(message: Message, locale: Locale): string {
  return locale === 'zh-CN' ? message.zh : message.en;
}

/**
 * The locale of a language tag (Office's display language, `--lang`, LANG, navigator.language):
 * zh-CN for any Chinese tag ("zh", "zh-Hans-CN", "ZH_cn.UTF-8"), en-US otherwise.
 */
export function localeOf(tag: string | null | undefined): Locale {
  return typeof tag === 'string' && /^\s*zh/i.test(tag) ? 'zh-CN' : 'en-US';
}

/** A list as the language writes it: "a, b, c" in en, "a、b、c" in zh. */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}
