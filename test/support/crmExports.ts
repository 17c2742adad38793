/**
 * Realistic CRM exports for tests, built from the export formats the research notes found
 * (headers, stage names, title rows, footers, hidden columns, number formats, date orders,
 * encodings) for Salesforce, HubSpot, Dynamics 365, Zoho, Pipedrive, 纷享销客, 销售易 and
 * 悟空CRM. Every export carries the same ten deals (DEALS), written the way that CRM writes
 * them, so the expected numbers are worked out once, by hand, in the test that uses them.
 * .xlsx files are written by openpyxl (a writer that is not ours), CSV files byte by byte.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const PYTHON = '/usr/bin/python3';

export type Outcome = 'Qualify' | 'Solution' | 'Negotiate' | 'Won' | 'Lost' | 'NoDecision';

export interface Deal {
  account: string;
  name: string;
  owner: string;
  amount: number;
  created: string; // ISO
  close: string; // ISO
  outcome: Outcome;
  /** The open stage a closed deal had reached (CRMs that keep the stage beside a status write it). */
  reached: 'Qualify' | 'Solution' | 'Negotiate';
  competitor?: string;
  nextStep?: string; // ISO
}

/** The deals, as of 2026-06-30 (period: 2026). */
export const DEALS: readonly Deal[] = [
  {
    account: 'Acme Corp',
    name: 'Acme - Platform',
    owner: 'Alice Chen',
    amount: 120000,
    created: '2025-11-02',
    close: '2026-03-15',
    outcome: 'Won',
    reached: 'Negotiate',
    competitor: 'Oracle',
  },
  {
    account: 'Acme Corp',
    name: 'Acme - Renewal',
    owner: 'Alice Chen',
    amount: 45000,
    created: '2026-02-10',
    close: '2026-08-30',
    outcome: 'Negotiate',
    reached: 'Negotiate',
    nextStep: '2026-07-05',
  },
  {
    account: 'Globex',
    name: 'Globex - Pilot',
    owner: 'Bob Li',
    amount: 30000,
    created: '2025-12-01',
    close: '2026-02-20',
    outcome: 'Lost',
    reached: 'Solution',
    competitor: 'SAP',
  },
  {
    account: 'Globex',
    name: 'Globex - Expansion',
    owner: 'Bob Li',
    amount: 80000,
    created: '2026-04-05',
    close: '2026-09-15',
    outcome: 'Solution',
    reached: 'Solution',
    nextStep: '2026-06-20',
  },
  {
    account: 'Initech',
    name: 'Initech - CRM',
    owner: 'Alice Chen',
    amount: 60000,
    created: '2026-01-15',
    close: '2026-05-10',
    outcome: 'Won',
    reached: 'Negotiate',
  },
  {
    account: 'Initech',
    name: 'Initech - Support',
    owner: 'Bob Li',
    amount: 15000,
    created: '2026-06-01',
    close: '2026-10-01',
    outcome: 'Qualify',
    reached: 'Qualify',
  },
  {
    account: 'Umbrella',
    name: 'Umbrella - Suite',
    owner: 'Carol Wu',
    amount: 200000,
    created: '2026-03-03',
    close: '2026-07-31',
    outcome: 'Solution',
    reached: 'Solution',
    nextStep: '2026-07-01',
  },
  {
    account: 'Umbrella',
    name: 'Umbrella - Training',
    owner: 'Carol Wu',
    amount: 10000,
    created: '2026-01-20',
    close: '2026-04-30',
    outcome: 'Lost',
    reached: 'Qualify',
  },
  {
    account: 'Hooli',
    name: 'Hooli - Analytics',
    owner: 'Carol Wu',
    amount: 50000,
    created: '2026-02-01',
    close: '2026-06-15',
    outcome: 'Qualify',
    reached: 'Qualify',
  },
  {
    account: 'Hooli',
    name: 'Hooli - Pilot',
    owner: 'Alice Chen',
    amount: 25000,
    created: '2026-01-05',
    close: '2026-05-20',
    outcome: 'NoDecision',
    reached: 'Solution',
    competitor: 'SAP',
  },
];

