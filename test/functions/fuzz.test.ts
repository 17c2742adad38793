/**
 * Bad input is a feature: every catalog function, fed arbitrary cells and shapes (NaN, ±∞,
 * −0, huge/tiny numbers, Chinese text, emoji, formula-injection text, booleans, blanks,
 * errors, ragged and mismatched ranges, 0×0), never throws and returns a value or an error
 * with a message in both languages — through the shared invoker and the Excel adapter.
 */
import fc from 'fast-check';
import { CalcError, Scalar, toNumber } from '../../src/core/cells';
import { catalog } from '../../src/functions/catalog';
import { excelFunction } from '../../src/functions/excel/excelAdapter';
import { InputArg, InputCell, gridDimensions, invoke, resultSize } from '../../src/functions/invoke';
import { stubRuntime } from '../support/parity';

const nastyCell: fc.Arbitrary<InputCell> = fc.oneof(
  fc.constantFrom<InputCell>(
    NaN,
    Infinity,
    -Infinity,
    -0,
    0,
    1,
    1e308,
    -1e308,
    5e-324,
    46352,
    2958466,
    null,
    '',
    '  ',
    true,
    false,
  ),
  fc.constantFrom<InputCell>(
    'Open',
    'Won',
    '赢单',
    '进行中',
    'A',
    'Yes',
    '是',
    '?',
    'Mentor',
    '决策者',
    'Discover',
    '发现',
    'E_NEED',
    'Matrix',
    '2026-01-31',
    '2026年3月5日',
    '>=4',
    '*',
    'A,B',
  ),
  fc.constantFrom<InputCell>("=cmd|' /c calc'!A1", '😀📈', '客户𠀋', 'NaN', '1e999', '-0', '\u0000', 'x'.repeat(300)),
  fc.double(),
  fc.integer({ min: -5, max: 10 }),
  fc.string(),
  fc.constantFrom<InputCell>(new CalcError('DIV0', { en: 'e', zh: 'e' }), new CalcError('NA', { en: 'e', zh: 'e' })),
);

const gridArb = (maxRows: number): fc.Arbitrary<InputCell[][]> =>
  fc.oneof(
    fc
      .integer({ min: 0, max: maxRows })
      .chain((rows) =>
        fc
          .integer({ min: 0, max: 4 })
          .chain((cols) =>
            fc.array(fc.array(nastyCell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
          ),
      ),
    // ragged rows (a host never sends these, but nothing may break on them)
    fc.array(fc.array(nastyCell, { maxLength: 4 }), { maxLength: 4 }),
  );

const argArb: fc.Arbitrary<InputArg> = fc.oneof(fc.constant(undefined), nastyCell, gridArb(8));

function checkResult(r: unknown, expected: { rows: number; cols: number } | undefined): void {
  const checkScalar = (s: Scalar) => {
    if (s instanceof CalcError) {
      expect(['VALUE', 'NA', 'DIV0', 'NUM', 'REF', 'NAME', 'NULL']).toContain(s.code);
      expect(typeof s.message.en).toBe('string');
      expect(typeof s.message.zh).toBe('string');
      return;
    }
    expect(s === null || ['number', 'string', 'boolean'].includes(typeof s)).toBe(true);
    if (typeof s === 'number') expect(Number.isFinite(s)).toBe(true);
  };
  if (Array.isArray(r)) {
    for (const row of r) {
      if (expected !== undefined) expect(row.length).toBe(expected.cols);
      for (const c of row) checkScalar(c);
    }
    if (expected !== undefined) expect(r.length).toBe(expected.rows);
  } else checkScalar(r as Scalar);
}

/** The number an argument holds, as a host would type it into the formula (a row list's height). */
function typedNumber(a: InputArg): number | undefined {
  const v = Array.isArray(a) ? (a.length === 1 && a[0].length === 1 ? a[0][0] : undefined) : a;
  return typeof v === 'number' ? v : typeof v === 'string' ? toNumber(v) : undefined;
}

describe.each(catalog.map((d) => [d.id, d] as const))('%s never throws', (_id, decl) => {
  test('arbitrary arguments through the invoker and the Excel adapter', () => {
    const excel = excelFunction(decl, stubRuntime, () => 'zh-CN');
    fc.assert(
      fc.property(fc.array(argArb, { minLength: 0, maxLength: decl.params.length }), (args) => {
        const r = invoke(decl, args);
        const size = resultSize(
          decl.result.shape,
          decl.params.map((p) => p.name),
          (i) => gridDimensions(args[i]),
          (i) => typedNumber(args[i]),
        );
        checkResult(r, Array.isArray(r) ? size : undefined);
        expect(() => excel(...args.map((a) => (a instanceof CalcError ? null : a)))).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });
});

/** Plain-loop check of a (possibly huge) result: per-element expect() would take minutes. */
function problemsIn(r: unknown): string[] {
  const bad: string[] = [];
  const scalar = (s: unknown, at: string) => {
    if (s instanceof CalcError) {
      if (!['VALUE', 'NA', 'DIV0', 'NUM', 'REF', 'NAME', 'NULL'].includes(s.code) || typeof s.message.en !== 'string')
        bad.push(`${at}: bad error`);
    } else if (!(s === null || typeof s === 'string' || typeof s === 'boolean' || (typeof s === 'number' && Number.isFinite(s))))
      bad.push(`${at}: ${String(s)}`);
  };
  if (Array.isArray(r)) {
    const width = Array.isArray(r[0]) ? r[0].length : 0;
    r.forEach((row, i) =>
      Array.isArray(row) && row.length === width && width > 0
        ? row.forEach((c: unknown, k: number) => scalar(c, `row ${i} column ${k}`))
        : bad.push(`row ${i}: not as wide as row 0`),
    );
  } else scalar(r, 'value');
  return bad.slice(0, 5);
}

describe('1,000,000-row columns', () => {
  const n = 1_000_000;
  const statusLike = new Array(n).fill(['Open']);
  const numberLike = new Array(n).fill([3]);
  test.each(catalog.map((d) => [d.id, d] as const))('%s copes', (_id, decl) => {
    const args = decl.params.map((p, i) =>
      p.kind === 'range' ? (i % 2 === 0 ? statusLike : numberLike) : p.optional ? undefined : 46352,
    );
    expect(problemsIn(invoke(decl, args))).toEqual([]);
  });
});
