/**
 * The build step that parenthesises the engine worker's module functions (scripts/eagerModules.ts):
 * every entry of the module table becomes a parenthesised function expression with the same
 * parameters and body, and the script computes exactly what it did.
 */
import * as vm from 'vm';
import { parse } from 'acorn';
import { eagerModules } from '../../scripts/eagerModules';

/** A small script in the shapes webpack's minified output takes: method, function and arrow entries. */
const BUNDLE = `(()=>{"use strict";var e={
  12(e,t,n){const r=n(34);t.total=r.twice(20)+this.offset},
  34:function(e,t){t.twice=function(x){return 2*x};t.self=function(){return typeof this}},
  "56":(e,t,n)=>{t.label=\`sum \${n(12).total}\`}
},t={};function n(r){var o=t[r];if(void 0!==o)return o.exports;var s=t[r]={exports:{}};return e[r].call({offset:2},s,s.exports,n),s.exports}
globalThis.out={total:n(12).total,label:n(56).label,self:n(34).self()}})();`;

function run(code: string): unknown {
  const context: { out?: unknown } = {};
  vm.runInNewContext(code, context);
  return JSON.parse(JSON.stringify(context.out));
}

/** The module table's values, as acorn sees them with parentheses kept. */
function tableValues(code: string): string[] {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', preserveParens: true }) as unknown as {
    body: {
      expression: {
        callee: { expression: { body: { body: { declarations: { init: { properties: { value: { type: string } }[] } }[] }[] } } };
      };
    }[];
  };
  const table = program.body[0].expression.callee.expression.body.body[1].declarations[0].init;
  return table.properties.map((p) => p.value.type);
}

test('every module function becomes a parenthesised function expression', () => {
  const { code, wrapped } = eagerModules(BUNDLE);
  expect(wrapped).toBe(3);
  expect(tableValues(BUNDLE)).toEqual(['FunctionExpression', 'FunctionExpression', 'ArrowFunctionExpression']);
  expect(tableValues(code)).toEqual(['ParenthesizedExpression', 'ParenthesizedExpression', 'ParenthesizedExpression']);
  expect(code).toContain('12:(function(e,t,n){const r=n(34);');
  expect(code).toContain('"56":((e,t,n)=>{');
});

test('the script computes the same as before (this, nested functions, template literals)', () => {
  const before = run(BUNDLE);
  expect(before).toEqual({ total: 42, label: 'sum 42', self: 'object' });
  expect(run(eagerModules(BUNDLE).code)).toEqual(before);
});

test('already parenthesised functions (development builds) and scripts without a module table are left as they are', () => {
  const dev = `(()=>{var e={1:((e,t)=>{t.a=1}),2:(function(e,t){t.b=2})};globalThis.out=e})();`;
  expect(eagerModules(dev)).toEqual({ code: dev, wrapped: 0 });
  const plain = `(()=>{const a={x:1,y:"z"};globalThis.out=a})();`;
  expect(eagerModules(plain)).toEqual({ code: plain, wrapped: 0 });
});

test('applying it twice changes nothing more', () => {
  const once = eagerModules(BUNDLE).code;
  expect(eagerModules(once)).toEqual({ code: once, wrapped: 0 });
});
