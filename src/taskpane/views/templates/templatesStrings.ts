/** UI strings of the Templates gallery, en-US and zh-CN side by side (a missing translation is a compile error). */
import { Locale } from '../../../core/i18n';

const en = {
  heading: 'Templates',
  intro: 'Insert a ready-made CRM3 workbook part. Your own sheets, tables and names are never overwritten.',
  fileLanguage: 'Template language',
  english: 'English',
  chinese: '中文',
  sheets: (n: number) => `${n} sheets`,
  sheetsOf: (name: string) => `Sheets of ${name}`,
  insert: 'Insert',
  insertNamed: (name: string) => `Insert ${name}`,
  inserting: 'Inserting…',
  downloading: 'Loading the template file',
  inserted: (n: number) => `Inserted ${n} sheets.`,
  renamed: (from: string, to: string) => `${from} was renamed to ${to} to keep your own.`,
  goTo: (sheet: string) => `Go to ${sheet}`,
  nothingAdded: 'The workbook already has every part of this template, so nothing was added.',
  kept: (names: string) => `Kept as they were: ${names}.`,
  failed: 'The template was not inserted.',
  leftAsItWas: 'The workbook was left as it was.',
};

const zh: typeof en = {
  heading: '模板',
  intro: '插入现成的 CRM3 工作簿模板。不会覆盖您已有的工作表、表格或名称。',
  fileLanguage: '模板语言',
  english: 'English',
  chinese: '中文',
  sheets: (n) => `${n} 个工作表`,
  sheetsOf: (name) => `${name}的工作表`,
  insert: '插入',
  insertNamed: (name) => `插入${name}`,
  inserting: '正在插入…',
  downloading: '正在加载模板文件',
  inserted: (n) => `已插入 ${n} 个工作表。`,
  renamed: (from, to) => `为保留您已有的内容，${from} 已重命名为 ${to}。`,
  goTo: (sheet) => `转到“${sheet}”`,
  nothingAdded: '工作簿中已包含该模板的全部内容，因此未添加任何内容。',
  kept: (names) => `以下内容保持原样：${names}。`,
  failed: '模板未能插入。',
  leftAsItWas: '工作簿保持原样，未做任何修改。',
};

export const templatesStrings: Record<Locale, typeof en> = { 'en-US': en, 'zh-CN': zh };
