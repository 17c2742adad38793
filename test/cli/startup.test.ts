/**
 * `crm3 --help` starts like a small program: the compiled command line (one bundle per
 * subcommand, bin/build-cli.js) loads only the dispatcher's bundle for the help, never the
 * engine, HyperFormula or the xlsx code (issue 15).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs the compiled entry's main(argv) in a fresh node and lists the project modules it loaded. */
function loadedFor(argv: string[]): { out: string; modules: string[] } {
  const entry = execFileSync(process.execPath, [path.join(ROOT, 'bin/build-cli.js')], { encoding: 'utf8' }).trim();
  const script = `
    const { main } = require(${JSON.stringify(entry)});
    let out = '';
    main(${JSON.stringify(argv)}, { out: (s) => (out += s), err: (s) => (out += s) }).then(() => {
      const modules = Object.keys(require.cache).map((f) => f.replace(/\\\\/g, '/'));
      process.stdout.write(JSON.stringify({ out, modules }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: ROOT }));
}

const built = (modules: string[]) =>
  modules.filter((m) => m.includes('/dist-cli/')).map((m) => m.replace(/^.*\/dist-cli\/[^/]+\//, ''));

test('--help loads one small bundle: no engine, no HyperFormula, no xlsx reader or writer', () => {
  const { out, modules } = loadedFor(['--help', '--lang', 'en-US']);
  expect(out).toContain('crm3 evaluate');
  expect(built(modules)).toEqual(['cli/main.js']);
  expect(modules.filter((m) => m.includes('/node_modules/'))).toEqual([]);
  // The dispatcher's bundle holds no engine, kernel or reader code (each subcommand is its own bundle).
  const main = fs.readFileSync(
    modules.find((m) => m.endsWith('/cli/main.js'))!,
    'utf8',
  );
  expect(main).not.toMatch(/hyperformula|WorkbookEngine|readWorkbookBuffer|exceljs/i);
  expect(main).toMatch(/require\("\.\/evaluate"\)/);
});

test('a subcommand loads the dispatcher and its own bundle', () => {
  const { modules } = loadedFor(['evaluate', '--lang', 'en-US']);
  expect(built(modules).sort()).toEqual(['cli/evaluate.js', 'cli/main.js']);
});

test('HyperFormula is compiled once into vendor/, and every bundle that uses it requires that copy', () => {
  const entry = execFileSync(process.execPath, [path.join(ROOT, 'bin/build-cli.js')], { encoding: 'utf8' }).trim();
  const build = path.resolve(path.dirname(entry), '..');
  const vendor = fs.readFileSync(path.join(build, 'vendor', 'hyperformula.js'), 'utf8');
  expect(vendor).toMatch(/hyperformula\/commonjs\/HyperFormula\.js/);
  const bundles = fs.readdirSync(path.join(build, 'cli')).filter((f) => f.endsWith('.js'));
  const requires = (f: string) =>
    [...fs.readFileSync(path.join(build, 'cli', f), 'utf8').matchAll(/require\("([^"]*hyperformula[^"]*)"\)/gi)].map((m) => m[1]);
  const users = bundles.filter((f) => requires(f).length);
  expect(users).toEqual(expect.arrayContaining(['evaluateWorker.js', 'explain.js']));
  for (const f of bundles) {
    expect(fs.readFileSync(path.join(build, 'cli', f), 'utf8')).not.toMatch(/hyperformula\/commonjs\/HyperFormula\.js/);
    expect(new Set(requires(f))).toEqual(new Set(users.includes(f) ? ['../vendor/hyperformula.js'] : []));
  }
  // Loaded, the engine's bundle takes HyperFormula from vendor/, never from node_modules.
  const script = `require(${JSON.stringify(path.join(build, 'cli', 'explain.js'))});
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const loaded: string[] = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: ROOT }));
  expect(
    loaded.filter((m) => /hyperformula/i.test(m)).map((m) => m.replace(/\\/g, '/').replace(/^.*\/dist-cli\/[^/]+\//, '')),
  ).toEqual(['vendor/hyperformula.js']);
});
