/**
 * The deal-review template and the win analysis's losses, filled with the sample and evaluated
 * as a file: the page's lists and flags against an independent reading of the sample's rows
 * (plain filters written here, not the kernels), in both languages.
 */
import { Locale } from '../../src/core/i18n';
import { FormulaCellValue, evaluateFormulaWorkbook } from '../../src/io/formulaWorkbook';
import { generateSample } from '../../src/model/sample';
import { buildTemplate } from '../../src/templates/build';
import { TableData } from '../../src/model/snapshot';
import { built } from './builtTemplates';

const col = (t: TableData | undefined, name: string) => {
  const j = t!.headers.indexOf(name);
  return t!.rows.map((r) => r[j] ?? null);
};
const OPEN = ['Open', '进行中'];
const LOST = ['Lost', '丢单', 'NoDecision', '无决策'];

async function cells(id: 'deal-review' | 'opportunity-grading', locale: Locale): Promise<FormulaCellValue[]> {
  const r = await evaluateFormulaWorkbook(await built(id, locale, true), `${id}.xlsx`, { locale });
  if (!r.ok) throw new Error(r.reason.message.en);
  return r.cells;
}
const anchor = (all: FormulaCellValue[], part: string) => {
  const c = all.find((x) => x.formula.includes(part));
  if (!c) throw new Error(`no formula with ${part}`);
  return c;
};

