/**
 * "How is this computed?" for an indicator (issue #19): the working of the kernel its formula
 * ends in, computed by that kernel on the formula's own arguments (src/calc/*Working.ts), in
 * the indicator's words, in the user's language. The value is the kernel's; the parts redo
 * it. Rows are listed (id, name, where) only when asked: the evaluation JSON keeps counts.
 */
import { CalcError, Cell, showCell } from '../core/cells';
import { Locale, Message, pick } from '../core/i18n';
import { formatValue } from '../core/format';
import { Operand, coverageWorking, ratioWorking } from '../calc/compositeWorking';
import { Working, WorkingArithmetic, WorkingUnit, countingRows, withWords, workingSentence } from '../calc/working';
import { TABLES, TableName, tableSpec } from '../model/schema';
import { IndicatorRow, WorkbookSnapshot, rowCell } from '../model/snapshot';
import { outerCall } from './explain';
import { namesIn } from './formulaLanguage';
import { EngineValue, WorkbookEngine } from './workbookEngine';
import type { RecordedCall } from './nestedCalls';

/** One row behind a part: its id and name, and where it is in the workbook. */
export interface DrillRow {
  /** 0-based data row of the table as evaluated (a scope's rows). */
  row: number;
  id: string;
  name: string;
  /** The sheet and cell of the row's first column in the workbook, when known. */
  sheet?: string;
  cell?: string;
}

export interface ExplainPart {
  key: string;
  label: string;
  value: number;
  /** The value as shown (by unit, in the user's language). */
  shown: string;
  /** The exact decimal when `value` rounds it. */
  exact?: string;
  count: number;
  unit: WorkingUnit;
  of?: string;
  table?: string;
  rows?: DrillRow[];
}

export interface ExplainLeftOut {
  key: string;
  reason: string;
  count: number;
  table?: string;
  rows?: DrillRow[];
}

/** An indicator's working as results carry it (`IndicatorResult.explain`). */
export interface IndicatorExplain {
  /** "66 deals won ÷ 124 deals closed (won 66, lost 44, no decision 14) = 53.2%; closed between …". */
  sentence: string;
  arithmetic: WorkingArithmetic;
  value: number | null;
  unit: WorkingUnit;
  parts: ExplainPart[];
  filters: string[];
  leftOut: ExplainLeftOut[];
  formula: string;
}

export interface ExplainOptions {
  locale: Locale;
  /** List the rows behind each part (drill-down); off by default. */
  rows?: boolean;
  /** The workbook as read, to say where each row is (a scope's engine holds a subset). */
  workbook?: WorkbookSnapshot;
}

const TABLE_OF_PREFIX = new Map(TABLES.map((t) => [t.prefix, t.name]));

function tableOfName(name: string): TableName | undefined {
  const cut = name.indexOf('_');
  return cut > 0 ? TABLE_OF_PREFIX.get(name.slice(0, cut)) : undefined;
}

/**
 * The table whose rows a call runs over: that of its first argument that is a column name
 * (a filter such as Opp_Status), else of the first column its first argument mentions. A
 * nested per-group call (COUNTBY(Dc_OppId, Opp_OppId, …)) yields the groups' rows, so a
 * plain column beside it says more than the names inside it.
 */
function tableOf(args: readonly string[]): TableName | undefined {
  for (const a of args) {
    const t = /^\s*[A-Za-z]+_\w+\s*$/.test(a) ? tableOfName(a.trim()) : undefined;
    if (t) return t;
  }
  for (const name of namesIn(args[0] ?? '')) {
    const t = tableOfName(name);
    if (t) return t;
  }
  return undefined;
}

/** An argument in words: a column name reads as its header in zh (Opp_CloseDate → 结单日期), anything else as written. */
function argumentWords(text: string): Message {
  const table = tableOfName(text);
  const column = table ? tableSpec(table).columns.find((c) => c.name === text.slice(text.indexOf('_') + 1)) : undefined;
  return { en: text, zh: column ? `“${column.zh}”` : text };
}

/** `{filter1}` → the argument the formula gives there (Opp_Status). */
function fillIn(m: Message, args: ReadonlyMap<string, Message>): Message {
  const fill = (s: string, zh: boolean) =>
    s.replace(/\{(\w+)\}/g, (all, name: string) => {
      const a = args.get(name);
      return a ? (zh ? a.zh : a.en) : all;
    });
  // zh: a quoted column name needs no space before the words that follow it (“结单日期”在 …).
  return { en: fill(m.en, false), zh: fill(m.zh, true).replace(/”\s+(?=[\u4e00-\u9fff])/g, '”') };
}

