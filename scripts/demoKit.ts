/**
 * `npm run demo-kit`: the demo kit shipped in templates/demo/<locale>/, made by `crm3 kit`'s
 * code from the shipped samples (templates/samples), so a consultant can show "this is what
 * you'll get" without running anything. Fixed date and names, so the same code gives the same
 * files; test/cli/kit.test.ts fails when the shipped kit is out of date.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { KitFile, makeKit } from '../src/cli/kit';
import { Locale } from '../src/core/i18n';
import { readInputFile } from '../src/io/readInput';
import { writeOutput } from '../src/io/safeOutput';

export const DEMO_ROOT = path.join(__dirname, '..', 'templates', 'demo');
export const DEMO_LOCALES: readonly Locale[] = ['en-US', 'zh-CN'];
const WHEN = new Date(Date.UTC(2026, 10, 26, 9, 0));
const NAMES: Record<Locale, { client: string; consultant: string }> = {
  'en-US': { client: 'Demo Client Ltd', consultant: 'CRM3 Consulting' },
  'zh-CN': { client: '示例客户有限公司', consultant: 'CRM3 顾问团队' },
};

export const demoSample = (locale: Locale) => path.join(__dirname, '..', 'templates', 'samples', `crm3-sample.${locale}.xlsx`);

/** The demo kit's files for a locale, as the shipped sample makes them. */
export async function demoKit(locale: Locale): Promise<KitFile[]> {
  const read = await readInputFile(demoSample(locale));
  if (!read.ok) throw new Error(read.reason.message.en);
  const kit = await makeKit(read.snapshot, demoSample(locale), { locale, when: WHEN, ...NAMES[locale] });
  return kit.files;
}

async function main(): Promise<void> {
  for (const locale of DEMO_LOCALES) {
    const folder = path.join(DEMO_ROOT, locale);
    const files = await demoKit(locale);
    // Files of an older kit that this one no longer has go.
    const keep = new Set(files.map((f) => f.name));
    for (const old of await fs.readdir(folder).catch(() => [] as string[]))
      if (!keep.has(old)) await fs.rm(path.join(folder, old));
    for (const f of files) {
      const written = await writeOutput(path.join(folder, f.name), f.bytes, { inputs: [demoSample(locale)] });
      if (!written.ok) throw new Error(written.reason.message.en);
    }
    console.log(`${folder}: ${files.length} files`);
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
