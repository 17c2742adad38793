/**
 * One opportunity's decision chain as the views show it: the chain rows joined to their
 * contacts, the account's contacts as an org chart by ReportsTo, and the gaps in the map.
 * Enumerations are read with the relationships kernels (aliases and zh folded), and the role
 * coverage and support index are the kernels' own numbers (ROLECOVERAGE, SUPPORTINDEX).
 */
import { CalcError, Cell, isBlank, keyOf } from '../../../core/cells';
import { BuyingRole, Coverage, EnumValue, Influence, PoliticalStatus, Support } from '../../../core/enumerations';
import { enumReader, isKeyPlayer, roleCoverage, supportIndex } from '../../../calc/relationships';
import { WorkbookSnapshot } from '../../../model/snapshot';
import { columnValues } from '../../../model/workbookColumns';

export interface ChainMember {
  /** 0-based row in the DecisionChain table. */
  row: number;
  contactId: string;
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
  /** Enumeration values the kernels could not read (named in the message). */
  problems: CalcError[];
}

const text = (c: Cell | undefined) => (isBlank(c) ? '' : String(c).trim());

export function chainMembers(snapshot: WorkbookSnapshot, oppId: string): { members: ChainMember[]; problems: CalcError[] } {
  const dc = snapshot.tables.DecisionChain;
  const opp = columnValues(dc, 'OppId') ?? [];
  const col = (name: string) => columnValues(dc, name) ?? opp.map(() => null);
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
  const problems: CalcError[] = [];
  const value = (k: keyof typeof read, i: number) => {
    const v = read[k](cols[k], i);
    if (v instanceof CalcError) {
      problems.push(v);
      return undefined;
    }
    return v;
  };
  opp.forEach((id, i) => {
    if (isBlank(id) || keyOf(id) !== key) return;
    const role = value('role', i);
    const political = value('political', i);
    members.push({
      row: i,
      contactId: text(contacts[i]),
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
function orgChart(snapshot: WorkbookSnapshot, accountId: string, members: ChainMember[]): ContactNode[] {
  const con = snapshot.tables.Contacts;
  const ids = columnValues(con, 'ContactId') ?? [];
  const accounts = columnValues(con, 'AccountId') ?? [];
  const names = columnValues(con, 'Name') ?? [];
  const titles = columnValues(con, 'Title') ?? [];
  const reports = columnValues(con, 'ReportsTo') ?? [];
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

export function decisionChainMap(snapshot: WorkbookSnapshot, oppRow: number): DecisionChainMap {
  const opp = snapshot.tables.Opportunities;
  const oppId = text(columnValues(opp, 'OppId')?.[oppRow]);
  const accountId = text(columnValues(opp, 'AccountId')?.[oppRow]);
  const accountRow = (columnValues(snapshot.tables.Accounts, 'AccountId') ?? []).findIndex(
    (a) => !isBlank(a) && keyOf(a) === keyOf(accountId),
  );
  const accountName = text(columnValues(snapshot.tables.Accounts, 'AccountName')?.[accountRow]) || accountId;
  const { members, problems } = chainMembers(snapshot, oppId);
  const roots = orgChart(snapshot, accountId, members);
  const nameOf = new Map<string, string>();
  const walk = (n: ContactNode) => {
    nameOf.set(keyOf(n.contactId), n.name);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  const who = (ms: ChainMember[]) => ms.map((m) => nameOf.get(keyOf(m.contactId)) ?? m.contactId);

  const dcOppIds = members.map(() => oppId);
  const coverage = roleCoverage({ oppIds: [oppId], dcOppIds, dcRoles: members.map((m) => m.role?.code ?? null) });
  const support = supportIndex({
    oppIds: [oppId],
    dcOppIds,
    dcSupport: members.map((m) => m.support?.code ?? null),
    dcInfluence: members.map((m) => m.influence?.code ?? null),
  });

  const gaps: ChainGap[] = [];
  const has = (pick: (m: ChainMember) => boolean) => members.some(pick);
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

  const one = <T>(v: (T | null)[] | CalcError): T | null => (v instanceof CalcError ? (problems.push(v), null) : (v[0] ?? null));
  return {
    oppId,
    accountId,
    accountName,
    members,
    roots,
    gaps,
    roleCoverage: one(coverage),
    supportIndex: one(support),
    problems,
  };
}
