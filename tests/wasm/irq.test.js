// The interrupt path end to end, without a booted core: a line raised with
// the host's raiseIrq() wakes the interrupt worker, kernel_interrupt() runs
// the line's handler under the kernel lock and the handler's effects come
// back through the devices.

import { readFileSync } from 'node:fs';
import { spawnWorker } from '../../host-shim/platform.js';
import { memoryImport } from '../../host-shim/wasm-binary.js';
import { raiseIrq, IRQ } from '../../host-shim/devices/irq.js';

const KERNEL = new URL('../../build/wasm32/kernel.wasm', import.meta.url);
const WORKER = new URL('./irq-worker.js', import.meta.url);
const UNWIRED_LINE = 5;
const WAIT_MS = 5000;

/** The worker's messages as readable text (bytes decoded, BigInts printed). */
function describe(messages) {
  return JSON.stringify(messages, (k, v) =>
    typeof v === 'bigint' ? String(v) : v instanceof Uint8Array ? new TextDecoder().decode(v) : v);
}

/** Start the interrupt worker; resolves { raise(line), next(pred), stop() }. */
async function startIrqWorker() {
  const bytes = readFileSync(KERNEL);
  const limits = memoryImport(bytes);
  const module = await WebAssembly.compile(bytes);
  const memory = new WebAssembly.Memory({ initial: limits.initial, maximum: limits.maximum, shared: true });
  const base = memory.grow(1) * 65536; // TLS at the bottom, stack at the top
  const w = await spawnWorker(WORKER);
  const seen = [], waiters = [];
  w.onMessage((msg) => { seen.push(msg); waiters.forEach((f) => f()); });
  const next = (pred, what) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${WAIT_MS} ms; saw ${describe(seen)}`)), WAIT_MS);
    const check = () => {
      const hit = seen.find(pred);
      if (hit) { clearTimeout(timer); resolve(hit); }
    };
    waiters.push(check);
    check();
  });
  w.post({ module, memory, stackTop: base + 65536, tlsBlock: base });
  const { pending, error } = await next((m) => 'pending' in m || 'error' in m, 'start-up report');
  if (error) throw new Error(error);
  return { raise: (line) => raiseIrq(memory, pending, line), next, stop: () => w.terminate() };
}

const text = (m) => m.device === 'console' ? new TextDecoder().decode(m.bytes) : '';

export const tests = [
  {
    name: 'irq/unwired-line-is-reported',
    fn: async () => {
      const cpu = await startIrqWorker();
      try {
        cpu.raise(UNWIRED_LINE);
        await cpu.next((m) => text(m).includes(`wasm32: unhandled interrupt ${UNWIRED_LINE}`), 'report of the line');
      } finally { await cpu.stop(); }
    },
  },
  {
    name: 'irq/timer-line-runs-timer-interrupt',
    fn: async () => {
      const cpu = await startIrqWorker();
      try {
        cpu.raise(IRQ.timer);
        // With no kernel timer pending, timer_interrupt() cancels the arch timer.
        await cpu.next((m) => m.device === 'timer' && m.deadline === 2n ** 64n - 1n, 'timer re-arm');
      } finally { await cpu.stop(); }
    },
  },
];
