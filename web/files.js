// The page's file controls: "Upload" (a file picker) and dropping files on
// the page put files into the host share; "Download" lists the share's
// files and saves the one picked; "Share a folder…" (where the browser can)
// makes a folder of the user's the share. The share itself, and the device
// that shows it to the guest at /mnt/host, is
// host-shim/adapters/browser/share-store.js (docs/web.md, "Files in and out").

import { canPickFolder, getFile, listFiles, pickFolder, putFiles, shareDevice } from './host-shim/adapters/browser/share-store.js';
import { saveFile } from './save-file.js';

const note = document.getElementById('files-status');

/** Upload `files` into the share and say what happened in the bar. */
async function upload(files) {
  if (!files.length) return;
  try {
    const names = await putFiles(files);
    note.textContent = `uploaded ${names.join(', ')}`;
  } catch (e) {
    note.textContent = `upload failed: ${e.message}`;
  }
}

/** Save the share's file `name` through the browser's download. */
async function download(name) {
  try {
    saveFile(await getFile(name), name);
    note.textContent = `downloaded ${name}`;
  } catch (e) {
    note.textContent = `download failed: ${e.message}`;
  }
}

/** Fill the download menu `list` with the share's files; picking one calls onPick(name). */
async function fillMenu(list, onPick) {
  list.replaceChildren();
  let names;
  try {
    names = await listFiles();
  } catch (e) {
    names = [];
    note.textContent = e.message;
  }
  for (const name of names) {
    const button = Object.assign(document.createElement('button'), { textContent: name });
    button.addEventListener('click', () => onPick(name));
    const item = document.createElement('li');
    item.append(button);
    list.append(item);
  }
  if (!names.length)
    list.append(Object.assign(document.createElement('li'), { textContent: '(the share is empty)' }));
}

/** Show the "Share a folder…" control where the browser can pick folders. */
function setupFolder(refocus) {
  const button = document.getElementById('share-folder');
  if (!canPickFolder()) return;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      note.textContent = `sharing the folder ${await pickFolder()} at /mnt/host`;
    } catch (e) {
      note.textContent = e.name === 'AbortError' ? 'no folder picked' : `cannot share a folder: ${e.message}`;
    }
    refocus();
  });
}

/**
 * Wire the Upload picker, drag and drop onto the page, the Download menu
 * and the folder control. `refocus()` gives the terminal its focus back
 * after a control. Returns the share's virtio-9p device model for the machine.
 * @param {{refocus: () => void}} opts
 */
export function setupFiles({ refocus }) {
  setupFolder(refocus);
  const picker = document.getElementById('upload');
  picker.addEventListener('change', async () => {
    await upload([...picker.files]);
    picker.value = '';
    refocus();
  });
  const menu = document.getElementById('download');
  const pick = async (name) => {
    menu.open = false;
    await download(name);
    refocus();
  };
  menu.addEventListener('toggle', () => {
    if (menu.open) fillMenu(document.getElementById('download-list'), pick);
  });
  document.addEventListener('dragover', (e) => {
    e.preventDefault();
    document.body.classList.add('dropping');
  });
  document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
  document.addEventListener('drop', async (e) => {
    e.preventDefault();
    document.body.classList.remove('dropping');
    await upload([...e.dataTransfer.files]);
    refocus();
  });
  return shareDevice();
}
