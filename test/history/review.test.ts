/** `crm3 review --due` and the engine's review rows on the sample, with a Reviews log added. */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { dealReviews } from '../../src/engine/dealReview';
import { evaluateWorkbook } from '../../src/engine/evaluate';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import { WorkbookSnapshot } from '../../src/model/snapshot';

const AS_OF = 46352;

function withReviews(): { workbook: WorkbookSnapshot; open: string[] } {
  const workbook = generateSample({ size: 40 });
  const o = workbook.tables.Opportunities!;
  const open = o.rows.filter((r) => r[o.headers.indexOf('Status')] === 'Open').map((r) => String(r[o.headers.indexOf('OppId')]));
  // open[0] reviewed 14 days ago (due), open[1] 3 days ago (not due), open[2] 3 days ago with the next review today (due).
  workbook.tables.Reviews = {
    sheet: 'Reviews',
    origin: { row: 1, col: 1 },
    headers: ['OppId', 'Date', 'Reviewer', 'Decisions', 'NextReview'],
    rows: [
      [open[0], AS_OF - 14, 'Chen', 'Meet the approver', null],
      [open[1], AS_OF - 3, 'Chen', 'Keep', AS_OF + 11],
      [open[2], AS_OF - 3, 'Chen', 'Re-check budget', AS_OF],
    ],
  };
  return { workbook, open };
}

test('due: never reviewed, reviewed ReviewIntervalDays ago, or the next review has come', () => {
  const { workbook, open } = withReviews();
  const rows = dealReviews(workbook, evaluateWorkbook(workbook, { file: 's', asOf: AS_OF, locale: 'en-US' }), AS_OF);
  expect(rows.map((r) => r.oppId)).toEqual(open);
  expect(rows.filter((r) => !r.due).map((r) => r.oppId)).toEqual([open[1]]);
  expect(rows.find((r) => r.oppId === open[0])!.lastReview).toBe('2026-11-12');
  // A longer interval in Config: open[0] (14 days) is no longer due.
  const longer = { ...workbook, settings: { ...workbook.settings, ReviewIntervalDays: 21 } };
  const later = dealReviews(longer, evaluateWorkbook(longer, { file: 's', asOf: AS_OF, locale: 'en-US' }), AS_OF);
  expect(later.filter((r) => !r.due).map((r) => r.oppId)).toEqual([open[0], open[1]]);
});

test('crm3 review --due --json lists the due deals with flags; the text names them in zh', async () => {
  const { workbook, open } = withReviews();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'crm3-review-'));
  const file = path.join(dir, 'plan.xlsx');
  await fs.writeFile(file, await writeWorkbook(workbook, { locale: 'en-US' }));
  const out: string[] = [];
  const io = { out: (s: string) => void out.push(s), err: (s: string) => void out.push(s) };
  expect(await main(['review', file, '--due', '--json', '--as-of', '2026-11-26'], io)).toBe(0);
  const json = JSON.parse(out.join(''));
  expect(json.deals.map((d: { oppId: string }) => d.oppId)).toEqual(open.filter((id) => id !== open[1]));
  for (const d of json.deals) expect(Array.isArray(d.flags) && Array.isArray(d.strengths)).toBe(true);
  out.length = 0;
  expect(await main(['review', file, '--due', '--lang', 'zh-CN', '--as-of', '2026-11-26'], io)).toBe(0);
  expect(out.join('')).toMatch(/到期需评审/);
  expect(out.join('')).toMatch(/风险信号：/);
  expect(out.join('')).not.toMatch(/Red flags|never reviewed/);
});
