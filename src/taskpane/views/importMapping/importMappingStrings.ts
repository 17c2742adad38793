/** Texts of the column-mapping view shown when an opened file is a CRM export: each a Message, en-US and zh-CN. */
import { MessageTable, bi } from '../../../core/i18n';

export const importMappingStrings = {
  heading: bi('Columns of the export', '导出文件的列'),
  intro: (sheet: string, row: number) =>
    bi(
      `${sheet} was read as a CRM export (headers in row ${row}). Check what each column feeds, correct it if needed, and confirm: the mapping is remembered for the next export.`,
      `“${sheet}”按 CRM 导出文件读取（表头在第 ${row} 行）。请核对每一列对应的 CRM3 列，必要时更正后确认：该映射会被记住，用于下一个导出文件。`,
    ),
  remembered: bi(
    'Read with the mapping you confirmed. It is kept in Config (ImportMap) and used for the next export.',
    '已按您确认的映射读取。映射保存在配置的“导入映射”中，并用于下一个导出文件。',
  ),
  table: (name: string, rows: number) => bi(`${name}: ${rows} rows`, `${name}：${rows} 行`),
  exportColumn: bi('Export column', '导出列'),
  sample: (v: string) => bi(`e.g. ${v}`, `例：${v}`),
  noSample: bi('(empty)', '（空）'),
  feeds: (source: string) => bi(`CRM3 column for “${source}”`, `“${source}”对应的 CRM3 列`),
  notUsed: bi('— not used —', '— 不使用 —'),
  confirm: bi('Confirm mapping', '确认映射'),
  edit: bi('Change column mapping', '更改列映射'),
  close: bi('Close', '关闭'),
  applying: bi('Reading the export again with this mapping…', '正在按此映射重新读取导出文件…'),
} satisfies MessageTable;
