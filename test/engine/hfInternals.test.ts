/**
 * One test per HyperFormula internal the engine touches (src/engine/hfInternals.ts and the
 * per-instance message language of the plugin). If a HyperFormula upgrade changes a shape,
 * the touchpoint reports false (and leaves HyperFormula alone), and these tests say which.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import {
  ArraySize,
  CellError,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula';
import {
  callNode,
  cellExporter,
  cheapSpillMapping,
  exportAsCalculated,
  formulaVertexOf,
  instanceKey,
  lazyColumnRange,
  nameTarget,
  placeFree,
  skipChangeLists,
} from '../../src/engine/hfInternals';
import { WorkbookEngine } from '../../src/engine/workbookEngine';
import { generateSample } from '../../src/model/sample';

const config = { licenseKey: 'gpl-v3', useArrayArithmetic: true } as const;

describe('quiet evaluation (skipChangeLists)', () => {
  test('values are computed as before, and no list of changed cells is built', () => {
    const hf = HyperFormula.buildFromArray([[1, '=A1*2', '=B1+A1']], config);
    expect(skipChangeLists(hf)).toBe(true);
    const changes = hf.setCellContents({ sheet: 0, row: 0, col: 0 }, [[5]]);
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 1 })).toBe(10);
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 2 })).toBe(15);
    // HyperFormula's own evaluation would list B1 and C1 (and A1) here.
    expect(changes.filter((c) => 'address' in c && c.address.col > 0)).toEqual([]);
    hf.destroy();
  });
});

describe('spill bookkeeping without address lists (cheapSpillMapping)', () => {
  const n = 1000;
  const column = Array.from({ length: n }, (_, i) => [i + 1]);
  const value = (hf: HyperFormula, row: number, col = 1) => hf.getCellValue({ sheet: 0, row, col });

  test('is installed on the pinned HyperFormula', () => {
    expect(cheapSpillMapping()).toBe(true);
    // Put in place by the next instance built (its first function plugin is given the graph).
    const hf = HyperFormula.buildEmpty(config);
    const graph = Object.getPrototypeOf((hf as unknown as { dependencyGraph: object }).dependencyGraph) as Record<
      string,
      { name: string }
    >;
    expect(graph.isThereSpaceForArray.name).toBe('cheapIsThereSpaceForArray');
    expect(graph.setAddressMappingForArrayVertex.name).toBe('cheapSetAddressMappingForArrayVertex');
    expect(cheapSpillMapping()).toBe(true);
    // The one-time setter is gone: plugins hold the graph as their own property, as without it.
    expect(Object.prototype.hasOwnProperty.call(FunctionPlugin.prototype, 'dependencyGraph')).toBe(false);
    hf.destroy();
  });

  test('a spill maps every cell of its area to the array, built or set later', () => {
    cheapSpillMapping();
    const hf = HyperFormula.buildFromArray(
      column.map((r, i) => [r[0], i === 0 ? '=A1:A1000*2' : null]),
      config,
    );
    for (const row of [0, 1, 499, n - 1]) expect(value(hf, row)).toBe(2 * (row + 1));
    expect(hf.isCellPartOfArray({ sheet: 0, row: n - 1, col: 1 })).toBe(true);
    hf.setCellContents({ sheet: 0, row: 0, col: 2 }, [['=B1:B1000+1']]);
    expect(value(hf, n - 1, 2)).toBe(2 * n + 1);
    hf.destroy();
  });

  /** A spill blocked, unblocked, set again: what each step shows at a few cells (plain JS: it also runs in a child process). */
  function scenario(HF: typeof HyperFormula, options: typeof config): unknown[] {
    const rows = 1000;
    const hf = HF.buildFromArray(
      Array.from({ length: rows }, (_, i) => [i + 1, null]),
      options,
    );
    const seen: unknown[] = [];
    const look = () =>
      seen.push(
        [0, 1, 700, rows - 1].map((row) => {
          const v = hf.getCellValue({ sheet: 0, row, col: 1 });
          return typeof v === 'object' && v !== null ? (v as { type: string }).type : v;
        }),
      );
    hf.setCellContents({ sheet: 0, row: 700, col: 1 }, [['in the way']]);
    hf.setCellContents({ sheet: 0, row: 0, col: 1 }, [['=A1:A1000*2']]);
    look();
    hf.setCellContents({ sheet: 0, row: 700, col: 1 }, [[null]]);
    look();
    hf.setCellContents({ sheet: 0, row: 0, col: 1 }, [['=A1:A1000*3']]);
    look();
    hf.setCellContents({ sheet: 0, row: 5, col: 1 }, [[7]]);
    look();
    hf.destroy();
    return seen;
  }

  test('a cell in the way, cleared, then typed over: the same as HyperFormula’s own code (run in a separate process)', () => {
    cheapSpillMapping();
    const patched = scenario(HyperFormula, config);
    const own = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '-e',
          `const { HyperFormula } = require('hyperformula'); const config = ${JSON.stringify(config)};
           console.log(JSON.stringify((${scenario.toString()})(HyperFormula, config)));`,
        ],
        { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' },
      ),
    ) as unknown[];
    expect(patched).toEqual(own);
    expect(patched[0]).toEqual(['SPILL', null, 'in the way', null]);
    expect(patched[2]).toEqual([3, 6, 2103, 3000]);
  });

  test('a what-if recomputes the spill in place (the dirty mark of WorkbookEngine.apply)', () => {
    const engine = WorkbookEngine.build(generateSample({ size: 60, seed: 2 }), { asOf: 46352 });
    const before = engine.computedColumn('Opportunities', 'Probability');
    const status = engine.inputColumn('Opportunities', 'Status');
    const row = status.findIndex((s) => s === 'Open');
    engine.apply([{ table: 'Opportunities', row, column: 'Status', value: 'Won' }]);
    const after = engine.computedColumn('Opportunities', 'Probability');
    expect(after[row]).toBe(1);
    expect(after.filter((_, i) => i !== row)).toEqual(before.filter((_, i) => i !== row));
    engine.destroy();
  });
});

