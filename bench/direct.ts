/**
 * The "direct TypeScript" contender: the same results as the engine (40 indicators and the
 * per-row computed columns) with the CRM3 catalog called straight on plain arrays — no
 * HyperFormula, no cells, no dependency graph. It reads the same indicator formulas through a
 * tiny evaluator (function calls, names, literals, `&` and arithmetic: all the built-in
 * formulas use), so every number still comes from the one kernel (src/calc via the catalog).
 * This is the practical limit the engine is compared with, and an independent check of it.
 */
import { CalcError, Cell, Result, isBlank } from '../src/core/cells';
import { catalog } from '../src/functions/catalog';
import { InputArg, InputCell, invoke } from '../src/functions/invoke';
import { CONFIG_TABLES, ConfigTableName } from '../src/model/config';
import { defaultConfigTables } from '../src/model/defaults';
import { BUILT_IN_INDICATORS } from '../src/model/indicators';
import { TABLES } from '../src/model/schema';
import { WorkbookSnapshot } from '../src/model/snapshot';
import { criteriaOf, questionsOf } from '../src/model/workbookColumns';
import { COMPUTED_COLUMNS, resolveSettings } from '../src/engine/sheets';

type Value = InputArg;
const DECLS = new Map(catalog.map((d) => [`CRM3.${d.id}`, d]));

// ------------------------------------------------------------------ a tiny formula evaluator

type Node =
  | { kind: 'call'; name: string; args: (Node | undefined)[] }
  | { kind: 'name'; name: string }
  | { kind: 'literal'; value: Cell }
  | { kind: 'binary'; op: string; left: Node; right: Node };

const TOKEN = /\s*(?:("(?:[^"]|"")*")|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)|(<=|>=|<>|[-+*/&(),<>=]))/y;

export function parseFormula(formula: string): Node {
  const tokens: string[] = [];
  const text = formula.replace(/^=/, '');
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`cannot read formula at "${text.slice(TOKEN.lastIndex)}"`);
    tokens.push(m[0].trim());
  }
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const t = tokens[at++];
    if (expected !== undefined && t !== expected) throw new Error(`expected ${expected}, got ${t} in ${formula}`);
    return t;
  };
  const PRECEDENCE: Record<string, number> = { '&': 1, '+': 2, '-': 2, '*': 3, '/': 3 };
  function expression(min = 0): Node {
    let left = primary();
    while (peek() in PRECEDENCE && PRECEDENCE[peek()] >= min) {
      const op = take();
      left = { kind: 'binary', op, left, right: expression(PRECEDENCE[op] + 1) };
    }
    return left;
  }
  function primary(): Node {
    const t = take();
    if (t === '(') {
      const inner = expression();
      take(')');
      return inner;
    }
    if (t === '-') return { kind: 'binary', op: '-', left: { kind: 'literal', value: 0 }, right: primary() };
    if (t.startsWith('"')) return { kind: 'literal', value: t.slice(1, -1).replace(/""/g, '"') };
    if (/^\d/.test(t)) return { kind: 'literal', value: Number(t) };
    if (peek() !== '(') return { kind: 'name', name: t };
    take('(');
    const args: (Node | undefined)[] = [];
    if (peek() === ')') return (take(), { kind: 'call', name: t.toUpperCase(), args });
    for (;;) {
      args.push(peek() === ',' || peek() === ')' ? undefined : expression());
      if (take() === ')') break;
    }
    return { kind: 'call', name: t.toUpperCase(), args };
  }
  const node = expression();
  if (at !== tokens.length) throw new Error(`unexpected ${peek()} in ${formula}`);
  return node;
}

const scalarOf = (v: Value): InputCell => (Array.isArray(v) ? (v[0]?.[0] ?? null) : (v as InputCell));
const asText = (c: InputCell): string =>
  c === null || c === undefined ? '' : c === true ? 'TRUE' : c === false ? 'FALSE' : String(c);

/** A result as an argument: a column/block stays a grid, one value stays a value. */
const asArg = (r: Result): Value => r as Value;

