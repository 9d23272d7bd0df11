// The register file of the machine's virtio-mmio slots, in one
// SharedArrayBuffer every kernel worker sees: word offsets of each field,
// the slot layout, and how the main thread fills a slot from a device model
// (devices/virtio-mmio.js answers the registers, devices/virtio-bus.js
// runs the queues). The kernel lock serialises the workers' accesses; the
// main thread only touches the interrupt status and the queues' progress.

/** Words per slot; slot s starts at word HEADER + s * SLOT_WORDS. */
export const SLOT_WORDS = 128;
const HEADER = 4; // word 0: how many slots
/** Queues a slot can have (virtio-blk and virtio-9p use one). */
export const MAX_QUEUES = 4;

/** Word offsets inside a slot. */
export const R = Object.freeze({
  deviceId: 0, devFeatLo: 1, devFeatHi: 2, devFeatSel: 3, drvFeatSel: 4,
  drvFeatLo: 5, drvFeatHi: 6, queueSel: 7, status: 8, intStatus: 9,
  configGen: 10, queues: 11, queueMax: 12,
  queue: 16,       // + q * 8: num, ready, descLo, descHi, drvLo, drvHi, devLo, devHi
  lastAvail: 48,   // + q: the device's next avail index (main thread)
  config: 64,      // 256 bytes of device config space
});
/** Word offsets inside one queue's block (R.queue + q * 8). */
export const Q = Object.freeze({ num: 0, ready: 1, descLo: 2, descHi: 3, drvLo: 4, drvHi: 5, devLo: 6, devHi: 7 });
/** Config space bytes per slot. */
export const CONFIG_BYTES = (SLOT_WORDS - R.config) * 4;

/**
 * A register file for `devices` (each {id, features: bigint, queues,
 * queueMax, config: Uint8Array}), slot i = devices[i], all reset.
 * @returns {SharedArrayBuffer}
 */
export function createRegs(devices) {
  const sab = new SharedArrayBuffer((HEADER + devices.length * SLOT_WORDS) * 4);
  const w = new Int32Array(sab);
  w[0] = devices.length;
  devices.forEach((d, i) => {
    if (d.queues > MAX_QUEUES || d.config.length > CONFIG_BYTES) throw new Error('virtio: device too large for a slot');
    const s = slot(sab, i);
    s[R.deviceId] = d.id;
    s[R.devFeatLo] = Number(d.features & 0xffffffffn) | 0;
    s[R.devFeatHi] = Number(d.features >> 32n) | 0;
    s[R.queues] = d.queues;
    s[R.queueMax] = d.queueMax;
    configBytes(sab, i).set(d.config);
  });
  return sab;
}

/** How many slots `sab` has. */
export function slotCount(sab) {
  return new Int32Array(sab, 0, 1)[0];
}

/** The words of slot `i` (Int32Array view). */
export function slot(sab, i) {
  return new Int32Array(sab, (HEADER + i * SLOT_WORDS) * 4, SLOT_WORDS);
}

/** The config space bytes of slot `i`. */
export function configBytes(sab, i) {
  return new Uint8Array(sab, (HEADER + i * SLOT_WORDS + R.config) * 4, CONFIG_BYTES);
}

/** Device reset (status 0 written): everything the driver set goes back to 0. */
export function resetSlot(s) {
  for (const r of [R.devFeatSel, R.drvFeatSel, R.drvFeatLo, R.drvFeatHi, R.queueSel, R.status])
    s[r] = 0;
  Atomics.store(s, R.intStatus, 0);
  s.fill(0, R.queue, R.lastAvail + MAX_QUEUES);
}