describe('message language per engine (no state shared between engines)', () => {
  const badCall = '=CRM3.WINRATE(Opp_Status, "x")';
  const han = /[\u4e00-\u9fff]/;

  test('a Chinese engine built later (a zh client copy) does not change the English engine’s messages', () => {
    const pane = WorkbookEngine.build(generateSample({ size: 40, seed: 1 }), { asOf: 46352, locale: 'en-US' });
    const message = () => (pane.calculate(badCall) as { message: string }).message;
    const first = message();
    expect(first).not.toMatch(han);
    const copy = WorkbookEngine.build(generateSample({ size: 40, seed: 1, locale: 'zh-CN' }), {
      asOf: 46352,
      locale: 'zh-CN',
    });
    expect((copy.calculate(badCall) as { message: string }).message).toMatch(han);
    // The pane's engine recomputes after an edit: still English.
    pane.apply([{ table: 'Opportunities', row: 0, column: 'Status', value: 'Won' }]);
    expect(message()).toBe(first);
    copy.destroy();
    pane.destroy();
  });
});

describe('what a defined name points at (nameTarget)', () => {
  test("a one-cell name and a range name, with the first cell's call and spilled result", () => {
    const hf = HyperFormula.buildFromArray(
      [
        [1, '=CONCATENATE("w1","Opp_Status")', '=SEQUENCE(3)'],
        [2, null, null],
        [3, null, null],
      ],
      config,
      [
        { name: 'Handle', expression: '=Sheet1!$B$1' },
        { name: 'Values', expression: '=Sheet1!$A$1:$A$3' },
        { name: 'Spilled', expression: '=Sheet1!$C$1:$C$3' },
        { name: 'Block', expression: '=Sheet1!$A$1:$C$3' },
      ],
    );
    // What a function evaluating in D1 sees (HyperFormula hands its plugins the dependency graph).
    const plugin = { dependencyGraph: (hf as unknown as { dependencyGraph: object }).dependencyGraph };
    const state = { formulaAddress: { sheet: 0, row: 0, col: 3 } };
    const handle = nameTarget(plugin, 'Handle', state);
    expect(handle).toMatchObject({ rows: 1, cols: 1, call: { name: 'CONCATENATE', texts: ['w1', 'Opp_Status'] } });
    expect(nameTarget(plugin, 'Values', state)).toEqual({ rows: 3, cols: 1 });
    expect(handle?.columnCalls).toBeUndefined();
    const spilled = nameTarget(plugin, 'Spilled', state);
    expect(spilled).toMatchObject({ rows: 3, cols: 1, call: { name: 'SEQUENCE' } });
    expect(spilled?.spill?.array).toEqual([[1], [2], [3]]);
    // A block: the call atop each of its columns (none atop A).
    const block = nameTarget(plugin, 'Block', state);
    expect(block).toMatchObject({ rows: 3, cols: 3 });
    expect(block?.columnCalls).toEqual([
      undefined,
      { name: 'CONCATENATE', texts: ['w1', 'Opp_Status'] },
      { name: 'SEQUENCE', texts: [''] },
    ]);
    expect(nameTarget(plugin, 'NoSuchName', state)).toBeUndefined();
    expect(nameTarget({}, 'Handle', state)).toBeUndefined();
    hf.destroy();
  });
});

