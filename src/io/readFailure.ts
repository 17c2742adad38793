/**
 * Why a file could not be read as a CRM3 workbook (DESIGN.md §9: exit code 2), with a
 * bilingual message that names the file, says what is wrong and how to fix it.
 */
import { Message } from '../core/i18n';

export type ReadFailureCode =
  'not-found' | 'not-xlsx' | 'corrupt' | 'encrypted' | 'macro-enabled' | 'too-large' | 'zip-bomb' | 'too-many-rows';

export interface ReadFailure {
  code: ReadFailureCode;
  message: Message;
}

/** A bilingual fragment of a message (the "why" inside a failure). */
export interface Detail {
  en: string;
  zh: string;
}
const d = (en: string, zh: string): Detail => ({ en, zh });

const mb = (bytes: number): string => {
  const v = bytes / (1024 * 1024);
  return v >= 10 ? v.toFixed(0) : v >= 0.1 ? v.toFixed(1) : v.toFixed(3);
};

/** The --max-file-mb that reads a file of `bytes`, with a tenth to spare (the too-large message and `crm3 sample` give it). */
export const maxFileMbFor = (bytes: number): number => Math.ceil((bytes * 1.1) / (1024 * 1024));

const fail = (code: ReadFailureCode, en: string, zh: string): ReadFailure => ({ code, message: { en, zh } });

const SAVE_AS_XLSX_EN = 'open it in Excel and use File > Save As > Excel Workbook (*.xlsx), then read that copy';
const SAVE_AS_XLSX_ZH = '请在 Excel 中打开，选择“文件 > 另存为 > Excel 工作簿 (*.xlsx)”，再读取另存的文件';

