/**
 * Template "deal-review" (商机评审): the bi-weekly review of one open deal on one printed page,
 * the deal chosen in a yellow cell (DR_OppId, a drop-down of Opp_OppId). The page shows the
 * deal's facts; the four questions (四问) with answers, a note and the section scores; the
 * sufficient events (充分事件) of each stage with the activity that proves each; the decision
 * chain by name (CRM3.LISTBY); the red flags and strengths of calc/dealReview.ts (CRM3.DEALFLAGS,
 * the same rules as the pane and `crm3 review`); the deal's own actions with their status (CRM3.ACTIONSTATUS); the deal's Reviews
 * log; and the win-step checklist from Config's WinSteps table (a consultant edits it).
 */
import { Cell } from '../core/cells';
import { Status, canonical } from '../core/enumerations';
import { Message } from '../core/i18n';
import { RED_FLAGS, RED_FLAG_NAMES, STRENGTHS, STRENGTH_NAMES } from '../calc/dealReview';
import { CONFIG_TABLES } from '../model/config';
import { configTableOrigins } from '../model/layout';
import { WIN_STEPS_COLUMNS, defaultWinSteps } from '../model/winSteps';
import { a1 } from '../model/snapshot';
import { TemplateInfo } from './catalog';
import { actionStatusFills, actionStatusFormula } from './actionsBlock';
import { addHowToSheet } from './howTo';
import { sectionColumns } from './opportunityGrading';
import { FORMAT, SheetModel, TemplateBook, nameListValidation } from './templateBook';
import { TemplateSource, addConfigSheet, addDataTable, configIds, rowsInOrder } from './workbookSheets';

export const DEAL_REVIEW_SHEET = { en: 'Deal review', zh: '商机评审' };

const STEPS: readonly Message[] = [
  {
    en: 'Put the deals in Opportunities (answer the questions Q_… with Yes, No or Unknown), the people in Contacts and DecisionChain, the activities that prove events in Activities (OppId and EventId), and the actions in Actions (OppId for a deal’s own actions, DueDate and DoneDate).',
    zh: '在“商机”表中填写商机（用“是”“否”“未知”回答各问题 Q_…），在“联系人”和“决策链”中填写人员，在“活动”中记录证明充分事件的活动（商机编号和事件编号），在“行动计划”中填写行动项（商机的行动填商机编号，并填写截止日期和完成日期）。',
  },
  {
    en: 'Deal review: choose the deal in the yellow Opportunity cell (drop-down of Opp_OppId). The page shows that deal only; print it (one page).',
    zh: '商机评审：在黄色“商机”单元格中选择商机（下拉列表来自 Opp_OppId）。页面只显示该商机，可直接打印（一页）。',
  },
  {
    en: 'Red flags and strengths follow the same rules as the task pane’s review list and crm3 review (StaleDays in Config sets “no recent activity”). They are shown for open deals only.',
    zh: '风险信号与优势的规则与任务窗格的评审列表和 crm3 review 相同（“近期无活动”的天数由配置中的 StaleDays 决定），只对进行中的商机显示。',
  },
  {
    en: 'After the meeting, add a row to Reviews (date, reviewer, decisions, next review). ReviewIntervalDays in Config says when a deal is due again (the pane and crm3 review --due list them).',
    zh: '评审会后，在“评审记录”中加一行（评审日期、评审人、决定、下次评审）。配置中的 ReviewIntervalDays 决定商机何时需要再次评审（任务窗格和 crm3 review --due 会列出）。',
  },
  {
    en: 'The win-step checklist (赢单五步法) is the WinSteps table in Config: edit the steps and their evidence to your own method; the page lists them with a box to tick on paper.',
    zh: '赢单五步法检查表是配置中的 WinSteps（赢单步骤）表：可按自己的方法修改步骤和证据；页面列出各步骤并留有方框，便于打印后勾选。',
  },
];