/** What a plugin function sees of one call: its node, its instance, its arguments as HyperFormula evaluated them. */
interface Seen {
  node: unknown;
  plugin: object;
  values: unknown[];
}
const seen: Seen[] = [];
class ProbePlugin extends FunctionPlugin {
  static override implementedFunctions = {
    'CRM3.PROBE': {
      method: 'probe',
      parameters: [{ argumentType: FunctionArgumentType.ANY, optionalArg: true }],
      repeatLastArgs: 1,
      vectorizationForbidden: true,
    },
  };
  // Each argument evaluated as the CRM3 plugin evaluates the ones no shortcut serves (errors included).
  probe(ast: { args: unknown[] }, state: unknown): unknown {
    const values = ast.args.map((a) => this.evaluateAst(a as never, state as never));
    seen.push({ node: ast, plugin: this, values });
    return 1;
  }
}
HyperFormula.registerFunctionPlugin(ProbePlugin, { enGB: { 'CRM3.PROBE': 'CRM3.PROBE' }, enUS: { 'CRM3.PROBE': 'CRM3.PROBE' } });

/** Evaluates `=CRM3.PROBE(args)` in B1 of a small sheet and returns what the outer probe saw. */
function probe(args: string): { hf: HyperFormula; call: Seen } {
  seen.length = 0;
  const hf = HyperFormula.buildFromArray(
    [
      [5, null],
      [-2, null],
      ['x', null],
    ],
    config,
  );
  hf.addNamedExpression('Amounts', '=Sheet1!$A$1:$A$2');
  hf.setCellContents({ sheet: 0, row: 0, col: 1 }, [[`=CRM3.PROBE(${args})`]]);
  // Nested probes run first (arguments are evaluated before their call): the outer call is the last seen.
  expect(seen.length).toBeGreaterThan(0);
  return { hf, call: seen[seen.length - 1] };
}

describe('a value as calculateFormula returns it (exportAsCalculated)', () => {
  test('ranges, errors, dates, blanks, texts: the same as calculateFormula of the argument', () => {
    const args = ['Amounts*2', '1/0', 'DATE(2026,11,26)', 'A1:A3', '""', 'A9', 'NoSuchName', 'TRUE()', '"Open"'];
    const { hf, call } = probe(args.join(','));
    // An error's `address` says which cell it arose in (B1 here, none for calculateFormula); the engine reads type, value and message.
    const plain = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(plain)
        : v !== null && typeof v === 'object'
          ? { ...(v as object), address: undefined, kind: v.constructor.name }
          : v;
    args.forEach((text, i) => {
      const exported = exportAsCalculated(hf, call.values[i]);
      expect(exported).toBeDefined();
      expect(plain(exported!.value)).toEqual(plain(hf.calculateFormula(`=${text}`, 0)));
    });
    // A date exports as its serial, a division by zero as HyperFormula's error object.
    expect(exportAsCalculated(hf, call.values[2])!.value).toBe(46352);
    expect((exportAsCalculated(hf, call.values[1])!.value as { value: string }).value).toBe('#DIV/0!');
    hf.destroy();
  });
});

