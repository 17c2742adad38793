/**
 * Account-plan action cases: ACTIONSTATUS and ONTIME (calc/actions.ts, issue 16).
 * Dates are Excel serials: 46023 = 2026-01-01, so 46100 = 2026-03-19 (the as-of date of every
 * case unless it says otherwise), 46090 = 2026-03-09, 46091 = 2026-03-10. Each expectation is
 * worked out by hand in the comment above it from the rules: done on or before the as-of
 * date → OnTime when DoneDate ≤ DueDate else Late (Done without a due date); not done →
 * Overdue when DueDate < as-of, else Pending; Done = Yes without a DoneDate → DoneUndated.
 */
import { ParityCase, col, err, omit, val } from '../../support/parity';

const AS_OF = val(46100);

// The eight rows every mixed case uses:
// 1 due 46090 done 46090            → OnTime (done on the due date itself)
// 2 due 46090 done 46095            → Late (5 days after the due date)
// 3 due 46080 not done (No)         → Overdue (due before the as-of date)
// 4 due 46110 done 46095            → OnTime (done early, not due yet)
// 5 due 46100 not done (No)         → Pending (due on the as-of date itself)
// 6 no due date, done 46085         → Done
// 7 due 46090, Done = Yes, no date  → DoneUndated
// 8 nothing filled                  → blank
const DUE = col(46090, 46090, 46080, 46110, 46100, null, 46090, null);
const DONE_ON = col(46090, 46095, null, 46095, null, 46085, null, null);
const DONE = col('Yes', 'Yes', 'No', 'Yes', 'No', 'Yes', 'Yes', null);

const status: ParityCase[] = [
  {
    fn: 'ACTIONSTATUS',
    name: 'every status, boundaries included',
    args: [DUE, DONE_ON, AS_OF, DONE],
    expect: ['OnTime', 'Late', 'Overdue', 'OnTime', 'Pending', 'Done', 'DoneUndated', null],
  },
  {
    fn: 'ACTIONSTATUS',
    name: 'in Chinese',
    args: [DUE, DONE_ON, AS_OF, DONE, val('zh-CN')],
    expect: ['按期完成', '逾期完成', '已逾期', '按期完成', '待完成', '已完成', '完成日期未填', null],
  },
  // Done after the as-of date: not done as of then. Due 46090 → Overdue; due 46110 → Pending.
  {
    fn: 'ACTIONSTATUS',
    name: 'a done date after the as-of date is not done yet',
    args: [col(46090, 46110), col(46105, 46105), AS_OF, col('Yes', 'Yes')],
    expect: ['Overdue', 'Pending'],
  },
  // The done date is the fact: 46080 ≤ due 46090 → OnTime although Done says No.
  {
    fn: 'ACTIONSTATUS',
    name: 'a done date wins over Done = No',
    args: [col(46090), col(46080), AS_OF, col('否')],
    expect: 'OnTime',
  },
  // Without the Done column: row 1 has no done date and a passed due date → Overdue; row 2 done 1 day late.
  {
    fn: 'ACTIONSTATUS',
    name: 'no Done column',
    args: [col(46090, 46090), col(null, 46091), AS_OF],
    expect: ['Overdue', 'Late'],
  },
  // ISO text dates: due 2026-03-10 = 46091, done 2026-03-12 = 46093 → Late.
  {
    fn: 'ACTIONSTATUS',
    name: 'dates written as text',
    args: [col('2026-03-10'), col('2026-03-12'), val('2026-03-19'), col('是')],
    expect: 'Late',
  },
  // Unknown is no answer: due 46110 not done → Pending; due 46050 → Overdue.
  {
    fn: 'ACTIONSTATUS',
    name: 'Done = Unknown reads as not done',
    args: [col(46110, 46050), col(null, null), AS_OF, col('Unknown', '?')],
    expect: ['Pending', 'Overdue'],
  },
  {
    fn: 'ACTIONSTATUS',
    name: 'a done date that is not a date: that row only',
    args: [col(46090, 46090), col('soon', 46089), AS_OF],
    expect: [err('VALUE'), 'OnTime'],
  },
  {
    fn: 'ACTIONSTATUS',
    name: 'an unknown Done value: that row only',
    args: [col(46090, 46090), col(null, null), AS_OF, col('maybe', 'No')],
    expect: [err('VALUE'), 'Overdue'],
  },
  {
    fn: 'ACTIONSTATUS',
    name: 'an error cell in doneDates: that row only',
    args: [col(46090, 46090), col(err('NA'), 46095), AS_OF],
    expect: [err('NA'), 'Late'],
  },
  { fn: 'ACTIONSTATUS', name: 'doneDates of another size', args: [col(46090), col(46090, 46091), AS_OF], expect: err('VALUE') },
  { fn: 'ACTIONSTATUS', name: 'as-of date is not a date', args: [col(46090), col(46090), val('later')], expect: err('VALUE') },
  { fn: 'ACTIONSTATUS', name: 'unknown language', args: [col(46090), col(46090), AS_OF, omit, val('fr')], expect: err('VALUE') },
];

