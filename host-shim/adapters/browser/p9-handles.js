// Browser backend of the 9P server (devices/p9.js): a directory handle of
// the File System Access API, either a folder the user picked or the origin
// private file system's share directory (share-store.js). Same interface as
// adapters/node/p9-hostdir.js. Such handles hold only directories and files
// with bytes and a modification time, so the rest is fixed or refused
// (docs/9p.md, "The browser backend"): modes and owners are fixed (changes
// are ignored), symlinks and hard links are EPERM, times the guest sets
// are kept in memory.
// A handle names a child only by a single name, so nothing outside the root
// can be reached.

import { ERRNO, P9Error } from '../../devices/p9codec.js';

const DIR_MODE = 0o040777, FILE_MODE = 0o100777;
const BLOCK = 4096;

/** Linux errno numbers for the DOMException names the handles throw. */
const DOM_ERRNO = {
  NotFoundError: ERRNO.ENOENT, TypeMismatchError: ERRNO.ENOTDIR, InvalidModificationError: ERRNO.ENOTEMPTY,
  NoModificationAllowedError: ERRNO.EBUSY, NotAllowedError: ERRNO.EACCES, SecurityError: ERRNO.EACCES,
  QuotaExceededError: ERRNO.ENOSPC, NotSupportedError: ERRNO.EOPNOTSUPP, TypeError: ERRNO.EINVAL,
};

/** The Linux errno for any thrown error (EIO when unknown). */
export function errnoOf(e) {
  if (e instanceof P9Error) return e.errno;
  return DOM_ERRNO[e?.name] ?? ERRNO.EIO;
}

const refuse = (errno, why) => { throw new P9Error(errno, why); };
const keyOf = (rel) => rel.join('/');
const under = (key, top) => key === top || key.startsWith(`${top}/`);

/**
 * A backend over the directory handle `root()` resolves to (asked at every
 * request, so the page can switch folders; see reset()).
 * @param {() => Promise<FileSystemDirectoryHandle>} root
 * @param {{estimate?: () => Promise<{quota?: number, usage?: number}>}} [opts]
 */
