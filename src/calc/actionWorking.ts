/**
 * The working of the on-time share (calc/actions.ts): the kernel's own tally with a RowLedger,
 * so the parts are the actions it counted (on time, late, overdue) and the rows it left out
 * say why (no due date, not due yet, due today and pending, done without a DoneDate).
 */
import { CalcError, isoFromSerial } from '../core/cells';
import { Message, bi } from '../core/i18n';
import { filterRows } from './aggregateWorking';
import { ActionColumns, onTimeShare } from './actions';
import { FilterPair } from './criteria';
import { RowLedger, Working, countPart, leftOutOf } from './working';

/** Why an action is not in the on-time share, by trace key. */
export const ACTION_LEFT_OUT: readonly (readonly [string, Message])[] = [
  [
    'doneUndated',
    bi(
      'done, but without a DoneDate: on time or late is unknown, so it is not counted (fill in DoneDate)',
      '已完成但未填完成日期：无法判断是否按期，不计入（请填写完成日期）',
    ),
  ],
  ['dueToday', bi('due on the as-of date and not done yet', '基准日当天到期、尚未完成')],
  ['notDue', bi('not due yet (due after the as-of date)', '尚未到期（截止日期晚于基准日）')],
  ['noDueDate', bi('no due date', '没有截止日期')],
];

/** ONTIME: actions done on time ÷ actions due by the as-of date with a known outcome. */
export function onTimeWorking(input: ActionColumns, pairs: readonly FilterPair[]): Working | CalcError {
  const f = filterRows(input.dueDates.length, pairs, 'dueDates');
  if (f instanceof CalcError) return f;
  const ledger = new RowLedger();
  const value = onTimeShare(input, f.include, ledger.trace);
  if (value instanceof CalcError) return value;
  const asOf = isoFromSerial(input.asOfDate);
  return {
    arithmetic: 'ratio',
    value,
    unit: 'ratio',
    parts: [
      countPart('numerator', bi('actions done on time', '按期完成的行动'), ledger.rows('onTime')),
      countPart(
        'denominator',
        bi('actions due by the as-of date', '截至基准日到期的行动'),
        ledger.rows('onTime', 'late', 'overdue'),
      ),
      countPart('onTime', bi('on time', '按期完成'), ledger.rows('onTime'), 'denominator'),
      countPart('late', bi('done late', '逾期完成'), ledger.rows('late'), 'denominator'),
      countPart('overdue', bi('overdue, not done', '逾期未完成'), ledger.rows('overdue'), 'denominator'),
    ],
    filters: [
      {
        key: 'asOf',
        text: bi(
          `due on or before ${asOf}; on time: done on or before the due date`,
          `截止日期不晚于 ${asOf}；按期：完成日期不晚于截止日期`,
        ),
      },
      ...f.filters,
    ],
    leftOut: [...leftOutOf(ledger, ACTION_LEFT_OUT), ...f.leftOut],
  };
}
