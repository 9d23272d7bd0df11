// Prebuilt program modules (host-shim/tasks/prebuilt.js): a Machine given
// the test program /bin/t already compiled uses that module for an execve
// of a file with exactly its bytes (the mark 'janux:exec-prebuilt', never
// 'janux:exec-compiled'), and compiles a file that differs from the
// prebuilt bytes in one byte: the prebuilt copy here says "Hello" where
// the file says "hello", so running the wrong module would show on the
// console. Both boot init=/bin/modcache (t.wasm as init, then
// /bin/hello-copy, another file with the same bytes, on task workers).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Machine } from '../../host-shim/machine.js';
import { sameBytes } from '../../host-shim/tasks/prebuilt.js';

const file = (p) => readFileSync(fileURLToPath(new URL(`../../build/wasm32/${p}`, import.meta.url)));
const GREETING = 'hello from exec ';

// Boot the test initramfs with init=/bin/modcache and `programs`; resolves
// { out, marks } once it powers off.
function run(programs) {
  return new Promise((resolve, reject) => {
    const m = new Machine({ bytes: file('kernel.wasm'), initrd: file('tests/initrd.cpio'),
                            cmdline: 'init=/bin/modcache', programs });
    let out = '';
    const marks = new Set();
    m.on('console:output', (b) => { out += new TextDecoder().decode(b).replace(/\r/g, ''); });
    m.on('mark', ({ name }) => marks.add(name));
    m.on('exit', ({ reason, message }) => {
      if (reason === 'poweroff') resolve({ out, marks });
      else reject(new Error(`exit ${reason} ${message ?? ''}; output ${JSON.stringify(out)}`));
    });
    m.boot().catch(reject);
  });
}

// Throw unless the modcache test ran to its end with the file's own greeting.
function ranTheFile({ out }) {
  for (const want of ['test modcache\n', '\nok cache-second-exec\n', '\nok cache-first-exec\n',
                      `${GREETING}copy\n`, '\ndone\n'])
    if (!out.includes(want)) throw new Error(`no ${JSON.stringify(want)}; output ${JSON.stringify(out)}`);
  if (out.includes('FAIL') || out.includes('Hello from exec'))
    throw new Error(`the wrong program ran; output ${JSON.stringify(out)}`);
}

export const tests = [
  {
    name: 'prebuilt/identical-file-uses-prebuilt-module',
    timeoutMs: 30000,
    fn: async () => {
      const bytes = file('tests/t.wasm');
      const r = await run([{ bytes, module: await WebAssembly.compile(bytes) }]);
      ranTheFile(r);
      if (!r.marks.has('janux:exec-prebuilt') || r.marks.has('janux:exec-compiled'))
        throw new Error(`marks ${[...r.marks].join(', ')}: the prebuilt module was not used for every exec`);
    },
  },
  {
    name: 'prebuilt/file-differing-in-one-byte-is-compiled',
    timeoutMs: 30000,
    fn: async () => {
      const bytes = Uint8Array.from(file('tests/t.wasm'));
      const at = Buffer.from(bytes).indexOf(GREETING);
      if (at < 0) throw new Error(`no ${JSON.stringify(GREETING)} in t.wasm`);
      bytes[at] = 'H'.charCodeAt(0);
      const r = await run([{ bytes, module: await WebAssembly.compile(bytes) }]);
      ranTheFile(r);
      if (r.marks.has('janux:exec-prebuilt') || !r.marks.has('janux:exec-compiled'))
        throw new Error(`marks ${[...r.marks].join(', ')}: a different file took the prebuilt module`);
    },
  },
  {
    name: 'prebuilt/same-bytes-compares-every-byte',
    fn: () => {
      const a = new Uint8Array(1031).map((_, i) => i * 7);
      const shared = new Uint8Array(new SharedArrayBuffer(1040), 5, 1031); // unaligned, shared
      shared.set(a);
      if (!sameBytes(a, shared) || !sameBytes(a.subarray(4), shared.subarray(4)))
        throw new Error('equal bytes compared unequal');
      for (const i of [0, 513, 1027, 1030]) {
        const b = a.slice();
        b[i] ^= 1;
        if (sameBytes(a, b) || sameBytes(shared, b)) throw new Error(`a difference at byte ${i} was missed`);
      }
      if (sameBytes(a, a.subarray(0, 1030))) throw new Error('a shorter view compared equal');
    },
  },
];
