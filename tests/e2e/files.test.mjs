// Browser end-to-end tests of the page's file exchange: files uploaded
// with the picker or dropped on the page land in the share, and the
// Download menu saves them back with the same bytes.
//   node tests/e2e/files.test.mjs [WEB_ROOT]
import { runPageTests } from './browser.mjs';
import { check, test } from './harness.mjs';
import { downloadFromMenu, openPage } from './terminal.mjs';

const root = process.argv[2] || 'build/web';

test('upload-button-then-download-gives-same-bytes', async ({ browser, base }) => {
  const page = await openPage(browser, base);
  const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff));
  await page.setInputFiles('#upload', [{ name: 'data.bin', mimeType: 'application/octet-stream', buffer: bytes }]);
  await page.waitForFunction(() => /uploaded data\.bin/.test(document.getElementById('files-status').textContent),
    null, { timeout: 5000 });
  const back = await downloadFromMenu(page, 'data.bin');
  check(back.equals(bytes), `downloaded ${back.length} bytes, not the ${bytes.length} uploaded`);
  check(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea')),
    'the terminal did not get the focus back');
  await page.close();
});

test('dropped-file-lands-in-share', async ({ browser, base }) => {
  const page = await openPage(browser, base);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['dropped text\n'], 'notes.txt', { type: 'text/plain' }));
    document.getElementById('terminal').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /uploaded notes\.txt/.test(document.getElementById('files-status').textContent),
    null, { timeout: 5000 });
  const back = await downloadFromMenu(page, 'notes.txt');
  check(back.toString() === 'dropped text\n', `downloaded ${JSON.stringify(back.toString())}`);
  await page.close();
});

await runPageTests('e2e/files', root);
