// Numbers the WASI layer uses: the Janux (asm-generic, ILP32) syscalls and
// flags it issues, and the WASI preview1 enums it translates to and from.

/** Syscall numbers (kernel/sys/syscalls.def, the ILP32 lines on wasm32). */
export const NR = Object.freeze({
  dup3: 24, fcntl: 25, mkdirat: 34, unlinkat: 35, symlinkat: 36, linkat: 37, renameat: 38, ftruncate: 46,
  openat: 56, close: 57, getdents64: 61, llseek: 62, read: 63, write: 64, pread64: 67,
  pwrite64: 68, readlinkat: 78, fsync: 82, fdatasync: 83, exit_group: 94, sched_yield: 124,
  getrandom: 278, statx: 291, clock_gettime64: 403, clock_getres_time64: 406, ppoll_time64: 414, utimensat_time64: 412,
});

/** Linux flags (kernel/include/janux/fcntl.h and friends). */
export const LX = Object.freeze({
  O_WRONLY: 1, O_RDWR: 2, O_CREAT: 0o100, O_EXCL: 0o200, O_TRUNC: 0o1000, O_APPEND: 0o2000,
  O_NONBLOCK: 0o4000, O_DSYNC: 0o10000, O_DIRECTORY: 0o200000, O_NOFOLLOW: 0o400000,
  O_CLOEXEC: 0o2000000, O_SYNC: 0o4010000, O_ACCMODE: 3,
  AT_FDCWD: -100, AT_SYMLINK_NOFOLLOW: 0x100, AT_REMOVEDIR: 0x200, AT_SYMLINK_FOLLOW: 0x400,
  AT_EMPTY_PATH: 0x1000, UTIME_NOW: 0x3fffffff, UTIME_OMIT: 0x3ffffffe,
  F_GETFL: 3, F_SETFL: 4, STATX_BASIC: 0x7ff,
  POLLIN: 1, POLLOUT: 4, POLLERR: 8, POLLHUP: 0x10, POLLNVAL: 0x20,
});

/** WASI preview1 enum values and flag bits. */
export const W = Object.freeze({
  FILETYPE: { unknown: 0, block: 1, char: 2, dir: 3, file: 4, sockStream: 6, symlink: 7 },
  FDFLAGS: { append: 1, dsync: 2, nonblock: 4, rsync: 8, sync: 16 },
  OFLAGS: { creat: 1, directory: 2, excl: 4, trunc: 8 },
  LOOKUP_SYMLINK_FOLLOW: 1,
  RIGHTS_FD_READ: 1n << 1n, RIGHTS_FD_WRITE: 1n << 6n, RIGHTS_FD_READDIR: 1n << 14n,
  RIGHTS_ALL: (1n << 30n) - 1n,
  EVENT: { clock: 0, fdRead: 1, fdWrite: 2 },
  SUBCLOCK_ABSTIME: 1, EVENTRW_HANGUP: 1,
  FSTFLAGS: { atim: 1, atimNow: 2, mtim: 4, mtimNow: 8 },
  PREOPEN_FD: 3, // "/" (docs/wasm32.md "WASI")
});

// S_IFMT type (mode >> 12) -> WASI filetype; a FIFO is "unknown" in WASI.
const BY_MODE = { 0o1: 0, 0o2: 2, 0o4: 3, 0o6: 1, 0o10: 4, 0o12: 7, 0o14: 6 };
// linux_dirent64 d_type -> WASI filetype.
const BY_DTYPE = { 1: 0, 2: 2, 4: 3, 6: 1, 8: 4, 10: 7, 12: 6 };

/** WASI filetype of a Linux st_mode. */
export const filetypeOfMode = (mode) => BY_MODE[(mode >> 12) & 0o17] ?? 0;

/** WASI filetype of a Linux d_type. */
export const filetypeOfDtype = (t) => BY_DTYPE[t] ?? 0;
