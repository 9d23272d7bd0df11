// Browser end-to-end tests of the host share in the page: init mounts the
// browser's share at /mnt/host (and ~/host), an uploaded file is there for
// the shell, a file the guest writes comes back through Download, the
// browser backend does what the guest asks over real OPFS, a folder handed
// to the share replaces it, and nothing outside the share directory can be
// reached, from the shell or by raw 9P requests to the server.
//   node tests/e2e/share.test.mjs [WEB_ROOT]
import { runPageTests } from './browser.mjs';
import { check, test } from './harness.mjs';
import { downloadFromMenu, runCommand, shellPage as bootToShell } from './terminal.mjs';

const root = process.argv[2] || 'build/web';
const shellPage = (browser, base) => bootToShell(browser, base, root);

/** The names in the OPFS root (the share is its janux-share directory). */
const opfsRoot = (page) => page.evaluate(async () => {
  const names = [];
  for await (const name of (await navigator.storage.getDirectory()).keys()) names.push(name);
  return names.sort();
});

test('upload-is-seen-at-mnt-host', async ({ browser, base }) => {
  const page = await shellPage(browser, base);
  await page.setInputFiles('#upload', [{ name: 'up.txt', mimeType: 'text/plain', buffer: Buffer.from('uploaded 123\n') }]);
  await page.waitForFunction(() => /uploaded up\.txt/.test(document.getElementById('files-status').textContent),
    null, { timeout: 5000 });
  const got = await runCommand(page, 'cat /mnt/host/up.txt');
  check(got === 'uploaded 123', `cat /mnt/host/up.txt gave ${JSON.stringify(got)}`);
  const home = await runCommand(page, 'cat ~/host/up.txt');
  check(home === 'uploaded 123', `cat ~/host/up.txt gave ${JSON.stringify(home)}`);
  await page.close();
}, { timeoutMs: 40000 });

test('guest-file-comes-back-through-download', async ({ browser, base }) => {
  const page = await shellPage(browser, base);
  await runCommand(page, 'seq 1 20000 > /tmp/n && cp /tmp/n /mnt/host/numbers.txt && echo copied');
  const back = await downloadFromMenu(page, 'numbers.txt');
  const want = `${Array.from({ length: 20000 }, (_, i) => i + 1).join('\n')}\n`;
  check(back.toString() === want, `downloaded ${back.length} bytes, want ${want.length}`);
  await page.close();
}, { timeoutMs: 40000 });

