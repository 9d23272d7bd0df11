// Browser end-to-end tests with a guest process: the page boots the e2e
// tier's test initramfs (tests/e2e/progs/, served in place of the site's
// initramfs) with one of its programs as init. /bin/winsize prints the
// console tty's window size whenever it changes: the size the kernel keeps
// must be the terminal's, before and after the window is resized.
// /bin/lines echoes the lines typed in the page, then powers off.
//   node tests/e2e/process.test.mjs [WEB_ROOT] [INITRD]
import { existsSync, readFileSync } from 'node:fs';
import { runPageTests } from './browser.mjs';
import { Skip, check, test } from './harness.mjs';
import { waitForScreen } from './terminal.mjs';

const root = process.argv[2] || 'build/web';
const initrd = process.argv[3] || 'build/e2e/initrd.cpio';

/** The terminal's size as the guest prints it: "winsize ROWS COLS". */
const sizeLine = (page) => page.evaluate(() => {
  const { term } = globalThis.janux;
  return `winsize ${term.rows} ${term.cols}`;
});

/** A page booting the test initramfs with init=/bin/`prog` (SKIP when unbuilt). */
async function bootProgram(browser, base, prog) {
  if (!existsSync(initrd)) throw new Skip(`no ${initrd} (make e2e-progs)`);
  const page = await browser.context.newPage();
  const body = readFileSync(initrd);
  await page.route('**/initramfs-wasm32.cpio', (route) => route.fulfill({ status: 200, body }));
  await page.goto(`${base}?cmdline=${encodeURIComponent(`init=/bin/${prog}`)}`);
  await page.waitForSelector('.xterm-screen');
  return page;
}

test('guest-tty-size-follows-terminal-resize', async ({ browser, base }) => {
  const page = await bootProgram(browser, base, 'winsize');
  const first = await sizeLine(page);
  await waitForScreen(page, new RegExp(`^${first}$`, 'm'));
  await page.setViewportSize({ width: 700, height: 380 });
  await page.waitForFunction((line) => {
    const { term } = globalThis.janux;
    return `winsize ${term.rows} ${term.cols}` !== line;
  }, first, { timeout: 5000 });
  const second = await sizeLine(page);
  await waitForScreen(page, new RegExp(`^${second}$`, 'm'));
  const text = await waitForScreen(page, /winsize/);
  check(!/FAIL/.test(text), `the guest reported a failure: ${text.split('\n').find((l) => /FAIL/.test(l))}`);
  await page.close();
}, { timeoutMs: 40000 });

test('typed-lines-reach-a-guest-process', async ({ browser, base }) => {
  const page = await bootProgram(browser, base, 'lines');
  await waitForScreen(page, /^ready$/m);
  await page.keyboard.type('hello wörld');
  await page.keyboard.press('Enter');
  await waitForScreen(page, /^got <hello wörld>$/m);
  await page.keyboard.type('x');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('second');
  await page.keyboard.press('Enter');
  await waitForScreen(page, /^got <second>$/m);
  await page.keyboard.type('off');
  await page.keyboard.press('Enter');
  await waitForScreen(page, /\[Janux powered off\]/);
  check(await page.textContent('#status') === 'powered off', 'status is not "powered off"');
  await page.close();
}, { timeoutMs: 40000 });

await runPageTests('e2e/process', root);
