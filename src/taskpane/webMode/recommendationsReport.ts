/**
 * The recommendations report (高阶建议报告, issue #17) from the pane. The engine worker gathers
 * the data (the same ReportData `crm3 report` lays out); this thread draws the pictures with
 * the browser's canvas (a worker cannot decode SVG) and lays out the Word document with the
 * same io/report code as the command line, so the two documents say the same.
 */
import { Locale, bi, pick } from '../../core/i18n';
import type { Picture } from '../../io/report/reportCharts';
import type { PaneEngine } from '../paneEngine';

const TEXT = {
  notDrawn: (alt: string) => bi(`the picture "${alt}" could not be drawn`, `无法绘制图片“${alt}”`),
  noCanvas: bi('this browser cannot draw pictures (no canvas)', '此浏览器无法绘制图片（不支持画布）'),
  noPng: (alt: string) => bi(`the picture "${alt}" could not be saved as PNG`, `无法将图片“${alt}”保存为 PNG`),
};

/** PNG of a picture at twice its size (sharp in print), drawn by the browser; failures said in `locale`. */
export async function rasteriseWithCanvas(picture: Picture, locale: Locale): Promise<Uint8Array> {
  // A data: URL, not a blob: one: the pane's Content-Security-Policy allows img-src 'self' data: only.
  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error(pick(TEXT.notDrawn(picture.alt), locale)));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture.svg)}`;
  });
  const canvas = document.createElement('canvas');
  canvas.width = picture.width * 2;
  canvas.height = picture.height * 2;
  const context = canvas.getContext('2d');
  if (!context) throw new Error(pick(TEXT.noCanvas, locale));
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!png) throw new Error(pick(TEXT.noPng(picture.alt), locale));
  return new Uint8Array(await png.arrayBuffer());
}

/** The report of the loaded workbook as .docx bytes, in `locale`, dated `date` (ISO). */
export async function recommendationsReportBytes(
  engine: PaneEngine,
  options: { locale: Locale; source: string; date: string },
): Promise<Uint8Array> {
  const data = await engine.reportData();
  const { buildRecommendationsReport } = await import(/* webpackChunkName: "report-docx" */ '../../io/report/reportDocx');
  return buildRecommendationsReport(data, { ...options, rasterise: (p) => rasteriseWithCanvas(p, options.locale) });
}
