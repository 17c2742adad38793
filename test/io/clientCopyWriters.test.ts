/**
 * The client copy round trip over the writers people's files come from (issue 14, item 6):
 * Excel (the reference files saved by Excel; test/io/clientCopy.test.ts has a workbook with
 * CRM3 formulas stored as Excel stores them), LibreOffice, openpyxl, pandas, ExcelJS and SheetJS. For each, the copy made by
 * `crm3 client-copy` and by the pane's worker (the same makeClientCopy) keeps the sheets,
 * their order and state, every header and value, number formats, bold and fills, column
 * widths, merges, panes, tables and names; only the CRM3 formulas become values (the hand
 * values of test/support/otherWriters.ts), and the note sheet is added last. openpyxl, an
 * independent reader, re-opens every copy.
 */
import * as fs from 'fs';
import * as path from 'path';
import { main, Io } from '../../src/cli/main';
import { xmlFault } from '../../src/io/xmlCheck';
import { hasOpenpyxl } from '../support/independentReader';
import { Dumped, WIN_RATE, Writer, crm3CellsOf, dumpWithOpenpyxl, hasSoffice, writeWith } from '../support/otherWriters';
import { tempDir } from './zipCraft';

const tmp = tempDir('crm3-writers-');
afterAll(() => tmp.cleanup());

const REFERENCE = path.join(__dirname, '..', 'fixtures', 'excel-reference');
const NOTE = 'About this copy';
const NOTE_ZH = '关于此副本';

async function clientCopyCli(input: string, out: string, lang: 'en-US' | 'zh-CN') {
  let err = '';
  let text = '';
  const io: Io = { out: (s) => void (text += s), err: (s) => void (err += s) };
  const code = await main(['client-copy', input, '--out', out, '--lang', lang], io);
  return { code, out: text, err };
}

type PaneReply = { id: number; kind: string; value?: { ok: boolean; bytes?: Uint8Array; reason?: unknown } };
let paneWorker: { onmessage: (e: { data: unknown }) => void } | undefined;
const paneReplies = new Map<number, (r: PaneReply) => void>();

/** The pane's client copy: the engine worker's own message handler, run here with a stand-in `self`. */
async function clientCopyPane(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  if (!paneWorker) {
    const self = {
      onmessage: (_e: { data: unknown }) => undefined,
      postMessage: (r: PaneReply) => paneReplies.get(r.id)?.(r),
    };
    (globalThis as unknown as { self: unknown }).self = self;
    await import('../../src/taskpane/engine/engine.worker');
    paneWorker = self;
  }
  const id = paneReplies.size + 1;
  const reply = new Promise<PaneReply>((resolve) => paneReplies.set(id, resolve));
  paneWorker.onmessage({ data: { id, method: 'clientCopy', args: [bytes, name, 'zh-CN'] } });
  const r = await reply;
  if (r.kind !== 'done' || !r.value?.ok || !r.value.bytes) throw new Error(`pane copy failed: ${JSON.stringify(r)}`);
  return r.value.bytes;
}

/**
 * The copy is the input with CRM3 formulas made values and a note sheet added: everything
 * openpyxl sees of the input's sheets is the same, cell by cell.
 */
function expectSameBook(input: Dumped, copy: Dumped, crm3: Record<string, number>, note: string): void {
  expect(input.ok).toBe(true);
  expect({ ok: copy.ok, error: copy.error }).toEqual({ ok: true, error: undefined });
  expect(copy.sheets.map((s) => s.name)).toEqual([...input.sheets.map((s) => s.name), note]);
  expect(copy.names).toEqual(input.names);
  input.sheets.forEach((sheet, k) => {
    const got = copy.sheets[k];
    expect({
      sheet: sheet.name,
      state: got.state,
      widths: got.widths,
      merged: got.merged,
      freeze: got.freeze,
      tables: got.tables,
    }).toEqual({
      sheet: sheet.name,
      state: sheet.state,
      widths: sheet.widths,
      merged: sheet.merged,
      freeze: sheet.freeze,
      tables: sheet.tables,
    });
    expect(Object.keys(got.cells).sort()).toEqual(Object.keys(sheet.cells).sort());
    for (const [at, cell] of Object.entries(sheet.cells)) {
      const where = `${sheet.name}!${at}`;
      const after = got.cells[at];
      if (where in crm3) {
        // A CRM3 formula became its value; its format, bold and fill stay.
        expect(typeof cell.v === 'string' && cell.v.startsWith('=')).toBe(true);
        expect({ where, t: after.t, fmt: after.fmt, bold: after.bold, fill: after.fill }).toEqual({
          where,
          t: 'n',
          fmt: cell.fmt,
          bold: cell.bold,
          fill: cell.fill,
        });
        expect(Math.abs((after.v as number) - crm3[where])).toBeLessThan(1e-12);
      } else expect({ where, ...after }).toEqual({ where, ...cell });
    }
  });
}

