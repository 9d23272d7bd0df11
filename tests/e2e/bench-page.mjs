#!/usr/bin/env node
// Benchmark: time from navigation to the shell prompt visible in the page's
// terminal (and every boot phase on the way: host-shim/marks.js), in
// Debian's headless Chromium, cold (a fresh profile each run), warm (a new
// tab of the same profile, visited before) and reloaded (the same tab
// loaded again). Beside it, in the same browsers, the
// floor: the first paint of an empty page served with the same isolation
// headers (a new tab of a cross-origin isolated page gets a new renderer
// process, which no page can avoid; a reload keeps its process). Both
// sites are served by web/server.mjs in processes of their own. Writes a tests/bench/report.mjs
// fragment (paint, banner, prompt, each beside the floor) and the
// per-phase table next to it (.txt).
//   node tests/e2e/bench-page.mjs OUT.json [RUNS] [WEB_ROOT] [TEST_INITRD]
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, serveInChild } from './browser.mjs';
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

// ms from navigation to each phase and the end, in `page` (loaded by `go`).
async function phases(page, go) {
  await go();
  const end = await page.waitForFunction(reachedEnd, END, { polling: 'raf', timeout: 30000 });
  const times = await page.evaluate((names) => Object.fromEntries(names.map((n) =>
    [n, performance.getEntriesByName(n)[0]?.startTime])),
  ['first-contentful-paint', ...PHASES.map(([n]) => n)]);
  times[END] = await end.jsonValue();
  return times;
}

// ms from navigation to the first paint of the empty page in `page` (loaded by `go`).
async function paint(page, go) {
  await go();
  const fcp = await page.waitForFunction(() =>
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime, null, { polling: 'raf' });
  return fcp.jsonValue();
}

/**
 * Open `url` in a new tab of `browser` and measure with `measure`
 * (phases or paint); with `reload`, load it, then measure a reload of
 * the same tab instead.
 */
async function visit(browser, url, measure, reload = false) {
  const page = await browser.context.newPage();
  try {
    if (testInitrd && measure === phases) {
      await page.route('**/initramfs-wasm32.cpio', (route) => route.fulfill({ status: 200, body: testInitrd }));
      url += `?cmdline=${encodeURIComponent('init=/bin/lines')}`;
    }
    if (reload) await measure(page, () => page.goto(url));
    return await measure(page, () => (reload ? page.reload() : page.goto(url)));
  } finally {
    await page.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg()[0].toFixed(1);

// Each site served by a process of its own, as a real host would be.
const server = await serveInChild(root);
const { url } = server;
const emptyDir = mkdtempSync(join(tmpdir(), 'janux-empty-page-'));
writeFileSync(join(emptyDir, 'index.html'),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>empty</title></head><body><p>empty</p></body></html>\n');
const emptyServer = await serveInChild(emptyDir);
const emptyUrl = emptyServer.url;
// Per kind (cold: a fresh profile; warm: a new tab of a profile that
// visited twice; reload: the same tab reloaded), the page's phases and
// the empty page's paint.
const KINDS = ['cold', 'warm', 'reload'];
const runsOf = Object.fromEntries(KINDS.map((k) => [k, { page: [], floor: [] }]));
const loads = [load()];
try {
  for (let i = 0; i < runs; i++) {
    const browser = await launchBrowser();
    try {
      for (const [what, u, measure] of [['floor', emptyUrl, paint], ['page', url, phases]]) {
        runsOf.cold[what].push(await visit(browser, u, measure));
        await visit(browser, u, measure); // the code cache needs two visits
        runsOf.warm[what].push(await visit(browser, u, measure));
        runsOf.reload[what].push(await visit(browser, u, measure, true));
      }
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
const pageRuns = (kind) => runsOf[kind].page;
const names = Object.keys(pageRuns('cold')[0]).filter((n) => KINDS.every((k) => pageRuns(k).every((t) => t[n] !== undefined)));
const med = (xs, n) => Math.round(median(xs.map((t) => t[n])));
const floor = (kind) => Math.round(median(runsOf[kind].floor));
const rows = names.map((n) => `| ${label[n]} | ${KINDS.map((k) => med(pageRuns(k), n)).join(' | ')} |`);
const floorRow = `| floor: an empty isolated page painted | ${KINDS.map(floor).join(' | ')} |`;
const table = [`Navigation to each phase, ms, median of ${runs}; load average ${loads.join(' → ')}`,
  '', `| phase | ${KINDS.join(' | ')} |`, `|---|${KINDS.map(() => '---').join('|')}|`, floorRow, ...rows].join('\n');
writeFileSync(out.replace(/\.json$/, '') + '-phases.txt', `${table}\n`);
console.log(table);

const headline = ['first-contentful-paint', 'janux:first-output', END];
const fragment = headline.flatMap((w) => KINDS.map((kind) => ({
  name: `page: navigation to ${label[w]} (${kind})`, unit: 'ms', better: 'lower',
  values: { 'janux-wasm32': med(pageRuns(kind), w), 'empty-page-paint': floor(kind) },
  baseline: 'empty-page-paint', runs,
  note: `median of ${runs}, headless Chromium, load ${loads.join('/')}; all: ${pageRuns(kind).map((t) => Math.round(t[w])).join(' ')}; ` +
    `baseline: first paint of an empty page with the same headers, all: ${runsOf[kind].floor.map(Math.round).join(' ')}`,
})));
writeFileSync(out, `${JSON.stringify(fragment, null, 2)}\n`);
