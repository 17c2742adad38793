/**
 * Opportunity stages and sufficient events (商机阶段 / 充分事件, DESIGN.md §4): the stage
 * table (order, probability, standard days), probability by status and stage, the stage
 * check (every Essential event up to the deal's stage proven by an activity) and stage
 * overrun (in the stage longer than its standard days).
 */
import { CalcError, Cell, Column, Scalar, isBlank, keyOf, showCell, toNumber } from '../core/cells';
import { checkSameLength, notADate, unknownCode } from './columns';
import { BLANK_CODE, RowView, UNKNOWN_CODE, codeView, columnView, dateView } from './columnViews';
import { KeyColumn, keyColumn, keyJoin } from './keyViews';
import { Answer, DefaultStage, EnumValue, Status, lookupEnum } from '../core/enumerations';
import { Message } from '../core/i18n';
import { differenceAtLeast, exactRatio } from './exact';
import { msg } from './messages';

export interface StageDefinition {
  stage: string;
  zh: string;
  order: number;
  /** Win probability while open at this stage, as a fraction. */
  probability: number;
  standardDays: number;
}

export interface StageEventDefinition {
  stage: string;
  eventId: string;
  essential: boolean;
  description: Message;
}

/** Default Stages table (Config). */
export const DEFAULT_STAGES: readonly StageDefinition[] = [
  { stage: 'Discover', zh: '发现', order: 1, probability: 0.1, standardDays: 30 },
  { stage: 'Qualify', zh: '立项', order: 2, probability: 0.2, standardDays: 30 },
  { stage: 'Solution', zh: '方案交流', order: 3, probability: 0.4, standardDays: 45 },
  { stage: 'Shortlist', zh: '入围', order: 4, probability: 0.6, standardDays: 30 },
  { stage: 'Negotiate', zh: '谈判', order: 5, probability: 0.8, standardDays: 30 },
];

const ev = (stage: string, eventId: string, essential: boolean, en: string, zh: string): StageEventDefinition => ({
  stage,
  eventId,
  essential,
  description: { en, zh },
});

/** Default StageEvents table (Config): the sufficient events that prove each stage. */
export const DEFAULT_STAGE_EVENTS: readonly StageEventDefinition[] = [
  ev('Discover', 'E_NEED', true, 'Need or project confirmed', '客户需求或项目已确认'),
  ev('Discover', 'E_CONTACT', true, 'Key contact identified', '已找到关键联系人'),
  ev('Qualify', 'E_BUDGET', true, 'Budget source known', '已了解预算来源'),
  ev('Qualify', 'E_OWNER', true, 'Customer project owner named', '客户已指定项目负责人'),
  ev('Qualify', 'E_TIMELINE', false, 'Decision timeline stated', '客户已说明决策时间表'),
  ev('Solution', 'E_REQS', true, 'Requirements received', '已收到客户需求说明'),
  ev('Solution', 'E_CRITERIA', true, 'Decision criteria known', '已掌握决策标准'),
  ev('Solution', 'E_EVALBRIEF', false, 'Evaluator briefed', '已向评估者做过专门介绍'),
  ev('Shortlist', 'E_POC', true, 'Technical acceptance or POC passed', '技术认可或 POC 测试通过'),
  ev('Shortlist', 'E_APPROVER', true, 'Approver met', '已拜见批准者'),
  ev('Shortlist', 'E_MENTOR', false, 'Mentor in place', '已发展内线教练'),
  ev('Negotiate', 'E_QUOTE', true, 'Internal quote approved', '内部报价已审批'),
  ev('Negotiate', 'E_EXEC', true, 'Senior-contact visit logged', '已记录高层拜访'),
  ev('Negotiate', 'E_TERMS', false, 'Terms agreed in principle', '主要条款已原则上达成一致'),
];

/** Position of Open among the Status codes (columnViews' code views). */
const OPEN_CODE = Status.values.findIndex((v) => v.code === 'Open');

/** Probability of a closed deal, whatever its stage. */
export const CLOSED_PROBABILITY: Readonly<Record<string, number>> = { Won: 1, Lost: 0, NoDecision: 0 };

