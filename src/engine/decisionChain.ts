/**
 * What the decision-chain map and the what-if editor ask the engine (决策链, DESIGN §3–§4):
 * one opportunity's chain rows joined to their contacts, the account's contacts as an org
 * chart by ReportsTo, and the gaps in the map, read from the workbook's columns as the engine
 * holds them. Enumerations are read with the relationships kernels' reader (aliases and zh
 * folded); role coverage and support index come from CRM3.ROLECOVERAGE and CRM3.SUPPORTINDEX.
 */
import { CalcError, Cell, isBlank, keyOf } from '../core/cells';
import { BuyingRole, Coverage, EnumValue, Influence, PoliticalStatus, Support } from '../core/enumerations';
import { Message } from '../core/i18n';
import { enumReader, isKeyPlayer } from '../calc/relationships';
import { TableName } from '../model/schema';
import { EngineValue, WorkbookEngine } from './workbookEngine';

export interface ChainMember {
  /** 0-based row in the DecisionChain table. */
  row: number;
  contactId: string;
  /** The contact's Name from Contacts, else the id. */
  name: string;
  role?: EnumValue;
  political?: EnumValue;
  support?: EnumValue;
  coverage?: EnumValue;
  influence?: EnumValue;
  keyPlayer: boolean;
  /** Raw Support cell, for the what-if editor. */
  supportCell: Cell;
}

export interface ContactNode {
  contactId: string;
  name: string;
  title: string;
  /** Chain rows of this contact on the opportunity (usually one). */
  chain: ChainMember[];
  children: ContactNode[];
}

export type GapKind =
  'noDecisionMaker' | 'noMentor' | 'opponentsUnmapped' | 'keyPlayerNotBacking' | 'keyPlayerUncovered' | 'notInContacts';

export interface ChainGap {
  kind: GapKind;
  /** Contacts the gap is about (names), when it is about people. */
  who: string[];
}

export interface DecisionChainMap {
  oppId: string;
  accountId: string;
  /** AccountName from Accounts, else the id. */
  accountName: string;
  members: ChainMember[];
  /** Roots of the org chart: the account's contacts whose manager is not among them. */
  roots: ContactNode[];
  gaps: ChainGap[];
  /** Share of the four buying roles present (ROLECOVERAGE), 0–1. */
  roleCoverage: number | null;
  /** Influence-weighted support, −2…+2 (SUPPORTINDEX); blank without support values. */
  supportIndex: number | null;
  /** Enumeration values that could not be read, and why a figure is missing. */
  problems: Message[];
}

const text = (c: Cell | undefined) => (isBlank(c) ? '' : String(c).trim());

/** The text of a cell as the engine holds it (an error value reads as blank). */
const plain = (v: EngineValue | undefined): Cell => (v === undefined || (v !== null && typeof v === 'object') ? null : v);

function column(engine: WorkbookEngine, table: TableName, name: string): Cell[] {
  return engine.inputColumn(table, name).map(plain);
}

function chainMembers(engine: WorkbookEngine, oppId: string): { members: ChainMember[]; problems: Message[] } {
  const col = (name: string) => column(engine, 'DecisionChain', name);
  const opp = col('OppId');
  const contacts = col('ContactId');
  const cols = {
    role: col('BuyingRole'),
    political: col('PoliticalStatus'),
    support: col('Support'),
    coverage: col('Coverage'),
    influence: col('Influence'),
  };
  const read = {
    role: enumReader(BuyingRole, 'Dc_BuyingRole'),
    political: enumReader(PoliticalStatus, 'Dc_PoliticalStatus'),
    support: enumReader(Support, 'Dc_Support'),
    coverage: enumReader(Coverage, 'Dc_Coverage'),
    influence: enumReader(Influence, 'Dc_Influence'),
  };
  const key = keyOf(oppId);
  const members: ChainMember[] = [];
  const problems: Message[] = [];
  const value = (k: keyof typeof read, i: number) => {
    const v = read[k](cols[k], i);
    if (v instanceof CalcError) {
      problems.push(v.message);
      return undefined;
    }
    return v;
  };
  opp.forEach((id, i) => {
    if (isBlank(id) || keyOf(id) !== key) return;
    const role = value('role', i);
    const political = value('political', i);
    const contactId = text(contacts[i]);
    members.push({
      row: i,
      contactId,
      name: contactId,
      role,
      political,
      support: value('support', i),
      coverage: value('coverage', i),
      influence: value('influence', i),
      keyPlayer: isKeyPlayer(political?.code, role?.code),
      supportCell: cols.support[i] ?? null,
    });
  });
  return { members, problems };
}

