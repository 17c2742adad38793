/**
 * The probes run as one esbuild bundle, as the product ships (the CLI's bundles, the pane's
 * webpack build): modules scope-hoisted, so a call into another module is a plain call. Run
 * through tsx, every cross-module call goes through a CommonJS export getter instead, which
 * made a what-if look about a quarter slower than the shipped code is (docs/performance.md).
 */
import { build } from 'esbuild';
import * as path from 'path';
import { OUT, ROOT } from './workbooks';

let made: Promise<string> | undefined;

/** The path of bench/probe.ts bundled (made once per bench run). */
export function bundledProbe(): Promise<string> {
  made ??= (async () => {
    const outfile = path.join(OUT, 'probe.js');
    await build({
      absWorkingDir: ROOT,
      entryPoints: [path.join(ROOT, 'bench', 'probe.ts')],
      outfile,
      bundle: true,
      packages: 'external',
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
    });
    return outfile;
  })();
  return made;
}
