/**
 * test/e2e/support/chromium.sh, through which the browser tests and the bench start Chromium:
 * Chromium applies only the last --disable-features, so the wrapper must hand it one list holding
 * the launcher's features and ours, and every other argument unchanged and in order.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const WRAPPER = path.join(__dirname, '..', 'e2e', 'support', 'chromium.sh');

/** The arguments the browser receives when the wrapper is given `args`: a stand-in browser prints them. */
function received(args: string[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm3-chromium-'));
  const browser = path.join(dir, 'browser');
  fs.writeFileSync(browser, '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n', { mode: 0o755 });
  try {
    const out = execFileSync(WRAPPER, args, { env: { ...process.env, CHROMIUM_PATH: browser }, encoding: 'utf8' });
    return out.split('\n').slice(0, -1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('chromium.sh', () => {
  test('merges every --disable-features into one, last, keeping the other arguments as given', () => {
    expect(
      received([
        '--headless',
        '--disable-features=PaintHolding,MediaRouter',
        '--user-data-dir=/tmp/a b',
        '--disable-features=WebUIOmniboxPopup',
        'about:blank',
      ]),
    ).toEqual([
      '--headless',
      '--user-data-dir=/tmp/a b',
      'about:blank',
      '--disable-features=PaintHolding,MediaRouter,WebUIOmniboxPopup',
    ]);
  });

  test('passes the arguments through untouched when none disables features', () => {
    expect(received(['--headless', '--enable-features=X', '', 'a  b'])).toEqual([
      '--headless',
      '--enable-features=X',
      '',
      'a  b',
    ]);
  });
});
