#!/usr/bin/env node
// Disk and share throughput of the wasm32 machine under Node: the wasm
// tier's `disk` and `share` programs (tests/wasm/progs/virtio.c) measure
// inside the guest (raw /dev/vda read of 4 MiB and 1 MiB write + fsync in
// 64 KiB calls; 4 MiB through the 9P share written + fsync'ed and read
// back) over the host shim's virtio-blk (an image file) and virtio-9p (our
// server on a directory). Median of RUNS boots each.
//   node tests/bench/wasm-virtio.mjs OUT.json RUNS
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diskImages, shareDir } from '../wasm/virtio-fixtures.js';

const ROOT = new URL('../../', import.meta.url);
const path = (p) => fileURLToPath(new URL(p, ROOT));
const [out, runs = '3'] = process.argv.slice(2);
if (!out) throw new Error('usage: wasm-virtio.mjs OUT.json [RUNS]');

// { "disk read": KiB/s, ... } from the programs' "NAME KiB/s N" lines.
function boot(test, args, want) {
  const stdout = execFileSync(path('bin/janux'), ['--initrd', path('build/wasm32/tests/initrd.cpio'),
    '--cmdline', `init=/bin/${test}`, ...args], { encoding: 'utf8', timeout: 120000 });
  const got = Object.fromEntries([...stdout.matchAll(/^(\w+ [\w+]+) KiB\/s (\d+)/gm)].map((m) => [m[1], Number(m[2])]));
  for (const k of want) if (!(k in got)) throw new Error(`no "${k} KiB/s" in the guest's output:\n${stdout}`);
  return got;
}

// One boot of each program on fresh fixtures.
function once() {
  const dir = mkdtempSync(join(tmpdir(), 'wasm-virtio-bench-'));
  try {
    const { img, ro } = diskImages(dir);
    return { ...boot('disk', ['--disk', img, '--disk-ro', ro], ['disk read', 'disk write+fsync']),
             ...boot('share', ['--share', shareDir(dir)], ['share write+fsync', 'share read']) };
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = Array.from({ length: Number(runs) }, once);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const note = `median of ${runs} boots (Node ${process.version}), load average ${load}; guest clock`;
const entry = (name, key) => ({ name, unit: 'MiB/s', better: 'higher', runs: Number(runs), note,
  values: { 'janux-wasm32-node': median(results.map((r) => r[key])) / 1024 } });
writeFileSync(out, JSON.stringify([
  entry('wasm32 raw disk read (64 KiB reads)', 'disk read'),
  entry('wasm32 raw disk write + fsync (64 KiB writes)', 'disk write+fsync'),
  entry('wasm32 9P share write + fsync (64 KiB writes)', 'share write+fsync'),
  entry('wasm32 9P share read (64 KiB reads)', 'share read'),
], null, 2));
for (const k of Object.keys(results[0])) console.log(`${k} KiB/s: ${results.map((r) => r[k]).join(' ')}`);