const MARK = { holds: '●', not: '○' };
const RED = 'FFFFC7CE';
const GREEN = 'FFC6EFCE';
/** Helper columns (spilled per decision-chain row, flags per rule) sit right of the page. */
const HELPER_COL = 20;
const CHAIN_ROWS = 8;
const ACTION_ROWS = 6;
const REVIEW_ROWS = 4;

/** Two lookups per fact row: label in B/E, value in C/F. */
function fact(book: TemplateBook, ws: SheetModel, cell: string, label: string, formula: string, format?: string): void {
  const labelCell = cell.replace(/^C/, 'B').replace(/^F/, 'E');
  book.label(ws, labelCell, label).font = { bold: true };
  book.formula(ws, cell, formula, { format });
}

function heading(book: TemplateBook, ws: SheetModel, row: number, text: string): void {
  book.label(ws, `B${row}`, text, 'heading');
}

function headers(book: TemplateBook, ws: SheetModel, row: number, cols: [string, string][]): void {
  for (const [col, text] of cols) book.label(ws, `${col}${row}`, text, 'header');
}

function fill(ws: SheetModel, ref: string, formula: string, argb: string): void {
  ws.addConditionalFormatting({
    ref,
    rules: [
      { type: 'expression', formulae: [formula], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb } } } },
    ],
  });
}

/** The deal a filled template opens on: the first open deal of the data. */
function firstOpenDeal(source: TemplateSource): Cell {
  const rows = rowsInOrder(source.tables.Opportunities, ['OppId', 'Status']);
  const open = rows.find((r) => canonical(Status, r[1]) === 'Open');
  return open?.[0] ?? rows[0]?.[0] ?? null;
}