/** zh names of the same deals, for the Chinese CRMs. */
const ZH_ACCOUNT: Record<string, string> = {
  'Acme Corp': '华东电网',
  Globex: '星辰科技',
  Initech: '远航物流',
  Umbrella: '锦江集团',
  Hooli: '蓝海医疗',
};
const ZH_OWNER: Record<string, string> = { 'Alice Chen': '王伟', 'Bob Li': '李娜', 'Carol Wu': '张敏' };
const zhName = (d: Deal) => `${ZH_ACCOUNT[d.account]}-${d.name.split(' - ')[1]}`;

const mdy = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${m}/${d}/${y}`;
};
const dmy = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
};
const slash = (iso: string) => iso.split('-').map(Number).join('/');

/** A cell of an openpyxl sheet: a value, or a date, with a number format. */
type XCell = string | number | null | { date: string; format?: string } | { value: number; format: string };

interface XSheet {
  title: string;
  rows: XCell[][];
  hiddenColumns?: number[];
  merge?: string[];
}

export interface ExportFile {
  /** Which CRM and form, for test names. */
  crm: string;
  lang: 'en' | 'zh';
  kind: 'xlsx' | 'csv';
  file: string;
  /** Whether the CRM can say "no decision" (else deal 10 is Lost). */
  noDecision: boolean;
  /** Columns beyond the basics the export has. */
  competitor: boolean;
  nextStep: boolean;
  createdDate: boolean;
  currency: string | null;
  /** Stage names this export uses, for the stage-map check. */
  stages: string[];
}

// ------------------------------------------------------------------------ the CRMs

type StageNames = Record<Outcome, string>;

const SALESFORCE: StageNames = {
  Qualify: 'Qualification',
  Solution: 'Value Proposition',
  Negotiate: 'Negotiation/Review',
  Won: 'Closed Won',
  Lost: 'Closed Lost',
  NoDecision: 'Closed Lost',
};
const HUBSPOT: StageNames = {
  Qualify: 'Qualified To Buy',
  Solution: 'Presentation Scheduled',
  Negotiate: 'Contract Sent',
  Won: 'Closed Won',
  Lost: 'Closed Lost',
  NoDecision: 'Closed Lost',
};
const ZOHO: StageNames = {
  Qualify: 'Qualification',
  Solution: 'Needs Analysis',
  Negotiate: 'Negotiation/Review',
  Won: 'Closed Won',
  Lost: 'Closed-Lost to Competition',
  NoDecision: 'Closed Lost',
};
const FXIAOKE: Record<string, string> = { Qualify: '需求确认', Solution: '方案交流', Negotiate: '商务谈判' };
const NEOCRM: StageNames = {
  Qualify: '需求确定',
  Solution: '方案/报价',
  Negotiate: '谈判审核',
  Won: '赢单',
  Lost: '输单',
  NoDecision: '输单',
};
const WUKONG: StageNames = {
  Qualify: '验证客户',
  Solution: '需求分析',
  Negotiate: '谈判审核',
  Won: '赢单',
  Lost: '输单',
  NoDecision: '无效',
};
const DYNAMICS_STAGE: Record<string, string> = { Qualify: 'Qualify', Solution: 'Develop', Negotiate: 'Close' };
const PIPEDRIVE_STAGE: Record<string, string> = {
  Qualify: 'Qualified',
  Solution: 'Demo Scheduled',
  Negotiate: 'Negotiations Started',
};

const csvField = (v: string | number | null, quoteAll: boolean) => {
  const s = v === null ? '' : String(v);
  return quoteAll || /[",\n\r;\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (rows: (string | number | null)[][], sep = ',', quoteAll = false, eol = '\r\n') =>
  rows.map((r) => r.map((v) => csvField(v, quoteAll)).join(sep)).join(eol) + eol;

function writeCsv(file: string, text: string, encoding: 'utf8' | 'utf8bom' | 'utf16le' | 'gb18030'): void {
  if (encoding === 'utf8') fs.writeFileSync(file, text, 'utf8');
  else if (encoding === 'utf8bom') fs.writeFileSync(file, '\ufeff' + text, 'utf8');
  else if (encoding === 'utf16le')
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  else
    execFileSync(PYTHON, ['-c', 'import sys; open(sys.argv[1],"wb").write(sys.stdin.read().encode("gb18030"))', file], {
      input: text,
    });
}

const XLSX_SCRIPT = `
import json, sys, datetime, openpyxl
spec = json.load(sys.stdin)
wb = openpyxl.Workbook()
wb.remove(wb.active)
for sh in spec["sheets"]:
    ws = wb.create_sheet(sh["title"])
    for r, row in enumerate(sh["rows"], start=1):
        for c, v in enumerate(row, start=1):
            if v is None: continue
            cell = ws.cell(row=r, column=c)
            if isinstance(v, dict) and "date" in v:
                cell.value = datetime.datetime.fromisoformat(v["date"])
                cell.number_format = v.get("format", "yyyy-mm-dd")
            elif isinstance(v, dict):
                cell.value = v["value"]; cell.number_format = v["format"]
            else:
                cell.value = v
    for c in sh.get("hiddenColumns", []):
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].hidden = True
    for m in sh.get("merge", []):
        ws.merge_cells(m)
