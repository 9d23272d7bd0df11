// The same host shim in a browser: headless Chromium (Debian's, through
// playwright-core) loads browser-boot.html from the project's own
// cross-origin-isolated server and boots kernel.wasm in Web Workers; user
// processes (fork, vfork + exec, clone, wait) run there too.

import { fileURLToPath } from 'node:url';
import { bootInBrowser } from './browser-run.js';
import { expect, januxChromium } from './janux-run.js';

const TEST_INITRD = fileURLToPath(new URL('../../build/wasm32/tests/initrd.cpio', import.meta.url));
const BANNER = /Janux \S+ \([0-9a-f]{7,}(-dirty)?, \d{4}-\d\d-\d\d\) wasm32\n/;

// Boots the test initramfs with init=/bin/NAME in Chromium: every check
// must print "ok", none "FAIL", and the guest must power off.
async function inOsChecks(name, checks, timeoutMs) {
  const { output, exit } = await bootInBrowser(`init=/bin/${name}`,
    { initrd: '/build/wasm32/tests/initrd.cpio', timeoutMs });
  const out = output.replace(/\r\n/g, '\n');
  for (const c of checks)
    if (!out.includes(`\nok ${c}\n`)) throw new Error(`no "ok ${c}" in ${JSON.stringify(out.slice(-2000))}`);
  if (/\nFAIL /.test(out) || exit.reason !== 'poweroff') throw new Error(`exit ${JSON.stringify(exit)}: ${out.slice(-2000)}`);
}

export const tests = [
  {
    name: 'browser/boots-in-web-workers',
    timeoutMs: 60000,
    fn: async () => {
      const { output, exit } = await bootInBrowser('loglevel=7 foo=bar');
      if (!BANNER.test(output)) throw new Error(`no banner in ${JSON.stringify(output)}`);
      if (!output.includes('Command line: loglevel=7 foo=bar')) throw new Error('command line not shown');
      if (exit.reason !== 'panic' || exit.status === 0 || !/No working init found/.test(exit.message))
        throw new Error(`exit ${JSON.stringify(exit)}`);
    },
  },
  {
    name: 'browser/processes-fork-exec-clone',
    timeoutMs: 90000,
    fn: () => inOsChecks('procs', ['fork-wait', 'fork-separate-memory', 'vfork-exec-wait', 'exec-status',
                                   'clone-shared-memory'], 60000),
  },
  {
    // Each process memory reserves ~10 GiB of the page's 1 TiB V8 sandbox:
    // without reuse of released ones this failed after about 120 forks.
    name: 'browser/fork-1000-in-a-tight-loop-recycled-memory-clean',
    timeoutMs: 150000,
    fn: () => inOsChecks('forks', ['fork-1000', 'secret-writer', 'recycled-memory-clean'], 120000),
  },
  {
    name: 'browser/launcher-c-boots-janux-init-from-the-initrd',
    timeoutMs: 90000,
    fn: async () => {
      // As bin/janux's command/c-boots-janux-init-from-the-initrd: the test
      // image has no /bin/busybox, so janux-init's #! fails, which shows the
      // -c initramfs reached the page by value and init= points at it.
      const r = await januxChromium(['--initrd', TEST_INITRD, '-c', 'true', '--timeout', '60'], 80000);
      expect(r.status === 125 && r.stderr.includes('Requested init /janux-init failed') &&
             r.stderr.includes('did not report the status'), 'no janux-init run reported', r);
    },
  },
  {
    name: 'browser/launcher-refuses-bad-usage',
    fn: async () => {
      const r = await januxChromium(['--initrd', TEST_INITRD, '--bogus', 'x']);
      expect(r.status === 2 && r.stderr.includes("bad argument '--bogus'"), 'bad usage accepted', r);
    },
  },
];