describe('one cell of a range as HyperFormula exports it (cellExporter)', () => {
  // Plain numbers that smart rounding would change, texts, booleans, a blank.
  const column = [[0.1 + 0.2], [1 / 3], [1e-300], [-5], ['Open'], ['赢单'], [true], [false], [null]];
  /** What `=CRM3.PROBE(A1:A9,1/0,DATE(2026,11,26))` was given, in an instance with or without smart rounding. */
  const probed = (smartRounding: boolean) => {
    seen.length = 0;
    const hf = HyperFormula.buildFromArray(column, { ...config, smartRounding });
    hf.setCellContents({ sheet: 0, row: 0, col: 1 }, [['=CRM3.PROBE(A1:A9,1/0,DATE(2026,11,26))']]);
    return { hf, values: seen[seen.length - 1].values };
  };
  const cells = (hf: HyperFormula, value: unknown): unknown[] => {
    const exportCell = cellExporter(hf);
    expect(exportCell).toBeDefined();
    return (value as { data: unknown[][] }).data.map((row) => exportCell!(row[0]));
  };
  const asCalculated = (hf: HyperFormula, value: unknown): unknown[] =>
    (exportAsCalculated(hf, value)!.value as unknown[][]).map((row) => row[0]);

  test('each cell as exportAsCalculated exports the range, without smart rounding (the engine’s configuration)', () => {
    const { hf, values } = probed(false);
    expect(cells(hf, values[0])).toEqual(asCalculated(hf, values[0]));
    expect(cells(hf, values[0])).toEqual([0.1 + 0.2, 1 / 3, 1e-300, -5, 'Open', '赢单', true, false, null]);
    // An error as HyperFormula's error object, a date as its serial.
    const exportCell = cellExporter(hf)!;
    expect((exportCell(values[1]) as { value: string }).value).toBe('#DIV/0!');
    expect(exportCell(values[2])).toBe(46352);
    hf.destroy();
  });

  test('with smart rounding, numbers are rounded as the exporter rounds them', () => {
    const { hf, values } = probed(true);
    expect(cells(hf, values[0])).toEqual(asCalculated(hf, values[0]));
    expect(cells(hf, values[0])[0]).toBe(0.3);
    hf.destroy();
  });
});

describe('one instance as a plugin function sees it (instanceKey)', () => {
  test('the same key from the instance and from its plugin functions; another instance has another', () => {
    const a = probe('1');
    const b = probe('2');
    expect(instanceKey(a.hf)).toBeDefined();
    expect(instanceKey(a.call.plugin)).toBe(instanceKey(a.hf));
    expect(instanceKey(b.call.plugin)).toBe(instanceKey(b.hf));
    expect(instanceKey(b.hf)).not.toBe(instanceKey(a.hf));
    a.hf.destroy();
    b.hf.destroy();
  });
});

describe('formula syntax trees (callNode, placeFree)', () => {
  test("a call's node names it and holds its argument nodes; a nested call is handed that very node", () => {
    const { hf, call } = probe('CRM3.PROBE(Amounts),"Open"');
    const outer = callNode(call.node);
    expect(outer?.procedureName).toBe('CRM3.PROBE');
    expect(outer?.args).toHaveLength(2);
    // The inner probe ran first: its node is the outer's first argument.
    seen.length = 0;
    hf.setCellContents({ sheet: 0, row: 1, col: 1 }, [['=CRM3.PROBE(CRM3.PROBE(Amounts),"Open")']]);
    expect(seen).toHaveLength(2);
    expect(callNode(seen[1].node)!.args[0]).toBe(seen[0].node);
    expect(callNode({ type: 'NUMBER', value: 1 })).toBeUndefined();
    hf.destroy();
  });

  test('names, literals, operators and CRM3 calls are place-free; cell references and other functions are not', () => {
    const cases: [string, boolean][] = [
      ['Amounts', true],
      ['"Open"', true],
      ['-1.5', true],
      ['">"&(Amounts-2)', true],
      ['CRM3.PROBE(Amounts,,"x")', true],
      ['A1', false],
      ['Sheet1!A1:A2', false],
      ['CRM3.PROBE(A1)', false],
      ['TODAY()', false],
      ['CRM3.PROBE(RAND())', false],
      ['1+A2', false],
    ];
    const { hf, call } = probe(cases.map((c) => c[0]).join(','));
    const args = callNode(call.node)!.args;
    expect(args.map((a) => placeFree(a))).toEqual(cases.map((c) => c[1]));
    hf.destroy();
  });
});

