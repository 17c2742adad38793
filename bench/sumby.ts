/**
 * SUMBY benchmark (run: `npx tsx bench/sumby.ts`; `npm run bench` calls runSumByBench).
 *
 * (a) The kernel (filter + group sum) over 50,000 / 100,000 / 200,000 rows × 10,000 accounts,
 *     median of 5 runs: each doubling of rows should cost ≈ 2× (linear time, DESIGN §5).
 * (b) HyperFormula: one spilled =CRM3.SUMBY versus one =SUMIFS per account row — the
 *     per-row pattern DESIGN §7 forbids — at sizes where SUMIFS still finishes in seconds.
 * Numbers are reported as ratios measured in one run, not asserted. Times are CPU time of this
 * process (user + system), so other work on a shared machine does not inflate them.
 */
import { HyperFormula } from 'hyperformula';
import type { RawCellContent } from 'hyperformula';
import { Cell } from '../src/core/cells';
import { rowMask } from '../src/calc/criteria';
import { sumBy } from '../src/calc/groupBy';
import { buildCrm3Plugin, crm3Translations } from '../src/functions/hyperformula/crm3Plugin';

const STATUSES = ['Open', 'Won', 'Lost'] as const;

/** Deterministic pseudo-random numbers (mulberry32), so every run sees the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const accountId = (k: number) => `A${String(k).padStart(5, '0')}`;

interface Opportunities {
  accountIds: string[];
  accountId: Cell[];
  amount: Cell[];
  status: Cell[];
}

/** `rows` opportunities spread at random over `accounts` accounts. */
function opportunities(rows: number, accounts: number, seed = 42): Opportunities {
  const next = random(seed);
  const accountIds = Array.from({ length: accounts }, (_, k) => accountId(k));
  const accountIdCol = new Array<Cell>(rows);
  const amount = new Array<Cell>(rows);
  const status = new Array<Cell>(rows);
  for (let i = 0; i < rows; i++) {
    accountIdCol[i] = accountIds[Math.floor(next() * accounts)];
    amount[i] = Math.round(next() * 100_000);
    status[i] = STATUSES[Math.floor(next() * STATUSES.length)];
  }
  return { accountIds, accountId: accountIdCol, amount, status };
}

/** CPU milliseconds (user + system) spent by this process since `from`. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const ms = (x: number) => `${x.toFixed(x < 100 ? 1 : 0)} ms`;
const n = (x: number) => x.toLocaleString('en-US');

/** Open pipeline per account, as =CRM3.SUMBY(Opp_AccountId, Opp_Amount, Acc_AccountId, Opp_Status, "Open") computes it. */
function openPipelinePerAccount(o: Opportunities): number {
  const start = process.cpuUsage();
  const include = rowMask(
    o.status.length,
    [{ column: o.status, criterion: 'Open', columnName: 'filter1', criterionName: 'criterion1' }],
    'keys',
  );
  if (!Array.isArray(include)) throw new Error(include.message.en);
  const r = sumBy({ keys: o.accountId, values: o.amount, groups: o.accountIds, include });
  if (!Array.isArray(r)) throw new Error(r.message.en);
  return cpuMs(start);
}

function kernelScaling(lines: string[]): void {
  const accounts = 10_000;
  const sizes = [50_000, 100_000, 200_000];
  lines.push(`SUMBY kernel (filter Status = Open + sum per account), ${n(accounts)} accounts, CPU time, median of 5 runs:`);
  openPipelinePerAccount(opportunities(20_000, accounts, 7)); // warm-up (JIT)
  let previous: number | undefined;
  for (const rows of sizes) {
    const data = opportunities(rows, accounts);
    openPipelinePerAccount(data); // untimed: settles the heap after generating the data
    const t = median(Array.from({ length: 5 }, () => openPipelinePerAccount(data)));
    const growth = previous === undefined ? '' : `  (×${(t / previous).toFixed(2)} for 2× rows; linear ≈ 2.0)`;
    lines.push(`  ${n(rows).padStart(7)} rows: ${ms(t).padStart(9)}${growth}`);
    previous = t;
  }
}

let pluginRegistered = false;
function registerPlugin(): void {
  if (pluginRegistered || HyperFormula.getRegisteredFunctionNames('enGB').includes('CRM3.SUMBY')) return;
  HyperFormula.registerFunctionPlugin(buildCrm3Plugin(), crm3Translations());
  pluginRegistered = true;
}

type Sheet = RawCellContent[][];

/** Builds a workbook (parse + full evaluation) and returns the time and the Report!B column. */
function buildWorkbook(sheets: Record<string, Sheet>, accounts: number): { time: number; values: unknown[] } {
  const start = process.cpuUsage();
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3', maxRows: 1_000_000 });
  const time = cpuMs(start);
  const report = hf.getSheetId('Report')!;
  const values = Array.from({ length: accounts }, (_, r) => hf.getCellValue({ sheet: report, row: r, col: 1 }));
  hf.destroy();
  return { time, values };
}

