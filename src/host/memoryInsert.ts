/**
 * Template insertion over a snapshot (web mode, CLI, tests): a snapshot holds one table of
 * each kind, so the template's tables, Config tables, settings and indicators are added
 * only where the workbook lacks them; what it already has is kept and reported as skipped.
 */
import { Locale } from '../core/i18n';
import { CONFIG_TABLES } from '../model/config';
import { TABLES } from '../model/schema';
import { WorkbookSnapshot } from '../model/snapshot';
import { readWorkbookBuffer } from '../io/readWorkbook';
import { templateInfo } from '../templates/catalog';
import { bytesFromBase64 } from './base64';
import { H, reason } from './hostMessages';
import { HostResult, InsertTemplateRequest, InsertedTemplate } from './workbookHost';

type Skipped = NonNullable<InsertedTemplate['skipped']>;

export async function readTemplateSnapshot(base64: string, name: string): Promise<HostResult<{ snapshot: WorkbookSnapshot }>> {
  let bytes: Uint8Array;
  try {
    bytes = bytesFromBase64(base64);
  } catch (e) {
    return { ok: false, message: H.badTemplate(reason(e)) };
  }
  const read = await readWorkbookBuffer(bytes, name);
  if (!read.ok) return { ok: false, message: H.badTemplate(read.reason.message.en) };
  return { ok: true, snapshot: read.snapshot };
}

/** Adds to `target` (in place) what `template` has and `target` lacks. */
export function mergeTemplate(
  target: WorkbookSnapshot,
  template: WorkbookSnapshot,
  request: Pick<InsertTemplateRequest, 'id' | 'locale'>,
): InsertedTemplate {
  const added = new Set<string>();
  const skipped: Skipped = [];
  for (const spec of CONFIG_TABLES) {
    const t = template.config[spec.name];
    if (!t) continue;
    if (target.config[spec.name]) skipped.push({ kind: 'table', name: spec.name });
    else {
      target.config[spec.name] = structuredClone(t);
      added.add(t.sheet);
    }
  }
  for (const spec of TABLES) {
    const t = template.tables[spec.name];
    if (!t) continue;
    if (target.tables[spec.name]) skipped.push({ kind: 'table', name: spec.name });
    else {
      target.tables[spec.name] = structuredClone(t);
      added.add(t.sheet);
    }
  }
  for (const [setting, value] of Object.entries(template.settings) as [keyof WorkbookSnapshot['settings'], unknown][]) {
    if (setting in target.settings) skipped.push({ kind: 'name', name: setting });
    else {
      target.settings[setting] = value as WorkbookSnapshot['settings'][typeof setting];
      const cell = template.settingCells?.[setting];
      if (cell) (target.settingCells ??= {})[setting] = cell;
    }
  }
  if (template.indicators?.length) {
    if (target.indicators?.length) skipped.push({ kind: 'sheet', name: 'Indicators' });
    else target.indicators = structuredClone(template.indicators);
  }
  const order = sheetOrder(request.id, request.locale);
  const sheets = [...added].sort((a, b) => rank(order, a) - rank(order, b));
  return { sheets, firstSheet: sheets[0] ?? '', renamed: [], skipped };
}

function sheetOrder(id: InsertTemplateRequest['id'], locale: Locale): readonly string[] {
  const info = templateInfo(id);
  return info ? (locale === 'zh-CN' ? info.sheets.zh : info.sheets.en) : [];
}

function rank(order: readonly string[], sheet: string): number {
  const i = order.indexOf(sheet);
  return i < 0 ? order.length : i;
}
