/**
 * Template "portfolio-tiering" (大客户选择与ABCD分级): accounts scored on weighted criteria,
 * placed on the attractiveness × position matrix and tiered A–D with a strategy; a tier
 * summary with the matrix and the account list behind the scatter chart; prospects whose
 * wallet is estimated from industry benchmarks and scored as look-alikes of Tier A (经验推算法).
 */
import { Cell } from '../core/cells';
import { Message } from '../core/i18n';
import { industryLabel } from '../model/defaults';
import { TemplateInfo } from './catalog';
import { addHowToSheet } from './howTo';
import { columnLetters } from '../model/snapshot';
import { FORMAT, TemplateBook, listValidation, nameListValidation, thisRow } from './templateBook';
import { TemplateSource, addConfigSheet, addDataTable, rowsInOrder } from './workbookSheets';

export const TIER_SUMMARY_SHEET = { en: 'Tier summary', zh: '分级汇总' };
export const PROSPECTS_SHEET = { en: 'Prospects', zh: '潜在客户' };
/** Where the account list behind the tier-matrix scatter chart starts (header row). */
export const ACCOUNT_LIST = { headerRow: 4, firstCol: 11 } as const;
/** Rows of spilled account list the chart source covers (blank rows are ignored by a scatter chart). */
export const CHART_ROWS = 1000;

const STEPS: readonly Message[] = [
  {
    en: 'Config: check the criteria (Criteria: weight, axis A = attractiveness / P = position, scale), the tier thresholds (AttractivenessThreshold, PositionThreshold, or TierMethod Score with ScoreBandA–C) and the tier strategies.',
    zh: '配置：核对评分标准（评分标准表：权重、维度 A=吸引力 / P=竞争地位、分值范围）、分级阈值（吸引力阈值、地位阈值，或分级方法选“计分法”并设 A/B/C 类分数线）以及各类客户策略。',
  },
  {
    en: 'Accounts: one row per account (paste from your CRM). Score each criterion 1–5 in the yellow columns; the hint on each cell says what it measures.',
    zh: '客户：每个客户一行（可从 CRM 粘贴）。在各评分列为每项标准打 1–5 分；单元格提示说明了该标准的含义。',
  },
  {
    en: 'Score, Attractiveness, Position, Tier and Strategy calculate by themselves (综合计分法 and the ABCD matrix).',
    zh: '综合得分、吸引力、竞争地位、分级和策略自动计算（综合计分法与ABCD矩阵）。',
  },
  {
    en: 'Tier summary: accounts, revenue, wallet and whitespace per tier, the A/B/C/D matrix and the account list for the matrix chart. More than 35 Tier A accounts is too many to serve as strategic.',
    zh: '分级汇总：各类客户的数量、收入、采购潜力与空白点，ABCD 矩阵及矩阵图所用的客户清单。A 类客户超过 35 个则难以作为战略客户服务。',
  },
  {
    en: 'Prospects: enter industry, region, size metric (Employees or Revenue) and size; the wallet is estimated from the Benchmarks ratios (经验推算法) and LookAlike says how closely each prospect resembles today’s Tier A accounts (0–100).',
    zh: '潜在客户：填写行业、区域、规模指标（员工数或营收）和规模；采购潜力按行业基准比率推算（经验推算法），相似度表示与现有 A 类客户的相似程度（0–100）。',
  },
];

const TIER_COLORS: Record<string, string> = { A: 'FFC6EFCE', B: 'FFDDEBF7', C: 'FFFFEB9C', D: 'FFEDEDED' };

