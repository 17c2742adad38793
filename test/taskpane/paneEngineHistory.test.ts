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
