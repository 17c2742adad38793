/**
 * Issue #18 end to end: a consultant's Config (TierMethod Score, bands 70/55/40, weights
 * 20/10/20/25/10/10/5, one criterion on 0–10) and accounts whose scores are exactly 70, 55
 * and 40. The engine (HyperFormula evaluating =CRM3.SCORE then =CRM3.TIER) and the Excel
 * adapter (SCORE's result handed to TIER, as a sheet does) must give exactly 70, 55, 40 and
 * tiers A, B, C. Scores by hand are in test/functions/cases/scoring.cases.ts.
 */
import { Cell } from '../../src/core/cells';
import { WorkbookEngine } from '../../src/engine/workbookEngine';
import { declarationOf } from '../../src/functions/catalog';
import { excelFunction } from '../../src/functions/excel/excelAdapter';
import { TableData, WorkbookSnapshot } from '../../src/model/snapshot';
import { stubRuntime } from '../support/parity';

const table = (sheet: string, headers: string[], rows: Cell[][]): TableData => ({
  sheet,
  origin: { row: 1, col: 1 },
  headers,
  rows,
});

const IDS = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'];
const WEIGHTS = [20, 10, 20, 25, 10, 10, 5];
const MINS = [1, 1, 0, 1, 1, 1, 1];
const MAXS = [5, 5, 10, 5, 5, 5, 5];
const AXES = ['A', 'A', 'A', 'P', 'P', 'P', 'P'];
const ROWS = [
  [3, 2, 10, 4, 4, 4, 4], // 70
  [4, 1, 5, 3, 3, 5, 3], // 55
  [2, 1, 5, 3, 3, 3, 3], // 40
];

const snapshot: WorkbookSnapshot = {
  tables: {
    Accounts: table(
      'Accounts',
      ['AccountId', 'AccountName', ...IDS],
      ROWS.map((r, i) => [`A${i + 1}`, `Account ${i + 1}`, ...r]),
    ),
  },
  config: {
    Criteria: table(
      'Config',
      ['CriterionId', 'Name', 'Weight', 'Axis', 'Min', 'Max'],
      IDS.map((id, i) => [id, id, WEIGHTS[i], AXES[i], MINS[i], MAXS[i]]),
    ),
  },
  settings: { TierMethod: 'Score', ScoreBandA: 70, ScoreBandB: 55, ScoreBandC: 40 },
  problems: [],
};

test('the engine (HyperFormula) gives scores exactly 70, 55, 40 and tiers A, B, C', () => {
  const engine = WorkbookEngine.build(snapshot, { asOf: 46352 });
  try {
    expect(engine.computedColumn('Accounts', 'Score')).toEqual([70, 55, 40]);
    expect(engine.computedColumn('Accounts', 'Tier')).toEqual(['A', 'B', 'C']);
  } finally {
    engine.destroy();
  }
});

test('the Excel adapter gives the same: SCORE → 70, 55, 40, then TIER → A, B, C', () => {
  const score = excelFunction(declarationOf('SCORE')!, stubRuntime, () => 'en-US');
  const tier = excelFunction(declarationOf('TIER')!, stubRuntime, () => 'en-US');
  const col = (xs: number[]) => xs.map((x) => [x]);
  const scores = score(ROWS, col(WEIGHTS), col(MINS), col(MAXS)) as number[][];
  expect(scores).toEqual([[70], [55], [40]]);
  const blanks = [[''], [''], ['']];
  expect(tier(blanks, blanks, scores, 'Score', null, null, 70, 55, 40)).toEqual([['A'], ['B'], ['C']]);
});
