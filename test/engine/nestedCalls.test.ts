/**
 * Explanations reuse the values the build computed for each indicator's nested CRM3 calls
 * (engine/nestedCalls.ts, issue #15). What is kept must be what evaluating the call again
 * gives (`calculateArray` of its text, the path explanations took before), after the build,
 * after a what-if and under other settings; explanations with and without the record are the
 * same, and a nested call whose value depends on its cell (a cell reference, a volatile or
 * other function) is not kept.
 */
import { CalcError } from '../../src/core/cells';
import { HeldColumn } from '../../src/functions/args';
import { InputArg } from '../../src/functions/invoke';
import { explainIndicator, formulaWorking } from '../../src/engine/indicatorWorking';
import { WorkbookEngine } from '../../src/engine/workbookEngine';
import { BUILT_IN_INDICATORS } from '../../src/model/indicators';
import { generateSample } from '../../src/model/sample';
import { IndicatorRow } from '../../src/model/snapshot';
import { caseSnapshot } from '../support/engineResults';
import { hfOf, keptAgainstCalculated, nestedArguments } from '../support/nestedRecords';

const ASOF = 46352; // 2026-11-26

describe('nested CRM3 calls kept from the build', () => {
  const engine = WorkbookEngine.build(generateSample({ size: 400, seed: 3 }), { asOf: ASOF });
  afterAll(() => engine.destroy());

  test('every nested call of the built-in indicators is kept, with the value evaluating it again gives', () => {
    const expected = BUILT_IN_INDICATORS.flatMap((r) => nestedArguments(r.formula, undefined)).length;
    expect(expected).toBeGreaterThanOrEqual(15); // COUNTBY, LOOKUPBY, LASTACTIVITY, STALE, ENUMSCORE, …
    const { kept, pairs } = keptAgainstCalculated(engine, hfOf(engine));
    expect(kept).toBe(expected);
    for (const [recorded, calculated] of pairs) expect(recorded).toEqual(calculated);
  });

  test('after a what-if and under other settings the record is the one of the last evaluation', () => {
    const status = engine.inputColumn('Opportunities', 'Status');
    const changes = status.flatMap((s, row) =>
      s === 'Open' && row % 3 === 0 ? [{ table: 'Opportunities' as const, row, column: 'Status', value: 'Lost' }] : [],
    );
    const base = keptAgainstCalculated(engine, hfOf(engine)).pairs;
    engine.apply(changes);
    const changed = keptAgainstCalculated(engine, hfOf(engine));
    for (const [recorded, calculated] of changed.pairs) expect(recorded).toEqual(calculated);
    // Some nested value did change (a COUNTBY over open deals), so the record was renewed, not kept from the build.
    expect(changed.pairs.some(([r], i) => JSON.stringify(r) !== JSON.stringify(base[i][0]))).toBe(true);
    engine.apply(changes.map((c) => ({ ...c, value: 'Open' })));
    engine.withConfig([{ setting: 'StaleDays', value: 5 }], (e) => {
      for (const [recorded, calculated] of keptAgainstCalculated(e, hfOf(e)).pairs) expect(recorded).toEqual(calculated);
    });
    for (const [recorded, calculated] of keptAgainstCalculated(engine, hfOf(engine)).pairs) expect(recorded).toEqual(calculated);
  });

  test('explanations with the record equal those that evaluate every argument again', () => {
    let explained = 0;
    for (const { row, value } of engine.indicators()) {
      const recorded = engine.indicatorCalls(row);
      expect(recorded).toBeDefined();
      const withRecord = formulaWorking(engine, row.formula, recorded);
      expect(withRecord).toEqual(formulaWorking(engine, row.formula));
      if (explainIndicator(engine, row, value, { locale: 'zh-CN' })) explained++;
    }
    expect(explained).toBeGreaterThanOrEqual(30);
  });
});

describe('nested calls whose value depends on where they are', () => {
  const sample = generateSample({ size: 120, seed: 5 });
  const own = (id: string, formula: string): IndicatorRow => ({ ...BUILT_IN_INDICATORS[0], id, formula });
  const mentor = 'CRM3.COUNTBY(Dc_OppId,Opp_OppId,Dc_Support,"Mentor")';
  const indicators = [
    own('PLAIN', `=CRM3.SHARE(${mentor},">0",Opp_Status,"Open")`),
    own('VOLATILE', `=CRM3.SHARE(CRM3.COUNTBY(Dc_OppId,Opp_OppId,Dc_Support,IF(TODAY()>0,"Mentor","x")),">0",Opp_Status,"Open")`),
    own('CELL', `=CRM3.SHARE(CRM3.COUNTBY(Dc_OppId,Opp_OppId,Dc_Support,A1),">0",Opp_Status,"Open")`),
  ];
  const engine = WorkbookEngine.build({ ...sample, indicators }, { asOf: ASOF });
  afterAll(() => engine.destroy());

  test('are recorded as calls but their values are not kept, and the explanation calculates them', () => {
    const [plainRow, volatileRow, cellRow] = engine.indicators();
    const kept = (r: IndicatorRow) => engine.indicatorCalls(r)?.args[0]?.kept;
    expect(kept(plainRow.row)).toBeDefined();
    expect(engine.indicatorCalls(volatileRow.row)?.args[0]?.call?.name).toBe('CRM3.COUNTBY');
    expect(kept(volatileRow.row)).toBeUndefined();
    expect(kept(cellRow.row)).toBeUndefined();
    for (const { row } of [volatileRow, cellRow])
      expect(formulaWorking(engine, row.formula, engine.indicatorCalls(row))).toEqual(formulaWorking(engine, row.formula));
  });

  test('a row that is not the engine’s own, or a formula the engine holds in other words, has no record', () => {
    const [plainRow] = engine.indicators();
    expect(engine.indicatorCalls({ ...plainRow.row })).toBeDefined(); // a copy (withCatalogWords) finds its row
    expect(engine.indicatorCalls({ ...plainRow.row, formula: `=CRM3.SHARE(${mentor},">0",Opp_Status,"Won")` })).toBeUndefined();
    expect(engine.indicatorCalls({ ...plainRow.row, id: 'OTHER' })).toBeUndefined();
  });
});

describe('a nested column read from the record (a column result held, its rows never made)', () => {
  const engine = WorkbookEngine.build(caseSnapshot({ name: 'messy', size: 300, seed: 4, locale: 'en-US', messy: true }), {
    asOf: ASOF,
  });
  afterAll(() => engine.destroy());
  const cells = (a: InputArg): unknown[] =>
    (a instanceof HeldColumn ? a.values : Array.isArray(a) ? (a as unknown[][]).map((r) => r[0]) : [a]).map((c) =>
      c instanceof CalcError ? `#${c.code} ${c.message.en}` : c,
    );

  test('is the argument calculating its text gives, blanks and errors as a function reads them', () => {
    let blanks = 0;
    let compared = 0;
    for (const { row } of engine.indicators()) {
      for (const [text, call, kept] of nestedArguments(row.formula, engine.indicatorCalls(row))) {
        if (!kept) continue;
        const fromRecord = cells(engine.argument(text, { call, kept: kept as { value: unknown } }));
        expect(fromRecord).toEqual(cells(engine.argument(text)));
        compared++;
        if (fromRecord.includes(null)) blanks++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(15);
    // Some recorded column holds a blank (a '' in HyperFormula's cells: null to a function).
    expect(blanks).toBeGreaterThan(0);
  });
});
