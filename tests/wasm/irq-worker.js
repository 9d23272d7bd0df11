// Test worker: the interrupt worker without a booted core. One kernel
// instance entered as cpu 1 reports the pending-IRQ word's address, then
// runs the host shim's real interrupt loop; device messages (console text,
// timer requests) go to the test.
//   in:  { module, memory, stackTop, tlsBlock }
//   out: { pending } first, then { device, ... } messages, or { error }

import { parentPort } from '../../host-shim/platform.js';
import { kernelImports } from '../../host-shim/imports.js';
import { instantiateKernel, enterCpu } from '../../host-shim/kernel-instance.js';
import { createInputRing } from '../../host-shim/devices/console.js';
import { interruptLoop } from '../../host-shim/devices/irq.js';

const IRQ_CPU = 1; // the cpu id kernel_interrupt() insists on

const port = await parentPort();

port.onMessage(async (m) => {
  try {
    const env = { memory: m.memory, post: port.post, cmdline: '', startMs: 0,
                  consoleRing: createInputRing() };
    const instance = await instantiateKernel(m.module, kernelImports(env));
    enterCpu(instance, { cpu: IRQ_CPU, stackTop: m.stackTop, tlsBlock: m.tlsBlock });
    const pending = instance.exports.ktest_irq_pending();
    port.post({ pending });
    interruptLoop(m.memory, pending, instance.exports.kernel_interrupt);
  } catch (e) {
    port.post({ error: e.message });
  }
});
