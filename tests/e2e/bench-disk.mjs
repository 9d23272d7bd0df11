#!/usr/bin/env node
// Benchmark: the page's disk in Debian's headless Chromium, on the origin
// private file system and on the IndexedDB fallback (?disk=idb): MiB/s of
// a 16 MiB file written to /home and synced (ext2, block cache,
// FLUSH) and of 16 MiB read raw from /dev/vda (uncached: every byte comes
// from the backend), timed from the page around the shell command, less
// the time of an empty command. Writes a tests/bench/report.mjs fragment.
//   node tests/e2e/bench-disk.mjs OUT.json [RUNS] [WEB_ROOT]
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../../web/server.mjs';
import { launchBrowser } from './browser.mjs';
import { PROMPT, openPage, runCommand, waitForScreen } from './terminal.mjs';

const [out, runsArg = '3', root = 'build/web'] = process.argv.slice(2);
const runs = Number(runsArg);
const MIB = 16;
const WRITE = `dd if=/dev/zero of=/home/user/bench bs=64k count=${MIB * 16} 2>/dev/null && sync; echo $?`;
const READ = `dd if=/dev/vda of=/dev/null bs=64k count=${MIB * 16} 2>/dev/null; echo $?`;
if (!existsSync(join(root, 'initramfs-wasm32.cpio'))) {
  console.error('bench-disk: no wasm32 userland in the site');
  process.exit(1);
}

/** Milliseconds `line` takes in the page's shell (its output must be "0"). */
async function timed(page, line) {
  const t = Date.now();
  const got = await runCommand(page, line, 120000);
  if (got !== '0') throw new Error(`${line}: ${got}`);
  return Date.now() - t;
}

/** One fresh profile: MiB/s of the write and the read on backend `kind`. */
async function measure(kind) {
  const browser = await launchBrowser();
  const server = await serve(root, 0);
  try {
    const page = await openPage(browser, `http://127.0.0.1:${server.address().port}/?disk=${kind}`);
    await waitForScreen(page, PROMPT, 60000);
    const empty = await timed(page, 'true; echo $?');
    const write = await timed(page, WRITE) - empty, read = await timed(page, READ) - empty;
    await runCommand(page, 'rm /home/user/bench; sync');
    return { write: MIB / (write / 1000), read: MIB / (read / 1000) };
  } finally {
    await browser.close();
    server.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = { opfs: [], idb: [] };
for (let i = 0; i < runs; i++)
  for (const kind of Object.keys(results)) results[kind].push(await measure(kind));
const label = { opfs: 'OPFS', idb: 'IndexedDB' };
const fragment = Object.entries(results).flatMap(([kind, xs]) => [
  ['write', `ext2 write ${MIB} MiB + sync`], ['read', `raw read ${MIB} MiB`]].map(([op, what]) => ({
  name: `page disk (${label[kind]}): ${what}`, unit: 'MiB/s', better: 'higher',
  values: { 'janux-wasm32': Number(median(xs.map((x) => x[op])).toFixed(1)) }, runs,
  note: `median of ${runs}, headless Chromium; all: ${xs.map((x) => x[op].toFixed(1)).join(' ')}`,
})));
writeFileSync(out, `${JSON.stringify(fragment, null, 2)}\n`);
for (const m of fragment) console.log(`${m.name}: ${m.values['janux-wasm32']} MiB/s (${m.note})`);
