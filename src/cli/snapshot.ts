/**
 * `crm3 snapshot <file.xlsx> [--as-of D] [--label TEXT] (--out new.xlsx | --in-place)`
 * (issue 16, docs/history.md): evaluates the workbook at the date and appends the snapshot to
 * its History tables. The input is never modified unless --in-place, which first keeps a
 * backup beside it. A snapshot of a date already taken changes nothing.
 * Exit codes: 0 written (or nothing to change), 1 written but the data has errors, 2 not written.
 */
import { promises as fs } from 'fs';
import { isoFromSerial } from '../core/cells';
import { Locale, Message, bi, pick } from '../core/i18n';
import { hasDataErrors } from '../engine/evaluate';
import { takeSnapshot } from '../io/takeSnapshot';
import { refuseInputs, writeOutput } from '../io/safeOutput';
import { readFileBytes } from '../io/zipGuard';
import { parseIsoDate, today } from './dates';
import type { Io } from './main';
import { UsageError } from './flags';

const USAGE: Message = bi(
  `Usage: crm3 snapshot <file.xlsx> [--as-of YYYY-MM-DD] [--label TEXT] (--out new.xlsx | --in-place) [--lang zh-CN]

Evaluates the workbook at the date (--as-of, else Config's AsOfDate, else today) and appends
a snapshot to its History tables: every indicator, each open opportunity whose stage, status,
amount, close date, probability, score, grade, stage check or mentor changed, and each account
whose score, tier, revenue or share of wallet changed. --out writes a new workbook; --in-place
changes the file itself after keeping a backup beside it. A date already taken changes nothing.
Exit codes: 0 written (or nothing to change), 1 written but the data has errors, 2 not written.
`,
  `用法：crm3 snapshot <文件.xlsx> [--as-of YYYY-MM-DD] [--label 文字] (--out 新文件.xlsx | --in-place) [--lang zh-CN]

按日期（--as-of，否则为配置中的 AsOfDate，否则为今天）计算工作簿，并把一次快照追加到其历史表：
全部指标；阶段、状态、金额、结单日期、赢单概率、评估得分、等级、阶段核查或内线教练有变化的进行中商机；
综合得分、分级、收入或钱包份额有变化的客户。--out 写入新的工作簿；--in-place 先在旁边保留备份，再修改原文件。
同一日期已有快照时不作任何改动。
退出码：0 已写入（或无需改动）；1 已写入但数据有错误；2 未写入。
`,
);

interface SnapshotArgs {
  input: string;
  asOf?: number;
  label: string | null;
  out?: string;
  inPlace: boolean;
  help: boolean;
}

function parseArgs(argv: readonly string[]): SnapshotArgs {
  const args: SnapshotArgs = { input: '', label: null, inPlace: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(bi(`${a} needs a value`, `${a} 需要一个值`));
      return v;
    };
    if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--in-place') args.inPlace = true;
    else if (a === '--lang') value();
    else if (a === '--label') args.label = value();
    else if (a === '--as-of') {
      const v = value();
      const d = parseIsoDate(v);
      if (d === undefined)
        throw new UsageError(
          bi(`--as-of must be a date YYYY-MM-DD, got "${v}"`, `--as-of 必须是 YYYY-MM-DD 格式的日期，实际为“${v}”`),
        );
      args.asOf = d;
    } else if (a === '--out') {
      const v = value();
      if (!/\.xlsx$/i.test(v))
        throw new UsageError(bi(`--out must name an .xlsx file, got "${v}"`, `--out 必须是 .xlsx 文件，实际为“${v}”`));
      args.out = v;
    } else if (a.startsWith('--')) throw new UsageError(bi(`unknown option ${a}`, `未知选项 ${a}`));
    else if (!args.input) args.input = a;
    else throw new UsageError(bi(`unexpected argument "${a}"`, `无法识别的参数“${a}”`));
  }
  if (args.help) return args;
  if (!args.input) throw new UsageError(bi('name the workbook (.xlsx) to snapshot', '请指定要保存快照的工作簿（.xlsx）'));
  if (!/\.xlsx$/i.test(args.input))
    throw new UsageError(
      bi(
        'a snapshot is kept inside an .xlsx workbook; import a CSV export first (crm3 import)',
        '快照保存在 .xlsx 工作簿中；CSV 导出文件请先用 crm3 import 导入',
      ),
    );
  if (!!args.out === args.inPlace)
    throw new UsageError(bi('give either --out new.xlsx or --in-place', '请指定 --out 新文件.xlsx 或 --in-place（二选一）'));
  return args;
}

