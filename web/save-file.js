// Saving a Blob as a file through the browser's download, for the page's
// Download controls (the share's files and the disk image).

/**
 * Start the browser's download of `blob` under the file name `name`. The
 * object URL is revoked a minute later, when the download has surely read it.
 * @param {Blob} blob
 * @param {string} name
 */
export function saveFile(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
