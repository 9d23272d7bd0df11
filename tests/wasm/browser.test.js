// The same host shim in a browser: headless Chromium (Debian's, through
// playwright-core) loads browser-boot.html from the project's own
// cross-origin-isolated server and boots kernel.wasm in Web Workers; user
// processes (fork, vfork + exec, clone, wait) run there too.

import { bootInBrowser } from './browser-run.js';

const BANNER = /Janux \S+ \([0-9a-f]{7,}(-dirty)?, \d{4}-\d\d-\d\d\) wasm32\n/;

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
    fn: async () => {
      const { output, exit } = await bootInBrowser('init=/bin/procs',
        { initrd: '/build/wasm32/tests/initrd.cpio', timeoutMs: 60000 });
      const out = output.replace(/\r\n/g, '\n');
      for (const c of ['fork-wait', 'fork-separate-memory', 'vfork-exec-wait', 'exec-status', 'clone-shared-memory'])
        if (!out.includes(`\nok ${c}\n`)) throw new Error(`no "ok ${c}" in ${JSON.stringify(out)}`);
      if (/\nFAIL /.test(out) || exit.reason !== 'poweroff') throw new Error(`exit ${JSON.stringify(exit)}: ${out}`);
    },
  },
];