/** Stages with Order ≥ this are late (LATE_STAGE_SHARE). */
export const LATE_STAGE_ORDER = 4;

/** StageCheck text of a deal with all its essential events proven (DESIGN §9 contract: same in every language). */
export const STAGE_OK = 'OK';
export const MISSING_PREFIX = 'Missing: ';

const defaultStageNames: Column = DEFAULT_STAGES.map((s) => s.stage);

// ---------------------------------------------------------------------------------------
// The stage table

/**
 * Configured stage names, found case-, space- and width-insensitively; a default stage
 * also answers to its zh name and aliases (立项 finds Qualify, and Qualify finds 立项).
 */
export interface StageNames {
  /** Name of each configured stage as written (trimmed). */
  names: string[];
  /** Index into `names` of the stage a cell names, or undefined. */
  find(c: Cell | undefined): number | undefined;
  /** The same, for a cell's match key (keyOf form). */
  findKey(key: string): number | undefined;
  /** "Discover, Qualify, …" for messages. */
  list(): string;
}

function aliasesOf(v: EnumValue): Cell[] {
  return [v.code, v.zh, ...((v.aliases ?? []) as Cell[])];
}

/**
 * Indexes a stage-name column (rows with a blank name are skipped; `rows` says which rows
 * were kept, so value columns can follow). Duplicate names are an error.
 */
export function indexStageNames(names: Column, argName: string): { stages: StageNames; rows: number[] } | CalcError {
  const index = new Map<string, number>();
  const kept: string[] = [];
  const rows: number[] = [];
  for (let i = 0; i < names.length; i++) {
    const c = names[i];
    if (isBlank(c)) continue;
    const k = keyOf(c);
    if (index.has(k))
      return new CalcError(
        'VALUE',
        msg.custom(
          `${argName}, row ${i + 1}: stage ${showCell(c)} is listed twice`,
          `${argName} 第 ${i + 1} 行：阶段 ${showCell(c)} 重复出现`,
        ),
      );
    index.set(k, kept.length);
    kept.push(String(c).trim());
    rows.push(i);
  }
  // Aliases second, so an explicitly configured name always wins over another stage's alias.
  kept.forEach((name, s) => {
    const d = lookupEnum(DefaultStage, name);
    if (!d) return;
    for (const a of aliasesOf(d)) {
      const k = keyOf(a);
      if (!index.has(k)) index.set(k, s);
    }
  });
  return {
    rows,
    stages: {
      names: kept,
      find: (c) => (isBlank(c) ? undefined : index.get(keyOf(c))),
      findKey: (key) => index.get(key),
      list: () => kept.join(', '),
    },
  };
}

/** A stage table: names plus one number per stage (probability, order or standard days). */
export interface StageTable {
  stages: StageNames;
  values: number[];
}

type ReadValue = (c: Cell, row: number) => number | CalcError;

/**
 * Reads a stage table from Config columns, or the default one. Names and values go
 * together: giving one without the other is an error (unless `valuesOptional`, when
 * `fallback(position)` fills them).
 */
export function readStageTable(
  names: Column | undefined,
  values: Column | undefined,
  namesArg: string,
  valuesArg: string,
  defaults: readonly number[],
  read: ReadValue,
  fallback?: (position: number) => number,
): StageTable | CalcError {
  if (!names && values)
    return new CalcError(
      'VALUE',
      msg.custom(
        `${valuesArg} needs ${namesArg}: give the stage names too (e.g. Stages_Stage)`,
        `给出 ${valuesArg} 时也须给出 ${namesArg}（阶段名称，如 Stages_Stage）`,
      ),
    );
  if (!names) {
    const ix = indexStageNames(defaultStageNames, namesArg) as { stages: StageNames };
    return { stages: ix.stages, values: [...defaults] };
  }
  if (!values && !fallback)
    return new CalcError(
      'VALUE',
      msg.custom(
        `${namesArg} needs ${valuesArg}: give one value per stage`,
        `给出 ${namesArg} 时也须给出 ${valuesArg}（每个阶段一个值）`,
      ),
    );
  if (values && values.length !== names.length)
    return new CalcError('VALUE', msg.sizeMismatch(namesArg, valuesArg, names.length, values.length));
  const ix = indexStageNames(names, namesArg);
  if (ix instanceof CalcError) return ix;
  const out: number[] = [];
  for (let s = 0; s < ix.rows.length; s++) {
    if (!values) {
      out.push(fallback!(s));
      continue;
    }
    const v = read(values[ix.rows[s]], ix.rows[s]);
    if (v instanceof CalcError) return v;
    out.push(v);
  }
  return { stages: ix.stages, values: out };
}

