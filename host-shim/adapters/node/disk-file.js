// Node backend of the virtio-blk device (devices/virtio-blk.js): a raw disk
// image file, read and written in place; flush is an fsync of the image
// (QEMU's default write-back cache behaves the same way).

import { openSync, fstatSync, readSync, writeSync, fsyncSync } from 'node:fs';

/**
 * Open `path` as a disk (read-only when `readOnly`). Its size must be a
 * whole number of 512-byte sectors. Throws with a clear message otherwise.
 * @returns {{size: number, readOnly: boolean, read: Function, write: Function, flush: Function}}
 */
export function diskFile(path, readOnly = false) {
  let fd;
  try { fd = openSync(path, readOnly ? 'r' : 'r+'); } catch (e) {
    throw new Error(`cannot open disk image ${path}: ${e.message}`);
  }
  const size = fstatSync(fd).size;
  if (size % 512 || size === 0) throw new Error(`disk image ${path}: size ${size} is not a positive multiple of 512`);
  return {
    size, readOnly,
    read(view, pos) {
      for (let at = 0; at < view.length;) {
        const n = readSync(fd, view, at, view.length - at, pos + at);
        if (n === 0) throw new Error('short read');
        at += n;
      }
    },
    write(view, pos) {
      for (let at = 0; at < view.length;) at += writeSync(fd, view, at, view.length - at, pos + at);
    },
    flush() { fsyncSync(fd); },
  };
}
