/**
 * `crm3 explain` and `evaluate --json`'s `explain` (issue #19), in-process through main():
 * the JSON lists every row behind each part and those rows are the deals the sentence counts
 * (checked against the file's own cells); text in en and zh; a scope; bad usage; the input
 * file is left as it was.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main, Io } from '../../src/cli/main';
import { keyOf } from '../../src/core/cells';
import { readWorkbookFile } from '../../src/io/readWorkbook';
import { sha256 } from '../io/zipCraft';

const SAMPLE = path.join(__dirname, '..', '..', 'templates', 'samples', 'crm3-sample.en-US.xlsx');
const SAMPLE_ZH = path.join(__dirname, '..', '..', 'templates', 'samples', 'crm3-sample.zh-CN.xlsx');

async function crm3(...argv: string[]) {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(argv, io);
  return { code, out, err };
}

test('--json: the parts with every row, and the rows are the won deals of the period', async () => {
  const before = sha256(SAMPLE);
  const run = await crm3('explain', SAMPLE, 'WIN_RATE_COUNT', '--json');
  expect(run.code).toBe(0);
  expect(sha256(SAMPLE)).toBe(before);
  const json = JSON.parse(run.out);
  expect(json.indicator.id).toBe('WIN_RATE_COUNT');
  const won = json.explain.parts.find((p: { key: string }) => p.key === 'numerator');
  expect(won.rows).toHaveLength(won.count);

  const read = await readWorkbookFile(SAMPLE);
  if (!read.ok) throw new Error('unreadable sample');
  const opp = read.snapshot.tables.Opportunities!;
  const at = (name: string) => opp.headers.indexOf(name);
  const start = read.snapshot.settings.PeriodStart as number;
  const end = read.snapshot.settings.PeriodEnd as number;
  const expected = opp.rows
    .filter(
      (r) => keyOf(r[at('Status')]) === 'WON' && (r[at('CloseDate')] as number) >= start && (r[at('CloseDate')] as number) <= end,
    )
    .map((r) => String(r[at('OppId')]));
  expect(won.rows.map((r: { id: string }) => r.id)).toEqual(expected);
  // Each row says where it is: that cell of the file holds its id.
  for (const r of won.rows.slice(0, 5)) expect(opp.rows[Number(r.cell.slice(1)) - opp.origin.row - 1][at('OppId')]).toBe(r.id);
  expect(json.explain.sentence).toMatch(/^\d+ deals won ÷ \d+ deals closed/);
  expect(json.explain.formula).toMatch(/^=CRM3\.WINRATE\(/);
});

test('text: sentence, parts, left out, rows and formula last; zh has full-width punctuation', async () => {
  const en = await crm3('explain', SAMPLE, 'STALE_RATE', '--lang', 'en-US');
  expect(en.code).toBe(0);
  const lines = en.out.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^Stale opportunities \[STALE_RATE\] = \d+\.\d%/);
  expect(en.out).toMatch(/open opportunities with no activity in the last 30 days ÷ \d+ open opportunities/);
  expect(en.out.indexOf('Left out:')).toBeGreaterThan(en.out.indexOf('Parts:'));
  expect(lines[lines.length - 2]).toBe('Formula:');
  const zh = await crm3('explain', SAMPLE_ZH, 'MENTOR_RATE', '--lang', 'zh-CN');
  expect(zh.code).toBe(0);
  expect(zh.out).toContain('组成部分：');
  expect(zh.out.split('\n')[0]).toMatch(/^有内线教练的商机占比 \[MENTOR_RATE\] = [\d.]+%（(绿灯|黄灯|红灯)）$/);
  expect(zh.out).toMatch(/决策链上有内线教练的进行中商机 \d+ ÷ 进行中的商机 \d+（没有内线教练 \d+）/);
});

test('evaluate --json: every indicator carries a small explain (counts, no rows)', async () => {
  const run = await crm3('evaluate', SAMPLE, '--json');
  expect(run.code).toBe(0);
  const json = JSON.parse(run.out);
  for (const ind of json.indicators) {
    expect(ind.explain).toBeDefined();
    for (const p of ind.explain.parts) expect(p.rows).toBeUndefined();
  }
  // Small: the explanations add a few KB per indicator at most.
  expect(JSON.stringify(json.indicators).length).toBeLessThan(40 * 4000);
});

test('a scope explains its own deals; unknown ids and bad usage are clear', async () => {
  const scoped = await crm3('explain', SAMPLE, 'OPEN_PIPE', '--scope', 'tier=A', '--json');
  expect(scoped.code).toBe(0);
  const whole = await crm3('explain', SAMPLE, 'OPEN_PIPE', '--json');
  const total = (r: { out: string }) => JSON.parse(r.out).explain.parts[0];
  expect(total(scoped).count).toBeLessThan(total(whole).count);
  expect(total(scoped).value).toBe(JSON.parse(scoped.out).indicator.value);

  const unknown = await crm3('explain', SAMPLE, 'NO_SUCH', '--lang', 'en-US');
  expect(unknown.code).toBe(1);
  expect(unknown.err).toMatch(/no indicator NO_SUCH; its indicators are: WIN_RATE_COUNT/);
  const missing = await crm3('explain', SAMPLE, '--lang', 'zh-CN');
  expect(missing.code).toBe(2);
  expect(missing.err).toContain('请指定工作簿和指标');
  const notFound = await crm3('explain', path.join(__dirname, 'nope.xlsx'), 'WIN_RATE_COUNT', '--lang', 'en-US');
  expect(notFound.code).toBe(2);
  expect(fs.existsSync(path.join(__dirname, 'nope.xlsx'))).toBe(false);
});