/**
 * A cell whose formula returns an error tied to its own cell (formulaVertexOf): the same object
 * again means "unchanged" to HyperFormula, so what reads the cell is not recalculated.
 */
const rooted = { fresh: true, kept: undefined as CellError | undefined, runs: 0 };
class RootedErrorPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    'CRM3.ROOTED': { method: 'rooted', parameters: [{ argumentType: FunctionArgumentType.ANY }] },
    'CRM3.COUNTRUNS': { method: 'countRuns', parameters: [{ argumentType: FunctionArgumentType.ANY }] },
  };
  rooted(ast: { args: unknown[] }, state: unknown): CellError {
    this.evaluateAst(ast.args[0] as never, state as never);
    if (rooted.fresh || !rooted.kept) rooted.kept = new CellError(ErrorType.REF, 'handle', formulaVertexOf(state) as never);
    return rooted.kept;
  }
  countRuns(): number {
    return ++rooted.runs;
  }
}
HyperFormula.registerFunctionPlugin(RootedErrorPlugin, {
  enGB: { 'CRM3.ROOTED': 'CRM3.ROOTED', 'CRM3.COUNTRUNS': 'CRM3.COUNTRUNS' },
  enUS: { 'CRM3.ROOTED': 'CRM3.ROOTED', 'CRM3.COUNTRUNS': 'CRM3.COUNTRUNS' },
});

describe('the formula cell being evaluated (formulaVertexOf)', () => {
  test('an error tied to it is kept as it is; returned again, what reads the cell does not re-run', () => {
    rooted.fresh = true;
    rooted.runs = 0;
    const hf = HyperFormula.buildFromArray([[1, '=CRM3.ROOTED(A1)', '=CRM3.COUNTRUNS(B1)']], config);
    const graph = (hf as unknown as { dependencyGraph: { getCell(a: object): { getCellValue(): unknown } } }).dependencyGraph;
    const b1 = { sheet: 0, row: 0, col: 1 };
    expect(formulaVertexOf({ formulaVertex: graph.getCell(b1) })).toBe(graph.getCell(b1));
    expect(formulaVertexOf({})).toBeUndefined();
    expect(formulaVertexOf(undefined)).toBeUndefined();
    // HyperFormula holds the very error the function returned, and says where it arose (as for its own errors).
    expect(graph.getCell(b1).getCellValue()).toBe(rooted.kept);
    expect(hf.getCellValue(b1)).toMatchObject({ type: 'REF', message: 'handle', address: 'Sheet1!B1' });
    const runs = rooted.runs;
    // A1 changes, B1 re-runs and returns a new error: C1 re-runs.
    hf.setCellContents({ sheet: 0, row: 0, col: 0 }, [[2]]);
    expect(rooted.runs).toBe(runs + 1);
    // B1 re-runs and returns the same error: C1 does not.
    rooted.fresh = false;
    hf.setCellContents({ sheet: 0, row: 0, col: 0 }, [[3]]);
    expect(rooted.runs).toBe(runs + 1);
    expect(graph.getCell(b1).getCellValue()).toBe(rooted.kept);
    hf.destroy();
  });
});