/** A backup name beside the file that does not exist yet: `plan.before-snapshot-2026-12-05.xlsx`. */
async function backupName(file: string, date: string): Promise<string> {
  const base = file.replace(/\.xlsx$/i, '');
  for (let n = 1; ; n++) {
    const candidate = `${base}.before-snapshot-${date}${n > 1 ? `-${n}` : ''}.xlsx`;
    try {
      await fs.lstat(candidate);
    } catch {
      return candidate;
    }
  }
}

export async function runSnapshot(
  argv: readonly string[],
  io: Io,
  locale: Locale,
  now: () => Date = () => new Date(),
): Promise<number> {
  let args: SnapshotArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`crm3 snapshot: ${pick(e.message, locale)}\n${pick(USAGE, locale)}`);
    return 2;
  }
  if (args.help) {
    io.out(pick(USAGE, locale));
    return 0;
  }
  const fail = (m: Message) => {
    io.err(`crm3 snapshot: ${pick(m, locale)}\n`);
    return 2;
  };
  if (args.out) {
    const refused = await refuseInputs(args.out, { inputs: [args.input] });
    if (refused) return fail(refused.message);
  }
  const bytes = await readFileBytes(args.input);
  if (!bytes.ok) return fail(bytes.reason.message);
  const taken = await takeSnapshot(bytes.bytes, args.input, {
    asOf: args.asOf,
    today: today(),
    label: args.label,
    locale,
    when: now(),
  });
  if (taken.kind === 'failed') return fail(taken.message);
  const day = isoFromSerial(taken.date);
  if (taken.kind === 'same-date') {
    if (args.out) {
      // Nothing changes: the new file is the workbook as it is.
      const written = await writeOutput(args.out, bytes.bytes, { inputs: [args.input] });
      if (!written.ok) return fail(written.reason.message);
    }
    io.out(
      pick(
        bi(
          `${args.input} already holds a snapshot of ${day}; nothing changed${args.out ? ` (${args.out} is the workbook as it was)` : ''}.\n`,
          `${args.input} 已有 ${day} 的快照；未作改动${args.out ? `（${args.out} 与原工作簿相同）` : ''}。\n`,
        ),
        locale,
      ),
    );
    return 0;
  }
  let target = args.out;
  if (args.inPlace) {
    const backup = await backupName(args.input, day);
    const kept = await writeOutput(backup, bytes.bytes, { inputs: [args.input] });
    if (!kept.ok) return fail(kept.reason.message);
    io.out(pick(bi(`Backup kept: ${backup}\n`, `已保留备份：${backup}\n`), locale));
    target = args.input;
  }
  // --in-place writes over the input on purpose (after the backup); --out never may.
  const written = await writeOutput(target!, taken.bytes, { inputs: args.inPlace ? [] : [args.input] });
  if (!written.ok) return fail(written.reason.message);
  const r = taken.rows;
  io.out(
    pick(
      bi(
        `Snapshot ${day}${args.label ? ` "${args.label}"` : ''} written to ${target}: ${r.History.length} indicators, ${r.OppHistory.length} opportunity rows and ${r.AccountHistory.length} account rows that changed.\n`,
        `快照 ${day}${args.label ? `“${args.label}”` : ''}已写入 ${target}：${r.History.length} 项指标，${r.OppHistory.length} 行有变化的商机，${r.AccountHistory.length} 行有变化的客户。\n`,
      ),
      locale,
    ),
  );
  return hasDataErrors(taken.evaluation) ? 1 : 0;
}
