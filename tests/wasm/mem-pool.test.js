// The pool of released process memories (host-shim/tasks/mem-pool.js): a
// memory whose process is gone is reused for the next one of the same
// maximum, shows none of its previous owner's bytes, and is grown when
// short; one still in use, of another maximum or too large is not reused.

import { MemoryPool, markReleased } from '../../host-shim/tasks/mem-pool.js';

const PAGE = 65536, MAX = 256 * PAGE;

const dirty = (memory) => new Uint8Array(memory.buffer).some((b) => b !== 0);

// A memory for a new process as memories.js gets one: reused, else made.
const take = (pool, bytes, max) => pool.reuse(bytes, max) ?? pool.add(
  new WebAssembly.Memory({ initial: bytes / PAGE, maximum: max / PAGE, shared: true }), max);

export const tests = [
  {
    name: 'mem-pool/released-memory-reused-with-none-of-its-bytes',
    fn: () => {
      const pool = new MemoryPool();
      const a = take(pool, 2 * PAGE, MAX);
      a.memory.grow(3); // the old owner grew it and wrote everywhere
      new Uint8Array(a.memory.buffer).fill(0xa5);
      markReleased(a.flag);
      const b = take(pool, PAGE, MAX);
      if (b.memory !== a.memory) throw new Error('a released memory was not reused');
      if (b.memory.buffer.byteLength !== 5 * PAGE) throw new Error(`size ${b.memory.buffer.byteLength}`);
      if (dirty(b.memory)) throw new Error("the recycled memory shows its previous owner's bytes");
      if (Atomics.load(b.flag, 0) !== 0) throw new Error('the reused memory still reads as released');
    },
  },
  {
    name: 'mem-pool/reused-memory-grown-to-the-size-asked',
    fn: () => {
      const pool = new MemoryPool();
      const a = take(pool, PAGE, MAX);
      markReleased(a.flag);
      const b = take(pool, 4 * PAGE, MAX);
      if (b.memory !== a.memory || b.memory.buffer.byteLength !== 4 * PAGE)
        throw new Error(`not reused and grown: ${b.memory.buffer.byteLength}`);
    },
  },
  {
    name: 'mem-pool/in-use-other-maximum-or-large-memories-not-reused',
    fn: () => {
      const pool = new MemoryPool();
      const busy = take(pool, PAGE, MAX);
      if (take(pool, PAGE, MAX).memory === busy.memory) throw new Error('a memory in use was reused');
      const other = take(pool, PAGE, 2 * MAX);
      markReleased(other.flag);
      if (take(pool, PAGE, MAX).memory === other.memory) throw new Error('a memory of another maximum was reused');
      const big = take(pool, 1024 * 2 * PAGE, 2048 * PAGE); // 128 MiB, above the reuse bound
      markReleased(big.flag);
      if (take(pool, PAGE, 2048 * PAGE).memory === big.memory) throw new Error('a 128 MiB memory was reused');
    },
  },
  {
    name: 'mem-pool/remembers-a-bounded-number',
    fn: () => {
      const pool = new MemoryPool();
      for (let i = 0; i < 20; i++) take(pool, PAGE, MAX);
      if (pool.size > 4) throw new Error(`${pool.size} memories remembered`);
    },
  },
];
