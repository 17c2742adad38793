/**
 * How the engine lays a snapshot out for HyperFormula: one sheet per table (header row,
 * then data), a Config sheet (settings and methodology tables), a Calc sheet with one
 * spilled CRM3 call per computed column, and an Indicators sheet. Every column gets its
 * workbook name `<Prefix>_<Column>`, exactly as in the templates, so the same formulas work.
 */
import { Cell, isBlank, keyOf, toDateSerial } from '../core/cells';
import { TierMethod, canonical } from '../core/enumerations';
import { CONFIG_TABLES, ConfigTableName, SETTINGS, SettingName } from '../model/config';
import { calendarYearOf, defaultConfigTables } from '../model/defaults';
import { TABLES, TableName, TableSpec } from '../model/schema';
import { IndicatorRow, TableData, WorkbookSnapshot, columnLetters } from '../model/snapshot';
import { criteriaOf, questionsOf } from '../model/workbookColumns';
import { Locale } from '../core/i18n';
import { ColumnStore } from './columnStore';
import { namesIn } from './formulaLanguage';

export type SheetCells = (Cell | string)[][];

export interface NameDefinition {
  name: string;
  expression: string;
}

/** Where a computed column lives, and the spilled formula that fills it. */
export interface ComputedColumn {
  table: 'Accounts' | 'Opportunities';
  column: string;
  formula: string;
}

export interface EngineLayout {
  /** Sheets built in one go (data and Config). */
  sheets: Record<string, SheetCells>;
  names: NameDefinition[];
  /** Set after the names exist (HyperFormula sizes spilled results through names only then). */
  calc: SheetCells;
  indicatorsSheet: SheetCells;
  computed: ComputedColumn[];
  indicators: IndicatorRow[];
  /** Data rows per table (0 when the table is absent). */
  rowCounts: Record<TableName, number>;
  /** Sheet column (0-based) of each canonical column that HyperFormula holds, per table. */
  columnIndex: Record<TableName, Map<string, number>>;
  settings: Record<SettingName, Cell>;
  maxRows: number;
}

export const CALC_SHEET = 'Calc';
export const CONFIG_SHEET = 'Config';
export const INDICATORS_SHEET = 'Indicators';
/** Fewest rows a data table's (and a computed column's) names span; the extra rows are blank. */
export const MIN_DATA_ROWS = 2;

/** `=Sheet!$C$2:$C$11` for column `col` (0-based) holding `n` rows from row 2. */
export function columnRange(sheet: string, col: number, n: number, firstRow = 2, width = 1): string {
  const rows = Math.max(1, n);
  return `='${sheet}'!$${columnLetters(col + 1)}$${firstRow}:$${columnLetters(col + width)}$${firstRow + rows - 1}`;
}

/** Canonical columns of a table in this workbook: fixed inputs, then its criteria/question columns. */
function inputColumns(spec: TableSpec, criteriaIds: string[], questionIds: string[]): string[] {
  const fixed = spec.columns.filter((c) => !c.computed).map((c) => c.name);
  if (spec.dynamic === 'criteria') return [...fixed, ...criteriaIds];
  if (spec.dynamic === 'questions') return [...fixed, ...questionIds];
  return fixed;
}

/** A table's columns as plain arrays, aligned with `columns` (absent columns are blank). */
function tableColumnsData(t: TableData | undefined, columns: string[]): Cell[][] {
  const n = t?.rows.length ?? 0;
  return columns.map((c) => {
    const j = t ? t.headers.indexOf(c) : -1;
    const out = new Array<Cell>(n);
    for (let i = 0; i < n; i++) out[i] = j < 0 ? null : (t!.rows[i][j] ?? null);
    return out;
  });
}

/** Text that HyperFormula would parse as a formula stays text (data is never code). */
function sanitize(c: Cell): Cell {
  if (typeof c === 'string' && c.startsWith('=')) return `'${c}`;
  return c;
}

