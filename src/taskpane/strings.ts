/**
 * UI strings of the task pane, en-US and zh-CN side by side. A typed dictionary rather than
 * i18next: the pane has a few dozen strings, and a missing translation is a compile error.
 */
export const strings = {
  'en-US': {
    title: 'CRM3 for Excel',
    tagline: 'Key-account sales method in Excel: ABCD tiering, opportunity grading, win rates and value indicators.',
    webMode: 'Web mode: running without Excel on the built-in engine.',
    inExcel: 'Connected to Excel.',
    functions: 'CRM3 functions',
    language: 'Language',
    example: 'Example',
  },
  'zh-CN': {
    title: 'CRM3 大客户销售',
    tagline: '在 Excel 中落地大客户销售方法：ABCD 分级、商机评估、赢率分析与量化价值指标。',
    webMode: '网页模式：未连接 Excel，使用内置计算引擎。',
    inExcel: '已连接 Excel。',
    functions: 'CRM3 函数',
    language: '语言',
    example: '示例',
  },
} as const;

export type UiLocale = keyof typeof strings;
export type StringKey = keyof (typeof strings)['en-US'];
