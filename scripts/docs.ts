/**
 * `npm run docs`: writes the function reference, generated from the catalog, between the
 * FUNCTION-REFERENCE markers of README.md, and docs/workbook-format.md from the schema.
 * Tests fail when either is out of date.
 */
import * as fs from 'fs';
import * as path from 'path';
import { catalog } from '../src/functions/catalog';
import { functionReferenceMarkdown } from '../src/functions/reference';
import { BUILT_IN_INDICATORS, GOALS } from '../src/model/indicators';
import { workbookFormatMarkdown } from './workbookFormat';

/** The built-in indicators as a table: id, goal, names, formula. */
export function indicatorTableMarkdown(): string {
  const rows = BUILT_IN_INDICATORS.map((i) => {
    const goal = GOALS.find((g) => g.id === i.goal);
    const formula = i.formula.replace(/\|/g, '\\|');
    return `| \`${i.id}\` | ${goal?.id} ${goal?.zh} | ${i.name.en} / ${i.name.zh} | \`${formula}\` |`;
  });
  return ['| Id | Goal | Indicator | Formula |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function replaceBetween(text: string, marker: string, body: string): string {
  const start = new RegExp(`<!-- ${marker}:START[^>]*-->`).exec(text);
  const endMark = `<!-- ${marker}:END -->`;
  const end = text.indexOf(endMark);
  if (!start || end < 0) throw new Error(`README.md lacks the ${marker} markers`);
  return `${text.slice(0, start.index + start[0].length)}\n\n${body}\n${text.slice(end)}`;
}

export function readmeWithReference(readme: string): string {
  return replaceBetween(
    replaceBetween(readme, 'FUNCTION-REFERENCE', functionReferenceMarkdown(catalog)),
    'INDICATORS',
    indicatorTableMarkdown(),
  );
}

if (require.main === module) {
  const file = path.join(__dirname, '..', 'README.md');
  fs.writeFileSync(file, readmeWithReference(fs.readFileSync(file, 'utf8')));
  console.log(`README.md: ${catalog.length} functions documented`);
  fs.writeFileSync(path.join(__dirname, '..', 'docs', 'workbook-format.md'), workbookFormatMarkdown());
  console.log('docs/workbook-format.md: written from the schema');
}
