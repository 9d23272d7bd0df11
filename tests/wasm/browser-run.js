// Booting the wasm32 machine in headless Chromium (Debian's, through
// playwright-core) from the project's own cross-origin-isolated server:
// tests/wasm/browser-boot.html with host-shim/ unchanged, in Web Workers.

import { fileURLToPath } from 'node:url';
import { serve } from '../../web/server.mjs';
import { launchBrowser } from '../e2e/browser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INITRD_ROUTE = '/janux-initrd.cpio'; // where initramfs bytes given by value are served

/**
 * Boot in a fresh page with `cmdline` and an initramfs: `initrd` is a
 * server path under the repository root, or the image's bytes (served to
 * the page at INITRD_ROUTE); optional. Resolves window.januxResult =
 * { output, exit } once the machine stops; rejects after `timeoutMs` with
 * the page's errors and the console so far (error.output).
 * @param {string} cmdline
 * @param {{initrd?: string|Uint8Array, timeoutMs?: number}} [opts]
 */
export async function bootInBrowser(cmdline, { initrd, timeoutMs = 15000 } = {}) {
  const server = await serve(ROOT, 0);
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let initrdPath = initrd;
    if (initrd instanceof Uint8Array) {
      initrdPath = INITRD_ROUTE;
      await page.route(`**${INITRD_ROUTE}`, (route) => route.fulfill({ status: 200, body: Buffer.from(initrd) }));
    }
    const url = `http://127.0.0.1:${server.address().port}/tests/wasm/browser-boot.html` +
      `?cmdline=${encodeURIComponent(cmdline)}` + (initrdPath ? `&initrd=${encodeURIComponent(initrdPath)}` : '');
    await page.goto(url);
    try {
      await page.waitForFunction(() => window.januxResult, null, { timeout: timeoutMs, polling: 100 });
    } catch {
      const e = new Error(`no result after ${timeoutMs} ms; page errors: [${errors.join('; ')}]`);
      e.output = await page.evaluate(() => window.januxOutput ?? '').catch(() => '');
      throw e;
    }
    return await page.evaluate(() => window.januxResult);
  } finally {
    await browser.close();
    server.close();
  }
}