const withOpenpyxl = hasOpenpyxl() ? describe : describe.skip;
const WRITERS: Writer[] = ['openpyxl', 'pandas', 'ExcelJS', 'SheetJS', ...(hasSoffice() ? (['LibreOffice'] as const) : [])];
if (!hasSoffice())
  console.warn('soffice is missing: the LibreOffice-written workbook is skipped (apt-get install libreoffice-calc-nogui)');

withOpenpyxl('client copy of a workbook written by', () => {
  const inputs = new Map<Writer, string>();
  beforeAll(async () => {
    for (const w of WRITERS) inputs.set(w, await writeWith(w, tmp.dir));
  }, 300_000);

  test.each(WRITERS)(
    '%s: the CLI and the pane keep the workbook, CRM3 formulas become their values, openpyxl re-opens it',
    async (writer) => {
      const input = inputs.get(writer)!;
      const before = fs.readFileSync(input);
      const out = path.join(tmp.dir, `${writer}-copy.xlsx`);
      const r = await clientCopyCli(input, out, 'en-US');
      expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
      expect(r.out).toContain('2 CRM3 formula cells replaced');
      expect(fs.readFileSync(input).equals(before)).toBe(true);
      const pane = path.join(tmp.dir, `${writer}-pane.xlsx`);
      fs.writeFileSync(pane, await clientCopyPane(new Uint8Array(before), path.basename(input)));

      const dumped = dumpWithOpenpyxl([input, out, pane]);
      const crm3 = { ...crm3CellsOf(writer) };
      // ExcelJS saved the value it was given (a stale 0.5): a saved value is the file's, and kept.
      if (writer === 'ExcelJS') crm3['Summary!B1'] = 0.5;
      else expect(Object.values(crm3)).toContain(WIN_RATE);
      expectSameBook(dumped[input], dumped[out], crm3, NOTE);
      expectSameBook(dumped[input], dumped[pane], crm3, NOTE_ZH);
    },
    180_000,
  );
});

withOpenpyxl('client copy of workbooks saved by Excel', () => {
  const files = fs.readdirSync(REFERENCE).filter((f) => f.endsWith('.xlsx'));
  test('every reference file: exit 0, the workbook kept, the note added, openpyxl re-opens the copy', async () => {
    expect(files.length).toBeGreaterThan(10);
    const pairs: [string, string][] = [];
    for (const f of files) {
      const out = path.join(tmp.dir, `excel-${f}`);
      const r = await clientCopyCli(path.join(REFERENCE, f), out, 'en-US');
      expect({ file: f, code: r.code, err: r.err }).toEqual({ file: f, code: 0, err: '' });
      pairs.push([path.join(REFERENCE, f), out]);
    }
    const dumped = dumpWithOpenpyxl(pairs.flat());
    for (const [input, out] of pairs) expectSameBook(dumped[input], dumped[out], {}, NOTE);
  }, 300_000);
});

describe('the copy is never written when a rewritten part would not open', () => {
  test.each([
    ['<a xmlns:r="x"><b r:id="1"/></a>', undefined],
    ['<?xml version="1.0"?>\n<a><!-- c --><b x="1>2"/><![CDATA[<c>]]></a>', undefined],
    ['<a><b r:id="1"/></a>', 'the prefix "r" of r:id is not declared'],
    ['<a><x:b/></a>', 'the prefix "x" of x:b is not declared'],
    ['<a><b></a>', '<b> is not closed before </a>'],
    ['<a>', '<a> is never closed'],
    ['<a/><b/>', 'more than one root element'],
    ['<a xmlns:r="x"/><r:b/>', 'more than one root element'],
  ])('%s', (xml, fault) => {
    expect(xmlFault(xml)?.en).toBe(fault);
  });

  test('the fault is said in Chinese too: only the file’s own tag and prefix names stay as written', () => {
    for (const xml of [
      '<a><b r:id="1"/></a>',
      '<a><b></a>',
      '<a>',
      '<a/><b/>',
      '',
      '<a><!-- x',
      '<a><![CDATA[x',
      '<a><?pi x',
      '<a><b x="1"',
      '<a></>',
    ])
      expect(
        xmlFault(xml)
          ?.zh.replace(/<\/?[a-z:]*>|r:id|“r”/g, '')
          .match(/[A-Za-z]{2,}/g)
          ?.filter((w) => !['CDATA', 'DOCTYPE'].includes(w)) ?? [],
      ).toEqual([]);
  });
});
