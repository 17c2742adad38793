/**
 * Everything the engine answers for a workbook, in a form that compares to the last digit
 * (JSON keeps the shortest round-trip form of every number): the indicators with their
 * status, every computed column, and the indicators after a few what-if changes.
 *
 * `scripts/record-engine-results.ts` writes these for fixed workbooks into
 * test/engine/fixtures/engine-results.json from the engine as it was before the columnar
 * rewrite (issue #15); test/engine/resultsUnchanged.test.ts compares today's engine with it.
 * Only public engine calls are used here, so the same harness serves both.
 */
import { CellChange, EngineValue, WorkbookEngine } from '../../src/engine/workbookEngine';
import { Locale } from '../../src/core/i18n';
import { generateSample } from '../../src/model/sample';
import { Cell } from '../../src/core/cells';
import { TableData, WorkbookSnapshot } from '../../src/model/snapshot';
import { IndicatorResult, ProblemResult, evaluateWorkbook } from '../../src/engine/evaluate';

export const AS_OF = 46352;

export interface WorkbookCase {
  name: string;
  locale: Locale;
  size: number;
  seed: number;
  /** Cells rewritten the way real exports look: aliases, text numbers and dates, bad cells. */
  messy?: boolean;
}

/** The workbooks of the fixture: the samples in both languages and generated workbooks of 5,000. */
export const CASES: readonly WorkbookCase[] = [
  { name: 'sample en-US', locale: 'en-US', size: 300, seed: 1 },
  { name: 'sample zh-CN', locale: 'zh-CN', size: 300, seed: 1 },
  { name: 'generated 5k seed 1', locale: 'en-US', size: 5000, seed: 1 },
  { name: 'generated 5k seed 7 zh-CN', locale: 'zh-CN', size: 5000, seed: 7 },
  { name: 'generated 2k seed 3, messy cells', locale: 'en-US', size: 2000, seed: 3, messy: true },
];

/** Every k-th row (from `from`) of a column gets `value(old, row)`. */
function rewrite(
  t: TableData | undefined,
  column: string,
  every: number,
  from: number,
  value: (old: Cell, row: number) => Cell,
): void {
  if (!t) return;
  const j = t.headers.indexOf(column);
  if (j < 0) return;
  for (let i = from; i < t.rows.length; i += every) t.rows[i][j] = value(t.rows[i][j] ?? null, i);
}

const ZH_STATUS: Record<string, string> = { Open: '进行中', Won: '赢单', Lost: '丢单', NoDecision: '无决策' };
const iso = (serial: number) => new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);

/** Aliases, text numbers and dates, stray spaces, and a few cells no kernel can read. */
function messUp(s: WorkbookSnapshot): void {
  const { Accounts, Opportunities, DecisionChain, Activities } = s.tables;
  rewrite(Opportunities, 'Status', 7, 1, (v) => ZH_STATUS[String(v)] ?? v);
  rewrite(Opportunities, 'Status', 11, 2, (v) => `  ${String(v).toLowerCase()} `);
  rewrite(Opportunities, 'Amount', 13, 3, (v) => (typeof v === 'number' ? String(v) : v));
  rewrite(Opportunities, 'Amount', 17, 4, (v) => (typeof v === 'number' ? v + 0.35 : v));
  rewrite(Opportunities, 'Amount', 401, 5, () => null);
  rewrite(Opportunities, 'CloseDate', 19, 6, (v) => (typeof v === 'number' ? iso(v) : v));
  rewrite(Opportunities, 'Stage', 23, 7, (v) => (v === 'Qualify' ? '立项' : v));
  rewrite(Opportunities, 'Stage', 997, 8, () => 'Mystery stage');
  rewrite(Opportunities, 'Q_Funds', 29, 9, (v) => (v === 'Yes' ? '是' : v === 'No' ? '?' : v));
  rewrite(Opportunities, 'Q_Risk', 611, 10, () => 'maybe');
  rewrite(Accounts, 'C_Growth', 5, 1, (v) => (typeof v === 'number' ? String(v) : v));
  rewrite(Accounts, 'C_Influence', 9, 2, () => 'n/a');
  rewrite(Accounts, 'C_Potential', 31, 3, () => null);
  rewrite(DecisionChain, 'Support', 37, 4, (v) => (v === 'Supporter' ? '支持者' : v));
  rewrite(Activities, 'Date', 41, 5, (v) => (typeof v === 'number' ? iso(v) : v));
}

