/**
 * Template "account-plan" (大客户账户规划): one account, chosen in Plan_AccountId, on one
 * page: header and goals with the revenue target against the last 12 months, the
 * opportunity map by stage and the business-unit × solution whitespace grid, the decision
 * chain / relationship map, objectives and actions, and the account's own indicators.
 * Every section reads the workbook names filtered by that account (CRM3 filter pairs).
 */
import { Cell } from '../core/cells';
import { BuyingRole, RelationshipLevel } from '../core/enumerations';
import { Message } from '../core/i18n';
import { a1 } from '../model/snapshot';
import { TemplateInfo } from './catalog';
import { actionStatusFills, actionStatusFormula } from './actionsBlock';
import { addHowToSheet } from './howTo';
import { addSinceLastReview } from './sinceLastReview';
import { FORMAT, INPUT_FILL, SheetModel, TemplateBook, listValidation, nameListValidation } from './templateBook';
import { TemplateSource, addConfigSheet, addDataTable, enumValues, rowsInOrder } from './workbookSheets';

export const PLAN_SHEET = { en: 'Account plan', zh: '账户规划' };
/** Open pipeline by stage for the account (header row; stage in B, open amount in D). */
export const PLAN_PIPELINE = { headerRow: 24 } as const;

const STEPS: readonly Message[] = [
  {
    en: 'Put the account’s data in the data sheets (Accounts with its criteria scores, Opportunities, Contacts, DecisionChain, Activities, Actions) — one account or your whole portfolio.',
    zh: '在各数据表中填写该客户的数据（客户及其评分、商机、联系人、决策链、活动、行动计划）——可只填一个客户，也可填整个客户组合。',
  },
  {
    en: 'Account plan: choose the account in the yellow Account cell (drop-down of Acc_AccountId). Every number on the page is for that account.',
    zh: '账户规划：在黄色“客户”单元格中选择客户（下拉列表来自 Acc_AccountId）。页面上的所有数字都只针对该客户。',
  },
  {
    en: 'Write the goals and the revenue target; the page shows the gap to the last 12 months, share of wallet and whitespace.',
    zh: '填写年度目标和收入指标；页面显示与近12个月收入的差距、钱包份额和空白点。',
  },
  {
    en: 'Opportunity map: open deals by stage, and the business-unit × solution grid where you mark what is installed, in progress, whitespace or with a competitor.',
    zh: '商机地图：按阶段的进行中商机，以及“业务部门 × 解决方案”网格——标记已合作、商机中、空白点或竞争对手占据。',
  },
  {
    en: 'Decision chain and relationships: who is mapped in each buying role, who backs us or opposes us, and how deep our relationships are (Contacts ▸ RelationshipLevel).',
    zh: '决策链与关系：各采购角色已识别的联系人、支持与反对我们的人，以及关系深度（联系人 ▸ 关系层级）。',
  },
  {
    en: 'Objectives and actions: objectives with owners and dates on this page; actions in the Actions sheet (AccountId, OppId when it serves a deal, Owner, DueDate, and DoneDate once done); the page lists them with their status as of AsOfDate. The account indicators turn Green, Amber or Red.',
    zh: '目标与行动：在本页填写目标、负责人和日期；行动项填在“行动计划”表（客户编号、服务于某商机时填商机编号、负责人、截止日期，完成后填完成日期），页面按基准日列出各行动的状态。客户指标显示 Green（绿）、Amber（黄）或 Red（红）。',
  },
  {
    en: 'Since last review (the Q1/Q2 meeting): take a snapshot with the pane’s Save snapshot or crm3 snapshot at each review; the box compares the account and its deals with the latest snapshot on or before the as-of date, or with the one you type (label or date) in its yellow cell.',
    zh: '上次评审以来（一季度、二季度评审会）：每次评审时用任务窗格的“保存快照”或 crm3 snapshot 保存快照；该区域把客户及其商机与基准日当天或之前最近的一次快照对比，也可在黄色单元格中输入要对比的快照（标签或日期）。',
  },
];

const GRID_STATUS: Record<string, { en: string; zh: string; fill: string }> = {
  Installed: { en: 'Installed', zh: '已合作', fill: 'FFC6EFCE' },
  Opportunity: { en: 'Opportunity', zh: '商机中', fill: 'FFDDEBF7' },
  Whitespace: { en: 'Whitespace', zh: '空白点', fill: 'FFFFEB9C' },
  Competitor: { en: 'Competitor', zh: '竞争对手', fill: 'FFFFC7CE' },
  NotRelevant: { en: 'Not relevant', zh: '不适用', fill: 'FFEDEDED' },
};

