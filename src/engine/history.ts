/**
 * Snapshots of a workbook (issue 16, docs/history.md): what `crm3 snapshot` (and the pane's
 * Save snapshot) appends to the History tables, and the comparison of an evaluation with a
 * snapshot (Δ per indicator, What moved). The rules live in calc/history.ts; this module
 * lays a workbook's tables and an evaluation out for them.
 */
import { Cell, Column, isBlank, isoFromSerial, keyOf, toDateSerial, toNumber } from '../core/cells';
import { RagStatus, Status, canonical } from '../core/enumerations';
import { formatDelta } from '../core/format';
import { Locale, Message, bi, pick } from '../core/i18n';
import { BUILT_IN_INDICATORS } from '../model/indicators';
import {
  DealState,
  IndicatorChange,
  KeyedState,
  MOVE_NAMES,
  Move,
  REMOVED,
  REMOVED_ZH,
  SnapshotInfo,
  changedStates,
  chooseSnapshot,
  closeDateSlips,
  dealsWithMentor,
  indicatorChange,
  isRemovedMark,
  lastStates,
  latestRowByKey,
  movedDeals,
  movesInWords,
  snapshotsIn,
  stageEnteredDates,
} from '../calc/history';
import { shareOfWallet } from '../calc/accounts';
import { stageOrderLookup } from '../calc/stages';
import { StatusCode, defaultConfigTables, statusLabel } from '../model/defaults';
import { HistoryTableName, tableSpec } from '../model/schema';
import { workbookLocale } from '../model/layout';
import { Problem, WorkbookSnapshot } from '../model/snapshot';
import { namedColumn } from '../model/tableColumns';
import type { EvaluationResult, IndicatorResult } from './evaluate';

/** Rows to append per history table, each a full row in the table's column order. */
export type HistoryRowsToAppend = Record<HistoryTableName, Cell[][]>;

export const historyColumns = (t: HistoryTableName): string[] => tableSpec(t).columns.map((c) => c.name);

/** Rows of a history table as the table's own columns (missing columns blank), in file order. */
function historyTable(workbook: WorkbookSnapshot, name: HistoryTableName): { rows: Cell[][]; col: (c: string) => Column } {
  const t = workbook.tables[name];
  const names = historyColumns(name);
  const at = names.map((n) => t?.headers.indexOf(n) ?? -1);
  const rows = (t?.rows ?? []).map((r) => at.map((j) => (j < 0 ? null : (r[j] ?? null))));
  return { rows, col: (c: string) => rows.map((r) => r[names.indexOf(c)]) };
}

/**
 * An opportunity's status as its history row stores it: the workbook's own words (进行中, 赢单,
 * 已移除 in a zh workbook; the codes in an en one), so a zh planner reads no English there.
 * Readers fold either language (canonical, isRemovedMark), so both kinds of rows compare alike.
 */
function storedStatus(c: Cell | undefined, locale: Locale): Cell {
  if (isRemovedMark(c)) return locale === 'zh-CN' ? REMOVED_ZH : REMOVED;
  const code = canonical(Status, c) as StatusCode | undefined;
  return code ? statusLabel(code, locale) : text(c);
}

// The rule lives in calc/history.ts; the dashboard, the CLI and the pane read it from here.
export type { SnapshotInfo };
export { MOVE_NAMES, movesInWords };

/** The snapshots a workbook holds, oldest first (a date once; its label from the History table). */
export function snapshotsOf(workbook: WorkbookSnapshot): SnapshotInfo[] {
  const h = historyTable(workbook, 'History');
  return snapshotsIn(h.col('Date'), h.col('Label'), historyTable(workbook, 'OppHistory').col('Date'));
}

