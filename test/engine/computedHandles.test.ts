/**
 * Computed columns held in the store behind one handle cell (issue #15) instead of spilled into
 * n cells. The spilled form is still what the engine makes for a computed column some formula
 * reads as cells, so each test compares the two forms on the same workbook: an engine whose
 * indicators read every computed column as cells (all spilled) against the default one (all
 * held), and both against a fresh build after random edits. Workbooks with bad cells (errors in
 * Grade, Probability, Score) and both languages.
 */
import fc from 'fast-check';
import { Cell } from '../../src/core/cells';
import { CellChange, ConfigChange, WorkbookEngine } from '../../src/engine/workbookEngine';
import { CALC_SHEET } from '../../src/engine/sheets';
import { BUILT_IN_INDICATORS } from '../../src/model/indicators';
import { TableName } from '../../src/model/schema';
import { COMPUTED, caseSnapshot, withChanges } from '../support/engineResults';
import { ownIndicator } from '../support/ownIndicator';

const ASOF = 46352;
const nameOf = ([table, column]: readonly [string, string]) => `${table === 'Accounts' ? 'Acc' : 'Opp'}_${column}`;

/** Indicators that read every computed column as cells: the engine spills them all (the form before handles). */
const READ_AS_CELLS = COMPUTED.map((c) => ownIndicator(`CELLS_${nameOf(c)}`, `=COUNTA(${nameOf(c)})`));

function results(engine: WorkbookEngine) {
  return {
    indicators: engine.indicators().map((i) => ({ id: i.row.id, value: i.value, status: i.status })),
    computed: COMPUTED.map(([t, c]) => engine.computedColumn(t, c)),
  };
}

const CASES = [
  { name: 'messy en-US', size: 400, seed: 3, locale: 'en-US' as const, messy: true },
  { name: 'sample zh-CN', size: 300, seed: 1, locale: 'zh-CN' as const },
];

describe.each(CASES)('$name', (c) => {
  const snapshot = caseSnapshot(c);
  let held: WorkbookEngine;
  let spilled: WorkbookEngine;
  beforeAll(() => {
    held = WorkbookEngine.build(snapshot, { asOf: ASOF, locale: c.locale });
    spilled = WorkbookEngine.build(
      { ...snapshot, indicators: [...BUILT_IN_INDICATORS, ...READ_AS_CELLS] },
      { asOf: ASOF, locale: c.locale },
    );
  });
  afterAll(() => {
    held.destroy();
    spilled.destroy();
  });
  const builtIn = (e: WorkbookEngine) => results(e).indicators.slice(0, BUILT_IN_INDICATORS.length);

  test('every computed column is held when only CRM3 functions read it, spilled when a formula reads it as cells', () => {
    for (const c of COMPUTED) {
      expect(held.layout.computedHandles.has(nameOf(c).toLowerCase())).toBe(true);
      expect(spilled.layout.computedHandles.has(nameOf(c).toLowerCase())).toBe(false);
    }
    // The bad cells of this workbook reach the computed columns as errors (what the comparison must cover).
    if (c.messy)
      expect(held.computedColumn('Opportunities', 'Grade').some((v) => v !== null && typeof v === 'object')).toBe(true);
  });

  test('held and spilled give the same computed columns and indicators', () => {
    expect(results(held).computed).toEqual(results(spilled).computed);
    expect(builtIn(held)).toEqual(builtIn(spilled));
    // The COUNTA rows count what a spilled column shows: non-blank cells.
    spilled
      .indicators()
      .slice(BUILT_IN_INDICATORS.length)
      .forEach((ind, k) => {
        const values = held.computedColumn(COMPUTED[k][0], COMPUTED[k][1]);
        expect(ind.value).toBe(values.filter((v) => v !== null).length);
      });
  });

  test('a computed column given to a function or an explanation reads as calculating its name does', () => {
    for (const c of COMPUTED) {
      expect(held.argument(nameOf(c))).toEqual(spilled.argument(nameOf(c)));
      expect(held.argument(` ${nameOf(c).toUpperCase()} `)).toEqual(spilled.argument(nameOf(c)));
    }
    const pipeline = (e: WorkbookEngine) =>
      e.call('PIPELINE', [{ name: 'Opp_Status' }, { name: 'Opp_Amount' }, { name: 'Opp_Probability' }]);
    expect(pipeline(held)).toEqual(pipeline(spilled));
    for (const args of [
      ['Opp_StageCheck', '"OK"', 'Opp_Status', '"Open"'],
      ['Opp_Grade', '"A"', 'Opp_Status', '"Open"'],
      ['Acc_Score', '">50"', 'Acc_Tier', '"A,B"'],
    ])
      expect(held.working('SHARE', args)).toEqual(spilled.working('SHARE', args));
    // Nothing above spilled a held column.
    expect(held.layout.computedHandles.size).toBe(COMPUTED.length);
  });
});

