/**
 * `crm3 --help` starts like a small program: the compiled command line loads only what the help
 * needs, never the engine, HyperFormula or the xlsx code (issue 15).
 */
import { execFileSync } from 'child_process';
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

test('--help loads no engine, no HyperFormula, no xlsx reader or writer', () => {
  const { out, modules } = loadedFor(['--help', '--lang', 'en-US']);
  expect(out).toContain('crm3 evaluate');
  const heavy = modules.filter((m) =>
    /\/(engine|io|calc|functions|templates)\/|node_modules\/(hyperformula|exceljs|jszip)\//.test(m),
  );
  expect(heavy).toEqual([]);
});

test('a subcommand still loads what it needs', () => {
  const { modules } = loadedFor(['evaluate', '--lang', 'en-US']);
  expect(modules.some((m) => m.includes('/cli/evaluate.js'))).toBe(true);
});
