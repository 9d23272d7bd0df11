// Browser end-to-end tests of the page, in Debian's headless Chromium:
// the server's headers, booting to the kernel's banner, the command line
// from the URL, resizes reaching the machine, and every failure (no
// isolation, a missing kernel, a kernel panic) shown as a message.
//   node tests/e2e/page.test.mjs [WEB_ROOT]
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { moduleGraph } from '../../web/preload.mjs';
import { isolationHeaders } from '../../web/server.mjs';
import { runPageTests } from './browser.mjs';
import { check, test } from './harness.mjs';
import {
  BANNER, openPage, recordSends, screenText, sentEvents, waitForError, waitForScreen,
} from './terminal.mjs';

const root = resolve(process.argv[2] || 'build/web');
const artifacts = 'build/test/artifacts';

test('server-sends-isolation-headers', async ({ base }) => {
  const r = await fetch(base);
  check(r.headers.get('cross-origin-opener-policy') === 'same-origin', 'COOP missing');
  check(r.headers.get('cross-origin-embedder-policy') === 'require-corp', 'COEP missing');
  check((r.headers.get('content-type') || '').startsWith('text/html'), 'HTML MIME type');
  const js = await fetch(`${base}main.js`);
  check((js.headers.get('content-type') || '').startsWith('text/javascript'), 'JS MIME type');
  const wasm = await fetch(`${base}kernel.wasm`);
  check(wasm.headers.get('content-type') === 'application/wasm', 'wasm MIME type');
});

test('static-host-headers-file-matches-server', async () => {
  const lines = readFileSync(join(root, '_headers'), 'utf8').split('\n');
  const set = Object.fromEntries(lines.filter((l) => /^\s+\S+:/.test(l))
    .map((l) => l.trim().split(/:\s*/, 2)));
  for (const [name, value] of Object.entries(isolationHeaders('/x.js')))
    if (name.startsWith('Cross-Origin') || name === 'X-Content-Type-Options')
      check(set[name] === value, `_headers has ${name}: ${set[name]}, the server sends ${value}`);
});

test('server-revalidates-with-etag', async ({ base }) => {
  const first = await fetch(`${base}kernel.wasm`);
  const etag = first.headers.get('etag');
  check(etag, 'no ETag');
  const again = await fetch(`${base}kernel.wasm`, { headers: { 'If-None-Match': etag } });
  check(again.status === 304, `revalidation gave ${again.status}`);
  check(again.headers.get('cross-origin-embedder-policy') === 'require-corp', '304 without COEP');
  const other = await fetch(`${base}kernel.wasm`, { headers: { 'If-None-Match': 'W/"0-0"' } });
  check(other.status === 200, `a stale ETag gave ${other.status}`);
});

test('server-sends-precompressed-sibling-to-gzip-clients', async ({ base }) => {
  const plain = readFileSync(join(root, 'initramfs-wasm32.cpio'));
  const gz = await fetch(`${base}initramfs-wasm32.cpio`, { headers: { 'Accept-Encoding': 'gzip' } });
  check(gz.headers.get('content-encoding') === 'gzip', `content-encoding ${gz.headers.get('content-encoding')}`);
  check(gz.headers.get('vary') === 'Accept-Encoding', 'no Vary: Accept-Encoding');
  check(Buffer.from(await gz.arrayBuffer()).equals(plain), 'inflated body differs from the plain file');
  const id = await fetch(`${base}initramfs-wasm32.cpio`, { headers: { 'Accept-Encoding': 'identity' } });
  check(!id.headers.get('content-encoding'), 'identity client got an encoding');
  check(id.headers.get('vary') === 'Accept-Encoding', 'the plain answer has no Vary: Accept-Encoding');
  const upper = await fetch(`${base}initramfs-wasm32.cpio`, { headers: { 'Accept-Encoding': 'GZIP' } });
  check(upper.headers.get('content-encoding') === 'gzip', 'GZIP (any case) not taken as gzip');
  check(Buffer.from(await id.arrayBuffer()).equals(plain), 'plain body differs from the file');
  check(gz.headers.get('etag') !== id.headers.get('etag'), 'both encodings share one ETag');
});

