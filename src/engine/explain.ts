/**
 * "How is this computed": an indicator's formula split into the arguments of its outer
 * function (or the operands of its outer operator), each evaluated on the workbook, so a
 * manager sees the formula and the numbers that went in. Splitting is token-aware: commas
 * inside strings or nested parentheses do not split.
 */
import { isoFromSerial } from '../core/cells';
import { Locale, bi, pick } from '../core/i18n';
import { SETTINGS } from '../model/config';
import { TABLES } from '../model/schema';
import { Token, tokenize } from './formulaText';
import { EngineValue, WorkbookEngine } from './workbookEngine';

export interface ExplainedPart {
  /** The argument or operand as written (`Opp_Status`, `PeriodStart`, `"Open"`). */
  text: string;
  /** Its value: a number/text for a scalar, "300 rows" for a column, "(blank)" when omitted. */
  value: string;
}

const BLANK = { 'en-US': '(blank)', 'zh-CN': '（空）' } as const;
const rows = (n: number, locale: Locale) => pick(bi(n === 1 ? '1 row' : `${n} rows`, `${n} 行`), locale);

/** A token of the formula with where it starts and how deep in parentheses it sits (a closer at its opener's depth). */
interface PlacedToken extends Token {
  at: number;
  depth: number;
}

/** The formula's tokens (formulaText's tokenizer: strings, quoted sheet names, numbers like 1E-3), placed. */
function placedTokens(text: string): PlacedToken[] {
  const out: PlacedToken[] = [];
  let at = 0;
  let depth = 0;
  for (const t of tokenize(text)) {
    const opens = t.kind === 'other' && (t.text === '(' || t.text === '{');
    const closes = t.kind === 'other' && (t.text === ')' || t.text === '}');
    if (closes) depth--;
    out.push({ ...t, at, depth });
    if (opens) depth++;
    at += t.text.length;
  }
  return out;
}

/** Splits `text` at top-level occurrences of `separator` (outside strings and parentheses). */
export function splitTopLevel(text: string, separator: ','): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const t of placedTokens(text)) {
    if (t.kind === 'other' && t.text === separator && t.depth === 0) {
      parts.push(text.slice(start, t.at));
      start = t.at + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/** Index of the parenthesis closing the one at `open`, or -1. */
function closingParen(text: string, open: number): number {
  const tokens = placedTokens(text);
  const opener = tokens.find((t) => t.at === open && t.text === '(');
  if (!opener) return -1;
  const closer = tokens.find((t) => t.at > open && t.text === ')' && t.depth === opener.depth);
  return closer ? closer.at : -1;
}

/** Top-level binary operators, lowest precedence first (Excel: comparison, &, +/-, * /, ^). */
const OPERATOR_LEVELS = [['=', '<>', '<=', '>=', '<', '>'], ['&'], ['+', '-'], ['*', '/'], ['^']];

/** Splits at the lowest-precedence top-level operator, or returns undefined when there is none. */
function splitOperands(text: string): string[] | undefined {
  const tokens = placedTokens(text).filter((t) => t.kind === 'other' && t.depth === 0);
  for (const ops of OPERATOR_LEVELS) {
    const parts: string[] = [];
    let start = 0;
    for (const t of tokens) {
      // The second character of a two-character operator (<>, <=, >=) was taken with the first.
      if (t.at < start) continue;
      const op = ops.find((o) => text.startsWith(o, t.at));
      // A sign at the start or after another operator is unary, not a split point.
      if (!op || t.at === start || /[-+*/^&=<>(,]$/.test(text.slice(0, t.at).trimEnd())) continue;
      parts.push(text.slice(start, t.at));
      start = t.at + op.length;
    }
    if (parts.length > 0) return [...parts, text.slice(start)].map((p) => p.trim());
  }
  return undefined;
}

/** A formula that is one CRM3 call: the function id and its argument texts (blank ones as ''). */
export function outerCall(formula: string): { id: string; args: string[] } | undefined {
  let body = formula.trim().replace(/^=/, '').trim();
  while (body.startsWith('(') && closingParen(body, 0) === body.length - 1) body = body.slice(1, -1).trim();
  const call = /^CRM3\.([A-Za-z0-9_]+)\s*\(/i.exec(body);
  if (!call || closingParen(body, call[0].length - 1) !== body.length - 1) return undefined;
  const args = body.slice(call[0].length, -1);
  return { id: call[1].toUpperCase(), args: args.trim() === '' ? [] : splitTopLevel(args, ',') };
}

/** The parts a formula is explained by: its outer function's arguments, else its outer operands. */
export function formulaParts(formula: string): string[] {
  let body = formula.trim().replace(/^=/, '').trim();
  while (body.startsWith('(') && closingParen(body, 0) === body.length - 1) body = body.slice(1, -1).trim();
  const call = /^[A-Za-z_][\w.]*\s*\(/.exec(body);
  if (call && closingParen(body, call[0].length - 1) === body.length - 1) {
    const args = body.slice(call[0].length, -1);
    return args.trim() === '' ? [] : splitTopLevel(args, ',');
  }
  return splitOperands(body) ?? [body];
}

const COLUMN_NAME = new RegExp(`^(?:${TABLES.map((t) => t.prefix).join('|')})_\\w+$`);
const DATE_SETTINGS = new Set(SETTINGS.filter((s) => s.type === 'date').map((s) => s.name as string));

function show(v: EngineValue, locale: Locale): string {
  if (v === null) return BLANK[locale];
  if (typeof v === 'object') return `${v.error}${v.message ? ` ${v.message}` : ''}`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  // Digit groups (76,200,000): planners compare these with the amounts they see in cells.
  if (typeof v === 'number') return Number(v.toPrecision(10)).toLocaleString('en-US', { maximumFractionDigits: 10 });
  return v;
}

/** calculate() that answers a formula HyperFormula cannot parse with an error value, never a throw. */
function safeCalculate(engine: WorkbookEngine, formula: string): EngineValue {
  try {
    return engine.calculate(formula);
  } catch (e) {
    return { error: '#ERROR!', message: e instanceof Error ? e.message : String(e) };
  }
}

/** How many rows a part yields when it is a column (a name or an array-returning call), else undefined. */
function rowCount(engine: WorkbookEngine, part: string): number | undefined {
  const n = safeCalculate(engine, `=ROWS(${part})`);
  return typeof n === 'number' && n > 1 ? n : undefined;
}

/** Evaluates each part of `formula` on `engine`, in the order written. */
export function explainFormula(engine: WorkbookEngine, formula: string, locale: Locale): ExplainedPart[] {
  return formulaParts(formula).map((text) => {
    if (text === '') return { text: BLANK[locale], value: BLANK[locale] };
    const table = COLUMN_NAME.test(text) ? TABLES.find((t) => text.startsWith(`${t.prefix}_`)) : undefined;
    if (table) return { text, value: rows(engine.layout.rowCounts[table.name] ?? 0, locale) };
    const many = /\(/.test(text) ? rowCount(engine, text) : undefined;
    if (many !== undefined) return { text, value: rows(many, locale) };
    const v = safeCalculate(engine, `=${text}`);
    const value = show(v, locale);
    return { text, value: DATE_SETTINGS.has(text) && typeof v === 'number' ? `${isoFromSerial(v)} (${v})` : value };
  });
}
