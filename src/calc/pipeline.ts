/**
 * Pipeline and deal totals (商机储备与成交统计): open pipeline (plain or weighted by
 * probability), deal counts and sums by status, period targets, pipeline coverage, the
 * sales cycle of won deals and sales velocity.
 * Statuses are read as in winrate.ts (codeAt over the Status enumeration, en/zh aliases).
 */
import { CalcError, Cell, Column, isBlank, isoFromSerial, keyOf, showCell, toNumber } from '../core/cells';
import { checkSameLength, codeAt, dateAt, inWindow, numberAt } from './columns';
import { Status, lookupEnum } from '../core/enumerations';
import { ExactSum, exactDifference, exactRatio } from './exact';
import { msg } from './messages';
import { tallyWins } from './winrate';
import type { RowTrace } from './working';

const ALL_STATUSES: readonly string[] = ['Open', 'Won', 'Lost', 'NoDecision'];
const CLOSED_STATUSES: readonly string[] = ['Won', 'Lost', 'NoDecision'];
/** Words for "any status" and "closed" that `which` understands besides the Status aliases. */
const ANY_WORDS = new Set(['*', 'ANY', 'ALL', '全部', '所有', '任意'].map((w) => keyOf(w)));
const CLOSED_WORDS = new Set(['CLOSED', '已结单', '结单', '已关闭', '关闭', '已结束'].map((w) => keyOf(w)));
const WHICH_SEPARATOR = /[,，|;；、]/;
const WHICH_ALLOWED = 'Open/进行中, Won/赢单, Lost/丢单, NoDecision/无决策, Closed/已结单, * (any), or a list such as "Won,Lost"';

/**
 * The statuses a `which` argument names: one status, "Closed" (Won + Lost + NoDecision),
 * "*" (any non-blank status), a comma list, or a range of those. Unknown words are an error.
 */
export function parseStatusSet(which: Cell | Column | undefined, name: string): Set<string> | CalcError {
  const cells: Cell[] = Array.isArray(which) ? [...(which as Column)] : [(which ?? null) as Cell];
  const out = new Set<string>();
  for (const cell of cells) {
    if (cell === null || cell === undefined) continue;
    const tokens = typeof cell === 'string' ? cell.split(WHICH_SEPARATOR) : [cell];
    for (const token of tokens) {
      if (isBlank(token)) continue;
      const k = keyOf(token);
      if (ANY_WORDS.has(k)) ALL_STATUSES.forEach((s) => out.add(s));
      else if (CLOSED_WORDS.has(k)) CLOSED_STATUSES.forEach((s) => out.add(s));
      else {
        const v = typeof token === 'string' ? lookupEnum(Status, token) : undefined;
        if (!v) return new CalcError('VALUE', msg.unknownOption(name, showCell(token), WHICH_ALLOWED));
        out.add(v.code);
      }
    }
  }
  if (out.size === 0)
    return new CalcError(
      'VALUE',
      msg.custom(
        `${name} is required: say which deals to count (${WHICH_ALLOWED})`,
        `缺少必填参数 ${name}：请指明统计哪类商机（Open/进行中、Won/赢单、Lost/丢单、NoDecision/无决策、Closed/已结单、* 表示全部，或 "Won,Lost" 这样的列表）`,
      ),
    );
  return out;
}

/** Probability at row i as a fraction: 0.4, 40 (read as 40 %) or "40%"; blank → undefined. */
export function probabilityAt(col: Column, i: number, name: string): number | undefined | CalcError {
  const c = col[i];
  if (c === null || c === undefined || (typeof c === 'string' && c.trim() === '')) return undefined;
  let p: number | undefined;
  if (typeof c === 'string' && /%\s*$/.test(c.normalize('NFKC'))) {
    const n = toNumber(c.normalize('NFKC').replace(/%\s*$/, ''));
    p = n === undefined ? undefined : exactRatio(n, 100);
  } else {
    p = toNumber(c);
    // Values above 1 are percents typed as numbers (40 means 40 %); 33.3 is exactly 0.333.
    if (p !== undefined && p > 1) p = exactRatio(p, 100);
  }
  if (p === undefined) return new CalcError('VALUE', msg.cellNotANumber(name, i + 1, showCell(c)));
  if (p < 0 || p > 1)
    return new CalcError(
      'VALUE',
      msg.custom(
        `${name}, row ${i + 1}: ${showCell(c)} is not a probability (use 0–1 or 0–100 %)`,
        `${name} 第 ${i + 1} 行：${showCell(c)} 不是有效的概率（请用 0–1 或 0–100%）`,
      ),
    );
  return p;
}

