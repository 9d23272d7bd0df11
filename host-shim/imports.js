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
import { mmioImports } from './devices/virtio-mmio.js';
import { syncImports } from './sync.js';
import { memImports } from './tasks/memories.js';
import { execImports } from './tasks/modules.js';
import { taskImports } from './tasks/task-imports.js';

/**
 * The import object for one kernel instance.
 * @param {{memory: WebAssembly.Memory, post: (msg: object) => void,
 *          cmdline: string, startMs: number, consoleRing: SharedArrayBuffer,
 *          initrd?: Uint8Array, virtioRegs?: SharedArrayBuffer, mems: Map, memFlags: Map,
 *          memPool: object, memBudget: object, modules: Map, runner?: object}} env
 *   what the devices need: the shared kernel memory, a way to message the
 *   main thread, the command line and initramfs, the machine's start time
 *   (devices/clock.js), the console input ring (devices/console.js), the
 *   virtio register file (devices/virtio-regs.js), and this worker's process memories, program modules and task runner (tasks/)
 */
export function kernelImports(env) {
  const boot = bootImports(env);
  const cons = consoleImports(env);
  const time = clockImports(env);
  const timer = timerImports(env);
  const power = powerImports(env);
  const random = randomImports(env);
  const irq = irqImports(env);
  const task = taskImports(env);
  const mem = memImports(env);
  const exec = execImports(env);
  const mmio = mmioImports(env);
  return {
    env: { memory: env.memory },
    boot: { cmdline: boot.cmdline, initrd_size: boot.initrd_size, initrd_read: boot.initrd_read },
    console: { write: cons.write, read: cons.read, size: cons.size },
    time: { now_ns: time.now_ns, realtime_ns: time.realtime_ns, timer_arm: timer.timer_arm },
    power: { off: power.off, reboot: power.reboot, halt: power.halt },
    random: { fill: random.fill },
    sync: { wait: syncImports(env).wait },
    irq: { start_worker: irq.start_worker },
    mmio: { count: mmio.count, read: mmio.read, write: mmio.write },
    task: {
      start: task.start, exit: task.exit, park: task.park, kill: task.kill, frame: task.frame,
      restart: task.restart, exec: task.exec, user_sp: task.user_sp, user_tls: task.user_tls,
      boot_done: task.boot_done,
    },
    mem: {
      ensure: mem.ensure, release: mem.release, zero: mem.zero, copy: mem.copy, move: mem.move,
      write: mem.write, read: mem.read, strncpy: mem.strncpy,
    },
    exec: { compile: exec.compile, forget: exec.forget },
  };
}
