/**
 * Excel's grid and what the reader says about a part that does not fit it (issue #12): a
 * coordinate beyond 1,048,576 rows × 16,384 columns, XML that does not nest, a shared-string
 * index that points at nothing, merges and tables that claim more than the sheet can hold.
 * None of these stops a readable workbook: the cell or range is left out and the problem says
 * where, so nothing is lost silently.
 */
import { Message } from '../core/i18n';
import { place } from '../model/problems';

export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

/** Whether a 1-based row and column lie on Excel's sheet. */
export function onSheet(row: number, col: number): boolean {
  return row >= 1 && row <= EXCEL_MAX_ROWS && col >= 1 && col <= EXCEL_MAX_COLUMNS;
}

/** A reference as the file wrote it, short enough for a message. */
export const shown = (ref: string): string => (ref.length > 40 ? `${ref.slice(0, 40)}…` : ref);

const GRID_EN = "Excel's sheet of 1,048,576 rows × 16,384 columns (A1:XFD1048576)";
const GRID_ZH = 'Excel 工作表的范围（1,048,576 行 × 16,384 列，A1:XFD1048576）';

export const SHEET_PROBLEMS = {
  beyondGrid: (sheet: string, ref: string): Message => ({
    en: `${place(sheet, '')}: a cell at ${shown(ref)} lies outside ${GRID_EN}; it is left out. The file was not written by Excel or is damaged: open it in Excel and save it again.`,
    zh: `${place(sheet, '')}：位于 ${shown(ref)} 的单元格超出了${GRID_ZH}，已忽略。该文件不是由 Excel 保存的或已损坏：请在 Excel 中打开并重新保存。`,
  }),
  moreBeyondGrid: (sheet: string, n: number): Message => ({
    en: `${place(sheet, '')}: ${n} more cells outside ${GRID_EN} were left out.`,
    zh: `${place(sheet, '')}：另有 ${n} 个超出${GRID_ZH}的单元格已忽略。`,
  }),
  malformed: (sheet: string, part: string, at: number, what: Message): Message => ({
    en: `${place(sheet, '')}: the sheet's XML (${part}) is damaged near character ${at} (${what.en}); the cells from there on may be missing or misplaced. Open the file in Excel (it offers to repair it) and save it again.`,
    zh: `${place(sheet, '')}：工作表的 XML（${part}）在第 ${at} 个字符附近损坏（${what.zh}），此后的单元格可能缺失或错位。请在 Excel 中打开（Excel 会提示修复）并重新保存。`,
  }),
  malformedPart: (part: string, at: number, what: Message): Message => ({
    en: `The workbook part ${part} is damaged near character ${at} (${what.en}); what it holds from there on (shared texts, styles) may be missing, and cells that use it read as blank. Open the file in Excel (it offers to repair it) and save it again.`,
    zh: `工作簿部件 ${part} 在第 ${at} 个字符附近损坏（${what.zh}），此后的内容（共享文本、样式）可能缺失，使用它们的单元格按空白处理。请在 Excel 中打开（Excel 会提示修复）并重新保存。`,
  }),
  missingSharedString: (sheet: string, cell: string, index: number, count: number): Message => ({
    en: `${place(sheet, cell)}: the cell points at shared text number ${index}, but the workbook holds only ${count}; it reads as blank. The file is damaged: open it in Excel and save it again.`,
    zh: `${place(sheet, cell)}：该单元格引用第 ${index} 条共享文本，但工作簿中只有 ${count} 条，按空白处理。文件已损坏：请在 Excel 中打开并重新保存。`,
  }),
  moreMissingSharedStrings: (sheet: string, n: number): Message => ({
    en: `${place(sheet, '')}: ${n} more cells point at shared texts the workbook does not hold.`,
    zh: `${place(sheet, '')}：另有 ${n} 个单元格引用了工作簿中不存在的共享文本。`,
  }),
  overlappingMerges: (sheet: string, n: number): Message => ({
    en: `${place(sheet, '')}: ${n} merged ranges overlap others (Excel would repair them away); only the first of each overlap is used.`,
    zh: `${place(sheet, '')}：有 ${n} 个合并区域与其他合并区域重叠（Excel 会在修复时删除），每组重叠只使用第一个。`,
  }),
  mergeBeyondGrid: (sheet: string, n: number, ref: string): Message => ({
    en: `${place(sheet, '')}: ${n} merged ranges (such as ${shown(ref)}) lie outside ${GRID_EN} and are ignored.`,
    zh: `${place(sheet, '')}：有 ${n} 个合并区域（例如 ${shown(ref)}）超出了${GRID_ZH}，已忽略。`,
  }),
  tableBeyondGrid: (sheet: string, table: string, ref: string): Message => ({
    en: `${place(sheet, '')}: table ${table} claims the range ${shown(ref)}, outside ${GRID_EN}; the table definition is damaged and is ignored (its cells are still read from the sheet). Open the file in Excel and save it again.`,
    zh: `${place(sheet, '')}：表 ${table} 声明的区域 ${shown(ref)} 超出了${GRID_ZH}；表定义已损坏，已忽略（仍从工作表读取其单元格）。请在 Excel 中打开并重新保存。`,
  }),
};
