/**
 * Scopes (DESIGN.md §4): an owner, a region, an industry, a tier or one account. A scope
 * keeps the accounts that match and, with them, their opportunities, contacts, decision
 * chains, activities and actions; targets follow the owner when the scope is an owner.
 */
import { Cell, isBlank, keyOf } from '../core/cells';
import { Locale, Message, pick } from '../core/i18n';
import { tableSpec } from '../model/schema';
import { TableData, WorkbookSnapshot } from '../model/snapshot';
import { namedColumn, rowCount } from '../model/tableColumns';

export type ScopeField = 'owner' | 'region' | 'industry' | 'tier' | 'account';

export interface Scope {
  field: ScopeField;
  value: string;
}

export const SCOPE_FIELDS: readonly ScopeField[] = ['owner', 'region', 'industry', 'tier', 'account'];

const ACCOUNT_COLUMN: Record<ScopeField, string> = {
  owner: 'Owner',
  region: 'Region',
  industry: 'Industry',
  tier: 'Tier',
  account: 'AccountId',
};

function keep(t: TableData | undefined, test: (i: number) => boolean): TableData | undefined {
  if (!t) return t;
  return { ...t, rows: t.rows.filter((_, i) => test(i)) };
}

/**
 * The part of the workbook a set of scopes covers (all must hold). `tiers` are the computed
 * tiers of the whole workbook's accounts (needed for tier scopes), in Accounts row order.
 */
export function applyScopes(snapshot: WorkbookSnapshot, scopes: readonly Scope[], tiers?: readonly Cell[]): WorkbookSnapshot {
  if (scopes.length === 0) return snapshot;
  const accounts = snapshot.tables.Accounts;
  const accountIds = namedColumn(accounts, 'AccountId');
  const keepAccount = accountIds.map((_, i) =>
    scopes.every((s) => {
      const values = s.field === 'tier' ? (tiers ?? []) : namedColumn(accounts, ACCOUNT_COLUMN[s.field]);
      return keyOf(values[i] ?? null) === keyOf(s.value);
    }),
  );
  const accountSet = new Set(accountIds.filter((_, i) => keepAccount[i]).map((id) => keyOf(id)));
  const inAccounts = (c: Cell) => accountSet.has(keyOf(c));

  const opps = snapshot.tables.Opportunities;
  const oppAccount = namedColumn(opps, 'AccountId');
  const oppIds = namedColumn(opps, 'OppId');
  const oppSet = new Set(oppIds.filter((_, i) => inAccounts(oppAccount[i])).map((id) => keyOf(id)));
  const inOpps = (c: Cell) => oppSet.has(keyOf(c));

  const contacts = snapshot.tables.Contacts;
  const conAccount = namedColumn(contacts, 'AccountId');
  const acts = snapshot.tables.Activities;
  const actAccount = namedColumn(acts, 'AccountId');
  const actOpp = namedColumn(acts, 'OppId');
  const tgtOwner = namedColumn(snapshot.tables.Targets, 'Owner');
  const chainOpp = namedColumn(snapshot.tables.DecisionChain, 'OppId');
  const actionAccount = namedColumn(snapshot.tables.Actions, 'AccountId');
  const ownerScopes = scopes.filter((s) => s.field === 'owner');

  return {
    ...snapshot,
    tables: {
      ...snapshot.tables,
      Accounts: keep(accounts, (i) => keepAccount[i]),
      Opportunities: keep(opps, (i) => inAccounts(oppAccount[i])),
      Contacts: keep(contacts, (i) => inAccounts(conAccount[i])),
      DecisionChain: keep(snapshot.tables.DecisionChain, (i) => inOpps(chainOpp[i])),
      // An activity belongs to its account, or (blank account) to its opportunity's account.
      Activities: keep(acts, (i) => (isBlank(actAccount[i]) ? inOpps(actOpp[i]) : inAccounts(actAccount[i]))),
      Actions: keep(snapshot.tables.Actions, (i) => inAccounts(actionAccount[i])),
      Targets: keep(snapshot.tables.Targets, (i) => ownerScopes.every((s) => keyOf(tgtOwner[i]) === keyOf(s.value))),
    },
  };
}

