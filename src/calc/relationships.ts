/**
 * Decision-chain measures (决策链): how well each opportunity's buying roles are covered,
 * how much support its chain gives, and how many key players back us. One pass over the
 * chain rows (their enumeration codes from calc/columnViews) tallies per opportunity id (the
 * join of Dc_OppId to Opp_OppId, calc/keyViews), so every measure is O(chain rows + opportunities).
 */
import { CalcError, Cell, Column, isBlank, keyOf, showCell } from '../core/cells';
import { checkSameLength } from './columns';
import { BLANK_CODE, UNKNOWN_CODE, codeView } from './columnViews';
import { KeyJoin, keyJoin } from './keyViews';
import {
  Answer,
  BuyingRole,
  Coverage,
  EnumValue,
  Enumeration,
  Influence,
  PoliticalStatus,
  RelationshipLevel,
  Status,
  Support,
  allowedList,
  lookupEnum,
} from '../core/enumerations';
import { exactRatio } from './exact';
import { msg } from './messages';
import type { RowTrace } from './working';

/**
 * Reads enumeration values with a cache by raw cell: a chain column repeats a handful of
 * values, so each distinct text is normalised once instead of once per row.
 * Blank → undefined; unknown → an error naming the argument and the row.
 */
export function enumReader(e: Enumeration, name: string): (col: Column, i: number) => EnumValue | undefined | CalcError {
  const seen = new Map<Cell, EnumValue | null>();
  return (col, i) => {
    const c = col[i];
    if (isBlank(c)) return undefined;
    let v = seen.get(c);
    if (v === undefined) {
      v = lookupEnum(e, c) ?? null;
      seen.set(c, v);
    }
    return (
      v ?? new CalcError('VALUE', msg.unknownValue(name, i + 1, showCell(c), { en: allowedList(e), zh: allowedList(e, 'zh-CN') }))
    );
  };
}

/** enumReader's message for row i of `col`, a value `e` does not know. */
function unknownValueAt(col: Column, i: number, e: Enumeration, name: string): CalcError {
  return new CalcError(
    'VALUE',
    msg.unknownValue(name, i + 1, showCell(col[i]), { en: allowedList(e), zh: allowedList(e, 'zh-CN') }),
  );
}

/**
 * The enumeration codes of a column (kept between calls, columnViews), as a per-code table
 * `of` made by `pick` from each value, or the first row whose value is unknown (as enumReader
 * words it). Blank rows read as BLANK_CODE.
 */
function enumCodes(col: Column, e: Enumeration, name: string): Int32Array | CalcError {
  const { codes } = codeView(col, e);
  for (let i = 0; i < codes.length; i++) if (codes[i] === UNKNOWN_CODE) return unknownValueAt(col, i, e, name);
  return codes;
}

/** The four buying roles ROLECOVERAGE looks for, each one bit. */
const ROLE_BIT: Record<string, number> = { Approver: 1, DecisionMaker: 2, Evaluator: 4, User: 8 };
const ROLE_COUNT = 4;

const bitsSet = (mask: number): number => (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1) + ((mask >> 3) & 1);

export interface RoleCoverageInput {
  oppIds: Column;
  dcOppIds: Column;
  dcRoles: Column;
}

/**
 * Per opportunity: distinct buying roles (Approver, DecisionMaker, Evaluator, User) on its
 * chain / 4. An opportunity without chain rows scores 0; a blank opportunity id is blank.
 */
export function roleCoverage(input: RoleCoverageInput): (number | null)[] | CalcError {
  const { oppIds, dcOppIds, dcRoles } = input;
  const mismatch = checkSameLength([
    ['dcOppIds', dcOppIds],
    ['dcRoles', dcRoles],
  ]);
  if (mismatch) return mismatch;
  const roleCodes = enumCodes(dcRoles, BuyingRole, 'dcRoles');
  if (roleCodes instanceof CalcError) return roleCodes;
  const bitOfCode = BuyingRole.values.map((v) => ROLE_BIT[v.code] ?? 0);
  // Each chain row's opportunity as the id of its key among oppIds (the join, kept between calls).
  const join = keyJoin(dcOppIds, oppIds);
  const roles = new Int32Array(join.to.keys.length);
  for (let i = 0; i < dcOppIds.length; i++) {
    const role = roleCodes[i];
    const opp = join.toIdOfRow(i);
    if (role === BLANK_CODE || opp < 0) continue;
    roles[opp] |= bitOfCode[role];
  }
  const ids = join.to.ids;
  const out = new Array<number | null>(oppIds.length);
  for (let i = 0; i < out.length; i++) out[i] = ids[i] < 0 ? null : bitsSet(roles[ids[i]]) / ROLE_COUNT;
  return out;
}

