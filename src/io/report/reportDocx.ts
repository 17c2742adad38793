/**
 * The recommendations report (高阶建议报告, issue #17) as a Word document, with the `docx`
 * library: cover, executive summary (the four goals and all indicators), a chapter per goal
 * with its findings and the consultant's recommendations, portfolio and tier matrix, win
 * characteristics, pipeline by stage, the Tier A accounts and an appendix defining every
 * indicator. It lays out ReportData (engine/reportData.ts) and computes nothing. Pictures are
 * SVG (reportCharts.ts) turned into PNG by the caller's rasteriser: resvg in the CLI, the
 * browser's canvas in the pane. zh documents declare East Asian fonts and the zh-CN language.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  PageNumber,
  Packer,
  Paragraph,
  ShadingType,
  TableLayoutType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { RagStatus, valueLabel } from '../../core/enumerations';
import { formatTarget, formatValue } from '../../core/format';
import { Locale, joinList, pick } from '../../core/i18n';
import { IndicatorResult } from '../../engine/evaluate';
import { Finding, contributorLines, workingParts } from '../../engine/findings';
import { ReportData } from '../../engine/reportData';
import { NO_COMPETITOR, WITHOUT_MENTOR, WITH_MENTOR, WinCharacteristic } from '../../engine/winCharacteristics';
import { GOALS } from '../../model/indicators';
import { industryLabel, stageLabel } from '../../model/defaults';
import { IndicatorRow } from '../../model/snapshot';
import { Picture, pipelinePicture, tierMatrixPicture, winRatePicture } from './reportCharts';
import { T, chapterTitle, goalOrder, say, sectionTitle } from './reportText';

/** Turns a picture's SVG into PNG bytes (twice its size, for print). */
export type Rasterise = (picture: Picture) => Promise<Uint8Array>;

export interface ReportOptions {
  locale: Locale;
  client?: string;
  consultant?: string;
  /** The day the report is made (ISO), shown on the cover. */
  date: string;
  /** The scopes in words ("owner = Li Wei"), or none for the whole workbook. */
  scope?: string;
  /** The workbook's file name, shown on the cover. */
  source?: string;
  rasterise: Rasterise;
}

/** The style id of formula text: a code font, and the zh language test skips it (formulas are code). */
export const FORMULA_STYLE = 'Crm3Formula';
const LATIN_FONT = 'Arial';
const EAST_ASIAN_FONT = 'Microsoft YaHei';
const STATUS_FILL: Record<string, string> = { Red: 'F4CCCC', Amber: 'FCE5B0', Green: 'D5EDD5', NoData: 'E8E8E8' };
const HEADER_FILL = 'DCE6F2';
/** A4 (11,906 twips) less two margins of 1,200: the width tables and pictures fill. */
const PAGE_MARGIN = 1200;
const TEXT_WIDTH = 11906 - 2 * PAGE_MARGIN;

const run = (t: string, o: { bold?: boolean; size?: number; color?: string; italics?: boolean } = {}) =>
  new TextRun({ text: t, ...o });
const para = (t: string, o: { bold?: boolean; spacingAfter?: number; italics?: boolean } = {}) =>
  new Paragraph({ children: [run(t, { bold: o.bold, italics: o.italics })], spacing: { after: o.spacingAfter ?? 120 } });

function cell(t: string, o: { bold?: boolean; fill?: string; align?: 'left' | 'right' | 'center' } = {}): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        children: [run(t, { bold: o.bold, size: 18 })],
        alignment: o.align === 'right' ? AlignmentType.RIGHT : o.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
      }),
    ],
    ...(o.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: o.fill } } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}

