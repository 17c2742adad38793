/**
 * Fed columns that only CRM3 functions read are held as one handle cell, not n spilled cells
 * (issue #15). A formula that reads such a column as cells, typed into the workbook's
 * Indicators or later (the pane's explain), must still see every row; a what-if still reaches
 * what reads the handle. Expected values are computed here from the snapshot's own rows.
 */
import { toNumber } from '../../src/core/cells';
import { WorkbookEngine } from '../../src/engine/workbookEngine';
import { BUILT_IN_INDICATORS } from '../../src/model/indicators';
import { generateSample } from '../../src/model/sample';
import { ownIndicator } from '../support/ownIndicator';

const ASOF = 46352;
const sample = generateSample({ size: 60, seed: 5 });
const opps = sample.tables.Opportunities!;
const col = (name: string) => opps.rows.map((r) => r[opps.headers.indexOf(name)] ?? null);
const sumOf = (cells: readonly unknown[]) => cells.reduce<number>((s, c) => s + (typeof c === 'number' ? c : 0), 0);

describe('column handles', () => {
  test('a column only CRM3 functions read is one cell; one read as cells is spilled', () => {
    const own = [...BUILT_IN_INDICATORS, ownIndicator('AMOUNT_SUM', '=SUM(Opp_Amount)'), ownIndicator('N', '=COUNTA(Opp_OppId)')];
    const engine = WorkbookEngine.build({ ...sample, indicators: own }, { asOf: ASOF });
    try {
      expect(engine.layout.handles.has('opp_status')).toBe(true);
      expect(engine.layout.handles.has('opp_amount')).toBe(false);
      expect(engine.layout.handles.has('opp_oppid')).toBe(false);
      const values = new Map(engine.indicators().map((i) => [i.row.id, i.value]));
      expect(values.get('AMOUNT_SUM')).toBe(sumOf(col('Amount')));
      expect(values.get('N')).toBe(opps.rows.length);
    } finally {
      engine.destroy();
    }
  });

  test('a formula typed later that reads a handle as cells sees every row, and what-if still reaches it', () => {
    const engine = WorkbookEngine.build(sample, { asOf: ASOF });
    try {
      expect(engine.layout.handles.has('opp_amount')).toBe(true);
      const before = engine.indicators();
      const amounts = col('Amount');
      expect(engine.calculate('=SUM(Opp_Amount)')).toBe(sumOf(amounts));
      expect(engine.layout.handles.has('opp_amount')).toBe(false);
      expect(engine.calculateArray('=Opp_Amount').map((r) => r[0])).toEqual(amounts);
      // Everything that read the handle reads the spilled column now, with the same values.
      expect(engine.indicators()).toEqual(before);
      const i = amounts.findIndex((a) => typeof a === 'number');
      engine.apply([{ table: 'Opportunities', row: i, column: 'Amount', value: (toNumber(amounts[i]) ?? 0) + 1000 }]);
      expect(engine.calculate('=SUM(Opp_Amount)')).toBe(sumOf(amounts) + 1000);
    } finally {
      engine.destroy();
    }
  });

  test('a what-if on a handle re-runs what reads it, and undoing it gives the same values back', () => {
    const engine = WorkbookEngine.build(sample, { asOf: ASOF });
    try {
      expect(engine.layout.handles.has('opp_status')).toBe(true);
      const status = col('Status');
      const i = status.findIndex((s) => s === 'Open');
      const { base, changed } = engine.whatIf([{ table: 'Opportunities', row: i, column: 'Status', value: 'Won' }]);
      const winRate = (list: typeof base) => list.find((x) => x.row.id === 'WIN_RATE_COUNT')?.value;
      expect(winRate(changed)).not.toEqual(winRate(base));
      expect(engine.indicators()).toEqual(base);
    } finally {
      engine.destroy();
    }
  });

  test('a handle read as a value by a formula the analysis cannot see gives an error, never a number', () => {
    const engine = WorkbookEngine.build(sample, { asOf: ASOF });
    try {
      // HyperFormula's own function on the handle cell itself (bypassing the name) reads the error.
      const sheet = 'Opportunities';
      const col = engine.layout.columnIndex.Opportunities.get('Status')!;
      const letter = String.fromCharCode(65 + col);
      expect(engine.calculate(`=ISERROR('${sheet}'!${letter}2)`)).toBe(true);
    } finally {
      engine.destroy();
    }
  });

  describe('a block (Opp_Answers) only CRM3 functions read', () => {
    const answers = opps.headers.filter((h) => h.startsWith('Q_'));
    const answerCount = opps.rows.reduce((k, r) => k + answers.filter((h) => r[opps.headers.indexOf(h)] !== null).length, 0);
    const qualScores = (e: WorkbookEngine) => e.computedColumn('Opportunities', 'QualScore');

    test('is the row of its columns’ handle cells, with the values of the spilled block', () => {
      expect(answers.length).toBeGreaterThanOrEqual(10);
      const held = WorkbookEngine.build(sample, { asOf: ASOF });
      // A formula reading the block as cells: every answer column spilled, the name over them.
      const own = [...BUILT_IN_INDICATORS, ownIndicator('ANSWERS', '=COUNTA(Opp_Answers)')];
      const spilled = WorkbookEngine.build({ ...sample, indicators: own }, { asOf: ASOF });
      try {
        expect(held.layout.blocks.has('opp_answers')).toBe(true);
        expect(held.layout.handles.has(`opp_${answers[0].toLowerCase()}`)).toBe(true);
        expect(spilled.layout.blocks.has('opp_answers')).toBe(false);
        expect(spilled.layout.handles.has(`opp_${answers[0].toLowerCase()}`)).toBe(false);
        expect(spilled.indicators().find((i) => i.row.id === 'ANSWERS')?.value).toBe(answerCount);
        expect(spilled.indicators().slice(0, -1)).toEqual(held.indicators());
        expect(qualScores(spilled)).toEqual(qualScores(held));
      } finally {
        held.destroy();
        spilled.destroy();
      }
    });

    test('a formula typed later that reads it as cells sees every row; a what-if on an answer reaches what reads it', () => {
      const engine = WorkbookEngine.build(sample, { asOf: ASOF });
      try {
        const column = answers[0];
        const i = opps.rows.findIndex((r) => r[opps.headers.indexOf(column)] === 'Yes');
        const change = { table: 'Opportunities' as const, row: i, column, value: 'No' };
        // The same edit on the workbook itself, evaluated afresh.
        const edited = structuredClone(sample);
        edited.tables.Opportunities!.rows[i][opps.headers.indexOf(column)] = 'No';
        const fresh = WorkbookEngine.build(edited, { asOf: ASOF });
        const expected = { indicators: fresh.indicators(), qualScores: qualScores(fresh) };
        fresh.destroy();
        expect(expected.qualScores[i]).not.toEqual(qualScores(engine)[i]);

        const before = { indicators: engine.indicators(), qualScores: qualScores(engine) };
        engine.apply([change]);
        expect({ indicators: engine.indicators(), qualScores: qualScores(engine) }).toEqual(expected);
        engine.apply([{ ...change, value: opps.rows[i][opps.headers.indexOf(column)] }]);
        expect({ indicators: engine.indicators(), qualScores: qualScores(engine) }).toEqual(before);

        expect(engine.calculate('=COUNTA(Opp_Answers)')).toBe(answerCount);
        expect(engine.layout.blocks.has('opp_answers')).toBe(false);
        expect({ indicators: engine.indicators(), qualScores: qualScores(engine) }).toEqual(before);
        engine.apply([change]);
        expect({ indicators: engine.indicators(), qualScores: qualScores(engine) }).toEqual(expected);
        expect(engine.calculate('=COUNTA(Opp_Answers)')).toBe(answerCount);
      } finally {
        engine.destroy();
      }
    });
  });
});