export const HISTORY_TEXT = {
  noSnapshots: bi(
    'the workbook holds no snapshots yet (take one with crm3 snapshot)',
    '工作簿中还没有历史快照（请先用 crm3 snapshot 保存一次）',
  ),
  noSuchSnapshot: (what: string, known: string): Message =>
    bi(
      `no snapshot is labelled "${what}" or dated on or before it; the workbook holds: ${known}`,
      `没有标签为“${what}”或日期不晚于它的快照；工作簿中的快照：${known}`,
    ),
  before: (date: string, latest: string): Message =>
    bi(
      `${date} is before the latest snapshot (${latest}); snapshots are taken in date order, so take this one with a later --as-of`,
      `${date} 早于最近一次快照（${latest}）；快照须按日期顺序保存，请使用更晚的 --as-of`,
    ),
};

/**
 * The snapshot `--since` names: a label (case-insensitive), else a date YYYY-MM-DD meaning the
 * latest snapshot on or before it. A message when there is none.
 */
export function findSnapshot(workbook: WorkbookSnapshot, since: string): SnapshotInfo | { problem: Message } {
  const all = snapshotsOf(workbook);
  if (!all.length) return { problem: HISTORY_TEXT.noSnapshots };
  const found = isBlank(since) ? undefined : chooseSnapshot(all, since, Number.MAX_SAFE_INTEGER);
  if (found) return found;
  const known = all.map((s) => (s.label ? `${isoFromSerial(s.date)} (${s.label})` : isoFromSerial(s.date))).join(', ');
  return { problem: HISTORY_TEXT.noSuchSnapshot(since, known) };
}

// ------------------------------------------------------------------ taking a snapshot

/** Per opportunity: TRUE when a Mentor is on its decision chain. */
function mentorByOpp(workbook: WorkbookSnapshot): Set<string> {
  const dc = workbook.tables.DecisionChain;
  return dealsWithMentor(namedColumn(dc, 'OppId'), namedColumn(dc, 'Support'));
}

const num = (c: Cell | undefined): Cell => toNumber(c) ?? null;
const dateOf = (c: Cell | undefined): Cell => toDateSerial(c) ?? null;
const text = (c: Cell | undefined): Cell => (c === null || c === undefined ? null : typeof c === 'string' ? c.trim() || null : c);

export type SnapshotPlan =
  | { kind: 'append'; date: number; rows: HistoryRowsToAppend }
  /** A snapshot of this date is already there: nothing changes. */
  | { kind: 'same-date'; date: number }
  | { kind: 'refused'; message: Message };

/**
 * What a snapshot dated `date` appends, given the workbook and its evaluation at that date:
 * every indicator's value; each opportunity that is open, or was recorded before, whose state
 * changed (and a Removed row for a recorded one no longer in the workbook); each account whose
 * state changed. The same date twice changes nothing; an earlier date than the latest is refused.
 */
