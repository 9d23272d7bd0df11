// Worker half of the virtio-mmio devices: the `mmio` import namespace
// answers the kernel's register accesses in the window MMIO_WINDOW
// (host_imports.h) with QEMU's virtio-mmio version 2 semantics (virtio 1.2,
// 4.2.2), over the shared register file (devices/virtio-regs.js). A queue
// notification is posted to the main thread (devices/virtio-bus.js).

import { R, Q, slot, slotCount, configBytes, resetSlot } from './virtio-regs.js';

/** MMIO_WINDOW and MMIO_SLOT_SIZE of host_imports.h. */
export const MMIO_WINDOW = 0xf0000000;
export const MMIO_SLOT_SIZE = 0x200;
const MAGIC = 0x74726976;      // "virt"
const VENDOR = 0x554d4551;     // "QEMU", as QEMU's devices say

// Register offsets -> slot words for the plain read/write ones.
const QUEUE_REGS = { 0x038: Q.num, 0x044: Q.ready, 0x080: Q.descLo, 0x084: Q.descHi,
  0x090: Q.drvLo, 0x094: Q.drvHi, 0x0a0: Q.devLo, 0x0a4: Q.devHi };

function queueWord(s) {
  const q = s[R.queueSel];
  return q >= 0 && q < s[R.queues] ? R.queue + q * 8 : -1;
}

function readReg(s, off) {
  switch (off) {
    case 0x000: return MAGIC;
    case 0x004: return 2;
    case 0x008: return s[R.deviceId];
    case 0x00c: return VENDOR;
    case 0x010: return [s[R.devFeatLo], s[R.devFeatHi]][s[R.devFeatSel]] ?? 0;
    case 0x034: return queueWord(s) < 0 ? 0 : s[R.queueMax];
    case 0x060: return Atomics.load(s, R.intStatus);
    case 0x070: return s[R.status];
    case 0x0fc: return s[R.configGen];
  }
  const q = queueWord(s);
  return off in QUEUE_REGS && q >= 0 ? s[q + QUEUE_REGS[off]] : 0;
}

function writeReg(env, i, s, off, val) {
  switch (off) {
    case 0x014: s[R.devFeatSel] = val; return;
    case 0x020: if (s[R.drvFeatSel] < 2) s[R.drvFeatLo + s[R.drvFeatSel]] = val; return;
    case 0x024: s[R.drvFeatSel] = val; return;
    case 0x030: s[R.queueSel] = val; return;
    case 0x050: env.post({ device: 'virtio', slot: i, queue: val }); return;
    case 0x064: Atomics.and(s, R.intStatus, ~val); return;
    case 0x070: if (val === 0) resetSlot(s); else s[R.status] = val; return;
  }
  const q = queueWord(s);
  if (!(off in QUEUE_REGS) || q < 0) return; // read-only or unknown: ignored, as QEMU
  if (off === 0x038 && (val > s[R.queueMax] || (val & (val - 1)))) return; // QEMU ignores a bad size
  s[q + QUEUE_REGS[off]] = val;
}

/**
 * Worker half: the `mmio` import namespace.
 * @param {{virtioRegs: SharedArrayBuffer, post: (msg: object) => void}} env
 */
export function mmioImports(env) {
  const regs = env.virtioRegs;
  const count = regs ? slotCount(regs) : 0;
  const where = (addr) => {
    const i = Math.floor(((addr >>> 0) - MMIO_WINDOW) / MMIO_SLOT_SIZE);
    return i >= 0 && i < count ? i : -1;
  };
  return {
    count: () => count,
    read(addr, width) {
      const i = where(addr), off = (addr >>> 0) % MMIO_SLOT_SIZE;
      if (i < 0) return 0;
      if (off < 0x100) return off % 4 === 0 && width === 4 ? readReg(slot(regs, i), off) : 0;
      const c = configBytes(regs, i);
      let v = 0;
      for (let b = width - 1; b >= 0; b--) v = (v << 8) | (c[off - 0x100 + b] ?? 0);
      return v >>> 0;
    },
    write(addr, val, width) {
      const i = where(addr), off = (addr >>> 0) % MMIO_SLOT_SIZE;
      if (i >= 0 && off < 0x100 && off % 4 === 0 && width === 4) writeReg(env, i, slot(regs, i), off, val | 0);
      // config space of virtio-blk and virtio-9p is read-only: writes ignored
    },
  };
}
