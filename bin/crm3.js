#!/usr/bin/env node
// The `crm3` command: runs the compiled command line in dist-cli/ (bin/build-cli.js compiles it
// on the first run and after any source change), so `npx crm3` works right after `npm install`
// with nothing transpiled at run time.
const { ensureCli } = require('./build-cli');

const { main } = require(ensureCli());
// Output read by a program that stops early (`crm3 evaluate … | head`): end quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    // Never raw control characters on the terminal, even in a message nobody foresaw.
    // eslint-disable-next-line no-control-regex
    const text = String(err && err.message ? err.message : err).replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    console.error(`crm3: ${text}`);
    process.exitCode = 2;
  },
);