function reviewSheet(book: TemplateBook, source: TemplateSource, winSteps: number): void {
  const zh = book.zh;
  const t = (en: string, zhText: string) => (zh ? zhText : en);
  const ws = book.sheet(book.t(DEAL_REVIEW_SHEET), 0);
  book.label(ws, 'B1', t('Deal review', '商机评审'), 'title');
  book.formula(
    ws,
    'E1',
    zh
      ? '"金额单位："&Currency&"　评审基准日："&TEXT(AsOfDate,"yyyy-mm-dd")'
      : '"Amounts in "&Currency&" · review as of "&TEXT(AsOfDate,"yyyy-mm-dd")',
  );
  ws.getCell('E1').font = { italic: true, color: { argb: 'FF595959' } };

  // The deal and its facts.
  book.label(ws, 'B3', t('Opportunity', '商机')).font = { bold: true, size: 12 };
  book.input(ws, 'C3', firstOpenDeal(source), {
    validation: nameListValidation('Opp_OppId', t('Choose the deal to review', '选择要评审的商机')),
  });
  ws.getCell('C3').font = { bold: true, size: 12 };
  book.defineCell('DR_OppId', ws, 'C3');
  const look = (col: string) => `CRM3.LOOKUPBY(DR_OppId,Opp_OppId,${col},"")`;
  book.formula(ws, 'D3', look('Opp_OppName')).font = { bold: true, size: 12 };
  fact(book, ws, 'C4', t('Account', '客户'), look('Opp_AccountId'));
  book.defineCell('DR_AccountId', ws, 'C4');
  book.formula(ws, 'D4', 'CRM3.LOOKUPBY(DR_AccountId,Acc_AccountId,Acc_AccountName,"")');
  fact(book, ws, 'C5', t('Owner', '负责人'), look('Opp_Owner'));
  fact(book, ws, 'F5', t('Stage', '阶段'), look('Opp_Stage'));
  fact(book, ws, 'C6', t('Amount', '金额'), look('Opp_Amount'), FORMAT.amount);
  fact(book, ws, 'F6', t('Close date', '结单日期'), look('Opp_CloseDate'), FORMAT.date);
  fact(book, ws, 'C7', t('Status', '状态'), look('Opp_Status'));
  fact(book, ws, 'F7', t('Probability', '赢单概率'), look('Opp_Probability'), FORMAT.percent);
  fact(book, ws, 'C8', t('Competitor', '竞争对手'), look('Opp_Competitor'));
  fact(book, ws, 'F8', t('Close slips', '推迟次数'), look('Opp_CloseDatePushes'), FORMAT.count);
  fact(book, ws, 'C9', t('Value proposition', '价值主张'), look('Opp_ValueProposition'));
  fact(book, ws, 'C10', t('Compelling event', '紧迫事件'), look('Opp_CompellingEvent'));
  fact(book, ws, 'C11', t('Next step date', '下一步日期'), look('Opp_NextStepDate'), FORMAT.date);
  fact(book, ws, 'F11', t('Last activity', '最近活动'), 'CRM3.LASTACTIVITY(DR_OppId,Act_OppId,Act_Date,AsOfDate)', FORMAT.date);

  // 1. The four questions.
  let row = 13;
  heading(book, ws, row, t('1. The four questions', '一、四问'));
  book.label(ws, `E${row}`, t('QualScore', '评估得分')).font = { bold: true };
  book.formula(ws, `F${row}`, look('Opp_QualScore'), { format: FORMAT.score }).font = { bold: true };
  book.label(ws, `G${row}`, t('Grade', '商机等级')).font = { bold: true };
  book.formula(ws, `H${row}`, look('Opp_Grade')).font = { bold: true, size: 12 };
  row += 1;
  headers(book, ws, row, [
    ['B', t('Section', '部分')],
    ['C', t('Question', '问题')],
    ['G', t('Answer', '回答')],
    ['H', t('Note', '说明')],
  ]);
  const sections = sectionColumns(source);
  const questions = rowsInOrder(source.config.Questions, ['QuestionId', 'Section']).filter((q) => q[0] !== null && q[0] !== '');
  const ids = configIds(source, 'Questions');
  const yes = book.say('Yes', '是');
  const no = book.say('No', '否');
  const q1 = row + 1;
  questions.forEach(([qid, section], i) => {
    const r = q1 + i;
    const s = Number(section);
    ws.getCell(`B${r}`).value = sections[s - 1] ? (zh ? sections[s - 1].label.zh : sections[s - 1].label.en) : String(section);
    ws.mergeCells(`C${r}:F${r}`);
    book.formula(ws, `C${r}`, `CRM3.LOOKUPBY("${String(qid)}",Questions_QuestionId,Questions_Text,"")`);
    if (ids.includes(String(qid))) book.formula(ws, `G${r}`, look(`Opp_${String(qid)}`)).alignment = { horizontal: 'center' };
    ws.mergeCells(`H${r}:I${r}`);
    // Blank counts as Unknown (as the grading does): both ask to find out.
    book.formula(
      ws,
      `H${r}`,
      `IF(DR_OppId="","",IF(OR(G${r}="Yes",G${r}="是"),"",IF(OR(G${r}="No",G${r}="否"),"${t('No: a risk to address', '否：需应对的风险')}","${t('Unknown: find out', '未知：须弄清')}")))`,
    );
  });
  const qN = q1 + questions.length - 1;
  fill(ws, `G${q1}:G${qN}`, `OR(G${q1}="${no}",G${q1}="No")`, RED);
  fill(ws, `G${q1}:G${qN}`, `OR(G${q1}="${yes}",G${q1}="Yes")`, GREEN);
  row = qN + 1;
  book.label(ws, `B${row}`, t('Section scores (0–100)', '各部分得分（0–100）')).font = { bold: true };
  sections.forEach((s, i) => {
    const col = String.fromCharCode(67 + 2 * i); // C, E, G, I
    ws.getCell(`${col}${row}`).value = zh ? s.label.zh : s.label.en;
    ws.getCell(`${col}${row}`).font = { italic: true, color: { argb: 'FF595959' } };
  });
  row += 1;
  sections.forEach((s, i) => {
    const col = String.fromCharCode(67 + 2 * i);
    book.formula(ws, `${col}${row}`, look(`Opp_${s.key}`), { format: FORMAT.score }).font = { bold: true };
  });

  // 2. Sufficient events of each stage, with the activity that proves each.
  row += 2;
  heading(book, ws, row, t('2. Sufficient events by stage', '二、各阶段充分事件'));
  // The StageCheck value (the contract, tested by the red fill below) beside the page; the page shows it in words.
  const checkCell = a1(row, HELPER_COL);
  book.formula(ws, checkCell, look('Opp_StageCheck'));
  book.formula(
    ws,
    `E${row}`,
    `"${t('Stage check: ', '阶段核查：')}"&CRM3.STAGECHECKTEXT(${checkCell},"${book.locale}",StageEvents_EventId,StageEvents_Description)`,
  );
  row += 1;
  headers(book, ws, row, [
    ['B', t('Stage', '阶段')],
    ['C', t('Event', '事件')],
    ['D', t('Description', '说明')],
    ['G', t('Essential', '必要')],
    ['H', t('Proven on', '证明日期')],
    ['I', t('By activity', '证明活动')],
  ]);
  const events = rowsInOrder(source.config.StageEvents, ['Stage', 'EventId']).filter((e) => e[1] !== null && e[1] !== '');
  const e1 = row + 1;
  events.forEach(([stage, eventId], i) => {
    const r = e1 + i;
    ws.getCell(`B${r}`).value = stage;
    ws.getCell(`C${r}`).value = eventId;
    ws.mergeCells(`D${r}:F${r}`);
    book.formula(ws, `D${r}`, `CRM3.LOOKUPBY(C${r},StageEvents_EventId,StageEvents_Description,"")`);
    book.formula(ws, `G${r}`, `CRM3.LOOKUPBY(C${r},StageEvents_EventId,StageEvents_Essential,"")`).alignment = {
      horizontal: 'center',
    };
    // The latest activity of this deal logged with the event, and its type.
    book.formula(ws, `H${r}`, `CRM3.MAXBY(Act_OppId,Act_Date,DR_OppId,Act_EventId,C${r})`, { format: FORMAT.date });
    book.formula(
      ws,
      `I${r}`,
      `IF(H${r}="","",CRM3.LISTBY(Act_OppId,DR_OppId,1,Act_Type,,,,,,,,,,Act_EventId,C${r},Act_Date,H${r}))`,
    );
  });
  const eN = e1 + Math.max(events.length, 1) - 1;
  // An essential event of the current or an earlier stage that no activity proves: StageCheck names it.
  const check = `$${checkCell.replace(/(\d+)$/, '$$$1')}`;
  fill(ws, `B${e1}:I${eN}`, `ISNUMBER(SEARCH(" "&$C${e1}&",",${check}&","))`, RED);
  row = eN + 2;

  // 3. Decision chain by name.
  heading(book, ws, row, t('3. Decision chain', '三、决策链'));
  row += 1;
  headers(book, ws, row, [
    ['B', t('Name', '姓名')],
    ['C', t('Title', '职务')],
    ['D', t('Buying role', '采购角色')],
    ['E', t('Support', '支持度')],
    ['F', t('Coverage', '覆盖度')],
    ['G', t('Last contact', '最近接触')],
  ]);
  const c1 = row + 1;
  book.formula(
    ws,
    `B${c1}`,
    `CRM3.LISTBY(Dc_OppId,DR_OppId,${CHAIN_ROWS},DR_DcName,DR_DcTitle,Dc_BuyingRole,Dc_Support,Dc_Coverage,DR_DcLastContact)`,
    { spill: true },
  );
  for (let r = c1; r < c1 + CHAIN_ROWS; r++) ws.getCell(`G${r}`).numFmt = FORMAT.date;
  fill(ws, `E${c1}:E${c1 + CHAIN_ROWS - 1}`, `OR(E${c1}="Mentor",E${c1}="内线教练")`, GREEN);
  fill(ws, `E${c1}:E${c1 + CHAIN_ROWS - 1}`, `OR(E${c1}="Enemy",E${c1}="反对者",E${c1}="NonSupporter",E${c1}="不支持")`, RED);
  row = c1 + CHAIN_ROWS + 1;

  // 4. Red flags and strengths (calc/dealReview.ts through CRM3.DEALFLAGS).
  heading(book, ws, row, t('4. Red flags and strengths', '四、风险信号与优势'));
  book.label(ws, `E${row}`, t('● holds  ○ does not (open deals only)', '● 符合　○ 不符合（仅限进行中商机）'), 'note');
  row += 1;
  headers(book, ws, row, [
    ['B', t('Red flag', '风险信号')],
    ['D', ''],
    ['F', t('Strength', '优势')],
    ['I', ''],
  ]);
  ws.mergeCells(`B${row}:C${row}`);
  ws.mergeCells(`F${row}:H${row}`);
  const f1 = row + 1;
  const args =
    'DR_OppId,Opp_OppId,Opp_Status,Opp_CloseDatePushes,Opp_StageCheck,Opp_Competitor,Opp_ValueProposition,Opp_CompellingEvent,Act_OppId,Act_Date,AsOfDate,StaleDays,Dc_OppId,Dc_BuyingRole,Dc_Support,Dc_Coverage';
  RED_FLAGS.forEach((f, i) => {
    ws.mergeCells(`B${f1 + i}:C${f1 + i}`);
    ws.getCell(`B${f1 + i}`).value = book.t(RED_FLAG_NAMES[f]);
  });
  STRENGTHS.forEach((s, i) => {
    ws.mergeCells(`F${f1 + i}:H${f1 + i}`);
    ws.getCell(`F${f1 + i}`).value = book.t(STRENGTH_NAMES[s]);
  });
  const fN = f1 + RED_FLAGS.length - 1;
  const sN = f1 + STRENGTHS.length - 1;
  const flagHelper = a1(f1, HELPER_COL);
  const strengthHelper = a1(f1, HELPER_COL + 1);
  book.formula(ws, flagHelper, `CRM3.DEALFLAGS(B${f1}:B${fN},${args})`, { spill: true });
  book.formula(ws, strengthHelper, `CRM3.DEALFLAGS(F${f1}:F${sN},${args})`, { spill: true });
  const mark = (helper: string) => `IF(${helper}="","",IF(${helper},"${MARK.holds}","${MARK.not}"))`;
  for (let i = 0; i < RED_FLAGS.length; i++)
    book.formula(ws, `D${f1 + i}`, mark(a1(f1 + i, HELPER_COL))).alignment = { horizontal: 'center' };
  for (let i = 0; i < STRENGTHS.length; i++)
    book.formula(ws, `I${f1 + i}`, mark(a1(f1 + i, HELPER_COL + 1))).alignment = { horizontal: 'center' };
  fill(ws, `B${f1}:D${fN}`, `$D${f1}="${MARK.holds}"`, RED);
  fill(ws, `F${f1}:I${sN}`, `$I${f1}="${MARK.holds}"`, GREEN);
  row = Math.max(fN, sN) + 2;

  // 5. The deal's own actions (Actions rows whose OppId is this deal), with where each stands
  // as of AsOfDate (calc/actions.ts through CRM3.ACTIONSTATUS): the account's other actions are
  // on the account plan.
  heading(book, ws, row, t('5. Next actions of this deal', '五、本商机的下一步行动'));
  book.label(
    ws,
    `E${row}`,
    t('Actions sheet rows with this OppId; status as of AsOfDate.', '“行动计划”表中商机编号为本商机的行；状态按基准日判断。'),
    'note',
  );
  row += 1;
  headers(book, ws, row, [
    ['B', t('Action', '行动')],
    ['C', t('Owner', '负责人')],
    ['D', t('Due date', '截止日期')],
    ['E', t('Done date', '完成日期')],
    ['F', t('Status', '状态')],
  ]);
  const a1Row = row + 1;
  const aN = a1Row + ACTION_ROWS - 1;
  book.formula(
    ws,
    `B${a1Row}`,
    `CRM3.LISTBY(Axn_OppId,DR_OppId,${ACTION_ROWS},Axn_Action,Axn_Owner,Axn_DueDate,Axn_DoneDate,DR_AxnStatus,,,,Axn_DueDate)`,
    { spill: true },
  );
  for (let r = a1Row; r <= aN; r++) {
    ws.getCell(`B${r}`).alignment = { wrapText: true, vertical: 'top' };
    ws.getCell(`D${r}`).numFmt = FORMAT.date;
    ws.getCell(`E${r}`).numFmt = FORMAT.date;
  }
  actionStatusFills(ws, `F${a1Row}:F${aN}`, `F${a1Row}`);
  row = aN + 2;

  // 6. Reviews log of this deal, latest first.
  heading(book, ws, row, t('6. Reviews of this deal (latest first)', '六、该商机的评审记录（最近在前）'));
  book.label(ws, `E${row}`, t('Log each review in the Reviews sheet.', '每次评审请在“评审记录”表中记一行。'), 'note');
  row += 1;
  headers(book, ws, row, [
    ['B', t('Date', '评审日期')],
    ['C', t('Reviewer', '评审人')],
    ['D', t('Next review', '下次评审')],
    ['E', t('Decisions', '决定')],
  ]);
  const r1 = row + 1;
  book.formula(
    ws,
    `B${r1}`,
    `CRM3.LISTBY(Rev_OppId,DR_OppId,${REVIEW_ROWS},Rev_Date,Rev_Reviewer,Rev_NextReview,Rev_Decisions,,,,,Rev_Date,1)`,
    { spill: true },
  );
  for (let r = r1; r < r1 + REVIEW_ROWS; r++) {
    ws.getCell(`B${r}`).numFmt = FORMAT.date;
    ws.getCell(`D${r}`).numFmt = FORMAT.date;
  }
  row = r1 + REVIEW_ROWS + 1;

  // 7. Win steps checklist (Config WinSteps): ticked on paper in the meeting.
  heading(book, ws, row, t('7. Win steps checklist', '七、赢单五步法检查'));
  row += 1;
  headers(book, ws, row, [
    ['B', t('Step', '步骤')],
    ['C', t('Evidence', '证据')],
    ['I', t('Done', '完成')],
  ]);
  const w1 = row + 1;
  const steps = Math.max(winSteps, 1);
  // Steps in the table's order; the evidence text runs across the empty cells C:H.
  book.formula(ws, `B${w1}`, 'CRM3.LOOKUPBY(WinSteps_Step,WinSteps_Step,WinSteps_Name,"")', { spill: true });
  book.formula(ws, `C${w1}`, 'CRM3.LOOKUPBY(WinSteps_Step,WinSteps_Step,WinSteps_Evidence,"")', { spill: true });
  for (let i = 0; i < steps; i++) {
    const c = ws.getCell(`I${w1 + i}`);
    c.value = '☐';
    c.alignment = { horizontal: 'center' };
  }
  const last = w1 + steps - 1;

  helperColumns(book, ws);
  ws.getColumn(1).width = 2;
  ws.getColumn(2).width = zh ? 22 : 26;
  ws.getColumn(3).width = 14;
  for (const c of [4, 5, 6, 7, 8]) ws.getColumn(c).width = 12;
  ws.getColumn(9).width = 14;
  ws.getColumn(HELPER_COL - 1).width = 3;
  book.printArea(ws, `A1:I${last + 1}`);
  ws.pageSetup.orientation = 'portrait';
  ws.pageSetup.fitToHeight = 1;
}