/** A table with a header row repeated on every page; `right` says which columns are numbers. */
function table(headers: string[], rows: (string | TableCell)[][], right: boolean[] = [], widths: number[] = []): Table {
  const head = new TableRow({
    tableHeader: true,
    children: headers.map((h, i) => cell(h, { bold: true, fill: HEADER_FILL, align: right[i] ? 'right' : 'left' })),
  });
  const body = rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: r.map((c, i) => (typeof c === 'string' ? cell(c, { align: right[i] ? 'right' : 'left' }) : c)),
      }),
  );
  const line = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' };
  // Word and LibreOffice size columns from the grid: percentages of the text width, else equal.
  const shares = widths.length === headers.length ? widths : headers.map(() => 100 / headers.length);
  const total = shares.reduce((a, b) => a + b, 0);
  return new Table({
    rows: [head, ...body],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: shares.map((w) => Math.floor((w / total) * TEXT_WIDTH)),
    layout: TableLayoutType.FIXED,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
  });
}

const heading1 = (t: string, pageBreak = true) =>
  new Paragraph({ text: t, heading: HeadingLevel.HEADING_1, pageBreakBefore: pageBreak, spacing: { after: 200 } });
const heading2 = (t: string) => new Paragraph({ text: t, heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 } });

/** How a value reads in the report: amounts short with 万/亿 in zh (M in en), ratios in %, days with the unit. */
export function reportValue(v: IndicatorResult['value'], unit: string, locale: Locale, currency: string | null): string {
  if (unit === 'amount') return formatValue(v, unit, locale, { style: 'compact', currency });
  return formatValue(v, unit, locale, { withUnit: unit === 'days' });
}

function statusWords(r: IndicatorResult, locale: Locale): string {
  if (r.status === null) return say(T.watched, locale);
  return valueLabel(RagStatus, r.status, locale);
}

async function pictureParagraph(p: Picture, rasterise: Rasterise, caption?: string): Promise<Paragraph[]> {
  const png = await rasterise(p);
  const width = 600;
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: 'png',
          data: png,
          transformation: { width, height: Math.round((p.height / p.width) * width) },
          altText: { name: p.alt, description: p.alt, title: p.alt },
        }),
      ],
    }),
  ];
  if (caption)
    out.push(new Paragraph({ children: [run(caption, { italics: true, size: 18 })], alignment: AlignmentType.CENTER }));
  return out;
}

function coverPage(data: ReportData, o: ReportOptions): Paragraph[] {
  const L = o.locale;
  const e = data.evaluation;
  const sep = L === 'zh-CN' ? '：' : ': ';
  const line = (label: string, value: string) =>
    new Paragraph({ children: [run(`${label}${sep}`, { bold: true }), run(value)], spacing: { after: 120 } });
  const period = data.period ? `${data.period.start} – ${data.period.end}` : say(T.notGiven, L);
  return [
    new Paragraph({ spacing: { before: 2400 } }),
    new Paragraph({
      children: [run(say(T.title(o.client ?? ''), L), { bold: true, size: 44 })],
      alignment: AlignmentType.CENTER,
    }),
    new Paragraph({
      children: [run(say(T.subtitle, L), { size: 26, color: '555555' })],
      alignment: AlignmentType.CENTER,
      spacing: { after: 1200 },
    }),
    line(say(T.client, L), o.client || say(T.notGiven, L)),
    line(say(T.consultant, L), o.consultant || say(T.notGiven, L)),
    line(say(T.date, L), o.date),
    line(say(T.asOf, L), e.asOf),
    line(say(T.period, L), period),
    line(say(T.scope, L), o.scope || say(T.wholeWorkbook, L)),
    ...(o.source ? [line(say(T.source, L), o.source)] : []),
  ];
}