export function planSnapshot(
  workbook: WorkbookSnapshot,
  evaluation: EvaluationResult,
  date: number,
  label: string | null,
): SnapshotPlan {
  const existing = snapshotsOf(workbook);
  if (existing.some((s) => s.date === date)) return { kind: 'same-date', date };
  const latest = existing[existing.length - 1];
  if (latest && date < latest.date)
    return { kind: 'refused', message: HISTORY_TEXT.before(isoFromSerial(date), isoFromSerial(latest.date)) };
  const labelCell = label?.trim() ? label.trim() : null;
  const locale = workbookLocale(workbook);

  const indicators: Cell[][] = evaluation.indicators.map((i) => [
    date,
    labelCell,
    i.id,
    typeof i.value === 'number' ? i.value : null,
    i.status ?? null,
  ]);

  // Opportunities.
  const opp = workbook.tables.Opportunities;
  const ids = namedColumn(opp, 'OppId');
  const computed = new Map(evaluation.opportunities.map((o) => [keyOf(o.OppId), o]));
  const mentors = mentorByOpp(workbook);
  const oh = historyTable(workbook, 'OppHistory');
  // Earlier rows in the same words as the new ones (a workbook may hold rows of either language).
  const previousOpps = lastStates(
    oh.col('Date'),
    oh.col('OppId'),
    oh.rows.map((r) => [r[2], storedStatus(r[3], locale), ...r.slice(4)]),
  );
  const [stage, status, amount, closeDate] = ['Stage', 'Status', 'Amount', 'CloseDate'].map((c) => namedColumn(opp, c));
  const currentOpps: KeyedState[] = [];
  const present = new Set<string>();
  ids.forEach((id, i) => {
    if (isBlank(id)) return;
    const k = keyOf(id);
    present.add(k);
    const st = storedStatus(status[i], locale);
    if (canonical(Status, st) !== 'Open' && !previousOpps.has(k)) return;
    const c = computed.get(k) ?? {};
    currentOpps.push({
      key: String(id).trim(),
      values: [
        text(stage[i]),
        st,
        num(amount[i]),
        dateOf(closeDate[i]),
        num(c.Probability),
        num(c.QualScore),
        text(c.Grade),
        text(c.StageCheck),
        mentors.has(k),
      ],
    });
  });
  const oppRows = changedStates(previousOpps, currentOpps, {
    isRemoved: (v) => isRemovedMark(v[1]),
    row: (v) => [v[0], storedStatus(REMOVED, locale), ...v.slice(2)],
  });
  // A recorded deal still in the workbook is never "removed": changedStates only sees the ones it was given.
  const opportunities = oppRows
    .filter((s) => !isRemovedMark(s.values[1]) || !present.has(keyOf(s.key)))
    .map((s) => [date, s.key, ...s.values]);

  // Accounts.
  const acc = workbook.tables.Accounts;
  const accIds = namedColumn(acc, 'AccountId');
  const revenue = namedColumn(acc, 'Revenue12m');
  const wallet = namedColumn(acc, 'WalletEstimate');
  const accComputed = new Map(evaluation.accounts.map((a) => [keyOf(a.AccountId), a]));
  const ah = historyTable(workbook, 'AccountHistory');
  const previousAccounts = lastStates(
    ah.col('Date'),
    ah.col('AccountId'),
    ah.rows.map((r) => r.slice(2)),
  );
  const currentAccounts: KeyedState[] = [];
  accIds.forEach((id, i) => {
    if (isBlank(id)) return;
    const c = accComputed.get(keyOf(id)) ?? {};
    const share = shareOfWallet({ revenue: [num(revenue[i])], wallet: [num(wallet[i])] });
    currentAccounts.push({
      key: String(id).trim(),
      values: [num(c.Score), text(c.Tier), num(revenue[i]), typeof share === 'number' ? share : null],
    });
  });
  const accounts = changedStates(previousAccounts, currentAccounts).map((s) => [date, s.key, ...s.values]);

  return { kind: 'append', date, rows: { History: indicators, OppHistory: opportunities, AccountHistory: accounts } };
}

// ------------------------------------------------------------------ comparing now with a snapshot

/** Δ of one indicator against a snapshot (IndicatorResult.delta; issue 17's report shows it). */
export interface IndicatorDelta extends IndicatorChange {
  /** The snapshot compared with: its date (YYYY-MM-DD) and label. */
  since: string;
  label: string | null;
  /** Status at the snapshot ('Green' | 'Amber' | 'Red' | 'NoData' | null). */
  previousStatus: string | null;
  /** The indicator's value at every snapshot up to and including the compared one, oldest first (the small trend line). */
  series: { date: string; value: number | null }[];
  /** The change as the unit shows it, signed: "+2.5 pp", "−3.0 days"; '' when there is none. */
  shown: string;
  /** The change in words: "up 2.5 pp since 2026-10-01 (better)". */
  words: string;
}

/** The words of a change (the arrow's meaning, for screen readers and the table). */
function deltaWords(c: IndicatorChange, since: string, shown: string, locale: Locale): string {
  if (c.trend === null) return pick(bi(`no comparable value on ${since}`, `${since} 无可比较的值`), locale);
  if (c.trend === 'flat') return pick(bi(`unchanged since ${since}`, `自 ${since} 以来无变化`), locale);
  const better =
    c.better === null ? '' : c.better ? pick(bi(' (better)', '（改善）'), locale) : pick(bi(' (worse)', '（变差）'), locale);
  return c.trend === 'up'
    ? pick(bi(`up ${shown} since ${since}${better}`, `自 ${since} 以来上升 ${shown}${better}`), locale)
    : pick(bi(`down ${shown} since ${since}${better}`, `自 ${since} 以来下降 ${shown}${better}`), locale);
}