/** Per decision-chain row: the contact's name, title and last contact (spilled, named DR_Dc…). */
function helperColumns(book: TemplateBook, ws: SheetModel): void {
  const helpers: [string, Message, string, string | undefined][] = [
    ['DR_DcName', { en: 'Chain: name', zh: '决策链：姓名' }, 'CRM3.LOOKUPBY(Dc_ContactId,Con_ContactId,Con_Name,"")', undefined],
    [
      'DR_DcTitle',
      { en: 'Chain: title', zh: '决策链：职务' },
      'CRM3.LOOKUPBY(Dc_ContactId,Con_ContactId,Con_Title,"")',
      undefined,
    ],
    [
      'DR_DcLastContact',
      { en: 'Chain: last contact', zh: '决策链：最近接触' },
      'CRM3.MAXBY(Act_ContactId,Act_Date,Dc_ContactId,Act_Date,"<="&AsOfDate)',
      FORMAT.date,
    ],
    // Per action: where it stands as of AsOfDate, in the page's language.
    ['DR_AxnStatus', { en: 'Action: status', zh: '行动：状态' }, actionStatusFormula(book.zh), undefined],
  ];
  const col = HELPER_COL + 3;
  book.label(ws, a1(2, HELPER_COL), book.say('Helper columns', '辅助列'), 'heading');
  book.label(ws, a1(3, HELPER_COL), book.say('Flags', '风险信号'), 'header');
  book.label(ws, a1(3, HELPER_COL + 1), book.say('Strengths', '优势'), 'header');
  helpers.forEach(([name, label, f, format], i) => {
    book.label(ws, a1(3, col + i), book.t(label), 'header');
    book.formula(ws, a1(4, col + i), f, { spill: true, format });
    ws.getColumn(col + i).width = 16;
    book.defineSpill(name, ws, a1(4, col + i));
  });
}