function tierSummarySheet(book: TemplateBook): void {
  const zh = book.zh;
  const ws = book.sheet(book.t(TIER_SUMMARY_SHEET), ACCOUNT_LIST.headerRow);
  book.label(ws, 'B1', book.say('Account tiers (ABCD)', '客户分级汇总（ABCD）'), 'title');
  book.formula(
    ws,
    'B2',
    zh
      ? '"金额单位："&Currency&"　基准日："&TEXT(AsOfDate,"yyyy-mm-dd")'
      : '"Amounts in "&Currency&" · as of "&TEXT(AsOfDate,"yyyy-mm-dd")',
  );
  ws.getCell('B2').font = { italic: true, color: { argb: 'FF595959' } };

  const heads = zh
    ? ['分级', '策略', '客户数', '近12个月收入', '采购潜力', '空白点', '钱包份额', '拜访间隔（天）']
    : ['Tier', 'Strategy', 'Accounts', 'Revenue 12m', 'Wallet', 'Whitespace', 'Share of wallet', 'Visit interval (days)'];
  heads.forEach((h, i) => book.label(ws, `${String.fromCharCode(66 + i)}4`, h, 'header'));
  ws.getRow(4).height = 30;
  const tiers = ['A', 'B', 'C', 'D'];
  tiers.forEach((t, i) => {
    const c = ws.getCell(`B${5 + i}`);
    c.value = t;
    c.font = { bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: TIER_COLORS[t] } };
    c.alignment = { horizontal: 'center' };
  });
  book.formula(ws, 'C5', 'CRM3.LOOKUPBY(B5:B8,Tiers_Tier,Tiers_Strategy,"")', { spill: true });
  book.formula(ws, 'D5', 'CRM3.COUNTBY(Acc_Tier,B5:B8)', { spill: true, format: FORMAT.count });
  book.formula(ws, 'E5', 'CRM3.SUMBY(Acc_Tier,Acc_Revenue12m,B5:B8)', { spill: true, format: FORMAT.amount });
  book.formula(ws, 'F5', 'CRM3.SUMBY(Acc_Tier,Acc_WalletEstimate,B5:B8)', { spill: true, format: FORMAT.amount });
  for (let r = 5; r <= 8; r++) {
    book.formula(ws, `G${r}`, `CRM3.WHITESPACE(Acc_WalletEstimate,Acc_Revenue12m,Acc_Tier,B${r})`, { format: FORMAT.amount });
    book.formula(ws, `H${r}`, `CRM3.SHAREOFWALLET(Acc_Revenue12m,Acc_WalletEstimate,Acc_Tier,B${r})`, { format: FORMAT.ratio });
  }
  book.formula(ws, 'I5', 'CRM3.LOOKUPBY(B5:B8,Tiers_Tier,Tiers_VisitIntervalDays,"")', { spill: true, format: FORMAT.count });
  for (let r = 6; r <= 8; r++) {
    ws.getCell(`D${r}`).numFmt = FORMAT.count;
    ws.getCell(`E${r}`).numFmt = FORMAT.amount;
    ws.getCell(`F${r}`).numFmt = FORMAT.amount;
  }
  book.label(ws, 'B9', book.say('Total', '合计')).font = { bold: true };
  book.formula(ws, 'D9', 'SUM(D5:D8)', { format: FORMAT.count });
  book.formula(ws, 'E9', 'SUM(E5:E8)', { format: FORMAT.amount });
  book.formula(ws, 'F9', 'SUM(F5:F8)', { format: FORMAT.amount });
  book.formula(ws, 'G9', 'SUM(G5:G8)', { format: FORMAT.amount });
  book.formula(ws, 'H9', 'CRM3.SHAREOFWALLET(Acc_Revenue12m,Acc_WalletEstimate)', { format: FORMAT.ratio });
  for (const col of 'BCDEFGHI') ws.getCell(`${col}9`).border = { top: { style: 'thin' } };
  book.formula(
    ws,
    'B10',
    zh
      ? 'IF(D5>35,"注意：A 类客户 "&D5&" 个，超过 35 个，难以全部作为战略客户投入。","")'
      : 'IF(D5>35,"Warning: "&D5&" Tier A accounts; more than 35 cannot all be served as strategic.","")',
  );
  ws.getCell('B10').font = { bold: true, color: { argb: 'FFC00000' } };

  // The A/B/C/D matrix: rows = attractiveness, columns = position.
  book.label(ws, 'B12', book.say('ABCD matrix (accounts)', 'ABCD 矩阵（客户数）'), 'heading');
  book.formula(ws, 'C13', book.say('"Position < "&PositionThreshold', '"竞争地位 < "&PositionThreshold'));
  book.formula(ws, 'D13', book.say('"Position ≥ "&PositionThreshold', '"竞争地位 ≥ "&PositionThreshold'));
  book.formula(ws, 'B14', book.say('"Attractiveness ≥ "&AttractivenessThreshold', '"吸引力 ≥ "&AttractivenessThreshold'));
  book.formula(ws, 'B16', book.say('"Attractiveness < "&AttractivenessThreshold', '"吸引力 < "&AttractivenessThreshold'));
  // Each quadrant spans two ordinary-height rows (and the right one two columns) rather than
  // one tall row, so the account list beside the matrix keeps its row height.
  const cellOf: Record<string, string> = { B: 'C14', A: 'D14', D: 'C16', C: 'D16' };
  ws.mergeCells('D13:E13');
  for (const range of ['B14:B15', 'B16:B17', 'C14:C15', 'C16:C17', 'D14:E15', 'D16:E17']) ws.mergeCells(range);
  tiers.forEach((t, i) => {
    const cell = cellOf[t];
    book.formula(ws, cell, `"${t} · "&D${5 + i}&" · "&C${5 + i}`);
    const c = ws.getCell(cell);
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: TIER_COLORS[t] } };
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    c.font = { bold: true };
  });
  for (const c of ['C13', 'D13', 'B14', 'B16']) {
    ws.getCell(c).font = { bold: true, color: { argb: 'FF595959' } };
    ws.getCell(c).alignment = { vertical: 'middle', horizontal: c.startsWith('B') ? 'left' : 'center' };
  }
  for (const r of [14, 15, 16, 17]) ws.getRow(r).height = 21;
  book.label(
    ws,
    'B18',
    zh
      ? '矩阵法：A 战略（重点投入）· B 发展（投入提升地位）· C 维持（高效服务）· D 机会（最低成本）。计分法下按分数段划分。'
      : 'Matrix method: A strategic (invest) · B develop (win position) · C maintain (serve efficiently) · D opportunistic (minimal cost). With TierMethod Score the bands decide.',
    'note',
  );

  // Account list (one spilled column each) for the matrix scatter chart.
  const listHeads = zh
    ? ['客户编号', '客户名称', '吸引力', '竞争地位', '综合得分', '分级', '策略']
    : ['AccountId', 'Account', 'Attractiveness', 'Position', 'Score', 'Tier', 'Strategy'];
  const listCols = [
    'Acc_AccountId',
    'Acc_AccountName',
    'Acc_Attractiveness',
    'Acc_Position',
    'Acc_Score',
    'Acc_Tier',
    'Acc_Strategy',
  ];
  const listFormats = [undefined, undefined, FORMAT.score, FORMAT.score, FORMAT.score, undefined, undefined];
  book.label(
    ws,
    `${letter(ACCOUNT_LIST.firstCol)}3`,
    book.say('Accounts on the matrix (chart data)', '客户清单（矩阵图数据）'),
    'heading',
  );
  listHeads.forEach((h, i) => {
    const col = letter(ACCOUNT_LIST.firstCol + i);
    book.label(ws, `${col}${ACCOUNT_LIST.headerRow}`, h, 'header');
    book.formula(ws, `${col}${ACCOUNT_LIST.headerRow + 1}`, `CRM3.LOOKUPBY(Acc_AccountId,Acc_AccountId,${listCols[i]},"")`, {
      spill: true,
      format: listFormats[i],
    });
    ws.getColumn(ACCOUNT_LIST.firstCol + i).width = [12, 28, 14, 12, 12, 8, 26][i];
    if (listFormats[i]) ws.getColumn(ACCOUNT_LIST.firstCol + i).numFmt = listFormats[i]!;
  });
  // Tier is a letter between two numbers: centred, or "59.4 A" reads as one value.
  ws.getColumn(ACCOUNT_LIST.firstCol + 5).alignment = { horizontal: 'center' };
  ws.getColumn(ACCOUNT_LIST.firstCol + 5).width = 10;
  ws.getColumn(1).width = 2;
  ws.getColumn(2).width = zh ? 16 : 20;
  ws.getColumn(3).width = zh ? 24 : 30;
  for (const c of [4, 5, 6, 7, 8, 9]) ws.getColumn(c).width = 14;
  ws.getColumn(10).width = 3;
  // The printed page is the summary and the matrix; the account list is chart data.
  book.printArea(ws, 'A1:I19');
}

