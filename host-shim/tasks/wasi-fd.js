// WASI preview1 fd_* calls onto Janux syscalls: data is staged through the
// shadow scratch (one read/write per call, at most the scratch's size, so
// reads and writes may be short as readv/writev may), stats through statx.

import { NR, LX, W, filetypeOfMode, filetypeOfDtype } from './wasi-abi.js';
import { WASI } from './wasi-errno.js';
import { WasiError } from './wasi-memory.js';

const STATX_SIZE = 256, FILESTAT_SIZE = 64, DIRENT_SIZE = 24;
const READDIR_CHUNK = 65536;

/** A 64-bit BigInt as the [lo, hi] register pair of a 32-bit syscall. */
export const split64 = (v) => [Number(BigInt.asUintN(32, v)) | 0, Number(BigInt.asUintN(32, v >> 32n)) | 0];

// The iovecs (iovs, n) of the module and the bytes they give, capped by the scratch.
function iovTotal(k, iovs, n) {
  const list = k.mem.iovecs(iovs, n);
  return { list, total: Math.min(list.reduce((s, v) => s + v.len, 0), k.scratch.room()) };
}

// One read-like call (read, pread64) scattered into the module's iovecs.
function readv(k, nr, fd, iovs, n, off) {
  const { list, total } = iovTotal(k, iovs, n);
  const at = k.scratch.alloc(total);
  const got = k.sys(nr, fd, at, total, ...off);
  let src = k.scratch.bytes(at, got);
  for (const v of list) {
    const c = Math.min(v.len, src.length);
    k.mem.bytes(v.ptr, c).set(src.subarray(0, c));
    src = src.subarray(c);
  }
  return got;
}

// One write-like call (write, pwrite64) gathered from the module's iovecs.
function writev(k, nr, fd, iovs, n, off) {
  const { list, total } = iovTotal(k, iovs, n);
  const at = k.scratch.alloc(total);
  let pos = at;
  for (const v of list) {
    const c = Math.min(v.len, at + total - pos);
    k.scratch.bytes(pos, c).set(k.mem.bytes(v.ptr, c));
    pos += c;
  }
  return k.sys(nr, fd, at, total, ...off);
}

const ns = (v, at) => v.getBigInt64(at, true) * 1000000000n + BigInt(v.getUint32(at + 8, true));

/**
 * statx(dirfd, path, flags) written to the module's filestat at `out`.
 * @param {object} k  the WASI call context (wasi.js)
 * @param {Uint8Array} path  module bytes (empty with AT_EMPTY_PATH)
 */
export function filestat(k, dirfd, path, flags, out) {
  const p = k.scratch.cstr(path), sx = k.scratch.alloc(STATX_SIZE);
  k.sys(NR.statx, dirfd, p, flags, LX.STATX_BASIC, sx);
  const s = k.scratch.view(sx, STATX_SIZE), o = k.mem.view(out, FILESTAT_SIZE);
  new Uint8Array(o.buffer, o.byteOffset, FILESTAT_SIZE).fill(0);
  o.setBigUint64(0, (BigInt(s.getUint32(136, true)) << 32n) | BigInt(s.getUint32(140, true)), true);
  o.setBigUint64(8, s.getBigUint64(32, true), true);
  o.setUint8(16, filetypeOfMode(s.getUint16(28, true)));
  o.setBigUint64(24, BigInt(s.getUint32(16, true)), true);
  o.setBigUint64(32, s.getBigUint64(40, true), true);
  o.setBigInt64(40, ns(s, 64), true);
  o.setBigInt64(48, ns(s, 112), true);
  o.setBigInt64(56, ns(s, 96), true);
}

// One timespec of a utimensat times pair from WASI ns `t` and fstflags bits.
function utime(v, at, t, flags, set, now) {
  const ns = flags & now ? BigInt(LX.UTIME_NOW) : flags & set ? t % 1000000000n : BigInt(LX.UTIME_OMIT);
  v.setBigInt64(at, flags & set && !(flags & now) ? t / 1000000000n : 0n, true);
  v.setBigInt64(at + 8, ns, true);
}

/**
 * utimensat(dirfd, path, times, flags) for WASI times (ns BigInts) and
 * fstflags; `path` is a shadow address, 0 for the fd itself.
 * @param {object} k  the WASI call context (wasi.js)
 */
export function setTimes(k, dirfd, path, atim, mtim, fst, flags) {
  const ts = k.scratch.alloc(32), v = k.scratch.view(ts, 32);
  utime(v, 0, atim, fst, W.FSTFLAGS.atim, W.FSTFLAGS.atimNow);
  utime(v, 16, mtim, fst, W.FSTFLAGS.mtim, W.FSTFLAGS.mtimNow);
  k.sys(NR.utimensat_time64, dirfd, path, ts, flags);
}

// llseek(fd, offset, whence); returns the new offset as a BigInt.
function seek(k, fd, offset, whence) {
  const [lo, hi] = split64(offset), res = k.scratch.alloc(8);
  k.sys(NR.llseek, fd, hi, lo, res, whence);
  return k.scratch.view(res, 8).getBigUint64(0, true);
}