/** Settings with defaults: AsOfDate given or today, the period = its calendar year. */
export function resolveSettings(snapshot: WorkbookSnapshot, asOf: number): Record<SettingName, Cell> {
  const out = {} as Record<SettingName, Cell>;
  for (const s of SETTINGS) {
    const given = snapshot.settings[s.name];
    out[s.name] = isBlank(given ?? null) ? (s.fallback ?? null) : (given ?? null);
    if (s.type === 'date' && out[s.name] !== null) out[s.name] = toDateSerial(out[s.name]) ?? null;
    if (s.type === 'bool' && typeof out[s.name] === 'string')
      out[s.name] = ['TRUE', 'YES', '是', '1'].includes(keyOf(out[s.name]));
  }
  out.AsOfDate = asOf;
  const year = calendarYearOf(asOf);
  if (out.PeriodStart === null) out.PeriodStart = year.start;
  if (out.PeriodEnd === null) out.PeriodEnd = year.end;
  out.TierMethod = canonical(TierMethod, out.TierMethod) ?? 'Matrix';
  return out;
}

/** The per-row computed columns, in dependency order (Tier reads Score, Attractiveness, Position). */
export const COMPUTED_COLUMNS: readonly ComputedColumn[] = [
  { table: 'Accounts', column: 'Score', formula: '=CRM3.SCORE(Acc_Criteria,Criteria_Weight,Criteria_Min,Criteria_Max)' },
  {
    table: 'Accounts',
    column: 'Attractiveness',
    formula: '=CRM3.AXISSCORE(Acc_Criteria,Criteria_Axis,"A",Criteria_Weight,Criteria_Min,Criteria_Max)',
  },
  {
    table: 'Accounts',
    column: 'Position',
    formula: '=CRM3.AXISSCORE(Acc_Criteria,Criteria_Axis,"P",Criteria_Weight,Criteria_Min,Criteria_Max)',
  },
  {
    table: 'Accounts',
    column: 'Tier',
    formula:
      '=CRM3.TIER(Acc_Attractiveness,Acc_Position,Acc_Score,TierMethod,AttractivenessThreshold,PositionThreshold,ScoreBandA,ScoreBandB,ScoreBandC)',
  },
  { table: 'Accounts', column: 'Strategy', formula: '=CRM3.LOOKUPBY(Acc_Tier,Tiers_Tier,Tiers_Strategy)' },
  { table: 'Opportunities', column: 'QualScore', formula: '=CRM3.QUALSCORE(Opp_Answers,Questions_Weight,UnknownAnswerScore)' },
  {
    table: 'Opportunities',
    column: 'Grade',
    formula: '=CRM3.GRADE(Opp_Answers,Questions_Section,Questions_Weight,UnknownAnswerScore)',
  },
  {
    table: 'Opportunities',
    column: 'Probability',
    formula: '=CRM3.PROBABILITY(Opp_Status,Opp_Stage,Stages_Stage,Stages_Probability)',
  },
  {
    table: 'Opportunities',
    column: 'StageCheck',
    formula:
      '=CRM3.STAGECHECK(Opp_OppId,Opp_Stage,Opp_Status,Act_OppId,Act_EventId,Stages_Stage,Stages_Order,StageEvents_Stage,StageEvents_EventId,StageEvents_Essential)',
  },
];

