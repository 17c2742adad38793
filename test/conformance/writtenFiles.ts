/**
 * Every kind of file the project writes, made fresh for the conformance check and the
 * independent reader. A new writer (import, snapshot, kit, …) registers its outputs here:
 * one entry per kind of file, `clientCopy` for copies meant for clients without the add-in.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { evaluateWorkbook } from '../../src/engine/evaluate';
import { MemoryHost } from '../../src/host/memoryHost';
import { makeClientCopy } from '../../src/io/clientCopy';
import { takeSnapshot } from '../../src/io/takeSnapshot';
import { writeReport } from '../../src/io/writeReport';
import { writeWorkbook } from '../../src/io/writeWorkbook';
import { generateSample } from '../../src/model/sample';
import { TEMPLATES } from '../../src/templates/catalog';
import { buildTemplate, templateFileName, TEMPLATE_LOCALES } from '../../src/templates/build';

export interface WrittenFile {
  /** What the file is, for messages: `template portfolio-tiering en-US (sample)`. */
  name: string;
  clientCopy?: boolean;
  make(): Promise<Uint8Array>;
}

const WHEN = new Date(Date.UTC(2026, 2, 1, 9, 30));

/** The project's own outputs (not client copies). */
export function producedFiles(): WrittenFile[] {
  const out: WrittenFile[] = [];
  for (const t of TEMPLATES)
    for (const locale of TEMPLATE_LOCALES) {
      out.push({ name: `template ${t.id} ${locale}`, make: async () => buildTemplate(t.id, locale) });
      out.push({
        name: `template ${t.id} ${locale} (filled with the sample)`,
        make: async () => buildTemplate(t.id, locale, { data: generateSample({ locale, size: 30 }) }),
      });
      out.push({
        name: `shipped templates/${templateFileName(t.id, locale)}`,
        make: async () => fs.readFile(path.join(__dirname, '../../templates', templateFileName(t.id, locale))),
      });
    }
  for (const locale of TEMPLATE_LOCALES) {
    out.push({
      name: `crm3 sample --locale ${locale}`,
      make: async () => {
        const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'crm3-sample-'));
        const file = path.join(dir, 'sample.xlsx');
        const io = { out: () => undefined, err: (s: string) => void s };
        const code = await main(['sample', '--locale', locale, '--size', '40', '--out', file], io);
        if (code !== 0) throw new Error(`crm3 sample exited ${code}`);
        return fs.readFile(file);
      },
    });
    out.push({
      name: `web-mode workbook download ${locale}`,
      make: async () => {
        const host = new MemoryHost(generateSample({ locale, size: 30 }), { fileName: 'sample.xlsx', locale });
        const r = await host.fileBytes();
        if (!r.ok) throw new Error('no bytes');
        return r.bytes;
      },
    });
    out.push({
      name: `crm3 snapshot twice (tables created, then grown) ${locale}`,
      make: async () => {
        const sample = new Uint8Array(await writeWorkbook(generateSample({ locale, size: 30 }), { locale }));
        const opts = { today: 46300, label: locale === 'zh-CN' ? '季度回顾' : 'Q4 review', locale, when: WHEN };
        const once = await takeSnapshot(sample, 's.xlsx', { ...opts, asOf: 46300 });
        if (once.kind !== 'written') throw new Error(once.kind);
        const twice = await takeSnapshot(once.bytes, 's.xlsx', { ...opts, asOf: 46314 });
        if (twice.kind !== 'written') throw new Error(twice.kind);
        return twice.bytes;
      },
    });
    out.push({
      name: `crm3 snapshot of template value-indicators ${locale} filled with the sample`,
      make: async () => {
        const book = await buildTemplate('value-indicators', locale, { data: generateSample({ locale, size: 30 }) });
        const r = await takeSnapshot(new Uint8Array(book), 't.xlsx', {
          asOf: 46300,
          today: 46300,
          label: null,
          locale,
          when: WHEN,
        });
        if (r.kind !== 'written') throw new Error(r.kind === 'failed' ? r.message.en : r.kind);
        return r.bytes;
      },
    });
    out.push({
      name: `crm3 evaluate --out report ${locale}`,
      make: async () =>
        writeReport(
          [evaluateWorkbook(generateSample({ locale, size: 30 }), { file: 'sample.xlsx', asOf: 46352, locale })],
          locale,
        ),
    });
  }
  return out;
}

/** Client copies (CLI and pane alike run makeClientCopy) of every template and sample. */
export function clientCopies(): WrittenFile[] {
  const sources: WrittenFile[] = [
    ...producedFiles().filter((f) => f.name.startsWith('template ')),
    ...TEMPLATE_LOCALES.map((locale) => ({
      name: `sample ${locale}`,
      make: async () => new Uint8Array(await writeWorkbook(generateSample({ locale, size: 30 }), { locale })),
    })),
  ];
  return sources.map((s) => ({
    name: `client copy of ${s.name}`,
    clientCopy: true,
    make: async () => {
      const r = await makeClientCopy(await s.make(), `${s.name}.xlsx`, { locale: 'en-US', when: WHEN });
      if (!r.ok) throw new Error(r.reason.message.en);
      return r.bytes;
    },
  }));
}
