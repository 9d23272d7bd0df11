#!/usr/bin/env node
// Benchmark: time from navigation to the shell prompt visible in the page's
// terminal (and every boot phase on the way: host-shim/marks.js), in
// Debian's headless Chromium, cold (a fresh profile each run) and warm (the
// same profile, visited before). Beside it, in the same browsers, the
// floor: the first paint of an empty page served with the same isolation
// headers (a new tab of a cross-origin isolated page gets a new renderer
// process, which no page can avoid). Writes a tests/bench/report.mjs
// fragment (paint, banner, prompt, each beside the floor) and the
// per-phase table next to it (.txt).
//   node tests/e2e/bench-page.mjs OUT.json [RUNS] [WEB_ROOT] [TEST_INITRD]
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../web/server.mjs';
import { launchBrowser } from './browser.mjs';
import { PHASES } from '../../host-shim/marks.js';

const [out, runsArg = '5', root = 'build/web', E2E_INITRD = 'build/e2e/initrd.cpio'] = process.argv.slice(2);
const runs = Number(runsArg);
const withPrompt = existsSync(join(root, 'initramfs-wasm32.cpio'));
// Without the userland, a test program stands in for the shell (make e2e-progs).
const testInitrd = !withPrompt && existsSync(E2E_INITRD) ? readFileSync(E2E_INITRD) : null;
const END = withPrompt ? 'prompt' : 'process';

// In the page: performance.now() once the terminal shows the end of the
// boot: a shell prompt on the cursor's line, or the test program's "ready".
function reachedEnd(end) {
  const buf = globalThis.janux?.term?.buffer.active;
  if (!buf) return false;
  if (end === 'prompt') {
    const line = buf.getLine(buf.baseY + buf.cursorY)?.translateToString(true) ?? '';
    return /[#$]\s*$/.test(line) && performance.now();
  }
  for (let i = 0; i <= buf.baseY + buf.cursorY; i++)
    if (buf.getLine(i)?.translateToString(true) === 'ready') return performance.now();
  return false;
}

/** Open the page in `browser`; ms from navigation to each phase and the end. */
async function visit(browser, url) {
  const page = await browser.context.newPage();
  if (testInitrd) {
    await page.route('**/initramfs-wasm32.cpio', (route) => route.fulfill({ status: 200, body: testInitrd }));
    url += `?cmdline=${encodeURIComponent('init=/bin/lines')}`;
  }
  await page.goto(url);
  const end = await page.waitForFunction(reachedEnd, END, { polling: 'raf', timeout: 30000 });
  const times = await page.evaluate((names) => Object.fromEntries(names.map((n) =>
    [n, performance.getEntriesByName(n)[0]?.startTime])),
  ['first-contentful-paint', ...PHASES.map(([n]) => n)]);
  times[END] = await end.jsonValue();
  await page.close();
  return times;
}

/** ms from navigation to the first paint of the empty page at `url`. */
async function visitFloor(browser, url) {
  const page = await browser.context.newPage();
  await page.goto(url);
  const fcp = await page.waitForFunction(() =>
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime, null, { polling: 'raf' });
  const ms = await fcp.jsonValue();
  await page.close();
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg()[0].toFixed(1);

const server = await serve(root, 0);
const url = `http://127.0.0.1:${server.address().port}/`;
const emptyDir = mkdtempSync(join(tmpdir(), 'janux-empty-page-'));
writeFileSync(join(emptyDir, 'index.html'),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>empty</title></head><body><p>empty</p></body></html>\n');
const emptyServer = await serve(emptyDir, 0);
const emptyUrl = `http://127.0.0.1:${emptyServer.address().port}/`;
const cold = [], warm = [], floorCold = [], floorWarm = [], loads = [load()];
try {
  for (let i = 0; i < runs; i++) {
    const browser = await launchBrowser();
    try {
      floorCold.push(await visitFloor(browser, emptyUrl));
      await visitFloor(browser, emptyUrl);
      floorWarm.push(await visitFloor(browser, emptyUrl));
      cold.push(await visit(browser, url));
      await visit(browser, url); // fills the code cache, which needs two visits
      warm.push(await visit(browser, url));
    } finally {
      await browser.close();
    }
    loads.push(load());
  }
} finally {
  server.close();
  emptyServer.close();
  rmSync(emptyDir, { recursive: true, force: true });
}

const label = Object.fromEntries([['first-contentful-paint', 'page painted (its bar)'], ...PHASES,
  ['prompt', 'shell prompt on the screen'], ['process', 'first output of init (test program)']]);
const phases = Object.keys(cold[0]).filter((n) => cold.every((t) => t[n] !== undefined));
const med = (xs, n) => Math.round(median(xs.map((t) => t[n])));
const rows = phases.map((n) => `| ${label[n]} | ${med(cold, n)} | ${med(warm, n)} |`);
const floorRow = `| floor: an empty isolated page painted | ${Math.round(median(floorCold))} | ${Math.round(median(floorWarm))} |`;
const table = [`Navigation to each phase, ms, median of ${runs}; load average ${loads.join(' → ')}`,
  '', '| phase | cold | warm |', '|---|---|---|', floorRow, ...rows].join('\n');
writeFileSync(out.replace(/\.json$/, '') + '-phases.txt', `${table}\n`);
console.log(table);

const headline = ['first-contentful-paint', 'janux:first-output', END];
const fragment = headline.flatMap((w) => [['cold', cold, floorCold], ['warm', warm, floorWarm]].map(([kind, xs, floor]) => ({
  name: `page: navigation to ${label[w]} (${kind})`, unit: 'ms', better: 'lower',
  values: { 'janux-wasm32': med(xs, w), 'empty-page-paint': Math.round(median(floor)) },
  baseline: 'empty-page-paint', runs,
  note: `median of ${runs}, headless Chromium, load ${loads.join('/')}; all: ${xs.map((t) => Math.round(t[w])).join(' ')}; ` +
    `baseline: first paint of an empty page with the same headers, all: ${floor.map(Math.round).join(' ')}`,
})));
writeFileSync(out, `${JSON.stringify(fragment, null, 2)}\n`);
