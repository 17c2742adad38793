/**
 * The account plan's "Since last review" box (issue 16 §5): where a coach running the Q1/Q2
 * meeting sees what changed for the plan's account since a snapshot. It reads the History
 * tables the template carries (empty until `crm3 snapshot` or the pane's Save snapshot fills
 * them): which snapshot (the latest on or before AsOfDate, or the one the coach types, by
 * label or date: CRM3.SNAPSHOTDATE), the account's Score, Tier, revenue and share of wallet
 * then → now with Δ (CRM3.ASOF over AccountHistory), and the account's deals that moved since,
 * in words (CRM3.WHATMOVED: the dashboard's What moved rules, calc/history.ts). With no
 * snapshot it says so, never zeros.
 */
import { Message, bi } from '../core/i18n';
import { a1 } from '../model/snapshot';
import { FORMAT, SheetModel, TemplateBook } from './templateBook';

/** Rows of the moved-deals block. */
export const MOVED_ROWS = 8;

export const SINCE_TEXT = {
  heading: bi('6. Since last review', '六、上次评审以来'),
  choice: bi('Compare with (label or date)', '对比快照（标签或日期）'),
  choiceNote: bi('Blank: the latest snapshot on or before the as-of date.', '留空：基准日当天或之前最近的一次快照。'),
  snapshot: bi('Snapshot compared with', '对比的快照'),
  noSnapshot: bi(
    'No snapshot yet — take one with Save snapshot or `crm3 snapshot`',
    '还没有快照——请用任务窗格的“保存快照”或 `crm3 snapshot` 保存一次',
  ),
  noneBefore: bi('No snapshot on or before the as-of date ', '基准日当天或之前没有快照：'),
  noMatch: bi('No snapshot is labelled, or dated on or before: ', '没有该标签或日期不晚于它的快照：'),
  measure: bi('Account', '客户'),
  then: bi('Then', '当时'),
  now: bi('Now', '现在'),
  delta: bi('Δ', '变化'),
  score: bi('Score', '综合得分'),
  tier: bi('Tier', '分级'),
  revenue: bi('Revenue, last 12 months', '近12个月收入'),
  share: bi('Share of wallet', '钱包份额'),
  unchanged: bi('unchanged', '不变'),
  moved: bi('Deals that moved since', '此后有变化的商机'),
  deal: bi('Deal', '商机'),
  whatMoved: bi('What moved', '变化'),
  nothingMoved: bi('No deal of this account moved since the snapshot.', '自该快照以来，该客户的商机没有变化。'),
  note: bi(
    'A deal counts when it was open at the snapshot: slipped (close date later), moved back a stage, dropped a grade, lost its mentor, grew, shrank, won, lost or no decision. Snapshots record the account’s Score, Tier, revenue and share of wallet; the other account indicators above are not recorded per account, so they have no Δ.',
    '快照时处于进行中的商机才参与比较：推迟结单、阶段后退、等级下降、失去内线教练、金额增加、金额减少、赢单、丢单或无决策。快照记录客户的综合得分、分级、收入和钱包份额；上面的其他客户指标不按客户记录，因此没有变化值。',
  ),
  helper: bi('Snapshot date', '快照日期'),
} satisfies Record<string, Message>;

/** Δ of a share in percentage points, as the dashboard says it ("+2.0 pp", "+2.0 个百分点"). */
const PP_FORMAT = { en: '+0.0" pp";-0.0" pp";0.0" pp"', zh: '+0.0" 个百分点";-0.0" 个百分点";0.0" 个百分点"' };
const AMOUNT_DELTA = '+#,##0;-#,##0;0';
const SCORE_DELTA = '+0.0;-0.0;0.0';

export interface SinceLastReviewCells {
  /** The page's own cells of the account now: Tier, Revenue12m, share of wallet. */
  tierNow: string;
  revenueNow: string;
  shareNow: string;
  /** Where the chosen snapshot's date goes (a helper cell beside the page). */
  dateCell: { row: number; col: number };
}

