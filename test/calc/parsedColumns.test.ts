/**
 * Parsed columns are kept between calls (src/calc/columnViews.ts). A column changed in place,
 * as the engine's what-if does, must be read afresh: a stale parse must never be served.
 */
import { Cell, keyOf, toNumber } from '../../src/core/cells';
import { codeAt, dateAt, numberAt } from '../../src/calc/columns';
import { rowMask } from '../../src/calc/criteria';
import { CalcError } from '../../src/core/cells';
import { Status } from '../../src/core/enumerations';
import { WorkbookEngine } from '../../src/engine/workbookEngine';
import { generateSample } from '../../src/model/sample';

describe('parsed columns', () => {
  test('a column changed in place is parsed again (codes, dates, numbers, criteria)', () => {
    const status: Cell[] = ['Open', '进行中', 'Won'];
    const dates: Cell[] = ['2026-01-02', '2026-01-03'];
    const amounts: Cell[] = ['100', ' 7 '];
    expect(codeAt(status, 1, Status, 'status')).toBe('Open');
    expect(dateAt(dates, 0, 'd')).toBe(46024); // 2026-01-02: 46023 is 2026-01-01 (PeriodStart in the samples)
    expect(numberAt(amounts, 1, 'a')).toBe(7);
    expect(rowMask(3, [{ column: status, criterion: 'Open', columnName: 's', criterionName: 'c' }], 'rows')).toEqual([
      true,
      true,
      false,
    ]);

    status[1] = '赢单';
    status[2] = 'nonsense';
    dates[0] = '2026-01-05';
    amounts[1] = 'abc';
    expect(codeAt(status, 1, Status, 'status')).toBe('Won');
    expect(codeAt(status, 2, Status, 'status')).toBeInstanceOf(CalcError);
    expect(dateAt(dates, 0, 'd')).toBe(46027);
    expect(numberAt(amounts, 1, 'a')).toBeInstanceOf(CalcError);
    expect(rowMask(3, [{ column: status, criterion: 'Open', columnName: 's', criterionName: 'c' }], 'rows')).toEqual([
      true,
      false,
      false,
    ]);
    // And back: a bad cell made good is read as good.
    amounts[1] = '8';
    expect(numberAt(amounts, 1, 'a')).toBe(8);
  });

  test('a what-if change to a column already read is seen by the next evaluation', () => {
    const sample = generateSample({ size: 80, seed: 5 });
    const engine = WorkbookEngine.build(sample, { asOf: 46352 });
    try {
      const opp = sample.tables.Opportunities!;
      const sj = opp.headers.indexOf('Status');
      const aj = opp.headers.indexOf('Amount');
      const openRow = opp.rows.findIndex((r) => keyOf(r[sj]) === 'OPEN' && (toNumber(r[aj]) ?? 0) > 0);
      expect(openRow).toBeGreaterThanOrEqual(0);
      const amount = toNumber(opp.rows[openRow][aj])!;
      const formula = '=CRM3.SUMWHERE(Opp_Amount,Opp_Status,"Open")';
      const before = engine.calculate(formula) as number;
      expect(engine.calculate(formula)).toBe(before); // read twice: the memo is warm
      engine.apply([{ table: 'Opportunities', row: openRow, column: 'Status', value: 'Won' }]);
      // The row left the open pipeline, so the sum drops by exactly its amount.
      expect(engine.calculate(formula)).toBeCloseTo(before - amount, 6);
      engine.apply([{ table: 'Opportunities', row: openRow, column: 'Status', value: 'Open' }]);
      expect(engine.calculate(formula)).toBeCloseTo(before, 6);
    } finally {
      engine.destroy();
    }
  });
});
