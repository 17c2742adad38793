/** The pane's engine answers the dashboard's history questions: the snapshots, Δ and What moved. */
import { InProcessEngine } from '../../src/taskpane/engine/inProcessEngine';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { takeSnapshot } from '../../src/io/takeSnapshot';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';

test('snapshots, then Δ and What moved against the chosen one', async () => {
  const bytes0 = new Uint8Array(await writeWorkbook(generateSample({ size: 40 }), { locale: 'en-US' }));
  const snap = await takeSnapshot(bytes0, 'w.xlsx', {
    asOf: 46300,
    today: 46300,
    label: 'Q4',
    locale: 'en-US',
    when: new Date(0),
  });
  if (snap.kind !== 'written') throw new Error(snap.kind);
  const read = await readWorkbookBuffer(snap.bytes, 'w.xlsx');
  if (!read.ok) throw new Error(read.reason.message.en);
  const w = read.snapshot;
  const o = w.tables.Opportunities!;
  const open = o.rows.filter((r) => r[o.headers.indexOf('Status')] === 'Open');
  const amount = o.headers.indexOf('Amount');
  open[0][amount] = (open[0][amount] as number) + 50000;
  const engine = new InProcessEngine();
  await engine.load(w, { locale: 'en-US', asOf: 46352 });
  expect(await engine.snapshots()).toEqual([{ date: 46300, label: 'Q4' }]);
  const r = await engine.compare(46352);
  expect(r.since).toEqual({ date: 46300, label: 'Q4' });
  expect(r.indicators.find((i) => i.id === 'OPEN_PIPE')!.delta!.change).toBe(50000);
  expect(r.moved.map((m) => [m.oppId, m.moves])).toEqual([[open[0][o.headers.indexOf('OppId')], ['grew']]]);
  // Before the first snapshot there is nothing to compare with.
  expect((await engine.compare(46000)).since).toBeNull();
  engine.dispose();
});

test('Save snapshot plans what crm3 snapshot appends; the due list follows the Reviews log and ReviewIntervalDays', async () => {
  const w = generateSample({ size: 40 });
  const o = w.tables.Opportunities!;
  const ids = o.rows.filter((r) => r[o.headers.indexOf('Status')] === 'Open').map((r) => String(r[o.headers.indexOf('OppId')]));
  const asOf = 46352;
  // Reviewed 3 days ago (not due), 22 days ago (due at 14), 3 days ago with its next review come (due).
  w.tables.Reviews = {
    sheet: 'Reviews',
    origin: { row: 1, col: 1 },
    headers: ['OppId', 'Date', 'Reviewer', 'Decisions', 'NextReview'],
    rows: [
      [ids[0], asOf - 3, 'Lead', 'keep going', null],
      [ids[1], asOf - 22, 'Lead', 'meet the approver', null],
      [ids[2], asOf - 3, 'Lead', 'call back', asOf - 2],
    ],
  };
  const engine = new InProcessEngine();
  await engine.load(w, { locale: 'en-US', asOf });
  const due = await engine.reviewsDue();
  expect(due.intervalDays).toBe(14);
  expect(due.asOf).toBe('2026-11-26');
  expect(due.deals.map((d) => d.oppId)).toEqual(ids.filter((id) => id !== ids[0]));
  expect(due.deals.find((d) => d.oppId === ids[1])!.lastReview).toBe('2026-11-04');
  expect(due.deals.find((d) => d.oppId === ids[2])!.nextReview).toBe('2026-11-24');

  // A 30-day rhythm: the deal reviewed 22 days ago is no longer due.
  engine.dispose();
  await engine.load({ ...w, settings: { ...w.settings, ReviewIntervalDays: 30 } }, { locale: 'en-US', asOf });
  const monthly = await engine.reviewsDue();
  expect(monthly.intervalDays).toBe(30);
  expect(monthly.deals.map((d) => d.oppId)).toEqual(ids.filter((id) => id !== ids[0] && id !== ids[1]));

  // The snapshot plan: every indicator, one row per open deal, one per account (the first snapshot).
  const plan = await engine.planSnapshot('Q1');
  if (plan.kind !== 'append') throw new Error(plan.kind);
  expect(plan.date).toBe(asOf);
  expect(plan.rows.History.length).toBe(40);
  expect(plan.rows.History.every((r) => r[0] === asOf && r[1] === 'Q1')).toBe(true);
  expect(plan.rows.OppHistory.map((r) => r[1])).toEqual(ids);
  expect(plan.rows.AccountHistory.length).toBe(w.tables.Accounts!.rows.length);
  engine.dispose();
});
