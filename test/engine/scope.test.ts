/**
 * Scopes (DESIGN §4, `crm3 evaluate --by …` / `--scope …`): one result per value, the parts add
 * up to the whole, each part holds exactly its own accounts and what hangs off them, targets
 * follow the owner, and a scope with no rows gives blank ratios and zero totals, never errors.
 */
import { Cell, keyOf, toNumber } from '../../src/core/cells';
import { EvaluationResult, evaluateBy, evaluateWorkbook } from '../../src/engine/evaluate';
import { ScopeField, applyScopes, fieldNamed, parseScope, scopeValues } from '../../src/engine/scope';
import { generateSample } from '../../src/model/sample';
import { TableData, WorkbookSnapshot } from '../../src/model/snapshot';

const ASOF = 46352;
const PS = 46023;
const PE = 46387;
const options = { file: 'sample.xlsx', asOf: ASOF, locale: 'en-US' as const };

const column = (t: TableData | undefined, name: string): Cell[] => {
  const j = t!.headers.indexOf(name);
  return t!.rows.map((r) => r[j] ?? null);
};
const value = (r: EvaluationResult, id: string) => r.indicators.find((i) => i.id === id)!.value;
const num = (r: EvaluationResult, id: string) => value(r, id) as number;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
/** Indicator values that are errors show up as problems on the Indicators sheet. */
const indicatorProblems = (r: EvaluationResult) => r.problems.filter((p) => p.sheet === 'Indicators');

let sample: WorkbookSnapshot;
let whole: EvaluationResult;
beforeAll(() => {
  sample = generateSample({ size: 60, seed: 1 });
  whole = evaluateWorkbook(sample, options);
});

describe('--by owner', () => {
  let byOwner: EvaluationResult[];
  beforeAll(() => {
    byOwner = evaluateBy(sample, 'owner', options);
  });

  test('one result per owner, each naming its scope', () => {
    const owners = [...new Set(column(sample.tables.Accounts, 'Owner'))];
    expect(owners.length).toBeGreaterThan(1);
    expect(byOwner.map((r) => r.scope)).toEqual(owners.map((o) => [{ field: 'owner', value: o }]));
  });

  test('accounts and opportunities of the owners add up to the whole workbook', () => {
    expect(sum(byOwner.map((r) => r.accounts.length))).toBe(whole.accounts.length);
    expect(sum(byOwner.map((r) => r.opportunities.length))).toBe(whole.opportunities.length);
    const ids = byOwner.flatMap((r) => r.opportunities.map((o) => o.OppId)).sort();
    expect(ids).toEqual(whole.opportunities.map((o) => o.OppId).sort());
  });

  test("each owner holds exactly the accounts they own, and those accounts' opportunities", () => {
    const acc = sample.tables.Accounts!;
    const ownerOf = new Map(column(acc, 'AccountId').map((id, i) => [id, column(acc, 'Owner')[i]]));
    const opp = sample.tables.Opportunities!;
    const accountOfOpp = new Map(column(opp, 'OppId').map((id, i) => [id, column(opp, 'AccountId')[i]]));
    for (const r of byOwner) {
      const owner = r.scope![0].value;
      expect(r.accounts.every((a) => ownerOf.get(a.AccountId) === owner)).toBe(true);
      expect(r.accounts).toHaveLength([...ownerOf.values()].filter((o) => o === owner).length);
      expect(r.opportunities.every((o) => ownerOf.get(accountOfOpp.get(o.OppId)!) === owner)).toBe(true);
    }
  });

  test.each(['NEW_OPP_COUNT', 'NEW_PIPE_VALUE', 'OPEN_PIPE', 'WEIGHTED_PIPE', 'WHITESPACE'])(
    '%s of the owners sums to the whole',
    (id) => {
      expect(close(sum(byOwner.map((r) => num(r, id))), num(whole, id))).toBe(true);
    },
  );

  test('per-row results are those of the whole workbook (tiers do not change with the scope)', () => {
    const tiers = new Map(whole.accounts.map((a) => [a.AccountId, a]));
    for (const r of byOwner) for (const a of r.accounts) expect(a).toEqual(tiers.get(a.AccountId));
    const grades = new Map(whole.opportunities.map((o) => [o.OppId, o]));
    for (const r of byOwner) for (const o of r.opportunities) expect(o).toEqual(grades.get(o.OppId));
  });

  test("targets follow the owner: TARGET_ATTAIN = the owner's won amount / the owner's own targets", () => {
    const opp = sample.tables.Opportunities!;
    const tgt = sample.tables.Targets!;
    const acc = sample.tables.Accounts!;
    const ownerOf = new Map(column(acc, 'AccountId').map((id, i) => [id, column(acc, 'Owner')[i]]));
    for (const r of byOwner) {
      const owner = r.scope![0].value;
      const won = sum(
        opp.rows
          .map((_, i) => i)
          .filter((i) => ownerOf.get(column(opp, 'AccountId')[i]) === owner && column(opp, 'Status')[i] === 'Won')
          .filter((i) => (column(opp, 'CloseDate')[i] as number) >= PS && (column(opp, 'CloseDate')[i] as number) <= PE)
          .map((i) => toNumber(column(opp, 'Amount')[i])!),
      );
      const target = sum(
        tgt.rows
          .map((_, i) => i)
          .filter((i) => keyOf(column(tgt, 'Owner')[i]) === keyOf(owner))
          .filter((i) => (column(tgt, 'StartDate')[i] as number) >= PS && (column(tgt, 'EndDate')[i] as number) <= PE)
          .map((i) => toNumber(column(tgt, 'Amount')[i])!),
      );
      expect(target).toBeGreaterThan(0);
      expect(close(num(r, 'TARGET_ATTAIN'), won / target)).toBe(true);
    }
  });

  test('no indicator is an error in any scope', () => {
    for (const r of byOwner) expect(indicatorProblems(r)).toEqual([]);
  });

  test('--scope region=… --by owner: both apply, and the owners add up to that region', () => {
    const region = column(sample.tables.Accounts, 'Region')[0] as string;
    const regionWhole = evaluateWorkbook(sample, { ...options, scopes: [{ field: 'region', value: region }] });
    const parts = evaluateBy(sample, 'owner', { ...options, scopes: [{ field: 'region', value: region }] });
    expect(parts.every((r) => r.scope!.length === 2 && r.scope![0].field === 'region' && r.scope![1].field === 'owner')).toBe(
      true,
    );
    expect(sum(parts.map((r) => r.accounts.length))).toBe(regionWhole.accounts.length);
    expect(close(sum(parts.map((r) => num(r, 'OPEN_PIPE'))), num(regionWhole, 'OPEN_PIPE'))).toBe(true);
  });
});