function summaryChapter(data: ReportData, o: ReportOptions): (Paragraph | Table)[] {
  const L = o.locale;
  const out: (Paragraph | Table)[] = [heading1(chapterTitle(1, say(T.summary, L), L)), para(say(T.goalsIntro, L))];
  for (const g of goalOrder) {
    const goal = GOALS.find((x) => x.id === g)!;
    const mine = data.evaluation.indicators.filter((r) => r.goal === g);
    const n = (s: string | null) => mine.filter((r) => r.status === s).length;
    const urgent = data.findings.filter((f) => f.goal === g && f.status === 'Red').map((f) => f.name);
    const sentence =
      say(T.goalSentence(pick(goal, L), mine.length, n('Red'), n('Amber'), n('Green'), n('NoData')), L) +
      (urgent.length ? say(T.weakest(joinList(urgent.slice(0, 3), L)), L) : '');
    out.push(new Paragraph({ children: [run(sentence)], bullet: { level: 0 }, spacing: { after: 80 } }));
  }
  out.push(heading2(sectionTitle(1, 1, say(T.allIndicators, L), L)));
  const since = data.since;
  const headers = [say(T.indicatorCol, L), say(T.valueCol, L), say(T.targetCol, L), say(T.statusCol, L)];
  if (since) headers.push(say(T.deltaCol(since.label ? `${since.date} ${since.label}` : since.date), L));
  const rows = data.evaluation.indicators.map((r) => {
    const row = data.indicatorRows.find((x) => x.id === r.id);
    const target = row ? (formatTarget(row, L, { withUnit: false }) ?? '—') : '—';
    const cells: (string | TableCell)[] = [
      r.name,
      r.status === 'NoData' ? say(T.noDataReason, L) : reportValue(r.value, r.unit, L, data.evaluation.currency),
      target,
      cell(statusWords(r, L), { fill: r.status ? STATUS_FILL[r.status] : undefined, align: 'center' }),
    ];
    // The change as the engine shows it (engine/history.ts); — when the snapshot has no comparable value.
    if (since) cells.push(r.delta?.shown || '—');
    return cells;
  });
  out.push(table(headers, rows, [false, true, false, false, true], since ? [30, 14, 27, 11, 18] : [38, 18, 32, 12]));
  return out;
}

function findingParagraphs(f: Finding, L: Locale): Paragraph[] {
  const out = [
    new Paragraph({
      children: [run(`${f.name}${L === 'zh-CN' ? '：' : ': '}`, { bold: true }), run(f.statement)],
      spacing: { before: 160, after: 60 },
    }),
    new Paragraph({ children: [run(f.source, { size: 18, color: '555555' })], spacing: { after: 60 } }),
  ];
  for (const line of contributorLines(f, L))
    out.push(new Paragraph({ children: [run(line, { size: 18 })], bullet: { level: 0 }, spacing: { after: 40 } }));
  if (f.contributorsNote) out.push(new Paragraph({ children: [run(f.contributorsNote, { size: 18, italics: true })] }));
  if (f.recommendation)
    out.push(
      new Paragraph({
        children: [
          run(`${say(T.recommendation, L)}${L === 'zh-CN' ? '：' : ': '}`, { bold: true, color: '1F3F6E' }),
          run(f.recommendation),
        ],
        spacing: { after: 120 },
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF3FA' },
      }),
    );
  return out;
}

function goalChapter(data: ReportData, goalId: string, n: number, o: ReportOptions): (Paragraph | Table)[] {
  const L = o.locale;
  const goal = GOALS.find((x) => x.id === goalId)!;
  const mine = data.evaluation.indicators.filter((r) => r.goal === goalId);
  const out: (Paragraph | Table)[] = [
    heading1(chapterTitle(n, pick(goal, L), L)),
    heading2(sectionTitle(n, 1, say(T.goalIndicators, L), L)),
  ];
  out.push(
    table(
      [say(T.indicatorCol, L), say(T.valueCol, L), say(T.targetCol, L), say(T.statusCol, L)],
      mine.map((r) => {
        const row = data.indicatorRows.find((x) => x.id === r.id);
        return [
          r.name,
          r.status === 'NoData'
            ? `${say(T.noDataReason, L)}${r.reason ? (L === 'zh-CN' ? `：${r.reason}` : `: ${r.reason}`) : ''}`
            : reportValue(r.value, r.unit, L, data.evaluation.currency),
          row ? (formatTarget(row, L) ?? '—') : '—',
          cell(statusWords(r, L), { fill: r.status ? STATUS_FILL[r.status] : undefined, align: 'center' }),
        ];
      }),
      [false, true, false, false],
      [34, 18, 36, 12],
    ),
  );
  out.push(heading2(sectionTitle(n, 2, say(T.findings, L), L)));
  const findings = data.findings.filter((f) => f.goal === goalId);
  // Red first, then Amber, each in catalog order.
  const ordered = [...findings.filter((f) => f.status === 'Red'), ...findings.filter((f) => f.status === 'Amber')];
  if (!ordered.length) out.push(para(say(T.noFindings, L)));
  for (const f of ordered) out.push(...findingParagraphs(f, L));
  return out;
}

