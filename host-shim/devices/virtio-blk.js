// virtio-blk device model (virtio 1.2, 5.2), QEMU's behaviour as reference:
// read, write, flush and get-id requests on one queue, capacity and
// read-only in config space, data moved straight between the backend and
// the kernel memory buffers of the chain. The backend is
// { size, readOnly, read(view, pos), write(view, pos), flush() } (sync or
// async; adapters/node/disk-file.js is the Node one).

import { gather, scatter } from './virtqueue.js';

const SECTOR = 512;
const T_IN = 0, T_OUT = 1, T_FLUSH = 4, T_GET_ID = 8;
const S_OK = 0, S_IOERR = 1, S_UNSUPP = 2;
const F_SIZE_MAX = 1n << 1n, F_SEG_MAX = 1n << 2n, F_RO = 1n << 5n, F_BLK_SIZE = 1n << 6n, F_FLUSH = 1n << 9n;
const QUEUE_MAX = 256;
const SIZE_MAX = 1 << 20; // bytes per data buffer

/** A virtio-blk device model over `backend` (see the top of this file); `serial` for get-id. */
export function virtioBlk(backend, { serial = 'janux-disk' } = {}) {
  const config = new Uint8Array(24);
  const dv = new DataView(config.buffer);
  dv.setBigUint64(0, BigInt(Math.floor(backend.size / SECTOR)), true); // capacity
  dv.setUint32(8, SIZE_MAX, true);
  dv.setUint32(12, QUEUE_MAX - 2, true); // seg_max
  dv.setUint32(20, SECTOR, true);        // blk_size
  return {
    id: 2, queues: 1, queueMax: QUEUE_MAX, config,
    features: F_SIZE_MAX | F_SEG_MAX | F_BLK_SIZE | F_FLUSH | (backend.readOnly ? F_RO : 0n),
    request: (chain) => blkRequest(backend, serial, chain),
  };
}

// One request: header, data buffers, status byte (the last writable byte).
async function blkRequest(backend, serial, chain) {
  const hdr = gather(chain.out, 16);
  const last = chain.in[chain.in.length - 1];
  if (hdr.length < 16 || !last?.length) return 0; // malformed: nothing written (QEMU errors the device)
  const status = last.subarray(last.length - 1);
  const data = { out: chain.out, in: [...chain.in.slice(0, -1), last.subarray(0, last.length - 1)] };
  const h = new DataView(hdr.buffer);
  const type = h.getUint32(0, true), sector = h.getBigUint64(8, true);
  let written = 0, st = S_OK;
  try {
    if (type === T_IN) written = await transfer(backend, sector, data.in, 'read');
    else if (type === T_OUT) st = backend.readOnly ? S_IOERR : (await transfer(backend, sector, skip(data.out, 16), 'write'), S_OK);
    else if (type === T_FLUSH) await backend.flush();
    else if (type === T_GET_ID) written = idInto(data.in, serial);
    else st = S_UNSUPP;
  } catch (e) {
    st = S_IOERR;
  }
  status[0] = st;
  return written + 1;
}

// Move the buffers' bytes from/to the disk at `sector`; a range past the
// end is an error (S_IOERR), as QEMU. Returns the bytes moved.
async function transfer(backend, sector, views, op) {
  const total = views.reduce((s, b) => s + b.length, 0);
  const pos = Number(sector) * SECTOR;
  if (total % SECTOR || pos + total > backend.size) throw new Error('out of range');
  let at = pos;
  for (const b of views) {
    await backend[op](b, at);
    at += b.length;
  }
  return total;
}

// The buffers after the first n bytes.
function skip(views, n) {
  const out = [];
  for (const b of views) {
    if (n >= b.length) { n -= b.length; continue; }
    out.push(b.subarray(n));
    n = 0;
  }
  return out;
}

// GET_ID: the serial, NUL-padded to 20 bytes.
function idInto(views, serial) {
  const id = new Uint8Array(20);
  id.set(new TextEncoder().encode(serial).subarray(0, 20));
  return scatter(views, id);
}
