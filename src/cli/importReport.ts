/**
 * The mapping report `crm3 import` prints: where the table was, which export column became
 * which CRM3 column, what was derived, how the stage names were read, what is missing, and
 * which indicators that leaves without data. en and zh.
 */
import { Locale, Message, bi, joinList, pick } from '../core/i18n';
import { EvaluationResult } from '../engine/evaluate';
import { stageLabel, statusLabel, StatusCode } from '../model/defaults';
import { ImportInfo, ImportedColumn } from '../model/importInfo';
import { TABLES, TableName, exportColumns, isQuietTable, tableSpec } from '../model/schema';
import { WorkbookSnapshot } from '../model/snapshot';
import { questionsOf } from '../model/workbookColumns';
import { missingSummary, pad } from './format';

/** What an export-only column (or the CRM's own probability) is used for. */
const EXPORT_ROLE: Record<string, Message> = {
  AccountName: { en: 'account name (→ AccountId, and the Accounts rows)', zh: '客户名称（→ 客户编号及客户表）' },
  Currency: { en: 'currency of the amounts', zh: '金额币种' },
  CrmProbability: {
    en: "CRM's probability (places stage names the StageMap lacks; CRM3 computes its own)",
    zh: 'CRM 赢率（仅用于推断阶段映射中没有的阶段；CRM3 自行计算赢单概率）',
  },
  Probability: {
    en: "CRM's probability (places stage names the StageMap lacks; CRM3 computes its own)",
    zh: 'CRM 赢率（仅用于推断阶段映射中没有的阶段；CRM3 自行计算赢单概率）',
  },
  IsWon: { en: 'won flag (→ Status)', zh: '赢单标记（→ 状态）' },
  IsClosed: { en: 'closed flag (→ Status)', zh: '关闭标记（→ 状态）' },
  StatusReason: { en: 'status reason (Canceled → NoDecision)', zh: '状态原因（取消 → 无决策）' },
  LostStage: { en: 'stage at loss (→ Stage of lost deals)', zh: '输单阶段（→ 丢单商机的阶段）' },
  ActualCloseDate: { en: 'actual close date (→ CloseDate of closed deals)', zh: '实际结单日期（→ 已结束商机的结单日期）' },
};

/** The report's texts; `t` is the table picked for the report's language. */
const TEXT = {
  notUsed: bi('— not used', '— 未使用'),
  duplicate: (column: string) =>
    bi(`— not used (${column} comes from an earlier column)`, `— 未使用（${column} 已由前面的列提供）`),
  byMap: bi(' (ImportMap)', '（按导入映射）'),
  questions: bi('grading questions (Q_… columns)', '评估问题（Q_… 列）'),
  criteria: bi('criterion scores (C_… columns)', '评分项（C_… 列）'),
  title: (input: string, out: string, template: string, locale: string) =>
    bi(
      `CRM3 import — ${input} → ${out} (template ${template}, ${locale})`,
      `CRM3 导入 — ${input} → ${out}（模板 ${template}，${locale}）`,
    ),
  table: (name: string, zh: string) => bi(name, `“${zh}”表`),
  sheetRead: (sheet: string, table: string, headerRow: number, rows: number) =>
    bi(
      `Sheet ${sheet} read as ${table}: headers in row ${headerRow}, ${rows} ${rows === 1 ? 'row' : 'rows'}.`,
      `工作表 ${sheet} 读作${table}：表头在第 ${headerRow} 行，${rows} 行数据。`,
    ),
  skippedRow: (row: number, text: string) => bi(`row ${row} "${text}"`, `第 ${row} 行“${text}”`),
  leftOut: (rows: string[]) => bi(`  Left out: ${rows.join(', ')}`, `  未读入：${rows.join('、')}`),
  columns: bi('  Columns:', '  列：'),
  derived: bi('Derived:', '推导：'),
  stages: bi('Stages (StageMap):', '阶段（阶段映射）：'),
  unknownStage: bi(
    '? not in the StageMap: added to Config StageMap for you to fill in',
    '？ 阶段映射中没有：已加入“配置”的阶段映射表，请填写阶段和状态',
  ),
  noStage: bi('no stage', '无阶段'),
  byProbability: bi('placed by the CRM probability: check it', '按 CRM 赢率推断，请核对'),
  ownStage: bi('a CRM3 stage', '即 CRM3 阶段'),
  stageLine: (crmStage: string, count: number, to: string) =>
    bi(`  ${crmStage} (${count}) → ${to}`, `  ${crmStage}（${count}）→ ${to}`),
  currency: (currency: string, from: Message) =>
    bi(`Currency: ${currency || 'unknown'} (${from.en})`, `币种：${currency || '未知'}（${from.zh}）`),
  currencyFrom: {
    config: bi('from Config', '来自配置'),
    format: bi("from the amounts' number format or text", '来自金额单元格的数字格式或写法'),
    none: bi('the export does not say; set Currency on the Config sheet', '导出文件未注明；可在“配置”中填写 Currency'),
    mixed: bi('the amounts are in several currencies, not converted', '金额涉及多种币种，未换算'),
  },
  notInExport: bi('Not in the export:', '导出文件中没有：'),
  missingColumns: (table: string, columns: string) => bi(`  · ${table}: ${columns}`, `  · ${table}：${columns}`),
  missingTables: (tables: string) => bi(`  · tables: ${tables}`, `  · 表：${tables}`),
  problems: (errors: number, warnings: number) =>
    bi(
      `Problems: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}${errors ? ' (crm3 evaluate lists them all)' : ''}`,
      `问题：${errors} 个错误，${warnings} 个警告${errors ? '（用 crm3 evaluate 查看全部）' : ''}`,
    ),
  error: bi('error', '错误'),
  wrote: (out: string) => bi(`Wrote ${out}`, `已写入 ${out}`),
};

