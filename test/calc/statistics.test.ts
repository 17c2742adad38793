/**
 * Statistics kernels (inverse normal, Wilson interval) and the RAG traffic light, with the
 * column results of WILSON and RAG checked in all three hosts (the shared parity harness
 * cannot hold spilled columns whose first argument is a multi-row range; see
 * test/functions/cases/indicators.cases.ts).
 */
import fc from 'fast-check';
import { HyperFormula } from 'hyperformula';
import { CalcError, Cell } from '../../src/core/cells';
import { ragColumn, ragOf } from '../../src/calc/rag';
import {
  confidenceLevel,
  inverseNormal,
  wilsonBound,
  wilsonColumn,
  wilsonInterval,
  zForConfidence,
} from '../../src/calc/statistics';
import { buildCrm3Plugin, crm3Translations } from '../../src/functions/hyperformula/crm3Plugin';
import { VERSION } from '../../src/version';
import { ArgSpec, Outcome, ParityCase, col, err, runExcel, runKernel, sameOutcome, val } from '../support/parity';

const RUNS = { numRuns: 200 };

describe('inverseNormal', () => {
  test('known two-sided z values', () => {
    expect(Math.abs(zForConfidence(0.95) - 1.959963985)).toBeLessThan(1e-9);
    expect(Math.abs(zForConfidence(0.9) - 1.644853627)).toBeLessThan(1e-9);
    expect(Math.abs(zForConfidence(0.99) - 2.575829304)).toBeLessThan(1e-9);
  });
  test('known quantiles, centre and tails', () => {
    expect(inverseNormal(0.5)).toBe(0);
    // Φ(1) = 0.8413447460685429, Φ(2) = 0.9772498680518208 (tables)
    expect(Math.abs(inverseNormal(0.8413447460685429) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(inverseNormal(0.9772498680518208) - 2)).toBeLessThan(1e-12);
    expect(Math.abs(inverseNormal(0.999) - 3.090232306167813)).toBeLessThan(1e-12);
    expect(Math.abs(inverseNormal(1e-10) + 6.361340902404056)).toBeLessThan(1e-10);
    expect(Number.isNaN(inverseNormal(0))).toBe(true);
    expect(Number.isNaN(inverseNormal(1))).toBe(true);
    expect(Number.isNaN(inverseNormal(Number.NaN))).toBe(true);
  });
  test('property: symmetric (where 1 − p is exact enough)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
        (p) => Math.abs(inverseNormal(p) + inverseNormal(1 - p)) <= 1e-9,
      ),
      RUNS,
    );
  });
  test('property: increasing', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-300, max: 1, noNaN: true, maxExcluded: true }),
        fc.double({ min: 1e-300, max: 1, noNaN: true, maxExcluded: true }),
        (p, q) => (p < q ? inverseNormal(p) <= inverseNormal(q) : inverseNormal(p) >= inverseNormal(q)),
      ),
      RUNS,
    );
  });
});

