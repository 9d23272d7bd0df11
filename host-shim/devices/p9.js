// 9P2000.L server device model: turns one request message into one reply
// message over a storage backend (host-shim/adapters/node/p9-hostdir.js for
// a host directory). Fids name files by component lists below the share's
// root; ".." in a walk stops at the root, every other name is one plain
// component, and the backend never follows a symlink, so nothing outside
// the share is reachable. Malformed requests get Rlerror(EIO);
// bytes after the last field are ignored, as the kernel's codec does.

import { T, HDR, NOTAG, QTDIR, QTSYMLINK, ERRNO as E, P9Error, P9Malformed, Writer, parseHeader, lerror } from './p9codec.js';

const S_IFMT = 0o170000, S_IFDIR = 0o040000, S_IFLNK = 0o120000;
const GETATTR_BASIC = 0x7ffn;
const SETATTR = { MODE: 0x1, UID: 0x2, GID: 0x4, SIZE: 0x8, ATIME: 0x10, MTIME: 0x20, ATIME_SET: 0x80, MTIME_SET: 0x100 };
const AT_REMOVEDIR = 0x200;
const P9_TRUNC = 0o1000;
const MAX_WALK = 16;
const V9FS_MAGIC = 0x01021997;
const IOHDR = 24; // Twrite header (23) rounded, as iounit = msize - IOHDR
const utf8 = new TextEncoder();

/** Answer the request with Rlerror(errno). */
const fail = (errno) => { throw new P9Error(errno); };

/** Check one name from the client: a single component, no NUL, not . or ... */
function checkName(name) {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) fail(E.EINVAL);
  if (utf8.encode(name).length > 255) fail(E.ENAMETOOLONG);
  return name;
}

/** A qid for lstat result st. */
function qidOf(st) {
  const fmt = Number(st.mode) & S_IFMT;
  return { type: fmt === S_IFDIR ? QTDIR : fmt === S_IFLNK ? QTSYMLINK : 0, version: 0, path: st.ino };
}

/**
 * A 9P2000.L server over `backend`.
 * @param {object} backend see hostDirBackend
 * @param {{msize?: number, errnoOf: (e: Error) => number}} opts
 * @returns {{handle: (req: Uint8Array) => Promise<Uint8Array>}}
 */
