/**
 * The per-file budget of `crm3 evaluate` (issue #12) and the options that raise it. Every
 * message that says a limit was reached names the option and a value to try.
 *
 *   --max-seconds N   longest a file (or one --by value) may run; default 600
 *   --max-memory MB   memory one file may use; default half of this computer's memory, at most 8,192
 *   --max-rows N      data rows one table may hold; default 1,048,576 (Excel's sheet)
 *   --max-file-mb N   largest .xlsx file read; default 50
 */
import * as os from 'os';
import { Message } from '../core/i18n';
import { DEFAULT_MAX_ROWS } from '../io/readWorkbook';
import { DEFAULT_ZIP_LIMITS } from '../io/zipGuard';

export interface Budget {
  maxSeconds: number;
  maxMemoryMb: number;
  maxRows: number;
  maxFileMb: number;
}

/** Below this a worker cannot even load the engine. */
const MIN_MEMORY_MB = 256;

export function defaultBudget(): Budget {
  const half = Math.floor(os.totalmem() / (2 * 1024 * 1024));
  return {
    maxSeconds: 600,
    maxMemoryMb: Math.max(MIN_MEMORY_MB * 4, Math.min(8192, half)),
    maxRows: DEFAULT_MAX_ROWS,
    maxFileMb: DEFAULT_ZIP_LIMITS.maxFileBytes / (1024 * 1024),
  };
}

const OPTION: Record<string, { key: keyof Budget; min: number; integer: boolean; unit: Message }> = {
  '--max-seconds': { key: 'maxSeconds', min: 0.001, integer: false, unit: { en: 'seconds', zh: '秒数' } },
  '--max-memory': { key: 'maxMemoryMb', min: MIN_MEMORY_MB, integer: true, unit: { en: 'MB', zh: 'MB 数' } },
  '--max-rows': { key: 'maxRows', min: 1, integer: true, unit: { en: 'rows', zh: '行数' } },
  '--max-file-mb': { key: 'maxFileMb', min: 0.001, integer: false, unit: { en: 'MB', zh: 'MB 数' } },
};

/** Sets the option in `budget`; the usage message when its value is not acceptable. */
export function parseBudgetOption(budget: Budget, flag: string, text: string): Message | undefined {
  const o = OPTION[flag];
  const n = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN;
  if (!o || !Number.isFinite(n) || n < o.min || (o.integer && !Number.isInteger(n)))
    return {
      en: `${flag} needs ${o?.integer ? 'a whole number' : 'a number'} of ${o?.unit.en ?? ''} of at least ${o?.min}, got "${text}"`,
      zh: `${flag} 需要不小于 ${o?.min} 的${o?.integer ? '整数' : '数值'}（${o?.unit.zh ?? ''}），实际为 "${text}"`,
    };
  budget[o.key] = n;
  return undefined;
}

/** Why a file's worker was stopped, naming the limit and the option that raises it. */
export function budgetFailure(file: string, reason: 'time' | 'memory' | 'crash', detail: string, budget: Budget): Message {
  if (reason === 'time') {
    const more = Math.ceil(budget.maxSeconds * 2);
    return {
      en: `${file} was stopped: it ran longer than the limit of ${budget.maxSeconds} s without a result. A very large workbook may need longer: raise the limit with --max-seconds ${more}; otherwise split the workbook.`,
      zh: `${file} 已被中止：运行超过上限 ${budget.maxSeconds} 秒仍无结果。很大的工作簿可能需要更久：可用 --max-seconds ${more} 调高上限，否则请拆分工作簿。`,
    };
  }
  if (reason === 'memory') {
    const more = Math.ceil((budget.maxMemoryMb * 2) / 512) * 512;
    return {
      en: `${file} was stopped: it needed more memory than the limit of ${budget.maxMemoryMb} MB. Split the data into smaller workbooks, or raise the limit with --max-memory ${more} if this computer has that much memory free.`,
      zh: `${file} 已被中止：所需内存超过上限 ${budget.maxMemoryMb} MB。请将数据拆分到较小的工作簿，或在本机有足够空闲内存时用 --max-memory ${more} 调高上限。`,
    };
  }
  return {
    en: `${file} could not be evaluated: ${detail}. This is a fault in CRM3: please report it with the file.`,
    zh: `无法计算 ${file}：${detail}。这是 CRM3 的缺陷：请连同该文件一起报告。`,
  };
}
