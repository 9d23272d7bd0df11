#!/usr/bin/env node
// Benchmark: time from navigation to the first paint of the terminal, to the
// kernel's banner on the screen and (once the wasm32 userland exists) to the
// shell prompt, in Debian's headless Chromium, cold (a fresh profile each
// run) and warm (the same profile, visited before). Writes a
// tests/bench/report.mjs fragment.
//   node tests/e2e/bench-page.mjs OUT.json [RUNS] [WEB_ROOT]
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../../web/server.mjs';
import { launchBrowser } from './browser.mjs';
import { FIRST_OUTPUT_MARK } from '../../host-shim/adapters/browser/boot.js';

const [out, runsArg = '5', root = 'build/web'] = process.argv.slice(2);
const runs = Number(runsArg);
const withPrompt = existsSync(join(root, 'initramfs-wasm32.cpio.gz'));

/** Open the page in `browser`; ms from navigation to banner (and prompt). */
async function visit(browser, url) {
  const page = await browser.context.newPage();
  await page.goto(url);
  const banner = await page.waitForFunction((mark) =>
    performance.getEntriesByName(mark)[0]?.startTime, FIRST_OUTPUT_MARK, { timeout: 20000 });
  const times = {
    banner: await banner.jsonValue(),
    paint: await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime),
  };
  if (withPrompt) {
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

const what = withPrompt ? ['paint', 'banner', 'prompt'] : ['paint', 'banner'];
const label = { paint: 'terminal painted', banner: 'banner', prompt: 'prompt' };
const fragment = what.flatMap((w) => [['cold', cold], ['warm', warm]].map(([kind, xs]) => ({
  name: `page: navigation to ${label[w]} (${kind})`, unit: 'ms', better: 'lower',
  values: { 'janux-wasm32': Math.round(median(xs.map((t) => t[w]))) }, runs,
  note: `median of ${runs}, headless Chromium; all: ${xs.map((t) => Math.round(t[w])).join(' ')}`,
})));
writeFileSync(out, `${JSON.stringify(fragment, null, 2)}\n`);
for (const m of fragment) console.log(`${m.name}: ${m.values['janux-wasm32']} ms (${m.note})`);
