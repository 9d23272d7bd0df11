// Console device: the kernel's boot console. Worker half: console.write
// copies bytes out of kernel memory and posts them. Main half: emits them
// as the named event 'console:output' for an adapter (terminal, xterm.js).

/**
 * Worker half: the `console` import namespace.
 * @param {{memory: WebAssembly.Memory, post: (msg: object) => void}} env
 */
export function consoleImports(env) {
  return {
    write(ptr, len) {
      // Copy: the shared buffer must not cross to the main thread as a view.
      const bytes = new Uint8Array(env.memory.buffer, ptr, len).slice();
      env.post({ device: 'console', bytes });
    },
  };
}

/**
 * Main half: handle a message from consoleImports() on the machine.
 * @param {import('../machine.js').Machine} machine
 * @param {{bytes: Uint8Array}} msg
 */
export function consoleMessage(machine, msg) {
  machine.emit('console:output', msg.bytes);
}
