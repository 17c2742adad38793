/**
 * Pipeline and deal totals (商机储备与成交统计): open pipeline (plain or weighted by
 * probability), deal counts and sums by status, period targets, pipeline coverage, the
 * sales cycle of won deals and sales velocity.
 * Statuses are read as in winrate.ts (codeAt over the Status enumeration, en/zh aliases).
 */
import { CalcError, Cell, Column, isBlank, isoFromSerial, keyOf, showCell, toNumber } from '../core/cells';
import { checkSameLength, notADate, periodBounds, notANumber, numberAt, unknownCode } from './columns';
import {
  BAD,
  CellParser,
  UNKNOWN_CODE,
  codeView,
  columnVersions,
  dateView,
  numberView,
  parsedView,
  rowsChangedSinceAll,
} from './columnViews';
import { KeptByColumn } from './keptState';
import type { RowFilter } from './criteria';
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

/** A probability cell as a fraction: 0.4, 40 (read as 40 %) or "40%"; blank → undefined; else why not. */
function readProbability(c: Cell | undefined): number | undefined | 'notANumber' | 'outOfRange' {
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
  if (p === undefined) return 'notANumber';
  return p < 0 || p > 1 ? 'outOfRange' : p;
}

/** Probabilities of a column, as a typed view (columnViews.ts). */
const PROBABILITIES: CellParser = {
  name: 'probabilities',
  least: 0,
  most: 1,
  parse: (c) => {
    const p = readProbability(c);
    return typeof p === 'string' ? BAD : p;
  },
};

/** Probability at row i as a fraction: 0.4, 40 (read as 40 %) or "40%"; blank → undefined. */
export function probabilityAt(col: Column, i: number, name: string): number | undefined | CalcError {
  const c = col[i];
  const p = readProbability(c);
  if (p === 'notANumber') return notANumber(col, i, name);
  if (p === 'outOfRange')
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
  if (a !== undefined && a < 0) return negativeAmount(name, i, a);
  return a ?? 0;
}

function negativeAmount(name: string, i: number, a: number): CalcError {
  return new CalcError('VALUE', msg.custom(`${name}, row ${i + 1}: ${a} is negative`, `${name} 第 ${i + 1} 行：${a} 为负数`));
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
  /** Only rows where this is true (or 1) count (a filter computed by the caller). */
  include?: RowFilter;
}

export interface DealTally {
  count: number;
  sum: number;
}

/** Why tallyDeals skips a row, or 'counted'. */
type DealRow = 'counted' | 'blankStatus' | 'otherStatus' | 'noDate' | 'outsidePeriod';

/** How tallyDeals reads row i of its columns (typed views); `a` and `p` are the counted row's amount and probability. */
class DealRows {
  private readonly codes: Int32Array;
  private readonly wanted: boolean[];
  private readonly dateValues;
  readonly amounts;
  readonly probabilities;
  private readonly lo: number;
  private readonly hi: number;
  a = 0;
  p = 1;

  constructor(private readonly q: DealQuery) {
    const statusView = codeView(q.status, Status);
    this.codes = statusView.codes;
    this.wanted = statusView.values.map((v) => q.which.has(v.code));
    this.dateValues = q.periodStart !== undefined || q.periodEnd !== undefined ? dateView(q.dates!) : undefined;
    this.amounts = q.amount ? numberView(q.amount) : undefined;
    this.probabilities = q.probability ? parsedView(q.probability, PROBABILITIES) : undefined;
    ({ lo: this.lo, hi: this.hi } = periodBounds(q.periodStart, q.periodEnd));
  }