export interface SupportIndexInput {
  oppIds: Column;
  dcOppIds: Column;
  dcSupport: Column;
  /** High 3, Medium 2, Low 1; blank counts as Low. Without it every row weighs 1. */
  dcInfluence?: Column;
}

/**
 * Per opportunity: influence-weighted mean support score of its chain (Mentor +2 …
 * Enemy −2). Rows without a support value are left out; none left → blank.
 */
export function supportIndex(input: SupportIndexInput): (number | null)[] | CalcError {
  const { oppIds, dcOppIds, dcSupport, dcInfluence } = input;
  const mismatch = checkSameLength([
    ['dcOppIds', dcOppIds],
    ['dcSupport', dcSupport],
    ['dcInfluence', dcInfluence],
  ]);
  if (mismatch) return mismatch;
  const support = codeView(dcSupport, Support).codes;
  const influence = dcInfluence ? codeView(dcInfluence, Influence).codes : undefined;
  const supportScore = Support.values.map((v) => v.score!);
  // An unrated contact still counts, at the lowest weight.
  const influenceWeight = Influence.values.map((v) => v.score ?? 1);
  const join = keyJoin(dcOppIds, oppIds);
  const weighted = new Float64Array(join.to.keys.length);
  const weights = new Float64Array(join.to.keys.length);
  for (let i = 0; i < dcOppIds.length; i++) {
    const s = support[i];
    if (s === UNKNOWN_CODE) return unknownValueAt(dcSupport, i, Support, 'dcSupport');
    let weight = 1;
    if (influence) {
      const f = influence[i];
      if (f === UNKNOWN_CODE) return unknownValueAt(dcInfluence!, i, Influence, 'dcInfluence');
      if (f !== BLANK_CODE) weight = influenceWeight[f];
    }
    const opp = join.toIdOfRow(i);
    if (s === BLANK_CODE || opp < 0) continue;
    weighted[opp] += weight * supportScore[s];
    weights[opp] += weight;
  }
  const ids = join.to.ids;
  const out = new Array<number | null>(oppIds.length);
  for (let i = 0; i < out.length; i++) {
    const opp = ids[i];
    out[i] = opp >= 0 && weights[opp] > 0 ? exactRatio(weighted[opp], weights[opp]) : null;
  }
  return out;
}

export interface KeyPlayerSupportInput {
  dcOppIds: Column;
  dcPolitical: Column;
  dcRoles: Column;
  dcSupport: Column;
  /** With oppStatus: only chain rows of Open opportunities count. */
  oppIds?: Column;
  oppStatus?: Column;
}

const KEY_POLITICAL = new Set(['InnerCircle', 'PoliticalStructure']);
const KEY_ROLES = new Set(['Approver', 'DecisionMaker']);
const BACKING = new Set(['Mentor', 'Supporter']);

/** A key player (DESIGN §4): in the inner circle or political structure, or an approver or decision maker. */
export function isKeyPlayer(political: string | undefined, role: string | undefined): boolean {
  return (political !== undefined && KEY_POLITICAL.has(political)) || (role !== undefined && KEY_ROLES.has(role));
}

/**
 * Share of key-player chain rows whose support is Mentor or Supporter. A key player with
 * no support recorded counts as not backing us (it is a gap in the map). Blank when there
 * are no key players.
 */
