/**
 * The CRM3 function catalog: every family's declaration table, in one list. Adapters,
 * metadata and documentation are all generated from this.
 */
import { accountFunctions } from './accountFunctions';
import { actionFunctions } from './actionFunctions';
import { activityFunctions } from './activityFunctions';
import { aggregateFunctions } from './aggregateFunctions';
import { FunctionDeclaration } from './declaration';
import { dealReviewFunctions } from './dealReviewFunctions';
import { estimationFunctions } from './estimationFunctions';
import { gradingFunctions } from './gradingFunctions';
import { groupByFunctions } from './groupByFunctions';
import { historyFunctions } from './historyFunctions';
import { indicatorFunctions } from './indicatorFunctions';
import { pipelineFunctions } from './pipelineFunctions';
import { relationshipFunctions } from './relationshipFunctions';
import { rowListFunctions } from './rowListFunctions';
import { scoringFunctions } from './scoringFunctions';
import { stageFunctions } from './stageFunctions';
import { winRateFunctions } from './winRateFunctions';

export const catalog: readonly FunctionDeclaration[] = [
  ...winRateFunctions,
  ...pipelineFunctions,
  ...groupByFunctions,
  ...rowListFunctions,
  ...aggregateFunctions,
  ...scoringFunctions,
  ...estimationFunctions,
  ...gradingFunctions,
  ...stageFunctions,
  ...relationshipFunctions,
  ...activityFunctions,
  ...accountFunctions,
  ...actionFunctions,
  ...indicatorFunctions,
  ...historyFunctions,
  ...dealReviewFunctions,
];

export function declarationOf(id: string): FunctionDeclaration | undefined {
  const key = id.toUpperCase().replace(/^CRM3\./, '');
  return catalog.find((d) => d.id === key);
}
