// The page's side of the host share: a directory the page fills with
// uploaded files and takes downloads from, and the 9P server that shows the
// same directory to the guest at /mnt/host. It is the browser's origin
// private file system (OPFS) directory janux-share, or a folder the user
// picked (File System Access API) for the rest of the page's life
// (docs/web.md, "Files in and out").

import { createP9Server } from '../../devices/p9.js';
import { SHARE_TAG, virtio9p } from '../../devices/virtio-9p.js';
import { errnoOf, handlesBackend } from './p9-handles.js';

export const SHARE_DIR = 'janux-share';

let picked = null; // the folder the user picked, or null for OPFS
let opfsDir = null; // promise of OPFS's share directory handle, once asked

/**
 * The share's directory handle: the picked folder, else OPFS's (created on
 * first use). The 9P server asks at every request; OPFS's handle is looked
 * up once (two round trips to the browser's storage), a failed lookup is
 * tried again next time.
 */
export async function shareDir() {
  if (picked) return picked;
  if (!navigator.storage?.getDirectory)
    throw new Error('this browser has no origin private file system for the share');
  opfsDir ??= navigator.storage.getDirectory()
    .then((root) => root.getDirectoryHandle(SHARE_DIR, { create: true }))
    .catch((e) => { opfsDir = null; throw e; });
  return opfsDir;
}

const backend = handlesBackend(shareDir, { estimate: () => navigator.storage?.estimate?.() ?? {} });

/** The virtio-9p device model serving the share under the tag init mounts;
 * the share's directory is looked up now, while the machine boots. */
export function shareDevice() {
  shareDir().catch(() => {}); // a failure is reported by the request that needs it
  return virtio9p(createP9Server(backend, { errnoOf }), SHARE_TAG);
}

/** Whether this browser can share a folder the user picks. */
export const canPickFolder = () => typeof globalThis.showDirectoryPicker === 'function';

/**
 * Make `folder` (a FileSystemDirectoryHandle) the share from now on: the
 * guest's /mnt/host shows it at its next lookup. Resolves to its name.
 */
export async function useFolder(folder) {
  picked = folder;
  await backend.reset();
  return folder.name;
}

/** Ask the user for a folder (read and write) and share it; resolves to its name. */
export async function pickFolder() {
  return useFolder(await globalThis.showDirectoryPicker({ id: SHARE_DIR, mode: 'readwrite' }));
}

/**
 * Check that `name` can be one file in the share: not empty, ".", "..",
 * and without "/" or NUL. Returns it, or throws a readable Error.
 * @param {string} name
 */
export function shareName(name) {
  if (!name || name === '.' || name === '..' || /[/\0]/.test(name) || name.length > 255)
    throw new Error(`"${name}" cannot be a file name in the share`);
  return name;
}

/**
 * Write each File in `files` into the share under its own name (replacing
 * a file of that name). Resolves to the names written.
 * @param {Iterable<File>} files
 */
export async function putFiles(files) {
  const dir = await shareDir();
  const names = [];
  for (const file of files) {
    const handle = await dir.getFileHandle(shareName(file.name), { create: true });
    const out = await handle.createWritable();
    await out.write(file);
    await out.close();
    names.push(file.name);
  }
  return names;
}

/** The names of the regular files in the share, sorted. */
export async function listFiles() {
  const dir = await shareDir();
  const names = [];
  for await (const [name, handle] of dir.entries())
    if (handle.kind === 'file') names.push(name);
  return names.sort();
}

/**
 * The share's file `name` as a File (rejects when there is none).
 * @param {string} name
 */
export async function getFile(name) {
  const dir = await shareDir();
  return (await dir.getFileHandle(shareName(name))).getFile();
}
