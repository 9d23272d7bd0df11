// The two memories of a WASI process (docs/wasm32.md "WASI"): the module's
// own exported memory, every access bounds-checked (a bad pointer is the
// WASI errno FAULT), and the kernel's shadow memory, where the WASI layer
// stages syscall arguments in a scratch area reset on every WASI call.

import { WASI } from './wasi-errno.js';

/** A WASI errno thrown through a WASI call's implementation. */
export class WasiError extends Error {
  constructor(errno) { super(`wasi errno ${errno}`); this.errno = errno; }
}

/** Bounds-checked access to the module's memory (`memory()` may grow). */
export class ModuleMemory {
  #memory;
  constructor(memory) { this.#memory = memory; }

  /** A view of [ptr, ptr+len) (i32 values, read unsigned), or WasiError(FAULT). */
  bytes(ptr, len) {
    const buf = this.#memory().buffer;
    ptr >>>= 0;
    len >>>= 0;
    if (ptr + len > buf.byteLength) throw new WasiError(WASI.FAULT);
    return new Uint8Array(buf, ptr, len);
  }

  /** A DataView of [ptr, ptr+len), little-endian accessors by the caller. */
  view(ptr, len) {
    const b = this.bytes(ptr, len);
    return new DataView(b.buffer, b.byteOffset, len);
  }

  u32(ptr) { return this.view(ptr, 4).getUint32(0, true); }
  setU32(ptr, v) { this.view(ptr, 4).setUint32(0, v, true); }
  setU64(ptr, v) { this.view(ptr, 8).setBigUint64(0, BigInt.asUintN(64, BigInt(v)), true); }

  /** The iovec array (iovs, n) as [{ptr, len}], each range checked. */
  iovecs(iovs, n) {
    const v = this.view(iovs, n * 8), list = [];
    for (let i = 0; i < n; i++) {
      const ptr = v.getUint32(i * 8, true), len = v.getUint32(i * 8 + 4, true);
      this.bytes(ptr, len);
      list.push({ ptr, len });
    }
    return list;
  }
}

/** The kernel-side scratch area: a bump allocator in the shadow memory. */
export class Scratch {
  #memory; #base; #size; #next;
  constructor(memory, base, size) {
    this.#memory = memory;
    this.#base = this.#next = base;
    this.#size = size;
  }

  /** Free everything (at the start of each WASI call). */
  reset() { this.#next = this.#base; }

  /** The bytes left. */
  room() { return this.#base + this.#size - this.#next; }

  /** Reserve `len` bytes, 8-aligned; returns the shadow address. */
  alloc(len) {
    const at = this.#next;
    if (len > this.room()) throw new WasiError(WASI.NOMEM);
    this.#next = (at + len + 7) & ~7;
    return at;
  }

  /** Copy `src` bytes in; returns their shadow address. */
  put(src) {
    const at = this.alloc(src.length);
    this.bytes(at, src.length).set(src);
    return at;
  }

  /** Copy module bytes in with a NUL after them (a path); returns the address. */
  cstr(src) {
    const at = this.alloc(src.length + 1);
    const b = this.bytes(at, src.length + 1);
    b.set(src);
    b[src.length] = 0;
    return at;
  }

  bytes(addr, len) { return new Uint8Array(this.#memory.buffer, addr, len); }
  view(addr, len) { return new DataView(this.#memory.buffer, addr, len); }
}