  read(i: number): DealRow | CalcError {
    const s = this.codes[i];
    if (s < 0) return s === UNKNOWN_CODE ? unknownCode(this.q.status, i, Status, 'status') : 'blankStatus';
    if (!this.wanted[s]) return 'otherStatus';
    const dateValues = this.dateValues;
    if (dateValues) {
      const d = dateValues.values[i];
      if (d !== d) return dateValues.bad[i] ? notADate(this.q.dates!, i, this.q.datesName ?? 'dates') : 'noDate';
      if (!(d >= this.lo && d <= this.hi)) return 'outsidePeriod';
    }
    const amounts = this.amounts;
    if (!amounts) return 'counted';
    let a = amounts.values[i];
    if (a !== a) {
      if (amounts.bad[i]) return notANumber(this.q.amount!, i, 'amount');
      a = 0; // a blank amount counts as 0
    } else if (a < 0) return negativeAmount('amount', i, a);
    this.a = a;
    const probabilities = this.probabilities;
    if (probabilities) {
      let p = probabilities.values[i];
      if (p !== p) {
        if (probabilities.bad[i]) return probabilityAt(this.q.probability!, i, 'probability') as CalcError;
        p = 0; // a blank probability weighs 0
      }
      this.p = p;
    }
    return 'counted';
  }
}

/**
 * A tally of every row kept with its columns (issue #15): which rows counted, with what amount
 * and probability, so that after a what-if changed a few rows in place it is patched by those
 * rows' old and new contributions (exact sums: the same value as a pass over every row) instead
 * of reading 50,000 rows again. Kept per status column, for tallies without a row filter.
 */
interface KeptTally {
  which: string;
  amount: Column | undefined;
  probability: Column | undefined;
  dates: Column | undefined;
  periodStart: number | undefined;
  periodEnd: number | undefined;
  /** columnVersion of status, amount, probability and dates (-1 for an absent one) when last brought up to date. */
  versions: number[];
  counted: Uint8Array;
  a: Float64Array;
  p: Float64Array | undefined;
  count: number;
  sum: ExactSum;
}
/** Tallies kept per status column (the 40 indicators ask for about 15). */
const keptTallies = new KeptByColumn<KeptTally>(32);

const whichKey = (which: ReadonlySet<string>) => [...which].sort().join(',');
const queryColumns = (q: DealQuery): (Column | undefined)[] => [q.status, q.amount, q.probability, q.dates];
const versionsOf = (q: DealQuery) => columnVersions(queryColumns(q));

function keptTallyOf(q: DealQuery, which: string): KeptTally | undefined {
  return keptTallies.find(
    q.status,
    (k) =>
      k.which === which &&
      k.amount === q.amount &&
      k.probability === q.probability &&
      k.dates === q.dates &&
      k.periodStart === q.periodStart &&
      k.periodEnd === q.periodEnd,
  );
}

/** Adds (sign 1) or takes away (−1) a counted row's contribution. */
function contribute(t: KeptTally, i: number, sign: 1 | -1): void {
  t.count += sign;
  if (t.p) t.sum.addProduct(sign * t.a[i], t.p[i]);
  else if (t.amount) t.sum.add(sign * t.a[i]);
}

/** The kept tally brought up to date by the rows changed since; undefined when it cannot be (then read every row). */
function patched(t: KeptTally, q: DealQuery, rows: DealRows): DealTally | undefined {
  const changed = rowsChangedSinceAll(queryColumns(q), t.versions);
  if (changed === undefined) return undefined;
  for (const i of changed) {
    if (t.counted[i]) contribute(t, i, -1);
    const r = rows.read(i);
    if (r instanceof CalcError) return undefined; // the first bad row is for a pass over every row to find
    t.counted[i] = r === 'counted' ? 1 : 0;
    if (r !== 'counted') continue;
    t.a[i] = rows.a;
    if (t.p) t.p[i] = rows.p;
    contribute(t, i, 1);
  }
  t.versions = versionsOf(q);
  return { count: t.count, sum: t.sum.value };
}

/**
 * Number and Σ amount (× probability) of deals of the given statuses dated in the period.
 * `trace` files each row read as counted (with its amount and probability) or as why not.
 */