export function evaluateNode(node: Node, names: ReadonlyMap<string, Value>): Value {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'name': {
      if (!names.has(node.name)) return new CalcError('NAME', { en: `unknown name ${node.name}`, zh: `未知名称 ${node.name}` });
      return names.get(node.name);
    }
    case 'binary': {
      const a = scalarOf(evaluateNode(node.left, names));
      const b = scalarOf(evaluateNode(node.right, names));
      if (a instanceof CalcError) return a;
      if (b instanceof CalcError) return b;
      if (node.op === '&') return asText(a) + asText(b);
      const [x, y] = [Number(a ?? 0), Number(b ?? 0)];
      return node.op === '+' ? x + y : node.op === '-' ? x - y : node.op === '*' ? x * y : x / y;
    }
    case 'call': {
      if (node.name === 'TRUE') return true;
      if (node.name === 'FALSE') return false;
      const decl = DECLS.get(node.name);
      if (!decl) throw new Error(`the direct evaluator has no function ${node.name}`);
      const args = node.args.map((a) => (a === undefined ? undefined : evaluateNode(a, names)));
      while (args.length && args[args.length - 1] === undefined) args.pop();
      return asArg(invoke(decl, args));
    }
  }
}

// ------------------------------------------------------------------ the workbook's names, as arrays

const column = (values: Cell[]): Cell[][] => values.map((v) => [v]);

/** Every name the built-in formulas use, built straight from the snapshot. */
export function namesOf(snapshot: WorkbookSnapshot, asOf: number): Map<string, Value> {
  const names = new Map<string, Value>();
  const criteria = criteriaOf(snapshot.config).map((c) => c.id);
  const questions = questionsOf(snapshot.config).map((q) => q.id);
  for (const spec of TABLES) {
    const t = snapshot.tables[spec.name];
    const n = t?.rows.length ?? 0;
    const read = (col: string) => {
      const j = t ? t.headers.indexOf(col) : -1;
      const out = new Array<Cell>(n);
      for (let i = 0; i < n; i++) out[i] = j < 0 ? null : (t!.rows[i][j] ?? null);
      return out;
    };
    const inputs = spec.columns.filter((c) => !c.computed).map((c) => c.name);
    const block = spec.dynamic === 'criteria' ? criteria : spec.dynamic === 'questions' ? questions : [];
    for (const c of [...inputs, ...block]) names.set(`${spec.prefix}_${c}`, column(read(c)));
    if (block.length) {
      const cols = block.map(read);
      const grid = Array.from({ length: n }, (_, i) => cols.map((c) => c[i]));
      names.set(spec.dynamic === 'criteria' ? 'Acc_Criteria' : 'Opp_Answers', grid);
    }
  }
  const settings = resolveSettings(snapshot, asOf);
  for (const [k, v] of Object.entries(settings)) names.set(k, v);
  const defaults = defaultConfigTables('en-US');
  for (const t of CONFIG_TABLES) {
    const given = snapshot.config[t.name as ConfigTableName];
    const table = given && given.rows.some((r) => r.some((c) => !isBlank(c))) ? given : defaults[t.name as ConfigTableName];
    const rows = table.rows.filter((r) => r.some((c) => !isBlank(c)));
    for (const c of t.columns) {
      const j = table.headers.indexOf(c.name);
      names.set(`${t.name}_${c.name}`, column(rows.map((r) => (j < 0 ? null : (r[j] ?? null)))));
    }
  }
  return names;
}

export interface DirectResults {
  indicators: { id: string; value: Value }[];
  computed: Map<string, Value>;
}

/** Computed columns in order (Tier needs Score …), then every indicator. */
export function evaluateDirect(snapshot: WorkbookSnapshot, asOf: number): DirectResults {
  const names = namesOf(snapshot, asOf);
  const computed = new Map<string, Value>();
  for (const c of COMPUTED_COLUMNS) {
    const name = `${c.table === 'Accounts' ? 'Acc' : 'Opp'}_${c.column}`;
    const v = evaluateNode(parseFormula(c.formula), names);
    names.set(name, v);
    computed.set(name, v);
  }
  const rows = snapshot.indicators?.length ? snapshot.indicators : BUILT_IN_INDICATORS;
  const indicators = rows.map((r) => ({ id: r.id, value: evaluateNode(parseFormula(r.formula), names) }));
  return { indicators, computed };
}
