// How many process memories a task worker has held. Every memory a worker
// has seen may stay reserved in its garbage until that worker's collector
// runs (docs/wasm32.md, "Process memories"), so the pool replaces a worker
// once it has seen WORKER_MEMORIES distinct ones (pool.js). A memory the
// pool recycles (mem-pool.js) keeps its uid, so it counts once however many
// tasks use it: a fork loop whose memories are reused never wears out its
// workers, while one whose memories are not reused replaces them as often
// as before.

import { memoryUid } from './mem-pool.js';

/**
 * Distinct memories a worker may have held before it is replaced: 8 tasks'
 * worth for a fork child that execs (its fork copy and its new image), the
 * bound the pool kept before it counted memories.
 */
export const WORKER_MEMORIES = 16;

/** The distinct memories one worker has held. */
export class MemoryBudget {
  #uids = new Set();
  #unnamed = 0;

  /**
   * Note that this worker holds the memory whose flag is `flag`
   * (mem-pool.js); without a flag (a WASI module's own memory) it always
   * counts as a new one.
   * @param {Int32Array} [flag]
   */
  saw(flag) {
    if (flag) this.#uids.add(memoryUid(flag));
    else this.#unnamed++;
  }

  /** How many distinct memories this worker has held. */
  get count() {
    return this.#uids.size + this.#unnamed;
  }
}