test('server-refuses-paths-outside-root', async ({ base }) => {
  const r = await fetch(`${base}%2e%2e/%2e%2e/etc/passwd`);
  check(r.status === 400 || r.status === 404, `status ${r.status}`);
});

test('page-is-cross-origin-isolated-and-paints-terminal', async ({ browser, base }) => {
  const page = await openPage(browser, base);
  check(await page.evaluate(() => globalThis.crossOriginIsolated) === true, 'not isolated');
  check(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea')),
    'terminal does not have the focus');
  await page.close();
});

test('terminal-paints-before-kernel-arrives', async ({ browser, base }) => {
  const page = await browser.context.newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/kernel.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(base);
  await page.waitForSelector('.xterm-screen', { timeout: 5000 });
  check(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea')),
    'terminal has no focus while loading');
  check(/^(starting|loading)/.test(await page.textContent('#status')),
    `status while the kernel is held: ${await page.textContent('#status')}`);
  release();
  await waitForScreen(page, BANNER);
  await page.close();
});

test('boots-to-banner-with-progress-line', async ({ browser, base }) => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    globalThis.statusSeen = [];
    new MutationObserver(() => {
      const text = document.getElementById('status')?.textContent;
      if (text && text !== globalThis.statusSeen.at(-1)) globalThis.statusSeen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(base);
  const screen = await waitForScreen(page, BANNER);
  check(screen.split('\n')[0].match(BANNER), `banner is not the first line: ${screen.split('\n')[0]}`);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: `${artifacts}/page-booted.png` });
  const seen = await page.evaluate(() => globalThis.statusSeen);
  check(seen.some((s) => /^loading kernel\.wasm \d+ KB \/ \d+ KB/.test(s)),
    `no progress line for kernel.wasm in ${JSON.stringify(seen)}`);
  await page.close();
});

test('page-loads-one-script-per-thread', async ({ browser, base }) => {
  const page = await openPage(browser, base);
  await waitForScreen(page, BANNER);
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
  // main.js, the kernel workers' script and the disk's worker are each one
  // file (web/bundle.mjs; the disk worker imports nothing), and xterm.js
  // is its two scripts: nothing is fetched import level by import level.
  const allowed = ['/main.js', '/xterm/xterm.js', '/xterm/addon-fit.js',
    '/host-shim/kernel-worker.js', '/host-shim/adapters/browser/disk-worker.js'];
  check(loaded.includes('/main.js') && loaded.includes('/host-shim/kernel-worker.js'), `loaded: ${loaded}`);
  const other = loaded.filter((p) => !allowed.includes(p));
  check(!other.length, `scripts beyond one per thread: ${other.join(', ')}`);
  for (const script of ['main.js', 'host-shim/kernel-worker.js', 'host-shim/adapters/browser/disk-worker.js']) {
    const imports = moduleGraph([join(root, script)]);
    check(!imports.length, `${script} imports ${imports.join(', ')}`);
  }
  await page.close();
});

test('xterm-that-cannot-load-stops-the-machine-and-is-said', async ({ browser, base }) => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/xterm/xterm.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(base);
  await page.waitForFunction(() => /Janux stopped: could not open the terminal/.test(document.getElementById('error').textContent),
    null, { timeout: 15000 });
  check(await page.textContent('#status') === 'stopped', `status: ${await page.textContent('#status')}`);
  await page.waitForTimeout(500); // a late unhandled rejection would show up here
  check(!errors.length, `uncaught errors: ${errors.join('; ')}`);
  await page.close();
});

