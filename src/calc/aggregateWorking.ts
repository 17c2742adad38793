/**
 * The working of the aggregate and win-rate kernels (SHARE, MEAN, SUMWHERE, WINRATE): the
 * kernel's own tally runs once with a RowLedger, so the parts are the rows it counted and the
 * value is the kernel's value. Filters are described per pair; the rows a filter kept out
 * are left out under that filter (the first one each row fails).
 *
 * Generic words name arguments as `{filter1}`, `{column}`, …: the engine puts in the text the
 * formula gives (Opp_Status), and an indicator's own words (model/indicatorWords.ts) replace them.
 */
import { CalcError, Cell, Column, isoFromSerial, showCell } from '../core/cells';
import { Message, bi } from '../core/i18n';
import { meanWhere, shareWhere, sumWhere } from './aggregate';
import { FilterPair, RowFilter, includeRows } from './criteria';
import { winRate, WinRateInput } from './winrate';
import {
  RowLedger,
  Working,
  WorkingFilter,
  WorkingLeftOut,
  WorkingPart,
  WorkingUnit,
  countPart,
  leftOut,
  leftOutOf,
  listingRows,
  sumPart,
} from './working';

/** Which rows the filters let through, what they say in words, and the rows each kept out. */
export interface FilteredRows {
  include: RowFilter | undefined;
  filters: WorkingFilter[];
  leftOut: WorkingLeftOut[];
}

/** A criterion as written, without quotes (the words put it in quotes). */
const criterionText = (c: Cell | Column | undefined): string => {
  const one = (x: Cell | undefined) => (typeof x === 'string' ? x : showCell(x ?? null));
  return c === undefined || c === null ? '*' : Array.isArray(c) ? (c as Column).map(one).join(',') : one(c as Cell);
};

/** The filter pairs of a call, read as the kernel reads them (includeRows), with the rows each one keeps out. */
export function filterRows(n: number, pairs: readonly FilterPair[], rowsName: string): FilteredRows | CalcError {
  const given = pairs.filter((p) => p.column);
  if (!given.length) return { include: undefined, filters: [], leftOut: [] };
  // Masks of 1s and 0s (includeRows), not arrays of booleans: a working is asked for each indicator (issue #15).
  const include = includeRows(n, pairs, rowsName);
  if (include instanceof CalcError) return include;
  const taken = new Uint8Array(n);
  const out: WorkingLeftOut[] = [];
  const filters: WorkingFilter[] = [];
  for (const p of given) {
    const crit = criterionText(p.criterion);
    filters.push({ key: p.columnName, text: bi(`{${p.columnName}} matches "${crit}"`, `{${p.columnName}} 满足“${crit}”`) });
    const mask = includeRows(n, [p], rowsName);
    if (mask instanceof CalcError) return mask;
    if (!mask) continue;
    // Listed only when the ledgers list theirs (countingRows): otherwise counted.
    const list = listingRows();
    const rows: number[] = [];
    let count = 0;
    for (let i = 0; i < n; i++)
      if (!mask[i] && !taken[i]) {
        taken[i] = 1;
        count++;
        if (list) rows.push(i);
      }
    if (count)
      out.push(
        leftOut(p.columnName, bi(`{${p.columnName}} does not match "${crit}"`, `{${p.columnName}} 不满足“${crit}”`), {
          rows,
          count,
        }),
      );
  }
  return { include, filters, leftOut: out };
}

const BLANK_VALUE = bi('no value in {values}', '{values} 为空');

/** SHARE: rows whose column meets the criterion ÷ rows the filters let through. */
export function shareWorking(
  column: Column,
  criterion: Cell | Column | undefined,
  pairs: readonly FilterPair[],
  criterionName = 'criterion',
): Working | CalcError {
  const f = filterRows(column.length, pairs, 'column');
  if (f instanceof CalcError) return f;
  const ledger = new RowLedger();
  const value = shareWhere(column, criterion, f.include, criterionName, ledger.trace);
  if (value instanceof CalcError) return value;
  const crit = criterionText(criterion);
  return {
    arithmetic: 'ratio',
    value,
    unit: 'ratio',
    parts: [
      countPart('numerator', bi(`rows where {column} matches "${crit}"`, `{column} 满足“${crit}”的行`), ledger.rows('hit')),
      countPart('denominator', bi('rows counted', '计入的行'), ledger.rows('hit', 'miss')),
      countPart(
        'miss',
        bi(`rows where {column} does not match "${crit}"`, `{column} 不满足“${crit}”的行`),
        ledger.rows('miss'),
        'denominator',
      ),
    ],
    filters: f.filters,
    leftOut: f.leftOut,
  };
}