describe('Wilson interval', () => {
  test('hand-computed: 0 of 10 upper = z² / (n + z²), 10 of 10 lower = n / (n + z²)', () => {
    const z = zForConfidence(0.95);
    expect(wilsonInterval(0, 10, z).upper).toBeCloseTo((z * z) / (10 + z * z), 14);
    expect(wilsonInterval(10, 10, z).lower).toBeCloseTo(10 / (10 + z * z), 14);
    expect(wilsonInterval(0, 10, z).lower).toBe(0);
    expect(wilsonInterval(10, 10, z).upper).toBe(1);
  });
  test('property: 0 ≤ lower ≤ p ≤ upper ≤ 1 and lower ≤ centre ≤ upper', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (n, share, c) => {
          const wins = Math.floor(share * n);
          const p = wins / n;
          const w = wilsonInterval(wins, n, zForConfidence(c));
          return (
            0 <= w.lower &&
            w.lower <= p + 1e-12 &&
            p <= w.upper + 1e-12 &&
            w.upper <= 1 &&
            w.lower <= w.center &&
            w.center <= w.upper
          );
        },
      ),
      RUNS,
    );
  });
  test('property: more confidence, wider interval', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const wins = Math.floor(share * n);
        const narrow = wilsonInterval(wins, n, zForConfidence(0.8));
        const wide = wilsonInterval(wins, n, zForConfidence(0.99));
        return wide.lower <= narrow.lower + 1e-12 && wide.upper >= narrow.upper - 1e-12;
      }),
      RUNS,
    );
  });
  test('counts are checked, with the row named in columns', () => {
    const z = zForConfidence(0.95);
    expect((wilsonBound(5, 3, 'Lower', z) as CalcError).code).toBe('VALUE');
    expect((wilsonBound(2.5, 3, 'Lower', z) as CalcError).message.en).toContain('whole number');
    const col3 = wilsonColumn([1, 2, 9], [4, 4, 4], 'Lower', 0.95) as unknown[];
    expect((col3[2] as CalcError).message.en).toContain('row 3');
    expect(wilsonBound(0, 0, 'Lower', z)).toBeNull();
  });
  test('confidence: fraction, percent, out of range → #NUM!', () => {
    expect(confidenceLevel(0.9)).toBe(0.9);
    expect(confidenceLevel(95)).toBe(0.95);
    for (const bad of [0, 1, 100, -0.5, 250]) expect((confidenceLevel(bad) as CalcError).code).toBe('NUM');
  });
});

describe('RAG', () => {
  test('property: higher is better — Green at or above green, Red below red, Amber between', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (v, a, b) => {
          const green = Math.max(a, b);
          const red = Math.min(a, b);
          const r = ragOf(v, { direction: 'HigherIsBetter', green, red });
          return r === (v >= green ? 'Green' : v < red ? 'Red' : 'Amber');
        },
      ),
      RUNS,
    );
  });
  test('property: lower is better mirrors higher is better', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (v, a, b) => {
          const green = Math.min(a, b);
          const red = Math.max(a, b);
          return (
            ragOf(v, { direction: 'LowerIsBetter', green, red }) ===
            ragOf(-v, { direction: 'HigherIsBetter', green: -green, red: -red })
          );
        },
      ),
      RUNS,
    );
  });
  test('inconsistent thresholds give a bilingual message', () => {
    const r = ragColumn([0.4], { direction: 'HigherIsBetter', green: 0.3, red: 0.5 }) as CalcError;
    expect(r.code).toBe('VALUE');
    expect(r.message.en).toContain('green (0.3) must be at least red (0.5)');
    expect(r.message.zh).toContain('越高越好');
  });
  test('fuzz: any value column gives one status, blank or error per row', () => {
    const anyCell = fc.oneof(
      fc.constant<Cell>(null),
      fc.double() as fc.Arbitrary<Cell>,
      fc.string() as fc.Arbitrary<Cell>,
      fc.boolean() as fc.Arbitrary<Cell>,
    );
    fc.assert(
      fc.property(fc.array(anyCell, { maxLength: 30 }), (values) => {
        const r = ragColumn(values, { direction: 'LowerIsBetter', green: 0.1, red: 0.2 });
        return (
          Array.isArray(r) &&
          r.length === Math.max(1, values.length) &&
          r.every((x) => x === null || x instanceof CalcError || ['Green', 'Amber', 'Red'].includes(x as string))
        );
      }),
      RUNS,
    );
  });
});

describe('VERSION', () => {
  test('"CRM3 <version>" equal to package.json', () => {
    const pkg = require('../../package.json') as { version: string };
    expect(runKernel({ fn: 'VERSION', name: 'v', args: [], expect: null })).toBe(`CRM3 ${pkg.version}`);
    expect(VERSION).toBe(pkg.version);
  });
});

/**
 * Column results in all three hosts. HyperFormula gets the formula in A1 and the arguments
 * from column C on, so the spilled column has room.
 */
