/**
 * `crm3 kit <workbook.xlsx> --out folder/ [--lang zh-CN] [--client NAME] [--consultant NAME]
 *  [--as-of YYYY-MM-DD]`: the package a consultant hands over (issue #17): the templates
 * filled with the workbook's data, their client copies (values, for readers without the
 * add-in), the recommendations report and a short index sheet. Every file goes through the
 * one output path (io/safeOutput); the input is never modified.
 * Exit codes: 0 written, 1 written but the data has errors, 2 not written.
 */
import * as path from 'path';
import { Cell } from '../core/cells';
import { Locale, Message, bi, localeOf, pick } from '../core/i18n';
import { hasDataErrors } from '../engine/evaluate';
import { makeClientCopy } from '../io/clientCopy';
import { readInputFile } from '../io/readInput';
import { refuseInputs, writeOutput } from '../io/safeOutput';
import { XlsxWriter } from '../io/xlsxWrite';
import { WorkbookSnapshot } from '../model/snapshot';
import { TEMPLATES } from '../templates/catalog';
import { buildTemplate } from '../templates/build';
import { parseIsoDate, today } from './dates';
import type { Io } from './main';
import { makeReport } from './report';

export interface KitOptions {
  locale: Locale;
  client?: string;
  consultant?: string;
  asOf?: number;
  /** When the kit is made: the client copies' note and the report's date (fixed for the demo kit). */
  when: Date;
}

export interface KitFile {
  name: string;
  bytes: Uint8Array;
  /** What the file is, for the index sheet. */
  what: string;
}

const KIT: Record<string, Message> = {
  filled: bi('Template filled with the workbook’s data (needs the CRM3 add-in).', '已填入数据的模板（需要 CRM3 加载项）。'),
  copy: bi(
    'Client copy: the same workbook with values instead of CRM3 formulas (opens anywhere).',
    '客户副本：同一工作簿，CRM3 公式已替换为数值（无需加载项即可打开）。',
  ),
  report: bi('Recommendations report (Word).', '高阶建议报告（Word 文档）。'),
  title: bi('CRM3 kit', 'CRM3 交付资料包'),
  file: bi('File', '文件'),
  content: bi('Content', '内容'),
  made: bi('Made', '生成日期'),
  source: bi('Source workbook', '数据来源'),
  client: bi('Client', '客户'),
  index: bi('Index', '目录'),
};

export const KIT_INDEX_NAME: Record<Locale, string> = { 'en-US': 'index.xlsx', 'zh-CN': '目录.xlsx' };
export const KIT_REPORT_NAME: Record<Locale, string> = { 'en-US': 'recommendations-report.docx', 'zh-CN': '高阶建议报告.docx' };

/** `portfolio-tiering.xlsx` in en; the template's Chinese name in zh. */
const templateFile = (t: (typeof TEMPLATES)[number], L: Locale) => (L === 'zh-CN' ? `${t.name.zh}.xlsx` : `${t.id}.xlsx`);
const clientCopyName = (file: string, L: Locale) =>
  file.replace(/\.xlsx$/i, L === 'zh-CN' ? '（客户副本）.xlsx' : '.client.xlsx');

/** The index sheet: one row per file of the kit, with what it is. */
async function indexSheet(files: readonly KitFile[], source: string, o: KitOptions): Promise<Uint8Array> {
  const L = o.locale;
  const book = new XlsxWriter();
  const ws = book.addSheet(pick(KIT.index, L), 0);
  ws.column(1, 44);
  ws.column(2, 80);
  // Both columns on one page: the file beside what it is.
  ws.print = { landscape: true, fitToWidth: true };
  const bold = { bold: true };
  const put = (row: number, a: Cell, b: Cell, style?: { bold: boolean }) => {
    ws.set(row, 1, a, style);
    ws.set(row, 2, b);
  };
  ws.set(1, 1, pick(KIT.title, L), { bold: true });
  put(2, pick(KIT.client, L), o.client ?? '');
  put(3, pick(KIT.source, L), source);
  put(4, pick(KIT.made, L), o.when.toISOString().slice(0, 10));
  ws.set(6, 1, pick(KIT.file, L), bold);
  ws.set(6, 2, pick(KIT.content, L), bold);
  files.forEach((f, i) => put(7 + i, f.name, f.what));
  return book.build({ creator: 'CRM3 for Excel', when: o.when, definedNames: [] });
}

