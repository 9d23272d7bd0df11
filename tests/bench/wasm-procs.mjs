#!/usr/bin/env node
// Process paths of the wasm32 machine under Node, measured inside the
// guest by /bin/bench of the wasm tier's test initramfs (tests/wasm/progs/
// bench.c): getppid round trip, spawn+wait (clone CLONE_VM|CLONE_VFORK then
// execve, the module cached), fork+wait (asyncify), pipe throughput between
// two processes; plus kernel.wasm's size. Median of RUNS boots.
//   node tests/bench/wasm-procs.mjs OUT.json RUNS
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../../', import.meta.url);
const path = (p) => fileURLToPath(new URL(p, ROOT));
const [out, runs = '3'] = process.argv.slice(2);
if (!out) throw new Error('usage: wasm-procs.mjs OUT.json [RUNS]');

// One boot of /bin/bench: { name: value } from its "bench NAME VALUE UNIT" lines.
function once() {
  const stdout = execFileSync(path('bin/janux'), ['--initrd', path('build/wasm32/tests/initrd.cpio'),
    '--cmdline', 'init=/bin/bench'], { encoding: 'utf8', timeout: 120000 });
  const got = Object.fromEntries([...stdout.matchAll(/^bench (\S+) (-?\d+) /gm)].map((m) => [m[1], Number(m[2])]));
  for (const k of ['getppid_ns_x100', 'spawn_wait_us', 'fork_wait_us', 'pipe_MBps'])
    if (!(k in got)) throw new Error(`no ${k} in the guest's output:\n${stdout}`);
  return got;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const all = Array.from({ length: Number(runs) }, once);
const m = (k) => median(all.map((r) => r[k]));
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const note = `median of ${runs} boots in Node ${process.version}, load average ${load}`;
const key = 'janux-wasm32-node';
const kernel = path('build/wasm32/kernel.wasm');
const scratch = mkdtempSync(join(tmpdir(), 'wasm-procs-'));
execFileSync('wasm-strip', ['-o', join(scratch, 'k.wasm'), kernel]);
const stripped = statSync(join(scratch, 'k.wasm')).size;
rmSync(scratch, { recursive: true });

writeFileSync(out, JSON.stringify([
  { name: 'wasm32 getppid round trip', unit: 'us', values: { [key]: m('getppid_ns_x100') / 1e5 }, runs: Number(runs), note },
  { name: 'wasm32 spawn+wait (vfork-style clone + exec)', unit: 'ms', values: { [key]: m('spawn_wait_us') / 1e3 }, runs: Number(runs), note },
  { name: 'wasm32 fork+wait (asyncify)', unit: 'ms', values: { [key]: m('fork_wait_us') / 1e3 }, runs: Number(runs), note },
  { name: 'wasm32 pipe throughput', unit: 'GB/s', better: 'higher', values: { [key]: m('pipe_MBps') / 1e3 }, runs: Number(runs), note },
  { name: 'kernel.wasm size', unit: 'KB', values: { 'janux-linked': statSync(kernel).size / 1e3, 'janux-stripped': stripped / 1e3 }, note: 'as linked (with DWARF) and after wasm-strip' },
], null, 2));
for (const k of Object.keys(all[0])) console.log(`${k}: ${all.map((r) => r[k]).join(' ')}`);
