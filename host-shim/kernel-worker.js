// The script of every kernel worker. The first message says what to run:
//   { role: 'boot', module, memory, cmdline, startMs }     kernel_boot()
//   { role: 'irq', ..., cpu, stackTop, tlsBlock, pending } interrupt loop
// Device traffic goes to the main thread as { device, ... } messages; a
// kernel trap is reported as { fault: message }.

import { parentPort } from './platform.js';
import { kernelImports } from './imports.js';
import { instantiateKernel, enterCpu } from './kernel-instance.js';
import { MachineStop } from './devices/power.js';
import { interruptLoop } from './devices/irq.js';

const port = await parentPort();

async function run(init) {
  const env = { ...init, post: port.post };
  const instance = await instantiateKernel(init.module, kernelImports(env));
  if (init.role === 'boot') {
    instance.exports.kernel_boot();
  } else if (init.role === 'irq') {
    enterCpu(instance, init);
    interruptLoop(init.memory, init.pending, instance.exports.kernel_interrupt);
  } else {
    throw new Error(`unknown worker role ${init.role}`);
  }
}

port.onMessage((init) => {
  run(init).catch((e) => {
    if (!(e instanceof MachineStop)) port.post({ fault: `${init.role} worker: ${e.message}` });
  });
});
