// The page's side of the host share: a directory in the browser's origin
// private file system (OPFS) that the page fills with uploaded files and
// takes downloads from. The guest sees the same directory at /mnt/host once
// the wasm machine's 9P server serves it (docs/web.md, "Files in and out").

export const SHARE_DIR = 'janux-share';

/** The share's directory handle (created on first use). */
async function shareDir() {
  if (!navigator.storage?.getDirectory)
    throw new Error('this browser has no origin private file system for the share');
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(SHARE_DIR, { create: true });
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
