/**
 * Template "opportunity-grading" (商机分级与赢单评估): every opportunity graded by the four
 * questions (四问) with section scores, probability and the sufficient-event stage check;
 * pipeline by stage; and win characteristics (赢单特征): win rates with Wilson intervals by
 * owner, grade, industry, deal-size band, competitor and with/without a mentor on the chain.
 */
import { Cell } from '../core/cells';
import { Message } from '../core/i18n';
import { a1 } from '../model/snapshot';
import { TemplateInfo } from './catalog';
import { addHowToSheet } from './howTo';
import { FORMAT, SheetModel, TemplateBook } from './templateBook';
import { ExtraColumn, TemplateSource, addConfigSheet, addDataTable, configIds, rowsInOrder } from './workbookSheets';

export const WIN_ANALYSIS_SHEET = { en: 'Win analysis', zh: '赢单分析' };
/** Pipeline-by-stage block on the Win analysis sheet (header row; stage in B, open amount in D). */
export const PIPELINE_BLOCK = { headerRow: 5, firstCol: 2 } as const;

const STEPS: readonly Message[] = [
  {
    en: 'Config: check the Stages (probability, standard days), the StageEvents (sufficient events; Essential = Yes must be proven) and the Questions of the four sections.',
    zh: '配置：核对“阶段”（赢单概率、标准天数）、“阶段事件”（充分事件；“必要”为“是”的事件必须有证据）以及四问的各个问题。',
  },
  {
    en: 'Opportunities: one row per deal (paste from your CRM). Answer each question Q_… with Yes, No or Unknown from the drop-down (blank counts as Unknown).',
    zh: '商机：每个商机一行（可从 CRM 粘贴）。用下拉框为每个问题 Q_… 选择“是”“否”或“未知”（留空按未知计）。',
  },
  {
    en: 'QualScore, the four section scores, Grade (A–D), Probability and StageCheck calculate by themselves. StageCheck lists the essential events of the current and earlier stages that no activity proves yet.',
    zh: '评估得分、四个部分得分、商机等级（A–D）、赢单概率和阶段核查自动计算。阶段核查列出当前及之前阶段中尚无活动证明的必要事件。',
  },
  {
    en: 'Activities: log the activity that proves an event with its OppId and EventId (e.g. E_BUDGET). DecisionChain: one row per contact per opportunity, with role, political status, support and coverage.',
    zh: '活动：用商机编号和事件编号（如 E_BUDGET）记录证明某事件的活动。决策链：每个商机的每位联系人一行，填写采购角色、政治地位、支持度和覆盖度。',
  },
  {
    en: 'Win analysis: pipeline by stage, then win rates over all closed deals by owner, grade, industry, deal size, competitor and mentor. Low–High is the 95 % Wilson interval: with few deals the range is wide, so do not over-read small groups. Type the owners, industries, competitors and size bands you want to compare in the yellow cells.',
    zh: '赢单分析：先看各阶段的商机，再看全部已结束商机按销售、等级、行业、金额区间、竞争对手和有无内线教练的赢率。下限–上限为 95% Wilson 置信区间：商机少时区间很宽，小样本不宜过度解读。在黄色单元格中填写要比较的销售、行业、竞争对手和金额区间。',
  },
];

const SECTION_SHORT: readonly Message[] = [
  { en: 'S1 Opportunity?', zh: '一问 有机会吗' },
  { en: 'S2 Compete?', zh: '二问 能竞争吗' },
  { en: 'S3 Win?', zh: '三问 能赢吗' },
  { en: 'S4 Worth it?', zh: '四问 值得赢吗' },
];

/** The four section-score columns placed after QualScore in the Opportunities table. */
export function sectionColumns(source: TemplateSource): ExtraColumn[] {
  const qs = configIds(source, 'Questions');
  return SECTION_SHORT.map((label, i) => ({
    key: `Section${i + 1}`,
    label,
    format: FORMAT.score,
    formula: (cell, block) =>
      `IF(${cell('OppId')}="","",CRM3.SECTIONSCORE(${block(qs[0], qs[qs.length - 1])},${i + 1},Questions_Section,Questions_Weight,UnknownAnswerScore))`,
  }));
}

