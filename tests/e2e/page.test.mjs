// Browser end-to-end tests of the page, in Debian's headless Chromium.
//   node tests/e2e/page.test.mjs [WEB_ROOT]
import { mkdirSync } from 'node:fs';
import { serve } from '../../web/server.mjs';
import { launchBrowser } from './browser.mjs';
import { check, runAll, test } from './harness.mjs';

const root = process.argv[2] || 'build/web';
const artifacts = 'build/test/artifacts';

test('server-sends-isolation-headers', async ({ base }) => {
  const r = await fetch(base);
  check(r.headers.get('cross-origin-opener-policy') === 'same-origin', 'COOP missing');
  check(r.headers.get('cross-origin-embedder-policy') === 'require-corp', 'COEP missing');
  check((r.headers.get('content-type') || '').startsWith('text/html'), 'HTML MIME type');
  const js = await fetch(`${base}main.js`);
  check((js.headers.get('content-type') || '').startsWith('text/javascript'), 'JS MIME type');
});

test('server-refuses-paths-outside-root', async ({ base }) => {
  const r = await fetch(`${base}%2e%2e/%2e%2e/etc/passwd`);
  check(r.status === 400 || r.status === 404, `status ${r.status}`);
});

test('page-is-cross-origin-isolated-and-paints-terminal', async ({ browser, base }) => {
  const page = await browser.context.newPage();
  await page.goto(base);
  check(await page.evaluate(() => globalThis.crossOriginIsolated) === true, 'not isolated');
  await page.waitForSelector('.xterm-screen', { timeout: 5000 });
  check(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea')),
    'terminal does not have the focus');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: `${artifacts}/page.png` });
  await page.close();
});

test('missing-sharedarraybuffer-shows-error', async ({ browser, base }) => {
  const page = await browser.context.newPage();
  // Serve the same page without the isolation headers.
  await page.route('**/*', async (route) => {
    const resp = await route.fetch();
    const headers = { ...resp.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response: resp, headers });
  });
  await page.goto(base);
  await page.waitForSelector('#error:not([hidden])', { timeout: 5000 });
  const text = await page.textContent('#error');
  check(/SharedArrayBuffer/.test(text) && /Cross-Origin-Opener-Policy/.test(text),
    `unexpected message: ${text}`);
  await page.close();
});

const server = await serve(root, 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchBrowser();
let failed;
try {
  failed = await runAll('e2e', { browser, base });
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
