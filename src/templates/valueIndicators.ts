/**
 * Template "value-indicators" (量化价值指标): the 40 built-in indicators grouped by the
 * four value goals, each a visible formula over the workbook names with targets and a
 * red/amber/green status, over every CRM3 table, ready for a CRM export to be pasted in.
 */
import { Cell } from '../core/cells';
import { Direction } from '../core/enumerations';
import { Message } from '../core/i18n';
import { BUILT_IN_INDICATORS, GOALS } from '../model/indicators';
import { IndicatorRow, a1 } from '../model/snapshot';
import { TemplateInfo } from './catalog';
import { addHowToSheet } from './howTo';
import { FORMAT, SheetModel, TemplateBook, TemplateColumn, listValidation, thisRow } from './templateBook';
import { TemplateSource, addConfigSheet, addDataTable } from './workbookSheets';

export const INDICATORS_SHEET = { en: 'Indicators', zh: '指标' };
/** Goal × status counts beside the Indicators table (chart source: goal in column M, Green/Amber/Red in N:P). */
export const STATUS_BLOCK = { headerRow: 3, firstCol: 13 } as const;

const STEPS: readonly Message[] = [
  {
    en: 'Paste your CRM export into the data sheets (Accounts, Opportunities, Contacts, DecisionChain, Activities, Targets, Actions): keep the header row, paste values from the first data cell. Headers are matched by name, so keep the column order of each table.',
    zh: '把 CRM 导出数据粘贴到各数据表（客户、商机、联系人、决策链、活动、目标、行动计划）：保留标题行，从第一个数据单元格开始“粘贴为值”。请保持各表的列顺序。',
  },
  {
    en: 'Config: set AsOfDate and the period (PeriodStart, PeriodEnd) the indicators are measured for, and check the methodology tables.',
    zh: '配置：设置基准日和考核期间（期间开始、期间结束），并核对各方法论参数表。',
  },
  {
    en: 'Indicators: each row is one indicator; Value is its formula (click it to see exactly how it is computed). Set your own Green and Red thresholds; Status turns Green, Amber or Red.',
    zh: '指标：每行一个指标；“数值”即其公式（点击单元格即可查看计算方法）。可自行设置绿灯和红灯阈值，“状态”随之显示 Green（绿）、Amber（黄）或 Red（红）。',
  },
  {
    en: 'The four goals: WIN win skills · PIPE incubate and capture opportunities · REL relationships · BEH project behaviour. Add your own indicators as new rows with a unique Id.',
    zh: '四大目标：WIN 提升赢单技巧 · PIPE 孵化捕捉商机 · REL 提升关系 · BEH 掌握项目行为。可新增行添加自定义指标，编号须唯一。',
  },
];

const UNIT_LABEL: Record<IndicatorRow['unit'], Message> = {
  ratio: { en: 'ratio', zh: '比率' },
  amount: { en: 'amount', zh: '金额' },
  days: { en: 'days', zh: '天数' },
  count: { en: 'count', zh: '个数' },
  number: { en: 'number', zh: '数值' },
};

const UNIT_FORMAT: Record<IndicatorRow['unit'], string> = {
  ratio: FORMAT.ratio,
  amount: FORMAT.amount,
  days: FORMAT.days,
  count: FORMAT.count,
  number: '0.00',
};

const RAG_FILL: Record<string, string> = { Green: 'FFC6EFCE', Amber: 'FFFFEB9C', Red: 'FFFFC7CE' };
const RAG_FONT: Record<string, string> = { Green: 'FF006100', Amber: 'FF9C5700', Red: 'FF9C0006' };

function ragFormatting(ws: SheetModel, ref: string, topLeft: string): void {
  ws.addConditionalFormatting({
    ref,
    rules: Object.keys(RAG_FILL).map((status) => ({
      type: 'expression',
      formulae: [`${topLeft}="${status}"`],
      style: {
        fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: RAG_FILL[status] } },
        font: { color: { argb: RAG_FONT[status] }, bold: true },
      },
    })),
  });
}

