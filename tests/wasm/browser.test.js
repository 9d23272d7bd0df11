// The same host shim in a browser: headless Chromium (Debian's, through
// playwright-core) loads browser-boot.html from the project's own
// cross-origin-isolated server and boots kernel.wasm in Web Workers.

import { fileURLToPath } from 'node:url';
import { serve } from '../../web/server.mjs';
import { launchBrowser } from '../e2e/browser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BANNER = /Janux \S+ \([0-9a-f]{7,}(-dirty)?, \d{4}-\d\d-\d\d\) wasm32\n/;

/** Boot in a fresh page; resolves window.januxResult. */
async function bootInBrowser(cmdline) {
  const server = await serve(ROOT, 0);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const url = `http://127.0.0.1:${server.address().port}/tests/wasm/browser-boot.html` +
      `?cmdline=${encodeURIComponent(cmdline)}`;
    await page.goto(url);
    await page.waitForFunction(() => window.januxResult, null, { timeout: 15000 })
      .catch(() => { throw new Error(`no result; page errors: [${errors.join('; ')}]`); });
    return await page.evaluate(() => window.januxResult);
  } finally {
    await browser.close();
    server.close();
  }
}

export const tests = [
  {
    name: 'browser/boots-in-web-workers',
    timeoutMs: 60000,
    fn: async () => {
      const { output, exit } = await bootInBrowser('loglevel=7 foo=bar');
      if (!BANNER.test(output)) throw new Error(`no banner in ${JSON.stringify(output)}`);
      if (!output.includes('Command line: loglevel=7 foo=bar')) throw new Error('command line not shown');
      if (exit.reason !== 'panic' || exit.status === 0 || !/No working init found/.test(exit.message))
        throw new Error(`exit ${JSON.stringify(exit)}`);
    },
  },
];