describe.each<ScopeField>(['tier', 'region', 'industry'])('--by %s', (field) => {
  test('one result per value; accounts, opportunities, NEW_OPP_COUNT and OPEN_PIPE add up to the whole', () => {
    const parts = evaluateBy(sample, field, options);
    expect(parts.length).toBeGreaterThan(1);
    expect(new Set(parts.map((r) => r.scope![0].value)).size).toBe(parts.length);
    expect(sum(parts.map((r) => r.accounts.length))).toBe(whole.accounts.length);
    expect(sum(parts.map((r) => r.opportunities.length))).toBe(whole.opportunities.length);
    expect(sum(parts.map((r) => num(r, 'NEW_OPP_COUNT')))).toBe(num(whole, 'NEW_OPP_COUNT'));
    expect(close(sum(parts.map((r) => num(r, 'OPEN_PIPE'))), num(whole, 'OPEN_PIPE'))).toBe(true);
    if (field === 'tier') {
      // Tier scopes use the computed tiers of the whole workbook.
      expect(parts.map((r) => r.scope![0].value).sort()).toEqual(['A', 'B', 'C', 'D']);
      for (const r of parts) expect(r.accounts.every((a) => a.Tier === r.scope![0].value)).toBe(true);
    }
    for (const r of parts) expect(indicatorProblems(r)).toEqual([]);
  });
});

