// Reuse of released process memories. V8 reserves ~10 GiB of address space
// per wasm memory and returns it only after every thread has garbage-
// collected its handle, so a process forking in a tight loop ran the
// browser's 1 TiB sandbox dry (docs/wasm32.md, "Process memories"). A worker
// remembers the memories it made (for a fork child, an exec image), each
// with a shared flag word that travels with the memory (beside it in the
// same buffer, the memory's uid: memoryUid); whichever worker
// runs `mem.release` sets the flag, and the maker's next new memory of the
// same maximum takes that one back, zeroed, instead of creating another.
// Zeroing touches every page of the old memory (wasm has no protection, so
// its owner may have written anywhere in it), so only memories of at most
// REUSE_MAX_BYTES are reused: one that grew to cover a mapping near the top
// of a 1 GiB space is let go as before.

import { zeroMemory } from './zero.js';

const WASM_PAGE = 65536;
const FLAG_BYTES = 16; // the flag word at 0, the memory's uid (a float64) at 8
const MADE_MAX = 4; // memories a worker remembers (in use or released)
const REUSE_MAX_BYTES = 64 << 20;

/**
 * Marks a memory's process gone (from any worker); its maker may reuse it.
 * @param {Int32Array} flag  the memory's flag word from MemoryPool.reuse or add
 */
export function markReleased(flag) {
  Atomics.store(flag, 0, 1);
}

/**
 * The identity of the memory whose flag is `flag`, the same in every worker
 * (a posted Memory or flag arrives as a new object each time): a random
 * number drawn when the memory was made.
 * @param {Int32Array} flag
 * @returns {number}
 */
export function memoryUid(flag) {
  return new Float64Array(flag.buffer, 8, 1)[0];
}

const released = (e) => Atomics.load(e.flag, 0) === 1;

/**
 * The bytes of shared memory `m` as this worker knows them, covering `end`
 * if the memory reaches it: a memory grown by another worker shows its new
 * length here only after V8's next interrupt check (a kernel object at the
 * start of freshly grown pages was read as out of range: "Invalid typed
 * array length"), and grow(0) brings this worker's view up to date.
 * @param {WebAssembly.Memory} m
 * @param {number} end
 * @returns {ArrayBufferLike}
 */
export function bufferTo(m, end) {
  if (end > m.buffer.byteLength) m.grow(0);
  return m.buffer;
}

// The memory's whole current size (bufferTo). Everything a previous owner
// could have written lies below it (memories never shrink).
const sizeOf = (memory) => bufferTo(memory, Infinity).byteLength;

/** The memories one worker made; at most MADE_MAX are remembered. */
export class MemoryPool {
  #made = []; // { memory, flag, maxBytes }, oldest first

  /**
   * A released memory this worker made with maximum `maxBytes`, for a new
   * process: its old bytes zeroed, grown to at least `bytes` (a 64 KiB
   * multiple); null when there is none. Throws as Memory.grow does.
   * @param {number} bytes
   * @param {number} maxBytes
   * @returns {{memory: WebAssembly.Memory, flag: Int32Array} | null}
   */
  reuse(bytes, maxBytes) {
    this.#made = this.#made.filter((e) => !released(e) || sizeOf(e.memory) <= REUSE_MAX_BYTES);
    const i = this.#made.findIndex((e) => e.maxBytes === maxBytes && released(e));
    if (i < 0) return null;
    const [e] = this.#made.splice(i, 1);
    const have = sizeOf(e.memory);
    zeroMemory(e.memory, 0, have);
    if (bytes > have) e.memory.grow((bytes - have) / WASM_PAGE);
    Atomics.store(e.flag, 0, 0);
    return this.#remember(e);
  }

  /**
   * Remembers `memory` (just made here, maximum `maxBytes`) for reuse once
   * released; returns it with its new flag.
   * @param {WebAssembly.Memory} memory
   * @param {number} maxBytes
   * @returns {{memory: WebAssembly.Memory, flag: Int32Array}}
   */
  add(memory, maxBytes) {
    const tag = new SharedArrayBuffer(FLAG_BYTES);
    new Float64Array(tag, 8, 1)[0] = Math.random();
    return this.#remember({ memory, flag: new Int32Array(tag, 0, 1), maxBytes });
  }

  #remember(e) {
    this.#made.push(e);
    if (this.#made.length > MADE_MAX) this.#made.shift();
    return { memory: e.memory, flag: e.flag };
  }

  /** How many memories this worker remembers. */
  get size() {
    return this.#made.length;
  }
}