const letter = columnLetters;

const PROSPECT_COLUMNS = ['ProspectName', 'Industry', 'Region', 'Metric', 'Size', 'WalletEstimate'] as const;
const PROSPECT_LABELS: Record<string, Message> = {
  ProspectName: { en: 'ProspectName', zh: '潜在客户名称' },
  Industry: { en: 'Industry', zh: '行业' },
  Region: { en: 'Region', zh: '区域' },
  Metric: { en: 'Metric', zh: '规模指标' },
  Size: { en: 'Size', zh: '规模' },
  WalletEstimate: { en: 'WalletEstimate', zh: '采购潜力估算' },
};

/** Example prospects for the sample-filled template: industries and regions the sample uses. */
function exampleProspects(book: TemplateBook, source: TemplateSource): Cell[][] {
  const regions = [
    ...new Set(
      rowsInOrder(source.tables.Accounts, ['Region'])
        .map((r) => r[0])
        .filter((v) => v !== null),
    ),
  ];
  const names = book.zh
    ? ['华东精密机械', '远航物流', '瑞康医疗集团', '北辰能源', '明达零售', '安信银行', '星河制造', '市公共资源中心']
    : [
        'Eastbay Precision',
        'Farway Logistics',
        'Ruikang Health',
        'North Star Energy',
        'Mingda Retail',
        'Anxin Bank',
        'Galaxy Works',
        'City Resource Center',
      ];
  const industries = [
    'Manufacturing',
    'Logistics',
    'Healthcare',
    'Energy',
    'Retail',
    'Finance',
    'Manufacturing',
    'Public sector',
  ];
  const metrics = ['Employees', 'Employees', 'Revenue', 'Employees', 'Revenue', 'Employees', 'Employees', 'Employees'];
  const sizes = [1200, 800, 900_000_000, 2500, 400_000_000, 600, 3000, 350];
  return names.map((n, i) => [
    n,
    industryLabel(industries[i], book.locale),
    regions.length ? regions[i % regions.length] : null,
    metrics[i],
    sizes[i],
    null,
  ]);
}

