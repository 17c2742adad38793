#!/usr/bin/env node
// The `crm3` command: runs the compiled command line in dist-cli/ (bin/build-cli.js compiles it
// on the first run and after any source change), so `npx crm3` works right after `npm install`
// with nothing transpiled at run time.
const { ensureCli } = require('./build-cli');

const { main } = require(ensureCli());
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`crm3: ${err && err.message ? err.message : err}`); process.exitCode = 2; },
);