wb.save(spec["file"])
`;

function writeXlsx(file: string, sheets: XSheet[]): void {
  execFileSync(PYTHON, ['-c', XLSX_SCRIPT], { input: JSON.stringify({ file, sheets }) });
}

const guid = (i: number) => `${(0x1a2b3c00 + i).toString(16)}-0000-4000-8000-00000000000${i % 10}`;

/** Writes every export into `dir`; returns what each one is. */
export function writeExports(dir: string): ExportFile[] {
  const out: ExportFile[] = [];
  const at = (name: string) => path.join(dir, name);
  const salesforceStage = (d: Deal) => SALESFORCE[d.outcome];

  // 1. Salesforce, formatted report .xlsx: title and filter rows, $ number format, date cells, totals and notices below.
  {
    const file = at('salesforce-report.xlsx');
    const head = [
      'Opportunity Name',
      'Account Name',
      'Amount',
      'Close Date',
      'Stage',
      'Probability (%)',
      'Opportunity Owner',
      'Created Date',
      'Type',
      'Lead Source',
      'Main Competitor(s)',
    ];
    const prob: Record<Outcome, number> = { Qualify: 10, Solution: 50, Negotiate: 90, Won: 100, Lost: 0, NoDecision: 0 };
    const rows: XCell[][] = [
      ['Opportunity Pipeline'],
      ['Filtered By: Close Date equals THIS FISCAL YEAR'],
      [],
      head,
      ...DEALS.map((d) => [
        d.name,
        d.account,
        { value: d.amount, format: '[$$-409]#,##0.00' },
        { date: d.close, format: 'm/d/yyyy' },
        salesforceStage(d),
        prob[d.outcome],
        d.owner,
        { date: d.created, format: 'm/d/yyyy' },
        'New Customer',
        'Web',
        d.competitor ?? null,
      ]),
      ['Grand Totals (10 records)', null, { value: 635000, format: '[$$-409]#,##0.00' }],
      [],
      ['Confidential Information - Do Not Distribute'],
      ['Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.'],
    ];
    writeXlsx(file, [{ title: 'report1', rows }]);
    out.push({
      crm: 'Salesforce report',
      lang: 'en',
      kind: 'xlsx',
      file,
      noDecision: false,
      competitor: true,
      nextStep: false,
      createdDate: true,
      currency: 'USD',
      stages: [...new Set(DEALS.map(salesforceStage))],
    });
  }

  // 2. Salesforce, details-only .csv: every value quoted, LF, month-first text dates, a currency column, footers.
  {
    const file = at('salesforce-details.csv');
    const rows = [
      [
        'Opportunity Name',
        'Account Name',
        'Opportunity Owner',
        'Amount Currency',
        'Amount',
        'Close Date',
        'Stage',
        'Created Date',
      ],
      ...DEALS.map((d) => [
        d.name,
        d.account,
        d.owner,
        'USD',
        d.amount.toFixed(2),
        mdy(d.close),
        salesforceStage(d),
        mdy(d.created),
      ]),
    ];
    const text =
      csv(rows, ',', true, '\n') +
      '\n"Grand Totals (10 records)"\n\n"Confidential Information - Do Not Distribute"\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n';
    writeCsv(file, text, 'utf8');
    out.push({
      crm: 'Salesforce details',
      lang: 'en',
      kind: 'csv',
      file,
      noDecision: false,
      competitor: false,
      nextStep: false,
      createdDate: true,
      currency: 'USD',
      stages: [...new Set(DEALS.map(salesforceStage))],
    });
  }

  // 3. HubSpot deals export, CSV in UTF-8 with a BOM: record ids, datetimes, the associated company.
  {
    const file = at('hubspot-deals.csv');
    const rows = [
      [
        'Record ID',
        'Deal Name',
        'Deal Stage',
        'Amount',
        'Close Date',
        'Deal owner',
        'Create Date',
        'Pipeline',
        'Associated Company (Primary)',
      ],
      ...DEALS.map((d, i) => [
        String(9000000 + i),
        d.name,
        HUBSPOT[d.outcome],
        String(d.amount),
        `${d.close} 17:00`,
        d.owner,
        `${d.created} 10:30`,
        'Sales Pipeline',
        d.account,
      ]),
    ];
    writeCsv(file, csv(rows), 'utf8bom');
    out.push({
      crm: 'HubSpot',
      lang: 'en',
      kind: 'csv',
      file,
      noDecision: false,
      competitor: false,
      nextStep: false,
      createdDate: true,
      currency: null,
      stages: [...new Set(DEALS.map((d) => HUBSPOT[d.outcome]))],
    });
  }

  // 4. Dynamics 365 "Export to Excel": three hidden (Do Not Modify) columns first, Status and Status Reason, Sales Stage.
  {
    const file = at('dynamics-opportunities.xlsx');
    const status = (d: Deal) =>
      d.outcome === 'Won' ? 'Won' : d.outcome === 'Lost' || d.outcome === 'NoDecision' ? 'Lost' : 'Open';
    const reason = (d: Deal) => ({ Won: 'Won', Lost: 'Out-Sold', NoDecision: 'Canceled' })[d.outcome as 'Won'] ?? 'In Progress';
    const head = [
      '(Do Not Modify) Opportunity',
      '(Do Not Modify) Row Checksum',
      '(Do Not Modify) Modified On',
      'Topic',
      'Potential Customer',
      'Est. Close Date',
      'Est. Revenue',
      'Probability',
      'Status',
      'Status Reason',
      'Sales Stage',
      'Owner',
      'Created On',
    ];
    const rows: XCell[][] = [
      head,
      ...DEALS.map((d, i) => [
        guid(i),
        `chk${i}`,
        { date: '2026-06-29T08:00:00', format: 'yyyy-mm-dd hh:mm' },
        d.name,
        d.account,
        { date: d.close, format: 'm/d/yyyy' },
        { value: d.amount, format: '"$"#,##0.00' },
        status(d) === 'Open' ? 50 : status(d) === 'Won' ? 100 : 0,
        status(d),
        reason(d),
        DYNAMICS_STAGE[d.reached],
        d.owner,
        { date: `${d.created}T09:15:00`, format: 'm/d/yyyy h:mm AM/PM' },
      ]),
    ];
    writeXlsx(file, [{ title: 'Active Opportunities', rows, hiddenColumns: [1, 2, 3] }]);
    out.push({
      crm: 'Dynamics 365',
      lang: 'en',
      kind: 'xlsx',
      file,
      noDecision: true,
      competitor: false,
      nextStep: false,
      createdDate: true,
      currency: 'USD',
      stages: [...new Set(DEALS.map((d) => DYNAMICS_STAGE[d.reached]))],
    });
  }

  // 5. Zoho deals export .csv, day-first dates (an en-GB user), "Closed-Lost to Competition".
  {
    const file = at('zoho-deals.csv');
    const rows = [
      [
        'Record Id',
        'Deal Owner',
        'Deal Name',
        'Account Name',
        'Amount',
        'Closing Date',
        'Stage',
        'Probability (%)',
        'Created Time',
        'Currency',
      ],
      ...DEALS.map((d, i) => [
        `zcrm_4000000${i}`,
        d.owner,
        d.name,
        d.account,
        d.amount.toFixed(2),
        dmy(d.close),
        ZOHO[d.outcome],
        '',
        `${dmy(d.created)} 09:00`,
        'GBP',
      ]),
    ];
    writeCsv(file, csv(rows), 'utf8');
    out.push({
      crm: 'Zoho',
      lang: 'en',
      kind: 'csv',
      file,
      noDecision: false,
      competitor: false,
      nextStep: false,
      createdDate: true,
      currency: 'GBP',
      stages: [...new Set(DEALS.map((d) => ZOHO[d.outcome]))],
    });
  }

  // 6. Pipedrive deals export: "Deal - …" headers, semicolon-separated, status beside the stage at close, next activity.
  {
    const file = at('pipedrive-deals.csv');
    const status = (d: Deal) =>
      d.outcome === 'Won' ? 'Won' : d.outcome === 'Lost' || d.outcome === 'NoDecision' ? 'Lost' : 'Open';
    const rows = [
      [
        'Deal - ID',
        'Deal - Title',
        'Deal - Organization',
        'Deal - Value',
        'Deal - Currency of value',
        'Deal - Stage',
        'Deal - Status',
        'Deal - Owner',
        'Deal - Deal created',
        'Deal - Expected close date',
        'Deal - Next activity date',
      ],
      ...DEALS.map((d, i) => [
        String(101 + i),
        d.name,
        d.account,
        String(d.amount),
        'EUR',
        PIPEDRIVE_STAGE[d.reached],
        status(d),
        d.owner,
        `${d.created} 09:12:44`,
        d.close,
        d.nextStep ?? '',
      ]),
    ];
    writeCsv(file, csv(rows, ';'), 'utf8');
    out.push({
      crm: 'Pipedrive',
      lang: 'en',
      kind: 'csv',
      file,
      noDecision: false,
      competitor: false,
      nextStep: true,
      createdDate: true,
      currency: 'EUR',
      stages: [...new Set(DEALS.map((d) => PIPEDRIVE_STAGE[d.reached]))],
    });
  }

  // 7. 纷享销客 商机 export .xlsx on Sheet1: 商机状态 beside the stage, ¥ amounts written as text, text dates.
  {
    const file = at('fxiaoke-opportunities.xlsx');
    const status = (d: Deal) => ({ Won: '赢单', Lost: '输单', NoDecision: '无效' })[d.outcome as 'Won'] ?? '进行中';
    const rows: XCell[][] = [
      ['商机名称', '客户名称', '商机金额', '结单日期', '销售阶段', '商机状态', '负责人', '创建时间', '竞争对手'],
      ...DEALS.map((d) => [
        zhName(d),
        ZH_ACCOUNT[d.account],
        `¥${d.amount.toLocaleString('en-US')}.00`,
        d.close,
        FXIAOKE[d.reached],
        status(d),
        ZH_OWNER[d.owner],
        `${d.created} 10:30:00`,
        d.competitor ?? null,
      ]),
    ];
    writeXlsx(file, [{ title: 'Sheet1', rows }]);
    out.push({
      crm: '纷享销客',
      lang: 'zh',
      kind: 'xlsx',
      file,
      noDecision: true,
      competitor: true,
      nextStep: false,
      createdDate: true,
      currency: 'CNY',
      stages: [...new Set(DEALS.map((d) => FXIAOKE[d.reached]))],
    });
  }

  // 8. 销售易 机会 export, CSV saved by zh-CN Excel (GB18030): 万 amounts, 2026/3/15 dates, 输单阶段, no created date.
  {
    const file = at('neocrm-opportunities.csv');
    const amount = (n: number) => (n % 10000 === 0 ? `${n / 10000}万` : String(n));
    const rows = [
      ['机会名称', '客户名称', '销售金额', '结单日期', '销售阶段', '所有人', '输单阶段'],
      ...DEALS.map((d) => [
        zhName(d),
        ZH_ACCOUNT[d.account],
        amount(d.amount),
        slash(d.close),
        NEOCRM[d.outcome],
        ZH_OWNER[d.owner],
        d.outcome === 'Lost' || d.outcome === 'NoDecision' ? NEOCRM[d.reached] : '',
      ]),
    ];
    writeCsv(file, csv(rows), 'gb18030');
    out.push({
      crm: '销售易',
      lang: 'zh',
      kind: 'csv',
      file,
      noDecision: false,
      competitor: false,
      nextStep: false,
      createdDate: false,
      currency: null,
      stages: [...new Set(DEALS.map((d) => NEOCRM[d.outcome]))],
    });
  }

  // 9. 悟空CRM business export: a merged title row 商机信息 above the headers, 无效 deals.
  {
    const file = at('wukong-business.xlsx');
    const rows: XCell[][] = [
      ['商机信息'],
      ['商机名称', '客户名称', '商机金额', '预计成交日期', '商机阶段', '负责人', '创建时间', '备注'],
      ...DEALS.map((d) => [
        zhName(d),
        ZH_ACCOUNT[d.account],
        d.amount,
        { date: d.close, format: 'yyyy-mm-dd' },
        WUKONG[d.outcome],
        ZH_OWNER[d.owner],
        { date: `${d.created}T14:00:00`, format: 'yyyy-mm-dd hh:mm:ss' },
        null,
      ]),
    ];
    writeXlsx(file, [{ title: '商机', rows, merge: ['A1:H1'] }]);
    out.push({
      crm: '悟空CRM',
      lang: 'zh',
      kind: 'xlsx',
      file,
      noDecision: true,
      competitor: false,
      nextStep: false,
      createdDate: true,
      currency: null,
      stages: [...new Set(DEALS.map((d) => WUKONG[d.outcome]))],
    });
  }

  // 10. HubSpot again, as Excel's "Unicode Text" re-save: UTF-16 LE, tab-separated.
  {
    const file = at('hubspot-unicode.txt');
    const rows = [
      ['Deal Name', 'Deal Stage', 'Amount', 'Close Date', 'Deal owner', 'Create Date', 'Associated Company'],
      ...DEALS.map((d) => [d.name, HUBSPOT[d.outcome], String(d.amount), d.close, d.owner, d.created, d.account]),
    ];
    writeCsv(file, csv(rows, '\t'), 'utf16le');
    out.push({
      crm: 'HubSpot (UTF-16 text)',
      lang: 'en',
      kind: 'csv',
      file,
      noDecision: false,
      competitor: false,
      nextStep: false,
      createdDate: true,
      currency: null,
      stages: [...new Set(DEALS.map((d) => HUBSPOT[d.outcome]))],
    });
  }
  return out;
}