function fdstat(k, fd, out) {
  const flags = k.sys(NR.fcntl, fd, LX.F_GETFL, 0);
  const sx = k.scratch.alloc(STATX_SIZE);
  k.sys(NR.statx, fd, k.scratch.cstr(new Uint8Array(0)), LX.AT_EMPTY_PATH, LX.STATX_BASIC, sx);
  const o = k.mem.view(out, 24);
  o.setUint8(0, filetypeOfMode(k.scratch.view(sx, STATX_SIZE).getUint16(28, true)));
  o.setUint16(2, (flags & LX.O_APPEND ? W.FDFLAGS.append : 0) |
                 (flags & LX.O_NONBLOCK ? W.FDFLAGS.nonblock : 0), true);
  o.setBigUint64(8, W.RIGHTS_ALL, true);
  o.setBigUint64(16, W.RIGHTS_ALL, true);
}

// One linux_dirent64 at `at` of the scratch as a WASI dirent (header + name).
function dirent(k, at) {
  const v = k.scratch.view(at, 19), reclen = v.getUint16(16, true);
  const raw = k.scratch.bytes(at + 19, reclen - 19), name = raw.subarray(0, raw.indexOf(0));
  const d = new Uint8Array(DIRENT_SIZE + name.length), o = new DataView(d.buffer);
  o.setBigUint64(0, v.getBigUint64(8, true), true);
  o.setBigUint64(8, v.getBigUint64(0, true), true);
  o.setUint32(16, name.length, true);
  o.setUint8(20, filetypeOfDtype(v.getUint8(18)));
  d.set(name, DIRENT_SIZE);
  return { d, reclen };
}

// fd_readdir: entries from `cookie` (a getdents64 d_off) until buf is full.
function readdir(k, fd, buf, len, cookie, usedPtr) {
  const out = k.mem.bytes(buf, len);
  seek(k, fd, cookie, 0);
  const chunk = Math.min(READDIR_CHUNK, k.scratch.room()), at = k.scratch.alloc(chunk);
  let used = 0;
  for (let n; used < len && (n = k.sys(NR.getdents64, fd, at, chunk)) > 0;) {
    for (let o = 0; o < n && used < len;) {
      const { d, reclen } = dirent(k, at + o);
      const c = Math.min(d.length, len - used);
      out.set(d.subarray(0, c), used);
      used += c;
      o += reclen;
    }
  }
  k.mem.setU32(usedPtr, used);
}

function preopenOnly(fd) {
  if (fd !== W.PREOPEN_FD) throw new WasiError(WASI.BADF);
}

/** The fd_* calls, each (args) => void or throws WasiError; k: wasi.js context. */
export function fdCalls(k) {
  const fdflagsToLinux = (f) => (f & W.FDFLAGS.append ? LX.O_APPEND : 0) | (f & W.FDFLAGS.nonblock ? LX.O_NONBLOCK : 0);
  return {
    fd_read: (fd, iovs, n, nread) => k.mem.setU32(nread, readv(k, NR.read, fd, iovs, n, [])),
    fd_pread: (fd, iovs, n, off, nread) => k.mem.setU32(nread, readv(k, NR.pread64, fd, iovs, n, split64(off))),
    fd_write: (fd, iovs, n, nw) => k.mem.setU32(nw, writev(k, NR.write, fd, iovs, n, [])),
    fd_pwrite: (fd, iovs, n, off, nw) => k.mem.setU32(nw, writev(k, NR.pwrite64, fd, iovs, n, split64(off))),
    fd_seek: (fd, off, whence, out) => k.mem.setU64(out, seek(k, fd, off, whence)),
    fd_tell: (fd, out) => k.mem.setU64(out, seek(k, fd, 0n, 1)),
    fd_close: (fd) => k.sys(NR.close, fd),
    fd_sync: (fd) => k.sys(NR.fsync, fd),
    fd_datasync: (fd) => k.sys(NR.fdatasync, fd),
    fd_filestat_set_size: (fd, size) => k.sys(NR.ftruncate, fd, ...split64(size)),
    fd_fdstat_get: (fd, out) => fdstat(k, fd, out),
    fd_fdstat_set_flags: (fd, flags) => k.sys(NR.fcntl, fd, LX.F_SETFL, fdflagsToLinux(flags)),
    fd_filestat_set_times: (fd, atim, mtim, fst) => setTimes(k, fd, 0, atim, mtim, fst, 0),
    fd_renumber(from, to) {
      if (from === to) return void k.sys(NR.fcntl, from, LX.F_GETFL, 0);
      k.sys(NR.dup3, from, to, 0);
      k.sys(NR.close, from);
    },
    fd_filestat_get: (fd, out) => filestat(k, fd, new Uint8Array(0), LX.AT_EMPTY_PATH, out),
    fd_prestat_get: (fd, out) => {
      preopenOnly(fd);
      k.mem.view(out, 8).setUint8(0, 0);
      k.mem.setU32(out + 4, 1);
    },
    fd_prestat_dir_name: (fd, path, len) => {
      preopenOnly(fd);
      if (len < 1) throw new WasiError(WASI.INVAL);
      k.mem.bytes(path, 1)[0] = 0x2f; // "/"
    },
    fd_readdir: (fd, buf, len, cookie, used) => readdir(k, fd, buf, len, cookie, used),
  };
}
