// Split virtqueues (virtio 1.2, 2.7) walked by the host's devices directly in
// the kernel's memory: the driver's DMA addresses are kernel-memory offsets.
// takeChain() pops the next available descriptor chain as views onto the
// memory; putUsed() returns it.

const DESC_NEXT = 1, DESC_WRITE = 2, DESC_INDIRECT = 4;

/** A malformed ring or chain: the device stops using the queue. */
export class RingError extends Error {}

/**
 * One queue's rings in `memory` (re-read per call: the memory may grow).
 * @param {WebAssembly.Memory} memory
 * @param {{num: number, desc: number, avail: number, used: number}} q
 */
export function ringView(memory, q) {
  const buf = memory.buffer;
  const end = (a, n) => {
    if (a < 0 || a + n > buf.byteLength) throw new RingError(`ring at ${a} outside memory`);
    return a;
  };
  end(q.desc, 16 * q.num); end(q.avail, 4 + 2 * q.num); end(q.used, 4 + 8 * q.num);
  return { buf, dv: new DataView(buf), u16: new Uint16Array(buf), u32: new Uint32Array(buf), q, end };
}

/** The driver's avail index (how many chains it has made available, mod 2^16). */
export function availIdx(v) {
  return Atomics.load(v.u16, (v.q.avail + 2) >> 1);
}

/**
 * The chain at avail ring slot `idx` as { head, out: Uint8Array[], in: Uint8Array[] }
 * (device-readable buffers, then device-writable ones, as views on memory).
 * @throws {RingError} on a bad index, a loop, an indirect table or a buffer out of memory
 */
export function takeChain(v, idx) {
  const { dv, q } = v;
  const head = dv.getUint16(q.avail + 4 + 2 * (idx % q.num), true);
  const chain = { head, out: [], in: [] };
  for (let i = head, n = 0; ; n++) {
    if (i >= q.num || n >= q.num) throw new RingError(`bad descriptor chain at ${head}`);
    const d = q.desc + 16 * i;
    const addr = Number(dv.getBigUint64(d, true)), len = dv.getUint32(d + 8, true);
    const flags = dv.getUint16(d + 12, true);
    if (flags & DESC_INDIRECT) throw new RingError('indirect descriptors were not offered');
    if ((flags & DESC_WRITE) === 0 && chain.in.length) throw new RingError('readable buffer after a writable one');
    (flags & DESC_WRITE ? chain.in : chain.out).push(new Uint8Array(v.buf, v.end(addr, len), len));
    if (!(flags & DESC_NEXT)) return chain;
    i = dv.getUint16(d + 14, true);
  }
}

/** Return chain `head` with `len` bytes written, publishing the used index. */
export function putUsed(v, head, len) {
  const { dv, q } = v;
  const idx = Atomics.load(v.u16, (q.used + 2) >> 1);
  const e = q.used + 4 + 8 * (idx % q.num);
  dv.setUint32(e, head, true);
  dv.setUint32(e + 4, len, true);
  Atomics.store(v.u16, (q.used + 2) >> 1, (idx + 1) & 0xffff);
}

/** Copy `n` bytes from the front of `views` (a chain's buffers); fewer if short. */
export function gather(views, n) {
  const out = new Uint8Array(Math.min(n, views.reduce((s, b) => s + b.length, 0)));
  let at = 0;
  for (const b of views) {
    if (at >= out.length) break;
    const part = b.subarray(0, out.length - at);
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Copy `bytes` into `views` in order; returns the count written. */
export function scatter(views, bytes) {
  let at = 0;
  for (const b of views) {
    if (at >= bytes.length) break;
    const part = bytes.subarray(at, at + b.length);
    b.set(part);
    at += part.length;
  }
  return at;
}
