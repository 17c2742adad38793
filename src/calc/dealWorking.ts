/**
 * The working of the pipeline kernels (DEALCOUNT, DEALSUM, PIPELINE, TARGET, CYCLEDAYS,
 * VELOCITY): the kernel's tally runs once with a RowLedger, so every part is the rows it
 * counted and the value is the kernel's own.
 */
import { CalcError } from '../core/cells';
import { Message, bi, joinList } from '../core/i18n';
import { FilterPair } from './criteria';
import { NOT_CLOSED, filterRows, periodWords } from './aggregateWorking';
import { DealQuery, TargetInput, CycleInput, VelocityInput, cycleDays, salesVelocity, sumTargets, tallyDeals } from './pipeline';
import { RowLedger, Working, countPart, leftOutOf, sumPart, valuePart } from './working';
import { meanOf } from './aggregate';

const STATUS_WORDS: Record<string, Message> = {
  Open: bi('open', '进行中'),
  Won: bi('won', '赢单'),
  Lost: bi('lost', '丢单'),
  NoDecision: bi('no decision', '无决策'),
};

function statusWords(which: ReadonlySet<string>): Message {
  const codes = ['Open', 'Won', 'Lost', 'NoDecision'].filter((s) => which.has(s));
  if (codes.length === 4) return bi('any status', '任意状态');
  return {
    en: joinList(
      codes.map((c) => STATUS_WORDS[c].en),
      'en-US',
    ),
    zh: joinList(
      codes.map((c) => STATUS_WORDS[c].zh),
      'zh-CN',
    ),
  };
}

const DEAL_LEFT_OUT = (which: ReadonlySet<string>, dates: string): (readonly [string, Message])[] => {
  const w = statusWords(which);
  return [
    ['otherStatus', bi(`status not ${w.en}`, `状态不是${w.zh}`)],
    ['blankStatus', bi('no status', '没有状态')],
    ['noDate', bi(`no date in {${dates}}`, `{${dates}} 为空`)],
    ['outsidePeriod', bi(`{${dates}} outside the period`, `{${dates}} 不在期间内`)],
  ];
};

/**
 * DEALCOUNT / DEALSUM / PIPELINE: the deals of the given statuses dated in the period, counted
 * or summed (× probability for a weighted pipeline).
 */
export function dealWorking(query: Omit<DealQuery, 'include'>, pairs: readonly FilterPair[], sum: boolean): Working | CalcError {
  const f = filterRows(query.status.length, pairs, 'status');
  if (f instanceof CalcError) return f;
  const ledger = new RowLedger();
  const t = tallyDeals({ ...query, include: f.include }, ledger.trace);
  if (t instanceof CalcError) return t;
  const w = statusWords(query.which);
  const rows = ledger.rows('counted');
  const period = periodWords(query.periodStart, query.periodEnd);
  const dates = query.datesName ?? 'dates';
  return {
    arithmetic: 'total',
    value: sum ? t.sum : t.count,
    unit: sum ? 'amount' : 'count',
    parts: [
      sum
        ? sumPart(
            'total',
            query.probability
              ? bi(`amount × probability of ${w.en} deals`, `${w.zh}商机的金额 × 概率`)
              : bi(`amount of ${w.en} deals`, `${w.zh}商机的金额`),
            ledger.sum('counted'),
            rows,
            'amount',
          )
        : countPart('total', bi(`${w.en} deals`, `${w.zh}商机`), rows),
    ],
    filters: [
      ...(period ? [{ key: 'period', text: bi(`{${dates}} ${period.en}`, `{${dates}} 在 ${period.zh}`) }] : []),
      ...f.filters,
    ],
    leftOut: [...leftOutOf(ledger, DEAL_LEFT_OUT(query.which, dates)), ...f.leftOut],
  };
}

/** TARGET: Σ target amounts whose target period lies inside the period. */
export function targetWorking(input: Omit<TargetInput, 'include'>, pairs: readonly FilterPair[]): Working | CalcError {
  const f = filterRows(input.amounts.length, pairs, 'amounts');
  if (f instanceof CalcError) return f;
  const ledger = new RowLedger();
  const value = sumTargets({ ...input, include: f.include }, ledger.trace);
  if (value instanceof CalcError) return value;
  const period = periodWords(input.periodStart, input.periodEnd);
  return {
    arithmetic: 'total',
    value,
    unit: 'amount',
    parts: [sumPart('total', bi('targets', '目标'), ledger.sum('counted'), ledger.rows('counted'), 'amount')],
    filters: [
      ...(period ? [{ key: 'period', text: bi(`target period ${period.en}`, `目标期间在 ${period.zh} 之内`) }] : []),
      ...f.filters,
    ],
    leftOut: [
      ...leftOutOf(ledger, [
        ['blank', bi('no amount', '没有金额')],
        ['outsidePeriod', bi('target period not inside the period', '目标期间不在统计期间内')],
      ]),
      ...f.leftOut,
    ],
  };
}