/** Probability cell: a fraction 0–1, or a percent 1–100 (40 and "40%" are both 0.4). */
function probabilityReader(argName: string): ReadValue {
  return (c, row) => {
    let n: number | undefined;
    if (typeof c === 'string' && /%\s*$/.test(c.normalize('NFKC'))) {
      const p = toNumber(c.normalize('NFKC').replace(/%\s*$/, ''));
      n = p === undefined ? undefined : exactRatio(p, 100);
    } else {
      n = toNumber(c);
      // Exactly: 33.3 is 0.333, not 0.33299999999999996 (issue #18).
      if (n !== undefined && n > 1) n = exactRatio(n, 100);
    }
    if (isBlank(c) || n === undefined || n < 0 || n > 1)
      return new CalcError(
        'VALUE',
        msg.custom(
          `${argName}, row ${row + 1}: ${showCell(c)} is not a probability (0–1, or a percent up to 100)`,
          `${argName} 第 ${row + 1} 行：${showCell(c)} 不是有效的赢率（0–1，或不超过 100 的百分数）`,
        ),
      );
    return n;
  };
}

function nonNegativeReader(argName: string, what: Message): ReadValue {
  return (c, row) => {
    const n = toNumber(c);
    if (isBlank(c) || n === undefined || n < 0)
      return new CalcError(
        'VALUE',
        msg.custom(
          `${argName}, row ${row + 1}: ${showCell(c)} is not ${what.en} (a number ≥ 0)`,
          `${argName} 第 ${row + 1} 行：${showCell(c)} 不是有效的${what.zh}（须为不小于 0 的数字）`,
        ),
      );
    return n;
  };
}

function orderReader(argName: string): ReadValue {
  return (c, row) => {
    const n = toNumber(c);
    if (isBlank(c) || n === undefined)
      return new CalcError(
        'VALUE',
        msg.custom(
          `${argName}, row ${row + 1}: ${showCell(c)} is not a stage order (a number)`,
          `${argName} 第 ${row + 1} 行：${showCell(c)} 不是有效的阶段顺序（须为数字）`,
        ),
      );
    return n;
  };
}

/** Stage probabilities (Stages_Stage + Stages_Probability), default 10/20/40/60/80 %. */
export function stageProbabilityTable(stageNames?: Column, stageProbabilities?: Column): StageTable | CalcError {
  return readStageTable(
    stageNames,
    stageProbabilities,
    'stageNames',
    'stageProbabilities',
    DEFAULT_STAGES.map((s) => s.probability),
    probabilityReader('stageProbabilities'),
  );
}

/** Stage orders (Stages_Stage + Stages_Order); without orders, the list order 1, 2, 3 … */
export function stageOrderTable(stageNames?: Column, stageOrders?: Column): StageTable | CalcError {
  return readStageTable(
    stageNames,
    stageOrders,
    'stageNames',
    'stageOrders',
    DEFAULT_STAGES.map((s) => s.order),
    orderReader('stageOrders'),
    (p) => p + 1,
  );
}

/** Standard days per stage (Stages_Stage + Stages_StandardDays), default 30/30/45/30/30. */
export function stageDaysTable(stageNames?: Column, standardDays?: Column): StageTable | CalcError {
  return readStageTable(
    stageNames,
    standardDays,
    'stageNames',
    'standardDays',
    DEFAULT_STAGES.map((s) => s.standardDays),
    nonNegativeReader('standardDays', { en: 'a number of days', zh: '天数' }),
  );
}

