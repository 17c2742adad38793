/**
 * Offline manifest checks (the online `npm run validate` needs the internet): what Excel
 * relies on — namespace, shared runtime, permission, URLs, resource ids, zh-CN overrides.
 */
import { MANIFEST_ID, MANIFEST_VERSION } from '../../src/version';
import * as fs from 'fs';
import * as path from 'path';
import { XMLParser } from 'fast-xml-parser';

const root = path.join(__dirname, '..', '..');
const xml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml);
const app = parsed.OfficeApp;

/** All elements (with attributes) anywhere in the tree. */
function walk(node: unknown, visit: (name: string, el: Record<string, unknown>) => void, name = ''): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit, name));
  if (node && typeof node === 'object') {
    visit(name, node as Record<string, unknown>);
    for (const [k, v] of Object.entries(node)) if (!k.startsWith('@')) walk(v, visit, k);
  }
}

const resources = app.VersionOverrides.Resources;
const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const urls = asList(resources['bt:Urls']['bt:Url']) as Record<string, unknown>[];
const images = asList(resources['bt:Images']['bt:Image']) as Record<string, unknown>[];
const shortStrings = asList(resources['bt:ShortStrings']['bt:String']) as Record<string, unknown>[];
const longStrings = asList(resources['bt:LongStrings']['bt:String']) as Record<string, unknown>[];
const resById = new Map<string, Record<string, unknown>>();
for (const r of [...urls, ...images, ...shortStrings, ...longStrings]) resById.set(String(r['@id']), r);
const host = app.VersionOverrides.Hosts.Host;

test('asks for ReadWriteDocument only', () => {
  expect(app.Permissions).toBe('ReadWriteDocument');
});

test('uses a long-lived shared runtime and requires SharedRuntime 1.1', () => {
  expect(host.Runtimes.Runtime['@lifetime']).toBe('long');
  const sets = asList(app.Requirements.Sets.Set) as Record<string, unknown>[];
  expect(sets).toContainEqual(expect.objectContaining({ '@Name': 'SharedRuntime', '@MinVersion': '1.1' }));
});

test('custom functions live in the CRM3 namespace, on the shared runtime page', () => {
  const cf = host.AllFormFactors.ExtensionPoint;
  expect(cf['@xsi:type']).toBe('CustomFunctions');
  expect(resById.get(cf.Namespace['@resid'])?.['@DefaultValue']).toBe('CRM3');
  expect(cf.Page.SourceLocation['@resid']).toBe(host.Runtimes.Runtime['@resid']);
});

test('has a task pane button on the Home tab', () => {
  const tab = host.DesktopFormFactor.ExtensionPoint.OfficeTab;
  expect(tab['@id']).toBe('TabHome');
  expect(tab.Group.Control.Action['@xsi:type']).toBe('ShowTaskpane');
});

test('every resid is defined and at most 32 characters', () => {
  const used: string[] = [];
  walk(app, (_name, el) => {
    if (typeof el['@resid'] === 'string') used.push(el['@resid']);
  });
  expect(used.length).toBeGreaterThan(10);
  for (const id of used) {
    expect(resById.has(id)).toBe(true);
    expect(id.length).toBeLessThanOrEqual(32);
  }
  for (const id of resById.keys()) expect(id.length).toBeLessThanOrEqual(32);
});

test('all URLs are HTTPS and resolve to files the build writes or ships', () => {
  const all: string[] = [];
  walk(app, (_name, el) => {
    for (const k of ['@DefaultValue', '@Value']) {
      const v = el[k];
      if (typeof v === 'string' && /^https?:/.test(v)) all.push(v);
    }
  });
  const builtFiles = new Set([
    'taskpane.html',
    'functions.js',
    'functions.json',
    'functions-zh.json',
    'help.html',
    'commands.js',
  ]);
  expect(all.length).toBeGreaterThan(8);
  for (const u of all) {
    expect(u.startsWith('https://')).toBe(true);
    const p = new URL(u).pathname.replace(/^\//, '');
    if (p === '') continue;
    if (p.startsWith('assets/')) expect(fs.existsSync(path.join(root, p))).toBe(true);
    else expect(builtFiles.has(p)).toBe(true);
  }
});

test('zh-CN overrides: display name, description, ribbon strings and zh function metadata', () => {
  expect(app.DisplayName.Override['@Locale']).toBe('zh-CN');
  expect(app.Description.Override['@Locale']).toBe('zh-CN');
  for (const id of [
    'Group.Label',
    'TaskpaneButton.Label',
    'TaskpaneButton.Tooltip',
    'GetStarted.Title',
    'GetStarted.Description',
  ]) {
    const override = resById.get(id)?.['bt:Override'] as Record<string, unknown> | undefined;
    expect(override?.['@Locale']).toBe('zh-CN');
    expect(String(override?.['@Value'])).toMatch(/[\u4e00-\u9fff]/);
  }
  const meta = resById.get('Functions.Metadata.Url')!;
  expect((meta['bt:Override'] as Record<string, unknown>)['@Value']).toMatch(/functions-zh\.json$/);
});

test('webpack writes the pages the manifest points at', () => {
  const config = fs.readFileSync(path.join(root, 'webpack.config.js'), 'utf8');
  expect(config).toContain("filename: 'taskpane.html'");
  expect(config).toMatch(/functions: '\.\/src\/functions\/excel\/functions\.ts'/);
});

test('the manifest Id and Version are the ones templates name (src/version.ts)', () => {
  expect(/<Id>([^<]+)<\/Id>/.exec(xml)?.[1]).toBe(MANIFEST_ID);
  expect(/<Version>([^<]+)<\/Version>/.exec(xml)?.[1]).toBe(MANIFEST_VERSION);
});