function hyperFormulaComparison(lines: string[] | undefined, rows: number, accounts: number): void {
  const o = opportunities(rows, accounts);
  const data: Sheet = o.accountId.map((k, i) => [k as string, o.amount[i] as number, o.status[i] as string]);
  const range = (col: string) => `Data!$${col}$1:$${col}$${rows}`;
  // Direct ranges: HyperFormula sizes a spill through names only when names precede formulas.
  const sumByReport: Sheet = o.accountIds.map((id, r) =>
    r === 0 ? [id, `=CRM3.SUMBY(${range('A')},${range('B')},$A$1:$A$${accounts},${range('C')},"Open")`] : [id],
  );
  const sumIfsReport: Sheet = o.accountIds.map((id, r) => [
    id,
    `=SUMIFS(${range('B')},${range('A')},A${r + 1},${range('C')},"Open")`,
  ]);
  const baseline = median([0, 1, 2].map(() => buildWorkbook({ Data: data, Report: o.accountIds.map((id) => [id]) }, 0).time));
  const sumBy = [0, 1, 2].map(() => buildWorkbook({ Data: data, Report: sumByReport }, accounts));
  const sumIfs = buildWorkbook({ Data: data, Report: sumIfsReport }, accounts);
  const sumByTime = median(sumBy.map((b) => b.time));
  const agree = sumIfs.values.every((v, i) => v === sumBy[0].values[i]);
  if (!lines) return; // warm-up
  lines.push(
    `  ${n(rows)} rows × ${n(accounts)} accounts: SUMBY workbook ${ms(sumByTime)}, SUMIFS workbook ${ms(sumIfs.time)} ` +
      `(data alone ${ms(baseline)}); results ${agree ? 'agree' : 'DIFFER'}`,
  );
  lines.push(`    SUMBY is ${(sumIfs.time / sumByTime).toFixed(1)}× faster than per-row SUMIFS`);
}

/**
 * The planner's per-account template (won, lost, win rate, open pipeline) over the sample's own
 * Opportunities and Accounts, written two ways: four spilled CRM3 group-by calls, or four
 * per-row formulas per account (COUNTIFS ×2, a ratio, SUMIFS) — the pattern DESIGN §7 forbids.
 * `data` is the same workbook without the four columns (what loading the data alone costs).
 * Returns the CPU time of build + full evaluation and a digest of the four result columns.
 */
export function accountTemplate(
  way: 'groupby' | 'countifs' | 'data',
  opp: { accountId: Cell[]; status: Cell[]; amount: Cell[] },
  accountIds: Cell[],
): { cpuMs: number; wallMs: number; digest: string } {
  registerPlugin();
  const rows = opp.accountId.length;
  const accounts = accountIds.length;
  const data: Sheet = opp.accountId.map((k, i) => [
    k as RawCellContent,
    opp.status[i] as RawCellContent,
    opp.amount[i] as RawCellContent,
  ]);
  const range = (col: string) => `Data!$${col}$1:$${col}$${rows}`;
  const [keys, status, amount, groups] = [range('A'), range('B'), range('C'), `$A$1:$A$${accounts}`];
  const report: Sheet =
    way === 'data'
      ? accountIds.map((id) => [id as RawCellContent])
      : way === 'groupby'
        ? accountIds.map((id, r) =>
            r === 0
              ? [
                  id as RawCellContent,
                  `=CRM3.COUNTBY(${keys},${groups},${status},"Won")`,
                  `=CRM3.COUNTBY(${keys},${groups},${status},"Lost")`,
                  `=CRM3.WINRATEBY(${keys},${status},${groups},,,,,FALSE())`,
                  `=CRM3.SUMBY(${keys},${amount},${groups},${status},"Open")`,
                ]
              : [id as RawCellContent],
          )
        : accountIds.map((id, r) => [
            id as RawCellContent,
            `=COUNTIFS(${keys},A${r + 1},${status},"Won")`,
            `=COUNTIFS(${keys},A${r + 1},${status},"Lost")`,
            `=IF(B${r + 1}+C${r + 1}=0,"",B${r + 1}/(B${r + 1}+C${r + 1}))`,
            `=SUMIFS(${amount},${keys},A${r + 1},${status},"Open")`,
          ]);
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const hf = HyperFormula.buildFromSheets({ Data: data, Report: report }, { licenseKey: 'gpl-v3', maxRows: 1_000_000 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const spent = cpuMs(cpu);
  const sheet = hf.getSheetId('Report')!;
  const values = Array.from({ length: accounts }, (_, r) =>
    [1, 2, 3, 4].map((col) => {
      const v = hf.getCellValue({ sheet, row: r, col });
      return v === null || v === '' ? null : typeof v === 'number' ? Number(v.toPrecision(12)) : v;
    }),
  );
  hf.destroy();
  return { cpuMs: spent, wallMs, digest: JSON.stringify(values) };
}

/** Runs both parts and returns the report, one line per entry. */
export async function runSumByBench(): Promise<string[]> {
  const lines: string[] = [];
  kernelScaling(lines);
  registerPlugin();
  lines.push(
    'HyperFormula build + evaluation (CPU time): one spilled =CRM3.SUMBY(...) vs one =SUMIFS(...) per account row (SUMBY median of 3, SUMIFS once):',
  );
  hyperFormulaComparison(undefined, 1_000, 100); // warm-up (JIT), not reported
  hyperFormulaComparison(lines, 5_000, 500);
  hyperFormulaComparison(lines, 10_000, 1_000);
  return lines;
}

if (require.main === module) {
  runSumByBench().then(
    (lines) => console.log(lines.join('\n')),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