function unknownStage(row: number, c: Cell | undefined, stages: StageNames, argName = 'stage'): CalcError {
  if (isBlank(c))
    return new CalcError(
      'VALUE',
      msg.custom(
        `${argName}, row ${row + 1}: an open deal needs a stage (${stages.list()})`,
        `${argName} 第 ${row + 1} 行：进行中的商机必须填写阶段（${stages.list()}）`,
      ),
    );
  return new CalcError('VALUE', msg.unknownValue(argName, row + 1, showCell(c), stages.list()));
}

/** Empty columns arrive from HyperFormula as one blank cell: give one blank result, as it does. */
function blankIfEmpty(n: number): Scalar[] | undefined {
  return n === 0 ? [null] : undefined;
}

/**
 * The stage each row of a stage column names, through the column's key view: each distinct
 * key is found once. `stageOf[ids[i]]` is the stage's index, −1 when unknown; ids[i] is −1
 * for a blank cell.
 */
function stagesOfRows(stage: Column, stages: StageNames): { ids: Int32Array; stageOf: Int32Array } {
  const kc = keyColumn(stage);
  const stageOf = new Int32Array(kc.keys.length);
  for (let id = 0; id < stageOf.length; id++) stageOf[id] = stages.findKey(kc.keys[id]) ?? -1;
  return { ids: kc.ids, stageOf };
}

// ---------------------------------------------------------------------------------------
// Stage order (for LATE_STAGE_SHARE and the stage check)

/**
 * The stage order lookup: Order of the stage a cell names (aliases included), or undefined.
 * Indicators use it for LATE_STAGE_SHARE (Order ≥ LATE_STAGE_ORDER).
 */
export function stageOrderLookup(
  stageNames?: Column,
  stageOrders?: Column,
): ((c: Cell | undefined) => number | undefined) | CalcError {
  const t = stageOrderTable(stageNames, stageOrders);
  if (t instanceof CalcError) return t;
  return (c) => {
    const s = t.stages.find(c);
    return s === undefined ? undefined : t.values[s];
  };
}

/** Order of each row's stage: blank for a blank stage, an error for an unknown one. */
export function stageOrdersOf(stage: Column, stageNames?: Column, stageOrders?: Column): Scalar[] | CalcError {
  const t = stageOrderTable(stageNames, stageOrders);
  if (t instanceof CalcError) return t;
  const empty = blankIfEmpty(stage.length);
  if (empty) return empty;
  return stage.map((c, i) => {
    if (isBlank(c)) return null;
    const s = t.stages.find(c);
    return s === undefined ? unknownStage(i, c, t.stages) : t.values[s];
  });
}

/** True when a row's stage is late (Order ≥ 4 by default); undefined when the stage is blank or unknown. */
export function isLateStage(order: number | undefined, lateOrder = LATE_STAGE_ORDER): boolean | undefined {
  return order === undefined ? undefined : order >= lateOrder;
}

// ---------------------------------------------------------------------------------------
// Probability

export interface ProbabilityInput {
  status: Column;
  stage: Column;
  stageNames?: Column;
  stageProbabilities?: Column;
}

/**
 * The result of a per-row kernel: every row, or only `rows` (in that order) when given — a
 * what-if re-runs a computed column for the rows its edit changed (issue #15). `at(i)` is row i.
 */
function eachRow(n: number, rows: readonly number[] | undefined, at: (i: number) => Scalar): Scalar[] {
  if (rows) return rows.map(at);
  const out = new Array<Scalar>(n);
  for (let i = 0; i < n; i++) out[i] = at(i);
  return out;
}

/**
 * Win probability per deal: the stage's for Open, 1 Won, 0 Lost/NoDecision, blank without a
 * status. With `rows`, those rows only (row i depends only on row i of status and stage).
 */
