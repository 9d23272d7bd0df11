// Test worker: one kernel instance over a shared kernel memory, entered as
// its own cpu (host-shim/kernel-instance.js), that waits for its siblings,
// then runs the test entries named in host_imports.h, waits again and
// reports what it read.
//   in:  { module, memory, cpu, stackTop, tlsBlock, barrier, workers, hammer }
//   out: { cpu, seen, counter } or { error }

import { parentPort } from '../../host-shim/platform.js';
import { kernelImports } from '../../host-shim/imports.js';
import { instantiateKernel, enterCpu } from '../../host-shim/kernel-instance.js';
import { createInputRing } from '../../host-shim/devices/console.js';

const port = await parentPort();

const BARRIER_LIMIT_MS = 5000;

/** Count this worker in, then wait until all `n` have arrived (or give up). */
function arriveAndWait(barrier, n) {
  const word = new Int32Array(barrier);
  const deadline = Date.now() + BARRIER_LIMIT_MS;
  Atomics.add(word, 0, 1);
  Atomics.notify(word, 0);
  for (let v; (v = Atomics.load(word, 0)) < n;) {
    if (Date.now() > deadline) throw new Error(`only ${v} of ${n} arrivals at the barrier`);
    Atomics.wait(word, 0, v, 100);
  }
}

port.onMessage(async (m) => {
  let console = ''; // what the kernel printed, for the error report
  const post = (msg) => {
    if (msg.device === 'console') console += new TextDecoder().decode(msg.bytes);
  };
  try {
    const env = { memory: m.memory, post, cmdline: '', startMs: 0, consoleRing: createInputRing() };
    const instance = await instantiateKernel(m.module, kernelImports(env));
    enterCpu(instance, m);
    arriveAndWait(m.barrier, m.workers);
    instance.exports.ktest_lock_hammer(m.hammer);
    arriveAndWait(m.barrier, 2 * m.workers); // every worker has hammered
    port.post({ cpu: m.cpu, seen: instance.exports.ktest_this_cpu(),
                counter: instance.exports.ktest_lock_counter() });
  } catch (e) {
    port.post({ error: `cpu${m.cpu}: ${e.message} ${console.trim()}` });
  }
});
