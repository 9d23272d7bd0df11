// Booting the wasm32 machine in headless Chromium (Debian's, through
// playwright-core) from the project's own cross-origin-isolated server:
// tests/wasm/browser-boot.html with host-shim/ unchanged, in Web Workers.

import { fileURLToPath } from 'node:url';
import { serve } from '../../web/server.mjs';
import { launchBrowser } from '../e2e/browser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Boot in a fresh page with `cmdline` and the initramfs at server path
 * `initrd` (optional); resolves window.januxResult = { output, exit }.
 * @param {string} cmdline
 * @param {{initrd?: string, timeoutMs?: number}} [opts]
 */
export async function bootInBrowser(cmdline, { initrd, timeoutMs = 15000 } = {}) {
  const server = await serve(ROOT, 0);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const url = `http://127.0.0.1:${server.address().port}/tests/wasm/browser-boot.html` +
      `?cmdline=${encodeURIComponent(cmdline)}` + (initrd ? `&initrd=${encodeURIComponent(initrd)}` : '');
    await page.goto(url);
    await page.waitForFunction(() => window.januxResult, null, { timeout: timeoutMs })
      .catch(() => { throw new Error(`no result; page errors: [${errors.join('; ')}]`); });
    return await page.evaluate(() => window.januxResult);
  } finally {
    await browser.close();
    server.close();
  }
}
