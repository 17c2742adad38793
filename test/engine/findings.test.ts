/**
 * Findings (issue #17): one per Red or Amber indicator with exactly the evaluated numbers, the
 * worst owners and accounts as their own scopes evaluate them (checked against evaluations of
 * each scope made here), and the consultant's recommendation for the indicator and status.
 */
import { keyOf } from '../../src/core/cells';
import { EvaluationResult, evaluateWorkbook } from '../../src/engine/evaluate';
import { Finding, contributorLines, findingsOf } from '../../src/engine/findings';
import { DEFAULT_RECOMMENDATIONS } from '../../src/model/recommendations';
import { generateSample } from '../../src/model/sample';
import { WorkbookSnapshot } from '../../src/model/snapshot';

const ASOF = 46352;
const options = { file: 'sample.xlsx', asOf: ASOF, locale: 'en-US' as const };

let sample: WorkbookSnapshot;
let whole: EvaluationResult;
let findings: Finding[];
beforeAll(() => {
  sample = generateSample({ size: 20, seed: 7 });
  whole = evaluateWorkbook(sample, options);
  findings = findingsOf(sample, whole, options);
});

const distinctOwners = (s: WorkbookSnapshot) => {
  const t = s.tables.Accounts!;
  const j = t.headers.indexOf('Owner');
  return [...new Set(t.rows.map((r) => String(r[j])))];
};

test('every Red or Amber indicator has one finding with the evaluated value and status; no other has one', () => {
  const flagged = whole.indicators.filter((i) => i.status === 'Red' || i.status === 'Amber');
  expect(flagged.length).toBeGreaterThan(0);
  expect(flagged.some((i) => i.status === 'Red')).toBe(true);
  expect(findings.map((f) => f.id)).toEqual(flagged.map((i) => i.id));
  for (const i of flagged) {
    const f = findings.find((x) => x.id === i.id)!;
    expect(f.value).toBe(i.value);
    expect(f.status).toBe(i.status);
  }
});

test('a ratio finding states its value, target and red line as percentages with one decimal', () => {
  const f = findings.find((x) => x.unit === 'ratio' && x.green !== null && x.red !== null)!;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  expect(f.statement).toContain(pct(f.value));
  expect(f.statement).toContain(pct(f.green!));
  expect(f.statement).toContain(pct(f.red!));
  expect(f.statement).toContain(f.status);
  expect(f.source).toMatch(/^Computed over /);
});

test('the named owners are the worst Red or Amber owners, by each owner evaluated on its own', () => {
  const owners = distinctOwners(sample);
  const perOwner = owners.map((o) => ({
    owner: o,
    result: evaluateWorkbook(sample, { ...options, scopes: [{ field: 'owner', value: o }] }),
  }));
  for (const f of findings) {
    const up = f.direction === 'HigherIsBetter';
    const expected = perOwner
      .map((p) => ({ owner: p.owner, ind: p.result.indicators.find((i) => i.id === f.id)! }))
      .filter((p) => (p.ind.status === 'Red' || p.ind.status === 'Amber') && typeof p.ind.value === 'number')
      .map((p) => ({ owner: p.owner, v: p.ind.value as number }))
      .sort((a, b) => (up ? a.v - b.v : b.v - a.v))
      .slice(0, 3);
    const named = f.contributors.filter((c) => c.field === 'owner');
    expect(named.map((c) => c.indicatorValue)).toEqual(expected.map((e) => e.v));
    // Ties may be named in either order; the set of values and owners must match.
    expect(new Set(named.map((c) => keyOf(c.value)))).toEqual(new Set(expected.map((e) => keyOf(e.owner))));
  }
});

test('accounts are named with their names and ids; over the limit they are not, and the note says why', () => {
  const withAccounts = findings.find((f) => f.contributors.some((c) => c.field === 'account'))!;
  expect(withAccounts.contributors.find((c) => c.field === 'account')!.label).toMatch(/ \(A\d+\)$/);
  const capped = findingsOf(sample, whole, { ...options, maxAccounts: 5 });
  for (const f of capped) {
    expect(f.contributors.some((c) => c.field === 'account')).toBe(false);
    expect(f.contributorsNote).toContain(`${sample.tables.Accounts!.rows.length} accounts`);
  }
  expect(contributorLines(withAccounts, 'en-US')[0]).toMatch(/^Weakest owners: /);
});

test('recommendations: the default for the indicator, else the workbook’s own rows, status rows first', () => {
  const red = findings.find((f) => f.status === 'Red')!;
  const amber = findings.find((f) => f.status === 'Amber')!;
  expect(red.recommendation).toBe(DEFAULT_RECOMMENDATIONS.find((r) => r.indicator === red.id)!.text.en);
  const own: WorkbookSnapshot = {
    ...sample,
    config: {
      ...sample.config,
      Recommendations: {
        sheet: 'Config',
        origin: { row: 2, col: 60 },
        headers: ['Indicator', 'Status', 'TextEn', 'TextZh'],
        rows: [
          [red.id, null, 'Both statuses.', '两种状态。'],
          [red.id.toLowerCase(), '红灯', 'Red only.', null],
          [amber.id, 'Green', 'Never used.', '不会使用。'],
        ],
      },
    },
  };
  const mine = findingsOf(own, whole, { ...options, maxAccounts: 0 });
  expect(mine.find((f) => f.id === red.id)!.recommendation).toBe('Red only.');
  expect(mine.find((f) => f.id === amber.id)!.recommendation).toBeUndefined();
  const zh = findingsOf(own, evaluateWorkbook(own, { ...options, locale: 'zh-CN' }), {
    ...options,
    locale: 'zh-CN',
    maxAccounts: 0,
  });
  // The zh text is blank on the Red row: the en text stands in rather than nothing.
  expect(zh.find((f) => f.id === red.id)!.recommendation).toBe('Red only.');
  expect(zh.find((f) => f.id === red.id)!.statement).toMatch(/状态：红灯。$/);
});

test('the default recommendations cover all 40 catalog indicators in both languages', () => {
  expect(new Set(DEFAULT_RECOMMENDATIONS.map((r) => r.indicator)).size).toBe(40);
  for (const r of DEFAULT_RECOMMENDATIONS) {
    expect(r.text.en).toMatch(/\.$/);
    expect(r.text.zh).toMatch(/。$/);
    // zh text: Chinese, with no Latin words but event and question ids.
    expect(r.text.zh.replace(/\b[A-Z]_[A-Za-z]+\b/g, '')).not.toMatch(/[A-Za-z]{2,}/);
  }
});