test('guest-operations-over-opfs', async ({ browser, base }) => {
  const page = await shellPage(browser, base);
  const lines = [
    ['cd /mnt/host && rm -rf w && mkdir w && cd w && echo ok', 'ok'],
    ['echo one > f; echo two >> f; cat f | tr "\\n" ,; echo', 'one,two,'],
    ['truncate -s 2 f; wc -c < f', '2'],
    ['dd if=/dev/zero of=hole bs=1 count=1 seek=9999 2>/dev/null; wc -c < hole', '10000'],
    ['mkdir d; for i in 1 2 3; do : > d/e$i; done; mv d e; ls e | tr "\\n" ,; echo', 'e1,e2,e3,'],
    ['mv f g; ls | tr "\\n" " "; cat g; echo', 'e g hole on'],
    ['rmdir e 2>&1 | grep -c "not empty"', '1'],
    ['ln -s g s 2>&1 | grep -c "Operation not permitted"', '1'],
    ['ln g h 2>/dev/null; echo $?; chmod 600 g; echo $?; chown 1000 g; echo $?', '1\n0\n0'],
    ['touch -d "2001-09-09 01:46:40" g; stat -c "%Y %a %U" g', '1000000000 777 root'],
    ['cd /; rm -r /mnt/host/w; ls /mnt/host/w 2>&1 | grep -c "No such"', '1'],
  ];
  for (const [cmd, want] of lines) {
    const got = await runCommand(page, cmd);
    check(got === want, `${cmd}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
  await page.close();
}, { timeoutMs: 60000 });

test('escape-attempts-from-the-shell-fail', async ({ browser, base }) => {
  const page = await shellPage(browser, base);
  await page.evaluate(async () => {
    const top = await navigator.storage.getDirectory();
    const out = await (await top.getFileHandle('outside-secret', { create: true })).createWritable();
    await out.write('SECRET\n');
    await out.close();
  });
  const before = await opfsRoot(page);
  const tries = [
    'cat /mnt/host/../outside-secret', 'ls /mnt/host/..', 'cat ~/host/../../outside-secret',
    'cd /mnt/host && cat ../outside-secret', 'echo pwn > /mnt/host/../planted',
    'echo keep > /mnt/host/k && mv /mnt/host/k /mnt/host/../moved', 'ln -s ../outside-secret /mnt/host/l',
  ];
  for (const cmd of tries) {
    const got = await runCommand(page, `(${cmd}) 2>&1; cd /`);
    check(!/SECRET/.test(got), `${cmd} read the file outside the share: ${JSON.stringify(got)}`);
  }
  check(JSON.stringify(await opfsRoot(page)) === JSON.stringify(before),
    `the OPFS root changed: ${JSON.stringify(before)} -> ${JSON.stringify(await opfsRoot(page))}`);
  const secret = await page.evaluate(async () => (await (await (await navigator.storage.getDirectory())
    .getFileHandle('outside-secret')).getFile()).text());
  check(secret === 'SECRET\n', `the file outside the share changed: ${JSON.stringify(secret)}`);
  await page.close();
}, { timeoutMs: 60000 });

test('server-refuses-escaping-requests-over-opfs', async ({ browser, base }) => {
  const page = await shellPage(browser, base);
  const r = await page.evaluate(async () => {
    const { createP9Server } = await import('./host-shim/devices/p9.js');
    const { T, Writer, Reader } = await import('./host-shim/devices/p9codec.js');
    const { handlesBackend, errnoOf } = await import('./host-shim/adapters/browser/p9-handles.js');
    const top = await navigator.storage.getDirectory();
    const dir = await top.getDirectoryHandle('janux-test-share', { create: true });
    const server = createP9Server(handlesBackend(async () => dir), { errnoOf });
    const ask = async (type, fill) => {
      const rep = new Reader(await server.handle(fill(new Writer(type, 1)).finish()));
      rep.take(4);
      const t = rep.u8(); rep.u16();
      return t === T.LERROR ? `errno ${rep.u32()}` : rep;
    };
    await ask(T.VERSION, (w) => w.u32(8192).str('9P2000.L'));
    await ask(T.ATTACH, (w) => w.u32(1).u32(0xffffffff).str('root').str('').u32(0));
    const walk = async (names) => {
      const rep = await ask(T.WALK, (w) => { w.u32(1).u32(2).u16(names.length); for (const n of names) w.str(n); return w; });
      if (typeof rep === 'string') return rep;
      const n = rep.u16();
      await ask(T.CLUNK, (w) => w.u32(2));
      return `${n} qids`;
    };
    return {
      dotdot: await walk(['..', '..']),
      outside: await walk(['..', 'outside-secret']),
      slash: await walk(['../outside-secret']),
      create: await ask(T.LCREATE, (w) => w.u32(1).str('../x').u32(2).u32(0o644).u32(0)),
    };
  });
  check(r.dotdot === '2 qids', `a walk up from the root: ${r.dotdot}`); // stays at the root
  check(r.outside === '1 qids', `a walk to a sibling of the share: ${r.outside}`); // ".." only
  check(r.slash === 'errno 22', `a name with a slash: ${r.slash}`);
  check(r.create === 'errno 22', `creating "../x": ${r.create}`);
  await page.close();
}, { timeoutMs: 40000 });

test('shared-folder-replaces-the-share', async ({ browser, base }) => {
  const page = await shellPage(browser, base);
  check(await page.isVisible('#share-folder'), 'no "Share a folder…" control in a browser that can pick folders');
  await page.evaluate(async () => {
    // The folder the picker would hand over (its dialog cannot be driven headless).
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('picked', { create: true });
    const f = await (await folder.getFileHandle('in-folder.txt', { create: true })).createWritable();
    await f.write('from the folder\n');
    await f.close();
    globalThis.showDirectoryPicker = async () => folder;
  });
  await page.click('#share-folder');
  await page.waitForFunction(() => /sharing the folder picked at \/mnt\/host/.test(document.getElementById('files-status').textContent),
    null, { timeout: 10000 });
  const got = await runCommand(page, 'cat /mnt/host/in-folder.txt; ls /mnt/host');
  check(got === 'from the folder\nin-folder.txt', `after sharing the folder: ${JSON.stringify(got)}`);
  await page.close();
}, { timeoutMs: 40000 });

await runPageTests('e2e/share', root);
