/** The README's function reference is the one generated from the catalog (run `npm run docs`). */
import * as fs from 'fs';
import * as path from 'path';
import { readmeWithReference } from '../../scripts/docs';
import { workbookFormatMarkdown } from '../../scripts/workbookFormat';
import { catalog } from '../../src/functions/catalog';
import { signature } from '../../src/functions/reference';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

test('README reference is up to date with the catalog', () => {
  expect(readmeWithReference(readme)).toBe(readme);
});

test('every function is documented with its signature and an example', () => {
  for (const d of catalog) {
    expect(readme).toContain(signature(d));
    expect(readme).toContain(d.example);
  }
});

test('README starts with the two set-up commands', () => {
  const firstBlock = readme.slice(readme.indexOf('```'), readme.indexOf('```', readme.indexOf('```') + 3));
  expect(firstBlock).toContain('npm install && npm start');
  expect(firstBlock).toContain('npm test');
});

test('docs/workbook-format.md is the one generated from the schema (run npm run docs), and the README links it', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'workbook-format.md'), 'utf8');
  expect(doc).toBe(workbookFormatMarkdown());
  expect(readme).toContain('(docs/workbook-format.md)');
  // Users get nothing from a pointer to a file outside the repository.
  expect(readme).not.toMatch(/DESIGN\.md|\.\.\/shared/);
});
