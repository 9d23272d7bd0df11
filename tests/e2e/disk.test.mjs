// Browser end-to-end tests of the page's persistent disk (docs/web.md,
// "The disk"): a file written under /home and synced survives a reload,
// on the origin private file system and on the IndexedDB fallback
// (?disk=idb); "Download disk image" gives an image e2fsck finds clean and
// debugfs reads the file from; "Reset disk" empties /home; with no room in
// the site's storage the page still boots, without a disk, and says why.
// They need the wasm32 userland and SKIP without it.
//   node tests/e2e/disk.test.mjs [WEB_ROOT]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPageTests } from './browser.mjs';
import { Skip, check, test } from './harness.mjs';
import { PROMPT, openPage, runCommand, waitForScreen } from './terminal.mjs';

const root = process.argv[2] || 'build/web';
const SBIN = { env: { ...process.env, PATH: `${process.env.PATH}:/sbin:/usr/sbin` } };
const NOTE = '/home/user/note.txt';

/** Wait for the shell prompt on `page` (SKIP without the userland). */
async function prompt(page) {
  if (!existsSync(join(root, 'initramfs-wasm32.cpio.gz')))
    throw new Skip('no wasm32 userland in the site: nothing mounts the disk');
  await waitForScreen(page, PROMPT, 30000);
}

/** Run fn(page) on the page at `url` booted to its prompt; the page is closed after. */
async function booted(browser, url, fn) {
  const page = await openPage(browser, url, 20000); // a loaded machine can be slow to draw
  try {
    await prompt(page);
    await fn(page);
  } finally {
    await page.close();
  }
}

const diskNote = (page) => page.textContent('#disk-status');

/** Write `text` into NOTE and sync; then reload and read it back. */
async function writeSyncReload(page, text) {
  const wrote = await runCommand(page, `echo ${text} > ${NOTE} && sync && echo written`);
  check(wrote === 'written', `writing the note: ${JSON.stringify(wrote)}`);
  await page.reload();
  await prompt(page);
  return runCommand(page, `cat ${NOTE}`);
}

/** Click "Download disk image"; the saved image's path in a fresh directory. */
async function downloadImage(page) {
  const dir = mkdtempSync(join(tmpdir(), 'janux-disk-'));
  const [saved] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), page.click('#disk-download')]);
  check(saved.suggestedFilename() === 'janux-home.img', `saved as ${saved.suggestedFilename()}`);
  const img = join(dir, 'home.img');
  await saved.saveAs(img);
  return { img, done: () => rmSync(dir, { recursive: true, force: true }) };
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

test('opfs-home-is-ext2-and-a-synced-file-survives-reload', async ({ browser, base }) => {
  await booted(browser, base, async (page) => {
    check(/origin private file system/.test(await diskNote(page)), `disk note: ${await diskNote(page)}`);
    const mounts = await runCommand(page, 'grep " /home " /proc/mounts | cut -d" " -f1,3');
    check(mounts === '/dev/vda ext2', `/home: ${JSON.stringify(mounts)}`);
    const owner = await runCommand(page, 'stat -c %u:%g /home/user');
    check(owner === '1000:1000', `/home/user owned by ${owner}`);
    const back = await writeSyncReload(page, 'persists-$((6*7))');
    check(back === 'persists-42', `after the reload: ${JSON.stringify(back)}`);
  });
}, { timeoutMs: 90000 });

test('download-image-is-clean-ext2-with-the-file', async ({ browser, base }) => {
  await booted(browser, base, async (page) => {
    await runCommand(page, `echo downloaded-$((6*7)) > ${NOTE} && sync`);
    const { img, done } = await downloadImage(page);
    try {
      const got = checkImage(img);
      check(got === 'downloaded-42', `debugfs read ${JSON.stringify(got)}`);
    } finally {
      done();
    }
  });
}, { timeoutMs: 60000 });

test('reset-disk-empties-home', async ({ browser, base }) => {
  await booted(browser, base, async (page) => {
    const had = await runCommand(page, `cat ${NOTE}`);
    check(had === 'downloaded-42', `before the reset: ${JSON.stringify(had)}`);
    page.once('dialog', (d) => d.accept());
    await Promise.all([page.waitForEvent('load', { timeout: 20000 }), page.click('#disk-reset')]);
    await prompt(page);
    const after = await runCommand(page, 'ls -A /home/user | wc -l; ls -1 /home');
    check(after === '0\nlost+found\nuser', `after the reset: ${JSON.stringify(after)}`);
  });
}, { timeoutMs: 90000 });

test('indexeddb-fallback-survives-reload-and-downloads', async ({ browser, base }) => {
  await booted(browser, `${base}?disk=idb`, async (page) => {
    check(/IndexedDB/.test(await diskNote(page)), `disk note: ${await diskNote(page)}`);
    const back = await writeSyncReload(page, 'in-idb-$((6*7))');
    check(back === 'in-idb-42', `after the reload: ${JSON.stringify(back)}`);
    const { img, done } = await downloadImage(page);
    try {
      const got = checkImage(img);
      check(got === 'in-idb-42', `debugfs read ${JSON.stringify(got)}`);
    } finally {
      done();
    }
  });
}, { timeoutMs: 120000 });

test('no-room-for-the-disk-still-boots-and-says-so', async ({ browser, base }) => {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const origin = new URL(base).origin;
  await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 16 * 1024 });
  try {
    await page.goto(base);
    await prompt(page);
    const note = await diskNote(page);
    check(/no persistent disk/.test(note) && /full/.test(note), `disk note: ${note}`);
    const mounts = await runCommand(page, 'grep -c " /home " /proc/mounts');
    check(mounts === '0', `/home mounted without a disk: ${mounts}`);
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.close();
  }
}, { timeoutMs: 60000 });

await runPageTests('e2e/disk', root);
