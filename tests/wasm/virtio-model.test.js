// The host shim's virtio-mmio device models without a kernel: a driver
// written here in JavaScript programs the registers (devices/virtio-mmio.js)
// and builds split rings in a shared memory, as the core's mmio.c and
// virtqueue.c do; the bus (devices/virtio-bus.js) serves them. Checks the
// register semantics QEMU has, virtio-blk's status codes, and that a
// malformed ring sets DEVICE_NEEDS_RESET instead of crashing.

import { VirtioBus } from '../../host-shim/devices/virtio-bus.js';
import { mmioImports, MMIO_WINDOW } from '../../host-shim/devices/virtio-mmio.js';
import { virtioBlk } from '../../host-shim/devices/virtio-blk.js';

const DESC = 0x1000, AVAIL = 0x2000, USED = 0x3000, HDR = 0x4000, DATA = 0x5000, STATUS = 0x6000;
const NUM = 8;

function memDisk(bytes, readOnly = false) {
  return {
    size: bytes.length, readOnly,
    read(view, pos) { view.set(bytes.subarray(pos, pos + view.length)); },
    write(view, pos) { bytes.set(view, pos); },
    flush() {},
  };
}

// A machine with one virtio-blk slot over `disk`, driven up to DRIVER_OK.
function setup(disk) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const bus = new VirtioBus([virtioBlk(disk)]);
  const raised = [];
  const env = { virtioRegs: bus.regs, post: (m) => bus.notify(m.slot, m.queue, memory, (l) => raised.push(l)) };
  const io = mmioImports(env);
  const rd = (off) => io.read(MMIO_WINDOW + off, 4) >>> 0;
  const wr = (off, v) => io.write(MMIO_WINDOW + off, v, 4);
  wr(0x070, 1 | 2); wr(0x024, 1); wr(0x020, 1); wr(0x070, 1 | 2 | 8);
  wr(0x030, 0); wr(0x038, NUM);
  wr(0x080, DESC); wr(0x090, AVAIL); wr(0x0a0, USED); wr(0x044, 1); wr(0x070, 1 | 2 | 8 | 4);
  const dv = new DataView(memory.buffer);
  let avail = 0;
  // Submit a chain of [addr, len, writable] descriptors; resolves when served.
  const submit = async (descs, next = (i) => i + 1) => {
    descs.forEach(([addr, len, w], i) => {
      const d = DESC + 16 * i;
      dv.setBigUint64(d, BigInt(addr), true); dv.setUint32(d + 8, len, true);
      dv.setUint16(d + 12, (i < descs.length - 1 ? 1 : 0) | (w ? 2 : 0), true);
      dv.setUint16(d + 14, next(i), true);
    });
    dv.setUint16(AVAIL + 4 + 2 * (avail % NUM), 0, true);
    dv.setUint16(AVAIL + 2, ++avail, true);
    wr(0x050, 0);
    await new Promise((r) => setTimeout(r, 20));
  };
  const blk = (type, sector, len) => {
    dv.setUint32(HDR, type, true); dv.setBigUint64(HDR + 8, BigInt(sector), true);
    dv.setUint8(STATUS, 0xff);
    return submit([[HDR, 16, false], ...(len ? [[DATA, len, type === 0]] : []), [STATUS, 1, true]]);
  };
  return { memory, dv, rd, wr, raised, submit, blk, usedIdx: () => dv.getUint16(USED + 2, true) };
}

function expect(cond, what) { if (!cond) throw new Error(what); }

export const tests = [
  {
    name: 'virtio-model/registers-as-qemu',
    fn: () => {
      const m = setup(memDisk(new Uint8Array(8192)));
      expect(m.rd(0x000) === 0x74726976 && m.rd(0x004) === 2 && m.rd(0x008) === 2 && m.rd(0x00c) === 0x554d4551, 'identity registers');
      m.wr(0x014, 1);
      expect(m.rd(0x010) & 1, 'VIRTIO_F_VERSION_1 not offered in the high word');
      m.wr(0x030, 1);
      expect(m.rd(0x034) === 0, 'a missing queue has QueueNumMax 0');
      m.wr(0x030, 0);
      m.wr(0x038, 3);
      expect(m.rd(0x038) === NUM, 'a queue size not a power of two was taken');
      expect(m.rd(0x070) === 15, 'status not DRIVER_OK');
      m.wr(0x070, 0);
      expect(m.rd(0x070) === 0 && m.rd(0x044) === 0 && m.rd(0x038) === 0, 'reset left state behind');
    },
  },
  {
    name: 'virtio-model/blk-requests-and-status-codes',
    fn: async () => {
      const bytes = new Uint8Array(8192).map((_, i) => i * 3);
      const m = setup(memDisk(bytes));
      await m.blk(0, 1, 1024);
      const got = new Uint8Array(m.memory.buffer, DATA, 1024);
      expect(m.dv.getUint8(STATUS) === 0 && got.every((b, i) => b === bytes[512 + i]), 'read of sectors 1-2');
      expect(m.usedIdx() === 1 && m.dv.getUint32(USED + 8, true) === 1025, 'used entry (index, length)');
      expect(m.raised.length === 1 && m.raised[0] === 2 && (m.rd(0x060) & 1), 'interrupt line 2 and status bit');
      m.wr(0x064, 1);
      expect(m.rd(0x060) === 0, 'InterruptACK did not clear');
      got.fill(7);
      await m.blk(1, 4, 512);
      expect(m.dv.getUint8(STATUS) === 0 && bytes.subarray(2048, 2560).every((b) => b === 7), 'write of sector 4');
      await m.blk(0, 16, 512);
      expect(m.dv.getUint8(STATUS) === 1, 'a read past the end is not IOERR');
      await m.blk(4, 0, 0);
      expect(m.dv.getUint8(STATUS) === 0, 'flush');
      await m.blk(11, 0, 0);
      expect(m.dv.getUint8(STATUS) === 2, 'an unknown request is not UNSUPP');
      const ro = setup(memDisk(new Uint8Array(4096), true));
      await ro.blk(1, 0, 512);
      expect(ro.dv.getUint8(STATUS) === 1, 'a write to a read-only disk is not IOERR');
    },
  },
  {
    name: 'virtio-model/bad-chains-set-needs-reset',
    fn: async () => {
      for (const [what, descs, next] of [
        ['a descriptor loop', [[HDR, 16, false], [STATUS, 1, true]], () => 0],
        ['a buffer outside memory', [[HDR, 16, false], [0x7fff0000, 512, true], [STATUS, 1, true]], undefined],
        ['a readable buffer after a writable one', [[HDR, 16, false], [STATUS, 1, true], [DATA, 16, false]], undefined],
      ]) {
        const m = setup(memDisk(new Uint8Array(4096)));
        const log = console.error;
        console.error = () => {};
        try { await m.submit(descs, next); } finally { console.error = log; }
        expect(m.rd(0x070) & 64, `${what}: DEVICE_NEEDS_RESET not set`);
        expect(m.usedIdx() === 0, `${what}: the chain was used`);
      }
    },
  },
];