export function createP9Server(backend, { msize = 131072, errnoOf }) {
  let maxSize = msize;
  /** fid -> { rel: string[], fd: number|null, dir: boolean, open: boolean, list: string[]|null } */
  const fids = new Map();

  const fid = (n) => fids.get(n) ?? fail(E.EBADF);
  const freshFid = (n) => (fids.has(n) ? fail(E.EINVAL) : n);
  const stat = async (rel) => backend.lstat(rel);
  const qidAt = async (rel) => qidOf(await stat(rel));
  const parentOf = (f) => (f.dir ? f.rel : fail(E.ENOTDIR));
  const iounit = () => maxSize - IOHDR;
  const closeFid = async (f) => { if (f.fd !== null) await backend.close(f.fd); };

  async function walkOne(rel, name) {
    if (name === '..') return rel.slice(0, -1); // the root is its own parent
    if (name === '.') return rel;
    const next = [...rel, checkName(name)];
    await stat(next); // must exist (parents checked as real directories)
    return next;
  }

  const ops = {
    async [T.VERSION](r, w) {
      const size = r.u32(), version = r.str();
      for (const f of fids.values()) await closeFid(f).catch(() => {});
      fids.clear();
      maxSize = Math.max(4096, Math.min(size, msize));
      w.u32(maxSize).str(version.startsWith('9P2000.L') ? '9P2000.L' : 'unknown');
    },
    async [T.ATTACH](r, w) {
      const n = freshFid(r.u32()); r.u32(); r.str(); r.str(); r.u32();
      fids.set(n, { rel: [], fd: null, dir: true, open: false, list: null });
      w.qid(await qidAt([]));
    },
    async [T.WALK](r, w) {
      const from = fid(r.u32()), newfid = r.u32(), count = r.u16();
      if (count > MAX_WALK) fail(E.EINVAL);
      const names = Array.from({ length: count }, () => r.str());
      if (newfid !== from && fids.has(newfid)) fail(E.EINVAL);
      let rel = from.rel; const qids = [];
      for (const name of names) {
        try { rel = await walkOne(rel, name); } catch (e) { if (!qids.length) throw e; break; }
        qids.push(await qidAt(rel));
      }
      if (qids.length === names.length) {
        const st = await stat(rel);
        fids.set(newfid, { rel, fd: null, dir: (Number(st.mode) & S_IFMT) === S_IFDIR, open: false, list: null });
      }
      w.u16(qids.length); for (const q of qids) w.qid(q);
    },
    async [T.LOPEN](r, w) {
      const f = fid(r.u32()), flags = r.u32();
      if (f.open) fail(E.EINVAL);
      if (f.dir) { if (flags & 3) fail(E.EISDIR); await backend.opendir(f.rel); }
      else f.fd = await backend.open(f.rel, flags & 3, (flags & P9_TRUNC) !== 0);
      f.open = true;
      w.qid(await qidAt(f.rel)).u32(iounit());
    },
    async [T.LCREATE](r, w) {
      const f = fid(r.u32()), name = checkName(r.str()), flags = r.u32(), mode = r.u32(); r.u32();
      if (f.open) fail(E.EINVAL);
      const rel = [...parentOf(f), name];
      f.fd = await backend.create(rel, flags & 3, mode & 0o777);
      Object.assign(f, { rel, dir: false, open: true });
      w.qid(await qidAt(rel)).u32(iounit());
    },
    async [T.SYMLINK](r, w) {
      const f = fid(r.u32()), name = checkName(r.str()), target = r.str(); r.u32();
      if (target === '' || target.includes('\0')) fail(E.EINVAL);
      const rel = [...parentOf(f), name];
      await backend.symlink(target, rel);
      w.qid(await qidAt(rel));
    },
    async [T.MKNOD](r) { fid(r.u32()); r.str(); r.u32(); r.u32(); r.u32(); r.u32(); fail(E.EPERM); },
    async [T.MKDIR](r, w) {
      const f = fid(r.u32()), name = checkName(r.str()), mode = r.u32(); r.u32();
      const rel = [...parentOf(f), name];
      await backend.mkdir(rel, mode & 0o1777);
      w.qid(await qidAt(rel));
    },
    async [T.RENAME](r) {
      const f = fid(r.u32()), dir = fid(r.u32()), name = checkName(r.str());
      if (!f.rel.length) fail(E.EINVAL);
      const to = [...parentOf(dir), name];
      await backend.rename(f.rel, to);
      f.rel = to;
    },
    async [T.RENAMEAT](r) {
      const od = fid(r.u32()), on = checkName(r.str()), nd = fid(r.u32()), nn = checkName(r.str());
      await backend.rename([...parentOf(od), on], [...parentOf(nd), nn]);
    },
    async [T.UNLINKAT](r) {
      const d = fid(r.u32()), name = checkName(r.str()), flags = r.u32();
      const rel = [...parentOf(d), name];
      await ((flags & AT_REMOVEDIR) ? backend.rmdir(rel) : backend.unlink(rel));
    },
    async [T.LINK](r) {
      const d = fid(r.u32()), f = fid(r.u32()), name = checkName(r.str());
      if (f.dir) fail(E.EPERM);
      await backend.link(f.rel, [...parentOf(d), name]);
    },
    async [T.READLINK](r, w) { w.str(await backend.readlink(fid(r.u32()).rel)); },
    async [T.GETATTR](r, w) {
      const f = fid(r.u32()); r.u64();
      putAttr(w, await stat(f.rel));
    },
    async [T.SETATTR](r) { await setattr(fid(r.u32()), r); },
    async [T.STATFS](r, w) {
      fid(r.u32());
      const s = await backend.statfs();
      w.u32(V9FS_MAGIC).u32(s.bsize).u64(s.blocks).u64(s.bfree).u64(s.bavail)
        .u64(s.files).u64(s.ffree).u64(0).u32(255);
    },
    async [T.READDIR](r, w) {
      const f = fid(r.u32()), offset = Number(r.u64()), count = r.u32();
      if (!f.dir || !f.open) fail(E.EBADF);
      await readdir(f, offset, Math.min(count, iounit()), w);
    },
    async [T.FSYNC](r) {
      const f = fid(r.u32());
      if (r.pos < r.b.length) r.u32(); // datasync (absent from old clients)
      if (f.fd !== null) await backend.fsync(f.fd);
    },
    async [T.READ](r, w) {
      const f = fid(r.u32()), offset = Number(r.u64()), count = Math.min(r.u32(), maxSize - 11);
      if (f.fd === null) fail(f.dir ? E.EISDIR : E.EBADF);
      const buf = new Uint8Array(count);
      const n = await backend.read(f.fd, buf, offset);
      w.u32(n).bytes(buf.subarray(0, n));
    },
    async [T.WRITE](r, w) {
      const f = fid(r.u32()), offset = Number(r.u64()), data = r.bytes(r.u32());
      if (f.fd === null) fail(E.EBADF);
      w.u32(await backend.write(f.fd, data, offset));
    },
    async [T.CLUNK](r) {
      const n = r.u32(), f = fid(n);
      fids.delete(n);
      await closeFid(f);
    },
    async [T.REMOVE](r) {
      const n = r.u32(), f = fid(n);
      fids.delete(n);
      await closeFid(f);
      if (!f.rel.length) fail(E.EBUSY);
      await (f.dir ? backend.rmdir(f.rel) : backend.unlink(f.rel));
    },
    async [T.FLUSH](r) { r.u16(); },
  };

  function putAttr(w, st) {
    const sec = (ns) => ns / 1000000000n, nsec = (ns) => ns % 1000000000n;
    w.u64(GETATTR_BASIC).qid(qidOf(st)).u32(Number(st.mode)).u32(Number(st.uid)).u32(Number(st.gid))
      .u64(st.nlink).u64(st.rdev).u64(st.size).u64(st.blksize).u64(st.blocks)
      .u64(sec(st.atimeNs)).u64(nsec(st.atimeNs)).u64(sec(st.mtimeNs)).u64(nsec(st.mtimeNs))
      .u64(sec(st.ctimeNs)).u64(nsec(st.ctimeNs)).u64(0).u64(0).u64(0).u64(0);
  }

  /** Tsetattr: set-id bits are never set on host files (see docs/9p.md). */
  async function setattr(f, r) {
    const valid = r.u32(), mode = r.u32(), uid = r.u32(), gid = r.u32(), size = r.u64();
    const at = [r.u64(), r.u64()], mt = [r.u64(), r.u64()];
    if (valid & SETATTR.MODE) await backend.chmod(f.rel, mode & 0o1777);
    if (valid & (SETATTR.UID | SETATTR.GID)) {
      await backend.chown(f.rel, (valid & SETATTR.UID) ? uid : -1, (valid & SETATTR.GID) ? gid : -1);
    }
    if (valid & SETATTR.SIZE) await backend.truncate(f.rel, Number(size));
    if (valid & (SETATTR.ATIME | SETATTR.MTIME)) {
      const st = await stat(f.rel), now = Date.now() / 1000;
      const pick = (bit, set, t, cur) => (!(valid & bit) ? Number(cur) / 1e9 : (valid & set) ? Number(t[0]) + Number(t[1]) / 1e9 : now);
      await backend.utimes(f.rel, pick(SETATTR.ATIME, SETATTR.ATIME_SET, at, st.atimeNs),
        pick(SETATTR.MTIME, SETATTR.MTIME_SET, mt, st.mtimeNs));
    }
  }

  /** Rreaddir from a listing taken at offset 0; offsets are list indexes. */
  async function readdir(f, offset, count, w) {
    if (offset === 0 || !f.list) f.list = ['.', '..', ...(await backend.readdir(f.rel))];
    const body = new Writer(0, 0); const start = body.len; let used = 0;
    for (let i = offset; i < f.list.length; i++) {
      const name = f.list[i];
      const rel = name === '.' ? f.rel : name === '..' ? f.rel.slice(0, -1) : [...f.rel, name];
      let st;
      try { st = await stat(rel); } catch { continue; } // gone since the listing
      const bytes = utf8.encode(name);
      const size = 13 + 8 + 1 + 2 + bytes.length;
      if (used + size > count) break;
      body.qid(qidOf(st)).u64(i + 1).u8((Number(st.mode) & S_IFMT) >> 12).str(bytes);
      used += size;
    }
    w.u32(used).bytes(body.finish().subarray(start));
  }

  /** Handle one request; always resolves to one reply. */
  async function handle(req) {
    let hdr;
    try { hdr = parseHeader(req); } catch {
      return lerror(req.length >= HDR ? req[5] | (req[6] << 8) : NOTAG, E.EIO);
    }
    const op = ops[hdr.type];
    if (!op) return lerror(hdr.tag, E.EOPNOTSUPP);
    const w = new Writer(hdr.type + 1, hdr.tag);
    try {
      await op(hdr.body, w); // every field is read before anything is done
      return w.finish();
    } catch (e) {
      if (e instanceof P9Error) return lerror(hdr.tag, e.errno);
      if (e instanceof P9Malformed) return lerror(hdr.tag, E.EIO);
      return lerror(hdr.tag, errnoOf(e));
    }
  }

  return { handle, get msize() { return maxSize; } };
}