function indicatorsSheet(book: TemplateBook): void {
  const zh = book.zh;
  const ws = book.sheet(book.t(INDICATORS_SHEET), 1);
  const goalName = new Map(GOALS.map((g) => [g.id, zh ? g.zh : g.en]));
  const ordered = GOALS.flatMap((g) => BUILT_IN_INDICATORS.filter((i) => i.goal === g.id));
  // Words a planner reads (越高越好 / Higher), not codes; CRM3.RAG accepts both as Direction aliases.
  const directionWords = (zh: boolean) => (zh ? Direction.values.map((v) => v.zh) : ['Higher', 'Lower']);
  const direction = (d: IndicatorRow['direction']) => directionWords(zh)[Direction.values.findIndex((v) => v.code === d)];

  // Column keys (reader's Indicators headers: Id, Goal, Name, Name_zh, Value, Unit, Direction, Green, Red, Status).
  const names: TemplateColumn[] = zh
    ? [
        { key: 'Name_zh', label: '中文名称', width: 24 },
        { key: 'Name', label: '英文名称', width: 30 },
      ]
    : [
        { key: 'Name', label: 'Name', width: 32 },
        { key: 'Name_zh', label: 'Name_zh', width: 22 },
      ];
  const columns: TemplateColumn[] = [
    { key: 'Id', label: book.say('Id', '编号'), width: 22 },
    { key: 'Goal', label: book.say('Goal', '目标'), width: 8, validation: listValidation(GOALS.map((g) => g.id)) },
    { key: 'GoalName', label: book.say('GoalName', '目标名称'), width: zh ? 16 : 20 },
    ...names,
    { key: 'Value', label: book.say('Value', '数值'), width: 16 },
    {
      key: 'Unit',
      label: book.say('Unit', '单位'),
      width: 8,
      validation: listValidation(Object.values(UNIT_LABEL).map((m) => book.t(m))),
    },
    { key: 'Direction', label: book.say('Direction', '方向'), width: 15, validation: listValidation(directionWords(zh)) },
    { key: 'Green', label: book.say('Green', '绿灯'), width: 10 },
    { key: 'Red', label: book.say('Red', '红灯'), width: 10 },
    { key: 'Status', label: book.say('Status', '状态'), width: 10 },
  ];
  const at = (key: string) => String.fromCharCode(65 + columns.findIndex((c) => c.key === key));
  const statusCol = columns.findIndex((c) => c.key === 'Status');
  const cell = (key: string) => thisRow(columns.find((c) => c.key === key)!.label);
  columns[statusCol].formula = `CRM3.RAG(${cell('Value')},${cell('Direction')},${cell('Green')},${cell('Red')})`;

  const rows: Cell[][] = ordered.map((ind) =>
    columns.map((c): Cell => {
      switch (c.key) {
        case 'Id':
          return ind.id;
        case 'Goal':
          return ind.goal;
        case 'GoalName':
          return goalName.get(ind.goal as never) ?? ind.goal;
        case 'Name':
          return ind.name.en;
        case 'Name_zh':
          return ind.name.zh;
        case 'Unit':
          return book.t(UNIT_LABEL[ind.unit]);
        case 'Direction':
          return direction(ind.direction);
        case 'Green':
          return ind.green;
        case 'Red':
          return ind.red;
        default:
          return null;
      }
    }),
  );
  const placed = book.table(ws, 'Indicators', { row: 1, col: 1 }, columns, rows);
  // Value: each row its own indicator formula (40 different scalars, not one formula repeated per data row).
  const valueCol = columns.findIndex((c) => c.key === 'Value') + 1;
  // A gap between a right-aligned value and its unit ("53.2% ratio" read as one value otherwise).
  ws.getColumn(valueCol + 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getColumn(valueCol + 1).width = 10;
  ws.getColumn(statusCol + 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ordered.forEach((ind, i) => {
    const r = 2 + i;
    book.formula(ws, a1(r, valueCol), ind.formula, { format: UNIT_FORMAT[ind.unit], inTable: 'Indicators' });
    const unitFormat = ind.unit === 'ratio' ? FORMAT.ratio : ind.unit === 'amount' ? FORMAT.amount : undefined;
    if (unitFormat) {
      ws.getCell(r, valueCol + 3).numFmt = unitFormat;
      ws.getCell(r, valueCol + 4).numFmt = unitFormat;
    }
  });
  for (const p of placed) book.defineTableColumn(`Ind_${p.key}`, p);
  const last = placed[0].lastRow;
  book.printArea(ws, `A1:${at('Status')}${last}`);
  ragFormatting(ws, `${at('Status')}2:${at('Status')}${last}`, `$${at('Status')}2`);

  // Status per goal (chart source).
  const c0 = STATUS_BLOCK.firstCol;
  const L = (k: number) => String.fromCharCode(64 + c0 + k);
  book.label(ws, a1(STATUS_BLOCK.headerRow - 1, c0), book.say('Indicator status by goal', '各目标指标状态'), 'heading');
  // Green, Amber and Red are the codes the Status column shows in both languages (the How-to says so).
  book.headerRow(ws, STATUS_BLOCK.headerRow, c0, [
    ['Goal', '目标'],
    ['Green', 'Green'],
    ['Amber', 'Amber'],
    ['Red', 'Red'],
    ['No data', '无数据'],
  ]);
  const g1 = STATUS_BLOCK.headerRow + 1;
  GOALS.forEach((g, i) => {
    ws.getCell(g1 + i, c0).value = g.id;
    ws.getCell(g1 + i, c0).font = { bold: true };
    ws.getCell(g1 + i, c0 + 5).value = zh ? g.zh : g.en;
    ws.getCell(g1 + i, c0 + 5).font = { color: { argb: 'FF595959' } };
  });
  const goals = `${L(0)}${g1}:${L(0)}${g1 + GOALS.length - 1}`;
  ['Green', 'Amber', 'Red'].forEach((s, k) =>
    book.formula(ws, a1(g1, c0 + 1 + k), `CRM3.COUNTBY(Ind_Goal,${goals},Ind_Status,"${s}")`, {
      spill: true,
      format: FORMAT.count,
    }),
  );
  book.formula(ws, a1(g1, c0 + 4), `CRM3.COUNTBY(Ind_Goal,${goals},Ind_Status,"=")`, { spill: true, format: FORMAT.count });
  for (let k = 1; k <= 3; k++) {
    const status = ['Green', 'Amber', 'Red'][k - 1];
    ws.getCell(STATUS_BLOCK.headerRow, c0 + k).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: RAG_FILL[status] } };
    ws.getCell(STATUS_BLOCK.headerRow, c0 + k).font = { bold: true, color: { argb: RAG_FONT[status] } };
  }
  ws.getColumn(c0 - 1).width = 3;
  for (let k = 0; k < 5; k++) ws.getColumn(c0 + k).width = 10;
  ws.getColumn(c0 + 5).width = zh ? 16 : 30;
  book.formula(
    ws,
    a1(g1 + GOALS.length + 1, c0),
    zh
      ? '"期间："&TEXT(PeriodStart,"yyyy-mm-dd")&" 至 "&TEXT(PeriodEnd,"yyyy-mm-dd")&"　基准日："&TEXT(AsOfDate,"yyyy-mm-dd")&"　金额单位："&Currency'
      : '"Period "&TEXT(PeriodStart,"yyyy-mm-dd")&" to "&TEXT(PeriodEnd,"yyyy-mm-dd")&" · as of "&TEXT(AsOfDate,"yyyy-mm-dd")&" · amounts in "&Currency',
  );
  ws.getCell(g1 + GOALS.length + 1, c0).font = { italic: true, color: { argb: 'FF595959' } };
}

export function buildValueIndicators(book: TemplateBook, info: TemplateInfo, source: TemplateSource): void {
  addHowToSheet(book, info, STEPS);
  indicatorsSheet(book);
  addDataTable(book, source, 'Accounts');
  addDataTable(book, source, 'Opportunities');
  addDataTable(book, source, 'Contacts');
  addDataTable(book, source, 'DecisionChain');
  addDataTable(book, source, 'Activities');
  addDataTable(book, source, 'Targets');
  addDataTable(book, source, 'Actions');
  addConfigSheet(book, source);
}
