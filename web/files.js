// The page's file controls: "Upload" (a file picker) and dropping files on
// the page put files into the host share; "Download" lists the share's
// files and saves the one picked. The share itself is
// host-shim/adapters/browser/share-store.js; what the guest sees of it is in
// docs/web.md ("Files in and out").

import { getFile, listFiles, putFiles } from './host-shim/adapters/browser/share-store.js';

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
    const url = URL.createObjectURL(await getFile(name));
    const a = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
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

/**
 * Wire the Upload picker, drag and drop onto the page, and the Download
 * menu. `refocus()` gives the terminal its focus back after a control.
 * @param {{refocus: () => void}} opts
 */
export function setupFiles({ refocus }) {
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
}
