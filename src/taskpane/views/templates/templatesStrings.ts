/** Texts of the Templates gallery: each a Message, en-US and zh-CN side by side (a missing translation is a compile error). */
import { MessageTable, bi } from '../../../core/i18n';

export const templatesStrings = {
  heading: bi('Templates', '模板'),
  intro: bi(
    'Insert a ready-made CRM3 workbook part. Your own sheets, tables and names are never overwritten.',
    '插入现成的 CRM3 工作簿模板。不会覆盖您已有的工作表、表格或名称。',
  ),
  fileLanguage: bi('Template language', '模板语言'),
  english: bi('English', 'English'),
  chinese: bi('中文', '中文'),
  sheets: (n: number) => bi(`${n} sheets`, `${n} 个工作表`),
  sheetsOf: (name: string) => bi(`Sheets of ${name}`, `${name}的工作表`),
  insert: bi('Insert', '插入'),
  insertNamed: (name: string) => bi(`Insert ${name}`, `插入${name}`),
  inserting: bi('Inserting…', '正在插入…'),
  downloading: bi('Loading the template file', '正在加载模板文件'),
  inserted: (n: number) => bi(`Inserted ${n} sheets.`, `已插入 ${n} 个工作表。`),
  renamed: (from: string, to: string) =>
    bi(`${from} was renamed to ${to} to keep your own.`, `为保留您已有的内容，${from} 已重命名为 ${to}。`),
  goTo: (sheet: string) => bi(`Go to ${sheet}`, `转到“${sheet}”`),
  nothingAdded: bi(
    'The workbook already has every part of this template, so nothing was added.',
    '工作簿中已包含该模板的全部内容，因此未添加任何内容。',
  ),
  kept: (names: string) => bi(`Kept as they were: ${names}.`, `以下内容保持原样：${names}。`),
  failed: bi('The template was not inserted.', '模板未能插入。'),
  leftAsItWas: bi('The workbook was left as it was.', '工作簿保持原样，未做任何修改。'),
} satisfies MessageTable;
