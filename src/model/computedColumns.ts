/**
 * The per-row computed columns (Score, Attractiveness, Position, Tier, Strategy, QualScore,
 * Grade, Probability, StageCheck), each defined once and rendered two ways:
 *
 * - **spilled** for the engine: one call over whole columns (`=CRM3.SCORE(Acc_Criteria,…)`),
 *   `{Column}` becoming the column's workbook name;
 * - **per row** for templates: an Excel calculated column (`=CRM3.SCORE([@[C1]:[C7]],…)`),
 *   `{Column}` becoming the row's own cell as a structured reference, so rows a planner adds
 *   get the formula from Excel itself.
 *
 * `{Criteria}` and `{Answers}` are the blocks of criteria scores and question answers.
 */
import { TableName } from './schema';

export interface ComputedColumnDefinition {
  table: Extract<TableName, 'Accounts' | 'Opportunities'>;
  column: string;
  /** The call, typed, with `{Column}` for the row's own value of a column of the same table. */
  call: string;
  /**
   * Per-row rendering only: a row without the input shows blank instead of the function's
   * "nothing to compute" answer (an empty template stays clean). `count`: blank unless the
   * block holds a number; `filled`: blank while the column is empty.
   */
  blankUnless?: { count: string } | { filled: string };
  /**
   * Reads other tables row by row (StageCheck scans Activities): spilled beside the table in
   * templates too, never a per-row formula (DESIGN §7: no table scan per row).
   */
  spilledOnly?: boolean;
}

export const COMPUTED_COLUMN_DEFINITIONS: readonly ComputedColumnDefinition[] = [
  {
    table: 'Accounts',
    column: 'Score',
    call: 'CRM3.SCORE({Criteria},Criteria_Weight,Criteria_Min,Criteria_Max)',
    blankUnless: { count: 'Criteria' },
  },
  {
    table: 'Accounts',
    column: 'Attractiveness',
    call: 'CRM3.AXISSCORE({Criteria},Criteria_Axis,"A",Criteria_Weight,Criteria_Min,Criteria_Max)',
    blankUnless: { count: 'Criteria' },
  },
  {
    table: 'Accounts',
    column: 'Position',
    call: 'CRM3.AXISSCORE({Criteria},Criteria_Axis,"P",Criteria_Weight,Criteria_Min,Criteria_Max)',
    blankUnless: { count: 'Criteria' },
  },
  {
    table: 'Accounts',
    column: 'Tier',
    call: 'CRM3.TIER({Attractiveness},{Position},{Score},TierMethod,AttractivenessThreshold,PositionThreshold,ScoreBandA,ScoreBandB,ScoreBandC)',
  },
  // An unknown tier has no strategy: blank ("" as ifMissing), in the engine and in templates alike.
  { table: 'Accounts', column: 'Strategy', call: 'CRM3.LOOKUPBY({Tier},Tiers_Tier,Tiers_Strategy,"")' },
  {
    table: 'Opportunities',
    column: 'QualScore',
    call: 'CRM3.QUALSCORE({Answers},Questions_Weight,UnknownAnswerScore)',
    blankUnless: { filled: 'OppId' },
  },
  {
    table: 'Opportunities',
    column: 'Grade',
    call: 'CRM3.GRADE({Answers},Questions_Section,Questions_Weight,UnknownAnswerScore)',
    blankUnless: { filled: 'OppId' },
  },
  {
    table: 'Opportunities',
    column: 'Probability',
    call: 'CRM3.PROBABILITY({Status},{Stage},Stages_Stage,Stages_Probability)',
  },
  {
    table: 'Opportunities',
    column: 'StageCheck',
    call: 'CRM3.STAGECHECK({OppId},{Stage},{Status},Act_OppId,Act_EventId,Stages_Stage,Stages_Order,StageEvents_Stage,StageEvents_EventId,StageEvents_Essential)',
    spilledOnly: true,
  },
];

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The spilled form (with `=`): `{Column}` → the column's workbook name (`Acc_Criteria`, `Opp_Status`). */
export function spilledFormula(def: ComputedColumnDefinition, prefix: string): string {
  return `=${def.call.replace(PLACEHOLDER, (_, col: string) => `${prefix}_${col}`)}`;
}

/**
 * The per-row form (with `=`), given how a column of the row is referred to
 * (`[@[Score]]`, a block `[@[C1]:[C7]]`): `{Column}` → that reference, with the blank guard.
 */
export function perRowFormula(def: ComputedColumnDefinition, ref: (column: string) => string): string {
  const call = def.call.replace(PLACEHOLDER, (_, col: string) => ref(col));
  const guard = def.blankUnless;
  if (!guard) return `=${call}`;
  if ('count' in guard) return `=IF(COUNT(${ref(guard.count)})=0,"",${call})`;
  return `=IF(${ref(guard.filled)}="","",${call})`;
}
