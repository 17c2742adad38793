/**
 * `npm run docs`: writes the function reference, generated from the catalog, between the
 * FUNCTION-REFERENCE markers of README.md. A test fails when the README is out of date.
 */
import * as fs from 'fs';
import * as path from 'path';
import { catalog } from '../src/functions/catalog';
import { functionReferenceMarkdown } from '../src/functions/reference';

const START = /<!-- FUNCTION-REFERENCE:START[^>]*-->/;
const END = '<!-- FUNCTION-REFERENCE:END -->';

export function readmeWithReference(readme: string): string {
  const start = START.exec(readme);
  const end = readme.indexOf(END);
  if (!start || end < 0) throw new Error('README.md lacks the FUNCTION-REFERENCE markers');
  const head = readme.slice(0, start.index + start[0].length);
  return `${head}\n\n${functionReferenceMarkdown(catalog)}\n${readme.slice(end)}`;
}

if (require.main === module) {
  const file = path.join(__dirname, '..', 'README.md');
  fs.writeFileSync(file, readmeWithReference(fs.readFileSync(file, 'utf8')));
  console.log(`README.md: ${catalog.length} functions documented`);
}