describe.each(['en-US', 'zh-CN'] as const)('deal review %s', (locale) => {
  const sample = generateSample({ locale });
  const opp = sample.tables.Opportunities;
  const ids = col(opp, 'OppId');
  const status = col(opp, 'Status');
  const deal = ids[status.findIndex((s) => OPEN.includes(String(s)))];

  test('the page opens on the first open deal; its decision chain is listed by name, in table order', async () => {
    const all = await cells('deal-review', locale);
    const dc = sample.tables.DecisionChain;
    const contacts = sample.tables.Contacts;
    const nameOf = new Map(col(contacts, 'ContactId').map((c, i) => [c, col(contacts, 'Name')[i]]));
    const rows = col(dc, 'OppId')
      .map((o, i) => ({ o, contact: col(dc, 'ContactId')[i], role: col(dc, 'BuyingRole')[i] }))
      .filter((r) => r.o === deal);
    expect(rows.length).toBeGreaterThan(0);
    const block = anchor(all, 'LISTBY(Dc_OppId').spill!;
    expect(block).toHaveLength(8);
    const listed = block.filter((r) => r[0] !== null && r[0] !== '');
    expect(listed.map((r) => r[0])).toEqual(rows.slice(0, 8).map((r) => nameOf.get(r.contact)));
    expect(listed.map((r) => r[2])).toEqual(rows.slice(0, 8).map((r) => r.role));
  }, 120_000);

  test('red flags and strengths of that deal follow the rules (independent reading)', async () => {
    const all = await cells('deal-review', locale);
    const dc = sample.tables.DecisionChain;
    const i = ids.indexOf(deal);
    const chain = col(dc, 'OppId')
      .map((o, k) => ({ o, role: col(dc, 'BuyingRole')[k], support: col(dc, 'Support')[k], coverage: col(dc, 'Coverage')[k] }))
      .filter((r) => r.o === deal);
    const mentor = chain.some((r) => ['Mentor', '内线教练'].includes(String(r.support)));
    const approverMet = chain.some(
      (r) => ['Approver', '批准者'].includes(String(r.role)) && !['NoContact', '未接触', null, ''].includes(r.coverage as string),
    );
    const filled = (name: string) => {
      const v = col(opp, name)[i];
      return v !== null && String(v).trim() !== '';
    };
    const flags = anchor(all, 'DEALFLAGS(B').spill!.map((r) => r[0]);
    const strengths = anchor(all, 'DEALFLAGS(F').spill!.map((r) => r[0]);
    // Order of the page: noMentor, approverNotMet, slippedTwice, missingEssential, stale, competitorNoValue.
    expect(flags[0]).toBe(!mentor);
    expect(flags[1]).toBe(!approverMet);
    expect(flags[2]).toBe(Number(col(opp, 'CloseDatePushes')[i] ?? 0) >= 2);
    expect(flags[5]).toBe(filled('Competitor') && !filled('ValueProposition'));
    // mentor, approverMet, evidenceComplete, compellingEvent, valueStated
    expect(strengths[0]).toBe(mentor);
    expect(strengths[1]).toBe(approverMet);
    expect(strengths[3]).toBe(filled('CompellingEvent'));
    expect(strengths[4]).toBe(filled('ValueProposition'));
  }, 120_000);

  // Issue 16: the deal's own actions (OppId = the deal), not the account's other actions nor
  // another deal's, soonest due first, each with its status worked out here by hand.
  test("next actions: the deal's own actions with owner, due date, done date and status", async () => {
    const s = generateSample({ locale });
    const axn = s.tables.Actions!;
    const at = (c: string) => axn.headers.indexOf(c);
    const account = col(opp, 'AccountId')[ids.indexOf(deal)];
    const asOf = s.settings.AsOfDate as number;
    const yes = locale === 'zh-CN' ? '是' : 'Yes';
    const no = locale === 'zh-CN' ? '否' : 'No';
    const other = ids.find((o, k) => o !== deal && OPEN.includes(String(status[k])))!;
    // The sample's own actions of this deal are dropped, so the list is exactly these rows.
    axn.rows = axn.rows.filter((r) => r[at('OppId')] !== deal);
    const row = (action: string, due: number, done: string, doneOn: number | null, oppId: unknown) => {
      const r = Array<unknown>(axn.headers.length).fill(null);
      Object.assign(r, { [at('AccountId')]: account, [at('Action')]: action, [at('Owner')]: 'Li' });
      Object.assign(r, { [at('DueDate')]: due, [at('Done')]: done, [at('DoneDate')]: doneOn, [at('OppId')]: oppId });
      return r as (typeof axn.rows)[number];
    };
    axn.rows.push(
      row('late one', asOf - 20, yes, asOf - 5, deal), // done 15 days after its due date → late
      row('account only', asOf - 30, no, null, null), // no OppId: not this deal's
      row('pending one', asOf + 5, no, null, deal), // not done, due in 5 days → pending
      row('other deal', asOf - 40, no, null, other), // another deal's
      row('on time one', asOf - 10, yes, asOf - 12, deal), // done 2 days early → on time
      row('overdue one', asOf - 1, no, null, deal), // not done, due yesterday → overdue
    );
    const r = await evaluateFormulaWorkbook(await buildTemplate('deal-review', locale, { data: s }), 'dr.xlsx', { locale });
    if (!r.ok) throw new Error(r.reason.message.en);
    const block = anchor(r.cells, 'LISTBY(Axn_OppId').spill!;
    const words =
      locale === 'zh-CN'
        ? { late: '逾期完成', pending: '待完成', onTime: '按期完成', overdue: '已逾期' }
        : { late: 'Late', pending: 'Pending', onTime: 'OnTime', overdue: 'Overdue' };
    const listed = block.filter((x) => x[0] !== null && x[0] !== '');
    expect(listed).toEqual([
      ['late one', 'Li', asOf - 20, asOf - 5, words.late],
      ['on time one', 'Li', asOf - 10, asOf - 12, words.onTime],
      ['overdue one', 'Li', asOf - 1, null, words.overdue],
      ['pending one', 'Li', asOf + 5, null, words.pending],
    ]);
  }, 120_000);

  test('win analysis: lost deals per loss reason and per competitor', async () => {
    const all = await cells('opportunity-grading', locale);
    const lostCount = (key: string) => {
      const counts = new Map<string, number>();
      col(opp, key).forEach((k, j) => {
        if (k === null || String(k).trim() === '' || !LOST.includes(String(status[j]))) return;
        counts.set(String(k).trim(), (counts.get(String(k).trim()) ?? 0) + 1);
      });
      return counts;
    };
    const byReason = lostCount('LossReason');
    expect(byReason.size).toBeGreaterThan(2);
    const reasonCells = anchor(all, 'COUNTBY(Opp_LossReason').spill!.map((r) => r[0]);
    // Every reason of the data is a group row: the counts are the same multiset.
    expect([...reasonCells].sort()).toEqual([...byReason.values()].sort());
    const competitorCells = anchor(all, 'COUNTBY(Opp_Competitor,B').spill;
    const byCompetitor = lostCount('Competitor');
    const lossRows = all.filter((c) => c.formula.includes('COUNTBY(Opp_Competitor') && c.formula.includes('NoDecision'));
    expect(lossRows).toHaveLength(2); // the win block's Closed column and the loss block's Lost column
    expect(competitorCells).toBeDefined();
    const lostByCompetitor = lossRows.find((c) => !c.formula.includes('Won'))!.spill!.map((r) => r[0]);
    expect([...lostByCompetitor].sort()).toEqual([...byCompetitor.values()].sort());
  }, 120_000);
});