function prospectsSheet(book: TemplateBook, source: TemplateSource): void {
  const ws = book.sheet(book.t(PROSPECTS_SHEET), 1);
  const cell = (key: string) => thisRow(book.t(PROSPECT_LABELS[key]));
  const placed = book.table(
    ws,
    'Prospects',
    { row: 1, col: 1 },
    PROSPECT_COLUMNS.map((key) => ({
      key,
      label: book.t(PROSPECT_LABELS[key]),
      format: key === 'Size' || key === 'WalletEstimate' ? FORMAT.amount : undefined,
      width: key === 'ProspectName' ? 24 : key === 'Industry' ? 16 : 12,
      validation:
        key === 'Industry'
          ? nameListValidation('Benchmarks_Industry')
          : key === 'Metric'
            ? listValidation(['Employees', 'Revenue'], book.say('Employees or Revenue', 'Employees＝员工数，Revenue＝营收'))
            : undefined,
      formula:
        key === 'WalletEstimate'
          ? `IF(${cell('Size')}="","",CRM3.POTENTIAL(${cell('Size')},${cell('Industry')},${cell('Metric')},Benchmarks_Industry,Benchmarks_Metric,Benchmarks_Ratio))`
          : undefined,
    })),
    source.filled ? exampleProspects(book, source) : [],
  );
  for (const p of placed) book.defineTableColumn(`Pro_${p.key}`, p);
  // LookAlike compares each prospect with all Tier A accounts: one spilled column beside the table.
  book.label(ws, 'G1', book.say('LookAlike (vs Tier A)', '相似度（对比A类）'), 'header');
  const first = placed[0];
  book.formula(
    ws,
    `G${first.firstRow}`,
    'CRM3.LOOKALIKE(Pro_Industry,Pro_Region,Pro_WalletEstimate,Acc_Industry,Acc_Region,Acc_WalletEstimate,Acc_Tier)',
    {
      spill: true,
      format: FORMAT.score,
    },
  );
  ws.getColumn(7).width = 20;
  // Spilled cells take the format of the cells they land in (column G holds only this spill).
  ws.getColumn(7).numFmt = FORMAT.score;
  book.defineSpill('Pro_LookAlike', ws, `G${first.firstRow}`);
  ws.getColumn(9).width = 60;
  book.label(
    ws,
    'I1',
    book.zh
      ? '采购潜力 ≈ 规模 × 行业基准比率（配置 ▸ 行业基准）。相似度：行业、区域、规模量级与 A 类客户的吻合程度（0–100）。'
      : 'Wallet ≈ size × the industry’s benchmark ratio (Config ▸ Benchmarks). LookAlike: how closely industry, region and size band match today’s Tier A accounts (0–100).',
    'note',
  ).alignment = { wrapText: true, vertical: 'top' };
}

export function buildPortfolioTiering(book: TemplateBook, info: TemplateInfo, source: TemplateSource): void {
  addHowToSheet(book, info, STEPS);
  addDataTable(book, source, 'Accounts');
  tierSummarySheet(book);
  prospectsSheet(book, source);
  addConfigSheet(book, source);
}
