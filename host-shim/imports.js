// The host side of the kernel's import boundary: one entry per function in
// arch/wasm32/include/host_imports.h, namespace by namespace, each bound to
// the device model that implements it. tests/wasm checks that this list, the
// header and kernel.wasm's import section agree.

import { bootImports } from './devices/boot.js';
import { clockImports } from './devices/clock.js';
import { consoleImports } from './devices/console.js';
import { irqImports } from './devices/irq.js';
import { powerImports } from './devices/power.js';
import { randomImports } from './devices/random.js';
import { timerImports } from './devices/timer.js';

/**
 * The import object for one kernel instance.
 * @param {{memory: WebAssembly.Memory, post: (msg: object) => void,
 *          cmdline: string, startMs: number, consoleRing: SharedArrayBuffer}} env
 *   what the devices need: the shared kernel memory, a way to message the
 *   main thread, the command line, the machine's start time
 *   (devices/clock.js) and the console input ring (devices/console.js)
 */
export function kernelImports(env) {
  const boot = bootImports(env);
  const cons = consoleImports(env);
  const time = clockImports(env);
  const timer = timerImports(env);
  const power = powerImports(env);
  const random = randomImports(env);
  const irq = irqImports(env);
  return {
    env: { memory: env.memory },
    boot: { cmdline: boot.cmdline },
    console: { write: cons.write, read: cons.read, size: cons.size },
    time: { now_ns: time.now_ns, realtime_ns: time.realtime_ns, timer_arm: timer.timer_arm },
    power: { off: power.off, reboot: power.reboot, halt: power.halt },
    random: { fill: random.fill },
    irq: { start_worker: irq.start_worker },
  };
}