/** Every computed column, as (table, column). */
export const COMPUTED: readonly ['Accounts' | 'Opportunities', string][] = [
  ['Accounts', 'Score'],
  ['Accounts', 'Attractiveness'],
  ['Accounts', 'Position'],
  ['Accounts', 'Tier'],
  ['Accounts', 'Strategy'],
  ['Opportunities', 'QualScore'],
  ['Opportunities', 'Grade'],
  ['Opportunities', 'Probability'],
  ['Opportunities', 'StageCheck'],
];

export interface EngineResults {
  indicators: { id: string; value: EngineValue; status: EngineValue }[];
  computed: Record<string, EngineValue[]>;
  whatIf: { change: CellChange; indicators: { id: string; value: EngineValue; status: EngineValue }[] }[];
  /** What `crm3 evaluate` reports: indicators with reason and working (explain), and the problems. */
  evaluated: { indicators: IndicatorResult[]; problems: ProblemResult[] };
}

/** Deterministic single-cell changes of each kind a planner makes. */
export function fixtureChanges(snapshot: WorkbookSnapshot): CellChange[] {
  const opp = snapshot.tables.Opportunities!;
  const dc = snapshot.tables.DecisionChain!;
  const acc = snapshot.tables.Accounts!;
  const n = opp.rows.length;
  const at = (t: typeof opp, row: number, column: string) => t.rows[row][t.headers.indexOf(column)];
  const r = (k: number) => (k * 7919 + 13) % n;
  return [
    { table: 'Opportunities', row: r(1), column: 'Status', value: at(opp, r(1), 'Status') === 'Won' ? 'Lost' : 'Won' },
    { table: 'Opportunities', row: r(2), column: 'Status', value: 'Open' },
    { table: 'Opportunities', row: r(3), column: 'Amount', value: 123_456.78 },
    { table: 'Opportunities', row: r(4), column: 'CloseDate', value: AS_OF + 30 },
    { table: 'Opportunities', row: r(5), column: 'Stage', value: 'Negotiate' },
    { table: 'DecisionChain', row: 17 % dc.rows.length, column: 'Support', value: 'Mentor' },
    { table: 'Accounts', row: 3 % acc.rows.length, column: acc.headers.find((h) => h.startsWith('C_'))!, value: 5 },
    { table: 'Opportunities', row: r(6), column: 'Status', value: 'bogus status' },
  ];
}

export function engineResults(snapshot: WorkbookSnapshot, locale: Locale): EngineResults {
  const engine = WorkbookEngine.build(snapshot, { asOf: AS_OF, locale });
  try {
    const shown = () => engine.indicators().map((i) => ({ id: i.row.id, value: i.value, status: i.status }));
    const indicators = shown();
    const computed: Record<string, EngineValue[]> = {};
    for (const [table, column] of COMPUTED) computed[`${table}.${column}`] = engine.computedColumn(table, column);
    const whatIf = fixtureChanges(snapshot).map((change) => ({
      change,
      indicators: engine.whatIf([change]).changed.map((i) => ({ id: i.row.id, value: i.value, status: i.status })),
    }));
    const result = evaluateWorkbook(snapshot, { file: 'fixture.xlsx', asOf: AS_OF, locale });
    return { indicators, computed, whatIf, evaluated: { indicators: result.indicators, problems: result.problems } };
  } finally {
    engine.destroy();
  }
}

export function caseSnapshot(c: WorkbookCase): WorkbookSnapshot {
  const s = generateSample({ size: c.size, seed: c.seed, locale: c.locale });
  if (c.messy) messUp(s);
  return s;
}

/** The snapshot with `changes` made to copies of its rows (what a fresh build of an edited workbook reads). */
export function withChanges(s: WorkbookSnapshot, changes: readonly CellChange[]): WorkbookSnapshot {
  const tables = { ...s.tables };
  for (const c of changes) {
    const t = tables[c.table]!;
    const j = t.headers.indexOf(c.column);
    const rows = t.rows.map((r) => [...r]);
    rows[c.row][j] = c.value;
    tables[c.table] = { ...t, rows };
  }
  return { ...s, tables };
}
