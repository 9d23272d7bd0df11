// Process memories, worker half of the `mem` import namespace: every
// address space is one shared WebAssembly.Memory, known to a worker by the
// kernel's id (env.mems: id -> Memory). The worker that creates one is the
// one running the exec or fork, from its pool of released ones when it can
// (mem-pool.js; env.memFlags: id -> the memory's released flag); other
// workers get it, and its flag, with their task; each worker counts the
// memories it has held (env.memBudget, mem-budget.js). Every copy checks the
// user range against the memory's current size.

import { EFAULT, ENOMEM, ENAMETOOLONG } from './errno.js';
import { bufferTo, markReleased } from './mem-pool.js';
import { zeroMemory } from './zero.js';

const WASM_PAGE = 65536;
const PRESSURE_TRIES = 20; // waits of PRESSURE_WAIT_MS for the pool to free memories
const PRESSURE_WAIT_MS = 50;

/**
 * A new shared memory, or null when the host has no room for one even
 * after asking the pool (`post`) to end its idle workers, whose garbage may
 * hold the memories of ended processes (pool.js #pressure).
 */
function newMemory(desc, post) {
  for (let i = 0; ; i++) {
    try {
      return new WebAssembly.Memory(desc);
    } catch {
      if (i === PRESSURE_TRIES) return null;
      if (i === 0) post({ device: 'task', op: 'pressure' });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, PRESSURE_WAIT_MS);
    }
  }
}

/**
 * Worker half: the `mem` import namespace.
 * @param {{memory: WebAssembly.Memory, mems: Map<number, WebAssembly.Memory>,
 *          post: (msg: object) => void, memFlags: Map<number, Int32Array>,
 *          memPool: import('./mem-pool.js').MemoryPool,
 *          memBudget: import('./mem-budget.js').MemoryBudget}} env
 */
export function memImports(env) {
  // A new memory, remembered by this worker's pool; null when none fits.
  const fresh = (bytes, maxBytes) => {
    const made = newMemory({ initial: bytes / WASM_PAGE, maximum: maxBytes / WASM_PAGE, shared: true }, env.post);
    if (!made) return null;
    const got = env.memPool.add(made, maxBytes);
    env.memBudget.saw(got.flag);
    return got;
  };
  const kbytes = (ptr, len) => new Uint8Array(bufferTo(env.memory, ptr + len), ptr, len);
  // Memory `id` when [addr, addr+len) lies within it, else null.
  const covering = (id, addr, len) => {
    const m = env.mems.get(id);
    return m && addr + len <= bufferTo(m, addr + len).byteLength ? m : null;
  };
  // A view of [addr, addr+len) of memory `id`, or null when out of range.
  const ubytes = (id, addr, len) => {
    const m = covering(id, addr, len);
    return m && new Uint8Array(m.buffer, addr, len);
  };
  return {
    ensure(id, bytes, maxBytes) {
      const m = env.mems.get(id);
      try {
        if (!m) {
          const got = env.memPool.reuse(bytes, maxBytes) ?? fresh(bytes, maxBytes);
          if (!got) return -ENOMEM;
          env.mems.set(id, got.memory);
          env.memFlags.set(id, got.flag);
        } else if (bytes > m.buffer.byteLength) {
          m.grow((bytes - m.buffer.byteLength) / WASM_PAGE);
        }
        return 0;
      } catch {
        return -ENOMEM;
      }
    },
    release(id) {
      const flag = env.memFlags.get(id);
      if (flag) markReleased(flag);
      env.mems.delete(id);
      env.memFlags.delete(id);
    },
    zero(id, addr, len) {
      const m = covering(id, addr, len);
      if (m) zeroMemory(m, addr, len);
    },
    copy(dst, src, addr, len) {
      const to = ubytes(dst, addr, len), from = ubytes(src, addr, len);
      if (!to || !from) return -ENOMEM;
      to.set(from);
      return 0;
    },
    move(id, to, from, len) {
      const m = env.mems.get(id);
      if (m) new Uint8Array(m.buffer).copyWithin(to, from, from + len);
    },
    write(id, dst, src, len) {
      const to = ubytes(id, dst, len);
      if (!to) return -EFAULT;
      to.set(kbytes(src, len));
      return 0;
    },
    read(id, dst, src, len) {
      const from = ubytes(id, src, len);
      if (!from) return -EFAULT;
      kbytes(dst, len).set(from);
      return 0;
    },
    strncpy(id, dst, src, max) {
      const m = env.mems.get(id);
      const size = m ? bufferTo(m, src + max).byteLength : 0;
      if (src >= size) return -EFAULT;
      const from = new Uint8Array(m.buffer, src, Math.min(max, size - src));
      const nul = from.indexOf(0);
      if (nul >= 0) { kbytes(dst, nul + 1).set(from.subarray(0, nul + 1)); return nul; }
      if (from.length < max) return -EFAULT; // ran off the memory's end
      kbytes(dst, max).set(from);
      return -ENAMETOOLONG;
    },
  };
}