export function handlesBackend(root, { estimate = async () => ({}) } = {}) {
  const meta = new Map(); // key -> { ino, times?: { atime, mtime, stamp } }
  const writers = new Map(); // key -> Promise<FileSystemWritableFileStream>, uncommitted
  const fds = new Map(); // fd -> { key, handle }
  let nextIno = 1, nextFd = 3;
  const started = Date.now();

  const metaOf = (key) => meta.get(key) ?? meta.set(key, { ino: nextIno++ }).get(key);
  function forget(top) { for (const k of [...meta.keys()]) if (under(k, top)) meta.delete(k); }

  /** Commit the pending writes to `key` (or every file's when key is null). */
  async function flush(key = null) {
    for (const [k, w] of [...writers]) {
      if (key !== null && k !== key) continue;
      writers.delete(k);
      await (await w).close();
    }
  }

  /** The directory handle at rel (every component a directory). */
  async function dirAt(rel) {
    let dir = await root();
    for (const name of rel) dir = await dir.getDirectoryHandle(name);
    return dir;
  }

  /** { parent, name, handle } of rel; the root has no parent. */
  async function entry(rel) {
    if (!rel.length) return { parent: null, name: '', handle: await root() };
    const parent = await dirAt(rel.slice(0, -1)), name = rel[rel.length - 1];
    try { return { parent, name, handle: await parent.getFileHandle(name) }; } catch (e) {
      if (e?.name !== 'TypeMismatchError') throw e;
      return { parent, name, handle: await parent.getDirectoryHandle(name) };
    }
  }

  async function fileAt(rel) {
    const e = await entry(rel);
    if (e.handle.kind !== 'file') refuse(ERRNO.EISDIR);
    return e;
  }

  /** Refuse with EEXIST when `parent` has an entry `name`. */
  async function absent(parent, name) {
    for (const get of ['getFileHandle', 'getDirectoryHandle']) {
      try { await parent[get](name); } catch (e) {
        if (e?.name === 'NotFoundError' || e?.name === 'TypeMismatchError') continue;
        throw e;
      }
      refuse(ERRNO.EEXIST);
    }
  }

  function newFd(rel, handle) { fds.set(nextFd, { key: keyOf(rel), handle }); return nextFd++; }
  const fdOf = (fd) => fds.get(fd) ?? refuse(ERRNO.EBADF);
  /** The write stream of `key`, opened (keeping the data) at the first write since the last commit. */
  function writer(key, handle) {
    if (!writers.has(key)) writers.set(key, handle.createWritable({ keepExistingData: true }));
    return writers.get(key);
  }

  /** lstat: fixed mode, owner and link count; size and mtime from the browser. */
  async function lstat(rel) {
    const key = keyOf(rel);
    await flush(key);
    const { handle } = await entry(rel);
    const file = handle.kind === 'file' ? await handle.getFile() : null;
    const m = metaOf(key), size = file ? file.size : BLOCK;
    const modified = file ? file.lastModified : started;
    const t = m.times?.stamp === modified ? m.times : { atime: modified * 1e6, mtime: modified * 1e6 };
    const ns = (v) => BigInt(Math.round(v));
    return {
      ino: m.ino, mode: file ? FILE_MODE : DIR_MODE, uid: 0, gid: 0, nlink: file ? 1 : 2, rdev: 0,
      size, blksize: BLOCK, blocks: Math.ceil(size / 512),
      atimeNs: ns(t.atime), mtimeNs: ns(t.mtime), ctimeNs: ns(modified * 1e6),
    };
  }

  /** Move rel's entry to `to` (an absent name): the handle's move(), else EXDEV (mv copies). */
  async function moveEntry(handle, toParent, toName) {
    if (typeof handle.move !== 'function') refuse(ERRNO.EXDEV, 'this browser cannot move entries');
    try { await handle.move(toParent, toName); } catch (e) {
      if (e?.name === 'NotSupportedError' || e?.name === 'InvalidModificationError') refuse(ERRNO.EXDEV);
      throw e;
    }
  }

  return {
    lstat,
    async statfs() {
      const { quota = 0, usage = 0 } = await estimate();
      const blocks = Math.floor(quota / BLOCK), free = Math.max(0, Math.floor((quota - usage) / BLOCK));
      return { bsize: BLOCK, blocks, bfree: free, bavail: free, files: 0, ffree: 0 };
    },
    async readdir(rel) {
      const names = [];
      for await (const name of (await dirAt(rel)).keys()) names.push(name);
      return names;
    },
    async readlink(rel) { await entry(rel); refuse(ERRNO.EINVAL, 'not a symlink'); },
    async open(rel, acc, trunc) {
      const { handle } = await fileAt(rel);
      if (trunc) { await flush(keyOf(rel)); writers.set(keyOf(rel), handle.createWritable({ keepExistingData: false })); }
      return newFd(rel, handle);
    },
    async opendir(rel) { if ((await entry(rel)).handle.kind !== 'directory') refuse(ERRNO.ENOTDIR); },
    async create(rel, acc, mode) {
      const parent = await dirAt(rel.slice(0, -1)), name = rel[rel.length - 1];
      await absent(parent, name);
      forget(keyOf(rel));
      return newFd(rel, await parent.getFileHandle(name, { create: true }));
    },
    async read(fd, buf, pos) {
      const { key, handle } = fdOf(fd);
      await flush(key);
      const bytes = new Uint8Array(await (await handle.getFile()).slice(pos, pos + buf.length).arrayBuffer());
      buf.set(bytes);
      return bytes.length;
    },
    async write(fd, buf, pos) {
      const { key, handle } = fdOf(fd);
      await (await writer(key, handle)).write({ type: 'write', position: pos, data: buf });
      return buf.length;
    },
    fsync: async (fd) => flush(fdOf(fd).key),
    async close(fd) { const { key } = fdOf(fd); fds.delete(fd); await flush(key); },
    async mkdir(rel, mode) {
      const parent = await dirAt(rel.slice(0, -1)), name = rel[rel.length - 1];
      await absent(parent, name);
      forget(keyOf(rel));
      await parent.getDirectoryHandle(name, { create: true });
    },
    symlink: async () => refuse(ERRNO.EPERM, 'browser storage has no symlinks'),
    link: async () => refuse(ERRNO.EPERM, 'browser storage has no hard links'),
    async unlink(rel) {
      const { parent, name } = await fileAt(rel);
      await flush(keyOf(rel));
      await parent.removeEntry(name);
      forget(keyOf(rel));
    },
    async rmdir(rel) {
      const { parent, name, handle } = await entry(rel);
      if (!parent) refuse(ERRNO.EBUSY);
      if (handle.kind !== 'directory') refuse(ERRNO.ENOTDIR);
      await parent.removeEntry(name);
      forget(keyOf(rel));
    },
    async rename(from, to) {
      const src = await entry(from), fk = keyOf(from), tk = keyOf(to);
      if (!src.parent) refuse(ERRNO.EBUSY);
      if (fk === tk) return;
      if (src.handle.kind === 'directory' && under(tk, fk)) refuse(ERRNO.EINVAL);
      await flush();
      const dst = await entry(to).catch((e) => { if (e?.name === 'NotFoundError') return null; throw e; });
      if (dst) await replaceable(src.handle, dst);
      const toParent = dst?.parent ?? await dirAt(to.slice(0, -1));
      if (dst) await dst.parent.removeEntry(dst.name);
      await moveEntry(src.handle, toParent, to[to.length - 1]);
      forget(tk);
      for (const [k, m] of [...meta]) if (under(k, fk)) { meta.delete(k); meta.set(tk + k.slice(fk.length), m); }
    },
    /** Modes and owners are fixed: a change is accepted and ignored (vfat's "quiet"). */
    chmod: async (rel) => { await entry(rel); },
    chown: async (rel) => { await entry(rel); },
    async truncate(rel, size) {
      const { handle } = await fileAt(rel);
      await flush(keyOf(rel));
      const w = await handle.createWritable({ keepExistingData: true });
      await w.truncate(size);
      await w.close();
    },
    /** Times in seconds, kept in memory until the file's content changes. */
    async utimes(rel, atime, mtime) {
      await flush(keyOf(rel));
      const { handle } = await entry(rel);
      const stamp = handle.kind === 'file' ? (await handle.getFile()).lastModified : started;
      metaOf(keyOf(rel)).times = { atime: atime * 1e9, mtime: mtime * 1e9, stamp };
    },
    /** Forget every file's identity (after the root changed); open files keep their handles. */
    async reset() { await flush(); meta.clear(); },
  };
}

/** Refuse a rename onto `dst` as rename(2) does: file and directory kinds must agree, a directory be empty. */
async function replaceable(src, dst) {
  if (src.kind === 'file' && dst.handle.kind === 'directory') refuse(ERRNO.EISDIR);
  if (src.kind === 'directory' && dst.handle.kind === 'file') refuse(ERRNO.ENOTDIR);
  if (dst.handle.kind === 'directory') for await (const _ of dst.handle.keys()) refuse(ERRNO.ENOTEMPTY);
}