function distinct(values: Cell[]): string[] {
  const seen = new Map<string, string>();
  for (const v of values) {
    if (v === null || v === '') continue;
    const s = String(v).trim();
    if (!seen.has(s.toUpperCase())) seen.set(s.toUpperCase(), s);
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

const CLOSED = 'IF(NoDecisionIsLoss,"Won,Lost,NoDecision","Won,Lost")';

interface Block {
  title: Message;
  groupLabel: Message;
  /** The group values: fixed labels (locked) or planner inputs (yellow, prefilled from the data). */
  groups: string[];
  inputs: boolean;
  /** Key column aligned with Opp_Status (a workbook name). */
  keys: string;
}

const WIN_HEADS = [
  ['Closed', '已结束'],
  ['Won', '赢单'],
  ['Win rate', '赢率'],
  ['Low', '下限'],
  ['High', '上限'],
  ['Won amount', '赢单金额'],
] as const;

/** One block of win characteristics: a spilled call per column over the block's groups. */
function keyedBlock(book: TemplateBook, ws: SheetModel, top: number, b: Block): number {
  book.label(ws, `B${top}`, book.t(b.title), 'heading');
  const head = top + 1;
  book.label(ws, `B${head}`, book.t(b.groupLabel), 'header');
  book.headerRow(ws, head, 3, WIN_HEADS);
  const first = head + 1;
  const last = first + b.groups.length - 1;
  b.groups.forEach((g, i) => {
    if (b.inputs) book.input(ws, `B${first + i}`, g === '' ? null : g);
    else {
      ws.getCell(`B${first + i}`).value = g;
      ws.getCell(`B${first + i}`).font = { bold: true };
    }
  });
  const groups = `B${first}:B${last}`;
  book.formula(ws, `C${first}`, `CRM3.COUNTBY(${b.keys},${groups},Opp_Status,${CLOSED})`, { spill: true, format: FORMAT.count });
  book.formula(ws, `D${first}`, `CRM3.COUNTBY(${b.keys},${groups},Opp_Status,"Won")`, { spill: true, format: FORMAT.count });
  book.formula(ws, `E${first}`, `CRM3.WINRATEBY(${b.keys},Opp_Status,${groups},,,,,NoDecisionIsLoss)`, {
    spill: true,
    format: FORMAT.ratio,
  });
  book.formula(ws, `F${first}`, `CRM3.WILSON(D${first}:D${last},C${first}:C${last},"lower")`, {
    spill: true,
    format: FORMAT.ratio,
  });
  book.formula(ws, `G${first}`, `CRM3.WILSON(D${first}:D${last},C${first}:C${last},"upper")`, {
    spill: true,
    format: FORMAT.ratio,
  });
  book.formula(ws, `H${first}`, `CRM3.SUMBY(${b.keys},Opp_Amount,${groups},Opp_Status,"Won")`, {
    spill: true,
    format: FORMAT.amount,
  });
  formatRows(ws, first, last);
  return last + 2;
}

function formatRows(ws: SheetModel, first: number, last: number): void {
  const formats = [FORMAT.count, FORMAT.count, FORMAT.ratio, FORMAT.ratio, FORMAT.ratio, FORMAT.amount];
  for (let r = first; r <= last; r++) formats.forEach((f, i) => (ws.getCell(r, 3 + i).numFmt = f));
}

/** Rows whose groups are conditions (size band, mentor): scalar CRM3.COUNTWHERE per group row, three filters each. */
function conditionRows(
  book: TemplateBook,
  ws: SheetModel,
  first: number,
  rows: { label: (r: number) => void; filters: (r: number) => string }[],
): number {
  rows.forEach((row, i) => {
    const r = first + i;
    row.label(r);
    const f = row.filters(r);
    book.formula(ws, `C${r}`, `CRM3.COUNTWHERE(Opp_Status,${CLOSED},${f})`, { format: FORMAT.count });
    book.formula(ws, `D${r}`, `CRM3.COUNTWHERE(Opp_Status,"Won",${f})`, { format: FORMAT.count });
    book.formula(ws, `E${r}`, `CRM3.RATIO(D${r},C${r})`, { format: FORMAT.ratio });
    book.formula(ws, `H${r}`, `CRM3.SUMWHERE(Opp_Amount,Opp_Status,"Won",${f})`, { format: FORMAT.amount });
  });
  const last = first + rows.length - 1;
  book.formula(ws, `F${first}`, `CRM3.WILSON(D${first}:D${last},C${first}:C${last},"lower")`, {
    spill: true,
    format: FORMAT.ratio,
  });
  book.formula(ws, `G${first}`, `CRM3.WILSON(D${first}:D${last},C${first}:C${last},"upper")`, {
    spill: true,
    format: FORMAT.ratio,
  });
  formatRows(ws, first, last);
  return last + 2;
}

/** Lost deals (no decision too, with NoDecisionIsLoss) per group: count, amount, share of all losses. */
function lossBlock(
  book: TemplateBook,
  ws: SheetModel,
  top: number,
  b: { title: Message; groupLabel: Message; groups: string[]; keys: string; heads: string[] },
): number {
  const lost = 'IF(NoDecisionIsLoss,"Lost,NoDecision","Lost")';
  book.label(ws, `B${top}`, book.t(b.title), 'heading');
  const head = top + 1;
  book.label(ws, `B${head}`, book.t(b.groupLabel), 'header');
  b.heads.forEach((h, i) => book.label(ws, a1(head, 3 + i), h, 'header'));
  const first = head + 1;
  const last = first + b.groups.length - 1;
  b.groups.forEach((g, i) => book.input(ws, `B${first + i}`, g === '' ? null : g));
  const groups = `B${first}:B${last}`;
  book.formula(ws, `C${first}`, `CRM3.COUNTBY(${b.keys},${groups},Opp_Status,${lost})`, { spill: true, format: FORMAT.count });
  book.formula(ws, `D${first}`, `CRM3.SUMBY(${b.keys},Opp_Amount,${groups},Opp_Status,${lost})`, {
    spill: true,
    format: FORMAT.amount,
  });
  for (let r = first; r <= last; r++) {
    ws.getCell(`C${r}`).numFmt = FORMAT.count;
    ws.getCell(`D${r}`).numFmt = FORMAT.amount;
    book.formula(ws, `E${r}`, `CRM3.RATIO(C${r},CRM3.COUNTWHERE(Opp_Status,${lost}))`, { format: FORMAT.ratio });
  }
  return last + 2;
}

/** Helper columns (one value per opportunity) that the win analysis groups by; named WA_… */
const HELPER_COL = 20;

function winAnalysisSheet(book: TemplateBook, source: TemplateSource): void {
  const zh = book.zh;
  const ws = book.sheet(book.t(WIN_ANALYSIS_SHEET), 0);
  book.label(ws, 'B1', book.say('Pipeline and win characteristics', '商机阶段与赢单特征'), 'title');
  book.formula(
    ws,
    'B2',
    zh
      ? '"金额单位："&Currency&"　基准日："&TEXT(AsOfDate,"yyyy-mm-dd")&"　赢率按全部已结束商机计算"&IF(NoDecisionIsLoss,"（无决策计为丢单）","")'
      : '"Amounts in "&Currency&" · as of "&TEXT(AsOfDate,"yyyy-mm-dd")&" · win rates over all closed deals"&IF(NoDecisionIsLoss," (no decision counts as lost)","")',
  );
  ws.getCell('B2').font = { italic: true, color: { argb: 'FF595959' } };

  // Pipeline by stage.
  const stages = rowsInOrder(source.config.Stages, ['Stage']).map((r) => r[0]);
  const n = Math.max(stages.length, 1);
  book.label(ws, `B${PIPELINE_BLOCK.headerRow - 1}`, book.say('Open pipeline by stage', '各阶段进行中商机'), 'heading');
  // Stage | Amount | Weighted first: the pipeline-by-stage chart reads B:D.
  const pHeads = zh
    ? ['阶段', '金额', '加权金额', '商机数', '赢单概率', '平均评估得分']
    : ['Stage', 'Amount', 'Weighted', 'Deals', 'Probability', 'Avg QualScore'];
  pHeads.forEach((h, i) => book.label(ws, a1(PIPELINE_BLOCK.headerRow, 2 + i), h, 'header'));
  ws.getRow(PIPELINE_BLOCK.headerRow).height = 30;
  const p1 = PIPELINE_BLOCK.headerRow + 1;
  const pN = p1 + n - 1;
  const stageRange = `B${p1}:B${pN}`;
  book.formula(ws, `B${p1}`, 'CRM3.LOOKUPBY(Stages_Stage,Stages_Stage,Stages_Stage,"")', { spill: true });
  book.formula(ws, `C${p1}`, `CRM3.SUMBY(Opp_Stage,Opp_Amount,${stageRange},Opp_Status,"Open")`, {
    spill: true,
    format: FORMAT.amount,
  });
  book.formula(ws, `E${p1}`, `CRM3.COUNTBY(Opp_Stage,${stageRange},Opp_Status,"Open")`, { spill: true, format: FORMAT.count });
  book.formula(ws, `F${p1}`, `CRM3.LOOKUPBY(${stageRange},Stages_Stage,Stages_Probability,"")`, {
    spill: true,
    format: FORMAT.percent,
  });
  // Weighted amount and mean QualScore per stage: a scalar per stage row (a handful of rows, not per deal).
  for (let r = p1; r <= pN; r++) {
    book.formula(ws, `D${r}`, `CRM3.PIPELINE(Opp_Status,Opp_Amount,Opp_Probability,,,,Opp_Stage,B${r})`, {
      format: FORMAT.amount,
    });
    book.formula(ws, `G${r}`, `CRM3.MEAN(Opp_QualScore,Opp_Status,"Open",Opp_Stage,B${r})`, { format: FORMAT.score });
  }
  for (let r = p1; r <= pN; r++) {
    [FORMAT.amount, FORMAT.amount, FORMAT.count, FORMAT.percent, FORMAT.score].forEach(
      (f, i) => (ws.getCell(r, 3 + i).numFmt = f),
    );
  }
  book.label(ws, `B${pN + 1}`, book.say('Total', '合计')).font = { bold: true };
  book.formula(ws, `C${pN + 1}`, 'CRM3.PIPELINE(Opp_Status,Opp_Amount)', { format: FORMAT.amount });
  book.formula(ws, `D${pN + 1}`, 'CRM3.PIPELINE(Opp_Status,Opp_Amount,Opp_Probability)', { format: FORMAT.amount });
  book.formula(ws, `E${pN + 1}`, `SUM(E${p1}:E${pN})`, { format: FORMAT.count });
  book.formula(ws, `G${pN + 1}`, 'CRM3.MEAN(Opp_QualScore,Opp_Status,"Open")', { format: FORMAT.score });
  for (const c of 'BCDEFG') ws.getCell(`${c}${pN + 1}`).border = { top: { style: 'thin' } };

  // Helper columns aligned with the Opportunities rows (one spilled call each).
  const hFirst = PIPELINE_BLOCK.headerRow + 1;
  book.label(
    ws,
    a1(PIPELINE_BLOCK.headerRow - 1, HELPER_COL),
    book.say('Helper columns (one row per opportunity)', '辅助列（每个商机一行）'),
    'heading',
  );
  const helpers: [string, Message, string, string | undefined][] = [
    ['WA_OppId', { en: 'OppId', zh: '商机编号' }, 'CRM3.LOOKUPBY(Opp_OppId,Opp_OppId,Opp_OppId,"")', undefined],
    ['WA_Industry', { en: 'Industry', zh: '行业' }, 'CRM3.LOOKUPBY(Opp_AccountId,Acc_AccountId,Acc_Industry,"")', undefined],
    [
      'WA_Mentors',
      { en: 'Mentors on chain', zh: '内线教练数' },
      'CRM3.COUNTBY(Dc_OppId,Opp_OppId,Dc_Support,"Mentor")',
      FORMAT.count,
    ],
  ];
  helpers.forEach(([name, label, f, format], i) => {
    const col = HELPER_COL + i;
    book.label(ws, a1(PIPELINE_BLOCK.headerRow, col), book.t(label), 'header');
    book.formula(ws, a1(hFirst, col), f, { spill: true, format });
    ws.getColumn(col).width = 16;
    book.defineSpill(name, ws, a1(hFirst, col));
  });

  // Win characteristics.
  const oppRows = source.tables.Opportunities;
  const fromData = (key: string, min: number) => {
    const values = distinct(rowsInOrder(oppRows, [key]).map((r) => r[0]));
    // Filled: exactly the data's groups (no stray blank row); empty: blank input rows to type into.
    return values.length ? values : Array<string>(min).fill('');
  };
  const industries = distinct(rowsInOrder(source.tables.Accounts, ['Industry']).map((r) => r[0]));
  let top = pN + 3;
  top = keyedBlock(book, ws, top, {
    title: { en: 'Win rate by owner', zh: '按销售的赢率' },
    groupLabel: { en: 'Owner', zh: '负责人' },
    groups: fromData('Owner', 6),
    inputs: true,
    keys: 'Opp_Owner',
  });
  top = keyedBlock(book, ws, top, {
    title: { en: 'Win rate by grade (four questions)', zh: '按商机等级（四问）的赢率' },
    groupLabel: { en: 'Grade', zh: '等级' },
    groups: ['A', 'B', 'C', 'D'],
    inputs: false,
    keys: 'Opp_Grade',
  });
  top = keyedBlock(book, ws, top, {
    title: { en: 'Win rate by industry', zh: '按行业的赢率' },
    groupLabel: { en: 'Industry', zh: '行业' },
    groups: industries.length ? industries : Array<string>(6).fill(''),
    inputs: true,
    keys: 'WA_Industry',
  });
  top = keyedBlock(book, ws, top, {
    title: { en: 'Win rate by main competitor', zh: '按主要竞争对手的赢率' },
    groupLabel: { en: 'Competitor', zh: '竞争对手' },
    groups: fromData('Competitor', 6),
    inputs: true,
    keys: 'Opp_Competitor',
  });

  // Deal-size bands: from (input) up to the next band's from.
  book.label(ws, `B${top}`, book.say('Win rate by deal size', '按金额区间的赢率'), 'heading');
  book.label(ws, `B${top + 1}`, book.say('Amount from', '金额下限（含）'), 'header');
  book.headerRow(ws, top + 1, 3, WIN_HEADS);
  const bands = [0, 200_000, 500_000, 1_000_000, 3_000_000];
  const bFirst = top + 2;
  const bLast = bFirst + bands.length - 1;
  top = conditionRows(
    book,
    ws,
    bFirst,
    bands.map((from, i) => ({
      label: (r: number) => book.input(ws, `B${r}`, from, { format: FORMAT.amount }),
      filters: (r: number) => (i < bands.length - 1 ? `Opp_Amount,">="&B${r},Opp_Amount,"<"&B${r + 1}` : `Opp_Amount,">="&B${r}`),
    })),
  );
  void bLast;

  // With / without a mentor (内线教练) on the decision chain.
  book.label(ws, `B${top}`, book.say('Win rate with and without a mentor', '有无内线教练的赢率'), 'heading');
  book.label(ws, `B${top + 1}`, book.say('Decision chain', '决策链'), 'header');
  book.headerRow(ws, top + 1, 3, WIN_HEADS);
  const mentorRows = [
    { text: book.say('With a mentor', '有内线教练'), criterion: '">0"' },
    { text: book.say('Without a mentor', '无内线教练'), criterion: '0' },
  ];
  top = conditionRows(
    book,
    ws,
    top + 2,
    mentorRows.map((m) => ({
      label: (r: number) => {
        ws.getCell(`B${r}`).value = m.text;
        ws.getCell(`B${r}`).font = { bold: true };
      },
      filters: () => `WA_Mentors,${m.criterion}`,
    })),
  );
  // Why deals are lost (LossReason) and to whom (Competitor).
  const lostHeads = zh ? ['丢单数', '丢单金额', '占全部丢单'] : ['Lost deals', 'Lost amount', '% of losses'];
  top = lossBlock(book, ws, top, {
    title: { en: 'Losses by reason', zh: '按丢单原因统计' },
    groupLabel: { en: 'Loss reason', zh: '丢单原因' },
    groups: fromData('LossReason', 6),
    keys: 'Opp_LossReason',
    heads: lostHeads,
  });
  top = lossBlock(book, ws, top, {
    title: { en: 'Losses by competitor', zh: '按竞争对手统计丢单' },
    groupLabel: { en: 'Competitor', zh: '竞争对手' },
    groups: fromData('Competitor', 6),
    keys: 'Opp_Competitor',
    heads: lostHeads,
  });
  book.label(
    ws,
    `B${top}`,
    zh
      ? '下限/上限：95% Wilson 置信区间。赢单金额为该组赢单商机金额合计。丢单含无决策（NoDecisionIsLoss 为 TRUE 时）。'
      : 'Low/High: 95 % Wilson interval of the win rate. Won amount: Σ amount of the group’s won deals. Losses include no-decision deals when NoDecisionIsLoss is TRUE.',
    'note',
  );
  ws.getColumn(1).width = 2;
  ws.getColumn(2).width = zh ? 22 : 26;
  for (const c of [3, 4, 5, 6, 7]) ws.getColumn(c).width = 12;
  ws.getColumn(8).width = 16;
  ws.getColumn(HELPER_COL - 1).width = 3;
  ws.frozenRows = 2;
  book.printArea(ws, `A1:H${top}`);
}

export function buildOpportunityGrading(book: TemplateBook, info: TemplateInfo, source: TemplateSource): void {
  addHowToSheet(book, info, STEPS);
  addDataTable(book, source, 'Opportunities', { extra: sectionColumns(source) });
  winAnalysisSheet(book, source);
  addDataTable(book, source, 'Accounts');
  addDataTable(book, source, 'DecisionChain');
  addDataTable(book, source, 'Activities');
  addConfigSheet(book, source);
}