/** A deal amount at row i: blank → 0, negative or text → error. */
export function amountAt(col: Column, i: number, name: string): number | CalcError {
  const a = numberAt(col, i, name);
  if (a instanceof CalcError) return a;
  if (a !== undefined && a < 0)
    return new CalcError('VALUE', msg.custom(`${name}, row ${i + 1}: ${a} is negative`, `${name} 第 ${i + 1} 行：${a} 为负数`));
  return a ?? 0;
}

const periodNeedsDates = (datesName: string): CalcError =>
  new CalcError(
    'VALUE',
    msg.custom(
      `a period needs ${datesName}: give the date column the period applies to (e.g. Opp_CloseDate or Opp_CreatedDate)`,
      `按期间统计需要 ${datesName}：请给出期间所依据的日期列（如 Opp_CloseDate 或 Opp_CreatedDate）`,
    ),
  );

export interface DealQuery {
  status: Column;
  /** Canonical statuses that count (see parseStatusSet). */
  which: ReadonlySet<string>;
  /** Amounts to sum (blank counts as 0). */
  amount?: Column;
  /** Weights the amounts (pipeline probability); blank counts as 0. */
  probability?: Column;
  /** The dates the period applies to (close or created dates). */
  dates?: Column;
  /** Name of the dates argument, for messages. */
  datesName?: string;
  periodStart?: number;
  periodEnd?: number;
  /** Only rows where this is true count (a filter computed by the caller). */
  include?: readonly boolean[];
}

export interface DealTally {
  count: number;
  sum: number;
}

/**
 * Number and Σ amount (× probability) of deals of the given statuses dated in the period.
 * `trace` files each row read as counted (with its amount and probability) or as why not.
 */
export function tallyDeals(q: DealQuery, trace?: RowTrace): DealTally | CalcError {
  const { status, which, amount, probability, dates, periodStart, periodEnd, include } = q;
  const datesName = q.datesName ?? 'dates';
  const mismatch = checkSameLength([
    ['status', status],
    ['amount', amount],
    ['probability', probability],
    [datesName, dates],
  ]);
  if (mismatch) return mismatch;
  const windowed = periodStart !== undefined || periodEnd !== undefined;
  if (windowed && !dates) return periodNeedsDates(datesName);
  let count = 0;
  const sum = new ExactSum(); // exact: a pipeline or won total compared with a target (issue #18)
  for (let i = 0; i < status.length; i++) {
    if (include && !include[i]) continue;
    const s = codeAt(status, i, Status, 'status');
    if (s instanceof CalcError) return s;
    if (s === undefined || !which.has(s)) {
      trace?.(i, s === undefined ? 'blankStatus' : 'otherStatus');
      continue;
    }
    if (windowed) {
      const d = dateAt(dates!, i, datesName);
      if (d instanceof CalcError) return d;
      if (!inWindow(d, periodStart, periodEnd)) {
        trace?.(i, d === undefined ? 'noDate' : 'outsidePeriod');
        continue;
      }
    }
    count++;
    if (!amount) {
      trace?.(i, 'counted');
      continue;
    }
    const a = amountAt(amount, i, 'amount');
    if (a instanceof CalcError) return a;
    if (probability) {
      const p = probabilityAt(probability, i, 'probability');
      if (p instanceof CalcError) return p;
      sum.addProduct(a, p ?? 0);
      trace?.(i, 'counted', a, p ?? 0);
    } else {
      sum.add(a);
      trace?.(i, 'counted', a);
    }
  }
  return { count, sum: sum.value };
}