export const failures = {
  notFound: (path: string): ReadFailure =>
    fail('not-found', `File not found: ${path}. Check the path and the file name.`, `找不到文件：${path}。请检查路径和文件名。`),
  notAFile: (path: string): ReadFailure =>
    fail(
      'not-found',
      `${path} is a folder, not a file. Give the path of an .xlsx file.`,
      `${path} 是文件夹而不是文件。请指定一个 .xlsx 文件的路径。`,
    ),
  notRegular: (path: string): ReadFailure =>
    fail(
      'not-found',
      `${path} is not a regular file (it is a pipe, a device or another special file), so it is not read. Give the path of an .xlsx file saved on disk.`,
      `${path} 不是普通文件（而是管道、设备或其他特殊文件），因此不读取。请指定保存在磁盘上的 .xlsx 文件的路径。`,
    ),
  unreadable: (path: string, why: string): ReadFailure =>
    fail(
      'not-found',
      `${path} cannot be read (${why}). Check that the file exists and that you may read it.`,
      `无法读取 ${path}（${why}）。请确认文件存在且有读取权限。`,
    ),

  tooLarge: (name: string, size: number, limit: number): ReadFailure =>
    fail(
      'too-large',
      `${name} is ${mb(size)} MB; the limit is ${mb(limit)} MB. Remove sheets, pictures or old data you do not need and save it again, or raise the limit (command line: --max-file-mb ${maxFileMbFor(size)}).`,
      `${name} 大小为 ${mb(size)} MB，超过上限 ${mb(limit)} MB。请删除不需要的工作表、图片或历史数据后重新保存，或调高上限（命令行选项：--max-file-mb ${maxFileMbFor(size)}）。`,
    ),

  empty: (name: string): ReadFailure =>
    fail(
      'not-xlsx',
      `${name} is empty (0 bytes), not an Excel workbook. Save the workbook again from Excel as .xlsx.`,
      `${name} 是空文件（0 字节），不是 Excel 工作簿。请在 Excel 中重新另存为 .xlsx。`,
    ),
  legacyXls: (name: string): ReadFailure =>
    fail(
      'not-xlsx',
      `${name} is an Excel 97-2003 workbook (.xls), not .xlsx. CRM3 reads .xlsx only: ${SAVE_AS_XLSX_EN}.`,
      `${name} 是 Excel 97-2003 工作簿（.xls），不是 .xlsx。CRM3 只读取 .xlsx：${SAVE_AS_XLSX_ZH}。`,
    ),
  otherOle: (name: string): ReadFailure =>
    fail(
      'not-xlsx',
      `${name} is an old-style Office document (OLE compound file), not an Excel .xlsx workbook. If it is a workbook, ${SAVE_AS_XLSX_EN}.`,
      `${name} 是旧版 Office 复合文档（OLE），不是 Excel .xlsx 工作簿。如果它是工作簿，${SAVE_AS_XLSX_ZH}。`,
    ),
  notZip: (name: string, looksLike: string | undefined): ReadFailure =>
    fail(
      'not-xlsx',
      `${name} is not an Excel .xlsx workbook${looksLike ? ` (it looks like ${looksLike})` : ' (it is not a zip package, which every .xlsx is)'}. If it holds your data, ${SAVE_AS_XLSX_EN}.`,
      `${name} 不是 Excel .xlsx 工作簿${looksLike ? `（看起来是 ${looksLike}）` : '（.xlsx 文件都是 zip 压缩包，而它不是）'}。如果其中是您的数据，${SAVE_AS_XLSX_ZH}。`,
    ),
  otherPackage: (name: string, kind: { en: string; zh: string }): ReadFailure =>
    fail(
      'not-xlsx',
      `${name} is ${kind.en}, not an Excel .xlsx workbook. If it holds your data, ${SAVE_AS_XLSX_EN}.`,
      `${name} 是${kind.zh}，不是 Excel .xlsx 工作簿。如果其中是您的数据，${SAVE_AS_XLSX_ZH}。`,
    ),

  corrupt: (name: string, detail: Detail): ReadFailure =>
    fail(
      'corrupt',
      `${name} is damaged and cannot be read: ${detail.en}. The file may be incomplete (an interrupted download or copy): get a fresh copy, or open it in Excel (which offers to repair it) and save it again.`,
      `${name} 已损坏，无法读取：${detail.zh}。文件可能不完整（下载或复制中断）：请重新获取该文件，或在 Excel 中打开（Excel 会提示修复）后重新保存。`,
    ),

  encrypted: (name: string): ReadFailure =>
    fail(
      'encrypted',
      `${name} is password-protected (encrypted), so its data cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear the box), save, and try again.`,
      `${name} 设置了打开密码（已加密），无法读取其中数据。请在 Excel 中打开，取消密码（“文件 > 信息 > 保护工作簿 > 用密码进行加密”，清空密码）并保存后重试。`,
    ),

  macroEnabled: (name: string, what: string): ReadFailure =>
    fail(
      'macro-enabled',
      `${name} is a macro-enabled workbook (${what}). CRM3 does not open files that contain macros: in Excel use File > Save As > Excel Workbook (*.xlsx), which removes the macros, and read that copy.`,
      `${name} 是启用宏的工作簿（${what}）。CRM3 不打开包含宏的文件：请在 Excel 中选择“文件 > 另存为 > Excel 工作簿 (*.xlsx)”（会去掉宏），再读取另存的文件。`,
    ),

  zipBomb: (name: string, detail: Detail): ReadFailure =>
    fail(
      'zip-bomb',
      `${name} is refused as a possible zip bomb: ${detail.en}. A genuine workbook this large should be split, or cleaned of unused sheets and formatting and saved again.`,
      `${name} 疑似“压缩炸弹”，已拒绝读取：${detail.zh}。如果这是正常的工作簿，请拆分数据，或删除未使用的工作表和格式后重新保存。`,
    ),
  declaredTooBig: (total: number, limit: number) => ({
    en: `its contents would expand to ${mb(total)} MB, more than the ${mb(limit)} MB allowed`,
    zh: `解压后将达到 ${mb(total)} MB，超过允许的 ${mb(limit)} MB`,
  }),
  ratioTooHigh: (entry: string, ratio: number, limit: number) => ({
    en: `part ${entry} is compressed ${Math.round(ratio)}:1 (more than ${limit}:1), far beyond any real spreadsheet`,
    zh: `部件 ${entry} 的压缩比为 ${Math.round(ratio)}:1（超过 ${limit}:1），远超正常表格`,
  }),
  tooManyEntries: (n: number, limit: number) => ({
    en: `it holds ${n} parts (more than ${limit})`,
    zh: `其中包含 ${n} 个部件（超过 ${limit} 个）`,
  }),
  overlapping: (a: string, b: string) => ({
    en: `parts ${a} and ${b} share the same compressed data (an overlapping-file zip)`,
    zh: `部件 ${a} 与 ${b} 共用同一段压缩数据（重叠文件式压缩包）`,
  }),
  expandsBeyondDeclared: (entry: string, declared: number) => ({
    en: `part ${entry} expands beyond the ${declared} bytes its header declares`,
    zh: `部件 ${entry} 解压后超过其文件头声明的 ${declared} 字节`,
  }),

  partTooLong: (name: string, part: string, bytes: number): ReadFailure =>
    fail(
      'too-large',
      `${name} cannot be read: its part ${part} holds ${mb(bytes)} MB of XML, more than one piece of text can hold here (about 512 MB; one sheet of about 15 million cells). Split the sheet's data into several sheets or workbooks.`,
      `无法读取 ${name}：其部件 ${part} 含 ${mb(bytes)} MB 的 XML，超过单段文本能容纳的上限（约 512 MB，约 1,500 万个单元格的一张工作表）。请将该工作表的数据拆分到多个工作表或工作簿。`,
    ),

  tooManyRows: (sheet: string, table: string, rows: number, limit: number): ReadFailure =>
    fail(
      'too-many-rows',
      `Sheet ${sheet}: table ${table} has ${rows} data rows; the limit is ${limit}. Split the data into smaller workbooks or raise the limit (command line: --max-rows ${rows}).`,
      `工作表 ${sheet}：表 ${table} 有 ${rows} 行数据，超过上限 ${limit} 行。请将数据拆分到多个工作簿，或调高上限（命令行选项：--max-rows ${rows}）。`,
    ),

  // Why a package is damaged (failures.corrupt's detail).
  why: {
    unexpected: (m: string) => d(`unexpected structure (${m})`, `结构异常（${m}）`),
    noEnd: () =>
      d(
        'the end of the zip directory is missing, so the file is cut off or is not a complete zip',
        'zip 目录的结尾缺失，文件被截断或不是完整的 zip',
      ),
    multiVolume: () => d('it is one part of a multi-volume (split) zip', '它是分卷 zip 的其中一卷'),
    zip64Missing: () => d('the ZIP64 directory record is missing', 'ZIP64 目录记录缺失'),
    pastEnd: () =>
      d('the zip directory points past the end of the file, so the file is cut off', 'zip 目录指向文件末尾之后，文件被截断'),
    directoryDamaged: (at: number) => d(`the zip directory is damaged at byte ${at}`, `zip 目录在第 ${at} 字节处损坏`),
    zip64Sizes: (part: string) => d(`part ${part} lacks its ZIP64 sizes`, `部件 ${part} 缺少 ZIP64 大小信息`),
    countMismatch: (n: number, m: number) =>
      d(`the zip directory lists ${n} parts but its end record says ${m}`, `zip 目录列出 ${n} 个部件，但结尾记录为 ${m} 个`),
    headerDamaged: (part: string) => d(`the header of part ${part} is missing or damaged`, `部件 ${part} 的文件头缺失或损坏`),
    partCut: (part: string) => d(`part ${part} is cut off`, `部件 ${part} 被截断`),
    method: (part: string, m: number) =>
      d(
        `part ${part} uses compression method ${m}, which Excel never writes`,
        `部件 ${part} 使用了 Excel 从不使用的压缩方式 ${m}`,
      ),
    sizes: (part: string) => d(`part ${part} has inconsistent sizes`, `部件 ${part} 的大小信息前后矛盾`),
    badData: (part: string) => d(`part ${part} is not valid compressed data`, `部件 ${part} 不是有效的压缩数据`),
    shortData: (part: string, n: number, declared: number) =>
      d(
        `part ${part} holds ${n} bytes, not the ${declared} its header declares`,
        `部件 ${part} 实际为 ${n} 字节，而文件头声明为 ${declared} 字节`,
      ),
    checksum: (part: string) => d(`part ${part} fails its checksum (CRC)`, `部件 ${part} 校验和（CRC）不符`),
    duplicateName: (part: string) =>
      d(
        `it holds two parts named ${part}, which no workbook does (readers disagree on which one counts)`,
        `其中有两个名为 ${part} 的部件，正常工作簿不会如此（不同程序读取的可能不是同一个）`,
      ),
    unsafeName: (part: string) =>
      d(
        `it holds a part named "${part.slice(0, 80)}", a path that points outside the package when unzipped`,
        `其中有名为“${part.slice(0, 80)}”的部件，解压时会指向压缩包以外的位置`,
      ),
    notSpreadsheet: (m: string) => d(`its contents are not a valid spreadsheet (${m})`, `其内容不是有效的电子表格（${m}）`),
  },
};
