/**
 * The native Excel charts a template asks for (files built with ExcelJS cannot carry
 * charts): one chart per TemplateChart, on its sheet as named after insertion.
 */
import { Locale } from '../core/i18n';
import { TemplateChart, templateInfo } from '../templates/catalog';
import { TemplateId } from '../templates/catalog';

/** The charts the catalog lists for a template. */
export function catalogCharts(id: TemplateId): readonly TemplateChart[] {
  return templateInfo(id)?.charts ?? [];
}

/** Queues the charts; the caller syncs. `sheetName` maps a template sheet to its inserted name. */
export function addCharts(
  ctx: Excel.RequestContext,
  charts: readonly TemplateChart[],
  locale: Locale,
  sheetName: (templateSheet: string) => string | undefined,
): number {
  let added = 0;
  for (const c of charts) {
    const name = sheetName(locale === 'zh-CN' ? c.sheet.zh : c.sheet.en);
    if (!name) continue;
    const ws = ctx.workbook.worksheets.getItem(name);
    const chart = ws.charts.add(c.type as Excel.ChartType, ws.getRange(c.source), 'Auto');
    chart.title.text = locale === 'zh-CN' ? c.title.zh : c.title.en;
    chart.setPosition(c.anchor);
    added++;
  }
  return added;
}