/** Parses `owner=Li` (also zh field names 负责人/区域/行业/分级/客户). */
export function parseScope(text: string): Scope | undefined {
  const m = /^\s*([^=]+?)\s*=\s*(.+?)\s*$/.exec(text);
  if (!m) return undefined;
  const field = fieldNamed(m[1]);
  return field ? { field, value: m[2] } : undefined;
}

const FIELD_ALIASES: Record<string, ScopeField> = {
  OWNER: 'owner',
  负责人: 'owner',
  REGION: 'region',
  区域: 'region',
  地区: 'region',
  INDUSTRY: 'industry',
  行业: 'industry',
  TIER: 'tier',
  分级: 'tier',
  ACCOUNT: 'account',
  ACCOUNTID: 'account',
  客户: 'account',
};

export function fieldNamed(name: string): ScopeField | undefined {
  return FIELD_ALIASES[keyOf(name)];
}

/** The distinct non-blank values of a field, in first-seen order (for --by). */
export function scopeValues(snapshot: WorkbookSnapshot, field: ScopeField, tiers?: readonly Cell[]): string[] {
  const values = field === 'tier' ? (tiers ?? []) : namedColumn(snapshot.tables.Accounts, ACCOUNT_COLUMN[field]);
  const seen = new Map<string, string>();
  for (const v of values) if (!isBlank(v) && !seen.has(keyOf(v))) seen.set(keyOf(v), String(v).trim());
  return [...seen.values()];
}

/** Row indexes of `t` grouped: for each row, the groups its key belongs to. */
function rowsByGroup(
  t: TableData | undefined,
  groupsOfRow: (i: number) => Iterable<number> | undefined,
  groups: number,
): number[][] {
  const out: number[][] = Array.from({ length: groups }, () => []);
  if (!t) return out;
  for (let i = 0, n = rowCount(t); i < n; i++) for (const g of groupsOfRow(i) ?? []) out[g].push(i);
  return out;
}

/** key → groups, built from (key, group) pairs; a key (a duplicate id) may sit in several groups. */
function groupIndex(pairs: Iterable<[string, number]>): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const [k, g] of pairs) {
    let s = out.get(k);
    if (!s) out.set(k, (s = new Set()));
    s.add(g);
  }
  return out;
}

/**
 * The workbook cut by every value of `field` within `scopes` (for `--by`): one snapshot per
 * value, in scopeValues' order, each exactly what applyScopes gives for `[...scopes,
 * {field, value}]`. The rows are grouped once, so all values together cost one pass over the
 * workbook (applying each scope in turn costs a pass per value: 50,000 accounts took hours).
 * Snapshots are made one at a time, as the caller asks for them.
 */
