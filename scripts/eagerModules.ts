/**
 * Build step (webpack.config.js): the module functions of a script whose modules all run when
 * it loads (web mode's engine worker) are written as parenthesised function expressions, which
 * V8 compiles together with the script instead of on their first call (its "PIFE" heuristic).
 *
 * Why (issue #15, web mode's first indicator): V8 compiles a script lazily. It pre-parses every
 * function once to find where it ends, and parses a function again, whole, when it is first
 * called. webpack writes each module as a function of the script's module table, so HyperFormula
 * (one module function of ~0.9 MB, its 239 modules concatenated) was read twice before the worker
 * could start: pre-parsed with the script, then parsed again when the worker required it. A
 * parenthesised function is parsed whole once, with the script; the functions inside it stay lazy.
 * Measured in the worker's thread time: script compile +14 ms, module evaluation −51 ms.
 *
 * The code is otherwise unchanged: each `id(a,b,c){…}` / `id:function(a,b,c){…}` /
 * `id:(a,b)=>{…}` entry of the module table becomes `id:(function(a,b,c){…})` or
 * `id:((a,b)=>{…})`, with the same parameters and body.
 */
import { parse } from 'acorn';

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}
interface FunctionNode extends Node {
  params: Node[];
  body: Node;
  async: boolean;
  generator: boolean;
}
interface PropertyNode extends Node {
  key: Node & { value?: unknown; raw?: string };
  value: FunctionNode;
  method: boolean;
  computed: boolean;
  kind: string;
}

const isFunction = (n: Node): n is FunctionNode => n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';

/** A module table: an object literal of numeric (or string) keys whose values are all plain functions. */
function isModuleTable(n: Node): boolean {
  const properties = n.properties as PropertyNode[] | undefined;
  if (n.type !== 'ObjectExpression' || !properties || properties.length === 0) return false;
  return properties.every(
    (p) =>
      p.type === 'Property' &&
      p.kind === 'init' &&
      !p.computed &&
      p.key.type === 'Literal' &&
      isFunction(p.value) &&
      !p.value.async &&
      !p.value.generator,
  );
}

/** The first module table found walking the program (webpack's `var e={…}` or a chunk's `push([[ids],{…}])`). */
function moduleTable(program: Node): Node | undefined {
  const stack: unknown[] = [program];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      for (let i = n.length - 1; i >= 0; i--) stack.push(n[i]);
      continue;
    }
    const node = n as Node;
    if (typeof node.type !== 'string') continue;
    if (isModuleTable(node)) return node;
    for (const key of Object.keys(node)) if (key !== 'type') stack.push(node[key]);
  }
  return undefined;
}

/** The script with its module table's functions parenthesised; unchanged when it has no module table. */
export function eagerModules(code: string): { code: string; wrapped: number } {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as Node;
  const table = moduleTable(program);
  if (!table) return { code, wrapped: 0 };
  const edits: { start: number; end: number; text: string }[] = [];
  for (const p of table.properties as PropertyNode[]) {
    const f = p.value;
    // Already parenthesised (webpack's development output): nothing to do.
    if (code[f.start - 1] === '(') continue;
    const key = code.slice(p.key.start, p.key.end);
    // A method `id(a,b){…}`: its parameters and body as a function expression.
    const fn = p.method ? `function${code.slice(f.start, f.end)}` : code.slice(f.start, f.end);
    edits.push({ start: p.start, end: p.end, text: `${key}:(${fn})` });
  }
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { code: out, wrapped: edits.length };
}
