// Random device: entropy from crypto.getRandomValues.

const CHUNK = 65536; // getRandomValues' per-call limit

/**
 * Worker half: the `random` import namespace.
 * @param {{memory: WebAssembly.Memory}} env
 */
export function randomImports(env) {
  return {
    fill(ptr, len) {
      // getRandomValues refuses views of shared memory: fill a private copy.
      for (let done = 0; done < len; done += CHUNK) {
        const part = crypto.getRandomValues(new Uint8Array(Math.min(CHUNK, len - done)));
        new Uint8Array(env.memory.buffer, ptr + done, part.length).set(part);
      }
    },
  };
}