export function tallyDeals(q: DealQuery, trace?: RowTrace): DealTally | CalcError {
  const { status, amount, probability, dates, periodStart, periodEnd, include } = q;
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
  // Typed views of the columns (parsed once per column, columnViews.ts); a bad row is read again for its message.
  const rows = new DealRows(q);
  const keep = !include && !trace;
  const which = keep ? whichKey(q.which) : '';
  const kept = keep ? keptTallyOf(q, which) : undefined;
  if (kept) {
    const t = patched(kept, q, rows);
    if (t) return t;
    keptTallies.forget(status, kept);
  }
  const n = status.length;
  const counted = keep ? new Uint8Array(n) : undefined;
  const as = keep && amount ? new Float64Array(n) : undefined;
  const ps = keep && probability ? new Float64Array(n) : undefined;
  let count = 0;
  const sum = new ExactSum(); // exact: a pipeline or won total compared with a target (issue #18)
  for (let i = 0; i < n; i++) {
    if (include && !include[i]) continue;
    const r = rows.read(i);
    if (r !== 'counted') {
      if (r instanceof CalcError) return r;
      trace?.(i, r);
      continue;
    }
    count++;
    if (counted) counted[i] = 1;
    if (!rows.amounts) {
      trace?.(i, 'counted');
      continue;
    }
    const a = rows.a;
    if (as) as[i] = a;
    if (rows.probabilities) {
      const p = rows.p;
      if (ps) ps[i] = p;
      sum.addProduct(a, p);
      trace?.(i, 'counted', a, p);
    } else {
      sum.add(a);
      trace?.(i, 'counted', a);
    }
  }
  if (counted) {
    keptTallies.keep(status, {
      which,
      amount,
      probability,
      dates,
      periodStart,
      periodEnd,
      versions: versionsOf(q),
      counted,
      a: as ?? new Float64Array(0),
      p: ps,
      count,
      sum,
    });
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
  include?: RowFilter;
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
  include?: RowFilter;
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
  const amountValues = numberView(amounts);
  const startValues = dateView(startDates);
  const endValues = dateView(endDates);
  const total = new ExactSum();
  for (let i = 0; i < amounts.length; i++) {
    if (include && !include[i]) continue;
    const a = amountValues.values[i];
    if (a !== a) {
      if (amountValues.bad[i]) return notANumber(amounts, i, 'amounts');
      trace?.(i, 'blank');
      continue;
    }
    const s = startValues.values[i];
    if (s !== s && startValues.bad[i]) return notADate(startDates, i, 'startDates');
    const e = endValues.values[i];
    if (e !== e && endValues.bad[i]) return notADate(endDates, i, 'endDates');
    const start = s === s ? s : undefined;
    const end = e === e ? e : undefined;
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
  include?: RowFilter;
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
  const codes = codeView(status, Status).codes;
  const won = Status.values.findIndex((v) => v.code === 'Won');
  const closeValues = dateView(closeDates);
  const createdValues = dateView(createdDates);
  const { lo, hi } = periodBounds(periodStart, periodEnd);
  const days = new ExactSum();
  let deals = 0;
  for (let i = 0; i < codes.length; i++) {
    if (include && !include[i]) continue;
    const s = codes[i];
    if (s !== won) {
      if (s === UNKNOWN_CODE) return unknownCode(status, i, Status, 'status');
      trace?.(i, s < 0 ? 'blankStatus' : 'notWon');
      continue;
    }
    const close = closeValues.values[i];
    if (close !== close && closeValues.bad[i]) return notADate(closeDates, i, 'closeDates');
    if (close !== close || !(close >= lo && close <= hi)) {
      trace?.(i, close !== close ? 'noCloseDate' : 'outsidePeriod');
      continue;
    }
    const created = createdValues.values[i];
    if (created !== created) {
      if (createdValues.bad[i]) return notADate(createdDates, i, 'createdDates');
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