async function portfolioChapter(data: ReportData, n: number, o: ReportOptions): Promise<(Paragraph | Table)[]> {
  const L = o.locale;
  const money = (v: number) => reportValue(v, 'amount', L, data.evaluation.currency);
  const out: (Paragraph | Table)[] = [heading1(chapterTitle(n, say(T.portfolio, L), L)), para(say(T.portfolioIntro, L))];
  out.push(
    table(
      [say(T.tierCol, L), say(T.accountsCol, L), say(T.revenueCol, L), say(T.walletCol, L), say(T.whitespaceCol, L)],
      data.portfolio.map((t) => [
        say(T.tierLabel(t.tier), L),
        formatValue(t.accounts, 'count', L),
        money(t.revenue),
        money(t.wallet),
        money(t.whitespace),
      ]),
      [false, true, true, true, true],
    ),
  );
  if (data.untiered > 0) out.push(para(say(T.untiered(data.untiered), L), { italics: true }));
  out.push(new Paragraph({ spacing: { after: 120 } }));
  out.push(...(await pictureParagraph(tierMatrixPicture(data.tierMatrix, L), o.rasterise, say(T.matrixCaption, L))));
  return out;
}

function groupLabel(by: WinCharacteristic, group: string, L: Locale): string {
  if (group === NO_COMPETITOR) return say(T.noCompetitor, L);
  if (group === WITH_MENTOR) return say(T.withMentor, L);
  if (group === WITHOUT_MENTOR) return say(T.withoutMentor, L);
  if (by === 'grade') return say(T.gradeLabel(group), L);
  if (by === 'industry') return industryLabel(group, L);
  return group;
}

async function winChapter(data: ReportData, n: number, o: ReportOptions): Promise<(Paragraph | Table)[]> {
  const L = o.locale;
  const out: (Paragraph | Table)[] = [heading1(chapterTitle(n, say(T.winChapter, L), L)), para(say(T.winIntro, L))];
  const pct = (v: number) => formatValue(v, 'ratio', L);
  const dash = L === 'zh-CN' ? '～' : '–';
  let k = 1;
  for (const by of ['grade', 'industry', 'owner', 'competitor', 'mentor'] as const) {
    out.push(heading2(sectionTitle(n, k++, say(T.by[by], L), L)));
    const rows = data.winRates[by];
    if (!rows.length) {
      out.push(para(say(T.noClosed, L)));
      continue;
    }
    out.push(
      table(
        [say(T.groupCol, L), say(T.wonCol, L), say(T.closedCol, L), say(T.rateCol, L), say(T.intervalCol, L)],
        rows.map((r) => [
          groupLabel(by, r.group, L),
          String(r.won),
          String(r.closed),
          pct(r.rate),
          `${pct(r.lower)}${dash}${pct(r.upper)}`,
        ]),
        [false, true, true, true, true],
      ),
    );
    if (by === 'grade') {
      const picture = winRatePicture(
        rows.map((r) => ({
          ...r,
          label: `${groupLabel(by, r.group, L)}${L === 'zh-CN' ? `（${r.closed}）` : ` (${r.closed})`}`,
        })),
        say(T.winPictureTitle, L),
        L,
      );
      out.push(...(await pictureParagraph(picture, o.rasterise)));
    }
  }
  out.push(heading2(sectionTitle(n, k, say(T.lossReasons, L), L)));
  if (!data.lossReasons.length) out.push(para(say(T.noLosses, L)));
  else
    out.push(
      table(
        [say(T.reasonCol, L), say(T.dealsCol, L)],
        data.lossReasons.map((r) => [r.reason || say(T.noReason, L), String(r.count)]),
        [false, true],
        [80, 20],
      ),
    );
  return out;
}

