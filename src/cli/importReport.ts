/**
 * The mapping report `crm3 import` prints: where the table was, which export column became
 * which CRM3 column, what was derived, how the stage names were read, what is missing, and
 * which indicators that leaves without data. en and zh.
 */
import { Locale, joinList } from '../core/i18n';
import { EvaluationResult } from '../engine/evaluate';
import { stageLabel, statusLabel, StatusCode } from '../model/defaults';
import { ImportInfo, ImportedColumn } from '../model/importInfo';
import { TABLES, TableName, exportColumns, isQuietTable, tableSpec } from '../model/schema';
import { WorkbookSnapshot } from '../model/snapshot';
import { questionsOf } from '../model/workbookColumns';
import { missingSummary, pad } from './format';

/** What an export-only column (or the CRM's own probability) is used for. */
const EXPORT_ROLE: Record<string, { en: string; zh: string }> = {
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

function columnTarget(table: TableName, c: ImportedColumn, zh: boolean): string {
  if (!c.column) return zh ? '— 未使用' : '— not used';
  if (c.duplicate)
    return zh ? `— 未使用（${c.column} 已由前面的列提供）` : `— not used (${c.column} comes from an earlier column)`;
  const role = EXPORT_ROLE[c.column];
  if (role && (c.column === 'Probability' || exportColumns(table).some((x) => x.name === c.column)))
    return `→ ${zh ? role.zh : role.en}`;
  const spec = tableSpec(table).columns.find((x) => x.name === c.column);
  const name = zh && spec && spec.zh !== c.column ? `${spec.zh}（${c.column}）` : c.column;
  return `→ ${name}${c.by === 'map' ? (zh ? '（按导入映射）' : ' (ImportMap)') : ''}`;
}

/** Input columns of a table the workbook has no values for (question columns as one entry). */
function missingColumns(s: WorkbookSnapshot, table: TableName, zh: boolean): string[] {
  const t = s.tables[table];
  if (!t) return [];
  const has = (c: string) => {
    const j = t.headers.indexOf(c);
    return j >= 0 && t.rows.some((r) => r[j] !== null && r[j] !== '');
  };
  const spec = tableSpec(table);
  const out = spec.columns
    .filter((c) => !c.computed && !has(c.name))
    .map((c) => (zh && c.zh !== c.name ? `${c.zh}（${c.name}）` : c.name));
  if (spec.dynamic === 'questions' && !questionsOf(s.config).some((q) => has(q.id)))
    out.push(zh ? '评估问题（Q_… 列）' : 'grading questions (Q_… columns)');
  if (spec.dynamic === 'criteria') out.push(zh ? '评分项（C_… 列）' : 'criterion scores (C_… columns)');
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
  const zh = r.locale === 'zh-CN';
  const info: ImportInfo = r.read.imported ?? { tables: [], derived: [], stages: [] };
  const lines: string[] = [];
  lines.push(
    zh
      ? `CRM3 导入 — ${r.input} → ${r.out}（模板 ${r.template}，${r.locale}）`
      : `CRM3 import — ${r.input} → ${r.out} (template ${r.template}, ${r.locale})`,
  );
  for (const t of info.tables) {
    const table = zh ? `“${tableSpec(t.table).zh}”表` : t.table;
    lines.push(
      '',
      zh
        ? `工作表 ${t.sheet} 读作${table}：表头在第 ${t.headerRow} 行，${t.rows} 行数据。`
        : `Sheet ${t.sheet} read as ${table}: headers in row ${t.headerRow}, ${t.rows} ${t.rows === 1 ? 'row' : 'rows'}.`,
    );
    if (t.skipped.length)
      lines.push(
        zh
          ? `  未读入：${t.skipped.map((x) => `第 ${x.row} 行“${x.text}”`).join('、')}`
          : `  Left out: ${t.skipped.map((x) => `row ${x.row} "${x.text}"`).join(', ')}`,
      );
    lines.push(zh ? '  列：' : '  Columns:');
    const width = Math.max(...t.columns.map((c) => c.source.length), 8);
    for (const c of t.columns) lines.push(`    ${pad(c.source, width)}  ${columnTarget(t.table, c, zh)}`);
  }
  if (info.derived.length) {
    lines.push('', zh ? '推导：' : 'Derived:');
    for (const m of info.derived) lines.push(`  · ${zh ? m.zh : m.en}`);
  }
  if (info.stages.length) {
    lines.push('', zh ? '阶段（阶段映射）：' : 'Stages (StageMap):');
    for (const u of info.stages) {
      const to =
        u.how === 'unknown'
          ? zh
            ? '？ 阶段映射中没有：已加入“配置”的阶段映射表，请填写阶段和状态'
            : '? not in the StageMap: added to Config StageMap for you to fill in'
          : [
              u.stage ? stageLabel(u.stage, r.locale) : zh ? '无阶段' : 'no stage',
              u.status ? statusLabel(u.status as StatusCode, r.locale) : '',
              u.how === 'probability' ? (zh ? '按 CRM 赢率推断，请核对' : 'placed by the CRM probability: check it') : '',
              u.how === 'own' ? (zh ? '即 CRM3 阶段' : 'a CRM3 stage') : '',
            ]
              .filter(Boolean)
              .join(zh ? '，' : ', ');
      lines.push(`  ${u.crmStage}（${u.count}）→ ${to}`.replace('（', zh ? '（' : ' (').replace('）→', zh ? '）→' : ') →'));
    }
  }
  lines.push(
    '',
    zh
      ? `币种：${r.currency || '未知'}（${{ config: '来自配置', format: '来自金额单元格的数字格式或写法', none: '导出文件未注明；可在“配置”中填写 Currency', mixed: '金额涉及多种币种，未换算' }[r.currencyFrom]}）`
      : `Currency: ${r.currency || 'unknown'} (${{ config: 'from Config', format: "from the amounts' number format or text", none: 'the export does not say; set Currency on the Config sheet', mixed: 'the amounts are in several currencies, not converted' }[r.currencyFrom]})`,
  );
  const missingTables = TABLES.filter((t) => !r.read.tables[t.name] && !isQuietTable(t.name)).map((t) =>
    zh ? `“${t.zh}”表` : t.name,
  );
  const cols = (['Opportunities', 'Accounts'] as TableName[]).flatMap((t) => {
    const m = missingColumns(r.read, t, zh);
    return m.length ? [`${zh ? `“${tableSpec(t).zh}”表` : t}: ${joinList(m, r.locale)}`] : [];
  });
  if (missingTables.length || cols.length) {
    lines.push('', zh ? '导出文件中没有：' : 'Not in the export:');
    for (const c of cols) lines.push(`  · ${zh ? c.replace(': ', '：') : c}`);
    if (missingTables.length) lines.push(`  · ${zh ? '表：' : 'tables: '}${joinList(missingTables, r.locale)}`);
  }
  lines.push(...missingSummary(r.result, r.locale));
  const errors = r.result.problems.filter((p) => p.severity === 'error');
  const warnings = r.result.problems.length - errors.length;
  lines.push(
    '',
    zh
      ? `问题：${errors.length} 个错误，${warnings} 个警告${errors.length ? '（用 crm3 evaluate 查看全部）' : ''}`
      : `Problems: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}${errors.length ? ' (crm3 evaluate lists them all)' : ''}`,
  );
  for (const p of errors.slice(0, 5)) lines.push(`  ${zh ? '错误' : 'error'}  ${p.message}`);
  lines.push('', zh ? `已写入 ${r.out}` : `Wrote ${r.out}`);
  return lines.join('\n') + '\n';
}
