#!/usr/bin/env node
// The `crm3` command: runs the TypeScript CLI through tsx (a dependency of the project),
// so `npx crm3` works right after `npm install` with no build step.
const path = require('path');
require('tsx/cjs/api').register();
const { main } = require(path.join(__dirname, '..', 'src', 'cli', 'main.ts'));
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`crm3: ${err && err.message ? err.message : err}`); process.exitCode = 2; },
);
