/**
 * Deciding between Office and web mode (src/taskpane/officeLoader.ts), and where office.js is
 * referenced: in <head> of Office's page (taskpane.html), nowhere in web mode's page (index.html).
 */
import * as fs from 'fs';
import * as path from 'path';
import { OFFICE_LOADED_EVENT } from '../../src/core/officeEvents';
import { OFFICE_JS_URL, detectOffice } from '../../src/taskpane/officeLoader';

function target() {
  const events: string[] = [];
  return { events, dispatchEvent: (e: Event) => (events.push(e.type), true) };
}

test('inside Excel: onReady names the host → Office mode, and the custom functions are told office.js is there', async () => {
  const t = target();
  expect(await detectOffice({ onReady: async () => ({ host: 'Excel', platform: 'PC' }) }, 1000, t)).toBe(true);
  expect(t.events).toEqual([OFFICE_LOADED_EVENT]);
});

test('office.js in a plain browser: onReady answers host null → web mode', async () => {
  expect(await detectOffice({ onReady: async () => ({ host: null, platform: null }) }, 1000, target())).toBe(false);
});

test('no office.js (web mode page, or the CDN was unreachable) → web mode at once', async () => {
  expect(await detectOffice(undefined, 1000, target())).toBe(false);
});

test('office.js that never initialises does not hang the page: web mode after the wait', async () => {
  const started = Date.now();
  expect(await detectOffice({ onReady: () => new Promise(() => undefined) }, 50, target())).toBe(false);
  expect(Date.now() - started).toBeLessThan(5000);
});

test('a failing onReady → web mode', async () => {
  expect(await detectOffice({ onReady: () => Promise.reject(new Error('x')) }, 1000, target())).toBe(false);
});

test('the page template puts office.js in <head> of taskpane.html only; webpack builds both pages', () => {
  const template = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
  const head = template.slice(0, template.indexOf('</head>'));
  expect(head).toContain(`<script src="${OFFICE_JS_URL}"`);
  expect(head).toMatch(/<% if \(htmlWebpackPlugin\.options\.officeJs\) \{ %>[\s\S]*appsforoffice[\s\S]*<% \} else \{ %>/);
  const config = fs.readFileSync(path.join(__dirname, '../../webpack.config.js'), 'utf8');
  expect(config).toMatch(/filename: 'taskpane\.html'[^\n]*officeJs: true/);
  expect(config).toMatch(/filename: 'index\.html'[^\n]*officeJs: false/);
  // Nothing reads Office's _host_info (the docs: code must neither read nor write it).
  const src = fs.readFileSync(path.join(__dirname, '../../src/taskpane/officeLoader.ts'), 'utf8');
  expect(src.replace(/\/\*[\s\S]*?\*\//g, '')).not.toMatch(/_host_info|hostInfoValue/i);
});
