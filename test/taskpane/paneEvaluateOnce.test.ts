/**
 * The pane evaluates the engine it built when it loaded the workbook (and the engine of the
 * scope it built for the charts) instead of building the workbook again (issue #15, web mode's
 * first indicator): the results must still be exactly `crm3 evaluate`'s fresh build, also for a
 * workbook whose CloseDatePushes and StageEnteredDate come from its history (derived, with the
 * warning that says so), and again after a what-if. The report data, which shows the workings,
 * is checked against a fresh build in paneReportData.test.ts.
 */
import { evaluateWorkbook } from '../../src/engine/evaluate';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { takeSnapshot } from '../../src/io/takeSnapshot';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import type { WorkbookSnapshot } from '../../src/model/snapshot';
import { InProcessEngine } from '../../src/taskpane/engine/inProcessEngine';

/** A workbook with OppHistory rows and an Opportunities table without the two columns history can give. */
async function workbookWithHistoryOnly(): Promise<WorkbookSnapshot> {
  const bytes = new Uint8Array(await writeWorkbook(generateSample({ size: 60, seed: 5 }), { locale: 'en-US' }));
  const snap = await takeSnapshot(bytes, 'w.xlsx', {
    asOf: 46300,
    today: 46300,
    label: 'Q3',
    locale: 'en-US',
    when: new Date(0),
  });
  if (snap.kind !== 'written') throw new Error(snap.kind);
  const read = await readWorkbookBuffer(snap.bytes, 'w.xlsx');
  if (!read.ok) throw new Error(read.reason.message.en);
  const s = read.snapshot;
  const opp = s.tables.Opportunities!;
  const keep = opp.headers.map((h, i) => (h === 'CloseDatePushes' || h === 'StageEnteredDate' ? -1 : i)).filter((i) => i >= 0);
  return {
    ...s,
    tables: {
      ...s.tables,
      Opportunities: { ...opp, headers: keep.map((i) => opp.headers[i]), rows: opp.rows.map((r) => keep.map((i) => r[i])) },
    },
  };
}

test('the pane’s evaluation of its loaded engine is the fresh build’s, with history-derived columns, scoped, and after a what-if', async () => {
  const workbook = await workbookWithHistoryOnly();
  expect(workbook.tables.OppHistory?.rows.length).toBeGreaterThan(0);
  const asOf = 46352;
  // The pane's results leave out the workings (explain asks for the one opened).
  const options = { file: 'w.xlsx', asOf, locale: 'en-US' as const, explain: false };
  const engine = new InProcessEngine();
  await engine.load(workbook, { locale: 'en-US', asOf, file: 'w.xlsx' });

  const fresh = evaluateWorkbook(workbook, options);
  // The derived columns are used and said (not silently absent).
  expect(fresh.problems.some((p) => /CloseDatePushes/.test(p.message))).toBe(true);
  expect(await engine.evaluate()).toEqual(fresh);

  const [owner] = await engine.scopeValues('owner');
  const scopes = [{ field: 'owner' as const, value: owner }];
  const charts = await engine.charts(scopes); // builds the scope's engine; evaluate reuses it
  expect(await engine.evaluate(scopes)).toEqual(evaluateWorkbook(workbook, { ...options, scopes }));
  expect(await engine.charts(scopes)).toEqual(charts);

  const status = workbook.tables.Opportunities!.headers.indexOf('Status');
  const open = workbook.tables.Opportunities!.rows.findIndex((r) => r[status] === 'Open');
  await engine.whatIf([{ table: 'Opportunities', row: open, column: 'Status', value: 'Lost' }]);
  await engine.whatIf([{ table: 'Opportunities', row: open, column: 'Status', value: 'Won' }], scopes);
  expect(await engine.evaluate()).toEqual(fresh);
  expect(await engine.evaluate(scopes)).toEqual(evaluateWorkbook(workbook, { ...options, scopes }));
  engine.dispose();
}, 180_000);
