/**
 * The templates as built files, shared by the template tests: every template × locale,
 * empty or filled with the sample, and their formula cells read back from the .xlsx itself
 * (not from the builder's own list), tables included.
 */
import { Locale } from '../../src/core/i18n';
import { listFormulaCells } from '../../src/io/formulaWorkbook';
import { generateSample } from '../../src/model/sample';
import { TEMPLATE_LOCALES, buildTemplate, templateFileName } from '../../src/templates/build';
import { TEMPLATES, TemplateId } from '../../src/templates/catalog';
import type { LintFormula } from '../../src/templates/lint';

export interface BuiltTemplate {
  id: TemplateId;
  locale: Locale;
  file: string;
  bytes: Buffer;
}

export const TEMPLATE_CASES: { id: TemplateId; locale: Locale }[] = TEMPLATES.flatMap((t) =>
  TEMPLATE_LOCALES.map((locale) => ({ id: t.id, locale })),
);

const cache = new Map<string, Promise<Buffer>>();

/** One template, empty or filled with the sample of its locale (built once per test file). */
export function built(id: TemplateId, locale: Locale, filled: boolean): Promise<Buffer> {
  const key = `${id} ${locale} ${filled}`;
  let p = cache.get(key);
  if (!p) {
    p = buildTemplate(id, locale, filled ? { data: generateSample({ locale }) } : {});
    cache.set(key, p);
  }
  return p;
}

export async function builtTemplate(id: TemplateId, locale: Locale, filled: boolean): Promise<BuiltTemplate> {
  return { id, locale, file: templateFileName(id, locale), bytes: await built(id, locale, filled) };
}

/** Formula cells of a built file, as the lint takes them. */
export async function formulasOf(bytes: Uint8Array, name: string): Promise<LintFormula[]> {
  const read = await listFormulaCells(bytes, name);
  if (!read.ok) throw new Error(`${name}: ${read.reason.message.en}`);
  return read.formulas;
}
