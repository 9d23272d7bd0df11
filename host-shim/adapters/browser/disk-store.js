// The page's persistent disk (docs/web.md, "The disk"): an ext2 image kept
// by the browser, attached as the machine's first virtio-blk disk (vda,
// which init mounts on /home). It lives in the origin private file system
// through a sync access handle (disk-opfs.js) or, where that is missing, in
// IndexedDB (disk-idb.js); both are the same backend shape, and everything
// here works through that shape only. The first visit (or the first after
// a reset) fills the image from the site's pre-made empty one
// (home.sparse.gz); a Web Lock keeps a second tab from using it at the same
// time.

import { idbDisk, removeIdbDisk } from './disk-idb.js';
import { hasOpfs, opfsDisk, removeOpfsDisk, startOpfsWorker } from './disk-opfs.js';

/** The site's empty home image (sparse, gzip), made by userland/home-image.sh. */
export const DISK_IMAGE = 'home.sparse.gz';
const SPARSE_MAGIC = 'JXSPARSE';
const LOCK = 'janux-disk';
const LOCK_WAIT_MS = 3000;
const BLOCK = 64 * 1024; // export and completeness granularity

const BACKENDS = { opfs: opfsDisk, idb: idbDisk };

/**
 * Take the disk's Web Lock, waiting up to LOCK_WAIT_MS (a reload's previous
 * page may still be going away); resolves to its release(), or null when
 * another tab keeps it. Browsers without Web Locks get a no-op release.
 */
async function takeLock() {
  if (!navigator.locks) return () => {};
  return new Promise((resolve) => {
    navigator.locks.request(LOCK, { signal: AbortSignal.timeout(LOCK_WAIT_MS) },
      () => new Promise((release) => resolve(release)))
      .catch(() => resolve(null));
  });
}

/** True when the image has its first block: a fill completed (see fill). */
async function complete(disk) {
  if (!disk.size || disk.size % 512 || disk.size < BLOCK) return false;
  const first = new Uint8Array(BLOCK);
  await disk.read(first, 0);
  return first.some((b) => b !== 0);
}

/** `url`'s body, inflated when it is gzip (a host may have undone the gzip already). */
async function fetchInflated(url) {
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`could not download ${url.pathname}: HTTP ${resp.status}`);
  const packed = new Uint8Array(await resp.arrayBuffer());
  if (packed[0] !== 0x1f || packed[1] !== 0x8b) return packed;
  const plain = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(plain).arrayBuffer());
}

/**
 * Fill `disk` from the sparse image at `url` (userland/home-image.sh:
 * "JXSPARSE", the image size as u64, then records of offset u64, length
 * u32 and the bytes; everything else is zeros, left as holes). The record
 * at offset 0 is written last, so an interrupted fill leaves no first
 * block and is done again on the next visit; then the writes are flushed.
 */
async function fill(disk, url) {
  const bytes = await fetchInflated(url);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (why) => new Error(`${url.pathname} is not a sparse disk image: ${why}`);
  if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== SPARSE_MAGIC) throw bad('no magic');
  const size = Number(dv.getBigUint64(8, true));
  if (!size || size % 512) throw bad(`size ${size}`);
  let first = null;
  for (let at = 16; at < bytes.length;) {
    if (at + 12 > bytes.length) throw bad('a cut record');
    const off = Number(dv.getBigUint64(at, true)), len = dv.getUint32(at + 8, true);
    const data = bytes.subarray(at + 12, at + 12 + len);
    if (data.length !== len || off + len > size) throw bad(`a record at ${off} of ${len} bytes`);
    if (off === 0) first = data;
    else await disk.write(data, off);
    at += 12 + len;
  }
  if (!first) throw bad('no first block');
  await disk.setSize(size);
  await disk.write(first, 0);
  await disk.flush();
}

/**
 * Open the page's disk with backend `which` ('opfs', 'idb', or 'auto':
 * OPFS, else IndexedDB), filling it from `base`/DISK_IMAGE when it is new.
 * Resolves to { disk, note, busy }: disk is a virtio-blk backend plus `kind`
 * and close(), or null when the page has to run without persistence; note
 * says which storage is used, or why there is none, in words for the page;
 * busy is true when another tab holds the disk.
 * @param {{base: URL, which?: string}} opts
 */
