// The OPFS disk's worker (disk-opfs.js is its page half). Browsers give a
// FileSystemSyncAccessHandle only to dedicated workers, so this worker
// holds the image's handle and serves the page's requests one at a time,
// in the order they were posted:
//   { id, op: 'open', dir, name }   -> the image's size in bytes
//   { id, op: 'read'|'write', view, pos }  view on a SharedArrayBuffer (the
//                                   kernel's memory): bytes move in place
//   { id, op: 'flush' } | { id, op: 'truncate', size } | { id, op: 'close' }
// Each answer is { id, result } or { id, error: { name, message } }.

let handle = null;

const ops = {
  async open({ dir, name }) {
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle(dir, { create: true });
    const file = await folder.getFileHandle(name, { create: true });
    if (!file.createSyncAccessHandle) throw new Error('this browser has no OPFS sync access handles');
    handle = await file.createSyncAccessHandle();
    return handle.getSize();
  },
  read: ({ view, pos }) => move('read', view, pos),
  write: ({ view, pos }) => move('write', view, pos),
  flush: () => handle.flush(),
  truncate: ({ size }) => handle.truncate(size),
  close() {
    handle?.close();
    handle = null;
  },
};

// Read or write all of `view` at byte `pos` of the image.
function move(op, view, pos) {
  for (let at = 0; at < view.length;) {
    const n = handle[op](view.subarray(at), { at: pos + at });
    if (n === 0) throw new Error(`${op} stopped at byte ${pos + at} of the image`);
    at += n;
  }
}

self.onmessage = async ({ data }) => {
  try {
    const result = await ops[data.op](data);
    self.postMessage({ id: data.id, result });
  } catch (e) {
    self.postMessage({ id: data.id, error: { name: e.name, message: e.message } });
  }
};
