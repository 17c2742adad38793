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

/** The text (or any value kept per language, e.g. a list of sheet names) for the locale. */
export function pick<T = string>(message: { readonly en: T; readonly zh: T }, locale: Locale): T {
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

/**
 * A table of a screen's texts: Messages, functions that make Messages (counts, names), and
 * nested tables. Each entry holds its en and zh side by side, so a missing translation is a
 * compile error.
 */
export interface MessageTable {
  readonly [key: string]: Message | ((...args: never[]) => Message) | MessageTable;
}

/** A MessageTable picked in one language: the same keys, with strings where the Messages were. */
export type Picked<T> = {
  readonly [K in keyof T]: T[K] extends Message
    ? string
    : T[K] extends (...args: infer A) => Message
      ? (...args: A) => string
      : Picked<T[K]>;
};

const isMessage = (v: unknown): v is Message =>
  typeof v === 'object' && v !== null && typeof (v as Message).en === 'string' && typeof (v as Message).zh === 'string';

const pickedTables = new WeakMap<object, Map<Locale, unknown>>();

/** `pick` over a whole table (made once per table and locale): what a view reads its texts from. */
export function pickAll<T extends MessageTable>(table: T, locale: Locale): Picked<T> {
  let byLocale = pickedTables.get(table);
  if (!byLocale) pickedTables.set(table, (byLocale = new Map()));
  let picked = byLocale.get(locale) as Picked<T> | undefined;
  if (!picked) {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(table)) {
      out[key] = isMessage(entry)
        ? pick(entry, locale)
        : typeof entry === 'function'
          ? (...args: never[]) => pick(entry(...args), locale)
          : pickAll(entry as MessageTable, locale);
    }
    picked = out as Picked<T>;
    byLocale.set(locale, picked);
  }
  return picked;
}

/** "1 account", "3 accounts": an English count with its noun (zh nouns do not change). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