test('main-js-that-cannot-load-is-said', async ({ browser, base }) => {
  const page = await browser.context.newPage();
  await page.route('**/main.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(base);
  const text = await waitForError(page);
  check(/Could not load main\.js/.test(text), `error: ${text}`);
  await page.close();
});

test('cmdline-parameter-reaches-kernel', async ({ browser, base }) => {
  const cmdline = 'loglevel=7 e2e.token=f00d';
  const page = await openPage(browser, `${base}?cmdline=${encodeURIComponent(cmdline)}`);
  await waitForScreen(page, new RegExp(`Command line: ${cmdline}$`, 'm'));
  await page.close();
});

test('resize-sends-terminal-size-to-machine', async ({ browser, base }) => {
  const page = await openPage(browser, base);
  await waitForScreen(page, BANNER);
  await recordSends(page);
  const before = await page.evaluate(() => ({ rows: globalThis.janux.term.rows, cols: globalThis.janux.term.cols }));
  await page.setViewportSize({ width: 640, height: 360 });
  await page.waitForFunction((b) => globalThis.janux.term.cols !== b.cols, before, { timeout: 5000 });
  const sent = (await sentEvents(page, 'console:resize')).at(-1);
  const now = await page.evaluate(() => ({ rows: globalThis.janux.term.rows, cols: globalThis.janux.term.cols }));
  check(sent && sent.rows === now.rows && sent.cols === now.cols,
    `sent ${JSON.stringify(sent)}, terminal is ${JSON.stringify(now)}`);
  check(now.cols < before.cols && now.rows < before.rows, 'terminal did not shrink with the window');
  await page.close();
});

test('keys-and-paste-reach-console-input-and-selection-copies', async ({ browser, base }) => {
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await openPage(browser, base);
  await waitForScreen(page, BANNER);
  await recordSends(page);
  await page.keyboard.type('ls é');
  await page.keyboard.press('Control+C');
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'pasted words');
    document.querySelector('.xterm-helper-textarea')
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  const typed = () => sentEvents(page, 'console:input').then((v) => v.join(''));
  const sent = await typed();
  check(sent === 'ls é\x03pasted words', `console input was ${JSON.stringify(sent)}`);
  await page.evaluate(() => globalThis.janux.term.selectLines(0, 0));
  await page.keyboard.press('Control+Shift+C');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  check(BANNER.test(copied), `clipboard holds ${JSON.stringify(copied)}`);
  check(await typed() === sent, 'Ctrl+Shift+C reached the guest');
  await page.close();
});

test('kernel-panic-shows-message', async ({ browser, base }) => {
  const page = await openPage(browser, `${base}?cmdline=${encodeURIComponent('init=/no/such/init')}`);
  const text = await waitForError(page);
  check(/Kernel panic: Requested init \/no\/such\/init failed/.test(text), `message: ${text}`);
  check(await page.textContent('#status') === 'stopped', 'status is not "stopped"');
  await page.close();
});

// The kernel workers started ahead (index.html, main.js) are ended once
// the page has stopped, not left idle.
async function checkNoKernelWorkers(page) {
  const kernelWorkers = () => page.workers().filter((w) => w.url().includes('kernel-worker.js')).length;
  for (let i = 0; i < 100 && kernelWorkers(); i++) await page.waitForTimeout(50);
  check(kernelWorkers() === 0, `${kernelWorkers()} kernel workers left running`);
}

test('missing-kernel-shows-error', async ({ browser, base }) => {
  const page = await browser.context.newPage();
  await page.route('**/kernel.wasm', (route) => route.fulfill({ status: 404, body: 'not found\n' }));
  await page.goto(base);
  const text = await waitForError(page);
  check(/kernel\.wasm/.test(text) && /404/.test(text), `message: ${text}`);
  check(!BANNER.test(await screenText(page)), 'booted without a kernel?');
  await checkNoKernelWorkers(page);
  await page.close();
});

test('failed-kernel-connection-shows-error', async ({ browser, base }) => {
  const page = await browser.context.newPage();
  await page.route('**/kernel.wasm', (route) => route.abort('connectionreset'));
  await page.goto(base);
  const text = await waitForError(page);
  check(/could not download \/kernel\.wasm/.test(text), `message: ${text}`);
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
  const text = await waitForError(page, 5000);
  check(/SharedArrayBuffer/.test(text) && /Cross-Origin-Opener-Policy/.test(text),
    `unexpected message: ${text}`);
  await checkNoKernelWorkers(page);
  await page.close();
});

await runPageTests('e2e', root);