/** The account's contacts as trees by ReportsTo; a cycle or an unknown manager makes a root. */
function orgChart(engine: WorkbookEngine, accountId: string, members: ChainMember[]): ContactNode[] {
  const col = (name: string) => column(engine, 'Contacts', name);
  const ids = col('ContactId');
  const accounts = col('AccountId');
  const names = col('Name');
  const titles = col('Title');
  const reports = col('ReportsTo');
  const byKey = new Map<string, { node: ContactNode; manager: string }>();
  const onChain = new Set(members.map((m) => keyOf(m.contactId)));
  ids.forEach((id, i) => {
    if (isBlank(id)) return;
    const k = keyOf(id);
    // The account's contacts, plus any chain contact filed under another account.
    if (keyOf(accounts[i] ?? null) !== keyOf(accountId) && !onChain.has(k)) return;
    if (byKey.has(k)) return;
    const node: ContactNode = {
      contactId: text(id),
      name: text(names[i]) || text(id),
      title: text(titles[i]),
      chain: members.filter((m) => keyOf(m.contactId) === k),
      children: [],
    };
    byKey.set(k, { node, manager: isBlank(reports[i]) ? '' : keyOf(reports[i]) });
  });
  // Link each contact under its manager unless that closes a loop through the links made so far
  // (A reports to B, B to A): the contact that would close it stays a root, so nobody is lost.
  const linkedTo = new Map<string, string>();
  const roots: ContactNode[] = [];
  for (const [k, { node, manager }] of byKey) {
    const parent = manager && manager !== k ? byKey.get(manager) : undefined;
    if (parent && !reachesUp(linkedTo, manager, k)) {
      parent.node.children.push(node);
      linkedTo.set(k, manager);
    } else roots.push(node);
  }
  return roots;
}

/** True when following the links made so far up from `from` reaches `target`. */
function reachesUp(linkedTo: Map<string, string>, from: string, target: string): boolean {
  for (let k: string | undefined = from, steps = 0; k !== undefined && steps <= linkedTo.size; k = linkedTo.get(k), steps++) {
    if (k === target) return true;
  }
  return false;
}

/** The decision chain of the opportunity on Opportunities row `oppRow`. */
export function decisionChainMap(engine: WorkbookEngine, oppRow: number): DecisionChainMap {
  if (!Number.isInteger(oppRow) || oppRow < 0 || oppRow >= engine.layout.rowCounts.Opportunities)
    throw new Error(`Opportunities has no row ${oppRow + 1}`);
  const oppId = text(column(engine, 'Opportunities', 'OppId')[oppRow]);
  const accountId = text(column(engine, 'Opportunities', 'AccountId')[oppRow]);
  const accountRow = column(engine, 'Accounts', 'AccountId').findIndex((a) => !isBlank(a) && keyOf(a) === keyOf(accountId));
  const accountName = (accountRow >= 0 ? text(column(engine, 'Accounts', 'AccountName')[accountRow]) : '') || accountId;
  const { members, problems } = chainMembers(engine, oppId);
  const roots = orgChart(engine, accountId, members);
  const nameOf = new Map<string, string>();
  const walk = (n: ContactNode) => {
    nameOf.set(keyOf(n.contactId), n.name);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  for (const m of members) m.name = nameOf.get(keyOf(m.contactId)) ?? m.contactId;
  const who = (ms: ChainMember[]) => ms.map((m) => m.name);

  // The catalog's functions over this opportunity's chain rows (values already read above).
  const one = (v: EngineValue | EngineValue[][]): number | null => {
    const x = Array.isArray(v) ? v[0]?.[0] : v;
    if (x !== null && typeof x === 'object') problems.push({ en: x.message || x.error, zh: x.message || x.error });
    return typeof x === 'number' ? x : null;
  };
  const chainOpp = members.map(() => [oppId]);
  const codes = (pickCode: (m: ChainMember) => EnumValue | undefined) => members.map((m) => [pickCode(m)?.code ?? null]);
  const roleCoverage = one(engine.call('ROLECOVERAGE', [[[oppId]], chainOpp, codes((m) => m.role)]));
  const supportIndex = one(
    engine.call('SUPPORTINDEX', [[[oppId]], chainOpp, codes((m) => m.support), codes((m) => m.influence)]),
  );

  const gaps: ChainGap[] = [];
  const has = (test: (m: ChainMember) => boolean) => members.some(test);
  if (!has((m) => m.role?.code === 'Approver' || m.role?.code === 'DecisionMaker'))
    gaps.push({ kind: 'noDecisionMaker', who: [] });
  if (!has((m) => m.support?.code === 'Mentor')) gaps.push({ kind: 'noMentor', who: [] });
  if (!has((m) => m.support?.code === 'NonSupporter' || m.support?.code === 'Enemy'))
    gaps.push({ kind: 'opponentsUnmapped', who: [] });
  const notBacking = members.filter((m) => m.keyPlayer && m.support?.code !== 'Mentor' && m.support?.code !== 'Supporter');
  if (notBacking.length) gaps.push({ kind: 'keyPlayerNotBacking', who: who(notBacking) });
  const uncovered = members.filter((m) => m.keyPlayer && (m.coverage === undefined || m.coverage.code === 'NoContact'));
  if (uncovered.length) gaps.push({ kind: 'keyPlayerUncovered', who: who(uncovered) });
  const missing = members.filter((m) => !nameOf.has(keyOf(m.contactId)));
  if (missing.length) gaps.push({ kind: 'notInContacts', who: missing.map((m) => m.contactId) });

  return { oppId, accountId, accountName, members, roots, gaps, roleCoverage, supportIndex, problems };
}