export async function openPageDisk({ base, which = 'auto' }) {
  const kinds = which === 'auto' ? ['opfs', 'idb'] : [which];
  // OPFS's worker loads its script while the lock is taken (opfsDisk
  // starts one itself when this one could not be).
  let opfsWorker;
  try {
    if (kinds[0] === 'opfs' && hasOpfs()) opfsWorker = startOpfsWorker();
  } catch { /* opfsDisk says why */ }
  const release = await takeLock();
  if (!release) {
    opfsWorker?.worker.terminate();
    return { disk: null, note: 'the disk is in use in another Janux tab: no persistence here', busy: true };
  }
  const why = [];
  for (const kind of kinds) {
    let disk = null;
    try {
      if (!BACKENDS[kind]) throw new Error(`no disk backend '${kind}'`);
      disk = await BACKENDS[kind](kind === 'opfs' ? opfsWorker : undefined);
      if (!await complete(disk)) await fill(disk, new URL(DISK_IMAGE, base));
      const close = disk.close.bind(disk);
      disk.close = async () => { await close(); release(); };
      return { disk, note: `disk: ${kind === 'opfs' ? 'origin private file system' : 'IndexedDB'}` };
    } catch (e) {
      await disk?.close();
      why.push(`${kind}: ${storageMessage(e)}`);
    }
  }
  release();
  return { disk: null, note: `no persistent disk (${why.join('; ')})` };
}

/** A storage failure in words (a full quota said plainly). */
export function storageMessage(e) {
  if (e?.name === 'QuotaExceededError' || /quota/i.test(e?.message ?? ''))
    return `the browser's storage for this site is full${e.message ? ` (${e.message})` : ''}`;
  return e?.message ?? String(e);
}

/**
 * The whole image of `disk` as a Blob (what the guest has written to the
 * device; the guest's own cache reaches it on sync).
 */
export async function diskBlob(disk) {
  const parts = [];
  for (let pos = 0; pos < disk.size; pos += BLOCK) {
    const part = new Uint8Array(Math.min(BLOCK, disk.size - pos));
    await disk.read(part, pos);
    parts.push(part);
  }
  return new Blob(parts, { type: 'application/octet-stream' });
}

// The size of the disk the page last opened, so that the next visit can
// boot before the disk is open (awaitingDisk) even when it is not the
// size of the site's empty image.
const SIZE_KEY = 'janux-disk-bytes';

/** The remembered size of the page's disk in bytes, or null (none, or no localStorage). */
export function rememberedSize() {
  try {
    const n = Number(localStorage.getItem(SIZE_KEY));
    return n > 0 && n % 512 === 0 ? n : null;
  } catch {
    return null;
  }
}

/** Remember `disk`'s size for the next visit, or forget it when there is no disk. */
export function rememberSize(disk) {
  try {
    if (disk) localStorage.setItem(SIZE_KEY, String(disk.size));
    else localStorage.removeItem(SIZE_KEY);
  } catch { /* without localStorage every visit waits for the disk */ }
}

/**
 * A virtio-blk backend of `size` bytes standing in for the disk `opening`
 * resolves to, so that the machine boots while the disk opens: requests
 * wait for it. When it does not open (null) or is not `size` bytes, they
 * never finish: the page boots the machine again with the right device
 * (web/disk.js), and the guest never sees the stand-in fail.
 * @param {number} size
 * @param {Promise<object|null>} opening
 */
export function awaitingDisk(size, opening) {
  const ready = opening.then((disk) => (disk?.size === size ? disk : new Promise(() => {})));
  const via = (op) => async (...args) => (await ready)[op](...args);
  return { kind: 'awaiting', size, readOnly: false, read: via('read'), write: via('write'), flush: via('flush') };
}

/** Close `disk` (when open) and delete the page's image from every backend. */
export async function removePageDisk(disk) {
  rememberSize(null);
  await disk?.close();
  await Promise.all([removeOpfsDisk().catch(() => {}), removeIdbDisk().catch(() => {})]);
}