/**
 * Adds `delta` to each indicator of an evaluation: its value at the snapshot, the change, the
 * trend and whether it is better (by the indicator's direction), the series up to the
 * snapshot, and the change as the unit shows it and in words.
 */
export function withDeltas(
  evaluation: EvaluationResult,
  workbook: WorkbookSnapshot,
  since: SnapshotInfo,
  locale: Locale,
): EvaluationResult {
  const rowsOf = workbook.indicators?.length ? workbook.indicators : BUILT_IN_INDICATORS;
  const directions = new Map(rowsOf.map((r) => [r.id, r.direction]));
  const h = historyTable(workbook, 'History');
  const dates = h.col('Date');
  const ids = h.col('IndicatorId');
  const values = h.col('Value');
  const statuses = h.col('Status');
  const at = latestRowByKey({ dates, keys: ids }, since.date);
  const seriesOf = new Map<string, { date: number; value: number | null }[]>();
  dates.forEach((d, i) => {
    const s = toDateSerial(d);
    if (s === undefined || s > since.date || isBlank(ids[i])) return;
    const k = keyOf(ids[i]);
    const list = seriesOf.get(k) ?? [];
    list.push({ date: s, value: toNumber(values[i] ?? undefined) ?? null });
    seriesOf.set(k, list);
  });
  const sinceIso = isoFromSerial(since.date);
  const indicators: IndicatorResult[] = evaluation.indicators.map((ind) => {
    const k = keyOf(ind.id);
    const row = at.get(k);
    const then = row === undefined ? null : (values[row] ?? null);
    const change = indicatorChange(ind.value as Cell, then, directions.get(ind.id) ?? 'HigherIsBetter');
    const series = (seriesOf.get(k) ?? [])
      .sort((a, b) => a.date - b.date)
      .map((p) => ({ date: isoFromSerial(p.date), value: p.value }));
    const shown = formatDelta(change.previous, typeof ind.value === 'number' ? ind.value : null, ind.unit, locale);
    return {
      ...ind,
      delta: {
        ...change,
        since: sinceIso,
        label: since.label,
        previousStatus:
          row === undefined || isBlank(statuses[row]) ? null : (canonical(RagStatus, statuses[row]) ?? String(statuses[row])),
        series,
        shown,
        words: deltaWords(change, sinceIso, shown.replace(/^[+−]/, ''), locale),
      },
    };
  });
  return { ...evaluation, indicators };
}

/** One deal that moved since a snapshot. */
export interface DealMovement {
  oppId: string;
  oppName: string | null;
  accountId: string | null;
  moves: Move[];
  then: DealState;
  now: DealState;
}

/**
 * The deals that moved since a snapshot (issue 16's What moved): each opportunity open at the
 * snapshot, compared with its state now (a removed one is not listed). In workbook order.
 */
