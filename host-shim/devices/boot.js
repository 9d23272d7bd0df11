// Boot parameters device (the machine's firmware side): hands the kernel the
// command line it was started with.

/**
 * Worker half: the `boot` import namespace.
 * @param {{memory: WebAssembly.Memory, cmdline: string}} env
 */
export function bootImports(env) {
  return {
    cmdline(ptr, max) {
      const bytes = new TextEncoder().encode(env.cmdline).subarray(0, max);
      new Uint8Array(env.memory.buffer, ptr, bytes.length).set(bytes);
      return bytes.length;
    },
  };
}
