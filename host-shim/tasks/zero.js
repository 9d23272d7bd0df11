// Zeroing part of a shared process memory at memset speed. TypedArray fill
// on a SharedArrayBuffer stores byte by byte (V8 uses relaxed atomic stores
// for shared buffers: 4-22 ms for 1.4 MiB in Chromium on the build machine,
// most of a recycled memory's cost); wasm's memory.fill is one memset.

// (module (import "m" "mem" (memory 0 65536 shared))
//   (func (export "zero") (param i32 i32)
//     (memory.fill (local.get 0) (i32.const 0) (local.get 1))))
const ZERO_WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x06, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x00,
  0x02, 0x0d, 0x01, 0x01, 0x6d, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x03, 0x00, 0x80, 0x80, 0x04,
  0x03, 0x02, 0x01, 0x00,
  0x07, 0x08, 0x01, 0x04, 0x7a, 0x65, 0x72, 0x6f, 0x00, 0x00,
  0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x41, 0x00, 0x20, 0x01, 0xfc, 0x0b, 0x00, 0x0b,
]);

let module = null;
const zeroers = new WeakMap(); // memory -> its zero(addr, len)

/**
 * Zero bytes [addr, addr + len) of shared memory `memory`; they must lie
 * within its current size (a trap otherwise, as an out-of-range view
 * would throw).
 * @param {WebAssembly.Memory} memory
 * @param {number} addr
 * @param {number} len
 */
export function zeroMemory(memory, addr, len) {
  let zero = zeroers.get(memory);
  if (!zero) {
    module ??= new WebAssembly.Module(ZERO_WASM);
    zero = new WebAssembly.Instance(module, { m: { mem: memory } }).exports.zero;
    zeroers.set(memory, zero);
  }
  zero(addr, len);
}