const onTime: ParityCase[] = [
  // Counted: rows 1 (on time), 2 (late), 3 (overdue) → 1 / 3. Left out: 4 not due, 5 due today,
  // 6 no due date, 7 done without a date, 8 empty.
  { fn: 'ONTIME', name: 'one of three due actions on time', args: [DUE, DONE_ON, AS_OF, DONE], expect: 1 / 3 },
  // Account A holds rows 1 and 2 → on time 1 of 2.
  {
    fn: 'ONTIME',
    name: 'one account',
    args: [DUE, DONE_ON, AS_OF, DONE, col('A', 'A', 'B', 'A', 'B', 'A', 'A', null), val('A')],
    expect: 0.5,
  },
  // Account B: row 3 overdue, row 5 due today (left out) → 0 / 1.
  {
    fn: 'ONTIME',
    name: 'an account whose only due action is overdue',
    args: [DUE, DONE_ON, AS_OF, DONE, col('A', 'A', 'B', 'A', 'B', 'A', 'A', null), val('B')],
    expect: 0,
  },
  // Nothing due by 46100: both due later → blank, not 0.
  { fn: 'ONTIME', name: 'nothing due yet → blank', args: [col(46110, 46120), col(null, 46101), AS_OF], expect: null },
  // Every due action done without a date → unknown, blank (never on time).
  {
    fn: 'ONTIME',
    name: 'done without done dates → blank, not on time',
    args: [col(46090, 46091), col(null, null), AS_OF, col('Yes', 'Yes')],
    expect: null,
  },
  // Three due, all done on or before their due dates → 1.
  {
    fn: 'ONTIME',
    name: 'all on time',
    args: [col(46090, 46095, 46100), col(46080, 46095, 46099), AS_OF],
    expect: 1,
  },
  // Done = No with a late done date still counts as done late: 0 / 1.
  { fn: 'ONTIME', name: 'a late done date with Done = No', args: [col(46090), col(46092), AS_OF, col('No')], expect: 0 },
  // As of 46092 instead: row 1 (due 46090, done 46090) on time; row 2 (done 46095) not done yet and overdue → 1 / 2.
  {
    fn: 'ONTIME',
    name: 'judged as of an earlier date',
    args: [col(46090, 46090), col(46090, 46095), val(46092)],
    expect: 0.5,
  },
  {
    fn: 'ONTIME',
    name: 'a bad date in a counted row',
    args: [col(46090, 'soon'), col(46090, null), AS_OF],
    expect: err('VALUE'),
  },
  // The bad row is filtered out: only row 1 counts, on time → 1.
  {
    fn: 'ONTIME',
    name: 'a bad date in a filtered-out row',
    args: [col(46090, 'soon'), col(46090, null), AS_OF, omit, col('A', 'B'), val('A')],
    expect: 1,
  },
  // An error cell in a filter fails the filter: row 2 (overdue) is out → 1 / 1.
  {
    fn: 'ONTIME',
    name: 'an error cell in a filter',
    args: [col(46090, 46080), col(46090, null), AS_OF, omit, col('A', err('NA')), val('A')],
    expect: 1,
  },
  { fn: 'ONTIME', name: 'columns of different sizes', args: [col(46090, 46091), col(46090), AS_OF], expect: err('VALUE') },
  { fn: 'ONTIME', name: 'as-of date blank', args: [col(46090), col(46090), val(null)], expect: err('VALUE') },
];

export const cases: ParityCase[] = [...status, ...onTime];
