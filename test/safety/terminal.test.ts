/**
 * Terminal output never carries control codes from a workbook (issue #12, finding 8): names
 * stored as `_x001B_…` (ESC), OSC 52 clipboard writes, C1 controls and bidi overrides are
 * shown as \uXXXX in --table output and in messages; --json keeps them exactly (a JSON escape).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Io, main } from '../../src/cli/main';
import { forTerminal, terminalSafe } from '../../src/cli/terminalText';
import { tempDir } from '../io/zipCraft';
import { sampleBytes, withIndicators } from './hostileFiles';

async function crm3(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(argv, io);
  return { code, out, err };
}

// eslint-disable-next-line no-control-regex
const DRIVES_TERMINAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const tmp = tempDir('crm3-term-');
afterAll(() => tmp.cleanup());

test('forTerminal and terminalSafe show every control, keep line breaks (and a leading \\r for the progress bar)', () => {
  expect(forTerminal('a\u001b]52;c;aGk=\u0007b\u009b2J\u202ec\nd')).toBe('a\\u001B]52;c;aGk=\\u0007b\\u009B2J\\u202Ec\\u000Ad');
  expect(terminalSafe('\r[###] 1/2 x\u001b[2Jy\n')).toBe('\r[###] 1/2 x\\u001B[2Jy\n');
  expect(terminalSafe('mid\rline')).toBe('mid\\u000Dline');
});

describe('a workbook whose texts carry escape sequences (stored as _x001B_)', () => {
  let file: string;
  const name = 'Win_x001B_]52;c;ZWNobyBwd25lZA==_x0007_ rate_x009B_2J\u202Egnp.exe';
  beforeAll(async () => {
    file = tmp.file(
      'esc.xlsx',
      await withIndicators([{ id: 'EVIL_x001B_[2J', formula: 'CRM3.WINRATE(Opp_Status)', name, unit: 'ratio' }]),
    );
  });

  test('--table shows them as text', async () => {
    const r = await crm3('evaluate', file, '--table', '--as-of', '2026-11-26');
    expect(r.code).toBeLessThan(2);
    expect(r.out).not.toMatch(DRIVES_TERMINAL);
    expect(r.err).not.toMatch(DRIVES_TERMINAL);
    expect(r.out).toContain('EVIL\\u001B[2J');
    expect(r.out).toContain('Win\\u001B]52;c;ZWNobyBwd25lZA==\\u0007 rate\\u009B2J\\u202Egnp.exe');
  });

  test('--json keeps them exactly (as JSON escapes), and never raw', async () => {
    const r = await crm3('evaluate', file, '--json', '--as-of', '2026-11-26');
    expect(r.out).not.toMatch(DRIVES_TERMINAL);
    const ind = JSON.parse(r.out).indicators[0];
    expect(ind.id).toBe('EVIL\u001b[2J');
    expect(ind.name).toBe('Win\u001b]52;c;ZWNobyBwd25lZA==\u0007 rate\u009b2J\u202egnp.exe');
  });

  test('--json written as bytes (stdout: no string made of them) carries no control either', async () => {
    const chunks: Uint8Array[] = [];
    let text = '';
    const io: Io = { out: (s) => void (text += s), err: () => undefined, outBytes: (b) => void chunks.push(b) };
    expect(await main(['evaluate', file, '--json', '--as-of', '2026-11-26'], io)).toBeLessThan(2);
    // The JSON came as bytes, and only the line's end as text.
    expect(chunks).toHaveLength(1);
    expect(text).toBe('\n');
    const json = new TextDecoder().decode(chunks[0]);
    expect(json).not.toMatch(DRIVES_TERMINAL);
    expect(json).toContain('\\u009B2J\\u202Egnp.exe');
    expect(JSON.parse(json).indicators[0].name).toBe('Win\u001b]52;c;ZWNobyBwd25lZA==\u0007 rate\u009b2J\u202egnp.exe');
  });

  test('a file name with an escape sequence is shown as text in messages and tables', async () => {
    const evil = path.join(tmp.dir, 'x\u001b]0;owned\u0007.xlsx');
    fs.writeFileSync(evil, 'not a workbook');
    let r = await crm3('evaluate', evil);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(DRIVES_TERMINAL);
    expect(r.err).toContain('x\\u001B]0;owned\\u0007.xlsx');
    fs.writeFileSync(evil, await sampleBytes());
    r = await crm3('evaluate', evil, '--as-of', '2026-11-26');
    expect(r.out).not.toMatch(DRIVES_TERMINAL);
  });
});
