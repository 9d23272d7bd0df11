// Prebuilt program modules: programs compiled by the host before the boot
// (the page, with ?prebuilt=busybox, stream-compiles busybox.wasm), shared
// with every kernel worker in its first message. An execve whose file is
// byte for byte one of them takes its compiled module instead of
// compiling; any other file compiles as usual (docs/wasm32.md, "Prebuilt
// programs").

/**
 * Main half: `programs` with each one's bytes in a SharedArrayBuffer (copied
 * once here unless they already are one), ready to post to every worker
 * without a copy per worker. Throws on an entry that is not { bytes, module }.
 * @param {{bytes: Uint8Array, module: WebAssembly.Module}[]} programs
 * @returns {{bytes: Uint8Array, module: WebAssembly.Module}[]}
 */
export function sharePrograms(programs) {
  return programs.map(({ bytes, module }) => {
    if (!(bytes instanceof Uint8Array) || !(module instanceof WebAssembly.Module))
      throw new TypeError('a prebuilt program is { bytes: Uint8Array, module: WebAssembly.Module }');
    if (bytes.buffer instanceof SharedArrayBuffer) return { bytes, module };
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    return { bytes: shared, module };
  });
}

/**
 * Whether `a` and `b` hold the same bytes. Whole words where both views are
 * aligned, as Int32 compared by XOR: V8 keeps that int32 in every tier,
 * where Uint32 values above 2^31 become doubles. A 1 MB program takes 5-9
 * ms the first time in a worker (Chromium, before V8 optimises the loop),
 * under 1 ms after.
 */
export function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  let i = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = a.length >>> 2;
    const wa = new Int32Array(a.buffer, a.byteOffset, words);
    const wb = new Int32Array(b.buffer, b.byteOffset, words);
    for (; i < words; i++) if ((wa[i] ^ wb[i]) !== 0) return false;
    i *= 4;
  }
  for (; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Worker half: the prebuilt program whose bytes are exactly `file`'s, or
 * undefined. No hash: a full compare, so a file that differs anywhere is
 * never taken for a prebuilt one.
 * @param {{bytes: Uint8Array, module: WebAssembly.Module}[]} programs
 * @param {Uint8Array} file
 */
export function findPrebuilt(programs, file) {
  return programs.find((p) => sameBytes(p.bytes, file));
}
