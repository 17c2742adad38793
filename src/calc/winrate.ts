/**
 * Win rate (赢率): won / closed, by count or by value, over deals closed in a period.
 * Closed = Won + Lost (+ NoDecision when NoDecisionIsLoss, the default).
 */
import { CalcError } from '../core/cells';
import { columnVersions, rowsChangedSinceAll } from './columnViews';
import { KeptByColumn } from './keptState';
import { DealReader, DealRules, checkDealRules } from './dealOutcome';
import type { RowFilter } from './criteria';
import type { RowTrace } from './working';
import { ExactSum, exactRatio } from './exact';

export interface WinRateInput extends DealRules {
  /** Only rows where this is true (or 1) count (a filter computed by the caller). */
  include?: RowFilter;
}

export interface WinTally {
  won: number;
  closed: number;
}

/**
 * Won and closed totals (counts, or amounts when `amount` is given). `trace` files each row
 * read as Won, Lost or NoDecision (with its weight) or as the reason it does not count.
 */
export function tallyWins(input: WinRateInput, trace?: RowTrace): WinTally | CalcError {
  const bad = checkDealRules(input);
  if (bad) return bad;
  const { status, include } = input;
  const deals = new DealReader(input); // the per-row rule WINRATEBY shares
  const keep = !include && !trace;
  const kept = keep ? keptWinsOf(input) : undefined;
  if (kept) {
    if (patchWins(kept, input, deals)) return { won: kept.won.value, closed: kept.closed.value };
    keptWins.forget(status, kept);
  }
  // Exact sums (amounts with cents add up to exactly the target, issue #18).
  const won = new ExactSum();
  const closed = new ExactSum();
  const n = status.length;
  const outcome = keep ? new Uint8Array(n) : undefined;
  const weights = keep ? new Float64Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    if (include && !include[i]) continue;
    const deal = deals.read(i);
    if (deal === 'Won' || deal === 'Lost' || deal === 'NoDecision') {
      const weight = deals.weight;
      trace?.(i, deal, weight);
      closed.add(weight);
      if (deal === 'Won') won.add(weight);
      if (outcome) {
        outcome[i] = deal === 'Won' ? WON : CLOSED;
        weights![i] = weight;
      }
    } else if (deal instanceof CalcError) return deal;
    else trace?.(i, deal);
  }
  if (outcome) {
    keptWins.keep(status, {
      rules: input,
      versions: columnVersions(rulesColumns(input)),
      outcome,
      weights: weights!,
      won,
      closed,
    });
  }
  return { won: won.value, closed: closed.value };
}

/**
 * A win tally kept with its columns (issue #15), as tallyDeals keeps its own: each row's outcome
 * (not closed, won, closed and not won) and weight, and the exact sums; after a what-if changed
 * rows in place it is patched by those rows' old and new contributions. Not for a row filter or a
 * trace; a bad changed row reads every row again (the first bad row in order is reported).
 */
interface KeptWins {
  rules: DealRules;
  versions: number[];
  outcome: Uint8Array;
  weights: Float64Array;
  won: ExactSum;
  closed: ExactSum;
}
const WON = 1;
const CLOSED = 2;
/** Kept per status column. */
const keptWins = new KeptByColumn<KeptWins>(16);
const rulesColumns = (r: DealRules) => [r.status, r.amount, r.closeDate];

function keptWinsOf(r: DealRules): KeptWins | undefined {
  return keptWins.find(
    r.status,
    (k) =>
      k.rules.amount === r.amount &&
      k.rules.closeDate === r.closeDate &&
      k.rules.periodStart === r.periodStart &&
      k.rules.periodEnd === r.periodEnd &&
      (k.rules.noDecisionIsLoss ?? true) === (r.noDecisionIsLoss ?? true),
  );
}

function patchWins(t: KeptWins, r: DealRules, deals: DealReader): boolean {
  const changed = rowsChangedSinceAll(rulesColumns(r), t.versions);
  if (changed === undefined) return false;
  for (const i of changed) {
    const was = t.outcome[i];
    if (was !== 0) {
      t.closed.add(-t.weights[i]);
      if (was === WON) t.won.add(-t.weights[i]);
      t.outcome[i] = 0;
    }
    const deal = deals.read(i);
    if (deal instanceof CalcError) return false;
    if (deal !== 'Won' && deal !== 'Lost' && deal !== 'NoDecision') continue;
    const weight = deals.weight;
    t.outcome[i] = deal === 'Won' ? WON : CLOSED;
    t.weights[i] = weight;
    t.closed.add(weight);
    if (deal === 'Won') t.won.add(weight);
  }
  t.versions = columnVersions(rulesColumns(r));
  return true;
}

/** Win rate in [0, 1]; `null` (blank) when nothing closed. */
export function winRate(input: WinRateInput, trace?: RowTrace): number | null | CalcError {
  const t = tallyWins(input, trace);
  if (t instanceof CalcError) return t;
  return t.closed > 0 ? exactRatio(t.won, t.closed) : null;
}