export function whatMoved(workbook: WorkbookSnapshot, evaluation: EvaluationResult, since: SnapshotInfo): DealMovement[] {
  const oh = historyTable(workbook, 'OppHistory');
  const stages = workbook.config.Stages ?? defaultConfigTables('en-US').Stages;
  const lookup = stageOrderLookup(namedColumn(stages, 'Stage'), namedColumn(stages, 'Order'));
  const order = typeof lookup === 'function' ? (s: Cell) => lookup(s) : () => undefined;
  const opp = workbook.tables.Opportunities;
  const [ids, names, accounts, stage, status, amount, closeDate] = [
    'OppId',
    'OppName',
    'AccountId',
    'Stage',
    'Status',
    'Amount',
    'CloseDate',
  ].map((c) => namedColumn(opp, c));
  const grades = new Map(evaluation.opportunities.map((o) => [keyOf(o.OppId), o.Grade ?? null]));
  const moved = movedDeals({
    oppIds: ids,
    stages: stage.map(text),
    statuses: status.map((s) => canonical(Status, s) ?? text(s)),
    amounts: amount.map(num),
    closeDates: closeDate.map(dateOf),
    grades: ids.map((id) => (isBlank(id) ? null : (grades.get(keyOf(id)) ?? null))),
    mentored: mentorByOpp(workbook),
    history: {
      dates: oh.col('Date'),
      keys: oh.col('OppId'),
      stages: oh.col('Stage'),
      statuses: oh.col('Status'),
      amounts: oh.col('Amount'),
      closeDates: oh.col('CloseDate'),
      grades: oh.col('Grade'),
      mentors: oh.col('Mentor'),
    },
    since: since.date,
    stageOrder: order,
  });
  if (!Array.isArray(moved)) return [];
  return moved.map((m) => ({
    oppId: String(ids[m.row]).trim(),
    oppName: text(names[m.row]) as string | null,
    accountId: text(accounts[m.row]) as string | null,
    moves: m.moves,
    then: m.then,
    now: m.now,
  }));
}

// ------------------------------------------------------------------ columns the history supplies

const DERIVED: Record<'CloseDatePushes' | 'StageEnteredDate', Message> = {
  CloseDatePushes: bi(
    'The Opportunities table has no CloseDatePushes column: the close-date slips are counted from the history (OppHistory), so CLOSE_SLIP_RATE counts only slips seen between snapshots.',
    '商机表没有 CloseDatePushes（结单日期推迟次数）列：推迟次数由历史表（商机历史）推算，因此“结单日期推迟占比”只统计快照之间发生的推迟。',
  ),
  StageEnteredDate: bi(
    'The Opportunities table has no StageEnteredDate column: the date each deal entered its stage is taken from the history (OppHistory), at the latest the first snapshot that shows it there.',
    '商机表没有 StageEnteredDate（进入阶段日期）列：进入当前阶段的日期取自历史表（商机历史），最晚为首次显示该阶段的快照日期。',
  ),
};

/**
 * The workbook with CloseDatePushes and StageEnteredDate derived from its history when the
 * Opportunities table lacks them (a CRM export seldom has them) and OppHistory has rows; a
 * warning says so. Otherwise the workbook as it is.
 */
export function withHistoryColumns(workbook: WorkbookSnapshot): WorkbookSnapshot {
  const opp = workbook.tables.Opportunities;
  const oh = workbook.tables.OppHistory;
  if (!opp || !oh?.rows.length) return workbook;
  const missing = (['CloseDatePushes', 'StageEnteredDate'] as const).filter((c) => !opp.headers.includes(c));
  if (!missing.length) return workbook;
  const h = historyTable(workbook, 'OppHistory');
  const rows = { dates: h.col('Date'), keys: h.col('OppId') };
  const ids = namedColumn(opp, 'OppId');
  const derived = missing.map((c) => {
    const values =
      c === 'CloseDatePushes'
        ? closeDateSlips({ ...rows, closeDates: h.col('CloseDate') }, ids, namedColumn(opp, 'CloseDate'))
        : stageEnteredDates({ ...rows, stages: h.col('Stage') }, ids, namedColumn(opp, 'Stage'));
    return Array.isArray(values) ? values : ids.map(() => null);
  });
  const problems: Problem[] = missing.map((c) => ({ severity: 'warning', sheet: opp.sheet, cell: '', message: DERIVED[c] }));
  return {
    ...workbook,
    tables: {
      ...workbook.tables,
      Opportunities: {
        ...opp,
        headers: [...opp.headers, ...missing],
        rows: opp.rows.map((r, i) => [...r, ...derived.map((d) => d[i])]),
      },
    },
    problems: [...workbook.problems, ...problems],
  };
}