/** Writes the box from row `top` down; returns the last row used. */
export function addSinceLastReview(book: TemplateBook, ws: SheetModel, top: number, cells: SinceLastReviewCells): number {
  const t = (m: Message) => book.t(m);
  const q = (m: Message) => `"${t(m)}"`;
  let row = top;
  book.label(ws, `B${row}`, t(SINCE_TEXT.heading), 'heading');

  row += 1;
  book.label(ws, `B${row}`, t(SINCE_TEXT.choice)).font = { bold: true };
  book.input(ws, `C${row}`, null);
  book.defineCell('Plan_SinceChoice', ws, `C${row}`);
  book.label(ws, `D${row}`, t(SINCE_TEXT.choiceNote), 'note');

  // The chosen snapshot's date, beside the page (every formula of the box reads it).
  const dateAt = a1(cells.dateCell.row, cells.dateCell.col);
  book.label(ws, a1(cells.dateCell.row - 1, cells.dateCell.col), t(SINCE_TEXT.helper), 'header');
  book.formula(ws, dateAt, 'CRM3.SNAPSHOTDATE(Hist_Date,Hist_Label,AsOfDate,Plan_SinceChoice)', { format: FORMAT.date });
  ws.getColumn(cells.dateCell.col).width = 12;
  book.defineCell('Plan_SinceDate', ws, dateAt);

  row += 1;
  book.label(ws, `B${row}`, t(SINCE_TEXT.snapshot)).font = { bold: true };
  const choiceShown = 'IF(ISNUMBER(Plan_SinceChoice),TEXT(Plan_SinceChoice,"yyyy-mm-dd"),Plan_SinceChoice)';
  const label = 'CRM3.LOOKUPBY(Plan_SinceDate,Hist_Date,Hist_Label,"")';
  book.formula(
    ws,
    `C${row}`,
    `IF(COUNT(Hist_Date)=0,${q(SINCE_TEXT.noSnapshot)},IF(Plan_SinceDate="",IF(Plan_SinceChoice="",${q(SINCE_TEXT.noneBefore)}&TEXT(AsOfDate,"yyyy-mm-dd"),${q(SINCE_TEXT.noMatch)}&${choiceShown}),TEXT(Plan_SinceDate,"yyyy-mm-dd")&IF(${label}="",""," · "&${label})))`,
  ).font = { bold: true };

  // The account then → now.
  row += 2;
  [SINCE_TEXT.measure, SINCE_TEXT.then, SINCE_TEXT.now, SINCE_TEXT.delta].forEach((m, i) =>
    book.label(ws, a1(row, 2 + i), t(m), 'header'),
  );
  const asOf = (column: string) =>
    `IF(Plan_SinceDate="","",CRM3.ASOF(Plan_AccountId,AccH_Date,AccH_AccountId,${column},Plan_SinceDate))`;
  const numberDelta = (r: number, scale = '') => `IF(OR(C${r}="",D${r}=""),"",(D${r}-C${r})${scale})`;
  const measures: [Message, string, string, string | undefined, string | undefined, string][] = [
    [SINCE_TEXT.score, 'AccH_Score', 'CRM3.LOOKUPBY(Plan_AccountId,Acc_AccountId,Acc_Score,"")', FORMAT.score, SCORE_DELTA, ''],
    [SINCE_TEXT.tier, 'AccH_Tier', cells.tierNow, undefined, undefined, ''],
    [SINCE_TEXT.revenue, 'AccH_Revenue12m', cells.revenueNow, FORMAT.amount, AMOUNT_DELTA, ''],
    [SINCE_TEXT.share, 'AccH_ShareOfWallet', cells.shareNow, FORMAT.ratio, book.zh ? PP_FORMAT.zh : PP_FORMAT.en, '*100'],
  ];
  for (const [name, history, now, format, deltaFormat, scale] of measures) {
    row += 1;
    book.label(ws, `B${row}`, t(name));
    book.formula(ws, `C${row}`, asOf(history), { format });
    book.formula(ws, `D${row}`, now, { format });
    const delta = deltaFormat
      ? numberDelta(row, scale)
      : `IF(OR(C${row}="",D${row}=""),"",IF(C${row}=D${row},${q(SINCE_TEXT.unchanged)},C${row}&" → "&D${row}))`;
    book.formula(ws, `E${row}`, delta, { format: deltaFormat });
    for (const c of ['C', 'D', 'E']) ws.getCell(`${c}${row}`).alignment = { horizontal: 'right' };
  }

  // The account's deals that moved since (the dashboard's rules).
  row += 2;
  book.label(ws, `B${row}`, t(SINCE_TEXT.moved)).font = { bold: true };
  row += 1;
  book.label(ws, `B${row}`, t(SINCE_TEXT.deal), 'header');
  book.label(ws, `C${row}`, t(SINCE_TEXT.whatMoved), 'header');
  for (const c of ['D', 'E', 'F', 'G', 'H', 'I']) book.label(ws, `${c}${row}`, '', 'header');
  const m1 = row + 1;
  book.formula(
    ws,
    `B${m1}`,
    `CRM3.WHATMOVED(Opp_AccountId,Plan_AccountId,${MOVED_ROWS},Opp_OppId,Opp_OppName,Opp_Stage,Opp_Status,Opp_Amount,Opp_CloseDate,Opp_Grade,Dc_OppId,Dc_Support,OppH_Date,OppH_OppId,OppH_Stage,OppH_Status,OppH_Amount,OppH_CloseDate,OppH_Grade,OppH_Mentor,Plan_SinceDate,Stages_Stage,Stages_Order,"${book.locale}")`,
    { spill: true },
  );
  row = m1 + MOVED_ROWS;
  book.formula(ws, `B${row}`, `IF(OR(Plan_SinceDate="",B${m1}<>""),"",${q(SINCE_TEXT.nothingMoved)})`).font = {
    italic: true,
    color: { argb: 'FF595959' },
  };
  row += 1;
  // Wrapped across the page: a long note on one line would be cut at the print area.
  ws.mergeCells(`B${row}:I${row}`);
  book.label(ws, `B${row}`, t(SINCE_TEXT.note), 'note').alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(row).height = 45;
  return row;
}