async function pipelineChapter(data: ReportData, n: number, o: ReportOptions): Promise<(Paragraph | Table)[]> {
  const L = o.locale;
  const money = (v: number) => reportValue(v, 'amount', L, data.evaluation.currency);
  const out: (Paragraph | Table)[] = [heading1(chapterTitle(n, say(T.pipelineChapter, L), L)), para(say(T.pipelineIntro, L))];
  if (!data.pipelineByStage.length) return [...out, para(say(T.noPipeline, L))];
  out.push(
    table(
      [say(T.stageCol, L), say(T.dealsCol, L), say(T.amountCol, L), say(T.weightedCol, L)],
      data.pipelineByStage.map((s) => [stageLabel(s.stage, L), String(s.deals), money(s.amount), money(s.weighted)]),
      [false, true, true, true],
    ),
  );
  out.push(new Paragraph({ spacing: { after: 120 } }));
  out.push(
    ...(await pictureParagraph(
      pipelinePicture(data.pipelineByStage, (s) => stageLabel(s, L), L, data.evaluation.currency),
      o.rasterise,
    )),
  );
  return out;
}

function keyAccountsChapter(data: ReportData, n: number, o: ReportOptions): (Paragraph | Table)[] {
  const L = o.locale;
  const money = (v: number | null) => reportValue(v, 'amount', L, data.evaluation.currency);
  const out: (Paragraph | Table)[] = [heading1(chapterTitle(n, say(T.keyAccounts, L), L)), para(say(T.keyAccountsIntro, L))];
  if (!data.tierAAccounts.length) return [...out, para(say(T.noTierA, L))];
  out.push(
    table(
      [
        say(T.accountCol, L),
        say(T.ownerCol, L),
        say(T.scoreCol, L),
        say(T.revenueCol, L),
        say(T.walletCol, L),
        say(T.pipelineCol, L),
        say(T.planCol, L),
      ],
      data.tierAAccounts.map((a) => [
        a.name ? `${a.name}${L === 'zh-CN' ? `（${a.id}）` : ` (${a.id})`}` : a.id,
        a.owner,
        formatValue(a.score, 'number', L, { digits: 1 }),
        money(a.revenue),
        money(a.wallet),
        money(a.openPipeline),
        say(T.planStatus(a.actionsDone, a.actions, a.actionsOverdue), L),
      ]),
      [false, false, true, true, true, true, false],
      [29, 8, 7, 12, 12, 12, 20],
    ),
  );
  return out;
}