function withArguments(w: Working, names: readonly string[], texts: readonly string[], table: TableName | undefined): Working {
  const args = new Map(names.map((n, i) => [n, argumentWords((texts[i] ?? '').trim() || n)]));
  return {
    ...w,
    parts: w.parts.map((p) => ({ ...p, label: fillIn(p.label, args), table: p.table ?? table })),
    leftOut: w.leftOut.map((l) => ({ ...l, reason: fillIn(l.reason, args), table: l.table ?? table })),
    filters: w.filters.map((f) => ({ ...f, text: fillIn(f.text, args) })),
  };
}

const constant = (text: string): number | undefined => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : undefined);

/** The record of the build for `call` when it is that call (same function, same number of arguments). */
function sameCall(call: { id: string; args: string[] }, recorded: RecordedCall | undefined): RecordedCall | undefined {
  return recorded && recorded.name.toUpperCase() === `CRM3.${call.id}` && recorded.arity === call.args.length
    ? recorded
    : undefined;
}

/**
 * The working of a formula that is one explainable CRM3 call (RATIO and COVERAGE of such
 * calls included). `recorded`: the formula's CRM3 calls as the build evaluated them
 * (`WorkbookEngine.indicatorCalls`): a nested call's value is read from there, not evaluated again.
 */
export function formulaWorking(engine: WorkbookEngine, formula: string, recorded?: RecordedCall): Working | undefined {
  const call = outerCall(formula);
  if (!call) return undefined;
  const own = sameCall(call, recorded);
  if (call.id === 'RATIO' || call.id === 'COVERAGE') {
    const ops: Operand[] = [];
    for (const [i, text] of call.args.entries()) {
      const n = constant(text);
      if (n !== undefined) ops.push(n);
      else if (text.trim() === '') ops.push(null);
      else {
        const sub = formulaWorking(engine, text, own?.args[i]?.call);
        if (!sub) return undefined;
        ops.push(sub);
      }
    }
    if (call.id === 'RATIO') return ops.length === 2 ? ratioWorking(ops[0], ops[1]) : undefined;
    return ops.length >= 2 && ops.length <= 3 ? coverageWorking(ops[0], ops[1], ops[2] ?? 0) : undefined;
  }
  // A nested call's kept value serves only where the text there is that very call.
  const values = own?.args.map((a, i) => {
    const nested = a?.call && outerCall(call.args[i]);
    return nested && sameCall(nested, a.call) ? a : undefined;
  });
  const w = engine.working(call.id, call.args, values);
  if (!w || w instanceof CalcError) return undefined;
  const names = engine.parameterNames(call.id);
  return withArguments(w, names, call.args, tableOf(call.args));
}

/** The column that names a row of each table in a drill-down list (id, then a name). */
const ROW_NAMES: Partial<Record<TableName, readonly [string, string | undefined]>> = {
  Accounts: ['AccountId', 'AccountName'],
  Opportunities: ['OppId', 'OppName'],
  Contacts: ['ContactId', 'Name'],
  DecisionChain: ['OppId', 'ContactId'],
  Activities: ['ActivityId', 'Type'],
  Targets: ['Period', 'Owner'],
  Actions: ['AccountId', 'Action'],
};

const text = (v: EngineValue): string =>
  v === null || typeof v === 'object' ? '' : typeof v === 'string' ? v : showCell(v as Cell);

