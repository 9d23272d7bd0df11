// The wasm32 machine's virtio devices (host-shim/devices/virtio-*.js) from
// inside the OS: the test programs disk, ext2 and share (tests/wasm/progs/
// virtio.c) run as init against images and a directory made here, and the
// host then checks what the guest wrote (e2fsck and debugfs for ext2).

import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, symlinkSync, rmSync, existsSync, copyFileSync, chmodSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { janux, expect } from './janux-run.js';
import { pattern, diskImages, shareDir } from './virtio-fixtures.js';

const INITRD = fileURLToPath(new URL('../../build/wasm32/tests/initrd.cpio', import.meta.url));
const PROGRAM = fileURLToPath(new URL('../../build/wasm32/tests/t.wasm', import.meta.url));
const LIMIT_MS = 30000;
const SBIN = { env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin` } };

// Boot init=/bin/NAME with `args` (the test initramfs unless `initrd` is
// false); every check in `checks` printed "ok", none "FAIL".
async function run(name, args, checks, initrd = true) {
  const boot = initrd ? ['--initrd', INITRD] : [];
  const r = await janux([...boot, '--cmdline', `init=/bin/${name}`, ...args], LIMIT_MS);
  const out = r.stdout.replace(/\r\n/g, '\n');
  const fails = out.split('\n').filter((l) => l.startsWith('FAIL'));
  expect(fails.length === 0, fails.join(' | '), r);
  for (const c of checks) expect(out.includes(`\nok ${c}\n`), `no "ok ${c}"`, r);
  expect(out.includes('\ndone\n') && r.status === 0, 'the test did not finish and power off', r);
  return out;
}

function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'wasm-virtio-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const tests = [
  {
    name: 'virtio/blk-raw-read-write-against-the-image',
    timeoutMs: LIMIT_MS + 5000,
    fn: async () => {
      const { img, ro } = diskImages(scratch());
      const out = await run('disk', ['--disk', img, '--disk-ro', ro],
        ['capacity', 'read-whole-disk', 'read-pattern', 'read-at-end', 'write-at-end',
         'write-1mib-fsync', 'write-unaligned', 'fsync', 'open-vdb-ro', 'write-ro-disk']);
      const got = readFileSync(img), want = pattern(4 << 20);
      const chunk = Buffer.alloc(65536);
      for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 13 + 5) & 0xff;
      for (let k = 0; k < 16; k++) chunk.copy(want, (1 << 20) + k * chunk.length);
      want.write('unaligned bytes', 3000, 'latin1');
      expect(got.equals(want), 'the image does not hold exactly what the guest wrote', { status: 0, stdout: out, stderr: '' });
      expect(readFileSync(ro).equals(pattern(1 << 20)), 'the read-only image changed', { status: 0, stdout: out, stderr: '' });
    },
  },
  {
    name: 'virtio/blk-ext2-write-sync-e2fsck-debugfs',
    timeoutMs: LIMIT_MS + 5000,
    fn: async () => {
      const dir = scratch(), tree = join(dir, 'tree'), img = join(dir, 'e.img');
      mkdirSync(tree);
      writeFileSync(join(tree, 'hello.txt'), 'hello, ext2!!\n');
      // 4 KiB blocks: ext2's 2^40-byte file limit once truncated to 32-bit size_t and every write returned 0
      execFileSync('mke2fs', ['-q', '-t', 'ext2', '-b', '4096', '-d', tree, img, '4M'], SBIN);
      const out = await run('ext2', ['--disk', img],
        ['mount-ext2', 'read-hello', 'mkdir', 'create', 'write-320k', 'small-file', 'sync']);
      const r = { status: 0, stdout: out, stderr: '' };
      try { execFileSync('e2fsck', ['-fn', img], { ...SBIN, stdio: 'pipe' }); } catch (e) {
        expect(false, `e2fsck -fn is not clean: ${e.stdout}`, r);
      }
      const cat = (p) => execFileSync('debugfs', ['-R', `cat ${p}`, img], { ...SBIN, stdio: ['ignore', 'pipe', 'ignore'] });
      expect(cat('/made/note').toString() === 'written by janux on wasm32\n', 'debugfs: /made/note differs', r);
      const big = cat('/made/big'), want = Buffer.concat(Array(5).fill(pattern(65536)));
      expect(big.equals(want), `debugfs: /made/big differs (${big.length} bytes)`, r);
    },
  },
  {
    name: 'virtio/blk-root-on-ext2-runs-init-from-the-disk',
    timeoutMs: LIMIT_MS + 5000,
    fn: async () => {
      const dir = scratch(), tree = join(dir, 'tree'), img = join(dir, 'root.img');
      for (const d of ['bin', 'dev', 'tmp']) mkdirSync(join(tree, d), { recursive: true });
      copyFileSync(PROGRAM, join(tree, 'bin', 't'));
      chmodSync(join(tree, 'bin', 't'), 0o755);
      symlinkSync('t', join(tree, 'bin', 'syscalls'));
      execFileSync('mke2fs', ['-q', '-t', 'ext2', '-d', tree, img, '8M'], SBIN);
      const out = await run('syscalls', ['--disk', img, '--cmdline', 'root=/dev/vda init=/bin/syscalls'],
        ['getpid', 'brk-grow', 'mmap-ok'], false);
      try { execFileSync('e2fsck', ['-fn', img], { ...SBIN, stdio: 'pipe' }); } catch (e) {
        expect(false, `e2fsck -fn is not clean: ${e.stdout}`, { status: 0, stdout: out, stderr: '' });
      }
    },
  },
  {
    name: 'virtio/9p-share-over-our-server-and-escapes',
    timeoutMs: LIMIT_MS + 5000,
    fn: async () => {
      const dir = scratch(), share = shareDir(dir);
      const out = await run('share', ['--share', share],
        ['mount-9p', 'read-host-file', 'create-on-host', 'mkdir-on-host', 'rename-on-host',
         'readlink-abs', 'escape-abs-symlink', 'escape-rel-symlink', 'escape-dotdot', 'escape-rename',
         'share-write-4mib', 'share-read-back']);
      const r = { status: 0, stdout: out, stderr: '' };
      expect(readFileSync(join(share, 'gdir', 'moved'), 'latin1') === 'guest data\n', 'the guest file is not on the host', r);
      expect(!existsSync(join(share, 'from-guest')), 'the renamed file is still there', r);
      expect(readFileSync(join(share, 'big')).equals(Buffer.concat(Array(64).fill(pattern(65536)))),
        'the 4 MiB file on the host differs', r);
      expect(readFileSync(join(dir, 'outside'), 'latin1') === 'secret\n', 'the file outside the share changed', r);
    },
  },
];
