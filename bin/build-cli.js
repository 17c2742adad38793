// Compiles the `crm3` command line into dist-cli/ with esbuild (already used by the web build):
// each TypeScript file of src/ becomes one CommonJS file, so a command loads only the modules it
// needs (`crm3 --help` loads no engine and no xlsx code) and nothing is transpiled at run time.
// bin/crm3.js calls `ensureCli()` on every run: it compiles on the first run and again whenever a
// source file changes (about a second). Each build goes to its own folder named after the sources'
// newest time and is moved into place whole, so commands started at once (tests, CI) never read
// half a build. `node bin/build-cli.js` compiles now and prints the entry.
const fs = require('fs');
const path = require('path');

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

function compileInto(dir, files) {
  require('esbuild').buildSync({
    absWorkingDir: ROOT,
    entryPoints: files,
    outbase: SRC,
    outdir: dir,
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // `await import('./evaluate')` becomes a require of the compiled sibling (Node's own import()
    // would not find a CommonJS file named without its extension).
    supported: { 'dynamic-import': false },
    logLevel: 'warning',
  });
}

/** The path of the compiled entry, compiling first when there is no build of the current sources. */
function ensureCli() {
  const files = sourceFiles();
  const dir = path.join(OUT, `build-${stamp(files)}`);
  const entry = path.join(dir, 'cli', 'main.js');
  if (fs.existsSync(entry)) return entry;
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = path.join(OUT, `.tmp-${process.pid}-${Date.now()}`);
  compileInto(tmp, files);
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

if (require.main === module) console.log(ensureCli());
