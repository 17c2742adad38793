/**
 * The bi-weekly deal review (issue 16): for each open opportunity, its red flags and strengths
 * (calc/dealReview.ts, the one home of the rules) and whether it is due for review by the
 * Reviews log and Config's ReviewIntervalDays. The pane and `crm3 review` show these rows.
 */
import { Cell, Column, isBlank, isoFromSerial, keyOf, toNumber } from '../core/cells';
import { Status, canonical } from '../core/enumerations';
import { lastActivity } from '../calc/activity';
import { RED_FLAG_NAMES, RedFlag, STRENGTH_NAMES, Strength, dealFindings, reviewsDue } from '../calc/dealReview';
import { SETTINGS } from '../model/config';
import { TableData, WorkbookSnapshot } from '../model/snapshot';
import type { EvaluationResult } from './evaluate';
import { withHistoryColumns } from './history';

// The rule names live with the rules (calc/dealReview.ts): the template and DEALFLAGS read them too.
export { RED_FLAG_NAMES, STRENGTH_NAMES };

/** One open deal as the review list shows it. */
export interface DealReviewRow {
  oppId: string;
  oppName: string | null;
  accountId: string | null;
  owner: string | null;
  stage: string | null;
  amount: number | null;
  closeDate: string | null;
  grade: string | null;
  due: boolean;
  lastReview: string | null;
  nextReview: string | null;
  flags: RedFlag[];
  strengths: Strength[];
}

function column(t: TableData | undefined, name: string): Column {
  if (!t) return [];
  const j = t.headers.indexOf(name);
  return t.rows.map((r) => (j < 0 ? null : (r[j] ?? null)));
}

const text = (c: Cell | undefined): string | null => (c === null || c === undefined || isBlank(c) ? null : String(c).trim());
/** A review setting of the workbook's Config, else its default. */
export const reviewSetting = (w: WorkbookSnapshot, name: 'StaleDays' | 'ReviewIntervalDays'): number =>
  toNumber(w.settings[name] ?? undefined) ?? (SETTINGS.find((s) => s.name === name)!.fallback as number);

/**
 * The review rows of every open deal, in workbook order, with the evaluation's grades and stage
 * checks (evaluated at `asOf`). Derived close-date slips are used when the workbook lacks them.
 */
export function dealReviews(given: WorkbookSnapshot, evaluation: EvaluationResult, asOf: number): DealReviewRow[] {
  const workbook = withHistoryColumns(given);
  const opp = workbook.tables.Opportunities;
  const ids = column(opp, 'OppId');
  const status = column(opp, 'Status');
  const byId = new Map(evaluation.opportunities.map((o) => [keyOf(o.OppId), o]));
  const acts = workbook.tables.Activities;
  const last = lastActivity(ids, { actKeys: column(acts, 'OppId'), actDates: column(acts, 'Date'), asOfDate: asOf });
  const dc = workbook.tables.DecisionChain;
  const findings = dealFindings({
    oppIds: ids,
    status,
    pushes: column(opp, 'CloseDatePushes'),
    stageCheck: ids.map((id) => byId.get(keyOf(id))?.StageCheck ?? null),
    competitor: column(opp, 'Competitor'),
    valueProposition: column(opp, 'ValueProposition'),
    compellingEvent: column(opp, 'CompellingEvent'),
    lastActivity: Array.isArray(last) ? last : ids.map(() => null),
    asOf,
    staleDays: reviewSetting(workbook, 'StaleDays'),
    dcOppIds: column(dc, 'OppId'),
    dcRoles: column(dc, 'BuyingRole'),
    dcSupport: column(dc, 'Support'),
    dcCoverage: column(dc, 'Coverage'),
  });
  const rev = workbook.tables.Reviews;
  const due = reviewsDue(
    ids,
    status,
    column(rev, 'OppId'),
    column(rev, 'Date'),
    column(rev, 'NextReview'),
    asOf,
    reviewSetting(workbook, 'ReviewIntervalDays'),
  );
  const [names, accounts, owners, stages, amounts, closeDates] = [
    'OppName',
    'AccountId',
    'Owner',
    'Stage',
    'Amount',
    'CloseDate',
  ].map((c) => column(opp, c));
  const out: DealReviewRow[] = [];
  ids.forEach((id, i) => {
    // Only open deals are reviewed (status as the workbook writes it: code or alias).
    if (isBlank(id) || canonical(Status, status[i]) !== 'Open') return;
    const close = toNumber(closeDates[i] ?? undefined);
    out.push({
      oppId: String(id).trim(),
      oppName: text(names[i]),
      accountId: text(accounts[i]),
      owner: text(owners[i]),
      stage: text(stages[i]),
      amount: toNumber(amounts[i] ?? undefined) ?? null,
      closeDate: close === undefined ? null : isoFromSerial(close),
      grade: text(byId.get(keyOf(id))?.Grade ?? null),
      due: due[i].due,
      lastReview: due[i].lastReview === null ? null : isoFromSerial(due[i].lastReview!),
      nextReview: due[i].nextReview === null ? null : isoFromSerial(due[i].nextReview!),
      flags: findings[i].flags,
      strengths: findings[i].strengths,
    });
  });
  return out;
}
