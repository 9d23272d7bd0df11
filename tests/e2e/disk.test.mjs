// Browser end-to-end tests of the page's persistent disk on the origin
// private file system (docs/web.md, "The disk"): /home is the disk, a file
// written there and synced survives a reload, "Download disk image" gives
// an image e2fsck finds clean and debugfs reads the file from, a second
// tab boots at once, then again without the disk, and leaves its
// remembered size, a visit booting with a wrongly remembered disk size
// boots again with the disk as it is, "Reset disk" empties /home. They need the wasm32 userland and SKIP without it.
//   node tests/e2e/disk.test.mjs [WEB_ROOT]
import { runPageTests } from './browser.mjs';
import { check, test } from './harness.mjs';
import { NOTE, booted, diskNote, downloadedNote, prompt, root, writeSyncReload } from './disk-lib.mjs';
import { openPage, runCommand, screenText } from './terminal.mjs';

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

test('second-tab-boots-without-the-disk-and-keeps-its-size', async ({ browser, base }) => {
  await booted(browser, base, async (first) => {
    await booted(browser, base, async (second) => {
      await second.waitForFunction(() => /in use in another Janux tab/.test(document.getElementById('disk-status').textContent),
        null, { timeout: 10000 });
      const vda = await runCommand(second, '[ -b /dev/vda ] && echo vda || echo none');
      check(vda === 'none', `the second tab has a disk: ${vda}`);
      // It booted at once with a stand-in for the disk, then again without.
      check(/in use in another Janux tab.*: starting again without a disk\]/.test(await screenText(second)),
        'the second tab did not say it started again without the disk');
      const size = await second.evaluate(() => localStorage.getItem('janux-disk-bytes'));
      check(size === String(64 << 20), `the remembered size after the second tab: ${size}`);
    });
    const home = await runCommand(first, `cat ${NOTE}`);
    check(home === 'persists-42', `the first tab's disk: ${JSON.stringify(home)}`);
  });
}, { timeoutMs: 90000 });

test('download-image-is-clean-ext2-with-the-file', async ({ browser, base }) => {
  await booted(browser, base, async (page) => {
    await runCommand(page, `echo downloaded-$((6*7)) > ${NOTE} && sync`);
    const got = await downloadedNote(page);
    check(got === 'downloaded-42', `debugfs read ${JSON.stringify(got)}`);
  });
}, { timeoutMs: 60000 });

// A new tab of `base` once no page holds the disk's lock (a closed page
// lets go of it a moment later), booted to its prompt.
async function freshTab(browser, base) {
  const probe = await browser.context.newPage();
  await probe.goto(`${base}style.css`);
  await probe.waitForFunction(async () => !(await navigator.locks.query()).held.some((l) => l.name === 'janux-disk'),
    null, { timeout: 10000 });
  await probe.close();
  const page = await openPage(browser, base, 20000);
  await prompt(page);
  return page;
}

test('wrong-remembered-size-boots-again-with-the-disk', async ({ browser, base }) => {
  await booted(browser, base, async (page) => {
    // A new tab boots with the size the last visit opened (docs/web.md, "The disk").
    const seen = await page.evaluate(() => localStorage.getItem('janux-disk-bytes'));
    check(seen === String(64 << 20), `remembered size ${seen}`);
    await page.evaluate(() => localStorage.setItem('janux-disk-bytes', String(1 << 20)));
  });
  const wrong = await freshTab(browser, base);
  try {
    check(/the disk has 67108864 bytes, not 1048576: starting again with the disk as it is\]/.test(await screenText(wrong)),
      'the page did not say it started again with the disk');
    const mounted = await runCommand(wrong, 'grep " /home " /proc/mounts | cut -d" " -f1,3');
    check(mounted === '/dev/vda ext2', `/home after booting again: ${JSON.stringify(mounted)}`);
    const back = await runCommand(wrong, `cat ${NOTE}`);
    check(back === 'downloaded-42', `the disk's note: ${JSON.stringify(back)}`);
    const size = await wrong.evaluate(() => localStorage.getItem('janux-disk-bytes'));
    check(size === String(64 << 20), `the remembered size afterwards: ${size}`);
  } finally {
    await wrong.close();
  }
}, { timeoutMs: 90000 });

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

await runPageTests('e2e/disk', root);
