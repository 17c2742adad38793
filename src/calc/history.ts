/**
 * History (历史快照): the state of each opportunity and account at each snapshot, stored as
 * changes (docs/history.md). A key's row is written only in a snapshot where its state differs
 * from its last recorded state, so "the state as of a date" is the key's latest row dated on
 * or before it. These kernels are the one home of that rule, of what a snapshot records, and
 * of comparing now with then (Δ, what moved, derived slips and stage-entered dates).
 */
import { CalcError, Cell, Column, isBlank, isoFromSerial, keyOf, toDateSerial, toNumber } from '../core/cells';
import { Status, Support, canonical } from '../core/enumerations';
import { formatDelta } from '../core/format';
import { Locale, Message, bi, pick } from '../core/i18n';
import { msg } from './messages';
import { checkSameLength } from './columns';

/** Status of an OppHistory row whose opportunity has left the workbook. */
export const REMOVED = 'Removed';
/** The mark as a zh workbook's history shows it (its Status column holds 进行中, 赢单, …). */
export const REMOVED_ZH = '已移除';

/** Whether an OppHistory status says the opportunity has left the workbook (either language). */
export function isRemovedMark(c: Cell | undefined): boolean {
  const k = keyOf(c);
  return k === keyOf(REMOVED) || k === keyOf(REMOVED_ZH);
}

/** Two cells hold the same value (blank equals blank; numbers exactly; text as written). */
export function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  return a === b;
}

export const sameState = (a: readonly Cell[], b: readonly Cell[]): boolean =>
  a.length === b.length && a.every((v, i) => sameCell(v, b[i]));

/** A history table's rows as the kernels need them: date and key per row. */
export interface HistoryRows {
  /** Snapshot date of each row (Excel serials). */
  dates: Column;
  /** The opportunity or account id of each row (History: the indicator id). */
  keys: Column;
}

function checkRows(h: HistoryRows, extra: [string, Column][] = []): CalcError | undefined {
  return checkSameLength([['dates', h.dates], ['keys', h.keys], ...extra]);
}

/**
 * Index of each key's latest row dated on or before `asOf` (among rows with the same date,
 * the last in the table). Rows with a blank key or a date that is not a date are skipped.
 */
export function latestRowByKey(h: HistoryRows, asOf: number): Map<string, number> {
  const best = new Map<string, { row: number; date: number }>();
  for (let i = 0; i < h.dates.length; i++) {
    const d = toDateSerial(h.dates[i]);
    const k = h.keys[i];
    if (d === undefined || d > asOf || isBlank(k)) continue;
    const key = keyOf(k);
    const b = best.get(key);
    if (!b || d >= b.date) best.set(key, { row: i, date: d });
  }
  return new Map([...best].map(([k, v]) => [k, v.row]));
}

/** The snapshot dates in the table, ascending, each once. */
export function snapshotDates(dates: Column): number[] {
  const set = new Set<number>();
  for (const c of dates) {
    const d = toDateSerial(c);
    if (d !== undefined) set.add(d);
  }
  return [...set].sort((a, b) => a - b);
}

/**
 * Value of `field` for each of `forKeys` as of a date: from the key's latest history row on or
 * before `asOf`; blank when the key has none (not yet recorded, or recorded as removed).
 */
export function valuesAsOf(
  h: HistoryRows & { field: Column; status?: Column },
  forKeys: Column,
  asOf: number,
): Cell[] | CalcError {
  const bad = checkRows(h, [['field', h.field], ...(h.status ? [['status', h.status] as [string, Column]] : [])]);
  if (bad) return bad;
  const latest = latestRowByKey(h, asOf);
  return forKeys.map((k) => {
    if (isBlank(k)) return null;
    const row = latest.get(keyOf(k));
    if (row === undefined) return null;
    if (h.status && isRemovedMark(h.status[row])) return null;
    const v = h.field[row];
    return isBlank(v) ? null : v;
  });
}

/**
 * Whether each key's `current` value differs from its value as of `since` (TRUE/FALSE); blank
 * for a key the history does not know at that date (it cannot be said to have changed).
 */
