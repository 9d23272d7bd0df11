#!/usr/bin/env node
// Process paths of the wasm32 machine under Node and in headless Chromium
// (tests/wasm/browser-run.js), measured inside the
// guest by /bin/bench of the wasm tier's test initramfs (tests/wasm/progs/
// bench.c): getppid round trip, spawn+wait (clone CLONE_VM|CLONE_VFORK then
// execve, the module cached), fork+wait (asyncify), pipe throughput between
// two processes; plus kernel.wasm's size. Median of RUNS boots each.
//   node tests/bench/wasm-procs.mjs OUT.json RUNS
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootInBrowser } from '../wasm/browser-run.js';

const ROOT = new URL('../../', import.meta.url);
const path = (p) => fileURLToPath(new URL(p, ROOT));
const [out, runs = '3'] = process.argv.slice(2);
if (!out) throw new Error('usage: wasm-procs.mjs OUT.json [RUNS]');

// { name: value } from the "bench NAME VALUE UNIT" lines of /bin/bench.
function parse(stdout) {
  const got = Object.fromEntries([...stdout.matchAll(/^bench (\S+) (-?\d+) /gm)].map((m) => [m[1], Number(m[2])]));
  for (const k of ['getppid_ns_x100', 'spawn_wait_us', 'fork_wait_us', 'pipe_MBps'])
    if (!(k in got)) throw new Error(`no ${k} in the guest's output:\n${stdout}`);
  return got;
}

// One boot of /bin/bench under Node (bin/janux).
function inNode() {
  return parse(execFileSync(path('bin/janux'), ['--initrd', path('build/wasm32/tests/initrd.cpio'),
    '--cmdline', 'init=/bin/bench'], { encoding: 'utf8', timeout: 120000 }));
}

// One boot of /bin/bench in headless Chromium.
async function inChromium() {
  const { output } = await bootInBrowser('init=/bin/bench',
    { initrd: '/build/wasm32/tests/initrd.cpio', timeoutMs: 120000 });
  return parse(output);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const node = Array.from({ length: Number(runs) }, inNode);
const chromium = [];
for (let i = 0; i < Number(runs); i++) chromium.push(await inChromium());
const values = (k, scale) => ({
  'janux-wasm32-node': median(node.map((r) => r[k])) / scale,
  'janux-wasm32-chromium': median(chromium.map((r) => r[k])) / scale,
});
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const note = `median of ${runs} boots each (Node ${process.version}, headless Chromium), load average ${load}`;
const kernel = path('build/wasm32/kernel.wasm');
const scratch = mkdtempSync(join(tmpdir(), 'wasm-procs-'));
execFileSync('wasm-strip', ['-o', join(scratch, 'k.wasm'), kernel]);
const stripped = statSync(join(scratch, 'k.wasm')).size;
rmSync(scratch, { recursive: true });

writeFileSync(out, JSON.stringify([
  { name: 'wasm32 getppid round trip', unit: 'us', values: values('getppid_ns_x100', 1e5), runs: Number(runs), note },
  { name: 'wasm32 spawn+wait (vfork-style clone + exec)', unit: 'ms', values: values('spawn_wait_us', 1e3), runs: Number(runs), note },
  { name: 'wasm32 fork+wait (asyncify)', unit: 'ms', values: values('fork_wait_us', 1e3), runs: Number(runs), note },
  { name: 'wasm32 pipe throughput', unit: 'GB/s', better: 'higher', values: values('pipe_MBps', 1e3), runs: Number(runs), note },
  { name: 'kernel.wasm size', unit: 'KB', values: { 'janux-linked': statSync(kernel).size / 1e3, 'janux-stripped': stripped / 1e3 }, note: 'as linked (with DWARF) and after wasm-strip' },
], null, 2));
for (const k of Object.keys(node[0]))
  console.log(`${k}: node ${node.map((r) => r[k]).join(' ')}; chromium ${chromium.map((r) => r[k]).join(' ')}`);
