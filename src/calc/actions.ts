/**
 * Account-plan actions done on time (issue 16): the one home of what "on time" means.
 *
 * An action's status as of a date A, from its DueDate, DoneDate and Done cells:
 * - a DoneDate on or before A: done, **OnTime** when DoneDate ≤ DueDate, else **Late**
 *   (**Done** when it has no DueDate). The date is the fact: a DoneDate with Done = No still
 *   counts as done (the validator warns about the contradiction);
 * - a DoneDate after A: not done yet as of A (it was done later), read as below;
 * - no DoneDate but Done = Yes: **DoneUndated**, done but nobody knows when, so it is never
 *   counted as on time (nor as late): the on-time share leaves it out and says so;
 * - not done: **Overdue** when DueDate < A, else **Pending** (due today or later, or no
 *   DueDate); a row with none of the three cells filled has no status (blank).
 *
 * The on-time share over the actions due by A (DueDate ≤ A): OnTime ÷ (OnTime + Late +
 * Overdue). Left out, each with its reason: no due date, not due yet, due today and still
 * pending, done without a DoneDate. Row by row, O(n).
 */
import { CalcError, Column, isBlank } from '../core/cells';
import { checkSameLength, codeAt, dateAt } from './columns';
import { Answer } from '../core/enumerations';
import { msg } from './messages';
import type { RowFilter } from './criteria';
import type { RowTrace } from './working';

export type ActionStatusCode = 'OnTime' | 'Late' | 'Overdue' | 'Pending' | 'Done' | 'DoneUndated';

export interface ActionColumns {
  dueDates: Column;
  /** DoneDate per action; absent in old workbooks (then only Done = Yes says an action is done). */
  doneDates?: Column;
  /** Done (Yes/No) per action; may be absent when the workbook keeps DoneDate only. */
  done?: Column;
  asOfDate: number;
}

/** Argument names as the catalog declares them (messages name them). */
const DUE = 'dueDates';
const DONE_DATE = 'doneDates';
const DONE = 'done';

/** Error when the given columns differ in length from dueDates. */
export function checkActionColumns(input: ActionColumns): CalcError | undefined {
  return checkSameLength([
    [DUE, input.dueDates],
    [DONE_DATE, input.doneDates],
    [DONE, input.done],
  ]);
}

/** The status of action i as of asOfDate; null for a row with nothing filled; an error names the bad cell. */
export function actionStatusAt(input: ActionColumns, i: number): ActionStatusCode | null | CalcError {
  const due = dateAt(input.dueDates, i, DUE);
  if (due instanceof CalcError) return due;
  const doneOn = input.doneDates ? dateAt(input.doneDates, i, DONE_DATE) : undefined;
  if (doneOn instanceof CalcError) return doneOn;
  const said = input.done ? codeAt(input.done, i, Answer, DONE) : undefined;
  if (said instanceof CalcError) return said;
  const A = input.asOfDate;
  if (doneOn !== undefined && doneOn <= A) return due === undefined ? 'Done' : doneOn <= due ? 'OnTime' : 'Late';
  if (doneOn === undefined && said === 'Yes') return 'DoneUndated';
  if (due === undefined) return doneOn === undefined && said === undefined && isBlank(input.done?.[i]) ? null : 'Pending';
  return due < A ? 'Overdue' : 'Pending';
}

/** Every action's status (one per dueDates row); a bad cell is that row's error, not the column's. */
export function actionStatuses(input: ActionColumns): (ActionStatusCode | null | CalcError)[] | CalcError {
  const bad = checkActionColumns(input);
  if (bad) return bad;
  const out = new Array<ActionStatusCode | null | CalcError>(input.dueDates.length);
  for (let i = 0; i < out.length; i++) out[i] = actionStatusAt(input, i);
  return out;
}

/**
 * Trace keys of the on-time share: onTime, late and overdue make the denominator; noDueDate,
 * notDue, dueToday and doneUndated are left out.
 */
export const ON_TIME_KEYS = ['onTime', 'late', 'overdue'] as const;

/**
 * Share of the actions due by asOfDate that were done on time (see the file comment); blank
 * when none is due with a known outcome. A bad date or Done cell among the included rows is
 * the result's error (it names the row).
 */
export function onTimeShare(input: ActionColumns, include?: RowFilter, trace?: RowTrace): number | null | CalcError {
  const bad = checkActionColumns(input);
  if (bad) return bad;
  const n = input.dueDates.length;
  if (include && include.length !== n) return new CalcError('VALUE', msg.sizeMismatch(DUE, 'filter', n, include.length));
  let onTime = 0;
  let counted = 0;
  for (let i = 0; i < n; i++) {
    if (include && !include[i]) continue;
    const status = actionStatusAt(input, i);
    if (status instanceof CalcError) return status;
    if (status === null) continue; // an empty row is no action
    const due = dateAt(input.dueDates, i, DUE) as number | undefined;
    let key: string;
    if (due === undefined) key = 'noDueDate';
    else if (due > input.asOfDate) key = 'notDue';
    else if (status === 'DoneUndated') key = 'doneUndated';
    else if (status === 'Pending') key = 'dueToday';
    else key = status === 'OnTime' ? 'onTime' : status === 'Late' ? 'late' : 'overdue';
    trace?.(i, key);
    if (key === 'onTime') onTime++;
    if (key === 'onTime' || key === 'late' || key === 'overdue') counted++;
  }
  return counted > 0 ? onTime / counted : null; // counts: one division of exact integers
}
