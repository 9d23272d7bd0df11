// Main half of the virtio-mmio devices: owns the register file
// (devices/virtio-regs.js) and, on a queue notification from a kernel
// worker, hands each available chain to its device model and returns it in
// the used ring, then sets the used-buffer interrupt and raises the slot's
// IRQ line (IRQ.virtio0 + slot). Chains of a queue are served in order, one
// at a time.
//
// A device model is { id, features: bigint, queues, queueMax,
// config: Uint8Array, async request(chain) -> bytes written } where chain
// is { out: Uint8Array[], in: Uint8Array[] } (views on kernel memory).

import { IRQ } from './irq.js';
import { R, Q, createRegs, slot } from './virtio-regs.js';
import { ringView, availIdx, takeChain, putUsed, RingError } from './virtqueue.js';

const VIRTIO_F_VERSION_1 = 1n << 32n;
const INT_USED = 1;
const STATUS_DRIVER_OK = 4, STATUS_NEEDS_RESET = 64;

/** The machine's virtio devices, slot i = devices[i]. */
export class VirtioBus {
  #devices; #busy = new Set(); #again = new Set();
  /** The register file, handed to every kernel worker (env.virtioRegs). */
  regs;

  /** @param {object[]} devices  device models (see the top of this file) */
  constructor(devices) {
    this.#devices = devices.map((d) => ({ ...d, features: d.features | VIRTIO_F_VERSION_1 }));
    this.regs = createRegs(this.#devices);
  }

  /** Power-on state (a new boot): every slot reset. */
  reset() {
    this.regs = createRegs(this.#devices);
  }

  /**
   * Queue `queue` of slot `i` was notified: serve it. `memory` is the kernel
   * memory, `raise(line)` raises an IRQ line. Never throws.
   */
  notify(i, queue, memory, raise) {
    const key = `${i}:${queue}`;
    if (this.#busy.has(key)) { this.#again.add(key); return; }
    this.#busy.add(key);
    this.#serve(i, queue, memory, raise)
      .catch((e) => this.#broken(i, e))
      .finally(() => {
        this.#busy.delete(key);
        if (this.#again.delete(key)) this.notify(i, queue, memory, raise);
      });
  }

  async #serve(i, queue, memory, raise) {
    const s = slot(this.regs, i), dev = this.#devices[i];
    if (!dev || queue >= s[R.queues] || !(s[R.status] & STATUS_DRIVER_OK)) return;
    const b = R.queue + queue * 8;
    if (!s[b + Q.ready]) return;
    const q = { num: s[b + Q.num], desc: s[b + Q.descLo] >>> 0,
                avail: s[b + Q.drvLo] >>> 0, used: s[b + Q.devLo] >>> 0 };
    if (s[b + Q.descHi] || s[b + Q.drvHi] || s[b + Q.devHi]) throw new RingError('ring above 4 GiB');
    for (;;) {
      const v = ringView(memory, q);
      const next = Atomics.load(s, R.lastAvail + queue);
      if (availIdx(v) === next) return;
      const chain = takeChain(v, next);
      const len = await dev.request(chain);
      if (!s[b + Q.ready]) return; // reset while it ran: the driver forgot it
      const after = ringView(memory, q);
      putUsed(after, chain.head, len);
      Atomics.store(s, R.lastAvail + queue, (next + 1) & 0xffff);
      Atomics.or(s, R.intStatus, INT_USED);
      raise(IRQ.virtio0 + i);
    }
  }

  // A ring the device cannot use: DEVICE_NEEDS_RESET, as virtio 1.2 2.1.2.
  #broken(i, e) {
    const s = slot(this.regs, i);
    s[R.status] |= STATUS_NEEDS_RESET;
    console.error(`virtio slot ${i}: ${e.message}`);
  }
}