/** Drill-down rows of one table: id, name, and where each row is in the workbook as read. */
function drillRows(
  engine: WorkbookEngine,
  table: string | undefined,
  rows: readonly number[],
  workbook?: WorkbookSnapshot,
): DrillRow[] {
  const t = table as TableName | undefined;
  const naming = t ? ROW_NAMES[t] : undefined;
  if (!t || !naming) return rows.map((row) => ({ row, id: String(row + 1), name: '' }));
  const ids = engine.inputColumn(t, naming[0]);
  const names = naming[1] ? engine.inputColumn(t, naming[1]) : [];
  const source = workbook?.tables[t];
  const scopedIds = ids.map(text);
  // Where a row is: the workbook's row with the same id (a scope's rows are a subset), else the same index.
  let rowOfId: Map<string, number> | undefined;
  if (source) {
    const j = source.headers.indexOf(naming[0]);
    if (j >= 0 && (t === 'Accounts' || t === 'Opportunities' || t === 'Contacts' || t === 'Activities')) {
      rowOfId = new Map();
      source.rows.forEach((r, i) => {
        const id = text((r[j] ?? null) as EngineValue);
        if (id && !rowOfId!.has(id)) rowOfId!.set(id, i);
      });
    }
  }
  return rows.map((row) => {
    const id = scopedIds[row] ?? '';
    const out: DrillRow = { row, id: id || String(row + 1), name: text(names[row] ?? null) };
    const at = rowOfId ? rowOfId.get(id) : source && source.rows.length === ids.length ? row : undefined;
    if (source && at !== undefined) {
      out.sheet = source.sheet;
      out.cell = rowCell(source, at);
    }
    return out;
  });
}

/** A row left out of one operand of a ratio or coverage says which: "amount won in the period: not won". */
function operandReason(w: Working, key: string, reason: string, locale: Locale): string {
  const cut = key.indexOf(':');
  const operand = cut > 0 ? w.parts.find((p) => p.key === key.slice(0, cut)) : undefined;
  if (!operand) return reason;
  const label = pick(operand.label, locale);
  return label ? `${label}${locale === 'zh-CN' ? '：' : ': '}${reason}` : reason;
}

/** `{=StaleDays}` in an indicator's words → the setting's value on this workbook (30). */
function withSettings(engine: WorkbookEngine, w: Working): Working {
  const values = new Map<string, string>();
  const fill = (m: Message): Message => {
    const one = (text: string) =>
      text.replace(/\{=(\w+)\}/g, (all, name: string) => {
        if (!values.has(name)) {
          const v = engine.calculate(`=${name}`);
          values.set(name, typeof v === 'number' || typeof v === 'string' ? String(v) : all);
        }
        return values.get(name)!;
      });
    return { en: one(m.en), zh: one(m.zh) };
  };
  return {
    ...w,
    parts: w.parts.map((p) => ({ ...p, label: fill(p.label) })),
    leftOut: w.leftOut.map((l) => ({ ...l, reason: fill(l.reason) })),
    filters: w.filters.map((f) => ({ ...f, text: fill(f.text) })),
  };
}

/**
 * An indicator's working, localized: undefined when its formula does not end in a kernel that
 * reports its working, or when the working's value is not the cell's (a formula edited around
 * the call): an explanation that does not add up would be worse than none.
 */
export function explainIndicator(
  engine: WorkbookEngine,
  row: IndicatorRow,
  value: EngineValue,
  options: ExplainOptions,
): IndicatorExplain | undefined {
  // Without a drill-down, the parts' rows are counted, not listed (calc/working.ts countingRows).
  const work = () => formulaWorking(engine, row.formula, engine.indicatorCalls(row));
  const raw = options.rows ? work() : countingRows(work);
  if (!raw) return undefined;
  const cell = value === null || typeof value === 'object' ? null : value;
  if (raw.value !== cell) return undefined;
  // The value reads in the indicator's unit (a mean of ratios is a ratio).
  const w = withSettings(engine, { ...withWords(raw, row.words), unit: row.unit });
  const { locale } = options;
  const list = (table: string | undefined, rows: readonly number[]) =>
    options.rows ? { rows: drillRows(engine, table, rows, options.workbook) } : {};
  return {
    sentence: workingSentence(w, locale),
    arithmetic: w.arithmetic,
    value: w.value,
    unit: w.unit,
    parts: w.parts.map((p) => ({
      key: p.key,
      label: pick(p.label, locale),
      value: p.value,
      shown: formatValue(p.value, p.unit, locale),
      ...(p.exact ? { exact: p.exact } : {}),
      count: p.count,
      unit: p.unit,
      ...(p.of ? { of: p.of } : {}),
      ...(p.table ? { table: p.table } : {}),
      ...list(p.table, p.rows),
    })),
    filters: w.filters.map((f) => pick(f.text, locale)),
    leftOut: w.leftOut.map((l) => ({
      key: l.key,
      reason: operandReason(w, l.key, pick(l.reason, locale), locale),
      count: l.count,
      ...(l.table ? { table: l.table } : {}),
      ...list(l.table, l.rows),
    })),
    formula: row.formula,
  };
}