const RAG_FILL: Record<string, string> = { Green: 'FFC6EFCE', Amber: 'FFFFEB9C', Red: 'FFFFC7CE' };

const FILTER = 'Opp_AccountId,Plan_AccountId';
/** Rows of the open-deal list, the relationship map by person, and objectives. */
const OPEN_DEALS = 10;
/** Rows of the account's action list. */
const ACTIONS = 8;
const PEOPLE = 12;
const OBJECTIVES = 5;

const OBJECTIVE_STATUS: readonly Message[] = [
  { en: 'Not started', zh: '未开始' },
  { en: 'On track', zh: '进展正常' },
  { en: 'At risk', zh: '有风险' },
  { en: 'Done', zh: '已完成' },
];

function pairRow(book: TemplateBook, ws: SheetModel, row: number, label: string, formula: string, format?: string): void {
  book.label(ws, `B${row}`, label).font = { bold: true };
  book.formula(ws, `C${row}`, formula, { format });
}

/** Helper columns the plan groups by; each name is a spill reference, so it sizes itself with the data. */
const HELPER_COL = 20;

function helperColumns(book: TemplateBook, ws: SheetModel): void {
  const col = HELPER_COL;
  book.label(ws, a1(3, col), book.say('Helper columns', '辅助列'), 'heading');
  const helpers: [string, Message, string][] = [
    [
      'AP_ActAccount',
      { en: 'Activity account', zh: '活动所属客户' },
      'CRM3.ACCOUNTOF(Act_AccountId,Act_OppId,Opp_OppId,Opp_AccountId)',
    ],
    ['AP_DcAccount', { en: 'Chain row account', zh: '决策链所属客户' }, 'CRM3.LOOKUPBY(Dc_OppId,Opp_OppId,Opp_AccountId,"")'],
    // A person's buying role: their first decision-chain entry's (the relationship map lists people once).
    [
      'AP_ConRole',
      { en: 'Contact buying role', zh: '联系人采购角色' },
      'CRM3.LOOKUPBY(Con_ContactId,Dc_ContactId,Dc_BuyingRole,"")',
    ],
    // StageCheck in words for the open-deal list (the column itself stays the contract value).
    [
      'AP_OppStageCheck',
      { en: 'Stage check in words', zh: '阶段核查（文字）' },
      `CRM3.STAGECHECKTEXT(Opp_StageCheck,"${book.locale}",StageEvents_EventId,StageEvents_Description)`,
    ],
  ];
  helpers.forEach(([name, label, f], i) => {
    book.label(ws, a1(4, col + i), book.t(label), 'header');
    book.formula(ws, a1(5, col + i), f, { spill: true });
    ws.getColumn(col + i).width = 16;
    book.defineSpill(name, ws, a1(5, col + i));
  });
}

/** Where each action stands as of AsOfDate (spilled, named AP_AxnStatus), right of the other helpers. */
function actionStatusHelper(book: TemplateBook, ws: SheetModel): void {
  const col = HELPER_COL + 4; // beside the helpers above, left of the since-last-review date cell
  book.label(ws, a1(4, col), book.say('Action status', '行动状态'), 'header');
  book.formula(ws, a1(5, col), actionStatusFormula(book.zh), { spill: true });
  ws.getColumn(col).width = 16;
  book.defineSpill('AP_AxnStatus', ws, a1(5, col));
}