describe('what-if on held computed columns', () => {
  const snapshot = caseSnapshot({ name: 'messy', size: 120, seed: 5, locale: 'en-US', messy: true });
  const EDITABLE: [TableName, string][] = [
    ['Opportunities', 'Status'],
    ['Opportunities', 'Stage'],
    ['Opportunities', 'OppId'],
    ['Opportunities', 'Q_Funds'],
    ['Accounts', 'C_Potential'],
    ['Accounts', 'C_Growth'],
    ['Activities', 'EventId'],
    ['Activities', 'OppId'],
  ];
  const columnOf = (table: TableName, column: string): Cell[] => {
    const t = snapshot.tables[table]!;
    const j = t.headers.indexOf(column);
    return t.rows.map((r) => r[j] ?? null);
  };
  const anyCell: fc.Arbitrary<Cell> = fc.oneof(
    fc.constant(null),
    fc.integer({ min: -5, max: 12 }),
    fc.constantFrom('Won', 'Lost', 'Open', 'Negotiate', 'Qualify', 'Yes', 'No', 'maybe', '', 'n/a'),
  );
  const change: fc.Arbitrary<CellChange> = fc
    .tuple(fc.constantFrom(...EDITABLE), fc.nat(), fc.nat(), fc.boolean(), anyCell)
    .map(([[table, column], r, k, fromColumn, other]) => {
      const values = columnOf(table, column);
      return { table, column, row: r % values.length, value: fromColumn ? values[k % values.length] : other };
    });
  const setting: fc.Arbitrary<ConfigChange[]> = fc.oneof(
    fc.constant<ConfigChange[]>([]),
    fc.constantFrom<ConfigChange[]>(
      [{ setting: 'TierMethod', value: 'Score' }],
      [{ setting: 'AttractivenessThreshold', value: 70 }],
      [{ setting: 'UnknownAnswerScore', value: 1 }],
    ),
  );

  let held: WorkbookEngine;
  let spilled: WorkbookEngine;
  let base: ReturnType<typeof results>;
  beforeAll(() => {
    held = WorkbookEngine.build(snapshot, { asOf: ASOF });
    spilled = WorkbookEngine.build({ ...snapshot, indicators: [...BUILT_IN_INDICATORS, ...READ_AS_CELLS] }, { asOf: ASOF });
    base = results(held);
  });
  afterAll(() => {
    held.destroy();
    spilled.destroy();
  });
  const builtIn = (r: ReturnType<typeof results>) => ({ ...r, indicators: r.indicators.slice(0, BUILT_IN_INDICATORS.length) });

  test('after random edits (and under other settings): held = spilled = a fresh build of the edited workbook; undone = the base', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 3 }), setting, (changes, config) => {
        const previous = changes.map((c) => ({ ...c, value: held.inputColumn(c.table, c.column)[c.row] as Cell }));
        held.apply(changes);
        spilled.apply(changes);
        const fresh = WorkbookEngine.build(withChanges(snapshot, changes), { asOf: ASOF });
        try {
          const now = held.withConfig(config, results);
          expect(now).toEqual(fresh.withConfig(config, results));
          expect(builtIn(now)).toEqual(builtIn(spilled.withConfig(config, results)));
        } finally {
          fresh.destroy();
          held.apply([...previous].reverse());
          spilled.apply([...previous].reverse());
        }
        expect(results(held)).toEqual(base);
      }),
      { numRuns: 25, seed: 20261206 },
    );
  });

  test('a recalculation that gives a computed column unchanged does not re-run what reads it', () => {
    const status = held.inputColumn('Opportunities', 'Status');
    const i = status.findIndex((s) => s === 'Won');
    const stage = held.inputColumn('Opportunities', 'Stage')[i] as Cell;
    const j = held.layout.computed.findIndex((c) => c.column === 'Probability');
    const graph = (held as unknown as { hf: { dependencyGraph: { getCell(a: object): { getCellValue(): unknown } } } }).hf
      .dependencyGraph;
    const at = { sheet: (held as unknown as { sheetIds: Record<string, number> }).sheetIds[CALC_SHEET], row: 1, col: j };
    const before = graph.getCell(at).getCellValue();
    // A won deal's probability is 1 whatever its stage: the column is computed again and stays the same.
    held.apply([{ table: 'Opportunities', row: i, column: 'Stage', value: stage === 'Negotiate' ? 'Qualify' : 'Negotiate' }]);
    expect(graph.getCell(at).getCellValue()).toBe(before);
    held.apply([{ table: 'Opportunities', row: i, column: 'Status', value: 'Lost' }]);
    expect(graph.getCell(at).getCellValue()).not.toBe(before);
    held.apply([
      { table: 'Opportunities', row: i, column: 'Status', value: 'Won' },
      { table: 'Opportunities', row: i, column: 'Stage', value: stage },
    ]);
    expect(results(held)).toEqual(base);
  });

  test('a formula typed later that reads a held column as cells spills it; values and what-if stay right', () => {
    const engine = WorkbookEngine.build(snapshot, { asOf: ASOF });
    try {
      const scores = engine.computedColumn('Accounts', 'Score');
      const sum = scores.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
      expect(engine.calculate('=SUM(Acc_Score)')).toBeCloseTo(sum, 9);
      expect(engine.layout.computedHandles.has('acc_score')).toBe(false);
      expect(engine.calculateArray('=Acc_Score').map((r) => r[0])).toEqual(scores);
      expect(results(engine)).toEqual(base);
      const edit: CellChange = { table: 'Accounts', row: 2, column: 'C_Potential', value: 1 };
      engine.apply([edit]);
      const fresh = WorkbookEngine.build(withChanges(snapshot, [edit]), { asOf: ASOF });
      expect(results(engine)).toEqual(results(fresh));
      fresh.destroy();
    } finally {
      engine.destroy();
    }
  });
});