export function opportunityProbabilities(input: ProbabilityInput, rows?: readonly number[]): Scalar[] | CalcError {
  const { status, stage } = input;
  const mismatch = checkSameLength([
    ['status', status],
    ['stage', stage],
  ]);
  if (mismatch) return mismatch;
  const table = stageProbabilityTable(input.stageNames, input.stageProbabilities);
  if (table instanceof CalcError) return table;
  const empty = blankIfEmpty(status.length);
  if (empty) return empty;
  const { ids, stageOf } = stagesOfRows(stage, table.stages);
  const codes = codeView(status, Status).codes;
  return eachRow(status.length, rows, (i) => {
    const s = codes[i];
    if (s === UNKNOWN_CODE || s === BLANK_CODE) return s === BLANK_CODE ? null : unknownCode(status, i, Status, 'status');
    if (s !== OPEN_CODE) return CLOSED_PROBABILITY[Status.values[s].code];
    const k = ids[i] < 0 ? -1 : stageOf[ids[i]];
    return k < 0 ? unknownStage(i, stage[i], table.stages) : table.values[k];
  });
}

// ---------------------------------------------------------------------------------------
// Stage check (sufficient events)

export interface StageCheckInput {
  oppIds: Column;
  stages: Column;
  statuses: Column;
  /** Activities: the OppId and EventId of each row (Act_OppId, Act_EventId). */
  actOppIds: Column;
  actEventIds: Column;
  stageNames?: Column;
  stageOrders?: Column;
  /** StageEvents table: stage, event id, essential flag; default DESIGN §4's events. */
  eventStages?: Column;
  eventIds?: Column;
  eventEssential?: Column;
}

interface EssentialEvent {
  order: number;
  id: string;
  key: string;
}

/** Essential flag: TRUE/Yes/是/1/"*" essential; blank or FALSE/No/否/0 not; anything else an error. */
function essentialAt(col: Column, i: number): boolean | CalcError {
  const c = col[i];
  if (isBlank(c)) return false;
  if (keyOf(c as Cell) === '*') return true;
  const a = lookupEnum(Answer, c);
  if (a?.code === 'Yes') return true;
  if (a?.code === 'No') return false;
  return new CalcError(
    'VALUE',
    msg.custom(
      `eventEssential, row ${i + 1}: ${showCell(c)} is not a flag (use TRUE/Yes/是/* for essential, blank or FALSE/No/否 for not)`,
      `eventEssential 第 ${i + 1} 行：${showCell(c)} 不是有效标记（必要事件填 TRUE/是/*，非必要留空或填 FALSE/否）`,
    ),
  );
}

/** Essential events in stage order, then list order; each event id once (at its earliest stage). */
function essentialEvents(input: StageCheckInput, orders: StageTable): EssentialEvent[] | CalcError {
  const given = input.eventStages || input.eventIds || input.eventEssential;
  if (given && (!input.eventStages || !input.eventIds))
    return new CalcError(
      'VALUE',
      msg.custom(
        'eventStages and eventIds go together: give both (e.g. StageEvents_Stage, StageEvents_EventId)',
        'eventStages 与 eventIds 须同时给出（如 StageEvents_Stage、StageEvents_EventId）',
      ),
    );
  const stages: Column = input.eventStages ?? DEFAULT_STAGE_EVENTS.map((e) => e.stage);
  const ids: Column = input.eventIds ?? DEFAULT_STAGE_EVENTS.map((e) => e.eventId);
  const flags: Column | undefined = given ? input.eventEssential : DEFAULT_STAGE_EVENTS.map((e) => e.essential);
  const mismatch = checkSameLength([
    ['eventStages', stages],
    ['eventIds', ids],
    ['eventEssential', flags],
  ]);
  if (mismatch) return mismatch;
  const found: (EssentialEvent & { row: number })[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (isBlank(ids[i]) && isBlank(stages[i])) continue; // an empty row of the StageEvents table
    // Without eventEssential every listed event is essential: the list is then the checklist.
    const essential = flags ? essentialAt(flags, i) : true;
    if (essential instanceof CalcError) return essential;
    if (!essential) continue;
    if (isBlank(ids[i]))
      return new CalcError(
        'VALUE',
        msg.custom(`eventIds, row ${i + 1}: the event id is blank`, `eventIds 第 ${i + 1} 行：事件编号为空`),
      );
    const s = orders.stages.find(stages[i]);
    if (s === undefined)
      return new CalcError(
        'VALUE',
        input.eventStages
          ? msg.unknownValue('eventStages', i + 1, showCell(stages[i]), orders.stages.list())
          : msg.custom(
              `the default events belong to stage ${showCell(stages[i])}, which stageNames does not list; give eventStages and eventIds too`,
              `默认充分事件属于阶段 ${showCell(stages[i])}，而 stageNames 中没有该阶段；请同时给出 eventStages 与 eventIds`,
            ),
      );
    found.push({ order: orders.values[s], id: String(ids[i]).trim(), key: keyOf(ids[i]), row: i });
  }
  found.sort((a, b) => a.order - b.order || a.row - b.row);
  const seen = new Set<string>();
  return found.filter((e) => (seen.has(e.key) ? false : (seen.add(e.key), true)));
}

