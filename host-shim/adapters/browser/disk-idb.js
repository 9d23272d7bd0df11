// IndexedDB backend of the page's disk (a virtio-blk backend, see
// devices/virtio-blk.js), for browsers without OPFS sync access handles.
// The image is stored as CHUNK-byte records keyed by chunk index (a chunk
// never written, or all zeros, has no record and reads as zeros: an empty
// image takes no space) and its size under 'size' in the 'meta' store.
// Writes are write-back: they change chunks held in memory, and flush()
// (the guest's FLUSH, which sync and fsync send) stores every dirty chunk
// in one transaction with 'strict' durability and resolves once it has
// committed. A flush that fails (quota) keeps the chunks dirty.

export const IDB_NAME = 'janux-disk';
const CHUNK = 64 * 1024;
const CLEAN_MAX = 256; // clean chunks kept in memory (16 MiB)

/** A request's (or a transaction's) outcome as a promise. */
function done(req) {
  return new Promise((resolve, reject) => {
    if ('oncomplete' in req) {
      req.oncomplete = () => resolve();
      req.onabort = req.onerror = () => reject(req.error ?? new Error('IndexedDB transaction aborted'));
    } else {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }
  });
}

function openDb() {
  if (typeof indexedDB === 'undefined') throw new Error('this browser has no IndexedDB');
  const req = indexedDB.open(IDB_NAME, 1);
  req.onupgradeneeded = () => {
    req.result.createObjectStore('chunks');
    req.result.createObjectStore('meta');
  };
  return done(req);
}

const isZero = (bytes) => bytes.every((b) => b === 0);

/** The chunk cache over `db`: get(indexes) -> chunks, dirty map, flush(). */
function chunkCache(db) {
  const dirty = new Map(), clean = new Map();
  const keep = (i, chunk) => {
    clean.delete(i);
    clean.set(i, chunk);
    if (clean.size > CLEAN_MAX) clean.delete(clean.keys().next().value);
  };
  return {
    dirty,
    /** The chunks `indexes` (from memory, else one read transaction). */
    async get(indexes) {
      const missing = indexes.filter((i) => !dirty.has(i) && !clean.has(i));
      if (missing.length) {
        const store = db.transaction('chunks').objectStore('chunks');
        const got = await Promise.all(missing.map((i) => done(store.get(i))));
        missing.forEach((i, k) => { if (!dirty.has(i)) keep(i, got[k] ?? new Uint8Array(CHUNK)); });
      }
      return indexes.map((i) => dirty.get(i) ?? clean.get(i));
    },
    /** Store the dirty chunks durably. */
    async flush() {
      if (!dirty.size) return;
      const batch = [...dirty];
      dirty.clear();
      const tx = db.transaction('chunks', 'readwrite', { durability: 'strict' });
      const store = tx.objectStore('chunks');
      for (const [i, chunk] of batch) {
        if (isZero(chunk)) store.delete(i);
        else store.put(chunk, i); // cloned now: later writes do not reach this transaction
      }
      try {
        await done(tx);
      } catch (e) {
        for (const [i, chunk] of batch) if (!dirty.has(i)) dirty.set(i, chunk);
        throw e;
      }
      for (const [i, chunk] of batch) if (!dirty.has(i)) keep(i, chunk);
    },
  };
}

/**
 * Open (creating it empty when missing) the IndexedDB image; same backend
 * shape as disk-opfs.js: { kind: 'idb', size, readOnly: false,
 * read(view, pos), write(view, pos), flush(), setSize(bytes), close() }.
 */
export async function idbDisk() {
  const db = await openDb();
  const cache = chunkCache(db);
  const size = (await done(db.transaction('meta').objectStore('meta').get('size'))) ?? 0;
  // Call fn(chunk, chunkOffset, viewOffset, length) for each chunk `view` at `pos` spans.
  const spans = async (view, pos, fn) => {
    const first = Math.floor(pos / CHUNK), last = Math.floor((pos + view.length - 1) / CHUNK);
    const indexes = Array.from({ length: last - first + 1 }, (_, k) => first + k);
    const chunks = await cache.get(indexes);
    let at = 0;
    chunks.forEach((chunk, k) => {
      const off = (pos + at) % CHUNK, n = Math.min(CHUNK - off, view.length - at);
      fn(chunk, off, at, n, indexes[k]);
      at += n;
    });
  };
  return {
    kind: 'idb', size, readOnly: false,
    read: (view, pos) => spans(view, pos, (chunk, off, at, n) => view.set(chunk.subarray(off, off + n), at)),
    write: (view, pos) => spans(view, pos, (chunk, off, at, n, i) => {
      chunk.set(view.subarray(at, at + n), off);
      cache.dirty.set(i, chunk);
    }),
    flush: () => cache.flush(),
    async setSize(bytes) {
      const tx = db.transaction('meta', 'readwrite', { durability: 'strict' });
      tx.objectStore('meta').put(bytes, 'size');
      await done(tx);
      this.size = bytes;
    },
    async close() {
      db.close();
    },
  };
}

/** Delete the IndexedDB image (the disk must be closed). */
export function removeIdbDisk() {
  return done(indexedDB.deleteDatabase(IDB_NAME));
}
