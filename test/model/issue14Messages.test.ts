/**
 * The messages issue 14 named, each checked where it is made: no empty header list ("with the
 * headers ."), table names as the schema spells them (never "decisionchain"), zh messages
 * listing zh stage and value names with full-width punctuation, "1 account" (not "1 accounts"),
 * and no float noise (59.999999999999986) in what the CLI prints. English headers in zh
 * reports: test/io/writeReport.test.ts; raw codes in the pane: test/e2e/assistants.e2e.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main, Io } from '../../src/cli/main';
import { plural } from '../../src/core/i18n';
import { generateSample } from '../../src/model/sample';
import { TABLES } from '../../src/model/schema';
import { WorkbookSnapshot } from '../../src/model/snapshot';
import { validateSnapshot } from '../../src/model/validate';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { tempDir } from '../io/zipCraft';

const tmp = tempDir('crm3-messages-');
afterAll(() => tmp.cleanup());

/** The five methodology stages and the status codes, as English words. */
const ENGLISH_VALUES = /\b(Discover|Qualify|Solution|Shortlist|Negotiate|Open|Won|Lost|NoDecision)\b/;
/** Half-width punctuation next to a Chinese character. */
const HALF_WIDTH_BY_CJK = /[\u4e00-\u9fff][,;:?()"]|[,;:()"][\u4e00-\u9fff]|[\u4e00-\u9fff] "|" [\u4e00-\u9fff]/;

async function crm3(...argv: string[]) {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(argv, io);
  return { code, out, err };
}

/** A zh sample with tables missing and a bad stage and status: the messages validation makes. */
function brokenZh(): WorkbookSnapshot {
  const s = generateSample({ locale: 'zh-CN', size: 20, seed: 4 });
  delete s.tables.DecisionChain;
  delete s.tables.Activities;
  const o = s.tables.Opportunities!;
  o.rows[0][o.headers.indexOf('Stage')] = '不存在的阶段';
  o.rows[1][o.headers.indexOf('Status')] = '不存在的状态';
  return s;
}

test('a missing table names at least one header to add, in both languages (never "with the headers .")', () => {
  for (const spec of TABLES) {
    const s = generateSample({ size: 10, seed: 1 });
    delete s.tables[spec.name];
    const p = validateSnapshot(s).find((x) => x.sheet === spec.name && x.cell === '');
    if (!p) continue; // a table the sample lacks anyway is reported once, below
    expect({ table: spec.name, en: p.message.en }).not.toEqual({
      table: spec.name,
      en: expect.stringMatching(/headers\s*[.,]|headers\s*$|first row holds the headers\s*,/),
    });
    expect(p.message.en).toMatch(/headers [A-Za-z]/);
    expect(p.message.zh).toMatch(/表头(为)? ?[\u4e00-\u9fffA-Za-z]/);
  }
});

test('table names as the schema spells them (DecisionChain, 决策链), never "decisionchain"', () => {
  const problems = validateSnapshot(brokenZh());
  const chain = problems.filter((p) => p.sheet === 'DecisionChain');
  expect(chain.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(p.message.en).not.toMatch(/decisionchain|decision chain table/);
    expect(p.message.zh).not.toMatch(/decisionchain/);
  }
  expect(chain[0].message.en).toContain('DecisionChain');
  expect(chain[0].message.zh).toContain('决策链');
});

test('zh messages list stage and status names in Chinese, with full-width punctuation', () => {
  const problems = validateSnapshot(brokenZh());
  const stage = problems.find((p) => p.message.zh.includes('不存在的阶段'));
  const status = problems.find((p) => p.message.zh.includes('不存在的状态'));
  expect(stage && status).toBeTruthy();
  for (const p of [stage!, status!]) {
    // The allowed values are listed in zh (a code may follow in full-width brackets).
    const listed = p.message.zh.replace(/（[A-Za-z]+）/g, '');
    expect(listed).not.toMatch(ENGLISH_VALUES);
  }
  for (const p of problems) expect({ zh: p.message.zh }).not.toEqual({ zh: expect.stringMatching(HALF_WIDTH_BY_CJK) });
});

test('"1 account", "2 accounts": counts agree with their noun', () => {
  expect(plural(1, 'account')).toBe('1 account');
  expect(plural(2, 'account')).toBe('2 accounts');
  expect(plural(0, 'opportunity', 'opportunities')).toBe('0 opportunities');
});

test('an export with one account says "1 account made", and the CLI prints no float noise, en and zh', async () => {
  const csv = tmp.file('one-deal.csv');
  fs.writeFileSync(
    csv,
    'Opportunity Name,Account Name,Amount,Close Date,Stage,Opportunity Owner,Created Date\r\n' +
      'Acme - Platform,Acme Corp,120000,2026-03-15,Closed Won,Alice Chen,2025-11-02\r\n' +
      'Acme - Renewal,Acme Corp,45000,2026-08-30,Negotiation/Review,Alice Chen,2026-02-10\r\n',
  );
  const en = await crm3('evaluate', csv, '--as-of', '2026-06-30');
  expect(en.out).toContain('1 account made');
  expect(en.out).not.toMatch(/\b1 accounts\b/);
  const zh = await crm3('evaluate', csv, '--as-of', '2026-06-30', '--lang', 'zh-CN');
  expect(zh.out).toContain('生成 1 个客户');

  // A workbook whose scores land on values binary floats cannot hold (0.6 × 100 and the like).
  const book = path.join(tmp.dir, 'sample.xlsx');
  fs.writeFileSync(book, await writeWorkbook(generateSample({ size: 60, seed: 7 }), { locale: 'en-US' }));
  for (const r of [en, zh, await crm3('evaluate', book), await crm3('evaluate', book, '--lang', 'zh-CN')]) {
    expect(r.out + r.err).not.toMatch(/\d\.\d{7,}/);
    expect(r.out + r.err).not.toMatch(/\d9{6,}\d|0{6,}[1-9]/);
  }
}, 120_000);
