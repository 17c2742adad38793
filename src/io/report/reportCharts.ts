/**
 * The report's pictures as SVG text: the ABCD tier matrix, the open pipeline by stage and a
 * win rate with its Wilson interval per group. Plain SVG (rectangles, circles, lines, text)
 * so any rasteriser draws it the same: resvg in the CLI, the browser's canvas in the pane.
 * The numbers arrive computed; this file only places them.
 */
import { formatValue } from '../../core/format';
import { Locale, bi, pick } from '../../core/i18n';
import type { DashboardCharts } from '../../engine/charts';
import type { StageRow } from '../../engine/reportData';

export interface Picture {
  svg: string;
  width: number;
  height: number;
  /** What the picture shows, for the document's alternative text. */
  alt: string;
}

/** Fonts a rasteriser should find: CJK first so Chinese labels never fall back to boxes. */
export const PICTURE_FONTS = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'DejaVu Sans', Arial, sans-serif";

const TIER_COLOURS: Record<string, string> = { A: '#1f6f43', B: '#2f6db5', C: '#c27c0e', D: '#8a8a8a' };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function svgOf(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${esc(PICTURE_FONTS)}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

const text = (x: number, y: number, s: string, size = 12, anchor = 'start', extra = '') =>
  `<text x="${x}" y="${y}" font-size="${size}" text-anchor="${anchor}" fill="#222222"${extra}>${esc(s)}</text>`;

/** The ABCD matrix: attractiveness up, position across, the two thresholds, one dot per account. */
export function tierMatrixPicture(matrix: DashboardCharts['tierMatrix'], locale: Locale): Picture {
  const W = 560;
  const H = 440;
  const left = 60;
  const top = 20;
  const size = { w: W - left - 20, h: H - top - 60 };
  const x = (p: number) => left + (Math.max(0, Math.min(100, p)) / 100) * size.w;
  const y = (a: number) => top + size.h - (Math.max(0, Math.min(100, a)) / 100) * size.h;
  const tx = x(matrix.positionThreshold);
  const ty = y(matrix.attractivenessThreshold);
  const quadrant = (tier: string, x0: number, y0: number, x1: number, y1: number) =>
    `<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" fill="${TIER_COLOURS[tier]}" fill-opacity="0.10"/>` +
    text(
      (x0 + x1) / 2,
      y0 + 22,
      pick(bi(`Tier ${tier}`, `${tier} 类`), locale),
      16,
      'middle',
      ` fill-opacity="0.8" font-weight="bold"`,
    );
  const body = [
    // Matrix method: A = attractive and strong, B = attractive and weak, C = strong only, D = neither.
    quadrant('A', tx, top, left + size.w, ty),
    quadrant('B', left, top, tx, ty),
    quadrant('C', tx, ty, left + size.w, top + size.h),
    quadrant('D', left, ty, tx, top + size.h),
    `<rect x="${left}" y="${top}" width="${size.w}" height="${size.h}" fill="none" stroke="#555555"/>`,
    `<line x1="${tx}" y1="${top}" x2="${tx}" y2="${top + size.h}" stroke="#555555" stroke-dasharray="4 3"/>`,
    `<line x1="${left}" y1="${ty}" x2="${left + size.w}" y2="${ty}" stroke="#555555" stroke-dasharray="4 3"/>`,
  ];
  for (const t of [0, 25, 50, 75, 100]) {
    body.push(text(x(t), top + size.h + 16, String(t), 11, 'middle'));
    body.push(text(left - 6, y(t) + 4, String(t), 11, 'end'));
  }
  body.push(
    text(
      left + size.w / 2,
      H - 14,
      pick(bi('Position (our strength at the account)', '竞争地位（我方在客户中的优势）'), locale),
      13,
      'middle',
    ),
  );
  body.push(
    `<text x="16" y="${top + size.h / 2}" font-size="13" text-anchor="middle" fill="#222222" transform="rotate(-90 16 ${top + size.h / 2})">${esc(pick(bi('Attractiveness', '客户吸引力'), locale))}</text>`,
  );
  for (const p of matrix.points) {
    const colour = TIER_COLOURS[p.tier] ?? '#444444';
    body.push(
      `<circle cx="${x(p.position).toFixed(1)}" cy="${y(p.attractiveness).toFixed(1)}" r="5" fill="${colour}" fill-opacity="0.85" stroke="#ffffff" stroke-width="1"/>`,
    );
  }
  return {
    svg: svgOf(W, H, body),
    width: W,
    height: H,
    alt: pick(
      bi(
        `Tier matrix: ${matrix.points.length} accounts by attractiveness and position`,
        `分级矩阵：${matrix.points.length} 个客户的吸引力与竞争地位`,
      ),
      locale,
    ),
  };
}

/** Open pipeline per stage as horizontal bars (amount, with the weighted part darker). */
export function pipelinePicture(
  stages: readonly StageRow[],
  stageName: (s: string) => string,
  locale: Locale,
  currency: string | null,
): Picture {
  const W = 560;
  const row = 34;
  const left = 130;
  const right = 110;
  const H = 40 + row * Math.max(1, stages.length) + 30;
  const max = Math.max(1, ...stages.map((s) => s.amount));
  const scale = (v: number) => (v / max) * (W - left - right);
  const money = (v: number) => formatValue(v, 'amount', locale, { style: 'compact', currency });
  const body: string[] = [];
  stages.forEach((s, i) => {
    const y0 = 20 + i * row;
    body.push(text(left - 8, y0 + 18, stageName(s.stage), 12, 'end'));
    body.push(`<rect x="${left}" y="${y0 + 4}" width="${scale(s.amount).toFixed(1)}" height="20" fill="#9cc3e6"/>`);
    body.push(`<rect x="${left}" y="${y0 + 4}" width="${scale(s.weighted).toFixed(1)}" height="20" fill="#2f6db5"/>`);
    body.push(text(left + scale(s.amount) + 6, y0 + 18, money(s.amount), 11));
  });
  const legendY = H - 14;
  body.push(`<rect x="${left}" y="${legendY - 10}" width="12" height="12" fill="#9cc3e6"/>`);
  body.push(text(left + 16, legendY, pick(bi('Open amount', '在手金额'), locale), 11));
  body.push(`<rect x="${left + 140}" y="${legendY - 10}" width="12" height="12" fill="#2f6db5"/>`);
  body.push(text(left + 156, legendY, pick(bi('Weighted by stage probability', '按阶段赢单概率加权'), locale), 11));
  return {
    svg: svgOf(W, H, body),
    width: W,
    height: H,
    alt: pick(bi('Open pipeline by stage', '各阶段在手商机金额'), locale),
  };
}

/** Win rate per group as a dot with its 95 % Wilson interval as a line, 0–100 %. */
export function winRatePicture(
  rows: readonly { label: string; rate: number; lower: number; upper: number; closed: number }[],
  title: string,
  locale: Locale,
): Picture {
  const W = 560;
  const row = 28;
  const left = 150;
  const right = 30;
  const H = 50 + row * Math.max(1, rows.length) + 24;
  const x = (r: number) => left + r * (W - left - right);
  const body: string[] = [text(left, 16, title, 12)];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    body.push(`<line x1="${x(t)}" y1="26" x2="${x(t)}" y2="${H - 30}" stroke="#dddddd"/>`);
    body.push(text(x(t), H - 14, formatValue(t, 'ratio', locale, { digits: 0 }), 11, 'middle'));
  }
  rows.forEach((r, i) => {
    const cy = 40 + i * row;
    body.push(text(left - 8, cy + 4, r.label, 11, 'end'));
    body.push(
      `<line x1="${x(r.lower).toFixed(1)}" y1="${cy}" x2="${x(r.upper).toFixed(1)}" y2="${cy}" stroke="#2f6db5" stroke-width="3"/>`,
    );
    body.push(`<circle cx="${x(r.rate).toFixed(1)}" cy="${cy}" r="5" fill="#1f3f6e"/>`);
  });
  return { svg: svgOf(W, H, body), width: W, height: H, alt: title };
}
