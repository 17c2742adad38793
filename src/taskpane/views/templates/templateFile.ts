/**
 * Loads a built template file (dist/templates/<id>.<locale>.xlsx, copied there by the build)
 * and hands it over as base64, the form WorkbookHost.insertTemplate takes. Never throws: a
 * missing file or a network failure comes back as a bilingual message.
 */
import { Locale, Message } from '../../../core/i18n';
import { base64FromBytes } from '../../../host/base64';
import type { TemplateId } from '../../../templates/catalog';

export type TemplateFile = { ok: true; base64: string } | { ok: false; message: Message };

export function templateFileUrl(id: TemplateId, locale: Locale): string {
  return `templates/${id}.${locale}.xlsx`;
}

function cannotLoad(file: string, why: string): Message {
  return {
    en: `The template file ${file} could not be loaded (${why}). Rebuild the add-in (npm run build) so that its templates folder holds the template files, then try again.`,
    zh: `无法加载模板文件 ${file}（${why}）。请重新构建加载项（npm run build），确保 templates 文件夹中包含模板文件后再试。`,
  };
}

export async function loadTemplateFile(id: TemplateId, locale: Locale, fetchFile: typeof fetch = fetch): Promise<TemplateFile> {
  const file = templateFileUrl(id, locale);
  try {
    const response = await fetchFile(file);
    if (!response.ok) return { ok: false, message: cannotLoad(file, `HTTP ${response.status}`) };
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length === 0) return { ok: false, message: cannotLoad(file, 'empty file') };
    return { ok: true, base64: base64FromBytes(bytes) };
  } catch (e) {
    return { ok: false, message: cannotLoad(file, e instanceof Error ? e.message : String(e)) };
  }
}
