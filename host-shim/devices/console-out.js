// Console output through one shared ring: every worker appends what the
// kernel writes (under a spin lock word, so writes of different workers
// never interleave and keep the kernel's order), then pokes the main
// thread, which drains the ring. Messages from different workers may
// arrive in any order, but the ring's order is the order of the writes,
// and the machine drains it once more before it reports its exit, so
// nothing written before a power-off is lost.

const RING_BYTES = 1 << 16;
const HEADER = 16;
const HEAD = 0, TAIL = 1, LOCK = 2; // u32 words: consumer, producer (free-running), lock
const SPACE_WAIT_MS = 5;

const words = (ring) => new Int32Array(ring, 0, HEADER / 4);

/** A new output ring, shared by the main thread and the workers. */
export function createOutputRing() {
  return new SharedArrayBuffer(HEADER + RING_BYTES);
}

/**
 * Worker side: append `bytes` (waiting for room while the ring is full)
 * and poke the main thread with `kick()` when they are in.
 * @param {SharedArrayBuffer} ring
 * @param {Uint8Array} bytes
 * @param {() => void} kick
 */
export function ringWrite(ring, bytes, kick) {
  const w = words(ring), data = new Uint8Array(ring, HEADER);
  for (let done = 0; done < bytes.length;) {
    while (Atomics.compareExchange(w, LOCK, 0, 1) !== 0); // held for a copy only
    const head = Atomics.load(w, HEAD), tail = Atomics.load(w, TAIL);
    const n = Math.min(bytes.length - done, RING_BYTES - ((tail - head) >>> 0));
    for (let i = 0; i < n; i++) data[(tail + i) % RING_BYTES] = bytes[done + i];
    Atomics.store(w, TAIL, (tail + n) | 0);
    Atomics.store(w, LOCK, 0);
    done += n;
    kick();
    if (done < bytes.length) Atomics.wait(w, HEAD, head, SPACE_WAIT_MS); // full: let main drain
  }
}

/**
 * Main side: take everything in the ring (oldest first) and wake writers
 * waiting for room.
 * @param {SharedArrayBuffer} ring
 * @returns {Uint8Array}
 */
export function ringDrain(ring) {
  const w = words(ring), data = new Uint8Array(ring, HEADER);
  const head = Atomics.load(w, HEAD), n = (Atomics.load(w, TAIL) - head) >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = data[(head + i) % RING_BYTES];
  Atomics.store(w, HEAD, (head + n) | 0);
  Atomics.notify(w, HEAD);
  return out;
}