const EVENT_LIST_SEPARATOR = /[,，;；]/;

/**
 * The essential events each activity row proves, kept per EventId column and checklist (a
 * columnViews view, so a what-if re-reads only edited rows): per row an index into `lists`
 * (the positions among the essential events; −1: none). Each distinct text is parsed once.
 */
class ProvenEvents implements RowView {
  readonly listOf: Int32Array;
  readonly lists: number[][] = [];
  /** Bumped whenever some row's list changed. */
  version = 0;
  private readonly listOfText = new Map<string, number>();
  /** The last tally (bits per key of actOppIds), with what it was made from. */
  tally?: { keys: KeyColumn; keysVersion: number; version: number; bits: Int32Array };

  constructor(
    col: Column,
    private readonly position: ReadonlyMap<string, number>,
  ) {
    this.listOf = new Int32Array(col.length);
    for (let i = 0; i < col.length; i++) this.listOf[i] = this.listIndex(col[i]);
  }

  set(i: number, c: Cell | undefined): void {
    const l = this.listIndex(c);
    if (l === this.listOf[i]) return;
    this.listOf[i] = l;
    this.version++;
  }

  private listIndex(evt: Cell | undefined): number {
    if (isBlank(evt)) return -1;
    const text = String(evt);
    let l = this.listOfText.get(text);
    if (l === undefined) {
      // One activity may prove several events ("E_REQS, E_CRITERIA").
      const found: number[] = [];
      for (const part of text.split(EVENT_LIST_SEPARATOR)) {
        const j = part.trim() === '' ? undefined : this.position.get(keyOf(part));
        if (j !== undefined) found.push(j);
      }
      l = found.length === 0 ? -1 : this.lists.push(found) - 1;
      if (this.listOfText.size < 1 << 16) this.listOfText.set(text, l);
    }
    return l;
  }
}

/**
 * Which essential events each opportunity has proven, from one pass over the activities: a
 * bit set over the essential events' positions per key of actOppIds (`words` 32-bit words
 * from `key id × words`). Kept until an activity's OppId or EventId changes.
 */
function provenEssentials(
  actKeys: KeyColumn,
  actEventIds: Column,
  essentials: readonly EssentialEvent[],
  words: number,
): Int32Array {
  const events = columnView(actEventIds, `provenEvents\u0000${essentials.map((e) => e.key).join('\u0000')}`, (col) => {
    const position = new Map<string, number>();
    essentials.forEach((e, j) => position.set(e.key, j));
    return new ProvenEvents(col, position);
  });
  const t = events.tally;
  if (t && t.keys === actKeys && t.keysVersion === actKeys.version && t.version === events.version) return t.bits;
  const bits = new Int32Array(actKeys.keys.length * words);
  const ids = actKeys.ids;
  const { listOf, lists } = events;
  for (let i = 0; i < ids.length; i++) {
    const opp = ids[i];
    const l = listOf[i];
    if (opp < 0 || l < 0) continue;
    const found = lists[l];
    for (let f = 0; f < found.length; f++) bits[opp * words + (found[f] >>> 5)] |= 1 << (found[f] & 31);
  }
  events.tally = { keys: actKeys, keysVersion: actKeys.version, version: events.version, bits };
  return bits;
}

/**
 * StageCheck per deal: "OK", or "Missing: E_…, E_…" for an open deal; "OK" when closed; blank
 * without a status. With `rows`, those rows only (row i depends only on row i of oppIds, stages
 * and statuses, and on the activities and tables whole).
 */