/** MEAN: Σ values ÷ the rows with a value, over the rows the filters let through. */
export function meanWorking(values: Column, pairs: readonly FilterPair[], unit: WorkingUnit = 'number'): Working | CalcError {
  const f = filterRows(values.length, pairs, 'values');
  if (f instanceof CalcError) return f;
  const ledger = new RowLedger();
  const value = meanWhere(values, f.include, ledger.trace);
  if (value instanceof CalcError) return value;
  const counted = ledger.rows('counted');
  return {
    arithmetic: 'ratio',
    value,
    unit,
    parts: [
      sumPart('numerator', bi('sum of {values}', '{values} 之和'), ledger.sum('counted'), counted, unit),
      countPart('denominator', bi('rows with a value', '有值的行'), counted),
    ],
    filters: f.filters,
    leftOut: [...f.leftOut, ...leftOutOf(ledger, [['blank', BLANK_VALUE]])],
  };
}

/** SUMWHERE: Σ values over the rows the filters let through. */
export function sumWorking(values: Column, pairs: readonly FilterPair[], unit: WorkingUnit = 'amount'): Working | CalcError {
  const f = filterRows(values.length, pairs, 'values');
  if (f instanceof CalcError) return f;
  const ledger = new RowLedger();
  const value = sumWhere(values, f.include, ledger.trace);
  if (value instanceof CalcError) return value;
  return {
    arithmetic: 'total',
    value,
    unit,
    parts: [sumPart('total', bi('sum of {values}', '{values} 之和'), ledger.sum('counted'), ledger.rows('counted'), unit)],
    filters: f.filters,
    leftOut: [...f.leftOut, ...leftOutOf(ledger, [['blank', BLANK_VALUE]])],
  };
}

/** "between 2026-01-01 and 2026-12-31", "on or after …", "on or before …". */
export function periodWords(start: number | undefined, end: number | undefined): Message | undefined {
  const s = start === undefined ? undefined : isoFromSerial(start);
  const e = end === undefined ? undefined : isoFromSerial(end);
  if (s && e) return bi(`between ${s} and ${e}`, `${s} 至 ${e}`);
  if (s) return bi(`on or after ${s}`, `${s} 及以后`);
  if (e) return bi(`on or before ${e}`, `${e} 及以前`);
  return undefined;
}

/** Left-out reasons of rows that are not closed deals (dealOutcome.ts NotClosed). */
export const NOT_CLOSED: readonly (readonly [string, Message])[] = [
  ['open', bi('still open', '仍在进行中')],
  ['blankStatus', bi('no status', '没有状态')],
  [
    'noDecisionNotLoss',
    bi('no decision, not counted (NoDecisionIsLoss is FALSE)', '无决策，不计入（NoDecisionIsLoss 为 FALSE）'),
  ],
  ['noCloseDate', bi('closed without a close date', '已结单但没有结单日期')],
  ['outsidePeriod', bi('closed outside the period', '结单日期不在期间内')],
];

/** WINRATE: won ÷ closed (counts, or amounts), with closed broken down into won, lost and no decision. */
export function winRateWorking(input: Omit<WinRateInput, 'include'>, pairs: readonly FilterPair[]): Working | CalcError {
  const f = filterRows(input.status.length, pairs, 'status');
  if (f instanceof CalcError) return f;
  const ledger = new RowLedger();
  const value = winRate({ ...input, include: f.include }, ledger.trace);
  if (value instanceof CalcError) return value;
  const byAmount = input.amount !== undefined;
  const ndIsLoss = input.noDecisionIsLoss ?? true;
  const part = (key: string, count: Message, amount: Message, keys: string[], of?: string): WorkingPart =>
    byAmount
      ? sumPart(key, amount, ledger.sum(...keys), ledger.rows(...keys), 'amount', of)
      : countPart(key, count, ledger.rows(...keys), of);
  const closedKeys = ndIsLoss ? ['Won', 'Lost', 'NoDecision'] : ['Won', 'Lost'];
  const parts = [
    part('numerator', bi('deals won', '赢单'), bi('amount won', '赢单金额'), ['Won']),
    part('denominator', bi('deals closed', '已结单'), bi('amount closed', '已结单金额'), closedKeys),
    part('won', bi('won', '赢单'), bi('won', '赢单'), ['Won'], 'denominator'),
    part('lost', bi('lost', '丢单'), bi('lost', '丢单'), ['Lost'], 'denominator'),
  ];
  if (ndIsLoss)
    parts.push(part('noDecision', bi('no decision', '无决策'), bi('no decision', '无决策'), ['NoDecision'], 'denominator'));
  const period = periodWords(input.periodStart, input.periodEnd);
  return {
    arithmetic: 'ratio',
    value,
    unit: 'ratio',
    parts,
    filters: [
      ...(period ? [{ key: 'period', text: bi(`closed ${period.en}`, `结单日期在 ${period.zh}`) }] : []),
      {
        key: 'noDecision',
        text: ndIsLoss ? bi('no decision counted as lost', '无决策按丢单计') : bi('no decision left out', '无决策不计入'),
      },
      ...f.filters,
    ],
    leftOut: [...leftOutOf(ledger, NOT_CLOSED), ...f.leftOut],
  };
}
