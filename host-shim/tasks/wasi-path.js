// WASI preview1 path_* calls onto Janux's *at syscalls: the WASI dirfd is
// the Janux fd (the preopen is fd 3 = "/"), paths are copied into the
// shadow scratch with a NUL; WASI rights only choose the open mode.

import { NR, LX, W } from './wasi-abi.js';
import { filestat, setTimes } from './wasi-fd.js';

// open(2) flags for a path_open.
function openFlags(dirflags, oflags, base, fdflags) {
  const r = (base & (W.RIGHTS_FD_READ | W.RIGHTS_FD_READDIR)) !== 0n;
  const w = (base & W.RIGHTS_FD_WRITE) !== 0n;
  const bits = [
    [oflags & W.OFLAGS.creat, LX.O_CREAT], [oflags & W.OFLAGS.directory, LX.O_DIRECTORY],
    [oflags & W.OFLAGS.excl, LX.O_EXCL], [oflags & W.OFLAGS.trunc, LX.O_TRUNC],
    [fdflags & W.FDFLAGS.append, LX.O_APPEND], [fdflags & W.FDFLAGS.nonblock, LX.O_NONBLOCK],
    [fdflags & W.FDFLAGS.dsync, LX.O_DSYNC], [fdflags & (W.FDFLAGS.sync | W.FDFLAGS.rsync), LX.O_SYNC],
    [!(dirflags & W.LOOKUP_SYMLINK_FOLLOW), LX.O_NOFOLLOW],
  ];
  let fl = w ? (r ? LX.O_RDWR : LX.O_WRONLY) : 0;
  for (const [on, flag] of bits) if (on) fl |= flag;
  return fl;
}

/** The path_* calls, each (args) => void or throws WasiError; k: wasi.js context. */
export function pathCalls(k) {
  const path = (ptr, len) => k.scratch.cstr(k.mem.bytes(ptr, len));
  return {
    path_open(dirfd, dirflags, p, len, oflags, base, _inheriting, fdflags, out) {
      const fd = k.sys(NR.openat, dirfd, path(p, len), openFlags(dirflags, oflags, base, fdflags), 0o666);
      k.mem.setU32(out, fd);
    },
    path_filestat_get(dirfd, flags, p, len, out) {
      const at = flags & W.LOOKUP_SYMLINK_FOLLOW ? 0 : LX.AT_SYMLINK_NOFOLLOW;
      filestat(k, dirfd, k.mem.bytes(p, len), at, out);
    },
    path_create_directory: (dirfd, p, len) => k.sys(NR.mkdirat, dirfd, path(p, len), 0o777),
    path_unlink_file: (dirfd, p, len) => k.sys(NR.unlinkat, dirfd, path(p, len), 0),
    path_remove_directory: (dirfd, p, len) => k.sys(NR.unlinkat, dirfd, path(p, len), LX.AT_REMOVEDIR),
    path_rename: (fd1, p1, len1, fd2, p2, len2) => k.sys(NR.renameat, fd1, path(p1, len1), fd2, path(p2, len2)),
    path_symlink: (p1, len1, dirfd, p2, len2) => k.sys(NR.symlinkat, path(p1, len1), dirfd, path(p2, len2)),
    path_link(fd1, flags, p1, len1, fd2, p2, len2) {
      const at = flags & W.LOOKUP_SYMLINK_FOLLOW ? LX.AT_SYMLINK_FOLLOW : 0;
      k.sys(NR.linkat, fd1, path(p1, len1), fd2, path(p2, len2), at);
    },
    path_filestat_set_times(dirfd, flags, p, len, atim, mtim, fst) {
      const at = flags & W.LOOKUP_SYMLINK_FOLLOW ? 0 : LX.AT_SYMLINK_NOFOLLOW;
      setTimes(k, dirfd, path(p, len), atim, mtim, fst, at);
    },
    path_readlink(dirfd, p, len, buf, bufLen, used) {
      const name = path(p, len), cap = Math.min(bufLen, k.scratch.room());
      const at = k.scratch.alloc(cap), n = k.sys(NR.readlinkat, dirfd, name, at, cap);
      k.mem.bytes(buf, n).set(k.scratch.bytes(at, n));
      k.mem.setU32(used, n);
    },
  };
}
