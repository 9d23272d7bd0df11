// Power device: power-off, reboot and halt-after-panic. Worker half: posts
// the request and unwinds the kernel's stack (these imports never return).
// Main half: the machine stops (or restarts) and reports how it ended.

/** Thrown through the kernel's stack by the power imports; not an error. */
export class MachineStop extends Error {
  constructor(action) {
    super(`machine ${action}`);
    this.name = 'MachineStop';
  }
}

/** Exit status of a machine that halted after a kernel panic. */
export const PANIC_STATUS = 1;

/**
 * Worker half: the `power` import namespace.
 * @param {{memory: WebAssembly.Memory, post: (msg: object) => void}} env
 */
export function powerImports(env) {
  const stop = (action, message) => {
    env.post({ device: 'power', action, message });
    throw new MachineStop(action);
  };
  return {
    off: () => stop('off'),
    reboot: () => stop('reboot'),
    halt(ptr, len) {
      const bytes = new Uint8Array(env.memory.buffer, ptr, len).slice();
      stop('halt', new TextDecoder().decode(bytes));
    },
  };
}

/**
 * Main half: end or restart the machine as the kernel asked.
 * @param {import('../machine.js').Machine} machine
 * @param {{action: 'off'|'reboot'|'halt', message?: string}} msg
 */
export function powerMessage(machine, msg) {
  if (msg.action === 'reboot') machine.reboot();
  else if (msg.action === 'off') machine.stop({ status: 0, reason: 'poweroff' });
  else machine.stop({ status: PANIC_STATUS, reason: 'panic', message: msg.message || 'kernel panic' });
}