export function* scopePartitions(
  snapshot: WorkbookSnapshot,
  field: ScopeField,
  scopes: readonly Scope[],
  tiers?: readonly Cell[],
): Generator<{ value: string; snapshot: WorkbookSnapshot }> {
  const accounts = snapshot.tables.Accounts;
  const accountIds = namedColumn(accounts, 'AccountId');
  const valuesOf = (f: ScopeField) => (f === 'tier' ? (tiers ?? []) : namedColumn(accounts, ACCOUNT_COLUMN[f]));
  const fieldValues = valuesOf(field);
  const scopeColumns = scopes.map((s) => ({ s, values: valuesOf(s.field) }));
  // Values in first-seen order among the accounts the scopes keep (as scopeValues lists them, then filtered).
  const order = scopeValues(snapshot, field, tiers);
  const groupOf = new Map(order.map((v, g) => [keyOf(v), g]));
  const accountGroup = accountIds.map((_, i) => {
    if (!scopeColumns.every(({ s, values }) => keyOf(values[i] ?? null) === keyOf(s.value))) return undefined;
    return groupOf.get(keyOf(fieldValues[i] ?? null));
  });
  const n = order.length;
  const accountRows = rowsByGroup(accounts, (i) => (accountGroup[i] === undefined ? undefined : [accountGroup[i]!]), n);
  const byAccount = groupIndex(
    accountIds.flatMap((id, i): [string, number][] => (accountGroup[i] === undefined ? [] : [[keyOf(id), accountGroup[i]!]])),
  );
  const opps = snapshot.tables.Opportunities;
  const oppAccount = namedColumn(opps, 'AccountId');
  const oppRows = rowsByGroup(opps, (i) => byAccount.get(keyOf(oppAccount[i])), n);
  const oppIds = namedColumn(opps, 'OppId');
  const byOpp = groupIndex(oppRows.flatMap((rows, g) => rows.map((i): [string, number] => [keyOf(oppIds[i]), g])));
  const contacts = snapshot.tables.Contacts;
  const conAccount = namedColumn(contacts, 'AccountId');
  const acts = snapshot.tables.Activities;
  const actAccount = namedColumn(acts, 'AccountId');
  const actOpp = namedColumn(acts, 'OppId');
  const chainOpp = namedColumn(snapshot.tables.DecisionChain, 'OppId');
  const actionAccount = namedColumn(snapshot.tables.Actions, 'AccountId');
  const contactRows = rowsByGroup(contacts, (i) => byAccount.get(keyOf(conAccount[i])), n);
  const chainRows = rowsByGroup(snapshot.tables.DecisionChain, (i) => byOpp.get(keyOf(chainOpp[i])), n);
  const actRows = rowsByGroup(
    acts,
    (i) => (isBlank(actAccount[i]) ? byOpp.get(keyOf(actOpp[i])) : byAccount.get(keyOf(actAccount[i]))),
    n,
  );
  const actionRows = rowsByGroup(snapshot.tables.Actions, (i) => byAccount.get(keyOf(actionAccount[i])), n);
  // Targets follow the owner scopes: filtered once by the given ones, then grouped by owner when --by owner.
  const targets = snapshot.tables.Targets;
  const tgtOwner = namedColumn(targets, 'Owner');
  const ownerScopes = scopes.filter((s) => s.field === 'owner');
  const baseTargets = keep(targets, (i) => ownerScopes.every((s) => keyOf(tgtOwner[i]) === keyOf(s.value)));
  const targetRows =
    field === 'owner' && targets
      ? rowsByGroup(
          targets,
          (i) => {
            const g = groupOf.get(keyOf(tgtOwner[i]));
            return g !== undefined && ownerScopes.every((s) => keyOf(tgtOwner[i]) === keyOf(s.value)) ? [g] : undefined;
          },
          n,
        )
      : undefined;
  const pick = (t: TableData | undefined, rows: number[]) => (t ? { ...t, rows: rows.map((i) => t.rows[i]) } : t);

  for (let g = 0; g < n; g++) {
    if (accountRows[g].length === 0) continue; // a value only accounts outside the scopes hold
    const value = order[g];
    yield {
      value,
      snapshot: {
        ...snapshot,
        tables: {
          ...snapshot.tables,
          Accounts: pick(accounts, accountRows[g]),
          Opportunities: pick(opps, oppRows[g]),
          Contacts: pick(contacts, contactRows[g]),
          DecisionChain: pick(snapshot.tables.DecisionChain, chainRows[g]),
          Activities: pick(acts, actRows[g]),
          Actions: pick(snapshot.tables.Actions, actionRows[g]),
          Targets: targetRows ? pick(targets, targetRows[g]) : baseTargets,
        },
      },
    };
  }
}