/** The kit's files, in the order the index lists them (the index last). */
export async function makeKit(
  snapshot: WorkbookSnapshot,
  source: string,
  o: KitOptions,
): Promise<{ files: KitFile[]; dataErrors: boolean }> {
  const L = o.locale;
  const files: KitFile[] = [];
  for (const t of TEMPLATES) {
    const name = templateFile(t, L);
    const filled = new Uint8Array(await buildTemplate(t.id, L, { data: snapshot }));
    files.push({ name, bytes: filled, what: `${pick(t.description, L)} ${pick(KIT.filled, L)}` });
    const copy = await makeClientCopy(filled, name, { locale: L, when: o.when });
    if (!copy.ok) throw new Error(copy.reason.message.en);
    files.push({ name: clientCopyName(name, L), bytes: copy.bytes, what: pick(KIT.copy, L) });
  }
  const report = await makeReport(
    snapshot,
    source,
    { locale: L, scopes: [], client: o.client, consultant: o.consultant, asOf: o.asOf },
    o.when,
  );
  files.push({ name: KIT_REPORT_NAME[L], bytes: report.bytes, what: pick(KIT.report, L) });
  files.push({ name: KIT_INDEX_NAME[L], bytes: await indexSheet(files, path.basename(source), o), what: pick(KIT.index, L) });
  return { files, dataErrors: hasDataErrors(report.evaluation) };
}

const USAGE: Message = bi(
  `Usage: crm3 kit <workbook.xlsx> --out <folder> [--lang zh-CN] [--client "Name"] [--consultant "Name"]
                [--as-of YYYY-MM-DD]

Writes the consultant's kit into the folder: the five templates filled with the workbook's
data, a client copy of each (values instead of CRM3 formulas), the recommendations report
and an index sheet. The input is not modified.
Exit codes: 0 written, 1 written but the data has errors, 2 not written.
`,
  `用法：crm3 kit <工作簿.xlsx> --out <文件夹> [--lang zh-CN] [--client "客户名称"] [--consultant "顾问姓名"]
                [--as-of YYYY-MM-DD]

在文件夹中生成顾问交付资料包：填入数据的五个模板、每个模板的客户副本（CRM3 公式替换为数值）、
高阶建议报告和一张目录表。输入文件不会被修改。
退出码：0 已生成；1 已生成但数据有错误；2 未生成。
`,
);

export async function runKit(
  argv: readonly string[],
  io: Io,
  locale: Locale,
  now: () => Date = () => new Date(),
): Promise<number> {
  let input = '';
  let out = '';
  let L = locale;
  let client: string | undefined;
  let consultant: string | undefined;
  let asOf: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    const needs = ['--out', '--lang', '--client', '--consultant', '--as-of'].includes(a);
    if (needs && (v === undefined || v.startsWith('--'))) {
      io.err(`crm3 kit: ${pick(bi(`${a} needs a value`, `${a} 需要一个值`), L)}\n${pick(USAGE, L)}`);
      return 2;
    }
    if (a === '--help' || a === '-h') {
      io.out(pick(USAGE, L));
      return 0;
    } else if (a === '--out') out = argv[++i];
    else if (a === '--lang') L = localeOf(argv[++i]);
    else if (a === '--client') client = argv[++i].trim();
    else if (a === '--consultant') consultant = argv[++i].trim();
    else if (a === '--as-of') {
      asOf = parseIsoDate(argv[++i]);
      if (asOf === undefined) {
        io.err(`crm3 kit: ${pick(bi('--as-of must be a date YYYY-MM-DD', '--as-of 必须是 YYYY-MM-DD 格式的日期'), L)}\n`);
        return 2;
      }
    } else if (a.startsWith('--')) {
      io.err(`crm3 kit: ${pick(bi(`unknown option ${a}`, `未知选项 ${a}`), L)}\n${pick(USAGE, L)}`);
      return 2;
    } else if (!input) input = a;
    else {
      io.err(`crm3 kit: ${pick(bi(`unexpected argument "${a}"`, `无法识别的参数“${a}”`), L)}\n`);
      return 2;
    }
  }
  if (!input || !out) {
    io.err(
      `crm3 kit: ${pick(bi('give the workbook and --out <folder>', '请指定工作簿和 --out <文件夹>'), L)}\n${pick(USAGE, L)}`,
    );
    return 2;
  }
  const read = await readInputFile(input);
  if (!read.ok) {
    io.err(`crm3 kit: ${input}: ${pick(read.reason.message, L)}\n`);
    return 2;
  }
  const when = now();
  const kit = await makeKit(read.snapshot, input, {
    locale: L,
    client,
    consultant,
    asOf: asOf ?? (typeof read.snapshot.settings.AsOfDate === 'number' ? read.snapshot.settings.AsOfDate : today()),
    when,
  });
  // Nothing is written when any file would land on the input.
  for (const f of kit.files) {
    const refused = await refuseInputs(path.join(out, f.name), { inputs: [input] });
    if (refused) {
      io.err(`crm3 kit: ${pick(refused.message, L)}\n`);
      return 2;
    }
  }
  for (const f of kit.files) {
    const written = await writeOutput(path.join(out, f.name), f.bytes, { inputs: [input] });
    if (!written.ok) {
      io.err(`crm3 kit: ${pick(written.reason.message, L)}\n`);
      return 2;
    }
  }
  io.out(
    pick(bi(`Kit written to ${out}: ${kit.files.length} files.\n`, `资料包已写入 ${out}：共 ${kit.files.length} 个文件。\n`), L),
  );
  for (const f of kit.files) io.out(`  ${f.name}\n`);
  return kit.dataErrors ? 1 : 0;
}
