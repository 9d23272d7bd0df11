// Helpers of the page's disk tests (disk.test.mjs, disk-fallback.test.mjs):
// boot the page to its prompt, write a file and reload, download the image
// and check it with the host's e2fsprogs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Skip, check } from './harness.mjs';
import { PROMPT, openPage, runCommand, waitForScreen } from './terminal.mjs';

export const root = process.argv[2] || 'build/web';
const SBIN = { env: { ...process.env, PATH: `${process.env.PATH}:/sbin:/usr/sbin` } };
export const NOTE = '/home/user/note.txt';

/** Wait for the shell prompt on `page` (SKIP without the userland). */
export async function prompt(page) {
  if (!existsSync(join(root, 'initramfs-wasm32.cpio')))
    throw new Skip('no wasm32 userland in the site: nothing mounts the disk');
  await waitForScreen(page, PROMPT, 30000);
}

/** Run fn(page) on the page at `url` booted to its prompt; the page is closed after. */
export async function booted(browser, url, fn) {
  const page = await openPage(browser, url, 20000); // a loaded machine can be slow to draw
  try {
    await prompt(page);
    await fn(page);
  } finally {
    await page.close();
  }
}

/** The bar's disk status. */
export const diskNote = (page) => page.textContent('#disk-status');

/** Write `text` into NOTE and sync; then reload and read it back. */
export async function writeSyncReload(page, text) {
  const wrote = await runCommand(page, `echo ${text} > ${NOTE} && sync && echo written`);
  check(wrote === 'written', `writing the note: ${JSON.stringify(wrote)}`);
  await page.reload();
  await prompt(page);
  return runCommand(page, `cat ${NOTE}`);
}

/**
 * Click "Download disk image", check the saved image with checkImage and
 * return the note it holds (the download is deleted afterwards).
 */
export async function downloadedNote(page) {
  const dir = mkdtempSync(join(tmpdir(), 'janux-disk-'));
  try {
    const [saved] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), page.click('#disk-download')]);
    check(saved.suggestedFilename() === 'janux-home.img', `saved as ${saved.suggestedFilename()}`);
    const img = join(dir, 'home.img');
    await saved.saveAs(img);
    return checkImage(img);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** e2fsck -fn is clean on `img` and debugfs reads NOTE from it; returns the note. */
function checkImage(img) {
  try {
    execFileSync('e2fsck', ['-fn', img], { ...SBIN, stdio: 'pipe' });
  } catch (e) {
    throw new Error(`e2fsck -fn: status ${e.status}: ${String(e.stdout).split('\n').slice(1, 4).join(' / ')}`);
  }
  return execFileSync('debugfs', ['-R', `cat ${NOTE.replace('/home', '')}`, img], { ...SBIN, stdio: 'pipe' })
    .toString().trim();
}