/** A scope field in words ("owner", "负责人"). */
export const FIELD_WORDS: Record<ScopeField, Message> = {
  owner: { en: 'owner', zh: '负责人' },
  region: { en: 'region', zh: '区域' },
  industry: { en: 'industry', zh: '行业' },
  tier: { en: 'tier', zh: '分级' },
  account: { en: 'account', zh: '客户' },
};

/** A scope as the report shows it: `owner=Li`, `负责人=李伟`. */
export function scopeText(scope: readonly Scope[], locale: Locale): string {
  return scope.map((s) => `${pick(FIELD_WORDS[s.field], locale)}=${s.value}`).join(locale === 'zh-CN' ? '，' : ', ');
}

/** The values to offer in a message: the first twenty, and how many more. */
function valueList(values: readonly string[], zh: boolean): string {
  const shown = values.slice(0, 20).map((v) => `"${v}"`);
  const more = values.length - shown.length;
  return zh
    ? `${shown.join('、')}${more > 0 ? ` 等（共 ${values.length} 个）` : ''}`
    : `${shown.join(', ')}${more > 0 ? `, … (${values.length} in all)` : ''}`;
}

/**
 * Why a scope (or a --by field, without a value) cannot be evaluated: the workbook has no
 * such column (or no value in it), or no account has that value (values match as ids do:
 * case, width and spacing folded). Lists the values there are. Undefined when it is fine.
 */
export function scopeProblem(
  snapshot: WorkbookSnapshot,
  field: ScopeField,
  value: string | undefined,
  tiers?: readonly Cell[],
): Message | undefined {
  const accounts = snapshot.tables.Accounts;
  const columnName = ACCOUNT_COLUMN[field];
  const spec = tableSpec('Accounts').columns.find((c) => c.name === columnName)!;
  const label = `${field}${value === undefined ? '' : `=${value}`}`;
  const values = scopeValues(snapshot, field, tiers);
  if (!accounts || (field !== 'tier' && !accounts.headers.includes(columnName)) || values.length === 0) {
    const why: Message =
      field === 'tier'
        ? { en: 'no account has a tier (the criterion scores are missing)', zh: '没有任何客户有分级（缺少评分项得分）' }
        : !accounts
          ? { en: 'the workbook has no Accounts table', zh: '工作簿中没有“客户”表' }
          : !accounts.headers.includes(columnName)
            ? { en: `the Accounts table has no ${columnName} column`, zh: `“客户”表没有“${spec.zh}”（${columnName}）列` }
            : { en: `the ${columnName} column of Accounts is empty`, zh: `“客户”表的“${spec.zh}”（${columnName}）列为空` };
    const fix: Message =
      field === 'tier'
        ? { en: 'Score the accounts on the criteria (C_… columns, 1–5)', zh: '请为客户的各评分项（C_… 列）打 1–5 分' }
        : { en: `Fill in ${columnName} on the Accounts sheet`, zh: `请在“客户”表中填写“${spec.zh}”（${columnName}）列` };
    return {
      en: `${label}: ${why.en}, so there is nothing to scope by ${FIELD_WORDS[field].en}. ${fix.en}, or choose another field (${SCOPE_FIELDS.join(', ')}).`,
      zh: `${label}：${why.zh}，无法按${FIELD_WORDS[field].zh}划分范围。${fix.zh}，或改用其他字段（${SCOPE_FIELDS.join('、')}）。`,
    };
  }
  if (value === undefined || values.some((v) => keyOf(v) === keyOf(value))) return undefined;
  return {
    en: `${label}: no account has ${FIELD_WORDS[field].en} "${value}". The ${FIELD_WORDS[field].en} values in the workbook are ${valueList(values, false)}.`,
    zh: `${label}：没有任何客户的${FIELD_WORDS[field].zh}是“${value}”。工作簿中的${FIELD_WORDS[field].zh}有：${valueList(values, true)}。`,
  };
}
