// The page's disk controls: open the persistent disk (host-shim/adapters/
// browser/disk-store.js) as the machine's first virtio-blk device, say in
// the bar which storage holds it (or why there is none: the page then
// boots without persistence), "Reset disk" (after a confirmation: power
// off, delete the image, reload with a fresh one) and "Download disk
// image" (the image as the guest last wrote it: run `sync` first).
// ?disk=opfs|idb|none picks the backend (default: OPFS, else IndexedDB).

import { awaitingDisk, diskBlob, openPageDisk, rememberSize, rememberedSize, removePageDisk, storageMessage } from './host-shim/adapters/browser/disk-store.js';
import { virtioBlk } from './host-shim/devices/virtio-blk.js';
import { saveFile } from './save-file.js';

export const DOWNLOAD_NAME = 'janux-home.img';
const note = document.getElementById('disk-status');

/** `disk` with failed requests (a full quota, a disk that did not open) said in the bar; they still fail. */
function reporting(disk) {
  const said = (op) => async (...args) => {
    try {
      return await op(...args);
    } catch (e) {
      note.textContent = `disk error: ${storageMessage(e)}`;
      throw e;
    }
  };
  return { ...disk, read: said(disk.read.bind(disk)), write: said(disk.write.bind(disk)),
           flush: said(disk.flush.bind(disk)) };
}

/** Save `disk`'s image through the browser's download. */
async function download(disk) {
  note.textContent = 'saving the disk image…';
  try {
    saveFile(await diskBlob(disk), DOWNLOAD_NAME);
    note.textContent = `saved ${DOWNLOAD_NAME} (as of the guest's last sync)`;
  } catch (e) {
    note.textContent = `download failed: ${storageMessage(e)}`;
  }
}

/** Ask, then power off, delete the image and reload (a fresh image on the next boot). */
async function reset(disk) {
  if (!confirm('Reset the disk? Everything in /home is deleted and Janux restarts.')) return;
  note.textContent = 'resetting the disk…';
  globalThis.janux?.machine?.stop({ status: 0, reason: 'poweroff' });
  try {
    await removePageDisk(disk);
  } catch (e) {
    note.textContent = `reset failed: ${storageMessage(e)}`;
    return;
  }
  location.reload();
}

/** The size of the empty image the site ships (index.html's janux-home-bytes, written by the build), or null. */
function shippedSize() {
  const n = Number(document.querySelector('meta[name="janux-home-bytes"]')?.content);
  return n > 0 && n % 512 === 0 ? n : null;
}

/**
 * Open the page's disk (backend from ?disk=) and wire the controls.
 * Resolves to the virtio-blk device model for the machine, or null when
 * the page runs without a disk. The device comes at once, with the size
 * the last visit's disk had (or, on a first visit, the site's empty
 * image's), and serves requests once the disk is open (awaitingDisk): the
 * kernel boots meanwhile (docs/web.md, "The disk"). When the disk then
 * does not open (another tab holds it, no room) or has another size,
 * restart(device, why) is called with the device the machine should have
 * instead (null: none) and the reason in words: the machine must boot
 * again with it, so the guest never sees the stand-in fail.
 * `refocus()` gives the terminal its focus back.
 * @param {{base: URL, params: URLSearchParams, refocus: () => void,
 *          restart: (device: object|null, why: string) => void}} opts
 */
export async function setupDisk({ base, params, refocus, restart }) {
  const which = params.get('disk') ?? 'auto';
  if (which === 'none') {
    note.textContent = 'no disk (?disk=none)';
    return null;
  }
  const size = rememberedSize() ?? shippedSize();
  const opening = openPageDisk({ base, which })
    .catch((e) => ({ disk: null, note: `no persistent disk (${storageMessage(e)})` }))
    .then(({ disk, note: said, busy }) => {
      note.textContent = said;
      globalThis.janux.disk = disk;
      if (!busy) rememberSize(disk); // another tab's disk keeps its size
      wireControls(disk, refocus);
      return disk;
    });
  if (!size) {
    const disk = await opening;
    return disk && virtioBlk(reporting(disk));
  }
  opening.then((disk) => {
    if (!disk) restart(null, note.textContent);
    else if (disk.size !== size) restart(virtioBlk(reporting(disk)), `the disk has ${disk.size} bytes, not ${size}`);
  });
  return virtioBlk(reporting(awaitingDisk(size, opening)));
}

/** The Reset and Download buttons, for `disk` (null: there is none). */
function wireControls(disk, refocus) {
  const click = (id, fn) => document.getElementById(id).addEventListener('click', async () => {
    await fn();
    refocus();
  });
  click('disk-reset', () => reset(disk));
  click('disk-download', () => (disk ? download(disk) : (note.textContent = 'there is no disk to download')));
}
