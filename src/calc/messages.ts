/**
 * Bilingual messages for function errors and data problems. Kernels build them; hosts show
 * the one matching the user's language. Argument names stay as declared (English ids),
 * because that is what the function's tooltip shows in both languages.
 */
import { Message } from '../core/i18n';

export const msg = {
  sizeMismatch: (a: string, b: string, n: number, m: number): Message => ({
    en: `${a} and ${b} differ in size: ${n} vs ${m}`,
    zh: `${a} 与 ${b} 的行数不一致：${n} 对 ${m}`,
  }),
  notAColumn: (arg: string, rows: number, cols: number): Message => ({
    en: `${arg} must be one column or one row, not ${rows}×${cols}`,
    zh: `${arg} 必须是单列或单行区域，而不是 ${rows}×${cols}`,
  }),
  notANumber: (arg: string, shown: string): Message => ({
    en: `${arg} must be a number, got ${shown}`,
    zh: `${arg} 必须是数字，实际为 ${shown}`,
  }),
  notADate: (arg: string, shown: string): Message => ({
    en: `${arg} must be a date (Excel date or YYYY-MM-DD), got ${shown}`,
    zh: `${arg} 必须是日期（Excel 日期或 YYYY-MM-DD），实际为 ${shown}`,
  }),
  cellNotANumber: (arg: string, row: number, shown: string): Message => ({
    en: `${arg}, row ${row}: ${shown} is not a number`,
    zh: `${arg} 第 ${row} 行：${shown} 不是数字`,
  }),
  cellNotADate: (arg: string, row: number, shown: string): Message => ({
    en: `${arg}, row ${row}: ${shown} is not a date`,
    zh: `${arg} 第 ${row} 行：${shown} 不是日期`,
  }),
  /** `allowed`: one list for both languages, or each language's own (zh lists read 进行中（Open）、…). */
  unknownValue: (arg: string, row: number, shown: string, allowed: string | Message): Message => ({
    en: `${arg}, row ${row}: unknown value ${shown} (use ${typeof allowed === 'string' ? allowed : allowed.en})`,
    zh: `${arg} 第 ${row} 行：无法识别的值 ${shown}（可用：${typeof allowed === 'string' ? allowed : allowed.zh}）`,
  }),
  unknownOption: (arg: string, shown: string, allowed: string): Message => ({
    en: `${arg}: unknown value ${shown} (use ${allowed})`,
    zh: `${arg}：无法识别的值 ${shown}（可用：${allowed}）`,
  }),
  missingArgument: (arg: string): Message => ({
    en: `${arg} is required`,
    zh: `缺少必填参数 ${arg}`,
  }),
  errorInInput: (arg: string, code: string): Message => ({
    en: `${arg} contains an error (${code}); fix that cell first`,
    zh: `${arg} 中有错误值（${code}），请先修正该单元格`,
  }),
  outOfRange: (arg: string, shown: string, range: string): Message => ({
    en: `${arg} must be ${range}, got ${shown}`,
    zh: `${arg} 必须${range}，实际为 ${shown}`,
  }),
  tooLarge: (arg: string, n: number, limit: number): Message => ({
    en: `${arg} has ${n} cells; the limit is ${limit}`,
    zh: `${arg} 有 ${n} 个单元格，超过上限 ${limit}`,
  }),
  noData: (what: Message): Message => ({
    en: `no ${what.en}`,
    zh: `没有${what.zh}`,
  }),
  custom: (en: string, zh: string): Message => ({ en, zh }),
};