export function changedSince(
  h: HistoryRows & { field: Column },
  forKeys: Column,
  current: Column,
  since: number,
): Cell[] | CalcError {
  if (current.length !== forKeys.length)
    return new CalcError('VALUE', msg.sizeMismatch('keys', 'current', forKeys.length, current.length));
  const bad = checkRows(h, [['field', h.field]]);
  if (bad) return bad;
  const latest = latestRowByKey(h, since);
  return forKeys.map((k, i) => {
    if (isBlank(k)) return null;
    const row = latest.get(keyOf(k));
    if (row === undefined) return null;
    return !sameCell(h.field[row], current[i]);
  });
}

// ------------------------------------------------------------------ which snapshot

/** A snapshot in a workbook: its date and label. */
export interface SnapshotInfo {
  date: number;
  label: string | null;
}

/**
 * The snapshots a history holds, oldest first: each date once, with the first label written on
 * a row of that date. `moreDates` are dates of other history tables (their rows carry no label).
 */
export function snapshotsIn(dates: Column, labels: Column, moreDates: Column = []): SnapshotInfo[] {
  const labelOf = new Map<number, string>();
  dates.forEach((d, i) => {
    const s = toDateSerial(d);
    const l = labels[i];
    if (s !== undefined && !isBlank(l) && !labelOf.has(s)) labelOf.set(s, String(l).trim());
  });
  const all = new Set([...snapshotDates(dates), ...snapshotDates(moreDates)]);
  return [...all].sort((a, b) => a - b).map((date) => ({ date, label: labelOf.get(date) ?? null }));
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The snapshot a review compares with (`crm3 evaluate --since`, the account plan's "since last
 * review" box): blank → the latest on or before `asOf`; a label (matched without case or extra
 * spaces) → the latest snapshot so labelled; a date (a serial, or YYYY-MM-DD text) → the latest
 * on or before it. Undefined when none fits.
 */
export function chooseSnapshot(all: readonly SnapshotInfo[], choice: Cell | undefined, asOf: number): SnapshotInfo | undefined {
  const latestBy = (day: number) => [...all].reverse().find((s) => s.date <= day);
  if (isBlank(choice)) return latestBy(asOf);
  if (typeof choice === 'number') {
    const day = toDateSerial(choice);
    return day === undefined ? undefined : latestBy(day);
  }
  const byLabel = [...all].reverse().find((s) => s.label !== null && keyOf(s.label) === keyOf(choice));
  if (byLabel) return byLabel;
  const text = String(choice).normalize('NFKC').trim();
  const day = ISO_DAY.test(text) ? toDateSerial(text) : undefined;
  return day === undefined ? undefined : latestBy(day);
}

/** Rows of each key in date order (file order within a date). */
function rowsByKey(h: HistoryRows): Map<string, number[]> {
  const by = new Map<string, number[]>();
  for (let i = 0; i < h.dates.length; i++) {
    if (isBlank(h.keys[i]) || toDateSerial(h.dates[i]) === undefined) continue;
    const k = keyOf(h.keys[i]);
    const list = by.get(k);
    if (list) list.push(i);
    else by.set(k, [i]);
  }
  for (const list of by.values()) list.sort((a, b) => toDateSerial(h.dates[a])! - toDateSerial(h.dates[b])! || a - b);
  return by;
}

/**
 * Close-date slips per opportunity, derived from history: how many times its recorded close
 * date moved later from one snapshot to the next, plus once more when `current` (today's close
 * date) is later than the last recorded one. Blank for an opportunity the history never saw.
 */
export function closeDateSlips(h: HistoryRows & { closeDates: Column }, forKeys: Column, current?: Column): Cell[] | CalcError {
  const bad = checkRows(h, [['closeDates', h.closeDates]]);
  if (bad) return bad;
  if (current && current.length !== forKeys.length)
    return new CalcError('VALUE', msg.sizeMismatch('keys', 'current', forKeys.length, current.length));
  const by = rowsByKey(h);
  // One pass over a key's rows however often the key repeats in forKeys (never n × n).
  const perKey = new Map<string, { slips: number; last: number | undefined }>();
  const recorded = (key: string, rows: readonly number[]) => {
    let done = perKey.get(key);
    if (done) return done;
    let slips = 0;
    let last: number | undefined;
    for (const r of rows) {
      const d = toDateSerial(h.closeDates[r]);
      if (d === undefined) continue;
      if (last !== undefined && d > last) slips++;
      last = d;
    }
    done = { slips, last };
    perKey.set(key, done);
    return done;
  };
  return forKeys.map((k, i) => {
    if (isBlank(k)) return null;
    const key = keyOf(k);
    const rows = by.get(key);
    if (!rows) return null;
    const { slips, last } = recorded(key, rows);
    const now = current ? toDateSerial(current[i]) : undefined;
    return now !== undefined && last !== undefined && now > last ? slips + 1 : slips;
  });
}

/**
 * The date each opportunity entered its current stage, derived from history: the first
 * snapshot of the latest run of recorded rows at `current` stage. Blank when the last recorded
 * stage is another one (it moved after the last snapshot: the day is unknown) or the history
 * never saw it. A stage already held at the first snapshot gives that snapshot's date: the
 * latest day it can have been entered, so an overrun is never overstated.
 */
export function stageEnteredDates(h: HistoryRows & { stages: Column }, forKeys: Column, current: Column): Cell[] | CalcError {
  const bad = checkRows(h, [['stages', h.stages]]);
  if (bad) return bad;
  if (current.length !== forKeys.length)
    return new CalcError('VALUE', msg.sizeMismatch('keys', 'current', forKeys.length, current.length));
  const by = rowsByKey(h);
  // One pass per (key, stage) however often they repeat in forKeys (never n × n).
  const memo = new Map<string, Cell>();
  const enteredFor = (rows: readonly number[], stage: string): Cell => {
    let entered: number | null = null;
    let lastStage: string | undefined;
    for (const r of rows) {
      const s = h.stages[r];
      if (isBlank(s)) continue;
      lastStage = keyOf(s);
      if (lastStage !== stage) entered = null;
      else if (entered === null) entered = toDateSerial(h.dates[r])!;
    }
    return lastStage === stage ? entered : null;
  };
  return forKeys.map((k, i) => {
    if (isBlank(k) || isBlank(current[i])) return null;
    const key = keyOf(k);
    const rows = by.get(key);
    if (!rows) return null;
    const stage = keyOf(current[i]);
    const id = JSON.stringify([key, stage]);
    if (!memo.has(id)) memo.set(id, enteredFor(rows, stage));
    return memo.get(id)!;
  });
}

// ------------------------------------------------------------------ what a snapshot records

/** One key's state: its values in the history table's column order (after Date and the key). */
export interface KeyedState {
  key: string;
  values: Cell[];
}

/**
 * The rows a new snapshot appends for one kind (opportunities or accounts): a full row for each
 * key whose state differs from its last recorded one (or that was never recorded), and, when
 * `removedRow` is given, a row for each recorded key that has left (`removedRow(previous)`),
 * unless its last row already says so (`isRemoved`).
 */
export function changedStates(
  previous: ReadonlyMap<string, KeyedState>,
  current: readonly KeyedState[],
  removed?: { row: (previous: readonly Cell[]) => Cell[]; isRemoved: (values: readonly Cell[]) => boolean },
): KeyedState[] {
  const out: KeyedState[] = [];
  const seen = new Set<string>();
  for (const s of current) {
    const k = keyOf(s.key);
    seen.add(k);
    const before = previous.get(k);
    if (!before || !sameState(before.values, s.values)) out.push(s);
  }
  if (removed)
    for (const [k, before] of previous)
      if (!seen.has(k) && !removed.isRemoved(before.values)) out.push({ key: before.key, values: removed.row(before.values) });
  return out;
}

/**
 * The last recorded state of every key of a history table (all rows, any date), keyed by the
 * folded key, for deciding what the next snapshot records. `values` are the row's cells after
 * Date and the key.
 */
export function lastStates(dates: Column, keys: Column, rows: readonly (readonly Cell[])[]): Map<string, KeyedState> {
  const latest = latestRowByKey({ dates, keys }, Number.MAX_SAFE_INTEGER);
  const out = new Map<string, KeyedState>();
  for (const [k, row] of latest) out.set(k, { key: String(keys[row]), values: [...rows[row]] });
  return out;
}

// ------------------------------------------------------------------ now vs then

export type DeltaTrend = 'up' | 'down' | 'flat';

/** An indicator now against its value at a snapshot. */
export interface IndicatorChange {
  previous: number | null;
  /** now − then, when both are numbers. */
  change: number | null;
  trend: DeltaTrend | null;
  /** Whether the change is an improvement given the indicator's direction; null when flat or unknown. */
  better: boolean | null;
}

export function indicatorChange(now: Cell, then: Cell, direction: 'HigherIsBetter' | 'LowerIsBetter' | string): IndicatorChange {
  const a = typeof now === 'number' && Number.isFinite(now) ? now : undefined;
  const b = toNumber(then ?? undefined);
  if (a === undefined || b === undefined) return { previous: b ?? null, change: null, trend: null, better: null };
  // Subtracting two stored doubles can leave 1e-17 noise: the change shows the difference the values show.
  const change = Number((a - b).toPrecision(12));
  const trend: DeltaTrend = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  const better = trend === 'flat' ? null : (trend === 'up') === (direction !== 'LowerIsBetter');
  return { previous: b, change, trend, better };
}

/** How a deal moved between a snapshot and now (issue 16's "What moved"). */
export type Move = 'slipped' | 'stageBack' | 'gradeDown' | 'mentorLost' | 'grew' | 'shrank' | 'won' | 'lost' | 'noDecision';

export const MOVES: readonly Move[] = [
  'slipped',
  'stageBack',
  'gradeDown',
  'mentorLost',
  'grew',
  'shrank',
  'won',
  'lost',
  'noDecision',
];

/** The name of each move, as the dashboard, the account plan and the CLI say it. */
export const MOVE_NAMES: Record<Move, Message> = {
  slipped: bi('slipped', '推迟结单'),
  stageBack: bi('moved back a stage', '阶段后退'),
  gradeDown: bi('dropped a grade', '等级下降'),
  mentorLost: bi('lost its mentor', '失去内线教练'),
  grew: bi('grew', '金额增加'),
  shrank: bi('shrank', '金额减少'),
  won: bi('won', '赢单'),
  lost: bi('lost', '丢单'),
  noDecision: bi('no decision', '无决策'),
};

/** The fields of a deal "what moved" compares. */
export interface DealState {
  stage: Cell;
  status: Cell;
  amount: Cell;
  closeDate: Cell;
  grade: Cell;
  mentor: Cell;
}

const GRADE_RANK: Record<string, number> = { A: 1, B: 2, C: 3, D: 4 };
const truthy = (c: Cell) =>
  c === true || (typeof c === 'string' && ['true', 'yes', '是', '1'].includes(c.trim().toLowerCase())) || c === 1;

/**
 * The moves of one deal from `then` (its state at the snapshot, open) to `now`. `stageOrder`
 * gives a stage's order (1…); a deal not open at the snapshot has no moves (it was decided).
 */
export function dealMoves(then: DealState, now: DealState, stageOrder: (stage: Cell) => number | undefined): Move[] {
  // Statuses as the workbook wrote them: codes, or zh names in a zh workbook.
  if (canonical(Status, then.status) !== 'Open') return [];
  const moves: Move[] = [];
  const status = canonical(Status, now.status);
  if (status === 'Won') return ['won'];
  if (status === 'Lost') return ['lost'];
  if (status === 'NoDecision') return ['noDecision'];
  const c0 = toDateSerial(then.closeDate ?? undefined);
  const c1 = toDateSerial(now.closeDate ?? undefined);
  if (c0 !== undefined && c1 !== undefined && c1 > c0) moves.push('slipped');
  const o0 = stageOrder(then.stage);
  const o1 = stageOrder(now.stage);
  if (o0 !== undefined && o1 !== undefined && o1 < o0) moves.push('stageBack');
  const g0 = GRADE_RANK[keyOf(then.grade)];
  const g1 = GRADE_RANK[keyOf(now.grade)];
  if (g0 !== undefined && g1 !== undefined && g1 > g0) moves.push('gradeDown');
  if (truthy(then.mentor) && !truthy(now.mentor)) moves.push('mentorLost');
  const a0 = toNumber(then.amount ?? undefined);
  const a1 = toNumber(now.amount ?? undefined);
  if (a0 !== undefined && a1 !== undefined && a1 > a0) moves.push('grew');
  if (a0 !== undefined && a1 !== undefined && a1 < a0) moves.push('shrank');
  return moves;
}

/** The opportunities with a Mentor on their decision chain (folded ids), from DecisionChain's OppId and Support. */
export function dealsWithMentor(dcOppIds: Column, dcSupport: Column): Set<string> {
  const out = new Set<string>();
  dcOppIds.forEach((o, i) => {
    if (!isBlank(o) && canonical(Support, dcSupport[i]) === 'Mentor') out.add(keyOf(o));
  });
  return out;
}

/** What "what moved" compares: the deals now, the OppHistory rows, the snapshot date. */
export interface MoveInput {
  oppIds: Column;
  stages: Column;
  statuses: Column;
  amounts: Column;
  closeDates: Column;
  grades: Column;
  /** Deals with a Mentor on their chain now (dealsWithMentor). */
  mentored: ReadonlySet<string>;
  history: HistoryRows & {
    stages: Column;
    statuses: Column;
    amounts: Column;
    closeDates: Column;
    grades: Column;
    mentors: Column;
  };
  since: number;
  stageOrder: (stage: Cell) => number | undefined;
}

/** One deal that moved: its row in the Opportunities columns, its moves, its state then and now. */
export interface DealMove {
  row: number;
  moves: Move[];
  then: DealState;
  now: DealState;
}

/**
 * The deals that moved since a snapshot (issue 16's What moved): each opportunity open at the
 * snapshot (its latest OppHistory row on or before `since`) compared with its state now, in
 * table order. A deal that left the workbook is not listed (it has no row now). One pass over
 * the history and one over the deals.
 */
export function movedDeals(input: MoveInput): DealMove[] | CalcError {
  const h = input.history;
  const bad = checkRows(h, [
    ['stages', h.stages],
    ['statuses', h.statuses],
    ['amounts', h.amounts],
    ['closeDates', h.closeDates],
    ['grades', h.grades],
    ['mentors', h.mentors],
  ]);
  if (bad) return bad;
  const badDeals = checkSameLength([
    ['oppIds', input.oppIds],
    ['stages', input.stages],
    ['statuses', input.statuses],
    ['amounts', input.amounts],
    ['closeDates', input.closeDates],
    ['grades', input.grades],
  ]);
  if (badDeals) return badDeals;
  const n = input.oppIds.length;
  const at = latestRowByKey(h, input.since);
  const cell = (c: Column, i: number): Cell => c[i] ?? null;
  const out: DealMove[] = [];
  for (let i = 0; i < n; i++) {
    const id = input.oppIds[i];
    if (isBlank(id)) continue;
    const key = keyOf(id);
    const r = at.get(key);
    if (r === undefined) continue;
    const then: DealState = {
      stage: cell(h.stages, r),
      status: cell(h.statuses, r),
      amount: cell(h.amounts, r),
      closeDate: cell(h.closeDates, r),
      grade: cell(h.grades, r),
      mentor: cell(h.mentors, r),
    };
    const now: DealState = {
      stage: cell(input.stages, i),
      status: cell(input.statuses, i),
      amount: cell(input.amounts, i),
      closeDate: cell(input.closeDates, i),
      grade: cell(input.grades, i),
      mentor: input.mentored.has(key),
    };
    const moves = dealMoves(then, now, input.stageOrder);
    if (moves.length) out.push({ row: i, moves, then, now });
  }
  return out;
}

const shownCell = (c: Cell): string => (isBlank(c) ? '—' : String(c).trim());
const shownDay = (c: Cell): string => {
  const d = toDateSerial(c ?? undefined);
  return d === undefined ? shownCell(c) : isoFromSerial(d);
};

/** One move in words, with what changed: "slipped 2026-12-15 → 2027-01-14", "dropped a grade B → D", "grew +100,000". */
export function moveInWords(move: Move, then: DealState, now: DealState, locale: Locale): string {
  const name = pick(MOVE_NAMES[move], locale);
  switch (move) {
    case 'slipped':
      return `${name} ${shownDay(then.closeDate)} → ${shownDay(now.closeDate)}`;
    case 'stageBack':
      return `${name} ${shownCell(then.stage)} → ${shownCell(now.stage)}`;
    case 'gradeDown':
      return `${name} ${shownCell(then.grade)} → ${shownCell(now.grade)}`;
    case 'grew':
    case 'shrank': {
      const by = formatDelta(
        toNumber(then.amount ?? undefined) ?? null,
        toNumber(now.amount ?? undefined) ?? null,
        'amount',
        locale,
      );
      return by ? `${name} ${by}` : name;
    }
    default:
      return name;
  }
}

/** A deal's moves in words, joined: "slipped 2026-12-15 → 2027-01-14; lost its mentor" (zh with ；). */
export function movesInWords(m: Pick<DealMove, 'moves' | 'then' | 'now'>, locale: Locale): string {
  return m.moves.map((x) => moveInWords(x, m.then, m.now, locale)).join(pick(bi('; ', '；'), locale));
}