function appendixChapter(data: ReportData, n: number, o: ReportOptions): Paragraph[] {
  const L = o.locale;
  const out: Paragraph[] = [heading1(chapterTitle(n, say(T.appendix, L), L)), para(say(T.appendixIntro, L))];
  data.evaluation.indicators.forEach((r, i) => {
    const row: IndicatorRow | undefined = data.indicatorRows.find((x) => x.id === r.id);
    out.push(
      new Paragraph({
        children: [run(`${i + 1}. ${r.name}`, { bold: true }), run(`  ${r.id}`, { color: '777777', size: 18 })],
        spacing: { before: 160, after: 40 },
        keepNext: true,
      }),
    );
    if (!row) return;
    const words = [
      row.eligible ? say(T.computedOver(pick(row.eligible, L)), L) : '',
      say(row.direction === 'HigherIsBetter' ? T.higherBetter : T.lowerBetter, L),
      formatTarget(row, L) ? say(T.thresholds(formatTarget(row, L)!), L) : say(T.noThresholds, L),
    ].filter(Boolean);
    out.push(new Paragraph({ children: [run(words.join(L === 'zh-CN' ? '' : ' '))], spacing: { after: 40 }, keepNext: true }));
    const parts = workingParts(r, L);
    if (parts.length)
      out.push(
        new Paragraph({
          children: [
            run(`${say(T.working, L)}${L === 'zh-CN' ? '：' : ': '}`, { bold: true }),
            run(parts.join(L === 'zh-CN' ? '；' : '; ')),
          ],
          spacing: { after: 40 },
          keepNext: true,
        }),
      );
    out.push(
      new Paragraph({
        children: [
          run(`${say(T.formula, L)}${L === 'zh-CN' ? '：' : ': '}`),
          new TextRun({ text: row.formula, style: FORMULA_STYLE }),
        ],
        spacing: { after: 80 },
      }),
    );
  });
  return out;
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The document's properties dated by the report's date, not the clock (the library stamps
 * the time it runs): the same workbook and date give the same file, which the demo kit needs.
 */
function coreProperties(o: ReportOptions, L: Locale): string {
  const when = `${o.date}T00:00:00Z`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(say(T.title(o.client ?? ''), L))}</dc:title>` +
    `<dc:creator>CRM3 for Excel</dc:creator>` +
    `<dc:description>${xmlText(say(T.subtitle, L))}</dc:description>` +
    `<dc:language>${L}</dc:language>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** The report as .docx bytes. */
export async function buildRecommendationsReport(data: ReportData, o: ReportOptions): Promise<Uint8Array> {
  const L = o.locale;
  const zh = L === 'zh-CN';
  const goalChapters = goalOrder.flatMap((g, i) => goalChapter(data, g, i + 2, o));
  let n = goalOrder.length + 2;
  const children = [
    ...coverPage(data, o),
    ...summaryChapter(data, o),
    ...goalChapters,
    ...(await portfolioChapter(data, n++, o)),
    ...(await winChapter(data, n++, o)),
    ...(await pipelineChapter(data, n++, o)),
    ...keyAccountsChapter(data, n++, o),
    ...appendixChapter(data, n++, o),
  ];
  const fonts = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: EAST_ASIAN_FONT, cs: LATIN_FONT };
  const language = zh ? { value: 'zh-CN', eastAsia: 'zh-CN' } : { value: 'en-US', eastAsia: 'zh-CN' };
  const doc = new Document({
    creator: 'CRM3 for Excel',
    title: say(T.title(o.client ?? ''), L),
    description: say(T.subtitle, L),
    styles: {
      default: {
        document: {
          run: { font: fonts, size: 21, language },
          paragraph: { spacing: { line: zh ? 300 : 276, lineRule: LineRuleType.AUTO } },
        },
        heading1: { run: { font: fonts, size: 32, bold: true, color: '1F3F6E' }, paragraph: { spacing: { after: 200 } } },
        heading2: {
          run: { font: fonts, size: 26, bold: true, color: '2F5F9E' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
      },
      characterStyles: [
        {
          id: FORMULA_STYLE,
          name: 'CRM3 Formula',
          run: {
            font: { ascii: 'Consolas', hAnsi: 'Consolas', eastAsia: EAST_ASIAN_FONT, cs: 'Consolas' },
            size: 17,
            color: '444444',
          },
        },
      ],
    },
    sections: [
      {
        properties: { page: { margin: { top: PAGE_MARGIN, bottom: PAGE_MARGIN, left: PAGE_MARGIN, right: PAGE_MARGIN } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [`${say(T.page, L)} `, PageNumber.CURRENT, ` ${say(T.pageSuffix, L)}`.trimEnd()],
                    size: 16,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const bytes = await Packer.toArrayBuffer(doc, undefined, [{ path: 'docProps/core.xml', data: coreProperties(o, L) }]);
  return new Uint8Array(bytes);
}
