// Compiles the `crm3` command line into dist-cli/ with esbuild (already used by the web build).
// Each subcommand is its own bundle: cli/main.js holds the dispatcher and the help, and every
// `import('./x')` in cli/main.ts is left as a require of the bundle cli/x.js, so `crm3 --help`
// loads one small file and a subcommand loads main.js and its own bundle (plus the evaluate
// worker's bundle, which runs in its own thread). Inside a bundle the modules are scope-hoisted:
// no CommonJS export getter is called per use, as it was when each source file was compiled to
// its own CommonJS file (10 % of a Status what-if, docs/performance.md). Packages in
// node_modules stay external (required at run time as installed), but HyperFormula (see VENDOR).
// bin/crm3.js calls `ensureCli()` on every run: it compiles on the first run and again whenever a
// source file changes (about a second). Each build goes to its own folder named after the sources'
// newest time and is moved into place whole, so commands started at once (tests, CI) never read
// half a build. `node bin/build-cli.js` compiles now and prints the entry.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src');
const OUT = path.join(ROOT, 'dist-cli');
const SELF = [path.join(ROOT, 'package.json'), __filename];

/** The TypeScript files of src/ the command line can load (the pane's React views excluded). */
function sourceFiles() {
  const files = [];
  const visit = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (p !== path.join(SRC, 'taskpane')) visit(p);
      }
      else if (/\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p);
    }
  };
  visit(SRC);
  return files;
}

/** A stamp of the sources: the newest modification time and the number of files. */
function stamp(files) {
  let newest = 0;
  for (const f of [...files, ...SELF]) newest = Math.max(newest, fs.statSync(f).mtimeMs);
  return `${Math.ceil(newest)}-${files.length}`;
}

const MAIN = path.join(SRC, 'cli', 'main.ts');

/** The bundles: the dispatcher, each subcommand it loads on demand, and the evaluate worker (loaded by path). */
function entryPoints() {
  const code = fs.readFileSync(MAIN, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, ''); // comments out
  const lazy = [...code.matchAll(/import\(\s*'\.\/([\w-]+)'\s*\)/g)].map((m) => m[1]);
  return [MAIN, path.join(SRC, 'cli', 'evaluateWorker.ts'), ...lazy.map((name) => path.join(SRC, 'cli', `${name}.ts`))];
}

/**
 * main.ts's `await import('./evaluate')` stays a require of the sibling bundle cli/evaluate.js.
 * Only main.ts's own dynamic imports: another module's './snapshot' (model/snapshot) is bundled.
 */
const subcommandsApart = {
  name: 'subcommands-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/[\w-]+$/ }, (args) =>
      args.importer === MAIN && args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

/**
 * HyperFormula is the one package compiled in: its 240 CommonJS modules (with chevrotain's)
 * took about 140 ms to find and load as installed, one bundle about 70 ms. One copy, in
 * vendor/, that every bundle requires (a second copy in a thread would be a second engine
 * class, with its own registered plugins).
 */
const VENDOR = { hyperformula: 'vendor/hyperformula' };
const vendorApart = {
  name: 'vendor-apart',
  setup(build) {
    build.onResolve({ filter: /^hyperformula$/ }, () => ({ path: `../${VENDOR.hyperformula}.js`, external: true }));
  },
};

/** Compiles into `dir` (esbuild's plugins need its asynchronous API: run in a child process by compileInto). */
async function compileNow(dir) {
  await require('esbuild').build({
    absWorkingDir: ROOT,
    entryPoints: { [VENDOR.hyperformula]: require.resolve('hyperformula', { paths: [ROOT] }) },
    outdir: dir,
    bundle: true,
    // Less to parse (2.1 MB to 1.4 MB; loaded in about 70 ms instead of 90). Names are kept, so
    // profiles still read; renaming them too made the load no faster.
    minifyWhitespace: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  await require('esbuild').build({
    absWorkingDir: ROOT,
    entryPoints: entryPoints(),
    outbase: SRC,
    outdir: dir,
    bundle: true,
    packages: 'external',
    plugins: [subcommandsApart, vendorApart],
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // `await import(…)` becomes a require (Node's own import() would not find a CommonJS file
    // named without its extension).
    supported: { 'dynamic-import': false },
    logLevel: 'warning',
  });
}

function compileInto(dir) {
  try {
    execFileSync(process.execPath, [__filename, '--compile-into', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error('compiling the command line (bin/build-cli.js) failed: see the errors above');
  }
}

/** The path of the compiled entry, compiling first when there is no build of the current sources. */
function ensureCli() {
  const files = sourceFiles();
  const dir = path.join(OUT, `build-${stamp(files)}`);
  const entry = path.join(dir, 'cli', 'main.js');
  if (fs.existsSync(entry)) return entry;
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = path.join(OUT, `.tmp-${process.pid}-${Date.now()}`);
  compileInto(tmp);
  try {
    fs.renameSync(tmp, dir);
  } catch (e) {
    // Another command moved the same build into place first: use that one.
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(entry)) throw e;
  }
  // Older builds go (best effort; one may still be running a command, which keeps its open files).
  for (const old of fs.readdirSync(OUT))
    if (old.startsWith('build-') && path.join(OUT, old) !== dir)
      fs.rmSync(path.join(OUT, old), { recursive: true, force: true });
  return entry;
}

module.exports = { ensureCli };

if (require.main === module) {
  const into = process.argv.indexOf('--compile-into');
  if (into >= 0)
    compileNow(process.argv[into + 1]).catch(() => {
      process.exitCode = 1; // esbuild has printed the errors
    });
  else console.log(ensureCli());
}