const NOT_WON: readonly (readonly [string, Message])[] = [
  ['notWon', bi('not won', '未赢单')],
  ['blankStatus', bi('no status', '没有状态')],
  ['noCloseDate', bi('won, no close date', '赢单但没有结单日期')],
  ['outsidePeriod', bi('won outside the period', '赢单日期不在期间内')],
  ['noCreatedDate', bi('won, no created date', '赢单但没有创建日期')],
];

/** CYCLEDAYS: Σ (close − created) days ÷ won deals closed in the period. */
export function cycleWorking(input: CycleInput): Working | CalcError {
  const ledger = new RowLedger();
  const value = cycleDays(input, ledger.trace);
  if (value instanceof CalcError) return value;
  const rows = ledger.rows('counted');
  const period = periodWords(input.periodStart, input.periodEnd);
  return {
    arithmetic: 'ratio',
    value,
    unit: 'days',
    parts: [
      sumPart(
        'numerator',
        bi('days from creation to close, summed', '从创建到结单的天数合计'),
        ledger.sum('counted'),
        rows,
        'days',
      ),
      countPart('denominator', bi('deals won', '赢单'), rows),
    ],
    filters: period ? [{ key: 'period', text: bi(`won ${period.en}`, `赢单日期在 ${period.zh}`) }] : [],
    leftOut: leftOutOf(ledger, NOT_WON),
  };
}

/**
 * VELOCITY: open deals × average won deal × win rate ÷ cycle days, each from its own tally
 * of the kernel, in doubles as the kernel multiplies them.
 */
export function velocityWorking(input: VelocityInput): Working | CalcError {
  const open = new RowLedger();
  const wins = new RowLedger();
  const cycle = new RowLedger();
  const value = salesVelocity(input, { open: open.trace, wins: wins.trace, cycle: cycle.trace });
  if (value instanceof CalcError) return value;
  const ndIsLoss = input.noDecisionIsLoss ?? true;
  const won = wins.rows('Won');
  const closed = wins.rows(...(ndIsLoss ? ['Won', 'Lost', 'NoDecision'] : ['Won', 'Lost']));
  const wonAmount = wins.sum('Won');
  const cycleRows = cycle.rows('counted');
  const cycleDaysValue = meanOf(cycle.sum('counted'), cycleRows.count) ?? 0;
  const period = periodWords(input.periodStart, input.periodEnd);
  return {
    arithmetic: 'velocity',
    value,
    unit: 'amount',
    parts: [
      countPart('open', bi('open deals', '进行中商机'), open.rows('counted')),
      valuePart('averageWon', bi('average won deal', '平均赢单金额'), won.count ? wonAmount.value / won.count : 0, 'amount'),
      valuePart('winRate', bi('win rate (count)', '赢率（按个数）'), closed.count ? won.count / closed.count : 0, 'ratio'),
      valuePart('cycleDays', bi('days of the sales cycle', '销售周期天数'), cycleDaysValue, 'days'),
      sumPart('wonAmount', bi('amount won', '赢单金额'), wonAmount, won, 'amount', 'averageWon'),
      countPart('won', bi('deals won', '赢单'), won, 'winRate'),
      countPart('closed', bi('deals closed', '已结单'), closed, 'winRate'),
      sumPart(
        'cycleTotal',
        bi('days from creation to close, summed', '从创建到结单的天数合计'),
        cycle.sum('counted'),
        cycleRows,
        'days',
        'cycleDays',
      ),
      countPart('cycleDeals', bi('won deals with both dates', '两个日期齐全的赢单'), cycleRows, 'cycleDays'),
    ],
    filters: period ? [{ key: 'period', text: bi(`closed ${period.en}`, `结单日期在 ${period.zh}`) }] : [],
    leftOut: leftOutOf(wins, NOT_CLOSED),
  };
}
