/**
 * invoke: what every host gets from a kernel. Each argument's error rule (the first error cell
 * decides a propagated error; rows without errors pass unchanged) and the result's cleaning
 * (NaN and ±∞ → #NUM!, -0 → 0, undefined → blank; a 1×1 result unwrapped), on a declaration
 * made here whose kernel echoes what it was given. Expected values are written out by hand.
 */
import { CalcError, Grid, Result } from '../../src/core/cells';
import { bi } from '../../src/core/i18n';
import { NO_MATCH } from '../../src/calc/criteria';
import { FunctionDeclaration, ParamDeclaration } from '../../src/functions/declaration';
import { InputCell, invoke } from '../../src/functions/invoke';

const text = bi('test', '测试');
const param = (name: string, errors?: ParamDeclaration['errors']): ParamDeclaration => ({
  name,
  kind: 'range',
  description: text,
  ...(errors ? { errors } : {}),
});

/** A column-shaped declaration sized by `values`; its kernel returns `kernel(values grid, other grid)`. */
function declaration(params: ParamDeclaration[], kernel: (a: Grid, b?: Grid) => Result | Grid): FunctionDeclaration {
  return {
    id: 'ECHO',
    family: 'winrate',
    description: text,
    example: '=CRM3.ECHO(A1:A3)',
    exampleResult: text,
    params,
    result: { shape: { kind: 'column', lengthOf: 'values' }, type: 'any' },
    errors: [],
    evaluate: (args) => <Result>kernel(args.grid(params[0].name), params[1] ? args.optGrid(params[1].name) : undefined),
  };
}

const na = new CalcError('NA', text);
const div0 = new CalcError('DIV0', text);
const codeOf = (v: unknown) => (v instanceof CalcError ? v.code : v);
const codes = (r: Result | unknown[][]) => (Array.isArray(r) ? r.map((row) => row.map(codeOf)) : codeOf(r));

describe('invoke: argument error rules', () => {
  test('propagate: the first error cell (by row, then column) is the whole result, named after the argument', () => {
    const d = declaration([param('values', 'perRow'), param('other')], (a) => a);
    const other: InputCell[][] = [[1], [div0], [na]];
    const r = invoke(d, [[[1], [2], [3]], other]);
    expect(r).toBeInstanceOf(CalcError);
    expect((r as CalcError).code).toBe('DIV0');
    expect((r as CalcError).message.en).toContain('other');
  });

  test('perRow: only the rows with an error carry it; the others pass as the same row arrays', () => {
    const seen: Grid[] = [];
    const d = declaration([param('values')], (a) => {
      seen.push(a);
      return a.map((row) => [row[0] === null ? 'blank' : row[0]]);
    });
    const rows: InputCell[][] = [['a'], [na], ['c']];
    const r = invoke(d, [rows]);
    expect(codes(r)).toEqual([['a'], ['NA'], ['c']]);
    // The kernel saw a blank where the error was, and the untouched rows themselves.
    expect(seen[0][1]).toEqual([null]);
    expect(seen[0][0]).toBe(rows[0]);
    expect(seen[0][2]).toBe(rows[2]);
  });

  test('noMatch, blank and keep', () => {
    const got = (errors: ParamDeclaration['errors']) => {
      let seen: Grid = [];
      const d = declaration([param('values', 'perRow'), param('filter', errors)], (a, b) => {
        seen = b!;
        return a;
      });
      invoke(d, [
        [[1], [2]],
        [['Open'], [na]],
      ]);
      return seen;
    };
    expect(got('noMatch')).toEqual([['Open'], [NO_MATCH]]);
    expect(got('blank')).toEqual([['Open'], [null]]);
    const kept = got('keep');
    expect(kept[0]).toEqual(['Open']);
    expect(codeOf(kept[1][0])).toBe('NA');
  });

  test('a grid without errors is passed as it is', () => {
    let seen: Grid | undefined;
    const d = declaration([param('values')], (a) => {
      seen = a;
      return a;
    });
    const rows: InputCell[][] = [[1], [2]];
    invoke(d, [rows]);
    expect(seen).toBe(rows);
  });
});

describe('invoke: the result as hosts get it', () => {
  test('NaN, ±∞ → #NUM!, -0 → 0, undefined → blank; clean rows unchanged', () => {
    const d = declaration([param('values')], () => [
      [1],
      [NaN],
      [-0],
      [undefined as never],
      [Infinity],
      [-Infinity],
      ['x'],
      [true],
    ]);
    const r = invoke(d, [[[0], [0], [0], [0], [0], [0], [0], [0]]]) as unknown[][];
    expect(codes(r)).toEqual([[1], ['NUM'], [0], [null], ['NUM'], ['NUM'], ['x'], [true]]);
    expect(Object.is(r[2][0], -0)).toBe(false);
  });

  test('a one-cell result is unwrapped, and cleaned', () => {
    expect(
      invoke(
        declaration([param('values')], () => [[-0]]),
        [[[1]]],
      ),
    ).toBe(0);
    expect(
      codes(
        invoke(
          declaration([param('values')], () => [[NaN]]),
          [[[1]]],
        ),
      ),
    ).toBe('NUM');
    expect(
      invoke(
        declaration([param('values')], () => [[7]]),
        [[[1]]],
      ),
    ).toBe(7);
  });
});