export function stageChecks(input: StageCheckInput, rows?: readonly number[]): Scalar[] | CalcError {
  const { oppIds, stages, statuses, actOppIds, actEventIds } = input;
  const mismatch =
    checkSameLength([
      ['oppIds', oppIds],
      ['stages', stages],
      ['statuses', statuses],
    ]) ??
    checkSameLength([
      ['actOppIds', actOppIds],
      ['actEventIds', actEventIds],
    ]);
  if (mismatch) return mismatch;
  const orders = stageOrderTable(input.stageNames, input.stageOrders);
  if (orders instanceof CalcError) return orders;
  const essentials = essentialEvents(input, orders);
  if (essentials instanceof CalcError) return essentials;
  const empty = blankIfEmpty(oppIds.length);
  if (empty) return empty;
  // Each opportunity's activities through the join of the opportunity ids to the activities'.
  const join = keyJoin(oppIds, actOppIds);
  const words = Math.max(1, Math.ceil(essentials.length / 32));
  const proven = provenEssentials(join.to, actEventIds, essentials, words);
  const { ids: stageIds, stageOf } = stagesOfRows(stages, orders.stages);
  const codes = codeView(statuses, Status).codes;
  return eachRow(oppIds.length, rows, (i) => {
    const s = codes[i];
    if (s === UNKNOWN_CODE || s === BLANK_CODE) return s === BLANK_CODE ? null : unknownCode(statuses, i, Status, 'statuses');
    if (s !== OPEN_CODE) return STAGE_OK;
    const k = stageIds[i] < 0 ? -1 : stageOf[stageIds[i]];
    if (k < 0) return unknownStage(i, stages[i], orders.stages, 'stages');
    const order = orders.values[k];
    const opp = join.toIdOfRow(i);
    const missing: string[] = [];
    for (let j = 0; j < essentials.length && essentials[j].order <= order; j++) {
      if (opp < 0 || ((proven[opp * words + (j >>> 5)] >>> (j & 31)) & 1) !== 1) missing.push(essentials[j].id);
    }
    return missing.length === 0 ? STAGE_OK : MISSING_PREFIX + missing.join(', ');
  });
}

// ---------------------------------------------------------------------------------------
// Stage overrun

export interface OverrunInput {
  status: Column;
  stage: Column;
  stageEntered: Column;
  asOfDate: number;
  stageNames?: Column;
  standardDays?: Column;
}

/** TRUE when an open deal has sat in its stage longer than the stage's standard days. */
export function stageOverruns(input: OverrunInput): Scalar[] | CalcError {
  const { status, stage, stageEntered, asOfDate } = input;
  const mismatch = checkSameLength([
    ['status', status],
    ['stage', stage],
    ['stageEntered', stageEntered],
  ]);
  if (mismatch) return mismatch;
  const table = stageDaysTable(input.stageNames, input.standardDays);
  if (table instanceof CalcError) return table;
  const empty = blankIfEmpty(status.length);
  if (empty) return empty;
  const { ids, stageOf } = stagesOfRows(stage, table.stages);
  const codes = codeView(status, Status).codes;
  const enteredDates = dateView(stageEntered);
  const out = new Array<Scalar>(status.length);
  for (let i = 0; i < status.length; i++) {
    const s = codes[i];
    if (s !== OPEN_CODE) {
      out[i] = s === UNKNOWN_CODE ? unknownCode(status, i, Status, 'status') : null;
      continue;
    }
    const entered = enteredDates.values[i];
    if (enteredDates.bad[i] === 1 || Number.isNaN(entered)) {
      out[i] = enteredDates.bad[i] === 1 ? notADate(stageEntered, i, 'stageEntered') : null;
      continue;
    }
    const k = ids[i] < 0 ? -1 : stageOf[ids[i]];
    // asOfDate − entered > days, decided exactly (dates with a time of day included).
    out[i] = k < 0 ? unknownStage(i, stage[i], table.stages) : !differenceAtLeast(entered, asOfDate, -table.values[k]);
  }
  return out;
}
