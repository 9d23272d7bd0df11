// The host terminal's size reaches the guest: a Machine booted with the
// test initramfs runs /bin/winsize, which makes the console its
// controlling terminal and says "ready"; the test then sends
// 'console:resize' as the Node terminal adapter does on a resize, and the
// guest must get SIGWINCH and read the new size with TIOCGWINSZ.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Machine } from '../../host-shim/machine.js';

const file = (p) => readFileSync(fileURLToPath(new URL(`../../build/wasm32/${p}`, import.meta.url)));

export const tests = [
  {
    name: 'winsize/resize-sends-sigwinch',
    timeoutMs: 30000,
    fn: () => new Promise((resolve, reject) => {
      const m = new Machine({ bytes: file('kernel.wasm'), initrd: file('tests/initrd.cpio'),
                              cmdline: 'init=/bin/winsize' });
      let out = '';
      m.on('console:output', (b) => {
        const before = out;
        out += new TextDecoder().decode(b).replace(/\r/g, '');
        if (!before.includes('ready\n') && out.includes('ready\n'))
          m.send('console:resize', { rows: 33, cols: 111 });
      });
      m.on('exit', ({ reason, message }) => {
        const missing = ['tiocsctty', 'sigwinch', 'winsize-rows', 'winsize-cols']
          .filter((c) => !out.includes(`\nok ${c}\n`));
        if (reason === 'poweroff' && !missing.length && !out.includes('\nFAIL')) resolve();
        else reject(new Error(`missing ${missing.join(', ')}; exit ${reason} ${message ?? ''}; output ${JSON.stringify(out)}`));
      });
      m.boot().catch(reject);
    }),
  },
];
