// Node backend of the 9P server: one host directory, confined. Callers name
// files by a list of components below the root (already checked: no "",
// ".", "..", "/" or NUL). Every component above the last is lstat'ed and must
// be a real directory; the last is never followed (O_NOFOLLOW, lstat, l*
// calls), so no symlink, absolute or relative or chained, is resolved on the
// host: symlinks are only ever read as text, for the guest to resolve.

import fs from 'node:fs';
import path from 'node:path';
import { ERRNO, P9Error } from '../../devices/p9codec.js';

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_NOFOLLOW, O_NONBLOCK, O_DIRECTORY } = fs.constants;

/** The Linux errno for any thrown error (EIO when unknown). */
export function errnoOf(e) {
  if (e instanceof P9Error) return e.errno;
  return ERRNO[e?.code] ?? 5;
}

/**
 * A backend serving `root` (which must be a directory).
 * @param {string} root
 */
export function hostDirBackend(root) {
  const top = fs.realpathSync(root);
  if (!fs.lstatSync(top).isDirectory()) throw new Error(`${root}: not a directory`);

  /** The host path of rel after checking every parent component is a real directory. */
  function resolve(rel) {
    let p = top;
    for (let i = 0; i < rel.length - 1; i++) {
      p = path.join(p, rel[i]);
      const st = fs.lstatSync(p);
      if (!st.isDirectory()) throw new P9Error(st.isSymbolicLink() ? ERRNO.ELOOP : ERRNO.ENOTDIR);
    }
    return rel.length ? path.join(p, rel[rel.length - 1]) : top;
  }

  /** Run fn(fd) on the node itself (never a symlink's target). */
  function withFd(rel, fn) {
    const p = resolve(rel);
    let fd;
    for (const acc of [O_RDONLY, O_WRONLY]) {
      try { fd = fs.openSync(p, acc | O_NOFOLLOW | O_NONBLOCK); break; } catch (e) {
        if (e.code === 'ELOOP') throw new P9Error(ERRNO.EOPNOTSUPP, 'attribute change on a symlink');
        if (e.code !== 'EACCES' || acc === O_WRONLY) throw e;
      }
    }
    try { return fn(fd); } finally { fs.closeSync(fd); }
  }

  return {
    lstat: (rel) => fs.lstatSync(resolve(rel), { bigint: true }),
    statfs: () => fs.statfsSync(top),
    readdir: (rel) => fs.readdirSync(resolve(rel)),
    readlink: (rel) => fs.readlinkSync(resolve(rel), { encoding: 'buffer' }),
    /** An fd for rel; acc is 0/1/2 (read/write/both), trunc to empty it. */
    open(rel, acc, trunc) {
      const mode = [O_RDONLY, O_WRONLY, O_RDWR][acc] ?? O_RDONLY;
      return fs.openSync(resolve(rel), mode | (trunc ? O_TRUNC : 0) | O_NOFOLLOW | O_NONBLOCK);
    },
    /** Open a directory (to check it can be listed). */
    opendir(rel) { fs.closeSync(fs.openSync(resolve(rel), O_RDONLY | O_DIRECTORY | O_NOFOLLOW)); },
    create(rel, acc, mode) {
      const flags = ([O_RDONLY, O_WRONLY, O_RDWR][acc] ?? O_RDONLY) | O_CREAT | O_EXCL | O_NOFOLLOW;
      return fs.openSync(resolve(rel), flags, mode);
    },
    read: (fd, buf, pos) => fs.readSync(fd, buf, 0, buf.length, pos),
    write: (fd, buf, pos) => fs.writeSync(fd, buf, 0, buf.length, pos),
    fsync: (fd) => fs.fsyncSync(fd),
    close: (fd) => fs.closeSync(fd),
    mkdir: (rel, mode) => fs.mkdirSync(resolve(rel), mode),
    symlink: (target, rel) => fs.symlinkSync(target, resolve(rel)),
    link: (from, to) => fs.linkSync(resolve(from), resolve(to)),
    unlink: (rel) => fs.unlinkSync(resolve(rel)),
    rmdir: (rel) => fs.rmdirSync(resolve(rel)),
    rename: (from, to) => fs.renameSync(resolve(from), resolve(to)),
    chmod: (rel, mode) => withFd(rel, (fd) => fs.fchmodSync(fd, mode)),
    chown: (rel, uid, gid) => withFd(rel, (fd) => fs.fchownSync(fd, uid, gid)),
    truncate(rel, size) {
      const fd = fs.openSync(resolve(rel), O_WRONLY | O_NOFOLLOW | O_NONBLOCK);
      try { fs.ftruncateSync(fd, size); } finally { fs.closeSync(fd); }
    },
    /** Times in seconds (fractional); never follows a symlink. */
    utimes: (rel, atime, mtime) => fs.lutimesSync(resolve(rel), atime, mtime),
  };
}
