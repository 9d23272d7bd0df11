// 9P2000.L codec for the host-side server: bounds-checked reading of
// requests and building of replies (little-endian; strings are a 16-bit
// length then UTF-8 bytes). A read past the message throws P9Malformed.

export const T = Object.freeze({
  LERROR: 7, STATFS: 8, LOPEN: 12, LCREATE: 14, SYMLINK: 16, MKNOD: 18,
  RENAME: 20, READLINK: 22, GETATTR: 24, SETATTR: 26, XATTRWALK: 30,
  READDIR: 40, FSYNC: 50, LOCK: 52, GETLOCK: 54, LINK: 70, MKDIR: 72,
  RENAMEAT: 74, UNLINKAT: 76, VERSION: 100, AUTH: 102, ATTACH: 104,
  FLUSH: 108, WALK: 110, READ: 116, WRITE: 118, CLUNK: 120, REMOVE: 122,
});

export const HDR = 7;
export const NOTAG = 0xffff;
export const NOFID = 0xffffffff;
export const QTDIR = 0x80;
export const QTSYMLINK = 0x02;

/** A request that does not parse (short, lying size or string length). */
export class P9Malformed extends Error {}

/** Linux errno numbers by name: what a guest sees, whatever the host is. */
export const ERRNO = Object.freeze({
  EPERM: 1, ENOENT: 2, EIO: 5, ENXIO: 6, EBADF: 9, EAGAIN: 11, EACCES: 13, EBUSY: 16,
  EEXIST: 17, EXDEV: 18, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, EMFILE: 24, ETXTBSY: 26,
  EFBIG: 27, ENOSPC: 28, ESPIPE: 29, EROFS: 30, EMLINK: 31, ENAMETOOLONG: 36,
  ENOSYS: 38, ENOTEMPTY: 39, ELOOP: 40, EOPNOTSUPP: 95, ENOTSUP: 95, EDQUOT: 122,
});

/** An error a backend throws to answer with a given Linux errno. */
export class P9Error extends Error {
  constructor(errno, msg) { super(msg ?? `errno ${errno}`); this.errno = errno; }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const enc = new TextEncoder();

/** Reads fields of one message; every read is checked against its length. */
export class Reader {
  /** @param {Uint8Array} bytes exactly one message */
  constructor(bytes) {
    this.b = bytes;
    this.v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = 0;
  }

  take(n) {
    if (n > this.b.length - this.pos) throw new P9Malformed(`field of ${n} bytes at ${this.pos} runs past ${this.b.length}`);
    this.pos += n;
    return this.pos - n;
  }

  u8() { return this.v.getUint8(this.take(1)); }
  u16() { return this.v.getUint16(this.take(2), true); }
  u32() { return this.v.getUint32(this.take(4), true); }
  u64() { return this.v.getBigUint64(this.take(8), true); }
  /** Raw bytes (a view into the message). */
  bytes(n) { const at = this.take(n); return this.b.subarray(at, at + n); }
  /** A string field as a JS string; names with NUL are kept (callers refuse them). */
  str() { return utf8.decode(this.bytes(this.u16())); }
}

/**
 * Parse the header of a request: { size, type, tag, body: Reader } or
 * throws P9Malformed (fewer than 7 bytes, or a size field that is not the
 * message's length).
 */
export function parseHeader(bytes) {
  if (bytes.length < HDR) throw new P9Malformed('shorter than a header');
  const r = new Reader(bytes);
  const size = r.u32();
  if (size !== bytes.length) throw new P9Malformed(`size field ${size} for ${bytes.length} bytes`);
  return { size, type: r.u8(), tag: r.u16(), body: r };
}

/** Builds one reply; size is patched by finish(). */
export class Writer {
  constructor(type, tag) {
    this.parts = [];
    this.len = 0;
    this.u32(0).u8(type).u16(tag);
  }

  push(a) { this.parts.push(a); this.len += a.length; return this; }
  num(n, bytes) {
    const a = new Uint8Array(bytes);
    const v = new DataView(a.buffer);
    if (bytes === 8) v.setBigUint64(0, BigInt.asUintN(64, BigInt(n)), true);
    else for (let i = 0; i < bytes; i++) a[i] = Number((BigInt(n) >> BigInt(8 * i)) & 0xffn);
    return this.push(a);
  }

  u8(n) { return this.num(n, 1); }
  u16(n) { return this.num(n, 2); }
  u32(n) { return this.num(n, 4); }
  u64(n) { return this.num(n, 8); }
  bytes(a) { return this.push(a); }
  str(s) {
    const a = typeof s === 'string' ? enc.encode(s) : s;
    if (a.length > 0xffff) throw new RangeError('string over 65535 bytes');
    return this.u16(a.length).push(a);
  }
  qid(q) { return this.u8(q.type).u32(q.version).u64(q.path); }

  /** The finished message. */
  finish() {
    const out = new Uint8Array(this.len);
    let at = 0;
    for (const p of this.parts) { out.set(p, at); at += p.length; }
    new DataView(out.buffer).setUint32(0, this.len, true);
    return out;
  }
}

/** An Rlerror reply carrying errno `code`. */
export function lerror(tag, code) {
  return new Writer(T.LERROR, tag).u32(code).finish();
}
