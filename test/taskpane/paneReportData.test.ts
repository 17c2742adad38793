/**
 * The pane's report data comes from the engine it already built for the dashboard; it must be
 * exactly what `crm3 report` gathers with a fresh build of the same workbook (with history, so
 * the Δ column is in it too), and the pane's engine still answers afterwards.
 */
import { recommendationsReportData } from '../../src/engine/reportData';
import { readWorkbookBuffer } from '../../src/io/readWorkbook';
import { takeSnapshot } from '../../src/io/takeSnapshot';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import { InProcessEngine } from '../../src/taskpane/engine/inProcessEngine';

test('the pane reuses its engine for the report data, and gets what a fresh build gives', async () => {
  const bytes = new Uint8Array(await writeWorkbook(generateSample({ size: 60 }), { locale: 'zh-CN' }));
  const snap = await takeSnapshot(bytes, 'w.xlsx', {
    asOf: 46300,
    today: 46300,
    label: 'Q3',
    locale: 'zh-CN',
    when: new Date(0),
  });
  if (snap.kind !== 'written') throw new Error(snap.kind);
  const read = await readWorkbookBuffer(snap.bytes, 'w.xlsx');
  if (!read.ok) throw new Error(read.reason.message.en);
  const asOf = 46352;
  const engine = new InProcessEngine();
  await engine.load(read.snapshot, { locale: 'zh-CN', asOf, file: 'w.xlsx' });
  const before = await engine.charts();

  const fromPane = await engine.reportData();
  const fresh = recommendationsReportData(read.snapshot, { file: 'w.xlsx', asOf, locale: 'zh-CN' });
  expect(fromPane.since).toEqual({ date: '2026-10-05', label: 'Q3' });
  expect(fromPane).toEqual(fresh);
  // The engine was lent, not spent.
  expect(await engine.charts()).toEqual(before);
  engine.dispose();
}, 120_000);