export function layoutWorkbook(
  snapshot: WorkbookSnapshot,
  options: { asOf: number; locale: Locale; indicators: readonly IndicatorRow[]; store: ColumnStore },
): EngineLayout {
  const criteriaIds = criteriaOf(snapshot.config).map((c) => c.id);
  const questionIds = questionsOf(snapshot.config).map((q) => q.id);
  const sheets: Record<string, SheetCells> = {};
  const names: NameDefinition[] = [];
  const rowCounts = {} as Record<TableName, number>;
  const columnIndex = {} as Record<TableName, Map<string, number>>;
  let maxRows = 10;

  // Only the columns some formula reads go into HyperFormula (DESIGN.md §8); all stay in the store.
  const formulas = [...COMPUTED_COLUMNS.map((c) => c.formula), ...options.indicators.map((i) => i.formula)];
  const referenced = new Set<string>();
  for (const f of formulas) for (const n of namesIn(f)) referenced.add(n);
  const store = options.store;

  for (const spec of TABLES) {
    const columns = inputColumns(spec, criteriaIds, questionIds);
    const data = snapshot.tables[spec.name];
    const values = tableColumnsData(data, columns);
    const n = data?.rows.length ?? 0;
    rowCounts[spec.name] = n;
    maxRows = Math.max(maxRows, n + 2);
    // Names span at least two rows: HyperFormula hands a one-cell range to a function as a plain
    // value, and a blank one then reads as an omitted argument (a lost filter, "a period needs closeDate").
    const span = Math.max(n, MIN_DATA_ROWS);
    const block = spec.dynamic === 'criteria' ? criteriaIds : spec.dynamic === 'questions' ? questionIds : [];
    const blockName = spec.dynamic === 'criteria' ? 'Acc_Criteria' : 'Opp_Answers';
    const blockUsed = block.length > 0 && referenced.has(blockName);
    const header: string[] = [];
    const feed: string[] = [];
    const index = new Map<string, number>();
    columns.forEach((c, j) => {
      const name = `${spec.prefix}_${c}`;
      store.set(name, values[j]);
      const inBlock = block.includes(c);
      if (!referenced.has(name) && !(inBlock && blockUsed)) return;
      index.set(c, header.length);
      names.push({ name, expression: columnRange(spec.name, header.length, span) });
      header.push(c);
      feed.push(store.formula(name));
    });
    columnIndex[spec.name] = index;
    if (blockUsed)
      names.push({ name: blockName, expression: columnRange(spec.name, index.get(block[0])!, span, 2, block.length) });
    sheets[spec.name] = [header, feed];
  }

  // Config: settings in A:B, then each methodology table with its own columns.
  const settings = resolveSettings(snapshot, options.asOf);
  const config: SheetCells = [['Setting', 'Value']];
  SETTINGS.forEach((s, i) => {
    config.push([s.name, settings[s.name]]);
    names.push({ name: s.name, expression: `='${CONFIG_SHEET}'!$B$${i + 2}` });
  });
  const defaults = defaultConfigTables(options.locale);
  let col = 3;
  for (const t of CONFIG_TABLES) {
    const given = snapshot.config[t.name as ConfigTableName];
    const table = given && given.rows.some((r) => r.some((c) => !isBlank(c))) ? given : defaults[t.name as ConfigTableName];
    const headers = t.columns.map((c) => c.name);
    const at = headers.map((h) => table.headers.indexOf(h));
    const rows = table.rows.filter((r) => r.some((c) => !isBlank(c)));
    while (config.length < rows.length + 1) config.push([]);
    headers.forEach((h, k) => {
      config[0][col + k] = h;
      rows.forEach((r, i) => {
        config[i + 1][col + k] = at[k] < 0 ? null : sanitize(r[at[k]] ?? null);
      });
      names.push({ name: `${t.name}_${h}`, expression: columnRange(CONFIG_SHEET, col + k, rows.length) });
    });
    col += headers.length + 1;
  }
  sheets[CONFIG_SHEET] = config;

  // Computed columns: names first (they point at the Calc sheet), formulas set afterwards.
  const computed = [...COMPUTED_COLUMNS];
  const calc: SheetCells = [computed.map((c) => `${c.table}.${c.column}`), computed.map((c) => c.formula)];
  computed.forEach((c, j) => {
    const prefix = c.table === 'Accounts' ? 'Acc' : 'Opp';
    names.push({
      name: `${prefix}_${c.column}`,
      expression: columnRange(CALC_SHEET, j, Math.max(rowCounts[c.table], MIN_DATA_ROWS)),
    });
  });
  sheets[CALC_SHEET] = [calc[0]];

  const indicators = [...options.indicators];
  const indicatorsSheet: SheetCells = [['Id', 'Value', 'Status']];
  indicators.forEach((ind, i) => {
    const r = i + 2;
    const status = ind.green !== null && ind.red !== null ? `=CRM3.RAG(B${r},"${ind.direction}",${ind.green},${ind.red})` : null;
    indicatorsSheet.push([ind.id, ind.formula, status]);
  });
  sheets[INDICATORS_SHEET] = [indicatorsSheet[0]];

  return { sheets, names, calc, indicatorsSheet, computed, indicators, rowCounts, columnIndex, settings, maxRows };
}