export interface PipelineInput {
  status: Column;
  amount: Column;
  probability?: Column;
  closeDate?: Column;
  periodStart?: number;
  periodEnd?: number;
  include?: readonly boolean[];
}

const OPEN: ReadonlySet<string> = new Set(['Open']);

/** Σ amount (× probability) of open deals, optionally those expected to close in the period. */
export function openPipeline(input: PipelineInput, trace?: RowTrace): number | CalcError {
  const t = tallyDeals(
    {
      status: input.status,
      which: OPEN,
      amount: input.amount,
      probability: input.probability,
      dates: input.closeDate,
      datesName: 'closeDate',
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      include: input.include,
    },
    trace,
  );
  return t instanceof CalcError ? t : t.sum;
}

/** Number of open deals (no period: Open means open today). */
export function openDealCount(status: Column): number | CalcError {
  const t = tallyDeals({ status, which: OPEN });
  return t instanceof CalcError ? t : t.count;
}

export interface TargetInput {
  amounts: Column;
  startDates: Column;
  endDates: Column;
  periodStart?: number;
  periodEnd?: number;
  include?: readonly boolean[];
}

/**
 * Σ target amounts whose target period lies inside [periodStart, periodEnd]
 * (StartDate ≥ periodStart and EndDate ≤ periodEnd, DESIGN §6 TARGET_ATTAIN).
 * A target row that ends before it starts is an error naming the row.
 */
export function sumTargets(input: TargetInput, trace?: RowTrace): number | CalcError {
  const { amounts, startDates, endDates, periodStart, periodEnd, include } = input;
  const mismatch = checkSameLength([
    ['amounts', amounts],
    ['startDates', startDates],
    ['endDates', endDates],
  ]);
  if (mismatch) return mismatch;
  const total = new ExactSum();
  for (let i = 0; i < amounts.length; i++) {
    if (include && !include[i]) continue;
    const a = numberAt(amounts, i, 'amounts');
    if (a instanceof CalcError) return a;
    if (a === undefined) {
      trace?.(i, 'blank');
      continue;
    }
    const start = dateAt(startDates, i, 'startDates');
    if (start instanceof CalcError) return start;
    const end = dateAt(endDates, i, 'endDates');
    if (end instanceof CalcError) return end;
    if (start !== undefined && end !== undefined && end < start)
      return new CalcError(
        'VALUE',
        msg.custom(
          `endDates, row ${i + 1}: the target ends before it starts; fix StartDate or EndDate`,
          `endDates 第 ${i + 1} 行：目标的结束日期早于开始日期，请修正 StartDate 或 EndDate`,
        ),
      );
    // A bound that is given needs the row's own date to prove the target lies inside it.
    if (
      (periodStart !== undefined && (start === undefined || start < periodStart)) ||
      (periodEnd !== undefined && (end === undefined || end > periodEnd))
    ) {
      trace?.(i, 'outsidePeriod');
      continue;
    }
    total.add(a);
    trace?.(i, 'counted', a);
  }
  return total.value;
}

/**
 * Pipeline coverage (商机覆盖率): pipeline ÷ the target still to win. Blank when nothing is
 * left to win (target − achieved ≤ 0), because "infinite coverage" helps nobody.
 */
export function pipelineCoverage(pipeline: number | undefined, target: number | undefined, achieved = 0): number | null {
  if (pipeline === undefined || target === undefined) return null;
  // Exact: target − achieved and the quotient over the decimals given, one rounding (issue #18).
  const remaining = exactDifference(target, achieved);
  return remaining.sign > 0 ? exactRatio(pipeline, remaining) : null;
}

export interface CycleInput {
  status: Column;
  createdDates: Column;
  closeDates: Column;
  periodStart?: number;
  periodEnd?: number;
  include?: readonly boolean[];
}

export interface CycleTally {
  /** Σ (CloseDate − CreatedDate) in days. */
  days: number;
  deals: number;
}

/**
 * Days from creation to close of Won deals closed in the period. Won deals missing either
 * date are left out; one that closed before it was created is an error naming the row.
 */