function planSheet(book: TemplateBook, source: TemplateSource): void {
  const zh = book.zh;
  const t = (en: string, zhText: string) => book.say(en, zhText);
  const ws = book.sheet(book.t(PLAN_SHEET), 0);
  book.label(ws, 'B1', t('Account plan', '大客户账户规划'), 'title');
  book.formula(
    ws,
    'B2',
    `CRM3.LOOKUPBY(Plan_AccountId,Acc_AccountId,Acc_AccountName,"")&${book.say('" · Tier "', '"\u3000分级："')}&CRM3.LOOKUPBY(Plan_AccountId,Acc_AccountId,Acc_Tier,"")`,
  );
  ws.getCell('B2').font = { bold: true, size: 13 };
  book.formula(
    ws,
    'E2',
    zh
      ? '"金额单位："&Currency&"　基准日："&TEXT(AsOfDate,"yyyy-mm-dd")'
      : '"Amounts in "&Currency&" · as of "&TEXT(AsOfDate,"yyyy-mm-dd")',
  );
  ws.getCell('E2').font = { italic: true, color: { argb: 'FF595959' } };

  // 1. Account and goals.
  book.label(ws, 'B4', t('1. Account and goals', '一、客户与目标'), 'heading');
  const firstAccount = rowsInOrder(source.tables.Accounts, ['AccountId'])[0]?.[0] ?? null;
  book.label(ws, 'B5', t('Account', '客户')).font = { bold: true };
  book.input(ws, 'C5', firstAccount, { validation: nameListValidation('Acc_AccountId', t('Choose the account', '选择客户')) });
  book.defineCell('Plan_AccountId', ws, 'C5');
  const look = (col: string) => `CRM3.LOOKUPBY(Plan_AccountId,Acc_AccountId,${col},"")`;
  pairRow(book, ws, 6, t('Name', '客户名称'), look('Acc_AccountName'));
  pairRow(book, ws, 7, t('Industry', '行业'), look('Acc_Industry'));
  pairRow(book, ws, 8, t('Region', '区域'), look('Acc_Region'));
  pairRow(book, ws, 9, t('Owner', '负责人'), look('Acc_Owner'));
  pairRow(book, ws, 10, t('Tier', '分级'), look('Acc_Tier'));
  pairRow(book, ws, 11, t('Strategy', '策略'), look('Acc_Strategy'));
  pairRow(book, ws, 12, t('Revenue, last 12 months', '近12个月收入'), look('Acc_Revenue12m'), FORMAT.amount);
  pairRow(book, ws, 13, t('Revenue, previous 12 months', '前12个月收入'), look('Acc_RevenuePrev12m'), FORMAT.amount);
  pairRow(
    book,
    ws,
    14,
    t('Growth', '增长率'),
    'CRM3.GROWTHRATE(Acc_Revenue12m,Acc_RevenuePrev12m,Acc_AccountId,Plan_AccountId)',
    FORMAT.ratio,
  );
  pairRow(book, ws, 15, t('Wallet (category spend)', '采购潜力'), look('Acc_WalletEstimate'), FORMAT.amount);
  pairRow(
    book,
    ws,
    16,
    t('Share of wallet', '钱包份额'),
    'CRM3.SHAREOFWALLET(Acc_Revenue12m,Acc_WalletEstimate,Acc_AccountId,Plan_AccountId)',
    FORMAT.ratio,
  );
  pairRow(
    book,
    ws,
    17,
    t('Whitespace', '空白点'),
    'CRM3.WHITESPACE(Acc_WalletEstimate,Acc_Revenue12m,Acc_AccountId,Plan_AccountId)',
    FORMAT.amount,
  );
  book.label(ws, 'B18', t('Revenue target (plan year)', '收入目标（规划年度）')).font = { bold: true };
  // Example target in the sample-filled plan: 20 % above the chosen account's last 12 months.
  const lastRevenue = rowsInOrder(source.tables.Accounts, ['AccountId', 'Revenue12m']).find((r) => r[0] === firstAccount)?.[1];
  const exampleTarget =
    source.filled && typeof lastRevenue === 'number' ? Math.round((lastRevenue * 1.2) / 10_000) * 10_000 : null;
  book.input(ws, 'C18', exampleTarget, { format: FORMAT.amount });
  book.defineCell('Plan_RevenueTarget', ws, 'C18');
  pairRow(book, ws, 19, t('Target vs last 12 months', '目标较近12个月增加'), 'IF(OR(C18="",C12=""),"",C18-C12)', FORMAT.amount);
  pairRow(book, ws, 20, t('Growth needed', '所需增长率'), 'IF(OR(C18="",N(C12)=0),"",C18/C12-1)', FORMAT.ratio);

  book.label(ws, 'E4', t('Goals for the year', '年度目标'), 'heading');
  const goals = source.filled
    ? zh
      ? ['扩大份额：进入第二个业务部门', '提升关系：与决策者建立问题解决者关系', '拿下本年度最大商机']
      : [
          'Grow share: enter a second business unit',
          'Relationships: become problem solver for the decision maker',
          'Win the largest open deal this year',
        ]
    : ['', '', ''];
  goals.forEach((g, i) => {
    const r = 5 + i;
    ws.mergeCells(`E${r}:I${r}`);
    book.input(ws, `E${r}`, g || null);
  });

  // 2. Opportunity map.
  book.label(ws, `B${PLAN_PIPELINE.headerRow - 2}`, t('2. Opportunity map', '二、商机地图'), 'heading');
  const stageRows = Math.max(source.config.Stages.rows.length, 1);
  const h = PLAN_PIPELINE.headerRow;
  book.headerRow(ws, h, 2, [
    ['Stage', '阶段'],
    ['Amount', '金额'],
    ['Weighted', '加权金额'],
    ['Open deals', '进行中商机'],
  ]);
  const s1 = h + 1;
  const sN = s1 + stageRows - 1;
  const stages = `B${s1}:B${sN}`;
  book.formula(ws, `B${s1}`, 'CRM3.LOOKUPBY(Stages_Stage,Stages_Stage,Stages_Stage,"")', { spill: true });
  book.formula(ws, `C${s1}`, `CRM3.SUMBY(Opp_Stage,Opp_Amount,${stages},Opp_Status,"Open",${FILTER})`, {
    spill: true,
    format: FORMAT.amount,
  });
  book.formula(ws, `E${s1}`, `CRM3.COUNTBY(Opp_Stage,${stages},Opp_Status,"Open",${FILTER})`, {
    spill: true,
    format: FORMAT.count,
  });
  for (let r = s1; r <= sN; r++) {
    ws.getCell(`C${r}`).numFmt = FORMAT.amount;
    ws.getCell(`E${r}`).numFmt = FORMAT.count;
  }
  // Weighted per stage = open amount × the stage's probability (SUMBY has no product, PIPELINE no second filter).
  for (let r = s1; r <= sN; r++)
    book.formula(ws, `D${r}`, `C${r}*CRM3.LOOKUPBY(B${r},Stages_Stage,Stages_Probability,0)`, { format: FORMAT.amount });
  const totalRow = sN + 1;
  let row = totalRow;
  book.label(ws, `B${row}`, t('Total open', '进行中合计')).font = { bold: true };
  book.formula(ws, `C${row}`, `CRM3.PIPELINE(Opp_Status,Opp_Amount,,,,,${FILTER})`, { format: FORMAT.amount });
  book.formula(ws, `D${row}`, `CRM3.PIPELINE(Opp_Status,Opp_Amount,Opp_Probability,,,,${FILTER})`, { format: FORMAT.amount });
  book.formula(ws, `E${row}`, `SUM(E${s1}:E${sN})`, { format: FORMAT.count });
  row += 1;
  const wonYearRow = row++;
  pairRow(
    book,
    ws,
    wonYearRow,
    t('Won in the plan year', '规划年度内已赢单'),
    `CRM3.DEALSUM(Opp_Status,"Won",Opp_Amount,Opp_CloseDate,PeriodStart,PeriodEnd,${FILTER})`,
    FORMAT.amount,
  );
  const inYearRow = row++;
  pairRow(
    book,
    ws,
    inYearRow,
    t('Weighted pipeline closing in the plan year', '规划年度内结单的加权商机'),
    `CRM3.PIPELINE(Opp_Status,Opp_Amount,Opp_Probability,Opp_CloseDate,PeriodStart,PeriodEnd,${FILTER})`,
    FORMAT.amount,
  );
  const winRateRow = row++;
  pairRow(
    book,
    ws,
    winRateRow,
    t('Win rate (all closed deals)', '赢率（全部已结束商机）'),
    `CRM3.WINRATE(Opp_Status,,,,,NoDecisionIsLoss,${FILTER})`,
    FORMAT.ratio,
  );

  // The account's open deals, soonest close date first (CRM3.LISTBY spills a block OPEN_DEALS tall).
  row += 1;
  book.label(ws, `B${row}`, t('Open deals', '在手商机'), 'heading');
  row += 1;
  book.headerRow(ws, row, 2, [
    ['Deal', '商机'],
    ['Stage', '阶段'],
    ['Amount', '金额'],
    ['Close date', '结单日期'],
    ['Grade', '等级'],
    ['Next step', '下一步日期'],
    ['Stage check', '阶段核查'],
  ]);
  // The stage check is last: naming several events, it reads on into column I instead of under a date.
  book.label(ws, a1(row, 9), '', 'header');
  const d1 = row + 1;
  book.formula(
    ws,
    `B${d1}`,
    `CRM3.LISTBY(Opp_AccountId,Plan_AccountId,${OPEN_DEALS},Opp_OppName,Opp_Stage,Opp_Amount,Opp_CloseDate,Opp_Grade,Opp_NextStepDate,AP_OppStageCheck,,Opp_CloseDate,,Opp_Status,"Open")`,
    { spill: true },
  );
  for (let r = d1; r < d1 + OPEN_DEALS; r++) {
    ws.getCell(`D${r}`).numFmt = FORMAT.amount;
    ws.getCell(`E${r}`).numFmt = FORMAT.date;
    ws.getCell(`G${r}`).numFmt = FORMAT.date;
    ws.getCell(`F${r}`).alignment = { horizontal: 'center' };
  }
  row = d1 + OPEN_DEALS;

  // Whitespace grid: business units × solutions, a planner's input grid with a status drop-down.
  row += 1;
  book.label(ws, `B${row}`, t('Whitespace grid: business units × solutions', '空白点网格：业务部门 × 解决方案'), 'heading');
  row += 1;
  const gridTop = row;
  book.label(ws, `B${gridTop}`, t('Business unit \\ Solution', '业务部门 \\ 解决方案'), 'header');
  const solutions = source.filled
    ? zh
      ? ['核心平台', '数据分析', '运维服务', '培训', '升级']
      : ['Core platform', 'Analytics', 'Managed service', 'Training', 'Upgrade']
    : ['', '', '', '', ''];
  const units = source.filled
    ? zh
      ? ['总部', '生产', '财务', '采购', '研发', '销售']
      : ['Headquarters', 'Production', 'Finance', 'Procurement', 'R&D', 'Sales']
    : Array<string>(6).fill('');
  solutions.forEach((s, j) => {
    const c = book.input(ws, a1(gridTop, 3 + j), s || null);
    c.font = { bold: true };
  });
  const statuses = Object.values(GRID_STATUS).map((s) => (zh ? s.zh : s.en));
  const example = ['Installed', 'Opportunity', 'Whitespace', 'Competitor', 'NotRelevant'];
  units.forEach((u, i) => {
    const r = gridTop + 1 + i;
    book.input(ws, `B${r}`, u || null).font = { bold: true };
    for (let j = 0; j < solutions.length; j++) {
      const v: Cell = source.filled ? book.t(GRID_STATUS[example[(i * 2 + j) % example.length]]) : null;
      book.input(ws, a1(r, 3 + j), v, { validation: listValidation(statuses) });
    }
  });
  const gridRef = `C${gridTop + 1}:G${gridTop + units.length}`;
  ws.addConditionalFormatting({
    ref: gridRef,
    rules: Object.values(GRID_STATUS).map((s) => ({
      type: 'expression',
      formulae: [`C${gridTop + 1}="${zh ? s.zh : s.en}"`],
      style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: s.fill } } },
    })),
  });
  row = gridTop + units.length + 1;
  Object.values(GRID_STATUS).forEach((s, i) => {
    const c = ws.getCell(row, 3 + i);
    c.value = zh ? s.zh : s.en;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } };
    c.alignment = { horizontal: 'center' };
    book.formula(ws, a1(row + 1, 3 + i), `COUNTIF(${gridRef},"${zh ? s.zh : s.en}")`, { format: FORMAT.count });
  });
  book.label(ws, `B${row}`, t('Legend / cells', '图例 / 格数'), 'note');
  row += 3;

  // 3. Decision chain and relationships.
  book.label(ws, `B${row}`, t('3. Decision chain and relationship map', '三、决策链与关系图'), 'heading');
  row += 1;
  book.headerRow(ws, row, 2, [
    ['Buying role', '采购角色'],
    ['Chain entries', '决策链条目'],
    ['Backing us', '支持我们'],
    ['Against us', '反对我们'],
    ['Inner circle', '核心圈'],
    ['Multiple / in-depth', '多次/深度接触'],
  ]);
  ws.getRow(row).height = 30;
  const r1 = row + 1;
  const roles = enumValues(BuyingRole, zh);
  roles.forEach((r, i) => {
    ws.getCell(r1 + i, 2).value = r;
    ws.getCell(r1 + i, 2).font = { bold: true };
  });
  const rN = r1 + roles.length - 1;
  const roleRange = `B${r1}:B${rN}`;
  const dcFilter = 'AP_DcAccount,Plan_AccountId';
  const roleCols: [string, string | undefined][] = [
    [`CRM3.COUNTBY(Dc_BuyingRole,${roleRange},${dcFilter})`, undefined],
    [`CRM3.COUNTBY(Dc_BuyingRole,${roleRange},${dcFilter},Dc_Support,"Mentor,Supporter")`, undefined],
    [`CRM3.COUNTBY(Dc_BuyingRole,${roleRange},${dcFilter},Dc_Support,"NonSupporter,Enemy")`, undefined],
    [`CRM3.COUNTBY(Dc_BuyingRole,${roleRange},${dcFilter},Dc_PoliticalStatus,"InnerCircle")`, undefined],
    [`CRM3.COUNTBY(Dc_BuyingRole,${roleRange},${dcFilter},Dc_Coverage,"Multiple,InDepth")`, undefined],
  ];
  roleCols.forEach(([f], i) => {
    book.formula(ws, a1(r1, 3 + i), f, { spill: true, format: FORMAT.count });
    for (let r = r1; r <= rN; r++) ws.getCell(r, 3 + i).numFmt = FORMAT.count;
  });
  ws.addConditionalFormatting({
    ref: `C${r1}:C${rN}`,
    // A buying role nobody is mapped to is a gap in the chain.
    rules: [
      {
        type: 'expression',
        formulae: [`AND(ISNUMBER(C${r1}),C${r1}=0)`],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } },
      },
    ],
  });
  row = rN + 2;
  book.headerRow(ws, row, 2, [
    ['Relationship level', '关系层级'],
    ['Contacts', '联系人数'],
  ]);
  const l1 = row + 1;
  const levels = enumValues(RelationshipLevel, zh);
  levels.forEach((l, i) => {
    ws.getCell(l1 + i, 2).value = l;
    ws.getCell(l1 + i, 2).font = { bold: true };
    ws.getCell(l1 + i, 3).numFmt = FORMAT.count;
  });
  const lN = l1 + levels.length - 1;
  book.formula(ws, `C${l1}`, `CRM3.COUNTBY(Con_RelationshipLevel,B${l1}:B${lN},Con_AccountId,Plan_AccountId)`, {
    spill: true,
    format: FORMAT.count,
  });
  pairRow(
    book,
    ws,
    lN + 1,
    t('Average level (1–4)', '平均关系层级（1–4）'),
    'CRM3.MEAN(CRM3.ENUMSCORE(Con_RelationshipLevel,"RelationshipLevel"),Con_AccountId,Plan_AccountId)',
    '0.0',
  );
  row = lN + 3;
  book.label(ws, `B${row}`, t('Relationship map by person', '关系图（按人）'), 'heading');
  row += 1;
  book.headerRow(ws, row, 2, [
    ['Person', '姓名'],
    ['Title', '职务'],
    ['Buying role', '采购角色'],
    ['Level now', '当前关系'],
    ['Target level', '目标关系'],
    ['Our owner', '我方负责人'],
  ]);
  const p1 = row + 1;
  book.formula(
    ws,
    `B${p1}`,
    `CRM3.LISTBY(Con_AccountId,Plan_AccountId,${PEOPLE},Con_Name,Con_Title,AP_ConRole,Con_RelationshipLevel,Con_TargetLevel,Con_RelationshipOwner)`,
    { spill: true },
  );
  // A person below the target level is a relationship to build (amber).
  ws.addConditionalFormatting({
    ref: `E${p1}:F${p1 + PEOPLE - 1}`,
    rules: [
      {
        type: 'expression',
        formulae: [
          // The levels table above lists the levels in order, lowest first.
          `AND($F${p1}<>"",IFERROR(MATCH($E${p1},$B$${l1}:$B$${lN},0)<MATCH($F${p1},$B$${l1}:$B$${lN},0),FALSE))`,
        ],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFEB9C' } } },
      },
    ],
  });
  row = p1 + PEOPLE + 1;

  // 4. Objectives and actions.
  book.label(ws, `B${row}`, t('4. Objectives and actions', '四、目标与行动'), 'heading');
  row += 1;
  const objectives = book.table(
    ws,
    'Objectives',
    { row, col: 2 },
    [
      { key: 'Objective', label: t('Objective', '目标'), width: 30 },
      { key: 'Measure', label: t('Measure', '衡量标准'), width: 16 },
      { key: 'Target', label: t('Target', '目标值'), width: 14 },
      { key: 'Owner', label: t('Owner', '负责人'), width: 12 },
      { key: 'DueDate', label: t('DueDate', '截止日期'), format: FORMAT.date, width: 12 },
      { key: 'Status', label: t('Status', '状态'), width: 12 },
    ],
    Array.from({ length: OBJECTIVES }, () => [null, null, null, null, null, null]),
    'TableStyleLight9',
  );
  for (const p of objectives) for (let r = p.firstRow; r <= p.lastRow; r++) ws.getCell(r, p.col).fill = INPUT_FILL;
  const objStatuses = OBJECTIVE_STATUS.map((x) => book.t(x));
  const o1 = objectives[0].firstRow;
  const statusCol = objectives[objectives.length - 1].col;
  for (let r = o1; r < o1 + OBJECTIVES; r++) ws.getCell(r, statusCol).dataValidation = listValidation(objStatuses);
  // The Q1 and Q2 reviews of each objective (the plan is reviewed at the end of Q1 and Q2).
  row = objectives[0].lastRow + 2;
  book.headerRow(ws, row, 2, [
    ['Objective review', '目标回顾'],
    ['Q1 status', '一季度状态'],
    ['Q1 comment', '一季度说明'],
    ['Q1 date', '一季度日期'],
    ['Q2 status', '二季度状态'],
    ['Q2 comment', '二季度说明'],
    ['Q2 date', '二季度日期'],
  ]);
  for (let i = 0; i < OBJECTIVES; i++) {
    const r = row + 1 + i;
    book.formula(ws, `B${r}`, `IF(B${o1 + i}="","",B${o1 + i})`);
    for (const q of [0, 3]) {
      book.input(ws, a1(r, 3 + q), null, { validation: listValidation(objStatuses) });
      book.input(ws, a1(r, 4 + q), null);
      book.input(ws, a1(r, 5 + q), null, { format: FORMAT.date });
    }
  }
  row += OBJECTIVES + 2;
  // The account's actions (Actions sheet), each with where it stands as of AsOfDate (issue 16).
  book.label(
    ws,
    `B${row}`,
    t('Actions (Actions sheet), status as of AsOfDate', '行动项（行动计划表），状态按基准日判断'),
    'heading',
  );
  row += 1;
  book.headerRow(ws, row, 2, [
    ['Action', '行动'],
    ['Owner', '负责人'],
    ['Due date', '截止日期'],
    ['Done date', '完成日期'],
    ['Status', '状态'],
    ['Deal', '商机'],
  ]);
  const x1 = row + 1;
  const xN = x1 + ACTIONS - 1;
  book.formula(
    ws,
    `B${x1}`,
    `CRM3.LISTBY(Axn_AccountId,Plan_AccountId,${ACTIONS},Axn_Action,Axn_Owner,Axn_DueDate,Axn_DoneDate,AP_AxnStatus,Axn_OppId,,,Axn_DueDate)`,
    { spill: true },
  );
  for (let r = x1; r <= xN; r++) {
    ws.getCell(`B${r}`).alignment = { wrapText: true, vertical: 'top' };
    ws.getCell(`D${r}`).numFmt = FORMAT.date;
    ws.getCell(`E${r}`).numFmt = FORMAT.date;
  }
  actionStatusFills(ws, `F${x1}:F${xN}`, `F${x1}`);
  actionStatusHelper(book, ws);
  row = xN + 1;
  const due = `Axn_AccountId,Plan_AccountId,Axn_DueDate,"<="&AsOfDate`;
  const outcomes: [string, string][] = [
    [t('Due by AsOfDate: done on time', '截至基准日到期：按期完成'), 'OnTime'],
    [t('Due by AsOfDate: done late', '截至基准日到期：逾期完成'), 'Late'],
    [t('Due by AsOfDate: overdue, not done', '截至基准日到期：逾期未完成'), 'Overdue'],
  ];
  for (const [label, status] of outcomes)
    pairRow(book, ws, row++, label, `CRM3.COUNTWHERE(${due},AP_AxnStatus,"${status}")`, FORMAT.count);
  row += 1;

  // 5. The account's own indicators.
  book.label(ws, `B${row}`, t('5. Account indicators', '五、客户指标'), 'heading');
  row += 1;
  book.headerRow(ws, row, 2, [
    ['Indicator', '指标'],
    ['Value', '数值'],
    ['Direction', '方向'],
    ['Green', '绿灯'],
    ['Red', '红灯'],
    ['Status', '状态'],
  ]);
  // Words a planner reads; CRM3.RAG accepts them (Direction aliases) as well as the codes.
  const up = book.say('Higher', '越高越好');
  const down = book.say('Lower', '越低越好');
  const indicators: [string, string, string, string, number, number][] = [
    [t('Share of wallet', '钱包份额'), 'C16', FORMAT.ratio, up, 0.4, 0.2],
    [t('Revenue growth', '收入增长率'), 'C14', FORMAT.ratio, up, 0.1, 0],
    [t('Win rate', '赢率'), `C${winRateRow}`, FORMAT.ratio, up, 0.4, 0.25],
    [
      t('Coverage of the target still to win', '加权商机对待赢目标的覆盖'),
      `CRM3.COVERAGE(C${inYearRow},C18,C${wonYearRow})`,
      '0.00',
      up,
      1.2,
      0.8,
    ],
    [
      t('Actions done on time', '行动按期完成率'),
      'CRM3.ONTIME(Axn_DueDate,Axn_DoneDate,AsOfDate,Axn_Done,Axn_AccountId,Plan_AccountId)',
      FORMAT.ratio,
      up,
      0.8,
      0.5,
    ],
    [
      t('Days since last activity', '距上次活动天数'),
      'IF(CRM3.LASTACTIVITY(Plan_AccountId,AP_ActAccount,Act_Date,AsOfDate)="","",AsOfDate-CRM3.LASTACTIVITY(Plan_AccountId,AP_ActAccount,Act_Date,AsOfDate))',
      '0',
      down,
      30,
      60,
    ],
    [
      t('Executive meetings (ExecWindowDays)', '高层拜访次数（统计窗口内）'),
      'CRM3.ACTIVITYCOUNT(Plan_AccountId,AP_ActAccount,Act_Date,AsOfDate,ExecWindowDays,Act_Type,"ExecutiveMeeting")',
      '0',
      up,
      1,
      0,
    ],
    [
      t('Activities, last 30 days', '近30天活动数'),
      'CRM3.ACTIVITYCOUNT(Plan_AccountId,AP_ActAccount,Act_Date,AsOfDate,ActivityWindowDays)',
      '0',
      up,
      4,
      1,
    ],
  ];
  const i1 = row + 1;
  const iN = i1 + indicators.length - 1;
  indicators.forEach(([name, f, format, dir, green, red], i) => {
    const r = i1 + i;
    ws.getCell(`B${r}`).value = name;
    book.formula(ws, `C${r}`, f, { format });
    book.input(ws, `D${r}`, dir, { validation: listValidation([up, down]) });
    ws.getCell(`D${r}`).alignment = { horizontal: 'center' };
    book.input(ws, `E${r}`, green, { format: format === FORMAT.ratio ? FORMAT.ratio : undefined });
    book.input(ws, `F${r}`, red, { format: format === FORMAT.ratio ? FORMAT.ratio : undefined });
  });
  // RAG takes one direction per call: one small formula per indicator row, over that row's own cells.
  for (let r = i1; r <= iN; r++)
    book.formula(ws, `G${r}`, `CRM3.RAG(C${r},D${r},E${r},F${r})`).alignment = { horizontal: 'center' };
  ws.addConditionalFormatting({
    ref: `G${i1}:G${iN}`,
    rules: Object.keys(RAG_FILL).map((s) => ({
      type: 'expression',
      formulae: [`G${i1}="${s}"`],
      style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: RAG_FILL[s] } }, font: { bold: true } },
    })),
  });

  book.label(
    ws,
    `B${iN + 1}`,
    t(
      'Coverage = weighted open pipeline closing in the plan year (PeriodStart–PeriodEnd) ÷ (revenue target − won in the plan year); blank once the target is reached.',
      '覆盖 = 规划年度（PeriodStart–PeriodEnd）内结单的加权在手商机 ÷（收入目标 − 规划年度内已赢单）；目标达成后留空。',
    ),
    'note',
  );

  // 6. Since last review (the History tables; its snapshot date beside the page, after the helper columns).
  const end = addSinceLastReview(book, ws, iN + 3, {
    tierNow: 'C10',
    revenueNow: 'C12',
    shareNow: 'C16',
    dateCell: { row: 5, col: HELPER_COL + 5 },
  });

  helperColumns(book, ws);
  ws.getColumn(1).width = 2;
  ws.getColumn(2).width = zh ? 28 : 34;
  ws.getColumn(3).width = 18;
  for (const c of [4, 5, 6, 7]) ws.getColumn(c).width = 15;
  ws.getColumn(8).width = 12;
  // Wide enough for the open deals' stage check in words, which reads on from column H.
  ws.getColumn(9).width = 28;
  ws.getColumn(19).width = 3;
  book.printArea(ws, `A1:I${end + 1}`);
  ws.pageSetup.orientation = 'portrait';
}

export function buildAccountPlan(book: TemplateBook, info: TemplateInfo, source: TemplateSource): void {
  addHowToSheet(book, info, STEPS);
  planSheet(book, source);
  addDataTable(book, source, 'Accounts');
  addDataTable(book, source, 'Opportunities');
  addDataTable(book, source, 'Contacts');
  addDataTable(book, source, 'DecisionChain');
  addDataTable(book, source, 'Actions');
  addDataTable(book, source, 'Activities');
  // The snapshots the "since last review" box compares with (empty until crm3 snapshot or Save snapshot).
  addDataTable(book, source, 'History');
  addDataTable(book, source, 'OppHistory');
  addDataTable(book, source, 'AccountHistory');
  addConfigSheet(book, source);
}