/** The WinSteps table, placed on the Config sheet right of the shipped Config tables. */
function addWinStepsTable(book: TemplateBook, ws: SheetModel, rows: Cell[][]): void {
  const origins = configTableOrigins();
  const [lastName, lastOrigin] = origins[origins.length - 1];
  const width = CONFIG_TABLES.find((c) => c.name === lastName)!.columns.length;
  const origin = { row: lastOrigin.row, col: lastOrigin.col + width + 1 };
  book.label(ws, a1(origin.row - 1, origin.col), book.say('WinSteps', '赢单步骤'), 'heading');
  const placed = book.table(
    ws,
    'WinSteps',
    origin,
    WIN_STEPS_COLUMNS.map((c) => ({ key: c.name, label: book.zh ? c.zh : c.name, width: c.name === 'Step' ? 8 : 36 })),
    rows,
    'TableStyleLight9',
  );
  for (const p of placed) book.defineTableColumn(`WinSteps_${p.key}`, p);
}

/**
 * A filled template (the sample) shows a Reviews log: one past review of the deal the page
 * opens on, a review period ago, so the log section is not empty in the demo.
 */
function withExampleReview(book: TemplateBook, source: TemplateSource): TemplateSource {
  if (!source.filled || source.tables.Reviews?.rows.length) return source;
  const deal = firstOpenDeal(source);
  const asOf = typeof source.settings.AsOfDate === 'number' ? source.settings.AsOfDate : null;
  const interval = typeof source.settings.ReviewIntervalDays === 'number' ? source.settings.ReviewIntervalDays : 14;
  if (deal === null || asOf === null) return source;
  const owner = rowsInOrder(source.tables.Opportunities, ['OppId', 'Owner']).find((r) => r[0] === deal)?.[1] ?? null;
  const decisions = book.t({
    en: 'Meet the approver before the proposal',
    zh: '提交方案前拜访批准者',
  });
  const reviews = {
    sheet: '',
    origin: { row: 1, col: 1 },
    headers: ['OppId', 'Date', 'Reviewer', 'Decisions', 'NextReview'],
    rows: [[deal, asOf - interval, owner, decisions, asOf]],
  };
  return { ...source, tables: { ...source.tables, Reviews: reviews } };
}

export function buildDealReview(book: TemplateBook, info: TemplateInfo, given: TemplateSource): void {
  const source = withExampleReview(book, given);
  const winSteps = defaultWinSteps(book.locale);
  addHowToSheet(book, info, STEPS);
  reviewSheet(book, source, winSteps.length);
  addDataTable(book, source, 'Opportunities', { extra: sectionColumns(source) });
  addDataTable(book, source, 'Reviews');
  addDataTable(book, source, 'Accounts');
  addDataTable(book, source, 'Contacts');
  addDataTable(book, source, 'DecisionChain');
  addDataTable(book, source, 'Activities');
  addDataTable(book, source, 'Actions');
  const config = addConfigSheet(book, source);
  addWinStepsTable(book, config, winSteps);
}
