/**
 * Two engine doors the pane's assistants use: `withConfig` (other settings or Config values
 * in the engine's copy of Config, put back afterwards) and `call` (one catalog function on
 * the workbook's names and given values, no formula text built).
 */
import { WorkbookEngine } from '../../src/engine/workbookEngine';
import { generateSample } from '../../src/model/sample';

const sample = generateSample({ locale: 'en-US', size: 300, seed: 11 });
let engine: WorkbookEngine;
beforeAll(() => {
  engine = WorkbookEngine.build(sample, { asOf: sample.settings.AsOfDate as number, locale: 'en-US' });
});
afterAll(() => engine.destroy());

const values = (e: WorkbookEngine) => ({
  indicators: e.indicators().map((i) => [i.row.id, i.value, i.status]),
  tiers: e.computedColumn('Accounts', 'Tier'),
  scores: e.computedColumn('Accounts', 'Score'),
});

describe('withConfig', () => {
  test('the changes are seen inside, and the workbook is exactly as before afterwards', () => {
    const before = values(engine);
    const inside = engine.withConfig(
      [
        { setting: 'AttractivenessThreshold', value: 90 },
        { table: 'Criteria', row: 0, column: 'Weight', value: 0 },
      ],
      (e) => ({
        threshold: e.calculate('=AttractivenessThreshold'),
        weight: e.calculateArray('=Criteria_Weight')[0][0],
        ...values(e),
      }),
    );
    expect([inside.threshold, inside.weight]).toEqual([90, 0]);
    expect(inside.tiers).not.toEqual(before.tiers);
    expect(inside.scores).not.toEqual(before.scores);
    expect(values(engine)).toEqual(before);
  });

  test('a change made twice to one cell is undone to the original', () => {
    const before = engine.calculate('=PositionThreshold');
    engine.withConfig(
      [
        { setting: 'PositionThreshold', value: 10 },
        { setting: 'PositionThreshold', value: 20 },
      ],
      (e) => expect(e.calculate('=PositionThreshold')).toBe(20),
    );
    expect(engine.calculate('=PositionThreshold')).toBe(before);
  });

  test('a bad change is refused before any is made; a throwing reader still gets the Config put back', () => {
    const before = values(engine);
    expect(() =>
      engine.withConfig(
        [
          { setting: 'AttractivenessThreshold', value: 1 },
          { table: 'Criteria', row: 99, column: 'Weight', value: 1 },
        ],
        () => undefined,
      ),
    ).toThrow(/Criteria has no row 100/);
    expect(() => engine.withConfig([{ table: 'Stages', row: 0, column: 'Colour', value: 1 }], () => undefined)).toThrow(
      /no column Colour/,
    );
    expect(() =>
      engine.withConfig([{ setting: 'AttractivenessThreshold', value: 1 }], () => {
        throw new Error('reader failed');
      }),
    ).toThrow('reader failed');
    expect(values(engine)).toEqual(before);
  });

  test('text that looks like a formula goes in as text', () => {
    const stage = engine.withConfig(
      [{ table: 'Stages', row: 0, column: 'Stage', value: '=1+1' }],
      (e) => e.calculateArray('=Stages_Stage')[0][0],
    );
    expect(stage).toBe('=1+1');
  });
});

test('configTable: the workbook’s rows as the engine holds them, blank rows skipped, with their workbook rows', () => {
  const criteria = sample.config.Criteria!;
  const blank = criteria.headers.map(() => null);
  const withBlank = {
    ...sample,
    config: { ...sample.config, Criteria: { ...criteria, rows: [criteria.rows[0], blank, ...criteria.rows.slice(1)] } },
  };
  const e = WorkbookEngine.build(withBlank, { asOf: 46000, locale: 'en-US' });
  try {
    const t = e.configTable('Criteria');
    expect(t.rows).toHaveLength(criteria.rows.length);
    expect(t.workbookRows).toEqual([0, ...criteria.rows.slice(1).map((_, i) => i + 2)]);
    expect(t.rows[1][0]).toBe(criteria.rows[1][0]);
    // A change to the engine's row 1 is the workbook's row 2 (after the blank one).
    expect(
      e.withConfig(
        [{ table: 'Criteria', row: 1, column: 'Weight', value: 77 }],
        (x) => x.calculateArray('=Criteria_Weight')[1][0],
      ),
    ).toBe(77);
  } finally {
    e.destroy();
  }
  // No Questions table in a bare workbook: the defaults stand in, not writable.
  const bare = WorkbookEngine.build({ tables: {}, config: {}, settings: {}, problems: [] }, { asOf: 46000, locale: 'zh-CN' });
  try {
    expect(bare.configTable('Questions').rows).toHaveLength(12);
    expect(bare.configTable('Questions').workbookRows).toBeUndefined();
  } finally {
    bare.destroy();
  }
});

describe('call', () => {
  test('names and given values give what the same formula gives', () => {
    const owners = [...new Set(engine.inputColumn('Opportunities', 'Owner'))].filter((o): o is string => typeof o === 'string');
    const literal = owners.map((o) => `"${o.replace(/"/g, '""')}"`).join(';');
    const formula = engine.calculateArray(
      `=CRM3.WINRATEBY(Opp_Owner,Opp_Status,{${literal}},,Opp_CloseDate,PeriodStart,PeriodEnd,NoDecisionIsLoss)`,
    );
    const called = engine.call('WINRATEBY', [
      { name: 'Opp_Owner' },
      { name: 'Opp_Status' },
      owners.map((o) => [o]),
      undefined,
      { name: 'Opp_CloseDate' },
      { name: 'PeriodStart' },
      { name: 'PeriodEnd' },
      { name: 'NoDecisionIsLoss' },
    ]);
    expect(called).toEqual(formula);
    expect((called as unknown[][]).length).toBe(owners.length);
  });

  test('text from the workbook is a value, never parsed: an owner with a comma or an operator is one owner', () => {
    const s = generateSample({ locale: 'en-US', size: 60, seed: 2 });
    const opps = s.tables.Opportunities!;
    const owner = opps.headers.indexOf('Owner');
    ['Smith, J', 'Smith, J', 'Smith, J', '>=5'].forEach((o, i) => (opps.rows[i][owner] = o));
    const e = WorkbookEngine.build(s, { asOf: 46000, locale: 'en-US' });
    try {
      const deals = (criterion: unknown) =>
        e.call('DEALCOUNT', [
          { name: 'Opp_Status' },
          '*',
          undefined,
          undefined,
          undefined,
          { name: 'Opp_Owner' },
          criterion as never,
        ]);
      expect(deals([['Smith, J']])).toBe(3);
      expect(deals([['>=5']])).toBe(1);
      // The same text as a criterion string is a list ("Smith" or "J") and a comparison: not these owners.
      expect(deals('Smith, J')).toBe(0);
    } finally {
      e.destroy();
    }
  });

  test('an error comes back as the value the workbook would show, with its message in the engine’s language', () => {
    const r = engine.call('SUMBY', [{ name: 'Opp_Stage' }, [[1], [2]], [['Discover']]]);
    expect(r).toMatchObject({ error: '#VALUE!' });
    expect(() => engine.call('NOPE', [])).toThrow(/not in the catalog/);
  });
});
