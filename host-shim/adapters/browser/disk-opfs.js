// OPFS backend of the page's disk (a virtio-blk backend, see
// devices/virtio-blk.js): the image is a file of the origin private file
// system, read and written through a sync access handle held by
// disk-worker.js. Kernel-memory views are posted as they are (they share
// the kernel's SharedArrayBuffer), so the worker moves the bytes straight
// between the file and the kernel's buffers; flush() is the handle's
// flush(), which makes the writes durable.

export const OPFS_DIR = 'janux-disk';
export const OPFS_IMAGE = 'home.img';
const OPEN_TRIES = 30; // 100 ms apart

/** Error of the worker's answer, with its DOMException name kept (QuotaExceededError, ...). */
function workerError({ name, message }) {
  return Object.assign(new Error(`${name}: ${message}`), { name });
}

/**
 * Start the disk's worker: { worker, call(op, args) -> Promise of its
 * answer }. Its script loads while the caller does other things (takes
 * the disk's lock); hand it to opfsDisk().
 */
export function startOpfsWorker() {
  const worker = new Worker(new URL('./disk-worker.js', import.meta.url), { type: 'module' });
  const calls = new Map();
  let seq = 0;
  worker.onmessage = ({ data }) => {
    const c = calls.get(data.id);
    calls.delete(data.id);
    if (data.error) c.reject(workerError(data.error));
    else c.resolve(data.result);
  };
  worker.onerror = (e) => {
    for (const c of calls.values()) c.reject(new Error(`the disk worker failed: ${e.message}`));
    calls.clear();
  };
  const call = (op, args = {}) => new Promise((resolve, reject) => {
    calls.set(++seq, { resolve, reject });
    worker.postMessage({ id: seq, op, ...args });
  });
  return { worker, call };
}

/** Whether this browser has an origin private file system. */
export const hasOpfs = () => !!navigator.storage?.getDirectory;

/**
 * Open (creating it empty when missing) the OPFS image through `started`
 * (startOpfsWorker(), by default a new one). Rejects when this browser has
 * no OPFS or no sync access handles, or the image stays locked (by another
 * tab) for OPEN_TRIES attempts; the worker is then ended. The backend is
 * { kind: 'opfs', size, readOnly: false, read(view, pos), write(view, pos),
 * flush(), setSize(bytes), close() }.
 * @param {{worker: Worker, call: Function}} [started]
 */
export async function opfsDisk(started) {
  if (!hasOpfs()) {
    started?.worker.terminate();
    throw new Error('this browser has no origin private file system');
  }
  const { worker, call } = started ?? startOpfsWorker();
  let size;
  for (let tries = 1; ; tries++) {
    try {
      size = await call('open', { dir: OPFS_DIR, name: OPFS_IMAGE });
      break;
    } catch (e) { // still locked by the page a reload replaced: wait for it to go
      if (e.name === 'NoModificationAllowedError' && tries < OPEN_TRIES) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      worker.terminate();
      throw e;
    }
  }
  return {
    kind: 'opfs', size, readOnly: false,
    async read(view, pos) {
      if (view.buffer instanceof SharedArrayBuffer) return call('read', { view, pos });
      const shared = new Uint8Array(new SharedArrayBuffer(view.length)); // a copy would be filled instead
      await call('read', { view: shared, pos });
      view.set(shared);
    },
    write: (view, pos) => call('write', { view, pos }),
    flush: () => call('flush'),
    async setSize(bytes) {
      await call('truncate', { size: bytes });
      this.size = bytes;
    },
    async close() {
      await call('close').catch(() => {});
      worker.terminate();
    },
  };
}

/** Delete the OPFS image (the disk must be closed). */
export async function removeOpfsDisk() {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(OPFS_DIR, { recursive: true }).catch((e) => {
    if (e.name !== 'NotFoundError') throw e;
  });
}
