// The `sync` import namespace: sleeping on a word of kernel memory with
// Atomics.wait (waking is the kernel's own memory.atomic.notify). Used
// instead of memory.atomic.wait32, which lost notifications in task
// workers under Node 20 (docs/wasm32.md, "Sleeping").

/**
 * Worker half: the `sync` import namespace.
 * @param {{memory: WebAssembly.Memory}} env
 */
export function syncImports(env) {
  let view = null;
  return {
    wait(word, expected) {
      if (!view || view.buffer !== env.memory.buffer) view = new Int32Array(env.memory.buffer);
      Atomics.wait(view, word >>> 2, expected | 0);
    },
  };
}
