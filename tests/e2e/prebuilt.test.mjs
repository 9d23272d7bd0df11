// Browser end-to-end tests of the page's opt-in prebuilt busybox
// (?prebuilt=busybox: busybox.wasm, host-shim/tasks/prebuilt.js): init's
// execve runs the module the page stream-compiled (the mark
// 'janux:exec-prebuilt', and nothing compiled at an execve) and the shell
// works; a site without busybox.wasm (404), or one that answers with a
// page of its own, boots the same, compiling busybox at init's execve;
// without the parameter the page does not fetch busybox.wasm at all.
//   node tests/e2e/prebuilt.test.mjs [WEB_ROOT]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPageTests } from './browser.mjs';
import { Skip, check, test } from './harness.mjs';
import { PROMPT, runCommand, waitForScreen } from './terminal.mjs';

const root = process.argv[2] || 'build/web';

// A page of `base` + `query` booted to its prompt, busybox.wasm answered
// by `answer(route)` when given; resolves { page, marks } with the marks
// of the execve (set or not).
async function bootedPage(browser, base, answer, query = '?prebuilt=busybox') {
  if (!existsSync(join(root, 'busybox.wasm'))) throw new Skip(`no busybox.wasm in ${root}`);
  const page = await browser.context.newPage();
  if (answer) await page.route('**/busybox.wasm', answer);
  await page.goto(`${base}${query}`);
  await waitForScreen(page, PROMPT, 20000);
  const marks = await page.evaluate(() => Object.fromEntries(['janux:exec-prebuilt', 'janux:exec-compiled']
    .map((n) => [n, performance.getEntriesByName(n, 'mark').length > 0])));
  return { page, marks };
}

// Streaming compilation, and so the browser's code cache, needs the wasm
// MIME type; gzip clients get the precompressed sibling.
test('busybox-wasm-is-served-as-wasm-and-gzipped', async ({ base }) => {
  if (!existsSync(join(root, 'busybox.wasm'))) throw new Skip(`no busybox.wasm in ${root}`);
  const r = await fetch(`${base}busybox.wasm`, { headers: { 'Accept-Encoding': 'gzip' } });
  check(r.headers.get('content-type') === 'application/wasm', `content-type ${r.headers.get('content-type')}`);
  check(r.headers.get('content-encoding') === 'gzip', `content-encoding ${r.headers.get('content-encoding')}`);
  check(Buffer.from(await r.arrayBuffer()).equals(readFileSync(join(root, 'busybox.wasm'))), 'inflated body differs');
});

test('init-runs-the-prebuilt-busybox', async ({ browser, base }) => {
  const { page, marks } = await bootedPage(browser, base);
  check(marks['janux:exec-prebuilt'], 'no janux:exec-prebuilt mark: init was not the prebuilt busybox');
  check(!marks['janux:exec-compiled'], 'a program was compiled at an execve during the boot');
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource')
    .some((e) => new URL(e.name).pathname === '/busybox.wasm'));
  check(fetched, 'the page did not fetch busybox.wasm');
  const out = await runCommand(page, 'echo $((6*7)) | cat');
  check(out === '42', `echo | cat gave ${JSON.stringify(out)}`);
  await page.close();
}, { timeoutMs: 40000 });

const WITHOUT = {
  missing: (route) => route.fulfill({ status: 404, body: 'not found\n' }),
  'answered-with-a-page': (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p>home</p>' }),
};
for (const [how, answer] of Object.entries(WITHOUT)) {
  test(`site-with-busybox-wasm-${how}-boots-compiling-it`, async ({ browser, base }) => {
    const { page, marks } = await bootedPage(browser, base, answer);
    check(marks['janux:exec-compiled'], 'no janux:exec-compiled mark: init was not compiled');
    check(!marks['janux:exec-prebuilt'], 'a prebuilt module was used without busybox.wasm');
    const out = await runCommand(page, 'echo $((6*7)) | cat');
    check(out === '42', `echo | cat gave ${JSON.stringify(out)}`);
    check(await page.textContent('#status') === 'running', `status: ${await page.textContent('#status')}`);
    await page.close();
  }, { timeoutMs: 40000 });
}

test('page-without-the-parameter-compiles-busybox-and-does-not-fetch-it', async ({ browser, base }) => {
  const { page, marks } = await bootedPage(browser, base, null, '');
  check(marks['janux:exec-compiled'] && !marks['janux:exec-prebuilt'], `marks ${JSON.stringify(marks)}`);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource')
    .some((e) => new URL(e.name).pathname === '/busybox.wasm'));
  check(!fetched, 'the page fetched busybox.wasm without ?prebuilt=busybox');
  await page.close();
}, { timeoutMs: 40000 });

await runPageTests('e2e/prebuilt', root);
