// Browser end-to-end tests of the shell in the page: boot to a prompt,
// commands and their output, ^C, and the terminal size inside the guest.
// They need the wasm32 userland (build/web/initramfs-wasm32.cpio) and
// report SKIP, with that reason, until it is built.
//   node tests/e2e/shell.test.mjs [WEB_ROOT]
import { mkdirSync } from 'node:fs';
import { runPageTests } from './browser.mjs';
import { check, test } from './harness.mjs';
import { runCommand, shellPage as bootToShell } from './terminal.mjs';
import { PHASES } from '../../host-shim/marks.js';

const root = process.argv[2] || 'build/web';
const artifacts = 'build/test/artifacts';
const shellPage = (browser, base) => bootToShell(browser, base, root);

test('boots-to-prompt', async ({ browser, base }) => {
  const page = await shellPage(browser, base);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: `${artifacts}/page-prompt.png` });
  await page.close();
}, { timeoutMs: 40000 });

test('boot-sets-every-phase-mark-in-order', async ({ browser, base }) => {
  const page = await shellPage(browser, base);
  const at = await page.evaluate((names) => Object.fromEntries(names.map((n) =>
    [n, performance.getEntriesByName(n, 'mark')[0]?.startTime])), PHASES.map(([n]) => n));
  const missing = Object.keys(at).filter((n) => at[n] === undefined);
  check(!missing.length, `marks not set: ${missing.join(', ')}`);
  // What must come after what, whatever overlaps: the kernel boots once it
  // is compiled, init is compiled once the initramfs is in, then runs as
  // a task. (The banner's mark is when it was drawn, which can be later.)
  const order = ['janux:kernel-compiled', 'janux:kernel-boot', 'janux:initrd-read',
    'janux:exec-compile', 'janux:exec-compiled', 'janux:first-task'];
  for (let i = 1; i < order.length; i++)
    check(at[order[i - 1]] <= at[order[i]], `${order[i]} (${at[order[i]]}) before ${order[i - 1]} (${at[order[i - 1]]})`);
  await page.close();
}, { timeoutMs: 40000 });

// Kernel workers the page may start before its prompt: the boot worker
// (which then serves tasks: init), the interrupt worker, and the task
// workers init's path keeps busy at once besides init (rcS's shell and a
// mount) plus the pool's spare (tasks/pool.js POOL_IDLE). A worker's start
// costs a new tab 60-150 ms of one of the machine's cores (docs/web.md,
// "Where the time goes"): more of them slow the boot.
const BOOT_KERNEL_WORKERS = 5;

test('boot-starts-few-kernel-workers', async ({ browser, base }) => {
  const booted = await bootToShell(browser, base, root, () => { // every Worker the page starts
    const Base = globalThis.Worker;
    globalThis.startedWorkers = [];
    globalThis.Worker = class extends Base {
      constructor(url, opts) { super(url, opts); globalThis.startedWorkers.push(String(url)); }
    };
  });
  const started = await booted.evaluate(() => globalThis.startedWorkers);
  const kernel = started.filter((u) => u.endsWith('/kernel-worker.js')).length;
  check(kernel >= 3, `only ${kernel} kernel workers: ${started.join(', ')}`);
  check(kernel <= BOOT_KERNEL_WORKERS, `${kernel} kernel workers started before the prompt, want at most ${BOOT_KERNEL_WORKERS}`);
  // The pool grows on demand: six children at once, more than it has.
  const out = await runCommand(booted, 'for i in 1 2 3 4 5 6; do (sleep 0.3; echo forked$i) & done; wait; echo all-done', 20000);
  for (let i = 1; i <= 6; i++) check(out.includes(`forked${i}`), `child ${i} did not run: ${JSON.stringify(out)}`);
  check(out.includes('all-done'), `wait did not return: ${JSON.stringify(out)}`);
  await booted.close();
}, { timeoutMs: 60000 });

test('typed-commands-give-their-output', async ({ browser, base }) => {
  const page = await shellPage(browser, base);
  const sum = await runCommand(page, 'echo $((6*7))');
  check(sum === '42', `echo $((6*7)) gave ${JSON.stringify(sum)}`);
  const fmt = await runCommand(page, "printf '<%s>\\n' a b");
  check(fmt === '<a>\n<b>', `printf gave ${JSON.stringify(fmt)}`);
  await page.close();
}, { timeoutMs: 40000 });

test('ctrl-c-interrupts-sleep', async ({ browser, base }) => {
  const page = await shellPage(browser, base);
  await page.keyboard.type('sleep 100');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  await page.keyboard.press('Control+C');
  const status = await runCommand(page, 'echo status=$?', 5000);
  check(status === 'status=130', `after ^C: ${JSON.stringify(status)}`);
  await page.close();
}, { timeoutMs: 40000 });

test('stty-size-follows-resize', async ({ browser, base }) => {
  const page = await shellPage(browser, base);
  const size = async () => {
    const { rows, cols } = await page.evaluate(() => {
      const { term } = globalThis.janux;
      return { rows: term.rows, cols: term.cols };
    });
    const got = await runCommand(page, 'stty size');
    check(got === `${rows} ${cols}`, `stty size gave ${JSON.stringify(got)}, terminal is ${rows} ${cols}`);
  };
  await size();
  await page.setViewportSize({ width: 700, height: 400 });
  await page.waitForTimeout(300);
  await size();
  await page.close();
}, { timeoutMs: 40000 });

await runPageTests('e2e/shell', root);
