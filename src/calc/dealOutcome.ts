/**
 * How one opportunity row counts towards a win rate: not at all (open, blank, outside the
 * period, or a no-decision that is not a loss), or as a closed deal that was won or not,
 * weighted by 1 or by its amount. WINRATE (winrate.ts) and WINRATEBY (groupBy.ts) both read
 * rows through this, so a deal counts the same way in a total and in a per-group column.
 */
import { CalcError, Column } from '../core/cells';
import { checkSameLength, notADate, periodBounds, notANumber, unknownCode } from './columns';
import {
  CodeView,
  DATES,
  NUMBERS,
  NumberView,
  UNKNOWN_CODE,
  codeView,
  codeViewAtRow,
  dateView,
  numberView,
  parsedViewAtRow,
} from './columnViews';
import { Status } from '../core/enumerations';
import { msg } from './messages';

export interface DealRules {
  status: Column;
  /** Deal amounts: a closed deal weighs its amount instead of 1. */
  amount?: Column;
  /** Close dates, needed when a period bound is given. */
  closeDate?: Column;
  periodStart?: number;
  periodEnd?: number;
  /** Default true: NoDecision counts as closed and lost. */
  noDecisionIsLoss?: boolean;
}

/** A closed deal's weight (1, or its amount) and whether it was won. */
export interface ClosedDeal {
  won: boolean;
  weight: number;
  status: 'Won' | 'Lost' | 'NoDecision';
}

/** Why a row does not count as a closed deal (the working's left-out keys). */
export type NotClosed = 'blankStatus' | 'open' | 'noDecisionNotLoss' | 'noCloseDate' | 'outsidePeriod';

/** Problems with the rules as a whole: columns of different sizes, a period without close dates. */
export function checkDealRules(rules: DealRules): CalcError | undefined {
  const mismatch = checkSameLength([
    ['status', rules.status],
    ['amount', rules.amount],
    ['closeDate', rules.closeDate],
  ]);
  if (mismatch) return mismatch;
  if ((rules.periodStart !== undefined || rules.periodEnd !== undefined) && !rules.closeDate)
    return new CalcError(
      'VALUE',
      msg.custom(
        'a period needs closeDate: give the close dates (e.g. Opp_CloseDate)',
        '按期间统计需要 closeDate：请给出结单日期列（如 Opp_CloseDate）',
      ),
    );
  return undefined;
}

/** The kind of a closed deal. */
export type ClosedStatus = ClosedDeal['status'];

const STATUS_CODES = Status.values.map((v) => v.code);

/**
 * Reads rows as deals over the typed views of the rule's columns (columnViews.ts), made up to
 * date once when the reader is made: the one home of the per-row rule. `read(i)` allocates
 * nothing; the weight of a closed deal is left in `weight`.
 */
export class DealReader {
  /** The weight (1, or the amount) of the closed deal `read` returned last. */
  weight = 0;
  private statusView!: CodeView;
  private closeDates: NumberView | undefined;
  private amounts: NumberView | undefined;
  private readonly windowed: boolean;
  private readonly lo: number;
  private readonly hi: number;
  private readonly noDecisionIsLoss: boolean;

  /** Call checkDealRules once first. */
  constructor(readonly rules: DealRules) {
    this.windowed = rules.periodStart !== undefined || rules.periodEnd !== undefined;
    ({ lo: this.lo, hi: this.hi } = periodBounds(rules.periodStart, rules.periodEnd));
    this.noDecisionIsLoss = rules.noDecisionIsLoss ?? true;
    this.refresh();
  }

  /** Brings the views up to date with the columns as they are now. */
  refresh(): void {
    this.statusView = codeView(this.rules.status, Status);
    this.closeDates = this.windowed ? dateView(this.rules.closeDate!) : undefined;
    this.amounts = this.rules.amount ? numberView(this.rules.amount) : undefined;
  }

  /** Brings the views up to date at row i only (for readers of single rows). */
  refreshRow(i: number): void {
    const { status, closeDate, amount } = this.rules;
    this.statusView = codeViewAtRow(status, Status, i);
    if (this.windowed) this.closeDates = parsedViewAtRow(closeDate!, DATES, i);
    if (amount) this.amounts = parsedViewAtRow(amount, NUMBERS, i);
  }

  /**
   * Row i as a closed deal's status (its weight in `weight`), or why it is not one. Cells are
   * only checked as far as the row needs them: an open deal's close date and amount are not read.
   */
  read(i: number): ClosedStatus | NotClosed | CalcError {
    const k = this.statusView.codes[i];
    if (k < 0) return k === UNKNOWN_CODE ? unknownCode(this.rules.status, i, Status, 'status') : 'blankStatus';
    const s = STATUS_CODES[k] as ClosedStatus | 'Open';
    if (s === 'Open') return 'open';
    if (s === 'NoDecision' && !this.noDecisionIsLoss) return 'noDecisionNotLoss';
    if (this.closeDates) {
      const d = this.closeDates.values[i];
      if (d !== d) return this.closeDates.bad[i] ? notADate(this.rules.closeDate!, i, 'closeDate') : 'noCloseDate';
      if (!(d >= this.lo && d <= this.hi)) return 'outsidePeriod';
    }
    let weight = 1;
    if (this.amounts) {
      const a = this.amounts.values[i];
      if (a !== a) {
        if (this.amounts.bad[i]) return notANumber(this.rules.amount!, i, 'amount');
        weight = 0; // a blank amount weighs 0
      } else if (a < 0)
        return new CalcError('VALUE', msg.custom(`amount, row ${i + 1}: ${a} is negative`, `amount 第 ${i + 1} 行：${a} 为负数`));
      else weight = a;
    }
    this.weight = weight;
    return s;
  }
}

// Readers of single rows (closedDealAt, dealAt) share a reader per rules object, brought up to date per row read.
const readers = new WeakMap<DealRules, DealReader>();

function readerFor(rules: DealRules): DealReader {
  let r = readers.get(rules);
  if (r === undefined) readers.set(rules, (r = new DealReader(rules)));
  return r;
}

/**
 * Row i (0-based) as a closed deal, or undefined when it does not count. Cells are only
 * checked as far as the row needs them: an open deal's close date and amount are not read.
 * Call checkDealRules once first. Loops over all rows are faster with a DealReader.
 */
export function closedDealAt(rules: DealRules, i: number): ClosedDeal | undefined | CalcError {
  const d = dealAt(rules, i);
  return typeof d === 'string' ? undefined : d;
}

/** Row i as a closed deal, or why it is not one. Call checkDealRules once first. */
export function dealAt(rules: DealRules, i: number): ClosedDeal | NotClosed | CalcError {
  const r = readerFor(rules);
  r.refreshRow(i);
  const d = r.read(i);
  if (d instanceof CalcError || (d !== 'Won' && d !== 'Lost' && d !== 'NoDecision')) return d;
  return { won: d === 'Won', weight: r.weight, status: d };
}