describe('--by account', () => {
  test('one result per account holding that account only; opportunities add up', () => {
    const parts = evaluateBy(sample, 'account', options);
    expect(parts.map((r) => r.scope![0].value)).toEqual(column(sample.tables.Accounts, 'AccountId'));
    expect(parts.every((r) => r.accounts.length === 1 && r.accounts[0].AccountId === r.scope![0].value)).toBe(true);
    expect(sum(parts.map((r) => r.opportunities.length))).toBe(whole.opportunities.length);
    expect(sum(parts.map((r) => num(r, 'NEW_OPP_COUNT')))).toBe(num(whole, 'NEW_OPP_COUNT'));
    expect(close(sum(parts.map((r) => num(r, 'OPEN_PIPE'))), num(whole, 'OPEN_PIPE'))).toBe(true);
    for (const r of parts) expect(indicatorProblems(r)).toEqual([]);
  });

  test('an account with a single deal: a blank cell in its one row is a blank value, not an omitted argument', () => {
    // One won deal without a competitor: COMP_WIN_RATE has no deal to count (blank), the win
    // rate is 1, and every indicator that needs a date column still gets one.
    const opp = sample.tables.Opportunities!;
    const accounts = column(opp, 'AccountId');
    const single = accounts.find(
      (a, i) =>
        accounts.filter((b) => b === a).length === 1 &&
        column(opp, 'Status')[i] === 'Won' &&
        (column(opp, 'CloseDate')[i] as number) >= PS,
    );
    expect(single).toBeDefined();
    const edited: WorkbookSnapshot = {
      ...sample,
      tables: { ...sample.tables, Opportunities: { ...opp, rows: opp.rows.map((r) => [...r]) } },
    };
    const t = edited.tables.Opportunities!;
    t.rows[accounts.indexOf(single!)][t.headers.indexOf('Competitor')] = null;
    const r = evaluateWorkbook(edited, { ...options, scopes: [{ field: 'account', value: single as string }] });
    expect(r.opportunities).toHaveLength(1);
    expect(value(r, 'COMP_WIN_RATE')).toBeNull();
    expect(value(r, 'WIN_RATE_COUNT')).toBe(1);
    expect(value(r, 'NEW_OPP_COUNT')).toEqual(expect.any(Number));
    expect(indicatorProblems(r)).toEqual([]);
  });
});

describe('a scope without rows', () => {
  test.each([
    [[{ field: 'owner' as const, value: 'Nobody' }]],
    [[{ field: 'account' as const, value: 'A999' }]],
    [
      [
        { field: 'tier' as const, value: 'A' },
        { field: 'tier' as const, value: 'D' },
      ],
    ],
  ])('%j: ratios No data (nothing to compute over), zero totals, no errors', (scopes) => {
    const r = evaluateWorkbook(sample, { ...options, scopes });
    expect(r.scope).toEqual(scopes);
    expect(r.accounts).toEqual([]);
    expect(r.opportunities).toEqual([]);
    expect(indicatorProblems(r)).toEqual([]);
    // Targets follow only an owner scope (DESIGN §4): other scopes keep the whole target, so
    // nothing won and nothing in the pipeline is 0 % of it, not blank.
    const againstTarget = scopes[0].field === 'owner' ? null : 0;
    for (const i of r.indicators) {
      if (['NEW_OPP_COUNT', 'NEW_PIPE_VALUE', 'OPEN_PIPE', 'WEIGHTED_PIPE', 'WHITESPACE'].includes(i.id))
        expect({ id: i.id, v: i.value }).toEqual({ id: i.id, v: 0 });
      else if (['TARGET_ATTAIN', 'PIPE_COVERAGE'].includes(i.id)) {
        expect({ id: i.id, v: i.value }).toEqual({ id: i.id, v: againstTarget });
        if (againstTarget === null) expect(i.status).toBe('NoData');
      } else
        expect({ id: i.id, v: i.value, status: i.status, reason: i.reason }).toEqual({
          id: i.id,
          v: null,
          status: 'NoData',
          reason: expect.stringMatching(/^No data: there are no /),
        });
    }
  });
});

describe('scope helpers', () => {
  test('parseScope and field names in en and zh', () => {
    expect(parseScope('owner=Li Wei')).toEqual({ field: 'owner', value: 'Li Wei' });
    expect(parseScope(' 负责人 = 李伟 ')).toEqual({ field: 'owner', value: '李伟' });
    expect(parseScope('区域=华东')).toEqual({ field: 'region', value: '华东' });
    expect(parseScope('color=red')).toBeUndefined();
    expect(parseScope('owner')).toBeUndefined();
    expect(fieldNamed('ACCOUNT')).toBe('account');
    expect(fieldNamed('分级')).toBe('tier');
  });

  test('scope values match case- and width-insensitively; an activity without an account follows its opportunity', () => {
    const owner = column(sample.tables.Accounts, 'Owner')[0] as string;
    const a = applyScopes(sample, [{ field: 'owner', value: owner.toUpperCase() }]);
    const b = applyScopes(sample, [{ field: 'owner', value: owner }]);
    expect(a.tables.Accounts!.rows.length).toBe(b.tables.Accounts!.rows.length);
    expect(scopeValues(sample, 'owner')).toContain(owner);
    // Activities logged against an opportunity only (blank AccountId) stay with that opportunity's account.
    const acts = b.tables.Activities!;
    const kept = new Set(b.tables.Opportunities!.rows.map((r) => r[0]));
    const blankAccount = acts.rows.filter((r) => r[acts.headers.indexOf('AccountId')] === null);
    expect(blankAccount.length).toBeGreaterThan(0);
    expect(blankAccount.every((r) => kept.has(r[acts.headers.indexOf('OppId')]))).toBe(true);
  });
});
