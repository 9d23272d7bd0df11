#!/usr/bin/env node
// Benchmark: time from navigation to the first paint of the terminal, to the
// kernel's banner on the screen and (once the wasm32 userland exists) to the
// shell prompt, in Debian's headless Chromium, cold (a fresh profile each
// run) and warm (the same profile, visited before). Writes a
// tests/bench/report.mjs fragment.
//   node tests/e2e/bench-page.mjs OUT.json [RUNS] [WEB_ROOT] [TEST_INITRD]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../../web/server.mjs';
import { launchBrowser } from './browser.mjs';
import { FIRST_OUTPUT_MARK } from '../../host-shim/adapters/browser/boot.js';

const [out, runsArg = '5', root = 'build/web', E2E_INITRD = 'build/e2e/initrd.cpio'] = process.argv.slice(2);
const runs = Number(runsArg);
const withPrompt = existsSync(join(root, 'initramfs-wasm32.cpio.gz'));
// Without the userland, a test program stands in for the shell (make e2e-progs).
const testInitrd = !withPrompt && existsSync(E2E_INITRD) ? readFileSync(E2E_INITRD) : null;

/**
 * Open the page in `browser`; ms from navigation to the terminal's first
 * paint, the banner, the prompt (with the userland) and, with the e2e test
 * initramfs, the first output of a process (init=/bin/lines printing "ready").
 */
async function visit(browser, url) {
  const page = await browser.context.newPage();
  if (testInitrd) {
    await page.route('**/initramfs-wasm32.cpio.gz', (route) => route.fulfill({ status: 200, body: testInitrd }));
    url += `?cmdline=${encodeURIComponent('init=/bin/lines')}`;
  }
  await page.goto(url);
  const banner = await page.waitForFunction((mark) =>
    performance.getEntriesByName(mark)[0]?.startTime, FIRST_OUTPUT_MARK, { timeout: 20000 });
  const times = {
    banner: await banner.jsonValue(),
    paint: await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime),
  };
  if (testInitrd) {
    const ready = await page.waitForFunction(() => {
      const buf = globalThis.janux.term.buffer.active;
      for (let i = 0; i <= buf.baseY + buf.cursorY; i++)
        if (buf.getLine(i)?.translateToString(true) === 'ready') return performance.now();
      return false;
    }, null, { polling: 'raf', timeout: 30000 });
    times.process = await ready.jsonValue();
  } else if (withPrompt) {
    const prompt = await page.waitForFunction(() => {
      const buf = globalThis.janux.term.buffer.active;
      const line = buf.getLine(buf.baseY + buf.cursorY)?.translateToString(true) ?? '';
      return /[#$]\s*$/.test(line) && performance.now();
    }, null, { polling: 'raf', timeout: 30000 });
    times.prompt = await prompt.jsonValue();
  }
  await page.close();
  return times;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await serve(root, 0);
const url = `http://127.0.0.1:${server.address().port}/`;
const cold = [], warm = [];
try {
  for (let i = 0; i < runs; i++) {
    const browser = await launchBrowser();
    try {
      cold.push(await visit(browser, url));
      await visit(browser, url); // fills the code cache, which needs two visits
      warm.push(await visit(browser, url));
    } finally {
      await browser.close();
    }
  }
} finally {
  server.close();
}

const what = ['paint', 'banner', ...(withPrompt ? ['prompt'] : []), ...(testInitrd ? ['process'] : [])];
const label = { paint: 'terminal painted', banner: 'banner', prompt: 'prompt',
  process: 'first output of init (test program)' };
const fragment = what.flatMap((w) => [['cold', cold], ['warm', warm]].map(([kind, xs]) => ({
  name: `page: navigation to ${label[w]} (${kind})`, unit: 'ms', better: 'lower',
  values: { 'janux-wasm32': Math.round(median(xs.map((t) => t[w]))) }, runs,
  note: `median of ${runs}, headless Chromium; all: ${xs.map((t) => Math.round(t[w])).join(' ')}`,
})));
writeFileSync(out, `${JSON.stringify(fragment, null, 2)}\n`);
for (const m of fragment) console.log(`${m.name}: ${m.values['janux-wasm32']} ms (${m.note})`);