function runHyperFormulaColumns(cases: ParityCase[]): Outcome[] {
  HyperFormula.registerFunctionPlugin(buildCrm3Plugin(), crm3Translations());
  const letter = (i: number) => String.fromCharCode(67 + 2 * i); // C, E, G, …
  const sheets: Record<string, unknown[][]> = {};
  cases.forEach((c, k) => {
    const cells: unknown[][] = [[]];
    const refs = c.args.map((a: ArgSpec, i) => {
      if (a.kind === 'omit') return '';
      const rows = a.kind === 'value' || a.kind === 'literal' ? [[a.value]] : a.rows;
      rows.forEach((r, ri) => {
        while (cells.length <= ri) cells.push([]);
        const v = r[0];
        cells[ri][2 + 2 * i] =
          v !== null && typeof v === 'object'
            ? { VALUE: '=1+"x"', NA: '=NA()', DIV0: '=1/0' }[v.error as 'VALUE' | 'NA' | 'DIV0']
            : v;
      });
      return a.kind === 'value' ? `${letter(i)}1` : `${letter(i)}1:${letter(i)}${rows.length}`;
    });
    cells[0][0] = `=CRM3.${c.fn}(${refs.join(',')})`;
    sheets[`Case${k}`] = cells;
  });
  const hf = HyperFormula.buildFromSheets(sheets as never, { licenseKey: 'gpl-v3', smartRounding: false });
  const out = cases.map((_, k) => {
    const sheet = hf.getSheetId(`Case${k}`)!;
    const one = (v: unknown): Cell | { error: string } => {
      if (v && typeof v === 'object' && 'type' in v)
        return {
          error:
            ({ VALUE: 'VALUE', NA: 'NA', DIV_BY_ZERO: 'DIV0' } as Record<string, string>)[(v as { type: string }).type] ??
            'OTHER',
        };
      return v === '' || v === undefined ? null : (v as Cell);
    };
    const values: (Cell | { error: string })[] = [];
    for (let r = 0; hf.isCellPartOfArray({ sheet, row: r, col: 0 }); r++)
      values.push(one(hf.getCellValue({ sheet, row: r, col: 0 })));
    return (values.length ? values : [one(hf.getCellValue({ sheet, row: 0, col: 0 }))]) as Outcome;
  });
  hf.destroy();
  return out;
}

describe('column results agree in kernel, Excel adapter and HyperFormula', () => {
  // 4/7 lower 0.250458…, 0/10 lower 0, 10/10 lower 0.722467…, blank → blank, 5 > 3 → #VALUE!, 0/0 → blank
  const columnCases: ParityCase[] = [
    {
      fn: 'WILSON',
      name: 'lower bounds per row',
      args: [col(4, 0, 10, null, 5, 0), col(7, 10, 10, 7, 3, 0)],
      expect: [0.25045836452765724, 0, 0.72246720013711085, null, err('VALUE'), null],
    },
    {
      fn: 'WILSON',
      name: 'upper bounds per row (上限)',
      args: [col(4, 0, 10), col(7, 10, 10), val('上限')],
      expect: [0.84178014474853025, 0.27753279986288915, 1],
    },
    // one total for every row: 4 of 7 and 0 of 7 (lower of 0 wins is 0)
    { fn: 'WILSON', name: 'one total shared by every row', args: [col(4, 0), val(7)], expect: [0.25045836452765724, 0] },
    {
      fn: 'RAG',
      name: 'one status per value',
      args: [col(0.42, null, 0.2, 'x', 0.6), val('HigherIsBetter'), val(0.5), val(0.3)],
      expect: ['Amber', null, 'Red', err('VALUE'), 'Green'],
    },
    {
      fn: 'RAG',
      name: 'lower is better per value (越低越好)',
      args: [col(0.1, 0.2, 0.31), val('越低越好'), val(0.15), val(0.3)],
      expect: ['Green', 'Amber', 'Red'],
    },
  ];
  const hf = runHyperFormulaColumns(columnCases);
  test.each(columnCases.map((c, i) => [c.name, c, i] as const))('%s', (_n, c, i) => {
    for (const got of [runKernel(c), runExcel(c), hf[i]]) if (!sameOutcome(got, c.expect)) expect(got).toEqual(c.expect);
  });
  test('a row error names the row', () => {
    const r = ragColumn([0.1, 'x'], { direction: 'HigherIsBetter', green: 0.5, red: 0.3 }) as unknown[];
    expect((r[1] as CalcError).message.en).toBe('value, row 2: "x" is not a number');
  });
});