export function keyPlayerSupport(input: KeyPlayerSupportInput, trace?: RowTrace): number | null | CalcError {
  const { dcOppIds, dcPolitical, dcRoles, dcSupport, oppIds, oppStatus } = input;
  const mismatch =
    checkSameLength([
      ['dcOppIds', dcOppIds],
      ['dcPolitical', dcPolitical],
      ['dcRoles', dcRoles],
      ['dcSupport', dcSupport],
    ]) ??
    checkSameLength([
      ['oppIds', oppIds],
      ['oppStatus', oppStatus],
    ]);
  if (mismatch) return mismatch;
  if ((oppIds === undefined) !== (oppStatus === undefined))
    return new CalcError(
      'VALUE',
      msg.custom(
        'oppIds and oppStatus go together: give both (e.g. Opp_OppId, Opp_Status) to count open opportunities only, or neither',
        'oppIds 与 oppStatus 需同时给出（如 Opp_OppId、Opp_Status）才能只统计进行中的商机；或者两者都不填',
      ),
    );
  // Open per chain row: the status of its opportunity's first row (a duplicate id keeps its
  // first row, as MATCH would). Every status is read, so a bad one anywhere is reported.
  let open: Uint8Array | undefined;
  let join: KeyJoin | undefined;
  if (oppIds && oppStatus) {
    const statuses = enumCodes(oppStatus, Status, 'oppStatus');
    if (statuses instanceof CalcError) return statuses;
    const OPEN = Status.values.findIndex((v) => v.code === 'Open');
    join = keyJoin(dcOppIds, oppIds);
    const firstRow = join.to.firstRows();
    open = new Uint8Array(firstRow.length);
    for (let id = 0; id < open.length; id++) open[id] = firstRow[id] >= 0 && statuses[firstRow[id]] === OPEN ? 1 : 0;
  }
  const political = codeView(dcPolitical, PoliticalStatus).codes;
  const roles = codeView(dcRoles, BuyingRole).codes;
  const support = codeView(dcSupport, Support).codes;
  const keyPolitical = PoliticalStatus.values.map((v) => KEY_POLITICAL.has(v.code));
  const keyRole = BuyingRole.values.map((v) => KEY_ROLES.has(v.code));
  const backs = Support.values.map((v) => BACKING.has(v.code));
  let keyPlayers = 0;
  let backing = 0;
  for (let i = 0; i < dcOppIds.length; i++) {
    const p = political[i];
    if (p === UNKNOWN_CODE) return unknownValueAt(dcPolitical, i, PoliticalStatus, 'dcPolitical');
    const r = roles[i];
    if (r === UNKNOWN_CODE) return unknownValueAt(dcRoles, i, BuyingRole, 'dcRoles');
    const s = support[i];
    if (s === UNKNOWN_CODE) return unknownValueAt(dcSupport, i, Support, 'dcSupport');
    if (open && join) {
      const opp = join.toIdOfRow(i);
      if (opp < 0 || !open[opp]) {
        trace?.(i, 'notOpen');
        continue;
      }
    }
    // A key player (isKeyPlayer), by code.
    if (!((p !== BLANK_CODE && keyPolitical[p]) || (r !== BLANK_CODE && keyRole[r]))) {
      trace?.(i, 'notKeyPlayer');
      continue;
    }
    keyPlayers++;
    if (s !== BLANK_CODE && backs[s]) {
      backing++;
      trace?.(i, 'hit');
    } else trace?.(i, 'miss');
  }
  return keyPlayers > 0 ? backing / keyPlayers : null;
}

/** Enumerations that carry a methodology number, by their en and zh names. */
const SCORED: readonly { e: Enumeration; names: readonly string[] }[] = [
  { e: Coverage, names: ['Coverage', '覆盖度', '覆盖', '接触程度'] },
  { e: Support, names: ['Support', '支持度', '支持程度', '态度'] },
  { e: RelationshipLevel, names: ['RelationshipLevel', 'Relationship', '关系层级', '关系级别', '关系'] },
  { e: Influence, names: ['Influence', '影响力'] },
  { e: Answer, names: ['Answer', '答案', '回答'] },
];

const squash = (c: Cell): string => keyOf(c).replace(/[\s_-]/g, '');
const SCORED_BY_NAME = new Map<string, Enumeration>();
for (const { e, names } of SCORED) for (const n of names) SCORED_BY_NAME.set(squash(n), e);

/** The scored enumeration a name stands for ("coverage", "Relationship Level", "覆盖度"). */
export function scoredEnumeration(name: Cell): Enumeration | CalcError {
  const e = isBlank(name) ? undefined : SCORED_BY_NAME.get(squash(name));
  if (e) return e;
  return new CalcError(
    'VALUE',
    msg.unknownOption('enumeration', showCell(name ?? null), SCORED.map(({ names }) => `${names[0]}/${names[1]}`).join(', ')),
  );
}

/**
 * The methodology number of each value (coverage 0–3, support +2…−2, relationship level
 * 1–4, influence 3/2/1, answer Yes 1 / No 0). Blank, and an Unknown answer, stay blank.
 */
export function enumScores(values: Column, enumeration: Enumeration): (number | null)[] | CalcError {
  const codes = enumCodes(values, enumeration, 'values');
  if (codes instanceof CalcError) return codes;
  const score = enumeration.values.map((v) => v.score ?? null);
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < out.length; i++) out[i] = codes[i] === BLANK_CODE ? null : score[codes[i]];
  return out;
}
