// Browser end-to-end tests of the page's disk off its main path: the
// IndexedDB fallback (?disk=idb) keeps a synced file across a reload and
// downloads as a clean image; with no room in the site's storage the page
// still boots, without a disk, and says why (docs/web.md, "The disk").
//   node tests/e2e/disk-fallback.test.mjs [WEB_ROOT]
import { runPageTests } from './browser.mjs';
import { check, test } from './harness.mjs';
import { booted, diskNote, downloadedNote, prompt, root, writeSyncReload } from './disk-lib.mjs';
import { runCommand, screenText } from './terminal.mjs';

test('indexeddb-fallback-survives-reload-and-downloads', async ({ browser, base }) => {
  await booted(browser, `${base}?disk=idb`, async (page) => {
    check(/IndexedDB/.test(await diskNote(page)), `disk note: ${await diskNote(page)}`);
    const back = await writeSyncReload(page, 'in-idb-$((6*7))');
    check(back === 'in-idb-42', `after the reload: ${JSON.stringify(back)}`);
    const got = await downloadedNote(page);
    check(got === 'in-idb-42', `debugfs read ${JSON.stringify(got)}`);
  });
}, { timeoutMs: 120000 });

test('no-room-for-the-disk-still-boots-and-says-so', async ({ browser, base }) => {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const origin = new URL(base).origin;
  await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  try {
    await page.goto(base);
    await prompt(page);
    const note = await diskNote(page);
    check(/no persistent disk/.test(note) && /full/.test(note), `disk note: ${note}`);
    const mounts = await runCommand(page, 'grep -c " /home " /proc/mounts');
    check(mounts === '0', `/home mounted without a disk: ${mounts}`);
    // A first visit boots at once with a stand-in of the site's image's size.
    check(/full.*: starting again without a disk\]/s.test(await screenText(page)),
      'the page did not say it started again without the disk');
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.close();
  }
}, { timeoutMs: 60000 });

await runPageTests('e2e/disk-fallback', root);