/** Records the nodes its runFunction evaluates through evaluateAst (what crm3Plugin's evaluateArgument relies on). */
const throughPlugin = { nodes: [] as unknown[] };
class ArgumentsPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    'CRM3.ARGS': {
      method: 'args',
      parameters: [{ argumentType: FunctionArgumentType.ANY }, { argumentType: FunctionArgumentType.ANY, optionalArg: true }],
    },
  };
  override evaluateAst(ast: Parameters<FunctionPlugin['evaluateAst']>[0], state: Parameters<FunctionPlugin['evaluateAst']>[1]) {
    throughPlugin.nodes.push(ast);
    return super.evaluateAst(ast, state);
  }
  args(ast: { args: unknown[] }, state: unknown): unknown {
    const metadata = (this as unknown as { metadata(name: string): unknown }).metadata('CRM3.ARGS');
    return (
      this as unknown as { runFunction(args: unknown[], s: unknown, m: unknown, f: (...v: unknown[]) => unknown): unknown }
    ).runFunction(
      ast.args,
      state,
      metadata,
      (a: unknown, b: unknown) => (typeof a === 'number' ? a : 0) + (typeof b === 'number' ? b : 0),
    );
  }
}
HyperFormula.registerFunctionPlugin(ArgumentsPlugin, { enGB: { 'CRM3.ARGS': 'CRM3.ARGS' }, enUS: { 'CRM3.ARGS': 'CRM3.ARGS' } });

describe("a plugin function's arguments evaluated through the plugin (runFunction → evaluateAst)", () => {
  test('each argument node of the call, a nested call among them, goes through the plugin’s own evaluateAst', () => {
    throughPlugin.nodes.length = 0;
    const hf = HyperFormula.buildFromArray([[2, '=CRM3.ARGS(A1,CRM3.ARGS(3))']], config);
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 1 })).toBe(5);
    const outer = throughPlugin.nodes.map((n) => callNode(n)?.procedureName ?? (n as { type?: string }).type);
    // The outer call's two arguments (a cell reference, then the nested call), and the nested call's own argument.
    expect(outer).toEqual(expect.arrayContaining(['CELL_REFERENCE', 'CRM3.ARGS', 'NUMBER']));
    hf.destroy();
  });
});

/** A function whose result is a lazily made column (lazyColumnRange): `made` counts the times its rows were made. */
const lazy = { made: 0 };
class LazyColumnPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    'CRM3.LAZY': { method: 'lazy', parameters: [], sizeOfResultArrayMethod: 'lazySize', vectorizationForbidden: true },
  };
  lazy(): unknown {
    return lazyColumnRange()!(4, () => {
      lazy.made++;
      return [[1], ['Won'], [''], [new CellError(ErrorType.NA, 'none')]];
    });
  }
  lazySize(): ArraySize {
    return new ArraySize(1, 4);
  }
}
HyperFormula.registerFunctionPlugin(LazyColumnPlugin, { enGB: { 'CRM3.LAZY': 'CRM3.LAZY' }, enUS: { 'CRM3.LAZY': 'CRM3.LAZY' } });

describe('a range value whose cells are made when first read (lazyColumnRange)', () => {
  test('its size is known before its rows are made; the rows are made once, on the first read', () => {
    const make = lazyColumnRange();
    expect(make).toBeDefined();
    let made = 0;
    const range = make!(3, () => {
      made++;
      return [[7], [8], [9]];
    });
    expect(range).toBeInstanceOf(SimpleRangeValue);
    expect([range.width(), range.height(), range.isAdHoc()]).toEqual([1, 3, true]);
    expect(made).toBe(0);
    expect(range.data).toEqual([[7], [8], [9]]);
    expect(range.rawData()).toBe(range.data);
    expect(range.valuesFromTopLeftCorner()).toEqual([7, 8, 9]);
    expect(range.hasOnlyNumbers()).toBe(true);
    expect(made).toBe(1);
  });

  test('spilled as cells, and read by a built-in function, as the rows it makes', () => {
    lazy.made = 0;
    const hf = HyperFormula.buildFromArray(
      [['=CRM3.LAZY()', '=COUNTA(CRM3.LAZY())', '=SUM(CRM3.LAZY())', '=INDEX(CRM3.LAZY(),2,1)']],
      config,
    );
    const cells = [0, 1, 2, 3].map((row) => hf.getCellValue({ sheet: 0, row, col: 0 }));
    expect(cells.slice(0, 3)).toEqual([1, 'Won', '']);
    expect(cells[3]).toMatchObject({ type: 'NA', message: 'none' });
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 1 })).toBe(4);
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 2 })).toMatchObject({ type: 'NA' });
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 3 })).toBe('Won');
    expect(lazy.made).toBe(4);
    hf.destroy();
  });
});