/** A CRM3 column as the report names it: "中文名（Name）" in zh, the name in en. */
function columnName(name: string, zh: string, locale: Locale): string {
  return locale === 'zh-CN' && zh !== name ? `${zh}（${name}）` : name;
}

function columnTarget(table: TableName, c: ImportedColumn, locale: Locale): string {
  if (!c.column) return pick(TEXT.notUsed, locale);
  if (c.duplicate) return pick(TEXT.duplicate(c.column), locale);
  const role = EXPORT_ROLE[c.column];
  if (role && (c.column === 'Probability' || exportColumns(table).some((x) => x.name === c.column)))
    return `→ ${pick(role, locale)}`;
  const spec = tableSpec(table).columns.find((x) => x.name === c.column);
  return `→ ${spec ? columnName(c.column, spec.zh, locale) : c.column}${c.by === 'map' ? pick(TEXT.byMap, locale) : ''}`;
}

/** Input columns of a table the workbook has no values for (question columns as one entry). */
function missingColumns(s: WorkbookSnapshot, table: TableName, locale: Locale): string[] {
  const t = s.tables[table];
  if (!t) return [];
  const has = (c: string) => {
    const j = t.headers.indexOf(c);
    return j >= 0 && t.rows.some((r) => r[j] !== null && r[j] !== '');
  };
  const spec = tableSpec(table);
  const out = spec.columns.filter((c) => !c.computed && !has(c.name)).map((c) => columnName(c.name, c.zh, locale));
  if (spec.dynamic === 'questions' && !questionsOf(s.config).some((q) => has(q.id))) out.push(pick(TEXT.questions, locale));
  if (spec.dynamic === 'criteria') out.push(pick(TEXT.criteria, locale));
  return out;
}

export interface ImportReportInput {
  input: string;
  out: string;
  template: string;
  locale: Locale;
  /** The export as read (with `imported`). */
  read: WorkbookSnapshot;
  /** The evaluation of the written workbook, re-read. */
  result: EvaluationResult;
  currency: string;
  currencyFrom: 'config' | 'format' | 'none' | 'mixed';
}

export function formatImportReport(r: ImportReportInput): string {
  const locale = r.locale;
  const say = (m: Message) => pick(m, locale);
  const tableName = (name: TableName) => say(TEXT.table(name, tableSpec(name).zh));
  const info: ImportInfo = r.read.imported ?? { tables: [], derived: [], stages: [] };
  const lines: string[] = [];
  lines.push(say(TEXT.title(r.input, r.out, r.template, r.locale)));
  for (const t of info.tables) {
    lines.push('', say(TEXT.sheetRead(t.sheet, tableName(t.table), t.headerRow, t.rows)));
    if (t.skipped.length) lines.push(say(TEXT.leftOut(t.skipped.map((x) => say(TEXT.skippedRow(x.row, x.text))))));
    lines.push(say(TEXT.columns));
    const width = Math.max(...t.columns.map((c) => c.source.length), 8);
    for (const c of t.columns) lines.push(`    ${pad(c.source, width)}  ${columnTarget(t.table, c, locale)}`);
  }
  if (info.derived.length) {
    lines.push('', say(TEXT.derived));
    for (const m of info.derived) lines.push(`  · ${say(m)}`);
  }
  if (info.stages.length) {
    lines.push('', say(TEXT.stages));
    for (const u of info.stages) {
      const to =
        u.how === 'unknown'
          ? say(TEXT.unknownStage)
          : [
              u.stage ? stageLabel(u.stage, locale) : say(TEXT.noStage),
              u.status ? statusLabel(u.status as StatusCode, locale) : '',
              u.how === 'probability' ? say(TEXT.byProbability) : '',
              u.how === 'own' ? say(TEXT.ownStage) : '',
            ]
              .filter(Boolean)
              .join(say(bi(', ', '，')));
      lines.push(say(TEXT.stageLine(u.crmStage, u.count, to)));
    }
  }
  lines.push('', say(TEXT.currency(r.currency, TEXT.currencyFrom[r.currencyFrom])));
  const missingTables = TABLES.filter((t) => !r.read.tables[t.name] && !isQuietTable(t.name)).map((t) => tableName(t.name));
  const cols = (['Opportunities', 'Accounts'] as TableName[]).flatMap((t) => {
    const m = missingColumns(r.read, t, locale);
    return m.length ? [say(TEXT.missingColumns(tableName(t), joinList(m, locale)))] : [];
  });
  if (missingTables.length || cols.length) {
    lines.push('', say(TEXT.notInExport), ...cols);
    if (missingTables.length) lines.push(say(TEXT.missingTables(joinList(missingTables, locale))));
  }
  lines.push(...missingSummary(r.result, locale));
  const errors = r.result.problems.filter((p) => p.severity === 'error');
  lines.push('', say(TEXT.problems(errors.length, r.result.problems.length - errors.length)));
  for (const p of errors.slice(0, 5)) lines.push(`  ${say(TEXT.error)}  ${p.message}`);
  lines.push('', say(TEXT.wrote(r.out)));
  return lines.join('\n') + '\n';
}
