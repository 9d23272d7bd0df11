// What the virtio test programs (tests/wasm/progs/virtio.c) expect on the
// host: the disk pattern and images, and the share directory with its
// planted symlinks. Used by tests/wasm/virtio.test.js and the benchmark
// tests/bench/wasm-virtio.mjs.

import { writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** `n` bytes of the disk pattern starting at byte `from` (virtio.c: pat()). */
export function pattern(n, from = 0) {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (((from + i) * 7) ^ ((from + i) >> 9)) & 0xff;
  return b;
}

/** The `disk` program's images in `dir`: { img (4 MiB, vda), ro (1 MiB, vdb) }. */
export function diskImages(dir) {
  const img = join(dir, 'd.img'), ro = join(dir, 'ro.img');
  writeFileSync(img, pattern(4 << 20));
  writeFileSync(ro, pattern(1 << 20));
  return { img, ro };
}

/** The `share` program's directory `dir`/share, with `dir`/outside beside it. */
export function shareDir(dir) {
  const share = join(dir, 'share');
  mkdirSync(share);
  writeFileSync(join(dir, 'outside'), 'secret\n');
  writeFileSync(join(share, 'from-host'), 'host data\n');
  symlinkSync('/etc/passwd', join(share, 'abs'));
  symlinkSync('../outside', join(share, 'rel'));
  return share;
}
