// Several kernel instances in several workers over one shared kernel memory:
// each keeps its own thread-locals (its cpu id) and the kernel lock excludes
// the others (no lost increments under contention).

import { readFileSync } from 'node:fs';
import { spawnWorker } from '../../host-shim/platform.js';
import { memoryImport } from '../../host-shim/wasm-binary.js';

const KERNEL = new URL('../../build/wasm32/kernel.wasm', import.meta.url);
const WORKER = new URL('./cpu-worker.js', import.meta.url);
const WORKERS = 4;
const HAMMER = 1000000;
const STACK_PAGES = 1; // 64 KiB wasm pages per worker: stack and TLS block

/** Run WORKERS kernel cpus (ids 1..WORKERS) to the end; resolves their reports. */
async function runCpus() {
  const bytes = readFileSync(KERNEL);
  const limits = memoryImport(bytes);
  const module = await WebAssembly.compile(bytes);
  const memory = new WebAssembly.Memory({ initial: limits.initial, maximum: limits.maximum, shared: true });
  const barrier = new SharedArrayBuffer(4);
  const reports = [];
  for (let cpu = 1; cpu <= WORKERS; cpu++) {
    // Stack at the top of a fresh 64 KiB page, TLS block at its bottom.
    const base = memory.grow(STACK_PAGES) * 65536;
    const w = await spawnWorker(WORKER);
    reports.push(new Promise((resolve) => w.onMessage((r) => { w.terminate(); resolve(r); })));
    w.post({ module, memory, cpu, stackTop: base + STACK_PAGES * 65536, tlsBlock: base,
             barrier, workers: WORKERS, hammer: HAMMER });
  }
  const results = await Promise.all(reports);
  const errors = results.filter((r) => r.error).map((r) => r.error);
  if (errors.length) throw new Error(errors.join('; '));
  return results;
}

let run; // both tests look at the same run
const once = () => (run ??= runCpus());

export const tests = [
  {
    name: 'smp/tls-current-per-worker',
    fn: async () => {
      const results = await once();
      const wrong = results.filter((r) => r.seen !== r.cpu);
      if (wrong.length)
        throw new Error(wrong.map((r) => `cpu${r.cpu} read cpu id ${r.seen} from its TLS`).join(', '));
    },
  },
  {
    name: 'smp/kernel-lock-across-workers',
    fn: async () => {
      const results = await once();
      const wrong = results.filter((r) => r.counter !== WORKERS * HAMMER);
      if (wrong.length)
        throw new Error(`counter ${wrong[0].counter}, expected ${WORKERS * HAMMER}: increments were lost`);
    },
  },
];