export function tallyCycle(input: CycleInput, trace?: RowTrace): CycleTally | CalcError {
  const { status, createdDates, closeDates, periodStart, periodEnd, include } = input;
  const mismatch = checkSameLength([
    ['status', status],
    ['createdDates', createdDates],
    ['closeDates', closeDates],
  ]);
  if (mismatch) return mismatch;
  const days = new ExactSum();
  let deals = 0;
  for (let i = 0; i < status.length; i++) {
    if (include && !include[i]) continue;
    const s = codeAt(status, i, Status, 'status');
    if (s instanceof CalcError) return s;
    if (s !== 'Won') {
      trace?.(i, s === undefined ? 'blankStatus' : 'notWon');
      continue;
    }
    const close = dateAt(closeDates, i, 'closeDates');
    if (close instanceof CalcError) return close;
    if (close === undefined || !inWindow(close, periodStart, periodEnd)) {
      trace?.(i, close === undefined ? 'noCloseDate' : 'outsidePeriod');
      continue;
    }
    const created = dateAt(createdDates, i, 'createdDates');
    if (created instanceof CalcError) return created;
    if (created === undefined) {
      trace?.(i, 'noCreatedDate');
      continue;
    }
    if (close < created)
      return new CalcError(
        'VALUE',
        msg.custom(
          `closeDates, row ${i + 1}: the won deal closed (${isoFromSerial(close)}) before it was created (${isoFromSerial(created)}); fix CreatedDate or CloseDate`,
          `closeDates 第 ${i + 1} 行：该赢单的结单日期（${isoFromSerial(close)}）早于创建日期（${isoFromSerial(created)}），请修正 CreatedDate 或 CloseDate`,
        ),
      );
    days.add(close).add(-created);
    deals++;
    trace?.(i, 'counted', [close, -created]);
  }
  return { days: days.value, deals };
}

/** Mean sales cycle in days of Won deals closed in the period; blank when there are none. */
export function cycleDays(input: CycleInput, trace?: RowTrace): number | null | CalcError {
  const t = tallyCycle(input, trace);
  if (t instanceof CalcError) return t;
  return t.deals > 0 ? exactRatio(t.days, t.deals) : null;
}

/** Where salesVelocity files the rows of its four tallies (open deals, wins by count and by value, cycle). */
export interface VelocityTrace {
  open?: RowTrace;
  wins?: RowTrace;
  cycle?: RowTrace;
}

export interface VelocityInput {
  status: Column;
  amount: Column;
  createdDates: Column;
  closeDates: Column;
  periodStart?: number;
  periodEnd?: number;
  noDecisionIsLoss?: boolean;
}

/**
 * Sales velocity (销售速度), amount won per day the pipeline is expected to yield:
 * #Open · average won deal · win rate (count) / cycle days, the last three over the period.
 * Blank when any part is blank or the cycle is 0 days.
 */
export function salesVelocity(input: VelocityInput, trace?: VelocityTrace): number | null | CalcError {
  const { status, amount, createdDates, closeDates, periodStart, periodEnd, noDecisionIsLoss } = input;
  const mismatch = checkSameLength([
    ['status', status],
    ['amount', amount],
    ['createdDates', createdDates],
    ['closeDates', closeDates],
  ]);
  if (mismatch) return mismatch;
  const openTally = tallyDeals({ status, which: OPEN }, trace?.open);
  if (openTally instanceof CalcError) return openTally;
  const open = openTally.count;
  const period = { status, closeDate: closeDates, periodStart, periodEnd, noDecisionIsLoss };
  const byCount = tallyWins(period);
  if (byCount instanceof CalcError) return byCount;
  const byValue = tallyWins({ ...period, amount }, trace?.wins);
  if (byValue instanceof CalcError) return byValue;
  const cycle = cycleDays({ status, createdDates, closeDates, periodStart, periodEnd }, trace?.cycle);
  if (cycle instanceof CalcError) return cycle;
  if (byCount.won === 0 || byCount.closed === 0 || cycle === null || cycle === 0) return null;
  const averageWon = byValue.won / byCount.won;
  const winRate = byCount.won / byCount.closed;
  return (open * averageWon * winRate) / cycle;
}
